// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "account/relationships/relationshipspage.h"
#include "widgets/viewmemory.h"

#include "account/relationships/contactsmodel.h"
#include "commands/relationshipcommands.h"
#include "account/relationships/relationshipmap.h"
#include "widgets/colours.h"

#include "ui_contactform.h"

#include "keystone/domain/types.h"
#include "keystone/services/clock.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/queries.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace keystone::app {

using domain::Contact;

namespace {

constexpr int GapRole = Qt::UserRole + 1;

QColor levelColour(domain::RelationshipLevel level)
{
    switch (level) {
    case domain::RelationshipLevel::Vendor: return colours::tint(colours::Tint::Red);
    case domain::RelationshipLevel::CredibleSource: return colours::tint(colours::Tint::Yellow);
    case domain::RelationshipLevel::ProblemSolver: return colours::tint(colours::Tint::Green);
    case domain::RelationshipLevel::TrustedAdvisor: return colours::tint(colours::Tint::DeepGreen);
    }
    return {};
}

QWidget *legend(QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *grid = new QGridLayout(box);
    grid->setContentsMargins(0, 4, 0, 0);
    grid->setVerticalSpacing(3);
    auto *title = new QLabel(QObject::tr("<b>Legend</b>"), box);
    grid->addWidget(title, 0, 0, 1, 2);
    const std::pair<const char *, const char *> stances[] = {{"#2e9d4f", "Champion"}, {"#86c56a", "Supporter"}, {"#9aa3ad", "Neutral"},
                                                             {"#f0a340", "Skeptic"}, {"#d9493b", "Detractor"}};
    int row = 1;
    for (const auto &[colour, name] : stances) {
        auto *chip = new QLabel(box);
        chip->setFixedSize(14, 14);
        chip->setStyleSheet(QStringLiteral("background: %1; border-radius: 3px;").arg(QString::fromLatin1(colour)));
        grid->addWidget(chip, row, 0);
        grid->addWidget(new QLabel(QObject::tr("%1 (stance)").arg(QString::fromLatin1(name)), box), row++, 1);
    }
    auto *text = new QLabel(box);
    colours::follow(text, [text] {
        text->setText(QObject::tr("●●● influence high, ●●○ medium, ●○○ low<br>"
                                  "solid lines: reports to<br>"
                                  "<span style='color:%1'>dashed arrows: sways</span><br>"
                                  "EB economic buyer · DM decision maker<br>TE technical evaluator · IN influencer<br>"
                                  "CH champion · CO coach · US user<br>GK gatekeeper · ES executive sponsor<br>"
                                  "%2")
                          .arg(RelationshipMap::swayColour().name(),
                               colours::inked(colours::Ink::Warn, QObject::tr("red: uncovered, or not met in 90 days"))));
    });
    text->setWordWrap(true);
    grid->addWidget(text, row, 0, 1, 2);
    return box;
}

} // namespace

RelationshipsPage::RelationshipsPage(services::Portfolio &portfolio, services::RelationshipService &service, QUndoStack &undo,
                                     CommandErrorHandler onError, QWidget *parent)
    : AccountPage(parent)
    , m_portfolio(portfolio)
    , m_service(service)
    , m_undo(undo)
    , m_onError(std::move(onError))
{
    m_summary = new QLabel(this);
    m_summary->setStyleSheet(QStringLiteral("font-size: 11pt;"));
    m_highlight = new QComboBox(this);
    m_highlight->addItem(tr("Highlight: nothing"), QString());
    m_highlight->addItem(tr("Uncovered contacts"), QStringLiteral("uncovered"));
    m_highlight->addItem(tr("Not met in 90 days"), QStringLiteral("stale"));
    m_highlight->addItem(tr("Key contacts below the level we want"), QStringLiteral("below"));
    for (int r = 0; r <= int(domain::BuyingRole::ExecutiveSponsor); ++r)
        m_highlight->addItem(tr("Role: %1").arg(domain::buyingRoleName(domain::BuyingRole(r))), QStringLiteral("role:%1").arg(r));
    for (int s = 0; s <= int(domain::Stance::Detractor); ++s)
        m_highlight->addItem(tr("Stance: %1").arg(domain::stanceName(domain::Stance(s))), QStringLiteral("stance:%1").arg(s));

    m_add = new QPushButton(tr("Add Contact…"), this);
    m_addReport = new QPushButton(tr("Add Report…"), this);
    m_addReport->setToolTip(tr("Add a contact who reports to the selected one"));
    m_edit = new QPushButton(tr("Edit…"), this);
    m_remove = new QPushButton(tr("Delete"), this);
    m_remove->setToolTip(tr("Delete the selected contact; their reports move up one level (undoable)"));
    m_influence = new QPushButton(tr("Sways…"), this);
    m_influence->setToolTip(tr("Record that the selected contact sways another one"));
    auto tool = [this](const QString &text, const QString &tip) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        return b;
    };
    auto *zoomOut = tool(QStringLiteral("−"), tr("Zoom out (Ctrl+wheel)"));
    auto *zoomIn = tool(QStringLiteral("+"), tr("Zoom in (Ctrl+wheel)"));
    auto *fit = tool(tr("Fit"), tr("Fit the whole map in the window"));
    auto *actual = tool(tr("100%"), tr("Actual size"));
    auto *exportButton = new QPushButton(tr("Export Map…"), this);
    exportButton->setToolTip(tr("Save the whole map as PNG, SVG or PDF"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_add);
    bar->addWidget(m_addReport);
    bar->addWidget(m_edit);
    bar->addWidget(m_remove);
    bar->addWidget(m_influence);
    bar->addSpacing(12);
    bar->addWidget(m_highlight);
    bar->addStretch(1);
    bar->addWidget(zoomOut);
    bar->addWidget(zoomIn);
    bar->addWidget(fit);
    bar->addWidget(actual);
    bar->addWidget(exportButton);

    m_view = new RelationshipMap(this);
    m_contacts = new ContactsModel(this);
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_contacts);
    proxy->setSortRole(ContactsModel::SortRole);
    proxy->setFilterKeyColumn(-1);
    proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_table = new QTableView(this);
    m_table->setAccessibleName(tr("Contacts"));
    m_table->setModel(proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ContactsModel::Name, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    const QFontMetrics fm = m_table->fontMetrics();
    const QString samples[] = {QStringLiteral("Samuel Lindqvist"), QStringLiteral("Director, Data & Analytics"), QStringLiteral("Technical evaluator"),
                               QStringLiteral("Supporter"), QStringLiteral("Influence"), QStringLiteral("Departed 2026-01-01"),
                               QStringLiteral("Samuel Lindqvist"), QStringLiteral("Customer Service"), QStringLiteral("Tomás Johansson"),
                               QStringLiteral("Trusted advisor"), QStringLiteral("Trusted advisor"), QStringLiteral("2026-11-23 (999 d)")};
    for (int c = 0; c < ContactsModel::ColumnCount; ++c)
        m_table->setColumnWidth(c, fm.horizontalAdvance(samples[c]) + 20);
    m_tableFilter = new QLineEdit(this);
    m_tableFilter->setAccessibleName(tr("Filter contacts"));
    m_tableFilter->setPlaceholderText(tr("Filter contacts by any column…"));
    m_tableFilter->setClearButtonEnabled(true);
    connect(m_tableFilter, &QLineEdit::textChanged, proxy, &QSortFilterProxyModel::setFilterFixedString);
    auto *tablePage = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(tablePage);
    tableLayout->setContentsMargins(0, 4, 0, 0);
    tableLayout->addWidget(m_tableFilter);
    tableLayout->addWidget(m_table, 1);

    m_coverage = new QStandardItemModel(this);
    m_coverageView = new QTableView(this);
    m_coverageView->setAccessibleName(tr("Coverage by buying role"));
    m_coverageView->setModel(m_coverage);
    m_coverageView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_coverageView->horizontalHeader()->setDefaultSectionSize(fm.horizontalAdvance(QStringLiteral("Trusted advisor")) + 16);
    m_coverageView->verticalHeader()->setMinimumWidth(fm.horizontalAdvance(QStringLiteral("Samuel Lindqvist (VP Operations)")) + 12);
    m_coverageView->horizontalHeader()->setMinimumHeight(2 * fm.height() + 10);
    auto *coveragePage = new QWidget(this);
    auto *coverageLayout = new QVBoxLayout(coveragePage);
    coverageLayout->setContentsMargins(0, 4, 0, 0);
    coverageLayout->addWidget(new QLabel(tr("Who on our team covers whom, at which relationship level; “met” = took part in an activity "
                                            "together without covering them."),
                                         coveragePage));
    coverageLayout->addWidget(m_coverageView, 1);

    m_views = new QTabWidget(this);
    m_views->setDocumentMode(true);
    m_views->addTab(m_view, tr("Map"));
    m_views->addTab(tablePage, tr("Contacts"));
    m_views->addTab(coveragePage, tr("Coverage"));

    m_gaps = new QListWidget(this);
    m_gaps->setAccessibleName(tr("Relationship gaps"));
    m_gaps->setWordWrap(true);
    m_gaps->setToolTip(tr("Click a gap to select the contacts concerned"));
    auto *side = new QWidget(this);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(new QLabel(tr("<b>Gaps</b>"), side));
    sideLayout->addWidget(m_gaps, 1);
    sideLayout->addWidget(legend(side));
    side->setMinimumWidth(fm.horizontalAdvance(QStringLiteral("High-influence skeptic or detractor with no")) + 30);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_views);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    splitter->setChildrenCollapsible(false);
    rememberSplitter(splitter, QStringLiteral("relationships"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);

    connect(m_add, &QPushButton::clicked, this, [this] { addContact(0); });
    connect(m_addReport, &QPushButton::clicked, this, [this] { addContact(selectedContact()); });
    connect(m_edit, &QPushButton::clicked, this, [this] { editContact(selectedContact()); });
    connect(m_remove, &QPushButton::clicked, this, [this] { removeContact(selectedContact()); });
    connect(m_influence, &QPushButton::clicked, this, &RelationshipsPage::addInfluenceFromSelected);
    connect(zoomIn, &QToolButton::clicked, m_view, &RelationshipMap::zoomIn);
    connect(zoomOut, &QToolButton::clicked, m_view, &RelationshipMap::zoomOut);
    connect(fit, &QToolButton::clicked, m_view, &RelationshipMap::fitAll);
    connect(actual, &QToolButton::clicked, m_view, &RelationshipMap::resetZoom);
    connect(exportButton, &QPushButton::clicked, this, &RelationshipsPage::exportMap);
    connect(m_highlight, &QComboBox::currentIndexChanged, this, &RelationshipsPage::applyHighlight);
    connect(m_view, &RelationshipMap::contactActivated, this, &RelationshipsPage::editContact);
    connect(m_view, &RelationshipMap::reparentRequested, this, &RelationshipsPage::changeReportsTo);
    connect(m_view, &RelationshipMap::selectionChanged, this, &RelationshipsPage::updateButtons);
    connect(m_view, &RelationshipMap::contactMenuRequested, this, [this](qint64 id, const QPoint &at) {
        if (m_portfolio.isReadOnly(m_accountId))
            return;
        QMenu menu(this);
        menu.addAction(tr("Edit…"), this, [this, id] { editContact(id); });
        menu.addAction(tr("Add Report…"), this, [this, id] { addContact(id); });
        menu.addAction(tr("Sways…"), this, &RelationshipsPage::addInfluenceFromSelected);
        if (m_view->layout().reportCount.value(id) > 0)
            menu.addAction(m_view->isCollapsed(id) ? tr("Expand Branch") : tr("Collapse Branch"), this,
                           [this, id] { m_view->setCollapsed(id, !m_view->isCollapsed(id)); });
        menu.addSeparator();
        menu.addAction(tr("Delete"), this, [this, id] { removeContact(id); });
        menu.exec(at);
    });
    connect(m_view, &RelationshipMap::influenceMenuRequested, this, [this](qint64 linkId, const QPoint &at) {
        if (m_portfolio.isReadOnly(m_accountId))
            return;
        QMenu menu(this);
        menu.addAction(tr("Remove Influence Link"), this, [this, linkId] { removeInfluence(linkId); });
        menu.exec(at);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this, &RelationshipsPage::updateButtons);
    connect(m_views, &QTabWidget::currentChanged, this, &RelationshipsPage::updateButtons);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &i) { editContact(i.data(ContactsModel::ContactIdRole).toLongLong()); });
    connect(m_gaps, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        const int g = item->data(GapRole).toInt();
        if (g < 0 || size_t(g) >= m_map.gaps.size())
            return;
        const auto &ids = m_map.gaps[size_t(g)].contactIds;
        m_views->setCurrentWidget(m_view);
        m_view->selectContacts(QList<qint64>(ids.begin(), ids.end()));
    });

    for (QWidget *w : {static_cast<QWidget *>(m_view), static_cast<QWidget *>(m_table)}) {
        auto *del = new QShortcut(QKeySequence::Delete, w, nullptr, nullptr, Qt::WidgetShortcut);
        connect(del, &QShortcut::activated, this, [this] { removeContact(selectedContact()); });
    }
    connect(&portfolio, &services::Portfolio::contactsChanged, this, &RelationshipsPage::markDirty);
    connect(&portfolio, &services::Portfolio::bookChanged, this, [this] { markStale(); });
    connect(&portfolio, &services::Portfolio::activitiesChanged, this, &RelationshipsPage::markDirty);
    connect(&portfolio, &services::Portfolio::whitespaceChanged, this, &RelationshipsPage::markDirty);
    connect(&portfolio, &services::Portfolio::teamChanged, this, [this] { markDirty(m_accountId); });
    updateButtons();
}

RelationshipsPage::~RelationshipsPage() = default;




void RelationshipsPage::rebuild()
{
    if (m_accountId > 0) {
        m_map = services::loadStakeholderMap(m_portfolio, m_accountId, m_today);
    } else {
        m_map = services::StakeholderMap{};
    }
    m_view->setMap(m_map);
    m_contacts->setMap(&m_map);
    rebuildCoverage();
    rebuildGaps();
    applyHighlight();
    const int active = int(std::count_if(m_map.contacts.begin(), m_map.contacts.end(), [](const Contact &c) { return c.isActive(); }));
    if (m_accountId == 0)
        m_summary->clear();
    else if (m_map.contacts.empty())
        m_summary->setText(tr("No contacts yet. Add the people you work with, starting at the top: who signs, who decides, who uses it."));
    else
        m_summary->setText(tr("%1 contacts (%2 active) · multithreading depth <b>%3</b>%4 · %5 gap(s)")
                               .arg(m_map.contacts.size())
                               .arg(active)
                               .arg(m_map.depth)
                               .arg(m_map.singleThreaded ? QLatin1Char(' ') + colours::inked(colours::Ink::Warn, tr("<b>single-threaded</b>")) : QString())
                               .arg(m_map.gaps.size()));
    updateButtons();
}

void RelationshipsPage::rebuildGaps()
{
    m_gaps->clear();
    QHash<qint64, QString> names;
    for (const Contact &c : m_map.contacts)
        names.insert(c.id, c.name);
    for (size_t i = 0; i < m_map.gaps.size(); ++i) {
        const domain::Gap &g = m_map.gaps[i];
        QStringList who;
        for (qint64 id : g.contactIds)
            who << names.value(id);
        if (who.size() > 5)
            who = who.mid(0, 4) << tr("and %1 more").arg(who.size() - 4);
        auto *item = new QListWidgetItem(who.isEmpty() ? QStringLiteral("⚠ %1").arg(g.message)
                                                       : QStringLiteral("⚠ %1: %2").arg(g.message, who.join(QStringLiteral(", "))),
                                         m_gaps);
        item->setData(GapRole, int(i));
        item->setToolTip(g.rule);
    }
    if (m_map.gaps.empty() && m_accountId > 0 && !m_map.contacts.empty())
        new QListWidgetItem(tr("✓ No gaps"), m_gaps);
}

void RelationshipsPage::rebuildCoverage()
{
    m_coverage->clear();
    if (m_accountId == 0)
        return;
    // Team members involved with the account: covering a contact or in its activity log.
    const auto log = services::query::activities(m_portfolio, m_accountId);
    QSet<QPair<qint64, qint64>> met; // (contact, team member)
    QSet<qint64> involved;
    for (const domain::Activity &a : log) {
        for (qint64 t : a.teamMemberIds) {
            involved.insert(t);
            for (qint64 c : a.contactIds)
                met.insert({c, t});
        }
    }
    for (const Contact &c : m_map.contacts)
        if (c.coveredById > 0)
            involved.insert(c.coveredById);
    std::vector<qint64> team(involved.begin(), involved.end());
    std::sort(team.begin(), team.end(), [&](qint64 a, qint64 b) { return m_map.teamNames.value(a) < m_map.teamNames.value(b); });
    std::vector<const Contact *> rows;
    for (const Contact &c : m_map.contacts)
        if (c.isActive())
            rows.push_back(&c);
    m_coverage->setRowCount(int(rows.size()));
    m_coverage->setColumnCount(int(team.size()));
    for (size_t t = 0; t < team.size(); ++t)
        m_coverage->setHorizontalHeaderItem(int(t), new QStandardItem(m_map.teamNames.value(team[t]).replace(QLatin1Char(' '), QLatin1Char('\n'))));
    for (size_t r = 0; r < rows.size(); ++r) {
        const Contact &c = *rows[r];
        auto *header = new QStandardItem(c.title.isEmpty() ? c.name : QStringLiteral("%1 (%2)").arg(c.name, c.title));
        m_coverage->setVerticalHeaderItem(int(r), header);
        for (size_t t = 0; t < team.size(); ++t) {
            auto *item = new QStandardItem;
            if (c.coveredById == team[t]) {
                item->setText(domain::relationshipLevelName(c.level));
                item->setBackground(levelColour(c.level));
                item->setToolTip(tr("%1 covers %2 at %3 (we want %4)")
                                     .arg(m_map.teamNames.value(team[t]), c.name, domain::relationshipLevelName(c.level),
                                          domain::relationshipLevelName(c.targetLevel)));
            } else if (met.contains({c.id, team[t]})) {
                item->setText(tr("met"));
                item->setForeground(colours::ink(colours::Ink::Muted));
            }
            item->setTextAlignment(Qt::AlignCenter);
            m_coverage->setItem(int(r), int(t), item);
        }
    }
}

void RelationshipsPage::applyHighlight()
{
    const QString key = m_highlight->currentData().toString();
    if (key.isEmpty()) {
        m_view->setHighlight({});
        return;
    }
    const QDate today = m_today;
    const services::StakeholderMap *map = &m_map;
    if (key == QLatin1String("uncovered")) {
        m_view->setHighlight([](const Contact &c) { return c.isActive() && c.coveredById == 0; });
    } else if (key == QLatin1String("stale")) {
        m_view->setHighlight([map](const Contact &c) {
            const int d = map->daysSinceInteraction(c.id);
            return c.isActive() && (d < 0 || d > domain::kDepthWindowDays);
        });
    } else if (key == QLatin1String("below")) {
        m_view->setHighlight([](const Contact &c) { return c.isActive() && c.isKey() && c.level < c.targetLevel; });
    } else if (key.startsWith(QLatin1String("role:"))) {
        const auto role = domain::BuyingRole(key.mid(5).toInt());
        m_view->setHighlight([role](const Contact &c) { return c.role == role; });
    } else if (key.startsWith(QLatin1String("stance:"))) {
        const auto stance = domain::Stance(key.mid(7).toInt());
        m_view->setHighlight([stance](const Contact &c) { return c.stance == stance; });
    }
    Q_UNUSED(today)
}

qint64 RelationshipsPage::selectedContact() const
{
    if (m_views->currentWidget() == m_view) {
        const QList<qint64> ids = m_view->selectedContacts();
        return ids.isEmpty() ? 0 : ids.first();
    }
    const QModelIndex current = m_table->currentIndex();
    return m_views->currentIndex() == 1 && current.isValid() ? current.data(ContactsModel::ContactIdRole).toLongLong() : 0;
}

void RelationshipsPage::updateButtons()
{
    const bool writable = !m_portfolio.isReadOnly(m_accountId) && m_accountId > 0;
    const bool selected = selectedContact() > 0;
    m_add->setEnabled(writable);
    m_addReport->setEnabled(writable && selected);
    m_edit->setEnabled(writable && selected);
    m_remove->setEnabled(writable && selected);
    m_influence->setEnabled(writable && selected && m_map.contacts.size() > 1);
}

void RelationshipsPage::addContact(qint64 managerId)
{
    if (m_accountId == 0 || m_portfolio.isReadOnly(m_accountId))
        return;
    Contact c;
    c.accountId = m_accountId;
    c.reportsToId = managerId;
    if (const Contact *manager = m_map.contact(managerId)) {
        c.department = manager->department;
        c.buyingCenterId = manager->buyingCenterId;
    }
    contactDialog(c);
}

void RelationshipsPage::editContact(qint64 id)
{
    if (const Contact *c = m_map.contact(id); c && !m_portfolio.isReadOnly(m_accountId))
        contactDialog(*c);
}

bool RelationshipsPage::removeContact(qint64 id)
{
    if (id == 0 || m_portfolio.isReadOnly(m_accountId))
        return false;
    return reportFailures(m_onError, [&] { m_undo.push(makeRemoveContactCommand(m_portfolio, m_service, id, m_onError)); });
}

bool RelationshipsPage::changeReportsTo(qint64 id, qint64 managerId)
{
    const Contact *c = m_map.contact(id);
    const Contact *manager = m_map.contact(managerId);
    if (!c || !manager || c->reportsToId == managerId || m_portfolio.isReadOnly(m_accountId))
        return false;
    const Contact before = *c;
    const QString managerName = manager->name; // the map reloads (and the pointers go) on the change
    Contact after = before;
    after.reportsToId = managerId;
    return reportFailures(m_onError, [&] {
        m_service.updateContact(after);
        m_undo.push(makeEditContactCommand(m_service, before, after, tr("'%1' reports to '%2'").arg(before.name, managerName), m_onError));
    });
}

void RelationshipsPage::addInfluenceFromSelected()
{
    const Contact *from = m_map.contact(selectedContact());
    if (!from || m_portfolio.isReadOnly(m_accountId))
        return;
    QStringList names;
    std::vector<qint64> ids;
    for (const Contact &c : m_map.contacts) {
        if (c.id == from->id)
            continue;
        names << (c.title.isEmpty() ? c.name : QStringLiteral("%1 (%2)").arg(c.name, c.title));
        ids.push_back(c.id);
    }
    bool ok = false;
    const QString pick = QInputDialog::getItem(this, tr("Sways"), tr("%1 sways:").arg(from->name), names, 0, false, &ok);
    if (!ok)
        return;
    const qint64 to = ids[size_t(names.indexOf(pick))];
    const qint64 fromId = from->id; // the map reloads on the change
    reportFailures(m_onError, [&] {
        m_undo.push(makeAddInfluenceCommand(m_service, m_service.addInfluence(m_accountId, fromId, to), m_onError));
    });
}

bool RelationshipsPage::removeInfluence(qint64 linkId)
{
    if (m_portfolio.isReadOnly(m_accountId))
        return false;
    return reportFailures(m_onError, [&] { m_undo.push(makeRemoveInfluenceCommand(m_portfolio, m_service, linkId, m_onError)); });
}

void RelationshipsPage::exportMap()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Relationship Map"), QString(),
                                                      tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    const QString error = m_view->exportTo(path);
    if (!error.isEmpty() && m_onError)
        m_onError(error);
}

void RelationshipsPage::contactDialog(Contact before)
{
    qint64 createdId = 0;
    QDialog dialog(this);
    Ui::ContactForm ui;
    ui.setupUi(&dialog);
    dialog.setWindowTitle(before.id > 0 ? tr("Edit Contact") : tr("Add Contact"));
    ui.roleCombo->addItems(domain::buyingRoleNames());
    ui.stanceCombo->addItems(domain::stanceNames());
    ui.influenceCombo->addItems(domain::influenceNames());
    ui.levelCombo->addItems(domain::relationshipLevelNames());
    ui.targetCombo->addItems(domain::relationshipLevelNames());
    ui.centerCombo->addItem(tr("(none)"), qint64(0));
    for (auto it = m_map.buyingCenterNames.cbegin(); it != m_map.buyingCenterNames.cend(); ++it)
        ui.centerCombo->addItem(it.value(), it.key());
    ui.reportsToCombo->addItem(tr("(nobody: top of the chart)"), qint64(0));
    for (const Contact &c : m_map.contacts)
        if (c.id != before.id)
            ui.reportsToCombo->addItem(c.title.isEmpty() ? c.name : QStringLiteral("%1 (%2)").arg(c.name, c.title), c.id);
    ui.coveredCombo->addItem(tr("(uncovered)"), qint64(0));
    for (const domain::TeamMember &m : services::query::team(m_portfolio))
        ui.coveredCombo->addItem(QStringLiteral("%1 (%2)").arg(m.name, domain::teamRoleName(m.role)), m.id);
    ui.nameEdit->setText(before.name);
    ui.titleEdit->setText(before.title);
    ui.emailEdit->setText(before.email);
    ui.departmentEdit->setText(before.department);
    ui.centerCombo->setCurrentIndex(std::max(0, ui.centerCombo->findData(before.buyingCenterId)));
    ui.reportsToCombo->setCurrentIndex(std::max(0, ui.reportsToCombo->findData(before.reportsToId)));
    ui.roleCombo->setCurrentIndex(int(before.role));
    ui.stanceCombo->setCurrentIndex(int(before.stance));
    ui.influenceCombo->setCurrentIndex(int(before.influence));
    ui.coveredCombo->setCurrentIndex(std::max(0, ui.coveredCombo->findData(before.coveredById)));
    ui.levelCombo->setCurrentIndex(int(before.level));
    ui.targetCombo->setCurrentIndex(int(before.targetLevel));
    ui.departedCheck->setChecked(!before.isActive());
    ui.departedEdit->setDate(before.departedOn.isValid() ? before.departedOn : services::today());
    ui.departedEdit->setEnabled(!before.isActive());
    ui.notesEdit->setPlainText(before.notes);
    connect(ui.departedCheck, &QCheckBox::toggled, ui.departedEdit, &QWidget::setEnabled);
    acceptFormWith(dialog, ui, [&, before]() -> QString {
        Contact after = before;
        after.name = ui.nameEdit->text().simplified();
        after.title = ui.titleEdit->text().simplified();
        after.email = ui.emailEdit->text().trimmed();
        after.department = ui.departmentEdit->text().simplified();
        after.buyingCenterId = ui.centerCombo->currentData().toLongLong();
        after.reportsToId = ui.reportsToCombo->currentData().toLongLong();
        after.role = domain::BuyingRole(ui.roleCombo->currentIndex());
        after.stance = domain::Stance(ui.stanceCombo->currentIndex());
        after.influence = domain::Influence(ui.influenceCombo->currentIndex());
        after.coveredById = ui.coveredCombo->currentData().toLongLong();
        after.level = domain::RelationshipLevel(ui.levelCombo->currentIndex());
        after.targetLevel = domain::RelationshipLevel(ui.targetCombo->currentIndex());
        after.status = ui.departedCheck->isChecked() ? domain::ContactStatus::Departed : domain::ContactStatus::Active;
        after.departedOn = ui.departedCheck->isChecked() ? ui.departedEdit->date() : QDate();
        after.notes = ui.notesEdit->toPlainText().trimmed();
        if (before.id > 0) {
            if (after == before)
                return {};
            m_service.updateContact(after);
            m_undo.push(makeEditContactCommand(m_service, before, after, tr("Edit contact '%1'").arg(after.name), m_onError));
        } else {
            const Contact created = m_service.createContact(after);
            createdId = created.id;
            m_undo.push(makeAddContactCommand(m_service, created, m_onError));
        }
        return {};
    });
    dialog.exec();
    // A new contact is selected where the user is looking, ready for the next step.
    if (createdId > 0)
        selectContact(createdId);
}

QList<qint64> RelationshipsPage::mapSelection() const
{
    return m_view->selectedContacts();
}

void RelationshipsPage::selectContact(qint64 id)
{
    if (isStale())
        reload();
    m_view->selectContacts({id});
    QAbstractItemModel *model = m_table->model();
    for (int r = 0; r < model->rowCount(); ++r) {
        const QModelIndex i = model->index(r, 0);
        if (i.data(ContactsModel::ContactIdRole).toLongLong() == id) {
            m_table->selectionModel()->setCurrentIndex(i, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            m_table->scrollTo(i);
            break;
        }
    }
    updateButtons();
}

} // namespace keystone::app
