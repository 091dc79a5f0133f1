// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/health.h"
#include "keystone/domain/relationship.h"
#include "keystone/storage/healthrepository.h"

#include <QDate>
#include <QHash>

#include <array>
#include <optional>

#include <functional>
#include <vector>

namespace keystone::services {

class Portfolio;
using storage::StoredScore; // one stored health score of an account, as the history shows it

// What the activity log and contacts say about one account, for any date: touchpoints in
// the 90 days before it, multithreading depth then, and whether a champion had left.
class RelationshipTimeline
{
public:
    RelationshipTimeline() = default;
    RelationshipTimeline(std::vector<domain::Contact> contacts, std::vector<domain::Activity> activities);
    domain::RelationshipFacts factsOn(const QDate &date) const;

private:
    std::vector<domain::Contact> m_contacts;
    std::vector<domain::Activity> m_activities; // oldest first
    QHash<qint64, size_t> m_contactIndex;
};

// One account's health as of a date, with its trend and explanation.
struct AccountHealth {
    qint64 accountId = 0;
    QDate asOf;
    QDate inputsDate;            // the snapshot used (latest on or before asOf); invalid: none
    domain::Scorecard scorecard; // the one that applies
    domain::HealthResult now;
    QDate comparedWith;          // asOf - trendDays
    std::optional<domain::HealthResult> before;
    domain::Trend trend = domain::Trend::Flat;
    std::vector<domain::ContributionChange> whatChanged; // empty without `before`
    bool championLossAlert = false;
};

// How many accounts' band a scorecard edit would move, and into which band.
struct BandMoves {
    int total = 0;
    std::array<int, 4> into{}; // indexed by domain::HealthBand
};

// The book as the scorecard dialog needs it for its preview: each account's inputs and
// relationship facts on one date and its band under the current scorecards, loaded once
// (on a worker connection, as it reads the whole book), then re-scored in memory per edit.
class ScorecardPreview
{
public:
    QDate asOf() const { return m_asOf; }
    int accountCount() const { return int(m_entries.size()); }
    const std::vector<domain::Scorecard> &cards() const { return m_cards; }
    // With `edited` in place of the stored card of the same id (id 0: of the same scope, or added).
    BandMoves withCard(const domain::Scorecard &edited) const;
    // With the card of that id removed (its accounts fall back to a less specific one).
    BandMoves withoutCard(qint64 id) const;

private:
    friend class HealthService;
    struct Entry {
        domain::Tier tier = domain::Tier::Tier3;
        domain::LifecyclePhase phase = domain::LifecyclePhase::Nurture;
        int engagementTarget = 0;
        std::optional<domain::HealthInputs> inputs;
        domain::RelationshipFacts facts;
        domain::HealthBand band = domain::HealthBand::InsufficientData;
    };
    BandMoves movesWith(const std::vector<domain::Scorecard> &cards) const;
    domain::HealthBand bandUnder(const std::vector<domain::Scorecard> &cards, const Entry &e) const;
    QDate m_asOf;
    std::vector<domain::Scorecard> m_cards;
    std::vector<Entry> m_entries;
};

// Health use cases. Scores are computed by the domain functions from the stored inputs and
// the relationship timeline; stored scores (health_scores) serve the lists and history.
class HealthService
{
public:
    explicit HealthService(Portfolio &portfolio) : m_portfolio(portfolio) {}

    // The stored scorecards, or the default one when none is stored.
    std::vector<domain::Scorecard> scorecards();
    // Health of one account, or of every account (bulk: a handful of queries in all).
    AccountHealth healthOf(qint64 accountId, const QDate &asOf);
    std::vector<AccountHealth> healthOfAll(const QDate &asOf);
    // The score at every snapshot date of one account, oldest first.
    std::vector<domain::HealthResult> history(qint64 accountId);

    // Recomputes and stores the score of every snapshot of every account in one transaction.
    // `progress(done, total)` is called now and then; returning false cancels (nothing is
    // written). Returns the number of scores written, or -1 when cancelled.
    qint64 recomputeAll(const std::function<bool(int, int)> &progress = {});
    // The computing part alone (nothing written); nullopt when cancelled. The benchmark
    // reads the time spent loading and computing through the out-parameters.
    std::optional<std::vector<storage::StoredScore>> computeAll(const std::function<bool(int, int)> &progress = {},
                                                                double *loadMs = nullptr, double *computeMs = nullptr);
    // Every account's latest stored score, with the stored score a comparison period before
    // it for the trend (the portfolio table's column), from the cache on the accounts.
    using CurrentScores = QHash<qint64, storage::HealthRepository::Current>;
    CurrentScores currentScores();
    domain::Scorecard defaultScorecard();
    // The scorecard dialog's preview data (reads the whole book: call it on a worker).
    ScorecardPreview loadPreview(const QDate &asOf);
    // How many accounts' current band would change under `card`.
    int bandChangesWith(const domain::Scorecard &card, const QDate &asOf) { return loadPreview(asOf).withCard(card).total; }
    // Validates and stores a scorecard (insert when its id is 0), then recomputes every
    // score, in one transaction. `progress` as for recomputeAll(); nullopt when cancelled
    // (nothing is written). Throws ValidationError naming the field.
    std::optional<domain::Scorecard> saveScorecard(domain::Scorecard card, const std::function<bool(int, int)> &progress = {});
    // Removes a tier or phase scorecard (the default one cannot be removed) and recomputes,
    // in one transaction; false when cancelled.
    bool removeScorecard(qint64 id, const std::function<bool(int, int)> &progress = {});

    // Saves one dated snapshot of inputs (replacing that date's) and recomputes the
    // account's stored scores. Returns what was stored on that date before, for undo.
    std::optional<domain::HealthInputs> saveInputs(qint64 accountId, const domain::HealthInputs &inputs);
    // Recomputes the stored scores of these accounts inside the caller's transaction (an
    // import): one book read for all of them. Emits nothing; the caller announces.
    void recomputeAccounts(const QList<qint64> &accountIds);
    // The two halves of recomputeAccounts(): the scores, computed with reads only (a sync
    // scores outside its write transaction), and storing them.
    std::vector<storage::StoredScore> scoresOf(const QList<qint64> &accountIds);
    void storeScores(const std::vector<storage::StoredScore> &scores, const QList<qint64> &accountIds);
    // Puts a date back as it was (nullopt: removes that date's snapshot).
    void restoreInputs(qint64 accountId, const QDate &date, const std::optional<domain::HealthInputs> &before);

private:
    struct Book; // everything needed to score many accounts without per-account queries
    Book loadBook(const QList<qint64> &accountIds = {});
    std::vector<storage::StoredScore> scoreHistory(const Book &book, qint64 accountId) const;
    void recomputeAccount(qint64 accountId);
    Portfolio &m_portfolio;
};

} // namespace keystone::services
