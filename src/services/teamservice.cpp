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
    draft.name = domain::cleanName(draft.name);
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

TeamService::Removed TeamService::remove(qint64 id)
{
    storage::Transaction tx(m_portfolio.database());
    const auto member = m_portfolio.team().byId(id);
    if (!member)
        throw ValidationError(QStringLiteral("Team member"), {{QStringLiteral("id"), QStringLiteral("No team member with id %1").arg(id)}});
    Removed removed{*member, m_portfolio.accounts().idsOwnedBy(id)};
    m_portfolio.team().remove(id); // the foreign key unassigns their accounts
    tx.commit();
    Q_EMIT m_portfolio.teamChanged();
    return removed;
}

void TeamService::restore(const Removed &removed)
{
    storage::Transaction tx(m_portfolio.database());
    domain::TeamMember m = removed.member;
    m_portfolio.team().insert(m);
    // Only accounts still unassigned go back: one given to someone else meanwhile stays there.
    QList<qint64> stillFree;
    for (const domain::Account &a : m_portfolio.accounts().byIds(removed.ownedAccountIds)) {
        if (a.ownerId == 0)
            stillFree.append(a.id);
    }
    if (!stillFree.isEmpty())
        m_portfolio.accounts().assignOwner(stillFree, m.id);
    tx.commit();
    Q_EMIT m_portfolio.teamChanged();
}

} // namespace keystone::services
