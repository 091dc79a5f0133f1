// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QDialog>

class QTreeWidget;
class QPushButton;
class QUndoStack;

namespace keystone::services {
class Portfolio;
class TeamService;
} // namespace keystone::services

namespace keystone::app {

class PortfolioModel;

// Edit > Team Members: our own team, with the number of accounts each owns. Add, edit and
// remove are undoable; removing a member unassigns their accounts, and undo gives them back.
class TeamDialog final : public QDialog
{
    Q_OBJECT
public:
    TeamDialog(services::Portfolio &portfolio, services::TeamService &team, PortfolioModel &model, QUndoStack &undo,
               QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }
    void addMember();
    void editSelected();
    void removeSelected();

private:
    void refresh();
    bool editMember(qint64 id);

    services::Portfolio &m_portfolio;
    services::TeamService &m_team;
    PortfolioModel &m_model;
    QUndoStack &m_undo;
    QTreeWidget *m_list = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_remove = nullptr;
};

} // namespace keystone::app
