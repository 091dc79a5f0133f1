// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Plan hygiene: stale plans, single-threaded accounts, plans missing their parts.
#include "book/teamleadpages.h"
#include "book/bookpagesupport.h"
#include "book/accountlistfilter.h"

#include "book/bookloader.h"

#include "keystone/services/portfolio.h"

#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace keystone::app {

using namespace bookpages; // BookData, BookAccount, Cell, Row and the helpers

HygienePage::HygienePage(BookLoader &loader, QWidget *parent)
    : BookPage(loader, tr("Plan Hygiene"), parent)
{
    m_filter = new AccountListFilterBar(loader.portfolioPath(), this);
    connect(m_filter, &AccountListFilterBar::changed, this, [this] { refill(); });
    body()->addWidget(m_filter);
    m_summary = new QLabel(this);
    body()->addWidget(m_summary);
    body()->addWidget(heading(tr("Completeness and freshness by owner")));
    m_owners = new RowsModel({tr("Owner"), tr("Accounts"), tr("Mean completeness"), tr("Fresh"), tr("Stale"), tr("Fresh share"),
                              tr("Single-threaded Tier 1-2")}, this);
    QTableView *ov = makeTable(m_owners);
    ov->setAccessibleName(tr("Completeness and freshness by owner"));
    ov->setObjectName(QStringLiteral("hygieneOwners"));
    body()->addWidget(ov, 3);
    body()->addWidget(heading(tr("Single-threaded Tier 1 and Tier 2 accounts")));
    m_single = new RowsModel({tr("Account"), tr("Owner"), tr("Tier"), tr("ARR"), tr("Contacts engaged (90 days)"), tr("Plan reviewed")}, this);
    QTableView *sv = makeTable(m_single, false); // Tier 1 first, largest first
    sv->setAccessibleName(tr("Single-threaded Tier 1 and Tier 2 accounts"));
    sv->setObjectName(QStringLiteral("singleThreaded"));
    body()->addWidget(sv, 2);
}

void HygienePage::fill(const BookData &book)
{
    m_filter->setTeam(book.team);
    const AccountListFilter filter = m_filter->filter();
    std::vector<Row> rows;
    int fresh = 0, stale = 0;
    for (const auto &h : services::planHygiene(book)) {
        if (filter.ownerId != AccountListFilter::kAnyOwner && h.ownerId != filter.ownerId)
            continue; // the owner table narrows by owner only: its rows are owners
        fresh += h.fresh;
        stale += h.stale;
        const double share = h.accounts ? double(h.fresh) / h.accounts : 0;
        Row r;
        Cell shareCell = numberCell(QStringLiteral("%1%").arg(share * 100, 0, 'f', 0), share);
        if (share < 0.5)
            shareCell.foreground = warnInk();
        r.cells = {textCell(h.ownerId ? h.owner : tr("Unassigned")), numberCell(QString::number(h.accounts), h.accounts),
                   numberCell(QStringLiteral("%1%").arg(h.meanCompleteness, 0, 'f', 0), h.meanCompleteness),
                   numberCell(QString::number(h.fresh), h.fresh), numberCell(QString::number(h.stale), h.stale), shareCell,
                   numberCell(QString::number(h.singleThreadedKey), h.singleThreadedKey)};
        rows.push_back(std::move(r));
    }
    m_owners->setRows(std::move(rows));
    std::vector<Row> single;
    for (size_t i : services::singleThreadedKeyAccounts(book)) {
        const BookAccount &a = book.accounts[i];
        if (!filter.accepts(a))
            continue;
        Row r;
        r.accountId = a.row.account.id;
        r.cells = {textCell(a.row.account.name), textCell(a.row.ownerName), textCell(domain::tierName(a.row.tier)),
                   moneyCell(book, a.row.account.arr.cents), numberCell(QString::number(a.facts.depth), a.facts.depth), reviewedCell(a)};
        single.push_back(std::move(r));
    }
    m_summary->setText(tr("%1 plans fresh, %2 stale · %3 single-threaded Tier 1 and 2 accounts").arg(fresh).arg(stale).arg(single.size()));
    m_single->setRows(std::move(single));
}

} // namespace keystone::app
