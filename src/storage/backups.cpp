// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/storage/backups.h"

#include "keystone/storage/clock.h"

#include "keystone/storage/database.h"
#include "keystone/storage/storageerror.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QRegularExpression>

#include <algorithm>
#include <limits>
#include <vector>

namespace keystone::storage {

namespace {
const QString kStampFormat = QStringLiteral("yyyyMMdd-HHmmss");
constexpr qint64 kAbandonedPartialSecs = 600;

// NAME.bak-YYYYMMDD-HHMMSS[-N][.REASON]; the reason is absent in files of earlier versions.
QRegularExpression backupPattern(const QString &baseName)
{
    return QRegularExpression(QStringLiteral("^%1\\.bak-(\\d{8}-\\d{6})(?:-(\\d+))?(?:\\.(manual|migration|import|automatic))?$")
                                  .arg(QRegularExpression::escape(baseName)));
}

std::optional<BackupReason> reasonFromName(const QString &name)
{
    for (BackupReason r : {BackupReason::Manual, BackupReason::Migration, BackupReason::Import, BackupReason::Automatic})
        if (backupReasonName(r) == name)
            return r;
    return std::nullopt;
}

void collect(const QDir &dir, const QString &baseName, QList<BackupInfo> &into)
{
    const QRegularExpression re = backupPattern(baseName);
    const QFileInfoList entries = dir.entryInfoList({baseName + QStringLiteral(".bak-*")}, QDir::Files);
    for (const QFileInfo &e : entries) {
        const auto m = re.match(e.fileName());
        if (!m.hasMatch())
            continue;
        BackupInfo b;
        b.path = e.absoluteFilePath();
        b.takenAt = QDateTime::fromString(m.captured(1), kStampFormat);
        b.bytes = e.size();
        b.reason = reasonFromName(m.captured(3)).value_or(BackupReason::Manual);
        if (b.takenAt.isValid())
            into.append(b);
    }
}

bool rotated(const BackupInfo &b)
{
    return b.reason == BackupReason::Import || b.reason == BackupReason::Automatic;
}
} // namespace

QString backupReasonName(BackupReason reason)
{
    switch (reason) {
    case BackupReason::Manual: return QStringLiteral("manual");
    case BackupReason::Migration: return QStringLiteral("migration");
    case BackupReason::Import: return QStringLiteral("import");
    case BackupReason::Automatic: return QStringLiteral("automatic");
    }
    return QStringLiteral("manual");
}

QString backupFolder(const QString &portfolioPath)
{
    return QFileInfo(portfolioPath).absoluteFilePath() + QStringLiteral(".backups");
}

QString makeBackup(Database &db, BackupReason reason)
{
    return makeBackup(db, reason, RetentionPolicy{});
}

QString makeBackup(Database &db, BackupReason reason, const RetentionPolicy &policy)
{
    const QString folder = backupFolder(db.path());
    if (QFileInfo(folder).exists() && !QFileInfo(folder).isDir())
        throw StorageError(StorageError::Code::Io, db.path(),
                           QStringLiteral("%1 is a file, but the backups of %2 belong there in a folder of that name: rename or move that file, "
                                          "then try again (nothing was changed)")
                               .arg(folder, QFileInfo(db.path()).fileName()));
    if (!QDir().mkpath(folder))
        throw StorageError(StorageError::Code::Io, db.path(), QStringLiteral("Cannot create the backup folder %1").arg(folder));
    // Owner-only, like the backups in it: they hold the same commercial secrets.
    QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    // A backup cut off by a crash or a kill leaves its .partial copy and that copy's
    // -journal (never listed); one that nobody has written to for ten minutes was abandoned.
    // (File times are the file system's: the real clock judges them, not storage::now().)
    const QDateTime realNow = QDateTime::currentDateTime();
    for (const QFileInfo &e : QDir(folder).entryInfoList({QFileInfo(db.path()).fileName() + QStringLiteral(".bak-*.partial*")}, QDir::Files))
        if (e.lastModified().secsTo(realNow) > kAbandonedPartialSecs)
            QFile::remove(e.absoluteFilePath());
    const QString stem = QDir(folder).filePath(QFileInfo(db.path()).fileName() + QStringLiteral(".bak-")
                                               + now().toLocalTime().toString(kStampFormat));
    const QString ending = QStringLiteral(".") + backupReasonName(reason);
    QString target = stem + ending;
    for (int n = 2; QFileInfo::exists(target); ++n)
        target = stem + QStringLiteral("-%1").arg(n) + ending;
    db.copyTo(target);
    if (reason == BackupReason::Import || reason == BackupReason::Automatic)
        pruneBackups(db.path(), policy);
    return target;
}

QList<BackupInfo> listBackups(const QString &portfolioPath)
{
    const QFileInfo info(portfolioPath);
    QList<BackupInfo> result;
    collect(QDir(backupFolder(portfolioPath)), info.fileName(), result);
    collect(info.absoluteDir(), info.fileName(), result); // written beside the file by earlier versions
    // Newest first; same-second backups by their -N suffix.
    std::sort(result.begin(), result.end(), [](const BackupInfo &a, const BackupInfo &b) {
        if (a.takenAt != b.takenAt)
            return a.takenAt > b.takenAt;
        return a.path.size() != b.path.size() ? a.path.size() > b.path.size() : a.path > b.path;
    });
    return result;
}

QList<BackupInfo> backupsToPrune(const QList<BackupInfo> &all, const RetentionPolicy &policy)
{
    QList<BackupInfo> candidates;
    for (const BackupInfo &b : all)
        if (rotated(b))
            candidates.append(b);
    std::stable_sort(candidates.begin(), candidates.end(), [](const BackupInfo &a, const BackupInfo &b) { return a.takenAt > b.takenAt; });
    std::vector<bool> keep(size_t(candidates.size()), false);
    if (!keep.empty())
        keep[0] = true;
    // The state before each of the last imports stays restorable whatever the buckets say: a
    // second import in the same hour must not take away the backup taken before the first.
    int imports = 0;
    for (qsizetype i = 0; i < candidates.size() && imports < policy.imports; ++i)
        if (candidates[i].reason == BackupReason::Import) {
            keep[size_t(i)] = true;
            ++imports;
        }
    // One rule: walk newest first, keep the first backup of each new bucket until `limit`
    // buckets have been seen.
    const auto apply = [&](int limit, const auto &bucketOf) {
        qint64 last = std::numeric_limits<qint64>::min();
        int seen = 0;
        for (qsizetype i = 0; i < candidates.size() && seen < limit; ++i) {
            const qint64 bucket = bucketOf(candidates[i].takenAt);
            if (bucket == last)
                continue;
            last = bucket;
            ++seen;
            keep[size_t(i)] = true;
        }
    };
    apply(policy.hourly, [](const QDateTime &t) { return t.date().toJulianDay() * 24 + t.time().hour(); });
    apply(policy.daily, [](const QDateTime &t) { return t.date().toJulianDay(); });
    apply(policy.weekly, [](const QDateTime &t) {
        int year = 0;
        const int week = t.date().weekNumber(&year);
        return qint64(year) * 100 + week;
    });
    QList<BackupInfo> prune;
    for (const BackupInfo &b : all) {
        const auto it = std::find_if(candidates.cbegin(), candidates.cend(), [&](const BackupInfo &c) { return c.path == b.path; });
        if (it != candidates.cend() && !keep[size_t(it - candidates.cbegin())])
            prune.append(b);
    }
    return prune;
}

int pruneBackups(const QString &portfolioPath, const RetentionPolicy &policy)
{
    int removed = 0;
    for (const BackupInfo &b : backupsToPrune(listBackups(portfolioPath), policy))
        if (QFile::remove(b.path))
            ++removed;
    return removed;
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
    // The backup is copied in under a temporary name first: the portfolio is never
    // half-written, and a crash or kill leaves the file in place until the copy is whole
    // (then only two renames apart from the restored one).
    const QString incoming = target + QStringLiteral(".restoring");
    QFile::remove(incoming); // left by a restore that was cut off
    if (!QFile::copy(source, incoming) || !QFile::setPermissions(incoming, QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        QFile::remove(incoming);
        throw StorageError(StorageError::Code::Io, target, QStringLiteral("Cannot copy %1 to %2").arg(source, incoming));
    }
    QString replaced;
    const auto putBackLogs = [&] { // the -wal and -shm moved aside with the file
        for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")})
            if (QFileInfo::exists(replaced + suffix))
                QFile::rename(replaced + suffix, target + suffix);
    };
    if (QFileInfo::exists(target)) {
        const QString stem = target + (keepAs == SetAside::Damaged ? QStringLiteral(".damaged-") : QStringLiteral(".replaced-"))
                             + now().toLocalTime().toString(kStampFormat);
        replaced = stem;
        for (int n = 2; QFileInfo::exists(replaced); ++n)
            replaced = stem + QStringLiteral("-%1").arg(n);
        for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")})
            if (QFileInfo::exists(target + suffix) && !QFile::rename(target + suffix, replaced + suffix)) {
                putBackLogs();
                QFile::remove(incoming);
                throw StorageError(StorageError::Code::Io, target, QStringLiteral("Cannot move %1 aside").arg(target + suffix));
            }
        if (!QFile::rename(target, replaced)) {
            putBackLogs();
            QFile::remove(incoming);
            throw StorageError(StorageError::Code::Io, target, QStringLiteral("Cannot move %1 aside").arg(target));
        }
    }
    if (!QFile::rename(incoming, target)) {
        QFile::remove(incoming);
        if (!replaced.isEmpty()) {
            QFile::rename(replaced, target);
            putBackLogs();
        }
        throw StorageError(StorageError::Code::Io, target, QStringLiteral("Cannot put %1 in place as %2").arg(source, target));
    }
    return replaced;
}

QString setPortfolioAside(const QString &portfolioPath)
{
    const QString target = QFileInfo(portfolioPath).absoluteFilePath();
    QLockFile lock(target + QStringLiteral(".lock"));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(0))
        throw StorageError(StorageError::Code::Io, target, QStringLiteral("%1 is open in Keystone; close it there first").arg(target));
    const QString stem = target + QStringLiteral(".replaced-") + now().toLocalTime().toString(kStampFormat);
    QString kept = stem;
    for (int n = 2; QFileInfo::exists(kept); ++n)
        kept = stem + QStringLiteral("-%1").arg(n);
    QStringList moved;
    for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm"), QString()}) {
        if (!QFileInfo::exists(target + suffix))
            continue;
        if (!QFile::rename(target + suffix, kept + suffix)) {
            for (const QString &back : moved)
                QFile::rename(kept + back, target + back);
            throw StorageError(StorageError::Code::Io, target, QStringLiteral("Cannot move %1 aside").arg(target + suffix));
        }
        moved << suffix;
    }
    return kept;
}

void rotateBackups(const QString &portfolioPath, BackupReason reason, int keep)
{
    int seen = 0;
    for (const BackupInfo &b : listBackups(portfolioPath))
        if (b.reason == reason && ++seen > std::max(0, keep))
            QFile::remove(b.path);
}

} // namespace keystone::storage
