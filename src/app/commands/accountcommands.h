// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "commands/commandsupport.h"

#include "keystone/domain/account.h"
#include "keystone/services/accountservice.h"

#include <vector>

namespace keystone::app {

// Undo commands for account edits (see ReplayCommand). Each is pushed after its first
// action succeeded through the service, so a refused edit never reaches the stack.
QUndoCommand *makeAddAccountCommand(services::AccountService &service, domain::Account created, CommandErrorHandler onError);
QUndoCommand *makeEditAccountCommand(services::AccountService &service, domain::Account before, domain::Account after,
                                     const QString &text, CommandErrorHandler onError);
// Deletes the accounts now (throws what the service throws); undo brings back everything
// that went with them (see RecordedCommand).
QUndoCommand *makeDeleteAccountsCommand(services::Portfolio &portfolio, services::AccountService &service, QList<qint64> ids,
                                        CommandErrorHandler onError);

} // namespace keystone::app
