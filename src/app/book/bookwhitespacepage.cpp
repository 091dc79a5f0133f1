// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "book/bookwhitespacepage.h"
#include "widgets/colours.h"

#include "book/bookaccountsmodel.h"
#include "widgets/accountlist.h"
#include "portfolio/portfoliomodel.h"

#include "keystone/domain/money.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/queries.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace keystone::app {

namespace {
constexpr int GroupRole = Qt::UserRole + 1;   // matrix row index (-1 = totals)
constexpr int ProductRole = Qt::UserRole + 2; // matrix column index (-1 = totals)
} // namespace

BookWhitespacePage::BookWhitespacePage(services::Portfolio &portfolio, PortfolioModel &accounts, QWidget *parent)
    : LazyPage(parent)
    , m_portfolio(portfolio)
    , m_accounts(accounts)
{
    auto *title = new QLabel(tr("Whitespace across the book"), this);
    title->setStyleSheet(QStringLiteral("font-size: 16pt; font-weight: 600;"));
    m_summary = new QLabel(this);
    m_summary->setStyleSheet(QStringLiteral("font-size: 11pt;"));
    m_groupCombo = new QComboBox(this);
    m_groupCombo->addItem(tr("Industry"));
    m_groupCombo->addItem(tr("Tier"));
    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(new QLabel(tr("Rows:"), this));
    top->addWidget(m_groupCombo);

    m_matrixModel = new QStandardItemModel(this);
    m_matrixView = new QTableView(this);
    m_matrixView->setAccessibleName(tr("Open whitespace by product"));
    m_matrixView->setModel(m_matrixModel);
    m_matrixView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_matrixView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_matrixView->setWordWrap(false);
    const QFontMetrics fm = m_matrixView->fontMetrics();
    m_matrixView->horizontalHeader()->setDefaultSectionSize(
        std::max(fm.horizontalAdvance(QStringLiteral("$12.5M (9,999)")), fm.horizontalAdvance(QStringLiteral("Integration Hub"))) + 16);
    m_matrixView->horizontalHeader()->setMinimumHeight(2 * fm.height() + 12);
    m_matrixView->verticalHeader()->setMinimumWidth(fm.horizontalAdvance(QStringLiteral("Professional Services")) + 16);
    m_matrixView->verticalHeader()->setDefaultSectionSize(fm.height() + 12);

    m_accountsTitle = new QLabel(this);
    m_accountsTitle->setStyleSheet(QStringLiteral("font-size: 11pt; font-weight: 600;"));
    m_accountsModel = new BookAccountsModel(accounts, this);
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_accountsModel);
    proxy->setSortRole(BookAccountsModel::SortRole);
    m_accountsView = new QTableView(this);
    m_accountsView->setAccessibleName(tr("Accounts with open whitespace"));
    m_accountsView->setModel(proxy);
    m_accountsView->setSortingEnabled(true);
    m_accountsView->sortByColumn(BookAccountsModel::OpenWhitespace, Qt::DescendingOrder);
    m_accountsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_accountsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_accountsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_accountsView->setAlternatingRowColors(true);
    m_accountsView->verticalHeader()->hide();
    m_accountsView->verticalHeader()->setDefaultSectionSize(fm.height() + 8);
    m_accountsView->horizontalHeader()->setSectionResizeMode(BookAccountsModel::Name, QHeaderView::Stretch);
    const QString samples[] = {QStringLiteral("Northwind Logistics Holdings"), QStringLiteral("Tomás Johansson"), QStringLiteral("Tier 3"),
                               QStringLiteral("Professional Services"), QStringLiteral("Open whitespace"), QStringLiteral("$12,000,000")};
    for (int c = 0; c < BookAccountsModel::ColumnCount; ++c)
        m_accountsView->setColumnWidth(c, fm.horizontalAdvance(samples[c]) + 24);

    auto *lower = new QWidget(this);
    auto *lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(m_accountsTitle);
    lowerLayout->addWidget(m_accountsView, 1);
    lowerLayout->addWidget(new QLabel(tr("Double-click an account (or press Enter) to open its whitespace grid."), lower));
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->addWidget(m_matrixView);
    m_splitter->addWidget(lower);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(top);
    layout->addWidget(m_splitter, 1);

    connect(m_groupCombo, &QComboBox::currentIndexChanged, this,
            [this](int i) { setGrouping(i == 1 ? services::WhitespaceGrouping::Tier : services::WhitespaceGrouping::Industry); });
    connect(m_matrixView->selectionModel(), &QItemSelectionModel::currentChanged, this, &BookWhitespacePage::showAccountsOfCurrentCell);
    new AccountListActions(m_accountsView, BookAccountsModel::AccountIdRole, [this](qint64 id) { Q_EMIT openAccount(id); });
    // Whitespace, catalog and segmentation changes make the cached sums stale.
    connect(&portfolio, &services::Portfolio::whitespaceChanged, this, &BookWhitespacePage::markDirty);
    connect(&portfolio, &services::Portfolio::catalogChanged, this, &BookWhitespacePage::markDirty);
    connect(&portfolio, &services::Portfolio::accountsAdded, this, &BookWhitespacePage::markDirty);
    connect(&portfolio, &services::Portfolio::accountsRemoved, this, &BookWhitespacePage::markDirty);
    connect(&portfolio, &services::Portfolio::accountsUpdated, this, &BookWhitespacePage::markDirty);
    connect(&portfolio, &services::Portfolio::bookChanged, this, &BookWhitespacePage::markDirty);
    connect(&portfolio, &services::Portfolio::settingsChanged, this, &BookWhitespacePage::markDirty);
}

BookWhitespacePage::~BookWhitespacePage() = default;

void BookWhitespacePage::markDirty()
{
    if (!isVisible()) {
        markStale(); // reloads when shown
        return;
    }
    // While shown, coalesce a burst of change events (an undo of many edits) into one reload.
    if (m_reloadQueued)
        return;
    m_reloadQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_reloadQueued = false;
        markStale();
    });
}

void BookWhitespacePage::rebuild()
{
    m_entries = services::query::openWhitespace(m_portfolio);
    regroup();
}

void BookWhitespacePage::setGrouping(services::WhitespaceGrouping grouping)
{
    m_grouping = grouping;
    const QSignalBlocker block(m_groupCombo);
    m_groupCombo->setCurrentIndex(grouping == services::WhitespaceGrouping::Tier ? 1 : 0);
    if (isStale())
        reload();
    else
        regroup();
}

QString BookWhitespacePage::groupOf(qint64 accountId) const
{
    const int row = m_accounts.rowOfId(accountId);
    if (row < 0)
        return {};
    const services::AccountRow &r = m_accounts.rowAt(row);
    if (m_grouping == services::WhitespaceGrouping::Tier)
        return domain::tierName(r.tier);
    return r.account.industry.isEmpty() ? services::noIndustryLabel() : r.account.industry;
}

void BookWhitespacePage::regroup()
{
    std::vector<QString> fixed;
    if (m_grouping == services::WhitespaceGrouping::Tier)
        for (int t = 1; t <= 3; ++t)
            fixed.push_back(domain::tierName(domain::Tier(t)));
    m_matrix = services::groupOpenWhitespace(services::query::products(m_portfolio), m_entries,
                                             [this](qint64 id) { return groupOf(id); }, fixed);
    const QString currency = m_accounts.currency();
    const int groups = int(m_matrix.groups.size());
    const int products = int(m_matrix.products.size());
    const QModelIndex previous = m_matrixView->currentIndex();
    m_matrixModel->clear();
    m_matrixModel->setRowCount(groups + 1);
    m_matrixModel->setColumnCount(products + 1);
    for (int c = 0; c < products; ++c)
        m_matrixModel->setHorizontalHeaderItem(c, new QStandardItem(m_matrix.products[size_t(c)].family + QLatin1Char('\n')
                                                                    + m_matrix.products[size_t(c)].name));
    m_matrixModel->setHorizontalHeaderItem(products, new QStandardItem(tr("\nTotal")));
    for (int r = 0; r < groups; ++r)
        m_matrixModel->setVerticalHeaderItem(r, new QStandardItem(m_matrix.groups[size_t(r)]));
    m_matrixModel->setVerticalHeaderItem(groups, new QStandardItem(tr("Total")));
    // Heat: the cell's share of the largest cell tints it; totals are bold and untinted.
    qint64 largest = 1;
    for (const auto &row : m_matrix.openCents)
        for (qint64 v : row)
            largest = std::max(largest, v);
    QFont bold = font();
    bold.setBold(true);
    auto cell = [&](int r, int c, qint64 cents, int accounts, bool total) {
        auto *item = new QStandardItem(cents > 0 ? QStringLiteral("%1 (%2)").arg(domain::formatMoneyShort(cents, currency)).arg(accounts)
                                                 : QStringLiteral("–"));
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        item->setData(r < groups ? r : -1, GroupRole);
        item->setData(c < products ? c : -1, ProductRole);
        item->setToolTip(tr("%1 open whitespace in %2 account(s)").arg(domain::formatMoney(cents, currency)).arg(accounts));
        if (total) {
            item->setFont(bold);
        } else if (cents > 0) {
            // Square root: small cells stay visible next to one dominant cell.
            const double share = std::sqrt(double(cents) / double(largest));
            item->setBackground(colours::heat(share));
        }
        m_matrixModel->setItem(r, c, item);
    };
    // Accounts per total: each account counts once per row or column.
    std::vector<QSet<qint64>> rowAccounts(size_t(groups) + 1), columnAccounts(size_t(products) + 1);
    {
        QHash<qint64, int> column;
        for (int c = 0; c < products; ++c)
            column.insert(m_matrix.products[size_t(c)].id, c);
        QHash<QString, int> row;
        for (int r = 0; r < groups; ++r)
            row.insert(m_matrix.groups[size_t(r)], r);
        for (const auto &e : m_entries) {
            const auto c = column.constFind(e.productId);
            const auto r = row.constFind(groupOf(e.accountId));
            if (c == column.constEnd() || r == row.constEnd() || e.openCents <= 0)
                continue;
            rowAccounts[size_t(*r)].insert(e.accountId);
            columnAccounts[size_t(*c)].insert(e.accountId);
            rowAccounts[size_t(groups)].insert(e.accountId);
        }
    }
    for (int r = 0; r < groups; ++r) {
        for (int c = 0; c < products; ++c)
            cell(r, c, m_matrix.openCents[size_t(r)][size_t(c)], m_matrix.accounts[size_t(r)][size_t(c)], false);
        cell(r, products, m_matrix.rowTotal(size_t(r)), int(rowAccounts[size_t(r)].size()), true);
    }
    for (int c = 0; c < products; ++c)
        cell(groups, c, m_matrix.columnTotal(size_t(c)), int(columnAccounts[size_t(c)].size()), true);
    cell(groups, products, m_matrix.totalCents, int(rowAccounts[size_t(groups)].size()), true);

    m_summary->setText(tr("Open whitespace <b>%1</b> in %2 accounts · cells show open whitespace (accounts); "
                          "select one to list its accounts")
                           .arg(domain::formatMoney(m_matrix.totalCents, currency))
                           .arg(rowAccounts[size_t(groups)].size()));
    // Numbers are never cut: each column is as wide as its widest cell (totals in bold) or
    // header line, measured over the matrix's few cells.
    const QFontMetrics plainFm(m_matrixView->font()), boldFm(bold);
    for (int c = 0; c <= products; ++c) {
        int widest = m_matrixView->horizontalHeader()->defaultSectionSize() - 16;
        for (const QString &line : m_matrixModel->horizontalHeaderItem(c)->text().split(QLatin1Char('\n')))
            widest = std::max(widest, boldFm.horizontalAdvance(line));
        for (int r = 0; r <= groups; ++r)
            if (const QStandardItem *item = m_matrixModel->item(r, c))
                widest = std::max(widest, (item->font().bold() ? boldFm : plainFm).horizontalAdvance(item->text()));
        m_matrixView->setColumnWidth(c, widest + 16);
    }
    const QModelIndex again = m_matrixModel->index(std::min(previous.isValid() ? previous.row() : groups, groups),
                                                   std::min(previous.isValid() ? previous.column() : products, products));
    m_matrixView->setCurrentIndex(again);
    // Give the matrix the height of its rows (up to 60% of the page); the accounts get the rest.
    const int wanted = m_matrixView->horizontalHeader()->height() + (groups + 1) * m_matrixView->verticalHeader()->defaultSectionSize()
                       + 2 * m_matrixView->frameWidth() + m_matrixView->horizontalScrollBar()->sizeHint().height();
    const int available = std::max(200, m_splitter->height());
    const int top = std::min(wanted, available * 3 / 5);
    m_splitter->setSizes({top, available - top});
    m_matrixView->scrollToTop();
    showAccountsOfCurrentCell();
}

void BookWhitespacePage::selectCell(int group, int product)
{
    m_matrixView->setCurrentIndex(m_matrixModel->index(group, product));
}

void BookWhitespacePage::showAccountsOfCurrentCell()
{
    const QModelIndex index = m_matrixView->currentIndex();
    if (!index.isValid()) {
        m_accountsModel->setEntries({});
        m_accountsTitle->clear();
        return;
    }
    const int group = index.data(GroupRole).toInt();
    const int product = index.data(ProductRole).toInt();
    const qint64 productId = product >= 0 ? m_matrix.products[size_t(product)].id : 0;
    const QString groupName = group >= 0 ? m_matrix.groups[size_t(group)] : QString();
    // Sum per account over the selected product(s) within the selected group(s).
    QHash<qint64, qint64> sums;
    std::vector<qint64> order;
    QHash<qint64, bool> known; // product ids in the catalog
    for (const auto &p : m_matrix.products)
        known.insert(p.id, true);
    for (const auto &e : m_entries) {
        if (e.openCents <= 0 || !known.contains(e.productId) || (productId > 0 && e.productId != productId))
            continue;
        const QString g = groupOf(e.accountId);
        if (g.isEmpty() || (!groupName.isEmpty() && g != groupName))
            continue;
        auto it = sums.find(e.accountId);
        if (it == sums.end()) {
            sums.insert(e.accountId, e.openCents);
            order.push_back(e.accountId);
        } else {
            *it += e.openCents;
        }
    }
    std::vector<BookAccountsModel::Entry> entries;
    entries.reserve(order.size());
    for (qint64 id : order)
        entries.push_back({id, sums.value(id)});
    m_accountsModel->setEntries(std::move(entries));
    const QString what = product >= 0 ? m_matrix.products[size_t(product)].name : tr("all products");
    const QString where = group >= 0 ? groupName : tr("the whole book");
    m_accountsTitle->setText(tr("%1 accounts with open whitespace in %2 · %3").arg(m_accountsModel->rowCount()).arg(what, where));
}

} // namespace keystone::app
