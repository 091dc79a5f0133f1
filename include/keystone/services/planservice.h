// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/plan.h"
#include "keystone/services/accountoverview.h"
#include "keystone/domain/types.h"

#include <QDate>
#include <QHash>

#include <optional>
#include <vector>

namespace keystone::services {

class Portfolio;

// One account's plan as the Plan tab, the CLI and (later) the QBR show it.
struct AccountPlan {
    qint64 accountId = 0;
    QDate today;
    domain::Tier tier = domain::Tier::Tier3;
    int refreshDays = 0; // the tier's plan-refresh limit
    std::vector<domain::Priority> priorities;
    std::vector<domain::Risk> risks;
    std::vector<domain::PlanAction> actions;
    std::vector<domain::ValueDelivered> values; // newest first
    domain::AdvocacyProfile advocacy;
    std::vector<domain::ReferenceRequest> referenceRequests; // newest first
    std::optional<int> nps;                                  // the latest survey in the health inputs
    QDate npsDate;
    std::vector<domain::PlanReview> reviews; // newest first
    QDate noKnownRisksOn;
    // Joint success plan and the at-risk remediation plan.
    domain::LifecyclePhase phase = domain::LifecyclePhase::Nurture;
    bool atRisk = false;
    domain::SuccessPlan successPlan;
    std::vector<domain::Objective> objectives;
    std::vector<domain::Milestone> successMilestones;     // by due date
    std::vector<domain::SuccessContact> successContacts;  // champions, then decision makers
    domain::RoadmapStatus roadmap;
    domain::RemediationPlan remediation;
    std::vector<domain::Milestone> remediationMilestones; // by due date
    domain::PlanFacts facts;
    domain::PlanCompleteness completeness;
    domain::PlanFreshness freshness;
};

// The plan figures of every account (the portfolio table's Plan and Reviewed columns).
struct PlanSummary {
    int completeness = 0;
    domain::PlanFreshness freshness;
    int overdueActions = 0;
    domain::PlanFacts facts; // what the figures come from: a tier change recounts them without reading
};

// The summary of one account's facts when its tier refreshes plans every `refreshDays`.
PlanSummary summarisePlan(const domain::PlanFacts &facts, int refreshDays, const QDate &today);

// Account plan use cases. Every edit validates (ValidationError naming the field), writes in
// one transaction and emits Portfolio::planChanged(accountId). Edits return what undo needs.
class PlanService
{
public:
    explicit PlanService(Portfolio &portfolio) : m_portfolio(portfolio) {}

    std::optional<AccountPlan> load(qint64 accountId, const QDate &today);
    // The same from a row the caller already has (its tier and phase), so a batch over the
    // book does not re-segment the book per account.
    AccountPlan load(const AccountRow &row, const QDate &today);
    // Every account's summary; `tiers` gives each account's tier in force (the portfolio model
    // has them); the overload reads the account overview for them.
    QHash<qint64, PlanSummary> summaries(const QDate &today, const QHash<qint64, domain::Tier> &tiers);
    QHash<qint64, PlanSummary> summaries(const QDate &today);

    // Plan items: domain::Priority (appended at the end), Risk, PlanAction, ValueDelivered,
    // Objective (appended), Milestone, SuccessContact (the contact must be the account's, once
    // per role) and ReferenceRequest (refused, field "date", when it would over-ask the contact:
    // domain::referenceRequestProblem). update() returns the stored item before, remove() the
    // removed one, and restore() puts a removed item back with its id (undo).
    template<typename T>
    T add(T draft);
    template<typename T>
    T update(const T &item);
    template<typename T>
    T remove(qint64 id);
    template<typename T>
    void restore(const T &item);

    // One-per-account parts; each returns what was stored before.
    domain::AdvocacyProfile setAdvocacy(const domain::AdvocacyProfile &profile);
    domain::SuccessPlan setSuccessPlan(const domain::SuccessPlan &plan);
    domain::RemediationPlan setRemediationPlan(const domain::RemediationPlan &plan); // sponsor: a team member

    // The QBR's written summary of a quarter ("2026Q4") as stored; nullopt when none is.
    std::optional<domain::QbrSummary> qbrSummary(qint64 accountId, const QString &quarter);
    // Stores the summary (an empty one removes it) in one transaction; refused with the field
    // named ("quarter", "highlights", "lowlights") when it breaks domain::validateQbrSummary
    // or the quarter is not one. Returns what was stored before (nullopt: nothing).
    std::optional<domain::QbrSummary> setQbrSummary(const domain::QbrSummary &summary);

    // "Mark reviewed": a review dated `date` by `reviewerId` (0: not named) with a note.
    domain::PlanReview markReviewed(qint64 accountId, const QDate &date, qint64 reviewerId, const QString &note);
    void removeReview(qint64 accountId, qint64 reviewId);
    void restoreReview(const domain::PlanReview &review); // back with its id (redo)
    // Confirms "no known risks" on `date` (invalid: withdraws it); returns the date before.
    QDate setNoKnownRisks(qint64 accountId, const QDate &date);

private:
    template<typename T>
    void checkLinks(const T &item, const QString &subject);
    void requireAccount(qint64 accountId, const QString &subject);
    void requireOwner(qint64 ownerId, const QString &subject, const QString &field);
    Portfolio &m_portfolio;
};

} // namespace keystone::services
