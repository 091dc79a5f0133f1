// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "widgets/backgroundtask.h"

#include "keystone/services/portfolio.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QProgressDialog>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <exception>
#include <memory>

#ifdef __linux__
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace keystone::app {

TaskOutcome runInBackground(QWidget *parent, services::Portfolio &portfolio, const QString &label, bool cancellable,
                            const PortfolioJob &job)
{
    TaskProgress progress;
    TaskOutcome outcome = TaskOutcome::Cancelled;
    std::exception_ptr failure;
    const auto ticket = portfolio.workerTicket();
    std::unique_ptr<QThread> thread(QThread::create([&] {
        try {
            auto worker = services::Portfolio::openWorker(ticket);
            outcome = job(*worker, progress) ? TaskOutcome::Done : TaskOutcome::Cancelled;
        } catch (...) {
            failure = std::current_exception();
        }
    }));

    QProgressDialog dialog(label, cancellable ? QCoreApplication::translate("keystone", "Cancel") : QString(), 0, 0, parent);
    dialog.setWindowModality(Qt::WindowModal);
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

    QEventLoop loop;
    QObject::connect(thread.get(), &QThread::finished, &loop, &QEventLoop::quit);
    thread->start();
    loop.exec();
    thread->wait();
    poll.stop();
    dialog.close();
    if (failure)
        std::rethrow_exception(failure);
    return outcome;
}

std::unique_ptr<QThread> makeBackgroundThread(std::function<void()> work)
{
    return std::unique_ptr<QThread>(QThread::create([work = std::move(work)] {
#ifdef __linux__
        // Linux keeps a nice value per thread: this one, not the process. Failing is harmless.
        setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10);
#endif
        work();
    }));
}

void releaseFinishedThread(std::vector<std::unique_ptr<QThread>> &threads, QThread *finished)
{
    finished->wait();
    const auto it = std::find_if(threads.begin(), threads.end(), [finished](const std::unique_ptr<QThread> &t) { return t.get() == finished; });
    if (it == threads.end())
        return;
    it->release()->deleteLater();
    threads.erase(it);
}

} // namespace keystone::app
