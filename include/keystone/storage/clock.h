// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QDate>
#include <QDateTime>

#include <functional>

// The time Keystone writes into rows it stamps itself (created_at and updated_at of
// accounts, contacts, opportunities, team members, snapshots, the ARR history's date, the
// exchange file's export time). The real clock, unless a test sets one: tests then order
// changes by advancing it by hand instead of sleeping. (The history and touch triggers
// stamp in SQL with SQLite's own clock; a test that compares those does not depend on order.)
namespace keystone::storage {

QDateTime now();   // UTC
QDate today();     // the local date of now()

// Replaces the clock for the whole process (empty: the real one again). Tests only.
void setClock(std::function<QDateTime()> clock);
// The clock set now (empty: the real one).
std::function<QDateTime()> clock();

// A clock for tests that stands still until advanced: `ManualClock c(start); c.advance(1);`.
// Installs itself, and puts back the clock it replaced (the real one, or an outer
// ManualClock) when it goes.
class ManualClock
{
public:
    explicit ManualClock(const QDateTime &start);
    ~ManualClock();
    ManualClock(const ManualClock &) = delete;
    ManualClock &operator=(const ManualClock &) = delete;
    void advance(qint64 seconds) { m_at = m_at.addSecs(seconds); }
    QDateTime at() const { return m_at; }

private:
    QDateTime m_at;
    std::function<QDateTime()> m_replaced;
};

} // namespace keystone::storage
