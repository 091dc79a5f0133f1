// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "commands/commandsupport.h"
#include "widgets/lazypage.h"

#include "keystone/services/planservice.h"

#include <QDate>
#include <QHash>

#include <array>
#include <optional>

class QGroupBox;
class QLabel;
class QListWidget;
class QPushButton;
class QScrollArea;
class QStandardItemModel;
class QTableView;
class QUndoStack;

namespace keystone::services {
class Portfolio;
}

namespace keystone::app {

// Five segments, one per plan part, filled when the part meets its bar; a click asks for
// that part (the page shows it or the workspace opens its tab).
class CompletenessMeter final : public QWidget
{
    Q_OBJECT
public:
    explicit CompletenessMeter(QWidget *parent = nullptr);
    void setCompleteness(const domain::PlanCompleteness &c);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void partClicked(domain::PlanPart part);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override; // tooltips per segment

private:
    QRect segment(int i) const;
    domain::PlanCompleteness m_c;
};

// The Plan tab: completeness (meter and a clickable list of what is missing), freshness with
// a Review button, and the priorities, risks (with the "no known risks" confirmation),
// actions (overdue ones highlighted) and reviews of the account. Every edit is one undo step.
class PlanPage final : public AccountPage
{
    Q_OBJECT
public:
    PlanPage(services::Portfolio &portfolio, services::PlanService &service, QUndoStack &undo, CommandErrorHandler onError,
             QWidget *parent = nullptr);
    ~PlanPage() override;

    const std::optional<services::AccountPlan> &plan() const { return m_plan; }

    QLabel *summary() const { return m_summary; }
    QListWidget *missingList() const { return m_missing; }
    QStandardItemModel *prioritiesModel() const { return m_priorities; }
    QStandardItemModel *risksModel() const { return m_risks; }
    QStandardItemModel *actionsModel() const { return m_actions; }
    QStandardItemModel *reviewsModel() const { return m_reviews; }
    QStandardItemModel *valuesModel() const { return m_values; }
    CompletenessMeter *meter() const { return m_meter; }

    // Forms (ui/priorityform.ui, riskform.ui, actionform.ui, reviewform.ui); row -1 = new.
    void editPriority(int row);
    void editRisk(int row);
    void editAction(int row);
    void editValue(int row);
    void markReviewed();
    // Direct edits (what the forms call; tests use them too). Each is one undo step.
    bool savePriority(const domain::Priority &p);
    bool saveRisk(const domain::Risk &r);
    bool saveAction(const domain::PlanAction &a);
    bool saveValue(const domain::ValueDelivered &v);
    bool saveReview(const QDate &date, qint64 reviewerId, const QString &note);
    bool removePriority(int row);
    bool removeRisk(int row);
    bool removeAction(int row);
    bool removeValue(int row);
    bool toggleNoKnownRisks();
    // Shows the section of a part on this page (priorities, risks, actions).
    void showPart(domain::PlanPart part);

Q_SIGNALS:
    // A part that lives on another tab (relationship map, whitespace) was asked for.
    void partRequested(domain::PlanPart part);

protected:
    void rebuild() override;

private:
    void requestPart(domain::PlanPart part);
    void updateButtons();
    // A titled table with its buttons; column widths from `samples`, column `stretch` takes the rest.
    QGroupBox *section(const QString &title, QTableView *&view, QStandardItemModel *model, const QStringList &headers,
                       const QStringList &samples, int stretch, QList<QPushButton *> buttons, QWidget *below = nullptr);
    int currentRow(QTableView *view) const;
    QString personName(qint64 id) const;

    services::Portfolio &m_portfolio;
    services::PlanService &m_service;
    QUndoStack &m_undo;
    CommandErrorHandler m_onError;
    std::optional<services::AccountPlan> m_plan;
    QHash<qint64, QString> m_team;

    QScrollArea *m_scroll = nullptr;
    CompletenessMeter *m_meter = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_freshness = nullptr;
    QPushButton *m_review = nullptr;
    QListWidget *m_missing = nullptr;
    QStandardItemModel *m_priorities = nullptr;
    QStandardItemModel *m_risks = nullptr;
    QStandardItemModel *m_actions = nullptr;
    QStandardItemModel *m_reviews = nullptr;
    QStandardItemModel *m_values = nullptr;
    QTableView *m_priorityView = nullptr;
    QTableView *m_riskView = nullptr;
    QTableView *m_actionView = nullptr;
    QTableView *m_reviewView = nullptr;
    QTableView *m_valueView = nullptr;
    QGroupBox *m_priorityBox = nullptr;
    QGroupBox *m_riskBox = nullptr;
    QGroupBox *m_actionBox = nullptr;
    QLabel *m_noRisks = nullptr;
    QPushButton *m_noRisksButton = nullptr;
    std::array<QPushButton *, 12> m_itemButtons{}; // add, edit, remove for priorities, risks, actions, value delivered
};

} // namespace keystone::app
