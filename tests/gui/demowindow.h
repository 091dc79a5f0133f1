// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// The window on a demo book, shown and active, for the tests that walk its views and keys.
#pragma once

#include "guitest.h"

#include "book/bookloader.h"
#include "portfolio/portfolioview.h"
#include "window/mainwindow.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QItemSelectionModel>
#include <QTableView>
#include <QTest>

namespace keystone::guitest {

// A demo of `accounts` accounts (seed 11, on testToday()) open in a shown, active window.
struct DemoWindow {
    FixedClock fixedClock;
    test::TempDir dir;
    app::MainWindow w;
    explicit DemoWindow(int accounts = 80)
    {
        demo::DemoOptions o;
        o.accounts = accounts;
        o.seed = 11;
        o.today = testToday();
        const QString path = dir.file(QStringLiteral("nav.keystone"));
        demo::generateDemo(path, o);
        openForTest(w, path, Window::Shown);
        // Keys reach shortcuts and editors only in the active window.
        w.activateWindow();
        REQUIRE(QTest::qWaitForWindowActive(&w));
    }
    app::PortfolioView &view() { return *w.portfolioView(); }
    // The table of `page` that shows `model`.
    static QTableView *tableOf(QWidget *page, const QAbstractItemModel *model)
    {
        for (QTableView *t : page->findChildren<QTableView *>())
            if (t->model() == model)
                return t;
        FAIL("no table shows that model");
        return nullptr;
    }
    void showBook(const QString &key)
    {
        REQUIRE(w.showView(key));
        settle();
        REQUIRE(QTest::qWaitFor([this] { return w.bookLoader()->isCurrent() && !w.bookLoader()->isLoading(); }, 30000));
        settle();
    }
};

// Puts the current row of `table` on `row` with the focus, as a click would.
inline void focusRow(QTableView *table, int row)
{
    table->setFocus();
    table->selectionModel()->setCurrentIndex(table->model()->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

} // namespace keystone::guitest
