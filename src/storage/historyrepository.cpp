// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/storage/historyrepository.h"

#include "keystone/storage/database.h"
#include "rawstatement.h"

#include <algorithm>

namespace keystone::storage {

std::vector<ChangeRecord> HistoryRepository::forAccount(qint64 accountId, int limit)
{
    RawStatement st(m_db, "SELECT id, at, account_id, entity, entity_id, label, action, field, old_value, new_value, changed_by FROM change_log "
                          "WHERE account_id = ? ORDER BY id DESC LIMIT ?");
    st.bind(1, accountId);
    st.bind(2, qint64(limit));
    std::vector<ChangeRecord> out;
    while (st.step()) {
        ChangeRecord r;
        r.id = st.int64(0);
        r.at = st.timestamp(1);
        r.accountId = st.int64(2);
        r.entity = st.text(3);
        r.entityId = st.int64(4);
        r.label = st.text(5);
        r.action = st.text(6);
        r.field = st.text(7);
        if (!st.isNull(8))
            r.oldValue = st.text(8);
        if (!st.isNull(9))
            r.newValue = st.text(9);
        r.changedBy = st.text(10);
        out.push_back(std::move(r));
    }
    return out;
}

qint64 HistoryRepository::count()
{
    RawStatement st(m_db, "SELECT count(*) FROM change_log");
    return st.step() ? st.int64(0) : 0;
}

qint64 HistoryRepository::lastId()
{
    RawStatement &st = m_db.cachedRaw("SELECT coalesce(max(id), 0) FROM change_log");
    const qint64 id = st.step() ? st.int64(0) : 0;
    st.reset();
    return id;
}

void HistoryRepository::attribute(qint64 afterId, const QString &changedBy)
{
    RawStatement &st = m_db.cachedRaw("UPDATE change_log SET changed_by = ? WHERE id > ?");
    st.bind(1, changedBy);
    st.bind(2, afterId);
    st.run([] { return QStringLiteral("naming who made a change"); });
}

void HistoryRepository::setRecording(bool on)
{
    RawStatement &st = m_db.cachedRaw("UPDATE history_state SET recording = ?");
    st.bind(1, qint64(on ? 1 : 0));
    st.run([] { return QStringLiteral("switching the change history"); });
    if (!on || m_suspended.empty())
        return;
    // The triggers suspendForBulk() took out, unless a rollback has put them back already.
    RawStatement exists(m_db, "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?");
    for (const auto &[name, sql] : m_suspended) {
        exists.bind(1, name);
        const bool present = exists.step();
        exists.reset();
        if (!present)
            m_db.exec(sql);
    }
    m_suspended.clear();
}

void HistoryRepository::suspendForBulk()
{
    setRecording(false);
    std::vector<std::pair<QString, QString>> triggers;
    {
        RawStatement st(m_db, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'history\\_%' ESCAPE '\\' ORDER BY name");
        while (st.step())
            triggers.emplace_back(st.text(0), st.text(1));
    }
    for (const auto &trigger : triggers) { // not a structured binding: clang 14 cannot capture one
        m_db.exec(QStringLiteral("DROP TRIGGER \"%1\"").arg(trigger.first)); // names come from the schema
        if (std::none_of(m_suspended.begin(), m_suspended.end(), [&](const auto &s) { return s.first == trigger.first; }))
            m_suspended.push_back(trigger);
    }
}

} // namespace keystone::storage
