// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/account.h"
#include "keystone/domain/retention.h"
#include "keystone/domain/opportunity.h"
#include "keystone/domain/whitespace.h"

#include <QList>

#include <optional>

#include <vector>

namespace keystone::services {

class Portfolio;

// An account with everything that is deleted together with it, so undo restores it whole.
struct AccountSnapshot {
    domain::Account account;
    std::vector<domain::BuyingCenter> buyingCenters;
    std::vector<domain::WhitespaceCell> cells;
    std::vector<domain::Opportunity> opportunities;
    std::vector<domain::ArrPoint> arrHistory;
    bool operator==(const AccountSnapshot &) const = default;
};

// The use cases on accounts that the GUI, its undo commands and the CLI share. Each call is
// one transaction: on any error nothing is written and the error is thrown
// (ValidationError for bad input, storage::StorageError for the file).
class AccountService
{
public:
    explicit AccountService(Portfolio &portfolio) : m_portfolio(portfolio) {}

    // Validates (fields, unique name) and stores a new account. An empty currency takes the
    // portfolio's. Returns the stored account with id, uuid and timestamps.
    domain::Account create(domain::Account draft);

    // Validates and saves all fields of an existing account; returns it as stored.
    domain::Account update(domain::Account account);

    // Sets the tier of many accounts by hand, with the reason (nullopt: back to the tier the
    // figures suggest, reason cleared), in one transaction: all of them or none. Accounts
    // already so are left alone; returns the ids that changed (an id that no longer exists
    // is a StorageError NotFound, and nothing is written).
    QList<qint64> setTier(const QList<qint64> &ids, std::optional<domain::Tier> tier, const QString &reason);

    // Deletes accounts with their buying centers, whitespace and opportunities; returns them
    // as they were, so undo can restore() them exactly.
    std::vector<AccountSnapshot> remove(const QList<qint64> &ids);

    // Puts deleted accounts back with their ids, uuids, timestamps and everything that went
    // with them.
    void restore(const std::vector<AccountSnapshot> &snapshots);
    void restore(const std::vector<domain::Account> &accounts); // accounts without children

private:
    void checkUniqueName(const domain::Account &account);
    Portfolio &m_portfolio;
};

} // namespace keystone::services
