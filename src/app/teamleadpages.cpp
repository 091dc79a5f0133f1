// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "teamleadpages.h"

#include "backgroundtask.h"
#include "bookloader.h"
#include "tierscatter.h"

#include "keystone/domain/money.h"
#include "keystone/services/accountservice.h"
#include "keystone/services/portfolio.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedBarSeries>
#include <QTableView>
#include <QTableWidget>
#include <QThread>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <set>

namespace keystone::app {

using services::BookAccount;
using services::BookData;
using Cell = RowsModel::Cell;
using Row = RowsModel::Row;

namespace {
const QColor kOverload(0xf6, 0xc9, 0xc4);
const QColor kWarnText(0xa0, 0x2a, 0x1f);
const std::array<QColor, 5> kBandBar{QColor(0x2e, 0x9e, 0x4f), QColor(0xe0, 0xa8, 0x00), QColor(0xd0, 0x3b, 0x2f),
                                     QColor(0x90, 0x90, 0x90), QColor(0xc8, 0xc8, 0xc8)};

QString money(const BookData &book, qint64 cents)
{
    return domain::formatMoney(cents, book.currency);
}

QString percent(const std::optional<double> &v)
{
    return v ? QStringLiteral("%1%").arg(*v * 100.0, 0, 'f', 1) : QObject::tr("n/a");
}

QVariant sortOf(const std::optional<double> &v)
{
    return v ? QVariant(*v) : QVariant(-1.0);
}

Cell moneyCell(const BookData &book, qint64 cents)
{
    return numberCell(money(book, cents), cents);
}

Cell dateCell(const QDate &d)
{
    return textCell(d.isValid() ? d.toString(Qt::ISODate) : QObject::tr("—"));
}

QString ownerName(const BookData &book, qint64 id)
{
    for (const auto &m : book.team)
        if (m.id == id)
            return m.name;
    return QObject::tr("Unassigned");
}

// A labelled heading over a table.
QLabel *heading(const QString &text)
{
    auto *l = new QLabel(text);
    QFont f = l->font();
    f.setBold(true);
    l->setFont(f);
    return l;
}

Cell reviewedCell(const BookAccount &a)
{
    Cell c = numberCell(a.plan.freshness.days ? QObject::tr("%1 days ago").arg(*a.plan.freshness.days) : QObject::tr("never"),
                        a.plan.freshness.days.value_or(99999));
    if (a.plan.freshness.stale)
        c.foreground = kWarnText;
    return c;
}
} // namespace

// ---------------------------------------------------------------------------------------

BookPage::BookPage(BookLoader &loader, const QString &title, QWidget *parent)
    : LazyPage(parent)
    , m_loader(loader)
    , m_loaderAlive(&loader)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(14, 10, 14, 10);
    auto *top = new QHBoxLayout;
    auto *titleLabel = new QLabel(title, this);
    QFont f = titleLabel->font();
    f.setPointSizeF(f.pointSizeF() * 1.35);
    f.setBold(true);
    titleLabel->setFont(f);
    top->addWidget(titleLabel);
    top->addStretch(1);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("bookStatus"));
    m_status->setStyleSheet(QStringLiteral("color: palette(mid);"));
    top->addWidget(m_status);
    outer->addLayout(top);
    m_body = new QVBoxLayout;
    m_body->setContentsMargins(0, 0, 0, 0);
    outer->addLayout(m_body, 1);
    connect(&loader, &BookLoader::loaded, this, [this] { markStale(); });
}

void BookPage::rebuild()
{
    if (!m_loader.isCurrent())
        m_loader.request();
    m_book = m_loader.data();
    if (!m_book) {
        m_status->setText(tr("Reading the book…"));
        return;
    }
    m_status->setText(m_loader.isCurrent() ? tr("As of %1").arg(QLocale(QLocale::English).toString(m_book->today, QLocale::LongFormat))
                                           : tr("Updating…"));
    refill();
}

BookPage::~BookPage()
{
    for (auto &thread : m_preparing) {
        thread->wait(); // reads only what it captured, but must not outlive the page's thread objects
        if (m_loaderAlive)
            m_loaderAlive->endViewWork(0);
    }
}

void BookPage::refill()
{
    if (!m_book)
        return;
    QElapsedTimer timer;
    timer.start();
    fill(*m_book);
    m_fillMs = double(timer.nsecsElapsed()) / 1e6;
}

void BookPage::prepareOffThread(std::function<std::function<void()>()> work)
{
    const int generation = ++m_prepareGeneration;
    struct Result {
        std::function<void()> apply;
        QString failure;
    };
    auto result = std::make_shared<Result>();
    std::unique_ptr<QThread> thread = makeBackgroundThread([work = std::move(work), result] {
        try {
            result->apply = work();
        } catch (const std::exception &e) {
            result->failure = QString::fromUtf8(e.what());
        }
    });
    QThread *raw = thread.get();
    m_loader.beginViewWork();
    connect(raw, &QThread::finished, this, [this, raw, generation, result] {
        releaseFinishedThread(m_preparing, raw);
        QElapsedTimer applying;
        applying.start();
        if (generation == m_prepareGeneration) {
            if (!result->failure.isEmpty())
                m_status->setText(tr("Could not show the book: %1").arg(result->failure));
            else if (result->apply)
                result->apply();
        }
        const double ms = double(applying.nsecsElapsed()) / 1e6;
        if (generation == m_prepareGeneration)
            m_fillMs += ms;
        m_loader.endViewWork(ms);
    });
    m_preparing.push_back(std::move(thread));
    raw->start();
}

QTableView *BookPage::makeTable(RowsModel *model, bool sortable, int sortColumn, Qt::SortOrder order)
{
    auto *view = new QTableView(this);
    view->setModel(model); // sorts itself: see RowsModel
    if (sortable) {
        view->setSortingEnabled(true);
        view->sortByColumn(sortColumn, order);
    }
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setStretchLastSection(true);
    // Widths from the header and the first rows, measured once per reset: never
    // ResizeToContents over a 10,000-row list.
    connect(model, &QAbstractItemModel::modelReset, view, [view, model] {
        const QFontMetrics fm = view->fontMetrics();
        const int rows = std::min(model->rowCount(), 60);
        for (int c = 0; c < model->columnCount(); ++c) {
            int w = fm.horizontalAdvance(model->headerData(c, Qt::Horizontal).toString()) + 30;
            for (int r = 0; r < rows; ++r)
                w = std::max(w, fm.horizontalAdvance(model->index(r, c).data().toString()) + 18);
            view->setColumnWidth(c, std::clamp(w, 48, 280));
        }
    });
    connect(view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (const qint64 id = index.data(RowsModel::AccountIdRole).toLongLong())
            Q_EMIT openAccount(id);
    });
    return view;
}

// ---------------------------------------------------------------------------------------

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
    m_table->setObjectName(QStringLiteral("tierBandTable"));
    m_table->setHorizontalHeaderLabels({tr("Green"), tr("Yellow"), tr("Red"), tr("No data"), tr("Unscored"), tr("All")});
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
        error->setStyleSheet(QStringLiteral("color: #a02a1f;"));
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
            if (a.row.account.arr.cents <= 0)
                continue; // churned: no place on a log scale
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
    m_scatter->setPoints(std::move(content.points), double(book.thresholdCents) / 100.0, book.currency);
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
    auto before = std::make_shared<std::vector<domain::Account>>(m_edit.portfolio.accounts().byIds(ids));
    auto after = std::make_shared<std::vector<domain::Account>>(*before);
    for (domain::Account &a : *after) {
        a.tierOverride = domain::Tier(tier);
        a.tierOverrideReason = reason;
    }
    services::Portfolio &portfolio = m_edit.portfolio;
    auto apply = [&portfolio](const std::vector<domain::Account> &accounts) {
        services::AccountService service(portfolio);
        for (const domain::Account &a : accounts)
            service.update(a);
    };
    if (!reportFailures(m_edit.onError, [&] { apply(*after); }))
        return false;
    m_edit.undo.push(new ReplayCommand(ids.size() == 1 ? tr("Move %1 to Tier %2").arg(before->front().name).arg(tier)
                                                  : tr("Move %1 accounts to Tier %2").arg(ids.size()).arg(tier),
                                  [apply, before] { apply(*before); }, [apply, after] { apply(*after); }, m_edit.onError));
    return true;
}

// ---------------------------------------------------------------------------------------

HealthDashboardPage::HealthDashboardPage(BookLoader &loader, services::Portfolio &portfolio, QWidget *parent)
    : BookPage(loader, tr("Health Dashboard"), parent)
    , m_portfolio(portfolio)
{
    auto *top = new QHBoxLayout;
    m_chart = new QChartView(this);
    m_chart->setObjectName(QStringLiteral("healthTimeline"));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(300);
    top->addWidget(m_chart, 3);
    auto *nowBox = new QVBoxLayout;
    nowBox->addWidget(heading(tr("Band distribution now")));
    m_now = new QTableWidget(services::kBandColumns + 1, 2, this);
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
    dv->setObjectName(QStringLiteral("decliners"));
    left->addWidget(dv);
    bottom->addLayout(left, 5);
    auto *right = new QVBoxLayout;
    right->addWidget(heading(tr("Insufficient data or inputs older than 90 days")));
    m_attention = new RowsModel({tr("Account"), tr("Owner"), tr("Health"), tr("Scored on")}, this);
    QTableView *av = makeTable(m_attention);
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
            QColor c = kBandBar[size_t(b)];
            c.setAlpha(60);
            count->setBackground(c);
            share->setBackground(c);
        }
        m_now->setItem(b, 0, count);
        m_now->setItem(b, 1, share);
    }

    // Twelve months of bands, stacked.
    auto *chart = new QChart;
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
        Cell change = numberCell(QString::number(d.now - d.before, 'f', 1), d.now - d.before);
        change.foreground = kWarnText;
        r.cells = {textCell(a.row.account.name), textCell(a.row.ownerName), textCell(domain::tierName(a.row.tier)),
                   numberCell(QString::number(d.before, 'f', 1), d.before), numberCell(QString::number(d.now, 'f', 1), d.now), change,
                   textCell(d.whatChanged)};
        r.toolTip = tr("%1: %2 → %3\nWhat changed: %4").arg(a.row.account.name).arg(d.before, 0, 'f', 1).arg(d.now, 0, 'f', 1).arg(d.whatChanged);
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

// ---------------------------------------------------------------------------------------

RetentionPage::RetentionPage(BookLoader &loader, QWidget *parent)
    : BookPage(loader, tr("Retention"), parent)
{
    auto *period = new QHBoxLayout;
    m_from = new QDateEdit(this);
    m_to = new QDateEdit(this);
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
    tv->setObjectName(QStringLiteral("retentionTiers"));
    tv->setFixedHeight(tv->verticalHeader()->defaultSectionSize() * 3 + tv->horizontalHeader()->sizeHint().height() + 4);
    body()->addWidget(tv);
    body()->addWidget(heading(tr("By owner")));
    m_byOwner = new RowsModel(QStringList{tr("Owner")} + cols, this);
    QTableView *ov = makeTable(m_byOwner, true, 7, Qt::AscendingOrder); // lowest NRR first
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
            c[6].foreground = kWarnText;
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

// ---------------------------------------------------------------------------------------

RenewalsPage::RenewalsPage(BookLoader &loader, QWidget *parent)
    : BookPage(loader, tr("Renewals"), parent)
{
    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Renewing within"), this));
    m_days = new QSpinBox(this);
    m_days->setRange(7, 730);
    m_days->setValue(180);
    m_days->setSuffix(tr(" days"));
    connect(m_days, &QSpinBox::valueChanged, this, [this] { refill(); });
    bar->addWidget(m_days);
    m_summary = new QLabel(this);
    bar->addSpacing(16);
    bar->addWidget(m_summary, 1);
    body()->addLayout(bar);
    m_rows = new RowsModel({tr("Account"), tr("Owner"), tr("Tier"), tr("ARR"), tr("Renewal"), tr("Days"), tr("Health"), tr("Plan reviewed"),
                            tr("Renewal work")}, this);
    QTableView *view = makeTable(m_rows, false); // overdue first, then soonest: the order is the point
    view->setObjectName(QStringLiteral("renewals"));
    body()->addWidget(view, 1);
}

void RenewalsPage::fill(const BookData &book)
{
    const auto list = services::renewals(book, m_days->value());
    std::vector<Row> rows;
    int overdue = 0, unattended = 0;
    qint64 arr = 0;
    for (const auto &r : list) {
        const BookAccount &a = book.accounts[r.account];
        Row row;
        row.accountId = a.row.account.id;
        Cell days = numberCell(r.daysToRenewal < 0 ? tr("%1 overdue").arg(-r.daysToRenewal) : QString::number(r.daysToRenewal), r.daysToRenewal);
        if (r.daysToRenewal < 0) {
            days.background = kOverload;
            ++overdue;
        }
        Cell work = textCell(r.workStarted ? tr("Started") : tr("Not started"));
        if (!r.workStarted && r.daysToRenewal <= 120) {
            work.foreground = kWarnText;
            ++unattended;
        }
        arr += a.row.account.arr.cents;
        row.cells = {textCell(a.row.account.name), textCell(a.row.ownerName), textCell(domain::tierName(a.row.tier)),
                     moneyCell(book, a.row.account.arr.cents), dateCell(a.row.account.renewalDate), days, bandCell(a.band), reviewedCell(a), work};
        rows.push_back(std::move(row));
    }
    m_summary->setText(tr("%1 renewals worth %2 · %3 overdue · %4 within 120 days with no renewal work")
                           .arg(rows.size())
                           .arg(money(book, arr))
                           .arg(overdue)
                           .arg(unattended));
    m_rows->setRows(std::move(rows));
}

// ---------------------------------------------------------------------------------------

HygienePage::HygienePage(BookLoader &loader, QWidget *parent)
    : BookPage(loader, tr("Plan Hygiene"), parent)
{
    m_summary = new QLabel(this);
    body()->addWidget(m_summary);
    body()->addWidget(heading(tr("Completeness and freshness by owner")));
    m_owners = new RowsModel({tr("Owner"), tr("Accounts"), tr("Mean completeness"), tr("Fresh"), tr("Stale"), tr("Fresh share"),
                              tr("Single-threaded Tier 1-2")}, this);
    QTableView *ov = makeTable(m_owners);
    ov->setObjectName(QStringLiteral("hygieneOwners"));
    body()->addWidget(ov, 3);
    body()->addWidget(heading(tr("Single-threaded Tier 1 and Tier 2 accounts")));
    m_single = new RowsModel({tr("Account"), tr("Owner"), tr("Tier"), tr("ARR"), tr("Contacts engaged (90 days)"), tr("Plan reviewed")}, this);
    QTableView *sv = makeTable(m_single, false); // Tier 1 first, largest first
    sv->setObjectName(QStringLiteral("singleThreaded"));
    body()->addWidget(sv, 2);
}

void HygienePage::fill(const BookData &book)
{
    std::vector<Row> rows;
    int fresh = 0, stale = 0;
    for (const auto &h : services::planHygiene(book)) {
        fresh += h.fresh;
        stale += h.stale;
        const double share = h.accounts ? double(h.fresh) / h.accounts : 0;
        Row r;
        Cell shareCell = numberCell(QStringLiteral("%1%").arg(share * 100, 0, 'f', 0), share);
        if (share < 0.5)
            shareCell.foreground = kWarnText;
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
        Row r;
        r.accountId = a.row.account.id;
        r.cells = {textCell(a.row.account.name), textCell(a.row.ownerName), textCell(domain::tierName(a.row.tier)),
                   moneyCell(book, a.row.account.arr.cents), numberCell(QString::number(a.facts.depth), a.facts.depth), reviewedCell(a)};
        single.push_back(std::move(r));
    }
    m_summary->setText(tr("%1 plans fresh, %2 stale · %3 single-threaded Tier 1 and 2 accounts").arg(fresh).arg(stale).arg(single.size()));
    m_single->setRows(std::move(single));
}

// ---------------------------------------------------------------------------------------

TeamPage::TeamPage(BookLoader &loader, BookEditContext edit, QWidget *parent)
    : BookPage(loader, tr("Team and Coverage"), parent)
    , m_edit(std::move(edit))
{
    body()->addWidget(heading(tr("People: accounts owned or assigned, effort and utilisation")));
    m_people = new RowsModel({tr("Name"), tr("Role"), tr("Hours / month"), tr("Tier 1"), tr("Tier 2"), tr("Tier 3"), tr("Effort (h)"),
                              tr("Utilisation"), tr("Guidance")}, this);
    QTableView *pv = makeTable(m_people, true, 7, Qt::DescendingOrder); // most loaded first
    pv->setObjectName(QStringLiteral("teamPeople"));
    body()->addWidget(pv, 3);
    auto *bottom = new QHBoxLayout;
    auto *l = new QVBoxLayout;
    l->addWidget(heading(tr("Required FTE per role")));
    m_roles = new RowsModel({tr("Role"), tr("Required hours"), tr("Required FTE"), tr("Team FTE"), tr("Gap"), tr("People")}, this);
    QTableView *rv = makeTable(m_roles, false);
    rv->setObjectName(QStringLiteral("teamRoles"));
    rv->setFixedHeight(rv->verticalHeader()->defaultSectionSize() * domain::kTeamRoleCount + rv->horizontalHeader()->sizeHint().height() + 4);
    l->addWidget(rv);
    l->addStretch(1);
    bottom->addLayout(l, 1);
    auto *r = new QVBoxLayout;
    r->addWidget(heading(tr("Effort matrix: hours per account per month (edit a cell; undo with Ctrl+Z)")));
    m_effort = new QTableWidget(3, domain::kTeamRoleCount, this);
    m_effort->setObjectName(QStringLiteral("effortMatrix"));
    m_effort->setHorizontalHeaderLabels(domain::teamRoleNames());
    m_effort->setVerticalHeaderLabels({tr("Tier 1"), tr("Tier 2"), tr("Tier 3")});
    m_effort->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    connect(m_effort, &QTableWidget::cellChanged, this, &TeamPage::effortEdited);
    m_effort->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_effort->setFixedHeight(m_effort->horizontalHeader()->sizeHint().height() + 3 * m_effort->verticalHeader()->defaultSectionSize() + 4);
    r->addWidget(m_effort);
    m_guidance = new QLabel(tr("Rules of thumb: 8-12 strategic (Tier 1) accounts per AM, 5 or fewer for the largest global ones; "
                               "25-40 mid-market accounts per AM. Utilisation over 100% is overload."), this);
    m_guidance->setWordWrap(true);
    r->addWidget(m_guidance);
    r->addStretch(1);
    bottom->addLayout(r, 1);
    body()->addLayout(bottom);
}

void TeamPage::fill(const BookData &book)
{
    const services::CoverageReport c = services::coverageReport(book);
    std::vector<Row> people;
    for (const auto &p : c.people) {
        Row r;
        Cell util = numberCell(QStringLiteral("%1%").arg(p.utilisation.ratio * 100, 0, 'f', 0), p.utilisation.ratio);
        if (p.utilisation.overloaded()) {
            util.background = kOverload;
            util.foreground = kWarnText;
        }
        r.cells = {textCell(p.member.name), textCell(domain::teamRoleName(p.member.role)),
                   numberCell(QString::number(p.member.hoursPerMonth), p.member.hoursPerMonth),
                   numberCell(QString::number(p.assigned[0]), p.assigned[0]), numberCell(QString::number(p.assigned[1]), p.assigned[1]),
                   numberCell(QString::number(p.assigned[2]), p.assigned[2]),
                   numberCell(QString::number(p.utilisation.effortHours, 'f', 1), p.utilisation.effortHours), util, textCell(p.guidance)};
        people.push_back(std::move(r));
    }
    m_people->setRows(std::move(people));
    std::vector<Row> roles;
    for (const auto &rc : c.roles) {
        Row r;
        const double gap = rc.availableFte - rc.requiredFte;
        Cell gapCell = numberCell(QString::number(gap, 'f', 1), gap);
        if (gap < -0.05)
            gapCell.foreground = kWarnText;
        r.cells = {textCell(domain::teamRoleName(rc.role)), numberCell(QString::number(rc.requiredHours, 'f', 0), rc.requiredHours),
                   numberCell(QString::number(rc.requiredFte, 'f', 1), rc.requiredFte), numberCell(QString::number(rc.availableFte, 'f', 1), rc.availableFte),
                   gapCell, numberCell(QString::number(rc.people), rc.people)};
        roles.push_back(std::move(r));
    }
    m_roles->setRows(std::move(roles));
    m_filling = true;
    for (int t = 0; t < 3; ++t)
        for (int role = 0; role < domain::kTeamRoleCount; ++role) {
            auto *item = new QTableWidgetItem(QString::number(book.settings.effort.hours[size_t(t)][size_t(role)]));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_effort->setItem(t, role, item);
        }
    m_filling = false;
}

void TeamPage::effortEdited(int row, int column)
{
    if (m_filling)
        return;
    QTableWidgetItem *item = m_effort->item(row, column);
    if (!item)
        return;
    const domain::PortfolioSettings before = m_edit.portfolio.settings();
    domain::PortfolioSettings after = before;
    const QString typed = item->text().trimmed();
    bool ok = false;
    const double hours = QLocale().toDouble(typed, &ok);
    const double value = ok ? hours : typed.toDouble(&ok);
    auto revert = [&] {
        m_filling = true;
        item->setText(QString::number(before.effort.hours[size_t(row)][size_t(column)]));
        m_filling = false;
    };
    if (!ok) {
        revert();
        if (m_edit.onError)
            m_edit.onError(tr("Effort for %1 in Tier %2: '%3' is not a number of hours").arg(domain::teamRoleName(domain::TeamRole(column))).arg(row + 1).arg(typed));
        return;
    }
    after.effort.hours[size_t(row)][size_t(column)] = value;
    if (after == before)
        return;
    services::Portfolio &portfolio = m_edit.portfolio;
    if (!reportFailures(m_edit.onError, [&] { portfolio.updateSettings(after); })) {
        revert();
        return;
    }
    m_edit.undo.push(new ReplayCommand(tr("Change the effort of %1 in Tier %2").arg(domain::teamRoleName(domain::TeamRole(column))).arg(row + 1),
                                  [&portfolio, before] { portfolio.updateSettings(before); },
                                  [&portfolio, after] { portfolio.updateSettings(after); }, m_edit.onError));
}

// ---------------------------------------------------------------------------------------

SignalsPage::SignalsPage(BookLoader &loader, BookEditContext edit, QWidget *parent)
    : BookPage(loader, tr("Signals"), parent)
    , m_edit(std::move(edit))
{
    auto *bar = new QHBoxLayout;
    m_severity = new QComboBox(this);
    m_severity->addItems({tr("All severities"), tr("High"), tr("Medium"), tr("Low")});
    m_rule = new QComboBox(this);
    m_rule->addItem(tr("All signals"));
    for (int r = 0; r < domain::kSignalRuleCount; ++r)
        m_rule->addItem(domain::signalRuleName(domain::SignalRule(r)));
    m_showHidden = new QCheckBox(tr("Show snoozed and dismissed"), this);
    for (QComboBox *c : {m_severity, m_rule})
        connect(c, &QComboBox::activated, this, [this] { refill(); });
    connect(m_showHidden, &QCheckBox::toggled, this, [this] { refill(); });
    bar->addWidget(m_severity);
    bar->addWidget(m_rule);
    bar->addWidget(m_showHidden);
    bar->addStretch(1);
    auto *snooze = new QPushButton(tr("Snooze…"), this);
    auto *dismiss = new QPushButton(tr("Dismiss…"), this);
    auto *reopen = new QPushButton(tr("Reopen"), this);
    snooze->setToolTip(tr("Hide the selected signals until a date; they come back on that date"));
    dismiss->setToolTip(tr("Hide the selected signals with a reason; the reason is kept"));
    reopen->setToolTip(tr("Show snoozed or dismissed signals again"));
    bar->addWidget(snooze);
    bar->addWidget(dismiss);
    bar->addWidget(reopen);
    body()->addLayout(bar);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("signalsSummary"));
    body()->addWidget(m_summary);
    m_rows = new RowsModel({tr("Severity"), tr("Account"), tr("Owner"), tr("Tier"), tr("Signal"), tr("Reason"), tr("Next step"), tr("State")}, this);
    m_view = makeTable(m_rows, false); // by severity, as evaluated
    m_view->setObjectName(QStringLiteral("signals"));
    body()->addWidget(m_view, 1);
    connect(snooze, &QPushButton::clicked, this, [this] {
        QDialog dialog(this);
        dialog.setWindowTitle(tr("Snooze Signals"));
        auto *form = new QFormLayout(&dialog);
        auto *until = new QDateEdit(QDate::currentDate().addDays(14), &dialog);
        until->setCalendarPopup(true);
        until->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        until->setMinimumDate(QDate::currentDate().addDays(1));
        auto *note = new QLineEdit(&dialog);
        form->addRow(tr("Show again on:"), until);
        form->addRow(tr("Note (optional):"), note);
        auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
        form->addRow(box);
        connect(box, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
        connect(box, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
        if (dialog.exec() == QDialog::Accepted)
            decideSelected(domain::SignalDecision::Snoozed, until->date(), note->text());
    });
    connect(dismiss, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString reason = QInputDialog::getText(this, tr("Dismiss Signals"), tr("Why is this not worth acting on? (kept)"), QLineEdit::Normal, {}, &ok);
        if (ok)
            decideSelected(domain::SignalDecision::Dismissed, {}, reason);
    });
    connect(reopen, &QPushButton::clicked, this, [this] { decideSelected(domain::SignalDecision::Active, {}, {}); });
}

void SignalsPage::setShowHidden(bool show)
{
    m_showHidden->setChecked(show);
}

void SignalsPage::fill(const BookData &book)
{
    const bool showHidden = m_showHidden->isChecked();
    const int severity = m_severity->currentIndex() - 1;
    const int rule = m_rule->currentIndex() - 1;
    // The loader evaluated the rules with this book on its worker; another book (none here
    // today) is evaluated on this page's worker.
    const std::shared_ptr<const BookData> shared = sharedBook();
    const auto evaluated = m_loader.data().get() == &book ? m_loader.sharedSignals() : nullptr;
    prepareOffThread([this, shared, evaluated, showHidden, severity, rule]() -> std::function<void()> {
        const BookData &b = *shared;
        struct Content {
            std::vector<services::BookSignal> signalList;
            std::vector<Row> rows;
            QString summary;
        };
        auto content = std::make_shared<Content>();
        const std::vector<services::BookSignal> all = evaluated ? std::vector<services::BookSignal>() : services::bookSignals(b);
        int high = 0, medium = 0, low = 0, hidden = 0;
        for (const services::BookSignal &s : evaluated ? *evaluated : all) {
            if (!s.visible)
                ++hidden;
            if ((!s.visible && !showHidden) || (severity >= 0 && int(s.signal.severity) != severity) || (rule >= 0 && int(s.signal.rule) != rule))
                continue;
            const BookAccount &a = b.accounts[b.indexOf.value(s.signal.accountId)];
            (s.signal.severity == domain::Severity::High ? high : s.signal.severity == domain::Severity::Medium ? medium : low) += 1;
            Row r;
            r.accountId = s.signal.accountId;
            Cell sev = textCell(domain::severityName(s.signal.severity));
            sev.background = s.signal.severity == domain::Severity::High ? kOverload
                             : s.signal.severity == domain::Severity::Medium ? QColor(0xfb, 0xec, 0xb5) : QColor(0xdd, 0xea, 0xf6);
            QString state = tr("Open");
            if (s.decision && s.decision->decision == domain::SignalDecision::Snoozed)
                state = s.visible ? tr("Back from snooze") : tr("Snoozed to %1").arg(s.decision->until.toString(Qt::ISODate));
            else if (s.decision && s.decision->decision == domain::SignalDecision::Dismissed)
                state = tr("Dismissed: %1").arg(s.decision->reason);
            r.cells = {sev, textCell(a.row.account.name), textCell(a.row.ownerName), textCell(domain::tierName(a.row.tier)),
                       textCell(domain::signalRuleName(s.signal.rule)), textCell(s.signal.reason), textCell(s.signal.nextStep), textCell(state)};
            r.toolTip = s.signal.reason + QLatin1Char('\n') + tr("Next: %1").arg(s.signal.nextStep);
            content->rows.push_back(std::move(r));
            content->signalList.push_back(s);
        }
        content->summary = tr("%1 signals shown: %2 high, %3 medium, %4 low · %5 snoozed or dismissed")
                               .arg(content->rows.size())
                               .arg(high)
                               .arg(medium)
                               .arg(low)
                               .arg(hidden);
        return [this, content] {
            m_signals = std::move(content->signalList);
            m_summary->setText(content->summary);
            m_rows->setRows(std::move(content->rows));
        };
    });
}

bool SignalsPage::decideSelected(domain::SignalDecision decision, const QDate &until, const QString &reason)
{
    std::vector<domain::SignalState> drafts;
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows()) {
        const int row = i.row(); // the model is not sorted: rows run parallel to m_signals
        if (row < 0 || size_t(row) >= m_signals.size())
            continue;
        domain::SignalState s;
        s.accountId = m_signals[size_t(row)].signal.accountId;
        s.rule = m_signals[size_t(row)].signal.rule;
        s.decision = decision;
        s.until = until;
        s.reason = reason;
        drafts.push_back(s);
    }
    if (drafts.empty())
        return false;
    auto stored = std::make_shared<std::vector<domain::SignalState>>();
    services::Portfolio &portfolio = m_edit.portfolio;
    auto apply = [&portfolio, drafts, stored] {
        stored->clear();
        for (const auto &d : drafts)
            stored->push_back(services::decideSignal(portfolio, d));
    };
    auto revert = [&portfolio, stored] {
        for (auto it = stored->rbegin(); it != stored->rend(); ++it)
            services::removeSignalDecision(portfolio, *it);
    };
    if (!reportFailures(m_edit.onError, apply)) {
        revert();
        return false;
    }
    const QString what = decision == domain::SignalDecision::Snoozed ? tr("Snooze") : decision == domain::SignalDecision::Dismissed ? tr("Dismiss") : tr("Reopen");
    m_edit.undo.push(new ReplayCommand(drafts.size() == 1 ? tr("%1 a signal").arg(what) : tr("%1 %2 signals").arg(what).arg(drafts.size()), revert, apply, m_edit.onError));
    return true;
}

} // namespace keystone::app
