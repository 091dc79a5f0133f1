// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <utility>

// The one way Keystone runs work off the UI thread (docs/architecture.md, "Background
// work"). A job runs on a pool thread; what it returns is handed to a callback on the
// thread of a context object (the UI thread for every window object), unless the job was
// cancelled or the context is gone by then. Jobs never touch widgets or models: they read
// what they captured and return a result, and the UI thread applies it and sends the
// change notices.
namespace keystone::tasks {

// Interactive: jobs the user waits on (an import, the QBR batch, a recompute), at the
// process's own scheduling priority. Background: loads the user does not wait on (the
// book, plan figures, view work, automatic backups) run at
// nice 10, so that on a two-core laptop several of them do not slow the edit being typed.
// The check that runs after a file is opened is Interactive: the first write waits for it.
enum class Priority { Interactive, Background };

// Shared between a job and whoever watches it (a progress dialog, a cancel button).
class Progress
{
public:
    // Called by the job now and then; false means a cancel was asked for and the job should stop.
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

namespace detail {
struct TaskState {
    Progress progress;
    std::mutex mutex;
    std::condition_variable finishedCondition;
    bool finished = false; // the job's function has returned (or thrown)
    std::atomic<bool> dropped{false}; // cancelled by its owner: its result is not delivered
    void markFinished();
};
// Logs the failure of a job that has no `failed` callback.
void reportUndelivered(const QString &failure);
} // namespace detail

// A handle on one job. Copies share the job. An empty handle (default) is never running.
class Task
{
public:
    Task() = default;
    // True from start() until the job's function has returned (the delivery may follow).
    bool isRunning() const;
    // Asks the job to stop (Progress::report returns false) and drops its result: the
    // callback will not run. Safe on an empty or finished handle.
    void cancel();
    // Blocks until the job's function has returned. Owners call it (after cancel()) in their
    // destructor, so that no job reads a portfolio its owner is closing.
    void wait() const;
    Progress *progress() const { return m_state ? &m_state->progress : nullptr; }

private:
    friend class Runner;
    explicit Task(std::shared_ptr<detail::TaskState> state)
        : m_state(std::move(state))
    {
    }
    std::shared_ptr<detail::TaskState> m_state;
};

class Runner
{
public:
    // The process's runner: two pools (see Priority), created on first use.
    static Runner &instance();

    // Runs `work(Progress&)` on a pool thread. When it returns a value, `done(value)` runs on
    // the main (UI) thread, where `context` must live; when it throws, `failed(message)` does (or the message is logged
    // when there is no `failed`). Neither runs after cancel() or once `context` is destroyed.
    // A Background job that is queued behind others starts before them when `urgent`.
    template <typename Work, typename Done>
    Task run(QObject *context, Priority priority, Work work, Done done, std::function<void(const QString &)> failed = {},
             bool urgent = false);

    // For a job whose result is waited on rather than delivered (the file check that writes
    // wait for): runs `work()` at `priority` and returns its future.
    template <typename Work>
    auto submit(Priority priority, Work work) -> std::shared_future<std::invoke_result_t<Work>>;

    // While a hold is alive (a modal job runs under a progress dialog whose event loop keeps
    // the window painting), deliveries are kept back and run, in order, when the last hold
    // ends: nothing changes the window's models behind the modal job's back.
    class DeliveryHold
    {
    public:
        explicit DeliveryHold(Runner &runner);
        ~DeliveryHold();
        DeliveryHold(const DeliveryHold &) = delete;
        DeliveryHold &operator=(const DeliveryHold &) = delete;

    private:
        Runner &m_runner;
    };
    bool deliveriesHeld() const;

    // Blocks until every queued and running job of both pools has returned (tests, exit).
    void waitForIdle();
    // Jobs started and not yet returned (tests and the status of the window).
    int activeJobs() const;

    Runner(const Runner &) = delete;
    Runner &operator=(const Runner &) = delete;
    ~Runner();

private:
    Runner();
    void start(Priority priority, std::function<void()> job, bool urgent);
    void deliver(const QPointer<QObject> &context, std::function<void()> delivery);
    void hold();
    void release();

    struct Pools;
    std::unique_ptr<Pools> m_pools;
};

template <typename Work, typename Done>
Task Runner::run(QObject *context, Priority priority, Work work, Done done, std::function<void(const QString &)> failed, bool urgent)
{
    using Result = std::invoke_result_t<Work, Progress &>;
    struct Outcome {
        std::optional<Result> value;
        QString failure;
        Done done;
        std::function<void(const QString &)> failed;
    };
    auto state = std::make_shared<detail::TaskState>();
    auto outcome = std::make_shared<Outcome>(Outcome{std::nullopt, QString(), std::move(done), std::move(failed)});
    QPointer<QObject> guard(context);
    start(
        priority,
        [this, state, outcome, guard, work = std::move(work)]() mutable {
            try {
                outcome->value.emplace(work(state->progress));
            } catch (const std::exception &e) {
                outcome->failure = QString::fromUtf8(e.what());
            } catch (...) {
                outcome->failure = QStringLiteral("an unknown error");
            }
            state->markFinished();
            if (state->dropped.load())
                return;
            deliver(guard, [state, outcome] {
                if (state->dropped.load())
                    return;
                if (outcome->value)
                    outcome->done(std::move(*outcome->value));
                else if (outcome->failed)
                    outcome->failed(outcome->failure);
                else
                    detail::reportUndelivered(outcome->failure);
            });
        },
        urgent);
    return Task(state);
}

template <typename Work>
auto Runner::submit(Priority priority, Work work) -> std::shared_future<std::invoke_result_t<Work>>
{
    using Result = std::invoke_result_t<Work>;
    auto task = std::make_shared<std::packaged_task<Result()>>(std::move(work));
    std::shared_future<Result> future = task->get_future().share();
    start(priority, [task] { (*task)(); }, true);
    return future;
}

} // namespace keystone::tasks
