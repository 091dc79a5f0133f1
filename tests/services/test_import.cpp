// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// CSV imports from files written the way CRM exports and spreadsheets write them, each
// checked against the portfolio's rows afterwards.
#include "testsupport.h"

#include "keystone/io/csv.h"
#include "keystone/io/importspec.h"
#include "keystone/services/accountservice.h"
#include "keystone/services/healthservice.h"
#include "keystone/services/importservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/relationshipservice.h"
#include "keystone/storage/database.h"

#include <QSqlQuery>

using namespace keystone;
using namespace keystone::services;
using io::ImportKind;

namespace {

CsvImportReport importText(Portfolio &p, ImportKind kind, const QByteArray &csv, DuplicatePolicy policy = DuplicatePolicy::Update,
                           bool dryRun = false)
{
    const io::CsvTable table = io::parseCsv(csv);
    CsvImportRequest r;
    r.mapping = io::autoMapping(kind, table.header);
    r.onDuplicate = policy;
    r.dryRun = dryRun;
    return ImportService(p).importCsv(table, r);
}

qint64 scalar(Portfolio &p, const QString &sql)
{
    QSqlQuery q(p.database().connection());
    REQUIRE(q.exec(sql));
    REQUIRE(q.next());
    return q.value(0).toLongLong();
}

QString text(Portfolio &p, const QString &sql)
{
    QSqlQuery q(p.database().connection());
    REQUIRE(q.exec(sql));
    REQUIRE(q.next());
    return q.value(0).toString();
}

// A Salesforce Data Loader account export: API names, CRLF, a BOM, quoted commas.
const QByteArray kSalesforceAccounts = "\xEF\xBB\xBF"
    "Id,Name,Industry,AnnualRevenue,NumberOfEmployees,Type,Owner,BillingCountry,BillingState,ARR\r\n"
    "001A000001,\"Acme, Inc.\",Manufacturing,\"$12,500,000\",1200,Customer,Dana Fox,Germany,,\"$120,000.00\"\r\n"
    "001A000002,Birch Bank,Banking,,,Customer,dana.fox@example.com,USA,NY,85000\r\n"
    "001A000003,Cedar Foods,Food,\"1.234.567,89\",abc,Customer,,France,,10000\r\n"
    "001A000004,,Retail,,,Prospect,,Spain,,5000\r\n";

} // namespace

TEST_CASE("A Salesforce account export imports with its headers recognised and bad cells named", "[services][import]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("i.keystone")));
    const CsvImportReport r = importText(*p, ImportKind::Accounts, kSalesforceAccounts);
    CHECK(r.rows == 4);
    CHECK(r.created == 2);
    CHECK(r.rejected == 2);
    // "Dana Fox", and "dana.fox@example.com": an email no team member has yet.
    CHECK(r.teamMembersCreated == 2);
    REQUIRE(r.rejections.size() == 2);
    CHECK(r.rejections[0] == ImportIssue{4, 4, QStringLiteral("NumberOfEmployees"), QStringLiteral("abc"), QStringLiteral("not a whole number")});
    CHECK(r.rejections[1].row == 5);
    CHECK(r.rejections[1].column == QStringLiteral("Name"));
    const auto acme = p->accounts().byName(QStringLiteral("Acme, Inc."));
    REQUIRE(acme);
    CHECK(acme->arr.cents == 12'000'000);
    CHECK(acme->companyRevenueCents == 1'250'000'000);
    CHECK(acme->employees == 1200);
    CHECK(acme->accountType == QStringLiteral("Customer"));
    CHECK(acme->region == QStringLiteral("Germany"));
    CHECK(p->team().byId(acme->ownerId)->name == QStringLiteral("Dana Fox"));
    CHECK(text(*p, QStringLiteral("SELECT source_id FROM accounts WHERE name = 'Birch Bank'")) == QStringLiteral("001A000002"));
    // The ARR history starts with each imported account's ARR.
    CHECK(scalar(*p, QStringLiteral("SELECT count(*) FROM arr_history")) == 2);
}

TEST_CASE("A second import of an updated export updates by source id instead of duplicating", "[services][import]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("i.keystone")));
    importText(*p, ImportKind::Accounts, "Id,Name,ARR\n001,Acme,100\n002,Birch,200\n");
    // Renamed in the CRM, ARR changed; a new account; an unchanged one.
    const QByteArray next = "Id,Name,ARR\n001,Acme Group,150\n002,Birch,200\n003,Cedar,50\n";
    const CsvImportReport r = importText(*p, ImportKind::Accounts, next);
    CHECK(r.created == 1);
    CHECK(r.updated == 1);   // Acme: renamed, ARR changed
    CHECK(r.unchanged == 1); // Birch: nothing differs, nothing written
    CHECK(p->accounts().count() == 3);
    CHECK(p->accounts().byName(QStringLiteral("Acme Group"))->arr.cents == 15000);
    REQUIRE(r.duplicates.size() == 2);
    CHECK(r.duplicates[0].matchedBy == QStringLiteral("source id"));
    CHECK(r.duplicates[0].existing == QStringLiteral("Acme"));
    CHECK(r.duplicates[0].action == QStringLiteral("updated"));
    CHECK(r.duplicates[1].action == QStringLiteral("unchanged"));
    // The ARR change is in the history as an expansion.
    CHECK(text(*p, QStringLiteral("SELECT change FROM arr_history h JOIN accounts a ON a.id = h.account_id "
                                  "WHERE a.name = 'Acme Group' ORDER BY h.date DESC, h.id DESC LIMIT 1")) == QStringLiteral("expansion"));
}

TEST_CASE("Duplicates by name: update, skip or create, also within one file", "[services][import]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("i.keystone")));
    importText(*p, ImportKind::Accounts, "Name,Industry\nAcme,Steel\n");
    const QByteArray file = "Name,Industry\nACME,Chemicals\nacme ,Glass\n";
    SECTION("skip") {
        const auto r = importText(*p, ImportKind::Accounts, file, DuplicatePolicy::Skip);
        CHECK(r.skipped == 2);
        CHECK(p->accounts().byName(QStringLiteral("Acme"))->industry == QStringLiteral("Steel"));
    }
    SECTION("update: the last row wins") {
        const auto r = importText(*p, ImportKind::Accounts, file, DuplicatePolicy::Update);
        CHECK(r.updated == 2);
        CHECK(p->accounts().count() == 1);
        CHECK(p->accounts().byName(QStringLiteral("Acme"))->industry == QStringLiteral("Glass"));
    }
    SECTION("create: numbered names") {
        const auto r = importText(*p, ImportKind::Accounts, file, DuplicatePolicy::Create);
        CHECK(r.created == 2);
        CHECK(p->accounts().byName(QStringLiteral("ACME (2)")));
        CHECK(p->accounts().byName(QStringLiteral("acme (3)")));
    }
}

TEST_CASE("A dry run reports the same counts and writes nothing, and so does a cancelled import", "[services][import]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("i.keystone")));
    importText(*p, ImportKind::Accounts, "Name,ARR\nAcme,100\n");
    const QByteArray file = "Name,ARR\nAcme,300\nBirch,x\nCedar,5\nDana Co,7\n";
    const auto dry = importText(*p, ImportKind::Accounts, file, DuplicatePolicy::Update, true);
    CHECK(dry.dryRun);
    CHECK(dry.created == 2);
    CHECK(dry.updated == 1);
    CHECK(dry.rejected == 1);
    CHECK(p->accounts().count() == 1);
    CHECK(p->accounts().byName(QStringLiteral("Acme"))->arr.cents == 10000);
    CHECK(scalar(*p, QStringLiteral("SELECT count(*) FROM change_log")) == 1); // the first import's account only
    // Cancelling after the first progress call leaves the file as it was.
    const io::CsvTable table = io::parseCsv(file);
    CsvImportRequest req;
    req.mapping = io::autoMapping(ImportKind::Accounts, table.header);
    int calls = 0;
    CHECK_THROWS_AS(ImportService(*p).importCsv(table, req, [&](int, int) { return ++calls < 1; }), ImportRefused);
    CHECK(p->accounts().count() == 1);
    const auto real = importText(*p, ImportKind::Accounts, file);
    CHECK(real.created == dry.created);
    CHECK(real.updated == dry.updated);
    CHECK(real.rejected == dry.rejected);
    CHECK(p->accounts().count() == 3);
}

TEST_CASE("Contacts: names from first and last, accounts by source id, managers linked after every row is in", "[services][import]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("i.keystone")));
    importText(*p, ImportKind::Accounts, "Id,Name\n001,Acme\n002,Birch\n");
    // Report-export labels; the manager (c3) comes after her report; c4 and c5 report to
    // each other (a cycle); c6's account is unknown; a bad email.
    const QByteArray contacts =
        "Contact ID,First Name,Last Name,Title,Email,Account ID,Reports To ID,Buying Role\n"
        "c1,Ann,Archer,CIO,ann@acme.example,001,c3,Economic buyer\n"
        "c2,Bob,Brown,Buyer,bob@acme.example,001,c3,decision_maker\n"
        "c3,Cleo,Chen,CEO,cleo@acme.example,001,,\n"
        "c4,Dan,Doe,,,002,c5,\n"
        "c5,Eve,East,,,002,c4,\n"
        "c6,Fay,Fox,,,999,,\n"
        "c7,Gus,Gray,,not-an-email,001,,\n"
        "c8,Hal,Hill,,,001,,Wizard\n";
    const auto r = importText(*p, ImportKind::Contacts, contacts);
    CHECK(r.created == 5);
    CHECK(r.rejected == 3);
    REQUIRE(r.rejections.size() == 3);
    CHECK(r.rejections[0].column == QStringLiteral("Account ID"));
    CHECK(r.rejections[0].value == QStringLiteral("999"));
    CHECK(r.rejections[1].message == QStringLiteral("not an email address"));
    CHECK(r.rejections[2].column == QStringLiteral("Buying Role"));
    const qint64 acme = p->accounts().byName(QStringLiteral("Acme"))->id;
    const auto list = p->contacts().forAccount(acme);
    REQUIRE(list.size() == 3);
    auto byName = [&](const QString &n) {
        return *std::find_if(list.begin(), list.end(), [&](const domain::Contact &c) { return c.name == n; });
    };
    CHECK(byName(QStringLiteral("Ann Archer")).reportsToId == byName(QStringLiteral("Cleo Chen")).id);
    CHECK(byName(QStringLiteral("Bob Brown")).reportsToId == byName(QStringLiteral("Cleo Chen")).id);
    CHECK(byName(QStringLiteral("Ann Archer")).role == domain::BuyingRole::EconomicBuyer);
    CHECK(byName(QStringLiteral("Bob Brown")).role == domain::BuyingRole::DecisionMaker);
    // One side of the cycle is linked, the other refused with a note.
    CHECK(scalar(*p, QStringLiteral("SELECT count(*) FROM contacts WHERE reports_to_id IS NOT NULL AND name IN ('Dan Doe', 'Eve East')")) == 1);
    CHECK(std::any_of(r.warnings.begin(), r.warnings.end(), [](const ImportIssue &w) { return w.message.contains(QStringLiteral("cycle")); }));
    // Re-importing the same file matches every contact by its source id.
    const auto again = importText(*p, ImportKind::Contacts, contacts, DuplicatePolicy::Skip);
    CHECK(again.skipped == 5);
    CHECK(scalar(*p, QStringLiteral("SELECT count(*) FROM contacts")) == 5);
}

TEST_CASE("Opportunities: Salesforce stages translated, probabilities, and the account's pipeline recounted", "[services][import]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("i.keystone")));
    importText(*p, ImportKind::Accounts, "Id,Name\n001,Acme\n");
    const QByteArray opps = "Id,Name,StageName,Amount,Probability,CloseDate,Type,AccountId\n"
                            "o1,Renewal 2027,Negotiation/Review,\"10,000\",,12/31/2026,Existing Customer - Replacement,001\n"
                            "o2,Plant 2,Prospecting,5000,20%,1/15/2027,New Customer,001\n"
                            "o3,Lost one,Closed Lost,7000,,2/1/2026,,001\n"
                            "o4,Odd,Dreaming,1,,,,001\n";
    const auto r = importText(*p, ImportKind::Opportunities, opps);
    CHECK(r.created == 3);
    CHECK(r.rejected == 1);
    CHECK(r.rejections[0].column == QStringLiteral("StageName"));
    const auto list = p->opportunities().byAccount(p->accounts().byName(QStringLiteral("Acme"))->id);
    REQUIRE(list.size() == 3);
    const auto renewal = *std::find_if(list.begin(), list.end(), [](const auto &o) { return o.name == QStringLiteral("Renewal 2027"); });
    CHECK(renewal.stage == domain::Stage::Negotiation);
    CHECK(renewal.probability == 75);
    CHECK(renewal.type == domain::OpportunityType::Renewal);
    CHECK(renewal.closeDate == QDate(2026, 12, 31));
    // Weighted open pipeline: 10,000 x 75% + 5,000 x 20% = 8,500.
    CHECK(scalar(*p, QStringLiteral("SELECT weighted_pipeline_cents FROM accounts WHERE name = 'Acme'")) == 850'000);
}

TEST_CASE("Activities with participants and last interaction recounted, then ARR history and health inputs", "[services][import]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("i.keystone")));
    importText(*p, ImportKind::Accounts, "Id,Name,ARR\n001,Acme,100000\n");
    importText(*p, ImportKind::Contacts, "Id,Name,Email,AccountId\nc1,Ann Archer,ann@acme.example,001\nc2,Bob Brown,,001\n");
    const auto act = importText(*p, ImportKind::Activities,
                                "Id,ActivityDate,Type,Subject,Description,WhoId,AccountId,Contact\n"
                                "t1,2026-10-01,Call,Kick-off,\"Agreed scope,\nnext: plan\",c1,001,\n"
                                "t2,2026-11-05,Meeting,Review,,,001,Bob Brown; ann@acme.example\n"
                                "t3,2026-11-06,Telepathy,Odd,,,001,Nobody\n");
    CHECK(act.created == 3);
    CHECK(act.warnings.size() == 2); // an unknown type, an unknown contact
    CHECK(text(*p, QStringLiteral("SELECT last_interaction FROM contacts WHERE name = 'Ann Archer'")) == QStringLiteral("2026-11-05"));
    CHECK(text(*p, QStringLiteral("SELECT summary FROM activities WHERE source_id = 't1'")) == QStringLiteral("Kick-off\n\nAgreed scope,\nnext: plan"));
    CHECK(text(*p, QStringLiteral("SELECT type FROM activities WHERE source_id = 't3'")) == QStringLiteral("meeting"));

    // ARR history: the change is worked out from the previous point when not given.
    const auto arr = importText(*p, ImportKind::ArrHistory, "Account Name,Date,ARR\nAcme,2025-01-01,80000\nAcme,2025-06-01,60000\nAcme,2025-09-01,0\n");
    CHECK(arr.created == 3);
    QSqlQuery q(p->database().connection());
    REQUIRE(q.exec(QStringLiteral("SELECT change FROM arr_history WHERE date LIKE '2025%' ORDER BY date")));
    QStringList changes;
    while (q.next())
        changes << q.value(0).toString();
    CHECK(changes == QStringList{QStringLiteral("new"), QStringLiteral("contraction"), QStringLiteral("churn")});

    // Health inputs: stored, then the account's scores recomputed from them.
    const auto health = importText(*p, ImportKind::HealthInputs,
                                   "Account Name;Date;Licensed Seats;Active Users;NPS\nAcme;01.10.2026;100;80;40\nAcme;01.11.2026;100;90;50\n");
    CHECK(health.created == 2);
    CHECK(scalar(*p, QStringLiteral("SELECT count(*) FROM health_inputs")) == 2);
    CHECK(scalar(*p, QStringLiteral("SELECT count(*) FROM health_scores")) == 2);
    CHECK(text(*p, QStringLiteral("SELECT health_date FROM accounts")) == QStringLiteral("2026-11-01"));
    const auto again = importText(*p, ImportKind::HealthInputs, "Account Name;Date;NPS\nAcme;01.11.2026;60\n");
    CHECK(again.updated == 1);
    CHECK(scalar(*p, QStringLiteral("SELECT nps FROM health_inputs WHERE date = '2026-11-01'")) == 60);
    CHECK(scalar(*p, QStringLiteral("SELECT active_users FROM health_inputs WHERE date = '2026-11-01'")) == 90); // kept
}

TEST_CASE("A mapping that misses a required field is refused before anything is read", "[services][import]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("i.keystone")));
    const io::CsvTable table = io::parseCsv(QByteArray("Title,Email\nCIO,a@b.c\n"));
    CsvImportRequest r;
    r.mapping = io::autoMapping(ImportKind::Contacts, table.header);
    try {
        ImportService(*p).importCsv(table, r);
        FAIL("imported");
    } catch (const ImportRefused &e) {
        CHECK(e.message.contains(QStringLiteral("Account")));
        CHECK(e.message.contains(QStringLiteral("name")));
    }
}

TEST_CASE("100,000 contact rows import in one transaction", "[services][import][large]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("big.keystone")));
    QByteArray accounts = "Id,Name\n";
    for (int i = 0; i < 100; ++i)
        accounts += "a" + QByteArray::number(i) + ",Account " + QByteArray::number(i) + "\n";
    importText(*p, ImportKind::Accounts, accounts);
    QByteArray contacts = "Id,FirstName,LastName,AccountId,Email\r\n";
    contacts.reserve(6'000'000);
    for (int i = 0; i < 100'000; ++i)
        contacts += "c" + QByteArray::number(i) + ",First" + QByteArray::number(i) + ",\"Last, " + QByteArray::number(i) + "\",a" +
                    QByteArray::number(i % 100) + ",p" + QByteArray::number(i) + "@x.example\r\n";
    int progressCalls = 0;
    const io::CsvTable table = io::parseCsv(contacts);
    REQUIRE(table.records.size() == 100'000);
    CsvImportRequest r;
    r.mapping = io::autoMapping(ImportKind::Contacts, table.header);
    const auto report = ImportService(*p).importCsv(table, r, [&](int, int) { ++progressCalls; return true; });
    CHECK(report.created == 100'000);
    CHECK(report.rejected == 0);
    CHECK(progressCalls >= 200);
    CHECK(scalar(*p, QStringLiteral("SELECT count(*) FROM contacts")) == 100'000);
    CHECK(scalar(*p, QStringLiteral("SELECT count(*) FROM contacts WHERE account_id = (SELECT id FROM accounts WHERE source_id = 'a7')")) == 1000);
    CHECK(text(*p, QStringLiteral("SELECT name FROM contacts WHERE source_id = 'c99999'")) == QStringLiteral("First99999 Last, 99999"));
}
