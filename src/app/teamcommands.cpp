// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "teamcommands.h"

#include "commandsupport.h"

#include <QObject>

namespace keystone::app {

AddTeamMemberCommand::AddTeamMemberCommand(services::TeamService &service, domain::TeamMember created, CommandErrorHandler onError)
    : QUndoCommand(QObject::tr("Add team member '%1'").arg(created.name))
    , m_service(service)
    , m_removed{std::move(created), {}}
    , m_onError(std::move(onError))
{
}

void AddTeamMemberCommand::undo()
{
    runGuarded(this, m_onError, [&] { m_removed = m_service.remove(m_removed.member.id); });
}

void AddTeamMemberCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    runGuarded(this, m_onError, [&] { m_service.restore(m_removed); });
}

EditTeamMemberCommand::EditTeamMemberCommand(services::TeamService &service, domain::TeamMember before,
                                             domain::TeamMember after, CommandErrorHandler onError)
    : QUndoCommand(QObject::tr("Edit team member '%1'").arg(after.name))
    , m_service(service)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_onError(std::move(onError))
{
}

void EditTeamMemberCommand::undo()
{
    runGuarded(this, m_onError, [&] { m_service.update(m_before); });
}

void EditTeamMemberCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    runGuarded(this, m_onError, [&] { m_service.update(m_after); });
}

RemoveTeamMemberCommand::RemoveTeamMemberCommand(services::TeamService &service, services::TeamService::Removed removed,
                                                 CommandErrorHandler onError)
    : QUndoCommand(QObject::tr("Remove team member '%1'").arg(removed.member.name))
    , m_service(service)
    , m_removed(std::move(removed))
    , m_onError(std::move(onError))
{
}

void RemoveTeamMemberCommand::undo()
{
    runGuarded(this, m_onError, [&] { m_service.restore(m_removed); });
}

void RemoveTeamMemberCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    runGuarded(this, m_onError, [&] { m_removed = m_service.remove(m_removed.member.id); });
}

} // namespace keystone::app
