// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Retention: NRR and GRR over a period, with the movements behind them.
#include "book/teamleadpages.h"
#include "book/bookpagesupport.h"

#include "book/bookloader.h"

#include "keystone/services/portfolio.h"

#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>

namespace keystone::app {

using namespace bookpages; // BookData, BookAccount, Cell, Row and the helpers

RetentionPage::RetentionPage(BookLoader &loader, QWidget *parent)
    : BookPage(loader, tr("Retention"), parent)
{
    auto *period = new QHBoxLayout;
    m_from = new QDateEdit(this);
    m_from->setAccessibleName(tr("Period from"));
    m_to = new QDateEdit(this);
    m_to->setAccessibleName(tr("Period to"));
    for (QDateEdit *e : {m_from, m_to}) {
        e->setCalendarPopup(true);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        connect(e, &QDateEdit::dateChanged, this, [this] {
            m_periodSet = true;
            refill();
        });
    }
    period->addWidget(new QLabel(tr("From:"), this));
    period->addWidget(m_from);
    period->addWidget(new QLabel(tr("To:"), this));
    period->addWidget(m_to);
    period->addStretch(1);
    body()->addLayout(period);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("retentionSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    body()->addWidget(m_summary);
    const QStringList cols{tr("Accounts"), tr("ARR at start"), tr("ARR at end"), tr("Expansion"), tr("Contraction"), tr("Churn"), tr("NRR"), tr("GRR")};
    body()->addWidget(heading(tr("By tier (tier in force today)")));
    m_byTier = new RowsModel(QStringList{tr("Tier")} + cols, this);
    QTableView *tv = makeTable(m_byTier);
    tv->setAccessibleName(tr("Retention by tier"));
    tv->setObjectName(QStringLiteral("retentionTiers"));
    tv->setFixedHeight(tv->verticalHeader()->defaultSectionSize() * 3 + tv->horizontalHeader()->sizeHint().height() + 4);
    body()->addWidget(tv);
    body()->addWidget(heading(tr("By owner")));
    m_byOwner = new RowsModel(QStringList{tr("Owner")} + cols, this);
    QTableView *ov = makeTable(m_byOwner, true, 7, Qt::AscendingOrder); // lowest NRR first
    ov->setAccessibleName(tr("Retention by owner"));
    ov->setObjectName(QStringLiteral("retentionOwners"));
    body()->addWidget(ov, 1);
    auto *note = new QLabel(tr("NRR = ARR at the end of the accounts that had ARR at the start, over their ARR at the start "
                               "(accounts new in the period are left out). GRR counts each account at no more than its start. "
                               "Healthy books run NRR above 110%."), this);
    note->setWordWrap(true);
    body()->addWidget(note);
}

void RetentionPage::setPeriod(const QDate &from, const QDate &to)
{
    const QSignalBlocker a(m_from), b(m_to);
    m_from->setDate(from);
    m_to->setDate(to);
    m_periodSet = true;
    refill();
}

QString RetentionPage::summaryText() const
{
    return m_summary->text();
}

void RetentionPage::fill(const BookData &book)
{
    if (!m_periodSet) {
        const QSignalBlocker a(m_from), b(m_to);
        m_to->setDate(book.today);
        m_from->setDate(book.today.addYears(-1));
    }
    const services::RetentionReport report = services::retentionReport(book, m_from->date(), m_to->date());
    const auto &t = report.total;
    m_summary->setText(tr("<p style='font-size:13pt'><b>NRR %1</b> &nbsp; <b>GRR %2</b> &nbsp; over %3 accounts with ARR on %4 "
                          "(%5 new since then left out)</p><p>ARR %6 → %7: expansion %8, contraction %9, churn %10.</p>")
                           .arg(percent(t.nrr), percent(t.grr))
                           .arg(t.accounts)
                           .arg(report.from.toString(Qt::ISODate))
                           .arg(t.excludedNew)
                           .arg(money(book, t.startCents), money(book, t.endCents), money(book, t.expansionCents),
                                money(book, t.contractionCents), money(book, t.churnedCents)));
    auto cells = [&](const domain::Retention &r) {
        std::vector<Cell> c{numberCell(QString::number(r.accounts), r.accounts), moneyCell(book, r.startCents), moneyCell(book, r.endCents),
                            moneyCell(book, r.expansionCents), moneyCell(book, r.contractionCents), moneyCell(book, r.churnedCents),
                            numberCell(percent(r.nrr), sortOf(r.nrr)), numberCell(percent(r.grr), sortOf(r.grr))};
        if (r.nrr && *r.nrr < 1.0)
            c[6].foreground = warnInk();
        return c;
    };
    std::vector<Row> owners;
    for (const auto &[owner, r] : report.byOwner) {
        Row row;
        row.cells = {textCell(ownerName(book, owner))};
        for (Cell &c : cells(r))
            row.cells.push_back(std::move(c));
        owners.push_back(std::move(row));
    }
    m_byOwner->setRows(std::move(owners));
    std::vector<Row> tiers;
    for (int i = 0; i < 3; ++i) {
        Row row;
        row.cells = {textCell(domain::tierName(domain::Tier(i + 1)))};
        for (Cell &c : cells(report.byTier[size_t(i)]))
            row.cells.push_back(std::move(c));
        tiers.push_back(std::move(row));
    }
    m_byTier->setRows(std::move(tiers));
}

} // namespace keystone::app
