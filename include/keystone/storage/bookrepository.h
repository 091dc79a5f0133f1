// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/retention.h"
#include "keystone/domain/signals.h"

#include <QHash>
#include <QMap>
#include <QPair>
#include <QSet>

#include <optional>
#include <vector>

namespace keystone::storage {

class Database;

// Dated ARR per account (table arr_history): one point per account and date.
class ArrHistoryRepository
{
public:
    explicit ArrHistoryRepository(Database &db) : m_db(db) {}

    std::vector<domain::ArrPoint> all();                  // by account, then date
    std::vector<domain::ArrPoint> forAccount(qint64 accountId); // by date
    std::vector<domain::ArrPoint> ofAccounts(const QList<qint64> &accountIds); // by account, date
    // Stores a point, replacing the account's point on the same date.
    void record(const domain::ArrPoint &point);
    void recordMany(const std::vector<domain::ArrPoint> &points); // bulk (demo, import)
    // Removes the account's point on that date (undo of a same-day change).
    void remove(qint64 accountId, const QDate &date);
    qint64 count();

private:
    Database &m_db;
};

// Team members assigned to accounts besides the owner (table account_team).
class AssignmentRepository
{
public:
    explicit AssignmentRepository(Database &db) : m_db(db) {}

    // (account id, team member id) pairs, by account.
    std::vector<QPair<qint64, qint64>> all();
    std::vector<qint64> membersOf(qint64 accountId);
    bool assign(qint64 accountId, qint64 memberId);   // false when already assigned
    bool unassign(qint64 accountId, qint64 memberId); // false when not assigned

private:
    Database &m_db;
};

// Decisions on signals (table signal_states): every one kept, the newest applies.
class SignalStateRepository
{
public:
    explicit SignalStateRepository(Database &db) : m_db(db) {}

    // The newest decision per (account, rule).
    QHash<QPair<qint64, int>, domain::SignalState> newest();
    std::vector<domain::SignalState> forAccount(qint64 accountId); // oldest first
    void add(domain::SignalState &state); // assigns id (and `at` when not set)
    void remove(qint64 id);               // undo of add()

private:
    Database &m_db;
};

// Whole-book facts for the signals, each one aggregate query (no per-account queries).
class BookQueries
{
public:
    explicit BookQueries(Database &db) : m_db(db) {}

    struct Champions {
        int active = 0;       // active contacts who are champions (role or stance)
        int contacts = 0;     // active contacts
        QDate lastDeparture;  // newest departed_on of a champion
    };
    QHash<qint64, Champions> champions();
    // Accounts with renewal work under way: a renewal opportunity not lost that closes on or
    // after `since`, or an activity on or after `since` whose summary or next step mentions
    // a renewal.
    QSet<qint64> renewalWork(const QDate &since);
    // Newest QBR or executive review per account.
    QHash<qint64, QDate> lastBusinessReviews();
    // Active users / licensed seats of each account's newest inputs that have both.
    QHash<qint64, double> usageRatios();
    // Active contacts in a buying center where no product is owned or in the pipeline.
    QHash<qint64, int> newBuyingCenterContacts();
    // Rows per entity table that `keystone-cli info` counts (products, buying centers,
    // whitespace cells, opportunities, contacts, influences, activities), by table name.
    QMap<QString, qint64> entityCounts();

private:
    Database &m_db;
};

} // namespace keystone::storage
