// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "window/backupcontroller.h"

#include "commands/commandsupport.h"
#include "dialogs/backupsdialog.h"
#include "widgets/backgroundtask.h"

#include "keystone/services/backups.h"
#include "keystone/services/portfolio.h"

#include <QFileInfo>
#include <QLocale>

namespace keystone::app {

void BackupController::showBackupsDialog()
{
    if (!portfolio())
        return;
    BackupsDialog dialog(portfolio()->path(), {[this] { return backUpNow(); }, [this](const QString &b) { return restoreFromBackup(b); }}, m_window.dialogParent());
    dialog.exec();
}

bool BackupController::backUpNow()
{
    if (!portfolio())
        return false;
    QString written;
    const bool ok = reportFailures([this](const QString &m) { m_window.reportError(m); }, [&] {
        runInBackground(m_window.dialogParent(), *portfolio(), tr("Backing up %1…").arg(QFileInfo(portfolio()->path()).fileName()), false,
                        [&written](services::Portfolio &worker, TaskProgress &) {
                            written = services::backUp(worker, services::BackupReason::Manual);
                            return true;
                        });
    });
    if (ok)
        m_window.reportStatus(tr("Backed up to %1 (verified).").arg(written), 8000);
    return ok;
}

bool BackupController::restoreFromBackup(const QString &backup)
{
    if (!portfolio())
        return false;
    const QString path = portfolio()->path();
    m_window.closeCurrent(); // releases the file; the restore refuses while anyone holds it
    QString replaced;
    const bool ok = reportFailures([this](const QString &m) { m_window.reportError(m); }, [&] { replaced = services::restoreBackup(path, backup); });
    m_window.reopen(path);
    if (ok)
        m_window.reportStatus(tr("Restored from %1. The file it replaced is kept as %2.").arg(QFileInfo(backup).fileName(), replaced), 10000);
    return ok;
}

bool BackupController::restoreDamaged(const QString &path)
{
    const auto good = services::newestGoodBackup(path);
    if (!good) {
        m_window.reportError(tr("No backup of %1 opens; nothing was changed.").arg(path));
        return false;
    }
    if (portfolio() && QFileInfo(portfolio()->path()) == QFileInfo(path))
        m_window.closeCurrent();
    QString keptAs;
    if (!reportFailures([this](const QString &m) { m_window.reportError(m); },
                        [&] { keptAs = services::restoreBackup(path, good->path, services::SetAside::Damaged); }))
        return false;
    if (!m_window.reopen(path))
        return false;
    m_window.reportStatus(tr("Restored the backup of %1; the damaged file is kept as %2.")
                                 .arg(QLocale().toString(good->takenAt, QLocale::ShortFormat), QFileInfo(keptAs).fileName()),
                             15000);
    return true;
}

} // namespace keystone::app
