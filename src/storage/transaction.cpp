// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Transactions and savepoints, and what a failed statement says (throwQueryError,
// StorageError::constraintReason).
#include "keystone/storage/transaction.h"

#include "rawstatement.h"

#include "keystone/log/log.h"
#include "keystone/storage/database.h"
#include "keystone/storage/storageerror.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

namespace keystone::storage {

namespace {

// SQLite's extended result codes for constraint failures all share the primary code 19.
bool isConstraintError(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    bool ok = false;
    const int n = code.toInt(&ok);
    return (ok && (n & 0xff) == 19) || error.databaseText().contains(QLatin1String("constraint failed"));
}

} // namespace

void throwQueryError(const QSqlQuery &query, const QString &file, const QString &context)
{
    const QSqlError err = query.lastError();
    const int primary = err.nativeErrorCode().toInt() & 0xff;
    if (primary == SQLITE_FULL) {
        // Not an SQL problem: say what the user can act on. The transaction is rolled back,
        // so nothing of this action was written.
        // The caller reports the words; the statement goes to the log's detail level
        // (keystone-cli --verbose), as for a refused constraint.
        const QString text = diskFullMessage(file, context);
        log::info(text + QStringLiteral(" [SQL: %1]").arg(query.lastQuery()));
        throw StorageError(StorageError::Code::Io, file, text);
    }
    const QString text = QStringLiteral("%1: %2 failed: %3").arg(file, context, err.databaseText().isEmpty() ? err.text() : err.databaseText());
    // A refused constraint is an answer the caller turns into words (an import rejects the
    // row with its reason): the SQL goes to the log's detail level (keystone-cli --verbose).
    // Anything else is a failure worth an error line.
    if (isConstraintError(err))
        log::info(text + QStringLiteral(" [SQL: %1]").arg(query.lastQuery()));
    else
        log::error(text + QStringLiteral(" [SQL: %1]").arg(query.lastQuery()));
    throw StorageError(isConstraintError(err) ? StorageError::Code::Constraint : StorageError::Code::Sql, file, text);
}

// A constraint SQLite refused, in words a user can act on (the SQL text goes to the log
// only): "UNIQUE constraint failed: accounts.name_key" -> "another account already has
// this name".
QString StorageError::constraintReason() const
{
    const QString &message = m_message;
    static const QRegularExpression pattern(QStringLiteral("(UNIQUE|NOT NULL|CHECK|FOREIGN KEY) constraint failed(?::\\s*(\\w+)\\.(\\w+))?"));
    const QRegularExpressionMatch m = pattern.match(message);
    if (!m.hasMatch())
        return QStringLiteral("the portfolio refused the row (see the log for the details)");
    const QString kind = m.captured(1);
    const QString table = m.captured(2);
    QString column = m.captured(3);
    if (column == QLatin1String("name_key"))
        column = QStringLiteral("name");
    column.replace(QLatin1Char('_'), QLatin1Char(' '));
    QString entity = table;
    if (entity.endsWith(QLatin1Char('s')))
        entity.chop(1);
    entity.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (kind == QLatin1String("UNIQUE"))
        return table.isEmpty() ? QStringLiteral("another row already has these values")
                               : QStringLiteral("another %1 already has this %2").arg(entity, column);
    if (kind == QLatin1String("NOT NULL"))
        return table.isEmpty() ? QStringLiteral("a required value is missing") : QStringLiteral("the %1's %2 is required").arg(entity, column);
    if (kind == QLatin1String("FOREIGN KEY"))
        return QStringLiteral("it refers to something that is not in the portfolio");
    return QStringLiteral("a value is outside what the portfolio allows");
}

Transaction::Transaction(Database &db)
    : m_db(db)
{
    m_db.requireWritable();
    if (m_db.m_fullCheck.valid()) {
        const QStringList problems = m_db.m_fullCheck.get();
        if (!problems.isEmpty())
            throw StorageError(StorageError::Code::Corrupt, m_db.path(),
                               QStringLiteral("%1 is damaged (%2); changes are refused. Restore a backup.")
                                   .arg(m_db.path(), problems.mid(0, 3).join(QStringLiteral("; "))));
    }
    m_level = m_db.m_depth;
    if (m_level == 0)
        m_db.exec(QStringLiteral("BEGIN IMMEDIATE"));
    else
        m_db.exec(QStringLiteral("SAVEPOINT ks_%1").arg(m_level));
    ++m_db.m_depth;
}

ReadSnapshot::ReadSnapshot(Database &db)
    : m_db(db)
{
    if (m_db.m_depth > 0)
        return;
    m_db.exec(QStringLiteral("BEGIN DEFERRED"));
    // The snapshot starts at the first read, so read now.
    m_db.exec(QStringLiteral("SELECT 1 FROM sqlite_schema LIMIT 1"));
    m_began = true;
    ++m_db.m_depth;
}

ReadSnapshot::~ReadSnapshot()
{
    if (!m_began)
        return;
    --m_db.m_depth;
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("COMMIT")))
        log::warn(QStringLiteral("%1: ending a read snapshot failed: %2").arg(m_db.path(), q.lastError().text()));
}

void Transaction::commit()
{
    if (m_done)
        return;
    if (m_level == 0) {
        m_db.exec(QStringLiteral("COMMIT"));
        m_db.m_wrote = true;
    } else
        m_db.exec(QStringLiteral("RELEASE ks_%1").arg(m_level));
    m_done = true;
    --m_db.m_depth;
}

Transaction::~Transaction()
{
    if (m_done)
        return;
    --m_db.m_depth;
    QSqlQuery q(m_db.connection());
    if (m_level == 0) {
        // Some failures (a full disk, an I/O error, an interrupt) make SQLite roll the whole
        // transaction back itself; then there is nothing left to roll back, and saying
        // "rollback failed" would be false alarm on top of the real error.
        sqlite3 *h = nullptr;
        try {
            h = handleOf(m_db);
        } catch (const StorageError &) {
        }
        if (h && sqlite3_get_autocommit(h))
            log::info(QStringLiteral("%1: SQLite had already rolled the transaction back after the failure").arg(m_db.path()));
        else if (!q.exec(QStringLiteral("ROLLBACK")))
            log::error(QStringLiteral("%1: rollback failed: %2").arg(m_db.path(), q.lastError().text()));
    } else {
        q.exec(QStringLiteral("ROLLBACK TO ks_%1").arg(m_level));
        q.exec(QStringLiteral("RELEASE ks_%1").arg(m_level));
    }
}

} // namespace keystone::storage
