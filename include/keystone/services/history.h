// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QDateTime>
#include <QString>

#include <vector>

namespace keystone::services {

class Portfolio;

// One change as people read it: names instead of ids, money formatted, keys as words.
struct HistoryEntry {
    qint64 id = 0;
    QDateTime at;      // UTC
    QString entity;    // stored key: "risk"
    QString kind;      // "Risk"
    QString item;      // the item's name then
    QString action;    // "added", "changed", "removed"
    QString field;     // stored column, for "changed"
    QString change;    // "Added", "Removed" or the field's label ("Owner")
    QString before;
    QString after;
    QString changedBy; // the teammate whose change a team-book sync brought; empty: made here
};

// The account's change history, newest first (at most `limit`), in four queries.
std::vector<HistoryEntry> loadHistory(Portfolio &portfolio, qint64 accountId, int limit = 2000);

} // namespace keystone::services
