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
    QString changedBy; // a teammate's name when the change came from the team book
};

class HistoryRepository
{
public:
    explicit HistoryRepository(Database &db) : m_db(db) {}
    // Newest first, at most `limit`.
    std::vector<ChangeRecord> forAccount(qint64 accountId, int limit = 2000);
    qint64 count();
    // The newest line's id (0 when none), and naming who made the lines after `afterId`: a
    // teammate whose change arrived through the team book.
    qint64 lastId();
    void attribute(qint64 afterId, const QString &changedBy);
    // Bulk writers switch recording off inside their own transaction.
    void setRecording(bool on);

private:
    Database &m_db;
};

} // namespace keystone::storage
