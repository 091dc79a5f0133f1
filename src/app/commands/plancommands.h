// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "commands/commandsupport.h"

#include "keystone/services/planservice.h"

namespace keystone::app {

// Undo commands for the account plan. Each edit has already run through PlanService when its
// command is pushed; undo and redo replay service calls. A removal runs when its command is
// made, and its undo reverts what the file recorded (RecordedCommand). T is any plan item
// PlanService::add accepts.
template<typename T>
QUndoCommand *makeAddItemCommand(services::PlanService &plan, T added, CommandErrorHandler onError);
template<typename T>
QUndoCommand *makeEditItemCommand(services::PlanService &plan, T before, T after, CommandErrorHandler onError);
template<typename T>
QUndoCommand *makeRemoveItemCommand(services::Portfolio &portfolio, services::PlanService &plan, qint64 id, CommandErrorHandler onError);

QUndoCommand *makeReviewCommand(services::PlanService &plan, domain::PlanReview added, CommandErrorHandler onError);
QUndoCommand *makeNoKnownRisksCommand(services::PlanService &plan, qint64 accountId, QDate before, QDate after, CommandErrorHandler onError);
QUndoCommand *makeAdvocacyCommand(services::PlanService &plan, domain::AdvocacyProfile before, domain::AdvocacyProfile after,
                                  CommandErrorHandler onError);
QUndoCommand *makeSuccessPlanCommand(services::PlanService &plan, domain::SuccessPlan before, domain::SuccessPlan after,
                                     CommandErrorHandler onError);
QUndoCommand *makeRemediationPlanCommand(services::PlanService &plan, domain::RemediationPlan before, domain::RemediationPlan after,
                                         CommandErrorHandler onError);

} // namespace keystone::app
