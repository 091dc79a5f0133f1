// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// The plan chapter: priorities, risks, actions, reviews, success and remediation plans, snapshots.
#include "demostory.h"

#include <QTime>

namespace keystone::demo::story {

// Account plans with a spread of quality: about a third kept well (priorities with
// metrics, owned and mitigated risks or a recent "no known risks", actions with owners and
// future dates, reviewed within the tier's limit), a third half kept, a quarter neglected
// (few priorities, unowned risks, actions long overdue, no review or an old one).
qint64 fillPlans(Portfolio &portfolio, Rng &rng, const std::vector<Account> &accounts, const QDate &today)
{
    struct PriorityText {
        const char *text;
        const char *metric; // empty: no metric fits
        const char *unit;
        double baseline;
        double target;
    };
    static const std::array<PriorityText, 12> priorities{{
        {"Cut month-end close from ten days to five", "Days to close", "days", 10, 5},
        {"Consolidate three planning tools into one", "Planning tools in use", "tools", 3, 1},
        {"Give plant managers a live view of output", "Plants with live dashboards", "plants", 0, 12},
        {"Reduce carrying costs across the warehouses", "Carrying cost", "% of inventory", 24, 18},
        {"Pass the next SOX audit without findings", "Audit findings", "findings", 7, 0},
        {"Open two new regions without new headcount", "", "", 0, 0},
        {"Halve the time to onboard a new hire", "Onboarding time", "days", 30, 15},
        {"Move reporting off spreadsheets", "Reports still in spreadsheets", "reports", 140, 20},
        {"Improve on-time delivery to 97%", "On-time delivery", "%", 91, 97},
        {"Standardise the quoting process across divisions", "Quote turnaround", "hours", 72, 24},
        {"Grow self-service adoption in the field teams", "Field users active weekly", "%", 35, 70},
        {"Retire the legacy data warehouse", "", "", 0, 0},
    }};
    static const std::array<const char *, 10> risks{
        "Budget freeze expected in Q1", "Executive sponsor is changing roles", "Competitor offering a free pilot to the finance team",
        "Low adoption in the second division", "Procurement wants a three-year price lock", "Integration with their ERP is behind plan",
        "Champion on extended leave", "Security review of the new module pending", "Merger may consolidate vendors", "Support tickets rising after the upgrade"};
    static const std::array<const char *, 6> mitigations{
        "Agree the renewal scope before year end", "Introduce the incoming sponsor to our executive", "Run a value review with the CFO",
        "Targeted enablement sessions for the division", "Offer a ramped price with an adoption clause", "Weekly joint status call until go-live"};
    static const std::array<const char *, 10> actions{
        "Book the quarterly business review", "Send the adoption report", "Introduce our CTO to their architecture lead",
        "Prepare the renewal proposal", "Run a workshop on the planning module", "Map the buying centers in the new region",
        "Confirm the executive sponsor", "Follow up on the open Sev 2 tickets", "Share the case study draft", "Plan the advisory board invitation"};
    std::vector<domain::Priority> ps;
    std::vector<domain::Risk> rs;
    std::vector<domain::PlanAction> as;
    std::vector<domain::PlanReview> reviews;
    std::vector<domain::ValueDelivered> values;
    std::vector<domain::AdvocacyProfile> advocacy;
    struct ValueText {
        const char *metric;
        const char *unit;
        double baseline;
        double current;
        qint64 impactPerThousandArr; // cents of impact per 1,000 cents of ARR
    };
    static const std::array<ValueText, 5> valueTexts{{
        {"Status reporting time", "hours/week", 12, 10, 120},
        {"Carrying costs", "% of inventory", 24, 21, 300},
        {"Month-end close", "days", 10, 7, 80},
        {"Quote turnaround", "hours", 72, 30, 150},
        {"Audit findings", "findings", 7, 2, 0},
    }};
    for (const Account &a : accounts) {
        const int quality = int(rng.weighted(std::array<int, 3>{35, 40, 25})); // 0 good, 1 half, 2 neglected
        const int nPriorities = quality == 0 ? rng.between(2, 4) : quality == 1 ? rng.between(1, 2) : rng.between(0, 1);
        // Distinct texts within an account: a random start and a step prime to the pool size.
        const int firstPriority = rng.between(0, int(priorities.size()) - 1);
        const int firstRisk = rng.between(0, int(risks.size()) - 1);
        const int firstAction = rng.between(0, int(actions.size()) - 1);
        for (int i = 0; i < nPriorities; ++i) {
            domain::Priority p;
            p.uuid = rng.uuid();
            p.accountId = a.id;
            p.position = i;
            const PriorityText &t = priorities[size_t(firstPriority + 5 * i) % priorities.size()];
            p.text = QString::fromUtf8(t.text);
            if (*t.metric && (quality == 0 || rng.chance(0.3))) {
                p.metric = QString::fromUtf8(t.metric);
                p.unit = QString::fromUtf8(t.unit);
                p.baseline = t.baseline;
                p.target = t.target;
                p.current = std::round(t.baseline + (t.target - t.baseline) * rng.uniform());
            }
            ps.push_back(std::move(p));
        }
        const int nRisks = quality == 2 ? (rng.chance(0.3) ? 1 : 0) : rng.between(0, 3);
        for (int i = 0; i < nRisks; ++i) {
            domain::Risk r;
            r.uuid = rng.uuid();
            r.accountId = a.id;
            r.description = QString::fromUtf8(risks[size_t(firstRisk + 3 * i) % risks.size()]);
            r.severity = domain::RiskLevel(rng.between(0, 2));
            r.likelihood = domain::RiskLevel(rng.between(0, 2));
            const bool kept = quality == 0 || (quality == 1 && rng.chance(0.6));
            r.mitigation = kept ? QString::fromUtf8(rng.pick(mitigations)) : QString();
            r.ownerId = kept || rng.chance(0.3) ? a.ownerId : 0;
            r.status = rng.chance(0.2) ? domain::RiskStatus::Closed : rng.chance(0.4) ? domain::RiskStatus::Mitigating : domain::RiskStatus::Open;
            rs.push_back(std::move(r));
        }
        if (nRisks == 0 && quality < 2 && rng.chance(0.7))
            portfolio.plan().setNoKnownRisksOn(a.id, today.addDays(-rng.between(5, quality == 0 ? 60 : 200)));
        const int nActions = quality == 0 ? rng.between(2, 5) : quality == 1 ? rng.between(1, 3) : rng.between(0, 2);
        for (int i = 0; i < nActions; ++i) {
            domain::PlanAction x;
            x.uuid = rng.uuid();
            x.accountId = a.id;
            const size_t which = size_t(firstAction + 3 * i) % actions.size();
            x.what = QString::fromUtf8(actions[which]);
            // What is done with the customer is shared with them: the review, the workshop,
            // the tickets (chosen by the text, so the demo's random stream is unchanged).
            x.shared = which == 0 || which == 4 || which == 7;
            x.ownerId = quality == 2 && rng.chance(0.5) ? 0 : a.ownerId;
            const int spread = quality == 0 ? rng.between(-20, 60) : quality == 1 ? rng.between(-45, 45) : rng.between(-150, 10);
            x.due = today.addDays(spread);
            if (spread < -10 && quality == 0) {
                x.status = domain::ActionStatus::Done;
                x.doneOn = x.due.addDays(rng.between(-5, 5));
            } else if (rng.chance(0.08)) {
                x.status = domain::ActionStatus::Cancelled;
            }
            as.push_back(std::move(x));
        }
        // Value delivered: measured outcomes, mostly on well-kept accounts.
        const int nValues = quality == 0 ? rng.between(1, 3) : quality == 1 ? rng.between(0, 1) : 0;
        const int firstValue = rng.between(0, int(valueTexts.size()) - 1);
        for (int i = 0; i < nValues; ++i) {
            const ValueText &t = valueTexts[size_t(firstValue + 2 * i) % valueTexts.size()];
            domain::ValueDelivered v;
            v.uuid = rng.uuid();
            v.accountId = a.id;
            v.metric = QString::fromUtf8(t.metric);
            v.unit = QString::fromUtf8(t.unit);
            v.baseline = t.baseline;
            v.current = t.current;
            v.impactCents = a.arr.cents * t.impactPerThousandArr / 1000 / 100 * 100; // whole currency units
            v.date = today.addDays(-rng.between(10, 300));
            values.push_back(std::move(v));
        }
        // Advocacy: case studies and advisory seats among the well-kept accounts.
        if (quality == 0 && rng.chance(0.4)) {
            domain::AdvocacyProfile adv;
            adv.accountId = a.id;
            adv.caseStudy = domain::CaseStudyStatus(rng.between(1, 4));
            adv.advisoryBoard = rng.chance(0.35);
            advocacy.push_back(adv);
        }
        // Reviews: quarterly for well-kept plans, now and then for the others.
        const int gap = quality == 0 ? rng.between(60, 100) : quality == 1 ? rng.between(120, 240) : rng.between(300, 500);
        QDate d = today.addDays(-rng.between(quality == 0 ? 3 : 40, quality == 0 ? 80 : quality == 1 ? 260 : 600));
        const QDate since = today.addDays(-540);
        while (d > since && !(quality == 2 && rng.chance(0.3))) {
            domain::PlanReview rv;
            rv.accountId = a.id;
            rv.date = d;
            rv.reviewerId = a.ownerId;
            rv.note = rng.chance(0.3) ? QStringLiteral("Priorities confirmed with the sponsor") : QString();
            reviews.push_back(std::move(rv));
            d = d.addDays(-gap);
        }
    }
    portfolio.plan().insertItems(ps);
    portfolio.plan().insertItems(rs);
    portfolio.plan().insertItems(as);
    portfolio.plan().insertReviews(reviews);
    portfolio.plan().insertItems(values);
    for (const domain::AdvocacyProfile &adv : advocacy)
        portfolio.plan().saveAdvocacy(adv);
    // Reference requests of referenceable accounts, to their champions and supporters, at
    // least 93 days apart (never twice in one quarter).
    QHash<qint64, std::vector<qint64>> advocates;
    for (const domain::Contact &c : portfolio.contacts().allBrief())
        if (c.isActive() && (c.stance == domain::Stance::Champion || c.stance == domain::Stance::Supporter))
            advocates[c.accountId].push_back(c.id);
    static const std::array<const char *, 4> purposes{"Call with a prospect in the same industry", "Site visit for a prospect",
                                                      "Quote for a press release", "Peer call with a prospect's CFO"};
    std::vector<domain::ReferenceRequest> requests;
    for (const Account &a : accounts) {
        const auto it = advocates.constFind(a.id);
        if (!a.referenceable || it == advocates.constEnd() || it->empty())
            continue;
        const int n = rng.between(1, 3);
        for (int i = 0; i < n; ++i) {
            domain::ReferenceRequest r;
            r.uuid = rng.uuid();
            r.accountId = a.id;
            r.contactId = (*it)[size_t(i) % it->size()];
            r.date = today.addDays(-(20 + 100 * i + rng.between(0, 40)));
            r.purpose = QString::fromUtf8(rng.pick(purposes));
            requests.push_back(std::move(r));
        }
    }
    portfolio.plan().insertItems(requests);
    return qint64(ps.size() + rs.size() + as.size() + reviews.size() + values.size() + advocacy.size() + requests.size());
}

// Joint success plans for onboarding accounts and young customers (objectives, a 90-day
// roadmap with some milestones done and some late, champions and decision makers, first
// value for most), and remediation plans for the accounts marked at risk.
qint64 fillSuccessPlans(Portfolio &portfolio, Rng &rng, const std::vector<Account> &accounts, const QDate &today)
{
    struct ObjectiveText {
        const char *text, *metric, *unit;
        double baseline, target;
    };
    static const std::array<ObjectiveText, 6> objectives{{
        {"Finance team closes the month in the new tool", "Entities closed in the tool", "entities", 0, 12},
        {"Retire the legacy reporting workbooks", "Workbooks still in use", "workbooks", 40, 0},
        {"Every regional lead uses the weekly dashboard", "Weekly active leads", "leads", 0, 25},
        {"Cut onboarding time for new analysts", "Days to first report", "days", 20, 5},
        {"Automate the audit evidence collection", "Controls with automated evidence", "%", 0, 80},
        {"Single view of customer health for the CS team", "", "", 0, 0},
    }};
    static const std::array<const char *, 7> milestones{"Kick-off and success criteria signed", "Admin training done", "Data integration live",
                                                        "First 50 users active", "First month-end close in the tool",
                                                        "Executive check-in on value", "Legacy workbooks switched off"};
    static const std::array<const char *, 4> rootCauses{"Champion left; the new VP was never onboarded",
                                                        "Usage fell after a failed integration rollout", "Budget cut and a competitor pilot",
                                                        "Support backlog on severity-1 tickets eroded trust"};
    static const std::array<const char *, 4> fixes{"Executive alignment call held", "Integration fixed and re-launched",
                                                   "Re-onboard the new VP's team", "Value review with the CFO"};
    QHash<qint64, std::vector<domain::Contact>> contactsOf;
    for (domain::Contact &c : portfolio.contacts().allBrief())
        if (c.isActive())
            contactsOf[c.accountId].push_back(std::move(c));
    std::vector<qint64> team;
    for (const TeamMember &m : portfolio.team().all())
        team.push_back(m.id);
    std::vector<domain::Objective> os;
    std::vector<domain::Milestone> ms;
    std::vector<domain::SuccessContact> people;
    qint64 rows = 0;
    for (const Account &a : accounts) {
        const bool young = a.customerSince.isValid() && a.customerSince.daysTo(today) < 365;
        if (a.phase == domain::LifecyclePhase::Onboarding || (young && rng.chance(0.5))) {
            domain::SuccessPlan plan;
            plan.accountId = a.id;
            plan.startsOn = a.customerSince.isValid() && a.customerSince.daysTo(today) < 400 ? a.customerSince
                                                                                             : today.addDays(-rng.between(10, 120));
            if (plan.startsOn.daysTo(today) > rng.between(25, 70))
                plan.firstValueOn = plan.startsOn.addDays(rng.between(20, std::max(21, int(std::min<qint64>(80, plan.startsOn.daysTo(today))))));
            portfolio.plan().saveSuccessPlan(plan);
            ++rows;
            const int nObjectives = rng.between(1, 3);
            const int first = rng.between(0, int(objectives.size()) - 1);
            for (int i = 0; i < nObjectives; ++i) {
                const ObjectiveText &t = objectives[size_t(first + i) % objectives.size()];
                domain::Objective o;
                o.uuid = rng.uuid();
                o.accountId = a.id;
                o.position = i;
                o.text = QString::fromUtf8(t.text);
                if (*t.metric) {
                    o.metric = QString::fromUtf8(t.metric);
                    o.unit = QString::fromUtf8(t.unit);
                    o.baseline = t.baseline;
                    o.target = t.target;
                    o.current = std::round(t.baseline + (t.target - t.baseline) * rng.uniform() * 1.1);
                }
                os.push_back(std::move(o));
            }
            const int nMilestones = rng.between(3, 5);
            for (int i = 0; i < nMilestones; ++i) {
                domain::Milestone m;
                m.uuid = rng.uuid();
                m.accountId = a.id;
                m.plan = domain::MilestonePlan::Success;
                m.what = QString::fromUtf8(milestones[size_t(i) % milestones.size()]);
                m.due = plan.startsOn.addDays(std::min(95, 10 + i * 20 + rng.between(0, 10)));
                if (m.due < today && rng.chance(0.75))
                    m.doneOn = m.due.addDays(rng.between(-4, 6));
                if (m.doneOn > today)
                    m.doneOn = today;
                ms.push_back(std::move(m));
            }
            // Champions and decision makers from the map: champions by stance, the economic buyer decides.
            for (const domain::Contact &c : contactsOf.value(a.id)) {
                const bool decides = c.role == domain::BuyingRole::EconomicBuyer;
                if (!decides && !c.isChampion())
                    continue;
                domain::SuccessContact p;
                p.uuid = rng.uuid();
                p.accountId = a.id;
                p.contactId = c.id;
                p.role = decides ? domain::SuccessRole::DecisionMaker : domain::SuccessRole::Champion;
                people.push_back(std::move(p));
            }
        }
        if (a.atRisk && !team.empty()) {
            domain::RemediationPlan r;
            r.accountId = a.id;
            r.sponsorId = rng.chance(0.8) ? team[size_t(rng.between(0, int(team.size()) - 1))] : 0;
            r.rootCause = rng.chance(0.85) ? QString::fromUtf8(rng.pick(rootCauses)) : QString();
            r.openedOn = today.addDays(-rng.between(5, 90));
            portfolio.plan().saveRemediationPlan(r);
            ++rows;
            const int n = rng.between(1, 3);
            for (int i = 0; i < n; ++i) {
                domain::Milestone m;
                m.uuid = rng.uuid();
                m.accountId = a.id;
                m.plan = domain::MilestonePlan::Remediation;
                m.shared = domain::sharedByDefault(m.plan);
                m.what = QString::fromUtf8(fixes[size_t(i) % fixes.size()]);
                m.due = r.openedOn.addDays(14 + 21 * i);
                if (m.due < today && rng.chance(0.6))
                    m.doneOn = m.due;
                ms.push_back(std::move(m));
            }
        }
    }
    portfolio.plan().insertItems(os);
    portfolio.plan().insertItems(ms);
    portfolio.plan().insertItems(people);
    return rows + qint64(os.size() + ms.size() + people.size());
}

// Last quarter's snapshot for some well-kept accounts (at most 200, so a 10,000-account demo
// stays quick), so Compare has something to show: the plan as it is now, minus the newest
// priority and with the actions done since still open, taken on the quarter's last day.
qint64 fillSnapshots(Portfolio &portfolio, Rng &rng, const std::vector<Account> &accounts, const QDate &today)
{
    const QDate lastQuarter = today.addMonths(-3);
    const QDate quarterEnd(lastQuarter.year(), (lastQuarter.month() - 1) / 3 * 3 + 3, 1);
    const QDateTime takenAt(quarterEnd.addMonths(1).addDays(-1), QTime(17, 0), Qt::UTC);
    const QString label = domain::quarterLabel(lastQuarter);
    SnapshotService snapshots(portfolio);
    qint64 rows = 0;
    for (const Account &a : accounts) {
        if (rows >= 200)
            break;
        if (!rng.chance(0.25) || portfolio.plan().items<domain::Priority>(a.id).empty())
            continue;
        domain::PlanSnapshot snap = snapshots.build(a.id, label, today);
        snap.takenAt = takenAt;
        for (domain::SnapshotSection &section : snap.sections) {
            if (section.name == QLatin1String("Priorities") && section.items.size() > 1)
                section.items.pop_back();
            if (section.name == QLatin1String("Actions"))
                for (domain::SnapshotItem &item : section.items)
                    for (auto &[field, value] : item.fields)
                        if (field == QLatin1String("Status") && value == domain::actionStatusName(domain::ActionStatus::Done))
                            value = domain::actionStatusName(domain::ActionStatus::Open);
        }
        portfolio.plan().insertSnapshot(snap);
        ++rows;
    }
    return rows;
}

} // namespace keystone::demo::story
