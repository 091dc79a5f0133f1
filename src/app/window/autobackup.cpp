// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "window/autobackup.h"

#include "widgets/backgroundtask.h"

#include "keystone/log/log.h"
#include "keystone/services/clock.h"
#include "keystone/services/portfolio.h"

#include <QUndoStack>

#include <algorithm>
#include <limits>

namespace keystone::app {

AutoBackup::AutoBackup(services::Portfolio &portfolio, QUndoStack *undo, QObject *parent)
    : AutoBackup(portfolio, undo, Settings{}, parent)
{
}

AutoBackup::AutoBackup(services::Portfolio &portfolio, QUndoStack *undo, Settings settings, QObject *parent)
    : QObject(parent)
    , m_portfolio(portfolio)
    , m_settings(std::move(settings))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &AutoBackup::quietSpellOver);
    if (portfolio.isReadOnly())
        return; // nothing changes here; the writer backs up
    const auto change = [this] { noteChange(); };
    if (undo)
        connect(undo, &QUndoStack::indexChanged, this, change);
    using P = services::Portfolio;
    connect(&portfolio, &P::accountsAdded, this, change);
    connect(&portfolio, &P::accountsUpdated, this, change);
    connect(&portfolio, &P::accountsRemoved, this, change);
    connect(&portfolio, &P::teamChanged, this, change);
    connect(&portfolio, &P::settingsChanged, this, change);
    connect(&portfolio, &P::catalogChanged, this, change);
    connect(&portfolio, &P::whitespaceChanged, this, change);
    connect(&portfolio, &P::opportunitiesChanged, this, change);
    connect(&portfolio, &P::contactsChanged, this, change);
    connect(&portfolio, &P::activitiesChanged, this, change);
    connect(&portfolio, &P::healthChanged, this, change);
    connect(&portfolio, &P::planChanged, this, change);
    connect(&portfolio, &P::signalDecisionsChanged, this, change);
    connect(&portfolio, &P::assignmentsChanged, this, change);
    connect(&portfolio, &P::bookChanged, this, change);
}

AutoBackup::~AutoBackup()
{
    cancelAndWait(m_task); // a backup under way finishes; its connection must not outlive the portfolio
}

void AutoBackup::noteChange()
{
    if (m_portfolio.isReadOnly())
        return;
    ++m_changes;
    m_timer.start(m_settings.idleMs); // idle means a full quiet minute after the last change
}

void AutoBackup::quietSpellOver()
{
    if (!hasPendingChanges() || m_running)
        return; // a running backup looks again when it ends
    const QList<services::BackupInfo> existing = services::listBackups(m_portfolio.path());
    const QDateTime now = services::now().toLocalTime(); // the clock the backups are named by (tests move it)
    if (!existing.isEmpty()) {
        const qint64 since = existing.first().takenAt.secsTo(now);
        if (since >= 0 && since < m_settings.minIntervalSecs) {
            // Too soon after the last one: come back when the hour is up.
            const qint64 waitMs = (m_settings.minIntervalSecs - since) * 1000;
            m_timer.start(int(std::min<qint64>(waitMs, std::numeric_limits<int>::max())));
            return;
        }
    }
    start();
}

void AutoBackup::start()
{
    const quint64 generation = m_changes;
    struct Result {
        QString path;
        int pruned = 0;
    };
    const services::RetentionPolicy policy = m_settings.policy;
    const QString file = m_portfolio.path();
    m_running = true;
    m_task = runOnWorker(
        this, m_portfolio, tasks::Priority::Background,
        [policy, file](services::Portfolio &worker, TaskProgress &) {
            Result result;
            const int before = int(services::listBackups(file).size());
            result.path = services::backUp(worker, services::BackupReason::Automatic, policy);
            result.pruned = before + 1 - int(services::listBackups(file).size());
            return result;
        },
        [this, generation](const Result &result) {
            m_running = false;
            m_backedUp = generation;
            log::info(QStringLiteral("Backed up %1 automatically to %2 (verified; %3 pruned)").arg(m_portfolio.path(), result.path).arg(result.pruned));
            Q_EMIT backedUp(result.path, result.pruned);
            if (hasPendingChanges())
                m_timer.start(m_settings.idleMs); // changes made while it ran wait for the next hour
        },
        [this](const QString &failure) {
            m_running = false;
            log::warn(QStringLiteral("Automatic backup of %1 failed: %2").arg(m_portfolio.path(), failure));
            Q_EMIT failed(tr("The automatic backup failed: %1").arg(failure));
            m_timer.start(m_settings.idleMs); // try again after the next quiet spell
        });
}

} // namespace keystone::app
