// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// keystone-cli: an account's whitespace, pipeline, stakeholders, health, plan, history and snapshots.
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

TEST_CASE("whitespace --json: cells, totals and penetration agree with the cells", "[cli][whitespace]")
{
    test::TempDir dir;
    const QString path = demoBook(dir, 40);
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
    const QString path = demoBook(dir, 60);
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


TEST_CASE("whitespace --by industry and --by tier sum to the book's open whitespace", "[cli][whitespace]")
{
    test::TempDir dir;
    const QString path = demoBook(dir, 60);
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
    const QString path = demoBook(dir);
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
    const QString path = demoBook(dir, 30);
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
    const QString path = demoBook(dir, 30);
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
    // Every started success plan and opened remediation plan of the file, counted by SQLite.
    CHECK(successPlans > 0);
    CHECK(successPlans == test::queryInt(path, "SELECT COUNT(*) FROM success_plans WHERE starts_on IS NOT NULL"));
    CHECK(remediations > 0);
    CHECK(remediations == test::queryInt(path, "SELECT COUNT(*) FROM remediation_plans WHERE opened_on IS NOT NULL"));
    const Run missing = cli({QStringLiteral("plan"), path, QStringLiteral("--account"), QStringLiteral("Nobody Inc")});
    CHECK(missing.code == 1);
    CHECK(cli({QStringLiteral("plan"), path}).code == 2);
}

TEST_CASE("history --json lists an account's changes newest first with names and formatted values", "[cli][history]")
{
    test::TempDir dir;
    const QString path = demoBook(dir, 5);
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
    CHECK(j["changes"][0]["changed_by"].is_null()); // made in this file, not pulled from a team book
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
    const QString path = demoBook(dir, 8);
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
