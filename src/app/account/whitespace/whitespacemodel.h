// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "commands/commandsupport.h"

#include "keystone/domain/whitespace.h"

#include <QAbstractTableModel>
#include <QHash>

#include <vector>

class QUndoStack;

namespace keystone::services {
class Portfolio;
class WhitespaceService;
} // namespace keystone::services

namespace keystone::app {

// One account's whitespace grid: rows are buying centers plus a totals row, columns are
// products (by family) plus a totals column. Edits go through WhitespaceService and an
// undo command; the model follows the portfolio's whitespace events.
class WhitespaceModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role {
        StatusRole = Qt::UserRole + 1, // int CellStatus, -1 when not assessed
        CellIdRole,
        BuyingCenterIdRole,
        ProductIdRole,
        AmountRole, // cents shown in the cell
        IsTotalRole,
    };

    WhitespaceModel(services::Portfolio &portfolio, services::WhitespaceService &service, QUndoStack *undo,
                    CommandErrorHandler onError, QObject *parent = nullptr);

    void setAccount(qint64 accountId);
    qint64 accountId() const { return m_accountId; }
    void reload();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // EditRole: the amount as typed ("45000", "1.2M"): current ARR of an Owned cell,
    // potential otherwise. A cell not assessed yet becomes Whitespace.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    // Sets the status of a grid cell (one undo step); false with the reason via onError.
    bool setStatus(const QModelIndex &index, domain::CellStatus status, const QString &competitor = {});
    // Turns a Whitespace or Competitor cell into an opportunity (one undo step).
    bool createOpportunity(const QModelIndex &index, qint64 ownerId);

    const domain::WhitespaceTotals &totals() const { return m_totals; }
    bool isGridCell(const QModelIndex &index) const;
    const domain::WhitespaceCell *cellAt(const QModelIndex &index) const;
    // The buying center shown in `row`; nullptr for the totals row or out of range.
    const domain::BuyingCenter *centerAt(int row) const
    {
        return row >= 0 && size_t(row) < m_centers.size() ? &m_centers[size_t(row)] : nullptr;
    }

Q_SIGNALS:
    void totalsChanged();

private:
    bool store(const QModelIndex &index, domain::WhitespaceCell cell, const QString &what);
    qint64 shownAmount(const domain::WhitespaceCell &cell) const;

    services::Portfolio &m_portfolio;
    services::WhitespaceService &m_service;
    QUndoStack *m_undo;
    CommandErrorHandler m_onError;
    qint64 m_accountId = 0;
    std::vector<domain::BuyingCenter> m_centers;
    std::vector<domain::Product> m_products;
    QHash<QPair<qint64, qint64>, domain::WhitespaceCell> m_cells; // (center, product)
    std::vector<qint64> m_rowTotals;    // open whitespace per buying center
    std::vector<qint64> m_columnTotals; // open whitespace per product
    domain::WhitespaceTotals m_totals;
};

} // namespace keystone::app
