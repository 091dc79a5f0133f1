// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// The team book's server schema and `keystone-cli team init`, against a real PostgreSQL: ctest
// starts a throwaway cluster before these tests (scripts/team-server, fixture TeamServer) and
// stops it after them. Each test works in a database of its own. A test fails, never skips,
// when the server is not there. What the server holds is read with plain libpq, apart from
// Keystone's code.
#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_test_macros.hpp>
#else
#include <catch2/catch.hpp>
#endif

#include "teamtest.h"
#include "testsupport.h"

#include "keystone/storage/exchangerepository.h"
#include "keystone/team/teamserver.h"

#include <QFile>
#include <QProcess>
#include <QUrl>
#include <QUuid>

#include <libpq-fe.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <set>
#include <string>
#include <vector>

using namespace keystone;
using teamtest::freshDatabase;
using teamtest::sql;

namespace {

test::ProgramRun teamInit(const QString &url, bool json = false)
{
    QStringList args{QStringLiteral("team"), QStringLiteral("init"), QStringLiteral("--server"), url};
    if (json)
        args << QStringLiteral("--json");
    return test::runCli(args);
}

} // namespace

TEST_CASE("team init creates the team book's schema once, and a second run says it is there and changes nothing", "[team]")
{
    const QString url = freshDatabase();
    const test::ProgramRun first = teamInit(url);
    INFO(first.err.toStdString());
    REQUIRE(first.code == 0);
    CHECK(first.out.contains(QStringLiteral("Created the team book's schema (server schema version 3)")));
    // The bookkeeping tables, and one table per kind of entity the exchange format carries.
    QStringList expected{QStringLiteral("changes"), QStringLiteral("members"), QStringLiteral("meta")};
    for (const storage::ExchangeTable &t : storage::exchangeTables())
        expected << t.table;
    expected.sort();
    CHECK(sql(url, QStringLiteral("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'keystone' ORDER BY table_name COLLATE \"C\""))
          == expected);
    CHECK(sql(url, QStringLiteral("SELECT value FROM keystone.meta WHERE key = 'schema_version'")) == QStringList{QStringLiteral("3")});
    CHECK(sql(url, QStringLiteral("SELECT rolname FROM pg_roles WHERE rolname LIKE 'keystone\\_%' AND NOT rolcanlogin ORDER BY 1"))
          == QStringList{QStringLiteral("keystone_am"), QStringLiteral("keystone_lead"), QStringLiteral("keystone_viewer")});
    const QStringList createdAt = sql(url, QStringLiteral("SELECT value FROM keystone.meta WHERE key = 'created_at'"));
    REQUIRE(createdAt.size() == 1);

    const test::ProgramRun second = teamInit(url, true);
    INFO(second.err.toStdString());
    REQUIRE(second.code == 0);
    CHECK(second.out.contains(QStringLiteral("\"created\": false")));
    CHECK(second.out.contains(QStringLiteral("\"schema_version\": 3")));
    CHECK(sql(url, QStringLiteral("SELECT value FROM keystone.meta WHERE key = 'created_at'")) == createdAt);
    CHECK(sql(url, QStringLiteral("SELECT count(*) FROM keystone.meta")) == QStringList{QStringLiteral("2")});
    const test::ProgramRun third = teamInit(url);
    CHECK(third.out.contains(QStringLiteral("already there")));
    CHECK(third.out.contains(QStringLiteral("version 3")));
}

TEST_CASE("A Keystone refuses a team book whose server schema is newer, naming both versions, and changes nothing", "[team]")
{
    const QString url = freshDatabase();
    REQUIRE(teamInit(url).code == 0);
    sql(url, QStringLiteral("UPDATE keystone.meta SET value = '99' WHERE key = 'schema_version'"));
    const test::ProgramRun r = teamInit(url);
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("server schema version 99")));
    CHECK(r.err.contains(QStringLiteral("knows up to version %1").arg(team::latestServerSchemaVersion())));
    CHECK(r.err.contains(QStringLiteral("update Keystone")));
    CHECK(sql(url, QStringLiteral("SELECT value FROM keystone.meta WHERE key = 'schema_version'")) == QStringList{QStringLiteral("99")});
    // The library says the same through its own call.
    CHECK(team::serverSchemaVersion(url) == 99);
    CHECK_THROWS_AS(team::initServer(url), team::TeamError);
}

TEST_CASE("A team book of an older server schema is refused by sync, naming the upgrade, and team init upgrades it", "[team]")
{
    const QString url = freshDatabase();
    const team::InitResult first = team::initServer(url, 1); // what the first Keystone with a team book made
    CHECK(first.schemaVersion == 1);
    CHECK(team::serverSchemaVersion(url) == 1);
    test::TempDir dir;
    const QString file = dir.file(QStringLiteral("book.keystone"));
    REQUIRE(test::runCli({QStringLiteral("demo"), QStringLiteral("--out"), file, QStringLiteral("--accounts"), QStringLiteral("5")}).code == 0);
    const QStringList before = test::dumpTables(file);
    const test::ProgramRun refused = test::runCli({QStringLiteral("sync"), file, QStringLiteral("--server"), url});
    CHECK(refused.code == 1);
    CHECK(refused.err.contains(QStringLiteral("server schema version 1, older than this Keystone's %1").arg(team::latestServerSchemaVersion())));
    CHECK(refused.err.contains(QStringLiteral("keystone-cli team init --server URL")));
    CHECK(test::dumpTables(file) == before); // not bound, nothing written
    CHECK(sql(url, QStringLiteral("SELECT value FROM keystone.meta WHERE key = 'schema_version'")) == QStringList{QStringLiteral("1")});

    const test::ProgramRun upgraded = teamInit(url, true);
    INFO(upgraded.err.toStdString());
    REQUIRE(upgraded.code == 0);
    const nlohmann::json j = nlohmann::json::parse(upgraded.out.toStdString());
    CHECK(j["upgraded_from"] == 1);
    CHECK(j["schema_version"] == team::latestServerSchemaVersion());
    CHECK(sql(url, QStringLiteral("SELECT value FROM keystone.meta WHERE key = 'schema_version'")) ==
          QStringList{QString::number(team::latestServerSchemaVersion())});
    const test::ProgramRun published = test::runCli({QStringLiteral("sync"), file, QStringLiteral("--server"), url});
    INFO(published.err.toStdString());
    CHECK(published.code == 0);
    CHECK(published.out.contains(QStringLiteral("Published")));
    CHECK(sql(url, QStringLiteral("SELECT count(*) FROM keystone.accounts")) == QStringList{QStringLiteral("5")});
}

TEST_CASE("Four team inits at once create the schema exactly once", "[team]")
{
    const QString url = freshDatabase();
    std::vector<std::unique_ptr<QProcess>> runs;
    for (int i = 0; i < 4; ++i) {
        auto p = std::make_unique<QProcess>();
        p->start(test::programPath(QStringLiteral("keystone-cli")), {QStringLiteral("team"), QStringLiteral("init"), QStringLiteral("--server"), url});
        runs.push_back(std::move(p));
    }
    int created = 0;
    for (auto &p : runs) {
        REQUIRE(p->waitForFinished(120000));
        const QString out = QString::fromUtf8(p->readAllStandardOutput());
        INFO(out.toStdString() << QString::fromUtf8(p->readAllStandardError()).toStdString());
        CHECK(p->exitCode() == 0);
        created += out.contains(QStringLiteral("Created")) ? 1 : 0;
    }
    CHECK(created == 1);
    CHECK(sql(url, QStringLiteral("SELECT count(*) FROM keystone.meta WHERE key = 'created_at'")) == QStringList{QStringLiteral("1")});
}

TEST_CASE("An unreachable team server is exit 1 with a message that names it without its password", "[team]")
{
    const test::ProgramRun r = teamInit(QStringLiteral("postgresql://keystone_admin:hunter2@localhost:1/postgres?connect_timeout=5"));
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("cannot reach the team server at postgresql://keystone_admin@localhost:1/postgres")));
    CHECK_FALSE(r.err.contains(QStringLiteral("hunter2")));
    const test::ProgramRun usage = test::runCli({QStringLiteral("team"), QStringLiteral("init")});
    CHECK(usage.code == 2);
    CHECK(usage.err.contains(QStringLiteral("--server URL is required")));
    const test::ProgramRun unknown = test::runCli({QStringLiteral("team"), QStringLiteral("frob"), QStringLiteral("--server"), QStringLiteral("x")});
    CHECK(unknown.code == 2);
    CHECK(unknown.err.contains(QStringLiteral("unknown team action 'frob'")));
}

TEST_CASE("A connection string is shown and kept without its password", "[team]")
{
    CHECK(team::displayUrl(QStringLiteral("postgresql://lead:s3cret@db.example.com:5432/book?sslmode=verify-full"))
          == QStringLiteral("postgresql://lead@db.example.com:5432/book?sslmode=verify-full"));
    CHECK(team::displayUrl(QStringLiteral("postgres://lead@db/book?password=s3cret&sslmode=require")) == QStringLiteral("postgres://lead@db/book?sslmode=require"));
    CHECK(team::displayUrl(QStringLiteral("postgresql://db/book?sslmode=require&password=s3cret")) == QStringLiteral("postgresql://db/book?sslmode=require"));
    CHECK(team::displayUrl(QStringLiteral("host=db dbname=book password='s 3cret' sslmode=verify-full")) == QStringLiteral("host=db dbname=book sslmode=verify-full"));
    CHECK(team::displayUrl(QStringLiteral("host=db password=s3cret")) == QStringLiteral("host=db"));
}

namespace {

// The URL of `database`'s server for another login (trusted locally on the test server).
QString asLogin(const QString &url, const QString &login)
{
    QString other = url;
    other.replace(QStringLiteral("keystone_admin@"), QString::fromUtf8(QUrl::toPercentEncoding(login)) + QLatin1Char('@'));
    return other;
}

// Runs SQL as a login; returns the server's SQLSTATE ("" when it succeeded).
QString sqlState(const QString &url, const QString &statement)
{
    std::unique_ptr<PGconn, void (*)(PGconn *)> conn(PQconnectdb(url.toUtf8().constData()), &PQfinish);
    INFO(PQerrorMessage(conn.get()));
    REQUIRE(PQstatus(conn.get()) == CONNECTION_OK);
    std::unique_ptr<PGresult, void (*)(PGresult *)> res(PQexec(conn.get(), statement.toUtf8().constData()), &PQclear);
    const char *state = PQresultErrorField(res.get(), PG_DIAG_SQLSTATE);
    return state ? QString::fromLatin1(state) : QString();
}

test::ProgramRun grant(const QString &url, const QString &login, const QString &member, const QString &role)
{
    return test::runCli({QStringLiteral("team"), QStringLiteral("grant"), QStringLiteral("--server"), url, QStringLiteral("--login"), login,
                         QStringLiteral("--member"), member, QStringLiteral("--role"), role});
}

} // namespace

TEST_CASE("team grant maps a login to a member and one role, team members lists the mappings, and a viewer cannot write", "[team]")
{
    const QString url = freshDatabase();
    REQUIRE(teamInit(url).code == 0);
    const QString dana = QStringLiteral("dana_%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    const QString kenji = QStringLiteral("Kenji O %1").arg(QUuid::createUuid().toString(QUuid::Id128).left(8)); // a space: quoted by the server
    sql(url, QStringLiteral("CREATE ROLE \"%1\" LOGIN").arg(dana));
    sql(url, QStringLiteral("CREATE ROLE \"%1\" LOGIN").arg(kenji));
    const QString memberships = QStringLiteral("SELECT r.rolname FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid "
                                               "JOIN pg_roles m ON m.oid = a.member WHERE m.rolname = '%1' ORDER BY 1");

    test::ProgramRun r = grant(url, dana, QStringLiteral("Dana Scully"), QStringLiteral("am"));
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    CHECK(r.err.isEmpty()); // the server's notices stay in the log
    REQUIRE(grant(url, kenji, QStringLiteral("Kenji Nguyen"), QStringLiteral("viewer")).code == 0);
    CHECK(sql(url, memberships.arg(dana)) == QStringList{QStringLiteral("keystone_am")});
    CHECK(sql(url, memberships.arg(kenji)) == QStringList{QStringLiteral("keystone_viewer")});

    // A new role replaces the old one.
    REQUIRE(grant(url, dana, QStringLiteral("Dana Scully"), QStringLiteral("LEAD")).code == 0);
    CHECK(sql(url, memberships.arg(dana)) == QStringList{QStringLiteral("keystone_lead")});
    CHECK(sql(url, QStringLiteral("SELECT member_name || '/' || role FROM keystone.members ORDER BY login"))
          == QStringList{QStringLiteral("Kenji Nguyen/viewer"), QStringLiteral("Dana Scully/lead")});

    const test::ProgramRun listed = test::runCli({QStringLiteral("team"), QStringLiteral("members"), QStringLiteral("--server"), url, QStringLiteral("--json")});
    REQUIRE(listed.code == 0);
    const QString json = listed.out;
    CHECK(json.contains(QStringLiteral("\"login\": \"%1\"").arg(kenji)));
    CHECK(json.contains(QStringLiteral("\"member\": \"Dana Scully\"")));
    CHECK(json.contains(QStringLiteral("\"role\": \"lead\"")));
    CHECK(json.indexOf(kenji) < json.indexOf(dana)); // by login: 'K' sorts before 'd'

    // The server itself refuses a viewer's write, whatever program it comes through.
    CHECK(sqlState(asLogin(url, kenji), QStringLiteral("SELECT count(*) FROM keystone.members")).isEmpty());
    CHECK(sqlState(asLogin(url, kenji), QStringLiteral("INSERT INTO keystone.meta (key, value) VALUES ('x', 'y')")) == QStringLiteral("42501"));
    CHECK(sqlState(asLogin(url, kenji), QStringLiteral("DELETE FROM keystone.members")) == QStringLiteral("42501"));

    // Refusals: no such login, a bad role, no book yet.
    const test::ProgramRun nobody = grant(url, QStringLiteral("nobody_here"), QStringLiteral("X"), QStringLiteral("am"));
    CHECK(nobody.code == 1);
    CHECK(nobody.err.contains(QStringLiteral("there is no PostgreSQL login 'nobody_here'")));
    const test::ProgramRun boss = grant(url, dana, QStringLiteral("X"), QStringLiteral("boss"));
    CHECK(boss.code == 2);
    CHECK(boss.err.contains(QStringLiteral("--role must be lead, am or viewer (got 'boss')")));
    CHECK(sql(url, memberships.arg(dana)) == QStringList{QStringLiteral("keystone_lead")});
    const QString empty = freshDatabase();
    const test::ProgramRun noBook = test::runCli({QStringLiteral("team"), QStringLiteral("members"), QStringLiteral("--server"), empty});
    CHECK(noBook.code == 1);
    CHECK(noBook.err.contains(QStringLiteral("there is no team book at")));
    CHECK(noBook.err.contains(QStringLiteral("team init")));
}

TEST_CASE("keystone-bench --only team measures the sync against the server in databases of its own, and drops them", "[team][bench]")
{
    const QString admin = teamtest::adminUrl();
    const test::ProgramRun run = test::runProgram(QStringLiteral("keystone-bench"),
                                                  {QStringLiteral("--accounts"), QStringLiteral("12"), QStringLiteral("--runs"), QStringLiteral("5"),
                                                   QStringLiteral("--only"), QStringLiteral("team"), QStringLiteral("--team-server"), admin,
                                                   QStringLiteral("--json")},
                                                  600000);
    INFO(run.err.toStdString());
    REQUIRE(run.code == 0);
    const auto j = nlohmann::json::parse(run.out.toStdString());
    std::set<std::string> measured;
    for (const auto &[name, value] : j["results"].items())
        measured.insert(name);
    // The book is generated once; nothing but the team group is measured.
    CHECK(measured == std::set<std::string>{"generate", "team_copy_floor_10k", "team_edit_during_sync_max", "team_edit_during_sync_max_rescored",
                                            "team_first_pull_10k", "team_publish_10k", "team_sync_100_in", "team_sync_100_in_rescored",
                                            "team_sync_100_in_while_editing", "team_sync_100_in_while_editing_rescored",
                                            "team_sync_100_out", "team_sync_100_out_rescored", "team_sync_noop"});
    // What was published is what the first pull took in, and both are the whole book.
    const double published = j["results"]["team_publish_10k"]["entities"].get<double>();
    CHECK(published > 1000);
    CHECK(j["results"]["team_first_pull_10k"]["entities"].get<double>() == published);
    CHECK(j["ratios"]["team_publish_vs_copy_floor"].get<double>() > 0);
    CHECK(j["results"]["team_sync_100_out"]["median_ms"].get<double>() > 0);
    // The run's databases are gone.
    CHECK(teamtest::sql(admin, QStringLiteral("SELECT count(*) FROM pg_database WHERE datname LIKE 'keystone_bench_%'")) == QStringList{QStringLiteral("0")});

    // Usage errors: an unknown group, and the team group without a server.
    CHECK(test::runProgram(QStringLiteral("keystone-bench"), {QStringLiteral("--only"), QStringLiteral("nosuch")}).code == 2);
    CHECK(test::runProgram(QStringLiteral("keystone-bench"), {QStringLiteral("--only"), QStringLiteral("team")}).code == 2);
}
