// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/services/backups.h"
#include "keystone/services/clock.h"
#include "keystone/tasks/taskrunner.h"

#include <QObject>
#include <QTimer>

#include <memory>

class QUndoStack;

namespace keystone::services {
class Portfolio;
}

namespace keystone::app {

// Automatic backups of the open portfolio: after a change, once the user has been idle for a
// minute, and at most once an hour (counted from the newest backup of any kind), a verified
// backup is taken on a worker connection (the window never waits for it) into the
// portfolio's backup folder, and the rotated backups are pruned (24 hourly, 7 daily, 8 weekly
// by default). A change is any step of the undo stack (edit, undo, redo) or anything the
// portfolio announces (imports, recomputes). Read-only portfolios are not backed up.
class AutoBackup final : public QObject
{
    Q_OBJECT
public:
    struct Settings {
        int idleMs = 60 * 1000;
        qint64 minIntervalSecs = 60 * 60;
        services::RetentionPolicy policy;
    };
    AutoBackup(services::Portfolio &portfolio, QUndoStack *undo, Settings settings, QObject *parent = nullptr);
    AutoBackup(services::Portfolio &portfolio, QUndoStack *undo, QObject *parent = nullptr);
    ~AutoBackup() override; // waits for a backup in progress

    // Changes not yet in a backup.
    bool hasPendingChanges() const { return m_changes != m_backedUp; }
    bool isRunning() const { return m_running; }
    void setSettings(Settings settings) { m_settings = std::move(settings); }

    // A change happened: (re)starts the idle wait.
    void noteChange();
    // What the idle wait's end does: takes a backup when changes are pending and the interval
    // since the newest backup is over, else waits again for what is left of it. The window
    // calls it from its timer; tests call it instead of waiting for one.
    void quietSpellOver();
    // Milliseconds the timer was set to when it was last started, or -1 when no check is due.
    int nextCheckInMs() const { return m_timer.isActive() ? m_timer.interval() : -1; }

Q_SIGNALS:
    void backedUp(const QString &path, int pruned);
    void failed(const QString &message);

private:
    void start();

    services::Portfolio &m_portfolio;
    Settings m_settings;
    QTimer m_timer;
    quint64 m_changes = 0;  // generation of the newest change
    quint64 m_backedUp = 0; // the generation the newest backup holds
    bool m_running = false; // from start() until its result is taken in
    tasks::Task m_task;
};

} // namespace keystone::app
