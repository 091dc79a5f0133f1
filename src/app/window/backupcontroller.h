// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "window/windowcontext.h"

#include <QObject>

namespace keystone::app {

// File > Backups…: the list, Back Up Now (in the background), Restore (closes, restores,
// reopens); and putting the newest good backup in place of a damaged file.
class BackupController final : public QObject, private WindowController
{
    Q_OBJECT
public:
    BackupController(WindowContext &window, QObject *parent) : QObject(parent), WindowController(window) {}

    void showBackupsDialog();
    bool backUpNow();
    bool restoreFromBackup(const QString &backup);
    // The damaged file is kept as NAME.damaged-<timestamp>, and the restored one opened.
    bool restoreDamaged(const QString &path);
};

} // namespace keystone::app
