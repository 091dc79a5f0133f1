// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace keystone::services {

class Portfolio;

// What `keystone-cli info` reports.
struct PortfolioInfo {
    int schemaVersion = 0;
    QMap<QString, qint64> counts; // entity table -> rows, e.g. "accounts" -> 10000
    qint64 totalArrCents = 0;
    QString currency;
    qint64 fileBytes = 0; // the main file plus its WAL, if any
    QString lastWrittenBy; // "Keystone 0.1.0 (1a2b3c4d5e)"; empty when no Keystone noted it yet
};

PortfolioInfo portfolioInfo(Portfolio &portfolio);

// What `keystone-cli check` finds: SQLite's check (quick_check, or with `full` the
// integrity and foreign-key checks), and with `full` also cached totals that differ from
// what they sum (at most 20 of each kind named) and stored values the forms and imports
// refuse today (`valueProblems`: these need correcting by hand or through an export).
struct CheckReport {
    QStringList problems;
    bool valueProblems = false;
};
CheckReport checkPortfolio(Portfolio &portfolio, bool full);

} // namespace keystone::services
