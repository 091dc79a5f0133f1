// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Renewals: the accounts that renew in the coming months, with their health and plan.
#include "book/teamleadpages.h"
#include "book/bookpagesupport.h"

#include "book/accountlistfilter.h"
#include "book/bookloader.h"

#include "keystone/services/portfolio.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QTableView>

namespace keystone::app {

using namespace bookpages; // BookData, BookAccount, Cell, Row and the helpers

RenewalsPage::RenewalsPage(BookLoader &loader, QWidget *parent)
    : BookPage(loader, tr("Renewals"), parent)
{
    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Renewing within"), this));
    m_days = new QSpinBox(this);
    m_days->setAccessibleName(tr("Renewing within days"));
    m_days->setRange(7, 730);
    m_days->setValue(180);
    m_days->setSuffix(tr(" days"));
    connect(m_days, &QSpinBox::valueChanged, this, [this] { refill(); });
    bar->addWidget(m_days);
    m_summary = new QLabel(this);
    bar->addSpacing(16);
    bar->addWidget(m_summary, 1);
    body()->addLayout(bar);
    m_filter = new AccountListFilterBar(loader.portfolioPath(), this);
    connect(m_filter, &AccountListFilterBar::changed, this, [this] { refill(); });
    body()->addWidget(m_filter);
    m_rows = new RowsModel({tr("Account"), tr("Owner"), tr("Tier"), tr("ARR"), tr("Renewal"), tr("Days"), tr("Health"), tr("Plan reviewed"),
                            tr("Renewal work")}, this);
    QTableView *view = makeTable(m_rows, false); // overdue first, then soonest: the order is the point
    view->setAccessibleName(tr("Renewals"));
    view->setObjectName(QStringLiteral("renewals"));
    body()->addWidget(view, 1);
}

void RenewalsPage::fill(const BookData &book)
{
    const auto list = services::renewals(book, m_days->value());
    m_filter->setTeam(book.team);
    const AccountListFilter filter = m_filter->filter();
    std::vector<Row> rows;
    int overdue = 0, unattended = 0;
    qint64 arr = 0;
    for (const auto &r : list) {
        const BookAccount &a = book.accounts[r.account];
        if (!filter.accepts(a))
            continue;
        Row row;
        row.accountId = a.row.account.id;
        Cell days = numberCell(r.daysToRenewal < 0 ? tr("%1 overdue").arg(-r.daysToRenewal) : QString::number(r.daysToRenewal), r.daysToRenewal);
        if (r.daysToRenewal < 0) {
            days.background = overloadTint();
            ++overdue;
        }
        Cell work = textCell(r.workStarted ? tr("Started") : tr("Not started"));
        if (!r.workStarted && r.daysToRenewal <= 120) {
            work.foreground = warnInk();
            ++unattended;
        }
        arr += a.row.account.arr.cents;
        row.cells = {textCell(a.row.account.name), textCell(a.row.ownerName), textCell(domain::tierName(a.row.tier)),
                     moneyCell(book, a.row.account.arr.cents), dateCell(a.row.account.renewalDate), days, bandCell(a.band), reviewedCell(a), work};
        rows.push_back(std::move(row));
    }
    m_summary->setText((filter.isEmpty() ? QString() : tr("Filtered: ")) + tr("%1 renewals worth %2 · %3 overdue · %4 within 120 days with no renewal work")
                           .arg(rows.size())
                           .arg(money(book, arr))
                           .arg(overdue)
                           .arg(unattended));
    m_rows->setRows(std::move(rows));
}

} // namespace keystone::app
