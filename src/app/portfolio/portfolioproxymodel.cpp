// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "portfolio/portfolioproxymodel.h"

#include "portfolio/portfoliomodel.h"

namespace keystone::app {

PortfolioProxyModel::PortfolioProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(PortfolioModel::SortRole);
    setDynamicSortFilter(true);
}

void PortfolioProxyModel::setSourceModel(QAbstractItemModel *model)
{
    m_model = qobject_cast<PortfolioModel *>(model);
    Q_ASSERT(m_model);
    QSortFilterProxyModel::setSourceModel(model);
}

void PortfolioProxyModel::setFilterText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_words = text.toCaseFolded().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateRowsFilter();
}

void PortfolioProxyModel::setTierFilter(std::optional<domain::Tier> tier)
{
    if (tier == m_tier)
        return;
    m_tier = tier;
    invalidateRowsFilter();
}

void PortfolioProxyModel::setOwnerFilter(qint64 ownerId)
{
    if (ownerId == m_owner)
        return;
    m_owner = ownerId;
    invalidateRowsFilter();
}

bool PortfolioProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    const services::AccountRow &row = m_model->rowAt(sourceRow);
    if (m_tier && row.tier != *m_tier)
        return false;
    if (m_owner != kAnyOwner && row.account.ownerId != m_owner)
        return false;
    if (!m_words.isEmpty()) {
        const QString &haystack = m_model->searchText(sourceRow);
        for (const QString &w : m_words) {
            if (!haystack.contains(w))
                return false;
        }
    }
    return true;
}

bool PortfolioProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const services::AccountRow &a = m_model->rowAt(left.row());
    const services::AccountRow &b = m_model->rowAt(right.row());
    auto byName = [&] { return a.account.name.compare(b.account.name, Qt::CaseInsensitive) < 0; };
    switch (left.column()) {
    case PortfolioModel::Arr:
        return a.account.arr.cents != b.account.arr.cents ? a.account.arr.cents < b.account.arr.cents : byName();
    case PortfolioModel::OpenWhitespace: {
        const qint64 x = a.expansion.openWhitespaceCents, y = b.expansion.openWhitespaceCents;
        return x != y ? x < y : byName();
    }
    case PortfolioModel::WeightedPipeline: {
        const qint64 x = a.expansion.weightedPipelineCents, y = b.expansion.weightedPipelineCents;
        return x != y ? x < y : byName();
    }
    case PortfolioModel::Health: {
        const double x = left.data(PortfolioModel::SortRole).toDouble(), y = right.data(PortfolioModel::SortRole).toDouble();
        return x != y ? x < y : byName();
    }
    case PortfolioModel::Plan:
    case PortfolioModel::Reviewed:
    case PortfolioModel::Threads:
    case PortfolioModel::Signals: {
        const int x = left.data(PortfolioModel::SortRole).toInt(), y = right.data(PortfolioModel::SortRole).toInt();
        return x != y ? x < y : byName();
    }
    case PortfolioModel::Tier:
        return a.tier != b.tier ? a.tier < b.tier : a.account.arr.cents > b.account.arr.cents;
    case PortfolioModel::Quadrant:
        return a.segment.quadrant != b.segment.quadrant ? a.segment.quadrant < b.segment.quadrant : byName();
    case PortfolioModel::Renewal:
    case PortfolioModel::DaysToRenewal: {
        // Accounts without a renewal date sort last.
        const qint64 ja = a.account.renewalDate.isValid() ? a.account.renewalDate.toJulianDay() : std::numeric_limits<qint64>::max();
        const qint64 jb = b.account.renewalDate.isValid() ? b.account.renewalDate.toJulianDay() : std::numeric_limits<qint64>::max();
        return ja != jb ? ja < jb : byName();
    }
    case PortfolioModel::Phase:
        return a.account.phase != b.account.phase ? a.account.phase < b.account.phase : byName();
    case PortfolioModel::Owner: {
        const int c = a.ownerName.compare(b.ownerName, Qt::CaseInsensitive);
        return c != 0 ? c < 0 : byName();
    }
    case PortfolioModel::Industry: {
        const int c = a.account.industry.compare(b.account.industry, Qt::CaseInsensitive);
        return c != 0 ? c < 0 : byName();
    }
    case PortfolioModel::Region: {
        const int c = a.account.region.compare(b.account.region, Qt::CaseInsensitive);
        return c != 0 ? c < 0 : byName();
    }
    default:
        return byName();
    }
}

} // namespace keystone::app
