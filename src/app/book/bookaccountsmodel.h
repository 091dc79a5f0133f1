// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QAbstractTableModel>

#include <vector>

namespace keystone::app {

class PortfolioModel;

// Accounts behind one cell of the book whitespace matrix: the account's row in the portfolio
// model plus the open whitespace that put it in the cell. Read-only, sorted largest first.
class BookAccountsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Owner, Tier, Industry, OpenWhitespace, Arr, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, AccountIdRole };
    struct Entry {
        qint64 accountId = 0;
        qint64 openCents = 0;
    };

    explicit BookAccountsModel(const PortfolioModel &accounts, QObject *parent = nullptr);
    void setEntries(std::vector<Entry> entries);
    const Entry &at(int row) const { return m_entries[size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const PortfolioModel &m_accounts;
    std::vector<Entry> m_entries;
};

} // namespace keystone::app
