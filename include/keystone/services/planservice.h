// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/plan.h"
#include "keystone/domain/types.h"

#include <QDate>
#include <QHash>

#include <optional>
#include <vector>

namespace keystone::services {

class Portfolio;
template<typename T>
struct ItemStore; // the repository's calls for one kind of plan item (planservice.cpp)

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
    domain::PlanFacts facts;
    domain::PlanCompleteness completeness;
    domain::PlanFreshness freshness;
};

// The plan figures of every account (the portfolio table's Plan and Reviewed columns).
struct PlanSummary {
    int completeness = 0;
    domain::PlanFreshness freshness;
    int overdueActions = 0;
};

// Account plan use cases. Every edit validates (ValidationError naming the field), writes in
// one transaction and emits Portfolio::planChanged(accountId). Edits return what undo needs.
class PlanService
{
public:
    explicit PlanService(Portfolio &portfolio) : m_portfolio(portfolio) {}

    std::optional<AccountPlan> load(qint64 accountId, const QDate &today);
    // Every account's summary; `tiers` gives each account's tier in force (the portfolio model
    // has them); the overload reads the account overview for them.
    QHash<qint64, PlanSummary> summaries(const QDate &today, const QHash<qint64, domain::Tier> &tiers);
    QHash<qint64, PlanSummary> summaries(const QDate &today);

    domain::Priority addPriority(domain::Priority draft);       // appended at the end
    domain::Priority updatePriority(const domain::Priority &p); // returns the stored one before
    domain::Priority removePriority(qint64 id);                 // returns it, for restore
    void restorePriority(const domain::Priority &p);            // back with its id

    domain::Risk addRisk(domain::Risk draft);
    domain::Risk updateRisk(const domain::Risk &r);
    domain::Risk removeRisk(qint64 id);
    void restoreRisk(const domain::Risk &r);

    domain::PlanAction addAction(domain::PlanAction draft);
    domain::PlanAction updateAction(const domain::PlanAction &a);
    domain::PlanAction removeAction(qint64 id);
    void restoreAction(const domain::PlanAction &a);

    domain::ValueDelivered addValue(domain::ValueDelivered draft);
    domain::ValueDelivered updateValue(const domain::ValueDelivered &v);
    domain::ValueDelivered removeValue(qint64 id);
    void restoreValue(const domain::ValueDelivered &v);

    // Advocacy: returns the profile before. Reference requests are refused (ValidationError,
    // field "date") when they would over-ask the contact (domain::referenceRequestProblem).
    domain::AdvocacyProfile setAdvocacy(const domain::AdvocacyProfile &profile);
    domain::ReferenceRequest addReferenceRequest(domain::ReferenceRequest draft);
    domain::ReferenceRequest removeReferenceRequest(qint64 id);
    void restoreReferenceRequest(const domain::ReferenceRequest &request);

    // "Mark reviewed": a review dated `date` by `reviewerId` (0: not named) with a note.
    domain::PlanReview markReviewed(qint64 accountId, const QDate &date, qint64 reviewerId, const QString &note);
    void removeReview(qint64 accountId, qint64 reviewId);
    void restoreReview(const domain::PlanReview &review); // back with its id (redo)
    // Confirms "no known risks" on `date` (invalid: withdraws it); returns the date before.
    QDate setNoKnownRisks(qint64 accountId, const QDate &date);

private:
    template<typename T>
    T addItem(const ItemStore<T> &store, T draft);
    template<typename T>
    T updateItem(const ItemStore<T> &store, const T &item);
    template<typename T>
    T removeItem(const ItemStore<T> &store, qint64 id);
    template<typename T>
    void restoreItem(const ItemStore<T> &store, const T &item);
    void requireAccount(qint64 accountId, const QString &subject);
    void requireOwner(qint64 ownerId, const QString &subject, const QString &field);
    Portfolio &m_portfolio;
};

} // namespace keystone::services
