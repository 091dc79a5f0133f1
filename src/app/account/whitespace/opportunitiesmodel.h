// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "commands/commandsupport.h"

#include "keystone/domain/opportunity.h"

#include <QAbstractTableModel>
#include <QHash>

#include <vector>

class QUndoStack;

namespace keystone::services {
class Portfolio;
class WhitespaceService;
} // namespace keystone::services

namespace keystone::app {

// One account's opportunities. Stage, amount, probability and close date are edited in
// place through WhitespaceService, one undo command each.
class OpportunitiesModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Type, Stage, Amount, Probability, Weighted, CloseDate, Owner, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, OpportunityIdRole };

    OpportunitiesModel(services::Portfolio &portfolio, services::WhitespaceService &service, QUndoStack *undo,
                       CommandErrorHandler onError, QObject *parent = nullptr);

    void setAccount(qint64 accountId);
    void reload();
    const domain::PipelineTotals &totals() const { return m_totals; }
    const domain::Opportunity &at(int row) const { return m_rows[size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

Q_SIGNALS:
    void totalsChanged();

private:
    services::Portfolio &m_portfolio;
    services::WhitespaceService &m_service;
    QUndoStack *m_undo;
    CommandErrorHandler m_onError;
    qint64 m_accountId = 0;
    std::vector<domain::Opportunity> m_rows;
    QHash<qint64, QString> m_owners;
    domain::PipelineTotals m_totals;
};

} // namespace keystone::app
