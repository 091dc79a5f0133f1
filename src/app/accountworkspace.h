// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "commandsupport.h"

#include <QWidget>

class QLabel;
class QTabWidget;
class QTableView;
class QUndoStack;

namespace keystone::services {
class Portfolio;
class WhitespaceService;
} // namespace keystone::services

namespace keystone::app {

class OpportunitiesModel;
class WhitespaceModel;

// The Account page: one account's workspace in tabs (Whitespace, Opportunities; later
// issues add relationships, health, plan). Follows the account selected in the portfolio.
class AccountWorkspace final : public QWidget
{
    Q_OBJECT
public:
    enum Tab { WhitespaceTab, OpportunitiesTab };

    AccountWorkspace(services::Portfolio &portfolio, services::WhitespaceService &service, QUndoStack &undo,
                     CommandErrorHandler onError, QWidget *parent = nullptr);

    void setAccount(qint64 accountId);
    qint64 accountId() const { return m_accountId; }
    void showTab(Tab tab);

    QTableView *grid() const { return m_grid; }
    QTableView *opportunities() const { return m_opportunities; }
    WhitespaceModel *whitespaceModel() const { return m_whitespace; }
    OpportunitiesModel *opportunitiesModel() const { return m_opps; }
    QString whitespaceSummary() const;

    void addBuyingCenter();
    void createOpportunityFromCurrent();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateSummaries();

    services::Portfolio &m_portfolio;
    services::WhitespaceService &m_service;
    QUndoStack &m_undo;
    CommandErrorHandler m_onError;
    qint64 m_accountId = 0;
    QLabel *m_title = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTableView *m_grid = nullptr;
    QLabel *m_wsSummary = nullptr;
    QTableView *m_opportunities = nullptr;
    QLabel *m_oppSummary = nullptr;
    WhitespaceModel *m_whitespace = nullptr;
    OpportunitiesModel *m_opps = nullptr;
};

} // namespace keystone::app
