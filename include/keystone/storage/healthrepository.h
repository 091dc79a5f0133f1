// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/health.h"

#include <QDate>
#include <QHash>

#include <optional>
#include <vector>

namespace keystone::storage {

class Database;

// One stored score (health_scores): what computeHealth() gave for an account on a date.
struct StoredScore {
    qint64 accountId = 0;
    QDate date;
    double score = 0;
    domain::HealthBand band = domain::HealthBand::InsufficientData;
    double confidence = 0;
    std::array<double, domain::kMeasureCount> contributions{};
    bool capped = false;
};

// Health inputs (dated snapshots per account), scorecards and stored scores.
class HealthRepository
{
public:
    explicit HealthRepository(Database &db) : m_db(db) {}

    std::vector<domain::HealthInputs> inputs(qint64 accountId); // oldest first
    // Every account's snapshots, ordered by account then date (recompute, CLI over the book).
    std::vector<std::pair<qint64, domain::HealthInputs>> allInputs();
    std::optional<domain::HealthInputs> inputsOn(qint64 accountId, const QDate &date);
    void saveInputs(qint64 accountId, const domain::HealthInputs &inputs); // insert or replace that date
    void insertManyInputs(const std::vector<std::pair<qint64, domain::HealthInputs>> &rows);
    void removeInputs(qint64 accountId, const QDate &date);

    std::vector<domain::Scorecard> scorecards(); // as stored; may be empty (then the defaults apply)
    void saveScorecard(domain::Scorecard &card); // insert (id 0) or update
    void removeScorecard(qint64 id);

    // Replaces the stored scores of these accounts (all accounts when `accountIds` is empty)
    // and refreshes their cached current score; `trendDays` sets which earlier score is cached
    // for the trend (the latest on or before the current one's date minus trendDays).
    void replaceScores(const std::vector<StoredScore> &scores, const QList<qint64> &accountIds = {}, int trendDays = 30);
    // The cached current score of every scored account, with the earlier one for the trend.
    struct Current {
        StoredScore now;
        std::optional<double> before;
    };
    QHash<qint64, Current> currentScores();
    std::vector<StoredScore> history(qint64 accountId); // oldest first
    // The latest score on or before `date` of every account that has one: one index seek per
    // account on the primary key.
    QHash<qint64, StoredScore> latestScores(const QDate &onOrBefore);
    // Every stored band dated after `from` and on or before `to`, by account then date (one
    // pass over the table; the team lead's 12-month band chart).
    struct BandPoint {
        qint64 accountId = 0;
        QDate date;
        domain::HealthBand band = domain::HealthBand::InsufficientData;
    };
    std::vector<BandPoint> bandsBetween(const QDate &from, const QDate &to);
    qint64 scoreCount();

private:
    Database &m_db;
};

} // namespace keystone::storage
