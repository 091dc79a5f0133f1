// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/account.h"

#include <QList>

#include <vector>

namespace keystone::services {

class Portfolio;

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

    // Deletes accounts; returns them as they were, so undo can restore() them exactly.
    std::vector<domain::Account> remove(const QList<qint64> &ids);

    // Puts deleted accounts back with their ids, uuids and timestamps.
    void restore(const std::vector<domain::Account> &accounts);

private:
    void checkUniqueName(const domain::Account &account);
    Portfolio &m_portfolio;
};

} // namespace keystone::services
