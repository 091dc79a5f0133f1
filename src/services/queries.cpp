// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/queries.h"

#include "keystone/services/portfolio.h"

namespace keystone::services::query {

std::vector<domain::Account> accounts(Portfolio &portfolio, std::vector<domain::ExpansionTotals> *totals)
{
    return portfolio.accounts().all(totals);
}

std::vector<domain::Account> accountsById(Portfolio &portfolio, const QList<qint64> &ids, std::vector<domain::ExpansionTotals> *totals)
{
    return portfolio.accounts().byIds(ids, totals);
}

std::optional<domain::Account> account(Portfolio &portfolio, qint64 id)
{
    return portfolio.accounts().byId(id);
}

std::optional<domain::Account> accountNamed(Portfolio &portfolio, const QString &name)
{
    return portfolio.accounts().byName(name);
}

std::vector<std::pair<qint64, QString>> accountNames(Portfolio &portfolio)
{
    return portfolio.accounts().names();
}

std::vector<domain::TeamMember> team(Portfolio &portfolio)
{
    return portfolio.team().all();
}

std::optional<domain::TeamMember> member(Portfolio &portfolio, qint64 id)
{
    return portfolio.team().byId(id);
}

std::optional<domain::TeamMember> memberNamed(Portfolio &portfolio, const QString &name)
{
    return portfolio.team().byName(name);
}

std::vector<domain::Product> products(Portfolio &portfolio)
{
    return portfolio.whitespace().products();
}

std::optional<domain::Product> product(Portfolio &portfolio, qint64 id)
{
    return portfolio.whitespace().productById(id);
}

std::vector<domain::BuyingCenter> buyingCenters(Portfolio &portfolio, qint64 accountId)
{
    return portfolio.whitespace().buyingCenters(accountId);
}

std::vector<domain::WhitespaceCell> whitespaceCells(Portfolio &portfolio, qint64 accountId)
{
    return portfolio.whitespace().cells(accountId);
}

std::optional<domain::WhitespaceCell> whitespaceCell(Portfolio &portfolio, qint64 buyingCenterId, qint64 productId)
{
    return portfolio.whitespace().cellAt(buyingCenterId, productId);
}

std::vector<OpenWhitespaceEntry> openWhitespace(Portfolio &portfolio)
{
    return portfolio.whitespace().openWhitespaceEntries();
}

std::vector<domain::Opportunity> opportunities(Portfolio &portfolio, qint64 accountId)
{
    return portfolio.opportunities().byAccount(accountId);
}

std::vector<domain::Opportunity> allOpportunities(Portfolio &portfolio)
{
    return portfolio.opportunities().all();
}

std::vector<domain::Contact> contacts(Portfolio &portfolio, qint64 accountId, QHash<qint64, QDate> *lastInteraction)
{
    return portfolio.contacts().forAccount(accountId, lastInteraction);
}

std::vector<domain::Activity> activities(Portfolio &portfolio, qint64 accountId, const QDate &since)
{
    return portfolio.activities().forAccount(accountId, since);
}

QHash<qint64, int> relationshipDepth(Portfolio &portfolio, const QDate &since)
{
    return portfolio.contacts().depthByAccount(since);
}

int relationshipDepthOf(Portfolio &portfolio, qint64 accountId, const QDate &since)
{
    return portfolio.contacts().depthOf(accountId, since);
}

std::vector<domain::HealthInputs> healthInputs(Portfolio &portfolio, qint64 accountId)
{
    return portfolio.health().inputs(accountId);
}

std::vector<StoredScore> healthHistory(Portfolio &portfolio, qint64 accountId)
{
    return portfolio.health().history(accountId);
}

} // namespace keystone::services::query
