// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/storage/bookrepository.h"

#include "keystone/storage/database.h"
#include "keystone/storage/clock.h"
#include "rawstatement.h"
#include "sqlvalues.h"

#include <QSqlQuery>

namespace keystone::storage {

using domain::ArrPoint;
using domain::SignalState;

namespace {
std::vector<ArrPoint> readPoints(RawStatement &st)
{
    std::vector<ArrPoint> out;
    while (st.step())
        out.push_back({st.int64(0), st.date(1), st.int64(2),
                       domain::parseArrChange(st.text(3)).value_or(domain::ArrChange::Snapshot)});
    return out;
}

QString decisionKey(domain::SignalDecision d)
{
    switch (d) {
    case domain::SignalDecision::Active: return QStringLiteral("active");
    case domain::SignalDecision::Snoozed: return QStringLiteral("snoozed");
    case domain::SignalDecision::Dismissed: return QStringLiteral("dismissed");
    }
    return QStringLiteral("active");
}

domain::SignalDecision parseDecision(const QString &s)
{
    if (s == QLatin1String("snoozed"))
        return domain::SignalDecision::Snoozed;
    if (s == QLatin1String("dismissed"))
        return domain::SignalDecision::Dismissed;
    return domain::SignalDecision::Active;
}

std::optional<SignalState> readState(RawStatement &st)
{
    const auto rule = domain::parseSignalRule(st.text(2));
    if (!rule)
        return std::nullopt; // a rule this version does not know: ignored
    SignalState s;
    s.id = st.int64(0);
    s.accountId = st.int64(1);
    s.rule = *rule;
    s.decision = parseDecision(st.text(3));
    s.until = st.date(4);
    s.reason = st.text(5);
    s.at = st.timestamp(6);
    return s;
}
} // namespace

std::vector<ArrPoint> ArrHistoryRepository::all()
{
    RawStatement st(m_db, "SELECT account_id, date, arr_cents, change FROM arr_history ORDER BY account_id, date");
    return readPoints(st);
}

std::vector<ArrPoint> ArrHistoryRepository::forAccount(qint64 accountId)
{
    RawStatement st(m_db, "SELECT account_id, date, arr_cents, change FROM arr_history WHERE account_id = ? ORDER BY date");
    st.bind(1, accountId);
    return readPoints(st);
}

std::vector<ArrPoint> ArrHistoryRepository::ofAccounts(const QList<qint64> &accountIds)
{
    RawStatement st(m_db, "SELECT account_id, date, arr_cents, change FROM arr_history "
                          "WHERE account_id IN (SELECT value FROM json_each(?)) ORDER BY account_id, date");
    st.bind(1, idList(accountIds));
    return readPoints(st);
}

void ArrHistoryRepository::record(const ArrPoint &p)
{
    recordMany({p});
}

void ArrHistoryRepository::recordMany(const std::vector<ArrPoint> &points)
{
    RawStatement &st = m_db.cachedRaw("INSERT INTO arr_history (account_id, date, arr_cents, change) VALUES (?, ?, ?, ?) "
                          "ON CONFLICT(account_id, date) DO UPDATE SET arr_cents = excluded.arr_cents, change = excluded.change");
    for (const ArrPoint &p : points) {
        st.bind(1, p.accountId);
        st.bind(2, sql::isoDate(p.date));
        st.bind(3, p.arrCents);
        st.bind(4, domain::arrChangeKey(p.change));
        st.run([&] { return QStringLiteral("saving the ARR of account %1 on %2").arg(p.accountId).arg(sql::isoDate(p.date)); });
    }
}

void ArrHistoryRepository::remove(qint64 accountId, const QDate &date)
{
    RawStatement &st = m_db.cachedRaw("DELETE FROM arr_history WHERE account_id = ? AND date = ?");
    st.bind(1, accountId);
    st.bind(2, sql::isoDate(date));
    st.run([&] { return QStringLiteral("removing the ARR of account %1 on %2").arg(accountId).arg(sql::isoDate(date)); });
}

qint64 ArrHistoryRepository::count()
{
    RawStatement st(m_db, "SELECT count(*) FROM arr_history");
    return st.step() ? st.int64(0) : 0;
}

std::vector<QPair<qint64, qint64>> AssignmentRepository::all()
{
    RawStatement st(m_db, "SELECT account_id, team_member_id FROM account_team ORDER BY account_id, team_member_id");
    std::vector<QPair<qint64, qint64>> out;
    while (st.step())
        out.emplace_back(st.int64(0), st.int64(1));
    return out;
}

std::vector<qint64> AssignmentRepository::membersOf(qint64 accountId)
{
    RawStatement st(m_db, "SELECT team_member_id FROM account_team WHERE account_id = ? ORDER BY team_member_id");
    st.bind(1, accountId);
    std::vector<qint64> out;
    while (st.step())
        out.push_back(st.int64(0));
    return out;
}

bool AssignmentRepository::assign(qint64 accountId, qint64 memberId)
{
    RawStatement &st = m_db.cachedRaw("INSERT OR IGNORE INTO account_team (account_id, team_member_id) VALUES (?, ?)");
    st.bind(1, accountId);
    st.bind(2, memberId);
    st.run([&] { return QStringLiteral("assigning team member %1 to account %2").arg(memberId).arg(accountId); });
    return st.changes() > 0;
}

bool AssignmentRepository::unassign(qint64 accountId, qint64 memberId)
{
    RawStatement &st = m_db.cachedRaw("DELETE FROM account_team WHERE account_id = ? AND team_member_id = ?");
    st.bind(1, accountId);
    st.bind(2, memberId);
    st.run([&] { return QStringLiteral("unassigning team member %1 from account %2").arg(memberId).arg(accountId); });
    return st.changes() > 0;
}

QHash<QPair<qint64, int>, SignalState> SignalStateRepository::newest()
{
    // The newest row per (account, rule): ids grow with time.
    RawStatement st(m_db, "SELECT id, account_id, rule, decision, until, reason, at FROM signal_states "
                          "WHERE id IN (SELECT max(id) FROM signal_states GROUP BY account_id, rule)");
    QHash<QPair<qint64, int>, SignalState> out;
    while (st.step())
        if (auto s = readState(st))
            out.insert({s->accountId, int(s->rule)}, *s);
    return out;
}

std::vector<SignalState> SignalStateRepository::forAccount(qint64 accountId)
{
    RawStatement st(m_db, "SELECT id, account_id, rule, decision, until, reason, at FROM signal_states WHERE account_id = ? ORDER BY id");
    st.bind(1, accountId);
    std::vector<SignalState> out;
    while (st.step())
        if (auto s = readState(st))
            out.push_back(*s);
    return out;
}

void SignalStateRepository::add(SignalState &s)
{
    if (!s.at.isValid())
        s.at = storage::now();
    RawStatement &st = m_db.cachedRaw("INSERT INTO signal_states (id, account_id, rule, decision, until, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    bindId(st, 1, s.id);
    st.bind(2, s.accountId);
    st.bind(3, domain::signalRuleKey(s.rule));
    st.bind(4, decisionKey(s.decision));
    bindDate(st, 5, s.until);
    st.bind(6, sql::text(s.reason));
    st.bind(7, sql::fromTimestamp(s.at));
    st.run([&] { return QStringLiteral("saving a decision on a signal of account %1").arg(s.accountId); });
    s.id = st.lastInsertRowId();
}

void SignalStateRepository::remove(qint64 id)
{
    RawStatement &st = m_db.cachedRaw("DELETE FROM signal_states WHERE id = ?");
    st.bind(1, id);
    st.run([&] { return QStringLiteral("removing signal decision %1").arg(id); });
}

QHash<qint64, BookQueries::Champions> BookQueries::champions()
{
    RawStatement st(m_db, "SELECT account_id, "
                          "sum(status = 'active' AND (role = 'champion' OR stance = 'champion')), "
                          "sum(status = 'active'), "
                          "max(CASE WHEN status = 'departed' AND (role = 'champion' OR stance = 'champion') THEN departed_on END) "
                          "FROM contacts GROUP BY account_id");
    QHash<qint64, Champions> out;
    while (st.step())
        out.insert(st.int64(0), {int(st.int64(1)), int(st.int64(2)), st.date(3)});
    return out;
}

QSet<qint64> BookQueries::renewalWork(const QDate &since)
{
    RawStatement st(m_db, "SELECT account_id FROM opportunities WHERE type = 'renewal' AND stage <> 'lost' "
                          "AND (close_date IS NULL OR close_date >= ?1) "
                          "UNION SELECT account_id FROM activities WHERE date >= ?1 "
                          "AND (summary LIKE '%renew%' OR next_step LIKE '%renew%')");
    st.bind(1, sql::isoDate(since));
    QSet<qint64> out;
    while (st.step())
        out.insert(st.int64(0));
    return out;
}

QHash<qint64, QDate> BookQueries::lastBusinessReviews()
{
    RawStatement st(m_db, "SELECT account_id, max(date) FROM activities WHERE type IN ('qbr', 'executive_review') GROUP BY account_id");
    QHash<qint64, QDate> out;
    while (st.step())
        out.insert(st.int64(0), st.date(1));
    return out;
}

QMap<QString, qint64> BookQueries::entityCounts()
{
    QMap<QString, qint64> out;
    // A fixed set of tables: the names come from here, never from input.
    for (const char *table : {"products", "buying_centers", "whitespace_cells", "opportunities", "contacts", "contact_influences", "activities"}) {
        RawStatement st(m_db, QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table)).toUtf8().constData());
        if (st.step())
            out.insert(QLatin1String(table), st.int64(0));
    }
    return out;
}

QHash<qint64, double> BookQueries::usageRatios()
{
    // SQLite takes the bare columns from the row holding max(date).
    RawStatement st(m_db, "SELECT account_id, active_users, licensed_seats, max(date) FROM health_inputs "
                          "WHERE licensed_seats > 0 AND active_users IS NOT NULL GROUP BY account_id");
    QHash<qint64, double> out;
    while (st.step())
        out.insert(st.int64(0), double(st.int64(1)) / double(st.int64(2)));
    return out;
}

QHash<qint64, int> BookQueries::newBuyingCenterContacts()
{
    RawStatement st(m_db, "SELECT c.account_id, count(*) FROM contacts c WHERE c.status = 'active' AND c.buying_center_id IS NOT NULL "
                          "AND NOT EXISTS (SELECT 1 FROM whitespace_cells w WHERE w.buying_center_id = c.buying_center_id "
                          "AND w.status IN ('owned', 'pipeline')) GROUP BY c.account_id");
    QHash<qint64, int> out;
    while (st.step())
        out.insert(st.int64(0), int(st.int64(1)));
    return out;
}

} // namespace keystone::storage
