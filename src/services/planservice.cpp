// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/planservice.h"

#include "keystone/services/accountoverview.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/validationerror.h"
#include "keystone/storage/transaction.h"

#include <QRegularExpression>

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
    return load(*row, today);
}

AccountPlan PlanService::load(const AccountRow &accountRow, const QDate &today)
{
    const AccountRow *row = &accountRow;
    const qint64 accountId = row->account.id;
    AccountPlan plan;
    plan.accountId = accountId;
    plan.today = today;
    plan.tier = row->tier;
    plan.refreshDays = m_portfolio.settings().cadence(row->tier).planRefreshDays;
    storage::PlanRepository &repo = m_portfolio.plan();
    plan.priorities = repo.items<Priority>(accountId);
    plan.risks = repo.items<Risk>(accountId);
    plan.actions = repo.items<PlanAction>(accountId);
    plan.values = repo.items<domain::ValueDelivered>(accountId);
    plan.advocacy = repo.advocacy(accountId);
    plan.referenceRequests = repo.items<domain::ReferenceRequest>(accountId);
    plan.phase = row->account.phase;
    plan.atRisk = row->account.atRisk;
    plan.successPlan = repo.successPlan(accountId);
    plan.objectives = repo.items<domain::Objective>(accountId);
    for (domain::Milestone &m : repo.items<domain::Milestone>(accountId))
        (m.plan == domain::MilestonePlan::Success ? plan.successMilestones : plan.remediationMilestones).push_back(std::move(m));
    plan.successContacts = repo.items<domain::SuccessContact>(accountId);
    plan.roadmap = domain::roadmapStatus(plan.successPlan, plan.successMilestones, today);
    plan.remediation = repo.remediationPlan(accountId);
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
        out.insert(it.key(), summarisePlan(*it, refresh, today));
    }
    return out;
}

PlanSummary summarisePlan(const domain::PlanFacts &facts, int refreshDays, const QDate &today)
{
    PlanSummary s;
    s.completeness = domain::planCompleteness(facts, today, refreshDays).percent;
    s.freshness = domain::planFreshness(facts.lastReviewed, today, refreshDays);
    s.overdueActions = facts.overdueActions;
    s.facts = facts;
    return s;
}

// --- plan items: one shape for every kind

namespace {

QString subjectOf(const Priority &) { return QStringLiteral("Priority"); }
QString subjectOf(const Risk &) { return QStringLiteral("Risk"); }
QString subjectOf(const PlanAction &) { return QStringLiteral("Action"); }
QString subjectOf(const domain::ValueDelivered &) { return QStringLiteral("Value delivered"); }
QString subjectOf(const domain::ReferenceRequest &) { return QStringLiteral("Reference request"); }
QString subjectOf(const domain::Objective &) { return QStringLiteral("Objective"); }
QString subjectOf(const domain::Milestone &) { return QStringLiteral("Milestone"); }
QString subjectOf(const domain::SuccessContact &) { return QStringLiteral("Success plan contact"); }

domain::FieldErrors validateItem(const Priority &p) { return domain::validatePriority(p); }
domain::FieldErrors validateItem(const Risk &r) { return domain::validateRisk(r); }
domain::FieldErrors validateItem(const PlanAction &a) { return domain::validateAction(a); }
domain::FieldErrors validateItem(const domain::ValueDelivered &v) { return domain::validateValueDelivered(v); }
domain::FieldErrors validateItem(const domain::Objective &o) { return domain::validateObjective(o); }
domain::FieldErrors validateItem(const domain::Milestone &m) { return domain::validateMilestone(m); }
domain::FieldErrors validateItem(const domain::ReferenceRequest &r)
{
    if (!r.date.isValid())
        return {{QStringLiteral("date"), QStringLiteral("A reference request needs a date")}};
    return {};
}
domain::FieldErrors validateItem(const domain::SuccessContact &) { return {}; }

template<typename T>
concept HasOwner = requires(T t) { t.ownerId; };
template<typename T>
concept HasContact = requires(T t) { t.contactId; };
template<typename T>
concept Ordered = requires(T t) { t.position; };

} // namespace

// The links an item makes must hold: its account, owner, contact; and the kind's own rules.
template<typename T>
void PlanService::checkLinks(const T &item, const QString &subject)
{
    requireAccount(item.accountId, subject);
    if constexpr (HasOwner<T>)
        requireOwner(item.ownerId, subject, QStringLiteral("owner"));
    if constexpr (HasContact<T>) {
        const auto contact = m_portfolio.contacts().byId(item.contactId);
        if (!contact || contact->accountId != item.accountId)
            throw ValidationError(subject, {{QStringLiteral("contact"), QStringLiteral("contact %1 is not one of this account's").arg(item.contactId)}});
    }
    if constexpr (std::is_same_v<T, domain::ReferenceRequest>) {
        const QString problem = domain::referenceRequestProblem(m_portfolio.plan().items<domain::ReferenceRequest>(item.accountId), item);
        if (!problem.isEmpty())
            throw ValidationError(subject, {{QStringLiteral("date"), problem}});
    }
    if constexpr (std::is_same_v<T, domain::SuccessContact>) {
        for (const domain::SuccessContact &c : m_portfolio.plan().items<domain::SuccessContact>(item.accountId))
            if (c.contactId == item.contactId && c.role == item.role && c.id != item.id)
                throw ValidationError(subject, {{QStringLiteral("role"), QStringLiteral("This contact is already a %1 in the success plan")
                                                                             .arg(domain::successRoleName(item.role).toLower())}});
    }
}

template<typename T>
T PlanService::add(T draft)
{
    const QString subject = subjectOf(draft);
    refuseIfInvalid(validateItem(draft), subject);
    storage::Transaction tx(m_portfolio.database());
    draft.id = 0;
    checkLinks(draft, subject);
    if constexpr (Ordered<T>) {
        const auto existing = m_portfolio.plan().items<T>(draft.accountId);
        int last = -1;
        for (const T &e : existing)
            last = std::max(last, e.position);
        draft.position = last + 1; // appended
    }
    std::vector<T> one{draft};
    m_portfolio.plan().insertItems(one);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(draft.accountId);
    return one.front();
}

template<typename T>
T PlanService::update(const T &item)
{
    const QString subject = subjectOf(item);
    refuseIfInvalid(validateItem(item), subject);
    storage::Transaction tx(m_portfolio.database());
    const T before = require(m_portfolio.plan().item<T>(item.id), subject, item.id);
    T after = item;
    after.accountId = before.accountId;
    after.uuid = before.uuid;
    checkLinks(after, subject);
    m_portfolio.plan().updateItem(after);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(before.accountId);
    return before;
}

template<typename T>
T PlanService::remove(qint64 id)
{
    storage::Transaction tx(m_portfolio.database());
    const T item = require(m_portfolio.plan().item<T>(id), subjectOf(T{}), id);
    m_portfolio.plan().removeItem<T>(id);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(item.accountId);
    return item;
}

template<typename T>
void PlanService::restore(const T &item)
{
    storage::Transaction tx(m_portfolio.database());
    T back = item;
    if constexpr (HasOwner<T>)
        if (back.ownerId != 0 && !m_portfolio.team().byId(back.ownerId))
            back.ownerId = 0; // the owner was removed meanwhile
    std::vector<T> one{back};
    m_portfolio.plan().insertItems(one);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(item.accountId);
}

#define KEYSTONE_PLAN_ITEM(T)                                                                                                    \
    template T PlanService::add<T>(T);                                                                                           \
    template T PlanService::update<T>(const T &);                                                                                \
    template T PlanService::remove<T>(qint64);                                                                                   \
    template void PlanService::restore<T>(const T &);
KEYSTONE_FOR_EACH_PLAN_ITEM(KEYSTONE_PLAN_ITEM)
#undef KEYSTONE_PLAN_ITEM

// --- one-per-account parts

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

std::optional<domain::QbrSummary> PlanService::qbrSummary(qint64 accountId, const QString &quarter)
{
    return m_portfolio.plan().qbrSummary(accountId, quarter);
}

std::optional<domain::QbrSummary> PlanService::setQbrSummary(const domain::QbrSummary &summary)
{
    const QString subject = QStringLiteral("QBR summary");
    const domain::QbrSummary s = domain::normalisedQbrSummary(summary);
    static const QRegularExpression quarter(QStringLiteral("^[12][0-9]{3}Q[1-4]$"));
    if (!quarter.match(s.quarter).hasMatch())
        throw ValidationError(subject, {{QStringLiteral("quarter"), QStringLiteral("'%1' is not a quarter; write it like 2026Q4").arg(summary.quarter)}});
    if (const domain::FieldErrors errors = domain::validateQbrSummary(s); !errors.isEmpty())
        throw ValidationError(subject, errors);
    storage::Transaction tx(m_portfolio.database());
    requireAccount(s.accountId, subject);
    auto before = m_portfolio.plan().qbrSummary(s.accountId, s.quarter);
    m_portfolio.plan().saveQbrSummary(s);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(s.accountId);
    return before;
}

domain::SuccessPlan PlanService::setSuccessPlan(const domain::SuccessPlan &plan)
{
    const QString subject = QStringLiteral("Success plan");
    if (plan.startsOn.isValid() && plan.firstValueOn.isValid() && plan.firstValueOn < plan.startsOn)
        throw ValidationError(subject, {{QStringLiteral("first_value_on"), QStringLiteral("First value cannot come before the plan's start (%1)")
                                                                             .arg(plan.startsOn.toString(Qt::ISODate))}});
    storage::Transaction tx(m_portfolio.database());
    requireAccount(plan.accountId, subject);
    const domain::SuccessPlan before = m_portfolio.plan().successPlan(plan.accountId);
    m_portfolio.plan().saveSuccessPlan(plan);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(plan.accountId);
    return before;
}

domain::RemediationPlan PlanService::setRemediationPlan(const domain::RemediationPlan &plan)
{
    const QString subject = QStringLiteral("Remediation plan");
    refuseIfInvalid(domain::validateRemediationPlan(plan), subject);
    storage::Transaction tx(m_portfolio.database());
    requireAccount(plan.accountId, subject);
    requireOwner(plan.sponsorId, subject, QStringLiteral("sponsor"));
    const domain::RemediationPlan before = m_portfolio.plan().remediationPlan(plan.accountId);
    m_portfolio.plan().saveRemediationPlan(plan);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(plan.accountId);
    return before;
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
