// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "account/history/snapshotspage.h"
#include "widgets/colours.h"

#include "keystone/services/portfolio.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

#include <optional>

namespace keystone::app {

using domain::SnapshotChange;

SnapshotsPage::SnapshotsPage(services::Portfolio &portfolio, QUndoStack &undo, CommandErrorHandler onError, QWidget *parent)
    : AccountPage(parent)
    , m_portfolio(portfolio)
    , m_service(portfolio)
    , m_undo(undo)
    , m_onError(std::move(onError))
{
    auto *left = new QGroupBox(tr("Snapshots"), this);
    auto *lv = new QVBoxLayout(left);
    m_list = new QListWidget(left);
    m_list->setAccessibleName(tr("Snapshots"));
    m_take = new QPushButton(tr("&Take Snapshot…"), left);
    m_take->setToolTip(tr("Freeze the plan as it is now under a label, e.g. the quarter"));
    m_delete = new QPushButton(tr("&Delete"), left);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_take);
    buttons->addWidget(m_delete);
    lv->addWidget(m_list, 1);
    lv->addLayout(buttons);
    left->setMaximumWidth(fontMetrics().horizontalAdvance(QStringLiteral("2026Q4 · 2026-11-23 14:05")) * 2);

    auto *right = new QGroupBox(tr("Compare"), this);
    auto *rv = new QVBoxLayout(right);
    auto *pick = new QHBoxLayout;
    m_from = new QComboBox(right);
    m_to = new QComboBox(right);
    pick->addWidget(new QLabel(tr("From"), right));
    pick->addWidget(m_from, 1);
    pick->addWidget(new QLabel(tr("to"), right));
    pick->addWidget(m_to, 1);
    rv->addLayout(pick);
    m_compareSummary = new QLabel(right);
    m_compareSummary->setWordWrap(true);
    rv->addWidget(m_compareSummary);
    m_compare = new QStandardItemModel(this);
    m_view = new QTableView(right);
    m_view->setAccessibleName(tr("Snapshot comparison"));
    m_view->setModel(m_compare);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    rv->addWidget(m_view, 1);

    auto *h = new QHBoxLayout(this);
    h->addWidget(left);
    h->addWidget(right, 1);

    connect(m_take, &QPushButton::clicked, this, &SnapshotsPage::takeSnapshotDialog);
    connect(m_delete, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem *item = m_list->currentItem())
            deleteSnapshot(item->data(Qt::UserRole).toString());
    });
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) { m_delete->setEnabled(row >= 0 && !m_portfolio.isReadOnly(m_accountId)); });
    connect(m_from, &QComboBox::currentIndexChanged, this, &SnapshotsPage::compareSelected);
    connect(m_to, &QComboBox::currentIndexChanged, this, &SnapshotsPage::compareSelected);
    connect(&portfolio, &services::Portfolio::planChanged, this, &SnapshotsPage::markDirty);
    connect(&portfolio, &services::Portfolio::bookChanged, this, [this] { markStale(); });
}




void SnapshotsPage::rebuild()
{
    const QString from = m_from->currentText(), to = m_to->currentText();
    m_snapshots.clear();
    if (m_accountId > 0)
        reportFailures(m_onError, [&] { m_snapshots = m_service.list(m_accountId); });
    m_list->clear();
    const QSignalBlocker b1(m_from), b2(m_to);
    m_from->clear();
    m_to->clear();
    for (const domain::PlanSnapshot &s : m_snapshots) {
        auto *item = new QListWidgetItem(tr("%1 · %2").arg(s.label, s.takenAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))), m_list);
        item->setData(Qt::UserRole, s.label);
        m_from->addItem(s.label);
        m_to->addItem(s.label);
    }
    // The plan as it is now, last in both lists: "what changed since the last review".
    if (!m_snapshots.empty()) {
        m_from->addItem(nowLabel());
        m_to->addItem(nowLabel());
    }
    // By default the last two snapshots, or the only one against the plan now, and so after
    // one is taken or deleted; otherwise the pair being compared stays.
    const int n = int(m_snapshots.size());
    const bool keep = n == m_shownCount && m_from->findText(from) >= 0 && m_to->findText(to) >= 0;
    m_from->setCurrentIndex(keep ? m_from->findText(from) : n == 1 ? 0 : std::max(0, n - 2));
    m_to->setCurrentIndex(keep ? m_to->findText(to) : n == 1 ? 1 : n - 1);
    m_shownCount = n;
    m_take->setEnabled(m_accountId > 0 && !m_portfolio.isReadOnly(m_accountId));
    m_delete->setEnabled(false);
    compareSelected();
}

void SnapshotsPage::compareSelected()
{
    if (m_snapshots.empty()) {
        m_compare->clear();
        m_compareSummary->setText(tr("No snapshots yet. A snapshot freezes the plan (priorities, risks, actions, stakeholders, "
                                     "health, whitespace) under a label. Take one at each business review with Take Snapshot…, "
                                     "then compare quarter with quarter, or any snapshot with the plan as it is now."));
        return;
    }
    compare(m_from->currentText(), m_to->currentText());
}

void SnapshotsPage::compare(const QString &from, const QString &to)
{
    m_compare->clear();
    m_compare->setHorizontalHeaderLabels({tr("Section"), tr("Item"), tr("Field"), from, to});
    const domain::PlanSnapshot *a = nullptr, *b = nullptr;
    for (const domain::PlanSnapshot &s : m_snapshots) {
        if (s.label == from)
            a = &s;
        if (s.label == to)
            b = &s;
    }
    // "The plan now": built as a snapshot would be taken today, nothing stored.
    std::optional<domain::PlanSnapshot> now;
    if ((from == nowLabel() || to == nowLabel()) && m_accountId > 0) {
        reportFailures(m_onError, [&] { now = m_service.build(m_accountId, nowLabel(), m_today); });
        if (now && from == nowLabel())
            a = &*now;
        if (now && to == nowLabel())
            b = &*now;
    }
    if (!a || !b)
        return;
    const auto changes = domain::compareSnapshots(*a, *b);
    int added = 0, removed = 0, changed = 0;
    for (const SnapshotChange &c : changes) {
        QString field = c.field, before = c.before, after = c.after;
        QColor tint;
        switch (c.kind) {
        case SnapshotChange::Kind::Added:
            field = tr("added");
            before = QStringLiteral("—");
            after = c.item;
            tint = colours::tint(colours::Tint::Green);
            ++added;
            break;
        case SnapshotChange::Kind::Removed:
            field = tr("removed");
            before = c.item;
            after = QStringLiteral("—");
            tint = colours::tint(colours::Tint::Red);
            ++removed;
            break;
        case SnapshotChange::Kind::Changed:
            tint = colours::tint(colours::Tint::Yellow);
            ++changed;
            break;
        }
        QList<QStandardItem *> row{new QStandardItem(c.section), new QStandardItem(c.item), new QStandardItem(field), new QStandardItem(before),
                                   new QStandardItem(after)};
        for (QStandardItem *i : row)
            i->setToolTip(i->text());
        row[3]->setBackground(tint);
        row[4]->setBackground(tint);
        m_compare->appendRow(row);
    }
    m_compareSummary->setText(changes.empty() ? tr("'%1' and '%2' are the same.").arg(from, to)
                                              : tr("From '%1' to '%2': %3 added, %4 removed, %5 changed.")
                                                    .arg(from, to)
                                                    .arg(added)
                                                    .arg(removed)
                                                    .arg(changed));
    const QFontMetrics fm = m_view->fontMetrics();
    const QString samples[] = {QStringLiteral("Relationship map"), QStringLiteral("Cut month-end close from ten days"), QStringLiteral("Plan completeness"),
                               QStringLiteral("Introduce the incoming sponsor xx")};
    for (int c = 0; c < 4; ++c)
        m_view->setColumnWidth(c, fm.horizontalAdvance(samples[c]) + 16);
    m_view->horizontalHeader()->setStretchLastSection(true);
}

void SnapshotsPage::takeSnapshotDialog()
{
    if (m_accountId <= 0 || m_portfolio.isReadOnly(m_accountId))
        return;
    bool ok = false;
    const QString label = QInputDialog::getText(this, tr("Take Snapshot"), tr("Label (the quarter, or any name):"), QLineEdit::Normal,
                                                domain::quarterLabel(m_today), &ok);
    if (ok)
        takeSnapshot(label);
}

bool SnapshotsPage::takeSnapshot(const QString &label)
{
    const qint64 account = m_accountId;
    return reportFailures(m_onError, [&] {
        const domain::PlanSnapshot s = m_service.take(account, label, m_today);
        services::SnapshotService *service = &m_service;
        m_undo.push(new ReplayCommand(
            tr("Take snapshot '%1'").arg(s.label), [service, account, l = s.label] { service->remove(account, l); },
            [service, s] { service->restore(s); }, m_onError));
    });
}

bool SnapshotsPage::deleteSnapshot(const QString &label)
{
    const qint64 account = m_accountId;
    return reportFailures(m_onError, [&] {
        services::SnapshotService *service = &m_service;
        m_undo.push(new RecordedCommand(
            m_portfolio, [service, account, label] { return tr("Delete snapshot '%1'").arg(service->remove(account, label).label); }, m_onError));
    });
}

} // namespace keystone::app
