// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "qbrsections.h"

#include "keystone/domain/healthdisplay.h"
#include "keystone/services/clock.h"
#include "keystone/services/portfolio.h"

#include <QSet>

#include <algorithm>
#include <map>

namespace keystone::services::qbrsections {

namespace {

bool isCustomerMeeting(domain::ActivityType t)
{
    return t != domain::ActivityType::InternalReview && t != domain::ActivityType::Email;
}

// The quarter in figures, from facts the customer shares: meetings held, and support tickets
// by severity against the quarter before (the health snapshots' 30-day counts, summed over
// the snapshots dated in each quarter). Internal: the NPS, now and a quarter ago.
QbrBlock quarterFigures(const Sources &s, QbrAudience audience)
{
    std::vector<std::pair<QString, QString>> f;
    int meetings = 0;
    for (const domain::Activity &act : s.quarterActivities)
        meetings += isCustomerMeeting(act.type) ? 1 : 0;
    f.emplace_back(tr("Meetings this quarter"), QString::number(meetings));
    const QDate lastStart = s.quarterStart.addMonths(-3), lastEnd = s.quarterStart.addDays(-1);
    std::array<int, 3> now{}, before{};
    bool anyNow = false, anyBefore = false;
    std::optional<int> npsNow, npsBefore;
    std::optional<double> csatNow, csatBefore;
    for (const domain::HealthInputs &in : s.inputs) { // oldest first
        const bool inNow = in.date >= s.quarterStart && in.date <= std::min(s.quarterEnd, s.asOf);
        const bool inBefore = in.date >= lastStart && in.date <= lastEnd;
        if (!inNow && !inBefore)
            continue;
        std::array<int, 3> &sum = inNow ? now : before;
        const std::array<std::optional<int>, 3> sev{in.sev1, in.sev2, in.sev3};
        for (size_t k = 0; k < 3; ++k)
            if (sev[k]) {
                sum[k] += *sev[k];
                (inNow ? anyNow : anyBefore) = true;
            }
        if (in.nps)
            (inNow ? npsNow : npsBefore) = in.nps;
        if (in.csat)
            (inNow ? csatNow : csatBefore) = in.csat;
    }
    const auto sevText = [](const std::array<int, 3> &c) { return QStringLiteral("%1 / %2 / %3").arg(c[0]).arg(c[1]).arg(c[2]); };
    if (anyNow)
        f.emplace_back(tr("Tickets, severity 1 / 2 / 3"), sevText(now));
    if (anyBefore)
        f.emplace_back(tr("Last quarter"), sevText(before));
    if (audience == QbrAudience::Internal && npsNow)
        f.emplace_back(tr("NPS"), npsBefore ? tr("%1 (last quarter %2)").arg(*npsNow).arg(*npsBefore) : QString::number(*npsNow));
    if (audience == QbrAudience::Internal && csatNow) {
        const QString csat = QString::number(*csatNow, 'f', 1);
        f.emplace_back(tr("CSAT of 5"), csatBefore ? tr("%1 (last quarter %2)").arg(csat, QString::number(*csatBefore, 'f', 1)) : csat);
    }
    QbrBlock b = figures(std::move(f));
    b.heading = tr("This quarter");
    return b;
}

// The written summary: highlights and lowlights, the same in both versions. Internally, a
// draft nobody has edited yet says so.
void addWrittenSummary(QbrPart &part, const Sources &s, QbrAudience audience)
{
    if (!s.summary.highlights.isEmpty())
        part.blocks.push_back(bullets(tr("Highlights"), s.summary.highlights));
    if (!s.summary.lowlights.isEmpty())
        part.blocks.push_back(bullets(tr("Lowlights"), s.summary.lowlights));
    if (audience == QbrAudience::Internal && !s.summaryStored && !s.summary.isEmpty())
        part.blocks.push_back(paragraph(tr("The highlights and lowlights above were drafted from the data and nobody has edited them yet: "
                                           "edit them in the Export QBR dialog, or with keystone-cli qbr --summary-file.")));
}

// Support tickets of severity 1 and 2 in the snapshots dated in [from, to].
int seriousTickets(const Sources &s, const QDate &from, const QDate &to)
{
    int n = 0;
    for (const domain::HealthInputs &in : s.inputs)
        if (in.date >= from && in.date <= to)
            n += in.sev1.value_or(0) + in.sev2.value_or(0);
    return n;
}

// The latest snapshot dated in [from, to] with active users and seats.
const domain::HealthInputs *latestUsage(const Sources &s, const QDate &from, const QDate &to)
{
    const domain::HealthInputs *found = nullptr;
    for (const domain::HealthInputs &in : s.inputs) // oldest first
        if (in.date >= from && in.date <= to && in.activeUsers && in.licensedSeats && *in.licensedSeats > 0)
            found = &in;
    return found;
}

} // namespace

// The draft of the written summary, from facts the customer may see.
domain::QbrSummary draftSummary(const Sources &s)
{
    domain::QbrSummary d;
    d.accountId = s.row.account.id;
    const QDate end = std::min(s.quarterEnd, s.asOf);
    // Value delivered, measured in the quarter (newest first, as the plan keeps them).
    int values = 0;
    for (const domain::ValueDelivered &v : s.plan.values) {
        if (!v.date.isValid() || v.date < s.quarterStart || v.date > end || values == 3)
            continue;
        QString line = v.metric;
        if (v.baseline && v.current)
            line += QStringLiteral(": %1 → %2").arg(num(v.baseline), num(v.current)) + (v.unit.isEmpty() ? QString() : QStringLiteral(" ") + v.unit);
        if (v.impactCents > 0)
            line += tr(", worth %1 a year").arg(money(s, v.impactCents));
        d.highlights << line;
        ++values;
    }
    // Active users against the quarter before.
    const domain::HealthInputs *now = latestUsage(s, s.quarterStart, end);
    const domain::HealthInputs *before = latestUsage(s, s.quarterStart.addMonths(-12), s.quarterStart.addDays(-1));
    if (now && before && *now->activeUsers != *before->activeUsers) {
        const bool up = *now->activeUsers > *before->activeUsers;
        (up ? d.highlights : d.lowlights)
            << (up ? tr("Active users up from %1 to %2 of %3 seats") : tr("Active users down from %1 to %2 of %3 seats"))
                   .arg(*before->activeUsers)
                   .arg(*now->activeUsers)
                   .arg(*now->licensedSeats);
    }
    // Shared milestones: reached in the quarter, and late.
    std::vector<const domain::Milestone *> shared;
    for (const auto *list : {&s.plan.successMilestones, &s.plan.remediationMilestones})
        for (const domain::Milestone &m : *list)
            if (m.shared)
                shared.push_back(&m);
    for (const domain::Milestone *m : shared)
        if (m->done() && m->doneOn >= s.quarterStart && m->doneOn <= end)
            d.highlights << tr("Reached: %1 (%2)").arg(m->what, date(s, m->doneOn));
    for (const domain::Milestone *m : shared)
        if (!m->done() && m->due.isValid() && m->due < s.asOf)
            d.lowlights << tr("Late: %1, due %2").arg(m->what, date(s, m->due));
    // Serious support tickets against the quarter before.
    const int ticketsNow = seriousTickets(s, s.quarterStart, end);
    const int ticketsBefore = seriousTickets(s, s.quarterStart.addMonths(-3), s.quarterStart.addDays(-1));
    if (ticketsNow < ticketsBefore)
        d.highlights << tr("Severity 1 and 2 support tickets down from %1 to %2").arg(ticketsBefore).arg(ticketsNow);
    else if (ticketsNow > ticketsBefore)
        d.lowlights << tr("Severity 1 and 2 support tickets up from %1 to %2").arg(ticketsBefore).arg(ticketsNow);
    while (d.highlights.size() > domain::kQbrSummaryMaxPoints)
        d.highlights.removeLast();
    while (d.lowlights.size() > domain::kQbrSummaryMaxPoints)
        d.lowlights.removeLast();
    return d;
}

namespace {

// Internal: the plan against the snapshot taken for the quarter before, as the Snapshots tab
// compares them: the summary figures that moved, and how many priorities, risks, actions
// and people came and went.
QbrBlock sinceSnapshot(const Sources &s)
{
    if (!s.lastSnapshot || !s.nowSnapshot) {
        QbrBlock b = paragraph(tr("No snapshot of the quarter before to compare with: take one in the Snapshots tab at the end of each quarter."));
        b.nothingYet = true;
        return b;
    }
    const QString label = s.lastSnapshot->label;
    QbrBlock t = table(tr("Since the %1 snapshot").arg(label), {tr("Figure"), tr("Then"), tr("Now")}, {3, 2, 2});
    std::map<QString, std::pair<int, int>> comings; // section -> added, removed
    for (const domain::SnapshotChange &c : domain::compareSnapshots(*s.lastSnapshot, *s.nowSnapshot)) {
        const bool figure = c.section == QLatin1String("Summary") || (c.section == QLatin1String("Relationship map") && c.field != QLatin1String("Gaps"));
        if (c.kind == domain::SnapshotChange::Kind::Changed && figure)
            t.table.rows.push_back({c.field, c.before.isEmpty() ? QStringLiteral("–") : c.before, c.after.isEmpty() ? QStringLiteral("–") : c.after});
        else if (c.kind == domain::SnapshotChange::Kind::Added && !figure)
            ++comings[c.section].first;
        else if (c.kind == domain::SnapshotChange::Kind::Removed && !figure)
            ++comings[c.section].second;
    }
    // A list that changed: how many then and now, and how many came and went.
    const auto items = [](const domain::PlanSnapshot &snap, const QString &section) {
        const domain::SnapshotSection *sec = snap.section(section);
        return sec ? int(sec->items.size()) : 0;
    };
    for (const auto &[section, n] : comings) {
        QStringList moves;
        if (n.first > 0)
            moves << tr("%1 new").arg(n.first);
        if (n.second > 0)
            moves << tr("%1 gone").arg(n.second);
        t.table.rows.push_back({section, QString::number(items(*s.lastSnapshot, section)),
                                tr("%1 (%2)").arg(items(*s.nowSnapshot, section)).arg(moves.join(QStringLiteral(", ")))});
    }
    if (t.table.rows.empty())
        return paragraph(tr("Nothing in the plan's summary has changed since the %1 snapshot.").arg(label));
    return t;
}

} // namespace

QbrPart summary(const Sources &s, QbrAudience audience)
{
    QbrPart part{QbrSection::Summary, qbrSectionName(QbrSection::Summary), {}};
    const domain::Account &a = s.row.account;
    // The date is the figure; how far away it is goes in the label, so the card never clips.
    const qint64 toRenewal = a.renewalDate.isValid() ? s.asOf.daysTo(a.renewalDate) : 0;
    const QString renewalLabel = !a.renewalDate.isValid() ? tr("Renewal")
                                 : toRenewal >= 0        ? tr("Renewal, in %1 days").arg(toRenewal)
                                                         : tr("Renewal, %1 days overdue").arg(-toRenewal);
    const QString renewal = a.renewalDate.isValid() ? date(s, a.renewalDate) : tr("not set");
    std::optional<domain::HealthInputs> latest;
    for (auto it = s.inputs.rbegin(); it != s.inputs.rend(); ++it)
        if (it->date <= s.asOf) {
            latest = *it;
            break;
        }
    if (audience == QbrAudience::Internal) {
        const domain::HealthResult &h = s.health.now;
        const QString trend = s.health.trend == domain::Trend::Up ? tr("up") : s.health.trend == domain::Trend::Down ? tr("down") : tr("flat");
        // No score without enough data: the words say so, never "0 of 100".
        const bool scored = h.band != domain::HealthBand::InsufficientData;
        part.blocks.push_back(figures({{tr("ARR"), money(s, a.arr.cents)},
                                       {renewalLabel, renewal},
                                       {tr("Tier"), domain::tierName(s.row.tier)},
                                       scored ? std::pair{tr("Health, trend %1").arg(trend), tr("%1 (%2)").arg(domain::formatHealthScore(h.score), domain::healthBandName(h.band))}
                                              : std::pair{tr("Health"), tr("not enough data yet")}}));
        part.blocks.push_back(quarterFigures(s, audience));
        addWrittenSummary(part, s, audience);
        QString line = scored ? tr("Health %1 of 100, band %2, trend %3 since %4; confidence %5.")
                                    .arg(domain::formatHealthScore(h.score), domain::healthBandName(h.band), trend, date(s, s.health.comparedWith),
                                         percent(h.confidence))
                              : tr("Health: not enough data yet to score (%1 of the score's inputs recorded); add a health snapshot.")
                                    .arg(percent(h.confidence));
        if (h.capped)
            line += tr(" Held at Yellow: a champion departed.");
        part.blocks.push_back(paragraph(line));
        QStringList changed;
        for (const domain::ContributionChange &c : s.health.whatChanged)
            if (std::abs(c.delta()) >= 0.5)
                changed << tr("%1: %2%3 points").arg(domain::measureName(c.measure), c.delta() > 0 ? QStringLiteral("+") : QString()).arg(c.delta(), 0, 'f', 1);
        if (!changed.isEmpty())
            part.blocks.push_back(bullets(tr("What changed in the health score"), changed));
        part.blocks.push_back(sinceSnapshot(s));
        if (!a.notes.trimmed().isEmpty())
            part.blocks.push_back(paragraph(tr("Internal notes: %1").arg(a.notes.trimmed())));
        return part;
    }
    // Customer: what they buy, when it renews, and how it is used; no health score or tier.
    // Only what there is to say: no "$0" subscription, no renewal "not set".
    std::vector<std::pair<QString, QString>> f;
    if (a.arr.cents > 0)
        f.emplace_back(tr("Subscription"), money(s, a.arr.cents));
    if (a.renewalDate.isValid())
        f.emplace_back(renewalLabel, renewal);
    if (a.customerSince.isValid())
        f.emplace_back(tr("Customer since"), date(s, a.customerSince));
    if (latest && latest->activeUsers && latest->licensedSeats && *latest->licensedSeats > 0)
        f.emplace_back(tr("Active users"), tr("%1 of %2 seats").arg(*latest->activeUsers).arg(*latest->licensedSeats));
    if (!f.empty())
        part.blocks.push_back(figures(std::move(f)));
    part.blocks.push_back(quarterFigures(s, audience));
    part.blocks.push_back(paragraph(tr("This review covers %1 to %2: progress against the goals we agreed, the value delivered, how %3 "
                                       "uses the product, and the plan for the next quarter.")
                                        .arg(date(s, s.quarterStart), date(s, s.quarterEnd), a.name)));
    addWrittenSummary(part, s, audience);
    return part;
}

QbrPart successPlan(const Sources &s, QbrAudience audience)
{
    QbrPart part{QbrSection::SuccessPlan, qbrSectionName(QbrSection::SuccessPlan), {}};
    const AccountPlan &p = s.plan;
    if (!p.priorities.empty()) {
        QbrBlock t = table(tr("Strategic priorities"), {tr("#"), tr("Priority"), tr("Success metric"), tr("Baseline"), tr("Now"), tr("Target")},
                           {0.4, 4, 2.4, 1, 1, 1});
        for (const domain::Priority &x : p.priorities)
            t.table.rows.push_back({QString::number(x.position + 1), x.text, x.metric.isEmpty() ? QStringLiteral("–") : x.metric + (x.unit.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(x.unit)),
                                    num(x.baseline), num(x.current), num(x.target)});
        part.blocks.push_back(std::move(t));
    }
    if (!p.objectives.empty()) {
        QbrBlock t = table(tr("Joint success plan objectives"), {tr("Objective"), tr("Success metric"), tr("Baseline"), tr("Now"), tr("Target"), tr("Progress")},
                           {4, 2.4, 1, 1, 1, 1});
        for (const domain::Objective &x : p.objectives) {
            const auto progress = x.progress();
            t.table.rows.push_back({x.text, x.metric.isEmpty() ? QStringLiteral("–") : x.metric + (x.unit.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(x.unit)),
                                    num(x.baseline), num(x.current), num(x.target), progress ? percent(*progress) : QStringLiteral("–")});
        }
        part.blocks.push_back(std::move(t));
    }
    QbrBlock milestones = table(tr("Milestones"), {tr("Milestone"), tr("Due"), tr("Status")}, {5, 1.4, 1.8});
    for (const domain::Milestone &m : p.successMilestones)
        if (m.shared || audience == QbrAudience::Internal) // the customer sees what was shared
            milestones.table.rows.push_back({m.what, date(s, m.due),
                                             m.done()                 ? tr("Done %1").arg(date(s, m.doneOn))
                                             : m.daysOverdue(s.asOf) > 0 ? tr("%1 days late").arg(m.daysOverdue(s.asOf))
                                                                         : tr("Open")});
    if (!milestones.table.rows.empty())
        part.blocks.push_back(std::move(milestones));
    if (p.successPlan.startsOn.isValid()) {
        QString line = tr("The success plan started on %1.").arg(date(s, p.successPlan.startsOn));
        if (const auto ttfv = domain::timeToFirstValue(p.successPlan))
            line += tr(" First value on %1, %2 days after the start.").arg(date(s, p.successPlan.firstValueOn)).arg(*ttfv);
        part.blocks.push_back(paragraph(line));
    }
    QStringList people;
    for (const domain::SuccessContact &c : p.successContacts)
        if (const domain::Contact *contact = s.map.contact(c.contactId))
            people << tr("%1, %2: %3").arg(contact->name, contact->title.isEmpty() ? tr("no title") : contact->title, domain::successRoleName(c.role).toLower());
    if (!people.isEmpty())
        part.blocks.push_back(bullets(tr("Decision makers and champions of the plan"), people));
    if (part.blocks.empty())
        part.blocks.push_back(nothingYet(tr("No priorities or success plan recorded yet.")));
    return part;
}

QbrPart value(const Sources &s)
{
    QbrPart part{QbrSection::Value, qbrSectionName(QbrSection::Value), {}};
    if (s.plan.values.empty()) {
        part.blocks.push_back(nothingYet(tr("No measured outcomes recorded yet.")));
        return part;
    }
    qint64 total = 0;
    QbrBlock t = table({}, {tr("Outcome"), tr("Baseline"), tr("Now"), tr("Change"), tr("Value a year"), tr("Measured")}, {3.6, 1.1, 1.1, 1, 1.6, 1.3});
    for (const domain::ValueDelivered &v : s.plan.values) {
        const auto change = v.change();
        const QString unit = v.unit.isEmpty() ? QString() : QStringLiteral(" ") + v.unit;
        // A measure in percent changes by percentage points (24% -> 21% is -3 pts, not -13%).
        const bool inPercent = v.unit.trimmed().startsWith(QLatin1Char('%')) && v.baseline && v.current;
        const double points = inPercent ? *v.current - *v.baseline : 0.0;
        const QString changeText = inPercent ? QStringLiteral("%1%2 pts").arg(points > 0 ? QStringLiteral("+") : QString(), num(points))
                                   : change  ? QStringLiteral("%1%2%").arg(*change > 0 ? QStringLiteral("+") : QString()).arg(*change * 100, 0, 'f', 0)
                                             : QStringLiteral("–");
        t.table.rows.push_back({v.metric, num(v.baseline) + unit, num(v.current) + unit, changeText,
                                v.impactCents > 0 ? money(s, v.impactCents) : QStringLiteral("–"), date(s, v.date)});
        total += v.impactCents;
    }
    if (total > 0) {
        std::vector<std::pair<QString, QString>> f{{tr("Value delivered a year"), money(s, total)},
                                                   {tr("Outcomes measured"), QString::number(s.plan.values.size())}};
        // The return on the subscription: the value a year for each unit of ARR.
        if (const qint64 arr = s.row.account.arr.cents; arr > 0)
            f.emplace_back(tr("Against the subscription"), tr("%1 times").arg(double(total) / double(arr), 0, 'f', 1));
        part.blocks.push_back(figures(std::move(f)));
    }
    part.blocks.push_back(std::move(t));
    return part;
}

QbrPart usage(const Sources &s)
{
    QbrPart part{QbrSection::Usage, qbrSectionName(QbrSection::Usage), {}};
    QbrBlock users;
    users.kind = QbrBlock::Kind::Chart;
    users.chart.title = tr("Active users and licensed seats, last 12 months");
    users.chart.yLabel = tr("Users");
    users.chart.xLabel = tr("Month");
    QbrSeries active{tr("Active users"), {}};
    QbrSeries seats{tr("Licensed seats"), {}};
    seats.reference = true;
    QbrBlock adoption;
    adoption.kind = QbrBlock::Kind::Chart;
    adoption.chart.title = tr("Adoption: share of the features in the plan that are used");
    adoption.chart.yLabel = tr("Features used (%)");
    adoption.chart.xLabel = tr("Month");
    adoption.chart.yMax = 100;
    QbrSeries used{tr("Features used"), {}};
    // The last 12 months, but never from before the customer was one.
    QDate from = s.asOf.addMonths(-12);
    if (s.row.account.customerSince.isValid() && s.row.account.customerSince.addDays(-1) > from)
        from = s.row.account.customerSince.addDays(-1);
    for (const domain::HealthInputs &in : s.inputs) {
        if (in.date <= from || in.date > s.asOf)
            continue;
        if (in.activeUsers)
            active.points.emplace_back(in.date, *in.activeUsers);
        if (in.licensedSeats)
            seats.points.emplace_back(in.date, *in.licensedSeats);
        if (in.featuresUsed && in.featuresOffered && *in.featuresOffered > 0)
            used.points.emplace_back(in.date, 100.0 * *in.featuresUsed / *in.featuresOffered);
    }
    if (active.points.empty() && used.points.empty()) {
        part.blocks.push_back(nothingYet(tr("No usage figures recorded in the last 12 months.")));
        return part;
    }
    // The quarter under review, shaded on both charts.
    for (QbrChart *c : {&users.chart, &adoption.chart}) {
        c->markFrom = s.quarterStart;
        c->markTo = std::min(s.quarterEnd, s.asOf);
        c->markLabel = tr("%1 (this review)").arg(domain::quarterLabel(s.quarterStart));
    }
    if (!active.points.empty()) {
        users.chart.series = {seats, active};
        part.blocks.push_back(std::move(users));
    }
    if (!used.points.empty()) {
        adoption.chart.series = {used};
        part.blocks.push_back(std::move(adoption));
    }
    return part;
}

constexpr size_t kCustomerPeopleShown = 40;

namespace {

// The surname: the last word of the name ("Ana María López" -> "López").
QString surname(const QString &name)
{
    const QStringList words = name.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return words.isEmpty() ? name : words.last();
}

// The customer's people a customer QBR may list: active contacts named in the joint success
// plan or present at a customer meeting (call, meeting, QBR, executive review, on-site)
// dated in the quarter, ordered by surname, then by full name, then by id (a fixed order
// that no internal field can change).
std::vector<const domain::Contact *> customerPeople(const Sources &s)
{
    QSet<qint64> chosen;
    for (const domain::SuccessContact &sc : s.plan.successContacts)
        chosen.insert(sc.contactId);
    for (const domain::Activity &act : s.quarterActivities)
        if (isCustomerMeeting(act.type))
            for (qint64 id : act.contactIds)
                chosen.insert(id);
    std::vector<const domain::Contact *> people;
    for (const domain::Contact &c : s.map.contacts)
        if (c.isActive() && chosen.contains(c.id))
            people.push_back(&c);
    std::sort(people.begin(), people.end(), [](const domain::Contact *x, const domain::Contact *y) {
        if (const int bySurname = QString::localeAwareCompare(surname(x->name), surname(y->name)); bySurname != 0)
            return bySurname < 0;
        if (const int byName = QString::localeAwareCompare(x->name, y->name); byName != 0)
            return byName < 0;
        return x->id < y->id;
    });
    return people;
}

} // namespace

QbrPart relationships(const Sources &s, QbrAudience audience)
{
    QbrPart part{QbrSection::Relationships, qbrSectionName(QbrSection::Relationships), {}};
    std::vector<const domain::Contact *> active;
    for (const domain::Contact &c : s.map.contacts)
        if (c.isActive())
            active.push_back(&c);
    // The people who matter most first: economic buyers and sponsors, then by influence.
    auto rank = [](const domain::Contact *c) {
        return (c->role == domain::BuyingRole::EconomicBuyer || c->role == domain::BuyingRole::ExecutiveSponsor ? 0 : 10) + int(c->influence);
    };
    std::stable_sort(active.begin(), active.end(), [&](const domain::Contact *x, const domain::Contact *y) { return rank(x) < rank(y); });
    const size_t shown = std::min<size_t>(active.size(), 25);
    if (audience == QbrAudience::Internal) {
        part.blocks.push_back(figures({{tr("Active contacts"), QString::number(active.size())},
                                       {tr("Multithreading depth"), QString::number(s.map.depth)},
                                       {tr("Single-threaded"), s.map.singleThreaded ? tr("Yes") : tr("No")},
                                       {tr("Gaps"), QString::number(s.map.gaps.size())}}));
        QbrBlock t = table(shown < active.size() ? tr("The %1 most influential of %2 contacts").arg(shown).arg(active.size()) : QString(),
                           {tr("Name"), tr("Title"), tr("Buying role"), tr("Stance"), tr("Influence"), tr("Covered by")}, {2.2, 2.6, 1.7, 1.2, 1.1, 1.8});
        for (size_t i = 0; i < shown; ++i) {
            const domain::Contact &c = *active[i];
            t.table.rows.push_back({c.name, c.title, domain::buyingRoleName(c.role), domain::stanceName(c.stance), domain::influenceName(c.influence),
                                    person(s, c.coveredById)});
        }
        part.blocks.push_back(std::move(t));
        QStringList gaps;
        for (const domain::Gap &g : s.map.gaps)
            gaps << g.message;
        if (!gaps.isEmpty())
            part.blocks.push_back(bullets(tr("Gaps in the map"), gaps));
        return part;
    }
    // Customer: chosen and ordered by what the customer knows, never by our judgements
    // (roles, stances, influence): the people named in the joint success plan and those who
    // took part in this quarter's meetings, by surname.
    const std::vector<const domain::Contact *> people = customerPeople(s);
    if (people.empty()) {
        part.blocks.push_back(nothingYet(tr("No one from %1 is named in the success plan or took part in a meeting this quarter.").arg(s.row.account.name)));
        return part;
    }
    const size_t listed = std::min<size_t>(people.size(), kCustomerPeopleShown);
    QbrBlock t = table(listed < people.size() ? tr("%1 people in all, in the success plan or at this quarter's meetings; the first %2 by surname")
                                                    .arg(people.size()).arg(listed)
                                              : tr("%1 in the success plan or at this quarter's meetings, by surname")
                                                    .arg(people.size() == 1 ? tr("1 person") : tr("%1 people").arg(people.size())),
                       {tr("Name"), tr("Title"), tr("Department"), tr("Your contact at our company")}, {2.4, 3, 2, 2.4});
    for (size_t i = 0; i < listed; ++i) {
        const domain::Contact &c = *people[i];
        t.table.rows.push_back({c.name, c.title, c.department, person(s, c.coveredById)});
    }
    part.blocks.push_back(std::move(t));
    return part;
}

QbrPart risks(const Sources &s)
{
    QbrPart part{QbrSection::Risks, qbrSectionName(QbrSection::Risks), {}};
    QbrBlock t = table({}, {tr("Risk"), tr("Severity / likelihood"), tr("Mitigation"), tr("Owner"), tr("Status")}, {3, 1.6, 3, 1.6, 1.2});
    for (const domain::Risk &r : s.plan.risks)
        if (r.isOpen())
            t.table.rows.push_back({r.description, tr("%1 / %2").arg(domain::riskLevelName(r.severity), domain::riskLevelName(r.likelihood)),
                                    r.mitigation.isEmpty() ? tr("none yet") : r.mitigation, r.ownerId > 0 ? person(s, r.ownerId) : tr("nobody"),
                                    domain::riskStatusName(r.status)});
    if (t.table.rows.empty())
        part.blocks.push_back(paragraph(s.plan.noKnownRisksOn.isValid() ? tr("No open risks; \"no known risks\" confirmed on %1.").arg(date(s, s.plan.noKnownRisksOn))
                                                                        : tr("No open risks on the register.")));
    else
        part.blocks.push_back(std::move(t));
    if (s.plan.atRisk) {
        const domain::RemediationPlan &r = s.plan.remediation;
        part.blocks.push_back(paragraph(tr("At risk. Remediation plan: executive sponsor %1, root cause: %2.")
                                            .arg(r.sponsorId > 0 ? person(s, r.sponsorId) : tr("not named"),
                                                 r.rootCause.isEmpty() ? tr("not recorded") : r.rootCause)));
    }
    return part;
}

QbrPart expansion(const Sources &s, QbrAudience audience)
{
    QbrPart part{QbrSection::Expansion, qbrSectionName(QbrSection::Expansion), {}};
    std::vector<const domain::WhitespaceCell *> open;
    for (const domain::WhitespaceCell &c : s.cells)
        if (c.status == domain::CellStatus::Whitespace || c.status == domain::CellStatus::Competitor)
            open.push_back(&c);
    std::stable_sort(open.begin(), open.end(), [](auto *x, auto *y) { return x->potentialArrCents > y->potentialArrCents; });
    const size_t shown = std::min<size_t>(open.size(), 15);
    if (audience == QbrAudience::Internal) {
        qint64 total = 0;
        for (const auto *c : open)
            total += c->potentialArrCents;
        qint64 weighted = 0;
        for (const domain::Opportunity &o : s.opportunities)
            if (domain::isOpen(o.stage))
                weighted += domain::weightedCents(o);
        part.blocks.push_back(figures({{tr("Open whitespace"), money(s, total)}, {tr("Weighted pipeline"), money(s, weighted)}}));
        if (shown > 0) {
            QbrBlock t = table(tr("Largest open whitespace"), {tr("Product"), tr("Buying center"), tr("Potential ARR"), tr("Competitor")}, {2.4, 2.4, 1.6, 2});
            for (size_t i = 0; i < shown; ++i)
                t.table.rows.push_back({s.products.value(open[i]->productId), s.centers.value(open[i]->buyingCenterId), money(s, open[i]->potentialArrCents),
                                        open[i]->competitor});
            part.blocks.push_back(std::move(t));
        }
        QbrBlock p = table(tr("Pipeline"), {tr("Opportunity"), tr("Stage"), tr("Close"), tr("Amount"), tr("Weighted")}, {3, 1.6, 1.3, 1.4, 1.4});
        for (const domain::Opportunity &o : s.opportunities)
            if (domain::isOpen(o.stage))
                p.table.rows.push_back({o.name, domain::stageName(o.stage), date(s, o.closeDate), money(s, o.amountCents), money(s, domain::weightedCents(o))});
        if (!p.table.rows.empty())
            part.blocks.push_back(std::move(p));
        return part;
    }
    // Customer: only what was actually put to the customer (an opportunity at Proposal or
    // Negotiation, or agreed this quarter), by date then name: never our whitespace
    // estimates, their order, money or competitors. A linked opportunity is named by its
    // product and team, others by their name.
    std::vector<const domain::Opportunity *> proposed;
    for (const domain::Opportunity &o : s.opportunities)
        if (o.stage == domain::Stage::Proposal || o.stage == domain::Stage::Negotiation
            || (o.stage == domain::Stage::Won && o.closeDate >= s.quarterStart && o.closeDate <= s.quarterEnd))
            proposed.push_back(&o);
    std::sort(proposed.begin(), proposed.end(), [](const domain::Opportunity *x, const domain::Opportunity *y) {
        if (x->closeDate != y->closeDate)
            return x->closeDate.isValid() && (!y->closeDate.isValid() || x->closeDate < y->closeDate);
        if (const int byName = QString::localeAwareCompare(x->name, y->name); byName != 0)
            return byName < 0;
        return x->id < y->id;
    });
    if (proposed.empty())
        return part; // nothing was proposed: nothing to say
    QbrBlock t = table(tr("What we have proposed"), {tr("Proposal"), tr("Status"), tr("Decision expected")}, {5, 1.8, 1.6});
    for (const domain::Opportunity *o : proposed) {
        const domain::WhitespaceCell *cell = nullptr;
        for (const domain::WhitespaceCell &c : s.cells)
            if (o->cellId > 0 && c.id == o->cellId)
                cell = &c;
        const QString what = cell ? tr("%1 for %2").arg(s.products.value(cell->productId), s.centers.value(cell->buyingCenterId)) : o->name;
        const QString status = o->stage == domain::Stage::Won ? tr("Agreed") : o->stage == domain::Stage::Negotiation ? tr("In discussion") : tr("Proposed");
        t.table.rows.push_back({what, status, o->closeDate.isValid() ? date(s, o->closeDate) : tr("to be agreed")});
    }
    part.blocks.push_back(std::move(t));
    return part;
}

// One open item of the plan for the actions section.
struct OpenItem {
    QString what, who;
    QDate due; // invalid: no date
};

QbrPart actions(const Sources &s, QbrAudience audience)
{
    QbrPart part{QbrSection::Actions, qbrSectionName(QbrSection::Actions), {}};
    const QDate nextStart = s.quarterEnd.addDays(1);
    const QDate nextEnd = nextStart.addMonths(3).addDays(-1);
    // What the customer sees is what was marked shared: the joint success plan's milestones
    // unless someone said otherwise, and the actions and remediation milestones someone chose
    // to share (domain::Milestone::shared, domain::PlanAction::shared).
    std::vector<OpenItem> shared, internal;
    for (const domain::Milestone &m : s.plan.successMilestones)
        if (!m.done())
            (m.shared ? shared : internal).push_back({tr("Milestone: %1").arg(m.what), tr("joint"), m.due});
    for (const domain::PlanAction &a : s.plan.actions)
        if (a.status == domain::ActionStatus::Open)
            (a.shared ? shared : internal).push_back({a.what, a.ownerId > 0 ? person(s, a.ownerId) : tr("to be named"), a.due});
    for (const domain::Milestone &m : s.plan.remediationMilestones)
        if (!m.done())
            (m.shared ? shared : internal).push_back({tr("Remediation: %1").arg(m.what), tr("remediation plan"), m.due});
    const auto byDue = [](std::vector<OpenItem> items) {
        std::stable_sort(items.begin(), items.end(), [](const OpenItem &x, const OpenItem &y) {
            return x.due.isValid() && (!y.due.isValid() || x.due < y.due);
        });
        return items;
    };
    const auto listOf = [&](const QString &heading, const std::vector<OpenItem> &items, auto keep) {
        QbrBlock t = table(heading, {tr("Action"), tr("Owner"), tr("Due")}, {5, 2, 1.4});
        for (const OpenItem &i : byDue(items))
            if (keep(i))
                t.table.rows.push_back({i.what, i.who, i.due.isValid() ? date(s, i.due) : tr("no date")});
        if (!t.table.rows.empty())
            part.blocks.push_back(std::move(t));
    };
    const QString nextHeading = tr("Next quarter, %1 to %2").arg(date(s, nextStart), date(s, nextEnd));
    const auto inNext = [&](const OpenItem &i) { return i.due.isValid() && i.due >= nextStart && i.due <= nextEnd; };
    if (audience == QbrAudience::Customer) {
        // Open shared items due in the next quarter, and nothing else.
        listOf(nextHeading, shared, inNext);
        return part;
    }
    std::vector<OpenItem> all = shared;
    all.insert(all.end(), internal.begin(), internal.end());
    listOf(tr("Overdue on %1").arg(date(s, s.asOf)), all, [&](const OpenItem &i) { return i.due.isValid() && i.due < s.asOf; });
    if (s.asOf <= s.quarterEnd)
        listOf(tr("Still due this quarter, to %1").arg(date(s, s.quarterEnd)), all,
               [&](const OpenItem &i) { return i.due.isValid() && i.due >= s.asOf && i.due <= s.quarterEnd; });
    listOf(nextHeading, all, inNext);
    listOf(tr("Open, with no due date"), all, [](const OpenItem &i) { return !i.due.isValid(); });
    if (part.blocks.empty())
        part.blocks.push_back(nothingYet(tr("Nothing open: no action or milestone is waiting.")));
    return part;
}

} // namespace keystone::services::qbrsections
