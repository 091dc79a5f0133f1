// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/coverage.h"
#include "keystone/domain/health.h"
#include "keystone/domain/retention.h"
#include "keystone/domain/signals.h"
#include "keystone/domain/teammember.h"
#include "keystone/services/accountoverview.h"
#include "keystone/services/planservice.h"

#include <QDate>
#include <QHash>
#include <QPair>

#include <array>
#include <optional>
#include <vector>

namespace keystone::services {

class Portfolio;

// Health bands as the team lead's tables count them: the four bands, then "not scored".
inline constexpr int kBandColumns = 5;
int bandColumn(const std::optional<domain::HealthBand> &band); // 0..4
QString bandColumnName(int column);                          // "Green", ..., "Not scored"

// One account with everything the team lead's views and the `portfolio` and `signals`
// commands need.
struct BookAccount {
    AccountRow row;
    std::optional<domain::HealthBand> band; // latest stored score on or before the day; nullopt: none
    double score = 0;
    QDate healthDate;
    std::optional<double> scoreBefore;      // a trend period earlier
    PlanSummary plan;
    domain::SignalFacts facts;
    std::vector<qint64> members;            // assigned besides the owner
};

// The whole book on one day, read with a fixed number of queries however large it is.
struct BookData {
    QDate today;
    QString currency;
    qint64 thresholdCents = 0;
    domain::PortfolioSettings settings;
    std::vector<BookAccount> accounts;      // by account id
    QHash<qint64, size_t> indexOf;          // account id -> index in accounts
    std::vector<domain::TeamMember> team;
    std::vector<domain::ArrPoint> arrHistory; // by account, then date
    QHash<QPair<qint64, int>, domain::SignalState> decisions; // newest per (account, rule)
};
BookData loadBookData(Portfolio &portfolio, const QDate &today);

// Which accounts a view shows (empty = all).
struct BookFilter {
    qint64 ownerId = 0;
    QString region;
    QString industry;
    bool matches(const BookAccount &a) const;
};

// Tier x band counts and ARR sums (index: tier - 1, band column).
struct TierBandTable {
    std::array<std::array<int, kBandColumns>, 3> counts{};
    std::array<std::array<qint64, kBandColumns>, 3> arrCents{};
};
TierBandTable tierBandTable(const BookData &book, const BookFilter &filter = {});
std::array<int, kBandColumns> healthDistribution(const BookData &book, const BookFilter &filter = {});

// NRR and GRR over [from, to] for the whole book, by owner (team member id; 0 =
// unassigned) and by tier (the tier in force today).
struct RetentionReport {
    QDate from, to;
    domain::Retention total;
    std::vector<QPair<qint64, domain::Retention>> byOwner; // by owner name
    std::array<domain::Retention, 3> byTier{};
};
RetentionReport retentionReport(const BookData &book, const QDate &from, const QDate &to, const BookFilter &filter = {});

// Renewals from the past (overdue, first) to `days` ahead.
struct RenewalRow {
    size_t account = 0; // index into BookData::accounts
    int daysToRenewal = 0;
    bool workStarted = false;
};
std::vector<RenewalRow> renewals(const BookData &book, int days = 180, const BookFilter &filter = {});

// Plan completeness and freshness per owner.
struct HygieneRow {
    qint64 ownerId = 0;
    QString owner;
    int accounts = 0;
    double meanCompleteness = 0; // percent
    int fresh = 0;               // reviewed within the tier's refresh period
    int stale = 0;
    int singleThreadedKey = 0;   // single-threaded Tier 1 and 2 accounts
};
std::vector<HygieneRow> planHygiene(const BookData &book, const BookFilter &filter = {});
std::vector<size_t> singleThreadedKeyAccounts(const BookData &book, const BookFilter &filter = {}); // Tier 1 first

// Coverage: required FTE per role against the team's FTE in that role, and each person's load.
struct RoleCoverage {
    domain::TeamRole role = domain::TeamRole::AM;
    double requiredHours = 0;
    double requiredFte = 0;
    double availableFte = 0; // the team's hours in this role / standard hours
    int people = 0;
};
struct PersonLoad {
    domain::TeamMember member;
    domain::TierCounts assigned{}; // owned, plus assigned besides the owner
    domain::Utilisation utilisation;
    QString guidance;
};
struct CoverageReport {
    domain::TierCounts book{};
    std::vector<RoleCoverage> roles; // in role order
    std::vector<PersonLoad> people;  // by name
};
CoverageReport coverageReport(const BookData &book);

// The signals of the book (or of one account), newest decision applied.
struct BookSignal {
    domain::Signal signal;
    std::optional<domain::SignalState> decision;
    bool visible = true; // not snoozed or dismissed on the day
};
std::vector<BookSignal> bookSignals(const BookData &book, qint64 accountId = 0, const BookFilter &filter = {});
// Open (visible) signals per account, for the portfolio table's badge.
QHash<qint64, int> openSignalCounts(const BookData &book);
QHash<qint64, int> openSignalCounts(const std::vector<BookSignal> &signalList); // from bookSignals(book)

// Health bands at the end of each of the last `months` months (oldest first).
struct BandMonth {
    QDate date;
    std::array<int, kBandColumns> counts{};
};
std::vector<BandMonth> healthTimeline(Portfolio &portfolio, const QDate &today, int months = 12);

// The accounts whose health fell most over the trend period, with what changed (the
// largest contribution changes first). Reads each of those accounts' health (n of them).
struct Decliner {
    size_t account = 0; // index into BookData::accounts
    double before = 0;
    double now = 0;
    QString whatChanged; // "Usage -8.2, Sentiment -3.1"
};
std::vector<Decliner> biggestDecliners(Portfolio &portfolio, const BookData &book, int n = 15);

// The `portfolio` command's figures.
struct PortfolioSummary {
    int accounts = 0;
    qint64 totalArrCents = 0;
    TierBandTable tierBand;
    RetentionReport retention;
    std::array<int, kBandColumns> health{};
    qint64 openWhitespaceCents = 0;
    qint64 weightedPipelineCents = 0;
    CoverageReport coverage;
    int signalsOpen = 0;
};
PortfolioSummary portfolioSummary(const BookData &book, const QDate &from, const QDate &to, const BookFilter &filter = {});

// Snoozes or dismisses one account's signal (or makes it active again); kept, undoable by
// removeSignalDecision().
domain::SignalState decideSignal(Portfolio &portfolio, domain::SignalState state);
void removeSignalDecision(Portfolio &portfolio, const domain::SignalState &state);
// Adds a team member to the coverage of accounts besides their owners, or takes them off,
// in one transaction: all of the accounts or none. Returns the accounts that changed (not
// those already so); a member or an account that does not exist is refused and nothing is
// written.
QList<qint64> assignMember(Portfolio &portfolio, const QList<qint64> &accountIds, qint64 memberId);
QList<qint64> unassignMember(Portfolio &portfolio, const QList<qint64> &accountIds, qint64 memberId);
// One account (false: already so).
inline bool assignMember(Portfolio &portfolio, qint64 accountId, qint64 memberId)
{
    return !assignMember(portfolio, QList<qint64>{accountId}, memberId).isEmpty();
}
inline bool unassignMember(Portfolio &portfolio, qint64 accountId, qint64 memberId)
{
    return !unassignMember(portfolio, QList<qint64>{accountId}, memberId).isEmpty();
}

} // namespace keystone::services
