// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Retention, coverage and signals: the team lead's numbers (domain.md sections 9, 10, 11).
#include "testsupport.h"

#include "keystone/domain/coverage.h"
#include "keystone/domain/retention.h"
#include "keystone/domain/signals.h"

#include <algorithm>
#include <vector>

using namespace keystone::domain;

namespace {
constexpr qint64 k = 100 * 1000; // 1k in cents

bool fires(const std::vector<Signal> &signals, SignalRule rule)
{
    return std::any_of(signals.begin(), signals.end(), [rule](const Signal &s) { return s.rule == rule; });
}
const Signal *find(const std::vector<Signal> &signals, SignalRule rule)
{
    auto it = std::find_if(signals.begin(), signals.end(), [rule](const Signal &s) { return s.rule == rule; });
    return it == signals.end() ? nullptr : &*it;
}
} // namespace

TEST_CASE("NRR and GRR of the section 9 example", "[domain][retention]")
{
    // A 100k -> 130k, B 50k -> 40k, C 30k -> 0, D new at 20k.
    const std::vector<RetentionInput> in{{100 * k, 130 * k}, {50 * k, 40 * k}, {30 * k, 0}, {std::nullopt, 20 * k}};
    const Retention r = retention(in);
    CHECK(r.accounts == 3);
    CHECK(r.excludedNew == 1);
    CHECK(r.startCents == 180 * k);
    CHECK(r.endCents == 170 * k); // D's 20k is not in it
    CHECK(r.retainedCents == 140 * k);
    CHECK(r.expansionCents == 30 * k);
    CHECK(r.contractionCents == 10 * k);
    CHECK(r.churnedCents == 30 * k);
    REQUIRE(r.nrr);
    REQUIRE(r.grr);
    CHECK(*r.nrr == Approx(170.0 / 180.0));
    CHECK(qRound(*r.nrr * 1000) == 944); // 94.4%
    CHECK(qRound(*r.grr * 1000) == 778); // 77.8%
}

TEST_CASE("Retention excludes accounts with no ARR at the start and has no ratio without a base", "[domain][retention]")
{
    const std::vector<RetentionInput> onlyNew{{std::nullopt, 10 * k}, {0, 5 * k}};
    const Retention r = retention(onlyNew);
    CHECK(r.accounts == 0);
    CHECK(r.excludedNew == 2);
    CHECK_FALSE(r.nrr);
    CHECK_FALSE(r.grr);
    CHECK_FALSE(retention({}).nrr);
}

TEST_CASE("ARR on a date is the latest point on or before it", "[domain][retention]")
{
    const std::vector<ArrPoint> points{{1, QDate(2025, 1, 1), 100, ArrChange::New},
                                       {1, QDate(2025, 6, 1), 150, ArrChange::Expansion},
                                       {1, QDate(2026, 1, 1), 0, ArrChange::Churn}};
    CHECK_FALSE(arrOn(points, QDate(2024, 12, 31)));
    CHECK(arrOn(points, QDate(2025, 1, 1)) == 100);
    CHECK(arrOn(points, QDate(2025, 5, 31)) == 100);
    CHECK(arrOn(points, QDate(2025, 6, 1)) == 150);
    CHECK(arrOn(points, QDate(2027, 1, 1)) == 0);
    CHECK(arrChangeBetween(std::nullopt, 5) == ArrChange::New);
    CHECK(arrChangeBetween(5, 0) == ArrChange::Churn);
    CHECK(arrChangeBetween(5, 6) == ArrChange::Expansion);
    CHECK(arrChangeBetween(5, 4) == ArrChange::Contraction);
    CHECK(arrChangeBetween(5, 5) == ArrChange::Snapshot);
    CHECK(parseArrChange(QStringLiteral("contraction")) == ArrChange::Contraction);
}

TEST_CASE("Required FTE of the section 10 example", "[domain][coverage]")
{
    const EffortMatrix m; // defaults
    const TierCounts book{10, 30, 100};
    CHECK(requiredHours(book, TeamRole::AM, m) == Approx(240.0)); // 10x10 + 30x3 + 100x0.5
    CHECK(requiredFte(book, TeamRole::AM, m) == Approx(2.0));
    CHECK(requiredHours(book, TeamRole::CSM, m) == Approx(10 * 8 + 30 * 3 + 100 * 1));
    CHECK(requiredHours(book, TeamRole::SE, m) == Approx(10 * 4 + 30 * 1));
    CHECK(requiredHours(book, TeamRole::TAM, m) == Approx(40.0));
    CHECK(requiredHours(book, TeamRole::AE, m) == 0.0);
}

TEST_CASE("Utilisation is the effort of a person's accounts over their hours", "[domain][coverage]")
{
    EffortMatrix m;
    const Utilisation full = utilisation({6, 20, 0}, TeamRole::AM, 120, m); // 60 + 60 = 120 h
    CHECK(full.effortHours == Approx(120.0));
    CHECK(full.ratio == Approx(1.0));
    CHECK_FALSE(full.overloaded()); // exactly 100% is not overload
    const Utilisation over = utilisation({6, 20, 1}, TeamRole::AM, 120, m);
    CHECK(over.ratio == Approx(120.5 / 120));
    CHECK(over.overloaded());
    const Utilisation partTime = utilisation({2, 0, 0}, TeamRole::CSM, 80, m);
    CHECK(partTime.ratio == Approx(16.0 / 80));
    m.set(Tier::Tier1, TeamRole::CSM, 41); // 82 h of 80
    CHECK(utilisation({2, 0, 0}, TeamRole::CSM, 80, m).overloaded());
}

TEST_CASE("Ratio guidance flags AMs above the rule of thumb", "[domain][coverage]")
{
    CHECK(ratioGuidance(TeamRole::AM, {12, 0, 0}).isEmpty());
    CHECK(ratioGuidance(TeamRole::AM, {13, 0, 0}).contains(QStringLiteral("8-12")));
    CHECK(ratioGuidance(TeamRole::AM, {0, 20, 20}).isEmpty());
    CHECK(ratioGuidance(TeamRole::AM, {0, 20, 21}).contains(QStringLiteral("25-40")));
    CHECK(ratioGuidance(TeamRole::CSM, {50, 50, 50}).isEmpty());
}

TEST_CASE("Each signal rule fires on its boundary and not before", "[domain][signals]")
{
    const QDate today(2026, 11, 23);
    SignalFacts quiet; // a healthy Tier 3 account: nothing fires
    quiet.accountId = 7;
    quiet.tier = Tier::Tier3;
    quiet.bandNow = HealthBand::Green;
    quiet.bandBefore = HealthBand::Green;
    quiet.activeChampions = 1;
    quiet.contacts = 4;
    quiet.depth = 3;
    quiet.planStale = false;
    quiet.planAgeDays = 10;
    CHECK(evaluateSignals(quiet, today).empty());

    SECTION("Red health, and a band drop only when not Red") {
        SignalFacts f = quiet;
        f.bandNow = HealthBand::Red;
        auto s = evaluateSignals(f, today);
        REQUIRE(find(s, SignalRule::RedHealth));
        CHECK(find(s, SignalRule::RedHealth)->severity == Severity::High);
        CHECK_FALSE(fires(s, SignalRule::BandDrop));
        f.bandNow = HealthBand::Yellow;
        s = evaluateSignals(f, today);
        REQUIRE(find(s, SignalRule::BandDrop));
        CHECK(find(s, SignalRule::BandDrop)->reason == QStringLiteral("Health dropped from Green to Yellow"));
        f.bandBefore = HealthBand::Yellow;
        CHECK_FALSE(fires(evaluateSignals(f, today), SignalRule::BandDrop));
        f.bandBefore = HealthBand::InsufficientData; // no band to drop from
        CHECK_FALSE(fires(evaluateSignals(f, today), SignalRule::BandDrop));
    }
    SECTION("Champion departed within 90 days, else no champion") {
        SignalFacts f = quiet;
        f.lastChampionDeparture = today.addDays(-90);
        CHECK(fires(evaluateSignals(f, today), SignalRule::ChampionDeparted));
        f.lastChampionDeparture = today.addDays(-91);
        CHECK_FALSE(fires(evaluateSignals(f, today), SignalRule::ChampionDeparted));
        f.activeChampions = 0;
        CHECK(fires(evaluateSignals(f, today), SignalRule::NoChampion));
        f.contacts = 0; // nothing mapped yet: no champion rule
        CHECK_FALSE(fires(evaluateSignals(f, today), SignalRule::NoChampion));
    }
    SECTION("Single threaded only for Tier 1 and 2, at depth 1") {
        SignalFacts f = quiet;
        f.depth = 1;
        CHECK_FALSE(fires(evaluateSignals(f, today), SignalRule::SingleThreaded)); // Tier 3
        f.tier = Tier::Tier2;
        REQUIRE(find(evaluateSignals(f, today), SignalRule::SingleThreaded));
        CHECK(find(evaluateSignals(f, today), SignalRule::SingleThreaded)->severity == Severity::Medium);
        f.tier = Tier::Tier1;
        f.lastBusinessReview = today; // keep the review rule quiet
        CHECK(find(evaluateSignals(f, today), SignalRule::SingleThreaded)->severity == Severity::High);
        f.depth = 2;
        CHECK_FALSE(fires(evaluateSignals(f, today), SignalRule::SingleThreaded));
    }
    SECTION("Stale plan") {
        SignalFacts f = quiet;
        f.planStale = true;
        f.planAgeDays = -1;
        REQUIRE(find(evaluateSignals(f, today), SignalRule::StalePlan));
        CHECK(find(evaluateSignals(f, today), SignalRule::StalePlan)->reason == QStringLiteral("The plan was never reviewed"));
    }
    SECTION("Renewal within 120 days without renewal work") {
        SignalFacts f = quiet;
        f.renewalDate = today.addDays(120);
        CHECK(fires(evaluateSignals(f, today), SignalRule::RenewalUnattended));
        f.renewalDate = today.addDays(121);
        CHECK_FALSE(fires(evaluateSignals(f, today), SignalRule::RenewalUnattended));
        f.renewalDate = today;
        CHECK(find(evaluateSignals(f, today), SignalRule::RenewalUnattended)->severity == Severity::High);
        f.renewalDate = today.addDays(-1); // overdue renewals are the renewals view's business
        CHECK_FALSE(fires(evaluateSignals(f, today), SignalRule::RenewalUnattended));
        f.renewalDate = today.addDays(30);
        f.renewalWorkStarted = true;
        CHECK_FALSE(fires(evaluateSignals(f, today), SignalRule::RenewalUnattended));
    }
    SECTION("Overdue actions") {
        SignalFacts f = quiet;
        f.overdueActions = 2;
        REQUIRE(find(evaluateSignals(f, today), SignalRule::ActionOverdue));
        CHECK(find(evaluateSignals(f, today), SignalRule::ActionOverdue)->reason == QStringLiteral("2 plan actions are overdue"));
    }
    SECTION("Tier 1 business review after more than 100 days") {
        SignalFacts f = quiet;
        f.tier = Tier::Tier1;
        f.depth = 5;
        f.lastBusinessReview = today.addDays(-100);
        CHECK_FALSE(fires(evaluateSignals(f, today), SignalRule::BusinessReviewOverdue));
        f.lastBusinessReview = today.addDays(-101);
        CHECK(fires(evaluateSignals(f, today), SignalRule::BusinessReviewOverdue));
        f.lastBusinessReview = {};
        CHECK(find(evaluateSignals(f, today), SignalRule::BusinessReviewOverdue)->reason == QStringLiteral("No business review on record"));
        f.tier = Tier::Tier2;
        CHECK_FALSE(fires(evaluateSignals(f, today), SignalRule::BusinessReviewOverdue));
    }
    SECTION("Expansion: usage at 90% of seats, and a new buying center") {
        SignalFacts f = quiet;
        f.usageRatio = 0.9;
        REQUIRE(find(evaluateSignals(f, today), SignalRule::ExpansionUsage));
        CHECK(find(evaluateSignals(f, today), SignalRule::ExpansionUsage)->severity == Severity::Low);
        f.usageRatio = 0.89;
        CHECK_FALSE(fires(evaluateSignals(f, today), SignalRule::ExpansionUsage));
        f.newBuyingCenterContacts = 1;
        CHECK(fires(evaluateSignals(f, today), SignalRule::NewBuyingCenter));
    }
}

TEST_CASE("Snoozed signals reappear on their date, dismissed ones stay hidden", "[domain][signals]")
{
    const QDate today(2026, 11, 23);
    CHECK(signalVisible(std::nullopt, today));
    SignalState snoozed;
    snoozed.decision = SignalDecision::Snoozed;
    snoozed.until = today.addDays(1);
    CHECK_FALSE(signalVisible(snoozed, today));
    CHECK(signalVisible(snoozed, today.addDays(1)));
    SignalState dismissed;
    dismissed.decision = SignalDecision::Dismissed;
    dismissed.reason = QStringLiteral("Customer is merging; handled by legal");
    CHECK_FALSE(signalVisible(dismissed, today.addYears(1)));
    SignalState back;
    back.decision = SignalDecision::Active;
    CHECK(signalVisible(back, today));
    CHECK(parseSignalRule(QStringLiteral("renewal_unattended")) == SignalRule::RenewalUnattended);
    CHECK(signalRuleKey(SignalRule::BusinessReviewOverdue) == QStringLiteral("business_review_overdue"));
}
