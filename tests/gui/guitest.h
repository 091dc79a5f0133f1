// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// What the window tests share: a demo portfolio on disk and a window opened on it.
#pragma once

#include "testsupport.h"

#include "window/mainwindow.h"

#include "keystone/demo/demogenerator.h"

namespace keystone::guitest {

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

} // namespace keystone::guitest
