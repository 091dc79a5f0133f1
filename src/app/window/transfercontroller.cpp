// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "window/transfercontroller.h"

#include "commands/commandsupport.h"
#include "dialogs/importdialog.h"
#include "portfolio/portfolioview.h"
#include "widgets/backgroundtask.h"

#include "keystone/io/csv.h"
#include "keystone/services/backups.h"
#include "keystone/services/exchangeservice.h"
#include "keystone/services/importservice.h"
#include "keystone/services/outputfile.h"
#include "keystone/services/portfolio.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>

namespace keystone::app {

void TransferController::importCsv(const QString &path)
{
    if (!portfolio())
        return;
    ImportDialog dialog(*portfolio(), m_window.dialogParent());
    dialog.setInteractive(m_window.isInteractive());
    connect(&dialog, &ImportDialog::imported, this, [this](const services::CsvImportReport &r) {
        announceImport(r.teamMembersCreated > 0);
        m_window.reportStatus(tr("Imported %1: %2 created, %3 updated, %4 refused.")
                                     .arg(io::importKindName(r.kind).toLower()).arg(r.created).arg(r.updated).arg(r.rejected),
                                 10000);
    });
    if (!path.isEmpty())
        dialog.setFile(path);
    dialog.exec();
}

void TransferController::announceImport(bool teamChanged)
{
    // An import may touch every account: every view reads again, the open account's page
    // included, however many accounts it touched.
    if (!portfolio())
        return;
    portfolio()->announceBookChanged(teamChanged);
    m_window.statusChanged();
}

std::optional<services::ExchangeReport> TransferController::importJson(const QString &path)
{
    if (!portfolio() || portfolio()->isReadOnly())
        return std::nullopt;
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            m_window.reportError(tr("%1 cannot be read: %2").arg(path, f.errorString()));
            return std::nullopt;
        }
    }
    std::optional<services::ExchangeReport> result;
    auto run = [&](bool dryRun) -> std::optional<services::ExchangeReport> {
        std::optional<services::ExchangeReport> report;
        QString failure;
        reportFailures([&](const QString &m) { failure = m; }, [&] {
            try {
                runInBackground(m_window.dialogParent(), *portfolio(), dryRun ? tr("Checking %1…").arg(QFileInfo(path).fileName()) : tr("Importing %1…").arg(QFileInfo(path).fileName()),
                                false, [&](services::Portfolio &worker, TaskProgress &progress) {
                                    services::backupBeforeImport(worker, dryRun);
                                    // Read as it is merged, on the worker: memory stays flat.
                                    QFile f(path);
                                    if (!f.open(QIODevice::ReadOnly))
                                        throw services::ImportRefused{tr("cannot be read: %1").arg(f.errorString())};
                                    report = services::ExchangeService(worker).importJson(f, dryRun, [&](int d, int t) { return progress.report(d, t); });
                                    return true;
                                });
            } catch (const services::ImportRefused &e) {
                failure = e.message;
            }
        });
        if (!failure.isEmpty())
            m_window.reportError(tr("%1: %2").arg(QFileInfo(path).fileName(), failure));
        return report;
    };
    const auto dry = run(true);
    if (!dry)
        return std::nullopt;
    if (!dry->errors.isEmpty()) {
        m_window.reportError(tr("%1 cannot be imported (nothing was changed):\n%2").arg(QFileInfo(path).fileName(), dry->errors.mid(0, 20).join(QLatin1Char('\n'))));
        return dry;
    }
    const QString summary = tr("%1 would add %2, update %3 and leave %4 as they are here (%5 unchanged); %n field(s) changed on both sides.",
                               nullptr, int(dry->conflicts.size()))
                                .arg(QFileInfo(path).fileName())
                                .arg(dry->total(&services::ExchangeCounts::added))
                                .arg(dry->total(&services::ExchangeCounts::updated))
                                .arg(dry->total(&services::ExchangeCounts::keptHere))
                                .arg(dry->total(&services::ExchangeCounts::unchanged));
    if (m_window.isInteractive()) {
        QMessageBox box(QMessageBox::Question, tr("Import or Merge JSON"), summary, QMessageBox::Cancel, m_window.dialogParent());
        QPushButton *go = box.addButton(tr("Import"), QMessageBox::AcceptRole);
        box.setInformativeText(tr("The side changed last wins. A backup of this portfolio is taken first."));
        QStringList details;
        for (const auto &c : dry->conflicts)
            details << tr("%1 “%2”, %3: here %4, in the file %5 — keeps %6")
                           .arg(c.collection, c.label.isEmpty() ? c.key : c.label, c.field, c.here, c.incoming,
                                c.kept == QLatin1String("incoming") ? tr("the file's") : tr("this portfolio's"));
        if (!details.isEmpty())
            box.setDetailedText(details.mid(0, 2000).join(QLatin1Char('\n')));
        box.exec();
        if (box.clickedButton() != go)
            return std::nullopt;
    }
    result = run(false);
    if (result && result->errors.isEmpty()) {
        if (result->settingsImported) {
            portfolio()->reloadSettings();
            Q_EMIT portfolio()->settingsChanged();
        }
        announceImport(true);
        m_window.reportStatus(tr("Imported %1: %2 added, %3 updated, %4 conflict(s).")
                                     .arg(QFileInfo(path).fileName())
                                     .arg(result->total(&services::ExchangeCounts::added))
                                     .arg(result->total(&services::ExchangeCounts::updated))
                                     .arg(result->conflicts.size()),
                                 10000);
    }
    return result;
}

bool TransferController::exportJson(const QString &path, bool selectedOnly)
{
    if (!portfolio())
        return false;
    return reportFailures([this](const QString &m) { m_window.reportError(m); }, [&] {
        std::optional<QList<qint64>> ids;
        if (selectedOnly && view())
            ids = view()->selectedAccountIds();
        services::checkOutputTarget(path, services::Replace::Allow); // before the work
        // On a worker, written as it is read: the window stays live and memory flat for a
        // book of any size. Cancel leaves whatever was at `path` as it was.
        const TaskOutcome outcome = runInBackground(
            m_window.dialogParent(), *portfolio(), tr("Exporting %1…").arg(QFileInfo(path).fileName()), true,
            [&](services::Portfolio &worker, TaskProgress &progress) {
                // The Save dialog confirmed a replacement.
                return services::writeOutputFile(path, [&](QIODevice &device) {
                    return services::ExchangeService(worker).exportJson(device, ids, [&](int d, int t) { return progress.report(d, t); });
                }, services::Replace::Allow);
            });
        if (outcome == TaskOutcome::Cancelled) {
            m_window.reportStatus(tr("Export cancelled: %1 was not written.").arg(QFileInfo(path).fileName()), 8000);
            return;
        }
        m_window.reportStatus(tr("Wrote %1 (%2).").arg(QFileInfo(path).fileName(), ids ? tr("%n account(s)", nullptr, int(ids->size())) : tr("whole portfolio")), 8000);
    });
}

bool TransferController::exportTableCsv(const QString &path)
{
    QWidget *page = m_window.currentPage();
    if (!page)
        return false;
    // The focused table of this page, else its first visible one.
    QAbstractItemView *view = qobject_cast<QAbstractItemView *>(QApplication::focusWidget());
    if (!view || !page->isAncestorOf(view)) {
        view = nullptr;
        for (QTableView *t : page->findChildren<QTableView *>())
            if (t->isVisible() && t->model() && t->model()->columnCount() > 0) {
                view = t;
                break;
            }
    }
    auto *table = qobject_cast<QTableView *>(view);
    if (!table || !table->model())
        return false;
    const QAbstractItemModel *model = table->model();
    const QHeaderView *header = table->horizontalHeader();
    QList<int> columns;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical))
            columns << logical;
    }
    QStringList names;
    for (int c : columns)
        names << model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString().simplified();
    std::vector<QStringList> rows;
    rows.reserve(size_t(model->rowCount()));
    for (int r = 0; r < model->rowCount(); ++r) {
        if (table->isRowHidden(r))
            continue;
        QStringList cells;
        for (int c : columns)
            cells << model->index(r, c).data(Qt::DisplayRole).toString();
        rows.push_back(cells);
    }
    // The Save dialog asked before replacing a file; a portfolio is never replaced.
    if (!reportFailures([this](const QString &m) { m_window.reportError(m); },
                        [&] { services::writeOutputFile(path, io::csvFileBytes(names, rows), services::Replace::Allow); }))
        return false;
    m_window.reportStatus(tr("Wrote %1: %2 rows, %3 columns.").arg(QFileInfo(path).fileName()).arg(rows.size()).arg(columns.size()), 8000);
    return true;
}

} // namespace keystone::app
