// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/outputfile.h"

#include "keystone/io/exchangejson.h"
#include "keystone/storage/database.h"
#include "keystone/storage/storageerror.h"

#include <QFileInfo>
#include <QSaveFile>
#include <QStorageInfo>

#include <cerrno>
#include <cstring>

namespace keystone::services {

using storage::StorageError;

bool isPortfolioFile(const QString &path)
{
    const QFileInfo info(path);
    if (QFileInfo::exists(path + QStringLiteral(".lock")))
        return true;
    if (!info.isFile())
        return false;
    const storage::FileHeader h = storage::readFileHeader(path);
    return h.isSqlite && h.applicationId == storage::Database::kApplicationId;
}

void checkOutputTarget(const QString &target, Replace replace)
{
    const QFileInfo info(target);
    const QString path = info.absoluteFilePath();
    if (target.isEmpty())
        throw StorageError(StorageError::Code::NotFound, target, QStringLiteral("No output file was named"));
    if (info.isDir())
        throw StorageError(StorageError::Code::AlreadyExists, path, QStringLiteral("%1 is a folder; name a file to write").arg(path));
    if (isPortfolioFile(path))
        throw StorageError(StorageError::Code::AlreadyExists, path,
                           QStringLiteral("%1 is a Keystone portfolio; Keystone never writes an export over a portfolio. Choose another name.").arg(path));
    for (const char *suffix : {"-wal", "-shm", "-journal", ".lock"}) {
        const QString s = QLatin1String(suffix);
        if (path.endsWith(s) && isPortfolioFile(path.chopped(s.size())))
            throw StorageError(StorageError::Code::AlreadyExists, path,
                               QStringLiteral("%1 belongs to the portfolio %2 (its %3 file); Keystone never writes over it. Choose another name.")
                                   .arg(path, path.chopped(s.size()), s.mid(1)));
    }
    if (info.exists() && replace == Replace::Refuse)
        throw StorageError(StorageError::Code::AlreadyExists, path, QStringLiteral("%1 already exists; use --force to replace it").arg(path));
}

QString writeFailureReason(const QString &systemText)
{
    static const QString full = QString::fromLocal8Bit(std::strerror(ENOSPC));
    if (systemText.contains(full, Qt::CaseInsensitive) || systemText.contains(QLatin1String("No space left"), Qt::CaseInsensitive))
        return QStringLiteral("the disk is full");
    return systemText.isEmpty() ? QStringLiteral("the file system refused the write") : systemText;
}

namespace {
// QSaveFile buffers, and when the buffer's flush fails at commit() its error text is often
// "Unknown error" (the errno is lost on the way). The folder's free space says whether the
// disk was the reason.
QString diskAwareReason(const QString &systemText, const QString &folder, qint64 needed)
{
    QStorageInfo disk(folder);
    disk.refresh();
    if (disk.isValid() && disk.bytesAvailable() >= 0 && disk.bytesAvailable() < needed + 64 * 1024)
        return QStringLiteral("the disk is full (%1 KB to write, %2 KB free)").arg((needed + 1023) / 1024).arg(disk.bytesAvailable() / 1024);
    return writeFailureReason(systemText);
}
} // namespace

bool writeOutputFile(const QString &target, const std::function<bool(QIODevice &)> &write, Replace replace)
{
    checkOutputTarget(target, replace);
    const QString path = QFileInfo(target).absoluteFilePath();
    QSaveFile f(path);
    auto fail = [&](const QString &why) {
        const qint64 needed = qMax<qint64>(f.pos(), 1);
        f.cancelWriting();
        throw StorageError(StorageError::Code::Io, path,
                           QStringLiteral("%1 cannot be written: %2. Nothing was changed.")
                               .arg(path, diskAwareReason(why, QFileInfo(path).absolutePath(), needed)));
    };
    if (!f.open(QIODevice::WriteOnly))
        fail(f.errorString());
    // The temporary file, before a byte is in it; rename keeps the mode.
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    bool finished = false;
    try {
        finished = write(f);
    } catch (const io::ExchangeWriteError &e) {
        fail(e.message); // the device refused bytes: say why, in the words above
    } catch (...) {
        if (f.error() != QFileDevice::NoError)
            fail(f.errorString()); // the device refused bytes: say why, in the words above
        f.cancelWriting();
        throw;
    }
    if (!finished) {
        f.cancelWriting();
        return false;
    }
    if (f.error() != QFileDevice::NoError)
        fail(f.errorString());
    const qint64 size = f.pos();
    if (!f.commit())
        throw StorageError(StorageError::Code::Io, path,
                           QStringLiteral("%1 cannot be written: %2. Nothing was changed.")
                               .arg(path, diskAwareReason(f.errorString(), QFileInfo(path).absolutePath(), size)));
    return true;
}

void writeOutputFile(const QString &target, const QByteArray &bytes, Replace replace)
{
    writeOutputFile(target, [&](QIODevice &out) {
        if (out.write(bytes) != bytes.size())
            throw io::ExchangeWriteError{out.errorString()};
        return true;
    }, replace);
}

} // namespace keystone::services
