// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Health scores, scorecards and their history.
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
