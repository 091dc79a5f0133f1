// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "window/bookeditcontroller.h"

#include "commands/commandsupport.h"
#include "dialogs/catalogdialog.h"
#include "dialogs/scorecarddialog.h"
#include "dialogs/settingsdialog.h"
#include "dialogs/teamdialog.h"
#include "portfolio/portfolioview.h"
#include "widgets/backgroundtask.h"

#include "keystone/domain/teammember.h"
#include "keystone/services/bookservice.h"
#include "keystone/services/clock.h"
#include "keystone/services/healthservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/queries.h"

#include <QInputDialog>
#include <QLocale>
#include <QUndoStack>

#include <memory>

namespace keystone::app {

bool BookEditController::assignTeamMember(bool assign, const QString &memberName)
{
    if (!portfolio() || !view())
        return false;
    const QList<qint64> ids = view()->selectedAccountIds();
    if (ids.isEmpty())
        return false;
    const auto team = services::query::team(*portfolio());
    QStringList names;
    for (const auto &m : team)
        names << QStringLiteral("%1 (%2)").arg(m.name, domain::teamRoleName(m.role));
    QString chosen = memberName;
    if (chosen.isEmpty()) {
        if (!m_window.isInteractive() || names.isEmpty())
            return false;
        bool ok = false;
        const QString label = assign ? (ids.size() == 1 ? tr("Add to the coverage of this account:") : tr("Add to the coverage of %1 selected accounts:").arg(ids.size()))
                                     : (ids.size() == 1 ? tr("Remove from the coverage of this account:") : tr("Remove from the coverage of %1 selected accounts:").arg(ids.size()));
        chosen = QInputDialog::getItem(m_window.dialogParent(), assign ? tr("Assign Team Member") : tr("Remove Team Member"), label, names, 0, false, &ok);
        if (!ok)
            return false;
    }
    qint64 memberId = 0;
    for (qsizetype i = 0; i < names.size(); ++i)
        if (names.at(i) == chosen || team[size_t(i)].name == chosen)
            memberId = team[size_t(i)].id;
    if (memberId == 0)
        return false;
    QString name;
    for (const auto &m : team)
        if (m.id == memberId)
            name = m.name;
    // One transaction for the whole selection (all or none), one undo step that puts back
    // exactly the rows it wrote.
    services::Portfolio &portfolio = *this->portfolio();
    const auto accountsText = [](int n) { return n == 1 ? tr("1 account") : tr("%1 accounts").arg(n); };
    auto changed = std::make_shared<int>(0); // the step outlives this call (redo runs it again)
    std::unique_ptr<RecordedCommand> command;
    const bool done = reportFailures([this](const QString &m) { m_window.reportError(m); }, [&] {
        command = std::make_unique<RecordedCommand>(portfolio, [&portfolio, ids, memberId, assign, name, changed, accountsText] {
            *changed = int((assign ? services::assignMember(portfolio, ids, memberId) : services::unassignMember(portfolio, ids, memberId)).size());
            const QString count = accountsText(*changed);
            return assign ? tr("Assign %1 to %2").arg(name, count) : tr("Remove %1 from %2").arg(name, count);
        }, [this](const QString &m) { m_window.reportError(m); });
    });
    if (!done)
        return false;
    if (*changed == 0) {
        m_window.reportStatus(assign ? tr("Already assigned") : tr("Not assigned to those accounts"), 5000);
        return false;
    }
    undoStack()->push(command.release());
    const QString count = accountsText(*changed);
    m_window.reportStatus(assign ? tr("%1 now also covers %2; see the Team view").arg(name, count) : tr("%1 no longer covers %2").arg(name, count), 5000);
    return true;
}

void BookEditController::showSettingsDialog()
{
    if (!portfolio())
        return;
    SettingsDialog dialog(*portfolio(), *model(), *undoStack(), [this](const QString &m) { m_window.reportError(m); }, m_window.dialogParent());
    dialog.exec();
}

void BookEditController::showCatalogDialog()
{
    if (!portfolio())
        return;
    CatalogDialog dialog(*portfolio(), *m_window.currentWhitespaceService(), *undoStack(), [this](const QString &m) { m_window.reportError(m); }, m_window.dialogParent());
    dialog.exec();
}

void BookEditController::showScorecardDialog()
{
    if (!portfolio())
        return;
    ScorecardDialog dialog(*portfolio(), *undoStack(), [this](const QString &m) { m_window.reportError(m); }, services::today(), m_window.dialogParent());
    dialog.exec();
}


void BookEditController::recomputeHealth()
{
    if (!portfolio() || portfolio()->isReadOnly())
        return;
    reportFailures([this](const QString &m) { m_window.reportError(m); }, [this] {
        qint64 written = 0;
        const auto outcome = runInBackground(m_window.dialogParent(), *portfolio(), tr("Recomputing every health score…"), true,
                                             [&written](services::Portfolio &worker, TaskProgress &progress) {
                                                 services::HealthService health(worker);
                                                 written = health.recomputeAll([&](int done, int total) { return progress.report(done, total); });
                                                 return written >= 0;
                                             });
        if (outcome == TaskOutcome::Done) {
            Q_EMIT portfolio()->healthChanged({});
            m_window.reportStatus(tr("Recomputed %1 health scores.").arg(QLocale().toString(written)), 5000);
        } else {
            m_window.reportStatus(tr("Recompute cancelled; the scores are as they were."), 5000);
        }
    });
}

void BookEditController::showTeamDialog()
{
    if (!portfolio())
        return;
    TeamDialog dialog(*portfolio(), *m_window.currentTeamService(), *model(), *undoStack(), m_window.dialogParent());
    dialog.exec();
}

} // namespace keystone::app
