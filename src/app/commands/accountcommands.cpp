// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "commands/accountcommands.h"

#include <QObject>

namespace keystone::app {

QUndoCommand *makeAddAccountCommand(services::AccountService &service, domain::Account created, CommandErrorHandler onError)
{
    const QString text = QObject::tr("Add account '%1'").arg(created.name);
    const qint64 id = created.id;
    return new ReplayCommand(
        text, [&service, id] { service.remove({id}); },
        [&service, created = std::move(created)] { service.restore(std::vector<domain::Account>{created}); }, std::move(onError));
}

QUndoCommand *makeEditAccountCommand(services::AccountService &service, domain::Account before, domain::Account after,
                                     const QString &text, CommandErrorHandler onError)
{
    return new ReplayCommand(
        text, [&service, before = std::move(before)] { service.update(before); },
        [&service, after = std::move(after)] { service.update(after); }, std::move(onError));
}

QUndoCommand *makeDeleteAccountsCommand(services::Portfolio &portfolio, services::AccountService &service, QList<qint64> ids,
                                        CommandErrorHandler onError)
{
    return new RecordedCommand(
        portfolio,
        [&service, ids] {
            const std::vector<services::AccountSnapshot> removed = service.remove(ids);
            return removed.size() == 1 ? QObject::tr("Delete account '%1'").arg(removed.front().account.name)
                                       : QObject::tr("Delete %1 accounts").arg(removed.size());
        },
        std::move(onError));
}

} // namespace keystone::app
