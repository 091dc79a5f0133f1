// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "testsupport.h"

#include "keystone/storage/accountrepository.h"
#include "keystone/storage/database.h"
#include "keystone/storage/historyrepository.h"
#include "keystone/storage/settingsrepository.h"
#include "keystone/storage/storageerror.h"
#include "keystone/storage/teamrepository.h"
#include "keystone/storage/transaction.h"

#include <QSqlQuery>
#include <QTimeZone>

#include <algorithm>
#include <utility>
#include <vector>

using namespace keystone;
using storage::Database;

namespace {
domain::Account fullAccount(qint64 ownerId)
{
    domain::Account a;
    a.name = QStringLiteral("Northwind Traders");
    a.industry = QStringLiteral("Retail");
    a.region = QStringLiteral("DACH");
    a.ownerId = ownerId;
    a.arr = {12345678, QStringLiteral("USD")};
    a.renewalDate = QDate(2027, 3, 31);
    a.customerSince = QDate(2019, 7, 1);
    a.phase = domain::LifecyclePhase::Expansion;
    a.atRisk = true;
    a.tierOverride = domain::Tier::Tier1;
    a.tierOverrideReason = QStringLiteral("Board sponsor");
    a.potentialRating = 5;
    a.notes = QStringLiteral("Line one\nLine two, with \"quotes\" and ünïcödé");
    a.referenceable = true;
    a.createdAt = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 678), Qt::UTC);
    a.updatedAt = QDateTime(QDate(2026, 2, 3), QTime(4, 5, 6, 789), Qt::UTC);
    return a;
}
} // namespace

TEST_CASE("Accounts round-trip through the repository field by field", "[storage][accounts]")
{
    test::TempDir dir;
    auto db = Database::create(dir.file(QStringLiteral("r.keystone")));
    storage::TeamRepository team(*db);
    domain::TeamMember m;
    m.name = QStringLiteral("Priya Patel");
    team.insert(m);
    storage::AccountRepository repo(*db);
    domain::Account a = fullAccount(m.id);
    repo.insert(a);
    CHECK(a.id > 0);
    CHECK(a.uuid.size() == 36);
    const auto loaded = repo.byId(a.id);
    REQUIRE(loaded);
    CHECK(*loaded == a);
    CHECK(repo.all() == std::vector<domain::Account>{a});
    CHECK(repo.byName(QStringLiteral("  NORTHWIND   traders")) == loaded);

    // An account with every optional field empty comes back empty, not as garbage.
    domain::Account bare;
    bare.name = QStringLiteral("Bare");
    bare.arr = {0, QStringLiteral("USD")};
    repo.insert(bare);
    const auto bareLoaded = repo.byId(bare.id);
    REQUIRE(bareLoaded);
    CHECK(bareLoaded->renewalDate.isNull());
    CHECK(bareLoaded->ownerId == 0);
    CHECK_FALSE(bareLoaded->tierOverride);
    CHECK(*bareLoaded == bare);
}

TEST_CASE("Updating, batch reading and removing accounts", "[storage][accounts]")
{
    test::TempDir dir;
    auto db = Database::create(dir.file(QStringLiteral("u.keystone")));
    storage::AccountRepository repo(*db);
    std::vector<qint64> ids;
    for (int i = 0; i < 5; ++i) {
        domain::Account a;
        a.name = QStringLiteral("A%1").arg(i);
        a.arr = {qint64(i) * 1000, QStringLiteral("USD")};
        repo.insert(a);
        ids.push_back(a.id);
    }
    auto a2 = *repo.byId(ids[2]);
    a2.arr.cents = 777;
    a2.name = QStringLiteral("Renamed");
    repo.update(a2);
    CHECK(repo.byId(ids[2])->arr.cents == 777);
    CHECK(repo.byName(QStringLiteral("renamed"))->id == ids[2]);
    CHECK_FALSE(repo.byName(QStringLiteral("A2")));
    const auto some = repo.byIds({ids[4], ids[0], 9999});
    REQUIRE(some.size() == 2);
    CHECK(some[0].id == ids[0]);
    CHECK(some[1].id == ids[4]);
    repo.remove(ids[1]);
    CHECK(repo.count() == 4);
    CHECK(repo.totalArrCents() == 0 + 777 + 3000 + 4000);
    // A removed account goes back in with its id.
    domain::Account back;
    back.id = ids[1];
    back.name = QStringLiteral("A1");
    back.arr = {1000, QStringLiteral("USD")};
    repo.insert(back);
    CHECK(repo.byId(ids[1])->name == QStringLiteral("A1"));
}

TEST_CASE("Removing a team member unassigns their accounts", "[storage][team]")
{
    test::TempDir dir;
    auto db = Database::create(dir.file(QStringLiteral("t.keystone")));
    storage::TeamRepository team(*db);
    domain::TeamMember m;
    m.name = QStringLiteral("Lukas Schmidt");
    m.role = domain::TeamRole::CSM;
    m.email = QStringLiteral("lukas@example.com");
    m.hoursPerMonth = 100;
    team.insert(m);
    CHECK(team.byId(m.id) == m);
    CHECK(team.byName(QStringLiteral("lukas SCHMIDT"))->id == m.id);
    storage::AccountRepository repo(*db);
    domain::Account a;
    a.name = QStringLiteral("Owned");
    a.arr = {1, QStringLiteral("USD")};
    a.ownerId = m.id;
    repo.insert(a);
    team.remove(m.id);
    CHECK(repo.byId(a.id)->ownerId == 0);
    CHECK(team.count() == 0);
}

TEST_CASE("Settings round-trip and default when missing", "[storage][settings]")
{
    test::TempDir dir;
    auto db = Database::create(dir.file(QStringLiteral("s.keystone")));
    storage::SettingsRepository repo(*db);
    CHECK(repo.load() == domain::PortfolioSettings{});
    domain::PortfolioSettings s;
    s.currency = QStringLiteral("EUR");
    s.segmentation.mode = domain::SegmentationSettings::ThresholdMode::Fixed;
    s.segmentation.fixedThresholdCents = 25000000;
    s.segmentation.percentile = 75;
    s.segmentation.whitespaceRatio = 0.4;
    s.segmentation.potentialRatingMin = 3;
    s.cadences[0].touchpointsPer90Days = 8;
    s.cadences[2].planRefreshDays = 400;
    repo.save(s);
    CHECK(repo.load() == s);
    repo.save(s); // saving twice updates, never duplicates
    QSqlQuery q(db->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM settings WHERE key = 'currency'")));
    REQUIRE(q.next());
    CHECK(q.value(0).toInt() == 1);
}

namespace {
// Every trigger of the file, name and SQL.
std::vector<std::pair<QString, QString>> triggersOf(Database &db)
{
    std::vector<std::pair<QString, QString>> out;
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")));
    while (q.next())
        out.emplace_back(q.value(0).toString(), q.value(1).toString());
    return out;
}

qint64 historyLines(Database &db)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM change_log")));
    REQUIRE(q.next());
    return q.value(0).toLongLong();
}
} // namespace

TEST_CASE("A bulk writer's suspension of the history triggers puts them back as they were, on commit and on rollback", "[storage][history]")
{
    test::TempDir dir;
    auto db = Database::create(dir.file(QStringLiteral("h.keystone")));
    storage::AccountRepository accounts(*db);
    storage::HistoryRepository history(*db);
    const auto before = triggersOf(*db);
    const auto historyTriggers = std::count_if(before.begin(), before.end(), [](const auto &t) { return t.first.startsWith(QStringLiteral("history_")); });
    REQUIRE(historyTriggers >= 36); // three for each recorded table
    auto add = [&](const QString &name) {
        domain::Account a;
        a.name = name;
        a.arr = {1000, QStringLiteral("USD")};
        accounts.insert(a);
        return a.id;
    };

    // Committed: the rows are in, nothing was recorded, and the triggers are back unchanged.
    {
        storage::Transaction tx(*db);
        history.suspendForBulk();
        CHECK(qsizetype(triggersOf(*db).size()) == qsizetype(before.size()) - historyTriggers);
        add(QStringLiteral("Bulk one"));
        add(QStringLiteral("Bulk two"));
        history.setRecording(true);
        tx.commit();
    }
    CHECK(triggersOf(*db) == before);
    CHECK(accounts.count() == 2);
    CHECK(historyLines(*db) == 0);
    // And they record again.
    add(QStringLiteral("Typed in"));
    CHECK(historyLines(*db) == 1);

    // Rolled back: the file is as it was, and switching recording on later neither fails nor
    // adds a trigger twice.
    {
        storage::Transaction tx(*db);
        history.suspendForBulk();
        add(QStringLiteral("Never kept"));
    }
    CHECK(triggersOf(*db) == before);
    CHECK(accounts.count() == 3);
    {
        storage::Transaction tx(*db);
        history.setRecording(true);
        tx.commit();
    }
    CHECK(triggersOf(*db) == before);
    add(QStringLiteral("Typed in again"));
    CHECK(historyLines(*db) == 2);
}
