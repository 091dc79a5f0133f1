// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace keystone::storage {

class Database;

// Why a backup was taken; it decides how long the backup is kept (see backupsToPrune).
//   Manual      Back Up Now / `keystone-cli backup`: kept until the user deletes it
//   Migration   before a schema upgrade: the newest OpenOptions::keepBackups are kept
//   Import      before an import or merge   } rotated together: hourly, daily, weekly
//   Automatic   idle after changes          }
enum class BackupReason { Manual, Migration, Import, Automatic };
QString backupReasonName(BackupReason reason); // "manual", "migration", "import", "automatic"

struct BackupInfo {
    QString path;
    QDateTime takenAt; // local time, from the file name
    qint64 bytes = 0;
    BackupReason reason = BackupReason::Manual; // files of earlier versions: Manual
};

// The folder of a portfolio's backups: NAME.backups beside it (e.g. book.keystone.backups),
// created owner-only (0700) by the first backup.
QString backupFolder(const QString &portfolioPath);

// Backs the open database up into backupFolder() as NAME.bak-YYYYMMDD-HHMMSS.REASON (a
// suffix -2, -3 ... before .REASON when two are taken in the same second), mode 0600,
// verified by reopening. An Import or Automatic backup then prunes the rotated backups by
// `policy`. Returns the path. Throws StorageError when any step fails.
struct RetentionPolicy;
QString makeBackup(Database &db, BackupReason reason, const RetentionPolicy &policy);
QString makeBackup(Database &db, BackupReason reason); // the default policy

// The backups of `portfolioPath`, newest first: those in its folder and those that earlier
// versions wrote beside the file (NAME.bak-YYYYMMDD-HHMMSS).
QList<BackupInfo> listBackups(const QString &portfolioPath);

// How many rotated backups are kept: for each of the newest `hourly` clock hours that have
// a backup, the newest backup of that hour; the same for days and ISO weeks. A backup any
// rule keeps is kept. Manual and Migration backups are not rotated by this.
// Besides, the newest `imports` backups taken before an import are always kept, so the state
// before each recent import can be restored (migration backups are kept apart, see
// OpenOptions::keepBackups).
struct RetentionPolicy {
    int hourly = 24;
    int daily = 7;
    int weekly = 8;
    int imports = 20;
};
// The backups of `all` that `policy` does not keep (Import and Automatic ones only), oldest
// last, as in `all`. The newest rotated backup is always kept.
QList<BackupInfo> backupsToPrune(const QList<BackupInfo> &all, const RetentionPolicy &policy);
// Deletes backupsToPrune(listBackups(portfolioPath), policy); returns how many went.
int pruneBackups(const QString &portfolioPath, const RetentionPolicy &policy = {});

// Puts `backupPath` in place of `portfolioPath`: the backup is checked first (a Keystone
// portfolio that opens and passes quick_check, not from a newer Keystone), the portfolio must
// not be open anywhere (its lock is held throughout), and the file it replaces is kept as
// NAME.replaced-YYYYMMDD-HHMMSS or NAME.damaged-YYYYMMDD-HHMMSS (its -wal and -shm moved with it). Returns that path, or an
// empty string when there was no file to replace. Throws StorageError, leaving the portfolio
// as it was, when anything is wrong.
enum class SetAside { Replaced, Damaged }; // NAME.replaced-… or NAME.damaged-…
QString restoreBackup(const QString &portfolioPath, const QString &backupPath, SetAside keepAs = SetAside::Replaced);

// Moves a portfolio that is not open anywhere (its lock is taken for the move) aside to
// NAME.replaced-YYYYMMDD-HHMMSS with its -wal and -shm, so something else can take its name
// while it is kept whole. Returns that path. Throws StorageError, moving nothing, when it is
// open in a Keystone or cannot be moved.
QString setPortfolioAside(const QString &portfolioPath);

// The newest backup of `portfolioPath` that opens (a Keystone portfolio this build reads,
// passing quick_check), for restoring a damaged file; nullopt when none does.
std::optional<BackupInfo> newestGoodBackup(const QString &portfolioPath);

// Deletes all but the newest `keep` backups of `portfolioPath` taken for `reason`.
void rotateBackups(const QString &portfolioPath, BackupReason reason, int keep);

} // namespace keystone::storage
