// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

namespace keystone::storage {

class Database;

// One recorded change (change_log, written by triggers; see migrations.cpp, version 7).
// Values are as stored (ids, cents, keys); null when the field was empty.
struct ChangeRecord {
    qint64 id = 0;
    QDateTime at; // UTC
    qint64 accountId = 0;
    QString entity; // "account", "contact", "risk", ...
    qint64 entityId = 0;
    QString label;  // the item's name at the time
    QString action; // "added", "changed", "removed"
    QString field;  // column name for "changed"
    std::optional<QString> oldValue;
    std::optional<QString> newValue;
};

class HistoryRepository
{
public:
    explicit HistoryRepository(Database &db) : m_db(db) {}
    // Newest first, at most `limit`.
    std::vector<ChangeRecord> forAccount(qint64 accountId, int limit = 2000);
    qint64 count();
    // Bulk writers switch recording off inside their own transaction.
    void setRecording(bool on);

private:
    Database &m_db;
};

} // namespace keystone::storage
