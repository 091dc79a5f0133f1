// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/bookservice.h"

#include "keystone/domain/relationship.h"
#include "keystone/log/log.h"
#include "keystone/services/healthservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/validationerror.h"
#include "keystone/storage/transaction.h"

#include <QElapsedTimer>
#include <QSet>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <span>

namespace keystone::services {

using domain::HealthBand;
using domain::Tier;

int bandColumn(const std::optional<HealthBand> &band)
{
    return band ? int(*band) : 4;
}

QString bandColumnName(int column)
{
    return column >= 0 && column < 4 ? domain::healthBandName(HealthBand(column)) : QStringLiteral("Not scored");
}

bool BookFilter::matches(const BookAccount &a) const
{
    return (ownerId == 0 || a.row.account.ownerId == ownerId) && (region.isEmpty() || a.row.account.region == region)
        && (industry.isEmpty() || a.row.account.industry == industry);
}

BookData loadBookData(Portfolio &portfolio, const QDate &today)
{
    QElapsedTimer timer;
    timer.start();
    QStringList steps; // where the time goes, for --verbose
    auto step = [&](const char *what) {
        steps << QStringLiteral("%1 %2 ms").arg(QLatin1String(what)).arg(double(timer.nsecsElapsed()) / 1e6, 0, 'f', 1);
        timer.restart();
    };
    BookData book;
    book.today = today;
    book.settings = portfolio.settings();
    book.currency = book.settings.currency;
    AccountOverview overview = loadAccountOverview(portfolio);
    book.thresholdCents = overview.thresholdCents;
    book.team = portfolio.team().all();
    step("accounts");

    HealthService health(portfolio);
    const int trendDays = health.defaultScorecard().trendDays;
    const auto scores = portfolio.health().latestScores(today);
    const auto before = portfolio.health().latestScores(today.addDays(-trendDays));
    step("health");
    QHash<qint64, Tier> tiers;
    for (const AccountRow &r : overview.rows)
        tiers.insert(r.account.id, r.tier);
    const auto plans = PlanService(portfolio).summaries(today, tiers);
    step("plans");
    const auto depth = portfolio.contacts().depthByAccount(today.addDays(-domain::kDepthWindowDays));
    step("depth");
    storage::BookQueries &q = portfolio.bookQueries();
    const auto champions = q.champions();
    step("champions");
    const auto renewalWork = q.renewalWork(today.addDays(-book.settings.cadence(Tier::Tier1).businessReviewDays));
    step("renewal work");
    const auto reviews = q.lastBusinessReviews();
    step("business reviews");
    const auto usage = q.usageRatios();
    step("usage");
    const auto newCenters = q.newBuyingCenterContacts();
    step("new buying centers");
    const auto assignments = portfolio.assignments().all();
    book.arrHistory = portfolio.arrHistory().all();
    book.decisions = portfolio.signalStates().newest();
    step("arr history and decisions");
    log::debug(QStringLiteral("Book read: %1").arg(steps.join(QStringLiteral(", "))));

    book.accounts.reserve(overview.rows.size());
    for (AccountRow &r : overview.rows) {
        BookAccount a;
        const qint64 id = r.account.id;
        if (auto it = scores.constFind(id); it != scores.constEnd()) {
            a.band = it->band;
            a.score = it->score;
            a.healthDate = it->date;
        }
        if (auto it = before.constFind(id); it != before.constEnd())
            a.scoreBefore = it->score;
        a.plan = plans.value(id);
        domain::SignalFacts &f = a.facts;
        f.accountId = id;
        f.tier = r.tier;
        f.bandNow = a.band;
        if (auto it = before.constFind(id); it != before.constEnd())
            f.bandBefore = it->band;
        const auto c = champions.value(id);
        f.activeChampions = c.active;
        f.contacts = c.contacts;
        f.lastChampionDeparture = c.lastDeparture;
        f.depth = depth.value(id);
        f.planStale = a.plan.freshness.stale;
        f.planAgeDays = a.plan.freshness.days.value_or(-1);
        f.renewalDate = r.account.renewalDate;
        f.renewalWorkStarted = renewalWork.contains(id);
        f.overdueActions = a.plan.overdueActions;
        f.lastBusinessReview = reviews.value(id);
        if (auto it = usage.constFind(id); it != usage.constEnd())
            f.usageRatio = *it;
        f.newBuyingCenterContacts = newCenters.value(id);
        a.row = std::move(r);
        book.indexOf.insert(id, book.accounts.size());
        book.accounts.push_back(std::move(a));
    }
    for (const auto &[accountId, memberId] : assignments)
        if (auto it = book.indexOf.constFind(accountId); it != book.indexOf.constEnd())
            book.accounts[*it].members.push_back(memberId);
    return book;
}

TierBandTable tierBandTable(const BookData &book, const BookFilter &filter)
{
    TierBandTable t;
    for (const BookAccount &a : book.accounts) {
        if (!filter.matches(a))
            continue;
        const size_t tier = size_t(int(a.row.tier) - 1);
        const size_t band = size_t(bandColumn(a.band));
        ++t.counts[tier][band];
        t.arrCents[tier][band] += a.row.account.arr.cents;
    }
    return t;
}

std::array<int, kBandColumns> healthDistribution(const BookData &book, const BookFilter &filter)
{
    std::array<int, kBandColumns> out{};
    for (const BookAccount &a : book.accounts)
        if (filter.matches(a))
            ++out[size_t(bandColumn(a.band))];
    return out;
}

RetentionReport retentionReport(const BookData &book, const QDate &from, const QDate &to, const BookFilter &filter)
{
    RetentionReport report;
    report.from = from;
    report.to = to;
    std::vector<domain::RetentionInput> all;
    QHash<qint64, std::vector<domain::RetentionInput>> owners;
    std::array<std::vector<domain::RetentionInput>, 3> tiers;
    const std::span<const domain::ArrPoint> history(book.arrHistory);
    size_t i = 0;
    while (i < history.size()) {
        size_t j = i;
        while (j < history.size() && history[j].accountId == history[i].accountId)
            ++j;
        const auto points = history.subspan(i, j - i);
        const qint64 accountId = history[i].accountId;
        i = j;
        const auto at = book.indexOf.constFind(accountId);
        if (at == book.indexOf.constEnd() || !filter.matches(book.accounts[*at]))
            continue;
        const BookAccount &a = book.accounts[*at];
        const domain::RetentionInput in{domain::arrOn(points, from), domain::arrOn(points, to).value_or(0)};
        all.push_back(in);
        owners[a.row.account.ownerId].push_back(in);
        tiers[size_t(int(a.row.tier) - 1)].push_back(in);
    }
    report.total = domain::retention(all);
    QHash<qint64, QString> names;
    for (const domain::TeamMember &m : book.team)
        names.insert(m.id, m.name);
    for (auto it = owners.cbegin(); it != owners.cend(); ++it)
        report.byOwner.emplace_back(it.key(), domain::retention(it.value()));
    std::sort(report.byOwner.begin(), report.byOwner.end(), [&](const auto &x, const auto &y) {
        return names.value(x.first).localeAwareCompare(names.value(y.first)) < 0;
    });
    for (size_t t = 0; t < 3; ++t)
        report.byTier[t] = domain::retention(tiers[t]);
    return report;
}

std::vector<RenewalRow> renewals(const BookData &book, int days, const BookFilter &filter)
{
    std::vector<RenewalRow> out;
    for (size_t i = 0; i < book.accounts.size(); ++i) {
        const BookAccount &a = book.accounts[i];
        if (!filter.matches(a) || !a.row.account.renewalDate.isValid() || a.row.account.arr.cents == 0)
            continue;
        const int d = int(book.today.daysTo(a.row.account.renewalDate));
        if (d > days)
            continue;
        out.push_back({i, d, a.facts.renewalWorkStarted});
    }
    std::sort(out.begin(), out.end(), [](const RenewalRow &x, const RenewalRow &y) {
        return x.daysToRenewal != y.daysToRenewal ? x.daysToRenewal < y.daysToRenewal : x.account < y.account;
    });
    return out;
}

std::vector<HygieneRow> planHygiene(const BookData &book, const BookFilter &filter)
{
    QHash<qint64, HygieneRow> rows;
    QHash<qint64, double> sums;
    for (const BookAccount &a : book.accounts) {
        if (!filter.matches(a) || a.row.account.arr.cents == 0)
            continue;
        HygieneRow &r = rows[a.row.account.ownerId];
        r.ownerId = a.row.account.ownerId;
        r.owner = a.row.ownerName;
        ++r.accounts;
        sums[r.ownerId] += a.plan.completeness;
        (a.plan.freshness.stale ? r.stale : r.fresh) += 1;
        if (a.row.tier != Tier::Tier3 && domain::isSingleThreaded(a.facts.depth))
            ++r.singleThreadedKey;
    }
    std::vector<HygieneRow> out;
    for (auto it = rows.begin(); it != rows.end(); ++it) {
        it->meanCompleteness = it->accounts ? sums.value(it.key()) / it->accounts : 0;
        out.push_back(*it);
    }
    std::sort(out.begin(), out.end(), [](const HygieneRow &x, const HygieneRow &y) { return x.owner.localeAwareCompare(y.owner) < 0; });
    return out;
}

std::vector<size_t> singleThreadedKeyAccounts(const BookData &book, const BookFilter &filter)
{
    std::vector<size_t> out;
    for (size_t i = 0; i < book.accounts.size(); ++i) {
        const BookAccount &a = book.accounts[i];
        if (filter.matches(a) && a.row.account.arr.cents > 0 && a.row.tier != Tier::Tier3 && domain::isSingleThreaded(a.facts.depth))
            out.push_back(i);
    }
    std::stable_sort(out.begin(), out.end(), [&](size_t x, size_t y) {
        const auto &ax = book.accounts[x].row, &ay = book.accounts[y].row;
        return ax.tier != ay.tier ? ax.tier < ay.tier : ax.account.arr.cents > ay.account.arr.cents;
    });
    return out;
}

CoverageReport coverageReport(const BookData &book)
{
    CoverageReport report;
    QHash<qint64, domain::TierCounts> perPerson;
    for (const BookAccount &a : book.accounts) {
        if (a.row.account.arr.cents == 0)
            continue; // churned: no effort
        const size_t t = size_t(int(a.row.tier) - 1);
        ++report.book[t];
        if (a.row.account.ownerId > 0)
            ++perPerson[a.row.account.ownerId][t];
        for (qint64 m : a.members)
            if (m != a.row.account.ownerId)
                ++perPerson[m][t];
    }
    const domain::EffortMatrix &effort = book.settings.effort;
    for (int r = 0; r < domain::kTeamRoleCount; ++r) {
        RoleCoverage rc;
        rc.role = domain::TeamRole(r);
        rc.requiredHours = domain::requiredHours(report.book, rc.role, effort);
        rc.requiredFte = domain::requiredFte(report.book, rc.role, effort);
        for (const domain::TeamMember &m : book.team)
            if (m.role == rc.role) {
                ++rc.people;
                rc.availableFte += m.hoursPerMonth / domain::kStandardHoursPerMonth;
            }
        report.roles.push_back(rc);
    }
    for (const domain::TeamMember &m : book.team) {
        PersonLoad p;
        p.member = m;
        p.assigned = perPerson.value(m.id);
        p.utilisation = domain::utilisation(p.assigned, m.role, m.hoursPerMonth, effort);
        p.guidance = domain::ratioGuidance(m.role, p.assigned);
        report.people.push_back(p);
    }
    return report;
}

std::vector<BookSignal> bookSignals(const BookData &book, qint64 accountId, const BookFilter &filter)
{
    std::vector<BookSignal> out;
    auto add = [&](const BookAccount &a) {
        if (a.row.account.arr.cents == 0 || !filter.matches(a))
            return; // churned accounts raise nothing
        for (domain::Signal &s : domain::evaluateSignals(a.facts, book.today)) {
            BookSignal b;
            if (auto it = book.decisions.constFind({a.row.account.id, int(s.rule)}); it != book.decisions.constEnd())
                b.decision = *it;
            b.visible = domain::signalVisible(b.decision, book.today);
            b.signal = std::move(s);
            out.push_back(std::move(b));
        }
    };
    if (accountId > 0) {
        if (auto it = book.indexOf.constFind(accountId); it != book.indexOf.constEnd())
            add(book.accounts[*it]);
    } else {
        for (const BookAccount &a : book.accounts)
            add(a);
    }
    std::stable_sort(out.begin(), out.end(), [](const BookSignal &x, const BookSignal &y) {
        return int(x.signal.severity) < int(y.signal.severity);
    });
    return out;
}

QHash<qint64, int> openSignalCounts(const BookData &book)
{
    return openSignalCounts(bookSignals(book));
}

QHash<qint64, int> openSignalCounts(const std::vector<BookSignal> &signalList)
{
    QHash<qint64, int> out;
    for (const BookSignal &s : signalList)
        if (s.visible)
            ++out[s.signal.accountId];
    return out;
}

std::vector<BandMonth> healthTimeline(Portfolio &portfolio, const QDate &today, int months)
{
    // Month ends, oldest first; the last is today.
    std::vector<BandMonth> out;
    for (int m = months - 1; m >= 0; --m) {
        const QDate first = QDate(today.year(), today.month(), 1).addMonths(-m);
        out.push_back({m == 0 ? today : first.addMonths(1).addDays(-1), {}});
    }
    if (out.empty())
        return out;
    // Each account's band at the window's start, then its scores inside the window: two
    // reads in all instead of one per month.
    const QDate start = QDate(out.front().date.year(), out.front().date.month(), 1).addDays(-1);
    QHash<qint64, HealthBand> current;
    for (const auto &s : portfolio.health().latestScores(start))
        current.insert(s.accountId, s.band);
    const auto points = portfolio.health().bandsBetween(start, today);
    auto countAccount = [&](std::optional<HealthBand> band, size_t from, size_t to) {
        // Walks the month ends with this account's points [from, to).
        size_t i = from;
        for (BandMonth &bm : out) {
            while (i < to && points[i].date <= bm.date)
                band = points[i++].band;
            ++bm.counts[size_t(bandColumn(band))];
        }
    };
    QSet<qint64> seen;
    size_t i = 0;
    while (i < points.size()) {
        size_t j = i;
        while (j < points.size() && points[j].accountId == points[i].accountId)
            ++j;
        const qint64 id = points[i].accountId;
        seen.insert(id);
        const auto it = current.constFind(id);
        countAccount(it == current.constEnd() ? std::nullopt : std::optional<HealthBand>(*it), i, j);
        i = j;
    }
    // Accounts with a band before the window and no score inside it keep that band.
    for (auto it = current.cbegin(); it != current.cend(); ++it)
        if (!seen.contains(it.key()))
            for (BandMonth &bm : out)
                ++bm.counts[size_t(bandColumn(it.value()))];
    return out;
}

std::vector<Decliner> biggestDecliners(Portfolio &portfolio, const BookData &book, int n)
{
    std::vector<Decliner> out;
    for (size_t i = 0; i < book.accounts.size(); ++i) {
        const BookAccount &a = book.accounts[i];
        if (a.band && a.scoreBefore && a.score < *a.scoreBefore && a.row.account.arr.cents > 0)
            out.push_back({i, *a.scoreBefore, a.score, {}});
    }
    std::sort(out.begin(), out.end(), [](const Decliner &x, const Decliner &y) {
        return (x.now - x.before) < (y.now - y.before);
    });
    if (out.size() > size_t(std::max(0, n)))
        out.resize(size_t(std::max(0, n)));
    HealthService health(portfolio);
    for (Decliner &d : out) {
        const AccountHealth h = health.healthOf(book.accounts[d.account].row.account.id, book.today);
        QStringList parts;
        for (const auto &c : h.whatChanged) {
            if (parts.size() == 3 || std::abs(c.delta()) < 0.05)
                break;
            parts << QStringLiteral("%1 %2%3").arg(domain::measureName(c.measure), c.delta() > 0 ? QStringLiteral("+") : QString())
                         .arg(c.delta(), 0, 'f', 1);
        }
        d.whatChanged = parts.join(QStringLiteral(", "));
    }
    return out;
}

PortfolioSummary portfolioSummary(const BookData &book, const QDate &from, const QDate &to, const BookFilter &filter)
{
    PortfolioSummary s;
    for (const BookAccount &a : book.accounts) {
        if (!filter.matches(a))
            continue;
        ++s.accounts;
        s.totalArrCents += a.row.account.arr.cents;
        s.openWhitespaceCents += a.row.expansion.openWhitespaceCents;
        s.weightedPipelineCents += a.row.expansion.weightedPipelineCents;
    }
    s.tierBand = tierBandTable(book, filter);
    s.retention = retentionReport(book, from, to, filter);
    s.health = healthDistribution(book, filter);
    s.coverage = coverageReport(book);
    for (const BookSignal &b : bookSignals(book, 0, filter))
        s.signalsOpen += b.visible ? 1 : 0;
    return s;
}

domain::SignalState decideSignal(Portfolio &portfolio, domain::SignalState state)
{
    if (state.decision == domain::SignalDecision::Snoozed && !state.until.isValid())
        throw ValidationError(QStringLiteral("Snooze"), {{QStringLiteral("until"), QStringLiteral("A snooze needs the date the signal comes back")}});
    if (state.decision == domain::SignalDecision::Dismissed && state.reason.trimmed().isEmpty())
        throw ValidationError(QStringLiteral("Dismiss"), {{QStringLiteral("reason"), QStringLiteral("Say why the signal is dismissed; the reason is kept")}});
    storage::Transaction tx(portfolio.database());
    if (!portfolio.accounts().byId(state.accountId))
        throw ValidationError(QStringLiteral("Signal"), {{QStringLiteral("account"), QStringLiteral("No account with id %1").arg(state.accountId)}});
    state.reason = state.reason.trimmed();
    portfolio.signalStates().add(state);
    tx.commit();
    Q_EMIT portfolio.signalDecisionsChanged(state.accountId);
    return state;
}

void removeSignalDecision(Portfolio &portfolio, const domain::SignalState &state)
{
    storage::Transaction tx(portfolio.database());
    portfolio.signalStates().remove(state.id);
    tx.commit();
    Q_EMIT portfolio.signalDecisionsChanged(state.accountId);
}

namespace {
QList<qint64> changeAssignments(Portfolio &portfolio, const QList<qint64> &accountIds, qint64 memberId, bool assign)
{
    storage::Transaction tx(portfolio.database());
    if (!portfolio.team().byId(memberId))
        throw ValidationError(QStringLiteral("Assignment"), {{QStringLiteral("member"), QStringLiteral("No team member with id %1").arg(memberId)}});
    const QSet<qint64> wanted(accountIds.cbegin(), accountIds.cend());
    if (portfolio.accounts().byIds(accountIds).size() != size_t(wanted.size()))
        throw ValidationError(QStringLiteral("Assignment"),
                              {{QStringLiteral("account"), QStringLiteral("Some of the %1 accounts no longer exist").arg(wanted.size())}});
    QList<qint64> changed;
    QSet<qint64> seen;
    for (qint64 id : accountIds) {
        if (seen.contains(id))
            continue;
        seen.insert(id);
        if (assign ? portfolio.assignments().assign(id, memberId) : portfolio.assignments().unassign(id, memberId))
            changed.append(id);
    }
    tx.commit();
    for (qint64 id : std::as_const(changed))
        Q_EMIT portfolio.assignmentsChanged(id);
    return changed;
}
} // namespace

QList<qint64> assignMember(Portfolio &portfolio, const QList<qint64> &accountIds, qint64 memberId)
{
    return changeAssignments(portfolio, accountIds, memberId, true);
}

QList<qint64> unassignMember(Portfolio &portfolio, const QList<qint64> &accountIds, qint64 memberId)
{
    return changeAssignments(portfolio, accountIds, memberId, false);
}

} // namespace keystone::services
