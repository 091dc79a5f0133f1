// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/account.h"
#include "keystone/domain/whitespace.h"

#include <QList>

#include <optional>
#include <utility>
#include <vector>

namespace keystone::storage {

class Database;

// Accounts in one portfolio file. Takes and returns domain values; callers own transactions.
class AccountRepository
{
public:
    explicit AccountRepository(Database &db) : m_db(db) {}

    // Ordered by id, one query; `totals` (when given) receives each account's cached
    // whitespace and pipeline totals, parallel to the result.
    std::vector<domain::Account> all(std::vector<domain::ExpansionTotals> *totals = nullptr);
    std::optional<domain::Account> byId(qint64 id);
    // The accounts with these ids, in one query (ordered by id; missing ids are skipped).
    std::vector<domain::Account> byIds(const QList<qint64> &ids, std::vector<domain::ExpansionTotals> *totals = nullptr);
    std::optional<domain::Account> byNameKey(const QString &nameKey); // domain::nameKey()
    std::optional<domain::Account> byName(const QString &name);
    // Stores a new account; assigns id (when 0), uuid (when empty) and timestamps.
    // A non-zero id is kept, so undo can put a deleted account back where it was.
    void insert(domain::Account &account);
    // The same for many accounts through one prepared statement and no QVariant per value:
    // the bulk path for generation and imports (inside the caller's transaction).
    void insertMany(std::vector<domain::Account> &accounts);
    void update(domain::Account &account); // refreshes updatedAt
    void remove(qint64 id);
    qint64 count();
    qint64 totalArrCents();
    // Recomputes the cached whitespace and pipeline totals of these accounts from their
    // cells and opportunities (nothing for an empty list). Every service that writes cells
    // or opportunities calls it inside its transaction.
    void refreshExpansionTotals(const QList<qint64> &ids);
    void refreshAllExpansionTotals(); // after bulk writes (demo, import)
    // Marks accounts as lost customers: ARR zero, no renewal, not at risk, `note` as notes,
    // updated at `at` (the demo generator's churned accounts).
    void markChurned(const QList<qint64> &ids, const QString &note, const QDateTime &at);
    // Accounts whose cached totals differ from a fresh recount (for check --full).
    QList<qint64> staleExpansionTotals();
    // Every account's industry (id, industry), in one query: grouping without loading accounts.
    std::vector<std::pair<qint64, QString>> industries();
    std::vector<std::pair<qint64, QString>> names(); // (id, name) by id
    std::vector<qint64> allArrCents();               // every account's ARR: the value threshold
    // Ids of the accounts a team member owns.
    QList<qint64> idsOwnedBy(qint64 ownerId);
    // Sets the owner of these accounts in one statement (0 = unassigned).
    void assignOwner(const QList<qint64> &ids, qint64 ownerId);

private:
    Database &m_db;
};

} // namespace keystone::storage
