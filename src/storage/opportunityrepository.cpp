// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/storage/opportunityrepository.h"

#include "keystone/storage/database.h"
#include "keystone/storage/clock.h"
#include "sqlvalues.h"

#include <QSqlQuery>
#include <QStringList>
#include <QUuid>

namespace keystone::storage {

using domain::Opportunity;

namespace {

const QString kSelect = QStringLiteral(
    "SELECT o.id, o.uuid, o.account_id, o.name, o.type, o.amount_cents, o.stage, o.probability, o.close_date, o.owner_id, "
    "(SELECT c.id FROM whitespace_cells c WHERE c.opportunity_id = o.id LIMIT 1) FROM opportunities o ");

QString typeKey(domain::OpportunityType t)
{
    return domain::opportunityTypeName(t).toLower().replace(QLatin1Char('-'), QLatin1Char('_')).replace(QLatin1Char(' '), QLatin1Char('_'));
}

Opportunity from(const QSqlQuery &q)
{
    Opportunity o;
    o.id = q.value(0).toLongLong();
    o.uuid = q.value(1).toString();
    o.accountId = q.value(2).toLongLong();
    o.name = q.value(3).toString();
    o.type = domain::parseOpportunityType(q.value(4).toString()).value_or(domain::OpportunityType::Upsell);
    o.amountCents = q.value(5).toLongLong();
    o.stage = domain::parseStage(q.value(6).toString()).value_or(domain::Stage::Identified);
    o.probability = q.value(7).toInt();
    o.closeDate = sql::toDate(q.value(8));
    o.ownerId = q.value(9).toLongLong();
    o.cellId = q.value(10).toLongLong();
    return o;
}

std::vector<Opportunity> run(Database &db, QSqlQuery &q, const QString &context)
{
    db.execPrepared(q, context);
    std::vector<Opportunity> out;
    while (q.next())
        out.push_back(from(q));
    q.finish();
    return out;
}

void bindFields(QSqlQuery &q, const Opportunity &o)
{
    q.addBindValue(o.accountId);
    q.addBindValue(o.name.simplified());
    q.addBindValue(typeKey(o.type));
    q.addBindValue(o.amountCents);
    q.addBindValue(domain::stageName(o.stage).toLower());
    q.addBindValue(o.probability);
    q.addBindValue(sql::fromDate(o.closeDate));
    q.addBindValue(sql::nullableId(o.ownerId));
}

} // namespace

std::vector<Opportunity> OpportunityRepository::all()
{
    QSqlQuery &q = m_db.statement(kSelect + QStringLiteral("ORDER BY o.close_date, o.id"));
    return run(m_db, q, QStringLiteral("loading opportunities"));
}

std::vector<Opportunity> OpportunityRepository::byAccount(qint64 accountId)
{
    QSqlQuery &q = m_db.statement(kSelect + QStringLiteral("WHERE o.account_id = ? ORDER BY o.close_date, o.id"));
    q.addBindValue(accountId);
    return run(m_db, q, QStringLiteral("loading opportunities"));
}

std::vector<Opportunity> OpportunityRepository::byAccounts(const QList<qint64> &accountIds)
{
    QStringList parts;
    for (qint64 id : accountIds)
        parts << QString::number(id);
    QSqlQuery &q = m_db.statement(kSelect + QStringLiteral("WHERE o.account_id IN (SELECT value FROM json_each(?)) ORDER BY o.id"));
    q.addBindValue(QStringLiteral("[%1]").arg(parts.join(QLatin1Char(','))));
    return run(m_db, q, QStringLiteral("loading opportunities"));
}

std::optional<Opportunity> OpportunityRepository::byId(qint64 id)
{
    QSqlQuery &q = m_db.statement(kSelect + QStringLiteral("WHERE o.id = ?"));
    q.addBindValue(id);
    auto v = run(m_db, q, QStringLiteral("reading opportunity %1").arg(id));
    return v.empty() ? std::nullopt : std::optional<Opportunity>(v.front());
}

void OpportunityRepository::insert(Opportunity &o)
{
    if (o.uuid.isEmpty())
        o.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString now = sql::fromTimestamp(storage::now());
    QSqlQuery &q = m_db.statement(QStringLiteral(
        "INSERT INTO opportunities (id, uuid, account_id, name, type, amount_cents, stage, probability, close_date, owner_id, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(o.id > 0 ? QVariant(o.id) : QVariant(QMetaType::fromType<qint64>()));
    q.addBindValue(o.uuid);
    bindFields(q, o);
    q.addBindValue(now);
    q.addBindValue(now);
    m_db.execPrepared(q, QStringLiteral("saving opportunity '%1'").arg(o.name));
    o.id = q.lastInsertId().toLongLong();
    q.finish();
}

void OpportunityRepository::update(const Opportunity &o)
{
    QSqlQuery &q = m_db.statement(QStringLiteral(
        "UPDATE opportunities SET account_id = ?, name = ?, type = ?, amount_cents = ?, stage = ?, probability = ?, "
        "close_date = ?, owner_id = ?, updated_at = ? WHERE id = ?"));
    bindFields(q, o);
    q.addBindValue(sql::fromTimestamp(storage::now()));
    q.addBindValue(o.id);
    m_db.execPrepared(q, QStringLiteral("saving opportunity '%1'").arg(o.name));
    q.finish();
}

void OpportunityRepository::remove(qint64 id)
{
    QSqlQuery &q = m_db.statement(QStringLiteral("DELETE FROM opportunities WHERE id = ?"));
    q.addBindValue(id);
    m_db.execPrepared(q, QStringLiteral("deleting opportunity %1").arg(id));
    q.finish();
}

qint64 OpportunityRepository::count()
{
    QSqlQuery &q = m_db.statement(QStringLiteral("SELECT count(*) FROM opportunities"));
    m_db.execPrepared(q, QStringLiteral("counting opportunities"));
    const qint64 n = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    return n;
}

QHash<qint64, qint64> OpportunityRepository::weightedOpenByAccount()
{
    // Same rounding as domain::weightedCents: half away from zero, per opportunity.
    QSqlQuery &q = m_db.statement(QStringLiteral(
        "SELECT account_id, sum((amount_cents * probability + 50) / 100) FROM opportunities "
        "WHERE stage NOT IN ('won', 'lost') GROUP BY account_id"));
    m_db.execPrepared(q, QStringLiteral("summing the weighted pipeline"));
    QHash<qint64, qint64> out;
    while (q.next())
        out.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
    q.finish();
    return out;
}

} // namespace keystone::storage
