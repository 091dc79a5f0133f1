// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QDate>
#include <QString>

namespace keystone::demo {

struct DemoOptions {
    int accounts = 60;
    quint64 seed = 1;
    // Dates (renewals, customer-since) are spread around this day. The same seed and the
    // same day give the same file content.
    QDate today = QDate::currentDate();
};

struct DemoResult {
    int accounts = 0;
    int teamMembers = 0;
    qint64 rows = 0;       // every row written
    double elapsedMs = 0;  // generation and insert, excluding file creation
};

// Creates `path` (refusing an existing file) and fills it with a realistic, deterministic
// portfolio in one transaction: plausible company names, industries, regions, heavy-tailed
// ARR, 8 to 50 account managers scaled to the book, renewals over the next 18 months.
DemoResult generateDemo(const QString &path, const DemoOptions &options);

} // namespace keystone::demo
