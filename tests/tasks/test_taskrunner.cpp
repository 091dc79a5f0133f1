// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// The task runner (keystone/tasks/taskrunner.h): where jobs run, what reaches the UI thread
// and when. No test waits on a clock: each waits for the runner to be idle and then takes
// the posted deliveries in (QCoreApplication::sendPostedEvents), so the order is fixed.
#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_test_macros.hpp>
#else
#include <catch2/catch.hpp>
#endif

#include "keystone/tasks/taskrunner.h"

#include <QCoreApplication>
#include <QObject>
#include <QThread>

#include <future>
#include <memory>
#include <stdexcept>
#include <vector>

#ifdef __linux__
#include <sys/resource.h>
#include <unistd.h>
#endif

using namespace keystone::tasks;

namespace {

// Runs every job to its end and takes every delivery in.
void settle()
{
    Runner::instance().waitForIdle();
    QCoreApplication::sendPostedEvents();
    QCoreApplication::sendPostedEvents(); // a flush of held deliveries posts once more
}

} // namespace

TEST_CASE("A job runs off the UI thread and its result reaches the UI thread", "[tasks]")
{
    QObject owner;
    QThread *jobThread = nullptr;
    QThread *doneThread = nullptr;
    int got = 0;
    Runner::instance().run(
        &owner, Priority::Interactive,
        [&jobThread](Progress &) {
            jobThread = QThread::currentThread();
            return 6 * 7;
        },
        [&](int value) {
            doneThread = QThread::currentThread();
            got = value;
        });
    settle();
    CHECK(got == 42);
    CHECK(jobThread != nullptr);
    CHECK(jobThread != QCoreApplication::instance()->thread());
    CHECK(doneThread == QCoreApplication::instance()->thread());
}

TEST_CASE("A job that throws reaches its failure handler with the message, never its result handler", "[tasks]")
{
    QObject owner;
    bool done = false;
    QString failure;
    Runner::instance().run(
        &owner, Priority::Background, [](Progress &) -> int { throw std::runtime_error("the disk is full"); }, [&](int) { done = true; },
        [&](const QString &message) { failure = message; });
    settle();
    CHECK_FALSE(done);
    CHECK(failure == QStringLiteral("the disk is full"));
}

TEST_CASE("A cancelled job is told to stop and its result is dropped", "[tasks]")
{
    QObject owner;
    std::promise<void> gate;
    auto opened = gate.get_future().share();
    bool reportSaidGoOn = true;
    bool done = false;
    Task task = Runner::instance().run(
        &owner, Priority::Interactive,
        [opened, &reportSaidGoOn](Progress &progress) {
            opened.wait(); // until the test has cancelled
            reportSaidGoOn = progress.report(1, 2);
            return 1;
        },
        [&](int) { done = true; });
    CHECK(task.isRunning());
    task.cancel();
    gate.set_value();
    task.wait();
    CHECK_FALSE(task.isRunning());
    settle();
    CHECK_FALSE(reportSaidGoOn);
    CHECK_FALSE(done);
}

TEST_CASE("A result whose owner is gone is not delivered", "[tasks]")
{
    auto owner = std::make_unique<QObject>();
    std::promise<void> gate;
    auto opened = gate.get_future().share();
    bool done = false;
    Task task = Runner::instance().run(
        owner.get(), Priority::Background,
        [opened](Progress &) {
            opened.wait();
            return 1;
        },
        [&](int) { done = true; });
    owner.reset(); // the page closes while its job runs
    gate.set_value();
    settle();
    CHECK_FALSE(done);
}

TEST_CASE("Deliveries wait while a hold is alive and then arrive in the order the jobs finished", "[tasks]")
{
    QObject owner;
    Runner &runner = Runner::instance();
    std::vector<int> order;
    {
        const Runner::DeliveryHold hold(runner);
        CHECK(runner.deliveriesHeld());
        for (int i = 1; i <= 3; ++i) {
            Task task = runner.run(&owner, Priority::Background, [i](Progress &) { return i; }, [&order](int v) { order.push_back(v); });
            task.wait(); // finishes before the next starts, so the order is known
            runner.waitForIdle();
            QCoreApplication::sendPostedEvents();
        }
        CHECK(order.empty()); // a modal job is running: nothing changes behind its back
    }
    CHECK_FALSE(runner.deliveriesHeld());
    CHECK(order.empty()); // not inside whoever ended the hold either
    settle();
    CHECK(order == std::vector<int>{1, 2, 3});
}

TEST_CASE("A delivery that comes after a hold ends waits for the held ones", "[tasks]")
{
    QObject owner;
    Runner &runner = Runner::instance();
    std::vector<int> order;
    {
        const Runner::DeliveryHold hold(runner);
        runner.run(&owner, Priority::Background, [](Progress &) { return 1; }, [&order](int v) { order.push_back(v); });
        runner.waitForIdle();
        QCoreApplication::sendPostedEvents(nullptr, 0); // only the delivery's own post arrives: held
    }
    runner.run(&owner, Priority::Background, [](Progress &) { return 2; }, [&order](int v) { order.push_back(v); });
    settle();
    CHECK(order == std::vector<int>{1, 2});
}

#ifdef __linux__
TEST_CASE("Background jobs run at nice 10 and interactive ones at the process's priority", "[tasks]")
{
    const int processNice = getpriority(PRIO_PROCESS, static_cast<id_t>(getpid()));
    auto niceOf = [](Priority priority) {
        return Runner::instance().submit(priority, [] { return getpriority(PRIO_PROCESS, static_cast<id_t>(gettid())); }).get();
    };
    CHECK(niceOf(Priority::Background) == std::max(processNice, 10));
    CHECK(niceOf(Priority::Interactive) == processNice);
}
#endif

TEST_CASE("A submitted job's future holds its value, and waiting for it needs no event loop", "[tasks]")
{
    auto future = Runner::instance().submit(Priority::Interactive, [] { return QStringLiteral("checked"); });
    CHECK(future.get() == QStringLiteral("checked"));
    auto failing = Runner::instance().submit(Priority::Background, []() -> int { throw std::runtime_error("damaged"); });
    CHECK_THROWS_WITH(failing.get(), "damaged");
}
