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

#include "testsupport.h"

#include "keystone/team/teamserver.h"

#include <QFile>
#include <QProcess>
#include <QUuid>

#include <libpq-fe.h>

#include <memory>
#include <vector>

using namespace keystone;

namespace {

// The admin URL of the throwaway server, from the folder ctest's fixture started it in.
QString adminUrl()
{
    const QString dir = qEnvironmentVariable("KEYSTONE_TEAM_SERVER_DIR");
    QFile f(dir + QStringLiteral("/url"));
    INFO("KEYSTONE_TEAM_SERVER_DIR=" << dir.toStdString() << ": the test PostgreSQL server did not start (see the output of the "
         "test 'team server: start')");
    REQUIRE(f.open(QIODevice::ReadOnly));
    return QString::fromUtf8(f.readAll()).trimmed();
}

// Runs SQL through plain libpq and returns the first column of each row.
QStringList sql(const QString &url, const QString &statement)
{
    std::unique_ptr<PGconn, void (*)(PGconn *)> conn(PQconnectdb(url.toUtf8().constData()), &PQfinish);
    INFO(PQerrorMessage(conn.get()));
    REQUIRE(PQstatus(conn.get()) == CONNECTION_OK);
    std::unique_ptr<PGresult, void (*)(PGresult *)> res(PQexec(conn.get(), statement.toUtf8().constData()), &PQclear);
    INFO(statement.toStdString() << ": " << PQresultErrorMessage(res.get()));
    REQUIRE((PQresultStatus(res.get()) == PGRES_TUPLES_OK || PQresultStatus(res.get()) == PGRES_COMMAND_OK));
    QStringList rows;
    for (int i = 0; i < PQntuples(res.get()); ++i)
        rows << QString::fromUtf8(PQgetvalue(res.get(), i, 0));
    return rows;
}

// A new, empty database on the throwaway server; its URL.
QString freshDatabase()
{
    const QString admin = adminUrl();
    const QString name = QStringLiteral("t_%1").arg(QUuid::createUuid().toString(QUuid::Id128));
    sql(admin, QStringLiteral("CREATE DATABASE %1").arg(name));
    QString url = admin;
    url.replace(QStringLiteral("/postgres"), QLatin1Char('/') + name);
    return url;
}

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
    CHECK(first.out.contains(QStringLiteral("Created the team book's schema (server schema version 1)")));
    CHECK(sql(url, QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = 'keystone' ORDER BY 1"))
          == QStringList{QStringLiteral("changes"), QStringLiteral("members"), QStringLiteral("meta")});
    CHECK(sql(url, QStringLiteral("SELECT value FROM keystone.meta WHERE key = 'schema_version'")) == QStringList{QStringLiteral("1")});
    CHECK(sql(url, QStringLiteral("SELECT rolname FROM pg_roles WHERE rolname LIKE 'keystone\\_%' AND NOT rolcanlogin ORDER BY 1"))
          == QStringList{QStringLiteral("keystone_am"), QStringLiteral("keystone_lead"), QStringLiteral("keystone_viewer")});
    const QStringList createdAt = sql(url, QStringLiteral("SELECT value FROM keystone.meta WHERE key = 'created_at'"));
    REQUIRE(createdAt.size() == 1);

    const test::ProgramRun second = teamInit(url, true);
    INFO(second.err.toStdString());
    REQUIRE(second.code == 0);
    CHECK(second.out.contains(QStringLiteral("\"created\": false")));
    CHECK(second.out.contains(QStringLiteral("\"schema_version\": 1")));
    CHECK(sql(url, QStringLiteral("SELECT value FROM keystone.meta WHERE key = 'created_at'")) == createdAt);
    CHECK(sql(url, QStringLiteral("SELECT count(*) FROM keystone.meta")) == QStringList{QStringLiteral("2")});
    const test::ProgramRun third = teamInit(url);
    CHECK(third.out.contains(QStringLiteral("already there")));
    CHECK(third.out.contains(QStringLiteral("version 1")));
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
