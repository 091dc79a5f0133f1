// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/storage/backups.h"

#include <QString>

// The app and the CLI reach a portfolio's backups through here, never through storage: the
// vocabulary (what a backup is, where backups live, how they rotate and are restored) is
// storage's, and the rules of when to take one are here.
namespace keystone::services {

class Portfolio;

using storage::BackupInfo;
using storage::BackupReason;
using storage::RetentionPolicy;
using storage::SetAside;
using storage::backupFolder;
using storage::backupReasonName;
using storage::listBackups;
using storage::newestGoodBackup;
using storage::restoreBackup;
using storage::setPortfolioAside;

// A verified backup of the open portfolio into its backup folder (see storage::makeBackup);
// rotated ones (Import, Automatic) prune by `policy`. Run it on a worker's Portfolio: it
// reads the whole file. Returns the path; throws storage::StorageError.
QString backUp(Portfolio &portfolio, BackupReason reason, const RetentionPolicy &policy = {});

// The one rule for imports and merges, whoever runs them (the window's CSV and JSON imports,
// keystone-cli import and merge): before anything changes a portfolio that holds accounts, a
// verified backup is taken, so File > Backups… or `keystone-cli restore` can bring back the
// state before the import. None for a dry run or an empty portfolio (nothing to lose):
// returns an empty path then.
QString backupBeforeImport(Portfolio &portfolio, bool dryRun);

// `keystone-cli backup`: a verified copy of a portfolio file, taken read-only so it works
// while a window has the file open. `to` empty: into its backup folder as a Manual backup;
// an existing folder: into it under a backup's name; otherwise that file. Returns the path
// written; throws storage::StorageError.
QString backUpFile(const QString &portfolioPath, const QString &to = {});

// How restoring over `portfolioPath` keeps the file it replaces: Damaged when the file is
// there and does not open, Replaced otherwise.
SetAside setAsideFor(const QString &portfolioPath);

} // namespace keystone::services
