// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/planservice.h"

#include "keystone/services/accountoverview.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/validationerror.h"
#include "keystone/storage/transaction.h"

#include <algorithm>
#include <type_traits>

namespace keystone::services {

using domain::PlanAction;
using domain::Priority;
using domain::Risk;

namespace {

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
    plan.values = repo.values(accountId);
    plan.advocacy = repo.advocacy(accountId);
    plan.referenceRequests = repo.referenceRequests(accountId);
    const auto inputs = m_portfolio.health().inputs(accountId); // oldest first
    for (auto it = inputs.rbegin(); it != inputs.rend(); ++it) {
        if (it->nps) {
            plan.nps = it->nps;
            plan.npsDate = it->sentimentDate.isValid() ? it->sentimentDate : it->date;
            break;
        }
    }
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

// --- priorities, risks and actions: one shape over the repository's calls for each

template<typename T>
struct ItemStore {
    const char *subject;
    domain::FieldErrors (*validate)(const T &);
    std::optional<T> (storage::PlanRepository::*get)(qint64);
    void (storage::PlanRepository::*insert)(std::vector<T> &);
    void (storage::PlanRepository::*update)(const T &);
    void (storage::PlanRepository::*remove)(qint64);
};

namespace {

const ItemStore<Priority> kPriorities{"Priority", domain::validatePriority, &storage::PlanRepository::priority,
                                      &storage::PlanRepository::insertPriorities, &storage::PlanRepository::updatePriority,
                                      &storage::PlanRepository::removePriority};
const ItemStore<Risk> kRisks{"Risk", domain::validateRisk, &storage::PlanRepository::risk, &storage::PlanRepository::insertRisks,
                             &storage::PlanRepository::updateRisk, &storage::PlanRepository::removeRisk};
const ItemStore<domain::ValueDelivered> kValues{"Value delivered", domain::validateValueDelivered, &storage::PlanRepository::value,
                                                &storage::PlanRepository::insertValues, &storage::PlanRepository::updateValue,
                                                &storage::PlanRepository::removeValue};
const ItemStore<PlanAction> kActions{"Action", domain::validateAction, &storage::PlanRepository::action, &storage::PlanRepository::insertActions,
                                     &storage::PlanRepository::updateAction, &storage::PlanRepository::removeAction};

template<typename T>
concept HasOwner = requires(T t) { t.ownerId; };

} // namespace

template<typename T>
T PlanService::addItem(const ItemStore<T> &store, T draft)
{
    const QString subject = QString::fromUtf8(store.subject);
    refuseIfInvalid(store.validate(draft), subject);
    storage::Transaction tx(m_portfolio.database());
    requireAccount(draft.accountId, subject);
    if constexpr (HasOwner<T>)
        requireOwner(draft.ownerId, subject, QStringLiteral("owner"));
    if constexpr (std::is_same_v<T, Priority>) {
        const auto existing = m_portfolio.plan().priorities(draft.accountId);
        draft.position = existing.empty() ? 0 : existing.back().position + 1; // appended
    }
    draft.id = 0;
    std::vector<T> one{draft};
    (m_portfolio.plan().*store.insert)(one);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(draft.accountId);
    return one.front();
}

template<typename T>
T PlanService::updateItem(const ItemStore<T> &store, const T &item)
{
    const QString subject = QString::fromUtf8(store.subject);
    refuseIfInvalid(store.validate(item), subject);
    storage::Transaction tx(m_portfolio.database());
    const T before = require((m_portfolio.plan().*store.get)(item.id), subject, item.id);
    if constexpr (HasOwner<T>)
        requireOwner(item.ownerId, subject, QStringLiteral("owner"));
    T after = item;
    after.accountId = before.accountId;
    after.uuid = before.uuid;
    (m_portfolio.plan().*store.update)(after);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(before.accountId);
    return before;
}

template<typename T>
T PlanService::removeItem(const ItemStore<T> &store, qint64 id)
{
    storage::Transaction tx(m_portfolio.database());
    const T item = require((m_portfolio.plan().*store.get)(id), QString::fromUtf8(store.subject), id);
    (m_portfolio.plan().*store.remove)(id);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(item.accountId);
    return item;
}

template<typename T>
void PlanService::restoreItem(const ItemStore<T> &store, const T &item)
{
    storage::Transaction tx(m_portfolio.database());
    T back = item;
    if constexpr (HasOwner<T>)
        if (back.ownerId != 0 && !m_portfolio.team().byId(back.ownerId))
            back.ownerId = 0; // the owner was removed meanwhile
    std::vector<T> one{back};
    (m_portfolio.plan().*store.insert)(one);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(item.accountId);
}

Priority PlanService::addPriority(Priority draft) { return addItem(kPriorities, std::move(draft)); }
Priority PlanService::updatePriority(const Priority &p) { return updateItem(kPriorities, p); }
Priority PlanService::removePriority(qint64 id) { return removeItem(kPriorities, id); }
void PlanService::restorePriority(const Priority &p) { restoreItem(kPriorities, p); }
Risk PlanService::addRisk(Risk draft) { return addItem(kRisks, std::move(draft)); }
Risk PlanService::updateRisk(const Risk &r) { return updateItem(kRisks, r); }
Risk PlanService::removeRisk(qint64 id) { return removeItem(kRisks, id); }
void PlanService::restoreRisk(const Risk &r) { restoreItem(kRisks, r); }
PlanAction PlanService::addAction(PlanAction draft) { return addItem(kActions, std::move(draft)); }
PlanAction PlanService::updateAction(const PlanAction &a) { return updateItem(kActions, a); }
PlanAction PlanService::removeAction(qint64 id) { return removeItem(kActions, id); }
void PlanService::restoreAction(const PlanAction &a) { restoreItem(kActions, a); }
domain::ValueDelivered PlanService::addValue(domain::ValueDelivered draft) { return addItem(kValues, std::move(draft)); }
domain::ValueDelivered PlanService::updateValue(const domain::ValueDelivered &v) { return updateItem(kValues, v); }
domain::ValueDelivered PlanService::removeValue(qint64 id) { return removeItem(kValues, id); }
void PlanService::restoreValue(const domain::ValueDelivered &v) { restoreItem(kValues, v); }

// --- advocacy

domain::AdvocacyProfile PlanService::setAdvocacy(const domain::AdvocacyProfile &profile)
{
    storage::Transaction tx(m_portfolio.database());
    requireAccount(profile.accountId, QStringLiteral("Advocacy"));
    const domain::AdvocacyProfile before = m_portfolio.plan().advocacy(profile.accountId);
    m_portfolio.plan().saveAdvocacy(profile);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(profile.accountId);
    return before;
}

domain::ReferenceRequest PlanService::addReferenceRequest(domain::ReferenceRequest draft)
{
    const QString subject = QStringLiteral("Reference request");
    storage::Transaction tx(m_portfolio.database());
    requireAccount(draft.accountId, subject);
    const auto contact = m_portfolio.contacts().byId(draft.contactId);
    if (!contact || contact->accountId != draft.accountId)
        throw ValidationError(subject, {{QStringLiteral("contact"), QStringLiteral("contact %1 is not one of this account's").arg(draft.contactId)}});
    const QString problem = domain::referenceRequestProblem(m_portfolio.plan().referenceRequests(draft.accountId), draft);
    if (!problem.isEmpty())
        throw ValidationError(subject, {{QStringLiteral("date"), problem}});
    draft.id = 0;
    std::vector<domain::ReferenceRequest> one{draft};
    m_portfolio.plan().insertReferenceRequests(one);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(draft.accountId);
    return one.front();
}

domain::ReferenceRequest PlanService::removeReferenceRequest(qint64 id)
{
    storage::Transaction tx(m_portfolio.database());
    const auto r = require(m_portfolio.plan().referenceRequest(id), QStringLiteral("Reference request"), id);
    m_portfolio.plan().removeReferenceRequest(id);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(r.accountId);
    return r;
}

void PlanService::restoreReferenceRequest(const domain::ReferenceRequest &request)
{
    storage::Transaction tx(m_portfolio.database());
    std::vector<domain::ReferenceRequest> one{request};
    m_portfolio.plan().insertReferenceRequests(one);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(request.accountId);
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
