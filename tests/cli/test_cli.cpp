// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "clitest.h"

#include <QRegularExpression>
#include <QFileInfo>
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

namespace {
QString demo(const test::TempDir &dir, int accounts = 40)
{
    const QString path = dir.file(QStringLiteral("cli.keystone"));
    const Run r = cli({QStringLiteral("demo"), QStringLiteral("--out"), path, QStringLiteral("--accounts"), QString::number(accounts),
                       QStringLiteral("--seed"), QStringLiteral("3"), QStringLiteral("--today"), QStringLiteral("2026-11-23")});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    return path;
}
} // namespace

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
    const QString path = demo(dir, 40);
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
    const QString path = demo(dir, 60);
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
    const QString path = demo(dir, 30);
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
    const QString path = demo(dir, 25);
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
    const QString path = demo(dir, 30);
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

TEST_CASE("whitespace --json: cells, totals and penetration agree with the cells", "[cli][whitespace]")
{
    test::TempDir dir;
    const QString path = demo(dir, 40);
    const json all = parse(cli({QStringLiteral("accounts"), path, QStringLiteral("--json")}).out);
    // The biggest account has the most buying centers.
    std::string name;
    qint64 best = -1;
    for (const json &a : all["accounts"]) {
        if (a["arr_cents"].get<qint64>() > best) {
            best = a["arr_cents"].get<qint64>();
            name = a["name"].get<std::string>();
        }
    }
    const Run r = cli({QStringLiteral("whitespace"), path, QStringLiteral("--account"), QString::fromStdString(name), QStringLiteral("--json")});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    const json j = parse(r.out);
    CHECK(j["products"].size() == 8);
    REQUIRE(j["buying_centers"].size() >= 1);
    // Independent recomputation from the listed cells.
    qint64 open = 0, owned = 0;
    int ownedCells = 0, fit = 0;
    for (const json &c : j["cells"]) {
        const std::string st = c["status"];
        if (st == "whitespace" || st == "competitor")
            open += c["potential_arr_cents"].get<qint64>();
        if (st == "competitor")
            CHECK_FALSE(c["competitor"].is_null());
        if (st == "owned") {
            owned += c["current_arr_cents"].get<qint64>();
            ++ownedCells;
        }
        if (st != "not_a_fit")
            ++fit;
    }
    CHECK(j["open_whitespace_cents"].get<qint64>() == open);
    CHECK(j["owned_arr_cents"].get<qint64>() == owned);
    CHECK(owned == best); // the demo splits the account's ARR over its owned cells
    CHECK(j["penetration"].get<double>() == Approx(double(ownedCells) / double(fit)));

    CHECK(cli({QStringLiteral("whitespace"), path, QStringLiteral("--account"), QStringLiteral("Nobody Inc")}).code == 1);
    CHECK(cli({QStringLiteral("whitespace"), path}).code == 2);
}

TEST_CASE("pipeline --json: weighted amounts and totals", "[cli][pipeline]")
{
    test::TempDir dir;
    const QString path = demo(dir, 60);
    const Run r = cli({QStringLiteral("pipeline"), path, QStringLiteral("--json")});
    REQUIRE(r.code == 0);
    const json j = parse(r.out);
    REQUIRE(j["opportunities"].size() > 0);
    qint64 open = 0, weighted = 0, won = 0;
    int count = 0;
    for (const json &o : j["opportunities"]) {
        const qint64 amount = o["amount_cents"].get<qint64>();
        const int p = o["probability"].get<int>();
        CHECK(o["weighted_cents"].get<qint64>() == (amount * p + 50) / 100);
        const std::string stage = o["stage"];
        if (stage == "Won")
            won += amount;
        if (stage != "Won" && stage != "Lost") {
            ++count;
            open += amount;
            weighted += o["weighted_cents"].get<qint64>();
        }
    }
    CHECK(j["open_count"] == count);
    CHECK(j["open_cents"].get<qint64>() == open);
    CHECK(j["weighted_open_cents"].get<qint64>() == weighted);
    CHECK(j["won_cents"].get<qint64>() == won);
    // Every account's slice adds up to the whole.
    qint64 sliced = 0;
    std::set<std::string> accounts;
    for (const json &o : j["opportunities"])
        accounts.insert(o["account"].get<std::string>());
    for (const std::string &a : accounts) {
        const json one = parse(cli({QStringLiteral("pipeline"), path, QStringLiteral("--account"), QString::fromStdString(a), QStringLiteral("--json")}).out);
        sliced += one["weighted_open_cents"].get<qint64>();
    }
    CHECK(sliced == weighted);
    // check --full also recounts the cached totals.
    CHECK(cli({QStringLiteral("check"), path, QStringLiteral("--full")}).code == 0);
}

TEST_CASE("check --full finds cached totals that disagree with the cells", "[cli][whitespace]")
{
    test::TempDir dir;
    const QString path = demo(dir, 20);
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
    const QString path = demo(dir, 20);
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

TEST_CASE("whitespace --by industry and --by tier sum to the book's open whitespace", "[cli][whitespace]")
{
    test::TempDir dir;
    const QString path = demo(dir, 60);
    // Independent total: the sum of each account's grid.
    const json all = parse(cli({QStringLiteral("accounts"), path, QStringLiteral("--json")}).out);
    qint64 expected = 0;
    for (const json &a : all["accounts"]) {
        const json one = parse(cli({QStringLiteral("whitespace"), path, QStringLiteral("--account"),
                                    QString::fromStdString(a["name"].get<std::string>()), QStringLiteral("--json")}).out);
        expected += one["open_whitespace_cents"].get<qint64>();
    }
    for (const char *by : {"industry", "tier"}) {
        INFO(by);
        const Run r = cli({QStringLiteral("whitespace"), path, QStringLiteral("--by"), QString::fromLatin1(by), QStringLiteral("--json")});
        REQUIRE(r.code == 0);
        const json j = parse(r.out);
        CHECK(j["open_whitespace_cents"].get<qint64>() == expected);
        qint64 rows = 0;
        for (const json &g : j["groups"])
            rows += g["open_whitespace_cents"].get<qint64>();
        CHECK(rows == expected);
    }
    CHECK(cli({QStringLiteral("whitespace"), path, QStringLiteral("--by"), QStringLiteral("colour")}).code == 2);
    CHECK(cli({QStringLiteral("whitespace"), path, QStringLiteral("--by"), QStringLiteral("tier"), QStringLiteral("--account"), QStringLiteral("X")}).code == 2);
}

TEST_CASE("stakeholders --json gives contacts, depth, single-threaded and gaps that agree with each other", "[cli][relationship]")
{
    test::TempDir dir;
    const QString path = demo(dir);
    const json accounts = parse(cli({QStringLiteral("accounts"), path, QStringLiteral("--json")}).out);
    int checked = 0;
    for (const auto &a : accounts["accounts"]) {
        const QString name = QString::fromStdString(a["name"].get<std::string>());
        const Run r = cli({QStringLiteral("stakeholders"), path, QStringLiteral("--account"), name, QStringLiteral("--today"),
                           QStringLiteral("2026-11-23"), QStringLiteral("--json")});
        REQUIRE(r.code == 0);
        const json j = parse(r.out);
        // Independent route: depth = active contacts with days_since_interaction <= 90.
        int depth = 0;
        bool economicBuyer = false;
        for (const auto &c : j["contacts"]) {
            for (const char *field : {"name", "role", "stance", "influence", "status", "reports_to", "covered_by", "last_interaction",
                                      "days_since_interaction"})
                CHECK(c.contains(field));
            if (c["status"] == "active" && !c["days_since_interaction"].is_null() && c["days_since_interaction"].get<int>() <= 90)
                ++depth;
            economicBuyer = economicBuyer || (c["status"] == "active" && c["role"] == "economic_buyer");
        }
        CHECK(j["multithreading_depth"] == depth);
        CHECK(j["single_threaded"] == (depth <= 1));
        bool noEconomicBuyerGap = false;
        for (const auto &g : j["gaps"]) {
            CHECK(g.contains("rule"));
            CHECK(g["contacts"].is_array());
            CHECK_FALSE(g["message"].get<std::string>().empty());
            noEconomicBuyerGap = noEconomicBuyerGap || g["rule"] == "no_economic_buyer";
        }
        CHECK(noEconomicBuyerGap == !economicBuyer);
        if (++checked == 8)
            break;
    }
    CHECK(checked == 8);

    // activities: newest first, --since filters, bad input exits 2 or 1 with the reason.
    const QString first = QString::fromStdString(accounts["accounts"][0]["name"].get<std::string>());
    const json all = parse(cli({QStringLiteral("activities"), path, QStringLiteral("--account"), first, QStringLiteral("--json")}).out);
    const json recent = parse(cli({QStringLiteral("activities"), path, QStringLiteral("--account"), first, QStringLiteral("--since"),
                                   QStringLiteral("2026-09-01"), QStringLiteral("--json")}).out);
    REQUIRE(all["activities"].size() >= 3);
    CHECK(recent["activities"].size() <= all["activities"].size());
    for (size_t i = 1; i < all["activities"].size(); ++i)
        CHECK(all["activities"][i - 1]["date"].get<std::string>() >= all["activities"][i]["date"].get<std::string>());
    for (const auto &a : recent["activities"])
        CHECK(a["date"].get<std::string>() >= "2026-09-01");
    const Run badDate = cli({QStringLiteral("activities"), path, QStringLiteral("--account"), first, QStringLiteral("--since"), QStringLiteral("yesterday")});
    CHECK(badDate.code == 2);
    CHECK(badDate.err.contains(QStringLiteral("--since must be a date")));
    CHECK(cli({QStringLiteral("stakeholders"), path}).code == 2);
    CHECK(cli({QStringLiteral("stakeholders"), path, QStringLiteral("--account"), QStringLiteral("Nobody Inc")}).code == 1);
}

TEST_CASE("health --json: score, band, confidence, trend and contributions that add up, and --recompute", "[cli][health]")
{
    test::TempDir dir;
    const QString path = demo(dir, 30);
    const Run r = cli({QStringLiteral("health"), path, QStringLiteral("--as-of"), QStringLiteral("2026-11-23"), QStringLiteral("--json")});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    const json j = parse(r.out);
    REQUIRE(j["accounts"].size() == 30);
    const std::set<std::string> bands{"Green", "Yellow", "Red", "Insufficient data"};
    const std::set<std::string> trends{"up", "down", "flat"};
    for (const auto &a : j["accounts"]) {
        CHECK(bands.count(a["band"].get<std::string>()) == 1);
        CHECK(trends.count(a["trend"].get<std::string>()) == 1);
        const double confidence = a["confidence"].get<double>();
        CHECK(confidence >= 0.0);
        CHECK(confidence <= 1.0);
        // Independent check: contributions (rounded to cents of a point) sum to the score.
        double sum = 0;
        for (const auto &[measure, points] : a["contributions"].items())
            sum += points.get<double>();
        CHECK(sum == Approx(a["score"].get<double>()).margin(0.05));
        CHECK(a["stale"].is_array());
        CHECK(a["missing"].is_array());
        // Below 60% confidence the band must say so, whatever the score.
        if (confidence < 0.6)
            CHECK(a["band"] == "Insufficient data");
        // what_changed is ordered by the size of the change.
        double last = 1e9;
        for (const auto &c : a["what_changed"]) {
            CHECK(std::abs(c["change"].get<double>()) <= last + 1e-9);
            last = std::abs(c["change"].get<double>());
        }
    }
    const std::string first = j["accounts"][0]["account"].get<std::string>();
    const json one = parse(cli({QStringLiteral("health"), path, QStringLiteral("--account"), QString::fromStdString(first),
                                QStringLiteral("--as-of"), QStringLiteral("2026-11-23"), QStringLiteral("--json")}).out);
    REQUIRE(one["accounts"].size() == 1);
    CHECK(one["accounts"][0]["score"] == j["accounts"][0]["score"]);

    const Run recompute = cli({QStringLiteral("health"), path, QStringLiteral("--recompute")});
    CHECK(recompute.code == 0);
    CHECK(recompute.out.contains(QStringLiteral("Recomputed 720 health scores")));
    const Run bad = cli({QStringLiteral("health"), path, QStringLiteral("--as-of"), QStringLiteral("soon")});
    CHECK(bad.code == 2);
    CHECK(bad.err.contains(QStringLiteral("--as-of must be a date")));
    CHECK(cli({QStringLiteral("health"), path, QStringLiteral("--recompute"), QStringLiteral("--account"), QStringLiteral("X")}).code == 2);
}

TEST_CASE("plan --json: completeness is 20 per met part, freshness and overdue days follow the dates", "[cli][plan]")
{
    test::TempDir dir;
    const QString path = demo(dir, 30);
    const json accounts = parse(cli({QStringLiteral("accounts"), path, QStringLiteral("--json")}).out);
    REQUIRE(accounts["accounts"].size() == 30);
    const QDate asOf(2026, 11, 23);
    std::set<int> seen;
    int values = 0;
    int requests = 0;
    int successPlans = 0;
    int remediations = 0;
    for (const auto &a : accounts["accounts"]) {
        const QString name = QString::fromStdString(a["name"].get<std::string>());
        const Run r = cli({QStringLiteral("plan"), path, QStringLiteral("--account"), name, QStringLiteral("--today"), QStringLiteral("2026-11-23"),
                           QStringLiteral("--json")});
        INFO(r.err.toStdString());
        REQUIRE(r.code == 0);
        const json j = parse(r.out);
        REQUIRE(j["parts"].size() == 5);
        int met = 0;
        for (const char *key : {"priorities", "relationship_map", "whitespace", "risks", "actions"}) {
            const json &part = j["parts"][key];
            CHECK(part["met"].get<bool>() == part["missing"].empty());
            met += part["met"].get<bool>() ? 1 : 0;
        }
        CHECK(j["completeness"].get<int>() == 20 * met);
        seen.insert(j["completeness"].get<int>());
        // The priorities part is met exactly when there is a priority.
        CHECK(j["parts"]["priorities"]["met"].get<bool>() == !j["priorities"].empty());
        if (j["last_reviewed"].is_null()) {
            CHECK(j["freshness_days"].is_null());
            CHECK(j["stale"].get<bool>());
        } else {
            const QDate reviewed = QDate::fromString(QString::fromStdString(j["last_reviewed"].get<std::string>()), Qt::ISODate);
            CHECK(j["freshness_days"].get<int>() == reviewed.daysTo(asOf));
            CHECK(j["stale"].get<bool>() == (j["freshness_days"].get<int>() > j["refresh_days"].get<int>()));
        }
        // Advocacy: never two reference requests of one contact in one quarter.
        const json &adv = j["advocacy"];
        REQUIRE(adv.contains("case_study"));
        std::set<std::string> contactQuarters;
        for (const auto &req : adv["reference_requests"]) {
            const QDate d = QDate::fromString(QString::fromStdString(req["date"].get<std::string>()), Qt::ISODate);
            const std::string key = req["contact"].get<std::string>() + "/" + std::to_string(d.year()) + "Q" + std::to_string((d.month() - 1) / 3);
            CHECK(contactQuarters.insert(key).second);
            ++requests;
        }
        for (const auto &v : j["value_delivered"]) {
            if (v["baseline"].is_null() || v["current"].is_null() || v["baseline"].get<double>() == 0.0) {
                CHECK(v["change"].is_null());
                continue;
            }
            const double expected = (v["current"].get<double>() - v["baseline"].get<double>()) / v["baseline"].get<double>();
            CHECK(v["change"].get<double>() == Approx(expected));
            ++values;
        }
        // Joint success plan: the roadmap day, time to first value and milestone counts follow the dates.
        const json &sp = j["success_plan"];
        auto date = [](const json &v) { return QDate::fromString(QString::fromStdString(v.get<std::string>()), Qt::ISODate); };
        if (!sp["starts_on"].is_null()) {
            ++successPlans;
            CHECK(sp["roadmap_day"].get<int>() == date(sp["starts_on"]).daysTo(asOf));
            if (!sp["first_value_on"].is_null())
                CHECK(sp["time_to_first_value_days"].get<int>() == date(sp["starts_on"]).daysTo(date(sp["first_value_on"])));
        } else {
            CHECK(sp["roadmap_day"].is_null());
        }
        int done = 0, late = 0;
        for (const auto &m : sp["milestones"]) {
            const int overdue = m["done_on"].is_null() ? std::max<int>(0, int(date(m["due"]).daysTo(asOf))) : 0;
            CHECK(m["days_overdue"].get<int>() == overdue);
            done += m["done_on"].is_null() ? 0 : 1;
            late += overdue > 0 ? 1 : 0;
        }
        CHECK(sp["milestones_done"].get<int>() == done);
        CHECK(sp["milestones_overdue"].get<int>() == late);
        if (!j["remediation"]["opened_on"].is_null())
            ++remediations;
        for (const auto &x : j["actions"]) {
            const bool open = x["status"] == "open";
            const int expected = open && !x["due"].is_null()
                                     ? std::max<int>(0, int(QDate::fromString(QString::fromStdString(x["due"].get<std::string>()), Qt::ISODate).daysTo(asOf)))
                                     : 0;
            CHECK(x["days_overdue"].get<int>() == expected);
        }
    }
    CHECK(seen.size() >= 3);
    CHECK(values > 0); // the demo records value delivered on well-kept accounts
    CHECK(requests > 0);
    CHECK(successPlans == 2); // seed 3: the demo's onboarding and young accounts
    CHECK(remediations == 3); // and its accounts at risk
    const Run missing = cli({QStringLiteral("plan"), path, QStringLiteral("--account"), QStringLiteral("Nobody Inc")});
    CHECK(missing.code == 1);
    CHECK(cli({QStringLiteral("plan"), path}).code == 2);
}

TEST_CASE("history --json lists an account's changes newest first with names and formatted values", "[cli][history]")
{
    test::TempDir dir;
    const QString path = demo(dir, 5);
    QString name;
    {
        auto p = services::Portfolio::open(path);
        domain::Account a = p->accounts().all().front();
        name = a.name;
        CHECK(p->history().count() == 0); // the demo records none
        a.arr.cents = 12345600;
        a.notes = QStringLiteral("Renewal moved to procurement");
        services::AccountService(*p).update(a);
        domain::Priority pr;
        pr.accountId = a.id;
        pr.text = QStringLiteral("Halve the onboarding time");
        services::PlanService(*p).add(pr);
    }
    const Run r = cli({QStringLiteral("history"), path, QStringLiteral("--account"), name, QStringLiteral("--json")});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    const json j = parse(r.out);
    REQUIRE(j["changes"].size() == 3);
    CHECK(j["changes"][0]["kind"] == "Priority");
    CHECK(j["changes"][0]["action"] == "added");
    CHECK(j["changes"][0]["before"].is_null());
    std::set<std::string> fields;
    for (size_t i = 1; i < 3; ++i) {
        CHECK(j["changes"][i]["action"] == "changed");
        fields.insert(j["changes"][i]["field"].get<std::string>());
        if (j["changes"][i]["field"] == "arr_cents")
            CHECK(j["changes"][i]["after"] == "$123,456");
    }
    CHECK(fields == std::set<std::string>{"arr_cents", "notes"});
    const Run limited = cli({QStringLiteral("history"), path, QStringLiteral("--account"), name, QStringLiteral("--limit"), QStringLiteral("1"),
                             QStringLiteral("--json")});
    CHECK(parse(limited.out)["changes"].size() == 1);
    CHECK(cli({QStringLiteral("history"), path, QStringLiteral("--account"), name, QStringLiteral("--limit"), QStringLiteral("none")}).code == 2);
}

TEST_CASE("snapshot takes, lists and compares quarter snapshots of a plan", "[cli][plan][snapshot]")
{
    test::TempDir dir;
    const QString path = demo(dir, 8);
    QString name;
    qint64 accountId = 0;
    {
        auto p = services::Portfolio::open(path);
        // One without last quarter's snapshot from the demo.
        for (const domain::Account &a : p->accounts().all()) {
            if (services::SnapshotService(*p).list(a.id).empty()) {
                name = a.name;
                accountId = a.id;
                break;
            }
        }
        REQUIRE(accountId > 0);
    }
    auto run = [&](QStringList args) {
        args.prepend(path);
        args.prepend(QStringLiteral("snapshot"));
        args << QStringLiteral("--account") << name;
        return cli(args);
    };
    REQUIRE(run({QStringLiteral("--label"), QStringLiteral("2026Q3")}).code == 0);
    const Run again = run({QStringLiteral("--label"), QStringLiteral("2026Q3")});
    CHECK(again.code == 1);
    CHECK(again.err.contains(QStringLiteral("already a snapshot labelled '2026Q3'")));

    // Between the two quarters: ARR up, a new priority, one action removed.
    QString removedAction;
    {
        auto p = services::Portfolio::open(path);
        domain::Account a = *p->accounts().byId(accountId);
        a.arr.cents = 98765400;
        services::AccountService(*p).update(a);
        domain::Priority pr;
        pr.accountId = accountId;
        pr.text = QStringLiteral("Open two new regions");
        services::PlanService plans(*p);
        plans.add(pr);
        domain::PlanAction act;
        act.accountId = accountId;
        act.what = QStringLiteral("Send the adoption report");
        removedAction = plans.remove<domain::PlanAction>(plans.add(act).id).what;
        domain::PlanAction kept;
        kept.accountId = accountId;
        kept.what = QStringLiteral("Book the QBR");
        plans.add(kept);
    }
    REQUIRE(run({QStringLiteral("--label"), QStringLiteral("2026Q4")}).code == 0);
    const json list = parse(run({QStringLiteral("--list"), QStringLiteral("--json")}).out);
    REQUIRE(list["snapshots"].size() == 2);
    CHECK(list["snapshots"][0]["label"] == "2026Q3");

    const Run r = run({QStringLiteral("--compare"), QStringLiteral("2026Q3"), QStringLiteral("2026Q4"), QStringLiteral("--json")});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    const json j = parse(r.out);
    bool arr = false, priority = false, action = false;
    for (const auto &c : j["changes"]) {
        if (c["section"] == "Summary" && c["field"] == "ARR") {
            arr = true;
            CHECK(c["after"] == "$987,654");
        }
        if (c["section"] == "Priorities" && c["change"] == "added" && c["item"] == "Open two new regions")
            priority = true;
        if (c["section"] == "Actions" && c["change"] == "added" && c["item"] == "Book the QBR")
            action = true;
        CHECK(c["item"] != removedAction.toStdString()); // added and removed between the snapshots: in neither
    }
    CHECK(arr);
    CHECK(priority);
    CHECK(action);
    // The same snapshot against itself: nothing.
    CHECK(parse(run({QStringLiteral("--compare"), QStringLiteral("2026Q4"), QStringLiteral("2026Q4"), QStringLiteral("--json")}).out)["changes"].empty());
    CHECK(run({QStringLiteral("--compare"), QStringLiteral("2026Q3"), QStringLiteral("2025Q1")}).code == 1);
    CHECK(run({QStringLiteral("--compare"), QStringLiteral("2026Q3")}).code == 2);
    CHECK(run({}).code == 2);
}

TEST_CASE("backup, backups and restore: a verified copy comes back in place and the replaced file is kept", "[cli][backup]")
{
    test::TempDir dir;
    const QString path = demo(dir, 6);
    const Run none = cli({QStringLiteral("backups"), path});
    CHECK(none.code == 0);
    CHECK(none.out.startsWith(QStringLiteral("No backups of ")));
    CHECK(parse(cli({QStringLiteral("backups"), path, QStringLiteral("--json")}).out)["backups"].empty());
    const Run made = cli({QStringLiteral("backup"), path});
    INFO(made.err.toStdString());
    REQUIRE(made.code == 0);
    CHECK(made.out.contains(QStringLiteral("verified")));
    const json list = parse(cli({QStringLiteral("backups"), path, QStringLiteral("--json")}).out);
    REQUIRE(list["backups"].size() == 1);
    const QString backup = QString::fromStdString(list["backups"][0]["path"].get<std::string>());
    CHECK(list["backups"][0]["bytes"].get<qint64>() == QFileInfo(backup).size());
    CHECK((QFileInfo(backup).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)) == 0); // 0600

    // An account added after the backup: gone after the restore, kept in the replaced file.
    {
        auto p = services::Portfolio::open(path);
        domain::Account a;
        a.name = QStringLiteral("Added After Backup");
        services::AccountService(*p).create(a);
    }
    const Run restored = cli({QStringLiteral("restore"), path, QStringLiteral("--from"), backup});
    INFO(restored.err.toStdString());
    REQUIRE(restored.code == 0);
    const QString replaced = restored.out.section(QStringLiteral("kept as "), 1).trimmed();
    REQUIRE(QFileInfo::exists(replaced));
    {
        auto p = services::Portfolio::open(path);
        CHECK_FALSE(p->accounts().byName(QStringLiteral("Added After Backup")));
        CHECK(p->accounts().all().size() == 6);
    }
    {
        auto old = services::Portfolio::open(replaced);
        CHECK(old->accounts().byName(QStringLiteral("Added After Backup")));
    }

    // Refusals leave the portfolio as it was: not a portfolio, an existing --to, a file in use.
    const QString junk = dir.file(QStringLiteral("junk.keystone"));
    {
        QFile f(junk);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("not a database at all");
    }
    const QByteArray before = [&] {
        QFile f(path);
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    }();
    Run bad = cli({QStringLiteral("restore"), path, QStringLiteral("--from"), junk});
    CHECK(bad.code == 1);
    CHECK(bad.err.contains(QStringLiteral("not a Keystone portfolio")));
    bad = cli({QStringLiteral("backup"), path, QStringLiteral("--to"), junk});
    CHECK(bad.code == 1);
    CHECK(bad.err.contains(QStringLiteral("already exists")));
    {
        auto inUse = services::Portfolio::open(path); // holds the file, as the app does
        bad = cli({QStringLiteral("restore"), path, QStringLiteral("--from"), backup});
        CHECK(bad.code == 1);
        CHECK(bad.err.contains(QStringLiteral("is open in Keystone")));
    }
    QFile after(path);
    REQUIRE(after.open(QIODevice::ReadOnly));
    CHECK(after.readAll() == before);
    CHECK(cli({QStringLiteral("restore"), path}).code == 2);
}

storage::OpenOptions readOnly()
{
    storage::OpenOptions o;
    o.readOnly = true;
    return o;
}

TEST_CASE("backup --to refuses a name kept for backup folders, writes into a folder, and a file in the folder's place is named", "[cli][backup]")
{
    test::TempDir dir;
    const QString path = demo(dir, 3);
    // X.backups is where the automatic backups go: a file there would stop every import.
    Run r = cli({QStringLiteral("backup"), path, QStringLiteral("--to"), path + QStringLiteral(".backups")});
    CHECK(r.code == 2);
    CHECK(r.err.contains(QStringLiteral("kept for backup folders")));
    CHECK_FALSE(QFileInfo::exists(path + QStringLiteral(".backups")));
    // An existing folder takes the copy under a backup's name.
    const QString folder = dir.file(QStringLiteral("offsite"));
    REQUIRE(QDir().mkpath(folder));
    r = cli({QStringLiteral("backup"), path, QStringLiteral("--to"), folder});
    REQUIRE(r.code == 0);
    const QStringList copies = QDir(folder).entryList({QFileInfo(path).fileName() + QStringLiteral(".bak-*.manual")}, QDir::Files);
    REQUIRE(copies.size() == 1);
    CHECK(services::Portfolio::open(QDir(folder).filePath(copies.front()), readOnly())->accounts().all().size() == 3);
    // A file made where the backup folder belongs (by hand or by an older build) is named,
    // and the import that needs a backup first changes nothing.
    {
        QFile f(path + QStringLiteral(".backups"));
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("x");
    }
    const QString csv = dir.file(QStringLiteral("a.csv"));
    {
        QFile f(csv);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("name\nNew One\n");
    }
    r = cli({QStringLiteral("import"), path, QStringLiteral("--kind"), QStringLiteral("accounts"), QStringLiteral("--csv"), csv});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("is a file, but the backups")));
    CHECK(services::Portfolio::open(path, readOnly())->accounts().all().size() == 3);
}

TEST_CASE("restore --newest puts the newest backup that opens in place of a damaged file and keeps it as .damaged", "[cli][backup]")
{
    test::TempDir dir;
    const QString path = demo(dir, 5);
    REQUIRE(cli({QStringLiteral("backup"), path}).code == 0);
    // A newer "backup" that does not open must be skipped.
    const QString junk = path + QStringLiteral(".bak-29990101-000000");
    {
        QFile f(junk);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("garbage");
    }
    // Damage the portfolio: cut it in half.
    {
        QFile f(path);
        REQUIRE(f.open(QIODevice::ReadWrite));
        REQUIRE(f.resize(f.size() / 2));
    }
    CHECK(cli({QStringLiteral("accounts"), path}).code == 1);
    const Run r = cli({QStringLiteral("restore"), path, QStringLiteral("--newest")});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    CHECK(r.out.contains(QStringLiteral("the data is as of then")));
    CHECK(r.out.contains(QStringLiteral(".damaged-")));
    CHECK(cli({QStringLiteral("accounts"), path}).code == 0);
    CHECK(QFileInfo::exists(junk)); // left alone
    CHECK(cli({QStringLiteral("restore"), path, QStringLiteral("--newest"), QStringLiteral("--from"), junk}).code == 2);
}

TEST_CASE("portfolio --json adds up and its NRR matches the ARR history read with SQL", "[cli][portfolio]")
{
    test::TempDir dir;
    const QString file = demo(dir, 60);
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
    const QString file = demo(dir, 10);
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
