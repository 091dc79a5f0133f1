// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "commands/commandsupport.h"

#include "keystone/services/relationshipservice.h"

namespace keystone::app {

// Undo commands for the relationship map and the activity log (see ReplayCommand).
QUndoCommand *makeAddContactCommand(services::RelationshipService &service, domain::Contact created, CommandErrorHandler onError);
QUndoCommand *makeEditContactCommand(services::RelationshipService &service, domain::Contact before, domain::Contact after,
                                     const QString &text, CommandErrorHandler onError);
QUndoCommand *makeRemoveContactCommand(services::Portfolio &portfolio, services::RelationshipService &service, qint64 id, CommandErrorHandler onError);
QUndoCommand *makeAddInfluenceCommand(services::RelationshipService &service, domain::InfluenceLink created, CommandErrorHandler onError);
QUndoCommand *makeRemoveInfluenceCommand(services::Portfolio &portfolio, services::RelationshipService &service, qint64 id, CommandErrorHandler onError);
QUndoCommand *makeAddActivityCommand(services::RelationshipService &service, domain::Activity created, CommandErrorHandler onError);
QUndoCommand *makeEditActivityCommand(services::RelationshipService &service, domain::Activity before, domain::Activity after,
                                      CommandErrorHandler onError);
QUndoCommand *makeRemoveActivityCommand(services::Portfolio &portfolio, services::RelationshipService &service, qint64 id, CommandErrorHandler onError);

} // namespace keystone::app
