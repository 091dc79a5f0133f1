// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
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

namespace {
domain::Account draft(const QString &name, qint64 cents = 500000)
{
    domain::Account a;
    a.name = name;
    a.arr.cents = cents;
    return a;
}
} // namespace

TEST_CASE("Creating accounts validates, stores and announces them", "[services][accounts]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("a.keystone")), QStringLiteral("EUR"));
    services::AccountService svc(*p);
    QSignalSpy added(p.get(), &Portfolio::accountsAdded);

    const domain::Account acme = svc.create(draft(QStringLiteral("  Acme   Corp ")));
    CHECK(acme.id > 0);
    CHECK(acme.name == QStringLiteral("Acme Corp"));
    CHECK(acme.arr.currency == QStringLiteral("EUR")); // the portfolio's
    REQUIRE(added.size() == 1);
    CHECK(added.at(0).at(0).value<QList<qint64>>() == QList<qint64>{acme.id});

    SECTION("a duplicate name, in any case, is refused with the field named")
    {
        try {
            svc.create(draft(QStringLiteral("ACME CORP")));
            FAIL("duplicate accepted");
        } catch (const services::ValidationError &e) {
            REQUIRE(e.errors().size() == 1);
            CHECK(e.errors().first().field == QStringLiteral("name"));
            CHECK(e.message().contains(QStringLiteral("already exists")));
        }
    }
    SECTION("negative ARR and an unknown owner are refused and nothing is written")
    {
        CHECK_THROWS_AS(svc.create(draft(QStringLiteral("Neg"), -1)), services::ValidationError);
        domain::Account orphan = draft(QStringLiteral("Orphan"));
        orphan.ownerId = 77;
        CHECK_THROWS_AS(svc.create(orphan), services::ValidationError);
    }
    CHECK(p->accounts().count() == 1);
    CHECK(added.size() == 1);
}

TEST_CASE("Updating, deleting and restoring accounts", "[services][accounts]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("u.keystone")));
    services::AccountService svc(*p);
    const domain::Account a = svc.create(draft(QStringLiteral("Alpha"), 100));
    const domain::Account b = svc.create(draft(QStringLiteral("Beta"), 200));
    QSignalSpy updated(p.get(), &Portfolio::accountsUpdated);
    QSignalSpy removed(p.get(), &Portfolio::accountsRemoved);

    domain::Account changed = a;
    changed.arr.cents = 150;
    changed.uuid = QStringLiteral("not-allowed-to-change");
    const domain::Account stored = svc.update(changed);
    CHECK(stored.uuid == a.uuid);
    CHECK(p->accounts().byId(a.id)->arr.cents == 150);
    CHECK(updated.size() == 1);

    domain::Account clash = b;
    clash.name = QStringLiteral("alpha");
    CHECK_THROWS_AS(svc.update(clash), services::ValidationError);
    CHECK(p->accounts().byId(b.id)->name == QStringLiteral("Beta"));

    const std::vector<services::AccountSnapshot> gone = svc.remove({a.id, b.id, 12345});
    REQUIRE(gone.size() == 2);
    CHECK(p->accounts().count() == 0);
    CHECK(removed.size() == 1);
    svc.restore(gone);
    CHECK(p->accounts().count() == 2);
    CHECK(*p->accounts().byId(a.id) == gone[0].account); // same id, uuid, timestamps
    CHECK(*p->accounts().byId(b.id) == gone[1].account);
}

TEST_CASE("Team members: unique names and validated hours", "[services][team]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("t.keystone")));
    services::TeamService team(*p);
    domain::TeamMember m;
    m.name = QStringLiteral("Mei Chen");
    const domain::TeamMember stored = team.create(m);
    CHECK(stored.id > 0);
    CHECK_THROWS_AS(team.create(m), services::ValidationError);
    domain::TeamMember bad;
    bad.name = QStringLiteral("Zero Hours");
    bad.hoursPerMonth = 0;
    CHECK_THROWS_AS(team.create(bad), services::ValidationError);
    CHECK(p->team().count() == 1);
}

TEST_CASE("Portfolio settings are validated and kept in the file", "[services][settings]")
{
    test::TempDir dir;
    const QString path = dir.file(QStringLiteral("s.keystone"));
    {
        auto p = Portfolio::create(path, QStringLiteral("GBP"));
        domain::PortfolioSettings s = p->settings();
        s.segmentation.percentile = 150;
        CHECK_THROWS_AS(p->updateSettings(s), services::ValidationError);
        s.segmentation.percentile = 70;
        p->updateSettings(s);
    }
    auto p = Portfolio::open(path);
    CHECK(p->settings().currency == QStringLiteral("GBP"));
    CHECK(p->settings().segmentation.percentile == 70);
    CHECK_THROWS_AS(Portfolio::create(dir.file(QStringLiteral("x.keystone")), QStringLiteral("ABC")), services::ValidationError);
}

TEST_CASE("The demo portfolio is deterministic per seed and day, and realistic", "[services][demo]")
{
    test::TempDir dir;
    demo::DemoOptions o;
    o.accounts = 300;
    o.seed = 42;
    o.today = QDate(2026, 11, 23);
    const demo::DemoResult r1 = demo::generateDemo(dir.file(QStringLiteral("d1.keystone")), o);
    demo::generateDemo(dir.file(QStringLiteral("d2.keystone")), o);
    o.seed = 43;
    demo::generateDemo(dir.file(QStringLiteral("d3.keystone")), o);
    CHECK(r1.accounts == 300);
    CHECK(r1.teamMembers >= 8);

    auto p1 = Portfolio::open(dir.file(QStringLiteral("d1.keystone")));
    auto p2 = Portfolio::open(dir.file(QStringLiteral("d2.keystone")));
    auto p3 = Portfolio::open(dir.file(QStringLiteral("d3.keystone")));
    const auto a1 = p1->accounts().all();
    CHECK(a1 == p2->accounts().all());
    CHECK(p1->team().all() == p2->team().all());
    CHECK_FALSE(a1 == p3->accounts().all());

    // Realism checks computed independently of the generator.
    std::set<QString> names;
    std::vector<qint64> arr;
    int renewalsInWindow = 0;
    int churned = 0;
    for (const domain::Account &a : a1) {
        names.insert(a.name.toCaseFolded());
        arr.push_back(a.arr.cents);
        if (a.arr.cents == 0) { // a churned customer (the ARR history says when)
            CHECK(a.notes.startsWith(QStringLiteral("Churned")));
            CHECK_FALSE(a.renewalDate.isValid());
            ++churned;
            continue;
        }
        CHECK(a.arr.cents >= 800000);
        CHECK(a.arr.cents <= 600000000);
        CHECK(!a.industry.isEmpty());
        CHECK(!a.region.isEmpty());
        CHECK(a.ownerId > 0);
        const qint64 days = o.today.daysTo(a.renewalDate);
        if (days >= -45 && days <= 548)
            ++renewalsInWindow;
    }
    CHECK(names.size() == 300);
    CHECK(renewalsInWindow == 300 - churned);
    CHECK(churned <= 30); // a few percent of the book
    // Every account has an ARR history that ends at its ARR today.
    const auto history = p1->arrHistory().all();
    for (const domain::Account &a : a1) {
        std::vector<domain::ArrPoint> mine;
        std::copy_if(history.begin(), history.end(), std::back_inserter(mine), [&](const domain::ArrPoint &pt) { return pt.accountId == a.id; });
        REQUIRE_FALSE(mine.empty());
        CHECK(domain::arrOn(mine, o.today) == a.arr.cents);
    }
    std::sort(arr.begin(), arr.end(), std::greater<>());
    qint64 top20 = 0, total = 0;
    for (size_t i = 0; i < arr.size(); ++i) {
        total += arr[i];
        if (i < arr.size() / 5)
            top20 += arr[i];
    }
    CHECK(double(top20) / double(total) > 0.5); // heavy-tailed: the top fifth carries most revenue
}

TEST_CASE("The overview segments every account with the domain rules", "[services][overview]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("o.keystone")));
    services::AccountService svc(*p);
    // ARR 1000..10000 dollars; the 80th percentile is $8,200.
    for (int i = 1; i <= 10; ++i) {
        domain::Account a = draft(QStringLiteral("Acc %1").arg(i), qint64(i) * 100000);
        a.potentialRating = i == 10 || i == 1 ? 5 : 2;
        if (i == 2) {
            a.tierOverride = domain::Tier::Tier1;
            a.tierOverrideReason = QStringLiteral("Strategic logo");
        }
        svc.create(a);
    }
    const services::AccountOverview o = services::loadAccountOverview(*p);
    CHECK(o.thresholdCents == 820000);
    REQUIRE(o.rows.size() == 10);
    auto row = [&](int i) { return o.rows[size_t(i - 1)]; };
    CHECK(row(10).segment.quadrant == domain::Quadrant::Invest);
    CHECK(row(10).tier == domain::Tier::Tier1);
    CHECK(row(9).segment.quadrant == domain::Quadrant::Protect);
    CHECK(row(8).segment.quadrant == domain::Quadrant::Maintain);
    CHECK(row(1).segment.quadrant == domain::Quadrant::Develop);
    CHECK(row(2).segment.suggestedTier == domain::Tier::Tier3);
    CHECK(row(2).tier == domain::Tier::Tier1); // the override wins, the suggestion is kept

    const services::PortfolioInfo info = services::portfolioInfo(*p);
    CHECK(info.counts.value(QStringLiteral("accounts")) == 10);
    CHECK(info.totalArrCents == 5500000);
    CHECK(info.schemaVersion == storage::Database::latestSchemaVersion());
}

TEST_CASE("Removing a team member unassigns their accounts and restore gives them back", "[services][team]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("tr.keystone")));
    services::TeamService team(*p);
    services::AccountService accounts(*p);
    domain::TeamMember m;
    m.name = QStringLiteral("Olivia Rossi");
    m = team.create(m);
    QList<qint64> owned;
    for (int i = 0; i < 3; ++i) {
        domain::Account a = draft(QStringLiteral("Owned %1").arg(i));
        a.ownerId = m.id;
        owned << accounts.create(a).id;
    }
    const qint64 other = accounts.create(draft(QStringLiteral("Not hers"))).id;

    const services::TeamService::Removed removed = team.remove(m.id);
    CHECK(removed.member == m);
    CHECK(removed.ownedAccountIds == owned);
    for (qint64 id : owned)
        CHECK(p->accounts().byId(id)->ownerId == 0);

    // Meanwhile one of her accounts goes to someone else: restore must not take it back.
    domain::TeamMember n;
    n.name = QStringLiteral("Noah Berg");
    n = team.create(n);
    domain::Account moved = *p->accounts().byId(owned[0]);
    moved.ownerId = n.id;
    accounts.update(moved);

    team.restore(removed);
    CHECK(p->team().byId(m.id) == m); // same id and fields
    CHECK(p->accounts().byId(owned[0])->ownerId == n.id);
    CHECK(p->accounts().byId(owned[1])->ownerId == m.id);
    CHECK(p->accounts().byId(owned[2])->ownerId == m.id);
    CHECK(p->accounts().byId(other)->ownerId == 0);
    CHECK_THROWS_AS(team.remove(4242), services::ValidationError);
}

TEST_CASE("Ids are never reused, so undoing a delete after new additions works", "[services][accounts]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("ids.keystone")));
    services::AccountService svc(*p);
    svc.create(draft(QStringLiteral("First")));
    const domain::Account last = svc.create(draft(QStringLiteral("Last")));
    const auto gone = svc.remove({last.id}); // the highest id
    const domain::Account newer = svc.create(draft(QStringLiteral("Newer")));
    CHECK(newer.id > last.id);
    svc.restore(gone);
    CHECK(p->accounts().byId(last.id)->name == QStringLiteral("Last"));
    CHECK(p->accounts().count() == 3);
}

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

namespace {
domain::Contact person(qint64 accountId, const char *name, qint64 reportsTo = 0)
{
    domain::Contact c;
    c.accountId = accountId;
    c.name = QString::fromUtf8(name);
    c.reportsToId = reportsTo;
    return c;
}
} // namespace

TEST_CASE("Contacts: a reports-to cycle is refused, and deleting a manager moves the reports up until undone",
          "[services][relationship]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("r.keystone")));
    services::AccountService accounts(*p);
    services::RelationshipService svc(*p);
    const qint64 acct = accounts.create(draft(QStringLiteral("Initech"))).id;
    const qint64 other = accounts.create(draft(QStringLiteral("Globex"))).id;
    // CEO <- VP <- Director, Analyst
    const domain::Contact ceo = svc.createContact(person(acct, "Bill Lumbergh"));
    const domain::Contact vp = svc.createContact(person(acct, "Dom Portwood", ceo.id));
    const domain::Contact dir1 = svc.createContact(person(acct, "Milton Waddams", vp.id));
    const domain::Contact dir2 = svc.createContact(person(acct, "Peter Gibbons", vp.id));
    const domain::Contact outsider = svc.createContact(person(other, "Hank Scorpio"));

    // The CEO cannot report to the director who reports to him through the VP.
    try {
        svc.setReportsTo(ceo.id, dir1.id);
        FAIL("cycle accepted");
    } catch (const services::ValidationError &e) {
        CHECK(e.errors().first().field == QStringLiteral("reports_to"));
        CHECK(e.message().contains(QStringLiteral("'Milton Waddams' reports to 'Bill Lumbergh'")));
    }
    CHECK_THROWS_AS(svc.setReportsTo(vp.id, vp.id), services::ValidationError);
    CHECK_THROWS_AS(svc.setReportsTo(vp.id, outsider.id), services::ValidationError);
    CHECK(p->contacts().byId(ceo.id)->reportsToId == 0); // nothing written

    // Activities with the VP: last interaction and influence links come along on undo.
    domain::Activity meeting;
    meeting.accountId = acct;
    meeting.date = QDate(2026, 11, 2);
    meeting.summary = QStringLiteral("Roadmap");
    meeting.contactIds = {vp.id, dir1.id};
    const domain::Activity saved = svc.createActivity(meeting);
    svc.addInfluence(acct, vp.id, dir2.id);
    // The VP is the success plan's champion and was asked for a reference: the database
    // drops both with the contact (ON DELETE CASCADE), and undo must bring both back.
    services::PlanService plans(*p);
    domain::SuccessContact championRole;
    championRole.accountId = acct;
    championRole.contactId = vp.id;
    championRole.role = domain::SuccessRole::Champion;
    const domain::SuccessContact role = plans.add(championRole);
    domain::ReferenceRequest ask;
    ask.accountId = acct;
    ask.contactId = vp.id;
    ask.date = QDate(2026, 10, 5);
    ask.purpose = QStringLiteral("Call with a prospect in logistics");
    const domain::ReferenceRequest request = plans.add(ask);

    QSignalSpy changed(p.get(), &Portfolio::contactsChanged);
    QSignalSpy planChanged(p.get(), &Portfolio::planChanged);
    const auto removed = svc.removeContact(vp.id);
    CHECK(changed.size() == 1);
    CHECK(planChanged.size() == 1);
    CHECK(p->plan().items<domain::SuccessContact>(acct).empty());
    CHECK(p->plan().items<domain::ReferenceRequest>(acct).empty());
    CHECK(removed.reports == QList<qint64>{dir1.id, dir2.id});
    CHECK(p->contacts().byId(dir1.id)->reportsToId == ceo.id); // moved up one level
    CHECK(p->contacts().byId(dir2.id)->reportsToId == ceo.id);
    CHECK(p->contacts().influenceLinks(acct).empty());
    CHECK(p->activities().byId(saved.id)->contactIds == std::vector<qint64>{dir1.id});

    svc.restoreContact(removed);
    CHECK(p->contacts().byId(vp.id)->name == QStringLiteral("Dom Portwood"));
    CHECK(p->contacts().byId(dir1.id)->reportsToId == vp.id);
    CHECK(p->contacts().byId(dir2.id)->reportsToId == vp.id);
    CHECK(p->contacts().influenceLinks(acct).size() == 1);
    CHECK(p->activities().byId(saved.id)->contactIds == std::vector<qint64>{vp.id, dir1.id});
    CHECK(p->plan().items<domain::SuccessContact>(acct) == std::vector<domain::SuccessContact>{role});
    const auto requests = p->plan().items<domain::ReferenceRequest>(acct);
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].id == request.id);
    CHECK(requests[0].date == QDate(2026, 10, 5));
    CHECK(requests[0].purpose == ask.purpose);
    CHECK(planChanged.size() == 2);
    QHash<qint64, QDate> last;
    p->contacts().forAccount(acct, &last);
    CHECK(last.value(vp.id) == QDate(2026, 11, 2));
    CHECK(p->contacts().staleLastInteractions().isEmpty());
}

TEST_CASE("Activities keep last interaction and depth in step, by the cache and by the log", "[services][relationship]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("a.keystone")));
    services::AccountService accounts(*p);
    services::RelationshipService svc(*p);
    const qint64 acct = accounts.create(draft(QStringLiteral("Initech"))).id;
    const domain::Contact a = svc.createContact(person(acct, "Ann"));
    const domain::Contact b = svc.createContact(person(acct, "Bob"));
    const QDate today(2026, 11, 23);

    auto depthFromCache = [&] { return p->contacts().depthByAccount(today.addDays(-domain::kDepthWindowDays)).value(acct); };
    auto depthFromLog = [&] {
        const auto contacts = p->contacts().forAccount(acct);
        const auto log = p->activities().forAccount(acct);
        return domain::multithreadingDepth(contacts, domain::lastInteractions(log), today);
    };
    CHECK(depthFromCache() == 0);

    domain::Activity call;
    call.accountId = acct;
    call.type = domain::ActivityType::Call;
    call.date = today.addDays(-100); // outside the window
    call.summary = QStringLiteral("Intro");
    call.contactIds = {a.id};
    domain::Activity saved = svc.createActivity(call);
    CHECK(depthFromCache() == 0);
    CHECK(depthFromLog() == 0);

    saved.date = today.addDays(-5);
    saved.contactIds = {a.id, b.id};
    svc.updateActivity(saved);
    CHECK(depthFromCache() == 2);
    CHECK(depthFromLog() == 2);

    const domain::Activity gone = svc.removeActivity(saved.id);
    CHECK(depthFromCache() == 0);
    svc.restoreActivity(gone);
    CHECK(depthFromCache() == 2);
    CHECK(p->activities().byId(saved.id)->date == today.addDays(-5));

    // A summary is required; a contact of another account is refused.
    domain::Activity bad = call;
    bad.summary.clear();
    CHECK_THROWS_AS(svc.createActivity(bad), services::ValidationError);
    CHECK(p->activities().count() == 1);
}

TEST_CASE("The demo's relationship data is consistent with its caches", "[services][demo][relationship]")
{
    test::TempDir dir;
    demo::DemoOptions o;
    o.accounts = 150;
    o.seed = 4;
    o.today = QDate(2026, 11, 23);
    demo::generateDemo(dir.file(QStringLiteral("d.keystone")), o);
    auto p = Portfolio::open(dir.file(QStringLiteral("d.keystone")));
    CHECK(p->contacts().staleLastInteractions().isEmpty());
    const auto depth = p->contacts().depthByAccount(o.today.addDays(-domain::kDepthWindowDays));
    int single = 0, checked = 0;
    for (const domain::Account &a : p->accounts().all()) {
        const auto contacts = p->contacts().forAccount(a.id);
        CHECK(contacts.size() >= 5);
        const int fromLog = domain::multithreadingDepth(contacts, domain::lastInteractions(p->activities().forAccount(a.id)), o.today);
        CHECK(depth.value(a.id) == fromLog);
        single += domain::isSingleThreaded(fromLog) ? 1 : 0;
        ++checked;
    }
    // Some single-threaded accounts, but not most.
    CHECK(single > 0);
    CHECK(single < checked / 2);
}

TEST_CASE("Health from stored inputs and the activity log: the worked example, trend, recompute after a weight change",
          "[services][health]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("h.keystone")));
    services::AccountService accounts(*p);
    services::RelationshipService rel(*p);
    services::HealthService health(*p);
    domain::Account a = draft(QStringLiteral("Initech"), 50000000);
    a.tierOverride = domain::Tier::Tier1; // engagement target 6 touchpoints, depth target 5
    a.tierOverrideReason = QStringLiteral("Strategic");
    const qint64 acct = accounts.create(a).id;
    const QDate today(2026, 11, 23);

    // Two contacts met in three customer touchpoints within 90 days: depth 2, touchpoints 3.
    const domain::Contact ann = rel.createContact(person(acct, "Ann"));
    const domain::Contact bob = rel.createContact(person(acct, "Bob"));
    for (int i = 0; i < 3; ++i) {
        domain::Activity call;
        call.accountId = acct;
        call.date = today.addDays(-10 * (i + 1));
        call.summary = QStringLiteral("Call %1").arg(i);
        call.contactIds = {i == 0 ? bob.id : ann.id};
        rel.createActivity(call);
    }
    domain::Activity old; // outside the 90 days: neither a touchpoint nor depth
    old.accountId = acct;
    old.date = today.addDays(-120);
    old.summary = QStringLiteral("Kick-off");
    old.contactIds = {ann.id, bob.id};
    rel.createActivity(old);

    domain::HealthInputs in;
    in.date = today;
    in.licensedSeats = 150;
    in.activeUsers = 120;
    in.featuresOffered = 6;
    in.featuresUsed = 3;
    in.sev1 = 1;
    in.sev3 = 3;
    in.nps = 20;
    in.daysLate = 15;
    CHECK_FALSE(health.saveInputs(acct, in).has_value()); // nothing on that date before

    services::AccountHealth h = health.healthOf(acct, today);
    CHECK(h.now.score == Approx(64.75));
    CHECK(h.now.band == domain::HealthBand::Yellow);
    CHECK(h.now.measureScores[size_t(domain::Measure::Engagement)] == Approx(50));
    CHECK(h.now.measureScores[size_t(domain::Measure::Relationship)] == Approx(40));
    CHECK_FALSE(h.before); // no snapshot 30 days earlier

    // A snapshot a month earlier with half the users: trend up, usage changed most.
    domain::HealthInputs earlier = in;
    earlier.date = today.addDays(-30);
    earlier.activeUsers = 60;
    health.saveInputs(acct, earlier);
    h = health.healthOf(acct, today);
    REQUIRE(h.before);
    CHECK(h.trend == domain::Trend::Up);
    CHECK(h.whatChanged.front().measure == domain::Measure::Usage);
    CHECK(h.whatChanged.front().delta() == Approx(12.5));

    // Stored scores follow every save; the latest is today's.
    CHECK(p->health().history(acct).size() == 2);
    CHECK(p->health().latestScores(today).value(acct).score == Approx(64.75));
    // The cache the portfolio table reads: today's score, and the one 30 days before it.
    const auto cached = p->health().currentScores().value(acct);
    CHECK(cached.now.date == today);
    CHECK(cached.now.score == Approx(64.75));
    REQUIRE(cached.before);
    CHECK(*cached.before == Approx(h.before->score));

    // Removing the NPS weight recomputes every stored score in one step.
    domain::Scorecard card = health.scorecards().front();
    card.weights[size_t(domain::Measure::Sentiment)] = 0;
    health.saveScorecard(card);
    CHECK(p->health().latestScores(today).value(acct).score == Approx(5575.0 / 85.0));
    CHECK(health.healthOf(acct, today).now.confidence == Approx(1.0)); // sentiment no longer counts at all

    // An invalid scorecard is refused and changes nothing.
    domain::Scorecard bad = card;
    bad.greenAt = 50;
    CHECK_THROWS_AS(health.saveScorecard(bad), services::ValidationError);
    CHECK(health.scorecards().front().greenAt == 75);

    // Undoing an input change puts the old snapshot back and the score with it.
    domain::HealthInputs worse = in;
    worse.daysLate = 60;
    const auto before = health.saveInputs(acct, worse);
    REQUIRE(before);
    CHECK(p->health().latestScores(today).value(acct).score < 5575.0 / 85.0);
    health.restoreInputs(acct, today, before);
    CHECK(p->health().latestScores(today).value(acct).score == Approx(5575.0 / 85.0));

    // Bad input is refused with the field named.
    domain::HealthInputs wrong = in;
    wrong.nps = 150;
    try {
        health.saveInputs(acct, wrong);
        FAIL("NPS 150 accepted");
    } catch (const services::ValidationError &e) {
        CHECK(e.errors().first().field == QStringLiteral("nps"));
    }
}

TEST_CASE("The demo's health history: 24 snapshots per account, stored scores agree with a fresh computation", "[services][demo][health]")
{
    test::TempDir dir;
    demo::DemoOptions o;
    o.accounts = 80;
    o.seed = 6;
    o.today = QDate(2026, 11, 23);
    demo::generateDemo(dir.file(QStringLiteral("d.keystone")), o);
    auto p = Portfolio::open(dir.file(QStringLiteral("d.keystone")));
    CHECK(p->health().scoreCount() == 80 * 24);
    services::HealthService health(*p);
    const auto stored = p->health().latestScores(o.today);
    int bands[4] = {0, 0, 0, 0};
    int stale = 0;
    for (const auto &h : health.healthOfAll(o.today)) {
        CHECK(stored.value(h.accountId).score == Approx(h.now.score));
        ++bands[int(h.now.band)];
        stale += h.now.stale.empty() ? 0 : 1;
    }
    // Believable: every band occurs, green is the largest group, some sentiment is stale.
    CHECK(bands[int(domain::HealthBand::Green)] > 0);
    CHECK(bands[int(domain::HealthBand::Yellow)] > 0);
    CHECK(bands[int(domain::HealthBand::Red)] > 0);
    CHECK(stale > 0);
}

TEST_CASE("One account's row agrees with the whole book's overview", "[services][accounts]")
{
    test::TempDir dir;
    demo::DemoOptions o;
    o.accounts = 40;
    o.seed = 2;
    o.today = QDate(2026, 11, 23);
    demo::generateDemo(dir.file(QStringLiteral("r.keystone")), o);
    auto p = Portfolio::open(dir.file(QStringLiteral("r.keystone")));
    for (const services::AccountRow &r : services::loadAccountOverview(*p).rows) {
        const auto one = services::loadAccountRow(*p, r.account.id);
        REQUIRE(one);
        CHECK(one->tier == r.tier);
        CHECK(one->segment == r.segment);
        CHECK(one->ownerName == r.ownerName);
    }
    CHECK_FALSE(services::loadAccountRow(*p, 999999));
}

TEST_CASE("A tier scorecard saved on a worker connection recomputes the book as the preview counted the same band changes", "[services][health]")
{
    test::TempDir dir;
    demo::DemoOptions o;
    o.accounts = 60;
    o.seed = 9;
    o.today = QDate(2026, 11, 23);
    const QString file = dir.file(QStringLiteral("s.keystone"));
    demo::generateDemo(file, o);
    auto p = Portfolio::open(file);
    services::HealthService health(*p);
    QHash<qint64, domain::Tier> tiers;
    for (const services::AccountRow &r : services::loadAccountOverview(*p).rows)
        tiers.insert(r.account.id, r.tier);
    const auto before = health.currentScores();

    // Tier 1 accounts turn Green only at 95: every Tier 1 account now Green below 95 moves.
    domain::Scorecard card = health.defaultScorecard();
    card.id = 0;
    card.name = QStringLiteral("Tier 1");
    card.tier = domain::Tier::Tier1;
    card.greenAt = 95;
    int expected = 0;
    for (auto it = before.begin(); it != before.end(); ++it)
        if (tiers.value(it.key()) == domain::Tier::Tier1 && it->now.band == domain::HealthBand::Green && it->now.score < 95)
            ++expected;
    REQUIRE(expected > 0);
    CHECK(health.bandChangesWith(card, o.today) == expected);

    // Cancelled: nothing is written.
    CHECK_FALSE(health.saveScorecard(card, [](int, int) { return false; }));
    CHECK(health.scorecards().size() == 1);
    CHECK(health.currentScores().value(before.begin().key()).now.band == before.begin()->now.band);

    // Saved on a worker thread with its own connection; the owner's connection sees the result.
    std::optional<domain::Scorecard> saved;
    int lastDone = -1, lastTotal = -1;
    const auto ticket = p->workerTicket();
    std::thread worker([&] {
        auto w = Portfolio::openWorker(ticket);
        services::HealthService hs(*w);
        saved = hs.saveScorecard(card, [&](int done, int total) {
            lastDone = done;
            lastTotal = total;
            return true;
        });
    });
    worker.join();
    REQUIRE(saved);
    CHECK(saved->id > 0);
    CHECK(lastDone == lastTotal); // the last report says finished
    CHECK(health.scorecards().size() == 2);
    const auto after = health.currentScores();
    int moved = 0;
    for (auto it = before.begin(); it != before.end(); ++it) {
        const bool tier1 = tiers.value(it.key()) == domain::Tier::Tier1;
        if (after.value(it.key()).now.band != it->now.band) {
            ++moved;
            CHECK(tier1);
            CHECK(after.value(it.key()).now.band == domain::HealthBand::Yellow);
        }
    }
    CHECK(moved == expected);

    // The preview of removing it counts the same accounts, each going back to Green.
    const services::BandMoves back = health.loadPreview(o.today).withoutCard(saved->id);
    CHECK(back.total == expected);
    CHECK(back.into[size_t(domain::HealthBand::Green)] == expected);

    // The default scorecard cannot be removed; removing the tier one puts every band back.
    CHECK_THROWS_AS(health.removeScorecard(health.defaultScorecard().id == 0 ? saved->id + 1000 : health.defaultScorecard().id),
                    services::ValidationError);
    CHECK(health.removeScorecard(saved->id));
    const auto restored = health.currentScores();
    for (auto it = before.begin(); it != before.end(); ++it)
        CHECK(restored.value(it.key()).now.band == it->now.band);
}

TEST_CASE("Plan completeness of the whole book, counted in SQL, agrees with each account's plan", "[services][plan]")
{
    test::TempDir dir;
    demo::DemoOptions o;
    o.accounts = 120;
    o.seed = 12;
    o.today = QDate(2026, 11, 23);
    const QString file = dir.file(QStringLiteral("plan.keystone"));
    demo::generateDemo(file, o);
    auto p = Portfolio::open(file);
    services::PlanService plans(*p);
    const auto summaries = plans.summaries(o.today);
    REQUIRE(summaries.size() == 120);
    QSet<int> levels;
    int stale = 0, fresh = 0;
    for (auto it = summaries.begin(); it != summaries.end(); ++it) {
        const auto plan = plans.load(it.key(), o.today);
        REQUIRE(plan);
        CHECK(plan->completeness.percent == it->completeness);
        CHECK(plan->freshness.days == it->freshness.days);
        CHECK(plan->freshness.stale == it->freshness.stale);
        int overdue = 0;
        for (const auto &a : plan->actions)
            overdue += a.daysOverdue(o.today) > 0 ? 1 : 0;
        CHECK(overdue == it->overdueActions);
        levels.insert(it->completeness);
        (it->freshness.stale ? stale : fresh) += 1;
    }
    // A believable spread: complete and incomplete plans, fresh and stale ones.
    CHECK(levels.size() >= 4);
    CHECK(stale > 10);
    CHECK(fresh > 10);
}

TEST_CASE("Plan edits are validated, change completeness, and come back with their ids", "[services][plan]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("e.keystone")));
    services::AccountService accounts(*p);
    domain::Account a;
    a.name = QStringLiteral("Harbor Logistics");
    a.arr = domain::Money{5000000, QStringLiteral("USD")};
    const qint64 acct = accounts.create(a).id;
    services::TeamService team(*p);
    domain::TeamMember m;
    m.name = QStringLiteral("Dana Ortiz");
    m.role = domain::TeamRole::AM;
    const qint64 owner = team.create(m).id;
    services::PlanService plans(*p);
    const QDate today(2026, 11, 23);
    QSignalSpy changed(p.get(), &Portfolio::planChanged);

    CHECK(plans.load(acct, today)->completeness.percent == 0);
    domain::Priority pr;
    pr.accountId = acct;
    pr.text = QStringLiteral("Cut month-end close to five days");
    const domain::Priority saved = plans.add(pr);
    CHECK(saved.id > 0);
    CHECK(changed.count() == 1);
    CHECK(plans.load(acct, today)->completeness.percent == 20);

    domain::PlanAction act;
    act.accountId = acct;
    act.what = QStringLiteral("Book the QBR");
    act.ownerId = owner;
    act.due = today.addDays(-31); // overdue by 31 days: the actions part is not met
    const domain::PlanAction stored = plans.add(act);
    auto plan = plans.load(acct, today);
    CHECK(plan->completeness.percent == 20);
    CHECK(plan->completeness.parts[size_t(domain::PlanPart::Actions)].missing
          == QStringList{QStringLiteral("1 action overdue by more than 30 days")});
    domain::PlanAction moved = stored;
    moved.due = today.addDays(-30);
    const domain::PlanAction before = plans.update(moved);
    CHECK(before.due == today.addDays(-31));
    CHECK(plans.load(acct, today)->completeness.percent == 40);

    // "No known risks" confirmed today completes the risk part; removing and restoring
    // the priority keeps its id and uuid.
    CHECK_FALSE(plans.setNoKnownRisks(acct, today).isValid());
    CHECK(plans.load(acct, today)->completeness.percent == 60);
    const domain::Priority removed = plans.remove<domain::Priority>(saved.id);
    CHECK(plans.load(acct, today)->priorities.empty());
    plans.restore(removed);
    plan = plans.load(acct, today);
    REQUIRE(plan->priorities.size() == 1);
    CHECK(plan->priorities.front().id == saved.id);
    CHECK(plan->priorities.front().uuid == saved.uuid);

    // Reviews: freshness by the Tier 3 limit (365 days).
    plans.markReviewed(acct, today.addDays(-10), owner, QStringLiteral("Looked fine"));
    plan = plans.load(acct, today);
    CHECK(plan->freshness.days == 10);
    CHECK_FALSE(plan->freshness.stale);

    // Refusals name the field and change nothing.
    domain::Risk bad;
    bad.accountId = acct;
    bad.description = QStringLiteral("Budget freeze");
    bad.ownerId = 999;
    try {
        plans.add(bad);
        FAIL("an unknown owner was accepted");
    } catch (const services::ValidationError &e) {
        CHECK(e.errors().first().field == QStringLiteral("owner"));
    }
    domain::Priority empty;
    empty.accountId = acct;
    CHECK_THROWS_AS(plans.add(empty), services::ValidationError);
    CHECK(plans.load(acct, today)->risks.empty());
    CHECK(plans.load(acct, today)->priorities.size() == 1);
}

TEST_CASE("The change history records edits, additions and removals, and undo as changes back", "[services][history]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("h.keystone")));
    domain::TeamMember m;
    m.name = QStringLiteral("Dana Ortiz");
    m.role = domain::TeamRole::AM;
    const qint64 dana = services::TeamService(*p).create(m).id;
    services::AccountService accounts(*p);
    domain::Account a;
    a.name = QStringLiteral("Harbor Logistics");
    a.arr = domain::Money{5000000, QStringLiteral("USD")};
    a = accounts.create(a);
    domain::Account bigger = a;
    bigger.arr.cents = 7500000;
    accounts.update(bigger);

    services::PlanService plans(*p);
    domain::Risk r;
    r.accountId = a.id;
    r.description = QStringLiteral("Budget freeze in Q1");
    r = plans.add(r);
    domain::Risk owned = r;
    owned.ownerId = dana;
    plans.update(owned);
    const domain::Risk removed = plans.remove<domain::Risk>(r.id);
    plans.restore(removed); // undo of the removal

    const auto h = services::loadHistory(*p, a.id);
    REQUIRE(h.size() == 6);
    // Newest first: the undo, the removal, the owner, the risk added, the ARR, the account added.
    CHECK(h[0].kind == QStringLiteral("Risk"));
    CHECK(h[0].change == QStringLiteral("Added"));
    CHECK(h[1].change == QStringLiteral("Removed"));
    CHECK(h[1].item == QStringLiteral("Budget freeze in Q1"));
    CHECK(h[2].change == QStringLiteral("Owner"));
    CHECK(h[2].before == QStringLiteral("—"));
    CHECK(h[2].after == QStringLiteral("Dana Ortiz"));
    CHECK(h[3].change == QStringLiteral("Added"));
    CHECK(h[4].kind == QStringLiteral("Account"));
    CHECK(h[4].change == QStringLiteral("ARR"));
    CHECK(h[4].before == QStringLiteral("$50,000"));
    CHECK(h[4].after == QStringLiteral("$75,000"));
    CHECK(h[5].change == QStringLiteral("Added"));
    CHECK(h[5].item == QStringLiteral("Harbor Logistics"));

    // Undo of the ARR edit is recorded as a change back.
    accounts.update(a);
    const auto again = services::loadHistory(*p, a.id);
    REQUIRE(again.size() == 7);
    CHECK(again[0].change == QStringLiteral("ARR"));
    CHECK(again[0].before == QStringLiteral("$75,000"));
    CHECK(again[0].after == QStringLiteral("$50,000"));
}

TEST_CASE("A generated demo starts without history, and history is recorded after it", "[services][history][demo]")
{
    test::TempDir dir;
    demo::DemoOptions o;
    o.accounts = 10;
    const QString file = dir.file(QStringLiteral("d.keystone"));
    demo::generateDemo(file, o);
    auto p = Portfolio::open(file);
    CHECK(p->history().count() == 0);
    const auto all = p->accounts().all();
    REQUIRE_FALSE(all.empty());
    domain::Account a = all.front();
    a.notes = QStringLiteral("Met the new CFO");
    services::AccountService(*p).update(a);
    CHECK(p->history().count() == 1);
    CHECK(services::loadHistory(*p, a.id).front().change == QStringLiteral("Notes"));
}

TEST_CASE("Advocacy: reference requests are refused when they would over-ask a contact", "[services][plan][advocacy]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("adv.keystone")));
    services::AccountService accounts(*p);
    domain::Account a;
    a.name = QStringLiteral("Harbor Logistics");
    a.referenceable = true;
    const qint64 acct = accounts.create(a).id;
    domain::Account other;
    other.name = QStringLiteral("Other Co");
    const qint64 otherId = accounts.create(other).id;
    services::RelationshipService rel(*p);
    domain::Contact c;
    c.accountId = acct;
    c.name = QStringLiteral("Ann Advocate");
    const qint64 ann = rel.createContact(c).id;
    c.name = QStringLiteral("Bob Backer");
    const qint64 bob = rel.createContact(c).id;
    c.accountId = otherId;
    c.name = QStringLiteral("Stranger");
    const qint64 stranger = rel.createContact(c).id;

    services::PlanService plans(*p);
    domain::ReferenceRequest r;
    r.accountId = acct;
    r.contactId = ann;
    r.date = QDate(2026, 10, 5);
    r.purpose = QStringLiteral("Call with a prospect");
    const auto first = plans.add(r);
    r.date = QDate(2026, 12, 1); // same quarter, same contact
    try {
        plans.add(r);
        FAIL("a second request in one quarter was accepted");
    } catch (const services::ValidationError &e) {
        CHECK(e.errors().first().field == QStringLiteral("date"));
        CHECK(e.errors().first().message.contains(QStringLiteral("2026-10-05")));
    }
    r.contactId = bob; // another contact is fine
    plans.add(r);
    r.contactId = stranger; // not this account's
    CHECK_THROWS_AS(plans.add(r), services::ValidationError);
    auto plan = plans.load(acct, QDate(2026, 12, 2));
    REQUIRE(plan->referenceRequests.size() == 2);
    CHECK(plan->referenceRequests.back().id == first.id); // newest first

    // Removing and restoring keeps the id; the profile edit returns what it replaced.
    const auto removed = plans.remove<domain::ReferenceRequest>(first.id);
    plans.restore(removed);
    CHECK(plans.load(acct, QDate(2026, 12, 2))->referenceRequests.size() == 2);
    domain::AdvocacyProfile adv;
    adv.accountId = acct;
    adv.caseStudy = domain::CaseStudyStatus::InProgress;
    adv.advisoryBoard = true;
    const auto before = plans.setAdvocacy(adv);
    CHECK(before.caseStudy == domain::CaseStudyStatus::None);
    CHECK(plans.load(acct, QDate(2026, 12, 2))->advocacy == adv);

    // The latest NPS comes from the health inputs.
    domain::HealthInputs in;
    in.date = QDate(2026, 11, 1);
    in.nps = 42;
    services::HealthService(*p).saveInputs(acct, in);
    plan = plans.load(acct, QDate(2026, 12, 2));
    CHECK(plan->nps == 42);
    CHECK(plan->npsDate == QDate(2026, 11, 1));
}

TEST_CASE("Joint success plan and remediation plan: items, people, dates and sponsor, checked and in the history", "[services][plan][success]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("jsp.keystone")));
    domain::TeamMember m;
    m.name = QStringLiteral("Hannah Ito");
    m.role = domain::TeamRole::AM;
    const qint64 hannah = services::TeamService(*p).create(m).id;
    services::AccountService accounts(*p);
    domain::Account a;
    a.name = QStringLiteral("Cascade Transport");
    a.phase = domain::LifecyclePhase::Onboarding;
    a.atRisk = true;
    const qint64 acct = accounts.create(a).id;
    domain::Account other;
    other.name = QStringLiteral("Other Co");
    const qint64 otherId = accounts.create(other).id;
    services::RelationshipService rel(*p);
    domain::Contact c;
    c.accountId = acct;
    c.name = QStringLiteral("Ethan Okafor");
    const qint64 ethan = rel.createContact(c).id;
    c.accountId = otherId;
    c.name = QStringLiteral("Stranger");
    const qint64 stranger = rel.createContact(c).id;

    services::PlanService plans(*p);
    const QDate today(2026, 11, 23);
    domain::SuccessPlan dates;
    dates.accountId = acct;
    dates.startsOn = QDate(2026, 9, 28);
    dates.firstValueOn = QDate(2026, 9, 1); // before the start
    CHECK_THROWS_AS(plans.setSuccessPlan(dates), services::ValidationError);
    dates.firstValueOn = QDate(2026, 11, 22);
    CHECK(plans.setSuccessPlan(dates).startsOn.isNull()); // nothing stored before

    domain::Objective o;
    o.accountId = acct;
    o.text = QStringLiteral("Retire the legacy workbooks");
    const auto first = plans.add(o);
    o.text = QStringLiteral("Every regional lead on the dashboard");
    const auto second = plans.add(o);
    CHECK(first.position == 0);
    CHECK(second.position == 1); // appended

    domain::Milestone ms;
    ms.accountId = acct;
    ms.what = QStringLiteral("Data integration live");
    ms.due = QDate(2026, 11, 20); // 3 days late
    plans.add(ms);
    ms.what = QStringLiteral("Executive alignment call held");
    ms.plan = domain::MilestonePlan::Remediation;
    ms.due = QDate(2026, 10, 1);
    ms.doneOn = QDate(2026, 10, 1);
    plans.add(ms);

    domain::SuccessContact champion;
    champion.accountId = acct;
    champion.contactId = ethan;
    champion.role = domain::SuccessRole::Champion;
    plans.add(champion);
    CHECK_THROWS_AS(plans.add(champion), services::ValidationError); // once per role
    domain::SuccessContact decider = champion;
    decider.role = domain::SuccessRole::DecisionMaker; // the same person may also decide
    plans.add(decider);
    domain::SuccessContact outsider = champion;
    outsider.contactId = stranger;
    try {
        plans.add(outsider);
        FAIL("another account's contact was accepted");
    } catch (const services::ValidationError &e) {
        CHECK(e.errors().first().field == QStringLiteral("contact"));
    }

    domain::RemediationPlan fix;
    fix.accountId = acct;
    fix.sponsorId = 9999;
    fix.rootCause = QStringLiteral("Champion left");
    try {
        plans.setRemediationPlan(fix);
        FAIL("an unknown sponsor was accepted");
    } catch (const services::ValidationError &e) {
        CHECK(e.errors().first().field == QStringLiteral("sponsor"));
    }
    fix.sponsorId = hannah;
    fix.openedOn = QDate(2026, 9, 16);
    CHECK(plans.setRemediationPlan(fix).isEmpty());

    const auto plan = plans.load(acct, today);
    REQUIRE(plan);
    CHECK(plan->phase == domain::LifecyclePhase::Onboarding);
    CHECK(plan->atRisk);
    CHECK(plan->successPlan.startsOn == QDate(2026, 9, 28));
    REQUIRE(plan->objectives.size() == 2);
    CHECK(plan->objectives[1].text == QStringLiteral("Every regional lead on the dashboard"));
    REQUIRE(plan->successMilestones.size() == 1);
    REQUIRE(plan->remediationMilestones.size() == 1);
    CHECK(plan->roadmap.overdue == 1);
    CHECK(*plan->roadmap.day == 56); // 2026-09-28 to 2026-11-23
    CHECK(plan->successContacts.size() == 2);
    CHECK(plan->remediation.sponsorId == hannah);
    CHECK(plan->remediation.rootCause == QStringLiteral("Champion left"));

    // Remove and restore an objective: back with its id and place.
    const auto removed = plans.remove<domain::Objective>(first.id);
    CHECK(plans.load(acct, today)->objectives.size() == 1);
    plans.restore(removed);
    CHECK(plans.load(acct, today)->objectives.front().id == first.id);

    // The history names the new kinds and shows the sponsor by name.
    const auto h = services::loadHistory(*p, acct);
    auto has = [&h](const QString &kind, const QString &change, const QString &after = {}) {
        return std::any_of(h.begin(), h.end(), [&](const services::HistoryEntry &e) {
            return e.kind == kind && e.change == change && (after.isEmpty() || e.after == after);
        });
    };
    CHECK(has(QStringLiteral("Objective"), QStringLiteral("Removed")));
    CHECK(has(QStringLiteral("Milestone"), QStringLiteral("Added")));
    CHECK(has(QStringLiteral("Success plan contact"), QStringLiteral("Added")));
    CHECK(has(QStringLiteral("Remediation plan"), QStringLiteral("Added")));
    CHECK(has(QStringLiteral("Success plan"), QStringLiteral("Added")));

    domain::RemediationPlan later = fix;
    later.rootCause = QStringLiteral("Champion left; the new VP was never onboarded");
    CHECK(plans.setRemediationPlan(later).rootCause == QStringLiteral("Champion left"));
    CHECK(has(QStringLiteral("Remediation plan"), QStringLiteral("Added")));
    const auto h2 = services::loadHistory(*p, acct);
    CHECK(h2.front().change == QStringLiteral("Root cause"));
    CHECK(h2.front().after == QStringLiteral("Champion left; the new VP was never onboarded"));
}

TEST_CASE("A generated demo has last quarter's snapshots that differ from today's plan as generated", "[services][demo][snapshot]")
{
    test::TempDir dir;
    demo::DemoOptions o;
    o.accounts = 60;
    o.seed = 5;
    o.today = QDate(2026, 11, 23);
    const QString file = dir.file(QStringLiteral("snap.keystone"));
    demo::generateDemo(file, o);
    auto p = Portfolio::open(file);
    services::SnapshotService snapshots(*p);
    services::PlanService plans(*p);
    int withSnapshot = 0;
    for (const domain::Account &a : p->accounts().all()) {
        const auto list = snapshots.list(a.id);
        if (list.empty())
            continue;
        ++withSnapshot;
        REQUIRE(list.size() == 1);
        const domain::PlanSnapshot &old = list.front();
        CHECK(old.label == QStringLiteral("2026Q3"));
        CHECK(old.takenAt == QDateTime(QDate(2026, 9, 30), QTime(17, 0), Qt::UTC));
        // Against the plan now: the newest priority is added since (when there are two or
        // more), every action done now was open then, and nothing else in those sections moved.
        const auto plan = plans.load(a.id, o.today);
        const auto now = snapshots.build(a.id, QStringLiteral("now"), o.today);
        int added = 0, reopened = 0;
        for (const domain::SnapshotChange &c : domain::compareSnapshots(old, now)) {
            if (c.section == QStringLiteral("Priorities")) {
                CHECK(c.kind == domain::SnapshotChange::Kind::Added);
                CHECK(c.item == plan->priorities.back().text);
                ++added;
            } else if (c.section == QStringLiteral("Actions")) {
                CHECK(c.field == QStringLiteral("Status"));
                CHECK(c.before == QStringLiteral("Open"));
                CHECK(c.after == QStringLiteral("Done"));
                ++reopened;
            }
        }
        CHECK(added == (plan->priorities.size() > 1 ? 1 : 0));
        CHECK(reopened == std::count_if(plan->actions.begin(), plan->actions.end(),
                                        [](const domain::PlanAction &x) { return x.status == domain::ActionStatus::Done; }));
    }
    CHECK(withSnapshot > 0);
}

TEST_CASE("The same name in decomposed Unicode is the same name, and names are stored in NFC", "[services][accounts]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("a.keystone")), QStringLiteral("EUR"));
    services::AccountService svc(*p);
    const domain::Account cafe = svc.create(draft(QStringLiteral("Caf\u00e9 M\u00fcller")));
    CHECK(cafe.name == QStringLiteral("Caf\u00e9 M\u00fcller"));
    // e + COMBINING ACUTE ACCENT, u + COMBINING DIAERESIS: what some Macs and web forms send.
    const QString decomposed = QStringLiteral("CAFE\u0301 MU\u0308LLER");
    CHECK_THROWS_AS(svc.create(draft(decomposed)), services::ValidationError);
    const domain::Account other = svc.create(draft(QStringLiteral("Ze\u0301phyr")));
    CHECK(other.name == QStringLiteral("Z\u00e9phyr")); // stored composed
    CHECK(p->accounts().byName(QStringLiteral("Z\u00e9phyr")));
    CHECK(domain::nameKey(decomposed) == domain::nameKey(QStringLiteral("caf\u00e9 m\u00fcller")));
}

TEST_CASE("Upgrading to schema 13 stores names in NFC with matching keys, and keeps Unicode twins for the user to merge", "[services][migration]")
{
    test::TempDir dir;
    const QString path = dir.file(QStringLiteral("old.keystone"));
    {
        auto p = Portfolio::create(path, QStringLiteral("EUR"));
        services::AccountService svc(*p);
        svc.create(draft(QStringLiteral("Alpha")));
        svc.create(draft(QStringLiteral("Beta")));
        svc.create(draft(QStringLiteral("Gamma")));
    }
    // As a version-12 build left them: names as typed (decomposed), keys without NFC, and two
    // accounts that are one name in two forms (possible then, as their keys differed).
    test::execSqlite(path,
                     "UPDATE accounts SET name = 'Cafe\xcc\x81', name_key = 'cafe\xcc\x81' WHERE name = 'Alpha';"
                     "UPDATE accounts SET name = 'M\xc3\xbcller', name_key = 'm\xc3\xbcller' WHERE name = 'Beta';"
                     "UPDATE accounts SET name = 'Mu\xcc\x88ller', name_key = 'mu\xcc\x88ller' WHERE name = 'Gamma';"
                     "PRAGMA user_version = 12;");
    auto p = Portfolio::open(path);
    CHECK(p->database().schemaVersion() == 13);
    const auto cafe = p->accounts().byName(QStringLiteral("Caf\u00e9"));
    REQUIRE(cafe);
    CHECK(cafe->name == QStringLiteral("Caf\u00e9")); // stored composed now
    CHECK(test::queryInt(path, "SELECT count(*) FROM accounts WHERE name_key = 'caf\xc3\xa9'") == 1);
    // The twins: both kept (the key is unique), the composed one under its NFC key.
    CHECK(p->accounts().count() == 3);
    CHECK(test::queryInt(path, "SELECT count(*) FROM accounts WHERE name_key IN ('m\xc3\xbcller', 'mu\xcc\x88ller')") == 2);
    const QStringList problems = services::ExchangeService(*p).storedValueProblems();
    REQUIRE(problems.size() == 1);
    CHECK(problems.front().contains(QStringLiteral("is the same name as 'M\u00fcller'")));
}
