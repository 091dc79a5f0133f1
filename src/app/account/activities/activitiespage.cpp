// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "account/activities/activitiespage.h"

#include "commands/relationshipcommands.h"

#include "ui_activityform.h"

#include "keystone/domain/types.h"
#include "keystone/services/clock.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/queries.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QShortcut>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace keystone::app {

using domain::Activity;

// --- model ----------------------------------------------------------------------------

void ActivitiesModel::setActivities(std::vector<Activity> activities, QHash<qint64, QString> contactNames, QHash<qint64, QString> teamNames)
{
    beginResetModel();
    m_rows = std::move(activities);
    m_contactNames = std::move(contactNames);
    m_teamNames = std::move(teamNames);
    endResetModel();
}

int ActivitiesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ActivitiesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ActivitiesModel::names(const std::vector<qint64> &ids, const QHash<qint64, QString> &from) const
{
    QStringList out;
    for (qint64 id : ids)
        out << from.value(id, tr("(deleted)"));
    return out.join(QStringLiteral(", "));
}

QVariant ActivitiesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Activity &a = m_rows[size_t(index.row())];
    switch (role) {
    case ActivityIdRole: return a.id;
    case TypeRole: return int(a.type);
    case ContactIdsRole: {
        QVariantList ids;
        for (qint64 id : a.contactIds)
            ids << id;
        return ids;
    }
    case SortRole:
        if (index.column() == Date)
            return a.date.toJulianDay() * 1000000 + a.id % 1000000;
        return data(index, Qt::DisplayRole).toString().toCaseFolded();
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Date: return a.date.toString(Qt::ISODate);
        case Type: return domain::activityTypeName(a.type);
        case Contacts: return a.contactIds.empty() ? tr("(internal)") : names(a.contactIds, m_contactNames);
        case Team: return names(a.teamMemberIds, m_teamNames);
        case Summary: return a.summary;
        case NextStep: return a.nextStep;
        case ColumnCount: break;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Contacts || index.column() == Summary)
            return data(index, Qt::DisplayRole);
        return {};
    default: return {};
    }
}

QVariant ActivitiesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const names[] = {"Date", "Type", "Contacts", "Our team", "Summary", "Next step"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

void ActivityFilter::setContact(qint64 id)
{
    m_contact = id;
    invalidateFilter();
}

void ActivityFilter::setType(int type)
{
    m_type = type;
    invalidateFilter();
}

bool ActivityFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_type >= 0 && i.data(ActivitiesModel::TypeRole).toInt() != m_type)
        return false;
    if (m_contact > 0 && !i.data(ActivitiesModel::ContactIdsRole).toList().contains(QVariant(m_contact)))
        return false;
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

// --- page -----------------------------------------------------------------------------

ActivitiesPage::ActivitiesPage(services::Portfolio &portfolio, services::RelationshipService &service, QUndoStack &undo,
                               CommandErrorHandler onError, QWidget *parent)
    : LazyPage(parent)
    , m_portfolio(portfolio)
    , m_service(service)
    , m_undo(undo)
    , m_onError(std::move(onError))
{
    m_summary = new QLabel(this);
    m_summary->setStyleSheet(QStringLiteral("font-size: 11pt;"));
    m_contactCombo = new QComboBox(this);
    m_contactCombo->setMinimumContentsLength(22);
    m_typeCombo = new QComboBox(this);
    m_typeCombo->addItem(tr("All types"), -1);
    for (int t = 0; t <= int(domain::ActivityType::InternalReview); ++t)
        m_typeCombo->addItem(domain::activityTypeName(domain::ActivityType(t)), t);
    m_search = new QLineEdit(this);
    m_search->setAccessibleName(tr("Search activities"));
    m_search->setPlaceholderText(tr("Search summaries and next steps…"));
    m_search->setClearButtonEnabled(true);
    m_add = new QPushButton(tr("Log Activity…"), this);
    m_edit = new QPushButton(tr("Edit…"), this);
    m_remove = new QPushButton(tr("Delete"), this);
    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Contact:"), this));
    bar->addWidget(m_contactCombo);
    bar->addWidget(new QLabel(tr("Type:"), this));
    bar->addWidget(m_typeCombo);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_add);
    bar->addWidget(m_edit);
    bar->addWidget(m_remove);

    m_model = new ActivitiesModel(this);
    m_filter = new ActivityFilter(this);
    m_filter->setSourceModel(m_model);
    m_filter->setSortRole(ActivitiesModel::SortRole);
    m_filter->setFilterKeyColumn(-1);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_table = new QTableView(this);
    m_table->setAccessibleName(tr("Activities"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ActivitiesModel::Date, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    const QFontMetrics fm = m_table->fontMetrics();
    const QString samples[] = {QStringLiteral("2026-11-23"), QStringLiteral("Executive review"),
                               QStringLiteral("Samuel Lindqvist, Aisha Clarke, Noah Novak"), QStringLiteral("Tomás Johansson, Hannah Ito"),
                               QStringLiteral("Reviewed adoption and open tickets"), QStringLiteral("Follow up on the escalation")};
    for (int c = 0; c < ActivitiesModel::ColumnCount; ++c)
        m_table->setColumnWidth(c, fm.horizontalAdvance(samples[c]) + 20);
    auto *del = new QShortcut(QKeySequence::Delete, m_table, nullptr, nullptr, Qt::WidgetShortcut);
    connect(del, &QShortcut::activated, this, [this] { removeActivity(currentRow()); });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);

    connect(m_contactCombo, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setContact(m_contactCombo->currentData().toLongLong()); });
    connect(m_typeCombo, &QComboBox::currentIndexChanged, this, [this] { m_filter->setType(m_typeCombo->currentData().toInt()); });
    connect(m_search, &QLineEdit::textChanged, m_filter, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_add, &QPushButton::clicked, this, &ActivitiesPage::addActivity);
    connect(m_edit, &QPushButton::clicked, this, [this] { editActivity(currentRow()); });
    connect(m_remove, &QPushButton::clicked, this, [this] { removeActivity(currentRow()); });
    connect(m_table, &QTableView::activated, this, [this] { editActivity(currentRow()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this, &ActivitiesPage::updateButtons);
    connect(&portfolio, &services::Portfolio::activitiesChanged, this, &ActivitiesPage::markDirty);
    connect(&portfolio, &services::Portfolio::bookChanged, this, [this] { markStale(); });
    connect(&portfolio, &services::Portfolio::contactsChanged, this, &ActivitiesPage::markDirty);
    connect(&portfolio, &services::Portfolio::teamChanged, this, [this] { markDirty(m_accountId); });
    updateButtons();
}

void ActivitiesPage::setAccount(qint64 accountId)
{
    if (accountId == m_accountId)
        return;
    m_accountId = accountId;
    m_contactCombo->setCurrentIndex(0);
    markDirty(accountId);
}

void ActivitiesPage::markDirty(qint64 accountId)
{
    if (accountId != m_accountId)
        return;
    markStale();
}

void ActivitiesPage::rebuild()
{
    QHash<qint64, QString> contactNames, teamNames;
    std::vector<Activity> log;
    m_contacts.clear();
    if (m_accountId > 0) {
        m_contacts = services::query::contacts(m_portfolio, m_accountId);
        log = services::query::activities(m_portfolio, m_accountId);
    }
    for (const domain::Contact &c : m_contacts)
        contactNames.insert(c.id, c.name);
    for (const domain::TeamMember &t : services::query::team(m_portfolio))
        teamNames.insert(t.id, t.name);
    // Keep the contact filter across reloads when the contact still exists.
    const qint64 keep = m_contactCombo->currentData().toLongLong();
    {
        const QSignalBlocker block(m_contactCombo);
        m_contactCombo->clear();
        m_contactCombo->addItem(tr("All contacts"), qint64(0));
        for (const domain::Contact &c : m_contacts)
            m_contactCombo->addItem(c.name, c.id);
        m_contactCombo->setCurrentIndex(std::max(0, m_contactCombo->findData(keep)));
    }
    m_filter->setContact(m_contactCombo->currentData().toLongLong());
    const QDate latest = log.empty() ? QDate() : log.front().date;
    m_model->setActivities(std::move(log), std::move(contactNames), std::move(teamNames));
    if (m_accountId == 0)
        m_summary->clear();
    else if (m_model->rowCount() == 0)
        m_summary->setText(tr("No activities yet. Log calls, meetings and reviews to track who we really talk to."));
    else
        m_summary->setText(tr("%1 activities · latest %2").arg(m_model->rowCount()).arg(latest.toString(Qt::ISODate)));
    updateButtons();
}

int ActivitiesPage::currentRow() const
{
    const QModelIndex source = m_filter->mapToSource(m_table->currentIndex());
    return source.isValid() ? source.row() : -1;
}

void ActivitiesPage::updateButtons()
{
    const bool writable = !m_portfolio.isReadOnly(m_accountId) && m_accountId > 0;
    m_add->setEnabled(writable);
    m_edit->setEnabled(writable && currentRow() >= 0);
    m_remove->setEnabled(writable && currentRow() >= 0);
}

void ActivitiesPage::addActivity()
{
    if (m_accountId == 0 || m_portfolio.isReadOnly(m_accountId))
        return;
    Activity a;
    a.accountId = m_accountId;
    a.date = services::today();
    if (const auto account = services::query::account(m_portfolio, m_accountId); account && account->ownerId > 0)
        a.teamMemberIds.push_back(account->ownerId);
    if (const qint64 c = m_contactCombo->currentData().toLongLong(); c > 0)
        a.contactIds.push_back(c);
    activityDialog(a);
}

void ActivitiesPage::editActivity(int modelRow)
{
    if (modelRow >= 0 && modelRow < m_model->rowCount() && !m_portfolio.isReadOnly(m_accountId))
        activityDialog(m_model->at(modelRow));
}

bool ActivitiesPage::removeActivity(int modelRow)
{
    if (modelRow < 0 || modelRow >= m_model->rowCount() || m_portfolio.isReadOnly(m_accountId))
        return false;
    const qint64 id = m_model->at(modelRow).id;
    return reportFailures(m_onError, [&] { m_undo.push(makeRemoveActivityCommand(m_portfolio, m_service, id, m_onError)); });
}

void ActivitiesPage::activityDialog(Activity before)
{
    QDialog dialog(this);
    Ui::ActivityForm ui;
    ui.setupUi(&dialog);
    dialog.setWindowTitle(before.id > 0 ? tr("Edit Activity") : tr("Log Activity"));
    ui.typeCombo->addItems(domain::activityTypeNames());
    ui.typeCombo->setCurrentIndex(int(before.type));
    ui.dateEdit->setDate(before.date.isValid() ? before.date : services::today());
    ui.summaryEdit->setText(before.summary);
    ui.nextStepEdit->setText(before.nextStep);
    for (const domain::Contact &c : m_contacts) {
        if (!c.isActive() && std::find(before.contactIds.begin(), before.contactIds.end(), c.id) == before.contactIds.end())
            continue; // departed contacts only when already there
        auto *item = new QListWidgetItem(c.title.isEmpty() ? c.name : QStringLiteral("%1 (%2)").arg(c.name, c.title), ui.contactsList);
        item->setData(Qt::UserRole, c.id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        const bool on = std::find(before.contactIds.begin(), before.contactIds.end(), c.id) != before.contactIds.end();
        item->setCheckState(on ? Qt::Checked : Qt::Unchecked);
    }
    for (const domain::TeamMember &m : services::query::team(m_portfolio)) {
        auto *item = new QListWidgetItem(QStringLiteral("%1 (%2)").arg(m.name, domain::teamRoleName(m.role)), ui.teamList);
        item->setData(Qt::UserRole, m.id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        const bool on = std::find(before.teamMemberIds.begin(), before.teamMemberIds.end(), m.id) != before.teamMemberIds.end();
        item->setCheckState(on ? Qt::Checked : Qt::Unchecked);
    }
    acceptFormWith(dialog, ui, [&, before]() -> QString {
        Activity after = before;
        after.date = ui.dateEdit->date();
        after.type = domain::ActivityType(ui.typeCombo->currentIndex());
        after.summary = ui.summaryEdit->text().simplified();
        after.nextStep = ui.nextStepEdit->text().simplified();
        after.contactIds.clear();
        after.teamMemberIds.clear();
        for (int i = 0; i < ui.contactsList->count(); ++i)
            if (ui.contactsList->item(i)->checkState() == Qt::Checked)
                after.contactIds.push_back(ui.contactsList->item(i)->data(Qt::UserRole).toLongLong());
        for (int i = 0; i < ui.teamList->count(); ++i)
            if (ui.teamList->item(i)->checkState() == Qt::Checked)
                after.teamMemberIds.push_back(ui.teamList->item(i)->data(Qt::UserRole).toLongLong());
        if (after.date > services::today().addDays(1))
            return tr("Date: %1 is in the future; log activities that happened").arg(after.date.toString(Qt::ISODate));
        if (before.id > 0) {
            if (after == before)
                return {};
            m_service.updateActivity(after);
            m_undo.push(makeEditActivityCommand(m_service, before, after, m_onError));
        } else {
            m_undo.push(makeAddActivityCommand(m_service, m_service.createActivity(after), m_onError));
        }
        return {};
    });
    dialog.exec();
}

} // namespace keystone::app
