// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "relationshipcommands.h"

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

QUndoCommand *makeRemoveContactCommand(RelationshipService &service, RelationshipService::RemovedContact removed, CommandErrorHandler onError)
{
    const QString text = QObject::tr("Delete contact '%1'").arg(removed.contact.name);
    auto state = std::make_shared<RelationshipService::RemovedContact>(std::move(removed));
    return new ReplayCommand(
        text, [&service, state] { service.restoreContact(*state); },
        [&service, state] { *state = service.removeContact(state->contact.id); }, std::move(onError));
}

QUndoCommand *makeAddInfluenceCommand(RelationshipService &service, domain::InfluenceLink created, CommandErrorHandler onError)
{
    auto state = std::make_shared<domain::InfluenceLink>(created);
    return new ReplayCommand(
        QObject::tr("Add influence link"), [&service, state] { *state = service.removeInfluence(state->id); },
        [&service, state] { service.restoreInfluence(*state); }, std::move(onError));
}

QUndoCommand *makeRemoveInfluenceCommand(RelationshipService &service, domain::InfluenceLink removed, CommandErrorHandler onError)
{
    auto state = std::make_shared<domain::InfluenceLink>(removed);
    return new ReplayCommand(
        QObject::tr("Remove influence link"), [&service, state] { service.restoreInfluence(*state); },
        [&service, state] { *state = service.removeInfluence(state->id); }, std::move(onError));
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

QUndoCommand *makeRemoveActivityCommand(RelationshipService &service, domain::Activity removed, CommandErrorHandler onError)
{
    const QString text = QObject::tr("Delete activity of %1").arg(removed.date.toString(Qt::ISODate));
    auto state = std::make_shared<domain::Activity>(std::move(removed));
    return new ReplayCommand(
        text, [&service, state] { service.restoreActivity(*state); },
        [&service, state] { *state = service.removeActivity(state->id); }, std::move(onError));
}

} // namespace keystone::app
