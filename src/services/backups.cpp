// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/backups.h"
#include "keystone/services/clock.h"

#include "keystone/services/portfolio.h"
#include "keystone/storage/database.h"
#include "keystone/storage/storageerror.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

namespace keystone::services {

QString backUp(Portfolio &portfolio, BackupReason reason, const RetentionPolicy &policy)
{
    return storage::makeBackup(portfolio.database(), reason, policy);
}

QString backupBeforeImport(Portfolio &portfolio, bool dryRun)
{
    if (dryRun || portfolio.accounts().count() == 0)
        return {};
    return backUp(portfolio, BackupReason::Import);
}

QString backUpFile(const QString &portfolioPath, const QString &to)
{
    storage::OpenOptions o;
    o.readOnly = true; // a copy needs no write lock: it works while the app has the file open
    auto db = storage::Database::open(portfolioPath, std::move(o));
    if (to.isEmpty())
        return storage::makeBackup(*db, BackupReason::Manual);
    QString path = QFileInfo(to).absoluteFilePath();
    if (QFileInfo(path).isDir()) // a folder: the copy goes into it under the name a backup gets
        path = QDir(path).filePath(QFileInfo(portfolioPath).fileName() + QStringLiteral(".bak-")
                                   + services::now().toLocalTime().toString(QStringLiteral("yyyyMMdd-HHmmss")) + QStringLiteral(".manual"));
    db->copyTo(path);
    return path;
}

SetAside setAsideFor(const QString &portfolioPath)
{
    if (!QFileInfo::exists(portfolioPath))
        return SetAside::Replaced;
    try {
        storage::OpenOptions o;
        o.readOnly = true;
        o.inspectOnly = true;
        storage::Database::open(portfolioPath, std::move(o));
    } catch (const storage::StorageError &e) {
        if (e.code() != storage::StorageError::Code::NotFound)
            return SetAside::Damaged;
    }
    return SetAside::Replaced;
}

} // namespace keystone::services
