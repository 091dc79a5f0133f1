// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "commands/commandsupport.h"

#include <QDialog>

#include <functional>

class QPushButton;
class QTreeWidget;
class QUndoStack;

namespace keystone::services {
class Portfolio;
class WhitespaceService;
} // namespace keystone::services

namespace keystone::app {

// Edit > Product Catalog: the products whitespace is measured against. Add, edit and
// remove are undoable; removing a product that cells use first says what goes with it.
class CatalogDialog final : public QDialog
{
    Q_OBJECT
public:
    // Asked before a removal that takes cells with it; true = go ahead.
    using Confirm = std::function<bool(const QString &question)>;

    CatalogDialog(services::Portfolio &portfolio, services::WhitespaceService &service, QUndoStack &undo,
                  CommandErrorHandler onError, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    // The question asked before removing `productId` (empty when nothing goes with it).
    QString removalQuestion(qint64 productId) const;
    void addProduct();
    void editSelected();
    void removeSelected();

private:
    void refresh();
    void editProduct(qint64 id);

    services::Portfolio &m_portfolio;
    services::WhitespaceService &m_service;
    QUndoStack &m_undo;
    CommandErrorHandler m_onError;
    Confirm m_confirm;
    QTreeWidget *m_list = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_remove = nullptr;
};

} // namespace keystone::app
