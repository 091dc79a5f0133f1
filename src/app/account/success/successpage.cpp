// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "account/success/successpage.h"
#include "widgets/colours.h"

#include "widgets/emptystate.h"
#include "widgets/formfields.h"
#include "account/plan/planwidgets.h"

#include "ui_advocacyform.h"
#include "ui_contactpickform.h"
#include "ui_milestoneform.h"
#include "ui_remediationform.h"
#include "ui_successdatesform.h"

#include "keystone/services/portfolio.h"
#include "keystone/services/queries.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QStandardItemModel>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace keystone::app {

using domain::MilestonePlan;

namespace {


// "1 milestone", "3 milestones"
QString plural(int n, const QString &one, const QString &many)
{
    return (n == 1 ? one : many).arg(n);
}

// A milestone's row: what, due, day of the roadmap (success plan only), status.
QList<QStandardItem *> milestoneRow(const domain::Milestone &m, const QDate &today, const QDate &start)
{
    const int late = m.daysOverdue(today);
    QString status = m.done() ? QObject::tr("Done %1").arg(m.doneOn.toString(Qt::ISODate))
                     : late > 0 ? QObject::tr("%1 d late").arg(late)
                                : QObject::tr("Open");
    QList<QStandardItem *> row{new QStandardItem(m.what), new QStandardItem(m.due.toString(Qt::ISODate))};
    if (m.plan == MilestonePlan::Success) {
        const QString day = start.isValid() ? QObject::tr("Day %1").arg(start.daysTo(m.due)) : QString();
        row << new QStandardItem(day);
        if (start.isValid() && start.daysTo(m.due) > domain::kRoadmapDays) {
            row.back()->setToolTip(QObject::tr("Due after the 90-day roadmap"));
            row.back()->setBackground(colours::tint(colours::Tint::Yellow));
        }
    }
    row << new QStandardItem(status);
    QStandardItem *statusItem = row.back();
    row << new QStandardItem(m.shared ? QObject::tr("Shared") : QObject::tr("Internal"));
    row.back()->setToolTip(m.shared ? QObject::tr("Shown in the customer's QBR") : QObject::tr("Not shown to the customer"));
    row[0]->setToolTip(m.what);
    for (QStandardItem *i : row)
        i->setForeground(late > 0 ? colours::ink(colours::Ink::Warn) : m.done() ? colours::ink(colours::Ink::Muted) : QColor());
    if (m.done())
        statusItem->setForeground(colours::ink(colours::Ink::Good));
    return row;
}

} // namespace

SuccessPage::SuccessPage(services::Portfolio &portfolio, services::PlanService &service, QUndoStack &undo, CommandErrorHandler onError,
                         QWidget *parent)
    : AccountPage(parent)
    , m_portfolio(portfolio)
    , m_service(service)
    , m_undo(undo)
    , m_onError(std::move(onError))
{
    m_scroll = new QScrollArea(this);
    auto *content = new QWidget;
    m_scroll->setWidget(content);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    auto *v = new QVBoxLayout(content);

    m_objectives = new QStandardItemModel(this);
    m_milestones = new QStandardItemModel(this);
    m_people = new QStandardItemModel(this);
    m_remediationMilestones = new QStandardItemModel(this);
    m_requests = new QStandardItemModel(this);

    // Buttons: "always" ones need a writable file and an account, "row" ones a selected row too.
    auto always = [this](const QString &text, auto slot) {
        auto *b = new QPushButton(text);
        connect(b, &QPushButton::clicked, this, slot);
        m_alwaysButtons << b;
        return b;
    };
    auto onRow = [this](const QString &text, QTableView *const *view, auto slot) {
        auto *b = new QPushButton(text);
        connect(b, &QPushButton::clicked, this, [this, view, slot] { slot(currentRow(*view)); });
        m_rowButtons << std::pair<QPushButton *, QTableView *const *>{b, view};
        return b;
    };

    // Joint success plan.
    auto *head = new QHBoxLayout;
    auto *title = new QLabel(tr("Joint success plan"), content);
    title->setStyleSheet(QStringLiteral("font-size: 13pt; font-weight: 600;"));
    head->addWidget(title);
    head->addStretch();
    head->addWidget(always(tr("Edit &Dates…"), [this] { editDates(); }));
    v->addLayout(head);
    m_roadmap = new QLabel(content);
    m_roadmap->setWordWrap(true);
    m_roadmap->setTextFormat(Qt::RichText);
    v->addWidget(m_roadmap);

    QGroupBox *objectiveBox = section(tr("Objectives and success metrics"), m_objectiveView, m_objectives,
                                      {tr("#"), tr("Objective"), tr("Success metric"), tr("Now / target"), tr("Progress")},
                                      {QStringLiteral("10"), QStringLiteral("Roll out to the finance team"), QStringLiteral("Weekly active users"),
                                       QStringLiteral("100 / 25 workbooks"), QStringLiteral("Progress")},
                                      1,
                                      {always(tr("Add…"), [this] { editObjective(-1); }),
                                       onRow(tr("Edit…"), &m_objectiveView, [this](int r) { editObjective(r); }),
                                       onRow(tr("Remove"), &m_objectiveView, [this](int r) { removeObjective(r); })});
    QGroupBox *milestoneBox = section(tr("90-day roadmap"), m_milestoneView, m_milestones, {tr("Milestone"), tr("Due"), tr("Day"), tr("Status"), tr("Customer")},
                                      {QStringLiteral("Admin training done"), QStringLiteral("2026-11-23"), QStringLiteral("Day 120"),
                                       QStringLiteral("Done 2026-11-23"), QStringLiteral("Internal")},
                                      0,
                                      {always(tr("Add…"), [this] { editMilestone(MilestonePlan::Success, -1); }),
                                       onRow(tr("Edit…"), &m_milestoneView, [this](int r) { editMilestone(MilestonePlan::Success, r); }),
                                       onRow(tr("Remove"), &m_milestoneView, [this](int r) { removeMilestone(MilestonePlan::Success, r); })});
    QGroupBox *peopleBox = section(tr("Champions and decision makers"), m_peopleView, m_people, {tr("Contact"), tr("Title"), tr("Role in the plan")},
                                   {QStringLiteral("Margarethe Oyelaran-Smith"), QStringLiteral("VP Finance Operations"),
                                    QStringLiteral("Decision maker")},
                                   1,
                                   {always(tr("Add…"), [this] { addPerson(); }),
                                    onRow(tr("Remove"), &m_peopleView, [this](int r) { removePerson(r); })});

    // Remediation plan (at-risk overlay).
    m_remediationText = new QLabel;
    m_remediationText->setWordWrap(true);
    m_remediationText->setTextFormat(Qt::RichText);
    auto *remediationHead = new QWidget;
    auto *rh = new QHBoxLayout(remediationHead);
    rh->setContentsMargins(0, 0, 0, 0);
    rh->addWidget(m_remediationText, 1);
    rh->addWidget(always(tr("Edit Sponsor and Cause…"), [this] { editRemediation(); }), 0, Qt::AlignTop);
    m_remediationBox = section(tr("At-risk remediation plan"), m_remediationView, m_remediationMilestones, {tr("Milestone"), tr("Due"), tr("Status"), tr("Customer")},
                               {QStringLiteral("Executive alignment call held"), QStringLiteral("2026-11-23"), QStringLiteral("Done 2026-11-23"),
                                QStringLiteral("Internal")},
                               0,
                               {always(tr("Add Milestone…"), [this] { editMilestone(MilestonePlan::Remediation, -1); }),
                                onRow(tr("Edit…"), &m_remediationView, [this](int r) { editMilestone(MilestonePlan::Remediation, r); }),
                                onRow(tr("Remove"), &m_remediationView, [this](int r) { removeMilestone(MilestonePlan::Remediation, r); })});
    static_cast<QVBoxLayout *>(m_remediationBox->layout())->insertWidget(0, remediationHead);

    // Advocacy.
    m_advocacyText = new QLabel;
    m_advocacyText->setWordWrap(true);
    m_advocacyText->setTextFormat(Qt::RichText);
    auto *advocacyHead = new QWidget;
    auto *ah = new QHBoxLayout(advocacyHead);
    ah->setContentsMargins(0, 0, 0, 0);
    ah->addWidget(m_advocacyText, 1);
    ah->addWidget(always(tr("Edit Advocacy…"), [this] { editAdvocacy(); }), 0, Qt::AlignTop);
    QGroupBox *advocacyBox = section(tr("Advocacy and reference requests"), m_requestView, m_requests, {tr("Asked on"), tr("Contact"), tr("Purpose")},
                                     {QStringLiteral("2026-11-23"), QStringLiteral("Margarethe Oyelaran-Smith")}, 2,
                                     {always(tr("Add Request…"), [this] { addReferenceRequest(); }),
                                      onRow(tr("Remove"), &m_requestView, [this](int r) { removeReferenceRequest(r); })});
    static_cast<QVBoxLayout *>(advocacyBox->layout())->insertWidget(0, advocacyHead);

    // What each empty section is for and how to start it.
    setEmptyText(m_objectiveView, tr("What the customer wants to achieve with us, agreed with them, each with a metric and a target. "
                                     "Start with Add…"));
    setEmptyText(m_milestoneView, tr("The steps to the first value, dated from the start of the plan (day 30, 60, 90): "
                                     "kick-off, admin training, first workflow live. Add… the first one."));
    setEmptyText(m_peopleView, tr("The customer's people who own the plan with you: a champion and a decision maker at least. "
                                  "Add… picks them from the account's contacts."));
    setEmptyText(m_remediationView, tr("The steps that bring the account back to health, each with a date. Add Milestone…"));
    setEmptyText(m_requestView, tr("References, case studies and reviews asked of this customer. Add Request… when you ask."));
    auto *grid = new QGridLayout;
    grid->addWidget(objectiveBox, 0, 0);
    grid->addWidget(milestoneBox, 0, 1);
    grid->addWidget(peopleBox, 1, 0);
    grid->addWidget(advocacyBox, 1, 1);
    // The remediation plan, when shown, comes first: an account at risk is the urgent case.
    v->insertWidget(0, m_remediationBox);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    v->addLayout(grid, 1);

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_scroll);

    connect(m_objectiveView, &QTableView::doubleClicked, this, [this](const QModelIndex &i) { editObjective(i.row()); });
    connect(m_milestoneView, &QTableView::doubleClicked, this, [this](const QModelIndex &i) { editMilestone(MilestonePlan::Success, i.row()); });
    connect(m_remediationView, &QTableView::doubleClicked, this,
            [this](const QModelIndex &i) { editMilestone(MilestonePlan::Remediation, i.row()); });
    connect(&portfolio, &services::Portfolio::planChanged, this, &SuccessPage::markDirty);
    connect(&portfolio, &services::Portfolio::bookChanged, this, [this] { markStale(); });
    connect(&portfolio, &services::Portfolio::contactsChanged, this, &SuccessPage::markDirty);
    connect(&portfolio, &services::Portfolio::healthChanged, this, [this](const QList<qint64> &ids) {
        if (ids.isEmpty() || ids.contains(m_accountId))
            markStale(); // the NPS comes from the health inputs
    });
    connect(&portfolio, &services::Portfolio::teamChanged, this, [this] { markStale(); });
    connect(&portfolio, &services::Portfolio::accountsUpdated, this, [this](const QList<qint64> &ids) {
        if (ids.contains(m_accountId))
            markStale(); // at-risk flag, phase, referenceable
    });
    updateButtons();
}

SuccessPage::~SuccessPage() = default;

QGroupBox *SuccessPage::section(const QString &title, QTableView *&view, QStandardItemModel *model, const QStringList &headers,
                                const QStringList &samples, int stretch, const QList<QPushButton *> &buttons, QWidget *below)
{
    QGroupBox *box = itemSection(m_scroll->widget(), title, view, model, headers, samples, stretch, buttons, below);
    view->setMinimumHeight(view->fontMetrics().height() * 7);
    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SuccessPage::updateButtons);
    return box;
}




QString SuccessPage::contactName(qint64 id) const
{
    for (const domain::Contact &c : m_contacts)
        if (c.id == id)
            return c.name;
    return tr("(removed)");
}

int SuccessPage::currentRow(QTableView *view) const
{
    const QModelIndexList rows = view->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void SuccessPage::updateButtons()
{
    const bool writable = !m_portfolio.isReadOnly(m_accountId) && m_plan.has_value();
    for (QPushButton *b : m_alwaysButtons)
        b->setEnabled(writable);
    for (const auto &[button, view] : m_rowButtons)
        button->setEnabled(writable && *view && (*view)->selectionModel()->hasSelection());
}

void SuccessPage::rebuild()
{
    m_team.clear();
    for (const domain::TeamMember &m : services::query::team(m_portfolio))
        m_team.insert(m.id, m.name);
    m_plan.reset();
    m_contacts.clear();
    reportFailures(m_onError, [&] {
        if (m_accountId <= 0)
            return;
        m_plan = m_service.load(m_accountId, m_today);
        m_contacts = services::query::contacts(m_portfolio, m_accountId);
        const auto account = services::query::account(m_portfolio, m_accountId);
        m_referenceable = account && account->referenceable;
    });
    std::sort(m_contacts.begin(), m_contacts.end(), [](const domain::Contact &a, const domain::Contact &b) {
        return QString::localeAwareCompare(a.name, b.name) < 0;
    });
    for (QStandardItemModel *m : {m_objectives, m_milestones, m_people, m_remediationMilestones, m_requests})
        m->removeRows(0, m->rowCount());
    if (!m_plan) {
        m_roadmap->setText(tr("Select an account in the Portfolio"));
        m_remediationText->clear();
        m_advocacyText->clear();
        updateButtons();
        return;
    }
    const services::AccountPlan &plan = *m_plan;

    // The roadmap line: where the 90 days stand, and first value.
    QStringList parts;
    const domain::RoadmapStatus &r = plan.roadmap;
    if (!plan.successPlan.startsOn.isValid()) {
        parts << tr("Not started yet: set the start date to count the 90-day roadmap.");
    } else if (r.day && *r.day <= domain::kRoadmapDays) {
        parts << tr("Started %1: <b>day %2 of the 90-day roadmap</b>.").arg(plan.successPlan.startsOn.toString(Qt::ISODate)).arg(*r.day);
    } else {
        parts << tr("Started %1; the 90-day roadmap ended %2 days ago.")
                     .arg(plan.successPlan.startsOn.toString(Qt::ISODate))
                     .arg(r.day ? *r.day - domain::kRoadmapDays : 0);
    }
    if (r.milestones > 0) {
        QString m = tr("%1 of %2 done").arg(r.done).arg(plural(r.milestones, tr("%1 milestone"), tr("%1 milestones")));
        if (r.overdue > 0)
            m += tr(", <b style='color:%W'>%1 overdue</b>").arg(r.overdue);
        if (r.beyondRoadmap > 0)
            m += tr(", %1 due after day 90").arg(r.beyondRoadmap);
        parts << m + QStringLiteral(".");
    }
    if (const auto ttfv = domain::timeToFirstValue(plan.successPlan))
        parts << tr("First value on %1 (%2 after the start).")
                     .arg(plan.successPlan.firstValueOn.toString(Qt::ISODate), plural(*ttfv, tr("%1 day"), tr("%1 days")));
    else if (plan.successPlan.firstValueOn.isValid())
        parts << tr("First value on %1.").arg(plan.successPlan.firstValueOn.toString(Qt::ISODate));
    else
        parts << tr("No first value recorded yet.");
    if (plan.phase == domain::LifecyclePhase::Onboarding)
        parts << tr("The account is onboarding: this plan is its main work.");
    m_roadmap->setText(colours::inks(parts.join(QStringLiteral(" "))));

    for (const domain::Objective &o : plan.objectives) {
        const QString unit = o.unit.isEmpty() ? QString() : QStringLiteral(" ") + o.unit;
        const QString figures = o.metric.isEmpty() ? QString() : tr("%1 / %2%3").arg(planNumber(o.current), planNumber(o.target), unit);
        const auto progress = o.progress();
        QList<QStandardItem *> row{new QStandardItem(QString::number(o.position + 1)), new QStandardItem(o.text), new QStandardItem(o.metric),
                                   new QStandardItem(figures),
                                   new QStandardItem(progress ? QStringLiteral("%1%").arg(*progress * 100, 0, 'f', 0) : QString())};
        const QString detail = o.metric.isEmpty() ? o.text
                                                  : tr("%1\n%2: baseline %3, now %4, target %5%6")
                                                        .arg(o.text, o.metric, planNumber(o.baseline), planNumber(o.current), planNumber(o.target), unit);
        for (QStandardItem *i : row)
            i->setToolTip(detail);
        if (progress && *progress >= 1)
            row[4]->setForeground(colours::ink(colours::Ink::Good));
        m_objectives->appendRow(row);
    }
    for (const domain::Milestone &m : plan.successMilestones)
        m_milestones->appendRow(milestoneRow(m, m_today, plan.successPlan.startsOn));
    for (const domain::SuccessContact &c : plan.successContacts) {
        const auto it = std::find_if(m_contacts.begin(), m_contacts.end(), [&c](const domain::Contact &x) { return x.id == c.contactId; });
        QList<QStandardItem *> row{new QStandardItem(contactName(c.contactId)), new QStandardItem(it != m_contacts.end() ? it->title : QString()),
                                   new QStandardItem(domain::successRoleName(c.role))};
        if (it != m_contacts.end() && !it->isActive()) {
            row[0]->setText(tr("%1 (departed)").arg(it->name));
            for (QStandardItem *i : row)
                i->setForeground(colours::ink(colours::Ink::Warn));
        }
        m_people->appendRow(row);
    }

    // Remediation: shown while at risk, or while a plan or its milestones exist.
    const bool remediationShown = plan.atRisk || !plan.remediation.isEmpty() || !plan.remediationMilestones.empty();
    m_remediationBox->setVisible(remediationShown);
    QStringList rem;
    if (!plan.atRisk)
        rem << tr("<i>The account is no longer marked at risk; this plan is kept for the record.</i>");
    rem << (plan.remediation.sponsorId > 0 ? tr("Executive sponsor: <b>%1</b>.").arg(m_team.value(plan.remediation.sponsorId, tr("(removed)")).toHtmlEscaped())
                                           : tr("<b style='color:%W'>No executive sponsor yet.</b>"));
    if (plan.remediation.openedOn.isValid())
        rem << tr("Opened %1.").arg(plan.remediation.openedOn.toString(Qt::ISODate));
    rem << (plan.remediation.rootCause.isEmpty() ? tr("Root cause not recorded.")
                                                 : tr("Root cause: %1").arg(plan.remediation.rootCause.toHtmlEscaped()));
    m_remediationText->setText(colours::inks(rem.join(QStringLiteral(" "))));
    for (const domain::Milestone &m : plan.remediationMilestones)
        m_remediationMilestones->appendRow(milestoneRow(m, m_today, {}));

    // Advocacy.
    QStringList adv;
    adv << (m_referenceable ? tr("Referenceable.") : tr("Not referenceable (set it in the account's details)."));
    adv << tr("Case study: %1.").arg(domain::caseStudyStatusName(plan.advocacy.caseStudy).toLower());
    adv << (plan.advocacy.advisoryBoard ? tr("On the advisory board.") : tr("Not on the advisory board."));
    adv << (plan.nps ? tr("NPS %1 (%2).").arg(*plan.nps).arg(plan.npsDate.toString(Qt::ISODate)) : tr("No NPS survey yet."));
    adv << tr("At most %1 per contact per quarter.")
               .arg(plural(domain::kReferenceRequestsPerQuarter, tr("%1 reference request"), tr("%1 reference requests")));
    m_advocacyText->setText(adv.join(QStringLiteral(" ")));
    for (const domain::ReferenceRequest &q : plan.referenceRequests) {
        QList<QStandardItem *> row{new QStandardItem(q.date.toString(Qt::ISODate)), new QStandardItem(contactName(q.contactId)),
                                   new QStandardItem(q.purpose)};
        row[2]->setToolTip(q.purpose);
        m_requests->appendRow(row);
    }
    updateButtons();
}

// --- direct edits -------------------------------------------------------------------------

bool SuccessPage::setDates(const domain::SuccessPlan &dates)
{
    return reportFailures(m_onError, [&] {
        domain::SuccessPlan before = m_service.setSuccessPlan(dates);
        m_undo.push(makeSuccessPlanCommand(m_service, std::move(before), dates, m_onError));
    });
}

bool SuccessPage::setRemediation(const domain::RemediationPlan &plan)
{
    return reportFailures(m_onError, [&] {
        domain::RemediationPlan before = m_service.setRemediationPlan(plan);
        m_undo.push(makeRemediationPlanCommand(m_service, std::move(before), plan, m_onError));
    });
}

bool SuccessPage::setAdvocacy(const domain::AdvocacyProfile &profile)
{
    return reportFailures(m_onError, [&] {
        domain::AdvocacyProfile before = m_service.setAdvocacy(profile);
        m_undo.push(makeAdvocacyCommand(m_service, std::move(before), profile, m_onError));
    });
}

bool SuccessPage::saveObjective(const domain::Objective &o) { return saveItem(m_service, m_undo, m_onError, o); }
bool SuccessPage::saveMilestone(const domain::Milestone &m) { return saveItem(m_service, m_undo, m_onError, m); }
bool SuccessPage::savePerson(const domain::SuccessContact &c) { return saveItem(m_service, m_undo, m_onError, c); }
bool SuccessPage::saveReferenceRequest(const domain::ReferenceRequest &r) { return saveItem(m_service, m_undo, m_onError, r); }

bool SuccessPage::removeObjective(int row)
{
    return m_plan && removeItemAt(m_portfolio, m_service, m_undo, m_onError, m_plan->objectives, row);
}

bool SuccessPage::removeMilestone(MilestonePlan plan, int row)
{
    return m_plan &&
           removeItemAt(m_portfolio, m_service, m_undo, m_onError, plan == MilestonePlan::Success ? m_plan->successMilestones : m_plan->remediationMilestones, row);
}

bool SuccessPage::removePerson(int row)
{
    return m_plan && removeItemAt(m_portfolio, m_service, m_undo, m_onError, m_plan->successContacts, row);
}

bool SuccessPage::removeReferenceRequest(int row)
{
    return m_plan && removeItemAt(m_portfolio, m_service, m_undo, m_onError, m_plan->referenceRequests, row);
}

// --- forms --------------------------------------------------------------------------------

namespace {
// A date edit with its "set" checkbox: unchecked reads as no date.
void bindOptionalDate(QCheckBox *check, QDateEdit *edit, const QDate &value, const QDate &fallback)
{
    check->setChecked(value.isValid());
    edit->setDate(value.isValid() ? value : fallback);
    edit->setEnabled(value.isValid());
    QObject::connect(check, &QCheckBox::toggled, edit, &QWidget::setEnabled);
}
QDate optionalDate(const QCheckBox *check, const QDateEdit *edit)
{
    return check->isChecked() ? edit->date() : QDate();
}
} // namespace

void SuccessPage::editDates()
{
    if (!m_plan || m_portfolio.isReadOnly(m_accountId))
        return;
    const domain::SuccessPlan before = m_plan->successPlan;
    QDialog dialog(this);
    Ui::SuccessDatesForm ui;
    ui.setupUi(&dialog);
    bindOptionalDate(ui.startCheck, ui.startEdit, before.startsOn, m_today);
    bindOptionalDate(ui.firstValueCheck, ui.firstValueEdit, before.firstValueOn, m_today);
    acceptFormWith(dialog, ui, [&, before]() -> QString {
        domain::SuccessPlan after = before;
        after.startsOn = optionalDate(ui.startCheck, ui.startEdit);
        after.firstValueOn = optionalDate(ui.firstValueCheck, ui.firstValueEdit);
        if (after == before)
            return {};
        return setDates(after) ? QString() : tr("Not saved; see the message");
    });
    dialog.exec();
}

void SuccessPage::editObjective(int row)
{
    if (!m_plan || m_portfolio.isReadOnly(m_accountId) || row >= int(m_plan->objectives.size()))
        return;
    domain::Objective before;
    before.accountId = m_accountId;
    if (row >= 0)
        before = m_plan->objectives[size_t(row)];
    editTextWithMetric<domain::Objective>(this, row < 0 ? tr("New Objective") : tr("Objective"), tr("&Objective"),
                                          tr("Agreed with the customer, e.g. \"Finance team closes the month in the new tool\""), before,
                                          [this, before](const domain::Objective &after) -> QString {
                                              return validateAndSave<domain::Objective>(before, after, domain::validateObjective,
                                                                                        [this](const domain::Objective &x) { return saveObjective(x); });
                                          });
}

void SuccessPage::editMilestone(MilestonePlan plan, int row)
{
    if (!m_plan || m_portfolio.isReadOnly(m_accountId))
        return;
    const auto &items = plan == MilestonePlan::Success ? m_plan->successMilestones : m_plan->remediationMilestones;
    if (row >= int(items.size()))
        return;
    domain::Milestone before;
    before.accountId = m_accountId;
    before.plan = plan;
    before.due = m_today.addDays(30);
    before.shared = domain::sharedByDefault(plan);
    if (row >= 0)
        before = items[size_t(row)];
    QDialog dialog(this);
    Ui::MilestoneForm ui;
    ui.setupUi(&dialog);
    dialog.setWindowTitle(plan == MilestonePlan::Success ? (row < 0 ? tr("New Milestone") : tr("Milestone"))
                                                         : (row < 0 ? tr("New Remediation Milestone") : tr("Remediation Milestone")));
    ui.whatEdit->setText(before.what);
    ui.dueEdit->setDate(before.due);
    bindOptionalDate(ui.doneCheck, ui.doneEdit, before.doneOn, m_today);
    ui.sharedCheck->setChecked(before.shared);
    acceptFormWith(dialog, ui, [&, before]() -> QString {
        domain::Milestone after = before;
        after.what = ui.whatEdit->text().trimmed();
        after.due = ui.dueEdit->date();
        after.doneOn = optionalDate(ui.doneCheck, ui.doneEdit);
        after.shared = ui.sharedCheck->isChecked();
        return validateAndSave<domain::Milestone>(before, after, domain::validateMilestone, [this](const domain::Milestone &x) { return saveMilestone(x); });
    });
    dialog.exec();
}

void SuccessPage::addPerson()
{
    if (!m_plan || m_portfolio.isReadOnly(m_accountId))
        return;
    QDialog dialog(this);
    Ui::ContactPickForm ui;
    ui.setupUi(&dialog);
    dialog.setWindowTitle(tr("Add Champion or Decision Maker"));
    for (QWidget *w : {static_cast<QWidget *>(ui.dateEdit), static_cast<QWidget *>(ui.dateEditLabel), static_cast<QWidget *>(ui.purposeEdit),
                       static_cast<QWidget *>(ui.purposeEditLabel)})
        w->hide();
    for (const domain::Contact &c : m_contacts)
        if (c.isActive())
            ui.contactCombo->addItem(c.title.isEmpty() ? c.name : tr("%1, %2").arg(c.name, c.title), c.id);
    ui.roleCombo->addItems(domain::successRoleNames());
    acceptFormWith(dialog, ui, [&]() -> QString {
        if (ui.contactCombo->count() == 0)
            return tr("The account has no active contact yet: add them on the Relationships tab");
        domain::SuccessContact c;
        c.accountId = m_accountId;
        c.contactId = ui.contactCombo->currentData().toLongLong();
        c.role = domain::SuccessRole(ui.roleCombo->currentIndex());
        return savePerson(c) ? QString() : tr("Not saved; see the message");
    });
    dialog.exec();
}

void SuccessPage::editRemediation()
{
    if (!m_plan || m_portfolio.isReadOnly(m_accountId))
        return;
    domain::RemediationPlan before = m_plan->remediation;
    before.accountId = m_accountId;
    QDialog dialog(this);
    Ui::RemediationForm ui;
    ui.setupUi(&dialog);
    fillPeople(ui.sponsorCombo, m_team, before.sponsorId, tr("(nobody yet)"));
    ui.openedEdit->setDate(before.openedOn.isValid() ? before.openedOn : m_today);
    ui.rootCauseEdit->setPlainText(before.rootCause);
    acceptFormWith(dialog, ui, [&, before]() -> QString {
        domain::RemediationPlan after = before;
        after.sponsorId = ui.sponsorCombo->currentData().toLongLong();
        after.openedOn = ui.openedEdit->date();
        after.rootCause = ui.rootCauseEdit->toPlainText().trimmed();
        if (after == before)
            return {};
        const auto errors = domain::validateRemediationPlan(after);
        if (!errors.isEmpty())
            return errors.first().message;
        return setRemediation(after) ? QString() : tr("Not saved; see the message");
    });
    dialog.exec();
}

void SuccessPage::editAdvocacy()
{
    if (!m_plan || m_portfolio.isReadOnly(m_accountId))
        return;
    const domain::AdvocacyProfile before = m_plan->advocacy;
    QDialog dialog(this);
    Ui::AdvocacyForm ui;
    ui.setupUi(&dialog);
    ui.caseStudyCombo->addItems(domain::caseStudyStatusNames());
    ui.caseStudyCombo->setCurrentIndex(int(before.caseStudy));
    ui.advisoryCheck->setChecked(before.advisoryBoard);
    acceptFormWith(dialog, ui, [&, before]() -> QString {
        domain::AdvocacyProfile after = before;
        after.accountId = m_accountId;
        after.caseStudy = domain::CaseStudyStatus(ui.caseStudyCombo->currentIndex());
        after.advisoryBoard = ui.advisoryCheck->isChecked();
        if (after == before)
            return {};
        return setAdvocacy(after) ? QString() : tr("Not saved; see the message");
    });
    dialog.exec();
}

void SuccessPage::addReferenceRequest()
{
    if (!m_plan || m_portfolio.isReadOnly(m_accountId))
        return;
    QDialog dialog(this);
    Ui::ContactPickForm ui;
    ui.setupUi(&dialog);
    dialog.setWindowTitle(tr("New Reference Request"));
    ui.roleCombo->hide();
    ui.roleComboLabel->hide();
    for (const domain::Contact &c : m_contacts)
        if (c.isActive())
            ui.contactCombo->addItem(c.title.isEmpty() ? c.name : tr("%1, %2").arg(c.name, c.title), c.id);
    ui.dateEdit->setDate(m_today);
    acceptFormWith(dialog, ui, [&]() -> QString {
        if (ui.contactCombo->count() == 0)
            return tr("The account has no active contact yet: add them on the Relationships tab");
        domain::ReferenceRequest r;
        r.accountId = m_accountId;
        r.contactId = ui.contactCombo->currentData().toLongLong();
        r.date = ui.dateEdit->date();
        r.purpose = ui.purposeEdit->text().trimmed();
        // The over-asking rule is checked here too, so the form says why before anything is saved.
        const QString problem = domain::referenceRequestProblem(m_plan->referenceRequests, r);
        if (!problem.isEmpty())
            return problem;
        return saveReferenceRequest(r) ? QString() : tr("Not saved; see the message");
    });
    dialog.exec();
}

} // namespace keystone::app
