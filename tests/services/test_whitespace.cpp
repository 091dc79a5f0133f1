// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Whitespace, the catalog and the pipeline.
#include "servicetest.h"
#include "testsupport.h"

#include "keystone/services/accountoverview.h"
#include "keystone/services/accountservice.h"
#include "keystone/demo/demogenerator.h"
#include "keystone/services/exchangeservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/healthservice.h"
#include "keystone/services/history.h"
#include "keystone/services/planservice.h"
#include "keystone/services/portfolioinfo.h"
#include "keystone/services/relationshipservice.h"
#include "keystone/services/snapshotservice.h"
#include "keystone/services/teamservice.h"
#include "keystone/services/validationerror.h"
#include "keystone/services/whitespaceservice.h"
#include "keystone/storage/storageerror.h"

#include <QSet>
#include <QSignalSpy>

#include <algorithm>
#include <set>
#include <thread>

using namespace keystone;
using services::Portfolio;
using servicetest::draft;
using servicetest::person;

namespace {
// A portfolio with one account, a small catalog and two buying centers.
struct WhitespaceFixture {
    test::TempDir dir;
    std::unique_ptr<Portfolio> p;
    std::unique_ptr<services::AccountService> accounts;
    std::unique_ptr<services::WhitespaceService> ws;
    domain::Account account;
    domain::Product core, analytics, vault;
    domain::BuyingCenter finance, ops;

    WhitespaceFixture()
    {
        p = Portfolio::create(dir.file(QStringLiteral("ws.keystone")));
        accounts = std::make_unique<services::AccountService>(*p);
        ws = std::make_unique<services::WhitespaceService>(*p);
        account = accounts->create(draft(QStringLiteral("Globex"), 10000000));
        core = ws->createProduct({0, {}, QStringLiteral("Core"), QStringLiteral("Platform"), domain::PricingBasis::PerSeat, 18000});
        analytics = ws->createProduct({0, {}, QStringLiteral("Analytics"), QStringLiteral("Platform"), domain::PricingBasis::PerSeat, 9000});
        vault = ws->createProduct({0, {}, QStringLiteral("Vault"), QStringLiteral("Security"), domain::PricingBasis::Flat, 3000000});
        finance = ws->createBuyingCenter({0, {}, account.id, QStringLiteral("Finance"), domain::BuyingCenterKind::Division, 200});
        ops = ws->createBuyingCenter({0, {}, account.id, QStringLiteral("Operations"), domain::BuyingCenterKind::Division, 500});
    }
    domain::WhitespaceCell set(const domain::BuyingCenter &bc, const domain::Product &pr, domain::CellStatus st, qint64 current,
                               qint64 potential, const QString &competitor = {})
    {
        domain::WhitespaceCell c;
        c.buyingCenterId = bc.id;
        c.productId = pr.id;
        c.status = st;
        c.currentArrCents = current;
        c.potentialArrCents = potential;
        c.competitor = competitor;
        ws->setCell(c);
        return *p->whitespace().cellAt(bc.id, pr.id);
    }
    domain::ExpansionTotals cached()
    {
        std::vector<domain::ExpansionTotals> t;
        p->accounts().byIds({account.id}, &t);
        return t.front();
    }
};
} // namespace

TEST_CASE("Whitespace totals by hand, cached on the account and used for potential", "[services][whitespace]")
{
    WhitespaceFixture f;
    f.set(f.finance, f.core, domain::CellStatus::Owned, 10000000, 0);
    f.set(f.finance, f.analytics, domain::CellStatus::Whitespace, 0, 1800000);
    f.set(f.finance, f.vault, domain::CellStatus::NotAFit, 0, 0);
    f.set(f.ops, f.core, domain::CellStatus::Competitor, 0, 9000000, QStringLiteral("Initech"));
    f.set(f.ops, f.analytics, domain::CellStatus::Whitespace, 0, 4500000);
    const domain::WhitespaceTotals t = domain::whitespaceTotals(f.p->whitespace().cells(f.account.id));
    CHECK(t.openWhitespaceCents == 1800000 + 9000000 + 4500000);
    CHECK(t.ownedArrCents == 10000000);
    CHECK(t.penetration() == Approx(1.0 / 4.0)); // 1 owned of 4 that are a fit
    CHECK(f.cached() == domain::ExpansionTotals{15300000, 5, 0});
    CHECK(f.p->accounts().staleExpansionTotals().isEmpty());
    // 153,000 of open whitespace on 100,000 of ARR is high potential even with rating 3.
    const services::AccountOverview o = services::loadAccountOverview(*f.p);
    REQUIRE(o.rows.size() == 1);
    CHECK(o.rows[0].segment.highPotential);
    // Refused: a competitor cell without a name, a negative amount.
    CHECK_THROWS_AS(f.set(f.ops, f.vault, domain::CellStatus::Competitor, 0, 100), services::ValidationError);
    CHECK_THROWS_AS(f.set(f.ops, f.vault, domain::CellStatus::Whitespace, 0, -1), services::ValidationError);
    CHECK_FALSE(f.p->whitespace().cellAt(f.ops.id, f.vault.id));
}

TEST_CASE("A cell becomes an opportunity in one step and undo reverses both", "[services][whitespace]")
{
    WhitespaceFixture f;
    f.set(f.finance, f.core, domain::CellStatus::Owned, 10000000, 0);
    const domain::WhitespaceCell cell = f.set(f.finance, f.analytics, domain::CellStatus::Whitespace, 0, 1800000);
    const auto conv = f.ws->createOpportunityFromCell(cell.id, 0, QDate(2027, 3, 31));
    const auto opp = f.p->opportunities().byId(conv.opportunity.id);
    REQUIRE(opp);
    CHECK(opp->amountCents == 1800000);
    CHECK(opp->stage == domain::Stage::Identified);
    CHECK(opp->probability == 10);
    CHECK(opp->type == domain::OpportunityType::CrossSell); // Finance already owns Core
    CHECK(opp->cellId == cell.id);
    const auto after = *f.p->whitespace().cellById(cell.id);
    CHECK(after.status == domain::CellStatus::Pipeline);
    CHECK(after.opportunityId == opp->id);
    CHECK(f.cached() == domain::ExpansionTotals{0, 2, 180000}); // whitespace moved into the weighted pipeline
    CHECK_THROWS_AS(f.ws->createOpportunityFromCell(cell.id, 0, {}), services::ValidationError); // already in play

    f.ws->undoConversion(conv);
    CHECK(*f.p->whitespace().cellById(cell.id) == cell);
    CHECK_FALSE(f.p->opportunities().byId(conv.opportunity.id));
    CHECK(f.cached() == domain::ExpansionTotals{1800000, 2, 0});
    CHECK(f.p->accounts().staleExpansionTotals().isEmpty());
}

TEST_CASE("Stage changes follow default probabilities unless set by hand", "[services][pipeline]")
{
    WhitespaceFixture f;
    domain::Opportunity o;
    o.accountId = f.account.id;
    o.name = QStringLiteral("Expansion");
    o.amountCents = 1000000;
    o = f.ws->createOpportunity(o);
    o.stage = domain::Stage::Negotiation;
    o = f.ws->updateOpportunity(o);
    CHECK(o.probability == 75);
    CHECK(f.cached().weightedPipelineCents == 750000);
    o.probability = 60; // a person's judgement
    o = f.ws->updateOpportunity(o);
    o.stage = domain::Stage::Proposal;
    o = f.ws->updateOpportunity(o);
    CHECK(o.probability == 60);
    o.stage = domain::Stage::Won;
    o.probability = 100;
    f.ws->updateOpportunity(o);
    CHECK(f.cached().weightedPipelineCents == 0); // won is no longer pipeline
}

TEST_CASE("Deleting a product reports what goes with it, and undo restores it", "[services][whitespace]")
{
    WhitespaceFixture f;
    f.set(f.finance, f.analytics, domain::CellStatus::Whitespace, 0, 1800000);
    f.set(f.ops, f.analytics, domain::CellStatus::Owned, 2500000, 0);
    f.set(f.ops, f.core, domain::CellStatus::Whitespace, 0, 700000);
    const auto usage = f.ws->productUsage(f.analytics.id);
    CHECK(usage.cells == 2);
    CHECK(usage.accounts == 1);
    CHECK(usage.ownedArrCents == 2500000);
    CHECK(usage.openWhitespaceCents == 1800000);
    const auto removed = f.ws->removeProduct(f.analytics.id);
    CHECK(removed.cells.size() == 2);
    CHECK(f.p->whitespace().cells(f.account.id).size() == 1);
    CHECK(f.cached() == domain::ExpansionTotals{700000, 1, 0});
    f.ws->restoreProduct(removed);
    CHECK(f.p->whitespace().cells(f.account.id).size() == 3);
    CHECK(f.p->whitespace().productById(f.analytics.id) == f.analytics);
    CHECK(f.cached() == domain::ExpansionTotals{2500000, 3, 0});
}

TEST_CASE("Deleting an account takes its whitespace and pipeline, and undo brings them back", "[services][whitespace]")
{
    WhitespaceFixture f;
    const auto cell = f.set(f.finance, f.analytics, domain::CellStatus::Whitespace, 0, 1800000);
    f.set(f.ops, f.core, domain::CellStatus::Owned, 10000000, 0);
    f.ws->createOpportunityFromCell(cell.id, 0, QDate(2027, 1, 1));
    const auto centers = f.p->whitespace().buyingCenters(f.account.id);
    const auto cells = f.p->whitespace().cells(f.account.id);
    const auto opps = f.p->opportunities().byAccount(f.account.id);
    const auto gone = f.accounts->remove({f.account.id});
    REQUIRE(gone.size() == 1);
    CHECK(gone[0].cells.size() == 2);
    CHECK(f.p->whitespace().allCells().empty());
    CHECK(f.p->opportunities().count() == 0);
    f.accounts->restore(gone);
    CHECK(f.p->whitespace().buyingCenters(f.account.id) == centers);
    CHECK(f.p->whitespace().cells(f.account.id) == cells);
    CHECK(f.p->opportunities().byAccount(f.account.id) == opps);
    CHECK(f.p->accounts().staleExpansionTotals().isEmpty());
    CHECK(f.p->database().check(true).isEmpty());
}

TEST_CASE("Open whitespace folds into a product x group matrix", "[services][whitespace]")
{
    std::vector<domain::Product> products{{10, {}, QStringLiteral("Core"), {}, domain::PricingBasis::Flat, 0},
                                          {20, {}, QStringLiteral("Vault"), {}, domain::PricingBasis::Flat, 0}};
    // Accounts 1 and 2 in Retail, 3 in Energy, 4 left out (no group), product 99 unknown.
    const std::vector<services::OpenWhitespaceEntry> entries{
        {1, 10, 1000}, {1, 20, 500}, {2, 10, 300}, {3, 20, 5000}, {4, 10, 777}, {3, 99, 1}};
    auto groupOf = [](qint64 id) {
        return id <= 2 ? QStringLiteral("Retail") : id == 3 ? QStringLiteral("Energy") : QString();
    };
    const services::WhitespaceMatrix m = services::groupOpenWhitespace(products, entries, groupOf);
    // Energy (5,000) before Retail (1,800): largest first.
    REQUIRE(m.groups == std::vector<QString>{QStringLiteral("Energy"), QStringLiteral("Retail")});
    CHECK(m.openCents[0] == std::vector<qint64>{0, 5000});
    CHECK(m.openCents[1] == std::vector<qint64>{1300, 500});
    CHECK(m.accounts[1] == std::vector<int>{2, 1});
    CHECK(m.totalCents == 6800);
    CHECK(m.rowTotal(1) == 1800);
    CHECK(m.columnTotal(0) == 1300);

    // Fixed groups keep their order and appear even when empty.
    const auto tiers = services::groupOpenWhitespace(products, entries, groupOf,
                                                     {QStringLiteral("Retail"), QStringLiteral("Media"), QStringLiteral("Energy")});
    CHECK(tiers.groups == std::vector<QString>{QStringLiteral("Retail"), QStringLiteral("Media"), QStringLiteral("Energy")});
    CHECK(tiers.rowTotal(1) == 0);
}
