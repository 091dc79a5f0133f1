// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "commands/whitespacecommands.h"

#include <QObject>

#include <memory>

namespace keystone::app {

using services::WhitespaceService;

QUndoCommand *makeSetCellCommand(WhitespaceService &service, std::optional<domain::WhitespaceCell> before,
                                 domain::WhitespaceCell after, const QString &text, CommandErrorHandler onError)
{
    const qint64 center = after.buyingCenterId;
    const qint64 product = after.productId;
    return new ReplayCommand(
        text, [&service, center, product, before = std::move(before)] { service.restoreCell(center, product, before); },
        [&service, after = std::move(after)] { service.setCell(after); }, std::move(onError));
}

QUndoCommand *makeConvertCellCommand(WhitespaceService &service, WhitespaceService::Conversion conversion, CommandErrorHandler onError)
{
    const QString text = QObject::tr("Create opportunity '%1'").arg(conversion.opportunity.name);
    auto state = std::make_shared<WhitespaceService::Conversion>(std::move(conversion));
    // Redo converts again: the opportunity gets a new id, kept for the next undo.
    return new ReplayCommand(
        text, [&service, state] { service.undoConversion(*state); },
        [&service, state] {
            *state = service.createOpportunityFromCell(state->before.id, state->opportunity.ownerId, state->opportunity.closeDate);
        },
        std::move(onError));
}

QUndoCommand *makeAddBuyingCenterCommand(WhitespaceService &service, domain::BuyingCenter created, CommandErrorHandler onError)
{
    const QString text = QObject::tr("Add buying center '%1'").arg(created.name);
    auto state = std::make_shared<WhitespaceService::RemovedBuyingCenter>(WhitespaceService::RemovedBuyingCenter{std::move(created), {}});
    return new ReplayCommand(
        text, [&service, state] { *state = service.removeBuyingCenter(state->center.id); },
        [&service, state] { service.restoreBuyingCenter(*state); }, std::move(onError));
}

QUndoCommand *makeEditBuyingCenterCommand(WhitespaceService &service, domain::BuyingCenter before, domain::BuyingCenter after,
                                          CommandErrorHandler onError)
{
    const QString text = before.name == after.name ? QObject::tr("Edit buying center '%1'").arg(after.name)
                                                   : QObject::tr("Rename buying center '%1' to '%2'").arg(before.name, after.name);
    return new ReplayCommand(
        text, [&service, before = std::move(before)] { service.updateBuyingCenter(before); },
        [&service, after = std::move(after)] { service.updateBuyingCenter(after); }, std::move(onError));
}

QUndoCommand *makeRemoveBuyingCenterCommand(services::Portfolio &portfolio, WhitespaceService &service, qint64 id, CommandErrorHandler onError)
{
    return new RecordedCommand(
        portfolio, [&service, id] { return QObject::tr("Remove buying center '%1'").arg(service.removeBuyingCenter(id).center.name); },
        std::move(onError));
}

QUndoCommand *makeAddOpportunityCommand(WhitespaceService &service, domain::Opportunity created, CommandErrorHandler onError)
{
    const QString text = QObject::tr("Add opportunity '%1'").arg(created.name);
    auto state = std::make_shared<WhitespaceService::RemovedOpportunity>(WhitespaceService::RemovedOpportunity{std::move(created), std::nullopt});
    return new ReplayCommand(
        text, [&service, state] { *state = service.removeOpportunity(state->opportunity.id); },
        [&service, state] { service.restoreOpportunity(*state); }, std::move(onError));
}

QUndoCommand *makeRemoveOpportunityCommand(services::Portfolio &portfolio, WhitespaceService &service, qint64 id, CommandErrorHandler onError)
{
    return new RecordedCommand(
        portfolio, [&service, id] { return QObject::tr("Delete opportunity '%1'").arg(service.removeOpportunity(id).opportunity.name); },
        std::move(onError));
}

QUndoCommand *makeEditOpportunityCommand(WhitespaceService &service, domain::Opportunity before, domain::Opportunity after,
                                         const QString &text, CommandErrorHandler onError)
{
    // Replays put back exactly what was stored: no probability following the stage.
    return new ReplayCommand(
        text, [&service, before = std::move(before)] { service.updateOpportunity(before, false); },
        [&service, after = std::move(after)] { service.updateOpportunity(after, false); }, std::move(onError));
}

QUndoCommand *makeAddProductCommand(WhitespaceService &service, domain::Product created, CommandErrorHandler onError)
{
    const QString text = QObject::tr("Add product '%1'").arg(created.name);
    auto state = std::make_shared<WhitespaceService::RemovedProduct>(WhitespaceService::RemovedProduct{std::move(created), {}});
    return new ReplayCommand(
        text, [&service, state] { *state = service.removeProduct(state->product.id); },
        [&service, state] { service.restoreProduct(*state); }, std::move(onError));
}

QUndoCommand *makeEditProductCommand(WhitespaceService &service, domain::Product before, domain::Product after,
                                     CommandErrorHandler onError)
{
    const QString text = QObject::tr("Edit product '%1'").arg(after.name);
    return new ReplayCommand(
        text, [&service, before = std::move(before)] { service.updateProduct(before); },
        [&service, after = std::move(after)] { service.updateProduct(after); }, std::move(onError));
}

QUndoCommand *makeRemoveProductCommand(services::Portfolio &portfolio, WhitespaceService &service, qint64 id, CommandErrorHandler onError)
{
    return new RecordedCommand(
        portfolio, [&service, id] { return QObject::tr("Remove product '%1'").arg(service.removeProduct(id).product.name); }, std::move(onError));
}

} // namespace keystone::app
