// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Accounts, the team, settings, the overview, the demo book and names.
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
#include "keystone/storage/database.h"
#include "keystone/storage/settingsrepository.h"
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

TEST_CASE("Creating accounts validates, stores and announces them", "[services][accounts]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("a.keystone")), QStringLiteral("EUR"));
    services::AccountService svc(*p);
    QSignalSpy added(p.get(), &Portfolio::accountsAdded);

    const domain::Account acme = svc.create(draft(QStringLiteral("  Acme   Corp ")));
    CHECK(acme.id > 0);
    CHECK(acme.name == QStringLiteral("Acme Corp"));
    CHECK(acme.arr.currency == QStringLiteral("EUR")); // the portfolio's
    REQUIRE(added.size() == 1);
    CHECK(added.at(0).at(0).value<QList<qint64>>() == QList<qint64>{acme.id});

    SECTION("a duplicate name, in any case, is refused with the field named")
    {
        try {
            svc.create(draft(QStringLiteral("ACME CORP")));
            FAIL("duplicate accepted");
        } catch (const services::ValidationError &e) {
            REQUIRE(e.errors().size() == 1);
            CHECK(e.errors().first().field == QStringLiteral("name"));
            CHECK(e.message().contains(QStringLiteral("already exists")));
        }
    }
    SECTION("negative ARR and an unknown owner are refused and nothing is written")
    {
        CHECK_THROWS_AS(svc.create(draft(QStringLiteral("Neg"), -1)), services::ValidationError);
        domain::Account orphan = draft(QStringLiteral("Orphan"));
        orphan.ownerId = 77;
        CHECK_THROWS_AS(svc.create(orphan), services::ValidationError);
    }
    CHECK(p->accounts().count() == 1);
    CHECK(added.size() == 1);
}

TEST_CASE("Updating, deleting and restoring accounts", "[services][accounts]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("u.keystone")));
    services::AccountService svc(*p);
    const domain::Account a = svc.create(draft(QStringLiteral("Alpha"), 100));
    const domain::Account b = svc.create(draft(QStringLiteral("Beta"), 200));
    QSignalSpy updated(p.get(), &Portfolio::accountsUpdated);
    QSignalSpy removed(p.get(), &Portfolio::accountsRemoved);

    domain::Account changed = a;
    changed.arr.cents = 150;
    changed.uuid = QStringLiteral("not-allowed-to-change");
    const domain::Account stored = svc.update(changed);
    CHECK(stored.uuid == a.uuid);
    CHECK(p->accounts().byId(a.id)->arr.cents == 150);
    CHECK(updated.size() == 1);

    domain::Account clash = b;
    clash.name = QStringLiteral("alpha");
    CHECK_THROWS_AS(svc.update(clash), services::ValidationError);
    CHECK(p->accounts().byId(b.id)->name == QStringLiteral("Beta"));

    const std::vector<services::AccountSnapshot> gone = svc.remove({a.id, b.id, 12345});
    REQUIRE(gone.size() == 2);
    CHECK(p->accounts().count() == 0);
    CHECK(removed.size() == 1);
    svc.restore(gone);
    CHECK(p->accounts().count() == 2);
    CHECK(*p->accounts().byId(a.id) == gone[0].account); // same id, uuid, timestamps
    CHECK(*p->accounts().byId(b.id) == gone[1].account);
}

TEST_CASE("Team members: unique names and validated hours", "[services][team]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("t.keystone")));
    services::TeamService team(*p);
    domain::TeamMember m;
    m.name = QStringLiteral("Mei Chen");
    const domain::TeamMember stored = team.create(m);
    CHECK(stored.id > 0);
    CHECK_THROWS_AS(team.create(m), services::ValidationError);
    domain::TeamMember bad;
    bad.name = QStringLiteral("Zero Hours");
    bad.hoursPerMonth = 0;
    CHECK_THROWS_AS(team.create(bad), services::ValidationError);
    CHECK(p->team().count() == 1);
}

TEST_CASE("Portfolio settings are validated and kept in the file", "[services][settings]")
{
    test::TempDir dir;
    const QString path = dir.file(QStringLiteral("s.keystone"));
    {
        auto p = Portfolio::create(path, QStringLiteral("GBP"));
        domain::PortfolioSettings s = p->settings();
        s.segmentation.percentile = 150;
        CHECK_THROWS_AS(p->updateSettings(s), services::ValidationError);
        s.segmentation.percentile = 70;
        p->updateSettings(s);
    }
    auto p = Portfolio::open(path);
    CHECK(p->settings().currency == QStringLiteral("GBP"));
    CHECK(p->settings().segmentation.percentile == 70);
    CHECK_THROWS_AS(Portfolio::create(dir.file(QStringLiteral("x.keystone")), QStringLiteral("ABC")), services::ValidationError);
}

TEST_CASE("The currency changes only while the portfolio holds no amounts", "[services][settings]")
{
    test::TempDir dir;
    const QString path = dir.file(QStringLiteral("c.keystone"));
    auto p = Portfolio::create(path, QStringLiteral("USD"));
    CHECK_FALSE(p->holdsAmounts());
    // An account with no ARR holds no amount: the currency may still change, and the change
    // marks it as chosen by the user (a JSON file in another currency is refused, not adopted).
    services::AccountService accounts(*p);
    const domain::Account zero = accounts.create(draft(QStringLiteral("Zero Ltd"), 0));
    CHECK_FALSE(p->holdsAmounts());
    domain::PortfolioSettings s = p->settings();
    s.currency = QStringLiteral("EUR");
    p->updateSettings(s);
    CHECK(p->settings().currency == QStringLiteral("EUR"));
    CHECK(storage::SettingsRepository(p->database()).value(QStringLiteral("portfolio.currency_chosen")) == QStringLiteral("1"));

    // The account carries the new currency too (an edit of it is taken).
    domain::Account priced = p->accounts().byId(zero.id).value();
    CHECK(priced.arr.currency == QStringLiteral("EUR"));
    // One amount anywhere fixes it: the error names the field, and nothing changes.
    priced.arr.cents = 100;
    accounts.update(priced);
    CHECK(p->holdsAmounts());
    s.currency = QStringLiteral("GBP");
    try {
        p->updateSettings(s);
        FAIL("a currency change over stored amounts was taken");
    } catch (const services::ValidationError &e) {
        CHECK(e.message().contains(QStringLiteral("currency")));
        CHECK(e.message().contains(QStringLiteral("holds amounts")));
    }
    CHECK(p->settings().currency == QStringLiteral("EUR"));
    // Other settings still save while the currency stays.
    s.currency = QStringLiteral("EUR");
    s.segmentation.percentile = 60;
    p->updateSettings(s);
    CHECK(Portfolio::open(path)->settings().currency == QStringLiteral("EUR"));

    // The fixed segmentation threshold is an amount too.
    auto q = Portfolio::create(dir.file(QStringLiteral("t.keystone")), QStringLiteral("USD"));
    domain::PortfolioSettings t = q->settings();
    t.segmentation.fixedThresholdCents = 5000000;
    q->updateSettings(t);
    CHECK(q->holdsAmounts());
}

TEST_CASE("The demo portfolio is deterministic per seed and day, and realistic", "[services][demo]")
{
    test::TempDir dir;
    demo::DemoOptions o;
    o.accounts = 300;
    o.seed = 42;
    o.today = QDate(2026, 11, 23);
    const demo::DemoResult r1 = demo::generateDemo(dir.file(QStringLiteral("d1.keystone")), o);
    demo::generateDemo(dir.file(QStringLiteral("d2.keystone")), o);
    o.seed = 43;
    demo::generateDemo(dir.file(QStringLiteral("d3.keystone")), o);
    CHECK(r1.accounts == 300);
    CHECK(r1.teamMembers >= 8);

    auto p1 = Portfolio::open(dir.file(QStringLiteral("d1.keystone")));
    auto p2 = Portfolio::open(dir.file(QStringLiteral("d2.keystone")));
    auto p3 = Portfolio::open(dir.file(QStringLiteral("d3.keystone")));
    const auto a1 = p1->accounts().all();
    CHECK(a1 == p2->accounts().all());
    CHECK(p1->team().all() == p2->team().all());
    CHECK_FALSE(a1 == p3->accounts().all());

    // Realism checks computed independently of the generator.
    std::set<QString> names;
    std::vector<qint64> arr;
    int renewalsInWindow = 0;
    int churned = 0;
    for (const domain::Account &a : a1) {
        names.insert(a.name.toCaseFolded());
        arr.push_back(a.arr.cents);
        if (a.arr.cents == 0) { // a churned customer (the ARR history says when)
            CHECK(a.notes.startsWith(QStringLiteral("Churned")));
            CHECK_FALSE(a.renewalDate.isValid());
            ++churned;
            continue;
        }
        CHECK(a.arr.cents >= 800000);
        CHECK(a.arr.cents <= 600000000);
        CHECK(!a.industry.isEmpty());
        CHECK(!a.region.isEmpty());
        CHECK(a.ownerId > 0);
        const qint64 days = o.today.daysTo(a.renewalDate);
        if (days >= -45 && days <= 548)
            ++renewalsInWindow;
    }
    CHECK(names.size() == 300);
    CHECK(renewalsInWindow == 300 - churned);
    CHECK(churned <= 30); // a few percent of the book
    // Every account has an ARR history that ends at its ARR today.
    const auto history = p1->arrHistory().all();
    for (const domain::Account &a : a1) {
        std::vector<domain::ArrPoint> mine;
        std::copy_if(history.begin(), history.end(), std::back_inserter(mine), [&](const domain::ArrPoint &pt) { return pt.accountId == a.id; });
        REQUIRE_FALSE(mine.empty());
        CHECK(domain::arrOn(mine, o.today) == a.arr.cents);
    }
    std::sort(arr.begin(), arr.end(), std::greater<>());
    qint64 top20 = 0, total = 0;
    for (size_t i = 0; i < arr.size(); ++i) {
        total += arr[i];
        if (i < arr.size() / 5)
            top20 += arr[i];
    }
    CHECK(double(top20) / double(total) > 0.5); // heavy-tailed: the top fifth carries most revenue
}

TEST_CASE("The demo tells a believable story month by month", "[services][demo]")
{
    test::TempDir dir;
    demo::DemoOptions o;
    o.accounts = 2000;
    o.seed = 5;
    o.today = QDate(2026, 12, 7);
    demo::generateDemo(dir.file(QStringLiteral("story.keystone")), o);
    auto p = Portfolio::open(dir.file(QStringLiteral("story.keystone")));
    const auto accounts = p->accounts().all();

    // No pile of accounts at one large ARR (a cap would put dozens at exactly $6M).
    QHash<qint64, int> atArr;
    for (const domain::Account &a : accounts)
        if (a.arr.cents >= 100'000'000)
            ++atArr[a.arr.cents];
    for (auto it = atArr.cbegin(); it != atArr.cend(); ++it) {
        INFO("ARR " << it.key() / 100 << " held by " << it.value() << " accounts");
        CHECK(it.value() <= 2);
    }

    // Org charts fit the account: a chart of 150 or more people belongs to a large account.
    QHash<qint64, int> contactsOf;
    for (const domain::Contact &c : p->contacts().allBrief())
        ++contactsOf[c.accountId];
    for (const domain::Account &a : accounts) {
        INFO(a.name.toStdString() << " ARR " << a.arr.cents / 100 << " with " << contactsOf.value(a.id) << " contacts");
        if (contactsOf.value(a.id) >= 150)
            CHECK(a.arr.cents >= 40'000'000);
    }

    // Activities month by month over the last 15 full months: no month holds more than 1.5
    // times the one before it (the old demo jumped eightfold once), none falls below half.
    QMap<QDate, int> perMonth;
    for (const domain::Activity &act : p->activities().allWithContacts())
        ++perMonth[QDate(act.date.year(), act.date.month(), 1)];
    const QDate thisMonth(o.today.year(), o.today.month(), 1);
    int checkedMonths = 0;
    for (int m = 15; m >= 2; --m) {
        const int before = perMonth.value(thisMonth.addMonths(-m)), after = perMonth.value(thisMonth.addMonths(-m + 1));
        INFO(thisMonth.addMonths(-m).toString(Qt::ISODate).toStdString() << ": " << before << " then " << after);
        REQUIRE(before > 100);
        CHECK(after <= before * 1.5);
        CHECK(after >= before * 0.5);
        ++checkedMonths;
    }
    CHECK(checkedMonths == 14);
    // Nobody met a customer before it was one.
    QHash<qint64, QDate> since;
    for (const domain::Account &a : accounts)
        since.insert(a.id, a.customerSince);
    for (const domain::Activity &act : p->activities().allWithContacts())
        if (since.value(act.accountId).isValid())
            CHECK(act.date >= since.value(act.accountId));
}

TEST_CASE("The overview segments every account with the domain rules", "[services][overview]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("o.keystone")));
    services::AccountService svc(*p);
    // ARR 1000..10000 dollars; the 80th percentile is $8,200.
    for (int i = 1; i <= 10; ++i) {
        domain::Account a = draft(QStringLiteral("Acc %1").arg(i), qint64(i) * 100000);
        a.potentialRating = i == 10 || i == 1 ? 5 : 2;
        if (i == 2) {
            a.tierOverride = domain::Tier::Tier1;
            a.tierOverrideReason = QStringLiteral("Strategic logo");
        }
        svc.create(a);
    }
    const services::AccountOverview o = services::loadAccountOverview(*p);
    CHECK(o.thresholdCents == 820000);
    REQUIRE(o.rows.size() == 10);
    auto row = [&](int i) { return o.rows[size_t(i - 1)]; };
    CHECK(row(10).segment.quadrant == domain::Quadrant::Invest);
    CHECK(row(10).tier == domain::Tier::Tier1);
    CHECK(row(9).segment.quadrant == domain::Quadrant::Protect);
    CHECK(row(8).segment.quadrant == domain::Quadrant::Maintain);
    CHECK(row(1).segment.quadrant == domain::Quadrant::Develop);
    CHECK(row(2).segment.suggestedTier == domain::Tier::Tier3);
    CHECK(row(2).tier == domain::Tier::Tier1); // the override wins, the suggestion is kept

    const services::PortfolioInfo info = services::portfolioInfo(*p);
    CHECK(info.counts.value(QStringLiteral("accounts")) == 10);
    CHECK(info.totalArrCents == 5500000);
    CHECK(info.schemaVersion == storage::Database::latestSchemaVersion());
}

TEST_CASE("Removing a team member unassigns their accounts and restore gives them back", "[services][team]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("tr.keystone")));
    services::TeamService team(*p);
    services::AccountService accounts(*p);
    domain::TeamMember m;
    m.name = QStringLiteral("Olivia Rossi");
    m = team.create(m);
    QList<qint64> owned;
    for (int i = 0; i < 3; ++i) {
        domain::Account a = draft(QStringLiteral("Owned %1").arg(i));
        a.ownerId = m.id;
        owned << accounts.create(a).id;
    }
    const qint64 other = accounts.create(draft(QStringLiteral("Not hers"))).id;

    const services::TeamService::Removed removed = team.remove(m.id);
    CHECK(removed.member == m);
    CHECK(removed.ownedAccountIds == owned);
    for (qint64 id : owned)
        CHECK(p->accounts().byId(id)->ownerId == 0);

    // Meanwhile one of her accounts goes to someone else: restore must not take it back.
    domain::TeamMember n;
    n.name = QStringLiteral("Noah Berg");
    n = team.create(n);
    domain::Account moved = *p->accounts().byId(owned[0]);
    moved.ownerId = n.id;
    accounts.update(moved);

    team.restore(removed);
    CHECK(p->team().byId(m.id) == m); // same id and fields
    CHECK(p->accounts().byId(owned[0])->ownerId == n.id);
    CHECK(p->accounts().byId(owned[1])->ownerId == m.id);
    CHECK(p->accounts().byId(owned[2])->ownerId == m.id);
    CHECK(p->accounts().byId(other)->ownerId == 0);
    CHECK_THROWS_AS(team.remove(4242), services::ValidationError);
}

TEST_CASE("Ids are never reused, so undoing a delete after new additions works", "[services][accounts]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("ids.keystone")));
    services::AccountService svc(*p);
    svc.create(draft(QStringLiteral("First")));
    const domain::Account last = svc.create(draft(QStringLiteral("Last")));
    const auto gone = svc.remove({last.id}); // the highest id
    const domain::Account newer = svc.create(draft(QStringLiteral("Newer")));
    CHECK(newer.id > last.id);
    svc.restore(gone);
    CHECK(p->accounts().byId(last.id)->name == QStringLiteral("Last"));
    CHECK(p->accounts().count() == 3);
}


TEST_CASE("One account's row agrees with the whole book's overview", "[services][accounts]")
{
    test::TempDir dir;
    demo::DemoOptions o;
    o.accounts = 40;
    o.seed = 2;
    o.today = QDate(2026, 11, 23);
    demo::generateDemo(dir.file(QStringLiteral("r.keystone")), o);
    auto p = Portfolio::open(dir.file(QStringLiteral("r.keystone")));
    for (const services::AccountRow &r : services::loadAccountOverview(*p).rows) {
        const auto one = services::loadAccountRow(*p, r.account.id);
        REQUIRE(one);
        CHECK(one->tier == r.tier);
        CHECK(one->segment == r.segment);
        CHECK(one->ownerName == r.ownerName);
    }
    CHECK_FALSE(services::loadAccountRow(*p, 999999));
}


TEST_CASE("The same name in decomposed Unicode is the same name, and names are stored in NFC", "[services][accounts]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("a.keystone")), QStringLiteral("EUR"));
    services::AccountService svc(*p);
    const domain::Account cafe = svc.create(draft(QStringLiteral("Caf\u00e9 M\u00fcller")));
    CHECK(cafe.name == QStringLiteral("Caf\u00e9 M\u00fcller"));
    // e + COMBINING ACUTE ACCENT, u + COMBINING DIAERESIS: what some Macs and web forms send.
    const QString decomposed = QStringLiteral("CAFE\u0301 MU\u0308LLER");
    CHECK_THROWS_AS(svc.create(draft(decomposed)), services::ValidationError);
    const domain::Account other = svc.create(draft(QStringLiteral("Ze\u0301phyr")));
    CHECK(other.name == QStringLiteral("Z\u00e9phyr")); // stored composed
    CHECK(p->accounts().byName(QStringLiteral("Z\u00e9phyr")));
    CHECK(domain::nameKey(decomposed) == domain::nameKey(QStringLiteral("caf\u00e9 m\u00fcller")));
}

TEST_CASE("Upgrading to schema 13 stores names in NFC with matching keys, and keeps Unicode twins for the user to merge", "[services][migration]")
{
    test::TempDir dir;
    const QString path = dir.file(QStringLiteral("old.keystone"));
    {
        auto p = Portfolio::create(path, QStringLiteral("EUR"));
        services::AccountService svc(*p);
        svc.create(draft(QStringLiteral("Alpha")));
        svc.create(draft(QStringLiteral("Beta")));
        svc.create(draft(QStringLiteral("Gamma")));
    }
    // As a version-12 build left them: names as typed (decomposed), keys without NFC, and two
    // accounts that are one name in two forms (possible then, as their keys differed).
    test::execSqlite(path,
                     "UPDATE accounts SET name = 'Cafe\xcc\x81', name_key = 'cafe\xcc\x81' WHERE name = 'Alpha';"
                     "UPDATE accounts SET name = 'M\xc3\xbcller', name_key = 'm\xc3\xbcller' WHERE name = 'Beta';"
                     "UPDATE accounts SET name = 'Mu\xcc\x88ller', name_key = 'mu\xcc\x88ller' WHERE name = 'Gamma';"
                     "PRAGMA user_version = 12;");
    auto p = Portfolio::open(path);
    CHECK(p->database().schemaVersion() == storage::Database::latestSchemaVersion());
    const auto cafe = p->accounts().byName(QStringLiteral("Caf\u00e9"));
    REQUIRE(cafe);
    CHECK(cafe->name == QStringLiteral("Caf\u00e9")); // stored composed now
    CHECK(test::queryInt(path, "SELECT count(*) FROM accounts WHERE name_key = 'caf\xc3\xa9'") == 1);
    // The twins: both kept (the key is unique), the composed one under its NFC key.
    CHECK(p->accounts().count() == 3);
    CHECK(test::queryInt(path, "SELECT count(*) FROM accounts WHERE name_key IN ('m\xc3\xbcller', 'mu\xcc\x88ller')") == 2);
    const QStringList problems = services::ExchangeService(*p).storedValueProblems();
    REQUIRE(problems.size() == 1);
    CHECK(problems.front().contains(QStringLiteral("is the same name as 'M\u00fcller'")));
}

TEST_CASE("Several accounts' rows read at once are the rows the whole book's overview has, in the order asked", "[services][accounts]")
{
    test::TempDir dir;
    const QString path = dir.file(QStringLiteral("rows.keystone"));
    demo::DemoOptions o;
    o.accounts = 40;
    o.seed = 5;
    o.today = QDate(2026, 11, 23);
    demo::generateDemo(path, o);
    auto p = Portfolio::open(path);
    const services::AccountOverview overview = services::loadAccountOverview(*p); // the independent route: the whole book
    REQUIRE(overview.rows.size() == 40);
    QHash<qint64, const services::AccountRow *> byId;
    for (const services::AccountRow &r : overview.rows)
        byId.insert(r.account.id, &r);
    // Out of order, one asked twice, one that does not exist.
    const QList<qint64> asked{overview.rows[30].account.id, overview.rows[2].account.id, 999999, overview.rows[17].account.id,
                              overview.rows[2].account.id, overview.rows[0].account.id};
    const std::vector<services::AccountRow> rows = services::loadAccountRows(*p, asked);
    REQUIRE(rows.size() == 4);
    const QList<qint64> expectedOrder{asked[0], asked[1], asked[3], asked[5]};
    for (size_t i = 0; i < rows.size(); ++i) {
        const services::AccountRow &whole = *byId.value(expectedOrder[qsizetype(i)]);
        INFO(whole.account.name.toStdString());
        CHECK(rows[i].account == whole.account);
        CHECK(rows[i].ownerName == whole.ownerName);
        CHECK(rows[i].tier == whole.tier);
        CHECK(rows[i].segment == whole.segment);
        CHECK(rows[i].expansion == whole.expansion);
        // And one at a time, as before.
        const auto single = services::loadAccountRow(*p, expectedOrder[qsizetype(i)]);
        REQUIRE(single);
        CHECK(single->tier == whole.tier);
    }
    CHECK_FALSE(services::loadAccountRow(*p, 999999));
    CHECK(services::loadAccountRows(*p, {}).empty());
}
