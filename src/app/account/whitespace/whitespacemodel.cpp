// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "account/whitespace/whitespacemodel.h"

#include "commands/whitespacecommands.h"
#include "widgets/colours.h"

#include "keystone/domain/money.h"
#include "keystone/services/clock.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/whitespaceservice.h"
#include "keystone/services/queries.h"

#include <QColor>
#include <QFont>
#include <QUndoStack>

#include <algorithm>

namespace keystone::app {

using domain::CellStatus;
using domain::WhitespaceCell;

namespace {
QColor statusColor(CellStatus s)
{
    switch (s) {
    case CellStatus::Owned: return colours::tint(colours::Tint::Green);
    case CellStatus::Pipeline: return colours::tint(colours::Tint::Blue);
    case CellStatus::Whitespace: return colours::tint(colours::Tint::Yellow);
    case CellStatus::Competitor: return colours::tint(colours::Tint::Red);
    case CellStatus::NotAFit: return colours::tint(colours::Tint::Grey);
    }
    return {};
}
} // namespace

WhitespaceModel::WhitespaceModel(services::Portfolio &portfolio, services::WhitespaceService &service, QUndoStack *undo,
                                 CommandErrorHandler onError, QObject *parent)
    : QAbstractTableModel(parent)
    , m_portfolio(portfolio)
    , m_service(service)
    , m_undo(undo)
    , m_onError(std::move(onError))
{
    connect(&portfolio, &services::Portfolio::whitespaceChanged, this, [this](qint64 id) {
        if (id == m_accountId)
            reload();
    });
    connect(&portfolio, &services::Portfolio::catalogChanged, this, &WhitespaceModel::reload);
    connect(&portfolio, &services::Portfolio::bookChanged, this, &WhitespaceModel::reload);
    connect(&portfolio, &services::Portfolio::accountsRemoved, this, [this](const QList<qint64> &ids) {
        if (ids.contains(m_accountId))
            setAccount(0);
    });
}

void WhitespaceModel::setAccount(qint64 accountId)
{
    m_accountId = accountId;
    reload();
}

void WhitespaceModel::reload()
{
    std::vector<domain::BuyingCenter> centers;
    std::vector<domain::Product> products;
    QHash<QPair<qint64, qint64>, WhitespaceCell> cells;
    try {
        products = services::query::products(m_portfolio);
        if (m_accountId > 0) {
            centers = services::query::buyingCenters(m_portfolio, m_accountId);
            for (const WhitespaceCell &c : services::query::whitespaceCells(m_portfolio, m_accountId))
                cells.insert({c.buyingCenterId, c.productId}, c);
        }
    } catch (const services::StorageError &e) {
        // A read that fails (a damaged file) empties the grid and says why; it must not
        // unwind through the signal that asked for the reload.
        centers.clear();
        cells.clear();
        products.clear();
        if (m_onError)
            m_onError(e.message());
    }
    // The same rows and columns (a cell's status or amount changed, the usual case after a
    // key in the grid): refresh the cells in place, so the view keeps its current cell and
    // any open editor, like a spreadsheet. A reset would drop the current cell and close
    // the editor under the view's feet.
    const auto sameIds = [](const auto &a, const auto &b) {
        return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](const auto &x, const auto &y) { return x.id == y.id; });
    };
    const bool inPlace = sameIds(centers, m_centers) && sameIds(products, m_products) && !m_centers.empty();
    if (!inPlace)
        beginResetModel();
    m_centers = std::move(centers);
    m_products = std::move(products);
    m_cells = std::move(cells);
    m_rowTotals.assign(m_centers.size(), 0);
    m_columnTotals.assign(m_products.size(), 0);
    std::vector<WhitespaceCell> all;
    all.reserve(size_t(m_cells.size()));
    for (size_t r = 0; r < m_centers.size(); ++r) {
        for (size_t c = 0; c < m_products.size(); ++c) {
            const auto it = m_cells.constFind({m_centers[r].id, m_products[c].id});
            if (it == m_cells.constEnd())
                continue;
            all.push_back(*it);
            m_rowTotals[r] += domain::openWhitespaceOf(*it);
            m_columnTotals[c] += domain::openWhitespaceOf(*it);
        }
    }
    m_totals = domain::whitespaceTotals(all);
    if (inPlace) {
        // Names (headers) may have changed too: a renamed buying center or product.
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
        Q_EMIT headerDataChanged(Qt::Vertical, 0, rowCount() - 1);
    } else {
        endResetModel();
    }
    Q_EMIT totalsChanged();
}

int WhitespaceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || m_centers.empty() ? 0 : int(m_centers.size()) + 1;
}

int WhitespaceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_products.size()) + 1;
}

bool WhitespaceModel::isGridCell(const QModelIndex &index) const
{
    return index.isValid() && index.row() < int(m_centers.size()) && index.column() < int(m_products.size());
}

const WhitespaceCell *WhitespaceModel::cellAt(const QModelIndex &index) const
{
    if (!isGridCell(index))
        return nullptr;
    const auto it = m_cells.constFind({m_centers[size_t(index.row())].id, m_products[size_t(index.column())].id});
    return it == m_cells.constEnd() ? nullptr : &*it;
}

qint64 WhitespaceModel::shownAmount(const WhitespaceCell &c) const
{
    switch (c.status) {
    case CellStatus::Owned: return c.currentArrCents;
    case CellStatus::NotAFit: return 0;
    default: return c.potentialArrCents;
    }
}

QVariant WhitespaceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal) {
        if (section == int(m_products.size())) {
            if (role == Qt::DisplayRole)
                return tr("Open\nwhitespace");
            return {};
        }
        if (section < 0 || section > int(m_products.size()))
            return {};
        const domain::Product &p = m_products[size_t(section)];
        if (role == Qt::DisplayRole)
            return QStringLiteral("%1\n%2").arg(p.family, p.name);
        if (role == Qt::ToolTipRole)
            return tr("%1 (%2), list price %3, %4").arg(p.name, p.family, domain::formatMoney(p.listPriceCents, m_portfolio.settings().currency),
                                                       domain::pricingBasisName(p.basis).toLower());
        return {};
    }
    if (section == int(m_centers.size())) {
        if (role == Qt::DisplayRole)
            return tr("Open whitespace");
        if (role == Qt::FontRole) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    }
    if (section < 0 || section > int(m_centers.size()))
        return {};
    const domain::BuyingCenter &b = m_centers[size_t(section)];
    if (role == Qt::DisplayRole)
        return b.name;
    if (role == Qt::ToolTipRole)
        return tr("%1, size %2").arg(domain::buyingCenterKindName(b.kind)).arg(b.size);
    return {};
}

QVariant WhitespaceModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const QString currency = m_portfolio.settings().currency;
    const bool totalRow = index.row() == int(m_centers.size());
    const bool totalColumn = index.column() == int(m_products.size());
    if (totalRow || totalColumn) {
        qint64 amount = 0;
        if (totalRow && totalColumn)
            amount = m_totals.openWhitespaceCents;
        else if (totalRow)
            amount = m_columnTotals[size_t(index.column())];
        else
            amount = m_rowTotals[size_t(index.row())];
        switch (role) {
        case Qt::DisplayRole: return domain::formatMoney(amount, currency);
        case Qt::TextAlignmentRole: return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        case Qt::FontRole: {
            QFont f;
            f.setBold(true);
            return f;
        }
        case AmountRole: return amount;
        case IsTotalRole: return true;
        default: return {};
        }
    }
    const WhitespaceCell *cell = cellAt(index);
    switch (role) {
    case Qt::DisplayRole:
        if (!cell)
            return QString();
        if (cell->status == CellStatus::NotAFit)
            return tr("not a fit");
        return domain::formatMoney(shownAmount(*cell), currency);
    case Qt::EditRole:
        return cell ? domain::formatMoney(shownAmount(*cell), currency, true) : QString();
    case Qt::TextAlignmentRole: return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::BackgroundRole: return cell ? QVariant(statusColor(cell->status)) : QVariant();
    case Qt::FontRole:
        if (cell && cell->status == CellStatus::NotAFit) { // the grey tint says it; italics keep it apart in print
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case Qt::ToolTipRole: {
        if (!cell)
            return tr("Not assessed. Keys: O owned, W whitespace, C competitor, N not a fit; Enter sets the amount.");
        QString t = domain::cellStatusName(cell->status);
        if (!cell->competitor.isEmpty())
            t += tr(": %1").arg(cell->competitor);
        if (cell->opportunityId > 0)
            t += tr(" (linked to an opportunity)");
        if (!cell->note.isEmpty())
            t += QStringLiteral("\n") + cell->note;
        return t;
    }
    case StatusRole: return cell ? int(cell->status) : -1;
    case CellIdRole: return cell ? cell->id : 0;
    case BuyingCenterIdRole: return m_centers[size_t(index.row())].id;
    case ProductIdRole: return m_products[size_t(index.column())].id;
    case AmountRole: return cell ? shownAmount(*cell) : 0;
    case IsTotalRole: return false;
    default: return {};
    }
}

Qt::ItemFlags WhitespaceModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (isGridCell(index) && !m_portfolio.isReadOnly(m_accountId))
        f |= Qt::ItemIsEditable;
    return f;
}

bool WhitespaceModel::store(const QModelIndex &index, WhitespaceCell cell, const QString &what)
{
    Q_UNUSED(index)
    return reportFailures(m_onError, [&] {
        const std::optional<WhitespaceCell> before = m_service.setCell(cell);
        const auto after = services::query::whitespaceCell(m_portfolio, cell.buyingCenterId, cell.productId);
        if (m_undo && after)
            m_undo->push(makeSetCellCommand(m_service, before, *after, what, m_onError));
    });
}

bool WhitespaceModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
        return false;
    const QString currency = m_portfolio.settings().currency;
    const auto cents = domain::parseMoney(value.toString(), currency);
    if (!cents || *cents < 0) {
        if (m_onError)
            m_onError(tr("Whitespace, %1 / %2: '%3' is not an amount (try 45000 or 1.2M)")
                          .arg(m_centers[size_t(index.row())].name, m_products[size_t(index.column())].name, value.toString()));
        return false;
    }
    WhitespaceCell cell;
    if (const WhitespaceCell *existing = cellAt(index))
        cell = *existing;
    cell.buyingCenterId = m_centers[size_t(index.row())].id;
    cell.productId = m_products[size_t(index.column())].id;
    if (!cellAt(index))
        cell.status = CellStatus::Whitespace;
    if (cell.status == CellStatus::Owned)
        cell.currentArrCents = *cents;
    else
        cell.potentialArrCents = *cents;
    return store(index, cell, tr("Set amount in %1 / %2").arg(m_centers[size_t(index.row())].name, m_products[size_t(index.column())].name));
}

bool WhitespaceModel::setStatus(const QModelIndex &index, CellStatus status, const QString &competitor)
{
    if (!(flags(index) & Qt::ItemIsEditable))
        return false;
    WhitespaceCell cell;
    if (const WhitespaceCell *existing = cellAt(index))
        cell = *existing;
    if (cell.id > 0 && cell.status == status)
        return true;
    cell.buyingCenterId = m_centers[size_t(index.row())].id;
    cell.productId = m_products[size_t(index.column())].id;
    // Moving between "has money" statuses keeps the amount where it makes sense.
    if (status == CellStatus::Owned && cell.currentArrCents == 0)
        cell.currentArrCents = cell.potentialArrCents;
    if (status != CellStatus::Owned && status != CellStatus::NotAFit && cell.potentialArrCents == 0)
        cell.potentialArrCents = cell.currentArrCents;
    cell.status = status;
    if (status == CellStatus::Competitor && !competitor.isEmpty())
        cell.competitor = competitor;
    return store(index, cell, tr("Mark %1 / %2 %3").arg(m_centers[size_t(index.row())].name, m_products[size_t(index.column())].name,
                                                       domain::cellStatusName(status)));
}

bool WhitespaceModel::createOpportunity(const QModelIndex &index, qint64 ownerId)
{
    const WhitespaceCell *cell = cellAt(index);
    if (!cell) {
        if (m_onError)
            m_onError(tr("Assess the cell first: only a Whitespace or Competitor cell can become an opportunity."));
        return false;
    }
    return reportFailures(m_onError, [&] {
        auto conv = m_service.createOpportunityFromCell(cell->id, ownerId, services::today().addDays(90));
        if (m_undo)
            m_undo->push(makeConvertCellCommand(m_service, std::move(conv), m_onError));
    });
}

} // namespace keystone::app
