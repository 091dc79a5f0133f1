// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QMap>
#include <QString>

namespace keystone::services {

class Portfolio;

// What `keystone-cli info` reports.
struct PortfolioInfo {
    int schemaVersion = 0;
    QMap<QString, qint64> counts; // entity table -> rows, e.g. "accounts" -> 10000
    qint64 totalArrCents = 0;
    QString currency;
    qint64 fileBytes = 0; // the main file plus its WAL, if any
};

PortfolioInfo portfolioInfo(Portfolio &portfolio);

} // namespace keystone::services
