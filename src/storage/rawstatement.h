// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

// A minimal RAII wrapper over sqlite3_stmt on the Qt connection's own handle, for bulk reads
// where QSqlQuery's per-value QVariant costs more than the query itself (loading 10,000
// accounts: 25 ms through QSqlQuery, 12 ms through the C API). Columns are 0-based here,
// unlike sqlite3_bind_* parameters, which are 1-based.
// Debian's QSQLITE driver links the system libsqlite3, the same library this code links.

#include "keystone/storage/database.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

#include <sqlite3.h>

#include <functional>
#include <optional>

namespace keystone::storage {

// The sqlite3 handle under the Qt connection (throws StorageError when the driver has none).
sqlite3 *handleOf(Database &db);

// What a write that found the disk full says, through Qt's driver or the raw path alike:
// words the user can act on, not SQLite's. The transaction is rolled back, so nothing of the
// action was written.
QString diskFullMessage(const QString &file, const QString &context);

class RawStatement
{
public:
    RawStatement(Database &db, const char *sql);
    ~RawStatement();
    Q_DISABLE_COPY_MOVE(RawStatement)

    bool step(); // true while a row is available; throws StorageError on failure
    void reset() { sqlite3_reset(m_stmt); sqlite3_clear_bindings(m_stmt); } // ready for the next use

    // Writing: parameters are 1-based, as in sqlite3_bind_*. run() steps to the end and
    // resets the statement and its bindings for the next row.
    void bind(int param, qint64 value) { check(sqlite3_bind_int64(m_stmt, param, value)); }
    void bind(int param, const QString &value)
    {
        const QByteArray utf8 = value.toUtf8();
        check(sqlite3_bind_text(m_stmt, param, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT));
    }
    void bindReal(int param, double value) { check(sqlite3_bind_double(m_stmt, param, value)); }
    void bindNull(int param) { check(sqlite3_bind_null(m_stmt, param)); }
    // `context` builds the error text only on failure ("saving account 'X'").
    void run(const std::function<QString()> &context);
    qint64 lastInsertRowId() const { return sqlite3_last_insert_rowid(sqlite3_db_handle(m_stmt)); }
    int changes() const { return sqlite3_changes(sqlite3_db_handle(m_stmt)); } // rows the last run() wrote

    bool isNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
    int type(int col) const { return sqlite3_column_type(m_stmt, col); } // SQLITE_INTEGER, ...
    qint64 int64(int col) const { return sqlite3_column_int64(m_stmt, col); }
    double real(int col) const { return sqlite3_column_double(m_stmt, col); }
    std::optional<int> optInt(int col) const { return isNull(col) ? std::nullopt : std::optional<int>(int(int64(col))); }
    std::optional<double> optReal(int col) const { return isNull(col) ? std::nullopt : std::optional<double>(real(col)); }
    QString text(int col) const
    {
        const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col));
        return p ? QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, col)) : QString();
    }
    QDate date(int col) const;          // ISO YYYY-MM-DD, null when NULL
    QDateTime timestamp(int col) const; // ISO UTC with milliseconds

private:
    void check(int rc) const;
    Database &m_db;
    sqlite3_stmt *m_stmt = nullptr;
};

// Shared by the repositories: an id or NULL (0 = none), a date or NULL (invalid = none),
// an optional number or NULL, a JSON array of ids for `json_each(?)`, and "now" as stored.
void bindId(RawStatement &st, int param, qint64 id);
void bindDate(RawStatement &st, int param, const QDate &date);
void bindOptReal(RawStatement &st, int param, const std::optional<double> &value);
QString idList(const QList<qint64> &ids);
QString nowText();

} // namespace keystone::storage
