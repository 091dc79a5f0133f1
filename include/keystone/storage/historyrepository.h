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
    // Bulk writers switch recording off inside their own transaction. Switching it on puts
    // back the triggers suspendForBulk() took out.
    void setRecording(bool on);
    // For a bulk writer that records nothing (an import into an empty portfolio, the demo
    // generator): recording off, and the history triggers taken out inside the caller's
    // transaction, so a million inserts do not each run a trigger that records nothing
    // (SQLite's own copy of a 10,000-account book takes 8.6 s with them, 4.6 s without).
    // setRecording(true) in the same transaction puts them back as they were; a rollback
    // does too, and no other connection ever sees the file without them.
    void suspendForBulk();

private:
    Database &m_db;
    std::vector<std::pair<QString, QString>> m_suspended; // name and SQL of each trigger taken out
};

} // namespace keystone::storage
