// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// The health dashboard: accounts per band over the months, and what moved.
#include "book/teamleadpages.h"
#include "widgets/colours.h"
#include "book/bookpagesupport.h"

#include "book/bookloader.h"

#include "keystone/services/portfolio.h"
#include "keystone/domain/healthdisplay.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStackedBarSeries>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace keystone::app {

using namespace bookpages; // BookData, BookAccount, Cell, Row and the helpers

HealthDashboardPage::HealthDashboardPage(BookLoader &loader, services::Portfolio &portfolio, QWidget *parent)
    : BookPage(loader, tr("Health Dashboard"), parent)
    , m_portfolio(portfolio)
{
    auto *top = new QHBoxLayout;
    m_chart = new QChartView(this);
    m_chart->setObjectName(QStringLiteral("healthTimeline"));
    m_chart->setAccessibleName(tr("Health bands over the last 12 months"));
    m_chart->setAccessibleDescription(tr("Accounts per health band at each month end; the table beside it gives the bands now."));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(300);
    top->addWidget(m_chart, 3);
    auto *nowBox = new QVBoxLayout;
    nowBox->addWidget(heading(tr("Band distribution now")));
    m_now = new QTableWidget(services::kBandColumns + 1, 2, this);
    m_now->setAccessibleName(tr("Band distribution now"));
    m_now->setObjectName(QStringLiteral("bandsNow"));
    m_now->setHorizontalHeaderLabels({tr("Accounts"), tr("Share")});
    QStringList rows;
    for (int b = 0; b < services::kBandColumns; ++b)
        rows << services::bandColumnName(b);
    rows << tr("All");
    m_now->setVerticalHeaderLabels(rows);
    m_now->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_now->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_now->setMinimumWidth(260);
    m_now->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_now->setFixedHeight(m_now->horizontalHeader()->sizeHint().height() + (services::kBandColumns + 1) * m_now->verticalHeader()->defaultSectionSize() + 4);
    nowBox->addWidget(m_now);
    nowBox->addStretch(1);
    top->addLayout(nowBox, 1);
    body()->addLayout(top, 3);
    auto *bottom = new QHBoxLayout;
    auto *left = new QVBoxLayout;
    left->addWidget(heading(tr("Biggest decliners over the trend period, with what changed")));
    m_decliners = new RowsModel({tr("Account"), tr("Owner"), tr("Tier"), tr("Before"), tr("Now"), tr("Change"), tr("What changed")}, this);
    QTableView *dv = makeTable(m_decliners, true, 5, Qt::AscendingOrder);
    dv->setAccessibleName(tr("Biggest decliners"));
    dv->setObjectName(QStringLiteral("decliners"));
    left->addWidget(dv);
    bottom->addLayout(left, 5);
    auto *right = new QVBoxLayout;
    right->addWidget(heading(tr("Insufficient data or inputs older than 90 days")));
    m_attention = new RowsModel({tr("Account"), tr("Owner"), tr("Health"), tr("Scored on")}, this);
    QTableView *av = makeTable(m_attention);
    av->setAccessibleName(tr("Accounts lacking data"));
    av->setObjectName(QStringLiteral("attention"));
    right->addWidget(av, 1);
    auto *none = new QLabel(tr("None: every scored account has enough data, entered within the last 90 days."), this);
    none->setObjectName(QStringLiteral("attentionNone"));
    none->setWordWrap(true);
    none->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    right->addWidget(none, 1);
    connect(m_attention, &QAbstractItemModel::modelReset, this, [this, av, none] {
        const bool empty = m_attention->rowCount() == 0;
        av->setVisible(!empty);
        none->setVisible(empty);
    });
    bottom->addLayout(right, 2);
    body()->addLayout(bottom, 2);
}

QString HealthDashboardPage::chartTitle() const
{
    return m_chart->chart() ? m_chart->chart()->title() : QString();
}

QStringList HealthDashboardPage::chartAxisTitles() const
{
    QStringList out;
    if (QChart *c = m_chart->chart())
        for (Qt::Alignment a : {Qt::AlignBottom, Qt::AlignLeft})
            for (QAbstractAxis *axis : c->axes(a == Qt::AlignBottom ? Qt::Horizontal : Qt::Vertical))
                out << axis->titleText();
    return out;
}

int HealthDashboardPage::chartMonths() const
{
    if (QChart *c = m_chart->chart())
        for (QAbstractAxis *axis : c->axes(Qt::Horizontal))
            if (auto *cat = qobject_cast<QBarCategoryAxis *>(axis))
                return int(cat->count());
    return 0;
}

void HealthDashboardPage::fill(const BookData &book)
{
    // Distribution now.
    const auto dist = services::healthDistribution(book);
    int total = 0;
    for (int n : dist)
        total += n;
    for (int b = 0; b <= services::kBandColumns; ++b) {
        const int n = b < services::kBandColumns ? dist[size_t(b)] : total;
        auto *count = new QTableWidgetItem(QString::number(n));
        count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto *share = new QTableWidgetItem(total ? QStringLiteral("%1%").arg(100.0 * n / total, 0, 'f', 1) : QStringLiteral("—"));
        share->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (b < services::kBandColumns) {
            count->setBackground(bandTint(b));
            share->setBackground(bandTint(b));
        }
        m_now->setItem(b, 0, count);
        m_now->setItem(b, 1, share);
    }

    // Twelve months of bands, stacked.
    auto *chart = new QChart;
    colours::styleChart(chart, palette());
    chart->setTitle(tr("Health bands at each month end (accounts)"));
    auto *series = new QStackedBarSeries;
    QStringList months;
    for (const auto &m : m_loader.timeline())
        months << QLocale(QLocale::English).toString(m.date, QStringLiteral("MMM yy"));
    for (int b = 0; b < services::kBandColumns; ++b) {
        auto *set = new QBarSet(services::bandColumnName(b));
        set->setColor(kBandBar[size_t(b)]);
        set->setBorderColor(kBandBar[size_t(b)].darker(115));
        for (const auto &m : m_loader.timeline())
            *set << m.counts[size_t(b)];
        series->append(set);
    }
    chart->addSeries(series);
    auto *x = new QBarCategoryAxis;
    x->append(months);
    x->setTitleText(tr("Month end"));
    auto *y = new QValueAxis;
    y->setTitleText(tr("Accounts"));
    y->setLabelFormat(QStringLiteral("%d"));
    int maxTotal = 0;
    for (const auto &m : m_loader.timeline()) {
        int s = 0;
        for (int n : m.counts)
            s += n;
        maxTotal = std::max(maxTotal, s);
    }
    y->setRange(0, std::max(1, maxTotal));
    y->applyNiceNumbers();
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    chart->legend()->setAlignment(Qt::AlignBottom);
    QChart *old = m_chart->chart();
    m_chart->setChart(chart);
    delete old;

    std::vector<Row> rows;
    for (const auto &d : m_loader.decliners()) {
        if (d.account >= book.accounts.size())
            continue;
        const BookAccount &a = book.accounts[d.account];
        Row r;
        r.accountId = a.row.account.id;
        // (The scores as everywhere; the change between the two numbers shown.)
        const int shownChange = domain::shownHealthScore(d.now) - domain::shownHealthScore(d.before);
        Cell change = numberCell(QString::number(shownChange), d.now - d.before);
        change.foreground = warnInk();
        r.cells = {textCell(a.row.account.name), textCell(a.row.ownerName), textCell(domain::tierName(a.row.tier)),
                   numberCell(domain::formatHealthScore(d.before), d.before), numberCell(domain::formatHealthScore(d.now), d.now), change,
                   textCell(d.whatChanged)};
        r.toolTip = tr("%1: %2 → %3\nWhat changed: %4").arg(a.row.account.name).arg(domain::formatHealthScore(d.before), domain::formatHealthScore(d.now), d.whatChanged);
        rows.push_back(std::move(r));
    }
    m_decliners->setRows(std::move(rows));

    std::vector<Row> attention;
    for (const BookAccount &a : book.accounts) {
        if (a.row.account.arr.cents == 0)
            continue;
        const bool insufficient = !a.band || *a.band == domain::HealthBand::InsufficientData;
        const bool dated = a.healthDate.isValid() && a.healthDate.daysTo(book.today) > 90;
        if (!insufficient && !dated)
            continue;
        Row r;
        r.accountId = a.row.account.id;
        r.cells = {textCell(a.row.account.name), textCell(a.row.ownerName), bandCell(a.band), dateCell(a.healthDate)};
        attention.push_back(std::move(r));
    }
    m_attention->setRows(std::move(attention));
}

} // namespace keystone::app
