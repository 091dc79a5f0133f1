// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QDialog>

#include <functional>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace keystone::app {

// File > Backups…: the portfolio's backups beside it (newest first, with date and size),
// Back Up Now, and Restore… of the selected one. The window does the work through the
// callbacks (a backup runs in the background; a restore closes and reopens the file).
class BackupsDialog final : public QDialog
{
    Q_OBJECT
public:
    struct Actions {
        std::function<bool()> backUpNow;                      // true when a backup was written
        std::function<bool(const QString &backup)> restore;   // true when restored (the dialog closes)
    };
    BackupsDialog(const QString &portfolioPath, Actions actions, QWidget *parent = nullptr);

    void refresh();
    QTreeWidget *list() const { return m_list; }
    QPushButton *restoreButton() const { return m_restore; }

private:
    QString m_path;
    Actions m_actions;
    QTreeWidget *m_list = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_restore = nullptr;
};

} // namespace keystone::app
