// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "pusher.h"

#include "keystone/log/log.h"
#include "keystone/storage/exchangerepository.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace keystone::team {

using services::LocalChange;
using services::ServerRow;
using services::SyncConflict;
using services::SyncStore;
using storage::ExchangeTable;

namespace {

// Writes rows in batches; the server's policies refuse rows silently for UPDATE and DELETE
// (they are not visible to the statement), so a count short of the batch is a refusal.
// A JSON string literal (keys are uuids or JSON arrays of them: mostly nothing to escape).
QString jsonString(const QString &s)
{
    QString out;
    out.reserve(s.size() + 2);
    out += QLatin1Char('"');
    for (const QChar ch : s) {
        const char16_t u = ch.unicode();
        if (u == '"' || u == '\\') {
            out += QLatin1Char('\\');
            out += ch;
        } else if (u < 0x20) {
            out += QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0'));
        } else {
            out += ch;
        }
    }
    out += QLatin1Char('"');
    return out;
}

// Sends the push's statements to the server on a thread of its own, so that the server
// writes one batch while this thread reads and prepares the next (a publish is half server
// work, half work here). The connection is the writer's alone until drain() returns; an
// error stops it and comes out of the next drain().
class BatchWriter
{
public:
    explicit BatchWriter(PgConnection &db) : m_db(db), m_thread([this] { run(); }) {}
    ~BatchWriter()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_changed.notify_all();
        m_thread.join();
    }
    struct Batch {
        QString sql;
        QString payload;
        int rows = 0; // the rows it must write (-1: not counted)
        QString table;
        QByteArray copy; // for a COPY ... FROM STDIN: the rows
    };
    void add(Batch b)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_queue.size() < 4 || m_error; });
        if (m_error)
            std::rethrow_exception(m_error);
        m_queue.push_back(std::move(b));
        m_changed.notify_all();
    }
    void drain()
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return (m_queue.empty() && !m_busy) || m_error; });
        if (m_error)
            std::rethrow_exception(m_error);
    }

private:
    void run()
    {
        while (true) {
            Batch b;
            {
                std::unique_lock lock(m_mutex);
                m_changed.wait(lock, [&] { return m_stop || (!m_queue.empty() && !m_error); });
                if (m_stop)
                    return;
                b = std::move(m_queue.front());
                m_queue.pop_front();
                m_busy = true;
            }
            std::exception_ptr error;
            try {
                if (!b.copy.isEmpty()) {
                    m_db.copyIn(b.sql, b.copy);
                } else {
                    const PgResult r = b.payload.isNull() ? m_db.exec(b.sql) : m_db.exec(b.sql, {b.payload});
                    if (b.rows >= 0 && r.affected() != b.rows)
                    throw TeamError(TeamError::Code::Refused, QStringLiteral("the team server refused %1 of %2 changes to %3 (a permission it holds): "
                                                                             "nothing of this sync was pushed")
                                                                      .arg(b.rows - r.affected())
                                                                      .arg(b.rows)
                                                                      .arg(b.table));
                }
            } catch (...) {
                error = std::current_exception();
            }
            {
                std::lock_guard lock(m_mutex);
                m_busy = false;
                if (error) {
                    m_error = error;
                    m_queue.clear();
                }
            }
            m_changed.notify_all();
        }
    }
    PgConnection &m_db;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Batch> m_queue;
    bool m_busy = false;
    bool m_stop = false;
    std::exception_ptr m_error;
    std::thread m_thread; // last: started once the rest is ready
};

// COPY's text format: backslash, tab, newline and carriage return escaped.
void appendCopyField(QByteArray &out, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    for (const char ch : utf8) {
        switch (ch) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default: out += ch;
        }
    }
}

// New rows go in through COPY into a temporary table and one INSERT ... SELECT per table: the
// server parses each entity once, as a COPY into the table itself would, and the table's
// policies, triggers and constraints apply to the INSERT as to any other.
void insertRows(BatchWriter &writer, const ExchangeTable &t, const std::vector<std::pair<QString, QString>> &rows,
                const QHash<QString, QString> &accounts)
{
    if (rows.empty())
        return;
    const bool link = isActivityLink(t);
    writer.add({QStringLiteral("CREATE TEMPORARY TABLE IF NOT EXISTS keystone_incoming (key text, account_uuid text, data jsonb) ON COMMIT DROP"), {},
                -1, t.table, {}});
    constexpr size_t kCopyRows = 20000;
    for (size_t i = 0; i < rows.size(); i += kCopyRows) {
        QByteArray tsv;
        const size_t end = std::min(rows.size(), i + kCopyRows);
        tsv.reserve(qsizetype(end - i) * 400);
        for (size_t j = i; j < end; ++j) {
            appendCopyField(tsv, rows[j].first);
            tsv += '\t';
            if (link)
                appendCopyField(tsv, accounts.value(rows[j].first));
            else
                tsv += "\\N";
            tsv += '\t';
            appendCopyField(tsv, rows[j].second);
            tsv += '\n';
        }
        writer.add({QStringLiteral("COPY keystone_incoming (key, account_uuid, data) FROM STDIN"), {}, -1, t.table, std::move(tsv)});
    }
    writer.add({link ? QStringLiteral("INSERT INTO keystone.%1 (key, account_uuid, data) SELECT key, account_uuid, data FROM keystone_incoming").arg(t.table)
                     : QStringLiteral("INSERT INTO keystone.%1 (key, data) SELECT key, data FROM keystone_incoming").arg(t.table),
                {}, int(rows.size()), t.table, {}});
    writer.add({QStringLiteral("TRUNCATE keystone_incoming"), {}, -1, t.table, {}});
}

// Rows as (key, the entity's canonical JSON text).
void writeRows(BatchWriter &writer, const ExchangeTable &t, const QString &verb, const std::vector<std::pair<QString, QString>> &rows,
               const QHash<QString, QString> &accounts)
{
    if (verb == QLatin1String("insert")) {
        insertRows(writer, t, rows, accounts);
        return;
    }
    const bool link = isActivityLink(t);
    QString sql;
    if (verb == QLatin1String("insert"))
        sql = link ? QStringLiteral("INSERT INTO keystone.%1 (key, account_uuid, data) SELECT x.key, x.account_uuid, x.data "
                                    "FROM jsonb_to_recordset($1::jsonb) AS x(key text, account_uuid text, data jsonb)")
                   : QStringLiteral("INSERT INTO keystone.%1 (key, data) SELECT x.key, x.data FROM jsonb_to_recordset($1::jsonb) AS x(key text, data jsonb)");
    else if (verb == QLatin1String("update"))
        sql = link ? QStringLiteral("UPDATE keystone.%1 AS t SET data = x.data, account_uuid = x.account_uuid "
                                    "FROM jsonb_to_recordset($1::jsonb) AS x(key text, account_uuid text, data jsonb) WHERE t.key = x.key")
                   : QStringLiteral("UPDATE keystone.%1 AS t SET data = x.data FROM jsonb_to_recordset($1::jsonb) AS x(key text, data jsonb) "
                                    "WHERE t.key = x.key");
    else
        sql = QStringLiteral("DELETE FROM keystone.%1 WHERE key IN (SELECT x.key FROM jsonb_to_recordset($1::jsonb) AS x(key text))");
    sql = sql.arg(t.table);
    for (size_t i = 0; i < rows.size(); i += kBatch) {
        // Written as text: the entities' JSON is already there.
        QString batch;
        batch.reserve(int(kBatch) * 400);
        batch += QLatin1Char('[');
        const size_t end = std::min(rows.size(), i + kBatch);
        for (size_t j = i; j < end; ++j) {
            if (j > i)
                batch += QLatin1Char(',');
            batch += QStringLiteral("{\"key\":") + jsonString(rows[j].first);
            if (verb != QLatin1String("delete"))
                batch += QStringLiteral(",\"data\":") + rows[j].second;
            if (link)
                batch += QStringLiteral(",\"account_uuid\":") + jsonString(accounts.value(rows[j].first));
            batch += QLatin1Char('}');
        }
        batch += QLatin1Char(']');
        writer.add({sql, batch, int(end - i), t.table, {}});
    }
}

} // namespace

class Pusher::Impl
{
public:
    Impl(PgConnection &db, SyncStore &store, const Who &who, qint64 position, SyncReport &report)
        : m_db(db), m_store(store), m_who(who), m_position(position), m_report(report), m_writer(db)
    {
        QStringList probes;
        for (const ExchangeTable *t : SyncStore::tables())
            probes << QStringLiteral("SELECT '%1' WHERE NOT EXISTS (SELECT 1 FROM keystone.%1)").arg(t->table);
        const PgResult empty = m_db.exec(probes.join(QStringLiteral(" UNION ALL ")));
        for (int i = 0; i < empty.rows(); ++i)
            m_emptyTables.insert(empty.text(i, 0));
    }
    // Waits until the server has taken every batch (rethrows what it refused).
    void finish() { m_writer.drain(); }

    // One table's local changes against the server: merged, checked against the signed-in
    // role, written. Rows to put back here (refused, or kept there) and rows agreed go to
    // `agreed`.
    void push(const ExchangeTable &t, std::vector<ServerRow> &agreed)
    {
        const std::vector<LocalChange> changes = m_store.localChanges(t, m_revived);
        if (changes.empty())
            return;
        QStringList keys;
        for (const LocalChange &c : changes)
            keys << c.key;
        // A table that was empty on the server when this push began (a book being published)
        // holds none of them: nothing to read back, and the writer need not be waited for.
        const bool serverEmpty = m_emptyTables.contains(t.table);
        if (!serverEmpty || m_who.role == Role::Am)
            m_writer.drain(); // the connection is this thread's again
        const QHash<QString, Held> held = serverEmpty ? QHash<QString, Held>() : fetchRows(m_db, t, keys);
        loadOwners(t, changes, held);
        std::vector<std::pair<QString, QString>> inserts, updates, deletes;
        QHash<QString, QString> linkAccounts;
        for (const LocalChange &c : changes) {
            const auto it = held.constFind(c.key);
            const Held *there = it == held.cend() ? nullptr : &*it;
            const QString account = !c.accountUuid.isEmpty() ? c.accountUuid : there ? there->accountUuid : QString();
            if (c.deleted) {
                pushDelete(t, c, there, account, agreed, deletes);
                continue;
            }
            if (c.unchanged) {
                // Unchanged here, under an entity this sync brings back: it comes back too
                // if it was deleted there.
                if (there)
                    continue;
                if (!refusedWhy(t, c.key, account, nullptr, c.mine).isEmpty())
                    continue;
                inserts.emplace_back(c.key, c.mineText);
                if (isActivityLink(t))
                    linkAccounts.insert(c.key, account);
                if (t.hasUuid)
                    m_revived.insert(c.key);
                agreed.push_back(serverRow(c.key, c.mine, {}, {}, c.mine, false, c.place, c.mineText, true));
                ++m_report.pushed[t.table];
                continue;
            }
            const QJsonObject &mine = c.mine;
            QJsonObject result = mine;
            bool mergedThere = false;
            if (there) {
                const bool unchangedThere = there->changeNo <= m_position ||
                                            (c.base && SyncStore::canonical(*c.base) == SyncStore::canonical(there->data));
                if (!unchangedThere) {
                    mergedThere = true;
                    result = there->data;
                    for (auto f = mine.begin(); f != mine.end(); ++f) {
                        const QJsonValue was = c.base ? c.base->value(f.key()) : QJsonValue(QJsonValue::Undefined);
                        const QJsonValue theirs = there->data.value(f.key());
                        const bool mineChanged = !c.base || was != f.value();
                        const bool theirsChanged = !c.base || was != theirs;
                        if (!mineChanged || theirs == f.value())
                            continue;
                        if (!theirsChanged) {
                            result.insert(f.key(), f.value());
                            continue;
                        }
                        if (f.key() == QLatin1String("updated_at"))
                            continue; // a modification time is no one's value: the server's stands
                        // Both changed it: the value that reached the server first stands.
                        m_conflicts.push_back({0, t.table, c.key, account, {}, c.label, f.key(), SyncStore::fieldText(f.value()), SyncStore::fieldText(theirs),
                                               QStringLiteral("theirs"), QStringLiteral("changed on both"), there->changedBy,
                                               there->changedAt, {}, {}});
                    }
                }
                if (SyncStore::canonical(result) == SyncStore::canonical(there->data)) {
                    agreed.push_back(serverRow(c.key, there->data, there->changedBy, there->changedAt, mine, false, c.place));
                    continue;
                }
            } else if (c.base) {
                // Deleted there since, edited here: the edit wins, the entity comes back with
                // what hangs off it here.
                if (!m_revivedParent(c))
                    m_conflicts.push_back({0, t.table, c.key, account, {}, c.label, QStringLiteral("(deleted)"), SyncStore::fieldText(QJsonValue(mine)),
                                           QStringLiteral("\"deleted\""), QStringLiteral("mine"),
                                           QStringLiteral("deleted there, changed here: the change is kept, with everything under it"), {}, {}, {},
                                           {}});
                if (t.hasUuid)
                    m_revived.insert(c.key);
            }
            const QString refusal = refusedWhy(t, c.key, account, there, result);
            if (!refusal.isEmpty()) {
                refuse(t, c, account, there, refusal, agreed);
                continue;
            }
            const bool asMine = !mergedThere || result == mine;
            const QString resultText = asMine ? c.mineText : SyncStore::canonical(result);
            (there ? updates : inserts).emplace_back(c.key, resultText);
            if (isActivityLink(t))
                linkAccounts.insert(c.key, account);
            if (t.table == QLatin1String("accounts"))
                m_owners.insert(c.key, result.value(QStringLiteral("owner")).toString());
            agreed.push_back(serverRow(c.key, result, {}, {}, mine, false, c.place, resultText, asMine));
            ++m_report.pushed[t.table];
        }
        writeRows(m_writer, t, QStringLiteral("insert"), inserts, linkAccounts);
        writeRows(m_writer, t, QStringLiteral("update"), updates, linkAccounts);
        writeRows(m_writer, t, QStringLiteral("delete"), deletes, linkAccounts);
    }

    std::vector<SyncConflict> takeConflicts() { return std::move(m_conflicts); }

private:
    void pushDelete(const ExchangeTable &t, const LocalChange &c, const Held *there, const QString &account, std::vector<ServerRow> &agreed,
                    std::vector<std::pair<QString, QString>> &deletes)
    {
        if (!there) {
            agreed.push_back(serverRow(c.key, std::nullopt, {}, {}, std::nullopt, false)); // gone on both sides
            return;
        }
        // An entity kept there keeps what hangs off it: its dependants' deletions wait too.
        bool dependsOnKept = false;
        if (c.base)
            for (auto f = c.base->begin(); f != c.base->end(); ++f)
                if (f.value().isString() && m_kept.contains(f.value().toString()))
                    dependsOnKept = true;
        QString why;
        QString reason;
        if (dependsOnKept) {
            // Put back with what it belongs to, whose conflict is the one listed.
            if (t.hasUuid)
                m_kept.insert(c.key);
            agreed.push_back(serverRow(c.key, there->data, there->changedBy, there->changedAt, std::nullopt, true));
            return;
        } else if (there->changeNo > m_position) {
            reason = QStringLiteral("deleted here, changed there: the change is kept, with everything under it");
        } else {
            why = refusedWhy(t, c.key, account, there, there->data);
            if (why.isEmpty()) {
                deletes.emplace_back(c.key, QString());
                agreed.push_back(serverRow(c.key, std::nullopt, {}, {}, std::nullopt, false));
                ++m_report.pushed[t.table];
                return;
            }
            reason = QStringLiteral("refused: ") + why;
        }
        m_conflicts.push_back({0, t.table, c.key, account, {}, c.label, QStringLiteral("(deleted)"), QStringLiteral("\"deleted\""),
                               SyncStore::fieldText(QJsonValue(there->data)), QStringLiteral("theirs"), reason, there->changedBy, there->changedAt, {}, {}});
        if (t.hasUuid)
            m_kept.insert(c.key);
        agreed.push_back(serverRow(c.key, there->data, there->changedBy, there->changedAt, std::nullopt, true));
    }

    void refuse(const ExchangeTable &t, const LocalChange &c, const QString &account, const Held *there, const QString &why,
                std::vector<ServerRow> &agreed)
    {
        // Every field that differs is listed, and the entity goes back to the server's value.
        const QJsonObject theirs = there ? there->data : QJsonObject();
        bool listed = false;
        for (auto f = c.mine.begin(); f != c.mine.end(); ++f) {
            if (there && (theirs.value(f.key()) == f.value() || f.key() == QLatin1String("updated_at")))
                continue; // a modification time is no one's value
            if (!there && listed)
                break;
            listed = true;
            m_conflicts.push_back({0, t.table, c.key, account, {}, c.label, there ? f.key() : QStringLiteral("(all)"),
                                   there ? SyncStore::fieldText(f.value()) : SyncStore::fieldText(QJsonValue(c.mine)),
                                   there ? SyncStore::fieldText(theirs.value(f.key())) : QStringLiteral("\"not in the team book\""), QStringLiteral("theirs"),
                                   QStringLiteral("refused: ") + why, there ? there->changedBy : QString(), there ? there->changedAt : QString(), {},
                                   {}});
        }
        if (there)
            agreed.push_back(serverRow(c.key, there->data, there->changedBy, there->changedAt, std::nullopt, true));
        else
            agreed.push_back(serverRow(c.key, std::nullopt, {}, {}, std::nullopt, true));
    }

    // The owners of the accounts these changes touch, as the server holds them now.
    void loadOwners(const ExchangeTable &t, const std::vector<LocalChange> &changes, const QHash<QString, Held> &held)
    {
        if (m_who.role != Role::Am)
            return;
        QStringList wanted;
        for (const LocalChange &c : changes) {
            for (const QString &a : {c.accountUuid, held.value(c.key).accountUuid, c.mine.value(QStringLiteral("account")).toString()})
                if (!a.isEmpty() && !m_owners.contains(a))
                    wanted << a;
            if (t.table == QLatin1String("accounts") && !m_owners.contains(c.key))
                wanted << c.key;
        }
        wanted.removeDuplicates();
        for (qsizetype i = 0; i < wanted.size(); i += kBatch) {
            const PgResult r = m_db.exec(QStringLiteral("SELECT key, coalesce(data->>'owner', '') FROM keystone.accounts "
                                                        "WHERE key IN (SELECT jsonb_array_elements_text($1::jsonb))"),
                                         {jsonArray(wanted.mid(i, kBatch))});
            for (int row = 0; row < r.rows(); ++row)
                m_owners.insert(r.text(row, 0), r.text(row, 1));
        }
    }

    bool owns(const QString &account) const
    {
        return !account.isEmpty() && !m_who.memberUuid.isEmpty() && m_owners.value(account) == m_who.memberUuid;
    }

    // Why the server would refuse this write for the signed-in role (empty: it would not).
    QString refusedWhy(const ExchangeTable &t, const QString &key, const QString &account, const Held *there, const QJsonObject &result) const
    {
        switch (m_who.role) {
        case Role::Lead: return {};
        case Role::Viewer: return QStringLiteral("%1 is a viewer of the team book and may not change it").arg(m_who.member);
        case Role::Am: break;
        }
        if (t.table == QLatin1String("accounts")) {
            const bool existing = m_owners.contains(key) && there;
            if (existing ? owns(key) : result.value(QStringLiteral("owner")).toString() == m_who.memberUuid && !m_who.memberUuid.isEmpty())
                return {};
            return QStringLiteral("%1 may change only the accounts they own").arg(m_who.member);
        }
        if (account.isEmpty())
            return QStringLiteral("only a lead may change %1s, which belong to the whole book").arg(t.entity);
        if (!owns(account) || (there && !there->accountUuid.isEmpty() && !owns(there->accountUuid)))
            return QStringLiteral("%1 may change only the accounts they own").arg(m_who.member);
        return {};
    }

    PgConnection &m_db;
    SyncStore &m_store;
    const Who &m_who;
    qint64 m_position;
    SyncReport &m_report;
    QHash<QString, QString> m_owners; // account uuid -> owner's team member uuid
    QSet<QString> m_kept;             // uuids whose deletion here was not pushed
    QSet<QString> m_revived;          // uuids deleted there that this sync brings back
    QSet<QString> m_emptyTables;      // tables empty on the server when the push began
    // Whether an entity refers to one this sync brings back (its conflict is the one listed).
    bool m_revivedParent(const LocalChange &c) const
    {
        for (auto f = c.mine.begin(); f != c.mine.end(); ++f)
            if (f.key() != QLatin1String("uuid") && f.value().isString() && m_revived.contains(f.value().toString()))
                return true;
        return false;
    }
    std::vector<SyncConflict> m_conflicts;
    BatchWriter m_writer; // last: destroyed (and joined) first
};

Pusher::Pusher(PgConnection &db, SyncStore &store, const Who &who, qint64 position, SyncReport &report)
    : d(std::make_unique<Impl>(db, store, who, position, report))
{
}

Pusher::~Pusher() = default;

void Pusher::push(const ExchangeTable &t, std::vector<ServerRow> &agreed)
{
    d->push(t, agreed);
}

void Pusher::finish()
{
    d->finish();
}

std::vector<SyncConflict> Pusher::takeConflicts()
{
    return d->takeConflicts();
}

} // namespace keystone::team
