// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace keystone::storage {

class Database;

enum class BackupReason { Migration };

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

// Deletes all but the newest `keep` backups of `portfolioPath`.
void rotateBackups(const QString &portfolioPath, BackupReason reason, int keep);

} // namespace keystone::storage
