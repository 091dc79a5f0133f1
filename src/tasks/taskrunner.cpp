// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/tasks/taskrunner.h"

#include "keystone/log/log.h"

#include <QCoreApplication>
#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <deque>

#ifdef __linux__
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace keystone::tasks {

void detail::TaskState::markFinished()
{
    {
        std::lock_guard lock(mutex);
        finished = true;
    }
    finishedCondition.notify_all();
}

void detail::reportUndelivered(const QString &failure)
{
    log::warn(QStringLiteral("A background job failed: %1").arg(failure));
}

bool Task::isRunning() const
{
    if (!m_state)
        return false;
    std::lock_guard lock(m_state->mutex);
    return !m_state->finished;
}

void Task::cancel()
{
    if (!m_state)
        return;
    m_state->dropped.store(true);
    m_state->progress.requestCancel();
}

void Task::wait() const
{
    if (!m_state)
        return;
    std::unique_lock lock(m_state->mutex);
    m_state->finishedCondition.wait(lock, [this] { return m_state->finished; });
}

struct Runner::Pools {
    QThreadPool interactive;
    QThreadPool background;
    // Lives on the main thread: deliveries are posted to it and run there.
    QObject mailbox;
    std::atomic<int> active{0};
    int holds = 0; // main thread only
    std::deque<std::function<void()>> held; // main thread only
};

Runner &Runner::instance()
{
    static Runner runner;
    return runner;
}

Runner::Runner()
    : m_pools(std::make_unique<Pools>())
{
    const int cores = std::max(1, QThread::idealThreadCount());
    // The user waits on one interactive job at a time; two threads let a second (a QBR
    // batch's own fan-out aside) start without queueing.
    m_pools->interactive.setMaxThreadCount(std::max(2, cores));
    // Loads queue behind one another at most briefly: the book, plan figures, a view's work
    // and a backup may all be under way after an import.
    m_pools->background.setMaxThreadCount(std::max(4, cores));
    m_pools->interactive.setObjectName(QStringLiteral("keystone-interactive"));
    m_pools->background.setObjectName(QStringLiteral("keystone-background"));
    if (auto *app = QCoreApplication::instance())
        m_pools->mailbox.moveToThread(app->thread());
}

Runner::~Runner()
{
    waitForIdle();
}

void Runner::start(Priority priority, std::function<void()> job, bool urgent)
{
    m_pools->active.fetch_add(1);
    QThreadPool &pool = priority == Priority::Interactive ? m_pools->interactive : m_pools->background;
    const bool lowered = priority == Priority::Background;
    pool.start(
        [this, lowered, job = std::move(job)] {
#ifdef __linux__
            // Linux keeps a nice value per thread; the background pool's threads run nice 10
            // (raising it again would need a privilege, so they stay that way). Failing is harmless.
            if (lowered)
                setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10);
#else
            (void)lowered;
#endif
            job();
            m_pools->active.fetch_sub(1);
        },
        urgent ? 1 : 0);
}

void Runner::deliver(const QPointer<QObject> &context, std::function<void()> delivery)
{
    QMetaObject::invokeMethod(
        &m_pools->mailbox,
        [this, context, delivery = std::move(delivery)] {
            if (!context)
                return; // its owner is gone, and so is whoever wanted the result
            if (m_pools->holds > 0 || !m_pools->held.empty()) {
                m_pools->held.push_back([context, delivery] {
                    if (context)
                        delivery();
                });
                return;
            }
            delivery();
        },
        Qt::QueuedConnection);
}

void Runner::hold()
{
    ++m_pools->holds;
}

void Runner::release()
{
    if (--m_pools->holds > 0 || m_pools->held.empty())
        return;
    // The held deliveries run from the event loop, not inside whoever ends the hold (an undo
    // command's redo, say), and in the order they came, before any delivered later.
    QMetaObject::invokeMethod(
        &m_pools->mailbox,
        [this] {
            while (!m_pools->held.empty() && m_pools->holds == 0) {
                auto next = std::move(m_pools->held.front());
                m_pools->held.pop_front();
                next();
            }
        },
        Qt::QueuedConnection);
}

bool Runner::deliveriesHeld() const
{
    return m_pools->holds > 0;
}

Runner::DeliveryHold::DeliveryHold(Runner &runner)
    : m_runner(runner)
{
    m_runner.hold();
}

Runner::DeliveryHold::~DeliveryHold()
{
    m_runner.release();
}

void Runner::waitForIdle()
{
    // A job may queue another (rarely); wait until both pools stay empty.
    do {
        m_pools->interactive.waitForDone();
        m_pools->background.waitForDone();
    } while (m_pools->active.load() > 0);
}

int Runner::activeJobs() const
{
    return m_pools->active.load();
}

} // namespace keystone::tasks
