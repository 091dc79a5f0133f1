// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "healthcommands.h"

#include <QObject>

namespace keystone::app {

QUndoCommand *makeSaveHealthInputsCommand(services::HealthService &service, qint64 accountId, std::optional<domain::HealthInputs> before,
                                          domain::HealthInputs after, CommandErrorHandler onError)
{
    const QString text = QObject::tr("Health inputs of %1").arg(after.date.toString(Qt::ISODate));
    const QDate date = after.date;
    return new ReplayCommand(
        text, [&service, accountId, date, before = std::move(before)] { service.restoreInputs(accountId, date, before); },
        [&service, accountId, after = std::move(after)] { service.saveInputs(accountId, after); }, std::move(onError));
}

} // namespace keystone::app
