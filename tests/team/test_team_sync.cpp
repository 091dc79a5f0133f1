// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Sync between portfolio files and their team book on a real PostgreSQL (the throwaway
// cluster ctest starts; fixture TeamServer). Each test works in a database of its own. What
// the files hold is compared through plain SQL on the files, apart from Keystone's code; what
// the server refuses is tried with plain libpq as the person's own login, as psql would.
#include "teamtest.h"
#include "testsupport.h"

#include "keystone/demo/demogenerator.h"
#include "keystone/services/accountservice.h"
#include "keystone/services/healthservice.h"
#include "keystone/services/history.h"
#include "keystone/services/planservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/queries.h"
#include "keystone/services/relationshipservice.h"
#include "keystone/services/syncstore.h"
#include "keystone/services/validationerror.h"
#include "keystone/storage/exchangerepository.h"
#include "keystone/storage/planrepository.h"
#include "keystone/team/sync.h"
#include "keystone/team/teamserver.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>

#include <map>

using namespace keystone;
using teamtest::freshDatabase;
using teamtest::sql;

namespace {

// Every table of a portfolio file as plain SQL reads it, with each reference written as the
// uuid of the row it refers to (ids differ between files; uuids do not) and row ids left out:
// "table: v1|v2|...", sorted. The sync's own bookkeeping, the change history and the file's
// own identity are left out.
QStringList bookRows(const QString &path)
{
    const QString name = QStringLiteral("compare-%1").arg(QUuid::createUuid().toString(QUuid::Id128));
    QStringList out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        REQUIRE(db.open());
        QSqlQuery tables(db);
        REQUIRE(tables.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                           "AND name NOT IN ('change_log', 'sync_state', 'sync_base', 'sync_conflicts', 'sync_dirty', 'history_state')")));
        QStringList names;
        while (tables.next())
            names << tables.value(0).toString();
        for (const QString &table : names) {
            QSqlQuery info(db);
            REQUIRE(info.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table)));
            QStringList columns;
            bool hasUuid = false;
            while (info.next()) {
                columns << info.value(1).toString();
                hasUuid = hasUuid || info.value(1).toString() == QLatin1String("uuid");
            }
            std::map<QString, QString> refs; // column -> referenced table
            QSqlQuery fks(db);
            REQUIRE(fks.exec(QStringLiteral("PRAGMA foreign_key_list(%1)").arg(table)));
            while (fks.next())
                refs[fks.value(3).toString()] = fks.value(2).toString();
            QStringList select;
            for (const QString &c : columns) {
                if (c == QLatin1String("id"))
                    continue;
                const auto ref = refs.find(c);
                if (ref != refs.end())
                    select << QStringLiteral("(SELECT uuid FROM %1 r WHERE r.id = t.%2)").arg(ref->second, c);
                else
                    select << QStringLiteral("quote(t.%1)").arg(c);
            }
            QSqlQuery rows(db);
            const QString where = table == QLatin1String("settings") ? QStringLiteral(" WHERE key <> 'portfolio.uuid'") : QString();
            REQUIRE(rows.exec(QStringLiteral("SELECT %1 FROM %2 t%3").arg(select.join(QStringLiteral(", ")), table, where)));
            while (rows.next()) {
                QStringList values;
                for (int i = 0; i < rows.record().count(); ++i)
                    values << rows.value(i).toString();
                out << table + QStringLiteral(": ") + values.join(QLatin1Char('|'));
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    out.sort();
    return out;
}

// A team book on a fresh database: schema made, `path` published into it by the admin.
struct Book {
    QString url;
    test::TempDir dir;
    QString lead;
    explicit Book(int accounts = 12)
    {
        url = freshDatabase();
        team::initServer(url);
        lead = dir.file(QStringLiteral("lead.keystone"));
        demo::DemoOptions o;
        o.accounts = accounts;
        o.seed = 7;
        o.today = QDate(2026, 5, 14);
        demo::generateDemo(lead, o);
        auto p = services::Portfolio::open(lead);
        team::SyncOptions so;
        so.server = url;
        const team::SyncReport r = team::syncPortfolio(*p, so);
        REQUIRE(r.kind == team::SyncReport::Kind::Published);
    }
    // A laptop's file taken from the book (first pull) as `login`.
    QString laptop(const QString &name, const QString &login = QStringLiteral("keystone_admin"))
    {
        const QString path = dir.file(name + QStringLiteral(".keystone"));
        auto p = services::Portfolio::create(path);
        team::SyncOptions so;
        so.server = teamtest::asLogin(url, login);
        const team::SyncReport r = team::syncPortfolio(*p, so);
        REQUIRE(r.kind == team::SyncReport::Kind::FirstPull);
        return path;
    }
};

team::SyncReport syncFile(const QString &path)
{
    auto p = services::Portfolio::open(path);
    return team::syncPortfolio(*p);
}

domain::Account accountNamed(const QString &path, const QString &name)
{
    auto p = services::Portfolio::open(path);
    const auto a = services::query::accountNamed(*p, name);
    REQUIRE(a);
    return *a;
}

void editAccount(const QString &path, const QString &name, const std::function<void(domain::Account &)> &edit)
{
    auto p = services::Portfolio::open(path);
    auto a = services::query::accountNamed(*p, name);
    REQUIRE(a);
    edit(*a);
    services::AccountService(*p).update(*a);
}

// The stored health scores of a file, every row.
QStringList healthRows(const QString &file)
{
    QStringList rows;
    for (const QString &line : test::dumpTables(file, {}))
        if (line.startsWith(QLatin1String("health_scores")))
            rows << line;
    return rows;
}

// The independent route to health: every account rescored from what the file holds now.
void rescoredInFull(const QString &file)
{
    auto p = services::Portfolio::open(file);
    QList<qint64> all;
    for (const auto &acc : services::query::accounts(*p))
        all << acc.id;
    services::HealthService(*p).recomputeAccounts(all);
}

QStringList accountNames(const QString &path)
{
    auto p = services::Portfolio::open(path);
    QStringList names;
    for (const auto &a : services::query::accounts(*p))
        names << a.name;
    names.sort();
    return names;
}

} // namespace

TEST_CASE("Publishing a portfolio and taking it into a new file gives two identical books", "[team][sync]")
{
    Book book(25);
    const QString laptop = book.laptop(QStringLiteral("laptop"));
    const QStringList lead = bookRows(book.lead);
    REQUIRE(lead.size() > 1000);
    CHECK(bookRows(laptop) == lead);
    // The server holds every entity once, readable with plain SQL.
    CHECK(sql(book.url, QStringLiteral("SELECT count(*) FROM keystone.accounts")) == QStringList{QStringLiteral("25")});
    CHECK(sql(book.url, QStringLiteral("SELECT count(*) FROM keystone.contacts"))
          == QStringList{QString::number(test::queryInt(book.lead, "SELECT count(*) FROM contacts"))});
    // A sync with nothing to do changes nothing on either side.
    const team::SyncReport again = syncFile(laptop);
    CHECK(again.pushedTotal() == 0);
    CHECK(again.pulledTotal() == 0);
    CHECK(bookRows(laptop) == lead);
    // The file remembers the server without a password and is bound to the book.
    auto p = services::Portfolio::open(laptop);
    const auto binding = services::SyncStore(*p).binding();
    REQUIRE(binding);
    CHECK(binding->server == team::displayUrl(book.url));
    CHECK(binding->position == sql(book.url, QStringLiteral("SELECT max(change_no) FROM keystone.changes")).value(0).toLongLong());
}

TEST_CASE("Edits made on two laptops both arrive on both", "[team][sync]")
{
    Book book;
    const QString a = book.laptop(QStringLiteral("a"));
    const QString b = book.laptop(QStringLiteral("b"));
    const QStringList names = accountNames(a);
    REQUIRE(names.size() == 12);
    editAccount(a, names[0], [](domain::Account &x) { x.notes = QStringLiteral("Seen by A"); });
    editAccount(b, names[1], [](domain::Account &x) { x.industry = QStringLiteral("Industry from B"); });
    {
        auto p = services::Portfolio::open(b);
        services::AccountService(*p).remove({accountNamed(b, names[2]).id});
    }
    const team::SyncReport ra = syncFile(a);
    CHECK(ra.pushed.at(QStringLiteral("accounts")) == 1);
    const team::SyncReport rb = syncFile(b);
    CHECK(rb.pulled.at(QStringLiteral("accounts")) == 1);
    CHECK(rb.conflicts.empty());
    syncFile(a);
    for (const QString &file : {a, b}) {
        CHECK(accountNamed(file, names[0]).notes == QStringLiteral("Seen by A"));
        CHECK(accountNamed(file, names[1]).industry == QStringLiteral("Industry from B"));
        CHECK_FALSE(accountNames(file).contains(names[2]));
    }
    CHECK(bookRows(a) == bookRows(b));
    // The teammate's name is on the pulled change in the history.
    const qint64 attributed = test::queryInt(b, "SELECT count(*) FROM change_log WHERE changed_by <> ''");
    CHECK(attributed >= 1);
}

TEST_CASE("A QBR's written summary and what is shared with the customer travel between laptops", "[team][sync]")
{
    Book book;
    const QString a = book.laptop(QStringLiteral("a"));
    const QString b = book.laptop(QStringLiteral("b"));
    const domain::Account account = accountNamed(a, accountNames(a).front());
    qint64 actionId = 0;
    {
        auto p = services::Portfolio::open(a);
        services::PlanService plans(*p);
        domain::QbrSummary s;
        s.accountId = account.id;
        s.quarter = QStringLiteral("2026Q2");
        s.highlights = {QStringLiteral("Field app live in all depots")};
        s.lowlights = {QStringLiteral("Two failed nightly syncs")};
        plans.setQbrSummary(s);
        domain::PlanAction x;
        x.accountId = account.id;
        x.what = QStringLiteral("Run the joint workshop");
        x.shared = true;
        actionId = plans.add(x).id;
    }
    const team::SyncReport ra = syncFile(a);
    CHECK(ra.pushed.at(QStringLiteral("qbr_summaries")) == 1);
    CHECK(sql(book.url, QStringLiteral("SELECT data->>'highlights' FROM keystone.qbr_summaries")) == QStringList{QStringLiteral("Field app live in all depots")});
    syncFile(b);
    {
        auto p = services::Portfolio::open(b);
        const auto s = services::PlanService(*p).qbrSummary(accountNamed(b, account.name).id, QStringLiteral("2026Q2"));
        REQUIRE(s);
        CHECK(s->highlights == QStringList{QStringLiteral("Field app live in all depots")});
        CHECK(s->lowlights == QStringList{QStringLiteral("Two failed nightly syncs")});
    }
    CHECK(test::queryInt(b, "SELECT count(*) FROM plan_actions WHERE what = 'Run the joint workshop' AND shared = 1") == 1);
    // Unsharing on B reaches A.
    {
        auto p = services::Portfolio::open(b);
        const qint64 id = test::queryInt(b, "SELECT id FROM plan_actions WHERE what = 'Run the joint workshop'");
        auto x = p->plan().item<domain::PlanAction>(id);
        REQUIRE(x);
        x->shared = false;
        services::PlanService(*p).update(*x);
    }
    syncFile(b);
    syncFile(a);
    {
        auto p = services::Portfolio::open(a);
        CHECK_FALSE(p->plan().item<domain::PlanAction>(actionId)->shared);
    }
    CHECK(bookRows(a) == bookRows(b));
}

TEST_CASE("The same field changed on both: one conflict, both values kept, and resolving it syncs the choice", "[team][sync]")
{
    Book book;
    const QString a = book.laptop(QStringLiteral("a"));
    const QString b = book.laptop(QStringLiteral("b"));
    const QString name = accountNames(a).at(3);
    editAccount(a, name, [](domain::Account &x) { x.notes = QStringLiteral("Notes from A"); });
    editAccount(b, name, [](domain::Account &x) {
        x.notes = QStringLiteral("Notes from B");
        x.region = QStringLiteral("Region from B");
    });
    syncFile(a);
    const team::SyncReport rb = syncFile(b);
    REQUIRE(rb.conflicts.size() == 1);
    const services::SyncConflict c = rb.conflicts.front();
    CHECK(c.table == QStringLiteral("accounts"));
    CHECK(c.field == QStringLiteral("notes"));
    CHECK(c.mine == QStringLiteral("\"Notes from B\""));
    CHECK(c.theirs == QStringLiteral("\"Notes from A\""));
    CHECK(c.kept == QStringLiteral("theirs"));
    CHECK(c.account == name);
    // The value that reached the server first stands everywhere; B's other field went through.
    syncFile(a);
    for (const QString &file : {a, b}) {
        CHECK(accountNamed(file, name).notes == QStringLiteral("Notes from A"));
        CHECK(accountNamed(file, name).region == QStringLiteral("Region from B"));
    }
    {
        auto p = services::Portfolio::open(b);
        services::SyncStore store(*p);
        REQUIRE(store.conflicts().size() == 1);
        store.resolve(c.id, true);
        CHECK(store.conflicts().empty());
        CHECK_THROWS_AS(store.resolve(c.id, true), services::ValidationError);
    }
    CHECK(accountNamed(b, name).notes == QStringLiteral("Notes from B"));
    CHECK(syncFile(b).conflicts.empty());
    syncFile(a);
    CHECK(accountNamed(a, name).notes == QStringLiteral("Notes from B"));
    CHECK(bookRows(a) == bookRows(b));
}

TEST_CASE("Deleted on one laptop and edited on the other: the edit wins and is reported", "[team][sync]")
{
    Book book;
    const QString a = book.laptop(QStringLiteral("a"));
    const QString b = book.laptop(QStringLiteral("b"));
    const QStringList names = accountNames(a);
    // A removes an account with everything under it; B edits it.
    {
        auto p = services::Portfolio::open(a);
        services::AccountService(*p).remove({accountNamed(a, names[4]).id});
    }
    editAccount(b, names[4], [](domain::Account &x) { x.notes = QStringLiteral("Still ours"); });
    // The other way round for a contact: B removes it, A edits it first.
    QString contactUuid;
    {
        auto p = services::Portfolio::open(a);
        const auto contacts = services::query::contacts(*p, accountNamed(a, names[5]).id);
        REQUIRE_FALSE(contacts.empty());
        domain::Contact edited = contacts.front();
        contactUuid = edited.uuid;
        edited.title = QStringLiteral("Title from A");
        services::RelationshipService(*p).updateContact(edited);
    }
    {
        auto p = services::Portfolio::open(b);
        const auto contacts = services::query::contacts(*p, accountNamed(b, names[5]).id);
        const auto it = std::find_if(contacts.begin(), contacts.end(), [&](const auto &x) { return x.uuid == contactUuid; });
        REQUIRE(it != contacts.end());
        services::RelationshipService(*p).removeContact(it->id);
    }
    const qint64 contactsOfAccount = test::queryInt(a, "SELECT count(*) FROM contacts");
    syncFile(a); // pushes the removal of the account and the contact's title
    const team::SyncReport rb = syncFile(b);
    // B edited the account A removed: it comes back, whole; B removed the contact A edited:
    // the edit wins, the contact stays.
    int deletedThere = 0;
    int deletedHere = 0;
    for (const auto &c : rb.conflicts) {
        UNSCOPED_INFO(c.label << " of " << c.account << " / " << names[4] << " / " << names[5] << ": " << c.reason << " mine " << c.mine << " theirs " << c.theirs.left(200));
        deletedThere += c.reason.startsWith(QStringLiteral("deleted there")) ? 1 : 0;
        deletedHere += c.reason.startsWith(QStringLiteral("deleted here")) ? 1 : 0;
    }
    CHECK(deletedThere == 1);
    CHECK(deletedHere == 1);
    syncFile(a);
    for (const QString &file : {a, b}) {
        INFO(file.toStdString());
        CHECK(accountNames(file).contains(names[4]));
        CHECK(accountNamed(file, names[4]).notes == QStringLiteral("Still ours"));
        CHECK(test::queryInt(file, QStringLiteral("SELECT count(*) FROM contacts WHERE uuid = '%1' AND title = 'Title from A'")
                                       .arg(contactUuid).toUtf8().constData()) == 1);
    }
    CHECK(test::queryInt(a, "SELECT count(*) FROM contacts") == contactsOfAccount + test::queryInt(a, QStringLiteral(
        "SELECT count(*) FROM contacts WHERE account_id = (SELECT id FROM accounts WHERE name = '%1')").arg(names[4]).toUtf8().constData()));
    CHECK(bookRows(a) == bookRows(b));
}

TEST_CASE("The server enforces the roles: an am changes only their own accounts, a viewer nothing, through psql as through Keystone", "[team][sync]")
{
    Book book;
    const QString suffix = QUuid::createUuid().toString(QUuid::Id128).left(8);
    const QString am = QStringLiteral("am_") + suffix;
    const QString viewer = QStringLiteral("viewer_") + suffix;
    sql(book.url, QStringLiteral("CREATE ROLE %1 LOGIN").arg(am));
    sql(book.url, QStringLiteral("CREATE ROLE %1 LOGIN").arg(viewer));
    // The am is the team member who owns the most accounts.
    const QStringList owner = sql(book.url, QStringLiteral("SELECT t.data->>'name' FROM keystone.team_members t JOIN keystone.accounts a "
                                                           "ON a.data->>'owner' = t.key GROUP BY t.key, t.data ORDER BY count(*) DESC, t.key LIMIT 1"));
    REQUIRE(owner.size() == 1);
    team::grantMember(book.url, am, owner[0], team::Role::Am);
    team::grantMember(book.url, viewer, QStringLiteral("Someone Else"), team::Role::Viewer);
    const QString amUrl = teamtest::asLogin(book.url, am);
    const QString viewerUrl = teamtest::asLogin(book.url, viewer);
    const QString ownedBy = QStringLiteral("(SELECT key FROM keystone.team_members WHERE data->>'name' = '%1')").arg(owner[0]);

    // Through psql: an own account may change, another's may not (not even seen for writing),
    // nor may anything be filed under another's account or the whole book.
    CHECK(teamtest::tryExec(amUrl, QStringLiteral("UPDATE keystone.accounts SET data = jsonb_set(data, '{notes}', '\"mine\"') "
                                                  "WHERE data->>'owner' = %1").arg(ownedBy)).isEmpty());
    CHECK(sql(book.url, QStringLiteral("SELECT count(*) FROM keystone.accounts WHERE data->>'notes' = 'mine'")).value(0).toInt() > 0);
    CHECK(teamtest::tryExec(amUrl, QStringLiteral("UPDATE keystone.accounts SET data = jsonb_set(data, '{notes}', '\"theirs\"') "
                                                  "WHERE data->>'owner' <> %1").arg(ownedBy)).isEmpty());
    CHECK(sql(book.url, QStringLiteral("SELECT count(*) FROM keystone.accounts WHERE data->>'notes' = 'theirs'")) == QStringList{QStringLiteral("0")});
    CHECK(teamtest::tryExec(amUrl, QStringLiteral("UPDATE keystone.accounts SET data = jsonb_set(data, '{owner}', to_jsonb(%1)) "
                                                  "WHERE data->>'owner' <> %1").arg(ownedBy)).isEmpty());
    CHECK(sql(book.url, QStringLiteral("SELECT count(*) FROM keystone.accounts WHERE data->>'owner' = %1").arg(ownedBy))
          == sql(book.url, QStringLiteral("SELECT count(*) FROM keystone.accounts WHERE data->>'notes' = 'mine'")));
    CHECK(teamtest::tryExec(amUrl, QStringLiteral("INSERT INTO keystone.risks (key, data) SELECT gen_random_uuid()::text, "
                                                  "jsonb_set(data, '{uuid}', to_jsonb(gen_random_uuid()::text)) FROM keystone.risks "
                                                  "WHERE account_uuid IN (SELECT key FROM keystone.accounts WHERE data->>'owner' <> %1) LIMIT 1")
                                       .arg(ownedBy))
              .contains(QStringLiteral("row-level security")));
    CHECK(teamtest::tryExec(amUrl, QStringLiteral("UPDATE keystone.settings SET data = data")).isEmpty());
    CHECK(sql(book.url, QStringLiteral("SELECT count(*) FROM keystone.changes WHERE kind = 'settings' AND change_no > "
                                       "(SELECT min(change_no) FROM keystone.changes WHERE login = '%1')").arg(am)) == QStringList{QStringLiteral("0")});
    CHECK(teamtest::tryExec(amUrl, QStringLiteral("INSERT INTO keystone.changes VALUES (0, 'x', 'y', NULL, 'upsert', NULL, 'me', 'me', now())"))
              .contains(QStringLiteral("permission denied")));
    CHECK(teamtest::tryExec(viewerUrl, QStringLiteral("UPDATE keystone.accounts SET data = data")).contains(QStringLiteral("permission denied")));
    CHECK(teamtest::tryExec(viewerUrl, QStringLiteral("DELETE FROM keystone.risks")).contains(QStringLiteral("permission denied")));
    CHECK(teamtest::tryExec(viewerUrl, QStringLiteral("SELECT count(*) FROM keystone.accounts")).isEmpty());

    // Through Keystone: the same rights. The am's change to another's account is refused,
    // listed, and the laptop goes back to the server's value; their own goes through.
    const QString laptop = book.laptop(QStringLiteral("am"), am);
    QString own;
    QString other;
    {
        auto p = services::Portfolio::open(laptop);
        const auto member = services::query::memberNamed(*p, owner[0]);
        REQUIRE(member);
        for (const auto &x : services::query::accounts(*p))
            (x.ownerId == member->id ? own : other) = x.name;
    }
    REQUIRE_FALSE(own.isEmpty());
    REQUIRE_FALSE(other.isEmpty());
    const QString otherNotes = accountNamed(laptop, other).notes;
    editAccount(laptop, own, [](domain::Account &x) { x.notes = QStringLiteral("Own note"); });
    editAccount(laptop, other, [](domain::Account &x) { x.notes = QStringLiteral("Not mine to write"); });
    const team::SyncReport r = syncFile(laptop);
    CHECK(r.role == team::Role::Am);
    CHECK(r.pushed.at(QStringLiteral("accounts")) == 1);
    for (const auto &c : r.conflicts)
        UNSCOPED_INFO(c.label << " " << c.field << " " << c.reason << " mine " << c.mine.left(200) << " theirs " << c.theirs.left(200));
    REQUIRE(r.conflicts.size() == 1);
    CHECK(r.conflicts.front().reason.startsWith(QStringLiteral("refused: ")));
    CHECK(r.conflicts.front().account == other);
    CHECK(accountNamed(laptop, other).notes == otherNotes);
    CHECK(accountNamed(laptop, own).notes == QStringLiteral("Own note"));
    CHECK(sql(book.url, QStringLiteral("SELECT data->>'notes' FROM keystone.accounts WHERE data->>'name' = '%1'").arg(own))
          == QStringList{QStringLiteral("Own note")});

    // A viewer's laptop converges to the server too.
    const QString viewing = book.laptop(QStringLiteral("viewer"), viewer);
    editAccount(viewing, own, [](domain::Account &x) { x.notes = QStringLiteral("Viewer wrote"); });
    const team::SyncReport rv = syncFile(viewing);
    CHECK(rv.pushedTotal() == 0);
    CHECK(rv.conflicts.size() == 1);
    CHECK(accountNamed(viewing, own).notes == QStringLiteral("Own note"));
}

TEST_CASE("sync refuses another book, a file that is not the book's, and an empty server for a new file, changing nothing", "[team][sync]")
{
    Book book;
    Book other;
    const test::TempDir dir;
    // The lead's file belongs to `book`: syncing it with `other` is refused.
    const QByteArray before = test::fileHash(book.lead);
    const test::ProgramRun wrongBook = test::runCli({QStringLiteral("sync"), book.lead, QStringLiteral("--server"), other.url});
    CHECK(wrongBook.code == 1);
    CHECK(wrongBook.err.contains(QStringLiteral("belongs to another team book")));
    // A portfolio of its own, bound to nothing, into a server that holds a book: refused.
    const QString own = dir.file(QStringLiteral("own.keystone"));
    REQUIRE(test::runCli({QStringLiteral("demo"), QStringLiteral("--out"), own, QStringLiteral("--accounts"), QStringLiteral("3")}).code == 0);
    const test::ProgramRun notBound = test::runCli({QStringLiteral("sync"), own, QStringLiteral("--server"), book.url});
    CHECK(notBound.code == 1);
    CHECK(notBound.err.contains(QStringLiteral("already holds a team book")));
    // A new file from an empty server: refused, and no file is left behind.
    const QString empty = freshDatabase();
    team::initServer(empty);
    const QString fresh = dir.file(QStringLiteral("fresh.keystone"));
    const test::ProgramRun nothing = test::runCli({QStringLiteral("sync"), fresh, QStringLiteral("--server"), empty});
    CHECK(nothing.code == 1);
    CHECK(nothing.err.contains(QStringLiteral("is empty")));
    CHECK_FALSE(QFile::exists(fresh));
    // No server and none remembered: a usage error.
    const test::ProgramRun noServer = test::runCli({QStringLiteral("sync"), dir.file(QStringLiteral("none.keystone"))});
    CHECK(noServer.code == 2);
    // The JSON of a sync carries the contract's fields.
    const test::ProgramRun ok = test::runCli({QStringLiteral("sync"), book.lead, QStringLiteral("--json")});
    INFO(ok.err.toStdString());
    REQUIRE(ok.code == 0);
    for (const char *field : {"\"pushed\"", "\"pulled\"", "\"conflicts\"", "\"server_position\"", "\"duration_ms\""})
        CHECK(ok.out.contains(QLatin1String(field)));
    CHECK(before.size() > 0);
}

TEST_CASE("The change tracking finds exactly what a full comparison with the agreed book finds", "[team][sync]")
{
    Book book;
    const QString laptop = book.laptop(QStringLiteral("laptop"));
    {
        auto p = services::Portfolio::open(laptop);
        services::SyncStore store(*p);
        store.beginChanges();
        for (const storage::ExchangeTable *t : services::SyncStore::tables())
            CHECK(store.localChanges(*t).empty());
    }
    // Edits of many kinds: fields, a removal with its cascades (a contact others report to),
    // an activity with participants, an account with everything under it, a setting.
    {
        auto p = services::Portfolio::open(laptop);
        const auto accounts = services::query::accounts(*p);
        services::AccountService svc(*p);
        auto a = accounts[0];
        a.notes = QStringLiteral("Tracked");
        svc.update(a);
        services::RelationshipService rel(*p);
        const auto contacts = services::query::contacts(*p, accounts[1].id);
        REQUIRE(contacts.size() >= 2);
        rel.removeContact(contacts.front().id);
        domain::Activity act;
        act.accountId = accounts[2].id;
        act.date = QDate(2026, 5, 1);
        act.summary = QStringLiteral("Tracked meeting");
        for (const auto &c : services::query::contacts(*p, accounts[2].id))
            act.contactIds.push_back(c.id);
        rel.createActivity(act);
        svc.remove({accounts[3].id});
    }
    test::execSqlite(laptop, "UPDATE settings SET value = '45' WHERE key = 'cadence.tier1.internal_review_days'");
    auto p = services::Portfolio::open(laptop);
    services::SyncStore store(*p);
    store.beginChanges();
    int changed = 0;
    for (const storage::ExchangeTable *t : services::SyncStore::tables()) {
        INFO(t->table.toStdString());
        auto keys = [](const std::vector<services::LocalChange> &list) {
            QStringList out;
            for (const auto &c : list)
                out << c.key + (c.deleted ? QStringLiteral(" deleted") : QString());
            out.sort();
            return out;
        };
        const QStringList tracked = keys(store.localChanges(*t));
        const QStringList full = keys(store.localChanges(*t, {}, true));
        CHECK(tracked == full);
        changed += int(full.size());
    }
    CHECK(changed > 20);
    // The window's "N changes waiting" counts the same, from the marks alone.
    CHECK(store.pendingCount() == changed);
}

TEST_CASE("Undo never overwrites a teammate's newer change: it is refused naming who changed it", "[team][sync][undo]")
{
    Book book;
    const QString suffix = QUuid::createUuid().toString(QUuid::Id128).left(8);
    const QString leadLogin = QStringLiteral("lead_") + suffix;
    sql(book.url, QStringLiteral("CREATE ROLE %1 LOGIN").arg(leadLogin));
    team::grantMember(book.url, leadLogin, QStringLiteral("Dana Lead"), team::Role::Lead);
    const QString mine = book.laptop(QStringLiteral("mine"));
    const QString theirs = book.laptop(QStringLiteral("theirs"), leadLogin);
    const QStringList names = accountNames(mine);
    const QString name = names.at(2);
    const QString other = names.at(5);

    auto p = services::Portfolio::open(mine);
    const auto editNotes = [&](const QString &account, const QString &notes) {
        return p->record([&] {
            auto a = services::query::accountNamed(*p, account);
            REQUIRE(a);
            a->notes = notes;
            services::AccountService(*p).update(*a);
        });
    };
    const services::RecordedChange notesStep = editNotes(name, QStringLiteral("Mine, then undone?"));
    const services::RecordedChange otherStep = editNotes(other, QStringLiteral("Mine on the other"));
    team::syncPortfolio(*p);

    syncFile(theirs);
    editAccount(theirs, name, [](domain::Account &x) { x.notes = QStringLiteral("The lead's newer notes"); });
    editAccount(theirs, other, [](domain::Account &x) { x.industry = QStringLiteral("The lead's industry"); });
    syncFile(theirs);
    team::syncPortfolio(*p);
    REQUIRE(services::query::accountNamed(*p, name)->notes == QStringLiteral("The lead's newer notes"));

    // The same field changed by the lead since: refused, the message names the lead and the
    // field, and not one row of the file changes.
    const QStringList before = bookRows(mine);
    QString refusal;
    try {
        p->revert(notesStep);
    } catch (const std::exception &e) {
        refusal = QString::fromUtf8(e.what());
    }
    INFO(refusal.toStdString());
    CHECK(refusal.contains(QStringLiteral("Dana Lead")));
    CHECK(refusal.contains(QStringLiteral("notes")));
    CHECK(refusal.contains(name));
    CHECK(refusal.contains(QStringLiteral("Nothing was changed")));
    CHECK(bookRows(mine) == before);
    // The History tab and `history` name the lead on the change that arrived.
    const auto history = services::loadHistory(*p, services::query::accountNamed(*p, name)->id);
    const auto byLead = std::find_if(history.cbegin(), history.cend(), [](const services::HistoryEntry &e) {
        return e.field == QLatin1String("notes") && e.after == QLatin1String("The lead's newer notes");
    });
    REQUIRE(byLead != history.cend());
    CHECK(byLead->changedBy == QStringLiteral("Dana Lead"));
    CHECK(history.front().changedBy == QStringLiteral("Dana Lead"));
    CHECK(std::any_of(history.cbegin(), history.cend(), [](const services::HistoryEntry &e) {
        return e.field == QLatin1String("notes") && e.after == QLatin1String("Mine, then undone?") && e.changedBy.isEmpty();
    }));

    // Another field of the same row changed by the lead: the undo goes through and keeps the
    // lead's change.
    p->revert(otherStep);
    const auto after = services::query::accountNamed(*p, other);
    REQUIRE(after);
    CHECK(after->notes == accountNamed(book.lead, other).notes);
    CHECK(after->industry == QStringLiteral("The lead's industry"));
}

TEST_CASE("A value on the server that Keystone cannot take is skipped and said, the file stays whole, and a fix arrives", "[team][sync]")
{
    Book book;
    const QString a = book.laptop(QStringLiteral("a"));
    const QString name = accountNames(a).at(1);
    const domain::Account before = accountNamed(a, name);
    const QString contact = test::queryText(a, QStringLiteral("SELECT c.uuid FROM contacts c JOIN accounts a ON a.id = c.account_id "
                                                              "WHERE a.uuid = '%1' ORDER BY c.id LIMIT 1").arg(before.uuid));
    REQUIRE_FALSE(contact.isEmpty());
    const QString contactTitle = test::queryText(a, QStringLiteral("SELECT title FROM contacts WHERE uuid = '%1'").arg(contact));
    // Written with psql by someone with the rights: text for an amount, a date that is none.
    sql(book.url, QStringLiteral("UPDATE keystone.accounts SET data = jsonb_set(data, '{arr_cents}', '\"lots\"') WHERE key = '%1'").arg(before.uuid));
    sql(book.url, QStringLiteral("UPDATE keystone.contacts SET data = jsonb_set(jsonb_set(data, '{departed_on}', '\"2026-02-30\"'), '{title}', "
                                 "'\"Head of Data\"') WHERE key = '%1'").arg(contact));
    const QStringList rowsBefore = bookRows(a);
    const team::SyncReport r = syncFile(a);
    REQUIRE(r.skipped.size() == 2);
    CHECK(r.skipped.join(QLatin1Char('\n')).contains(QStringLiteral("\"arr_cents\": must be a whole number, not text")));
    CHECK(r.skipped.join(QLatin1Char('\n')).contains(QStringLiteral("'2026-02-30' is not a date")));
    // Nothing of either entity changed here, and the file is whole.
    CHECK(bookRows(a) == rowsBefore);
    CHECK(accountNamed(a, name).arr.cents == before.arr.cents);
    CHECK(test::runCli({QStringLiteral("check"), a, QStringLiteral("--full")}).code == 0);

    // Fixed on the server, the entity arrives with the next sync.
    sql(book.url, QStringLiteral("UPDATE keystone.accounts SET data = jsonb_set(data, '{arr_cents}', '123400') WHERE key = '%1'").arg(before.uuid));
    sql(book.url, QStringLiteral("UPDATE keystone.contacts SET data = jsonb_set(data, '{departed_on}', 'null') WHERE key = '%1'").arg(contact));
    const team::SyncReport fixed = syncFile(a);
    CHECK(fixed.skipped.isEmpty());
    CHECK(accountNamed(a, name).arr.cents == 123400);
    CHECK(test::queryText(a, QStringLiteral("SELECT title FROM contacts WHERE uuid = '%1'").arg(contact)) == QStringLiteral("Head of Data"));
    CHECK(contactTitle != QStringLiteral("Head of Data"));
}

TEST_CASE("After a pull, every stored health score is what a full recompute gives, though notes alone are not rescored", "[team][sync][health]")
{
    Book book(40);
    const QString a = book.laptop(QStringLiteral("a"));
    const QStringList names = accountNames(book.lead);
    const auto pulledMatchesFull = [&] {
        const QStringList afterPull = healthRows(a);
        REQUIRE(afterPull.size() > 100);
        rescoredInFull(a);
        return healthRows(a) == afterPull;
    };

    // A scorecard for the Expansion phase that weighs support alone: every account in that
    // phase scores anew on every laptop.
    {
        auto p = services::Portfolio::open(book.lead);
        domain::Scorecard card;
        card.name = QStringLiteral("Expansion: support only");
        card.phase = domain::LifecyclePhase::Expansion;
        card.weights = {0, 0, 100, 0, 0, 0, 0};
        p->health().saveScorecard(card);
    }
    rescoredInFull(book.lead);
    syncFile(book.lead);
    CHECK(syncFile(a).pulled.at(QStringLiteral("scorecards")) == 1);
    CHECK(pulledMatchesFull());

    // An account moved into that phase scores under that card; notes alone move nothing.
    QString moved;
    for (const QString &n : names)
        if (accountNamed(book.lead, n).phase != domain::LifecyclePhase::Expansion) {
            moved = n;
            break;
        }
    REQUIRE_FALSE(moved.isEmpty());
    editAccount(book.lead, moved, [](domain::Account &x) { x.phase = domain::LifecyclePhase::Expansion; });
    for (int i = 0; i < 10; ++i)
        editAccount(book.lead, names[i], [i](domain::Account &x) { x.notes = QStringLiteral("Note %1").arg(i); });
    syncFile(book.lead);
    const QStringList before = healthRows(a);
    const team::SyncReport r = syncFile(a);
    CHECK(r.pulled.at(QStringLiteral("accounts")) >= 10);
    CHECK(pulledMatchesFull());
    CHECK(healthRows(a) != before); // the moved account's score did change
}

TEST_CASE("A sync scores pulled health outside its write, and scores again what the window changed meanwhile", "[team][sync][health]")
{
    Book book(30);
    const QString a = book.laptop(QStringLiteral("a"));
    const QStringList names = accountNames(book.lead);
    // The lead moves five accounts' growth rating (their tier, so their health); laptop a
    // syncs on a worker connection while `meanwhile` edits through the window's.
    int round = 0;
    const auto syncWhile = [&](const std::function<void(services::Portfolio &)> &meanwhile) {
        for (int i = 0; i < 5; ++i)
            editAccount(book.lead, names[round * 5 + i], [](domain::Account &x) { x.potentialRating = x.potentialRating % 5 + 1; });
        ++round;
        syncFile(book.lead);
        QStringList stored;
        {
            auto window = services::Portfolio::open(a);
            auto worker = services::Portfolio::openWorker(window->workerTicket());
            team::SyncOptions o;
            bool ran = false;
            o.betweenScoringAndStoring = [&] {
                meanwhile(*window);
                ran = true;
            };
            const team::SyncReport r = team::syncPortfolio(*worker, o);
            CHECK(r.pulled.at(QStringLiteral("accounts")) == 5);
            CHECK(ran);
        }
        stored = healthRows(a);
        REQUIRE(stored.size() > 50);
        rescoredInFull(a); // the independent route: every account scored from what the file holds
        return healthRows(a) == stored;
    };

    // The window records a bad support month for one of the accounts being rescored: the sync
    // must not store the score it computed before that.
    CHECK(syncWhile([&](services::Portfolio &window) {
        const auto acc = services::query::accountNamed(window, names[0]);
        REQUIRE(acc);
        domain::HealthInputs in;
        in.date = QDate::currentDate();
        in.sev1 = 9;
        in.sev2 = 20;
        services::HealthService(window).saveInputs(acc->id, in);
    }));
    // A note on another account reaches no pulled score.
    CHECK(syncWhile([&](services::Portfolio &window) {
        auto acc = services::query::accountNamed(window, names.back());
        REQUIRE(acc);
        acc->notes = QStringLiteral("Written while the sync scored");
        services::AccountService(window).update(*acc);
    }));
    // A scorecard saved meanwhile reaches every score.
    CHECK(syncWhile([&](services::Portfolio &window) {
        domain::Scorecard card;
        card.name = QStringLiteral("Support only, everywhere");
        card.phase = domain::LifecyclePhase::Nurture;
        card.weights = {0, 0, 100, 0, 0, 0, 0};
        services::HealthService(window).saveScorecard(card); // rescores every account as it saves
    }));
    // A sync that stops between its write and the scoring (killed, say) leaves the list of
    // accounts to score in the file, and the next sync, with nothing new to pull, scores them.
    for (int i = 0; i < 5; ++i)
        editAccount(book.lead, names[15 + i], [](domain::Account &x) { x.potentialRating = x.potentialRating % 5 + 1; });
    syncFile(book.lead);
    {
        auto p = services::Portfolio::open(a);
        team::SyncOptions o;
        o.betweenScoringAndStoring = [] { throw std::runtime_error("stopped between the write and the scores"); };
        CHECK_THROWS(team::syncPortfolio(*p, o));
    }
    CHECK(test::queryText(a, QStringLiteral("SELECT value FROM sync_state WHERE key = 'health_pending'")).count(QLatin1Char(',')) == 4);
    const QStringList stale = healthRows(a);
    // The independent route, on a copy: every account scored from what the file holds.
    const QString copy = book.dir.file(QStringLiteral("copy.keystone"));
    REQUIRE(QFile::copy(a, copy));
    rescoredInFull(copy);
    const QStringList full = healthRows(copy);
    CHECK(full != stale); // the five accounts' new scores were not stored
    CHECK(syncFile(a).pulledTotal() == 0);
    CHECK(healthRows(a) == full);
    CHECK(test::queryText(a, QStringLiteral("SELECT value FROM sync_state WHERE key = 'health_pending'")) == QStringLiteral("[]"));
}
