// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QList>
#include <QObject>

#include <functional>

class QAction;
class QMenu;
class QTableView;

namespace keystone::app {

// What every list of accounts does alike (the portfolio, the tier grid, renewals, hygiene,
// signals, book whitespace, the health dashboard): Enter or a double-click opens the account
// under the cursor, Ctrl+C copies the selected rows as tab-separated text with the column
// titles, and a right-click offers those plus the list's own actions. In-place editing, where
// a list has it, stays on F2 and on typing.
class AccountListActions final : public QObject
{
    Q_OBJECT
public:
    // `idRole` is the item data role that holds the account id (0 or absent: not an account).
    AccountListActions(QTableView *view, int idRole, std::function<void(qint64)> open);

    QAction *openAction() const { return m_open; }
    QAction *copyAction() const { return m_copy; }
    // Actions shown after Open and Copy in the row menu (the window's Export QBR, Delete…).
    void setExtraActions(QList<QAction *> actions) { m_extra = std::move(actions); }
    // The id of the account in the current row, 0 when none.
    qint64 currentId() const;
    // Copies the selected rows (tab-separated, with the header) to the clipboard; the text.
    QString copySelection() const;
    // The row menu as a right-click at the current row would show it (for tests).
    QMenu *buildMenu(QWidget *parent) const;

private:
    void openCurrent();
    QTableView *m_view;
    int m_idRole;
    std::function<void(qint64)> m_openAccount;
    QAction *m_open = nullptr;
    QAction *m_copy = nullptr;
    QList<QAction *> m_extra;
};

} // namespace keystone::app
