// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "commandsupport.h"

#include "keystone/domain/account.h"
#include "keystone/services/accountservice.h"

#include <QUndoCommand>

#include <functional>
#include <vector>

namespace keystone::services {
class AccountService;
}

namespace keystone::app {

// Ids of commands that merge (QUndoCommand::id), kept in one place as more commands arrive.
enum CommandId { EditAccountId = 1 };


// Each command is pushed after its first action succeeded through the service, so a refused
// edit never reaches the stack; redo() after that replays through the same service.
class AddAccountCommand final : public QUndoCommand
{
public:
    AddAccountCommand(services::AccountService &service, domain::Account created, CommandErrorHandler onError);
    void undo() override;
    void redo() override;

private:
    services::AccountService &m_service;
    domain::Account m_account;
    CommandErrorHandler m_onError;
    bool m_firstRedo = true;
};

class EditAccountCommand final : public QUndoCommand
{
public:
    EditAccountCommand(services::AccountService &service, domain::Account before, domain::Account after,
                       const QString &text, CommandErrorHandler onError);
    void undo() override;
    void redo() override;

private:
    services::AccountService &m_service;
    domain::Account m_before;
    domain::Account m_after;
    CommandErrorHandler m_onError;
    bool m_firstRedo = true;
};

class DeleteAccountsCommand final : public QUndoCommand
{
public:
    DeleteAccountsCommand(services::AccountService &service, std::vector<services::AccountSnapshot> removed,
                          CommandErrorHandler onError);
    void undo() override;
    void redo() override;

private:
    services::AccountService &m_service;
    std::vector<services::AccountSnapshot> m_removed;
    CommandErrorHandler m_onError;
    bool m_firstRedo = true;
};

} // namespace keystone::app
