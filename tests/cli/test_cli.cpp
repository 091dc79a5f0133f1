// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// keystone-cli: usage, help, info, accounts, check, demo, the screenshot, the portfolio report.
#include "clitest.h"

#include <QRegularExpression>
#include <QFileInfo>
#include <QDir>
#include <QImage>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>

#include "keystone/services/accountservice.h"
#include "keystone/services/planservice.h"
#include "keystone/services/snapshotservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/storage/database.h"

#include <set>

using namespace keystone;
using namespace keystone::clitest;

TEST_CASE("Usage errors exit 2 and say what is wrong", "[cli]")
{
    Run r = cli({});
    CHECK(r.code == 2);
    CHECK(r.err.contains(QStringLiteral("Usage: keystone-cli COMMAND")));
    r = cli({QStringLiteral("frobnicate")});
    CHECK(r.code == 2);
    CHECK(r.err.contains(QStringLiteral("unknown command 'frobnicate'")));
    r = cli({QStringLiteral("info")});
    CHECK(r.code == 2);
    CHECK(r.err.contains(QStringLiteral("missing the portfolio FILE")));
    r = cli({QStringLiteral("info"), QStringLiteral("a.keystone"), QStringLiteral("--bogus")});
    CHECK(r.code == 2);
    CHECK(r.err.contains(QStringLiteral("bogus")));
    r = cli({QStringLiteral("demo"), QStringLiteral("--out"), QStringLiteral("x.keystone"), QStringLiteral("--accounts"), QStringLiteral("many")});
    CHECK(r.code == 2);
    CHECK(r.err.contains(QStringLiteral("--accounts must be a whole number")));
    r = cli({QStringLiteral("demo"), QStringLiteral("--out"), QStringLiteral("x.keystone"), QStringLiteral("--today"), QStringLiteral("2026-02-30")});
    CHECK(r.code == 2);
    CHECK_FALSE(QFileInfo::exists(QStringLiteral("x.keystone")));
}

TEST_CASE("Every command has --help", "[cli]")
{
    for (const char *cmd : {"demo", "info", "check", "accounts", "whitespace", "pipeline", "stakeholders", "activities", "health"}) {
        INFO(cmd);
        const Run r = cli({QString::fromLatin1(cmd), QStringLiteral("--help")});
        CHECK(r.code == 0);
        CHECK(r.out.startsWith(QStringLiteral("Usage: keystone-cli %1").arg(QString::fromLatin1(cmd))));
    }
    const Run r = cli({QStringLiteral("--help")});
    CHECK(r.code == 0);
    CHECK(r.out.contains(QStringLiteral("accounts")));
}

TEST_CASE("info --json reports what the file holds", "[cli]")
{
    test::TempDir dir;
    const QString path = demoBook(dir, 40);
    const Run info = cli({QStringLiteral("info"), path, QStringLiteral("--json")});
    REQUIRE(info.code == 0);
    const json j = parse(info.out);
    CHECK(j["schema_version"] == storage::Database::latestSchemaVersion());
    CHECK(j["counts"]["accounts"] == 40);
    CHECK(j["counts"]["team_members"].get<int>() >= 8);
    CHECK(j["currency"] == "USD");
    CHECK(j["file_bytes"].get<qint64>() >= QFileInfo(path).size());

    // The total agrees with the sum over the account list, an independent query path.
    const Run list = cli({QStringLiteral("accounts"), path, QStringLiteral("--json")});
    REQUIRE(list.code == 0);
    const json accounts = parse(list.out);
    qint64 sum = 0;
    for (const json &a : accounts["accounts"])
        sum += a["arr_cents"].get<qint64>();
    CHECK(j["total_arr_cents"].get<qint64>() == sum);
    CHECK(accounts["count"] == 40);
}

TEST_CASE("accounts filters by tier and owner", "[cli]")
{
    test::TempDir dir;
    const QString path = demoBook(dir, 60);
    const json all = parse(cli({QStringLiteral("accounts"), path, QStringLiteral("--json")}).out);
    int tier1 = 0;
    QString someOwner;
    int ownedBySome = 0;
    for (const json &a : all["accounts"]) {
        tier1 += a["tier"] == 1 ? 1 : 0;
        CHECK((a["quadrant"] == "Invest" || a["quadrant"] == "Protect" || a["quadrant"] == "Develop" || a["quadrant"] == "Maintain"));
        CHECK(a["suggested_tier"].get<int>() >= 1);
    }
    someOwner = QString::fromStdString(all["accounts"][0]["owner"].get<std::string>());
    for (const json &a : all["accounts"])
        ownedBySome += QString::fromStdString(a["owner"].get<std::string>()) == someOwner ? 1 : 0;

    const Run t1 = cli({QStringLiteral("accounts"), path, QStringLiteral("--json"), QStringLiteral("--tier"), QStringLiteral("1")});
    REQUIRE(t1.code == 0);
    const json j1 = parse(t1.out);
    CHECK(j1["count"] == tier1);
    for (const json &a : j1["accounts"])
        CHECK(a["tier"] == 1);

    const Run byOwner = cli({QStringLiteral("accounts"), path, QStringLiteral("--json"), QStringLiteral("--owner"), someOwner.toUpper()});
    REQUIRE(byOwner.code == 0);
    CHECK(parse(byOwner.out)["count"] == ownedBySome);

    const Run noOwner = cli({QStringLiteral("accounts"), path, QStringLiteral("--owner"), QStringLiteral("Nobody Here")});
    CHECK(noOwner.code == 1);
    CHECK(noOwner.err.contains(QStringLiteral("no team member named 'Nobody Here'")));
    CHECK(cli({QStringLiteral("accounts"), path, QStringLiteral("--tier"), QStringLiteral("4")}).code == 2);

    const Run text = cli({QStringLiteral("accounts"), path});
    CHECK(text.code == 0);
    CHECK(text.out.contains(QStringLiteral("60 accounts; value threshold $")));
}

TEST_CASE("check passes a healthy file and fails a damaged one", "[cli]")
{
    test::TempDir dir;
    const QString path = demoBook(dir, 30);
    Run r = cli({QStringLiteral("check"), path});
    CHECK(r.code == 0);
    CHECK(r.out.startsWith(QStringLiteral("ok:")));
    r = cli({QStringLiteral("check"), path, QStringLiteral("--full")});
    CHECK(r.code == 0);
    CHECK(r.out.contains(QStringLiteral("integrity_check")));

    const QString text = dir.file(QStringLiteral("text.keystone"));
    test::writeFile(text, "hello");
    r = cli({QStringLiteral("check"), text});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("text.keystone")));
    CHECK(r.err.contains(QStringLiteral("not an SQLite database")));

    r = cli({QStringLiteral("info"), dir.file(QStringLiteral("absent.keystone"))});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("absent.keystone does not exist")));
}

TEST_CASE("demo refuses to overwrite unless forced, and is deterministic", "[cli]")
{
    test::TempDir dir;
    const QString path = demoBook(dir, 25);
    const QByteArray firstAccounts = cli({QStringLiteral("accounts"), path, QStringLiteral("--json")}).out.toUtf8();
    Run r = cli({QStringLiteral("demo"), QStringLiteral("--out"), path});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("already exists")));
    r = cli({QStringLiteral("demo"), QStringLiteral("--out"), path, QStringLiteral("--accounts"), QStringLiteral("25"), QStringLiteral("--seed"),
             QStringLiteral("3"), QStringLiteral("--today"), QStringLiteral("2026-11-23"), QStringLiteral("--force")});
    CHECK(r.code == 0);
    CHECK(cli({QStringLiteral("accounts"), path, QStringLiteral("--json")}).out.toUtf8() == firstAccounts);
}

TEST_CASE("The GUI renders a screenshot offscreen and rejects unknown views", "[cli][gui]")
{
    test::TempDir dir;
    const QString path = demoBook(dir, 30);
    const QString png = dir.file(QStringLiteral("shot.png"));
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.file(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir.file(QStringLiteral("data")));
    p.setProcessEnvironment(env);
    p.start(test::programPath(QStringLiteral("keystone")), {path, QStringLiteral("--screenshot"), png, QStringLiteral("--view"), QStringLiteral("portfolio")});
    REQUIRE(p.waitForFinished(60000));
    CHECK(p.exitCode() == 0);
    QImage img(png);
    CHECK(img.width() == 1440);
    CHECK(img.height() == 900);

    p.start(test::programPath(QStringLiteral("keystone")), {path, QStringLiteral("--screenshot"), png, QStringLiteral("--view"), QStringLiteral("nowhere")});
    REQUIRE(p.waitForFinished(60000));
    CHECK(p.exitCode() == 2);
    CHECK(QString::fromUtf8(p.readAllStandardError()).contains(QStringLiteral("unknown view 'nowhere'")));

    p.start(test::programPath(QStringLiteral("keystone")), {path, QStringLiteral("--screenshot"), png, QStringLiteral("--account"), QStringLiteral("No Such Co")});
    REQUIRE(p.waitForFinished(60000));
    CHECK(p.exitCode() == 1);
}


TEST_CASE("check --full finds cached totals that disagree with the cells", "[cli][whitespace]")
{
    test::TempDir dir;
    const QString path = demoBook(dir, 20);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
        db.setDatabaseName(path);
        REQUIRE(db.open());
        QSqlQuery q(db);
        REQUIRE(q.exec(QStringLiteral("UPDATE accounts SET open_whitespace_cents = open_whitespace_cents + 1 WHERE id = 3")));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
    const Run r = cli({QStringLiteral("check"), path, QStringLiteral("--full")});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("account 3: cached whitespace or pipeline totals differ")));
    CHECK(cli({QStringLiteral("check"), path}).code == 0); // quick_check looks at pages, not meaning
}

TEST_CASE("check --full finds stored values the forms refuse, names entity and field, and says how to repair", "[cli][check]")
{
    test::TempDir dir;
    const QString path = demoBook(dir, 20);
    REQUIRE(cli({QStringLiteral("check"), path, QStringLiteral("--full")}).code == 0);
    // What an older build (or SQL by hand) could store: text in an amount, a flag of 7, an
    // impossible date, a uuid that is not one, and two products that are one name in two
    // Unicode forms (their keys computed before keys were NFC).
    test::execSqlite(path,
                     "UPDATE accounts SET arr_cents = 'abc' WHERE id = 3;"
                     "UPDATE accounts SET at_risk = 7 WHERE id = 4;"
                     "UPDATE accounts SET renewal_date = '2026-02-30' WHERE id = 5;"
                     "UPDATE accounts SET company_revenue_cents = 5000000000000000 WHERE id = 6;"
                     "INSERT INTO products (uuid, name, name_key, family, basis, list_price_cents) VALUES "
                     "('7b0f5d0e-0000-4000-8000-000000000001', 'Caf\xc3\xa9 Suite', 'caf\xc3\xa9 suite', '', 'flat', 100),"
                     "('7b0f5d0e-0000-4000-8000-000000000002', 'Cafe\xcc\x81 Suite', 'cafe\xcc\x81 suite', '', 'flat', 100);");
    const Run r = cli({QStringLiteral("check"), path, QStringLiteral("--full")});
    INFO(r.err.toStdString());
    CHECK(r.code == 1);
    CHECK(r.err.contains(QRegularExpression(QStringLiteral("accounts\\[2\\] '[^']+' \\([0-9a-f-]{36}\\): \"arr_cents\": must be a whole number, not text"))));
    CHECK(r.err.contains(QStringLiteral("\"at_risk\": must be 0 or 1, not 7")));
    CHECK(r.err.contains(QStringLiteral("\"renewal_date\": '2026-02-30' is not a date")));
    CHECK(r.err.contains(QStringLiteral("\"company_revenue_cents\": 5000000000000000 is larger than Keystone stores")));
    CHECK(r.err.contains(QStringLiteral("(7b0f5d0e-0000-4000-8000-000000000002): \"name\" is the same name as 'Caf\u00e9 Suite' (7b0f5d0e-0000-4000-8000-000000000001) in another Unicode form")));
    CHECK(r.err.contains(QStringLiteral("To repair the values named above")));
    CHECK(cli({QStringLiteral("check"), path}).code == 0); // quick_check looks at pages, not meaning
    // The repair route the message gives: the export names the same values when imported.
    const QString json = dir.file(QStringLiteral("all.json"));
    REQUIRE(cli({QStringLiteral("export"), path, QStringLiteral("--json"), json}).code == 0);
    const QString fresh = dir.file(QStringLiteral("new.keystone"));
    REQUIRE(cli({QStringLiteral("new"), fresh}).code == 0);
    const Run imported = cli({QStringLiteral("import"), fresh, QStringLiteral("--json"), json});
    CHECK(imported.code == 1);
    CHECK(imported.err.contains(QStringLiteral("\"at_risk\": must be 0 or 1, not 7")));
}


TEST_CASE("portfolio --json adds up and its NRR matches the ARR history read with SQL", "[cli][portfolio]")
{
    test::TempDir dir;
    const QString file = demoBook(dir, 60);
    const Run r = cli({QStringLiteral("portfolio"), file, QStringLiteral("--as-of"), QStringLiteral("2026-11-23"), QStringLiteral("--json")});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    const json j = parse(r.out);
    CHECK(j["accounts"] == 60);
    CHECK(j["from"] == "2025-11-23");
    int tierBand = 0;
    for (const auto &[tier, bands] : j["tier_band_counts"].items())
        for (const auto &[band, n] : bands.items())
            tierBand += n.get<int>();
    CHECK(tierBand == 60);
    int health = 0;
    for (const auto &[band, n] : j["health_distribution"].items())
        health += n.get<int>();
    CHECK(health == 60);
    CHECK(j["coverage"]["roles"]["AM"]["required_fte"].get<double>() > 0);
    CHECK(j["coverage"]["people"].size() >= 8);

    // NRR and GRR by another route: SQL over arr_history.
    qint64 start = 0, end = 0, retained = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("nrr"));
        db.setDatabaseName(file);
        REQUIRE(db.open());
        QSqlQuery q(db);
        REQUIRE(q.exec(QStringLiteral(
            "SELECT (SELECT arr_cents FROM arr_history h WHERE h.account_id = a.id AND date <= '2025-11-23' ORDER BY date DESC LIMIT 1), "
            "       (SELECT arr_cents FROM arr_history h WHERE h.account_id = a.id AND date <= '2026-11-23' ORDER BY date DESC LIMIT 1) "
            "FROM accounts a")));
        while (q.next()) {
            const qint64 s0 = q.value(0).toLongLong(), s1 = q.value(1).toLongLong();
            if (q.value(0).isNull() || s0 <= 0)
                continue;
            start += s0;
            end += s1;
            retained += std::min(s0, s1);
        }
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("nrr"));
    REQUIRE(start > 0);
    CHECK(j["nrr"].get<double>() == Approx(double(end) / double(start)).margin(0.0001));
    CHECK(j["grr"].get<double>() == Approx(double(retained) / double(start)).margin(0.0001));
    CHECK(j["grr"].get<double>() <= j["nrr"].get<double>() + 1e-9);

    // signals_open is the number of signals the signals command lists for the same day.
    const Run s = cli({QStringLiteral("signals"), file, QStringLiteral("--today"), QStringLiteral("2026-11-23"), QStringLiteral("--json")});
    REQUIRE(s.code == 0);
    const json sj = parse(s.out);
    CHECK(sj["signals"].size() == j["signals_open"].get<size_t>());
    CHECK(j["signals_open"].get<int>() > 0);
    for (const auto &sig : sj["signals"]) {
        CHECK(!sig["reason"].get<std::string>().empty());
        CHECK(!sig["next_step"].get<std::string>().empty());
    }
    // Severity order: high, then medium, then low.
    std::vector<int> order;
    for (const auto &sig : sj["signals"])
        order.push_back(sig["severity"] == "high" ? 0 : sig["severity"] == "medium" ? 1 : 2);
    CHECK(std::is_sorted(order.begin(), order.end()));
}

TEST_CASE("portfolio and signals refuse bad arguments with a clear message", "[cli][portfolio]")
{
    test::TempDir dir;
    const QString file = demoBook(dir, 10);
    Run r = cli({QStringLiteral("portfolio"), file, QStringLiteral("--as-of"), QStringLiteral("23/11/2026")});
    CHECK(r.code == 2);
    CHECK(r.err.contains(QStringLiteral("--as-of must be a date like 2026-11-23, not '23/11/2026'")));
    r = cli({QStringLiteral("portfolio"), file, QStringLiteral("--from"), QStringLiteral("2026-06-01"), QStringLiteral("--to"), QStringLiteral("2026-01-01")});
    CHECK(r.code == 2);
    CHECK(r.err.contains(QStringLiteral("must be before --to")));
    r = cli({QStringLiteral("portfolio"), file, QStringLiteral("--owner"), QStringLiteral("Nobody Here")});
    CHECK(r.code != 0);
    CHECK(r.err.contains(QStringLiteral("no team member named 'Nobody Here'")));
    r = cli({QStringLiteral("signals"), file, QStringLiteral("--account"), QStringLiteral("No Such Account")});
    CHECK(r.code != 0);
    CHECK(r.err.contains(QStringLiteral("no account named 'No Such Account'")));
}

TEST_CASE("A read-only command upgrades a file of an older schema first, with a backup, and info reports the version it found", "[cli][migration]")
{
    test::TempDir dir;
    const QString file = clitest::demoBook(dir, 6);
    // As version 15 left it: no QBR summaries table yet.
    test::execSqlite(file, "DROP TABLE qbr_summaries; PRAGMA user_version = 15;");
    const Run info = cli({QStringLiteral("info"), file});
    REQUIRE(info.code == 0);
    CHECK(info.out.contains(QStringLiteral("Schema version:   15")));
    CHECK(test::queryInt(file, "PRAGMA user_version") == 15); // info reads as it is
    // plan reads today's tables: the file is upgraded first, as the app would, and then read.
    const Run plan = cli({QStringLiteral("qbr"), file, QStringLiteral("--account"), test::queryText(file, QStringLiteral("SELECT name FROM accounts LIMIT 1")),
                          QStringLiteral("--quarter"), QStringLiteral("2026Q4"), QStringLiteral("--show-summary")});
    INFO(plan.err.toStdString());
    CHECK(plan.code == 0);
    CHECK(plan.out.contains(QStringLiteral("a draft from the data")));
    CHECK(test::queryInt(file, "PRAGMA user_version") == storage::Database::latestSchemaVersion());
    CHECK(test::queryInt(file, "SELECT count(*) FROM sqlite_master WHERE name = 'qbr_summaries'") == 1);
    // The backup made before the upgrade is the version-15 file.
    const QStringList backups = QDir(file + QStringLiteral(".backups")).entryList({QStringLiteral("*.migration")}, QDir::Files);
    REQUIRE_FALSE(backups.isEmpty());
    CHECK(test::queryInt(file + QStringLiteral(".backups/") + backups.front(), "PRAGMA user_version") == 15);
}
