// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/services/portfolio.h"
#include "keystone/tasks/taskrunner.h"

#include <QString>

#include <functional>
#include <utility>

class QWidget;

// The window's side of the task runner (keystone/tasks/taskrunner.h): jobs over a worker
// connection to the open portfolio, and the one modal wait with a progress dialog.
namespace keystone::app {

using TaskProgress = tasks::Progress;

// Runs `work(worker, progress)` on a pool thread of `priority`, over its own connection to
// `portfolio`'s file (opened and closed by the job), and hands what it returns to `done` on
// the UI thread, unless the task is cancelled or `context` is gone (see tasks::Runner::run).
// The owner keeps the Task and, in its destructor, cancels and waits for it: no job reads a
// portfolio that is being closed.
template <typename Work, typename Done>
tasks::Task runOnWorker(QObject *context, const services::Portfolio &portfolio, tasks::Priority priority, Work work, Done done,
                        std::function<void(const QString &)> failed = {})
{
    return tasks::Runner::instance().run(
        context, priority,
        [ticket = portfolio.workerTicket(), work = std::move(work)](tasks::Progress &progress) mutable {
            auto worker = services::Portfolio::openWorker(ticket);
            return work(*worker, progress);
        },
        std::move(done), std::move(failed));
}

// Cancels a task and waits for its job to return (for an owner's destructor).
inline void cancelAndWait(tasks::Task &task)
{
    task.cancel();
    task.wait();
}

// The job: runs on a worker thread over its own connection to the portfolio; returns false
// when it stopped because of a cancel (and wrote nothing).
using PortfolioJob = std::function<bool(services::Portfolio &worker, TaskProgress &progress)>;

// Runs `job` as an Interactive task while an application-modal progress dialog shows `label`
// (after a short delay, so quick jobs do not flash a dialog), and returns when it has
// finished. The event loop keeps running so the window repaints and Cancel (when
// `cancellable`) works; nothing else can happen meanwhile: no window takes input, and the
// results of background loads are held back until the job is over
// (tasks::Runner::DeliveryHold). An exception of the job is rethrown here, on the UI
// thread (reportFailures() and undo commands handle it as they handle a failure of a call
// on the UI thread). The caller announces the result on the owner's Portfolio (its
// signals), since the worker's reach nobody.
enum class TaskOutcome { Done, Cancelled };
TaskOutcome runInBackground(QWidget *parent, services::Portfolio &portfolio, const QString &label, bool cancellable,
                            const PortfolioJob &job);

} // namespace keystone::app
