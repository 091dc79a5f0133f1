// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace keystone::storage {

class Database;

// What a portfolio file keeps of its team book (migration 14, see docs/team.md): the binding
// (server URL without a password, the book's uuid, the server position pulled up to), every
// entity as last agreed with the server (the base of a three-way merge: what changed here and
// what changed there since), and the conflicts a sync found. Inside the caller's transaction.
struct SyncConflictRow {
    qint64 id = 0;
    QString table;       // exchange table
    QString key;         // the entity's uuid or natural key
    QString accountUuid; // empty for book-level entities
    QString label;       // the entity, named
    QString field;       // the field, or "(deleted)" / "(all)"
    QString mine;        // JSON text; empty when there is none
    QString theirs;      // JSON text
    QString kept;        // "mine" or "theirs"
    QString reason;      // "changed on both", "deleted here, changed there", "refused: ..."
    QString changedBy;   // who made the change that stands (or refused)
    QString changedAt;   // UTC, ISO
    QString foundAt;     // UTC, ISO
    QString resolved;    // empty while open; "mine" or "theirs"
};

class SyncRepository
{
public:
    explicit SyncRepository(Database &db) : m_db(db) {}

    // A sync reads and writes a million rows at once: a larger page cache while it runs.
    int cacheKiB();
    void setCacheKiB(int kib);

    std::optional<QString> state(const QString &key);
    void setState(const QString &key, const QString &value);
    void clearState();

    // The base of one table: key -> data (canonical JSON text); or only of the rows at these
    // tracked places (rid).
    QHash<QString, QString> base(const QString &table);
    QHash<QString, QString> baseAt(const QString &table, const QList<qint64> &rids);
    std::optional<QString> baseOf(const QString &table, const QString &key);
    void setBase(const QString &table, const QString &key, qint64 rid, const QString &data);
    void removeBase(const QString &table, const QString &key);
    void clearBase();
    qint64 baseCount();

    // Change tracking (while bound): triggers on each table note the place of every row
    // written (`column`: "rowid", "activity_id", or empty for the whole table).
    struct Tracked {
        QString table;
        QString column;
        QStringList fields; // the columns whose change matters (not the caches beside them)
    };
    void startTracking(const std::vector<Tracked> &tables);
    void stopTracking(const std::vector<Tracked> &tables);
    bool tracking();
    // The newest mark (0 when none), the places marked for a table up to `upTo` (`whole`: a
    // mark for the whole table), and dropping marks.
    qint64 lastMark();
    QList<qint64> marked(const QString &table, qint64 upTo, bool *whole);
    // Every place marked after `after`, by table (a null place: the whole table).
    QHash<QString, QList<std::optional<qint64>>> marksAfter(qint64 after);
    void dropMarks(qint64 upTo);
    void dropMarksAfter(qint64 after);

    qint64 addConflict(const SyncConflictRow &c);
    std::vector<SyncConflictRow> conflicts(bool includeResolved);
    std::optional<SyncConflictRow> conflict(qint64 id);
    void setResolved(qint64 id, const QString &keep);

private:
    Database &m_db;
};

} // namespace keystone::storage
