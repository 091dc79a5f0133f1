// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "account/accountworkspace.h"
#include "widgets/colours.h"

#include "account/activities/activitiespage.h"
#include "account/health/healthpage.h"
#include "account/history/historypage.h"
#include "account/history/snapshotspage.h"
#include "account/success/successpage.h"
#include "account/plan/planpage.h"
#include "account/whitespace/opportunitiesmodel.h"
#include "account/relationships/relationshipspage.h"
#include "commands/whitespacecommands.h"
#include "account/whitespace/whitespacemodel.h"

#include "ui_buyingcenterform.h"
#include "ui_opportunityform.h"

#include "keystone/domain/money.h"
#include "keystone/services/clock.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/whitespaceservice.h"
#include "keystone/services/queries.h"

#include <QComboBox>
#include <QPainter>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QApplication>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace keystone::app {

namespace {

// Stage picker and date editor for the opportunities table.
class OpportunityDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        if (index.column() == OpportunitiesModel::Stage) {
            auto *combo = new QComboBox(parent);
            for (domain::Stage s : {domain::Stage::Identified, domain::Stage::Qualified, domain::Stage::Proposal,
                                    domain::Stage::Negotiation, domain::Stage::Won, domain::Stage::Lost})
                combo->addItem(QStringLiteral("%1 (%2%)").arg(domain::stageName(s)).arg(domain::defaultProbability(s)));
            return combo;
        }
        if (index.column() == OpportunitiesModel::CloseDate) {
            auto *edit = new QDateEdit(parent);
            edit->setCalendarPopup(true);
            edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
            return edit;
        }
        return QStyledItemDelegate::createEditor(parent, option, index);
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        if (auto *combo = qobject_cast<QComboBox *>(editor))
            combo->setCurrentIndex(index.data(Qt::EditRole).toInt());
        else if (auto *date = qobject_cast<QDateEdit *>(editor))
            date->setDate(index.data(Qt::EditRole).toDate());
        else
            QStyledItemDelegate::setEditorData(editor, index);
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        if (auto *combo = qobject_cast<QComboBox *>(editor))
            model->setData(index, combo->currentIndex());
        else if (auto *date = qobject_cast<QDateEdit *>(editor))
            model->setData(index, date->date());
        else
            QStyledItemDelegate::setModelData(editor, model, index);
    }
};

// A key of the grid's colours, drawn in the same tint as the cells in the scheme in force.
class LegendChip final : public QLabel
{
public:
    LegendChip(const QString &text, colours::Tint tint, QWidget *parent)
        : QLabel(text, parent)
        , m_tint(tint)
    {
        setContentsMargins(8, 2, 8, 2);
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(colours::ink(colours::Ink::Muted), 1));
        p.setBrush(colours::tint(m_tint));
        p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
        p.setPen(colours::textOn(colours::isDark()));
        p.drawText(contentsRect(), Qt::AlignCenter, text());
    }

private:
    colours::Tint m_tint;
};

QLabel *legendChip(const QString &text, colours::Tint tint, QWidget *parent)
{
    return new LegendChip(text, tint, parent);
}

} // namespace

AccountWorkspace::AccountWorkspace(services::Portfolio &portfolio, services::WhitespaceService &service,
                                   services::RelationshipService &relationships, services::HealthService &health,
                                   services::PlanService &plan, QUndoStack &undo, CommandErrorHandler onError, QWidget *parent)
    : QWidget(parent)
    , m_portfolio(portfolio)
    , m_service(service)
    , m_undo(undo)
    , m_onError(std::move(onError))
{
    m_title = new QLabel(this);
    m_title->setStyleSheet(QStringLiteral("font-size: 16pt; font-weight: 600;"));
    m_tabs = new QTabWidget(this);

    // Plan, Health, Relationships and Activities tabs.
    m_plan = new PlanPage(portfolio, plan, undo, m_onError, this);
    m_tabs->addTab(m_plan, tr("Plan"));
    connect(m_plan, &PlanPage::partRequested, this, [this](domain::PlanPart part) {
        showTab(part == domain::PlanPart::RelationshipMap ? RelationshipsTab : WhitespaceTab);
    });
    m_success = new SuccessPage(portfolio, plan, undo, m_onError, this);
    m_tabs->addTab(m_success, tr("Success Plan"));
    m_health = new HealthPage(portfolio, health, undo, m_onError, this);
    m_tabs->addTab(m_health, tr("Health"));
    m_relationships = new RelationshipsPage(portfolio, relationships, undo, m_onError, this);
    m_tabs->addTab(m_relationships, tr("Relationships"));
    m_activities = new ActivitiesPage(portfolio, relationships, undo, m_onError, this);
    m_tabs->addTab(m_activities, tr("Activities"));

    // Whitespace tab.
    auto *wsPage = new QWidget(this);
    m_whitespace = new WhitespaceModel(portfolio, service, &undo, m_onError, this);
    m_grid = new QTableView(wsPage);
    m_grid->setModel(m_whitespace);
    m_grid->setSelectionMode(QAbstractItemView::SingleSelection);
    // Like a spreadsheet: F2, a double-click or typing an amount edits the current cell; the
    // status keys (O, W, C, N, P) are taken by eventFilter before they can open an editor.
    m_grid->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::DoubleClicked | QAbstractItemView::AnyKeyPressed);
    m_grid->horizontalHeader()->setDefaultSectionSize(
        std::max(m_grid->fontMetrics().horizontalAdvance(QStringLiteral("$1,000,000")), m_grid->fontMetrics().horizontalAdvance(QStringLiteral("Integration Hub"))) + 14);
    m_grid->verticalHeader()->setMinimumWidth(m_grid->fontMetrics().horizontalAdvance(QStringLiteral("Customer Service (ANZ)")) + 12);
    m_grid->horizontalHeader()->setMinimumHeight(2 * m_grid->fontMetrics().height() + 12);
    m_grid->verticalHeader()->setDefaultSectionSize(m_grid->fontMetrics().height() + 14);
    m_grid->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_grid->setWordWrap(false);
    m_grid->installEventFilter(this);
    m_grid->setAccessibleName(tr("Whitespace grid"));
    m_grid->setAccessibleDescription(tr("Buying centers down, products across. Keys: O owned, W whitespace, C competitor, N not a fit, "
                                        "P opportunity; Enter or typing sets the amount"));
    m_wsSummary = new QLabel(wsPage);
    m_wsSummary->setStyleSheet(QStringLiteral("font-size: 11pt;"));
    m_addCenter = new QPushButton(tr("Add Buying Center…"), wsPage);
    m_editCenter = new QPushButton(tr("Edit…"), wsPage);
    m_editCenter->setToolTip(tr("Rename the selected buying center or change its kind and size (or double-click its name)"));
    m_removeCenter = new QPushButton(tr("Remove"), wsPage);
    m_removeCenter->setToolTip(tr("Remove the selected buying center with its cells (undoable)"));
    m_createOpp = new QPushButton(tr("Create Opportunity (P)"), wsPage);
    auto *legend = new QHBoxLayout;
    legend->addWidget(new QLabel(tr("Keys:"), wsPage));
    legend->addWidget(legendChip(tr("O owned"), colours::Tint::Green, wsPage));
    legend->addWidget(legendChip(tr("P pipeline"), colours::Tint::Blue, wsPage));
    legend->addWidget(legendChip(tr("W whitespace"), colours::Tint::Yellow, wsPage));
    legend->addWidget(legendChip(tr("C competitor"), colours::Tint::Red, wsPage));
    legend->addWidget(legendChip(tr("N not a fit"), colours::Tint::Grey, wsPage));
    legend->addWidget(new QLabel(tr("Enter: amount"), wsPage));
    legend->addStretch(1);
    legend->addWidget(m_addCenter);
    legend->addWidget(m_editCenter);
    legend->addWidget(m_removeCenter);
    legend->addWidget(m_createOpp);
    auto *wsLayout = new QVBoxLayout(wsPage);
    wsLayout->addWidget(m_wsSummary);
    wsLayout->addWidget(m_grid, 1);
    wsLayout->addLayout(legend);
    m_tabs->addTab(wsPage, tr("Whitespace"));

    // Opportunities tab.
    auto *oppPage = new QWidget(this);
    m_opps = new OpportunitiesModel(portfolio, service, &undo, m_onError, this);
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_opps);
    proxy->setSortRole(OpportunitiesModel::SortRole);
    m_opportunities = new QTableView(oppPage);
    m_opportunities->setAccessibleName(tr("Opportunities"));
    m_opportunities->setModel(proxy);
    m_opportunities->setItemDelegate(new OpportunityDelegate(m_opportunities));
    m_opportunities->setSortingEnabled(true);
    m_opportunities->sortByColumn(OpportunitiesModel::CloseDate, Qt::AscendingOrder);
    m_opportunities->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_opportunities->setAlternatingRowColors(true);
    m_opportunities->verticalHeader()->hide();
    m_opportunities->horizontalHeader()->setStretchLastSection(true);
    const QFontMetrics fm = m_opportunities->fontMetrics();
    const QString samples[] = {QStringLiteral("Compliance Vault for Customer Service  ◆"), QStringLiteral("New buying center"),
                               QStringLiteral("Negotiation"), QStringLiteral("$1,200,000"), QStringLiteral("Probability"),
                               QStringLiteral("$1,200,000"), QStringLiteral("2027-12-31"), QStringLiteral("Tomás Johansson")};
    for (int c = 0; c < OpportunitiesModel::ColumnCount; ++c)
        m_opportunities->setColumnWidth(c, fm.horizontalAdvance(samples[c]) + 24);
    m_oppSummary = new QLabel(oppPage);
    m_oppSummary->setStyleSheet(QStringLiteral("font-size: 11pt;"));
    m_addOpp = new QPushButton(tr("New Opportunity…"), oppPage);
    m_editOpp = new QPushButton(tr("Edit…"), oppPage);
    m_removeOpp = new QPushButton(tr("Delete"), oppPage);
    m_removeOpp->setToolTip(tr("Delete the selected opportunity (Delete key; undoable). A linked cell turns back to Whitespace."));
    auto *oppButtons = new QHBoxLayout;
    oppButtons->addWidget(new QLabel(tr("Double-click a stage, amount, probability or close date to change it. ◆ = created from a whitespace cell."), oppPage), 1);
    oppButtons->addWidget(m_addOpp);
    oppButtons->addWidget(m_editOpp);
    oppButtons->addWidget(m_removeOpp);
    auto *oppLayout = new QVBoxLayout(oppPage);
    oppLayout->addWidget(m_oppSummary);
    oppLayout->addWidget(m_opportunities, 1);
    oppLayout->addLayout(oppButtons);
    m_opportunities->installEventFilter(this);
    m_tabs->addTab(oppPage, tr("Opportunities"));
    m_history = new HistoryPage(portfolio, m_onError, this);
    m_tabs->addTab(m_history, tr("History"));
    m_snapshots = new SnapshotsPage(portfolio, undo, m_onError, this);
    m_tabs->addTab(m_snapshots, tr("Snapshots"));

    auto *layout = new QVBoxLayout(this);
    auto *head = new QHBoxLayout;
    head->addWidget(m_title, 1);
    m_exportQbr = new QPushButton(tr("Export QBR…"), this);
    m_exportQbr->setToolTip(tr("A quarterly business review of this account as PDF (Ctrl+E)"));
    connect(m_exportQbr, &QPushButton::clicked, this, &AccountWorkspace::exportQbrRequested);
    head->addWidget(m_exportQbr);
    layout->addLayout(head);
    // Why this account cannot be changed here (a team book's rights, a read-only file).
    m_lock = new QLabel(this);
    m_lock->setObjectName(QStringLiteral("accountLock"));
    m_lock->setWordWrap(true);
    colours::follow(m_lock, [this] {
        m_lock->setStyleSheet(QStringLiteral("QLabel#accountLock { background: %1; color: %2; border: 1px solid %3; border-radius: 3px; padding: 4px 8px; }")
                                  .arg(colours::tint(colours::Tint::Amber).name(), palette().color(QPalette::Text).name(),
                                       colours::inkName(colours::Ink::Caution)));
    });
    m_lock->hide();
    layout->addWidget(m_lock);
    layout->addWidget(m_tabs, 1);

    connect(m_addCenter, &QPushButton::clicked, this, &AccountWorkspace::addBuyingCenter);
    connect(m_editCenter, &QPushButton::clicked, this, [this] { editBuyingCenter(m_grid->currentIndex().row()); });
    connect(m_removeCenter, &QPushButton::clicked, this, [this] { removeBuyingCenter(m_grid->currentIndex().row()); });
    connect(m_grid->verticalHeader(), &QHeaderView::sectionDoubleClicked, this, &AccountWorkspace::editBuyingCenter);
    connect(m_addOpp, &QPushButton::clicked, this, &AccountWorkspace::addOpportunity);
    connect(m_editOpp, &QPushButton::clicked, this, [this] { editOpportunity(currentOpportunityRow()); });
    connect(m_removeOpp, &QPushButton::clicked, this, [this] { removeOpportunity(currentOpportunityRow()); });
    connect(m_grid->selectionModel(), &QItemSelectionModel::currentChanged, this, &AccountWorkspace::updateButtons);
    connect(m_opportunities->selectionModel(), &QItemSelectionModel::currentChanged, this, &AccountWorkspace::updateButtons);
    connect(m_whitespace, &QAbstractItemModel::modelReset, this, [this] {
        // A new shape (another account, a buying center or product added or removed): the
        // grid keeps a visible current cell, so the keys always act on the cell shown.
        if (!m_grid->currentIndex().isValid() && m_whitespace->rowCount() > 1 && m_whitespace->columnCount() > 1)
            m_grid->selectionModel()->setCurrentIndex(m_whitespace->index(0, 0), QItemSelectionModel::ClearAndSelect);
        updateButtons();
    });
    connect(m_opps, &QAbstractItemModel::modelReset, this, &AccountWorkspace::updateButtons);
    connect(m_createOpp, &QPushButton::clicked, this, &AccountWorkspace::createOpportunityFromCurrent);
    connect(m_whitespace, &WhitespaceModel::totalsChanged, this, &AccountWorkspace::updateSummaries);
    connect(m_opps, &OpportunitiesModel::totalsChanged, this, &AccountWorkspace::updateSummaries);
    connect(&portfolio, &services::Portfolio::accountsUpdated, this, [this](const QList<qint64> &ids) {
        if (ids.contains(m_accountId))
            updateSummaries();
    });
    connect(&portfolio, &services::Portfolio::bookChanged, this, &AccountWorkspace::updateSummaries);
    updateSummaries();
    updateButtons();
}

void AccountWorkspace::updateButtons()
{
    // Nothing to act on without an account (or on a locked one).
    const bool writable = m_accountId > 0 && !m_portfolio.isReadOnly(m_accountId);
    m_addCenter->setEnabled(writable);
    m_createOpp->setEnabled(writable);
    m_addOpp->setEnabled(writable);
    const bool center = m_whitespace->centerAt(m_grid->currentIndex().row()) != nullptr;
    m_editCenter->setEnabled(writable && center);
    m_removeCenter->setEnabled(writable && center);
    const bool opp = currentOpportunityRow() >= 0;
    m_editOpp->setEnabled(writable && opp);
    m_removeOpp->setEnabled(writable && opp);
}

void AccountWorkspace::setAccount(qint64 accountId)
{
    if (accountId == m_accountId)
        return;
    m_accountId = accountId;
    m_plan->setAccount(accountId);
    m_success->setAccount(accountId);
    m_history->setAccount(accountId);
    m_snapshots->setAccount(accountId);
    m_health->setAccount(accountId);
    m_relationships->setAccount(accountId);
    m_activities->setAccount(accountId);
    m_whitespace->setAccount(accountId);
    m_opps->setAccount(accountId);
    updateSummaries();
    updateButtons();
}

AccountWorkspace::Tab AccountWorkspace::currentTab() const
{
    return Tab(m_tabs->currentIndex());
}

void AccountWorkspace::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

QString AccountWorkspace::whitespaceSummary() const
{
    return m_wsSummary->text();
}

void AccountWorkspace::updateSummaries()
{
    const auto account = m_accountId > 0 ? services::query::account(m_portfolio, m_accountId) : std::nullopt;
    const QString currency = m_portfolio.settings().currency;
    m_title->setText(account ? account->name : tr("Select an account in the Portfolio"));
    m_exportQbr->setEnabled(account.has_value());
    const QString locked = account ? m_portfolio.whyReadOnly(m_accountId) : QString();
    m_lock->setText(tr("Read-only: %1").arg(locked));
    m_lock->setVisible(!locked.isEmpty());
    updateButtons();
    const domain::WhitespaceTotals &t = m_whitespace->totals();
    if (!account)
        m_wsSummary->clear();
    else if (m_whitespace->rowCount() == 0)
        m_wsSummary->setText(tr("No buying centers yet: add the account's divisions, plants, regions or departments to map its whitespace."));
    else
        m_wsSummary->setText(tr("Open whitespace <b>%1</b> · owned ARR %2 · in pipeline %3 · penetration <b>%4%</b> (%5 of %6 cells that fit)")
                                 .arg(domain::formatMoney(t.openWhitespaceCents, currency), domain::formatMoney(t.ownedArrCents, currency),
                                      domain::formatMoney(t.pipelineCents, currency))
                                 .arg(t.penetration() * 100.0, 0, 'f', 0)
                                 .arg(t.ownedCells)
                                 .arg(t.fitCells));
    const domain::PipelineTotals &p = m_opps->totals();
    if (account && m_opps->rowCount() == 0) {
        m_oppSummary->setText(tr("No opportunities yet. On the Whitespace tab, select a Whitespace or Competitor cell and press P "
                                 "to turn it into one."));
        return;
    }
    m_oppSummary->setText(account ? tr("%1 open · %2 · weighted <b>%3</b> · won %4")
                                        .arg(p.openCount)
                                        .arg(domain::formatMoney(p.openCents, currency), domain::formatMoney(p.weightedOpenCents, currency),
                                             domain::formatMoney(p.wonCents, currency))
                                  : QString());
}

bool AccountWorkspace::eventFilter(QObject *watched, QEvent *event)
{
    // While a cell is being edited, keys go to its editor, not to the view.
    // A key the open cell editor did not take (its Enter) comes up to the grid: it is the
    // editor's, not a key for the grid.
    const QWidget *focus = QApplication::focusWidget();
    const bool editorKey = focus && focus->parentWidget() == m_grid->viewport();
    if (watched == m_grid && event->type() == QEvent::KeyPress && !editorKey) {
        auto *key = static_cast<QKeyEvent *>(event);
        const QModelIndex current = m_grid->currentIndex();
        if (key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
            return false;
        switch (key->key()) {
        case Qt::Key_O: m_whitespace->setStatus(current, domain::CellStatus::Owned); return true;
        case Qt::Key_W: m_whitespace->setStatus(current, domain::CellStatus::Whitespace); return true;
        case Qt::Key_N: m_whitespace->setStatus(current, domain::CellStatus::NotAFit); return true;
        case Qt::Key_P: createOpportunityFromCurrent(); return true;
        case Qt::Key_C: {
            const domain::WhitespaceCell *cell = m_whitespace->cellAt(current);
            QString competitor = cell ? cell->competitor : QString();
            if (competitor.isEmpty()) {
                bool ok = false;
                competitor = QInputDialog::getText(this, tr("Competitor"), tr("Who holds it?"), QLineEdit::Normal, QString(), &ok).simplified();
                if (!ok || competitor.isEmpty())
                    return true;
            }
            m_whitespace->setStatus(current, domain::CellStatus::Competitor, competitor);
            return true;
        }
        case Qt::Key_Return:
        case Qt::Key_Enter:
            if (m_whitespace->isGridCell(current))
                m_grid->edit(current);
            return true;
        default:
            break;
        }
    }
    if (watched == m_opportunities && event->type() == QEvent::KeyPress) { // an open editor gets its own keys
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Delete || key->key() == Qt::Key_Backspace) {
            removeOpportunity(currentOpportunityRow());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void AccountWorkspace::addBuyingCenter()
{
    if (m_accountId == 0 || m_portfolio.isReadOnly(m_accountId))
        return;
    domain::BuyingCenter c;
    c.accountId = m_accountId;
    buyingCenterDialog(c);
}

void AccountWorkspace::editBuyingCenter(int row)
{
    if (const domain::BuyingCenter *c = m_whitespace->centerAt(row); c && !m_portfolio.isReadOnly(m_accountId))
        buyingCenterDialog(*c);
}

bool AccountWorkspace::removeBuyingCenter(int row)
{
    const domain::BuyingCenter *c = m_whitespace->centerAt(row);
    if (!c || m_portfolio.isReadOnly(m_accountId))
        return false;
    const qint64 id = c->id;
    return reportFailures(m_onError, [&] { m_undo.push(makeRemoveBuyingCenterCommand(m_portfolio, m_service, id, m_onError)); });
}

void AccountWorkspace::buyingCenterDialog(domain::BuyingCenter before)
{
    QDialog dialog(this);
    Ui::BuyingCenterForm ui;
    ui.setupUi(&dialog);
    dialog.setWindowTitle(before.id > 0 ? tr("Edit Buying Center") : tr("Add Buying Center"));
    for (domain::BuyingCenterKind k : {domain::BuyingCenterKind::Division, domain::BuyingCenterKind::Plant, domain::BuyingCenterKind::Region,
                                       domain::BuyingCenterKind::Department})
        ui.kindCombo->addItem(domain::buyingCenterKindName(k));
    ui.nameEdit->setText(before.name);
    ui.kindCombo->setCurrentIndex(int(before.kind));
    ui.sizeSpin->setValue(before.size);
    acceptFormWith(dialog, ui, [&, before]() -> QString {
        domain::BuyingCenter after = before;
        after.name = ui.nameEdit->text().simplified();
        after.kind = domain::BuyingCenterKind(ui.kindCombo->currentIndex());
        after.size = ui.sizeSpin->value();
        if (after.name.isEmpty())
            return tr("Name: a buying center needs a name");
        if (before.id > 0) {
            if (after == before)
                return {};
            m_service.updateBuyingCenter(after);
            m_undo.push(makeEditBuyingCenterCommand(m_service, before, after, m_onError));
        } else {
            m_undo.push(makeAddBuyingCenterCommand(m_service, m_service.createBuyingCenter(after), m_onError));
        }
        return {};
    });
    dialog.exec();
}

int AccountWorkspace::currentOpportunityRow() const
{
    const auto *proxy = static_cast<QSortFilterProxyModel *>(m_opportunities->model());
    const QModelIndex source = proxy->mapToSource(m_opportunities->currentIndex());
    return source.isValid() ? source.row() : -1;
}

void AccountWorkspace::addOpportunity()
{
    const auto account = m_accountId > 0 ? services::query::account(m_portfolio, m_accountId) : std::nullopt;
    if (!account || m_portfolio.isReadOnly(m_accountId))
        return;
    domain::Opportunity o;
    o.accountId = m_accountId;
    o.ownerId = account->ownerId;
    o.closeDate = services::today().addDays(90);
    opportunityDialog(o);
}

void AccountWorkspace::editOpportunity(int row)
{
    if (row >= 0 && row < m_opps->rowCount() && !m_portfolio.isReadOnly(m_accountId))
        opportunityDialog(m_opps->at(row));
}

bool AccountWorkspace::removeOpportunity(int row)
{
    if (row < 0 || row >= m_opps->rowCount() || m_portfolio.isReadOnly(m_accountId))
        return false;
    const qint64 id = m_opps->at(row).id;
    return reportFailures(m_onError, [&] { m_undo.push(makeRemoveOpportunityCommand(m_portfolio, m_service, id, m_onError)); });
}

void AccountWorkspace::opportunityDialog(domain::Opportunity before)
{
    QDialog dialog(this);
    Ui::OpportunityForm ui;
    ui.setupUi(&dialog);
    dialog.setWindowTitle(before.id > 0 ? tr("Edit Opportunity") : tr("New Opportunity"));
    const QString currency = m_portfolio.settings().currency;
    for (domain::OpportunityType t : {domain::OpportunityType::Renewal, domain::OpportunityType::Upsell, domain::OpportunityType::CrossSell,
                                      domain::OpportunityType::NewBuyingCenter})
        ui.typeCombo->addItem(domain::opportunityTypeName(t));
    for (domain::Stage st : {domain::Stage::Identified, domain::Stage::Qualified, domain::Stage::Proposal, domain::Stage::Negotiation,
                             domain::Stage::Won, domain::Stage::Lost})
        ui.stageCombo->addItem(QStringLiteral("%1 (%2%)").arg(domain::stageName(st)).arg(domain::defaultProbability(st)));
    ui.ownerCombo->addItem(tr("(unassigned)"), qint64(0));
    for (const domain::TeamMember &m : services::query::team(m_portfolio))
        ui.ownerCombo->addItem(m.name, m.id);
    ui.nameEdit->setText(before.name);
    ui.typeCombo->setCurrentIndex(int(before.type));
    ui.amountEdit->setText(before.amountCents > 0 ? domain::formatMoney(before.amountCents, currency) : QString());
    ui.stageCombo->setCurrentIndex(int(before.stage));
    ui.closeEdit->setDate(before.closeDate.isValid() ? before.closeDate : services::today().addDays(90));
    ui.ownerCombo->setCurrentIndex(std::max(0, ui.ownerCombo->findData(before.ownerId)));
    acceptFormWith(dialog, ui, [&, before]() -> QString {
        domain::Opportunity after = before;
        after.name = ui.nameEdit->text().simplified();
        after.type = domain::OpportunityType(ui.typeCombo->currentIndex());
        const auto cents = domain::parseMoney(ui.amountEdit->text(), currency);
        if (!cents || *cents < 0)
            return tr("Amount: '%1' is not an amount").arg(ui.amountEdit->text());
        after.amountCents = *cents;
        after.stage = domain::Stage(ui.stageCombo->currentIndex());
        if (before.id == 0 || after.stage != before.stage)
            after.probability = domain::defaultProbability(after.stage);
        after.closeDate = ui.closeEdit->date();
        after.ownerId = ui.ownerCombo->currentData().toLongLong();
        if (before.id > 0) {
            if (after == before)
                return {};
            const domain::Opportunity saved = m_service.updateOpportunity(after, false);
            m_undo.push(makeEditOpportunityCommand(m_service, before, saved, tr("Edit opportunity '%1'").arg(saved.name), m_onError));
        } else {
            m_undo.push(makeAddOpportunityCommand(m_service, m_service.createOpportunity(after), m_onError));
        }
        return {};
    });
    dialog.exec();
}

void AccountWorkspace::createOpportunityFromCurrent()
{
    const auto account = m_accountId > 0 ? services::query::account(m_portfolio, m_accountId) : std::nullopt;
    if (account)
        m_whitespace->createOpportunity(m_grid->currentIndex(), account->ownerId); // stays in the grid: keyboard-first
}

} // namespace keystone::app
