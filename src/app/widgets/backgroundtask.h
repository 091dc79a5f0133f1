// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

class QThread;
class QWidget;

namespace keystone::services {
class Portfolio;
}

namespace keystone::app {

// Shared between a background job and the progress dialog that watches it.
class TaskProgress
{
public:
    // Called by the job now and then; false means the user cancelled and the job should stop.
    bool report(int done, int total)
    {
        m_done.store(done, std::memory_order_relaxed);
        m_total.store(total, std::memory_order_relaxed);
        return !m_cancel.load(std::memory_order_relaxed);
    }
    void setStep(int step) { m_step.store(step, std::memory_order_relaxed); }
    bool cancelRequested() const { return m_cancel.load(std::memory_order_relaxed); }
    void requestCancel() { m_cancel.store(true, std::memory_order_relaxed); }
    int done() const { return m_done.load(std::memory_order_relaxed); }
    int total() const { return m_total.load(std::memory_order_relaxed); }
    int step() const { return m_step.load(std::memory_order_relaxed); }

private:
    std::atomic<int> m_done{0};
    std::atomic<int> m_total{0};
    std::atomic<int> m_step{0};
    std::atomic<bool> m_cancel{false};
};

// The job: runs on a worker thread over its own connection to the portfolio; returns false
// when it stopped because of a cancel (and wrote nothing).
using PortfolioJob = std::function<bool(services::Portfolio &worker, TaskProgress &progress)>;

// Runs `job` off the UI thread while a window-modal progress dialog shows `label` (after a
// short delay, so quick jobs do not flash a dialog). The event loop keeps running, so the
// window repaints and Cancel (when `cancellable`) works. An exception of the job is
// rethrown here, on the UI thread, after the worker has finished (reportFailures() and
// undo commands handle it as they handle a failure of a call on the UI thread). The
// caller announces the result on the owner's Portfolio (its signals), since the worker's
// reach nobody.
enum class TaskOutcome { Done, Cancelled };
TaskOutcome runInBackground(QWidget *parent, services::Portfolio &portfolio, const QString &label, bool cancellable,
                            const PortfolioJob &job);

// A thread (not started) that runs `work` below the UI thread's scheduling priority: nice 10
// on Linux, where QThread::LowPriority changes nothing for ordinary threads. For loads the
// user does not wait on (the book, plan figures, automatic backups): on a two-core laptop
// several of them at once must not slow the edit being typed.
std::unique_ptr<QThread> makeBackgroundThread(std::function<void()> work);

// For a finished thread's own `finished` handler: waits for it, takes it out of `threads`
// and deletes it later (not inside its own signal). Does nothing for one not in the list.
void releaseFinishedThread(std::vector<std::unique_ptr<QThread>> &threads, QThread *finished);

} // namespace keystone::app
