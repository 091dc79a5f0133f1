// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/accountoverview.h"

#include "keystone/services/portfolio.h"

#include <QHash>
#include <QSet>

namespace keystone::services {

domain::SegmentInput segmentInputFor(const AccountRow &row)
{
    domain::SegmentInput in;
    in.arrCents = row.account.arr.cents;
    in.potentialRating = row.account.potentialRating;
    if (row.expansion.assessedCells > 0)
        in.openWhitespaceCents = row.expansion.openWhitespaceCents;
    return in;
}

AccountRow makeRow(const domain::Account &account, const QHash<qint64, QString> &ownerNames,
                   const domain::ExpansionTotals &expansion)
{
    AccountRow row;
    row.account = account;
    row.ownerName = ownerNames.value(account.ownerId);
    row.expansion = expansion;
    return row;
}

std::vector<size_t> resegment(std::vector<AccountRow> &rows, qint64 &thresholdCents,
                              const domain::SegmentationSettings &settings)
{
    std::vector<domain::SegmentInput> inputs;
    inputs.reserve(rows.size());
    for (const AccountRow &r : rows)
        inputs.push_back(segmentInputFor(r));
    const domain::PortfolioSegmentation seg = domain::segmentPortfolio(inputs, settings);
    thresholdCents = seg.thresholdCents;
    std::vector<size_t> changed;
    for (size_t i = 0; i < rows.size(); ++i) {
        AccountRow &r = rows[i];
        const domain::Tier tier = r.account.tierOverride.value_or(seg.segments[i].suggestedTier);
        if (!(r.segment == seg.segments[i]) || r.tier != tier) {
            r.segment = seg.segments[i];
            r.tier = tier;
            changed.push_back(i);
        }
    }
    return changed;
}

std::optional<AccountRow> loadAccountRow(Portfolio &portfolio, qint64 accountId)
{
    std::vector<AccountRow> rows = loadAccountRows(portfolio, {accountId});
    if (rows.empty())
        return std::nullopt;
    return std::move(rows.front());
}

std::vector<AccountRow> loadAccountRows(Portfolio &portfolio, const QList<qint64> &accountIds)
{
    std::vector<AccountRow> rows;
    if (accountIds.isEmpty())
        return rows;
    std::vector<domain::ExpansionTotals> totals;
    std::vector<domain::Account> accounts = portfolio.accounts().byIds(accountIds, &totals);
    if (accounts.empty())
        return rows;
    QHash<qint64, size_t> at; // byIds() returns the accounts by id
    for (size_t i = 0; i < accounts.size(); ++i)
        at.insert(accounts[i].id, i);
    const domain::SegmentationSettings &settings = portfolio.settings().segmentation;
    const qint64 threshold = domain::valueThresholdCents(portfolio.accounts().allArrCents(), settings);
    QSet<qint64> seen;
    for (qint64 id : accountIds) {
        const auto it = at.constFind(id);
        if (it == at.constEnd() || seen.contains(id))
            continue;
        seen.insert(id);
        AccountRow row;
        row.account = accounts[*it];
        row.expansion = totals[*it];
        if (const auto owner = portfolio.team().byId(row.account.ownerId))
            row.ownerName = owner->name;
        row.segment = domain::segment(segmentInputFor(row), threshold, settings);
        row.tier = row.account.tierOverride.value_or(row.segment.suggestedTier);
        rows.push_back(std::move(row));
    }
    return rows;
}

AccountOverview loadAccountOverview(Portfolio &portfolio)
{
    QHash<qint64, QString> owners;
    for (const domain::TeamMember &m : portfolio.team().all())
        owners.insert(m.id, m.name);
    AccountOverview overview;
    std::vector<domain::ExpansionTotals> totals;
    std::vector<domain::Account> accounts = portfolio.accounts().all(&totals);
    overview.rows.reserve(accounts.size());
    for (size_t i = 0; i < accounts.size(); ++i) {
        AccountRow row;
        row.ownerName = owners.value(accounts[i].ownerId);
        row.account = std::move(accounts[i]);
        row.expansion = totals[i];
        overview.rows.push_back(std::move(row));
    }
    resegment(overview.rows, overview.thresholdCents, portfolio.settings().segmentation);
    return overview;
}

} // namespace keystone::services
