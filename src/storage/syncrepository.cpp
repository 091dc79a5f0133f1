// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/storage/syncrepository.h"

#include "keystone/storage/database.h"
#include "rawstatement.h"

namespace keystone::storage {

int SyncRepository::cacheKiB()
{
    RawStatement st(m_db, "PRAGMA cache_size");
    const qint64 v = st.step() ? st.int64(0) : -2000;
    return v < 0 ? int(-v) : int(v * 4); // pages of 4 KiB when positive
}

void SyncRepository::setCacheKiB(int kib)
{
    m_db.exec(QStringLiteral("PRAGMA cache_size = -%1").arg(kib));
}

std::optional<QString> SyncRepository::state(const QString &key)
{
    RawStatement &st = m_db.cachedRaw("SELECT value FROM sync_state WHERE key = ?");
    st.bind(1, key);
    std::optional<QString> out;
    if (st.step())
        out = st.text(0);
    st.reset();
    return out;
}

void SyncRepository::setState(const QString &key, const QString &value)
{
    RawStatement &st = m_db.cachedRaw("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)");
    st.bind(1, key);
    st.bind(2, value);
    st.run([&] { return QStringLiteral("keeping the team book's %1").arg(key); });
}

void SyncRepository::clearState()
{
    RawStatement &st = m_db.cachedRaw("DELETE FROM sync_state");
    st.run([] { return QStringLiteral("forgetting the team book"); });
}

QHash<QString, QString> SyncRepository::base(const QString &table)
{
    RawStatement &st = m_db.cachedRaw("SELECT key, data FROM sync_base WHERE tbl = ?");
    st.bind(1, table);
    QHash<QString, QString> out;
    while (st.step())
        out.insert(st.text(0), st.text(1));
    st.reset();
    return out;
}

QHash<QString, QString> SyncRepository::baseAt(const QString &table, const QList<qint64> &rids)
{
    RawStatement &st = m_db.cachedRaw("SELECT key, data FROM sync_base WHERE tbl = ? AND rid IN (SELECT value FROM json_each(?))");
    st.bind(1, table);
    st.bind(2, idList(rids));
    QHash<QString, QString> out;
    while (st.step())
        out.insert(st.text(0), st.text(1));
    st.reset();
    return out;
}

std::optional<QString> SyncRepository::baseOf(const QString &table, const QString &key)
{
    RawStatement &st = m_db.cachedRaw("SELECT data FROM sync_base WHERE tbl = ? AND key = ?");
    st.bind(1, table);
    st.bind(2, key);
    std::optional<QString> out;
    if (st.step())
        out = st.text(0);
    st.reset();
    return out;
}

void SyncRepository::setBase(const QString &table, const QString &key, qint64 rid, const QString &data)
{
    RawStatement &st = m_db.cachedRaw("INSERT OR REPLACE INTO sync_base (tbl, key, rid, data) VALUES (?, ?, ?, ?)");
    st.bind(1, table);
    st.bind(2, key);
    st.bind(3, rid);
    st.bind(4, data);
    st.run([&] { return QStringLiteral("keeping what the team book holds of %1 %2").arg(table, key); });
}

void SyncRepository::removeBase(const QString &table, const QString &key)
{
    RawStatement &st = m_db.cachedRaw("DELETE FROM sync_base WHERE tbl = ? AND key = ?");
    st.bind(1, table);
    st.bind(2, key);
    st.run([&] { return QStringLiteral("forgetting %1 %2 of the team book").arg(table, key); });
}

void SyncRepository::clearBase()
{
    RawStatement &st = m_db.cachedRaw("DELETE FROM sync_base");
    st.run([] { return QStringLiteral("forgetting the team book's rows"); });
}

qint64 SyncRepository::baseCount()
{
    RawStatement &st = m_db.cachedRaw("SELECT count(*) FROM sync_base");
    const qint64 n = st.step() ? st.int64(0) : 0;
    st.reset();
    return n;
}

namespace {
// Table names come from the exchange descriptions in code, never from a file.
QString triggerName(const QString &table, const char *event)
{
    return QStringLiteral("sync_track_%1_%2").arg(table, QLatin1String(event));
}
} // namespace

void SyncRepository::startTracking(const std::vector<Tracked> &tables)
{
    for (const Tracked &t : tables) {
        const QString place = [&](const char *row) {
            return t.column.isEmpty() ? QStringLiteral("NULL") : QStringLiteral("%1.%2").arg(QLatin1String(row), t.column);
        }("NEW");
        const QString oldPlace = t.column.isEmpty() ? QStringLiteral("NULL") : QStringLiteral("OLD.%1").arg(t.column);
        m_db.exec(QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1 AFTER INSERT ON %2 BEGIN INSERT INTO sync_dirty (tbl, rid) VALUES ('%2', %3); END")
                      .arg(triggerName(t.table, "insert"), t.table, place));
        m_db.exec(QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1 AFTER UPDATE OF %5 ON %2 BEGIN INSERT INTO sync_dirty (tbl, rid) VALUES ('%2', %3); "
                                 "INSERT INTO sync_dirty (tbl, rid) SELECT '%2', %4 WHERE %4 IS NOT %3; END")
                      .arg(triggerName(t.table, "update"), t.table, place, oldPlace, t.fields.join(QStringLiteral(", "))));
        m_db.exec(QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1 AFTER DELETE ON %2 BEGIN INSERT INTO sync_dirty (tbl, rid) VALUES ('%2', %3); END")
                      .arg(triggerName(t.table, "delete"), t.table, oldPlace));
    }
    setState(QStringLiteral("tracking"), QStringLiteral("1"));
}

void SyncRepository::stopTracking(const std::vector<Tracked> &tables)
{
    for (const Tracked &t : tables)
        for (const char *event : {"insert", "update", "delete"})
            m_db.exec(QStringLiteral("DROP TRIGGER IF EXISTS %1").arg(triggerName(t.table, event)));
    m_db.exec(QStringLiteral("DELETE FROM sync_dirty"));
    RawStatement &st = m_db.cachedRaw("DELETE FROM sync_state WHERE key = 'tracking'");
    st.run([] { return QStringLiteral("stopping the change tracking"); });
}

bool SyncRepository::tracking()
{
    return state(QStringLiteral("tracking")) == QStringLiteral("1");
}

qint64 SyncRepository::lastMark()
{
    RawStatement &st = m_db.cachedRaw("SELECT coalesce(max(seq), 0) FROM sync_dirty");
    const qint64 n = st.step() ? st.int64(0) : 0;
    st.reset();
    return n;
}

QList<qint64> SyncRepository::marked(const QString &table, qint64 upTo, bool *whole)
{
    RawStatement &st = m_db.cachedRaw("SELECT DISTINCT rid FROM sync_dirty WHERE tbl = ? AND seq <= ?");
    st.bind(1, table);
    st.bind(2, upTo);
    QList<qint64> out;
    *whole = false;
    while (st.step()) {
        if (st.isNull(0))
            *whole = true;
        else
            out << st.int64(0);
    }
    st.reset();
    return out;
}

QHash<QString, QList<std::optional<qint64>>> SyncRepository::marksAfter(qint64 after)
{
    RawStatement &st = m_db.cachedRaw("SELECT DISTINCT tbl, rid FROM sync_dirty WHERE seq > ?");
    st.bind(1, after);
    QHash<QString, QList<std::optional<qint64>>> out;
    while (st.step())
        out[st.text(0)] << (st.isNull(1) ? std::nullopt : std::optional<qint64>(st.int64(1)));
    st.reset();
    return out;
}

void SyncRepository::dropMarks(qint64 upTo)
{
    RawStatement &st = m_db.cachedRaw("DELETE FROM sync_dirty WHERE seq <= ?");
    st.bind(1, upTo);
    st.run([] { return QStringLiteral("clearing the changes sent to the team book"); });
}

void SyncRepository::dropMarksAfter(qint64 after)
{
    RawStatement &st = m_db.cachedRaw("DELETE FROM sync_dirty WHERE seq > ?");
    st.bind(1, after);
    st.run([] { return QStringLiteral("clearing the marks of what came from the team book"); });
}

qint64 SyncRepository::addConflict(const SyncConflictRow &c)
{
    RawStatement &st = m_db.cachedRaw("INSERT INTO sync_conflicts (tbl, key, account_uuid, label, field, mine, theirs, kept, reason, "
                                      "changed_by, changed_at, found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    int p = 1;
    for (const QString *v : {&c.table, &c.key, &c.accountUuid, &c.label, &c.field, &c.mine, &c.theirs, &c.kept, &c.reason, &c.changedBy,
                             &c.changedAt, &c.foundAt})
        st.bind(p++, *v);
    st.run([&] { return QStringLiteral("keeping a conflict of %1 %2").arg(c.table, c.key); });
    return st.lastInsertRowId();
}

namespace {
constexpr const char *kConflictColumns = "id, tbl, key, account_uuid, label, field, mine, theirs, kept, reason, changed_by, changed_at, "
                                         "found_at, coalesce(resolved, '')";

SyncConflictRow readConflict(RawStatement &st)
{
    SyncConflictRow c;
    c.id = st.int64(0);
    QString *fields[] = {&c.table, &c.key, &c.accountUuid, &c.label, &c.field, &c.mine, &c.theirs, &c.kept, &c.reason, &c.changedBy,
                         &c.changedAt, &c.foundAt, &c.resolved};
    int col = 1;
    for (QString *f : fields)
        *f = st.text(col++);
    return c;
}
} // namespace

std::vector<SyncConflictRow> SyncRepository::conflicts(bool includeResolved)
{
    const QByteArray sql = QByteArray("SELECT ") + kConflictColumns + " FROM sync_conflicts" +
                           (includeResolved ? "" : " WHERE resolved IS NULL") + " ORDER BY id";
    RawStatement st(m_db, sql.constData());
    std::vector<SyncConflictRow> out;
    while (st.step())
        out.push_back(readConflict(st));
    return out;
}

std::optional<SyncConflictRow> SyncRepository::conflict(qint64 id)
{
    const QByteArray sql = QByteArray("SELECT ") + kConflictColumns + " FROM sync_conflicts WHERE id = ?";
    RawStatement st(m_db, sql.constData());
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return readConflict(st);
}

void SyncRepository::setResolved(qint64 id, const QString &keep)
{
    RawStatement &st = m_db.cachedRaw("UPDATE sync_conflicts SET resolved = ? WHERE id = ?");
    st.bind(1, keep);
    st.bind(2, id);
    st.run([&] { return QStringLiteral("resolving conflict %1").arg(id); });
}

} // namespace keystone::storage
