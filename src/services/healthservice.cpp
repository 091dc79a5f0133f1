// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/healthservice.h"

#include "keystone/log/log.h"
#include "keystone/services/accountoverview.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/validationerror.h"
#include "keystone/storage/transaction.h"

#include <QElapsedTimer>
#include <QSet>

#include <algorithm>

namespace keystone::services {

using domain::HealthInputs;
using domain::HealthResult;
using domain::Scorecard;

// --- relationship timeline ------------------------------------------------------------

RelationshipTimeline::RelationshipTimeline(std::vector<domain::Contact> contacts, std::vector<domain::Activity> activities)
    : m_contacts(std::move(contacts))
    , m_activities(std::move(activities))
{
    std::sort(m_activities.begin(), m_activities.end(), [](const domain::Activity &a, const domain::Activity &b) { return a.date < b.date; });
    for (size_t i = 0; i < m_contacts.size(); ++i)
        m_contactIndex.insert(m_contacts[i].id, i);
}

domain::RelationshipFacts RelationshipTimeline::factsOn(const QDate &date) const
{
    domain::RelationshipFacts f;
    if (m_contacts.empty() && m_activities.empty())
        return f; // no relationship data at all: both measures missing
    const QDate from = date.addDays(-domain::kDepthWindowDays);
    auto first = std::lower_bound(m_activities.begin(), m_activities.end(), from,
                                  [](const domain::Activity &a, const QDate &d) { return a.date < d; });
    int touchpoints = 0;
    QSet<qint64> met;
    for (auto it = first; it != m_activities.end() && it->date <= date; ++it) {
        if (it->contactIds.empty())
            continue; // internal: not a touchpoint with the customer
        ++touchpoints;
        for (qint64 c : it->contactIds)
            met.insert(c);
    }
    int depth = 0;
    for (qint64 c : met) {
        const auto idx = m_contactIndex.constFind(c);
        if (idx == m_contactIndex.constEnd())
            continue;
        const domain::Contact &contact = m_contacts[*idx];
        const bool activeThen = contact.isActive() || (contact.departedOn.isValid() && contact.departedOn > date);
        depth += activeThen ? 1 : 0;
    }
    for (const domain::Contact &c : m_contacts) {
        if (c.isActive() || !c.isChampion())
            continue;
        if (!c.departedOn.isValid() || (c.departedOn <= date && c.departedOn.daysTo(date) <= domain::kDepartedChampionDays))
            f.championDeparted = true;
    }
    f.touchpoints90 = touchpoints;
    f.depth = depth;
    return f;
}

// --- the book ---------------------------------------------------------------------------

struct HealthService::Book {
    std::vector<Scorecard> cards;
    domain::PortfolioSettings settings;
    struct AccountInfo {
        domain::Tier tier = domain::Tier::Tier3;
        domain::LifecyclePhase phase = domain::LifecyclePhase::Nurture;
    };
    QHash<qint64, AccountInfo> accounts;
    std::vector<qint64> order;
    QHash<qint64, std::vector<HealthInputs>> inputs; // oldest first
    QHash<qint64, RelationshipTimeline> timelines;

    const Scorecard &cardFor(qint64 id) const
    {
        const AccountInfo info = accounts.value(id);
        return domain::scorecardFor(cards, info.tier, info.phase);
    }
    int engagementTarget(qint64 id) const { return settings.cadence(accounts.value(id).tier).touchpointsPer90Days; }
    // The latest snapshot on or before `date`.
    const HealthInputs *inputsOn(qint64 id, const QDate &date) const
    {
        const auto it = inputs.constFind(id);
        if (it == inputs.constEnd())
            return nullptr;
        const HealthInputs *best = nullptr;
        for (const HealthInputs &in : *it)
            if (in.date <= date)
                best = &in;
        return best;
    }
    HealthResult scoreOn(qint64 id, const Scorecard &card, const HealthInputs *in, const QDate &asOf) const
    {
        static const HealthInputs none;
        const auto t = timelines.constFind(id);
        const domain::RelationshipFacts facts = t == timelines.constEnd() ? domain::RelationshipFacts{} : t->factsOn(asOf);
        return domain::computeHealth(card, in ? *in : none, facts, accounts.value(id).tier, engagementTarget(id), asOf);
    }
};

HealthService::Book HealthService::loadBook(const QList<qint64> &accountIds)
{
    QElapsedTimer timer;
    timer.start();
    Book book;
    book.cards = scorecards();
    book.settings = m_portfolio.settings();
    const QSet<qint64> wanted(accountIds.begin(), accountIds.end());
    // A few accounts (the Health tab, undo, a sync's changes): their rows alone, not the
    // whole book's.
    const bool few = !wanted.isEmpty() && wanted.size() <= 200;
    if (few) {
        for (const AccountRow &r : loadAccountRows(m_portfolio, accountIds)) { // one read of the book's ARR for them all
            book.accounts.insert(r.account.id, {r.tier, r.account.phase});
            book.order.push_back(r.account.id);
        }
    } else {
        for (const AccountRow &r : loadAccountOverview(m_portfolio).rows) {
            if (!wanted.isEmpty() && !wanted.contains(r.account.id))
                continue;
            book.accounts.insert(r.account.id, {r.tier, r.account.phase});
            book.order.push_back(r.account.id);
        }
    }
    QHash<qint64, std::vector<domain::Contact>> contacts;
    QHash<qint64, std::vector<domain::Activity>> activities;
    if (few) {
        for (qint64 id : book.order) {
            book.inputs.insert(id, m_portfolio.health().inputs(id));
            contacts.insert(id, m_portfolio.contacts().forAccount(id));
            activities.insert(id, m_portfolio.activities().forAccount(id));
        }
    } else {
        for (auto &[id, in] : m_portfolio.health().allInputs())
            if (wanted.isEmpty() || wanted.contains(id))
                book.inputs[id].push_back(std::move(in));
        for (domain::Contact &c : m_portfolio.contacts().allBrief())
            if (wanted.isEmpty() || wanted.contains(c.accountId))
                contacts[c.accountId].push_back(std::move(c));
        for (domain::Activity &a : m_portfolio.activities().allWithContacts())
            if (wanted.isEmpty() || wanted.contains(a.accountId))
                activities[a.accountId].push_back(std::move(a));
    }
    for (qint64 id : book.order)
        book.timelines.insert(id, RelationshipTimeline(contacts.take(id), activities.take(id)));
    log::debug(QStringLiteral("health: loaded %1 accounts in %2 ms").arg(book.order.size()).arg(timer.elapsed()));
    return book;
}

std::vector<Scorecard> HealthService::scorecards()
{
    std::vector<Scorecard> cards = m_portfolio.health().scorecards();
    if (std::none_of(cards.begin(), cards.end(), [](const Scorecard &c) { return !c.tier && !c.phase; }))
        cards.insert(cards.begin(), Scorecard{});
    return cards;
}

namespace {

AccountHealth healthFrom(const auto &book, qint64 id, const QDate &asOf)
{
    AccountHealth h;
    h.accountId = id;
    h.asOf = asOf;
    h.scorecard = book.cardFor(id);
    const HealthInputs *in = book.inputsOn(id, asOf);
    h.inputsDate = in ? in->date : QDate();
    h.now = book.scoreOn(id, h.scorecard, in, asOf);
    h.comparedWith = asOf.addDays(-h.scorecard.trendDays);
    const HealthInputs *then = book.inputsOn(id, h.comparedWith);
    if (then) {
        h.before = book.scoreOn(id, h.scorecard, then, h.comparedWith);
        h.trend = domain::trendBetween(h.scorecard, h.before->score, h.now.score);
        h.whatChanged = domain::whatChanged(*h.before, h.now);
    }
    // Usage drop within 30 days together with a departed champion.
    const HealthInputs *month = book.inputsOn(id, asOf.addDays(-30));
    auto ratio = [](const HealthInputs *x) -> std::optional<double> {
        if (!x || !x->licensedSeats || !x->activeUsers || *x->licensedSeats <= 0)
            return std::nullopt;
        return double(*x->activeUsers) / double(*x->licensedSeats);
    };
    const auto t = book.timelines.constFind(id);
    const bool departed = t != book.timelines.constEnd() && t->factsOn(asOf).championDeparted;
    h.championLossAlert = domain::championLossAlert(departed, ratio(month), ratio(in));
    return h;
}

storage::StoredScore stored(qint64 id, const HealthResult &r)
{
    return {id, r.asOf, r.score, r.band, r.confidence, r.contributions, r.capped};
}

} // namespace

AccountHealth HealthService::healthOf(qint64 accountId, const QDate &asOf)
{
    const Book book = loadBook({accountId});
    return healthFrom(book, accountId, asOf);
}

std::vector<AccountHealth> HealthService::healthOfAll(const QDate &asOf)
{
    const Book book = loadBook();
    std::vector<AccountHealth> out;
    out.reserve(book.order.size());
    for (qint64 id : book.order)
        out.push_back(healthFrom(book, id, asOf));
    return out;
}

std::vector<storage::StoredScore> HealthService::scoreHistory(const Book &book, qint64 accountId) const
{
    std::vector<storage::StoredScore> out;
    const Scorecard &card = book.cardFor(accountId);
    for (const HealthInputs &in : book.inputs.value(accountId))
        out.push_back(stored(accountId, book.scoreOn(accountId, card, &in, in.date)));
    return out;
}

std::vector<HealthResult> HealthService::history(qint64 accountId)
{
    const Book book = loadBook({accountId});
    std::vector<HealthResult> out;
    const Scorecard &card = book.cardFor(accountId);
    for (const HealthInputs &in : book.inputs.value(accountId))
        out.push_back(book.scoreOn(accountId, card, &in, in.date));
    return out;
}

std::optional<std::vector<storage::StoredScore>> HealthService::computeAll(const std::function<bool(int, int)> &progress,
                                                                           double *loadMs, double *computeMs)
{
    QElapsedTimer timer;
    timer.start();
    const Book book = loadBook();
    if (loadMs)
        *loadMs = double(timer.nsecsElapsed()) / 1e6;
    timer.restart();
    std::vector<storage::StoredScore> scores;
    const int total = int(book.order.size());
    for (int i = 0; i < total; ++i) {
        const auto h = scoreHistory(book, book.order[size_t(i)]);
        scores.insert(scores.end(), h.begin(), h.end());
        if (progress && i % 250 == 0 && !progress(i, total))
            return std::nullopt;
    }
    if (computeMs)
        *computeMs = double(timer.nsecsElapsed()) / 1e6;
    return scores;
}

qint64 HealthService::recomputeAll(const std::function<bool(int, int)> &progress)
{
    auto computed = computeAll(progress);
    if (!computed)
        return -1;
    const std::vector<storage::StoredScore> &scores = *computed;
    const int total = int(scores.size());
    QElapsedTimer timer;
    timer.start();
    storage::Transaction tx(m_portfolio.database());
    m_portfolio.health().replaceScores(scores, {}, defaultScorecard().trendDays);
    tx.commit();
    log::debug(QStringLiteral("health: stored %1 scores in %2 ms").arg(scores.size()).arg(timer.elapsed()));
    if (progress)
        progress(total, total);
    Q_EMIT m_portfolio.healthChanged({});
    return qint64(scores.size());
}

HealthService::CurrentScores HealthService::currentScores()
{
    return m_portfolio.health().currentScores();
}

Scorecard HealthService::defaultScorecard()
{
    for (const Scorecard &c : scorecards())
        if (!c.tier && !c.phase)
            return c;
    return Scorecard{};
}

ScorecardPreview HealthService::loadPreview(const QDate &asOf)
{
    const Book book = loadBook();
    ScorecardPreview p;
    p.m_asOf = asOf;
    p.m_cards = book.cards;
    p.m_entries.reserve(book.order.size());
    for (qint64 id : book.order) {
        ScorecardPreview::Entry e;
        const Book::AccountInfo info = book.accounts.value(id);
        e.tier = info.tier;
        e.phase = info.phase;
        e.engagementTarget = book.engagementTarget(id);
        if (const HealthInputs *in = book.inputsOn(id, asOf))
            e.inputs = *in;
        const auto t = book.timelines.constFind(id);
        if (t != book.timelines.constEnd())
            e.facts = t->factsOn(asOf);
        e.band = p.bandUnder(p.m_cards, e);
        p.m_entries.push_back(std::move(e));
    }
    return p;
}

domain::HealthBand ScorecardPreview::bandUnder(const std::vector<Scorecard> &cards, const Entry &e) const
{
    static const HealthInputs none;
    const Scorecard &card = domain::scorecardFor(cards, e.tier, e.phase);
    return domain::computeHealth(card, e.inputs ? *e.inputs : none, e.facts, e.tier, e.engagementTarget, m_asOf).band;
}

BandMoves ScorecardPreview::movesWith(const std::vector<Scorecard> &cards) const
{
    BandMoves moves;
    for (const Entry &e : m_entries) {
        const domain::HealthBand band = bandUnder(cards, e);
        if (band != e.band) {
            ++moves.total;
            ++moves.into[size_t(band)];
        }
    }
    return moves;
}

BandMoves ScorecardPreview::withCard(const Scorecard &edited) const
{
    std::vector<Scorecard> cards = m_cards;
    bool replaced = false;
    for (Scorecard &c : cards) {
        if ((edited.id > 0 && c.id == edited.id) || (edited.id == 0 && c.tier == edited.tier && c.phase == edited.phase)) {
            c = edited;
            replaced = true;
        }
    }
    if (!replaced)
        cards.push_back(edited);
    return movesWith(cards);
}

BandMoves ScorecardPreview::withoutCard(qint64 id) const
{
    std::vector<Scorecard> cards = m_cards;
    std::erase_if(cards, [id](const Scorecard &c) { return c.id == id && (c.tier || c.phase); });
    return movesWith(cards);
}

std::optional<Scorecard> HealthService::saveScorecard(Scorecard card, const std::function<bool(int, int)> &progress)
{
    const domain::FieldErrors errors = domain::validateScorecard(card);
    if (!errors.isEmpty())
        throw ValidationError(QStringLiteral("Scorecard '%1'").arg(card.name), errors);
    storage::Transaction tx(m_portfolio.database());
    m_portfolio.health().saveScorecard(card);
    if (recomputeAll(progress) < 0)
        return std::nullopt; // the transaction rolls back
    tx.commit();
    return card;
}

bool HealthService::removeScorecard(qint64 id, const std::function<bool(int, int)> &progress)
{
    storage::Transaction tx(m_portfolio.database());
    const auto cards = scorecards();
    const auto it = std::find_if(cards.begin(), cards.end(), [id](const Scorecard &c) { return c.id == id; });
    if (it == cards.end())
        throw ValidationError(QStringLiteral("Scorecard"), {{QStringLiteral("id"), QStringLiteral("scorecard %1 does not exist").arg(id)}});
    if (!it->tier && !it->phase)
        throw ValidationError(QStringLiteral("Scorecard '%1'").arg(it->name),
                              {{QStringLiteral("scope"), QStringLiteral("the default scorecard cannot be removed; edit it instead")}});
    m_portfolio.health().removeScorecard(id);
    if (recomputeAll(progress) < 0)
        return false;
    tx.commit();
    return true;
}

void HealthService::recomputeAccount(qint64 accountId)
{
    const Book book = loadBook({accountId});
    m_portfolio.health().replaceScores(scoreHistory(book, accountId), {accountId}, book.cardFor(accountId).trendDays);
}

void HealthService::recomputeAccounts(const QList<qint64> &accountIds)
{
    if (accountIds.isEmpty())
        return;
    storeScores(scoresOf(accountIds), accountIds);
}

std::vector<storage::StoredScore> HealthService::scoresOf(const QList<qint64> &accountIds)
{
    std::vector<storage::StoredScore> scores;
    if (accountIds.isEmpty())
        return scores;
    const Book book = loadBook(accountIds);
    for (qint64 id : book.order) {
        const auto h = scoreHistory(book, id);
        scores.insert(scores.end(), h.begin(), h.end());
    }
    return scores;
}

void HealthService::storeScores(const std::vector<storage::StoredScore> &scores, const QList<qint64> &accountIds)
{
    if (!accountIds.isEmpty())
        m_portfolio.health().replaceScores(scores, accountIds, defaultScorecard().trendDays);
}

std::optional<HealthInputs> HealthService::saveInputs(qint64 accountId, const HealthInputs &inputs)
{
    const domain::FieldErrors errors = domain::validateHealthInputs(inputs);
    if (!errors.isEmpty())
        throw ValidationError(QStringLiteral("Health inputs of %1").arg(inputs.date.toString(Qt::ISODate)), errors);
    storage::Transaction tx(m_portfolio.database());
    if (!m_portfolio.accounts().byId(accountId))
        throw ValidationError(QStringLiteral("Health inputs"), {{QStringLiteral("account"), QStringLiteral("account %1 does not exist").arg(accountId)}});
    auto before = m_portfolio.health().inputsOn(accountId, inputs.date);
    m_portfolio.health().saveInputs(accountId, inputs);
    recomputeAccount(accountId);
    tx.commit();
    Q_EMIT m_portfolio.healthChanged({accountId});
    return before;
}

void HealthService::restoreInputs(qint64 accountId, const QDate &date, const std::optional<HealthInputs> &before)
{
    storage::Transaction tx(m_portfolio.database());
    if (before)
        m_portfolio.health().saveInputs(accountId, *before);
    else
        m_portfolio.health().removeInputs(accountId, date);
    recomputeAccount(accountId);
    tx.commit();
    Q_EMIT m_portfolio.healthChanged({accountId});
}

} // namespace keystone::services
