// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "whitespacecommands.h"

namespace keystone::app {

SetCellCommand::SetCellCommand(services::WhitespaceService &service, std::optional<domain::WhitespaceCell> before,
                               domain::WhitespaceCell after, const QString &text, CommandErrorHandler onError)
    : QUndoCommand(text)
    , m_service(service)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_onError(std::move(onError))
{
}

void SetCellCommand::undo()
{
    runGuarded(this, m_onError, [&] { m_service.restoreCell(m_after.buyingCenterId, m_after.productId, m_before); });
}

void SetCellCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    runGuarded(this, m_onError, [&] { m_service.setCell(m_after); });
}

ConvertCellCommand::ConvertCellCommand(services::WhitespaceService &service, services::WhitespaceService::Conversion conversion,
                                       CommandErrorHandler onError)
    : QUndoCommand(QObject::tr("Create opportunity '%1'").arg(conversion.opportunity.name))
    , m_service(service)
    , m_conversion(std::move(conversion))
    , m_onError(std::move(onError))
{
}

void ConvertCellCommand::undo()
{
    runGuarded(this, m_onError, [&] { m_service.undoConversion(m_conversion); });
}

void ConvertCellCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    // Replays the same conversion: the opportunity gets a new id, kept for the next undo.
    runGuarded(this, m_onError, [&] {
        m_conversion = m_service.createOpportunityFromCell(m_conversion.before.id, m_conversion.opportunity.ownerId,
                                                           m_conversion.opportunity.closeDate);
    });
}

AddBuyingCenterCommand::AddBuyingCenterCommand(services::WhitespaceService &service, domain::BuyingCenter created,
                                               CommandErrorHandler onError)
    : QUndoCommand(QObject::tr("Add buying center '%1'").arg(created.name))
    , m_service(service)
    , m_removed{std::move(created), {}}
    , m_onError(std::move(onError))
{
}

void AddBuyingCenterCommand::undo()
{
    runGuarded(this, m_onError, [&] { m_removed = m_service.removeBuyingCenter(m_removed.center.id); });
}

void AddBuyingCenterCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    runGuarded(this, m_onError, [&] { m_service.restoreBuyingCenter(m_removed); });
}

EditOpportunityCommand::EditOpportunityCommand(services::WhitespaceService &service, domain::Opportunity before,
                                               domain::Opportunity after, const QString &text, CommandErrorHandler onError)
    : QUndoCommand(text)
    , m_service(service)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_onError(std::move(onError))
{
}

void EditOpportunityCommand::undo()
{
    runGuarded(this, m_onError, [&] { m_service.updateOpportunity(m_before, false); });
}

void EditOpportunityCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    runGuarded(this, m_onError, [&] { m_service.updateOpportunity(m_after, false); });
}

} // namespace keystone::app

namespace keystone::app {

AddProductCommand::AddProductCommand(services::WhitespaceService &service, domain::Product created, CommandErrorHandler onError)
    : QUndoCommand(QObject::tr("Add product '%1'").arg(created.name))
    , m_service(service)
    , m_removed{std::move(created), {}}
    , m_onError(std::move(onError))
{
}

void AddProductCommand::undo()
{
    runGuarded(this, m_onError, [&] { m_removed = m_service.removeProduct(m_removed.product.id); });
}

void AddProductCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    runGuarded(this, m_onError, [&] { m_service.restoreProduct(m_removed); });
}

EditProductCommand::EditProductCommand(services::WhitespaceService &service, domain::Product before, domain::Product after,
                                       CommandErrorHandler onError)
    : QUndoCommand(QObject::tr("Edit product '%1'").arg(after.name))
    , m_service(service)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_onError(std::move(onError))
{
}

void EditProductCommand::undo()
{
    runGuarded(this, m_onError, [&] { m_service.updateProduct(m_before); });
}

void EditProductCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    runGuarded(this, m_onError, [&] { m_service.updateProduct(m_after); });
}

RemoveProductCommand::RemoveProductCommand(services::WhitespaceService &service, services::WhitespaceService::RemovedProduct removed,
                                           CommandErrorHandler onError)
    : QUndoCommand(QObject::tr("Remove product '%1'").arg(removed.product.name))
    , m_service(service)
    , m_removed(std::move(removed))
    , m_onError(std::move(onError))
{
}

void RemoveProductCommand::undo()
{
    runGuarded(this, m_onError, [&] { m_service.restoreProduct(m_removed); });
}

void RemoveProductCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    runGuarded(this, m_onError, [&] { m_removed = m_service.removeProduct(m_removed.product.id); });
}

} // namespace keystone::app
