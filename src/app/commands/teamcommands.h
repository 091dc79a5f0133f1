// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "commands/commandsupport.h"

#include "keystone/services/teamservice.h"

namespace keystone::app {

// Undo commands for team edits (see ReplayCommand).
QUndoCommand *makeAddTeamMemberCommand(services::TeamService &service, domain::TeamMember created, CommandErrorHandler onError);
QUndoCommand *makeEditTeamMemberCommand(services::TeamService &service, domain::TeamMember before, domain::TeamMember after,
                                        CommandErrorHandler onError);
QUndoCommand *makeRemoveTeamMemberCommand(services::Portfolio &portfolio, services::TeamService &service, qint64 id,
                                          CommandErrorHandler onError);

} // namespace keystone::app
