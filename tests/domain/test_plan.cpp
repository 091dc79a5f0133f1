// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "testsupport.h"

#include "keystone/domain/plan.h"

using namespace keystone::domain;

namespace {
const QDate kPlanToday(2026, 11, 23);

Contact planContact(qint64 id, BuyingRole role, ContactStatus status = ContactStatus::Active)
{
    Contact c;
    c.id = id;
    c.accountId = 1;
    c.name = QStringLiteral("Contact %1").arg(id);
    c.role = role;
    c.status = status;
    return c;
}

PlanAction action(QDate due, qint64 owner = 7, ActionStatus status = ActionStatus::Open)
{
    PlanAction a;
    a.what = QStringLiteral("Send the renewal proposal");
    a.ownerId = owner;
    a.due = due;
    a.status = status;
    return a;
}

PlanFacts factsWith(const std::vector<Contact> &contacts, const std::vector<Risk> &risks = {}, const std::vector<PlanAction> &actions = {},
                    const QDate &noKnownRisks = {})
{
    return planFacts({}, contacts, {}, {}, 0, risks, actions, noKnownRisks, {}, kPlanToday);
}

const PlanPartResult &part(const PlanCompleteness &c, PlanPart p)
{
    return c.parts[size_t(p)];
}
} // namespace

TEST_CASE("Relationship map part: three active contacts including an economic buyer", "[domain][plan]")
{
    const std::vector<Contact> withBuyer{planContact(1, BuyingRole::EconomicBuyer), planContact(2, BuyingRole::Champion), planContact(3, BuyingRole::User)};
    CHECK(part(planCompleteness(factsWith(withBuyer), kPlanToday, 90), PlanPart::RelationshipMap).met);

    const std::vector<Contact> noBuyer{planContact(1, BuyingRole::DecisionMaker), planContact(2, BuyingRole::Champion), planContact(3, BuyingRole::User)};
    const auto r = part(planCompleteness(factsWith(noBuyer), kPlanToday, 90), PlanPart::RelationshipMap);
    CHECK_FALSE(r.met);
    CHECK(r.missing == QStringList{QStringLiteral("No active economic buyer on the map")});

    // A departed contact does not count, and a departed economic buyer is no economic buyer.
    const std::vector<Contact> departed{planContact(1, BuyingRole::EconomicBuyer, ContactStatus::Departed), planContact(2, BuyingRole::Champion),
                                        planContact(3, BuyingRole::User), planContact(4, BuyingRole::Coach)};
    const auto d = part(planCompleteness(factsWith(departed), kPlanToday, 90), PlanPart::RelationshipMap);
    CHECK_FALSE(d.met);
    CHECK(d.missing == QStringList{QStringLiteral("No active economic buyer on the map")});

    const std::vector<Contact> two{planContact(1, BuyingRole::EconomicBuyer), planContact(2, BuyingRole::Champion)};
    const auto t = part(planCompleteness(factsWith(two), kPlanToday, 90), PlanPart::RelationshipMap);
    CHECK(t.missing == QStringList{QStringLiteral("2 active contacts; at least 3 are needed")});
}

TEST_CASE("Actions part: an open action with owner and due date, none overdue by more than 30 days", "[domain][plan]")
{
    // Overdue by exactly 30 days is still fine; 31 is not.
    const auto at30 = planCompleteness(factsWith({}, {}, {action(kPlanToday.addDays(-30))}), kPlanToday, 90);
    CHECK(part(at30, PlanPart::Actions).met);
    const auto at31 = planCompleteness(factsWith({}, {}, {action(kPlanToday.addDays(-31))}), kPlanToday, 90);
    CHECK_FALSE(part(at31, PlanPart::Actions).met);
    CHECK(part(at31, PlanPart::Actions).missing == QStringList{QStringLiteral("1 action overdue by more than 30 days")});
    // Done or cancelled actions are neither ready nor overdue.
    const auto done = planCompleteness(factsWith({}, {}, {action(kPlanToday.addDays(-90), 7, ActionStatus::Done)}), kPlanToday, 90);
    CHECK(part(done, PlanPart::Actions).missing == QStringList{QStringLiteral("No open action with an owner and a due date")});
    // Without an owner or a due date an open action does not count.
    CHECK_FALSE(part(planCompleteness(factsWith({}, {}, {action(kPlanToday.addDays(10), 0)}), kPlanToday, 90), PlanPart::Actions).met);
    CHECK_FALSE(part(planCompleteness(factsWith({}, {}, {action(QDate())}), kPlanToday, 90), PlanPart::Actions).met);
    CHECK(action(kPlanToday.addDays(-31)).daysOverdue(kPlanToday) == 31);
    CHECK(action(kPlanToday).daysOverdue(kPlanToday) == 0);
}

TEST_CASE("Risks part: every open risk owned and mitigated, or no known risks confirmed within the refresh period", "[domain][plan]")
{
    Risk r;
    r.description = QStringLiteral("Budget freeze in Q1");
    r.mitigation = QStringLiteral("Lock the price before year end");
    r.ownerId = 0;
    const auto unowned = part(planCompleteness(factsWith({}, {r}), kPlanToday, 90), PlanPart::Risks);
    CHECK_FALSE(unowned.met);
    CHECK(unowned.missing == QStringList{QStringLiteral("1 open risk without a mitigation owner")});
    r.ownerId = 3;
    CHECK(part(planCompleteness(factsWith({}, {r}), kPlanToday, 90), PlanPart::Risks).met);
    r.mitigation.clear();
    CHECK_FALSE(part(planCompleteness(factsWith({}, {r}), kPlanToday, 90), PlanPart::Risks).met);
    // A closed risk is not open: the register then says nothing without the confirmation.
    r.status = RiskStatus::Closed;
    CHECK_FALSE(part(planCompleteness(factsWith({}, {r}), kPlanToday, 90), PlanPart::Risks).met);
    CHECK(part(planCompleteness(factsWith({}, {r}, {}, kPlanToday.addDays(-90)), kPlanToday, 90), PlanPart::Risks).met);
    const auto old = part(planCompleteness(factsWith({}, {r}, {}, kPlanToday.addDays(-91)), kPlanToday, 90), PlanPart::Risks);
    CHECK_FALSE(old.met);
    CHECK(old.missing.front().contains(QStringLiteral("2026-08-24")));
}

TEST_CASE("Whitespace part and the percentage: one buying center with every product assessed", "[domain][plan]")
{
    BuyingCenter bc;
    bc.id = 5;
    std::vector<WhitespaceCell> cells;
    for (qint64 product = 1; product <= 3; ++product) {
        WhitespaceCell c;
        c.buyingCenterId = 5;
        c.productId = product;
        c.status = product == 3 ? CellStatus::NotAFit : CellStatus::Whitespace; // "Not a fit" is assessed
        cells.push_back(c);
    }
    Priority p;
    p.text = QStringLiteral("Cut status reporting time");
    PlanFacts f = planFacts({p}, {}, {bc}, cells, 3, {}, {}, {}, {}, kPlanToday);
    auto c = planCompleteness(f, kPlanToday, 90);
    CHECK(part(c, PlanPart::Whitespace).met);
    CHECK(part(c, PlanPart::Priorities).met);
    CHECK(c.percent == 40);
    f = planFacts({p}, {}, {bc}, cells, 4, {}, {}, {}, {}, kPlanToday); // a fourth product, not assessed
    c = planCompleteness(f, kPlanToday, 90);
    CHECK(part(c, PlanPart::Whitespace).missing == QStringList{QStringLiteral("No buying center has all 4 products assessed (the most: 3)")});
    CHECK(c.percent == 20);
    CHECK(planCompleteness(PlanFacts{}, kPlanToday, 90).percent == 0);
}

TEST_CASE("Freshness by tier: stale past the tier's plan-refresh limit", "[domain][plan]")
{
    const PortfolioSettings settings;
    const int tier1 = settings.cadence(Tier::Tier1).planRefreshDays; // 90
    const int tier3 = settings.cadence(Tier::Tier3).planRefreshDays; // 365
    CHECK(tier1 == 90);
    CHECK(tier3 == 365);
    const QDate reviewed = kPlanToday.addDays(-120);
    CHECK(planFreshness(reviewed, kPlanToday, tier1).days == 120);
    CHECK(planFreshness(reviewed, kPlanToday, tier1).stale);
    CHECK_FALSE(planFreshness(reviewed, kPlanToday, tier3).stale);
    CHECK_FALSE(planFreshness(kPlanToday.addDays(-90), kPlanToday, tier1).stale);
    CHECK(planFreshness(kPlanToday.addDays(-91), kPlanToday, tier1).stale);
    CHECK_FALSE(planFreshness({}, kPlanToday, tier1).days);
    CHECK(planFreshness({}, kPlanToday, tier1).stale);
}

TEST_CASE("Plan items are validated with the field named", "[domain][plan]")
{
    Priority p;
    CHECK(validatePriority(p).first().field == QStringLiteral("text"));
    p.text = QStringLiteral("Grow adoption in plants");
    p.target = 80;
    CHECK(validatePriority(p).first().field == QStringLiteral("metric"));
    p.metric = QStringLiteral("Active users");
    CHECK(validatePriority(p).isEmpty());
    CHECK(validateRisk(Risk{}).first().field == QStringLiteral("description"));
    PlanAction a;
    CHECK(validateAction(a).first().field == QStringLiteral("what"));
    a.what = QStringLiteral("Book the QBR");
    a.doneOn = kPlanToday;
    CHECK(validateAction(a).first().field == QStringLiteral("done_on"));
    CHECK(parseRiskLevel(QStringLiteral("high")) == RiskLevel::High);
    CHECK(parseActionStatus(QStringLiteral("Cancelled")) == ActionStatus::Cancelled);
    CHECK(planPartKey(PlanPart::RelationshipMap) == QStringLiteral("relationship_map"));
}

TEST_CASE("Value delivered: change against the baseline and validation", "[domain][plan]")
{
    ValueDelivered v;
    v.metric = QStringLiteral("Status reporting time");
    v.baseline = 12;
    v.current = 10;
    v.date = kPlanToday;
    REQUIRE(v.change());
    CHECK(*v.change() == Approx(-2.0 / 12.0));
    CHECK(validateValueDelivered(v).isEmpty());
    v.baseline = 0;
    CHECK_FALSE(v.change()); // no percentage from a zero baseline
    ValueDelivered empty;
    const auto errors = validateValueDelivered(empty);
    QStringList fields;
    for (const auto &e : errors)
        fields << e.field;
    CHECK(fields == QStringList{QStringLiteral("metric"), QStringLiteral("date"), QStringLiteral("current")});
    empty.metric = QStringLiteral("Carrying costs");
    empty.date = kPlanToday;
    empty.impactCents = 4500000; // a money impact alone is enough
    CHECK(validateValueDelivered(empty).isEmpty());
    empty.impactCents = -1;
    CHECK(validateValueDelivered(empty).first().field == QStringLiteral("impact"));
}

TEST_CASE("Reference requests: at most one per contact per calendar quarter", "[domain][plan][advocacy]")
{
    ReferenceRequest first;
    first.id = 1;
    first.contactId = 7;
    first.date = QDate(2026, 10, 5);
    ReferenceRequest next = first;
    next.id = 0;
    next.date = QDate(2026, 12, 31); // same quarter (Q4)
    CHECK(referenceRequestProblem({first}, next).contains(QStringLiteral("2026-10-05")));
    next.date = QDate(2027, 1, 1); // the next quarter
    CHECK(referenceRequestProblem({first}, next).isEmpty());
    next.date = QDate(2026, 11, 1);
    next.contactId = 8; // another contact
    CHECK(referenceRequestProblem({first}, next).isEmpty());
    next.contactId = 7;
    CHECK(referenceRequestProblem({first}, next, 2).isEmpty()); // a portfolio may allow two
    CHECK(referenceRequestProblem({first}, first).isEmpty());    // editing the request itself
    CHECK(parseCaseStudyStatus(QStringLiteral("in_progress")) == CaseStudyStatus::InProgress);
    CHECK(caseStudyStatusName(CaseStudyStatus::InProgress) == QStringLiteral("In progress"));
}

TEST_CASE("Objective progress runs from baseline to target, either way", "[domain][plan][success]")
{
    Objective o;
    o.metric = QStringLiteral("Workbooks still in use");
    o.baseline = 40;
    o.target = 0;
    o.current = 30;
    REQUIRE(o.progress());
    CHECK(*o.progress() == Approx(0.25)); // 10 of the 40 retired
    o.current = 0;
    CHECK(*o.progress() == Approx(1.0));
    o.baseline = 0;
    o.target = 25;
    o.current = 24;
    CHECK(*o.progress() == Approx(0.96));
    o.target = 0; // target = baseline: no progress to measure
    CHECK_FALSE(o.progress());
    o.target = 25;
    o.current.reset();
    CHECK_FALSE(o.progress());

    Objective bare;
    CHECK(validateObjective(bare).first().field == QStringLiteral("text"));
    bare.text = QStringLiteral("Retire the legacy workbooks");
    CHECK(validateObjective(bare).isEmpty());
    bare.unit = QStringLiteral("workbooks");
    CHECK(validateObjective(bare).first().field == QStringLiteral("metric"));
}

TEST_CASE("The 90-day roadmap counts done, overdue and late-planned milestones from the start", "[domain][plan][success]")
{
    SuccessPlan plan;
    plan.startsOn = QDate(2026, 9, 1);
    auto milestone = [](QDate due, QDate done = {}, MilestonePlan kind = MilestonePlan::Success) {
        Milestone m;
        m.what = QStringLiteral("Milestone due %1").arg(due.toString(Qt::ISODate));
        m.due = due;
        m.doneOn = done;
        m.plan = kind;
        return m;
    };
    const std::vector<Milestone> ms{
        milestone(QDate(2026, 9, 15), QDate(2026, 9, 14)), // done
        milestone(QDate(2026, 11, 22)),                    // open, 1 day late on 2026-11-23
        milestone(QDate(2026, 11, 23)),                    // due today: not late
        milestone(QDate(2026, 11, 30)),                    // day 90 exactly: inside the roadmap
        milestone(QDate(2026, 12, 1)),                     // day 91: beyond it
        milestone(QDate(2026, 10, 1), {}, MilestonePlan::Remediation), // another plan: not counted
    };
    const RoadmapStatus s = roadmapStatus(plan, ms, kPlanToday);
    CHECK(s.milestones == 5);
    CHECK(s.done == 1);
    CHECK(s.overdue == 1);
    CHECK(s.beyondRoadmap == 1);
    REQUIRE(s.day);
    CHECK(*s.day == 83); // 2026-09-01 to 2026-11-23
    CHECK(ms[1].daysOverdue(kPlanToday) == 1);
    CHECK(ms[2].daysOverdue(kPlanToday) == 0);

    CHECK_FALSE(timeToFirstValue(plan));
    plan.firstValueOn = QDate(2026, 10, 12);
    REQUIRE(timeToFirstValue(plan));
    CHECK(*timeToFirstValue(plan) == 41);
    SuccessPlan notStarted;
    CHECK_FALSE(roadmapStatus(notStarted, ms, kPlanToday).day);
    CHECK(roadmapStatus(notStarted, ms, kPlanToday).beyondRoadmap == 0);

    Milestone undated;
    undated.what = QStringLiteral("Go live");
    CHECK(validateMilestone(undated).first().field == QStringLiteral("due"));
}

TEST_CASE("A QBR summary reads from its text form and writes back to it", "[domain][plan][qbr]")
{
    const QbrSummaryParse p = parseQbrSummaryText(QStringLiteral("# the 2026Q4 review\n"
                                                                 "HIGHLIGHTS:\n"
                                                                 "- Field app live in all 14 depots\n"
                                                                 "\n"
                                                                 "*   Dispatch   time down a third  \n"
                                                                 "\u2022 Audit findings 7 \u2192 2\n"
                                                                 "lowlights\n"
                                                                 "The nightly sync failed twice\n"));
    REQUIRE(p.error.isEmpty());
    CHECK(p.summary.highlights == QStringList{QStringLiteral("Field app live in all 14 depots"), QStringLiteral("Dispatch time down a third"),
                                              QStringLiteral("Audit findings 7 \u2192 2")});
    CHECK(p.summary.lowlights == QStringList{QStringLiteral("The nightly sync failed twice")});
    // Written back, then read again: the same summary.
    const QString text = qbrSummaryText(p.summary);
    CHECK(text.startsWith(QStringLiteral("Highlights\n- Field app live in all 14 depots\n")));
    CHECK(parseQbrSummaryText(text).summary == p.summary);
    // Only lowlights is a summary too; nothing before a heading is.
    CHECK(parseQbrSummaryText(QStringLiteral("Lowlights\n- Late go-live\n")).summary.lowlights == QStringList{QStringLiteral("Late go-live")});
    const QbrSummaryParse bad = parseQbrSummaryText(QStringLiteral("\n\nField app live\nHighlights\n"));
    CHECK(bad.error.startsWith(QStringLiteral("line 3: a summary starts with a line \"Highlights\" or \"Lowlights\"")));
    CHECK(parseQbrSummaryText(QString()).summary.isEmpty());
}

TEST_CASE("A QBR summary keeps to its limits: points, their length, no NUL", "[domain][plan][qbr]")
{
    QbrSummary s;
    for (int i = 0; i < kQbrSummaryMaxPoints; ++i)
        s.highlights << QStringLiteral("Point %1").arg(i);
    s.lowlights << QString(kQbrSummaryMaxPointChars, QLatin1Char('x'));
    CHECK(validateQbrSummary(s).isEmpty());
    s.highlights << QStringLiteral("One too many");
    s.lowlights << QString(kQbrSummaryMaxPointChars + 1, QLatin1Char('y'));
    const FieldErrors errors = validateQbrSummary(s);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].field == QStringLiteral("highlights"));
    CHECK(errors[0].message == QStringLiteral("Highlights: at most 12 points, not 13"));
    CHECK(errors[1].field == QStringLiteral("lowlights"));
    CHECK(errors[1].message == QStringLiteral("Lowlights, point 2: at most 400 characters, not 401"));
    // Blank points go and white space is tidied before anything is stored.
    QbrSummary messy;
    messy.quarter = QStringLiteral(" 2026q4 ");
    messy.highlights = {QStringLiteral("  "), QStringLiteral(" A  b "), QString()};
    const QbrSummary clean = normalisedQbrSummary(messy);
    CHECK(clean.quarter == QStringLiteral("2026Q4"));
    CHECK(clean.highlights == QStringList{QStringLiteral("A b")});
}
