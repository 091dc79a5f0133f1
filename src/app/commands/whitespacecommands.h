// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "commands/commandsupport.h"

#include "keystone/services/whitespaceservice.h"

#include <optional>

namespace keystone::app {

// Undo commands for whitespace, catalog and pipeline edits (see ReplayCommand).
QUndoCommand *makeSetCellCommand(services::WhitespaceService &service, std::optional<domain::WhitespaceCell> before,
                                 domain::WhitespaceCell after, const QString &text, CommandErrorHandler onError);
QUndoCommand *makeConvertCellCommand(services::WhitespaceService &service, services::WhitespaceService::Conversion conversion,
                                     CommandErrorHandler onError);
QUndoCommand *makeAddBuyingCenterCommand(services::WhitespaceService &service, domain::BuyingCenter created, CommandErrorHandler onError);
QUndoCommand *makeEditBuyingCenterCommand(services::WhitespaceService &service, domain::BuyingCenter before, domain::BuyingCenter after,
                                          CommandErrorHandler onError);
QUndoCommand *makeRemoveBuyingCenterCommand(services::Portfolio &portfolio, services::WhitespaceService &service, qint64 id, CommandErrorHandler onError);
QUndoCommand *makeAddOpportunityCommand(services::WhitespaceService &service, domain::Opportunity created, CommandErrorHandler onError);
QUndoCommand *makeRemoveOpportunityCommand(services::Portfolio &portfolio, services::WhitespaceService &service, qint64 id, CommandErrorHandler onError);
QUndoCommand *makeEditOpportunityCommand(services::WhitespaceService &service, domain::Opportunity before, domain::Opportunity after,
                                         const QString &text, CommandErrorHandler onError);
QUndoCommand *makeAddProductCommand(services::WhitespaceService &service, domain::Product created, CommandErrorHandler onError);
QUndoCommand *makeEditProductCommand(services::WhitespaceService &service, domain::Product before, domain::Product after,
                                     CommandErrorHandler onError);
QUndoCommand *makeRemoveProductCommand(services::Portfolio &portfolio, services::WhitespaceService &service, qint64 id, CommandErrorHandler onError);

} // namespace keystone::app
