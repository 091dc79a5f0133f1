// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "testsupport.h"

#include "keystone/storage/accountrepository.h"
#include "keystone/storage/backups.h"
#include "keystone/storage/database.h"
#include "keystone/storage/migration.h"
#include "keystone/storage/storageerror.h"
#include "keystone/storage/transaction.h"

#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QDateTime>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlQuery>

#include <sqlite3.h>

#include <map>

using namespace keystone;
using storage::Database;
using storage::StorageError;

namespace {

domain::Account sampleAccount(const QString &name, qint64 cents = 100000)
{
    domain::Account a;
    a.name = name;
    a.arr = {cents, QStringLiteral("USD")};
    return a;
}

QString pragma(Database &db, const QString &name)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(QStringLiteral("PRAGMA %1").arg(name)));
    REQUIRE(q.next());
    return q.value(0).toString();
}

// A portfolio with a few accounts, closed again (WAL folded back into the file).
QString makePortfolio(const test::TempDir &dir, const QString &name, int accounts = 3)
{
    const QString path = dir.file(name);
    auto db = Database::create(path);
    storage::AccountRepository repo(*db);
    storage::Transaction tx(*db);
    for (int i = 0; i < accounts; ++i) {
        domain::Account a = sampleAccount(QStringLiteral("Account %1").arg(i));
        repo.insert(a);
    }
    tx.commit();
    return path;
}

StorageError::Code refusalOf(const QString &path)
{
    try {
        Database::open(path);
    } catch (const StorageError &e) {
        INFO(e.message());
        CHECK(e.message().contains(QFileInfo(path).fileName()));
        return e.code();
    }
    FAIL("the file was opened");
    return StorageError::Code::Io;
}

} // namespace

TEST_CASE("A new portfolio is a Keystone SQLite file set up for safety", "[storage]")
{
    test::TempDir dir;
    const QString path = dir.file(QStringLiteral("new.keystone"));
    auto db = Database::create(path);
    CHECK(db->schemaVersion() == Database::latestSchemaVersion());
    CHECK(pragma(*db, QStringLiteral("application_id")).toUInt() == Database::kApplicationId);
    CHECK(pragma(*db, QStringLiteral("journal_mode")) == QStringLiteral("wal"));
    CHECK(pragma(*db, QStringLiteral("foreign_keys")) == QStringLiteral("1"));
    CHECK(pragma(*db, QStringLiteral("busy_timeout")) == QStringLiteral("5000"));
    CHECK(QFileInfo(path).permissions() == (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser));
    CHECK_FALSE(db->isReadOnly());
    // The header says the same as the pragmas, read without SQLite.
    db.reset();
    const storage::FileHeader h = storage::readFileHeader(path);
    CHECK(h.isSqlite);
    CHECK(h.applicationId == Database::kApplicationId);
    CHECK(int(h.userVersion) == Database::latestSchemaVersion());
}

TEST_CASE("Create refuses to overwrite an existing file", "[storage]")
{
    test::TempDir dir;
    const QString path = dir.file(QStringLiteral("taken.keystone"));
    test::writeFile(path, "keep me");
    try {
        Database::create(path);
        FAIL("created over an existing file");
    } catch (const StorageError &e) {
        CHECK(e.code() == StorageError::Code::AlreadyExists);
    }
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    CHECK(f.readAll() == QByteArray("keep me"));
}

TEST_CASE("A creation that was cut off leaves nothing in the way of the next one", "[storage][reliability]")
{
    test::TempDir dir;
    const QString path = dir.file(QStringLiteral("new.keystone"));
    // What a kill during creation can leave: the half-made file under its building name (with
    // its log) and a lock file whose writer died before writing its process id into it.
    test::writeFile(path + QStringLiteral(".creating"), "half a header");
    test::writeFile(path + QStringLiteral(".creating-wal"), "half a log");
    test::writeFile(path + QStringLiteral(".lock"), "");
    {
        QFile lock(path + QStringLiteral(".lock"));
        REQUIRE(lock.open(QIODevice::ReadWrite));
        REQUIRE(lock.setFileTime(QDateTime::currentDateTime().addSecs(-60), QFileDevice::FileModificationTime));
    }
    auto db = Database::create(path);
    CHECK(db->schemaVersion() == Database::latestSchemaVersion());
    CHECK_FALSE(QFileInfo::exists(path + QStringLiteral(".creating")));
    CHECK_FALSE(QFileInfo::exists(path + QStringLiteral(".creating-wal")));
    db.reset();
    CHECK(storage::readFileHeader(path).applicationId == Database::kApplicationId);
    // While a creation is under way (its lock held), nothing appears under the name.
    QLockFile held(dir.file(QStringLiteral("busy.keystone.lock")));
    REQUIRE(held.tryLock(0));
    try {
        Database::create(dir.file(QStringLiteral("busy.keystone")));
        FAIL("created while another creator held the lock");
    } catch (const StorageError &e) {
        CHECK(e.message().contains(QStringLiteral("is creating or using")));
    }
    CHECK_FALSE(QFileInfo::exists(dir.file(QStringLiteral("busy.keystone"))));
}

TEST_CASE("A new portfolio never replays a log left by a deleted file of the same name", "[storage][reliability]")
{
    test::TempDir dir;
    const QString path = makePortfolio(dir, QStringLiteral("book.keystone"), 0);
    const QString savedLog = dir.file(QStringLiteral("saved-wal"));
    {
        // Three accounts that are still in the write-ahead log, not yet in the file.
        auto db = Database::open(path);
        storage::AccountRepository repo(*db);
        for (int i = 0; i < 3; ++i) {
            domain::Account a = sampleAccount(QStringLiteral("Deleted %1").arg(i));
            repo.insert(a);
        }
        REQUIRE(QFileInfo(path + QStringLiteral("-wal")).size() > 0);
        REQUIRE(QFile::copy(path + QStringLiteral("-wal"), savedLog));
    }
    // The file is deleted (a file manager, a killed demo's leftovers cleared by hand) and its
    // log is left behind.
    REQUIRE(QFile::remove(path));
    REQUIRE(QFile::copy(savedLog, path + QStringLiteral("-wal")));
    test::writeFile(path + QStringLiteral("-shm"), QByteArray(32768, '\0'));

    auto db = Database::create(path);
    storage::AccountRepository repo(*db);
    CHECK(repo.count() == 0); // nothing of the deleted portfolio
    CHECK(pragma(*db, QStringLiteral("quick_check")) == QStringLiteral("ok"));
    const QStringList aside = QDir(dir.path()).entryList({QStringLiteral("book.keystone-wal.orphaned-*")}, QDir::Files);
    REQUIRE(aside.size() == 1); // kept whole, beside it
    CHECK(test::fileHash(dir.file(aside.front())) == test::fileHash(savedLog));
}

TEST_CASE("Data survives closing and reopening", "[storage]")
{
    test::TempDir dir;
    const QString path = makePortfolio(dir, QStringLiteral("p.keystone"), 4);
    auto db = Database::open(path);
    storage::AccountRepository repo(*db);
    CHECK(repo.count() == 4);
    CHECK(repo.totalArrCents() == 400000);
    CHECK(db->migrationBackupPath().isEmpty()); // nothing to upgrade, so no backup
}

TEST_CASE("Refused files are named, explained and left byte-for-byte unchanged", "[storage]")
{
    test::TempDir dir;
    QString path;
    StorageError::Code expected{};

    SECTION("missing")
    {
        path = dir.file(QStringLiteral("missing.keystone"));
        CHECK(refusalOf(path) == StorageError::Code::NotFound);
        CHECK_FALSE(QFileInfo::exists(path));
        return;
    }
    SECTION("not SQLite at all")
    {
        path = dir.file(QStringLiteral("notes.keystone"));
        test::writeFile(path, QByteArray("Quarterly notes, not a database.\n").repeated(20));
        expected = StorageError::Code::NotSqlite;
    }
    SECTION("empty file")
    {
        path = dir.file(QStringLiteral("empty.keystone"));
        test::writeFile(path, QByteArray());
        expected = StorageError::Code::NotKeystone;
    }
    SECTION("an SQLite database of another application")
    {
        path = dir.file(QStringLiteral("other.keystone"));
        test::execSqlite(path, "PRAGMA application_id = 1234; CREATE TABLE t(x); INSERT INTO t VALUES (1);");
        expected = StorageError::Code::NotKeystone;
    }
    SECTION("an SQLite database with no application id")
    {
        path = dir.file(QStringLiteral("plain.keystone"));
        test::execSqlite(path, "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
        expected = StorageError::Code::NotKeystone;
    }
    SECTION("a portfolio from a newer schema version")
    {
        path = makePortfolio(dir, QStringLiteral("newer.keystone"));
        test::execSqlite(path, "PRAGMA user_version = 999;");
        expected = StorageError::Code::NewerSchema;
    }
    SECTION("a truncated portfolio")
    {
        path = makePortfolio(dir, QStringLiteral("truncated.keystone"), 200);
        QFile f(path);
        REQUIRE(f.resize(f.size() / 2));
        expected = StorageError::Code::Corrupt;
    }
    SECTION("a portfolio with a damaged page")
    {
        path = makePortfolio(dir, QStringLiteral("damaged.keystone"), 400);
        QFile f(path);
        REQUIRE(f.open(QIODevice::ReadWrite));
        const int pageSize = storage::readFileHeader(path).pageSize;
        REQUIRE(f.size() >= 6 * pageSize);
        // Scribble over the b-tree header of a page in the middle of the accounts table.
        REQUIRE(f.seek(qint64(pageSize) * 4));
        f.write(QByteArray(64, '\x5a'));
        f.close();
        expected = StorageError::Code::Corrupt;
    }
    const QByteArray before = test::fileHash(path);
    REQUIRE_FALSE(before.isEmpty());
    CHECK(refusalOf(path) == expected);
    CHECK(test::fileHash(path) == before);
    CHECK_FALSE(QFileInfo::exists(path + QStringLiteral("-wal")));
}

// A process killed during a checkpoint: SQLite copies the log's pages into the file in page
// order, page 1 (with the new page count) first, so the file is left shorter than its header
// says while the log still holds the rest. This is how the SIGKILL import test once found
// `check` refusing a whole file as truncated.
TEST_CASE("A file cut short by an interrupted checkpoint opens whole while its log holds the missing pages", "[storage][reliability]")
{
    test::TempDir dir;
    const QString path = makePortfolio(dir, QStringLiteral("live.keystone"), 3);
    const QString crash = dir.file(QStringLiteral("crash.keystone"));
    const QString crashWal = crash + QStringLiteral("-wal");
    {
        auto db = Database::open(path);
        QSqlQuery(db->connection()).exec(QStringLiteral("PRAGMA wal_autocheckpoint = 0"));
        storage::AccountRepository repo(*db);
        storage::Transaction tx(*db);
        for (int i = 0; i < 400; ++i) {
            domain::Account a = sampleAccount(QStringLiteral("Grown %1 %2").arg(i).arg(QString(200, QLatin1Char('x'))));
            repo.insert(a);
        }
        tx.commit();
        // The files as a crash right now would leave them: the new pages are only in the log.
        REQUIRE(QFile::copy(path, crash));
        REQUIRE(QFile::copy(path + QStringLiteral("-wal"), crashWal));
    }
    const storage::FileHeader before = storage::readFileHeader(crash);
    const storage::WalContents wal = storage::readWalContents(crashWal);
    REQUIRE(wal.pageSize == before.pageSize);
    REQUIRE(wal.committedPages > before.fileSize / before.pageSize);

    // The checkpoint's first write: the log's newest page 1 over the file's page 1.
    QByteArray page1;
    {
        QFile w(crashWal);
        REQUIRE(w.open(QIODevice::ReadOnly));
        REQUIRE(w.seek(32));
        while (true) {
            const QByteArray frame = w.read(24 + wal.pageSize);
            if (frame.size() < 24 + wal.pageSize)
                break;
            if (frame.startsWith(QByteArray("\0\0\0\1", 4)))
                page1 = frame.mid(24);
        }
    }
    REQUIRE(page1.size() == wal.pageSize);
    {
        QFile f(crash);
        REQUIRE(f.open(QIODevice::ReadWrite));
        REQUIRE(f.write(page1) == page1.size());
    }
    const storage::FileHeader cut = storage::readFileHeader(crash);
    REQUIRE(cut.pageCountValid);
    REQUIRE(cut.pageCount == wal.committedPages);
    REQUIRE(cut.fileSize < qint64(cut.pageCount) * cut.pageSize);
    CHECK(wal.holdsAll(quint32(cut.fileSize / cut.pageSize) + 1, cut.pageCount));

    auto refusal = [](const QString &file) {
        try {
            Database::open(file);
        } catch (const StorageError &e) {
            CHECK(e.code() == StorageError::Code::Corrupt);
            return e.message();
        }
        FAIL("the file was opened");
        return QString();
    };
    SECTION("with its log it opens with every committed row and checks clean")
    {
        auto db = Database::open(crash);
        CHECK(storage::AccountRepository(*db).count() == 403);
        CHECK(db->check(true).isEmpty());
        db.reset();
        // Closing finished the checkpoint: the file is now as long as its header says.
        const storage::FileHeader after = storage::readFileHeader(crash);
        CHECK(after.fileSize == qint64(after.pageCount) * after.pageSize);
    }
    SECTION("without its log it is refused as truncated, unchanged")
    {
        REQUIRE(QFile::remove(crashWal));
        const QByteArray hash = test::fileHash(crash);
        const QString message = refusal(crash);
        CHECK(message.contains(QStringLiteral("truncated")));
        CHECK(test::fileHash(crash) == hash);
    }
    SECTION("with a log whose first frame is damaged it is refused, both files unchanged")
    {
        {
            QFile w(crashWal);
            REQUIRE(w.open(QIODevice::ReadWrite));
            REQUIRE(w.seek(32 + 24 + 100));
            REQUIRE(w.write("\x5a\x5a\x5a\x5a", 4) == 4);
        }
        CHECK(storage::readWalContents(crashWal).pages.empty());
        const QByteArray hash = test::fileHash(crash), walHash = test::fileHash(crashWal);
        const QString message = refusal(crash);
        CHECK(message.contains(QStringLiteral("write-ahead log does not hold the missing pages")));
        CHECK(test::fileHash(crash) == hash);
        CHECK(test::fileHash(crashWal) == walHash);
    }
}

TEST_CASE("A second writer gets a read-only view with the reason", "[storage]")
{
    test::TempDir dir;
    const QString path = makePortfolio(dir, QStringLiteral("shared.keystone"));
    auto first = Database::open(path);
    REQUIRE_FALSE(first->isReadOnly());
    auto second = Database::open(path);
    CHECK(second->isReadOnly());
    CHECK(second->readOnlyReason().contains(QStringLiteral("another Keystone window")));
    CHECK_THROWS_AS(storage::Transaction(*second), StorageError);
    CHECK(storage::AccountRepository(*second).count() == 3); // reading still works
    second.reset();
    first.reset();
    // Once the writer is gone, the next open writes again.
    auto third = Database::open(path);
    CHECK_FALSE(third->isReadOnly());
}

TEST_CASE("A failure inside a transaction leaves no partial rows", "[storage]")
{
    test::TempDir dir;
    const QString path = makePortfolio(dir, QStringLiteral("tx.keystone"), 2);
    auto db = Database::open(path);
    storage::AccountRepository repo(*db);
    try {
        storage::Transaction tx(*db);
        for (int i = 0; i < 5; ++i) {
            domain::Account a = sampleAccount(QStringLiteral("Batch %1").arg(i));
            repo.insert(a);
        }
        domain::Account dup = sampleAccount(QStringLiteral("BATCH 0")); // same name, other case
        repo.insert(dup);
        tx.commit();
        FAIL("the duplicate was accepted");
    } catch (const StorageError &e) {
        CHECK(e.code() == StorageError::Code::Constraint);
    }
    CHECK(repo.count() == 2);
    CHECK_FALSE(repo.byName(QStringLiteral("Batch 0")));
}

TEST_CASE("Nested transactions roll back to their savepoint only", "[storage]")
{
    test::TempDir dir;
    auto db = Database::create(dir.file(QStringLiteral("nested.keystone")));
    storage::AccountRepository repo(*db);
    storage::Transaction outer(*db);
    domain::Account a = sampleAccount(QStringLiteral("Outer"));
    repo.insert(a);
    {
        storage::Transaction inner(*db);
        domain::Account b = sampleAccount(QStringLiteral("Inner"));
        repo.insert(b);
        // no commit: rolled back to the savepoint
    }
    outer.commit();
    CHECK(repo.count() == 1);
    CHECK(repo.byName(QStringLiteral("Outer")));
}

TEST_CASE("Foreign keys are enforced", "[storage]")
{
    test::TempDir dir;
    auto db = Database::create(dir.file(QStringLiteral("fk.keystone")));
    storage::AccountRepository repo(*db);
    domain::Account a = sampleAccount(QStringLiteral("Orphan"));
    a.ownerId = 4242; // no such team member
    try {
        repo.insert(a);
        FAIL("an account with a missing owner was stored");
    } catch (const StorageError &e) {
        CHECK(e.code() == StorageError::Code::Constraint);
        CHECK(e.message().contains(QStringLiteral("FOREIGN KEY")));
    }
    CHECK(repo.count() == 0);
}

TEST_CASE("Migrations back up first and a failing one leaves the old version intact", "[storage][migration]")
{
    test::TempDir dir;
    const QString path = makePortfolio(dir, QStringLiteral("migrate.keystone"), 3);
    std::vector<storage::Migration> migrations = storage::keystoneMigrations();

    const int latest = Database::latestSchemaVersion();
    SECTION("a failing migration")
    {
        migrations.push_back({latest + 1, QStringLiteral("injected failure"), [](Database &db) {
                                  db.exec(QStringLiteral("CREATE TABLE half_done (x)"));
                                  db.exec(QStringLiteral("INSERT INTO no_such_table VALUES (1)"));
                              }});
        storage::OpenOptions options;
        options.migrations = migrations;
        CHECK_THROWS_AS(Database::open(path, options), StorageError);
        auto db = Database::open(path); // the real migrations: the latest version, untouched
        CHECK(db->schemaVersion() == latest);
        QSqlQuery q(db->connection());
        REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'")));
        REQUIRE(q.next());
        CHECK(q.value(0).toInt() == 0);
        CHECK(storage::AccountRepository(*db).count() == 3);
        const auto backups = storage::listBackups(path);
        REQUIRE(backups.size() == 1);
        CHECK(QFileInfo(backups.first().path).fileName().startsWith(QStringLiteral("migrate.keystone.bak-")));
    }
    SECTION("a successful migration, with old backups rotated to the newest five")
    {
        // Seven older backups from earlier upgrades, and one taken by hand (never rotated).
        const QDir folder(storage::backupFolder(path));
        REQUIRE(QDir().mkpath(folder.path()));
        for (int i = 1; i <= 7; ++i)
            test::writeFile(folder.filePath(QStringLiteral("migrate.keystone.bak-2025010%1-120000.migration").arg(i)), "old");
        test::writeFile(folder.filePath(QStringLiteral("migrate.keystone.bak-20241231-120000.manual")), "mine");
        migrations.push_back({latest + 1, QStringLiteral("add a column"), [](Database &db) {
                                  db.exec(QStringLiteral("ALTER TABLE accounts ADD COLUMN nickname TEXT"));
                              }});
        storage::OpenOptions options;
        options.migrations = migrations;
        auto db = Database::open(path, options);
        CHECK(db->schemaVersion() == latest + 1);
        const QString backup = db->migrationBackupPath();
        REQUIRE_FALSE(backup.isEmpty());
        const auto backups = storage::listBackups(path);
        REQUIRE(backups.size() == 6);
        CHECK(backups.first().path == backup); // the new one is the newest
        CHECK(backups.first().reason == storage::BackupReason::Migration);
        CHECK(QFileInfo::exists(folder.filePath(QStringLiteral("migrate.keystone.bak-20250107-120000.migration"))));
        CHECK_FALSE(QFileInfo::exists(folder.filePath(QStringLiteral("migrate.keystone.bak-20250103-120000.migration"))));
        CHECK(QFileInfo::exists(folder.filePath(QStringLiteral("migrate.keystone.bak-20241231-120000.manual"))));
        // The backup is a version-1 portfolio with the same accounts.
        db.reset();
        auto old = Database::open(backup, [] { storage::OpenOptions o; o.readOnly = true; return o; }());
        CHECK(old->schemaVersion() == latest);
        CHECK(storage::AccountRepository(*old).count() == 3);
        CHECK((QFileInfo(backup).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup)) == 0);
    }
}

TEST_CASE("A copy is consistent, verified and private", "[storage]")
{
    test::TempDir dir;
    const QString path = makePortfolio(dir, QStringLiteral("orig.keystone"), 5);
    auto db = Database::open(path);
    const QString copy = dir.file(QStringLiteral("copy.keystone"));
    db->copyTo(copy);
    CHECK_THROWS_AS(db->copyTo(copy), StorageError); // never overwrites
    db.reset();
    auto reopened = Database::open(copy);
    CHECK(storage::AccountRepository(*reopened).count() == 5);
    CHECK(reopened->check(true).isEmpty());
}

TEST_CASE("A version-1 portfolio upgrades to the current schema with its data and a backup", "[storage][migration]")
{
    test::TempDir dir;
    const QString path = dir.file(QStringLiteral("v1.keystone"));
    // A genuine version-1 file: created with the version-1 migrations only.
    {
        storage::OpenOptions v1;
        v1.migrations = {storage::keystoneMigrations().front()};
        REQUIRE(v1.migrations.front().version == 1);
        auto db = Database::create(path, v1);
        REQUIRE(db->schemaVersion() == 1);
        // Rows as version 1 wrote them (the repository of today writes later columns too).
        storage::Transaction tx(*db);
        for (int i = 0; i < 4; ++i)
            db->exec(QStringLiteral("INSERT INTO accounts (uuid, name, name_key, arr_cents, currency, created_at, updated_at) "
                                    "VALUES ('u%1', 'Old %1', 'old %1', %2, 'USD', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')")
                         .arg(i).arg(1000 * (i + 1)));
        tx.commit();
    }
    const QByteArray v1Hash = test::fileHash(path);
    auto db = Database::open(path);
    CHECK(db->schemaVersion() == Database::latestSchemaVersion());
    storage::AccountRepository repo(*db);
    std::vector<domain::ExpansionTotals> totals;
    const auto accounts = repo.all(&totals);
    REQUIRE(accounts.size() == 4);
    CHECK(accounts[3].arr.cents == 4000);
    CHECK(totals[3] == domain::ExpansionTotals{}); // new columns start at zero
    QSqlQuery q(db->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name IN ('products', 'buying_centers', 'whitespace_cells', 'opportunities')")));
    REQUIRE(q.next());
    CHECK(q.value(0).toInt() == 4);
    CHECK(db->check(true).isEmpty());
    // The backup is the version-1 file as it was.
    REQUIRE_FALSE(db->migrationBackupPath().isEmpty());
    auto backup = Database::open(db->migrationBackupPath(), [] { storage::OpenOptions o; o.readOnly = true; o.inspectOnly = true; return o; }());
    CHECK(backup->schemaVersion() == 1);
    CHECK(storage::AccountRepository(*backup).count() == 4);
    CHECK_FALSE(v1Hash.isEmpty());
}

TEST_CASE("Keystone opens only when Qt's SQLite driver runs the SQLite it links, and names both otherwise", "[storage]")
{
    // Here they are one library: a portfolio opens, and the check says nothing.
    test::TempDir dir;
    auto db = Database::create(dir.file(QStringLiteral("same.keystone")));
    QSqlQuery q(db->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT sqlite_source_id()")));
    REQUIRE(q.next());
    CHECK(storage::sqliteMismatch(q.value(0).toString()).isEmpty());
    // Another library's source id is refused with both named and what to install.
    const QString other = storage::sqliteMismatch(QStringLiteral("2019-01-01 00:00:00 0123456789abcdef"));
    CHECK(other.contains(QStringLiteral("2019-01-01 00:00:00 0123456789abcdef")));
    CHECK(other.contains(QString::fromLatin1(sqlite3_libversion())));
    CHECK(other.contains(QStringLiteral("libqt6sql6-sqlite")));
}

TEST_CASE("Version 17 rewrites the history's UPDATE triggers to run only for the fields they record, as a new file has them", "[storage][migration]")
{
    test::TempDir dir;
    auto triggerSql = [](Database &db) {
        std::map<QString, QString> out;
        QSqlQuery q(db.connection());
        REQUIRE(q.exec(QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")));
        while (q.next())
            out[q.value(0).toString()] = q.value(1).toString();
        return out;
    };
    std::map<QString, QString> fresh;
    {
        auto db = Database::create(dir.file(QStringLiteral("fresh.keystone")));
        fresh = triggerSql(*db);
    }
    int updateTriggers = 0;
    for (const auto &[name, sql] : fresh)
        if (name.startsWith(QStringLiteral("history_")) && name.endsWith(QStringLiteral("_update"))) {
            ++updateTriggers;
            CHECK(sql.contains(QStringLiteral(" AFTER UPDATE OF ")));
        }
    CHECK(updateTriggers >= 12);

    // A version-16 file as Keystone wrote it before: "AFTER UPDATE ON table".
    const QString path = dir.file(QStringLiteral("v16.keystone"));
    {
        storage::OpenOptions v16;
        for (const auto &m : storage::keystoneMigrations())
            if (m.version <= 16)
                v16.migrations.push_back(m);
        auto db = Database::create(path, v16);
        REQUIRE(db->schemaVersion() == 16);
        storage::Transaction tx(*db);
        static const QRegularExpression of(QStringLiteral(" AFTER UPDATE OF [a-z_0-9, ]+ ON "));
        int rewritten = 0;
        for (const auto &[name, sql] : triggerSql(*db)) {
            if (!sql.contains(of))
                continue;
            db->exec(QStringLiteral("DROP TRIGGER %1").arg(name));
            db->exec(QString(sql).replace(of, QStringLiteral(" AFTER UPDATE ON ")));
            ++rewritten;
        }
        CHECK(rewritten == updateTriggers);
        db->exec(QStringLiteral("INSERT INTO accounts (uuid, name, name_key, arr_cents, currency, created_at, updated_at) "
                                "VALUES ('u1', 'Old One', 'old one', 1000, 'USD', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')"));
        tx.commit();
    }
    auto db = Database::open(path);
    CHECK(db->schemaVersion() == Database::latestSchemaVersion());
    CHECK(triggerSql(*db) == fresh);
    // It still records a recorded field's change, and nothing for a field it does not record.
    QSqlQuery q(db->connection());
    auto lines = [&] {
        REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM change_log WHERE action = 'changed'")));
        REQUIRE(q.next());
        return q.value(0).toLongLong();
    };
    const qint64 before = lines();
    db->exec(QStringLiteral("UPDATE accounts SET source_id = 'crm-1' WHERE uuid = 'u1'"));
    CHECK(lines() == before);
    db->exec(QStringLiteral("UPDATE accounts SET name = 'Old Two', name_key = 'old two' WHERE uuid = 'u1'"));
    CHECK(lines() == before + 1);
}
