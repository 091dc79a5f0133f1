// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Checking a portfolio file: the whole-file check a deferred open runs in the background, and
// the checks a connection runs on demand (keystone-cli check, the tables shown first).
#include "databasecheck.h"

#include "keystone/log/log.h"
#include "keystone/storage/database.h"
#include "keystone/storage/storageerror.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

namespace keystone::storage {

namespace {
QAtomicInteger<quint64> g_checkCounter;

// The lines of an integrity_check or quick_check that are not "ok".
QStringList notOk(QSqlQuery &q)
{
    QStringList problems;
    while (q.next()) {
        const QString line = q.value(0).toString();
        if (line != QLatin1String("ok"))
            problems << line;
    }
    q.finish();
    return problems;
}

// The rows a foreign_key_check reports, in words.
QStringList danglingReferences(QSqlQuery &q)
{
    QStringList problems;
    while (q.next())
        problems << QStringLiteral("row %1 of %2 refers to a missing row of %3").arg(q.value(1).toString(), q.value(0).toString(), q.value(2).toString());
    return problems;
}
} // namespace

QStringList checkFile(const QString &file, bool full)
{
    const QString name = QStringLiteral("keystone-check-%1").arg(g_checkCounter.fetchAndAddRelaxed(1));
    QStringList problems;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(file);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            log::warn(QStringLiteral("%1: the background check could not open the file (%2); not a verdict of damage").arg(file, db.lastError().text()));
        } else {
            QSqlQuery q(db);
            if (!q.exec(full ? QStringLiteral("PRAGMA integrity_check") : QStringLiteral("PRAGMA quick_check"))) {
                const int primary = q.lastError().nativeErrorCode().toInt() & 0xff;
                if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
                    problems << q.lastError().databaseText();
                else
                    log::warn(QStringLiteral("%1: the background check could not run (%2); not a verdict of damage").arg(file, q.lastError().databaseText()));
            }
            problems << notOk(q);
            if (full && problems.isEmpty()) {
                if (!q.exec(QStringLiteral("PRAGMA foreign_key_check")))
                    problems << q.lastError().databaseText();
                problems << danglingReferences(q);
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return problems;
}

bool Database::integrityCheckReady() const
{
    return !m_fullCheck.valid() || m_fullCheck.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

QStringList Database::integrityProblems()
{
    return m_fullCheck.valid() ? m_fullCheck.get() : QStringList();
}

// A check that could not run is not a verdict: only SQLite's own "corrupt" or "not a
// database" is damage. Anything else (a read-only folder where the -shm cannot be made,
// permissions, a busy or failing disk) is said as what it is, and the file is never
// offered for replacement because of it.
static QString damageOrThrow(const QSqlError &error, const QString &file)
{
    const int primary = error.nativeErrorCode().toInt() & 0xff;
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
        return error.databaseText();
    throw StorageError(StorageError::Code::Io, file,
                       QStringLiteral("%1 cannot be read here (%2); it was not changed. This is not damage to the file.").arg(file, error.databaseText()));
}

QStringList Database::checkTables(const QStringList &tables)
{
    QStringList problems;
    for (const QString &table : tables) {
        // Table names come from code. quick_check(TABLE) checks the table and its indexes.
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("PRAGMA quick_check(%1)").arg(table))) {
            problems << damageOrThrow(q.lastError(), m_path);
            continue;
        }
        problems << notOk(q);
    }
    return problems;
}

QStringList Database::check(bool full)
{
    QStringList problems;
    QSqlQuery q(m_db);
    const QString pragma = full ? QStringLiteral("PRAGMA integrity_check") : QStringLiteral("PRAGMA quick_check");
    if (!q.exec(pragma)) {
        problems << damageOrThrow(q.lastError(), m_path);
        return problems;
    }
    problems << notOk(q);
    if (full && problems.isEmpty()) {
        if (!q.exec(QStringLiteral("PRAGMA foreign_key_check"))) {
            problems << damageOrThrow(q.lastError(), m_path);
            return problems;
        }
        problems << danglingReferences(q);
    }
    return problems;
}

} // namespace keystone::storage
