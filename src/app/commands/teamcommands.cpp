// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "commands/teamcommands.h"

#include <QObject>

#include <memory>

namespace keystone::app {

using Removed = services::TeamService::Removed;

QUndoCommand *makeAddTeamMemberCommand(services::TeamService &service, domain::TeamMember created, CommandErrorHandler onError)
{
    const QString text = QObject::tr("Add team member '%1'").arg(created.name);
    auto state = std::make_shared<Removed>(Removed{std::move(created), {}});
    return new ReplayCommand(
        text, [&service, state] { *state = service.remove(state->member.id); },
        [&service, state] { service.restore(*state); }, std::move(onError));
}

QUndoCommand *makeEditTeamMemberCommand(services::TeamService &service, domain::TeamMember before, domain::TeamMember after,
                                        CommandErrorHandler onError)
{
    const QString text = QObject::tr("Edit team member '%1'").arg(after.name);
    return new ReplayCommand(
        text, [&service, before = std::move(before)] { service.update(before); },
        [&service, after = std::move(after)] { service.update(after); }, std::move(onError));
}

QUndoCommand *makeRemoveTeamMemberCommand(services::Portfolio &portfolio, services::TeamService &service, qint64 id, CommandErrorHandler onError)
{
    return new RecordedCommand(
        portfolio, [&service, id] { return QObject::tr("Remove team member '%1'").arg(service.remove(id).member.name); }, std::move(onError));
}

} // namespace keystone::app
