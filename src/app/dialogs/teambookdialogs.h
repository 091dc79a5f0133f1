// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QDialog>
#include <QString>

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace keystone::services {
class Portfolio;
}

namespace keystone::app {

// File > Team > Connect to Team Book…: the server's URL, the login, and a password for this
// session (never stored: libpq's ~/.pgpass or PGPASSWORD work too).
struct TeamConnection {
    QString url;      // with the login, without the password
    QString password; // empty: libpq finds it
};
class TeamConnectDialog final : public QDialog
{
    Q_OBJECT
public:
    // `remembered`: the server the file was last bound to (an example when none).
    TeamConnectDialog(const QString &remembered, QWidget *parent = nullptr);
    // What was entered; nullopt without a server.
    std::optional<TeamConnection> connection() const;

private:
    QLineEdit *m_server = nullptr;
    QLineEdit *m_login = nullptr;
    QLineEdit *m_password = nullptr;
};
std::optional<TeamConnection> askTeamConnection(QWidget *parent, const QString &remembered);

// File > Team > Conflicts…: what syncs found changed on both sides, with both values, who
// made the change that stands and when; Keep mine puts my value back (the next sync sends
// it), Keep theirs closes the conflict.
class ConflictsDialog final : public QDialog
{
    Q_OBJECT
public:
    ConflictsDialog(services::Portfolio &portfolio, QWidget *parent = nullptr);
    int rowCount() const;
    // Resolves the conflict on `row` (tests, and the buttons).
    bool resolve(int row, bool keepMine);

Q_SIGNALS:
    void resolved();

private:
    void reload();
    services::Portfolio &m_portfolio;
    QTableWidget *m_table = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_detail = nullptr;
    QPushButton *m_mine = nullptr;
    QPushButton *m_theirs = nullptr;
};

} // namespace keystone::app
