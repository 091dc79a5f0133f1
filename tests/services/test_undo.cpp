// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Undo is a promise: undoing a removal restores every row the removal took or changed. Each
// test removes one kind of entity from a demo book (picked with the most rows hanging off
// it), undoes it the way the window's undo commands do (Portfolio::record, then revert), and
// compares every table row by row, read through the plain sqlite3 API, before the removal
// and after its undo. Only the change history differs: it records the removal and its undo.
#include "testsupport.h"

#include "keystone/services/accountservice.h"
#include "keystone/services/bookservice.h"
#include "keystone/services/validationerror.h"
#include "keystone/demo/demogenerator.h"
#include "keystone/services/planservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/relationshipservice.h"
#include "keystone/services/snapshotservice.h"
#include "keystone/services/teamservice.h"
#include "keystone/services/whitespaceservice.h"
#include "keystone/storage/changerecorder.h"
#include "keystone/storage/planrepository.h"
#include "keystone/storage/storageerror.h"

#include <QRegularExpression>
#include <QSignalSpy>

#include <functional>

using namespace keystone;
using namespace keystone::services;
using namespace keystone::demo;

namespace {

const QStringList kHistory{QStringLiteral("change_log")};

struct Book {
    test::TempDir dir;
    QString path = dir.file(QStringLiteral("undo.keystone"));
    std::unique_ptr<Portfolio> portfolio;
    Book()
    {
        DemoOptions options;
        options.accounts = 40;
        options.seed = 11;
        options.today = QDate(2026, 6, 15);
        generateDemo(path, options);
        portfolio = Portfolio::open(path);
    }
    qint64 pick(const char *sql) const
    {
        const qint64 id = test::queryInt(path, sql);
        INFO(sql);
        REQUIRE(id > 0);
        return id;
    }
};

// The rows of `a` that are not in `b` and those of `b` not in `a`, for a readable failure.
QStringList difference(const QStringList &a, const QStringList &b)
{
    QSet<QString> sa(a.cbegin(), a.cend()), sb(b.cbegin(), b.cend());
    QStringList out;
    for (const QString &r : sa - sb)
        out << QStringLiteral("- ") + r;
    for (const QString &r : sb - sa)
        out << QStringLiteral("+ ") + r;
    out.sort();
    return out.mid(0, 20);
}

// A redo writes again, so the rows it changes carry a new modification time.
QStringList withoutTimes(QStringList rows)
{
    static const QRegularExpression stamp(QStringLiteral("'\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z'"));
    for (QString &r : rows)
        r.replace(stamp, QStringLiteral("'<time>'"));
    return rows;
}

// Removes through `step`, checks that it removed something, undoes it and checks that every
// table is as before; then redoes it (as the undo stack does) and checks that the file is as
// after the first removal but for modification times, and undoes that too. Returns how many rows the removal took or changed.
int removeAndUndo(Book &book, const std::function<void()> &step)
{
    const QStringList before = test::dumpTables(book.path, kHistory);
    const RecordedChange change = book.portfolio->record(step);
    REQUIRE_FALSE(change.isEmpty());
    const QStringList removed = test::dumpTables(book.path, kHistory);
    REQUIRE(removed != before);
    book.portfolio->revert(change);
    const QStringList undone = test::dumpTables(book.path, kHistory);
    CHECK(undone.size() == before.size());
    CHECK(difference(before, undone) == QStringList());
    const RecordedChange again = book.portfolio->record(step);
    CHECK(difference(withoutTimes(removed), withoutTimes(test::dumpTables(book.path, kHistory))) == QStringList());
    book.portfolio->revert(again);
    CHECK(difference(before, test::dumpTables(book.path, kHistory)) == QStringList());
    // Rows in `before` and not in `removed`, plus rows in `removed` and not in `before`.
    QSet<QString> a(before.cbegin(), before.cend()), b(removed.cbegin(), removed.cend());
    return int((a - b).size() + (b - a).size());
}

} // namespace

TEST_CASE("Every table but the change history has a primary key, so the undo recorder sees every row", "[services][undo]")
{
    Book book;
    CHECK(storage::tablesWithoutPrimaryKey(book.portfolio->database()).isEmpty());
}

TEST_CASE("Undoing an account's deletion restores every table as it was", "[services][undo]")
{
    Book book;
    // The account with the most contacts: it has activities, health scores, plan items too.
    const qint64 id = book.pick("SELECT account_id FROM contacts GROUP BY account_id ORDER BY count(*) DESC, account_id LIMIT 1");
    REQUIRE(test::queryInt(book.path, "SELECT count(*) FROM activities") > 0);
    AccountService accounts(*book.portfolio);
    QSignalSpy added(book.portfolio.get(), &Portfolio::accountsAdded);
    const int rows = removeAndUndo(book, [&] { accounts.remove({id}); });
    CHECK(rows > 50); // contacts, activities, health scores, ARR history, plan...
    // The views are told the account came back.
    REQUIRE(added.size() >= 1);
    CHECK(added.front().front().value<QList<qint64>>().contains(id));
}

TEST_CASE("Undoing the deletion of many accounts at once restores every table as it was", "[services][undo]")
{
    Book book;
    QList<qint64> ids;
    for (qint64 id = book.pick("SELECT min(id) FROM accounts"), n = 0; n < 15; ++id, ++n)
        ids << id;
    AccountService accounts(*book.portfolio);
    CHECK(removeAndUndo(book, [&] { accounts.remove(ids); }) > 500);
}

TEST_CASE("Undoing a team member's removal restores every owner, coverage, participant and assignment", "[services][undo]")
{
    Book book;
    // The member referred to from the most places.
    const qint64 id = book.pick(
        "SELECT id FROM team_members ORDER BY (SELECT count(*) FROM accounts WHERE owner_id = team_members.id) + "
        "(SELECT count(*) FROM activity_team WHERE team_member_id = team_members.id) + "
        "(SELECT count(*) FROM account_team WHERE team_member_id = team_members.id) + "
        "(SELECT count(*) FROM contacts WHERE covered_by_id = team_members.id) DESC, id LIMIT 1");
    TeamService team(*book.portfolio);
    CHECK(removeAndUndo(book, [&] { team.remove(id); }) > 4);
}

TEST_CASE("Undoing a contact's removal restores its links, activities, roles and reports", "[services][undo]")
{
    Book book;
    const qint64 id = book.pick("SELECT contact_id FROM activity_contacts GROUP BY contact_id ORDER BY count(*) DESC, contact_id LIMIT 1");
    RelationshipService relationships(*book.portfolio);
    CHECK(removeAndUndo(book, [&] { relationships.removeContact(id); }) > 2);
}

TEST_CASE("Undoing the removal of a product, a buying center or an opportunity restores every table", "[services][undo]")
{
    Book book;
    WhitespaceService whitespace(*book.portfolio);
    SECTION("product")
    {
        const qint64 id = book.pick("SELECT product_id FROM whitespace_cells GROUP BY product_id ORDER BY count(*) DESC LIMIT 1");
        CHECK(removeAndUndo(book, [&] { whitespace.removeProduct(id); }) > 10);
    }
    SECTION("buying center")
    {
        const qint64 id = book.pick("SELECT buying_center_id FROM whitespace_cells GROUP BY buying_center_id ORDER BY count(*) DESC LIMIT 1");
        CHECK(removeAndUndo(book, [&] { whitespace.removeBuyingCenter(id); }) > 2);
    }
    SECTION("opportunity linked to a cell")
    {
        const qint64 id = book.pick("SELECT opportunity_id FROM whitespace_cells WHERE opportunity_id IS NOT NULL LIMIT 1");
        CHECK(removeAndUndo(book, [&] { whitespace.removeOpportunity(id); }) >= 2);
    }
}

TEST_CASE("Undoing the removal of an activity or an influence link restores every table", "[services][undo]")
{
    Book book;
    RelationshipService relationships(*book.portfolio);
    SECTION("activity with participants")
    {
        const qint64 id = book.pick("SELECT activity_id FROM activity_contacts GROUP BY activity_id ORDER BY count(*) DESC LIMIT 1");
        CHECK(removeAndUndo(book, [&] { relationships.removeActivity(id); }) >= 2);
    }
    SECTION("influence link")
    {
        const qint64 id = book.pick("SELECT id FROM contact_influences LIMIT 1");
        CHECK(removeAndUndo(book, [&] { relationships.removeInfluence(id); }) >= 1);
    }
}

TEST_CASE("Undoing the removal of plan items and snapshots restores every table", "[services][undo]")
{
    Book book;
    PlanService plan(*book.portfolio);
    SECTION("priority")
    {
        const qint64 id = book.pick("SELECT id FROM priorities LIMIT 1");
        CHECK(removeAndUndo(book, [&] { plan.remove<domain::Priority>(id); }) >= 1);
    }
    SECTION("risk")
    {
        const qint64 id = book.pick("SELECT id FROM risks LIMIT 1");
        CHECK(removeAndUndo(book, [&] { plan.remove<domain::Risk>(id); }) >= 1);
    }
    SECTION("action")
    {
        const qint64 id = book.pick("SELECT id FROM plan_actions LIMIT 1");
        CHECK(removeAndUndo(book, [&] { plan.remove<domain::PlanAction>(id); }) >= 1);
    }
    SECTION("milestone")
    {
        const qint64 id = book.pick("SELECT id FROM milestones LIMIT 1");
        CHECK(removeAndUndo(book, [&] { plan.remove<domain::Milestone>(id); }) >= 1);
    }
    SECTION("sharing an action with the customer")
    {
        const qint64 id = book.pick("SELECT id FROM plan_actions WHERE shared = 0 LIMIT 1");
        auto item = book.portfolio->plan().item<domain::PlanAction>(id);
        REQUIRE(item);
        item->shared = true;
        CHECK(removeAndUndo(book, [&] { plan.update(*item); }) >= 2); // the row before and after
    }
    SECTION("keeping a joint milestone from the customer")
    {
        const qint64 id = book.pick("SELECT id FROM milestones WHERE plan = 'success' AND shared = 1 LIMIT 1");
        auto item = book.portfolio->plan().item<domain::Milestone>(id);
        REQUIRE(item);
        item->shared = false;
        CHECK(removeAndUndo(book, [&] { plan.update(*item); }) >= 2);
    }
    SECTION("a QBR summary written, then emptied")
    {
        const qint64 account = book.pick("SELECT min(id) FROM accounts");
        domain::QbrSummary s;
        s.accountId = account;
        s.quarter = QStringLiteral("2026Q2");
        s.highlights = {QStringLiteral("Go-live on time"), QStringLiteral("Audit findings down")};
        s.lowlights = {QStringLiteral("Two failed syncs")};
        CHECK(removeAndUndo(book, [&] { plan.setQbrSummary(s); }) == 1);
        plan.setQbrSummary(s);
        domain::QbrSummary emptied = s;
        emptied.highlights.clear();
        emptied.lowlights.clear();
        CHECK(removeAndUndo(book, [&] { plan.setQbrSummary(emptied); }) == 1);
    }
    SECTION("snapshot")
    {
        const qint64 account = book.pick("SELECT min(id) FROM accounts");
        SnapshotService snapshots(*book.portfolio);
        snapshots.take(account, QStringLiteral("2026Q2"), QDate(2026, 6, 15));
        CHECK(removeAndUndo(book, [&] { snapshots.remove(account, QStringLiteral("2026Q2")); }) == 1);
    }
}

TEST_CASE("Moving many accounts to a tier and assigning a member to many is one step: undone, every table is as before", "[services][undo][bulk]")
{
    Book book;
    QList<qint64> ids;
    for (qint64 id = book.pick("SELECT min(id) FROM accounts WHERE tier_override IS NULL"), n = 0; n < 12; ++id)
        if (test::queryInt(book.path, QStringLiteral("SELECT count(*) FROM accounts WHERE id = %1 AND tier_override IS NULL").arg(id).toUtf8().constData()) == 1)
            ids << id, ++n;
    AccountService accounts(*book.portfolio);
    QSignalSpy updated(book.portfolio.get(), &Portfolio::accountsUpdated);
    // 12 accounts: 12 rows before and 12 after.
    CHECK(removeAndUndo(book, [&] { CHECK(accounts.setTier(ids, domain::Tier::Tier1, QStringLiteral("Board sponsor")).size() == 12); }) == 24);
    REQUIRE(updated.size() >= 1);
    CHECK(updated.front().front().value<QList<qint64>>().size() == 12); // one notice for the selection

    const qint64 member = book.pick("SELECT id FROM team_members ORDER BY id LIMIT 1");
    const qint64 assignedBefore = test::queryInt(book.path, QStringLiteral("SELECT count(*) FROM account_team WHERE team_member_id = %1").arg(member).toUtf8().constData());
    const qint64 alreadyIn = test::queryInt(book.path, QStringLiteral("SELECT count(*) FROM account_team WHERE team_member_id = %1 AND account_id BETWEEN %2 AND %3")
                                                           .arg(member).arg(ids.front()).arg(ids.back()).toUtf8().constData());
    QList<qint64> range;
    for (qint64 id = ids.front(); id <= ids.back(); ++id)
        range << id;
    const qint64 expected = range.size() - alreadyIn;
    REQUIRE(expected > 0);
    // Assignment rows take fresh ids from an AUTOINCREMENT sequence, which SQLite never hands
    // out twice: undo leaves the sequence where it got to, so it is not compared.
    const QStringList skip{QStringLiteral("change_log"), QStringLiteral("sqlite_sequence")};
    const QStringList before = test::dumpTables(book.path, skip);
    const RecordedChange change = book.portfolio->record([&] { CHECK(assignMember(*book.portfolio, range, member).size() == expected); });
    const QStringList assigned = test::dumpTables(book.path, skip);
    CHECK(assigned.size() == before.size() + expected);
    book.portfolio->revert(change);
    CHECK(difference(before, test::dumpTables(book.path, skip)) == QStringList());
    CHECK(test::queryInt(book.path, QStringLiteral("SELECT count(*) FROM account_team WHERE team_member_id = %1").arg(member).toUtf8().constData()) == assignedBefore);
    // Asked again for accounts already so, nothing is written.
    CHECK(accounts.setTier(ids, std::nullopt, {}).isEmpty());
}

TEST_CASE("A bulk tier move or assignment that fails half-way writes nothing", "[services][bulk]")
{
    Book book;
    const qint64 first = book.pick("SELECT min(id) FROM accounts");
    const qint64 member = book.pick("SELECT id FROM team_members ORDER BY id LIMIT 1");
    QList<qint64> ids;
    for (qint64 id = first; id < first + 10; ++id)
        ids << id;
    // The file itself refuses the 6th account, after five were written.
    book.portfolio.reset();
    test::execSqlite(book.path, QStringLiteral("CREATE TRIGGER refuse_update BEFORE UPDATE ON accounts WHEN NEW.id = %1 BEGIN SELECT RAISE(ABORT, 'refused'); END;"
                                               "CREATE TRIGGER refuse_assign BEFORE INSERT ON account_team WHEN NEW.account_id = %1 BEGIN SELECT RAISE(ABORT, 'refused'); END;"
                                               "DELETE FROM account_team WHERE team_member_id = %2 AND account_id BETWEEN %3 AND %1;")
                                    .arg(first + 5).arg(member).arg(first).toUtf8().constData());
    book.portfolio = Portfolio::open(book.path);
    const QStringList before = test::dumpTables(book.path);
    AccountService accounts(*book.portfolio);
    CHECK_THROWS_AS(accounts.setTier(ids, domain::Tier::Tier2, QStringLiteral("Strategic")), storage::StorageError);
    CHECK(difference(before, test::dumpTables(book.path)) == QStringList());
    CHECK_THROWS_AS(assignMember(*book.portfolio, ids, member), storage::StorageError);
    CHECK(difference(before, test::dumpTables(book.path)) == QStringList());
    // Refused before writing: no reason for a tier set by hand, a member or account that is not there.
    CHECK_THROWS_AS(accounts.setTier(ids, domain::Tier::Tier2, QStringLiteral("  ")), ValidationError);
    CHECK_THROWS_AS(assignMember(*book.portfolio, ids, 999999), ValidationError);
    CHECK_THROWS_AS(assignMember(*book.portfolio, {first, 999999}, member), ValidationError);
    CHECK_THROWS_AS(accounts.setTier({first, 999999}, domain::Tier::Tier2, QStringLiteral("Strategic")), storage::StorageError);
    CHECK(difference(before, test::dumpTables(book.path)) == QStringList());
}

TEST_CASE("An undo whose rows changed since is refused whole, naming the table, and writes nothing", "[services][undo]")
{
    Book book;
    const qint64 id = book.pick("SELECT min(id) FROM accounts");
    AccountService accounts(*book.portfolio);
    const domain::Account was = *book.portfolio->accounts().byId(id);
    const RecordedChange change = book.portfolio->record([&] { accounts.remove({id}); });
    // Something else takes the deleted account's name meanwhile (an import, another tool).
    domain::Account other;
    other.name = was.name;
    accounts.create(other);
    const QStringList before = test::dumpTables(book.path, kHistory);
    try {
        book.portfolio->revert(change);
        FAIL("the undo was not refused");
    } catch (const storage::StorageError &e) {
        CHECK(e.message().contains(QStringLiteral("cannot be undone")));
        CHECK(e.message().contains(QStringLiteral("Nothing was changed")));
    }
    CHECK(difference(before, test::dumpTables(book.path, kHistory)) == QStringList());
}

TEST_CASE("Save a Copy As never replaces a portfolio open elsewhere, and keeps a closed one it replaces", "[services][copy]")
{
    Book book;
    test::TempDir other;
    const QString target = other.file(QStringLiteral("target.keystone"));
    {
        DemoOptions o;
        o.accounts = 5;
        o.seed = 3;
        o.today = QDate(2026, 6, 15);
        generateDemo(target, o);
    }
    const QByteArray before = test::fileHash(target);
    {
        auto open = Portfolio::open(target); // open in another window
        try {
            book.portfolio->saveCopyAs(target);
            FAIL("a portfolio open elsewhere was replaced");
        } catch (const storage::StorageError &e) {
            CHECK(e.message().contains(QStringLiteral("is open in Keystone")));
        }
        CHECK(open->accounts().count() == 5); // still whole under the other window
    }
    CHECK(test::fileHash(target) == before);
    // Closed: replaced by the copy, and kept whole beside it.
    const QString kept = book.portfolio->saveCopyAs(target);
    REQUIRE_FALSE(kept.isEmpty());
    CHECK(test::fileHash(kept) == before);
    CHECK(Portfolio::open(target)->accounts().count() == 40);
    // Its -wal or lock, a folder, and the open portfolio itself are refused.
    CHECK_THROWS_AS(book.portfolio->saveCopyAs(book.path), storage::StorageError);
    CHECK_THROWS_AS(book.portfolio->saveCopyAs(other.path()), storage::StorageError);
    test::writeFile(target + QStringLiteral("-wal"), QByteArrayLiteral("x"));
    CHECK_THROWS_AS(book.portfolio->saveCopyAs(target + QStringLiteral("-wal")), storage::StorageError);
}

TEST_CASE("An undo out of order puts back its own fields and leaves a later change to other fields, but never overwrites one to the same field",
          "[services][undo]")
{
    Book book;
    Portfolio &p = *book.portfolio;
    const qint64 id = book.pick("SELECT min(id) FROM accounts");
    const auto edit = [&](const std::function<void(domain::Account &)> &change) {
        return p.record([&] {
            auto a = p.accounts().byId(id);
            REQUIRE(a);
            change(*a);
            AccountService(p).update(*a);
        });
    };
    const domain::Account original = *p.accounts().byId(id);
    const QStringList before = test::dumpTables(book.path, kHistory);
    const RecordedChange notes = edit([](domain::Account &a) { a.notes = QStringLiteral("First step"); });
    const RecordedChange region = edit([](domain::Account &a) { a.region = QStringLiteral("Second step's region"); });
    // The first step undone first: its field comes back, the second step's stays.
    p.revert(notes);
    const domain::Account now = *p.accounts().byId(id);
    CHECK(now.notes == original.notes);
    CHECK(now.region == QStringLiteral("Second step's region"));
    p.revert(region);
    CHECK(difference(withoutTimes(before), withoutTimes(test::dumpTables(book.path, kHistory))) == QStringList());

    // A later change to the same field: refused, nothing written, the table says where.
    const RecordedChange mine = edit([](domain::Account &a) { a.notes = QStringLiteral("Mine"); });
    edit([](domain::Account &a) { a.notes = QStringLiteral("Later"); });
    const QStringList later = test::dumpTables(book.path, kHistory);
    CHECK_THROWS_WITH(p.revert(mine), Catch::Contains("cannot be undone") && Catch::Contains("table accounts"));
    CHECK(test::dumpTables(book.path, kHistory) == later);
}
