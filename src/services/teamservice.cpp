// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/teamservice.h"

#include "keystone/domain/validation.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/validationerror.h"
#include "keystone/storage/transaction.h"

namespace keystone::services {

using domain::TeamMember;

TeamMember TeamService::create(TeamMember draft)
{
    const QString subject = QStringLiteral("Team member '%1'").arg(draft.name.trimmed());
    const domain::FieldErrors errors = domain::validateTeamMember(draft);
    if (!errors.isEmpty())
        throw ValidationError(subject, errors);
    storage::Transaction tx(m_portfolio.database());
    if (m_portfolio.team().byName(draft.name))
        throw ValidationError(subject, {{QStringLiteral("name"), QStringLiteral("A team member with this name already exists")}});
    draft.id = 0;
    m_portfolio.team().insert(draft);
    tx.commit();
    Q_EMIT m_portfolio.teamChanged();
    return draft;
}

void TeamService::update(const TeamMember &member)
{
    const domain::FieldErrors errors = domain::validateTeamMember(member);
    if (!errors.isEmpty())
        throw ValidationError(QStringLiteral("Team member '%1'").arg(member.name), errors);
    storage::Transaction tx(m_portfolio.database());
    const auto other = m_portfolio.team().byName(member.name);
    if (other && other->id != member.id)
        throw ValidationError(QStringLiteral("Team member '%1'").arg(member.name),
                              {{QStringLiteral("name"), QStringLiteral("A team member with this name already exists")}});
    m_portfolio.team().update(member);
    tx.commit();
    Q_EMIT m_portfolio.teamChanged();
}

void TeamService::remove(qint64 id)
{
    storage::Transaction tx(m_portfolio.database());
    m_portfolio.team().remove(id);
    tx.commit();
    Q_EMIT m_portfolio.teamChanged();
}

} // namespace keystone::services
