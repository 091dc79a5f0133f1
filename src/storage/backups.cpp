// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/storage/backups.h"

#include "keystone/storage/database.h"
#include "keystone/storage/storageerror.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QRegularExpression>

#include <algorithm>

namespace keystone::storage {

namespace {
const QString kStampFormat = QStringLiteral("yyyyMMdd-HHmmss");

QRegularExpression backupPattern(const QString &baseName)
{
    return QRegularExpression(QStringLiteral("^%1\\.bak-(\\d{8}-\\d{6})(?:-(\\d+))?$").arg(QRegularExpression::escape(baseName)));
}
} // namespace

QString makeBackup(Database &db, BackupReason)
{
    const QFileInfo info(db.path());
    const QString stem = info.absoluteFilePath() + QStringLiteral(".bak-") + QDateTime::currentDateTime().toString(kStampFormat);
    QString target = stem;
    for (int n = 2; QFileInfo::exists(target); ++n)
        target = stem + QStringLiteral("-%1").arg(n);
    db.copyTo(target);
    return target;
}

QList<BackupInfo> listBackups(const QString &portfolioPath)
{
    const QFileInfo info(portfolioPath);
    const QRegularExpression re = backupPattern(info.fileName());
    QList<BackupInfo> result;
    const QFileInfoList entries = info.absoluteDir().entryInfoList({info.fileName() + QStringLiteral(".bak-*")}, QDir::Files);
    for (const QFileInfo &e : entries) {
        const auto m = re.match(e.fileName());
        if (!m.hasMatch())
            continue;
        BackupInfo b;
        b.path = e.absoluteFilePath();
        b.takenAt = QDateTime::fromString(m.captured(1), kStampFormat);
        b.bytes = e.size();
        result.append(b);
    }
    // Newest first; same-second backups by their -N suffix.
    std::sort(result.begin(), result.end(), [](const BackupInfo &a, const BackupInfo &b) {
        if (a.takenAt != b.takenAt)
            return a.takenAt > b.takenAt;
        return a.path.size() != b.path.size() ? a.path.size() > b.path.size() : a.path > b.path;
    });
    return result;
}

std::optional<BackupInfo> newestGoodBackup(const QString &portfolioPath)
{
    for (const BackupInfo &b : listBackups(portfolioPath)) {
        try {
            OpenOptions check;
            check.readOnly = true;
            check.inspectOnly = true;
            Database::open(b.path, std::move(check));
            return b;
        } catch (const StorageError &) {
            continue; // damaged or foreign: try the next older one
        }
    }
    return std::nullopt;
}

QString restoreBackup(const QString &portfolioPath, const QString &backupPath, SetAside keepAs)
{
    const QString target = QFileInfo(portfolioPath).absoluteFilePath();
    const QString source = QFileInfo(backupPath).absoluteFilePath();
    if (!QFileInfo::exists(source))
        throw StorageError(StorageError::Code::NotFound, source, QStringLiteral("%1 does not exist").arg(source));
    if (source == target)
        throw StorageError(StorageError::Code::Io, source, QStringLiteral("%1 is the portfolio itself, not a backup of it").arg(source));
    {
        // The backup must be a portfolio this Keystone can open; open() says why not.
        OpenOptions check;
        check.readOnly = true;
        check.inspectOnly = true;
        Database::open(source, std::move(check));
    }
    QLockFile lock(target + QStringLiteral(".lock"));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(0))
        throw StorageError(StorageError::Code::Io, target,
                           QStringLiteral("%1 is open in Keystone; close it there before restoring a backup").arg(target));
    QString replaced;
    if (QFileInfo::exists(target)) {
        const QString stem = target + (keepAs == SetAside::Damaged ? QStringLiteral(".damaged-") : QStringLiteral(".replaced-"))
                             + QDateTime::currentDateTime().toString(kStampFormat);
        replaced = stem;
        for (int n = 2; QFileInfo::exists(replaced); ++n)
            replaced = stem + QStringLiteral("-%1").arg(n);
        for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")})
            if (QFileInfo::exists(target + suffix) && !QFile::rename(target + suffix, replaced + suffix))
                throw StorageError(StorageError::Code::Io, target, QStringLiteral("Cannot move %1 aside").arg(target + suffix));
        if (!QFile::rename(target, replaced)) {
            for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")})
                QFile::rename(replaced + suffix, target + suffix); // put back what moved
            throw StorageError(StorageError::Code::Io, target, QStringLiteral("Cannot move %1 aside").arg(target));
        }
    }
    // Copy under a temporary name, then rename: the portfolio is never half-written.
    const QString incoming = target + QStringLiteral(".restoring");
    QFile::remove(incoming);
    if (!QFile::copy(source, incoming) || !QFile::setPermissions(incoming, QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || !QFile::rename(incoming, target)) {
        QFile::remove(incoming);
        if (!replaced.isEmpty()) {
            QFile::rename(replaced, target);
            for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")})
                QFile::rename(replaced + suffix, target + suffix);
        }
        throw StorageError(StorageError::Code::Io, target, QStringLiteral("Cannot copy %1 to %2").arg(source, target));
    }
    return replaced;
}

void rotateBackups(const QString &portfolioPath, BackupReason, int keep)
{
    const QList<BackupInfo> all = listBackups(portfolioPath);
    for (qsizetype i = std::max(0, keep); i < all.size(); ++i)
        QFile::remove(all[i].path);
}

} // namespace keystone::storage
