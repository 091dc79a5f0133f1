// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/storage/accountrepository.h"

#include "keystone/domain/validation.h"
#include "keystone/storage/database.h"
#include "keystone/storage/clock.h"
#include "rawstatement.h"
#include "sqlvalues.h"

#include <QSqlQuery>
#include <QStringList>
#include <QUuid>

namespace keystone::storage {

using domain::Account;

namespace {

const QString kColumns = QStringLiteral(
    "id, uuid, name, industry, region, owner_id, arr_cents, currency, renewal_date, customer_since, "
    "lifecycle, at_risk, tier_override, tier_override_reason, potential_rating, notes, referenceable, "
    "created_at, updated_at, company_revenue_cents, employees, account_type");

// kColumns plus the stored case-folded name that enforces case-insensitive uniqueness.
const QString kWriteColumns = QStringLiteral(
    "id, uuid, name, name_key, industry, region, owner_id, arr_cents, currency, renewal_date, "
    "customer_since, lifecycle, at_risk, tier_override, tier_override_reason, potential_rating, notes, "
    "referenceable, created_at, updated_at, company_revenue_cents, employees, account_type");

Account fromRow(const QSqlQuery &q)
{
    Account a;
    a.id = q.value(0).toLongLong();
    a.uuid = q.value(1).toString();
    a.name = q.value(2).toString();
    a.industry = q.value(3).toString();
    a.region = q.value(4).toString();
    a.ownerId = q.value(5).toLongLong();
    a.arr.cents = q.value(6).toLongLong();
    a.arr.currency = q.value(7).toString();
    a.renewalDate = sql::toDate(q.value(8));
    a.customerSince = sql::toDate(q.value(9));
    a.phase = domain::parseLifecycle(q.value(10).toString()).value_or(domain::LifecyclePhase::Nurture);
    a.atRisk = q.value(11).toBool();
    if (!q.value(12).isNull())
        a.tierOverride = domain::tierFromNumber(q.value(12).toInt());
    a.tierOverrideReason = q.value(13).toString();
    a.potentialRating = q.value(14).toInt();
    a.notes = q.value(15).toString();
    a.referenceable = q.value(16).toBool();
    a.createdAt = sql::toTimestamp(q.value(17));
    a.updatedAt = sql::toTimestamp(q.value(18));
    if (!q.value(19).isNull())
        a.companyRevenueCents = q.value(19).toLongLong();
    if (!q.value(20).isNull())
        a.employees = q.value(20).toInt();
    a.accountType = q.value(21).toString();
    return a;
}

std::optional<Account> single(Database &db, QSqlQuery &q, const QString &context)
{
    db.execPrepared(q, context);
    std::optional<Account> result;
    if (q.next())
        result = fromRow(q);
    q.finish();
    return result;
}

// Binds the 22 columns of kWriteColumns after id, in that order.
void bindFields(QSqlQuery &q, const Account &a)
{
    q.addBindValue(a.uuid);
    q.addBindValue(a.name.simplified());
    q.addBindValue(domain::nameKey(a.name));
    q.addBindValue(sql::text(a.industry));
    q.addBindValue(sql::text(a.region));
    q.addBindValue(sql::nullableId(a.ownerId));
    q.addBindValue(a.arr.cents);
    q.addBindValue(a.arr.currency);
    q.addBindValue(sql::fromDate(a.renewalDate));
    q.addBindValue(sql::fromDate(a.customerSince));
    q.addBindValue(domain::lifecycleKey(a.phase));
    q.addBindValue(a.atRisk ? 1 : 0);
    q.addBindValue(a.tierOverride ? QVariant(int(*a.tierOverride)) : QVariant(QMetaType::fromType<int>()));
    q.addBindValue(sql::text(a.tierOverrideReason));
    q.addBindValue(a.potentialRating);
    q.addBindValue(sql::text(a.notes));
    q.addBindValue(a.referenceable ? 1 : 0);
    q.addBindValue(sql::fromTimestamp(a.createdAt));
    q.addBindValue(sql::fromTimestamp(a.updatedAt));
    q.addBindValue(a.companyRevenueCents ? QVariant(*a.companyRevenueCents) : QVariant(QMetaType::fromType<qint64>()));
    q.addBindValue(a.employees ? QVariant(*a.employees) : QVariant(QMetaType::fromType<int>()));
    q.addBindValue(sql::text(a.accountType));
}

} // namespace

std::vector<Account> AccountRepository::all(std::vector<domain::ExpansionTotals> *totals)
{
    // The whole book in one statement through the C API: this is the portfolio's load path.
    static const QByteArray sql = QStringLiteral("SELECT %1, open_whitespace_cents, whitespace_cells, weighted_pipeline_cents "
                                                 "FROM accounts ORDER BY id").arg(kColumns).toUtf8();
    if (totals)
        totals->clear();
    std::vector<Account> result;
    result.reserve(size_t(count())); // one allocation instead of ~14 regrowths of 10,000 accounts
    RawStatement st(m_db, sql.constData());
    while (st.step()) {
        Account a;
        a.id = st.int64(0);
        a.uuid = st.text(1);
        a.name = st.text(2);
        a.industry = st.text(3);
        a.region = st.text(4);
        a.ownerId = st.int64(5);
        a.arr.cents = st.int64(6);
        a.arr.currency = st.text(7);
        a.renewalDate = st.date(8);
        a.customerSince = st.date(9);
        a.phase = domain::parseLifecycle(st.text(10)).value_or(domain::LifecyclePhase::Nurture);
        a.atRisk = st.int64(11) != 0;
        if (!st.isNull(12))
            a.tierOverride = domain::tierFromNumber(int(st.int64(12)));
        a.tierOverrideReason = st.text(13);
        a.potentialRating = int(st.int64(14));
        a.notes = st.text(15);
        a.referenceable = st.int64(16) != 0;
        a.createdAt = st.timestamp(17);
        a.updatedAt = st.timestamp(18);
        if (!st.isNull(19))
            a.companyRevenueCents = st.int64(19);
        if (!st.isNull(20))
            a.employees = int(st.int64(20));
        a.accountType = st.text(21);
        if (totals)
            totals->push_back({st.int64(22), int(st.int64(23)), st.int64(24)});
        result.push_back(std::move(a));
    }
    return result;
}

std::optional<Account> AccountRepository::byId(qint64 id)
{
    static const QString sql = QStringLiteral("SELECT %1 FROM accounts WHERE id = ?").arg(kColumns);
    QSqlQuery &q = m_db.statement(sql);
    q.addBindValue(id);
    return single(m_db, q, QStringLiteral("reading account %1").arg(id));
}

std::vector<Account> AccountRepository::byIds(const QList<qint64> &ids, std::vector<domain::ExpansionTotals> *totals)
{
    if (totals)
        totals->clear();
    // One statement for any number of ids: the list travels as a JSON array parameter.
    QStringList parts;
    parts.reserve(ids.size());
    for (qint64 id : ids)
        parts << QString::number(id);
    QSqlQuery &q = m_db.statement(QStringLiteral(
        "SELECT %1, open_whitespace_cents, whitespace_cells, weighted_pipeline_cents FROM accounts "
        "WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id").arg(kColumns));
    q.addBindValue(QStringLiteral("[%1]").arg(parts.join(QLatin1Char(','))));
    m_db.execPrepared(q, QStringLiteral("reading %1 accounts").arg(ids.size()));
    std::vector<Account> result;
    while (q.next()) {
        result.push_back(fromRow(q));
        if (totals)
            totals->push_back({q.value(22).toLongLong(), q.value(23).toInt(), q.value(24).toLongLong()});
    }
    q.finish();
    return result;
}

std::optional<Account> AccountRepository::byNameKey(const QString &key)
{
    static const QString sql = QStringLiteral("SELECT %1 FROM accounts WHERE name_key = ?").arg(kColumns);
    QSqlQuery &q = m_db.statement(sql);
    q.addBindValue(key);
    return single(m_db, q, QStringLiteral("finding an account by name"));
}

std::optional<Account> AccountRepository::byName(const QString &name)
{
    return byNameKey(domain::nameKey(name));
}

void AccountRepository::insert(Account &a)
{
    if (a.uuid.isEmpty())
        a.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QDateTime now = storage::now();
    if (!a.createdAt.isValid())
        a.createdAt = now;
    if (!a.updatedAt.isValid())
        a.updatedAt = a.createdAt;
    static const QString sql = QStringLiteral("INSERT INTO accounts (%1) VALUES (?%2)")
                                   .arg(kWriteColumns, QStringLiteral(", ?").repeated(22));
    QSqlQuery &q = m_db.statement(sql);
    q.addBindValue(a.id > 0 ? QVariant(a.id) : QVariant(QMetaType::fromType<qint64>()));
    bindFields(q, a);
    if (!q.exec())
        throwQueryError(q, m_db.path(), QStringLiteral("saving account '%1'").arg(a.name));
    a.id = q.lastInsertId().toLongLong();
    q.finish();
}

void AccountRepository::insertMany(std::vector<Account> &accounts)
{
    static const QByteArray sql = QStringLiteral("INSERT INTO accounts (%1) VALUES (?%2)")
                                      .arg(kWriteColumns, QStringLiteral(", ?").repeated(22)).toUtf8();
    RawStatement st(m_db, sql.constData());
    const QDateTime now = storage::now();
    for (Account &a : accounts) {
        if (a.uuid.isEmpty())
            a.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
        if (!a.createdAt.isValid())
            a.createdAt = now;
        if (!a.updatedAt.isValid())
            a.updatedAt = a.createdAt;
        int i = 1;
        if (a.id > 0)
            st.bind(i++, a.id);
        else
            st.bindNull(i++);
        st.bind(i++, a.uuid);
        st.bind(i++, a.name.simplified());
        st.bind(i++, domain::nameKey(a.name));
        st.bind(i++, sql::text(a.industry));
        st.bind(i++, sql::text(a.region));
        if (a.ownerId > 0)
            st.bind(i++, a.ownerId);
        else
            st.bindNull(i++);
        st.bind(i++, a.arr.cents);
        st.bind(i++, a.arr.currency);
        if (a.renewalDate.isValid())
            st.bind(i++, sql::isoDate(a.renewalDate));
        else
            st.bindNull(i++);
        if (a.customerSince.isValid())
            st.bind(i++, sql::isoDate(a.customerSince));
        else
            st.bindNull(i++);
        st.bind(i++, domain::lifecycleKey(a.phase));
        st.bind(i++, qint64(a.atRisk ? 1 : 0));
        if (a.tierOverride)
            st.bind(i++, qint64(*a.tierOverride));
        else
            st.bindNull(i++);
        st.bind(i++, sql::text(a.tierOverrideReason));
        st.bind(i++, qint64(a.potentialRating));
        st.bind(i++, sql::text(a.notes));
        st.bind(i++, qint64(a.referenceable ? 1 : 0));
        st.bind(i++, sql::fromTimestamp(a.createdAt));
        st.bind(i++, sql::fromTimestamp(a.updatedAt));
        if (a.companyRevenueCents)
            st.bind(i++, *a.companyRevenueCents);
        else
            st.bindNull(i++);
        if (a.employees)
            st.bind(i++, qint64(*a.employees));
        else
            st.bindNull(i++);
        st.bind(i++, sql::text(a.accountType));
        st.run([&] { return QStringLiteral("saving account '%1'").arg(a.name); });
        a.id = st.lastInsertRowId();
    }
}

void AccountRepository::update(Account &a)
{
    a.updatedAt = storage::now();
    QSqlQuery &q = m_db.statement(QStringLiteral(
        "UPDATE accounts SET uuid = ?, name = ?, name_key = ?, industry = ?, region = ?, owner_id = ?, "
        "arr_cents = ?, currency = ?, renewal_date = ?, customer_since = ?, lifecycle = ?, at_risk = ?, "
        "tier_override = ?, tier_override_reason = ?, potential_rating = ?, notes = ?, referenceable = ?, "
        "created_at = ?, updated_at = ?, company_revenue_cents = ?, employees = ?, account_type = ? WHERE id = ?"));
    bindFields(q, a);
    q.addBindValue(a.id);
    m_db.execPrepared(q, QStringLiteral("saving account '%1'").arg(a.name));
    q.finish();
}

void AccountRepository::remove(qint64 id)
{
    QSqlQuery &q = m_db.statement(QStringLiteral("DELETE FROM accounts WHERE id = ?"));
    q.addBindValue(id);
    m_db.execPrepared(q, QStringLiteral("deleting account %1").arg(id));
    q.finish();
}

qint64 AccountRepository::count()
{
    QSqlQuery &q = m_db.statement(QStringLiteral("SELECT count(*) FROM accounts"));
    m_db.execPrepared(q, QStringLiteral("counting accounts"));
    const qint64 n = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    return n;
}

namespace {
// The recount, as correlated subqueries on one account row `a`. The weighted amount uses
// the rounding of domain::weightedCents (half away from zero, per opportunity).
const QString kOpenWhitespace = QStringLiteral(
    "(SELECT coalesce(sum(potential_arr_cents), 0) FROM whitespace_cells c WHERE c.account_id = a.id AND c.status IN ('whitespace', 'competitor'))");
const QString kCellCount = QStringLiteral("(SELECT count(*) FROM whitespace_cells c WHERE c.account_id = a.id)");
const QString kWeighted = QStringLiteral(
    "(SELECT coalesce(sum((amount_cents * probability + 50) / 100), 0) FROM opportunities o WHERE o.account_id = a.id AND o.stage NOT IN ('won', 'lost'))");
// The most products assessed in any one buying center (plan completeness, whitespace part).
const QString kBestAssessed = QStringLiteral(
    "(SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM whitespace_cells c WHERE c.account_id = a.id GROUP BY c.buying_center_id))");
} // namespace

void AccountRepository::refreshExpansionTotals(const QList<qint64> &ids)
{
    const QString set = QStringLiteral("UPDATE accounts AS a SET open_whitespace_cents = %1, whitespace_cells = %2, weighted_pipeline_cents = %3, "
                                       "best_assessed_products = %4")
                            .arg(kOpenWhitespace, kCellCount, kWeighted, kBestAssessed);
    if (ids.isEmpty())
        return;
    QStringList parts;
    for (qint64 id : ids)
        parts << QString::number(id);
    QSqlQuery &q = m_db.statement(set + QStringLiteral(" WHERE a.id IN (SELECT value FROM json_each(?))"));
    q.addBindValue(QStringLiteral("[%1]").arg(parts.join(QLatin1Char(','))));
    m_db.execPrepared(q, QStringLiteral("refreshing whitespace totals"));
    q.finish();
}

void AccountRepository::refreshAllExpansionTotals()
{
    m_db.exec(QStringLiteral("UPDATE accounts AS a SET open_whitespace_cents = %1, whitespace_cells = %2, weighted_pipeline_cents = %3, "
                             "best_assessed_products = %4")
                  .arg(kOpenWhitespace, kCellCount, kWeighted, kBestAssessed));
}

QList<qint64> AccountRepository::staleExpansionTotals()
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT a.id FROM accounts a WHERE a.open_whitespace_cents <> %1 OR a.whitespace_cells <> %2 "
                               "OR a.weighted_pipeline_cents <> %3 OR a.best_assessed_products <> %4 ORDER BY a.id")
                    .arg(kOpenWhitespace, kCellCount, kWeighted, kBestAssessed)))
        throwQueryError(q, m_db.path(), QStringLiteral("checking whitespace totals"));
    QList<qint64> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    return ids;
}

namespace {
std::vector<std::pair<qint64, QString>> idAndText(Database &db, const char *sql)
{
    RawStatement st(db, sql);
    std::vector<std::pair<qint64, QString>> out;
    while (st.step())
        out.emplace_back(st.int64(0), st.text(1));
    return out;
}
} // namespace

std::vector<std::pair<qint64, QString>> AccountRepository::industries()
{
    return idAndText(m_db, "SELECT id, industry FROM accounts ORDER BY id");
}

std::vector<qint64> AccountRepository::allArrCents()
{
    RawStatement st(m_db, "SELECT arr_cents FROM accounts");
    std::vector<qint64> out;
    while (st.step())
        out.push_back(st.int64(0));
    return out;
}

std::vector<std::pair<qint64, QString>> AccountRepository::names()
{
    return idAndText(m_db, "SELECT id, name FROM accounts ORDER BY id");
}

QList<qint64> AccountRepository::idsOwnedBy(qint64 ownerId)
{
    QSqlQuery &q = m_db.statement(QStringLiteral("SELECT id FROM accounts WHERE owner_id = ? ORDER BY id"));
    q.addBindValue(ownerId);
    m_db.execPrepared(q, QStringLiteral("listing the accounts of team member %1").arg(ownerId));
    QList<qint64> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    q.finish();
    return ids;
}

void AccountRepository::assignOwner(const QList<qint64> &ids, qint64 ownerId)
{
    QStringList parts;
    for (qint64 id : ids)
        parts << QString::number(id);
    QSqlQuery &q = m_db.statement(QStringLiteral(
        "UPDATE accounts SET owner_id = ?, updated_at = ? WHERE id IN (SELECT value FROM json_each(?))"));
    q.addBindValue(sql::nullableId(ownerId));
    q.addBindValue(sql::fromTimestamp(storage::now()));
    q.addBindValue(QStringLiteral("[%1]").arg(parts.join(QLatin1Char(','))));
    m_db.execPrepared(q, QStringLiteral("assigning %1 accounts").arg(ids.size()));
    q.finish();
}

qint64 AccountRepository::totalArrCents()
{
    QSqlQuery &q = m_db.statement(QStringLiteral("SELECT coalesce(sum(arr_cents), 0) FROM accounts"));
    m_db.execPrepared(q, QStringLiteral("summing ARR"));
    const qint64 n = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    return n;
}

void AccountRepository::markChurned(const QList<qint64> &ids, const QString &note, const QDateTime &at)
{
    RawStatement &st = m_db.cachedRaw("UPDATE accounts SET arr_cents = 0, renewal_date = NULL, at_risk = 0, notes = ?, updated_at = ? "
                          "WHERE id IN (SELECT value FROM json_each(?))");
    st.bind(1, sql::text(note));
    st.bind(2, sql::fromTimestamp(at));
    st.bind(3, idList(ids));
    st.run([] { return QStringLiteral("marking churned accounts"); });
}

} // namespace keystone::storage
