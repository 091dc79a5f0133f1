// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace keystone::storage {

class Database;

enum class BackupReason { Migration, Manual };

struct BackupInfo {
    QString path;
    QDateTime takenAt; // local time, from the file name
    qint64 bytes = 0;
};

// Backs the open database up beside its file as NAME.keystone.bak-YYYYMMDD-HHMMSS (a suffix
// -2, -3 ... when two are taken in the same second), verified by reopening. Returns the path.
QString makeBackup(Database &db, BackupReason reason);

// The backups of `portfolioPath` beside it, newest first.
QList<BackupInfo> listBackups(const QString &portfolioPath);

// Puts `backupPath` in place of `portfolioPath`: the backup is checked first (a Keystone
// portfolio that opens and passes quick_check, not from a newer Keystone), the portfolio must
// not be open anywhere (its lock is held throughout), and the file it replaces is kept as
// NAME.replaced-YYYYMMDD-HHMMSS or NAME.damaged-YYYYMMDD-HHMMSS (its -wal and -shm moved with it). Returns that path, or an
// empty string when there was no file to replace. Throws StorageError, leaving the portfolio
// as it was, when anything is wrong.
enum class SetAside { Replaced, Damaged }; // NAME.replaced-… or NAME.damaged-…
QString restoreBackup(const QString &portfolioPath, const QString &backupPath, SetAside keepAs = SetAside::Replaced);

// The newest backup of `portfolioPath` that opens (a Keystone portfolio this build reads,
// passing quick_check), for restoring a damaged file; nullopt when none does.
std::optional<BackupInfo> newestGoodBackup(const QString &portfolioPath);

// Deletes all but the newest `keep` backups of `portfolioPath`.
void rotateBackups(const QString &portfolioPath, BackupReason reason, int keep);

} // namespace keystone::storage
