// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "book/bookloader.h"
#include "widgets/colours.h"

#include "widgets/backgroundtask.h"

#include "keystone/services/portfolio.h"

#include <QColor>
#include <QElapsedTimer>

#include <algorithm>

namespace keystone::app {

BookLoader::BookLoader(services::Portfolio &portfolio, QObject *parent)
    : QObject(parent)
    , m_portfolio(portfolio)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(800);
    connect(&m_debounce, &QTimer::timeout, this, &BookLoader::request);
    auto dirty = [this] { invalidate(); };
    using P = services::Portfolio;
    connect(&portfolio, &P::accountsAdded, this, dirty);
    connect(&portfolio, &P::accountsUpdated, this, dirty);
    connect(&portfolio, &P::accountsRemoved, this, dirty);
    connect(&portfolio, &P::teamChanged, this, dirty);
    connect(&portfolio, &P::settingsChanged, this, dirty);
    connect(&portfolio, &P::whitespaceChanged, this, dirty);
    connect(&portfolio, &P::opportunitiesChanged, this, dirty);
    connect(&portfolio, &P::contactsChanged, this, dirty);
    connect(&portfolio, &P::activitiesChanged, this, dirty);
    connect(&portfolio, &P::healthChanged, this, dirty);
    connect(&portfolio, &P::planChanged, this, dirty);
    connect(&portfolio, &P::signalDecisionsChanged, this, dirty);
    connect(&portfolio, &P::assignmentsChanged, this, dirty);
    connect(&portfolio, &P::bookChanged, this, dirty);
}

QString BookLoader::portfolioPath() const
{
    return m_portfolio.path();
}

BookLoader::~BookLoader()
{
    cancelAndWait(m_load); // it holds its own connection, which must not outlive the portfolio
}

void BookLoader::setToday(const QDate &today)
{
    if (today == m_today)
        return;
    m_today = today;
    invalidate();
}

void BookLoader::invalidate()
{
    m_dirty = true;
    m_debounce.start();
}

void BookLoader::request()
{
    if (m_loading) {
        // One at a time; a change during the load asks again when it ends.
        return;
    }
    m_debounce.stop();
    m_dirty = false;
    m_loading = true;
    const int generation = ++m_generation;
    struct Result {
        services::BookData data;
        std::vector<services::BandMonth> timeline;
        std::vector<services::Decliner> decliners;
        std::vector<services::BookSignal> signalList;
        QHash<qint64, int> openSignals;
        double ms = 0;
    };
    const QDate today = m_today;
    m_load = runOnWorker(
        this, m_portfolio, tasks::Priority::Background,
        [today](services::Portfolio &worker, TaskProgress &) {
            QElapsedTimer timer;
            timer.start();
            auto result = std::make_shared<Result>();
            result->data = services::loadBookData(worker, today);
            result->timeline = services::healthTimeline(worker, today);
            result->decliners = services::biggestDecliners(worker, result->data);
            result->signalList = services::bookSignals(result->data);
            result->openSignals = services::openSignalCounts(result->signalList);
            result->ms = double(timer.nsecsElapsed()) / 1e6;
            return result;
        },
        [this, generation](std::shared_ptr<Result> result) {
            m_loading = false;
            if (generation == m_generation) {
                QElapsedTimer applying;
                applying.start();
                m_data = std::make_shared<const services::BookData>(std::move(result->data));
                m_timeline = std::move(result->timeline);
                m_decliners = std::move(result->decliners);
                m_signals = std::make_shared<const std::vector<services::BookSignal>>(std::move(result->signalList));
                m_openSignals = std::move(result->openSignals);
                m_lastLoadMs = result->ms;
                Q_EMIT loaded();
                ++m_loadsApplied;
                m_applyMsTotal += double(applying.nsecsElapsed()) / 1e6;
            }
            if (m_dirty)
                m_debounce.start();
        },
        [this](const QString &failure) {
            m_loading = false;
            Q_EMIT failed(tr("Could not read the book: %1").arg(failure));
            if (m_dirty)
                m_debounce.start();
        });
}

RowsModel::RowsModel(QStringList headers, QObject *parent)
    : QAbstractTableModel(parent)
    , m_headers(std::move(headers))
{
}

void RowsModel::setRows(std::vector<Row> rows, int sortedBy, Qt::SortOrder sortedOrder)
{
    if (m_sortColumn >= 0 && (sortedBy != m_sortColumn || sortedOrder != m_sortOrder))
        sortRows(rows, m_sortColumn, m_sortOrder);
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

namespace {
const QVariant &sortKey(const RowsModel::Row &row, int column)
{
    static const QVariant none;
    if (column < 0 || size_t(column) >= row.cells.size())
        return none;
    const RowsModel::Cell &c = row.cells[size_t(column)];
    return c.sort.isNull() ? c.display : c.sort;
}

// Negative, zero or positive as a sorts before, with or after b. Empty values first.
int compareKeys(const QVariant &a, const QVariant &b)
{
    if (a.isNull() || b.isNull())
        return a.isNull() == b.isNull() ? 0 : (a.isNull() ? -1 : 1);
    if (a.metaType().id() == QMetaType::QString && b.metaType().id() == QMetaType::QString)
        return QString::compare(a.toString(), b.toString(), Qt::CaseInsensitive);
    const QPartialOrdering o = QVariant::compare(a, b);
    if (o == QPartialOrdering::Less)
        return -1;
    if (o == QPartialOrdering::Greater)
        return 1;
    if (o == QPartialOrdering::Equivalent)
        return 0;
    return QString::compare(a.toString(), b.toString(), Qt::CaseInsensitive);
}

// The rows' order sorted by `column`: position i holds the index of the row that goes there.
std::vector<size_t> sortedOrder(const std::vector<RowsModel::Row> &rows, int column, Qt::SortOrder order)
{
    std::vector<size_t> perm(rows.size());
    for (size_t i = 0; i < perm.size(); ++i)
        perm[i] = i;
    std::stable_sort(perm.begin(), perm.end(), [&](size_t x, size_t y) {
        const int c = compareKeys(sortKey(rows[x], column), sortKey(rows[y], column));
        return order == Qt::AscendingOrder ? c < 0 : c > 0;
    });
    return perm;
}

std::vector<RowsModel::Row> permuted(std::vector<RowsModel::Row> &rows, const std::vector<size_t> &perm)
{
    std::vector<RowsModel::Row> out;
    out.reserve(rows.size());
    for (size_t from : perm)
        out.push_back(std::move(rows[from]));
    return out;
}
} // namespace

void RowsModel::sortRows(std::vector<Row> &rows, int column, Qt::SortOrder order)
{
    if (column < 0)
        return;
    rows = permuted(rows, sortedOrder(rows, column, order));
}

void RowsModel::sort(int column, Qt::SortOrder order)
{
    m_sortColumn = column;
    m_sortOrder = order;
    if (column < 0 || m_rows.empty())
        return;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const std::vector<size_t> perm = sortedOrder(m_rows, column, order);
    std::vector<int> newRow(perm.size());
    for (size_t i = 0; i < perm.size(); ++i)
        newRow[perm[i]] = int(i);
    m_rows = permuted(m_rows, perm);
    // Selection and the current row follow their rows.
    const QModelIndexList from = persistentIndexList();
    QModelIndexList to;
    to.reserve(from.size());
    for (const QModelIndex &i : from)
        to << (size_t(i.row()) < newRow.size() ? index(newRow[size_t(i.row())], i.column()) : QModelIndex());
    changePersistentIndexList(from, to);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

int RowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RowsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size());
}

QVariant RowsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || size_t(index.row()) >= m_rows.size())
        return {};
    const Row &r = m_rows[size_t(index.row())];
    if (role == AccountIdRole)
        return r.accountId;
    if (role == Qt::ToolTipRole)
        return r.toolTip.isEmpty() ? QVariant() : QVariant(r.toolTip);
    if (size_t(index.column()) >= r.cells.size())
        return {};
    const Cell &c = r.cells[size_t(index.column())];
    switch (role) {
    case Qt::DisplayRole: return c.display;
    case SortRole: return c.sort.isNull() ? c.display : c.sort;
    case Qt::BackgroundRole: return c.background.isValid() ? QVariant(c.background) : QVariant();
    case Qt::ForegroundRole: return c.foreground.isValid() ? QVariant(c.foreground) : QVariant();
    case Qt::TextAlignmentRole: return QVariant(c.align);
    default: return {};
    }
}

QVariant RowsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section < m_headers.size())
        return m_headers.at(section);
    return QAbstractTableModel::headerData(section, orientation, role);
}

RowsModel::Cell textCell(const QString &text)
{
    return {text, {}, {}, {}, Qt::AlignLeft | Qt::AlignVCenter};
}

RowsModel::Cell numberCell(const QString &text, const QVariant &sort)
{
    return {text, sort, {}, {}, Qt::AlignRight | Qt::AlignVCenter};
}

RowsModel::Cell bandCell(const std::optional<domain::HealthBand> &band)
{
    static const colours::Tint tints[] = {colours::Tint::Green, colours::Tint::Yellow, colours::Tint::Red, colours::Tint::Grey};
    RowsModel::Cell c = textCell(services::bandColumnName(services::bandColumn(band)));
    c.sort = services::bandColumn(band);
    if (band)
        c.background = colours::tint(tints[int(*band)]);
    return c;
}

} // namespace keystone::app
