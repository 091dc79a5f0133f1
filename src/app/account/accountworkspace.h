// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "commands/commandsupport.h"

#include "keystone/domain/opportunity.h"
#include "keystone/domain/whitespace.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;
class QUndoStack;

namespace keystone::services {
class Portfolio;
class HealthService;
class PlanService;
class RelationshipService;
class WhitespaceService;
} // namespace keystone::services

namespace keystone::app {

class ActivitiesPage;
class HealthPage;
class HistoryPage;
class SnapshotsPage;
class PlanPage;
class SuccessPage;
class OpportunitiesModel;
class RelationshipsPage;
class WhitespaceModel;

// The Account page: one account's workspace in tabs (Plan, Success Plan, Health,
// Relationships, Activities, Whitespace, Opportunities, History, Snapshots), with Export QBR…
// beside its name. Follows the account selected in the portfolio.
class AccountWorkspace final : public QWidget
{
    Q_OBJECT
public:
    enum Tab { PlanTab, SuccessTab, HealthTab, RelationshipsTab, ActivitiesTab, WhitespaceTab, OpportunitiesTab, HistoryTab, SnapshotsTab }; // in tab order

    AccountWorkspace(services::Portfolio &portfolio, services::WhitespaceService &service, services::RelationshipService &relationships,
                     services::HealthService &health, services::PlanService &plan, QUndoStack &undo, CommandErrorHandler onError,
                     QWidget *parent = nullptr);

    void setAccount(qint64 accountId);
    qint64 accountId() const { return m_accountId; }
    void showTab(Tab tab);
    Tab currentTab() const;

    PlanPage *plan() const { return m_plan; }
    SuccessPage *success() const { return m_success; }
    HistoryPage *history() const { return m_history; }
    SnapshotsPage *snapshots() const { return m_snapshots; }
    HealthPage *health() const { return m_health; }
    RelationshipsPage *relationships() const { return m_relationships; }
    ActivitiesPage *activities() const { return m_activities; }
    QTableView *grid() const { return m_grid; }
    QTableView *opportunities() const { return m_opportunities; }
    WhitespaceModel *whitespaceModel() const { return m_whitespace; }
    OpportunitiesModel *opportunitiesModel() const { return m_opps; }
    QString whitespaceSummary() const;

    // Buying centers: the form from ui/buyingcenterform.ui; row = the grid row.
    void addBuyingCenter();
    void editBuyingCenter(int row);
    bool removeBuyingCenter(int row); // one undo step, with its cells
    void createOpportunityFromCurrent();
    // Opportunities by hand: the form from ui/opportunityform.ui; row = the model row.
    void addOpportunity();
    void editOpportunity(int row);
    bool removeOpportunity(int row); // one undo step; a linked cell turns back to Whitespace

    int currentOpportunityRow() const; // model row of the selected opportunity, or -1

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    void exportQbrRequested(); // the Export QBR… button beside the account's name

private:
    void updateSummaries();
    void updateButtons();
    // Shows the form for `center` (id 0 = new) and saves it through the service and the undo stack.
    void buyingCenterDialog(domain::BuyingCenter center);
    void opportunityDialog(domain::Opportunity opportunity);

    services::Portfolio &m_portfolio;
    services::WhitespaceService &m_service;
    QUndoStack &m_undo;
    CommandErrorHandler m_onError;
    qint64 m_accountId = 0;
    QLabel *m_title = nullptr;
    QLabel *m_lock = nullptr;
    QPushButton *m_addCenter = nullptr;
    QPushButton *m_createOpp = nullptr;
    QPushButton *m_addOpp = nullptr;
    QTabWidget *m_tabs = nullptr;
    PlanPage *m_plan = nullptr;
    QPushButton *m_exportQbr = nullptr;
    SuccessPage *m_success = nullptr;
    HistoryPage *m_history = nullptr;
    SnapshotsPage *m_snapshots = nullptr;
    HealthPage *m_health = nullptr;
    RelationshipsPage *m_relationships = nullptr;
    ActivitiesPage *m_activities = nullptr;
    QTableView *m_grid = nullptr;
    QLabel *m_wsSummary = nullptr;
    QTableView *m_opportunities = nullptr;
    QLabel *m_oppSummary = nullptr;
    QPushButton *m_editCenter = nullptr;
    QPushButton *m_removeCenter = nullptr;
    QPushButton *m_editOpp = nullptr;
    QPushButton *m_removeOpp = nullptr;
    WhitespaceModel *m_whitespace = nullptr;
    OpportunitiesModel *m_opps = nullptr;
};

} // namespace keystone::app
