// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "rawstatement.h"

#include "sqlvalues.h"

#include "keystone/log/log.h"
#include "keystone/storage/clock.h"
#include "keystone/storage/storageerror.h"

#include <QSqlDriver>
#include <QStringList>

namespace keystone::storage {

sqlite3 *handleOf(Database &db)
{
    const QVariant v = db.connection().driver()->handle();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        throw StorageError(StorageError::Code::Sql, db.path(), QStringLiteral("%1: the SQLite driver exposes no handle").arg(db.path()));
    return *static_cast<sqlite3 *const *>(v.constData());
}

namespace {

int digits(const unsigned char *p, int n)
{
    int v = 0;
    for (int i = 0; i < n; ++i) {
        const int d = p[i] - '0';
        if (d < 0 || d > 9)
            return -1;
        v = v * 10 + d;
    }
    return v;
}

} // namespace

RawStatement::RawStatement(Database &db, const char *sql)
    : m_db(db)
{
    sqlite3 *h = handleOf(db);
    if (sqlite3_prepare_v2(h, sql, -1, &m_stmt, nullptr) != SQLITE_OK)
        throw StorageError(StorageError::Code::Sql, db.path(),
                           QStringLiteral("%1: preparing a query failed: %2").arg(db.path(), QString::fromUtf8(sqlite3_errmsg(h))));
}

RawStatement::~RawStatement()
{
    sqlite3_finalize(m_stmt); // also ends the statement's read transaction
}

bool RawStatement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const int primary = rc & 0xff;
    throw StorageError(primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB ? StorageError::Code::Corrupt : StorageError::Code::Sql,
                       m_db.path(),
                       QStringLiteral("%1: reading failed: %2").arg(m_db.path(), QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(m_stmt)))));
}

void RawStatement::check(int rc) const
{
    if (rc != SQLITE_OK)
        throw StorageError(StorageError::Code::Sql, m_db.path(),
                           QStringLiteral("%1: binding a value failed: %2").arg(m_db.path(), QString::fromUtf8(sqlite3_errstr(rc))));
}

QString diskFullMessage(const QString &file, const QString &context)
{
    return QStringLiteral("%1: %2 failed: the disk is full. Nothing of this change was saved; free some space and try again.").arg(file, context);
}

void RawStatement::run(const std::function<QString()> &context)
{
    const int rc = sqlite3_step(m_stmt);
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        return;
    const int primary = rc & 0xff;
    if (primary == SQLITE_FULL) {
        // The caller reports the words; SQLite's own go to the log's detail level.
        const QString text = diskFullMessage(m_db.path(), context());
        log::info(text + QStringLiteral(" [SQLite: %1]").arg(QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(m_stmt)))));
        throw StorageError(StorageError::Code::Io, m_db.path(), text);
    }
    throw StorageError(primary == SQLITE_CONSTRAINT ? StorageError::Code::Constraint : StorageError::Code::Sql, m_db.path(),
                       QStringLiteral("%1: %2 failed: %3").arg(m_db.path(), context(), QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(m_stmt)))));
}

QDate RawStatement::date(int col) const
{
    const unsigned char *p = sqlite3_column_text(m_stmt, col);
    if (!p)
        return {};
    if (sqlite3_column_bytes(m_stmt, col) >= 10 && p[4] == '-' && p[7] == '-')
        return QDate(digits(p, 4), digits(p + 5, 2), digits(p + 8, 2));
    return QDate::fromString(text(col), Qt::ISODate);
}

QDateTime RawStatement::timestamp(int col) const
{
    const unsigned char *p = sqlite3_column_text(m_stmt, col);
    if (!p)
        return {};
    const int n = sqlite3_column_bytes(m_stmt, col);
    if (n >= 19 && p[10] == 'T') {
        const int ms = n >= 23 && p[19] == '.' ? digits(p + 20, 3) : 0;
        return QDateTime(QDate(digits(p, 4), digits(p + 5, 2), digits(p + 8, 2)),
                         QTime(digits(p + 11, 2), digits(p + 14, 2), digits(p + 17, 2), ms < 0 ? 0 : ms), Qt::UTC);
    }
    return QDateTime::fromString(text(col), Qt::ISODateWithMs);
}

void bindId(RawStatement &st, int param, qint64 id)
{
    if (id > 0)
        st.bind(param, id);
    else
        st.bindNull(param);
}

void bindDate(RawStatement &st, int param, const QDate &date)
{
    if (date.isValid())
        st.bind(param, sql::isoDate(date));
    else
        st.bindNull(param);
}

void bindOptReal(RawStatement &st, int param, const std::optional<double> &value)
{
    if (value)
        st.bindReal(param, *value);
    else
        st.bindNull(param);
}

QString idList(const QList<qint64> &ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (qint64 id : ids)
        parts << QString::number(id);
    return QStringLiteral("[%1]").arg(parts.join(QLatin1Char(',')));
}

QString nowText()
{
    return sql::fromTimestamp(storage::now());
}

} // namespace keystone::storage
