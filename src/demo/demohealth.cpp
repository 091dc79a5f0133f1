// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// The numbers chapter: health inputs and scores, ARR history, team assignments.
#include "demostory.h"

#include <QTime>

namespace keystone::demo::story {

// 24 monthly health snapshots per account with a story: most steady, some improving, some
// declining, and a usage drop after a champion left. Sentiment is a quarterly survey, typed
// in by hand for some accounts (and for a few, last typed long ago, so it is stale).
qint64 fillHealth(Portfolio &portfolio, Rng &rng, const std::vector<Account> &accounts, const QDate &today,
                  const QHash<qint64, QDate> &championLeft)
{
    enum Story { Steady, Improving, Declining };
    std::vector<std::pair<qint64, domain::HealthInputs>> rows;
    rows.reserve(accounts.size() * 24);
    for (const Account &a : accounts) {
        const Story story = Story(rng.weighted(std::array<int, 3>{64, 18, 18}));
        const int seats = std::clamp(int(a.arr.cents / 100 / 900), 10, 6000);
        const double base = 0.55 + 0.35 * rng.uniform();
        const int offered = 10;
        const bool manualSentiment = rng.chance(0.3);
        const bool staleSentiment = manualSentiment && rng.chance(0.25);
        const QDate left = championLeft.value(a.id);
        int nps = rng.between(-20, 60);
        for (int k = 23; k >= 0; --k) {
            domain::HealthInputs in;
            in.date = today.addMonths(-k);
            const double t = double(23 - k) / 23.0; // 0 -> 1 over the two years
            double ratio = base;
            if (story == Improving)
                ratio = 0.35 + (base + 0.1 - 0.35) * t;
            else if (story == Declining)
                ratio = base + 0.1 - (base - 0.25) * t;
            if (left.isValid() && in.date > left)
                ratio *= 0.6; // the champion's team stopped using it
            ratio = std::clamp(ratio + (rng.uniform() - 0.5) * 0.06, 0.05, 1.0);
            in.licensedSeats = seats;
            in.activeUsers = int(std::lround(seats * ratio));
            in.featuresOffered = offered;
            in.featuresUsed = std::clamp(int(std::lround(offered * (story == Declining ? 0.7 - 0.3 * t : story == Improving ? 0.3 + 0.5 * t : ratio * 0.8)))
                                             + rng.between(-1, 1),
                                         1, offered);
            const int trouble = story == Declining ? int(4 * t) : 0;
            in.sev1 = rng.chance(0.08 + 0.1 * trouble) ? 1 : 0;
            in.sev2 = rng.between(0, 1 + trouble);
            in.sev3 = rng.between(0, 4 + trouble);
            in.daysLate = double(story == Declining ? rng.between(0, int(10 + 40 * t)) : rng.between(0, 12));
            if (k % 3 == 0) {
                nps = std::clamp(nps + rng.between(-15, 15) + (story == Improving ? 6 : story == Declining ? -8 : 0), -100, 100);
                if (!(staleSentiment && k < 9)) { // stale: the last survey typed in was nine months ago
                    in.nps = nps;
                    in.sentimentDate = in.date;
                }
            }
            in.manual[size_t(domain::Measure::Sentiment)] = manualSentiment;
            rows.emplace_back(a.id, std::move(in));
        }
    }
    // Carry the latest survey forward so each snapshot has the sentiment in force, dated.
    for (size_t i = 1; i < rows.size(); ++i) {
        auto &[id, in] = rows[i];
        const auto &[prevId, prev] = rows[i - 1];
        if (!in.nps && prevId == id && prev.nps) {
            in.nps = prev.nps;
            in.sentimentDate = prev.sentimentDate;
        }
    }
    portfolio.health().insertManyInputs(rows);
    const qint64 scores = HealthService(portfolio).recomputeAll();
    return qint64(rows.size()) + std::max<qint64>(0, scores);
}

// 24 months of ARR history: expansions and contractions walked back from today's ARR; about
// 3% of the older accounts churned in the last 18 months (their ARR now zero). A separate
// random stream, so the whitespace and contacts are the same as before this data existed.
qint64 fillArrHistory(Portfolio &portfolio, quint64 seed, std::vector<Account> &accounts, const QDate &today)
{
    Rng rng(seed ^ 0x5eed'b00cULL);
    const QDate windowStart = QDate(today.year(), today.month(), 1).addMonths(-24);
    auto round100 = [](double cents) { return std::max<qint64>(10000, qint64(std::llround(cents / 10000.0)) * 10000); };
    std::vector<domain::ArrPoint> points;
    QList<qint64> churned;
    for (Account &a : accounts) {
        const QDate first = std::max(a.customerSince, windowStart);
        const domain::ArrChange firstKind = a.customerSince >= windowStart ? domain::ArrChange::New : domain::ArrChange::Snapshot;
        const bool churn = a.customerSince < today.addDays(-400) && rng.chance(0.03);
        QDate churnDate;
        if (churn) {
            churnDate = today.addDays(-rng.between(15, 540));
            if (churnDate <= first)
                churnDate = first.addDays(30);
        }
        const QDate last = churn ? churnDate : today;
        // Walk back month by month from the last ARR, undoing changes.
        std::vector<domain::ArrPoint> mine;
        double v = double(a.arr.cents);
        for (QDate m = QDate(last.year(), last.month(), 1); m > first; m = m.addMonths(-1)) {
            const double u = rng.uniform();
            double before = v;
            if (u < 0.05)
                before = v / (1.1 + 0.4 * rng.uniform()); // expanded this month
            else if (u < 0.075)
                before = v * (1.1 + 0.25 * rng.uniform()); // contracted this month
            else
                continue;
            const QDate on = m.addDays(rng.between(0, m.daysInMonth() - 1));
            if (on <= first || on >= last)
                continue;
            mine.push_back({a.id, on, round100(v), domain::arrChangeBetween(round100(before), round100(v))});
            v = before;
        }
        mine.push_back({a.id, first, round100(v), firstKind});
        std::reverse(mine.begin(), mine.end());
        if (churn) {
            mine.push_back({a.id, churnDate, 0, domain::ArrChange::Churn});
            churned.append(a.id);
            a.arr.cents = 0;
            a.renewalDate = {};
            a.atRisk = false;
        }
        points.insert(points.end(), mine.begin(), mine.end());
    }
    portfolio.arrHistory().recordMany(points);
    if (!churned.isEmpty())
        portfolio.accounts().markChurned(churned, QStringLiteral("Churned: the customer did not renew."),
                                         QDateTime(today, QTime(9, 0), Qt::UTC));

    return qint64(points.size());
}

// Coverage beyond the owner: a CSM on the top 40% by ARR, an SE on the top 20% (half of
// them), a TAM on the top 5%.
qint64 fillAssignments(Portfolio &portfolio, quint64 seed, const std::vector<Account> &accounts)
{
    Rng rng(seed ^ 0xa551'9a3eULL);
    std::vector<qint64> csms, ses, tams;
    for (const domain::TeamMember &m : portfolio.team().all()) {
        if (m.role == TeamRole::CSM)
            csms.push_back(m.id);
        else if (m.role == TeamRole::SE)
            ses.push_back(m.id);
        else if (m.role == TeamRole::TAM)
            tams.push_back(m.id);
    }
    std::vector<qint64> arr;
    for (const Account &a : accounts)
        arr.push_back(a.arr.cents);
    const qint64 p60 = domain::percentileCents(arr, 60), p80 = domain::percentileCents(arr, 80), p95 = domain::percentileCents(arr, 95);
    qint64 rows = 0;
    auto pickFrom = [&](const std::vector<qint64> &ids) { return ids[size_t(rng.between(0, int(ids.size()) - 1))]; };
    for (const Account &a : accounts) {
        if (a.arr.cents == 0)
            continue;
        if (a.arr.cents >= p60 && !csms.empty() && portfolio.assignments().assign(a.id, pickFrom(csms)))
            ++rows;
        if (a.arr.cents >= p80 && !ses.empty() && rng.chance(0.5) && portfolio.assignments().assign(a.id, pickFrom(ses)))
            ++rows;
        if (a.arr.cents >= p95 && !tams.empty() && portfolio.assignments().assign(a.id, pickFrom(tams)))
            ++rows;
    }
    return rows;
}

} // namespace keystone::demo::story
