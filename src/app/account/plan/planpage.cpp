// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "account/plan/planpage.h"
#include "widgets/colours.h"

#include "widgets/formfields.h"
#include "commands/plancommands.h"
#include "account/plan/planwidgets.h"
#include "widgets/emptystate.h"

#include "ui_actionform.h"
#include "ui_reviewform.h"
#include "ui_riskform.h"
#include "ui_valueform.h"

#include "keystone/domain/money.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/queries.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHelpEvent>
#include <QLabel>
#include <QListWidget>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QStandardItemModel>
#include <QTableView>
#include <QToolTip>
#include <QUndoStack>
#include <QVBoxLayout>

namespace keystone::app {

using domain::PlanPart;

namespace {

// A met part: white on a green dark enough for it (5:1) in either scheme.
const QColor kMet(0x2e, 0x7d, 0x32);

} // namespace

// --- meter ------------------------------------------------------------------------------

CompletenessMeter::CompletenessMeter(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setCursor(Qt::PointingHandCursor);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAccessibleName(tr("Plan completeness"));
}

void CompletenessMeter::setCompleteness(const domain::PlanCompleteness &c)
{
    m_c = c;
    // In words, part by part, for a screen reader (the list under it names what is missing,
    // and Enter on an item goes where it is fixed).
    QStringList parts;
    for (int i = 0; i < domain::kPlanPartCount; ++i) {
        const domain::PlanPartResult &r = m_c.parts[size_t(i)];
        parts << (r.met ? tr("%1 met").arg(domain::planPartName(PlanPart(i)))
                        : tr("%1: %n missing", nullptr, int(r.missing.size())).arg(domain::planPartName(PlanPart(i))));
    }
    setAccessibleDescription(tr("%1% complete. %2.").arg(m_c.percent).arg(parts.join(QStringLiteral("; "))));
    update();
}

QSize CompletenessMeter::sizeHint() const
{
    return {5 * (fontMetrics().horizontalAdvance(QStringLiteral("Relationship map")) + 24), fontMetrics().height() * 2 + 18};
}

QSize CompletenessMeter::minimumSizeHint() const
{
    return {5 * 80, fontMetrics().height() * 2 + 18};
}

QRect CompletenessMeter::segment(int i) const
{
    const int gap = 4;
    const int w = (width() - gap * (domain::kPlanPartCount - 1)) / domain::kPlanPartCount;
    return {i * (w + gap), 0, w, height() - 1};
}

void CompletenessMeter::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    for (int i = 0; i < domain::kPlanPartCount; ++i) {
        const domain::PlanPartResult &r = m_c.parts[size_t(i)];
        const QRect box = segment(i);
        // A missing part: a tenth of the text's colour over the background, with the text.
        const QColor text = palette().color(QPalette::Text), base = palette().color(QPalette::Base);
        p.setPen(r.met ? kMet.darker(120) : colours::mix(text, base, 0.3));
        p.setBrush(r.met ? kMet : colours::mix(text, base, 0.1));
        p.drawRoundedRect(QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
        p.setPen(r.met ? QColor(Qt::white) : text);
        QFont f = font();
        f.setBold(true);
        p.setFont(f);
        const QString title = fontMetrics().elidedText(domain::planPartName(PlanPart(i)), Qt::ElideRight, box.width() - 8);
        p.drawText(box.adjusted(4, 4, -4, -box.height() / 2), Qt::AlignCenter, title);
        p.setFont(font());
        p.drawText(box.adjusted(4, box.height() / 2, -4, -4), Qt::AlignCenter,
                   r.met ? tr("✓ met") : tr("%n missing", nullptr, int(r.missing.size())));
    }
}

void CompletenessMeter::mousePressEvent(QMouseEvent *event)
{
    for (int i = 0; i < domain::kPlanPartCount; ++i)
        if (segment(i).contains(event->position().toPoint()))
            Q_EMIT partClicked(PlanPart(i));
}

bool CompletenessMeter::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        for (int i = 0; i < domain::kPlanPartCount; ++i) {
            if (!segment(i).contains(help->pos()))
                continue;
            const domain::PlanPartResult &r = m_c.parts[size_t(i)];
            QToolTip::showText(help->globalPos(), r.met ? tr("%1: meets its bar").arg(domain::planPartName(PlanPart(i)))
                                                        : domain::planPartName(PlanPart(i)) + QStringLiteral(":\n• ") + r.missing.join(QStringLiteral("\n• ")),
                               this);
            return true;
        }
        QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

// --- page -------------------------------------------------------------------------------

PlanPage::PlanPage(services::Portfolio &portfolio, services::PlanService &service, QUndoStack &undo, CommandErrorHandler onError,
                   QWidget *parent)
    : AccountPage(parent)
    , m_portfolio(portfolio)
    , m_service(service)
    , m_undo(undo)
    , m_onError(std::move(onError))
{
    // The scroll area holds its content from the start, so every section is created in the
    // parent it is shown in (a widget made elsewhere and moved later can be drawn once at
    // its own place: over the status bar, as the Reviews table once was).
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget;
    m_scroll->setWidget(content);
    auto *v = new QVBoxLayout(content);

    // Completeness and freshness.
    auto *head = new QHBoxLayout;
    m_summary = new QLabel(content);
    m_summary->setStyleSheet(QStringLiteral("font-size: 13pt; font-weight: 600;"));
    m_review = new QPushButton(tr("Mark &Reviewed…"), content);
    m_review->setToolTip(tr("Record that the plan was reviewed today (one undo step)"));
    head->addWidget(m_summary);
    head->addStretch();
    head->addWidget(m_review);
    v->addLayout(head);
    m_freshness = new QLabel(content);
    m_freshness->setWordWrap(true);
    v->addWidget(m_freshness);
    m_meter = new CompletenessMeter(content);
    v->addWidget(m_meter);
    m_missing = new QListWidget(content);
    m_missing->setToolTip(tr("Click an item to go where it is fixed"));
    m_missing->setFrameShape(QFrame::NoFrame);
    colours::follow(m_missing, [this] {
        m_missing->setStyleSheet(QStringLiteral("QListWidget { background: transparent; } QListWidget::item { color: %1; }")
                                     .arg(colours::inkName(colours::Ink::Caution)));
    });
    v->addWidget(m_missing);

    // Sections.
    m_priorities = new QStandardItemModel(this);
    m_risks = new QStandardItemModel(this);
    m_actions = new QStandardItemModel(this);
    m_reviews = new QStandardItemModel(this);
    m_values = new QStandardItemModel(this);
    auto button = [content](const QString &text) { return new QPushButton(text, content); };
    for (size_t i = 0; i < m_itemButtons.size(); ++i)
        m_itemButtons[i] = button(i % 3 == 0 ? tr("Add…") : i % 3 == 1 ? tr("Edit…") : tr("Remove"));
    m_priorityBox = section(tr("Strategic priorities (in the customer's words)"), m_priorityView, m_priorities,
                            {tr("#"), tr("Priority"), tr("Success metric"), tr("Baseline → now (target)")},
                            {QStringLiteral("10"), QStringLiteral("Cut month-end close from ten days"), QStringLiteral("Days to close xx"),
                             QStringLiteral("30 → 16 (target 15) findings")},
                            1, {m_itemButtons[0], m_itemButtons[1], m_itemButtons[2]});
    m_noRisks = new QLabel(content);
    m_noRisksButton = button(tr("Confirm No Known Risks"));
    auto *noRisksRow = new QWidget(content);
    auto *nr = new QHBoxLayout(noRisksRow);
    nr->setContentsMargins(0, 0, 0, 0);
    nr->addWidget(m_noRisks, 1);
    nr->addWidget(m_noRisksButton);
    m_riskBox = section(tr("Risks"), m_riskView, m_risks, {tr("Risk"), tr("Sev. / lik."), tr("Mitigation"), tr("Owner"), tr("Status")},
                        {QStringLiteral("Executive sponsor"), QStringLiteral("Medium / High"), QStringLiteral("Introduce the sponsor"),
                         QStringLiteral("Tomás Johansson"), QStringLiteral("Mitigating")},
                        0, {m_itemButtons[3], m_itemButtons[4], m_itemButtons[5]}, noRisksRow);
    m_actionBox = section(tr("Actions"), m_actionView, m_actions, {tr("Action"), tr("Owner"), tr("Due"), tr("Status"), tr("Customer")},
                          {QStringLiteral("Introduce our CTO to their architect"), QStringLiteral("Tomás Johansson"),
                           QStringLiteral("2026-11-23 (31 d late)"), QStringLiteral("Cancelled"), QStringLiteral("Internal")},
                          0, {m_itemButtons[6], m_itemButtons[7], m_itemButtons[8]});
    QGroupBox *valueBox = section(tr("Value delivered"), m_valueView, m_values, {tr("Metric"), tr("Baseline → now"), tr("Impact / year"), tr("Measured")},
                                  {QStringLiteral("Status reporting time"), QStringLiteral("12 → 10 hours/week (-17%)"), QStringLiteral("$1,250,000"),
                                   QStringLiteral("2026-11-23")},
                                  0, {m_itemButtons[9], m_itemButtons[10], m_itemButtons[11]});
    QGroupBox *reviewBox = section(tr("Reviews"), m_reviewView, m_reviews, {tr("Date"), tr("Reviewer"), tr("Note")},
                                   {QStringLiteral("2026-11-23"), QStringLiteral("Tomás Johansson"), QStringLiteral("Priorities confirmed")}, 2, {});
    // What each empty section is for and how to start it.
    setEmptyText(m_priorityView, tr("The customer's top goals for the year, in their words, each with a metric to show progress. "
                                    "Start with Add… (two or three are enough)."));
    setEmptyText(m_riskView, tr("What could cost the renewal or the expansion: a sponsor leaving, a competitor, low adoption. "
                                "Add… one with its mitigation, or confirm that none is known."));
    setEmptyText(m_actionView, tr("Who does what by when to move the plan forward. Add… an action with an owner and a due date."));
    setEmptyText(m_valueView, tr("The results the customer got, measured: hours saved, costs cut. They make the QBR's value "
                                 "section. Add… one when you have a figure."));
    setEmptyText(m_reviewView, tr("Each review of the plan with the account team. Mark Reviewed… records one today."));
    auto *grid = new QGridLayout;
    grid->addWidget(m_priorityBox, 0, 0);
    grid->addWidget(m_riskBox, 0, 1);
    grid->addWidget(m_actionBox, 1, 0);
    grid->addWidget(valueBox, 1, 1);
    grid->addWidget(reviewBox, 2, 0, 1, 2);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    v->addLayout(grid, 1);

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_scroll);

    connect(m_review, &QPushButton::clicked, this, &PlanPage::markReviewed);
    connect(m_meter, &CompletenessMeter::partClicked, this, &PlanPage::requestPart);
    connect(m_missing, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) { requestPart(PlanPart(item->data(Qt::UserRole).toInt())); });
    connect(m_missing, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) { requestPart(PlanPart(item->data(Qt::UserRole).toInt())); });
    m_missing->setAccessibleName(tr("What the plan is missing"));
    connect(m_itemButtons[0], &QPushButton::clicked, this, [this] { editPriority(-1); });
    connect(m_itemButtons[1], &QPushButton::clicked, this, [this] { editPriority(currentRow(m_priorityView)); });
    connect(m_itemButtons[2], &QPushButton::clicked, this, [this] { removePriority(currentRow(m_priorityView)); });
    connect(m_itemButtons[3], &QPushButton::clicked, this, [this] { editRisk(-1); });
    connect(m_itemButtons[4], &QPushButton::clicked, this, [this] { editRisk(currentRow(m_riskView)); });
    connect(m_itemButtons[5], &QPushButton::clicked, this, [this] { removeRisk(currentRow(m_riskView)); });
    connect(m_itemButtons[6], &QPushButton::clicked, this, [this] { editAction(-1); });
    connect(m_itemButtons[7], &QPushButton::clicked, this, [this] { editAction(currentRow(m_actionView)); });
    connect(m_itemButtons[8], &QPushButton::clicked, this, [this] { removeAction(currentRow(m_actionView)); });
    connect(m_itemButtons[9], &QPushButton::clicked, this, [this] { editValue(-1); });
    connect(m_itemButtons[10], &QPushButton::clicked, this, [this] { editValue(currentRow(m_valueView)); });
    connect(m_itemButtons[11], &QPushButton::clicked, this, [this] { removeValue(currentRow(m_valueView)); });
    connect(m_valueView, &QTableView::doubleClicked, this, [this](const QModelIndex &i) { editValue(i.row()); });
    connect(m_noRisksButton, &QPushButton::clicked, this, &PlanPage::toggleNoKnownRisks);
    connect(m_priorityView, &QTableView::doubleClicked, this, [this](const QModelIndex &i) { editPriority(i.row()); });
    connect(m_riskView, &QTableView::doubleClicked, this, [this](const QModelIndex &i) { editRisk(i.row()); });
    connect(m_actionView, &QTableView::doubleClicked, this, [this](const QModelIndex &i) { editAction(i.row()); });

    connect(&portfolio, &services::Portfolio::planChanged, this, &PlanPage::markDirty);
    connect(&portfolio, &services::Portfolio::bookChanged, this, [this] { markStale(); });
    connect(&portfolio, &services::Portfolio::contactsChanged, this, &PlanPage::markDirty);
    connect(&portfolio, &services::Portfolio::whitespaceChanged, this, &PlanPage::markDirty);
    connect(&portfolio, &services::Portfolio::catalogChanged, this, [this] { markStale(); });
    connect(&portfolio, &services::Portfolio::teamChanged, this, [this] { markStale(); });
    connect(&portfolio, &services::Portfolio::settingsChanged, this, [this] { markStale(); });
    connect(&portfolio, &services::Portfolio::accountsUpdated, this, [this](const QList<qint64> &ids) {
        if (ids.contains(m_accountId))
            markStale(); // the tier sets the refresh limit
    });
    updateButtons();
}

PlanPage::~PlanPage() = default;

QGroupBox *PlanPage::section(const QString &title, QTableView *&view, QStandardItemModel *model, const QStringList &headers,
                             const QStringList &samples, int stretch, QList<QPushButton *> buttons, QWidget *below)
{
    QGroupBox *box = itemSection(m_scroll->widget(), title, view, model, headers, samples, stretch, buttons, below);
    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &PlanPage::updateButtons);
    return box;
}




QString PlanPage::personName(qint64 id) const
{
    return id > 0 ? m_team.value(id, tr("(removed)")) : QString();
}

void PlanPage::rebuild()
{
    m_team.clear();
    for (const domain::TeamMember &m : services::query::team(m_portfolio))
        m_team.insert(m.id, m.name);
    m_plan.reset();
    reportFailures(m_onError, [&] { m_plan = m_accountId > 0 ? m_service.load(m_accountId, m_today) : std::nullopt; });
    for (QStandardItemModel *m : {m_priorities, m_risks, m_actions, m_reviews, m_values})
        m->removeRows(0, m->rowCount());
    m_missing->clear();
    if (!m_plan) {
        m_summary->setText(tr("Select an account in the Portfolio"));
        m_freshness->clear();
        m_meter->setCompleteness({});
        updateButtons();
        return;
    }
    const services::AccountPlan &plan = *m_plan;
    m_summary->setText(tr("Plan %1% complete").arg(plan.completeness.percent));
    m_meter->setCompleteness(plan.completeness);
    const QString limit = tr("%1 plans are reviewed at least every %2 days").arg(domain::tierName(plan.tier)).arg(plan.refreshDays);
    if (!plan.freshness.days) {
        m_freshness->setText(colours::inks(tr("<b style='color:%W'>Never reviewed.</b> %1.").arg(limit)));
    } else {
        const domain::PlanReview &last = plan.reviews.front();
        const QString who = last.reviewerId > 0 ? tr(" by %1").arg(personName(last.reviewerId).toHtmlEscaped()) : QString();
        m_freshness->setText(colours::inks(plan.freshness.stale
                                 ? tr("<b style='color:%W'>Stale:</b> last reviewed %1 days ago (%2%3). %4.")
                                       .arg(*plan.freshness.days).arg(last.date.toString(Qt::ISODate), who, limit)
                                 : tr("Reviewed %1 days ago (%2%3). %4.").arg(*plan.freshness.days).arg(last.date.toString(Qt::ISODate), who, limit)));
    }
    for (const domain::PlanPartResult &r : plan.completeness.parts)
        for (const QString &reason : r.missing) {
            auto *item = new QListWidgetItem(QStringLiteral("⚠ %1 — %2").arg(domain::planPartName(r.part), reason), m_missing);
            item->setData(Qt::UserRole, int(r.part));
        }
    m_missing->setVisible(m_missing->count() > 0);
    m_missing->setFixedHeight(m_missing->count() * (m_missing->fontMetrics().height() + 4) + 6);

    for (const domain::Priority &p : plan.priorities) {
        QString progress;
        if (!p.metric.isEmpty())
            progress = tr("%1 → %2 (target %3)%4").arg(planNumber(p.baseline), planNumber(p.current), planNumber(p.target),
                                                     p.unit.isEmpty() ? QString() : QStringLiteral(" ") + p.unit);
        QList<QStandardItem *> row{new QStandardItem(QString::number(p.position + 1)), new QStandardItem(p.text), new QStandardItem(p.metric),
                                   new QStandardItem(progress)};
        row[1]->setToolTip(p.text);
        m_priorities->appendRow(row);
    }
    for (const domain::Risk &r : plan.risks) {
        QList<QStandardItem *> row{new QStandardItem(r.description),
                                   new QStandardItem(tr("%1 / %2").arg(domain::riskLevelName(r.severity), domain::riskLevelName(r.likelihood))),
                                   new QStandardItem(r.mitigation.isEmpty() && r.isOpen() ? tr("none yet") : r.mitigation),
                                   new QStandardItem(r.ownerId > 0 ? personName(r.ownerId) : (r.isOpen() ? tr("nobody") : QString())),
                                   new QStandardItem(domain::riskStatusName(r.status))};
        row[0]->setToolTip(r.description);
        row[1]->setToolTip(tr("Severity %1, likelihood %2").arg(domain::riskLevelName(r.severity), domain::riskLevelName(r.likelihood)));
        row[2]->setToolTip(r.mitigation);
        if (r.isOpen() && r.mitigation.trimmed().isEmpty())
            row[2]->setBackground(colours::tint(colours::Tint::Yellow));
        if (r.isOpen() && r.ownerId == 0)
            row[3]->setBackground(colours::tint(colours::Tint::Yellow));
        if (!r.isOpen())
            for (QStandardItem *i : row)
                i->setForeground(colours::ink(colours::Ink::Muted));
        m_risks->appendRow(row);
    }
    m_noRisks->setText(plan.noKnownRisksOn.isValid()
                           ? tr("\"No known risks\" confirmed on %1.").arg(plan.noKnownRisksOn.toString(Qt::ISODate))
                           : plan.facts.openRisks == 1 ? tr("1 open risk on the register.")
                           : plan.facts.openRisks > 1 ? tr("%1 open risks on the register.").arg(plan.facts.openRisks)
                                                      : tr("With no open risk, confirm that none is known (counts for %1 days).").arg(plan.refreshDays));
    // Confirming "no known risks" only makes sense with no open risk (withdrawing always does).
    m_noRisksButton->setVisible(plan.noKnownRisksOn.isValid() || plan.facts.openRisks == 0);
    m_noRisksButton->setText(plan.noKnownRisksOn.isValid() ? tr("Withdraw Confirmation") : tr("Confirm No Known Risks"));
    for (const domain::PlanAction &a : plan.actions) {
        const int late = a.daysOverdue(m_today);
        QString due = a.due.isValid() ? a.due.toString(Qt::ISODate) : tr("no date");
        if (late > 0)
            due += tr(" (%1 d late)").arg(late);
        QList<QStandardItem *> row{new QStandardItem(a.what), new QStandardItem(a.ownerId > 0 ? personName(a.ownerId) : tr("nobody")),
                                   new QStandardItem(due),
                                   new QStandardItem(domain::actionStatusName(a.status)),
                                   new QStandardItem(a.shared ? tr("Shared") : tr("Internal"))};
        row[0]->setToolTip(a.what);
        row[4]->setToolTip(a.shared ? tr("Shown in the customer's QBR") : tr("Not shown to the customer"));
        if (a.status == domain::ActionStatus::Done && a.doneOn.isValid())
            row[3]->setToolTip(tr("Done on %1").arg(a.doneOn.toString(Qt::ISODate)));
        if (late > 0)
            for (QStandardItem *i : row)
                i->setForeground(colours::ink(colours::Ink::Warn));
        else if (a.status != domain::ActionStatus::Open)
            for (QStandardItem *i : row)
                i->setForeground(colours::ink(colours::Ink::Muted));
        m_actions->appendRow(row);
    }
    const QString currency = m_portfolio.settings().currency;
    for (const domain::ValueDelivered &v : plan.values) {
        QString progress = tr("%1 → %2").arg(planNumber(v.baseline), planNumber(v.current));
        if (!v.unit.isEmpty())
            progress += QStringLiteral(" ") + v.unit;
        if (const auto change = v.change())
            progress += QStringLiteral(" (%1%2%)").arg(*change > 0 ? QStringLiteral("+") : QString()).arg(*change * 100, 0, 'f', 0);
        QList<QStandardItem *> row{new QStandardItem(v.metric), new QStandardItem(progress),
                                   new QStandardItem(v.impactCents > 0 ? domain::formatMoney(v.impactCents, currency) : QString()),
                                   new QStandardItem(v.date.toString(Qt::ISODate))};
        row[0]->setToolTip(v.metric);
        m_values->appendRow(row);
    }
    for (const domain::PlanReview &r : plan.reviews) {
        QList<QStandardItem *> row{new QStandardItem(r.date.toString(Qt::ISODate)), new QStandardItem(personName(r.reviewerId)),
                                   new QStandardItem(r.note)};
        row[2]->setToolTip(r.note);
        m_reviews->appendRow(row);
    }
    updateButtons();
}

int PlanPage::currentRow(QTableView *view) const
{
    const QModelIndexList rows = view->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void PlanPage::updateButtons()
{
    const bool writable = !m_portfolio.isReadOnly(m_accountId) && m_plan.has_value();
    const QTableView *views[] = {m_priorityView, m_riskView, m_actionView, m_valueView};
    for (size_t s = 0; s < 4; ++s) {
        const bool selected = views[s] && views[s]->selectionModel() && views[s]->selectionModel()->hasSelection();
        m_itemButtons[s * 3]->setEnabled(writable);
        m_itemButtons[s * 3 + 1]->setEnabled(writable && selected);
        m_itemButtons[s * 3 + 2]->setEnabled(writable && selected);
    }
    m_review->setEnabled(writable);
    m_noRisksButton->setEnabled(writable);
}

void PlanPage::requestPart(PlanPart part)
{
    if (part == PlanPart::RelationshipMap || part == PlanPart::Whitespace)
        Q_EMIT partRequested(part);
    else
        showPart(part);
}

void PlanPage::showPart(PlanPart part)
{
    QGroupBox *box = part == PlanPart::Priorities ? m_priorityBox : part == PlanPart::Risks ? m_riskBox : m_actionBox;
    QTableView *view = part == PlanPart::Priorities ? m_priorityView : part == PlanPart::Risks ? m_riskView : m_actionView;
    m_scroll->ensureWidgetVisible(box);
    view->setFocus();
    if (part == PlanPart::Risks && m_risks->rowCount() == 0)
        m_noRisksButton->setFocus();
}

// --- edits --------------------------------------------------------------------------------

bool PlanPage::savePriority(const domain::Priority &p)
{
    return saveItem(m_service, m_undo, m_onError, p);
}

bool PlanPage::saveRisk(const domain::Risk &r)
{
    return saveItem(m_service, m_undo, m_onError, r);
}

bool PlanPage::saveAction(const domain::PlanAction &a)
{
    return saveItem(m_service, m_undo, m_onError, a);
}

bool PlanPage::saveValue(const domain::ValueDelivered &v)
{
    return saveItem(m_service, m_undo, m_onError, v);
}

bool PlanPage::removeValue(int row)
{
    return m_plan && removeItemAt(m_portfolio, m_service, m_undo, m_onError, m_plan->values, row);
}

void PlanPage::editValue(int row)
{
    if (!m_plan || m_portfolio.isReadOnly(m_accountId) || row >= int(m_plan->values.size()))
        return;
    domain::ValueDelivered before;
    before.accountId = m_accountId;
    before.date = m_today;
    if (row >= 0)
        before = m_plan->values[size_t(row)];
    const QString currency = m_portfolio.settings().currency;
    QDialog dialog(this);
    Ui::ValueForm ui;
    ui.setupUi(&dialog);
    dialog.setWindowTitle(row < 0 ? tr("New Value Delivered") : tr("Value Delivered"));
    ui.metricEdit->setText(before.metric);
    ui.baselineEdit->setText(before.baseline ? planNumber(before.baseline) : QString());
    ui.currentEdit->setText(before.current ? planNumber(before.current) : QString());
    ui.unitEdit->setText(before.unit);
    ui.impactEdit->setText(before.impactCents > 0 ? domain::formatMoney(before.impactCents, currency) : QString());
    ui.dateEdit->setDate(before.date.isValid() ? before.date : m_today);
    acceptFormWith(dialog, ui, [&, before]() -> QString {
        domain::ValueDelivered after = before;
        QString error;
        after.metric = ui.metricEdit->text().trimmed();
        after.baseline = realField(ui.baselineEdit, tr("Baseline"), error);
        after.current = realField(ui.currentEdit, tr("Current"), error);
        after.unit = ui.unitEdit->text().trimmed();
        after.date = ui.dateEdit->date();
        const QString impact = ui.impactEdit->text().trimmed();
        if (impact.isEmpty()) {
            after.impactCents = 0;
        } else if (const auto cents = domain::parseMoney(impact, currency)) {
            after.impactCents = *cents;
        } else if (error.isEmpty()) {
            error = tr("Money impact: '%1' is not an amount (try 45000 or 1.2M)").arg(impact);
        }
        if (!error.isEmpty())
            return error;
        return validateAndSave<domain::ValueDelivered>(before, after, domain::validateValueDelivered, [this](const domain::ValueDelivered &x) { return saveValue(x); });
    });
    dialog.exec();
}

bool PlanPage::saveReview(const QDate &date, qint64 reviewerId, const QString &note)
{
    return reportFailures(m_onError, [&] {
        const domain::PlanReview added = m_service.markReviewed(m_accountId, date, reviewerId, note);
        m_undo.push(makeReviewCommand(m_service, added, m_onError));
    });
}

bool PlanPage::removePriority(int row)
{
    return m_plan && removeItemAt(m_portfolio, m_service, m_undo, m_onError, m_plan->priorities, row);
}

bool PlanPage::removeRisk(int row)
{
    return m_plan && removeItemAt(m_portfolio, m_service, m_undo, m_onError, m_plan->risks, row);
}

bool PlanPage::removeAction(int row)
{
    return m_plan && removeItemAt(m_portfolio, m_service, m_undo, m_onError, m_plan->actions, row);
}

bool PlanPage::toggleNoKnownRisks()
{
    if (!m_plan)
        return false;
    const QDate after = m_plan->noKnownRisksOn.isValid() ? QDate() : m_today;
    const qint64 account = m_accountId;
    return reportFailures(m_onError, [&] {
        const QDate before = m_service.setNoKnownRisks(account, after);
        m_undo.push(makeNoKnownRisksCommand(m_service, account, before, after, m_onError));
    });
}

void PlanPage::editPriority(int row)
{
    if (!m_plan || m_portfolio.isReadOnly(m_accountId) || row >= int(m_plan->priorities.size()))
        return;
    domain::Priority before;
    before.accountId = m_accountId;
    if (row >= 0)
        before = m_plan->priorities[size_t(row)];
    editTextWithMetric<domain::Priority>(this, row < 0 ? tr("New Strategic Priority") : tr("Strategic Priority"), {}, {}, before,
                                         [this, before](const domain::Priority &after) -> QString {
                                             return validateAndSave<domain::Priority>(before, after, domain::validatePriority,
                                                                                      [this](const domain::Priority &x) { return savePriority(x); });
                                         });
}

void PlanPage::editRisk(int row)
{
    if (!m_plan || m_portfolio.isReadOnly(m_accountId) || row >= int(m_plan->risks.size()))
        return;
    domain::Risk before;
    before.accountId = m_accountId;
    if (row >= 0)
        before = m_plan->risks[size_t(row)];
    QDialog dialog(this);
    Ui::RiskForm ui;
    ui.setupUi(&dialog);
    dialog.setWindowTitle(row < 0 ? tr("New Risk") : tr("Risk"));
    ui.descriptionEdit->setText(before.description);
    ui.severityCombo->addItems(domain::riskLevelNames());
    ui.severityCombo->setCurrentIndex(int(before.severity));
    ui.likelihoodCombo->addItems(domain::riskLevelNames());
    ui.likelihoodCombo->setCurrentIndex(int(before.likelihood));
    ui.mitigationEdit->setPlainText(before.mitigation);
    fillPeople(ui.ownerCombo, m_team, before.ownerId, tr("(nobody yet)"));
    ui.statusCombo->addItems(domain::riskStatusNames());
    ui.statusCombo->setCurrentIndex(int(before.status));
    acceptFormWith(dialog, ui, [&, before]() -> QString {
        domain::Risk after = before;
        after.description = ui.descriptionEdit->text().trimmed();
        after.severity = domain::RiskLevel(ui.severityCombo->currentIndex());
        after.likelihood = domain::RiskLevel(ui.likelihoodCombo->currentIndex());
        after.mitigation = ui.mitigationEdit->toPlainText().trimmed();
        after.ownerId = ui.ownerCombo->currentData().toLongLong();
        after.status = domain::RiskStatus(ui.statusCombo->currentIndex());
        return validateAndSave<domain::Risk>(before, after, domain::validateRisk, [this](const domain::Risk &x) { return saveRisk(x); });
    });
    dialog.exec();
}

void PlanPage::editAction(int row)
{
    if (!m_plan || m_portfolio.isReadOnly(m_accountId) || row >= int(m_plan->actions.size()))
        return;
    domain::PlanAction before;
    before.accountId = m_accountId;
    before.due = m_today.addDays(14);
    if (row >= 0)
        before = m_plan->actions[size_t(row)];
    QDialog dialog(this);
    Ui::ActionForm ui;
    ui.setupUi(&dialog);
    dialog.setWindowTitle(row < 0 ? tr("New Action") : tr("Action"));
    ui.whatEdit->setText(before.what);
    fillPeople(ui.ownerCombo, m_team, before.ownerId, tr("(nobody yet)"));
    ui.hasDueCheck->setChecked(before.due.isValid());
    ui.dueEdit->setDate(before.due.isValid() ? before.due : m_today.addDays(14));
    ui.dueEdit->setEnabled(before.due.isValid());
    ui.statusCombo->addItems(domain::actionStatusNames());
    ui.statusCombo->setCurrentIndex(int(before.status));
    ui.doneEdit->setDate(before.doneOn.isValid() ? before.doneOn : m_today);
    ui.doneEdit->setEnabled(before.status == domain::ActionStatus::Done);
    ui.sharedCheck->setChecked(before.shared);
    connect(ui.hasDueCheck, &QCheckBox::toggled, ui.dueEdit, &QWidget::setEnabled);
    connect(ui.statusCombo, &QComboBox::currentIndexChanged, ui.doneEdit,
            [&ui](int i) { ui.doneEdit->setEnabled(domain::ActionStatus(i) == domain::ActionStatus::Done); });
    acceptFormWith(dialog, ui, [&, before]() -> QString {
        domain::PlanAction after = before;
        after.what = ui.whatEdit->text().trimmed();
        after.ownerId = ui.ownerCombo->currentData().toLongLong();
        after.due = ui.hasDueCheck->isChecked() ? ui.dueEdit->date() : QDate();
        after.status = domain::ActionStatus(ui.statusCombo->currentIndex());
        after.doneOn = after.status == domain::ActionStatus::Done ? ui.doneEdit->date() : QDate();
        after.shared = ui.sharedCheck->isChecked();
        return validateAndSave<domain::PlanAction>(before, after, domain::validateAction, [this](const domain::PlanAction &x) { return saveAction(x); });
    });
    dialog.exec();
}

void PlanPage::markReviewed()
{
    if (!m_plan || m_portfolio.isReadOnly(m_accountId))
        return;
    QDialog dialog(this);
    Ui::ReviewForm ui;
    ui.setupUi(&dialog);
    ui.dateEdit->setDate(m_today);
    const auto account = services::query::account(m_portfolio, m_accountId);
    fillPeople(ui.reviewerCombo, m_team, account ? account->ownerId : 0, tr("(not named)"));
    acceptFormWith(dialog, ui, [&]() -> QString {
        return saveReview(ui.dateEdit->date(), ui.reviewerCombo->currentData().toLongLong(), ui.noteEdit->toPlainText().trimmed())
                   ? QString()
                   : tr("Not saved; see the message");
    });
    dialog.exec();
}

} // namespace keystone::app
