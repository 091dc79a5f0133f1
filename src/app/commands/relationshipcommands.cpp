// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "commands/relationshipcommands.h"

#include <QObject>

#include <memory>

namespace keystone::app {

using services::RelationshipService;

QUndoCommand *makeAddContactCommand(RelationshipService &service, domain::Contact created, CommandErrorHandler onError)
{
    const QString text = QObject::tr("Add contact '%1'").arg(created.name);
    auto state = std::make_shared<RelationshipService::RemovedContact>();
    state->contact = std::move(created);
    return new ReplayCommand(
        text, [&service, state] { *state = service.removeContact(state->contact.id); },
        [&service, state] { service.restoreContact(*state); }, std::move(onError));
}

QUndoCommand *makeEditContactCommand(RelationshipService &service, domain::Contact before, domain::Contact after, const QString &text,
                                     CommandErrorHandler onError)
{
    return new ReplayCommand(
        text, [&service, before = std::move(before)] { service.updateContact(before); },
        [&service, after = std::move(after)] { service.updateContact(after); }, std::move(onError));
}

QUndoCommand *makeRemoveContactCommand(services::Portfolio &portfolio, RelationshipService &service, qint64 id, CommandErrorHandler onError)
{
    return new RecordedCommand(
        portfolio, [&service, id] { return QObject::tr("Delete contact '%1'").arg(service.removeContact(id).contact.name); }, std::move(onError));
}

QUndoCommand *makeAddInfluenceCommand(RelationshipService &service, domain::InfluenceLink created, CommandErrorHandler onError)
{
    auto state = std::make_shared<domain::InfluenceLink>(created);
    return new ReplayCommand(
        QObject::tr("Add influence link"), [&service, state] { *state = service.removeInfluence(state->id); },
        [&service, state] { service.restoreInfluence(*state); }, std::move(onError));
}

QUndoCommand *makeRemoveInfluenceCommand(services::Portfolio &portfolio, RelationshipService &service, qint64 id, CommandErrorHandler onError)
{
    return new RecordedCommand(
        portfolio, [&service, id] {
            service.removeInfluence(id);
            return QObject::tr("Remove influence link");
        },
        std::move(onError));
}

QUndoCommand *makeAddActivityCommand(RelationshipService &service, domain::Activity created, CommandErrorHandler onError)
{
    const QString text = QObject::tr("Log %1 of %2").arg(domain::activityTypeName(created.type).toLower(), created.date.toString(Qt::ISODate));
    auto state = std::make_shared<domain::Activity>(std::move(created));
    return new ReplayCommand(
        text, [&service, state] { *state = service.removeActivity(state->id); },
        [&service, state] { service.restoreActivity(*state); }, std::move(onError));
}

QUndoCommand *makeEditActivityCommand(RelationshipService &service, domain::Activity before, domain::Activity after, CommandErrorHandler onError)
{
    const QString text = QObject::tr("Edit activity of %1").arg(after.date.toString(Qt::ISODate));
    return new ReplayCommand(
        text, [&service, before = std::move(before)] { service.updateActivity(before); },
        [&service, after = std::move(after)] { service.updateActivity(after); }, std::move(onError));
}

QUndoCommand *makeRemoveActivityCommand(services::Portfolio &portfolio, RelationshipService &service, qint64 id, CommandErrorHandler onError)
{
    return new RecordedCommand(
        portfolio, [&service, id] { return QObject::tr("Delete activity of %1").arg(service.removeActivity(id).date.toString(Qt::ISODate)); },
        std::move(onError));
}

} // namespace keystone::app
