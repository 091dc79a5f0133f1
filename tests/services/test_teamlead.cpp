// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// The team lead's book figures read from a real file: retention from the ARR history,
// coverage from tiers and assignments, signals with their kept decisions.
#include "testsupport.h"

#include "keystone/storage/clock.h"
#include "keystone/services/accountservice.h"
#include "keystone/services/bookservice.h"
#include "keystone/demo/demogenerator.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/teamservice.h"
#include "keystone/services/validationerror.h"

#include <algorithm>

using namespace keystone;
using namespace keystone::services;

namespace {
constexpr qint64 k = 100 * 1000; // 1k in cents

domain::Account makeAccount(const QString &name, qint64 arrCents, std::optional<domain::Tier> tier = {}, qint64 owner = 0)
{
    domain::Account a;
    a.name = name;
    a.arr = {arrCents, QStringLiteral("USD")};
    a.tierOverride = tier;
    if (tier)
        a.tierOverrideReason = QStringLiteral("test");
    a.ownerId = owner;
    return a;
}
} // namespace

TEST_CASE("NRR and GRR of the section 9 example come from the ARR history", "[services][book]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("r.keystone")));
    AccountService accounts(*p);
    const qint64 a = accounts.create(makeAccount(QStringLiteral("A"), 130 * k)).id;
    const qint64 b = accounts.create(makeAccount(QStringLiteral("B"), 40 * k)).id;
    const qint64 c = accounts.create(makeAccount(QStringLiteral("C"), 0)).id;
    const qint64 d = accounts.create(makeAccount(QStringLiteral("D"), 20 * k)).id;
    // Replace what create() recorded with a history over 2025.
    for (qint64 id : {a, b, c, d})
        for (const auto &pt : p->arrHistory().forAccount(id))
            p->arrHistory().remove(id, pt.date);
    using domain::ArrChange;
    p->arrHistory().recordMany({{a, QDate(2024, 6, 1), 100 * k, ArrChange::New},
                                {a, QDate(2025, 7, 1), 130 * k, ArrChange::Expansion},
                                {b, QDate(2024, 3, 1), 50 * k, ArrChange::New},
                                {b, QDate(2025, 9, 1), 40 * k, ArrChange::Contraction},
                                {c, QDate(2023, 1, 1), 30 * k, ArrChange::New},
                                {c, QDate(2025, 10, 1), 0, ArrChange::Churn},
                                {d, QDate(2025, 4, 1), 20 * k, ArrChange::New}});
    const BookData book = loadBookData(*p, QDate(2026, 1, 15));
    const RetentionReport r = retentionReport(book, QDate(2025, 1, 1), QDate(2025, 12, 31));
    CHECK(r.total.accounts == 3);
    CHECK(r.total.excludedNew == 1);
    REQUIRE(r.total.nrr);
    CHECK(qRound(*r.total.nrr * 1000) == 944);
    CHECK(qRound(*r.total.grr * 1000) == 778);
    // Before A's expansion and B's contraction only C has changed... nothing yet: 100%.
    const RetentionReport early = retentionReport(book, QDate(2025, 1, 1), QDate(2025, 6, 30));
    CHECK(*early.total.nrr == Approx(1.0));
    // All four accounts are unassigned: one owner group with the same figures.
    REQUIRE(r.byOwner.size() == 1);
    CHECK(r.byOwner.front().first == 0);
    CHECK(*r.byOwner.front().second.nrr == Approx(*r.total.nrr));
}

TEST_CASE("An ARR edit is recorded in the ARR history with its kind of change", "[services][book]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("h.keystone")));
    AccountService accounts(*p);
    // A fixed day (noon, so no time zone moves it), not the machine's: "the same day" below
    // holds whenever the test runs, midnight included.
    storage::ManualClock clock(QDateTime(QDate(2026, 3, 14), QTime(12, 0), Qt::LocalTime));
    domain::Account a = accounts.create(makeAccount(QStringLiteral("Acme"), 50 * k));
    auto points = p->arrHistory().forAccount(a.id);
    REQUIRE(points.size() == 1);
    CHECK(points[0].change == domain::ArrChange::New);
    CHECK(points[0].date == QDate(2026, 3, 14));
    a.arr.cents = 0;
    a = accounts.update(a);
    points = p->arrHistory().forAccount(a.id);
    REQUIRE(points.size() == 1); // same day: replaced
    CHECK(points[0].arrCents == 0);
    CHECK(points[0].change == domain::ArrChange::Churn);
    // Removing and restoring the account (undo) brings its history back.
    const auto removed = accounts.remove({a.id});
    CHECK(p->arrHistory().forAccount(a.id).empty());
    accounts.restore(removed);
    CHECK(p->arrHistory().forAccount(a.id) == points);
    // The next day's change is a point of its own.
    clock.advance(24 * 3600);
    a.arr.cents = 20 * k;
    a = accounts.update(a);
    points = p->arrHistory().forAccount(a.id);
    REQUIRE(points.size() == 2);
    CHECK(points[1].date == QDate(2026, 3, 15));
    CHECK(points[1].arrCents == 20 * k);
}

TEST_CASE("Required FTE of the section 10 example and a person's utilisation", "[services][book]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("c.keystone")));
    TeamService team(*p);
    domain::TeamMember am;
    am.name = QStringLiteral("Alex Am");
    am.role = domain::TeamRole::AM;
    am = team.create(am);
    domain::TeamMember csm;
    csm.name = QStringLiteral("Casey Csm");
    csm.role = domain::TeamRole::CSM;
    csm.hoursPerMonth = 20;
    csm = team.create(csm);
    AccountService accounts(*p);
    std::vector<qint64> tier1;
    for (int i = 0; i < 10; ++i)
        tier1.push_back(accounts.create(makeAccount(QStringLiteral("T1 %1").arg(i), 500 * k, domain::Tier::Tier1, i < 3 ? am.id : 0)).id);
    for (int i = 0; i < 30; ++i)
        accounts.create(makeAccount(QStringLiteral("T2 %1").arg(i), 100 * k, domain::Tier::Tier2));
    for (int i = 0; i < 100; ++i)
        accounts.create(makeAccount(QStringLiteral("T3 %1").arg(i), 10 * k, domain::Tier::Tier3));
    for (int i = 0; i < 3; ++i)
        CHECK(assignMember(*p, tier1[size_t(i)], csm.id));
    CHECK_FALSE(assignMember(*p, tier1[0], csm.id)); // already there
    CHECK_THROWS_AS(assignMember(*p, tier1[0], 9999), ValidationError);

    const CoverageReport c = coverageReport(loadBookData(*p, QDate(2026, 11, 23)));
    CHECK(c.book == domain::TierCounts{10, 30, 100});
    const auto &amRole = c.roles[size_t(domain::TeamRole::AM)];
    CHECK(amRole.requiredHours == Approx(240.0));
    CHECK(amRole.requiredFte == Approx(2.0));
    CHECK(amRole.availableFte == Approx(1.0));
    const auto person = [&](const QString &name) {
        return *std::find_if(c.people.begin(), c.people.end(), [&](const PersonLoad &l) { return l.member.name == name; });
    };
    CHECK(person(QStringLiteral("Alex Am")).assigned == domain::TierCounts{3, 0, 0});
    CHECK(person(QStringLiteral("Alex Am")).utilisation.ratio == Approx(30.0 / 120.0));
    CHECK(person(QStringLiteral("Casey Csm")).utilisation.ratio == Approx(24.0 / 20.0)); // 3 x 8 h of 20
    CHECK(person(QStringLiteral("Casey Csm")).utilisation.overloaded());
}

TEST_CASE("A snoozed signal comes back on its date and a dismissal is kept with its reason", "[services][book][signals]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("s.keystone")));
    AccountService accounts(*p);
    domain::Account a = makeAccount(QStringLiteral("Renewing Co"), 80 * k, domain::Tier::Tier2);
    a.renewalDate = QDate(2026, 12, 20);
    a = accounts.create(a);
    const QDate today(2026, 11, 23);
    auto renewalSignal = [&](const QDate &day) {
        const auto list = bookSignals(loadBookData(*p, day), a.id);
        auto it = std::find_if(list.begin(), list.end(), [](const BookSignal &s) { return s.signal.rule == domain::SignalRule::RenewalUnattended; });
        return it == list.end() ? std::optional<BookSignal>() : std::optional<BookSignal>(*it);
    };
    REQUIRE(renewalSignal(today));
    CHECK(renewalSignal(today)->visible);

    domain::SignalState snooze;
    snooze.accountId = a.id;
    snooze.rule = domain::SignalRule::RenewalUnattended;
    snooze.decision = domain::SignalDecision::Snoozed;
    snooze.until = QDate(2026, 12, 1);
    const domain::SignalState stored = decideSignal(*p, snooze);
    CHECK(stored.id > 0);
    CHECK_FALSE(renewalSignal(today)->visible);
    CHECK_FALSE(renewalSignal(QDate(2026, 11, 30))->visible);
    CHECK(renewalSignal(QDate(2026, 12, 1))->visible);
    CHECK(openSignalCounts(loadBookData(*p, today)).value(a.id) < openSignalCounts(loadBookData(*p, QDate(2026, 12, 1))).value(a.id));

    domain::SignalState dismiss = snooze;
    dismiss.decision = domain::SignalDecision::Dismissed;
    dismiss.until = {};
    CHECK_THROWS_AS(decideSignal(*p, dismiss), ValidationError); // a reason is required
    dismiss.reason = QStringLiteral("Renewal handled by the partner");
    decideSignal(*p, dismiss);
    CHECK_FALSE(renewalSignal(QDate(2026, 12, 5))->visible);
    REQUIRE(renewalSignal(QDate(2026, 12, 5))->decision);
    CHECK(renewalSignal(QDate(2026, 12, 5))->decision->reason == QStringLiteral("Renewal handled by the partner"));
    // Both decisions are kept.
    const auto kept = p->signalStates().forAccount(a.id);
    REQUIRE(kept.size() == 2);
    CHECK(kept[0].decision == domain::SignalDecision::Snoozed);
    CHECK(kept[1].decision == domain::SignalDecision::Dismissed);
    // Undo of the dismissal: the snooze applies again.
    removeSignalDecision(*p, kept[1]);
    CHECK(renewalSignal(QDate(2026, 12, 5))->visible);
}

TEST_CASE("The 12-month band timeline matches the latest score at each month end", "[services][book]")
{
    test::TempDir dir;
    const QString path = dir.file(QStringLiteral("t.keystone"));
    demo::DemoOptions o;
    o.accounts = 150;
    o.seed = 5;
    o.today = QDate(2026, 11, 23);
    demo::generateDemo(path, o);
    auto p = Portfolio::open(path);
    const auto timeline = healthTimeline(*p, o.today);
    REQUIRE(timeline.size() == 12);
    CHECK(timeline.back().date == o.today);
    CHECK(timeline.front().date == QDate(2025, 12, 31));
    for (const BandMonth &m : timeline) {
        // Independent route: the latest stored score of every account on that day.
        std::array<int, kBandColumns> expected{};
        for (const auto &s : p->health().latestScores(m.date))
            ++expected[size_t(bandColumn(s.band))];
        for (int b = 0; b < 4; ++b)
            CHECK(m.counts[size_t(b)] == expected[size_t(b)]);
    }
}
