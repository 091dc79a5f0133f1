// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/opportunity.h"

#include <QHash>
#include <QList>

#include <optional>
#include <vector>

namespace keystone::storage {

class Database;

// Opportunities. The link to a whitespace cell is stored on the cell (opportunity_id), so
// `cellId` is read from there and never written here.
class OpportunityRepository
{
public:
    explicit OpportunityRepository(Database &db) : m_db(db) {}

    std::vector<domain::Opportunity> all();                   // ordered by close date
    std::vector<domain::Opportunity> byAccount(qint64 accountId);
    std::vector<domain::Opportunity> byAccounts(const QList<qint64> &accountIds);
    std::optional<domain::Opportunity> byId(qint64 id);
    void insert(domain::Opportunity &opportunity); // keeps a non-zero id (undo)
    void update(const domain::Opportunity &opportunity);
    void remove(qint64 id);
    qint64 count();
    // Weighted amount of open opportunities per account, in one query.
    QHash<qint64, qint64> weightedOpenByAccount();

private:
    Database &m_db;
};

} // namespace keystone::storage
