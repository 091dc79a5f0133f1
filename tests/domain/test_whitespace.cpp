// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "testsupport.h"

#include "keystone/domain/opportunity.h"
#include "keystone/domain/whitespace.h"

#include <vector>

using namespace keystone::domain;

namespace {
WhitespaceCell cell(qint64 bc, qint64 product, CellStatus status, qint64 current, qint64 potential)
{
    WhitespaceCell c;
    c.buyingCenterId = bc;
    c.productId = product;
    c.status = status;
    c.currentArrCents = current;
    c.potentialArrCents = potential;
    if (status == CellStatus::Competitor)
        c.competitor = QStringLiteral("Rival Corp");
    return c;
}
} // namespace

TEST_CASE("Whitespace totals and penetration on a small grid, by hand", "[domain][whitespace]")
{
    // Two buying centers x three products.
    const std::vector<WhitespaceCell> grid{
        cell(1, 1, CellStatus::Owned, 100000, 0),
        cell(1, 2, CellStatus::Whitespace, 0, 50000),
        cell(1, 3, CellStatus::NotAFit, 0, 999),     // ignored everywhere
        cell(2, 1, CellStatus::Competitor, 0, 80000),
        cell(2, 2, CellStatus::Pipeline, 0, 30000),
        cell(2, 3, CellStatus::Owned, 20000, 0),
    };
    const WhitespaceTotals t = whitespaceTotals(grid);
    CHECK(t.openWhitespaceCents == 130000);   // 50,000 + 80,000
    CHECK(t.ownedArrCents == 120000);         // 100,000 + 20,000
    CHECK(t.pipelineCents == 30000);
    CHECK(t.ownedCells == 2);
    CHECK(t.assessedCells == 6);
    CHECK(t.fitCells == 5);
    CHECK(t.penetration() == Approx(0.4));    // 2 owned of 5 that are a fit
    CHECK(openWhitespaceOf(grid[2]) == 0);
    CHECK(whitespaceTotals(std::vector<WhitespaceCell>{}).penetration() == 0.0);
}

TEST_CASE("The manufacturer with one module in one of 13 plants", "[domain][whitespace]")
{
    // domain.md section 6: 12 plants of whitespace for the module.
    std::vector<WhitespaceCell> plants{cell(1, 1, CellStatus::Owned, 5000000, 0)};
    for (qint64 p = 2; p <= 13; ++p)
        plants.push_back(cell(p, 1, CellStatus::Whitespace, 0, 4000000));
    const WhitespaceTotals t = whitespaceTotals(plants);
    CHECK(t.openWhitespaceCents == 12 * 4000000);
    CHECK(t.penetration() == Approx(1.0 / 13.0));
}

TEST_CASE("Cells are validated", "[domain][whitespace]")
{
    CHECK(validateCell(cell(1, 1, CellStatus::Whitespace, 0, 100)).isEmpty());
    WhitespaceCell noName = cell(1, 1, CellStatus::Competitor, 0, 100);
    noName.competitor.clear();
    CHECK(validateCell(noName).size() == 1);
    CHECK(validateCell(cell(1, 1, CellStatus::Owned, -1, 0)).size() == 1);
    CHECK(parseCellStatus(QStringLiteral("not a fit")) == CellStatus::NotAFit);
    CHECK(parseCellStatus(QStringLiteral("NOT_A_FIT")) == CellStatus::NotAFit);
    CHECK(cellStatusKey(CellStatus::NotAFit) == QStringLiteral("not_a_fit"));
    CHECK_FALSE(parseCellStatus(QStringLiteral("maybe")));
}

TEST_CASE("Stages carry default probabilities and weighted amounts round half up", "[domain][pipeline]")
{
    CHECK(defaultProbability(Stage::Identified) == 10);
    CHECK(defaultProbability(Stage::Qualified) == 25);
    CHECK(defaultProbability(Stage::Proposal) == 50);
    CHECK(defaultProbability(Stage::Negotiation) == 75);
    CHECK(defaultProbability(Stage::Won) == 100);
    CHECK(defaultProbability(Stage::Lost) == 0);
    Opportunity o;
    o.amountCents = 123457;
    o.probability = 75;
    CHECK(weightedCents(o) == 92593); // 92,592.75 -> 92,593
    o.probability = 10;
    CHECK(weightedCents(o) == 12346); // 12,345.7 -> 12,346
    CHECK(parseOpportunityType(QStringLiteral("cross_sell")) == OpportunityType::CrossSell);
    CHECK(parseOpportunityType(QStringLiteral("Cross-sell")) == OpportunityType::CrossSell);
    CHECK(parseStage(QStringLiteral("negotiation")) == Stage::Negotiation);
}

TEST_CASE("Pipeline totals count open opportunities only", "[domain][pipeline]")
{
    std::vector<Opportunity> ops(4);
    ops[0].amountCents = 100000; ops[0].stage = Stage::Proposal; ops[0].probability = 50;
    ops[1].amountCents = 40000; ops[1].stage = Stage::Negotiation; ops[1].probability = 75;
    ops[2].amountCents = 70000; ops[2].stage = Stage::Won; ops[2].probability = 100;
    ops[3].amountCents = 90000; ops[3].stage = Stage::Lost; ops[3].probability = 0;
    const PipelineTotals t = pipelineTotals(ops);
    CHECK(t.openCount == 2);
    CHECK(t.openCents == 140000);
    CHECK(t.weightedOpenCents == 50000 + 30000);
    CHECK(t.wonCents == 70000);
}
