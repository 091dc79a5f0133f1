// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QtGlobal>

namespace keystone::storage {

class Database;

// Every row one user action wrote, as SQLite's session extension records it: for a removed
// row all of its columns, for a changed row the old and new values of what changed, for an
// added row all of its columns. Foreign-key actions (ON DELETE CASCADE / SET NULL), the
// services' cached columns and trigger-written rows are all in it, because the recorder sees
// the writes themselves, not what the code meant to write. The change history (change_log)
// is left out on purpose: it records the action and its undo alike.
struct Changeset {
    QByteArray bytes;
    bool isEmpty() const { return bytes.isEmpty(); }
};

// What applying a changeset touched, for the change notifications: which tables, which
// accounts (a row's account_id, resolved through its activity for activity links), and the
// accounts rows themselves by what happened to them.
struct ChangeSummary {
    QSet<QString> tables;
    QHash<QString, QSet<qint64>> accountsByTable;
    QList<qint64> accountsInserted;
    QList<qint64> accountsDeleted;
    QList<qint64> accountsUpdated;
    bool touched(const QString &table) const { return tables.contains(table); }
};

// Records what the connection writes from construction until take() (RAII: a recorder that
// is destroyed without take() records nothing). One recorder per connection at a time.
// Every table but the change history must have a primary key, or the session extension
// ignores it; tablesWithoutPrimaryKey() lists the ones that do not (a test keeps it empty).
class ChangeRecorder
{
public:
    explicit ChangeRecorder(Database &db);
    ~ChangeRecorder();
    Q_DISABLE_COPY_MOVE(ChangeRecorder)

    Changeset take();

private:
    Database &m_db;
    void *m_session = nullptr; // sqlite3_session
};

// Undoes a recorded change in one transaction: re-inserts what it removed, puts back what it
// changed, removes what it added. Refuses (StorageError, nothing written) when the rows are
// no longer as the change left them, naming the table: the undo would otherwise overwrite
// later work. Returns what it touched.
ChangeSummary revertChangeset(Database &db, const Changeset &change);

// Tables the recorder cannot follow (no primary key), other than the change history.
QStringList tablesWithoutPrimaryKey(Database &db);

} // namespace keystone::storage
