// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "window/qbrcontroller.h"
#include "keystone/domain/snapshot.h"
#include "keystone/services/clock.h"

#include "commands/commandsupport.h"
#include "dialogs/qbrdialog.h"
#include "portfolio/portfoliomodel.h"
#include "portfolio/portfolioview.h"
#include "widgets/backgroundtask.h"

#include "keystone/report/qbrreport.h"
#include "keystone/services/accountoverview.h"
#include "keystone/services/portfolio.h"

#include <QFileDialog>
#include <QInputDialog>
#include <QDir>
#include <QHash>

#include <algorithm>

namespace keystone::app {

void QbrController::exportQbr()
{
    if (!portfolio() || !view())
        return;
    const qint64 id = view()->currentAccountId();
    if (id == 0) {
        m_window.reportError(tr("Select an account in the Portfolio first."));
        return;
    }
    QbrDialog dialog(*portfolio(), id, services::today(), m_window.dialogParent(), undoStack());
    dialog.exec();
}

bool QbrController::exportQbrBatch(const QString &dir, const QString &quarter, services::QbrAudience audience)
{
    if (!portfolio() || !view())
        return false;
    const QList<qint64> ids = view()->batchAccountIds();
    std::vector<report::QbrBatchAccount> accounts;
    for (const qint64 id : ids)
        accounts.push_back({id, model()->index(model()->rowOfId(id), PortfolioModel::Name).data().toString()});
    services::QbrOptions options;
    options.quarter = quarter.trimmed().toUpper();
    options.audience = audience;
    options.locale = savedDateLocale();
    if (const auto range = services::quarterRange(options.quarter)) {
        options.today = std::min(range->second, services::today());
    } else {
        m_window.reportError(tr("Quarter: '%1' is not a quarter; write it like %2").arg(quarter, domain::quarterLabel(services::today())));
        return false;
    }
    if (!QDir().mkpath(dir)) {
        m_window.reportError(tr("Cannot create the folder %1").arg(dir));
        return false;
    }
    const report::ReportStyle style = savedReportStyle();
    report::QbrBatchResult result;
    bool ran = reportFailures([this](const QString &m) { m_window.reportError(m); }, [&] {
        runInBackground(m_window.dialogParent(), *portfolio(), tr("Writing %1 QBRs to %2…").arg(accounts.size()).arg(dir), true,
                        [&](services::Portfolio &worker, TaskProgress &progress) {
                            // The rows once for the batch: each review then reads only its account.
                            QHash<qint64, services::AccountRow> rows;
                            for (services::AccountRow &row : services::loadAccountOverview(worker).rows)
                                rows.insert(row.account.id, std::move(row));
                            auto build = [&](qint64 id) {
                                const auto it = rows.constFind(id);
                                return it == rows.constEnd() ? services::buildQbr(worker, id, options) : services::buildQbr(worker, *it, options);
                            };
                            result = report::writeQbrBatch(accounts, build, style, dir,
                                [&](int done, int total) { return progress.report(done, total); });
                            return !result.cancelled;
                        });
    });
    if (!ran)
        return false;
    QString message = result.cancelled ? tr("Cancelled: %1 of %2 QBRs written to %3.").arg(result.written).arg(accounts.size()).arg(dir)
                                       : tr("%1 of %2 QBRs written to %3.").arg(result.written).arg(accounts.size()).arg(dir);
    m_window.reportStatus(message, 8000);
    if (!result.failures.isEmpty()) {
        m_window.reportError(tr("%1\n%n account(s) failed:\n%2", nullptr, int(result.failures.size()))
                      .arg(message, result.failures.mid(0, 20).join(QLatin1Char('\n'))));
        return false;
    }
    return !result.cancelled;
}

void QbrController::chooseAndExportBatch()
{
    if (!portfolio() || !view())
        return;
    const QString dir = QFileDialog::getExistingDirectory(m_window.dialogParent(), tr("Folder for the QBRs"));
    if (dir.isEmpty())
        return;
    const QDate today = services::today();
    bool ok = false;
    const QString quarter = QInputDialog::getItem(m_window.dialogParent(), tr("Export QBRs"), tr("Quarter:"),
                                                  {domain::quarterLabel(today), domain::quarterLabel(today.addMonths(-3))}, 0, true, &ok);
    if (!ok)
        return;
    const QStringList audiences{tr("Internal (everything)"), tr("Customer")};
    const QString audience = QInputDialog::getItem(m_window.dialogParent(), tr("Export QBRs"), tr("Audience:"), audiences,
                                                   savedAudience() == services::QbrAudience::Customer ? 1 : 0, false, &ok);
    if (ok)
        exportQbrBatch(dir, quarter, audience == audiences.at(1) ? services::QbrAudience::Customer : services::QbrAudience::Internal);
}

} // namespace keystone::app
