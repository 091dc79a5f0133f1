// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/tasks/taskrunner.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>

class QUndoStack;

namespace keystone::services {
class Portfolio;
}

namespace keystone::app {

// The open portfolio's team book (docs/team.md): syncs on a worker connection (the window
// never waits for the network) soon after edits settle, every few minutes while bound, and on
// Sync Now; says where it stands in one line for the status bar ("Synced 2 min ago", "3
// changes waiting", "Offline: 12 changes waiting (server unreachable: ...)"). Offline is a
// normal state: a background sync that cannot reach the server says so there, never in a
// dialog. A pull that brought changes announces them, so the open views reload.
class TeamSync final : public QObject
{
    Q_OBJECT
public:
    struct Settings {
        int settleMs = 20 * 1000;            // after the last edit
        int everyMs = 5 * 60 * 1000;         // while bound
    };
    TeamSync(services::Portfolio &portfolio, QUndoStack *undo, QObject *parent = nullptr);
    ~TeamSync() override; // waits for a sync in progress

    bool isBound();
    bool isRunning() const { return m_running; }
    // Starts a sync now (no-op while one runs). `server`: a URL to connect with (Connect…),
    // possibly holding the session's password; empty: the one the file remembers, with the
    // password given this session (if any).
    void syncNow(const QString &server = {});
    void setPassword(const QString &password) { m_password = password; }
    // The status bar's line (empty when the file is bound to no team book).
    QString statusLine();
    int openConflicts();

Q_SIGNALS:
    void finished(bool ok, const QString &message); // message: what a Connect… should show
    void statusChanged();

private:
    void noteEdit();
    services::Portfolio &m_portfolio;
    Settings m_settings;
    QTimer m_settle;
    QTimer m_every;
    tasks::Task m_task;
    bool m_running = false;
    QString m_password;   // this session only; never written anywhere
    QString m_offline;    // why the last sync could not reach the server
    QDateTime m_lastSync; // when the last sync of this session completed
};

// A connection URL with a password added for this connection only (never stored).
QString withPassword(const QString &url, const QString &password);

} // namespace keystone::app
