// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors

// The session extension's declarations in sqlite3.h are behind SQLITE_ENABLE_SESSION and
// SQLITE_ENABLE_PREUPDATE_HOOK, which src/storage/CMakeLists.txt defines for the whole
// library; Debian's and Ubuntu's libsqlite3 are built with both (it exports sqlite3session_*).
#include "keystone/storage/changerecorder.h"

#include "rawstatement.h"

#include "keystone/log/log.h"
#include "keystone/storage/database.h"
#include "keystone/storage/storageerror.h"
#include "keystone/storage/transaction.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QStringList>

#include <algorithm>
#include <cstring>
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
    QHash<QString, QStringList> columns; // of every table the change touches, read before applying
    QString table;
    QString what;
    std::optional<qint64> rowId; // the conflicting row's integer key, when it has one
    QStringList fields;          // the columns changed since (a changed row)
    bool changedSince = false;   // the row was changed or removed (not: a rule broken)
};

// Columns every write stamps (when the row was last written): a row that differs from what
// the undo expects only in these was changed in other fields since, which the undo does not
// touch, so it goes through.
bool stampColumn(const QString &column)
{
    return column == QLatin1String("updated_at");
}

bool sameValue(sqlite3_value *a, sqlite3_value *b)
{
    const int type = sqlite3_value_type(a);
    if (type != sqlite3_value_type(b))
        return false;
    switch (type) {
    case SQLITE_NULL:
        return true;
    case SQLITE_INTEGER:
        return sqlite3_value_int64(a) == sqlite3_value_int64(b);
    case SQLITE_FLOAT:
        return sqlite3_value_double(a) == sqlite3_value_double(b);
    default: {
        const int n = sqlite3_value_bytes(a);
        return n == sqlite3_value_bytes(b) && std::memcmp(sqlite3_value_blob(a), sqlite3_value_blob(b), size_t(n)) == 0;
    }
    }
}

// The row's first primary-key column, when it is an integer (every entity table's `id`).
std::optional<qint64> conflictingRowId(sqlite3_changeset_iter *it, int op)
{
    unsigned char *pk = nullptr;
    int columns = 0;
    if (sqlite3changeset_pk(it, &pk, &columns) != SQLITE_OK || !pk)
        return std::nullopt;
    for (int i = 0; i < columns; ++i) {
        if (!pk[i])
            continue;
        sqlite3_value *v = nullptr;
        const int rc = op == SQLITE_INSERT ? sqlite3changeset_new(it, i, &v) : sqlite3changeset_old(it, i, &v);
        if (rc != SQLITE_OK || !v || sqlite3_value_type(v) != SQLITE_INTEGER)
            return std::nullopt;
        return sqlite3_value_int64(v);
    }
    return std::nullopt;
}

int onConflict(void *context, int kind, sqlite3_changeset_iter *it)
{
    auto *report = static_cast<ConflictReport *>(context);
    const char *table = nullptr;
    int columns = 0, op = 0, indirect = 0;
    const bool known = kind != SQLITE_CHANGESET_FOREIGN_KEY && sqlite3changeset_op(it, &table, &columns, &op, &indirect) == SQLITE_OK && table;
    // Which of the columns the undo puts back hold something else now.
    QStringList changed;
    if (known && kind == SQLITE_CHANGESET_DATA && op == SQLITE_UPDATE) {
        const QStringList names = report->columns.value(QString::fromUtf8(table));
        for (int i = 0; i < columns; ++i) {
            sqlite3_value *expected = nullptr;
            sqlite3_value *now = nullptr;
            if (sqlite3changeset_old(it, i, &expected) != SQLITE_OK || !expected || sqlite3changeset_conflict(it, i, &now) != SQLITE_OK || !now)
                continue;
            if (!sameValue(expected, now))
                changed << names.value(i, QStringLiteral("?"));
        }
        if (!changed.isEmpty() && std::all_of(changed.cbegin(), changed.cend(), stampColumn))
            return SQLITE_CHANGESET_REPLACE; // only the stamp moved: other fields changed, which the undo leaves alone
    }
    if (report->what.isEmpty()) {
        if (known) {
            report->table = QString::fromUtf8(table);
            report->rowId = conflictingRowId(it, op);
            for (const QString &c : std::as_const(changed))
                if (!stampColumn(c))
                    report->fields << c;
        }
        switch (kind) {
        case SQLITE_CHANGESET_DATA:
        case SQLITE_CHANGESET_NOTFOUND:
            report->what = QStringLiteral("a row was changed or removed since");
            report->changedSince = true;
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

// A row changed since by a teammate (a change a team-book sync brought, docs/team.md): who,
// when and what, from the change history. The entity name is the one the table's history
// trigger writes, read from the trigger itself so it is the file's own.
QString changedByTeammate(Database &db, const QString &table, qint64 rowId, const QStringList &fields)
{
    QSqlQuery t(db.connection());
    t.prepare(QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?"));
    t.addBindValue(QStringLiteral("history_%1_update").arg(table));
    if (!t.exec() || !t.next())
        return {};
    static const QRegularExpression entityPattern(QStringLiteral("'([a-z_]+)', NEW\\.id"));
    const auto m = entityPattern.match(t.value(0).toString());
    if (!m.hasMatch())
        return {};
    QSqlQuery q(db.connection());
    // The teammate's latest change to one of the fields the undo would put back (or, for a
    // removed row, the latest of all).
    q.prepare(QStringLiteral("SELECT changed_by, at, action, field, label FROM change_log WHERE entity = ? AND entity_id = ? "
                             "AND changed_by <> '' ORDER BY (field IN (SELECT value FROM json_each(?)) OR action = 'removed') DESC, id DESC LIMIT 1"));
    q.addBindValue(m.captured(1));
    q.addBindValue(rowId);
    q.addBindValue(QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(fields)).toJson(QJsonDocument::Compact)));
    if (!q.exec() || !q.next())
        return {};
    const QDateTime at = QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs);
    const QString when = at.isValid() ? at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : q.value(1).toString();
    const QString action = q.value(2).toString();
    const QString field = q.value(3).toString();
    const QString label = q.value(4).toString();
    const QString what = action == QLatin1String("removed") ? QStringLiteral("removed %1").arg(label)
                         : field.isEmpty()                  ? QStringLiteral("changed %1").arg(label)
                                                            : QStringLiteral("changed %1 of %2").arg(field, label);
    return QStringLiteral("%1 %2 since (team book, %3)").arg(q.value(0).toString(), what, when);
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
    {
        sqlite3_changeset_iter *raw = nullptr;
        if (sqlite3changeset_start(&raw, int(applied.size()), const_cast<char *>(applied.constData())) == SQLITE_OK) {
            std::unique_ptr<sqlite3_changeset_iter, IterDeleter> it(raw);
            while (sqlite3changeset_next(it.get()) == SQLITE_ROW) {
                const char *name = nullptr;
                int n = 0, op = 0, indirect = 0;
                if (sqlite3changeset_op(it.get(), &name, &n, &op, &indirect) == SQLITE_OK && name && !report.columns.contains(QString::fromUtf8(name)))
                    report.columns.insert(QString::fromUtf8(name), columnsOf(db, QString::fromUtf8(name)));
            }
        }
    }
    const int rc = sqlite3changeset_apply(handleOf(db), int(applied.size()), const_cast<char *>(applied.constData()), nullptr, onConflict, &report);
    if (rc != SQLITE_OK) {
        QString where = report.table.isEmpty() ? QString() : QStringLiteral(" (table %1)").arg(report.table);
        // A teammate's newer change is never overwritten by an undo, and the refusal says whose.
        if (report.changedSince && report.rowId) {
            const QString teammate = changedByTeammate(db, report.table, *report.rowId, report.fields);
            if (!teammate.isEmpty()) {
                report.what = teammate;
                where.clear();
            }
        }
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
