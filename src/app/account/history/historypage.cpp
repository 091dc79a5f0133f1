// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "account/history/historypage.h"
#include "widgets/colours.h"

#include "keystone/services/portfolio.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QTimeZone>
#include <QVBoxLayout>

namespace keystone::app {

namespace {
constexpr int kLimit = 2000;
}

HistoryPage::HistoryPage(services::Portfolio &portfolio, CommandErrorHandler onError, QWidget *parent)
    : AccountPage(parent)
    , m_portfolio(portfolio)
    , m_onError(std::move(onError))
{
    m_summary = new QLabel(this);
    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setAccessibleName(tr("Filter the history"));
    m_filterEdit->setPlaceholderText(tr("Filter by item, field or value"));
    m_filterEdit->setClearButtonEnabled(true);
    m_model = new QStandardItemModel(this);
    m_model->setHorizontalHeaderLabels({tr("When"), tr("By"), tr("Kind"), tr("Item"), tr("Change"), tr("Before"), tr("After")});
    m_filter = new QSortFilterProxyModel(this);
    m_filter->setSourceModel(m_model);
    m_filter->setFilterKeyColumn(-1);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view = new QTableView(this);
    m_view->setAccessibleName(tr("Change history"));
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(true);
    const QFontMetrics fm = m_view->fontMetrics();
    const QString samples[] = {QStringLiteral("2026-11-23 14:05:59"), QStringLiteral("Tomás Johansson"), QStringLiteral("Buying center"),
                               QStringLiteral("Introduce our CTO to their architecture lead"), QStringLiteral("\"No known risks\" confirm"),
                               QStringLiteral("Introduce the incoming sponsor")};
    for (int c = 0; c < 6; ++c)
        m_view->setColumnWidth(c, fm.horizontalAdvance(samples[c]) + 16);

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_filterEdit, 1);
    auto *v = new QVBoxLayout(this);
    v->addLayout(top);
    v->addWidget(m_view, 1);

    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &QSortFilterProxyModel::setFilterFixedString);
    for (auto signal : {&services::Portfolio::planChanged, &services::Portfolio::contactsChanged, &services::Portfolio::activitiesChanged,
                        &services::Portfolio::whitespaceChanged, &services::Portfolio::opportunitiesChanged})
        connect(&portfolio, signal, this, &HistoryPage::markDirty);
    connect(&portfolio, &services::Portfolio::accountsUpdated, this, [this](const QList<qint64> &ids) {
        if (ids.contains(m_accountId))
            markStale();
    });
    connect(&portfolio, &services::Portfolio::healthChanged, this, [this](const QList<qint64> &ids) {
        if (ids.isEmpty() || ids.contains(m_accountId))
            markStale();
    });
    connect(&portfolio, &services::Portfolio::bookChanged, this, [this] { markStale(); });
}



void HistoryPage::rebuild()
{
    m_model->removeRows(0, m_model->rowCount());
    if (m_accountId <= 0) {
        m_summary->setText(tr("Select an account in the Portfolio"));
        return;
    }
    std::vector<services::HistoryEntry> entries;
    reportFailures(m_onError, [&] { entries = services::loadHistory(m_portfolio, m_accountId, kLimit); });
    for (const services::HistoryEntry &e : entries) {
        // By: the teammate whose change the team book brought; a change made here says so.
        auto *by = new QStandardItem(e.changedBy.isEmpty() ? tr("here") : e.changedBy);
        by->setToolTip(e.changedBy.isEmpty() ? tr("Made in this file") : tr("%1's change, from the team book").arg(e.changedBy));
        if (e.changedBy.isEmpty())
            by->setForeground(colours::ink(colours::Ink::Muted));
        QList<QStandardItem *> row{new QStandardItem(e.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))), by,
                                   new QStandardItem(e.kind), new QStandardItem(e.item), new QStandardItem(e.change),
                                   new QStandardItem(e.before), new QStandardItem(e.after)};
        row[3]->setToolTip(e.item);
        row[5]->setToolTip(e.before);
        row[6]->setToolTip(e.after);
        if (e.action == QLatin1String("added"))
            row[4]->setForeground(colours::ink(colours::Ink::Good));
        else if (e.action == QLatin1String("removed"))
            row[4]->setForeground(colours::ink(colours::Ink::Warn));
        m_model->appendRow(row);
    }
    m_summary->setText(entries.empty() ? tr("No changes recorded yet. Every change to this account's data from now on is listed here.")
                       : int(entries.size()) == kLimit ? tr("The latest %1 changes, newest first").arg(kLimit)
                       : entries.size() == 1                ? tr("1 change")
                                                            : tr("%1 changes, newest first").arg(entries.size()));
}

} // namespace keystone::app
