// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "window/teamsync.h"

#include "widgets/backgroundtask.h"

#include "keystone/services/clock.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/syncstore.h"
#include "keystone/team/sync.h"

#include <QUndoStack>
#include <QUrl>

namespace keystone::app {

namespace {
QString changes(int n)
{
    return n == 1 ? TeamSync::tr("1 change") : TeamSync::tr("%1 changes").arg(n);
}
} // namespace

QString withPassword(const QString &url, const QString &password)
{
    if (password.isEmpty())
        return url;
    if (url.startsWith(QLatin1String("postgres://")) || url.startsWith(QLatin1String("postgresql://"))) {
        const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(password));
        return url + (url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) + QStringLiteral("password=") + encoded;
    }
    QString quoted = password;
    quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('\''), QStringLiteral("\\'"));
    return url + QStringLiteral(" password='") + quoted + QLatin1Char('\'');
}

TeamSync::TeamSync(services::Portfolio &portfolio, QUndoStack *undo, QObject *parent) : QObject(parent), m_portfolio(portfolio)
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(m_settings.settleMs);
    connect(&m_settle, &QTimer::timeout, this, [this] { syncNow(); });
    m_every.setInterval(m_settings.everyMs);
    connect(&m_every, &QTimer::timeout, this, [this] { syncNow(); });
    if (undo)
        connect(undo, &QUndoStack::indexChanged, this, &TeamSync::noteEdit);
    if (isBound())
        m_every.start();
}

TeamSync::~TeamSync()
{
    cancelAndWait(m_task); // the worker's connection must not outlive the portfolio
}

bool TeamSync::isBound()
{
    return services::SyncStore(m_portfolio).binding().has_value();
}

void TeamSync::noteEdit()
{
    if (!m_portfolio.isReadOnly() && isBound())
        m_settle.start();
    Q_EMIT statusChanged();
}

void TeamSync::syncNow(const QString &server)
{
    if (m_running || m_portfolio.isReadOnly())
        return;
    const auto binding = services::SyncStore(m_portfolio).binding();
    if (server.isEmpty() && !binding)
        return;
    const QString url = !server.isEmpty() ? server : withPassword(binding->server, m_password);
    m_running = true;
    Q_EMIT statusChanged();
    m_task = runOnWorker(
        this, m_portfolio, tasks::Priority::Background,
        [url](services::Portfolio &worker, TaskProgress &) {
            team::SyncOptions o;
            o.server = url;
            return team::syncPortfolio(worker, o);
        },
        [this](const team::SyncReport &r) {
            m_running = false;
            m_offline.clear();
            m_lastSync = services::now();
            m_every.start();
            m_portfolio.reloadTeamAccess(); // the role the server gave, for the views
            // What arrived was written through the worker's connection: the window's views
            // reload from the file.
            if (r.pulledTotal() > 0 || !r.conflicts.empty())
                m_portfolio.announceBookChanged(true);
            QString said = tr("Synced with the team book: sent %1, received %2").arg(r.pushedTotal()).arg(r.pulledTotal());
            if (!r.skipped.isEmpty())
                said += r.skipped.size() == 1 ? tr("; 1 item from the team book could not be taken here (%1)").arg(r.skipped.front())
                                              : tr("; %1 items from the team book could not be taken here (the log lists them)").arg(r.skipped.size());
            if (!r.conflicts.empty())
                said += r.conflicts.size() == 1 ? tr("; 1 conflict to look at (File > Team > Conflicts…)")
                                                : tr("; %1 conflicts to look at (File > Team > Conflicts…)").arg(r.conflicts.size());
            Q_EMIT statusChanged();
            Q_EMIT finished(true, said);
        },
        [this](const QString &message) {
            m_running = false;
            m_offline = message;
            Q_EMIT statusChanged();
            Q_EMIT finished(false, message);
        });
}

int TeamSync::openConflicts()
{
    return int(services::SyncStore(m_portfolio).conflicts().size());
}

QString TeamSync::statusLine()
{
    services::SyncStore store(m_portfolio);
    const auto binding = store.binding();
    if (!binding)
        return {};
    if (m_running)
        return tr("Team book: syncing…");
    if (m_portfolio.isReadOnly())
        return tr("Team book: not synced while this file is read-only (%1)").arg(m_portfolio.readOnlyReason().left(120));
    // (Unknown before the file first agrees with the server: it was never synced then.)
    const std::optional<int> waiting = store.pendingCount();
    const int conflicts = int(store.conflicts().size());
    QString line;
    if (!m_offline.isEmpty()) {
        line = waiting ? tr("Offline: %1 waiting (%2)").arg(changes(*waiting), m_offline.left(120))
                       : tr("Offline: not synced yet (%1)").arg(m_offline.left(120));
    } else if (waiting.value_or(0) > 0) {
        line = tr("%1 waiting").arg(changes(*waiting));
    } else {
        const QDateTime last = m_lastSync.isValid() ? m_lastSync : QDateTime::fromString(binding->lastSyncAt, Qt::ISODateWithMs);
        if (!last.isValid()) {
            line = tr("Not synced yet");
        } else {
            const qint64 secs = std::max<qint64>(0, last.secsTo(services::now()));
            line = secs < 60 ? tr("Synced just now") : secs < 3600 ? tr("Synced %1 min ago").arg(secs / 60)
                                                                   : tr("Synced %1").arg(last.toLocalTime().toString(QStringLiteral("d MMM HH:mm")));
        }
    }
    if (conflicts > 0)
        line += conflicts == 1 ? tr(" · 1 conflict") : tr(" · %1 conflicts").arg(conflicts);
    return line;
}

} // namespace keystone::app
