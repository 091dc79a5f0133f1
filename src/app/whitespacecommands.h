// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "commandsupport.h"

#include "keystone/services/whitespaceservice.h"

#include <QUndoCommand>

namespace keystone::app {

// Whitespace and pipeline edits, pushed after their first action succeeded.
class SetCellCommand final : public QUndoCommand
{
public:
    SetCellCommand(services::WhitespaceService &service, std::optional<domain::WhitespaceCell> before,
                   domain::WhitespaceCell after, const QString &text, CommandErrorHandler onError);
    void undo() override;
    void redo() override;

private:
    services::WhitespaceService &m_service;
    std::optional<domain::WhitespaceCell> m_before;
    domain::WhitespaceCell m_after;
    CommandErrorHandler m_onError;
    bool m_firstRedo = true;
};

class ConvertCellCommand final : public QUndoCommand
{
public:
    ConvertCellCommand(services::WhitespaceService &service, services::WhitespaceService::Conversion conversion,
                       CommandErrorHandler onError);
    void undo() override;
    void redo() override;

private:
    services::WhitespaceService &m_service;
    services::WhitespaceService::Conversion m_conversion;
    CommandErrorHandler m_onError;
    bool m_firstRedo = true;
};

class AddBuyingCenterCommand final : public QUndoCommand
{
public:
    AddBuyingCenterCommand(services::WhitespaceService &service, domain::BuyingCenter created, CommandErrorHandler onError);
    void undo() override;
    void redo() override;

private:
    services::WhitespaceService &m_service;
    services::WhitespaceService::RemovedBuyingCenter m_removed;
    CommandErrorHandler m_onError;
    bool m_firstRedo = true;
};

class EditOpportunityCommand final : public QUndoCommand
{
public:
    EditOpportunityCommand(services::WhitespaceService &service, domain::Opportunity before, domain::Opportunity after,
                           const QString &text, CommandErrorHandler onError);
    void undo() override;
    void redo() override;

private:
    services::WhitespaceService &m_service;
    domain::Opportunity m_before;
    domain::Opportunity m_after;
    CommandErrorHandler m_onError;
    bool m_firstRedo = true;
};

} // namespace keystone::app

namespace keystone::app {

class AddProductCommand final : public QUndoCommand
{
public:
    AddProductCommand(services::WhitespaceService &service, domain::Product created, CommandErrorHandler onError);
    void undo() override;
    void redo() override;

private:
    services::WhitespaceService &m_service;
    services::WhitespaceService::RemovedProduct m_removed;
    CommandErrorHandler m_onError;
    bool m_firstRedo = true;
};

class EditProductCommand final : public QUndoCommand
{
public:
    EditProductCommand(services::WhitespaceService &service, domain::Product before, domain::Product after, CommandErrorHandler onError);
    void undo() override;
    void redo() override;

private:
    services::WhitespaceService &m_service;
    domain::Product m_before;
    domain::Product m_after;
    CommandErrorHandler m_onError;
    bool m_firstRedo = true;
};

class RemoveProductCommand final : public QUndoCommand
{
public:
    RemoveProductCommand(services::WhitespaceService &service, services::WhitespaceService::RemovedProduct removed,
                         CommandErrorHandler onError);
    void undo() override;
    void redo() override;

private:
    services::WhitespaceService &m_service;
    services::WhitespaceService::RemovedProduct m_removed;
    CommandErrorHandler m_onError;
    bool m_firstRedo = true;
};

} // namespace keystone::app
