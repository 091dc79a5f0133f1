// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "testsupport.h"

#include "keystone/domain/health.h"
#include "keystone/domain/healthdisplay.h"

using namespace keystone::domain;

namespace {
const QDate kToday(2026, 11, 23);

// domain.md section 4's worked example (Tier 1).
HealthInputs workedInputs()
{
    HealthInputs in;
    in.date = kToday;
    in.licensedSeats = 150;
    in.activeUsers = 120; // 0.8 -> 100
    in.featuresOffered = 6;
    in.featuresUsed = 3;  // 50
    in.sev1 = 1;
    in.sev3 = 3;          // 5 + 3 = 8 -> 60
    in.nps = 20;          // 60
    in.daysLate = 15;     // 75
    return in;
}
RelationshipFacts workedFacts()
{
    RelationshipFacts f;
    f.touchpoints90 = 3; // of 6 -> 50
    f.depth = 2;         // of 5 -> 40
    return f;
}
constexpr int kTier1Touchpoints = 6;
} // namespace

TEST_CASE("The worked example scores 64.75, Yellow, and without NPS 65.59 at 85% confidence", "[domain][health]")
{
    const Scorecard card;
    const HealthResult r = computeHealth(card, workedInputs(), workedFacts(), Tier::Tier1, kTier1Touchpoints, kToday);
    CHECK(r.score == Approx(64.75));
    CHECK(r.band == HealthBand::Yellow);
    CHECK(r.confidence == Approx(1.0));
    CHECK(r.measureScores[size_t(Measure::Usage)] == Approx(100));
    CHECK(r.measureScores[size_t(Measure::Support)] == Approx(60));
    CHECK(r.measureScores[size_t(Measure::Relationship)] == Approx(40));
    // Contributions are weight x score / present weight and sum to the score.
    CHECK(r.contributions[size_t(Measure::Usage)] == Approx(25.0));
    CHECK(r.contributions[size_t(Measure::Payment)] == Approx(3.75));
    double sum = 0;
    for (double c : r.contributions)
        sum += c;
    CHECK(sum == Approx(r.score));

    HealthInputs noNps = workedInputs();
    noNps.nps.reset();
    const HealthResult n = computeHealth(card, noNps, workedFacts(), Tier::Tier1, kTier1Touchpoints, kToday);
    CHECK(n.score == Approx(5575.0 / 85.0));
    CHECK(std::round(n.score * 100) / 100 == Approx(65.59));
    CHECK(n.confidence == Approx(0.85));
    CHECK(n.missing == std::vector<Measure>{Measure::Sentiment});
    CHECK(n.band == HealthBand::Yellow);
}

TEST_CASE("Stale manual sentiment counts as missing and is flagged", "[domain][health]")
{
    const Scorecard card;
    HealthInputs in = workedInputs();
    in.nps = 100; // glowing, but typed in by hand long ago
    in.manual[size_t(Measure::Sentiment)] = true;
    in.sentimentDate = kToday.addDays(-180);
    CHECK(computeHealth(card, in, workedFacts(), Tier::Tier1, kTier1Touchpoints, kToday).stale.empty()); // 180 days: still fresh
    in.sentimentDate = kToday.addDays(-181);
    const HealthResult r = computeHealth(card, in, workedFacts(), Tier::Tier1, kTier1Touchpoints, kToday);
    CHECK(r.stale == std::vector<Measure>{Measure::Sentiment});
    CHECK(r.missing.empty());
    CHECK(r.score == Approx(5575.0 / 85.0)); // as if there were no NPS
    CHECK(r.confidence == Approx(0.85));
    // The same NPS imported (not manual) does not go stale by this rule.
    in.manual[size_t(Measure::Sentiment)] = false;
    CHECK(computeHealth(card, in, workedFacts(), Tier::Tier1, kTier1Touchpoints, kToday).stale.empty());
}

TEST_CASE("Bands, insufficient data and the departed-champion cap", "[domain][health]")
{
    const Scorecard card;
    CHECK(bandFor(card, 75.0, 1.0) == HealthBand::Green);
    CHECK(bandFor(card, 74.99, 1.0) == HealthBand::Yellow);
    CHECK(bandFor(card, 60.0, 1.0) == HealthBand::Yellow);
    CHECK(bandFor(card, 59.99, 1.0) == HealthBand::Red);
    CHECK(bandFor(card, 90.0, 0.59) == HealthBand::InsufficientData);
    CHECK(bandFor(card, 90.0, 0.60) == HealthBand::Green);

    // Only usage and payment known: 30% of the weight -> insufficient data.
    HealthInputs thin;
    thin.date = kToday;
    thin.licensedSeats = 10;
    thin.activeUsers = 10;
    thin.daysLate = 0;
    const HealthResult t = computeHealth(card, thin, {}, Tier::Tier2, 3, kToday);
    CHECK(t.confidence == Approx(0.30));
    CHECK(t.band == HealthBand::InsufficientData);

    // A perfect account whose champion left is held at Yellow.
    HealthInputs perfect = workedInputs();
    perfect.featuresUsed = 6;
    perfect.sev1 = perfect.sev3 = 0;
    perfect.nps = 100;
    perfect.daysLate = 0;
    RelationshipFacts facts{6, 5, false};
    CHECK(computeHealth(card, perfect, facts, Tier::Tier1, kTier1Touchpoints, kToday).band == HealthBand::Green);
    facts.championDeparted = true;
    const HealthResult capped = computeHealth(card, perfect, facts, Tier::Tier1, kTier1Touchpoints, kToday);
    CHECK(capped.score == Approx(100));
    CHECK(capped.band == HealthBand::Yellow);
    CHECK(capped.capped);
}

TEST_CASE("Trend thresholds and what changed, largest first", "[domain][health]")
{
    const Scorecard card;
    CHECK(trendBetween(card, 60, 65) == Trend::Up);
    CHECK(trendBetween(card, 60, 64.99) == Trend::Flat);
    CHECK(trendBetween(card, 65, 60) == Trend::Down);
    CHECK(trendBetween(card, 65, 60.01) == Trend::Flat);

    const HealthResult before = computeHealth(card, workedInputs(), workedFacts(), Tier::Tier1, kTier1Touchpoints, kToday.addDays(-30));
    HealthInputs worse = workedInputs();
    worse.activeUsers = 60;  // usage 0.4 / 0.8 -> 50: contribution 25 -> 12.5
    worse.daysLate = 30;     // payment 75 -> 50: 3.75 -> 2.5
    const HealthResult now = computeHealth(card, worse, workedFacts(), Tier::Tier1, kTier1Touchpoints, kToday);
    const auto changes = whatChanged(before, now);
    REQUIRE(changes.size() == 7);
    CHECK(changes[0].measure == Measure::Usage);
    CHECK(changes[0].delta() == Approx(-12.5));
    CHECK(changes[1].measure == Measure::Payment);
    CHECK(changes[1].delta() == Approx(-1.25));
    CHECK(changes[2].delta() == Approx(0));
    CHECK(now.score == Approx(64.75 - 13.75));
    CHECK(trendBetween(card, before.score, now.score) == Trend::Down);
    CHECK(championLossAlert(true, 0.8, 0.4));
    CHECK_FALSE(championLossAlert(true, 0.8, 0.6)); // 25% drop
    CHECK_FALSE(championLossAlert(false, 0.8, 0.1));
}

TEST_CASE("Invalid scorecards are refused with the field named", "[domain][health]")
{
    CHECK(validateScorecard(Scorecard{}).isEmpty());
    Scorecard negative;
    negative.weights[size_t(Measure::Payment)] = -1;
    REQUIRE(validateScorecard(negative).size() == 1);
    CHECK(validateScorecard(negative).first().field == QStringLiteral("weights.payment"));
    Scorecard zero;
    zero.weights.fill(0);
    CHECK(validateScorecard(zero).first().field == QStringLiteral("weights"));
    Scorecard order;
    order.yellowAt = 80;
    CHECK(validateScorecard(order).first().field == QStringLiteral("thresholds"));
    CHECK_FALSE(parseMeasure(QStringLiteral("happiness")));
    CHECK(parseMeasure(QStringLiteral("Adoption breadth")) == Measure::Adoption);

    // The most specific scorecard applies.
    std::vector<Scorecard> cards(3);
    cards[1].name = QStringLiteral("Onboarding");
    cards[1].phase = LifecyclePhase::Onboarding;
    cards[2].name = QStringLiteral("Tier 1 onboarding");
    cards[2].tier = Tier::Tier1;
    cards[2].phase = LifecyclePhase::Onboarding;
    CHECK(scorecardFor(cards, Tier::Tier1, LifecyclePhase::Onboarding).name == QStringLiteral("Tier 1 onboarding"));
    CHECK(scorecardFor(cards, Tier::Tier2, LifecyclePhase::Onboarding).name == QStringLiteral("Onboarding"));
    CHECK(scorecardFor(cards, Tier::Tier2, LifecyclePhase::Nurture).name == QStringLiteral("Default"));
}

TEST_CASE("A shown health score always falls inside the band shown beside it", "[domain][health]")
{
    const Scorecard card; // Green from 75, Yellow from 60
    // The boundaries the desktop review found wrong ("60" on red, "75" on yellow).
    CHECK(formatHealthScore(59.53) == QStringLiteral("59"));
    CHECK(bandFor(card, 59.53, 1.0) == HealthBand::Red);
    CHECK(formatHealthScore(59.5) == QStringLiteral("59"));
    CHECK(bandFor(card, 59.5, 1.0) == HealthBand::Red);
    CHECK(formatHealthScore(74.95) == QStringLiteral("74"));
    CHECK(bandFor(card, 74.95, 1.0) == HealthBand::Yellow);
    CHECK(formatHealthScore(74.97) == QStringLiteral("74"));
    CHECK(formatHealthScore(75.0) == QStringLiteral("75"));
    CHECK(bandFor(card, 75.0, 1.0) == HealthBand::Green);
    // Float sums a hair under a boundary are the boundary to the band, and so to the number.
    CHECK(formatHealthScore(74.999) == QStringLiteral("75"));
    CHECK(bandFor(card, 74.999, 1.0) == HealthBand::Green);
    CHECK(formatHealthScore(59.996) == QStringLiteral("60"));
    CHECK(bandFor(card, 59.996, 1.0) == HealthBand::Yellow);
    CHECK(formatHealthScore(66.7) == QStringLiteral("66"));
    CHECK(formatHealthScore(0.0) == QStringLiteral("0"));
    CHECK(formatHealthScore(100.0) == QStringLiteral("100"));
    // Every score from 0 to 100 in steps of a thousandth: the number is in its band.
    int checked = 0;
    for (int i = 0; i <= 100000; ++i) {
        const double score = i / 1000.0;
        const int shown = shownHealthScore(score);
        const HealthBand band = bandFor(card, score, 1.0);
        const bool inside = band == HealthBand::Green ? shown >= card.greenAt
                            : band == HealthBand::Yellow ? shown >= card.yellowAt && shown < card.greenAt
                                                         : shown < card.yellowAt;
        if (!inside) {
            INFO("score " << score << " shown " << shown);
            CHECK(inside);
        }
        ++checked;
    }
    CHECK(checked == 100001);
}
