// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/planservice.h"

#include "keystone/services/accountoverview.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/validationerror.h"
#include "keystone/storage/transaction.h"

#include <algorithm>

namespace keystone::services {

using domain::PlanAction;
using domain::Priority;
using domain::Risk;

namespace {

template<typename T>
void refuseIfInvalid(const domain::FieldErrors &errors, const QString &subject)
{
    if (!errors.isEmpty())
        throw ValidationError(subject, errors);
}

template<typename T>
T require(std::optional<T> item, const QString &what, qint64 id)
{
    if (!item)
        throw ValidationError(what, {{QStringLiteral("id"), QStringLiteral("%1 %2 does not exist").arg(what.toLower()).arg(id)}});
    return *item;
}

} // namespace

void PlanService::requireAccount(qint64 accountId, const QString &subject)
{
    if (!m_portfolio.accounts().byId(accountId))
        throw ValidationError(subject, {{QStringLiteral("account"), QStringLiteral("account %1 does not exist").arg(accountId)}});
}

void PlanService::requireOwner(qint64 ownerId, const QString &subject, const QString &field)
{
    if (ownerId != 0 && !m_portfolio.team().byId(ownerId))
        throw ValidationError(subject, {{field, QStringLiteral("team member %1 does not exist").arg(ownerId)}});
}

std::optional<AccountPlan> PlanService::load(qint64 accountId, const QDate &today)
{
    const auto row = loadAccountRow(m_portfolio, accountId);
    if (!row)
        return std::nullopt;
    AccountPlan plan;
    plan.accountId = accountId;
    plan.today = today;
    plan.tier = row->tier;
    plan.refreshDays = m_portfolio.settings().cadence(row->tier).planRefreshDays;
    storage::PlanRepository &repo = m_portfolio.plan();
    plan.priorities = repo.priorities(accountId);
    plan.risks = repo.risks(accountId);
    plan.actions = repo.actions(accountId);
    plan.reviews = repo.reviews(accountId);
    plan.noKnownRisksOn = repo.noKnownRisksOn(accountId);
    const QDate lastReviewed = plan.reviews.empty() ? QDate() : plan.reviews.front().date;
    const int products = int(m_portfolio.whitespace().products().size());
    plan.facts = domain::planFacts(plan.priorities, m_portfolio.contacts().forAccount(accountId),
                                   m_portfolio.whitespace().buyingCenters(accountId), m_portfolio.whitespace().cells(accountId), products,
                                   plan.risks, plan.actions, plan.noKnownRisksOn, lastReviewed, today);
    plan.completeness = domain::planCompleteness(plan.facts, today, plan.refreshDays);
    plan.freshness = domain::planFreshness(lastReviewed, today, plan.refreshDays);
    return plan;
}

QHash<qint64, PlanSummary> PlanService::summaries(const QDate &today)
{
    QHash<qint64, domain::Tier> tiers;
    for (const AccountRow &r : loadAccountOverview(m_portfolio).rows)
        tiers.insert(r.account.id, r.tier);
    return summaries(today, tiers);
}

QHash<qint64, PlanSummary> PlanService::summaries(const QDate &today, const QHash<qint64, domain::Tier> &tiers)
{
    QHash<qint64, PlanSummary> out;
    const auto facts = m_portfolio.plan().allFacts(today);
    out.reserve(facts.size());
    for (auto it = facts.begin(); it != facts.end(); ++it) {
        const int refresh = m_portfolio.settings().cadence(tiers.value(it.key(), domain::Tier::Tier3)).planRefreshDays;
        PlanSummary s;
        s.completeness = domain::planCompleteness(*it, today, refresh).percent;
        s.freshness = domain::planFreshness(it->lastReviewed, today, refresh);
        s.overdueActions = it->overdueActions;
        out.insert(it.key(), s);
    }
    return out;
}

// --- priorities

Priority PlanService::addPriority(Priority draft)
{
    const QString subject = QStringLiteral("Priority");
    refuseIfInvalid<Priority>(domain::validatePriority(draft), subject);
    storage::Transaction tx(m_portfolio.database());
    requireAccount(draft.accountId, subject);
    const auto existing = m_portfolio.plan().priorities(draft.accountId);
    draft.id = 0;
    draft.position = existing.empty() ? 0 : existing.back().position + 1;
    std::vector<Priority> one{draft};
    m_portfolio.plan().insertPriorities(one);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(draft.accountId);
    return one.front();
}

Priority PlanService::updatePriority(const Priority &p)
{
    refuseIfInvalid<Priority>(domain::validatePriority(p), QStringLiteral("Priority"));
    storage::Transaction tx(m_portfolio.database());
    const Priority before = require(m_portfolio.plan().priority(p.id), QStringLiteral("Priority"), p.id);
    Priority after = p;
    after.accountId = before.accountId;
    after.uuid = before.uuid;
    m_portfolio.plan().updatePriority(after);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(before.accountId);
    return before;
}

Priority PlanService::removePriority(qint64 id)
{
    storage::Transaction tx(m_portfolio.database());
    const Priority p = require(m_portfolio.plan().priority(id), QStringLiteral("Priority"), id);
    m_portfolio.plan().removePriority(id);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(p.accountId);
    return p;
}

void PlanService::restorePriority(const Priority &p)
{
    storage::Transaction tx(m_portfolio.database());
    std::vector<Priority> one{p};
    m_portfolio.plan().insertPriorities(one);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(p.accountId);
}

// --- risks

Risk PlanService::addRisk(Risk draft)
{
    const QString subject = QStringLiteral("Risk");
    refuseIfInvalid<Risk>(domain::validateRisk(draft), subject);
    storage::Transaction tx(m_portfolio.database());
    requireAccount(draft.accountId, subject);
    requireOwner(draft.ownerId, subject, QStringLiteral("owner"));
    draft.id = 0;
    std::vector<Risk> one{draft};
    m_portfolio.plan().insertRisks(one);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(draft.accountId);
    return one.front();
}

Risk PlanService::updateRisk(const Risk &r)
{
    const QString subject = QStringLiteral("Risk");
    refuseIfInvalid<Risk>(domain::validateRisk(r), subject);
    storage::Transaction tx(m_portfolio.database());
    const Risk before = require(m_portfolio.plan().risk(r.id), subject, r.id);
    requireOwner(r.ownerId, subject, QStringLiteral("owner"));
    Risk after = r;
    after.accountId = before.accountId;
    after.uuid = before.uuid;
    m_portfolio.plan().updateRisk(after);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(before.accountId);
    return before;
}

Risk PlanService::removeRisk(qint64 id)
{
    storage::Transaction tx(m_portfolio.database());
    const Risk r = require(m_portfolio.plan().risk(id), QStringLiteral("Risk"), id);
    m_portfolio.plan().removeRisk(id);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(r.accountId);
    return r;
}

void PlanService::restoreRisk(const Risk &r)
{
    storage::Transaction tx(m_portfolio.database());
    Risk back = r;
    if (back.ownerId != 0 && !m_portfolio.team().byId(back.ownerId))
        back.ownerId = 0; // the owner was removed meanwhile
    std::vector<Risk> one{back};
    m_portfolio.plan().insertRisks(one);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(r.accountId);
}

// --- actions

PlanAction PlanService::addAction(PlanAction draft)
{
    const QString subject = QStringLiteral("Action");
    refuseIfInvalid<PlanAction>(domain::validateAction(draft), subject);
    storage::Transaction tx(m_portfolio.database());
    requireAccount(draft.accountId, subject);
    requireOwner(draft.ownerId, subject, QStringLiteral("owner"));
    draft.id = 0;
    std::vector<PlanAction> one{draft};
    m_portfolio.plan().insertActions(one);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(draft.accountId);
    return one.front();
}

PlanAction PlanService::updateAction(const PlanAction &a)
{
    const QString subject = QStringLiteral("Action");
    refuseIfInvalid<PlanAction>(domain::validateAction(a), subject);
    storage::Transaction tx(m_portfolio.database());
    const PlanAction before = require(m_portfolio.plan().action(a.id), subject, a.id);
    requireOwner(a.ownerId, subject, QStringLiteral("owner"));
    PlanAction after = a;
    after.accountId = before.accountId;
    after.uuid = before.uuid;
    m_portfolio.plan().updateAction(after);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(before.accountId);
    return before;
}

PlanAction PlanService::removeAction(qint64 id)
{
    storage::Transaction tx(m_portfolio.database());
    const PlanAction a = require(m_portfolio.plan().action(id), QStringLiteral("Action"), id);
    m_portfolio.plan().removeAction(id);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(a.accountId);
    return a;
}

void PlanService::restoreAction(const PlanAction &a)
{
    storage::Transaction tx(m_portfolio.database());
    PlanAction back = a;
    if (back.ownerId != 0 && !m_portfolio.team().byId(back.ownerId))
        back.ownerId = 0;
    std::vector<PlanAction> one{back};
    m_portfolio.plan().insertActions(one);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(a.accountId);
}

// --- reviews and confirmations

domain::PlanReview PlanService::markReviewed(qint64 accountId, const QDate &date, qint64 reviewerId, const QString &note)
{
    const QString subject = QStringLiteral("Review");
    if (!date.isValid())
        throw ValidationError(subject, {{QStringLiteral("date"), QStringLiteral("A review needs a date")}});
    storage::Transaction tx(m_portfolio.database());
    requireAccount(accountId, subject);
    requireOwner(reviewerId, subject, QStringLiteral("reviewer"));
    domain::PlanReview r;
    r.accountId = accountId;
    r.date = date;
    r.reviewerId = reviewerId;
    r.note = note;
    std::vector<domain::PlanReview> one{r};
    m_portfolio.plan().insertReviews(one);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(accountId);
    return one.front();
}

void PlanService::removeReview(qint64 accountId, qint64 reviewId)
{
    storage::Transaction tx(m_portfolio.database());
    m_portfolio.plan().removeReview(reviewId);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(accountId);
}

void PlanService::restoreReview(const domain::PlanReview &review)
{
    storage::Transaction tx(m_portfolio.database());
    domain::PlanReview back = review;
    if (back.reviewerId != 0 && !m_portfolio.team().byId(back.reviewerId))
        back.reviewerId = 0;
    std::vector<domain::PlanReview> one{back};
    m_portfolio.plan().insertReviews(one);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(review.accountId);
}

QDate PlanService::setNoKnownRisks(qint64 accountId, const QDate &date)
{
    storage::Transaction tx(m_portfolio.database());
    requireAccount(accountId, QStringLiteral("No known risks"));
    const QDate before = m_portfolio.plan().noKnownRisksOn(accountId);
    m_portfolio.plan().setNoKnownRisksOn(accountId, date);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(accountId);
    return before;
}

} // namespace keystone::services
