// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/storage/backups.h"

#include "keystone/storage/database.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
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

void rotateBackups(const QString &portfolioPath, BackupReason, int keep)
{
    const QList<BackupInfo> all = listBackups(portfolioPath);
    for (qsizetype i = std::max(0, keep); i < all.size(); ++i)
        QFile::remove(all[i].path);
}

} // namespace keystone::storage
