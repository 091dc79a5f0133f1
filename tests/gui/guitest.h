// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// What the window tests share: a demo portfolio on disk and a window opened on it.
#pragma once

#include "testsupport.h"

#include "window/mainwindow.h"

#include "keystone/demo/demogenerator.h"
#include "keystone/storage/clock.h"
#include "keystone/tasks/taskrunner.h"

#include <QCoreApplication>

namespace keystone::guitest {

// The date the window tests live on: a fixture holds a FixedClock as its first member, so the
// demo it generates, the window's "today" (services::today()) and the rows it stamps agree,
// whatever day the suite runs.
inline QDate testToday()
{
    return QDate(2026, 5, 14);
}
struct FixedClock {
    storage::ManualClock clock{QDateTime(testToday(), QTime(10, 0))};
};

// DIR/NAME, a demo portfolio of `accounts` accounts generated from `seed`.
inline QString makeDemo(const test::TempDir &dir, const QString &name, int accounts, quint64 seed)
{
    demo::DemoOptions o;
    o.accounts = accounts;
    o.seed = seed;
    const QString path = dir.file(name);
    demo::generateDemo(path, o);
    return path;
}

enum class Window { Hidden, Shown };

// Opens `path` in `w` as a test needs it: no dialogs (messages go to lastError()), and with
// Window::Shown on screen at 1440x900 first, for tests that paint or grab it.
inline void openForTest(app::MainWindow &w, const QString &path, Window how = Window::Hidden)
{
    w.setInteractive(false);
    if (how == Window::Shown) {
        w.resize(1440, 900);
        w.show();
    }
    const bool opened = w.openPortfolio(path, nullptr, true);
    INFO(w.lastError().toStdString());
    REQUIRE(opened);
}

// Lets every background job (loads, a view's rows) run to its end and takes what they
// deliver in, with no clock involved. Deliveries that start more work (a page preparing its
// rows from a loaded book) are followed until nothing is left running.
inline void settle()
{
    tasks::Runner &runner = tasks::Runner::instance();
    do {
        runner.waitForIdle();
        QCoreApplication::sendPostedEvents();
        QCoreApplication::sendPostedEvents();
    } while (runner.activeJobs() > 0);
}

} // namespace keystone::guitest
