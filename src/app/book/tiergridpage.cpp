// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// The tier grid: tiers x health bands, the scatter of revenue against growth potential, moving accounts between tiers.
#include "book/teamleadpages.h"
#include "widgets/viewmemory.h"
#include "widgets/colours.h"
#include "book/bookpagesupport.h"

#include "book/bookloader.h"
#include "book/tierscatter.h"

#include "keystone/domain/money.h"
#include "keystone/services/accountservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/queries.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

namespace keystone::app {

using namespace bookpages; // BookData, BookAccount, Cell, Row and the helpers

TierGridPage::TierGridPage(BookLoader &loader, BookEditContext edit, QWidget *parent)
    : BookPage(loader, tr("Tier Grid"), parent)
    , m_edit(std::move(edit))
{
    auto *filters = new QHBoxLayout;
    m_owner = new QComboBox(this);
    m_owner->setObjectName(QStringLiteral("ownerFilter"));
    m_region = new QComboBox(this);
    m_industry = new QComboBox(this);
    for (auto [label, combo] : {std::pair{tr("Owner:"), m_owner}, std::pair{tr("Region:"), m_region}, std::pair{tr("Industry:"), m_industry}}) {
        filters->addWidget(new QLabel(label, this));
        combo->setMinimumWidth(150);
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        filters->addWidget(combo);
        connect(combo, &QComboBox::activated, this, [this] { refill(); });
    }
    filters->addStretch(1);
    body()->addLayout(filters);

    auto *split = new QSplitter(Qt::Horizontal, this);
    m_scatter = new TierScatter(split);
    connect(m_scatter, &TierScatter::accountClicked, this, &BookPage::openAccount);
    auto *right = new QWidget(split);
    auto *rl = new QVBoxLayout(right);
    rl->setContentsMargins(8, 0, 0, 0);
    rl->addWidget(heading(tr("Accounts by tier and health band (count · ARR)")));
    m_table = new QTableWidget(4, services::kBandColumns + 1, right);
    m_table->setAccessibleName(tr("Accounts by tier and health band"));
    m_table->setObjectName(QStringLiteral("tierBandTable"));
    // The band names are the app's one set (the chart's legend, the dashboards, the CLI).
    m_table->setHorizontalHeaderLabels({tr("Green"), tr("Yellow"), tr("Red"), tr("Insufficient\ndata"), tr("Not\nscored"), tr("All")});
    m_table->horizontalHeaderItem(3)->setToolTip(tr("Insufficient data: confidence under 60%"));
    m_table->horizontalHeaderItem(4)->setToolTip(tr("No health score stored yet"));
    m_table->setVerticalHeaderLabels({tr("Tier 1"), tr("Tier 2"), tr("Tier 3"), tr("All")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->setDefaultSectionSize(2 * m_table->fontMetrics().height() + 10);
    m_table->setFixedHeight(m_table->horizontalHeader()->sizeHint().height() + 4 * m_table->verticalHeader()->defaultSectionSize() + 4);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row, int column) {
        if (row < 0)
            return;
        m_cellTier = row < 3 ? row + 1 : 0;
        m_cellBand = column;
        showCellAccounts();
    });
    rl->addWidget(m_table);
    m_cellTitle = heading(QString());
    rl->addWidget(m_cellTitle);
    m_accounts = new RowsModel({tr("Account"), tr("Owner"), tr("Tier"), tr("Health"), tr("ARR"), tr("Tier reason")}, this);
    m_accountsView = makeTable(m_accounts, true, 4, Qt::DescendingOrder);
    m_accountsView->setAccessibleName(tr("Accounts of the selected cell"));
    m_accountsView->setObjectName(QStringLiteral("tierAccounts"));
    rl->addWidget(m_accountsView, 1);
    auto *buttons = new QHBoxLayout;
    m_move = new QPushButton(tr("Move to Tier…"), right);
    m_move->setToolTip(tr("Set the tier of the selected accounts by hand, with a reason that is kept"));
    connect(m_move, &QPushButton::clicked, this, [this] {
        QDialog dialog(this);
        dialog.setWindowTitle(tr("Move to Tier"));
        auto *form = new QFormLayout(&dialog);
        auto *tier = new QComboBox(&dialog);
        tier->addItems({tr("Tier 1"), tr("Tier 2"), tr("Tier 3")});
        auto *reason = new QLineEdit(&dialog);
        reason->setPlaceholderText(tr("Why this tier (kept with the account)"));
        reason->setMinimumWidth(320);
        auto *error = new QLabel(&dialog);
        colours::follow(error, [error] { error->setStyleSheet(QStringLiteral("color: %1;").arg(colours::inkName(colours::Ink::Warn))); });
        error->hide();
        form->addRow(tr("Tier:"), tier);
        form->addRow(tr("Reason:"), reason);
        form->addRow(error);
        auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
        form->addRow(box);
        connect(box, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
        connect(box, &QDialogButtonBox::accepted, &dialog, [&] {
            if (reason->text().trimmed().isEmpty()) {
                error->setText(tr("Give a reason: it is kept with the account and shown in its history."));
                error->show();
                return;
            }
            dialog.accept();
        });
        if (dialog.exec() == QDialog::Accepted)
            moveSelectedTo(tier->currentIndex() + 1, reason->text().trimmed());
    });
    buttons->addStretch(1);
    buttons->addWidget(m_move);
    rl->addLayout(buttons);
    split->addWidget(m_scatter);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setObjectName(QStringLiteral("tierGridSplit"));
    rememberSplitter(split, QStringLiteral("tier-grid"));
    body()->addWidget(split, 1);
}

services::BookFilter TierGridPage::filter() const
{
    services::BookFilter f;
    f.ownerId = m_owner->currentData().toLongLong();
    f.region = m_region->currentIndex() > 0 ? m_region->currentText() : QString();
    f.industry = m_industry->currentIndex() > 0 ? m_industry->currentText() : QString();
    return f;
}

void TierGridPage::setOwnerFilter(qint64 ownerId)
{
    const int i = m_owner->findData(ownerId);
    if (i >= 0) {
        m_owner->setCurrentIndex(i);
        refill();
    }
}

void TierGridPage::selectCell(int tier, int band)
{
    m_table->setCurrentCell(tier >= 1 && tier <= 3 ? tier - 1 : 3, band);
}

void TierGridPage::fill(const BookData &book)
{
    // Filter choices from the book, keeping the current choice.
    auto refillCombo = [](QComboBox *combo, const QStringList &items) {
        const QString keep = combo->currentText();
        combo->clear();
        combo->addItem(tr("All"));
        combo->addItems(items);
        const int i = combo->findText(keep);
        combo->setCurrentIndex(i > 0 ? i : 0);
    };
    if (m_owner->count() == 0 || m_owner->count() != int(book.team.size()) + 2) {
        const qint64 keep = m_owner->currentData().toLongLong();
        m_owner->clear();
        m_owner->addItem(tr("All"), qint64(0));
        for (const auto &m : book.team)
            m_owner->addItem(m.name, m.id);
        m_owner->addItem(tr("Unassigned"), qint64(-1));
        m_owner->setCurrentIndex(std::max(0, m_owner->findData(keep)));
    }
    std::set<QString> regions, industries;
    for (const BookAccount &a : book.accounts) {
        regions.insert(a.row.account.region);
        industries.insert(a.row.account.industry);
    }
    if (m_region->count() != int(regions.size()) + 1)
        refillCombo(m_region, QStringList(regions.begin(), regions.end()));
    if (m_industry->count() != int(industries.size()) + 1)
        refillCombo(m_industry, QStringList(industries.begin(), industries.end()));

    startFilling();
}

void TierGridPage::showCellAccounts()
{
    if (book())
        startFilling();
}

// Everything the tier grid shows, computed on a worker.
struct TierGridContent {
    std::vector<TierScatter::Point> points;
    int notPlotted = 0; // accounts with no ARR
    services::TierBandTable table;
    std::vector<Row> rows;
};

void TierGridPage::startFilling()
{
    services::BookFilter f = filter();
    const bool unassigned = f.ownerId == -1;
    if (unassigned)
        f.ownerId = 0;
    const int cellTier = m_cellTier, cellBand = m_cellBand;
    const int sortColumn = m_accounts->sortColumn();
    const Qt::SortOrder sortOrder = m_accounts->sortOrder();
    const std::shared_ptr<const BookData> shared = sharedBook();
    prepareOffThread([this, shared, f, unassigned, cellTier, cellBand, sortColumn, sortOrder]() -> std::function<void()> {
        const BookData &book = *shared;
        auto content = std::make_shared<TierGridContent>();
        const auto &seg = book.settings.segmentation;
        for (const BookAccount &a : book.accounts) {
            if (!f.matches(a) || (unassigned && a.row.account.ownerId != 0))
                continue;
            const size_t tier = size_t(int(a.row.tier) - 1), band = size_t(services::bandColumn(a.band));
            ++content->table.counts[tier][band];
            content->table.arrCents[tier][band] += a.row.account.arr.cents;
            if ((cellTier <= 0 || int(a.row.tier) == cellTier) && (cellBand >= services::kBandColumns || int(band) == cellBand)) {
                Row r;
                r.accountId = a.row.account.id;
                r.cells = {textCell(a.row.account.name), textCell(a.row.ownerName),
                           textCell(domain::tierName(a.row.tier) + (a.row.account.tierOverride ? tr(" (set)") : QString())), bandCell(a.band),
                           moneyCell(book, a.row.account.arr.cents), textCell(a.row.account.tierOverrideReason)};
                content->rows.push_back(std::move(r));
            }
            if (a.row.account.arr.cents <= 0) {
                ++content->notPlotted; // churned: no place on a log scale; the legend says so
                continue;
            }
            const double arr = double(a.row.account.arr.cents) / 100.0;
            double potential = double(a.row.account.potentialRating) / std::max(1, seg.potentialRatingMin);
            if (a.row.expansion.assessedCells > 0 && seg.whitespaceRatio > 0)
                potential = std::max(potential, double(a.row.expansion.openWhitespaceCents) / double(a.row.account.arr.cents) / seg.whitespaceRatio);
            content->points.push_back({a.row.account.id,
                                       tr("%1\n%2 · %3 · %4\nARR %5 · potential rating %6")
                                           .arg(a.row.account.name, domain::tierName(a.row.tier), domain::quadrantName(a.row.segment.quadrant),
                                                services::bandColumnName(int(band)), money(book, a.row.account.arr.cents))
                                           .arg(a.row.account.potentialRating),
                                       arr, potential, int(band)});
        }
        RowsModel::sortRows(content->rows, sortColumn, sortOrder);
        return [this, shared, content, cellTier, cellBand, sortColumn, sortOrder] { applyContent(*shared, *content, cellTier, cellBand, sortColumn, sortOrder); };
    });
}

void TierGridPage::applyContent(const BookData &book, TierGridContent &content, int cellTier, int cellBand, int sortColumn, Qt::SortOrder sortOrder)
{
    m_scatter->setPoints(std::move(content.points), double(book.thresholdCents) / 100.0, book.currency, content.notPlotted);
    const services::TierBandTable &t = content.table;
    std::array<int, services::kBandColumns + 1> colCount{};
    std::array<qint64, services::kBandColumns + 1> colArr{};
    const auto setCell = [this, &book](int row, int column, int count, qint64 arr, bool total) {
        auto *item = new QTableWidgetItem(QStringLiteral("%1\n%2").arg(count).arg(domain::formatMoneyShort(arr, book.currency)));
        item->setTextAlignment(Qt::AlignCenter);
        if (total) {
            QFont bold = item->font();
            bold.setBold(true);
            item->setFont(bold);
        }
        m_table->setItem(row, column, item);
    };
    for (int r = 0; r < 3; ++r) {
        int rowCount = 0;
        qint64 rowArr = 0;
        for (int b = 0; b < services::kBandColumns; ++b) {
            const int n = t.counts[size_t(r)][size_t(b)];
            const qint64 arr = t.arrCents[size_t(r)][size_t(b)];
            rowCount += n;
            rowArr += arr;
            colCount[size_t(b)] += n;
            colArr[size_t(b)] += arr;
            setCell(r, b, n, arr, false);
        }
        colCount[services::kBandColumns] += rowCount;
        colArr[services::kBandColumns] += rowArr;
        setCell(r, services::kBandColumns, rowCount, rowArr, true);
    }
    for (int b = 0; b <= services::kBandColumns; ++b)
        setCell(3, b, colCount[size_t(b)], colArr[size_t(b)], true);
    // Numbers are never cut: every column is at least as wide as its widest line (24 cells,
    // measured here, not by ResizeToContents), and the table asks its panel for that room.
    QFont bold = m_table->font();
    bold.setBold(true);
    const QFontMetrics plainFm(m_table->font()), boldFm(bold);
    int widest = 0;
    for (int r = 0; r < m_table->rowCount(); ++r)
        for (int c = 0; c < m_table->columnCount(); ++c)
            if (const QTableWidgetItem *item = m_table->item(r, c))
                for (const QString &line : item->text().split(QLatin1Char('\n')))
                    widest = std::max(widest, (item->font().bold() ? boldFm : plainFm).horizontalAdvance(line));
    for (int c = 0; c < m_table->columnCount(); ++c)
        for (const QString &line : m_table->horizontalHeaderItem(c)->text().split(QLatin1Char('\n')))
            widest = std::max(widest, boldFm.horizontalAdvance(line));
    m_table->horizontalHeader()->setMinimumSectionSize(widest + 14);
    m_table->setMinimumWidth(m_table->verticalHeader()->sizeHint().width() + m_table->columnCount() * (widest + 14) + 2 * m_table->frameWidth() + 2);

    const QString tierText = cellTier > 0 ? tr("Tier %1").arg(cellTier) : tr("All tiers");
    const QString bandText = cellBand < services::kBandColumns ? services::bandColumnName(cellBand) : tr("all bands");
    m_cellTitle->setText(tr("%1, %2: %3 accounts (double-click opens one)").arg(tierText, bandText).arg(content.rows.size()));
    m_accounts->setRows(std::move(content.rows), sortColumn, sortOrder);
}

bool TierGridPage::moveSelectedTo(int tier, const QString &reason)
{
    QList<qint64> ids;
    for (const QModelIndex &i : m_accountsView->selectionModel()->selectedRows())
        ids << i.data(RowsModel::AccountIdRole).toLongLong();
    if (ids.isEmpty() || tier < 1 || tier > 3)
        return false;
    // One transaction for the whole selection (all or none), one undo step that puts back
    // exactly the rows it wrote.
    services::Portfolio &portfolio = m_edit.portfolio;
    std::unique_ptr<RecordedCommand> command;
    auto changed = std::make_shared<int>(0); // the step outlives this call (redo runs it again)
    if (!reportFailures(m_edit.onError, [&] {
            command = std::make_unique<RecordedCommand>(portfolio, [&portfolio, ids, tier, reason, changed] {
                const QList<qint64> moved = services::AccountService(portfolio).setTier(ids, domain::Tier(tier), reason);
                *changed = int(moved.size());
                if (moved.size() == 1) {
                    const auto one = services::query::account(portfolio, moved.front());
                    return tr("Move %1 to Tier %2").arg(one ? one->name : QString()).arg(tier);
                }
                return tr("Move %1 accounts to Tier %2").arg(moved.size()).arg(tier);
            }, m_edit.onError);
        }))
        return false;
    if (*changed == 0)
        return false;
    m_edit.undo.push(command.release());
    return true;
}

} // namespace keystone::app
