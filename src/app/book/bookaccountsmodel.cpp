// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "book/bookaccountsmodel.h"

#include "portfolio/portfoliomodel.h"

#include "keystone/domain/money.h"

#include <algorithm>

namespace keystone::app {

BookAccountsModel::BookAccountsModel(const PortfolioModel &accounts, QObject *parent)
    : QAbstractTableModel(parent)
    , m_accounts(accounts)
{
}

void BookAccountsModel::setEntries(std::vector<Entry> entries)
{
    beginResetModel();
    m_entries.clear();
    m_entries.reserve(entries.size());
    for (const Entry &e : entries)
        if (m_accounts.rowOfId(e.accountId) >= 0)
            m_entries.push_back(e);
    std::sort(m_entries.begin(), m_entries.end(),
              [](const Entry &a, const Entry &b) { return a.openCents != b.openCents ? a.openCents > b.openCents : a.accountId < b.accountId; });
    endResetModel();
}

int BookAccountsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int BookAccountsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BookAccountsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Entry &e = m_entries[size_t(index.row())];
    const int modelRow = m_accounts.rowOfId(e.accountId);
    if (modelRow < 0)
        return {};
    const services::AccountRow &r = m_accounts.rowAt(modelRow);
    if (role == AccountIdRole)
        return e.accountId;
    if (role == Qt::TextAlignmentRole && (index.column() == OpenWhitespace || index.column() == Arr))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool sort = role == SortRole;
    switch (Column(index.column())) {
    case Name: return r.account.name;
    case Owner: return r.ownerName;
    case Tier: return sort ? QVariant(int(r.tier)) : QVariant(domain::tierName(r.tier));
    case Industry: return r.account.industry;
    case OpenWhitespace: return sort ? QVariant(e.openCents) : QVariant(domain::formatMoney(e.openCents, m_accounts.currency()));
    case Arr: return sort ? QVariant(r.account.arr.cents) : QVariant(domain::formatMoney(r.account.arr.cents, m_accounts.currency()));
    case ColumnCount: break;
    }
    return {};
}

QVariant BookAccountsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Name: return tr("Account");
    case Owner: return tr("Owner");
    case Tier: return tr("Tier");
    case Industry: return tr("Industry");
    case OpenWhitespace: return tr("Open whitespace");
    case Arr: return tr("ARR");
    case ColumnCount: break;
    }
    return {};
}

} // namespace keystone::app
