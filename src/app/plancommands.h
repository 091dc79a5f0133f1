// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "commandsupport.h"

#include "keystone/services/planservice.h"

namespace keystone::app {

// Undo commands for the account plan. Each edit has already run through PlanService when its
// command is pushed; undo and redo replay service calls (a removed item comes back with its id).
QUndoCommand *makeAddPriorityCommand(services::PlanService &plan, domain::Priority added, CommandErrorHandler onError);
QUndoCommand *makeEditPriorityCommand(services::PlanService &plan, domain::Priority before, domain::Priority after, CommandErrorHandler onError);
QUndoCommand *makeRemovePriorityCommand(services::PlanService &plan, domain::Priority removed, CommandErrorHandler onError);

QUndoCommand *makeAddRiskCommand(services::PlanService &plan, domain::Risk added, CommandErrorHandler onError);
QUndoCommand *makeEditRiskCommand(services::PlanService &plan, domain::Risk before, domain::Risk after, CommandErrorHandler onError);
QUndoCommand *makeRemoveRiskCommand(services::PlanService &plan, domain::Risk removed, CommandErrorHandler onError);

QUndoCommand *makeAddActionCommand(services::PlanService &plan, domain::PlanAction added, CommandErrorHandler onError);
QUndoCommand *makeEditActionCommand(services::PlanService &plan, domain::PlanAction before, domain::PlanAction after, CommandErrorHandler onError);
QUndoCommand *makeRemoveActionCommand(services::PlanService &plan, domain::PlanAction removed, CommandErrorHandler onError);

QUndoCommand *makeAddValueCommand(services::PlanService &plan, domain::ValueDelivered added, CommandErrorHandler onError);
QUndoCommand *makeEditValueCommand(services::PlanService &plan, domain::ValueDelivered before, domain::ValueDelivered after,
                                   CommandErrorHandler onError);
QUndoCommand *makeRemoveValueCommand(services::PlanService &plan, domain::ValueDelivered removed, CommandErrorHandler onError);

QUndoCommand *makeReviewCommand(services::PlanService &plan, domain::PlanReview added, CommandErrorHandler onError);
QUndoCommand *makeNoKnownRisksCommand(services::PlanService &plan, qint64 accountId, QDate before, QDate after, CommandErrorHandler onError);

} // namespace keystone::app
