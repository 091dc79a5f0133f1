// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QByteArray>
#include <QString>

#include <functional>

class QIODevice;

namespace keystone::services {

// Whether an output may replace an existing file that is not a portfolio: the CLI's --force,
// or the Save dialog's own "Replace?" confirmation in the window.
enum class Replace { Refuse, Allow };

// Whether `path` is a Keystone portfolio, recognised by its content (an SQLite header with
// Keystone's application id), or has a lock file beside it (a portfolio being created or
// open right now), whatever its name.
bool isPortfolioFile(const QString &path);

// The one check before Keystone writes any file a user names (exports, PDFs, images,
// mappings, copies). Throws storage::StorageError naming the file when `target`
//  - is a Keystone portfolio, or one of its companions (NAME-wal, NAME-shm, NAME-journal,
//    NAME.lock) beside a portfolio: never replaced, open elsewhere or not (AlreadyExists);
//  - is a folder (AlreadyExists);
//  - exists and `replace` is Refuse: "use --force to replace it" (AlreadyExists).
void checkOutputTarget(const QString &target, Replace replace);

// Writes `bytes` to `target` after checkOutputTarget(): into a temporary file in the same
// folder, flushed to disk, then renamed into place, so a failure (a full disk, a kill) leaves
// whatever was there unchanged. The file is owner-only (0600) from its first byte. Throws
// storage::StorageError (Io) naming the file and saying why, "the disk is full" included.
void writeOutputFile(const QString &target, const QByteArray &bytes, Replace replace);

// The same for an output written as it is made (a portfolio's JSON export, hundreds of
// megabytes): `write(device)` writes into the temporary file. When it returns false (a
// cancel) or throws, the temporary file is removed, whatever was at `target` stays, and this
// returns false or throws again. A refused write (a full disk: the device's error, or
// io::ExchangeWriteError from the writer) throws the StorageError above.
bool writeOutputFile(const QString &target, const std::function<bool(QIODevice &)> &write, Replace replace);

// The reason a write failed, as a user reads it: "the disk is full" when the system said so
// (ENOSPC, or its text from a QFileDevice), otherwise the system's own words.
QString writeFailureReason(const QString &systemText);

} // namespace keystone::services
