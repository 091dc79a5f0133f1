// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "testsupport.h"

#include "keystone/storage/accountrepository.h"
#include "keystone/storage/backups.h"
#include "keystone/storage/database.h"
#include "keystone/storage/storageerror.h"
#include "keystone/storage/transaction.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

using namespace keystone;
using storage::BackupInfo;
using storage::BackupReason;
using storage::Database;
using storage::StorageError;

namespace {

QString makeSmallPortfolio(const test::TempDir &dir, const QString &name)
{
    const QString path = dir.file(name);
    auto db = Database::create(path);
    storage::AccountRepository repo(*db);
    storage::Transaction tx(*db);
    for (int i = 0; i < 3; ++i) {
        domain::Account a;
        a.name = QStringLiteral("Account %1").arg(i);
        a.arr = {100000, QStringLiteral("USD")};
        repo.insert(a);
    }
    tx.commit();
    return path;
}

BackupInfo backupAt(const QDate &day, int hour, BackupReason reason = BackupReason::Automatic)
{
    BackupInfo b;
    b.takenAt = QDateTime(day, QTime(hour, 0));
    b.path = QStringLiteral("/backups/p.keystone.bak-%1.%2").arg(b.takenAt.toString(QStringLiteral("yyyyMMdd-HHmmss")), storage::backupReasonName(reason));
    b.reason = reason;
    return b;
}

QSet<QString> pathsOf(const QList<BackupInfo> &list)
{
    QSet<QString> out;
    for (const BackupInfo &b : list)
        out.insert(b.path);
    return out;
}

} // namespace

TEST_CASE("Rotation keeps the newest backup of each of the last 24 hours, 7 days and 8 weeks", "[storage][backup]")
{
    // An automatic backup every hour from 2026-09-24 00:00 to Wednesday 2026-12-02 10:00,
    // newest first as listBackups() gives them, and a manual and a migration backup from 2025.
    QList<BackupInfo> all;
    const QDate last(2026, 12, 2);
    for (QDate d = last; d >= QDate(2026, 9, 24); d = d.addDays(-1))
        for (int h = (d == last ? 10 : 23); h >= 0; --h)
            all.append(backupAt(d, h));
    all.append(backupAt(QDate(2025, 3, 1), 9, BackupReason::Manual));
    all.append(backupAt(QDate(2025, 2, 1), 9, BackupReason::Migration));
    REQUIRE(all.size() == 69 * 24 + 11 + 2);

    // Kept, by hand: the 24 newest hours (2026-12-01 11:00 ... 2026-12-02 10:00); the newest
    // of each of the 7 newest days: 12-02 and 12-01 are in already, then 23:00 of 11-30,
    // 11-29, 11-28, 11-27, 11-26; the newest of each of the 8 newest ISO weeks (Monday to
    // Sunday): this week's and last week's (11-29 23:00) are in already, then the Sundays
    // 11-22, 11-15, 11-08, 11-01, 10-25, 10-18 at 23:00.
    QSet<QString> expected;
    for (int h = 11; h <= 23; ++h)
        expected.insert(backupAt(QDate(2026, 12, 1), h).path);
    for (int h = 0; h <= 10; ++h)
        expected.insert(backupAt(last, h).path);
    for (int day : {30, 29, 28, 27, 26, 22, 15, 8})
        expected.insert(backupAt(QDate(2026, 11, day), 23).path);
    expected.insert(backupAt(QDate(2026, 11, 1), 23).path);
    expected.insert(backupAt(QDate(2026, 10, 25), 23).path);
    expected.insert(backupAt(QDate(2026, 10, 18), 23).path);
    REQUIRE(expected.size() == 24 + 5 + 6);
    expected.insert(backupAt(QDate(2025, 3, 1), 9, BackupReason::Manual).path);
    expected.insert(backupAt(QDate(2025, 2, 1), 9, BackupReason::Migration).path);

    const QList<BackupInfo> prune = storage::backupsToPrune(all, {});
    CHECK(prune.size() == all.size() - expected.size());
    QSet<QString> kept = pathsOf(all);
    kept.subtract(pathsOf(prune));
    CHECK(kept == expected);

    SECTION("a smaller policy keeps fewer")
    {
        const QList<BackupInfo> fewer = storage::backupsToPrune(all, {2, 1, 1, 0});
        QSet<QString> left = pathsOf(all);
        left.subtract(pathsOf(fewer));
        // 10:00 and 09:00 of today (hourly; today's and this week's newest is 10:00), and the two not rotated.
        CHECK(left == QSet<QString>{backupAt(last, 10).path, backupAt(last, 9).path,
                                    backupAt(QDate(2025, 3, 1), 9, BackupReason::Manual).path,
                                    backupAt(QDate(2025, 2, 1), 9, BackupReason::Migration).path});
    }
    SECTION("a policy of nothing still keeps the newest")
    {
        const QList<BackupInfo> most = storage::backupsToPrune(all, {0, 0, 0, 0});
        CHECK(most.size() == all.size() - 3);
        CHECK_FALSE(pathsOf(most).contains(backupAt(last, 10).path));
    }
}

TEST_CASE("Backups taken before imports are kept apart from the hourly rotation", "[storage][backup]")
{
    // Three imports within one hour, automatic backups around them: the hourly rule alone
    // would keep only the newest of that hour, and the state before the first import would
    // be lost.
    const QDate day(2026, 12, 2);
    auto at = [&](int minute, BackupReason reason) {
        BackupInfo b = backupAt(day, 9, reason);
        b.takenAt = QDateTime(day, QTime(9, minute));
        b.path = QStringLiteral("/backups/p.keystone.bak-%1.%2").arg(b.takenAt.toString(QStringLiteral("yyyyMMdd-HHmmss")), storage::backupReasonName(reason));
        return b;
    };
    const QList<BackupInfo> all{at(50, BackupReason::Automatic), at(40, BackupReason::Import), at(30, BackupReason::Automatic),
                                at(20, BackupReason::Import), at(10, BackupReason::Import), at(5, BackupReason::Automatic)};
    QSet<QString> kept = pathsOf(all);
    kept.subtract(pathsOf(storage::backupsToPrune(all, {})));
    CHECK(kept == QSet<QString>{at(50, BackupReason::Automatic).path, at(40, BackupReason::Import).path, at(20, BackupReason::Import).path,
                                at(10, BackupReason::Import).path});
    // The number kept is the policy's: with two, the oldest import goes.
    storage::RetentionPolicy two;
    two.imports = 2;
    kept = pathsOf(all);
    kept.subtract(pathsOf(storage::backupsToPrune(all, two)));
    CHECK(kept == QSet<QString>{at(50, BackupReason::Automatic).path, at(40, BackupReason::Import).path, at(20, BackupReason::Import).path});
}

TEST_CASE("Backups go to a folder of their own, owner-only, and earlier ones beside the file are still listed", "[storage][backup]")
{
    test::TempDir dir;
    const QString path = makeSmallPortfolio(dir, QStringLiteral("book.keystone"));
    // A backup an earlier version wrote beside the file.
    const QString legacy = dir.file(QStringLiteral("book.keystone.bak-20250101-120000"));
    {
        auto db = Database::open(path);
        db->copyTo(legacy);
    }
    QString automatic;
    {
        auto db = Database::open(path);
        automatic = storage::makeBackup(*db, BackupReason::Automatic);
    }
    const QString folder = storage::backupFolder(path);
    CHECK(folder == dir.file(QStringLiteral("book.keystone.backups")));
    CHECK(QFileInfo(automatic).absolutePath() == folder);
    CHECK(QFileInfo(automatic).fileName().startsWith(QStringLiteral("book.keystone.bak-")));
    CHECK(QFileInfo(automatic).fileName().endsWith(QStringLiteral(".automatic")));
    CHECK(QFileInfo(folder).permissions() == (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                             | QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ExeUser));
    CHECK((QFileInfo(automatic).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)) == 0);

    const QList<BackupInfo> all = storage::listBackups(path);
    REQUIRE(all.size() == 2);
    CHECK(all[0].path == automatic);
    CHECK(all[0].reason == BackupReason::Automatic);
    CHECK(all[1].path == legacy);
    CHECK(all[1].reason == BackupReason::Manual); // earlier versions' backups are never pruned
    CHECK(all[1].takenAt == QDateTime(QDate(2025, 1, 1), QTime(12, 0)));

    // The backup is a portfolio with the accounts.
    storage::OpenOptions ro;
    ro.readOnly = true;
    auto copy = Database::open(automatic, ro);
    CHECK(storage::AccountRepository(*copy).count() == 3);
}

TEST_CASE("A backup cut off part way is never listed, and an abandoned one is cleared by the next backup", "[storage][backup]")
{
    test::TempDir dir;
    const QString path = makeSmallPortfolio(dir, QStringLiteral("cut.keystone"));
    const QString folder = storage::backupFolder(path);
    REQUIRE(QDir().mkpath(folder));
    // What a process killed while copying leaves: the first bytes of a copy under its
    // working name. One was abandoned an hour ago, the other is being written right now.
    QByteArray head;
    {
        QFile f(path);
        REQUIRE(f.open(QIODevice::ReadOnly));
        head = f.read(4096);
    }
    const QString abandoned = QDir(folder).filePath(QStringLiteral("cut.keystone.bak-20261203-090000.import.partial"));
    const QString fresh = QDir(folder).filePath(QStringLiteral("cut.keystone.bak-20261203-100000.import.partial"));
    const QString abandonedJournal = abandoned + QStringLiteral("-journal");
    test::writeFile(abandoned, head);
    test::writeFile(abandonedJournal, QByteArray(1024, '\0'));
    test::writeFile(fresh, head);
    for (const QString &old : {abandoned, abandonedJournal}) {
        QFile f(old);
        REQUIRE(f.open(QIODevice::ReadWrite));
        REQUIRE(f.setFileTime(QDateTime::currentDateTime().addSecs(-3600), QFileDevice::FileModificationTime));
    }
    CHECK(storage::listBackups(path).isEmpty());
    CHECK_FALSE(storage::newestGoodBackup(path).has_value());

    QString made;
    {
        auto db = Database::open(path);
        made = storage::makeBackup(*db, BackupReason::Manual);
    }
    CHECK_FALSE(QFileInfo::exists(abandoned));
    CHECK_FALSE(QFileInfo::exists(abandonedJournal));
    CHECK(QFileInfo::exists(fresh)); // perhaps another process's copy in progress
    CHECK_FALSE(QFileInfo::exists(made + QStringLiteral(".partial")));
    const QList<BackupInfo> all = storage::listBackups(path);
    REQUIRE(all.size() == 1);
    CHECK(all[0].path == made);

    // A copy that fails leaves neither the backup nor its working copy.
    {
        auto db = Database::open(path);
        const QString target = dir.file(QStringLiteral("no-such-folder/copy.keystone"));
        CHECK_THROWS_AS(db->copyTo(target), StorageError);
        CHECK_FALSE(QFileInfo::exists(target));
        CHECK_FALSE(QFileInfo::exists(target + QStringLiteral(".partial")));
    }
}

TEST_CASE("Pruning the folder deletes only the rotated backups the policy does not keep", "[storage][backup]")
{
    test::TempDir dir;
    const QString path = makeSmallPortfolio(dir, QStringLiteral("p.keystone"));
    const QString folder = storage::backupFolder(path);
    REQUIRE(QDir().mkpath(folder));
    // Sunday 2026-11-29 00:00-23:00 and Monday 11-30 00:00-05:00: 30 automatic or import
    // backups; the 24 newest hours keep Monday's six and Sunday's 06:00-23:00, and the days
    // and weeks keep nothing older (each one's newest is among them); the imports at 00:00
    // and 05:00 are kept as recent imports. A manual one is older.
    const auto name = [&](const QDate &d, int h, const char *reason) {
        return QDir(folder).filePath(QStringLiteral("p.keystone.bak-%1-%2.%3")
                                         .arg(d.toString(QStringLiteral("yyyyMMdd")))
                                         .arg(h * 10000, 6, 10, QLatin1Char('0'))
                                         .arg(QLatin1String(reason)));
    };
    for (int h = 0; h < 24; ++h)
        test::writeFile(name(QDate(2026, 11, 29), h, h % 5 == 0 ? "import" : "automatic"), "x");
    for (int h = 0; h < 6; ++h)
        test::writeFile(name(QDate(2026, 11, 30), h, "automatic"), "x");
    test::writeFile(name(QDate(2026, 1, 1), 8, "manual"), "x");
    REQUIRE(storage::listBackups(path).size() == 31);

    CHECK(storage::pruneBackups(path) == 4);
    const QList<BackupInfo> left = storage::listBackups(path);
    CHECK(left.size() == 27);
    for (int h = 1; h < 5; ++h)
        CHECK_FALSE(QFileInfo::exists(name(QDate(2026, 11, 29), h, "automatic")));
    CHECK(QFileInfo::exists(name(QDate(2026, 11, 29), 0, "import")));
    CHECK(QFileInfo::exists(name(QDate(2026, 11, 29), 5, "import")));
    CHECK(QFileInfo::exists(name(QDate(2026, 11, 29), 6, "automatic")));
    CHECK(QFileInfo::exists(name(QDate(2026, 1, 1), 8, "manual")));
    CHECK(storage::pruneBackups(path) == 0); // nothing more to prune
}

TEST_CASE("A lock file left by a process that died marks an unclean shutdown and the next open checks the whole file", "[storage][backup][shutdown]")
{
    test::TempDir dir;
    const QString path = makeSmallPortfolio(dir, QStringLiteral("crash.keystone"));
    {
        auto db = Database::open(path);
        CHECK_FALSE(db->openedAfterUncleanShutdown());
        CHECK(db->checkKind() == Database::CheckKind::Quick);
    } // a clean close removes the lock file
    CHECK_FALSE(QFileInfo::exists(path + QStringLiteral(".lock")));

    const qint64 pid = test::leaveStaleLock(path);
    REQUIRE(pid > 0);
    SECTION("a full open runs the whole check before it returns and is writable")
    {
        auto db = Database::open(path);
        CHECK(db->openedAfterUncleanShutdown());
        CHECK(db->uncleanShutdownNote().contains(QStringLiteral("process %1").arg(pid)));
        CHECK(db->checkKind() == Database::CheckKind::Integrity);
        CHECK_FALSE(db->isReadOnly());
        db.reset();
        // Closed cleanly now: the next open is an ordinary one.
        auto again = Database::open(path);
        CHECK_FALSE(again->openedAfterUncleanShutdown());
    }
    SECTION("a deferred open runs the whole check in the background")
    {
        storage::OpenOptions o;
        o.verify = storage::OpenOptions::Verify::Deferred;
        auto db = Database::open(path, o);
        CHECK(db->openedAfterUncleanShutdown());
        CHECK(db->checkKind() == Database::CheckKind::Integrity);
        CHECK(db->integrityProblems().isEmpty());
    }
    SECTION("a read-only open leaves the marker for the next writer")
    {
        storage::OpenOptions o;
        o.readOnly = true;
        {
            auto db = Database::open(path, o);
            CHECK_FALSE(db->openedAfterUncleanShutdown());
        }
        auto db = Database::open(path);
        CHECK(db->openedAfterUncleanShutdown());
    }
    SECTION("damage quick_check does not see is refused after an unclean shutdown")
    {
        // A row that refers to a team member who does not exist, written past the foreign
        // keys: quick_check passes it, foreign_key_check does not.
        test::execSqlite(path, "PRAGMA foreign_keys = OFF; UPDATE accounts SET owner_id = 4242 WHERE name = 'Account 1';");
        try {
            Database::open(path);
            FAIL("a file with a dangling reference opened after an unclean shutdown");
        } catch (const StorageError &e) {
            CHECK(e.code() == StorageError::Code::Corrupt);
            CHECK(e.message().contains(QStringLiteral("missing row of team_members")));
        }
    }
}
