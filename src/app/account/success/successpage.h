// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "commands/commandsupport.h"
#include "widgets/lazypage.h"

#include "keystone/services/planservice.h"

#include <QDate>
#include <QHash>

#include <optional>

class QGroupBox;
class QLabel;
class QPushButton;
class QScrollArea;
class QStandardItemModel;
class QTableView;
class QUndoStack;

namespace keystone::services {
class Portfolio;
}

namespace keystone::app {

// The Success Plan tab: the lifecycle side of the account plan (domain.md sections 2 and 8).
// The joint success plan (start and first-value dates, objectives with success metrics, the
// 90-day roadmap of milestones, the customer's champions and decision makers), the at-risk
// remediation plan (executive sponsor, root cause, milestones; shown while the account is
// marked at risk or has one), and advocacy (case study, advisory board, NPS, reference
// requests). Every edit is one undo step.
class SuccessPage final : public AccountPage
{
    Q_OBJECT
public:
    SuccessPage(services::Portfolio &portfolio, services::PlanService &service, QUndoStack &undo, CommandErrorHandler onError,
                QWidget *parent = nullptr);
    ~SuccessPage() override;

    const std::optional<services::AccountPlan> &plan() const { return m_plan; }

    QLabel *roadmapSummary() const { return m_roadmap; }
    QLabel *remediationSummary() const { return m_remediationText; }
    QLabel *advocacySummary() const { return m_advocacyText; }
    QGroupBox *remediationBox() const { return m_remediationBox; }
    QStandardItemModel *objectivesModel() const { return m_objectives; }
    QStandardItemModel *milestonesModel() const { return m_milestones; }
    QStandardItemModel *peopleModel() const { return m_people; }
    QStandardItemModel *remediationModel() const { return m_remediationMilestones; }
    QStandardItemModel *requestsModel() const { return m_requests; }

    // Forms (ui/successdatesform.ui, priorityform.ui for objectives, milestoneform.ui,
    // contactpickform.ui, remediationform.ui, advocacyform.ui); row -1 = new.
    void editDates();
    void editObjective(int row);
    void editMilestone(domain::MilestonePlan plan, int row);
    void addPerson();
    void editRemediation();
    void editAdvocacy();
    void addReferenceRequest();
    // Direct edits (what the forms call; tests use them too). Each is one undo step.
    bool setDates(const domain::SuccessPlan &dates);
    bool setRemediation(const domain::RemediationPlan &plan);
    bool setAdvocacy(const domain::AdvocacyProfile &profile);
    bool saveObjective(const domain::Objective &o);
    bool saveMilestone(const domain::Milestone &m);
    bool savePerson(const domain::SuccessContact &c);
    bool saveReferenceRequest(const domain::ReferenceRequest &r);
    bool removeObjective(int row);
    bool removeMilestone(domain::MilestonePlan plan, int row);
    bool removePerson(int row);
    bool removeReferenceRequest(int row);

protected:
    void rebuild() override;

private:
    void updateButtons();
    int currentRow(QTableView *view) const;
    QString contactName(qint64 id) const;
    QGroupBox *section(const QString &title, QTableView *&view, QStandardItemModel *model, const QStringList &headers,
                       const QStringList &samples, int stretch, const QList<QPushButton *> &buttons, QWidget *below = nullptr);

    services::Portfolio &m_portfolio;
    services::PlanService &m_service;
    QUndoStack &m_undo;
    CommandErrorHandler m_onError;
    std::optional<services::AccountPlan> m_plan;
    QHash<qint64, QString> m_team;
    std::vector<domain::Contact> m_contacts; // the account's, by name
    bool m_referenceable = false;

    QScrollArea *m_scroll = nullptr;
    QLabel *m_roadmap = nullptr;
    QLabel *m_remediationText = nullptr;
    QLabel *m_advocacyText = nullptr;
    QGroupBox *m_remediationBox = nullptr;
    QStandardItemModel *m_objectives = nullptr;
    QStandardItemModel *m_milestones = nullptr;
    QStandardItemModel *m_people = nullptr;
    QStandardItemModel *m_remediationMilestones = nullptr;
    QStandardItemModel *m_requests = nullptr;
    QTableView *m_objectiveView = nullptr;
    QTableView *m_milestoneView = nullptr;
    QTableView *m_peopleView = nullptr;
    QTableView *m_remediationView = nullptr;
    QTableView *m_requestView = nullptr;
    QList<QPushButton *> m_alwaysButtons;  // enabled whenever the file is writable
    // Enabled with a selected row; the view is read through its member (made after the button).
    QList<std::pair<QPushButton *, QTableView *const *>> m_rowButtons;
};

} // namespace keystone::app
