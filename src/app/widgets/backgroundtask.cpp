// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "widgets/backgroundtask.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QProgressDialog>
#include <QTimer>

#include <algorithm>
#include <exception>
#include <memory>

namespace keystone::app {

TaskOutcome runInBackground(QWidget *parent, services::Portfolio &portfolio, const QString &label, bool cancellable,
                            const PortfolioJob &job)
{
    tasks::Runner &runner = tasks::Runner::instance();
    const tasks::Runner::DeliveryHold hold(runner);
    TaskProgress progress;
    QEventLoop loop;
    const auto ticket = portfolio.workerTicket();
    QProgressDialog dialog(label, cancellable ? QCoreApplication::translate("keystone", "Cancel") : QString(), 0, 0, parent);
    dialog.setWindowModality(Qt::ApplicationModal);
    dialog.setMinimumDuration(400);
    dialog.setAutoReset(false);
    dialog.setAutoClose(false);
    QObject::connect(&dialog, &QProgressDialog::canceled, &dialog, [&] {
        if (!cancellable)
            return;
        progress.requestCancel();
        dialog.setLabelText(QCoreApplication::translate("keystone", "Cancelling…"));
    });
    dialog.setValue(0);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &dialog, [&] {
        if (progress.total() > 0 && dialog.maximum() != progress.total())
            dialog.setMaximum(progress.total());
        if (progress.total() > 0)
            dialog.setValue(std::min(progress.done(), progress.total() - 1));
        else
            dialog.setValue(0); // busy indicator until the job knows its size; also shows the dialog when due
    });
    poll.start(50);
    // The job ends the wait itself (a delivery would be held back like every other). It starts
    // only now: a quit posted before exec() would be lost.
    auto finished = runner.submit(tasks::Priority::Interactive, [&] {
        TaskOutcome outcome = TaskOutcome::Cancelled;
        std::exception_ptr failure;
        try {
            auto worker = services::Portfolio::openWorker(ticket);
            outcome = job(*worker, progress) ? TaskOutcome::Done : TaskOutcome::Cancelled;
        } catch (...) {
            failure = std::current_exception();
        }
        QMetaObject::invokeMethod(&loop, &QEventLoop::quit, Qt::QueuedConnection);
        return std::make_pair(outcome, failure);
    });

    loop.exec();
    const auto [outcome, failure] = finished.get();
    poll.stop();
    dialog.close();
    if (failure)
        std::rethrow_exception(failure);
    return outcome;
}

} // namespace keystone::app
