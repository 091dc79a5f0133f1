// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors

// The session extension's declarations in sqlite3.h are behind these two switches; Debian's
// and Ubuntu's libsqlite3 are built with both (the library exports sqlite3session_*).
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include "keystone/storage/changerecorder.h"

#include "rawstatement.h"

#include "keystone/log/log.h"
#include "keystone/storage/database.h"
#include "keystone/storage/storageerror.h"
#include "keystone/storage/transaction.h"

#include <QSqlQuery>
#include <QStringList>

#include <memory>
#include <optional>

namespace keystone::storage {

namespace {

// The change history records an action and its undo alike; recording it here would make an
// undo erase the history of the action it undoes.
bool recordedTable(const char *table)
{
    const QByteArray name(table);
    // Nor the team book's bookkeeping (sync_*): a sync between an action and its undo must
    // not make the undo fail, and an undo's own writes are tracked for the next sync anew.
    return name != "change_log" && name != "history_state" && !name.startsWith("sqlite_") && !name.startsWith("sync_");
}

int sessionTableFilter(void *, const char *table)
{
    return recordedTable(table) ? 1 : 0;
}

QString quoted(const QString &identifier)
{
    QString q = identifier;
    q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QStringList columnsOf(Database &db, const QString &table)
{
    QSqlQuery q(db.connection());
    QStringList columns;
    if (q.exec(QStringLiteral("PRAGMA table_info(%1)").arg(quoted(table))))
        while (q.next())
            columns << q.value(1).toString();
    return columns;
}

struct ConflictReport {
    QString table;
    QString what;
};

int onConflict(void *context, int kind, sqlite3_changeset_iter *it)
{
    auto *report = static_cast<ConflictReport *>(context);
    if (report->what.isEmpty()) {
        const char *table = nullptr;
        int columns = 0, op = 0, indirect = 0;
        if (kind != SQLITE_CHANGESET_FOREIGN_KEY && sqlite3changeset_op(it, &table, &columns, &op, &indirect) == SQLITE_OK && table)
            report->table = QString::fromUtf8(table);
        switch (kind) {
        case SQLITE_CHANGESET_DATA:
        case SQLITE_CHANGESET_NOTFOUND:
            report->what = QStringLiteral("a row was changed or removed since");
            break;
        case SQLITE_CHANGESET_CONFLICT:
            report->what = QStringLiteral("a row with the same key was added since");
            break;
        case SQLITE_CHANGESET_CONSTRAINT:
            report->what = QStringLiteral("it would break a rule of the file (a name taken since, or a check)");
            break;
        case SQLITE_CHANGESET_FOREIGN_KEY:
            report->what = QStringLiteral("a row it refers to was removed since");
            break;
        default:
            report->what = QStringLiteral("the data changed since");
        }
    }
    return SQLITE_CHANGESET_ABORT;
}

struct IterDeleter {
    void operator()(sqlite3_changeset_iter *it) const { sqlite3changeset_finalize(it); }
};

// Which accounts the applied changeset touched, table by table.
ChangeSummary summarise(Database &db, const QByteArray &applied)
{
    ChangeSummary s;
    sqlite3_changeset_iter *raw = nullptr;
    if (sqlite3changeset_start(&raw, int(applied.size()), const_cast<char *>(applied.constData())) != SQLITE_OK)
        return s;
    std::unique_ptr<sqlite3_changeset_iter, IterDeleter> it(raw);
    QHash<QString, QStringList> columns;
    QHash<QString, QList<qint64>> lookupById;  // table -> row ids whose account_id was not in the change
    QList<qint64> activities;                  // activity links: their activity's account
    while (sqlite3changeset_next(it.get()) == SQLITE_ROW) {
        const char *name = nullptr;
        int nColumns = 0, op = 0, indirect = 0;
        if (sqlite3changeset_op(it.get(), &name, &nColumns, &op, &indirect) != SQLITE_OK || !name)
            continue;
        const QString table = QString::fromUtf8(name);
        s.tables.insert(table);
        auto cols = columns.find(table);
        if (cols == columns.end())
            cols = columns.insert(table, columnsOf(db, table));
        // An added row has every value in new.*; a removed one in old.*; a changed one has
        // its primary key and what changed in old.*.
        auto integerAt = [&](qsizetype col) -> std::optional<qint64> {
            if (col < 0 || col >= nColumns)
                return std::nullopt;
            sqlite3_value *v = nullptr;
            const int rc = op == SQLITE_INSERT ? sqlite3changeset_new(it.get(), int(col), &v) : sqlite3changeset_old(it.get(), int(col), &v);
            if (rc != SQLITE_OK || !v || sqlite3_value_type(v) != SQLITE_INTEGER)
                return std::nullopt;
            return sqlite3_value_int64(v);
        };
        if (table == QLatin1String("accounts")) {
            if (const auto id = integerAt(cols->indexOf(QStringLiteral("id")))) {
                s.accountsByTable[table].insert(*id);
                (op == SQLITE_INSERT ? s.accountsInserted : op == SQLITE_DELETE ? s.accountsDeleted : s.accountsUpdated).append(*id);
            }
        } else if (cols->contains(QStringLiteral("account_id"))) {
            if (const auto account = integerAt(cols->indexOf(QStringLiteral("account_id"))))
                s.accountsByTable[table].insert(*account);
            else if (const auto id = integerAt(cols->indexOf(QStringLiteral("id"))))
                lookupById[table].append(*id);
        } else if (cols->contains(QStringLiteral("activity_id"))) {
            if (const auto activity = integerAt(cols->indexOf(QStringLiteral("activity_id")))) {
                activities.append(*activity);
                s.accountsByTable[table]; // the table is touched even when its activity is gone
            }
        }
    }
    auto resolve = [&](const QString &table, const QString &from, const QList<qint64> &ids) {
        QSqlQuery q(db.connection());
        q.prepare(QStringLiteral("SELECT DISTINCT account_id FROM %1 WHERE id IN (SELECT value FROM json_each(?))").arg(quoted(from)));
        q.addBindValue(idList(ids));
        if (q.exec())
            while (q.next())
                s.accountsByTable[table].insert(q.value(0).toLongLong());
    };
    for (auto i = lookupById.cbegin(); i != lookupById.cend(); ++i)
        resolve(i.key(), i.key(), i.value());
    if (!activities.isEmpty()) {
        for (const char *link : {"activity_contacts", "activity_team"})
            if (s.tables.contains(QLatin1String(link)))
                resolve(QLatin1String(link), QStringLiteral("activities"), activities);
    }
    return s;
}

} // namespace

ChangeRecorder::ChangeRecorder(Database &db)
    : m_db(db)
{
    sqlite3 *h = handleOf(db);
    sqlite3_session *session = nullptr;
    if (sqlite3session_create(h, "main", &session) != SQLITE_OK || !session)
        throw StorageError(StorageError::Code::Sql, db.path(),
                           QStringLiteral("%1: cannot record changes for undo: %2").arg(db.path(), QString::fromUtf8(sqlite3_errmsg(h))));
    sqlite3session_table_filter(session, sessionTableFilter, nullptr);
    if (sqlite3session_attach(session, nullptr) != SQLITE_OK) {
        sqlite3session_delete(session);
        throw StorageError(StorageError::Code::Sql, db.path(), QStringLiteral("%1: cannot record changes for undo").arg(db.path()));
    }
    m_session = session;
}

ChangeRecorder::~ChangeRecorder()
{
    if (m_session)
        sqlite3session_delete(static_cast<sqlite3_session *>(m_session));
}

Changeset ChangeRecorder::take()
{
    auto *session = static_cast<sqlite3_session *>(m_session);
    if (!session)
        return {};
    int size = 0;
    void *bytes = nullptr;
    const int rc = sqlite3session_changeset(session, &size, &bytes);
    Changeset out;
    if (rc == SQLITE_OK && bytes)
        out.bytes = QByteArray(static_cast<const char *>(bytes), size);
    sqlite3_free(bytes);
    sqlite3session_delete(session);
    m_session = nullptr;
    if (rc != SQLITE_OK)
        throw StorageError(StorageError::Code::Sql, m_db.path(),
                           QStringLiteral("%1: cannot record changes for undo (out of memory?)").arg(m_db.path()));
    return out;
}

ChangeSummary revertChangeset(Database &db, const Changeset &change)
{
    if (change.isEmpty())
        return {};
    int size = 0;
    void *inverse = nullptr;
    if (sqlite3changeset_invert(int(change.bytes.size()), change.bytes.constData(), &size, &inverse) != SQLITE_OK)
        throw StorageError(StorageError::Code::Sql, db.path(), QStringLiteral("%1: the recorded change cannot be undone").arg(db.path()));
    const QByteArray applied(static_cast<const char *>(inverse), size);
    sqlite3_free(inverse);

    Transaction tx(db);
    ConflictReport report;
    const int rc = sqlite3changeset_apply(handleOf(db), int(applied.size()), const_cast<char *>(applied.constData()), nullptr, onConflict, &report);
    if (rc != SQLITE_OK) {
        const QString where = report.table.isEmpty() ? QString() : QStringLiteral(" (table %1)").arg(report.table);
        log::warn(QStringLiteral("undo refused on %1: %2%3, sqlite code %4").arg(db.path(), report.what, where).arg(rc));
        throw StorageError(report.what.isEmpty() ? StorageError::Code::Sql : StorageError::Code::Constraint, db.path(),
                           QStringLiteral("%1: the step cannot be undone: %2%3. Nothing was changed.")
                               .arg(db.path(), report.what.isEmpty() ? QStringLiteral("the file refused the write") : report.what, where));
    }
    ChangeSummary summary = summarise(db, applied);
    tx.commit();
    return summary;
}

QStringList tablesWithoutPrimaryKey(Database &db)
{
    QSqlQuery q(db.connection());
    QStringList tables;
    if (q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")))
        while (q.next())
            tables << q.value(0).toString();
    QStringList out;
    for (const QString &t : tables) {
        if (!recordedTable(t.toUtf8().constData()))
            continue;
        QSqlQuery info(db.connection());
        bool hasKey = false;
        if (info.exec(QStringLiteral("PRAGMA table_info(%1)").arg(quoted(t))))
            while (info.next())
                hasKey = hasKey || info.value(5).toInt() > 0;
        if (!hasKey)
            out << t;
    }
    return out;
}

} // namespace keystone::storage
