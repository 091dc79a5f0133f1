// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/storage/teamrepository.h"

#include "keystone/storage/database.h"
#include "keystone/storage/clock.h"
#include "sqlvalues.h"

#include <QSqlQuery>
#include <QUuid>

namespace keystone::storage {

using domain::TeamMember;

namespace {
const QString kColumns = QStringLiteral("id, uuid, name, role, email, hours_per_month");

TeamMember fromRow(const QSqlQuery &q)
{
    TeamMember m;
    m.id = q.value(0).toLongLong();
    m.uuid = q.value(1).toString();
    m.name = q.value(2).toString();
    m.role = domain::parseTeamRole(q.value(3).toString()).value_or(domain::TeamRole::AM);
    m.email = q.value(4).toString();
    m.hoursPerMonth = q.value(5).toDouble();
    return m;
}
} // namespace

std::vector<TeamMember> TeamRepository::all()
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT %1 FROM team_members ORDER BY name COLLATE NOCASE, id").arg(kColumns)))
        throwQueryError(q, m_db.path(), QStringLiteral("loading the team"));
    std::vector<TeamMember> result;
    while (q.next())
        result.push_back(fromRow(q));
    return result;
}

std::optional<TeamMember> TeamRepository::byId(qint64 id)
{
    QSqlQuery &q = m_db.statement(QStringLiteral("SELECT %1 FROM team_members WHERE id = ?").arg(kColumns));
    q.addBindValue(id);
    m_db.execPrepared(q, QStringLiteral("reading team member %1").arg(id));
    std::optional<TeamMember> result;
    if (q.next())
        result = fromRow(q);
    q.finish();
    return result;
}

std::optional<TeamMember> TeamRepository::byName(const QString &name)
{
    // Team lists are small (at most a few hundred): compare with Unicode case folding here
    // rather than SQLite's ASCII-only NOCASE.
    const QString key = name.simplified().toCaseFolded();
    for (const TeamMember &m : all()) {
        if (m.name.simplified().toCaseFolded() == key)
            return m;
    }
    return std::nullopt;
}

void TeamRepository::insert(TeamMember &m)
{
    if (m.uuid.isEmpty())
        m.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString now = sql::fromTimestamp(storage::now());
    QSqlQuery &q = m_db.statement(QStringLiteral(
        "INSERT INTO team_members (id, uuid, name, role, email, hours_per_month, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(m.id > 0 ? QVariant(m.id) : QVariant(QMetaType::fromType<qint64>()));
    q.addBindValue(m.uuid);
    q.addBindValue(m.name.simplified());
    q.addBindValue(domain::teamRoleName(m.role));
    q.addBindValue(sql::text(m.email));
    q.addBindValue(m.hoursPerMonth);
    q.addBindValue(now);
    q.addBindValue(now);
    m_db.execPrepared(q, QStringLiteral("saving team member '%1'").arg(m.name));
    m.id = q.lastInsertId().toLongLong();
    q.finish();
}

void TeamRepository::update(const TeamMember &m)
{
    QSqlQuery &q = m_db.statement(QStringLiteral(
        "UPDATE team_members SET name = ?, role = ?, email = ?, hours_per_month = ?, updated_at = ? WHERE id = ?"));
    q.addBindValue(m.name.simplified());
    q.addBindValue(domain::teamRoleName(m.role));
    q.addBindValue(sql::text(m.email));
    q.addBindValue(m.hoursPerMonth);
    q.addBindValue(sql::fromTimestamp(storage::now()));
    q.addBindValue(m.id);
    m_db.execPrepared(q, QStringLiteral("saving team member '%1'").arg(m.name));
    q.finish();
}

void TeamRepository::remove(qint64 id)
{
    QSqlQuery &q = m_db.statement(QStringLiteral("DELETE FROM team_members WHERE id = ?"));
    q.addBindValue(id);
    m_db.execPrepared(q, QStringLiteral("deleting team member %1").arg(id));
    q.finish();
}

qint64 TeamRepository::count()
{
    QSqlQuery &q = m_db.statement(QStringLiteral("SELECT count(*) FROM team_members"));
    m_db.execPrepared(q, QStringLiteral("counting team members"));
    const qint64 n = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    return n;
}

} // namespace keystone::storage
