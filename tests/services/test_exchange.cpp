// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// The JSON exchange: export, import into an empty portfolio, merge. Files are compared
// table by table through SQL written here (columns from PRAGMA table_info, references
// turned into the referenced row's uuid), not through the exchange code itself.
#include "testsupport.h"

#include "keystone/services/accountservice.h"
#include "keystone/demo/demogenerator.h"
#include "keystone/services/exchangeservice.h"
#include "keystone/storage/clock.h"
#include "keystone/services/importservice.h"
#include "keystone/services/outputfile.h"
#include "keystone/services/portfolio.h"
#include "keystone/storage/database.h"
#include "keystone/storage/planrepository.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QThread>
#include <QUuid>
#include <QDateTime>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <map>

using namespace keystone;
using namespace keystone::services;
using namespace keystone::demo;

namespace {

// Every row of a table as text, ids replaced by the uuids they stand for, sorted.
QStringList dumpTable(Portfolio &p, const QString &table)
{
    QSqlDatabase db = p.database().connection();
    QSqlQuery info(db);
    REQUIRE(info.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table)));
    QStringList columns;
    while (info.next())
        columns << info.value(1).toString();
    QHash<QString, QString> refs; // column -> table
    QSqlQuery fk(db);
    REQUIRE(fk.exec(QStringLiteral("PRAGMA foreign_key_list(%1)").arg(table)));
    while (fk.next())
        refs.insert(fk.value(3).toString(), fk.value(2).toString());
    QStringList select;
    for (const QString &c : columns) {
        if (c == QLatin1String("id"))
            continue;
        if (refs.contains(c))
            select << QStringLiteral("(SELECT uuid FROM %1 r WHERE r.id = t.%2)").arg(refs.value(c), c);
        else
            select << QStringLiteral("quote(t.%1)").arg(c);
    }
    QSqlQuery q(db);
    REQUIRE(q.exec(QStringLiteral("SELECT %1 FROM %2 t").arg(select.join(QStringLiteral(", ")), table)));
    QStringList rows;
    while (q.next()) {
        QStringList cells;
        for (int i = 0; i < q.record().count(); ++i)
            cells << q.value(i).toString();
        const QString row = cells.join(QLatin1Char('|'));
        // What belongs to the file itself, not to the book: its identity, its exchange
        // bookkeeping, and which Keystone last wrote it.
        if (table == QLatin1String("settings") && (row.startsWith(QLatin1String("'portfolio.uuid'")) || row.startsWith(QLatin1String("'exchange.")) ||
                                                   row.startsWith(QLatin1String("'app.last_written_by'"))))
            continue;
        rows << row;
    }
    rows.sort();
    return rows;
}

QStringList userTables(Portfolio &p)
{
    QSqlQuery q(p.database().connection());
    REQUIRE(q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                  "AND name NOT IN ('change_log', 'history_state') ORDER BY name")));
    QStringList t;
    while (q.next())
        t << q.value(0).toString();
    return t;
}

qint64 count(Portfolio &p, const QString &table)
{
    QSqlQuery q(p.database().connection());
    REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(table)));
    REQUIRE(q.next());
    return q.value(0).toLongLong();
}

std::unique_ptr<Portfolio> demoPortfolio(const test::TempDir &dir, const QString &name, int accounts = 30)
{
    DemoOptions o;
    o.accounts = accounts;
    o.seed = 7;
    o.today = QDate(2026, 11, 30);
    generateDemo(dir.file(name), o);
    return Portfolio::open(dir.file(name));
}

} // namespace

TEST_CASE("Export, then import into an empty portfolio, reproduces every table row by row", "[services][exchange]")
{
    test::TempDir dir;
    auto source = demoPortfolio(dir, QStringLiteral("a.keystone"));
    const QByteArray json = ExchangeService(*source).exportJson();
    auto target = Portfolio::create(dir.file(QStringLiteral("b.keystone")));
    const ExchangeReport r = ExchangeService(*target).importJson(json);
    INFO(r.errors.join(QStringLiteral("\n")).toStdString());
    REQUIRE(r.errors.isEmpty());
    CHECK(r.settingsImported);
    CHECK(r.conflicts.empty());
    const QStringList tables = userTables(*source);
    REQUIRE(tables.contains(QStringLiteral("accounts")));
    REQUIRE(tables.size() >= 30);
    for (const QString &t : tables) {
        INFO("table " << t.toStdString());
        const QStringList a = dumpTable(*source, t);
        const QStringList b = dumpTable(*target, t);
        CHECK(a.size() == b.size());
        CHECK(a == b);
    }
    // Nothing in the file was left out: every demo table that has rows came across.
    CHECK(count(*target, QStringLiteral("contacts")) > 100);
    CHECK(count(*target, QStringLiteral("health_scores")) == count(*source, QStringLiteral("health_scores")));
    CHECK(target->settings() == source->settings());
    // Importing the same file again changes nothing.
    const ExchangeReport again = ExchangeService(*target).importJson(json);
    CHECK(again.total(&ExchangeCounts::added) == 0);
    CHECK(again.total(&ExchangeCounts::updated) == 0);
    // (the first import took the file's settings and scorecards over the new portfolio's defaults: "updated")
    CHECK(again.total(&ExchangeCounts::unchanged) ==
          r.total(&ExchangeCounts::added) + r.total(&ExchangeCounts::unchanged) + r.total(&ExchangeCounts::updated));
}

TEST_CASE("Selected accounts travel with what hangs off them, and only that", "[services][exchange]")
{
    test::TempDir dir;
    auto source = demoPortfolio(dir, QStringLiteral("a.keystone"), 12);
    const auto all = source->accounts().all();
    const QList<qint64> picked{all[2].id, all[5].id};
    const QByteArray json = ExchangeService(*source).exportJson(picked);
    const auto doc = nlohmann::json::parse(json.toStdString());
    CHECK(doc["scope"] == "accounts");
    CHECK_FALSE(doc["collections"].contains("settings"));
    auto target = Portfolio::create(dir.file(QStringLiteral("b.keystone")));
    const ExchangeReport r = ExchangeService(*target).importJson(json);
    REQUIRE(r.errors.isEmpty());
    CHECK(target->accounts().count() == 2);
    QSqlQuery q(source->database().connection());
    REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM contacts WHERE account_id IN (%1, %2)").arg(picked[0]).arg(picked[1])));
    REQUIRE(q.next());
    CHECK(count(*target, QStringLiteral("contacts")) == q.value(0).toLongLong());
    CHECK(target->accounts().byName(all[2].name)->uuid == all[2].uuid);
}

TEST_CASE("Merging: the side changed last wins, fields both sides changed are listed", "[services][exchange]")
{
    test::TempDir dir;
    auto laptop = demoPortfolio(dir, QStringLiteral("laptop.keystone"), 8);
    auto lead = Portfolio::create(dir.file(QStringLiteral("lead.keystone")));
    REQUIRE(ExchangeService(*lead).importJson(ExchangeService(*laptop).exportJson()).errors.isEmpty());
    const auto accounts = laptop->accounts().all();
    const domain::Account x = accounts[0], y = accounts[1], z = accounts[2];
    // The changes are ordered by a clock advanced by hand, not by sleeping.
    storage::ManualClock clock(QDateTime::currentDateTimeUtc().addSecs(60));
    AccountService onLaptop(*laptop), atLead(*lead);
    // x changed on the laptop only; y at the lead's only; z on both, the laptop last.
    domain::Account lx = *laptop->accounts().byId(x.id);
    lx.notes = QStringLiteral("laptop note");
    onLaptop.update(lx);
    domain::Account ly = *lead->accounts().byName(y.name);
    ly.industry = QStringLiteral("Changed at the lead's");
    atLead.update(ly);
    domain::Account lz = *lead->accounts().byName(z.name);
    lz.region = QStringLiteral("Lead region");
    atLead.update(lz);
    clock.advance(1);
    domain::Account kz = *laptop->accounts().byId(z.id);
    kz.region = QStringLiteral("Laptop region");
    kz.notes = QStringLiteral("laptop z");
    onLaptop.update(kz);

    const QByteArray file = ExchangeService(*laptop).exportJson();
    const QByteArray before = test::fileHash(lead->path());
    const ExchangeReport dry = ExchangeService(*lead).importJson(file, true);
    CHECK(dry.dryRun);
    CHECK(lead->accounts().byName(x.name)->notes == x.notes); // a dry run writes nothing
    const ExchangeReport r = ExchangeService(*lead).importJson(file);
    REQUIRE(r.errors.isEmpty());
    CHECK(r.counts.at(QStringLiteral("accounts")).updated == 2);  // x and z
    CHECK(r.counts.at(QStringLiteral("accounts")).keptHere == 1); // y
    CHECK(lead->accounts().byName(x.name)->notes == QStringLiteral("laptop note"));
    CHECK(lead->accounts().byName(y.name)->industry == QStringLiteral("Changed at the lead's"));
    CHECK(lead->accounts().byName(z.name)->region == QStringLiteral("Laptop region"));
    // Only z was changed on both sides: its differing fields are the conflicts.
    std::map<QString, ExchangeConflict> conflicts;
    for (const auto &c : r.conflicts)
        if (c.collection == QLatin1String("accounts"))
            conflicts[c.field] = c;
    REQUIRE(conflicts.size() == 2);
    CHECK(conflicts.at(QStringLiteral("region")).here == QStringLiteral("\"Lead region\""));
    CHECK(conflicts.at(QStringLiteral("region")).incoming == QStringLiteral("\"Laptop region\""));
    CHECK(conflicts.at(QStringLiteral("region")).kept == QStringLiteral("incoming"));
    CHECK(conflicts.at(QStringLiteral("notes")).label == z.name);
    CHECK(dry.conflicts.size() == r.conflicts.size());
    (void)before;
}

TEST_CASE("A file with a reference to nothing, or in another currency, is refused whole", "[services][exchange]")
{
    test::TempDir dir;
    auto source = demoPortfolio(dir, QStringLiteral("a.keystone"), 5);
    auto j = nlohmann::json::parse(ExchangeService(*source).exportJson().toStdString());
    j["collections"]["contacts"][0]["account"] = "00000000-0000-4000-8000-000000000000";
    auto target = Portfolio::create(dir.file(QStringLiteral("b.keystone")));
    const ExchangeReport r = ExchangeService(*target).importJson(QByteArray::fromStdString(j.dump()));
    REQUIRE(r.errors.size() >= 1);
    CHECK(r.errors.first().startsWith(QStringLiteral("contacts[0]: \"account\" refers to 00000000-0000-4000-8000-000000000000")));
    CHECK(target->accounts().count() == 0); // nothing of the file was kept
    CHECK(count(*target, QStringLiteral("contacts")) == 0);

    auto eur = Portfolio::create(dir.file(QStringLiteral("eur.keystone")), QStringLiteral("EUR"));
    AccountService(*eur).create([] {
        domain::Account a;
        a.name = QStringLiteral("Existing");
        return a;
    }());
    CHECK_THROWS_AS(ExchangeService(*eur).importJson(ExchangeService(*source).exportJson()), ImportRefused);
    CHECK(eur->accounts().count() == 1);
}

TEST_CASE("JSON into an empty portfolio takes the file's currency and settings, and never relabels amounts", "[services][exchange]")
{
    test::TempDir dir;
    auto source = demoPortfolio(dir, QStringLiteral("a.keystone"), 5);
    domain::PortfolioSettings changed = source->settings();
    changed.segmentation.percentile = 65.0;
    source->updateSettings(changed);
    const QByteArray json = ExchangeService(*source).exportJson();
    const qint64 arr = source->accounts().all().front().arr.cents;
    const QString name = source->accounts().all().front().name;

    // An empty EUR portfolio whose currency nobody chose: the file's USD comes with it.
    auto eur = Portfolio::create(dir.file(QStringLiteral("eur.keystone")), QStringLiteral("EUR"));
    const ExchangeReport r = ExchangeService(*eur).importJson(json);
    INFO(r.errors.join(QStringLiteral("\n")).toStdString());
    REQUIRE(r.errors.isEmpty());
    CHECK(r.settingsImported);
    CHECK(r.conflicts.empty()); // taken, not listed as conflicts
    CHECK(eur->settings().currency == QStringLiteral("USD"));
    CHECK(eur->settings().segmentation.percentile == 65.0);
    const auto a = eur->accounts().byName(name);
    REQUIRE(a);
    CHECK(a->arr.cents == arr);
    CHECK(a->arr.currency == QStringLiteral("USD"));

    // One made for EUR on purpose (new --currency EUR) refuses the USD file, unchanged.
    auto chosen = Portfolio::create(dir.file(QStringLiteral("chosen.keystone")), QStringLiteral("EUR"), true);
    try {
        ExchangeService(*chosen).importJson(json);
        FAIL("a USD file went into a portfolio created for EUR");
    } catch (const ImportRefused &e) {
        CHECK(e.message.contains(QStringLiteral("created for EUR")));
    }
    CHECK(chosen->accounts().count() == 0);
    CHECK(chosen->settings().currency == QStringLiteral("EUR"));
}

TEST_CASE("A JSON file with any value of the wrong type or out of range is refused whole, naming collection, entity and field", "[services][exchange]")
{
    test::TempDir dir;
    auto source = demoPortfolio(dir, QStringLiteral("a.keystone"), 5);
    const auto original = nlohmann::json::parse(ExchangeService(*source).exportJson().toStdString());
    REQUIRE(!original["collections"]["accounts"].empty());
    const std::string name = original["collections"]["accounts"][0]["name"].get<std::string>();
    const std::string uuid = original["collections"]["accounts"][0]["uuid"].get<std::string>();
    struct Case {
        const char *field;
        nlohmann::json value;
        const char *expected;
    };
    const std::vector<Case> cases{
        {"arr_cents", "24000", "\"arr_cents\": must be a whole number, not text"},
        {"arr_cents", 1234.5, "\"arr_cents\": must be a whole number"},
        {"arr_cents", 9000000000000000000LL, "is larger than Keystone stores"},
        {"renewal_date", "2026-02-30", "\"renewal_date\": '2026-02-30' is not a date"},
        {"at_risk", 7, "\"at_risk\": must be 0 or 1, not 7"},
        {"currency", "EUR", "\"currency\": EUR differs from the file's currency USD"},
        {"name", std::string(201, 'x'), "\"name\": is longer than 200 characters"},
        {"uuid", "not-a-uuid", "\"uuid\": 'not-a-uuid' is not a uuid"},
        {"updated_at", "zzzz", "\"updated_at\": 'zzzz' is not a UTC timestamp"},
    };
    for (const Case &c : cases) {
        INFO(c.field << " = " << c.value.dump());
        auto j = original;
        j["collections"]["accounts"][0][c.field] = c.value;
        auto target = Portfolio::create(dir.file(QStringLiteral("t-%1.keystone").arg(QString::fromUtf8(c.field) + QString::number(qHash(QString::fromStdString(c.value.dump()))))));
        const ExchangeReport r = ExchangeService(*target).importJson(QByteArray::fromStdString(j.dump()));
        REQUIRE_FALSE(r.errors.isEmpty());
        const QString first = r.errors.first();
        INFO(first.toStdString());
        CHECK(first.startsWith(QStringLiteral("accounts[0]")));
        CHECK(first.contains(QString::fromUtf8(c.expected)));
        if (std::string(c.field) != "uuid" && std::string(c.field) != "name")
            CHECK(first.contains(QString::fromStdString(uuid)));
        if (std::string(c.field) != "name")
            CHECK(first.contains(QString::fromStdString(name).left(60)));
        CHECK(target->accounts().count() == 0); // nothing of the file was kept
    }
}

TEST_CASE("A contact's manager is linked whether the manager comes before or after the contact in the file", "[services][exchange]")
{
    test::TempDir dir;
    auto source = demoPortfolio(dir, QStringLiteral("a.keystone"), 8);
    const auto original = nlohmann::json::parse(ExchangeService(*source).exportJson().toStdString());
    // Who reports to whom, by uuid, read from the source file with SQL.
    auto links = [](const QString &file) {
        std::map<QString, QString> out;
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("links"));
        db.setDatabaseName(file);
        REQUIRE(db.open());
        {
            QSqlQuery q(QStringLiteral("SELECT c.uuid, m.uuid FROM contacts c JOIN contacts m ON m.id = c.reports_to_id"), db);
            while (q.next())
                out[q.value(0).toString()] = q.value(1).toString();
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("links"));
        return out;
    };
    const auto expected = links(dir.file(QStringLiteral("a.keystone")));
    REQUIRE(expected.size() > 10);
    int order = 0;
    for (const bool reversed : {false, true}) {
        INFO("contacts reversed: " << reversed);
        auto j = original;
        auto &contacts = j["collections"]["contacts"];
        if (reversed) // every manager now comes after the people who report to it
            std::reverse(contacts.begin(), contacts.end());
        const QString file = dir.file(QStringLiteral("t-%1.keystone").arg(order++));
        auto target = Portfolio::create(file);
        const ExchangeReport r = ExchangeService(*target).importJson(QByteArray::fromStdString(j.dump()));
        INFO(r.errors.join(QStringLiteral("; ")).toStdString());
        REQUIRE(r.errors.isEmpty());
        target.reset();
        CHECK(links(file) == expected);
    }
}

TEST_CASE("The import's own checks of dates, timestamps and uuids agree with Qt's parsers on the edge cases", "[services][exchange]")
{
    // The import checks the forms Keystone writes by hand and leaves the rest to Qt's parsers
    // (exchangechecks.cpp). The verdict expected here is Qt's alone, the route it took before.
    test::TempDir dir;
    auto source = demoPortfolio(dir, QStringLiteral("a.keystone"), 3);
    const auto original = nlohmann::json::parse(ExchangeService(*source).exportJson().toStdString());
    auto qtDate = [](const QString &s) {
        const QDate d = QDate::fromString(s, Qt::ISODate);
        return s.size() == 10 && d.isValid() && d.year() >= 1900 && d.year() <= 2200;
    };
    auto qtTimestamp = [](const QString &s) {
        const QDateTime ts = QDateTime::fromString(s, Qt::ISODateWithMs);
        return s.endsWith(QLatin1Char('Z')) && ts.isValid() && ts.date().year() >= 1900 && ts.date().year() <= 2200;
    };
    auto qtUuid = [](const QString &s) { return s.size() == 36 && !QUuid::fromString(s).isNull(); };
    struct Case {
        const char *field;
        const char *value;
        std::function<bool(const QString &)> accepted;
    };
    std::vector<Case> cases;
    for (const char *d : {"2026-02-28", "2026-02-29", "2024-02-29", "1900-01-01", "1899-12-31", "2200-12-31", "2201-01-01", "2026-13-01",
                          "2026-00-10", "2026-01-00", "2026-01-32", "2026-1a-01", "2026/01/01", "+026-01-01", "2026-01-1 ", " 2026-01-1"})
        cases.push_back({"renewal_date", d, qtDate});
    for (const char *t : {"2026-01-01T10:00:00.000Z", "2026-01-01T23:59:59.999Z", "2026-01-01T24:00:00.000Z", "2026-01-01T23:60:00.000Z",
                          "2026-01-01T23:59:60.000Z", "2026-02-30T10:00:00.000Z", "1899-12-31T23:59:59.999Z", "2200-12-31T23:59:59.999Z",
                          "2026-01-01T10:00:00Z", "2026-01-01T10:00:00.000+01:00", "2026-01-01T10:00:00.000", "2026-01-01 10:00:00.000Z",
                          "2026-01-01T1a:00:00.000Z"})
        cases.push_back({"updated_at", t, qtTimestamp});
    for (const char *u : {"00000000-0000-0000-0000-000000000000", "0F0E0D0C-0B0A-4908-8706-050403020100", "0f0e0d0c-0b0a-4908-8706-050403020100",
                          "0f0e0d0c-0b0a-4908-8706-05040302010g", "0f0e0d0c0-b0a-4908-8706-050403020100", "{f0e0d0c-0b0a-4908-8706-050403020100}",
                          "0f0e0d0c-0b0a-4908-8706-0504030201000"})
        cases.push_back({"uuid", u, qtUuid});
    int refused = 0;
    for (const Case &c : cases) {
        const QString value = QString::fromLatin1(c.value);
        INFO(c.field << " = " << c.value);
        auto j = original;
        j["collections"]["accounts"][0][c.field] = c.value;
        if (std::string(c.field) == "uuid") // the account's other rows follow it to its new uuid
            for (auto &[name, rows] : j["collections"].items())
                for (auto &row : rows)
                    if (row.contains("account") && row["account"] == original["collections"]["accounts"][0]["uuid"])
                        row["account"] = c.value;
        auto target = Portfolio::create(dir.file(QStringLiteral("edge-%1.keystone").arg(cases.size() + refused + qHash(value))));
        const ExchangeReport r = ExchangeService(*target).importJson(QByteArray::fromStdString(j.dump()), true);
        const bool accepted = r.errors.isEmpty();
        INFO(r.errors.join(QStringLiteral("; ")).toStdString());
        CHECK(accepted == c.accepted(value));
        refused += accepted ? 0 : 1;
    }
    CHECK(refused >= 20); // the list holds both kinds
    CHECK(refused < int(cases.size()) - 5);
}

TEST_CASE("'shared' travels in the exchange file, and a file without it takes each kind's default", "[services][exchange]")
{
    test::TempDir dir;
    auto source = demoPortfolio(dir, QStringLiteral("a.keystone"), 20);
    REQUIRE(count(*source, QStringLiteral("plan_actions")) > 0);
    REQUIRE(count(*source, QStringLiteral("milestones")) > 0);
    const auto original = nlohmann::json::parse(ExchangeService(*source).exportJson().toStdString());
    // Every action and milestone carries the flag as 0 or 1, as the source holds it.
    int sharedActions = 0;
    for (const auto &x : original["collections"]["plan_actions"]) {
        REQUIRE(x.contains("shared"));
        sharedActions += x["shared"].get<int>();
    }
    CHECK(sharedActions == test::queryInt(dir.file(QStringLiteral("a.keystone")), "SELECT count(*) FROM plan_actions WHERE shared = 1"));
    CHECK(sharedActions > 0);
    // A file written before the flag existed: no "shared" anywhere. It imports, and each item
    // reads as its kind's default (a joint milestone shared, the rest internal).
    auto old = original;
    for (const char *c : {"plan_actions", "milestones"})
        for (auto &x : old["collections"][c])
            x.erase("shared");
    auto target = Portfolio::create(dir.file(QStringLiteral("t.keystone")));
    const ExchangeReport r = ExchangeService(*target).importJson(QByteArray::fromStdString(old.dump()));
    INFO(r.errors.join(QStringLiteral("\n")).toStdString());
    REQUIRE(r.errors.isEmpty());
    const QString t = dir.file(QStringLiteral("t.keystone"));
    CHECK(test::queryInt(t, "SELECT count(*) FROM plan_actions WHERE shared IS NOT NULL") == 0);
    qint64 joint = 0, other = 0;
    for (const domain::Account &a : target->accounts().all()) {
        for (const domain::PlanAction &x : target->plan().items<domain::PlanAction>(a.id))
            other += x.shared ? 1 : 0;
        for (const domain::Milestone &m : target->plan().items<domain::Milestone>(a.id))
            (m.plan == domain::MilestonePlan::Success ? joint : other) += m.shared ? 1 : 0;
    }
    CHECK(joint == test::queryInt(t, "SELECT count(*) FROM milestones WHERE plan = 'success'"));
    CHECK(other == 0);
    // A flag that is not 0 or 1 is refused like any other.
    auto bad = original;
    bad["collections"]["plan_actions"][0]["shared"] = 2;
    auto refused = Portfolio::create(dir.file(QStringLiteral("r.keystone")));
    const ExchangeReport rr = ExchangeService(*refused).importJson(QByteArray::fromStdString(bad.dump()));
    REQUIRE_FALSE(rr.errors.isEmpty());
    CHECK(rr.errors.first().contains(QStringLiteral("\"shared\": must be 0 or 1, not 2")));
}

TEST_CASE("An export reads one state of the file: what another connection commits meanwhile is not in it", "[services][exchange]")
{
    test::TempDir dir;
    auto source = demoPortfolio(dir, QStringLiteral("a.keystone"), 5);
    const int before = int(source->accounts().count());
    auto worker = Portfolio::openWorker(source->workerTicket());
    QByteArray bytes;
    QBuffer buffer(&bytes);
    REQUIRE(buffer.open(QIODevice::WriteOnly));
    bool added = false;
    // Before the first table is read, another connection adds an account and a contact of
    // an account the export has not read yet.
    const bool finished = ExchangeService(*source).exportJson(buffer, std::nullopt, [&](int done, int) {
        if (done == 0 && !added) {
            AccountService(*worker).create([] {
                domain::Account a;
                a.name = QStringLiteral("Committed Meanwhile");
                return a;
            }());
            added = true;
        }
        return true;
    });
    REQUIRE(finished);
    REQUIRE(added);
    CHECK(source->accounts().count() == before + 1); // it was committed
    const auto j = nlohmann::json::parse(bytes.toStdString());
    CHECK(int(j["collections"]["accounts"].size()) == before);
    CHECK_FALSE(bytes.contains("Committed Meanwhile"));
    // The next export has it, and the snapshot ended (the worker can write again).
    CHECK(ExchangeService(*source).exportJson().contains("Committed Meanwhile"));
    CHECK(source->database().transactionDepth() == 0);
}

TEST_CASE("An export that is cancelled stops, and its file is not written", "[services][exchange]")
{
    test::TempDir dir;
    auto source = demoPortfolio(dir, QStringLiteral("a.keystone"), 5);
    const QString target = dir.file(QStringLiteral("out.json"));
    test::writeFile(target, QByteArray("the old export"));
    int calls = 0;
    const bool written = writeOutputFile(target, [&](QIODevice &device) {
        return ExchangeService(*source).exportJson(device, std::nullopt, [&](int done, int total) {
            ++calls;
            CHECK(total > 5);
            return done < 3; // cancel at the fourth table
        });
    }, Replace::Allow);
    CHECK_FALSE(written);
    CHECK(calls == 4);
    QFile old(target);
    REQUIRE(old.open(QIODevice::ReadOnly));
    CHECK(old.readAll() == QByteArray("the old export"));
    CHECK(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).filter(QStringLiteral("out.json")) == QStringList{QStringLiteral("out.json")});
    CHECK(source->database().transactionDepth() == 0);
}

TEST_CASE("Keystone's own file is merged as it is read, a hand-made one in another order is read whole, and both give the same portfolio", "[services][exchange]")
{
    test::TempDir dir;
    auto source = demoPortfolio(dir, QStringLiteral("a.keystone"));
    const QByteArray json = ExchangeService(*source).exportJson();
    // The same document as nlohmann writes it: keys sorted, so the header comes after the
    // collections and the collections are in alphabetical, not dependency, order.
    const QByteArray resorted = QByteArray::fromStdString(nlohmann::json::parse(json.toStdString()).dump());
    REQUIRE(resorted.indexOf("\"collections\"") < resorted.indexOf("\"format\""));

    // Progress counts per mille of the file read: streamed, the first report comes early in
    // the file; read whole, every report comes after the whole file.
    auto import = [&](const QString &name, const QByteArray &bytes, std::vector<int> &reports) {
        auto target = Portfolio::create(dir.file(name));
        QBuffer buffer;
        buffer.setData(bytes);
        REQUIRE(buffer.open(QIODevice::ReadOnly));
        const ExchangeReport r = ExchangeService(*target).importJson(buffer, false, [&](int done, int total) {
            CHECK(total == 1000);
            reports.push_back(done);
            return true;
        });
        INFO(r.errors.join(QStringLiteral("\n")).toStdString());
        REQUIRE(r.errors.isEmpty());
        return target;
    };
    std::vector<int> streamed, whole;
    auto a = import(QStringLiteral("streamed.keystone"), json, streamed);
    auto b = import(QStringLiteral("whole.keystone"), resorted, whole);
    REQUIRE(streamed.size() >= 3);
    CHECK(streamed.front() < 500);
    CHECK(std::is_sorted(streamed.begin(), streamed.end()));
    REQUIRE_FALSE(whole.empty());
    CHECK(std::all_of(whole.begin(), whole.end(), [](int d) { return d == 1000; }));
    for (const QString &t : userTables(*source)) {
        INFO("table " << t.toStdString());
        CHECK(dumpTable(*a, t) == dumpTable(*source, t));
        CHECK(dumpTable(*b, t) == dumpTable(*source, t));
    }
}

TEST_CASE("A file broken near its end keeps nothing of the rows already merged, and says where", "[services][exchange]")
{
    test::TempDir dir;
    auto source = demoPortfolio(dir, QStringLiteral("a.keystone"), 5);
    const QByteArray json = ExchangeService(*source).exportJson();
    auto target = Portfolio::create(dir.file(QStringLiteral("b.keystone")));
    const QStringList before = userTables(*target);
    std::map<QString, QStringList> rows;
    for (const QString &t : before)
        rows[t] = dumpTable(*target, t);
    // Cut off in the last collection, and a row of an unknown field at the very end: each
    // is found after thousands of rows were merged.
    QByteArray cut = json.left(json.size() - 40);
    QByteArray unknown = json;
    unknown.insert(unknown.lastIndexOf('}', unknown.lastIndexOf(']')) , QByteArray(", \"nmae\": 1"));
    for (const QByteArray &bad : {cut, unknown}) {
        QString message;
        try {
            ExchangeService(*target).importJson(bad);
        } catch (const ImportRefused &e) {
            message = e.message;
        }
        INFO(message.toStdString());
        CHECK((message.contains(QStringLiteral("not valid JSON at byte")) || message.contains(QStringLiteral("unknown field \"nmae\""))));
        for (const QString &t : before)
            CHECK(dumpTable(*target, t) == rows[t]);
        CHECK(target->accounts().count() == 0);
    }
}
