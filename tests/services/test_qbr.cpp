// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "servicetest.h"
#include "testsupport.h"

#include "keystone/demo/demogenerator.h"
#include "keystone/domain/snapshot.h"
#include "keystone/services/accountoverview.h"
#include "keystone/services/accountservice.h"
#include "keystone/services/healthservice.h"
#include "keystone/services/history.h"
#include "keystone/services/planservice.h"
#include "keystone/services/relationshipservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/qbr.h"
#include "keystone/services/snapshotservice.h"
#include "keystone/services/validationerror.h"

#include <QSet>

#include <algorithm>
#include <random>

using namespace keystone;
using services::Portfolio;

namespace {

// The rows of the customer QBR's people table (the relationships part's table).
std::vector<QStringList> customerPeopleRows(Portfolio &p, qint64 accountId, const QDate &today, QString *heading = nullptr)
{
    services::QbrOptions o;
    o.audience = services::QbrAudience::Customer;
    o.quarter = domain::quarterLabel(today);
    o.today = today;
    const services::QbrData d = services::buildQbr(p, accountId, o);
    for (const services::QbrPart &part : d.parts)
        if (part.section == services::QbrSection::Relationships)
            for (const services::QbrBlock &b : part.blocks)
                if (b.kind == services::QbrBlock::Kind::Table) {
                    if (heading)
                        *heading = b.heading;
                    return b.table.rows;
                }
    return {};
}

QString lastWord(const QString &name)
{
    return name.split(QLatin1Char(' '), Qt::SkipEmptyParts).last();
}

} // namespace

TEST_CASE("A customer QBR lists the success plan's people and this quarter's meeting guests by surname, whatever the internal judgements", "[services][qbr]")
{
    test::TempDir dir;
    demo::DemoOptions o;
    o.accounts = 40;
    o.seed = 9;
    o.today = QDate(2026, 11, 20);
    const QString path = dir.file(QStringLiteral("q.keystone"));
    demo::generateDemo(path, o);
    auto p = Portfolio::open(path);

    // The account with the most contacts.
    qint64 accountId = 0;
    size_t most = 0;
    for (const domain::Account &a : p->accounts().all()) {
        const size_t n = p->contacts().forAccount(a.id).size();
        if (n > most) {
            most = n;
            accountId = a.id;
        }
    }
    REQUIRE(most >= 8);

    // Who should be there, by an independent route: success plan contacts and the guests of
    // customer meetings dated in the quarter (2026-10-01 to the 20th of November).
    QSet<qint64> expected;
    const auto row = services::loadAccountRow(*p, accountId);
    REQUIRE(row);
    for (const domain::SuccessContact &sc : services::PlanService(*p).load(*row, o.today).successContacts)
        expected.insert(sc.contactId);
    for (const domain::Activity &act : p->activities().forAccount(accountId))
        if (act.date >= QDate(2026, 10, 1) && act.date <= o.today && act.type != domain::ActivityType::InternalReview
            && act.type != domain::ActivityType::Email)
            for (qint64 id : act.contactIds)
                expected.insert(id);
    QStringList expectedNames;
    for (const domain::Contact &c : p->contacts().forAccount(accountId))
        if (c.isActive() && expected.contains(c.id))
            expectedNames << c.name;
    REQUIRE_FALSE(expectedNames.isEmpty());

    QString heading;
    const std::vector<QStringList> rows = customerPeopleRows(*p, accountId, o.today, &heading);
    QStringList names;
    for (const QStringList &r : rows)
        names << r.at(0);
    // The same people (none left out: fewer than 40), ordered by surname.
    QStringList sortedExpected = expectedNames;
    std::sort(sortedExpected.begin(), sortedExpected.end());
    QStringList sortedNames = names;
    std::sort(sortedNames.begin(), sortedNames.end());
    CHECK(sortedNames == sortedExpected);
    for (qsizetype i = 1; i < names.size(); ++i)
        CHECK(QString::localeAwareCompare(lastWord(names[i - 1]), lastWord(names[i])) <= 0);
    CHECK(heading.contains(QString::number(names.size())));

    // Shuffling every contact's stance, influence and buying role changes nothing the
    // customer sees.
    std::mt19937 shuffle(17);
    for (domain::Contact c : p->contacts().forAccount(accountId)) {
        c.stance = domain::Stance(shuffle() % 5);
        c.influence = domain::Influence(shuffle() % 3);
        c.role = domain::BuyingRole(shuffle() % 8);
        p->contacts().update(c);
    }
    CHECK(customerPeopleRows(*p, accountId, o.today) == rows);
}

TEST_CASE("A QBR says 'not enough data yet' for an account with no health inputs, and leaves out a $0 subscription", "[services][qbr]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("n.keystone")));
    domain::Account a = servicetest::draft(QStringLiteral("New Customer Co"), 0);
    const qint64 id = services::AccountService(*p).create(a).id;
    services::QbrOptions o;
    o.quarter = QStringLiteral("2026Q4");
    o.today = QDate(2026, 11, 20);
    const auto allText = [](const services::QbrData &d) {
        QStringList t;
        for (const services::QbrPart &part : d.parts)
            for (const services::QbrBlock &b : part.blocks) {
                t << b.heading << b.text << b.bullets;
                for (const auto &[label, value] : b.figures)
                    t << label + QStringLiteral(": ") + value;
            }
        return t.join(QLatin1Char('\n'));
    };
    const QString internal = allText(services::buildQbr(*p, id, o));
    CHECK(internal.contains(QStringLiteral("Health: not enough data yet")));
    CHECK_FALSE(internal.contains(QStringLiteral("0 of 100")));
    CHECK_FALSE(internal.contains(QStringLiteral("Insufficient")));
    o.audience = services::QbrAudience::Customer;
    const QString customer = allText(services::buildQbr(*p, id, o));
    CHECK_FALSE(customer.contains(QStringLiteral("Subscription")));
    CHECK_FALSE(customer.contains(QStringLiteral("not set")));
}

TEST_CASE("A customer QBR's next quarter holds only open shared items due in the next quarter, and the internal one lists the overdue apart", "[services][qbr]")
{
    test::TempDir dir;
    demo::DemoOptions o;
    o.accounts = 120;
    o.seed = 21;
    o.today = QDate(2026, 11, 20);
    const QString path = dir.file(QStringLiteral("a.keystone"));
    demo::generateDemo(path, o);
    auto p = Portfolio::open(path);
    const QDate nextStart(2027, 1, 1), nextEnd(2027, 3, 31);
    // On every fifth account: a joint milestone due next quarter, one due after it, an
    // internal action due next quarter (it stays internal), a joint milestone someone chose
    // not to share and an action someone chose to share, both due next quarter.
    int planted = 0;
    for (const domain::Account &a : p->accounts().all()) {
        if (a.id % 5 != 0)
            continue;
        services::PlanService plans(*p);
        domain::Milestone m;
        m.accountId = a.id;
        m.what = QStringLiteral("Go live in region %1").arg(a.id);
        m.due = QDate(2027, 2, 10);
        plans.add(m);
        m.what = QStringLiteral("Later step %1").arg(a.id);
        m.due = QDate(2027, 4, 2);
        plans.add(m);
        domain::PlanAction x;
        x.accountId = a.id;
        x.what = QStringLiteral("Prepare the renewal proposal %1").arg(a.id);
        x.due = QDate(2027, 1, 15);
        plans.add(x);
        m.what = QStringLiteral("Private step %1").arg(a.id);
        m.due = QDate(2027, 2, 11);
        m.shared = false;
        plans.add(m);
        x.what = QStringLiteral("Joint workshop %1").arg(a.id);
        x.due = QDate(2027, 1, 20);
        x.shared = true;
        plans.add(x);
        ++planted;
    }
    int customerRows = 0, overdueRows = 0;
    for (const domain::Account &a : p->accounts().all()) {
        const auto row = services::loadAccountRow(*p, a.id);
        REQUIRE(row);
        const services::AccountPlan plan = services::PlanService(*p).load(*row, o.today);
        // What may reach the customer, by the row's text; everything else is internal.
        QSet<QString> sharedTexts, internalTexts;
        for (const domain::PlanAction &x : plan.actions)
            (x.shared ? sharedTexts : internalTexts).insert(x.what);
        for (const domain::Milestone &m : plan.successMilestones)
            (m.shared ? sharedTexts : internalTexts).insert(QStringLiteral("Milestone: ") + m.what);
        for (const domain::Milestone &m : plan.remediationMilestones)
            (m.shared ? sharedTexts : internalTexts).insert(QStringLiteral("Remediation: ") + m.what);
        bool sawWorkshop = false;
        services::QbrOptions q;
        q.quarter = QStringLiteral("2026Q4");
        q.today = o.today;
        q.audience = services::QbrAudience::Customer;
        for (const services::QbrPart &part : services::buildQbr(*p, a.id, q).parts) {
            for (const services::QbrBlock &b : part.blocks)
                for (const QStringList &r : b.table.rows) {
                    // Nowhere in the customer's version: the unshared milestone, internal actions.
                    CHECK_FALSE(r.join(QLatin1Char(' ')).contains(QStringLiteral("Private step")));
                    CHECK_FALSE(internalTexts.contains(r.value(0)));
                }
            if (part.section != services::QbrSection::Actions)
                continue;
            for (const services::QbrBlock &b : part.blocks)
                for (const QStringList &r : b.table.rows) {
                    INFO(a.name.toStdString() << ": " << r.join(QStringLiteral(" | ")).toStdString());
                    const QDate due = QDate::fromString(r.at(2), Qt::ISODate);
                    CHECK(due >= nextStart);
                    CHECK(due <= nextEnd);
                    CHECK(sharedTexts.contains(r.at(0)));
                    sawWorkshop = sawWorkshop || r.at(0) == QStringLiteral("Joint workshop %1").arg(a.id);
                    ++customerRows;
                }
        }
        CHECK(sawWorkshop == (a.id % 5 == 0)); // a shared action is listed
        q.audience = services::QbrAudience::Internal;
        for (const services::QbrPart &part : services::buildQbr(*p, a.id, q).parts)
            if (part.section == services::QbrSection::Actions)
                for (const services::QbrBlock &b : part.blocks)
                    if (b.heading.startsWith(QStringLiteral("Overdue")))
                        for (const QStringList &r : b.table.rows) {
                            CHECK(QDate::fromString(r.at(2), Qt::ISODate) < o.today);
                            ++overdueRows;
                        }
    }
    CHECK(customerRows >= 2 * planted);
    CHECK(overdueRows > 0);
}

TEST_CASE("A QBR gives a change in percent as percentage points, and its charts start when the customer did", "[services][qbr]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("v.keystone")));
    domain::Account draft = servicetest::draft(QStringLiteral("Young Customer Ltd"), 2400000);
    draft.customerSince = QDate(2026, 8, 10);
    const qint64 id = services::AccountService(*p).create(draft).id;
    services::PlanService plans(*p);
    domain::ValueDelivered v;
    v.accountId = id;
    v.metric = QStringLiteral("Carrying cost");
    v.baseline = 24;
    v.current = 21;
    v.unit = QStringLiteral("% of inventory");
    v.date = QDate(2026, 11, 1);
    plans.add(v);
    v.metric = QStringLiteral("Close time");
    v.baseline = 10;
    v.current = 7;
    v.unit = QStringLiteral("days");
    plans.add(v);
    services::HealthService health(*p);
    for (int m = 1; m <= 11; ++m) { // inputs from January, before the customer was one
        domain::HealthInputs in;
        in.date = QDate(2026, m, 5);
        in.licensedSeats = 50;
        in.activeUsers = 10 + m;
        health.saveInputs(id, in);
    }
    services::QbrOptions o;
    o.quarter = QStringLiteral("2026Q4");
    o.today = QDate(2026, 11, 20);
    o.audience = services::QbrAudience::Customer;
    int charted = 0;
    QStringList changes;
    for (const services::QbrPart &part : services::buildQbr(*p, id, o).parts)
        for (const services::QbrBlock &b : part.blocks) {
            if (b.kind == services::QbrBlock::Kind::Chart) {
                // The quarter under review is marked; the seats are the grey reference line.
                CHECK(b.chart.markFrom == QDate(2026, 10, 1));
                CHECK(b.chart.markTo == QDate(2026, 11, 20));
                CHECK(b.chart.markLabel.startsWith(QStringLiteral("2026Q4")));
                for (const services::QbrSeries &series : b.chart.series)
                    CHECK(series.reference == (series.name == QStringLiteral("Licensed seats")));
            }
            for (const services::QbrSeries &series : b.chart.series)
                for (const auto &[date, value] : series.points) {
                    CHECK(date >= QDate(2026, 8, 10));
                    ++charted;
                }
            if (part.section == services::QbrSection::Value)
                for (const QStringList &r : b.table.rows)
                    changes << r.at(3);
        }
    CHECK(charted == 2 * 3); // the 5th of September, October and November: seats and users
    changes.sort();
    CHECK(changes == QStringList{QStringLiteral("-3 pts"), QStringLiteral("-30%")});
}

TEST_CASE("A QBR gives the quarter in figures: meetings held and support tickets against the quarter before, the NPS internally", "[services][qbr]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("f.keystone")));
    const qint64 id = services::AccountService(*p).create(servicetest::draft(QStringLiteral("Figures Co"), 1000000)).id;
    domain::Contact c;
    c.accountId = id;
    c.name = QStringLiteral("Ada Byron");
    services::RelationshipService rel(*p);
    const qint64 ada = rel.createContact(c).id;
    // Two meetings and a call this quarter count; an e-mail, an internal review and last
    // quarter's meeting do not.
    const auto activity = [&](QDate date, domain::ActivityType type) {
        domain::Activity a;
        a.accountId = id;
        a.date = date;
        a.type = type;
        a.summary = QStringLiteral("Talk");
        if (type != domain::ActivityType::InternalReview)
            a.contactIds = {ada};
        rel.createActivity(a);
    };
    activity(QDate(2026, 10, 3), domain::ActivityType::Meeting);
    activity(QDate(2026, 11, 2), domain::ActivityType::Call);
    activity(QDate(2026, 11, 9), domain::ActivityType::Qbr);
    activity(QDate(2026, 11, 10), domain::ActivityType::Email);
    activity(QDate(2026, 11, 11), domain::ActivityType::InternalReview);
    activity(QDate(2026, 9, 20), domain::ActivityType::Meeting);
    // Snapshots: two last quarter, two this quarter (tickets of the last 30 days each).
    services::HealthService health(*p);
    const auto snapshot = [&](QDate date, int s1, int s2, int s3, int nps, std::optional<double> csat = std::nullopt) {
        domain::HealthInputs in;
        in.date = date;
        in.sev1 = s1;
        in.sev2 = s2;
        in.sev3 = s3;
        in.nps = nps;
        in.csat = csat;
        health.saveInputs(id, in);
    };
    snapshot(QDate(2026, 8, 1), 1, 2, 3, 40, 3.9);
    snapshot(QDate(2026, 9, 1), 0, 1, 4, 45, 4.1);
    snapshot(QDate(2026, 10, 1), 0, 0, 2, 50);
    snapshot(QDate(2026, 11, 1), 1, 1, 1, 55, 4.35);
    services::QbrOptions o;
    o.quarter = QStringLiteral("2026Q4");
    o.today = QDate(2026, 11, 20);
    const auto quarterBlock = [&](services::QbrAudience audience) {
        o.audience = audience;
        for (const services::QbrPart &part : services::buildQbr(*p, id, o).parts)
            for (const services::QbrBlock &b : part.blocks)
                if (b.heading == QStringLiteral("This quarter"))
                    return b.figures;
        return std::vector<std::pair<QString, QString>>{};
    };
    using F = std::vector<std::pair<QString, QString>>;
    CHECK(quarterBlock(services::QbrAudience::Customer)
          == F{{QStringLiteral("Meetings this quarter"), QStringLiteral("3")},
               {QStringLiteral("Tickets, severity 1 / 2 / 3"), QStringLiteral("1 / 1 / 3")},
               {QStringLiteral("Last quarter"), QStringLiteral("1 / 3 / 7")}});
    CHECK(quarterBlock(services::QbrAudience::Internal)
          == F{{QStringLiteral("Meetings this quarter"), QStringLiteral("3")},
               {QStringLiteral("Tickets, severity 1 / 2 / 3"), QStringLiteral("1 / 1 / 3")},
               {QStringLiteral("Last quarter"), QStringLiteral("1 / 3 / 7")},
               {QStringLiteral("NPS"), QStringLiteral("55 (last quarter 45)")},
               {QStringLiteral("CSAT of 5"), QStringLiteral("4.3 (last quarter 4.1)")}});
}

TEST_CASE("A QBR sets the value delivered against the subscription, and the internal one compares the plan with last quarter's snapshot",
          "[services][qbr]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("r.keystone")));
    const qint64 id = services::AccountService(*p).create(servicetest::draft(QStringLiteral("Return Co"), 4000000)).id; // $40,000
    services::PlanService plans(*p);
    domain::ValueDelivered v;
    v.accountId = id;
    v.metric = QStringLiteral("Hours saved");
    v.impactCents = 9000000; // $90,000
    v.date = QDate(2026, 10, 2);
    plans.add(v);
    v.metric = QStringLiteral("Fewer returns");
    v.impactCents = 3000000; // $30,000
    plans.add(v);
    // Last quarter's snapshot, then a priority and a risk added and the ARR raised.
    services::SnapshotService snapshots(*p);
    snapshots.take(id, QStringLiteral("2026Q3"), QDate(2026, 9, 30));
    domain::Priority pr;
    pr.accountId = id;
    pr.text = QStringLiteral("Open the Lyon depot");
    plans.add(pr);
    domain::Risk r;
    r.accountId = id;
    r.description = QStringLiteral("New CFO reviews every contract");
    plans.add(r);
    domain::Account a = *p->accounts().byId(id);
    a.arr.cents = 5000000; // $50,000
    services::AccountService(*p).update(a);

    services::QbrOptions o;
    o.quarter = QStringLiteral("2026Q4");
    o.today = QDate(2026, 11, 20);
    const auto blocks = [&](services::QbrAudience audience) {
        o.audience = audience;
        std::vector<services::QbrBlock> out;
        for (const services::QbrPart &part : services::buildQbr(*p, id, o).parts)
            out.insert(out.end(), part.blocks.begin(), part.blocks.end());
        return out;
    };
    for (const auto audience : {services::QbrAudience::Customer, services::QbrAudience::Internal}) {
        bool found = false;
        for (const services::QbrBlock &b : blocks(audience))
            for (const auto &[label, value] : b.figures)
                if (label == QStringLiteral("Against the subscription")) {
                    CHECK(value == QStringLiteral("2.4 times")); // $120,000 a year on $50,000
                    found = true;
                }
        CHECK(found);
    }
    // Internal only: what moved since 2026Q3, read from the snapshot.
    std::vector<QStringList> since;
    for (const services::QbrBlock &b : blocks(services::QbrAudience::Internal))
        if (b.heading == QStringLiteral("Since the 2026Q3 snapshot"))
            since = b.table.rows;
    CHECK(std::find(since.begin(), since.end(), QStringList{QStringLiteral("ARR"), QStringLiteral("$40,000"), QStringLiteral("$50,000")}) != since.end());
    CHECK(std::find(since.begin(), since.end(), QStringList{QStringLiteral("Priorities"), QStringLiteral("0"), QStringLiteral("1 (1 new)")})
          != since.end());
    CHECK(std::find(since.begin(), since.end(), QStringList{QStringLiteral("Risks"), QStringLiteral("0"), QStringLiteral("1 (1 new)")}) != since.end());
    for (const services::QbrBlock &b : blocks(services::QbrAudience::Customer))
        CHECK_FALSE(b.heading.startsWith(QStringLiteral("Since the")));
    // Without the quarter before's snapshot, the internal version says how to get one.
    snapshots.remove(id, QStringLiteral("2026Q3"));
    bool hint = false;
    for (const services::QbrBlock &b : blocks(services::QbrAudience::Internal))
        hint = hint || b.text.startsWith(QStringLiteral("No snapshot of the quarter before"));
    CHECK(hint);
}

TEST_CASE("A QBR's written summary: drafted from what the customer may see, then the stored one once edited, in both versions", "[services][qbr]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("w.keystone")));
    const qint64 id = services::AccountService(*p).create(servicetest::draft(QStringLiteral("Written Co"), 4000000)).id;
    services::HealthService health(*p);
    const auto usage = [&](QDate date, int users, int s1, int s2) {
        domain::HealthInputs in;
        in.date = date;
        in.licensedSeats = 40;
        in.activeUsers = users;
        in.sev1 = s1;
        in.sev2 = s2;
        health.saveInputs(id, in);
    };
    usage(QDate(2026, 9, 1), 20, 1, 2);  // last quarter: 3 serious tickets
    usage(QDate(2026, 11, 1), 26, 0, 1); // this quarter: 1
    services::PlanService plans(*p);
    domain::ValueDelivered v;
    v.accountId = id;
    v.metric = QStringLiteral("Hours saved");
    v.baseline = 12;
    v.current = 9;
    v.unit = QStringLiteral("hours/week");
    v.impactCents = 4500000;
    v.date = QDate(2026, 10, 15);
    plans.add(v);
    v.metric = QStringLiteral("Older outcome");
    v.date = QDate(2026, 6, 1); // measured last quarter: not this quarter's news
    plans.add(v);
    const auto milestone = [&](const QString &what, domain::MilestonePlan kind, QDate due, QDate done, bool shared) {
        domain::Milestone m;
        m.accountId = id;
        m.plan = kind;
        m.what = what;
        m.due = due;
        m.doneOn = done;
        m.shared = shared;
        plans.add(m);
    };
    milestone(QStringLiteral("Go live"), domain::MilestonePlan::Success, QDate(2026, 10, 20), QDate(2026, 10, 20), true);
    milestone(QStringLiteral("Secret step"), domain::MilestonePlan::Success, QDate(2026, 10, 21), QDate(2026, 10, 21), false);
    milestone(QStringLiteral("Train admins"), domain::MilestonePlan::Success, QDate(2026, 11, 1), QDate(), true);
    milestone(QStringLiteral("Fix the sync"), domain::MilestonePlan::Remediation, QDate(2026, 11, 2), QDate(), false);

    services::QbrOptions o;
    o.quarter = QStringLiteral("2026Q4");
    o.today = QDate(2026, 11, 20);
    const QStringList draftHigh{QStringLiteral("Hours saved: 12 → 9 hours/week, worth $45,000 a year"),
                                QStringLiteral("Active users up from 20 to 26 of 40 seats"), QStringLiteral("Reached: Go live (2026-10-20)"),
                                QStringLiteral("Severity 1 and 2 support tickets down from 3 to 1")};
    const QStringList draftLow{QStringLiteral("Late: Train admins, due 2026-11-01")};
    const domain::QbrSummary draft = services::draftQbrSummary(*p, id, o);
    CHECK(draft.highlights == draftHigh);
    CHECK(draft.lowlights == draftLow);
    // The document shows the same lists in both versions; internally it says they are a draft.
    const auto lists = [&](services::QbrAudience audience, bool *draftNote) {
        o.audience = audience;
        const services::QbrData d = services::buildQbr(*p, id, o);
        std::pair<QStringList, QStringList> out;
        *draftNote = false;
        for (const services::QbrBlock &b : d.parts.front().blocks) {
            if (b.heading == QStringLiteral("Highlights"))
                out.first = b.bullets;
            if (b.heading == QStringLiteral("Lowlights"))
                out.second = b.bullets;
            *draftNote = *draftNote || b.text.contains(QStringLiteral("drafted from the data"));
        }
        return out;
    };
    bool note = false;
    CHECK(lists(services::QbrAudience::Customer, &note) == std::pair{draftHigh, draftLow});
    CHECK_FALSE(note);
    CHECK(lists(services::QbrAudience::Internal, &note) == std::pair{draftHigh, draftLow});
    CHECK(note);

    // Edited and stored: from then on the stored one, with no draft note.
    domain::QbrSummary edited;
    edited.accountId = id;
    edited.quarter = QStringLiteral("2026q4");
    edited.highlights = {QStringLiteral("Go-live on time"), QStringLiteral("  ")};
    CHECK_FALSE(plans.setQbrSummary(edited)); // nothing stored before
    const auto stored = plans.qbrSummary(id, QStringLiteral("2026Q4"));
    REQUIRE(stored);
    CHECK(stored->highlights == QStringList{QStringLiteral("Go-live on time")});
    CHECK(lists(services::QbrAudience::Internal, &note) == std::pair{QStringList{QStringLiteral("Go-live on time")}, QStringList{}});
    CHECK_FALSE(note);
    CHECK(services::buildQbr(*p, id, o).summaryStored);
    const auto history = services::loadHistory(*p, id);
    REQUIRE_FALSE(history.empty());
    CHECK(history.front().kind == QStringLiteral("QBR summary"));
    CHECK(history.front().item == QStringLiteral("QBR summary 2026Q4"));
    CHECK(history.front().change == QStringLiteral("Added"));
    // Another quarter is untouched; an emptied summary is removed and the draft is back.
    CHECK_FALSE(plans.qbrSummary(id, QStringLiteral("2026Q3")));
    domain::QbrSummary cleared = edited;
    cleared.highlights.clear();
    REQUIRE(plans.setQbrSummary(cleared));
    CHECK_FALSE(plans.qbrSummary(id, QStringLiteral("2026Q4")));
    CHECK(lists(services::QbrAudience::Internal, &note).first == draftHigh);

    // Refused whole, with the field named.
    const auto refusedField = [&](const domain::QbrSummary &s) -> QString {
        try {
            plans.setQbrSummary(s);
        } catch (const services::ValidationError &e) {
            return e.errors().first().field;
        }
        return {};
    };
    domain::QbrSummary bad = edited;
    bad.quarter = QStringLiteral("2026Q5");
    CHECK(refusedField(bad) == QStringLiteral("quarter"));
    bad = edited;
    for (int i = 0; i < 13; ++i)
        bad.lowlights << QStringLiteral("Point %1").arg(i);
    CHECK(refusedField(bad) == QStringLiteral("lowlights"));
    bad = edited;
    bad.accountId = 9999;
    CHECK(refusedField(bad) == QStringLiteral("account"));
    CHECK_FALSE(plans.qbrSummary(id, QStringLiteral("2026Q4")));
}

TEST_CASE("A QBR writes its dates as the chosen locale does, with four-digit years, and ISO 8601 by default", "[services][qbr]")
{
    CHECK(services::qbrDateFormat(QString()) == QStringLiteral("yyyy-MM-dd"));
    CHECK(services::qbrDateFormat(QStringLiteral("en_US")) == QStringLiteral("M/d/yyyy"));
    CHECK(services::qbrDateFormat(QStringLiteral("de_DE")) == QStringLiteral("dd.MM.yyyy"));
    CHECK(services::qbrDateFormat(QStringLiteral("en_GB")) == QStringLiteral("dd/MM/yyyy"));
    CHECK_FALSE(services::qbrDateFormat(QStringLiteral("xx_YY")));
    CHECK_FALSE(services::qbrDateFormat(QStringLiteral("C")));
    CHECK_FALSE(services::qbrDateFormat(QStringLiteral("en_US; DROP")));

    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("l.keystone")));
    domain::Account a = servicetest::draft(QStringLiteral("Dated Co"), 1000000);
    a.renewalDate = QDate(2027, 3, 31);
    const qint64 id = services::AccountService(*p).create(a).id;
    services::QbrOptions o;
    o.quarter = QStringLiteral("2026Q4");
    o.today = QDate(2026, 11, 20);
    o.audience = services::QbrAudience::Customer;
    const auto renewal = [&](const services::QbrData &d) {
        for (const services::QbrBlock &b : d.parts.front().blocks)
            for (const auto &[label, value] : b.figures)
                if (label.startsWith(QStringLiteral("Renewal")))
                    return value;
        return QString();
    };
    const services::QbrData iso = services::buildQbr(*p, id, o);
    CHECK(iso.period == QStringLiteral("2026-10-01 – 2026-12-31"));
    CHECK(renewal(iso) == QStringLiteral("2027-03-31"));
    o.locale = QStringLiteral("de_DE");
    const services::QbrData de = services::buildQbr(*p, id, o);
    CHECK(de.period == QStringLiteral("01.10.2026 – 31.12.2026"));
    CHECK(renewal(de) == QStringLiteral("31.03.2027"));
    CHECK(de.dateFormat == QStringLiteral("dd.MM.yyyy"));
    o.locale = QStringLiteral("en_US");
    CHECK(renewal(services::buildQbr(*p, id, o)) == QStringLiteral("3/31/2027"));
    o.locale = QStringLiteral("zz");
    try {
        services::buildQbr(*p, id, o);
        FAIL("a locale that is none was taken");
    } catch (const services::ValidationError &e) {
        CHECK(e.errors().first().field == QStringLiteral("locale"));
    }
}
