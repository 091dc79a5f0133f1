// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "accountcommands.h"

#include "keystone/services/accountservice.h"
#include "commandsupport.h"

#include <QObject>

namespace keystone::app {

namespace {
QList<qint64> idsOf(const std::vector<services::AccountSnapshot> &snapshots)
{
    QList<qint64> ids;
    for (const services::AccountSnapshot &s : snapshots)
        ids.append(s.account.id);
    return ids;
}
} // namespace

AddAccountCommand::AddAccountCommand(services::AccountService &service, domain::Account created,
                                     CommandErrorHandler onError)
    : QUndoCommand(QObject::tr("Add account '%1'").arg(created.name))
    , m_service(service)
    , m_account(std::move(created))
    , m_onError(std::move(onError))
{
}

void AddAccountCommand::undo()
{
    runGuarded(this, m_onError, [&] { m_service.remove({m_account.id}); });
}

void AddAccountCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    runGuarded(this, m_onError, [&] { m_service.restore({m_account}); });
}

EditAccountCommand::EditAccountCommand(services::AccountService &service, domain::Account before, domain::Account after,
                                       const QString &text, CommandErrorHandler onError)
    : QUndoCommand(text)
    , m_service(service)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_onError(std::move(onError))
{
}

void EditAccountCommand::undo()
{
    runGuarded(this, m_onError, [&] { m_service.update(m_before); });
}

void EditAccountCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    runGuarded(this, m_onError, [&] { m_service.update(m_after); });
}

DeleteAccountsCommand::DeleteAccountsCommand(services::AccountService &service, std::vector<services::AccountSnapshot> removed,
                                             CommandErrorHandler onError)
    : QUndoCommand(removed.size() == 1 ? QObject::tr("Delete account '%1'").arg(removed.front().account.name)
                                       : QObject::tr("Delete %n accounts", nullptr, int(removed.size())))
    , m_service(service)
    , m_removed(std::move(removed))
    , m_onError(std::move(onError))
{
}

void DeleteAccountsCommand::undo()
{
    runGuarded(this, m_onError, [&] { m_service.restore(m_removed); });
}

void DeleteAccountsCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    runGuarded(this, m_onError, [&] { m_service.remove(idsOf(m_removed)); });
}

} // namespace keystone::app
