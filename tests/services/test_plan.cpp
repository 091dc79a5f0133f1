// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Plans, advocacy, the joint success plan, change history and snapshots.
#include "servicetest.h"
#include "testsupport.h"

#include "keystone/services/accountoverview.h"
#include "keystone/services/accountservice.h"
#include "keystone/demo/demogenerator.h"
#include "keystone/services/exchangeservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/healthservice.h"
#include "keystone/services/history.h"
#include "keystone/services/planservice.h"
#include "keystone/services/portfolioinfo.h"
#include "keystone/services/relationshipservice.h"
#include "keystone/services/snapshotservice.h"
#include "keystone/services/teamservice.h"
#include "keystone/services/validationerror.h"
#include "keystone/services/whitespaceservice.h"
#include "keystone/storage/database.h"
#include "keystone/storage/migration.h"
#include "keystone/storage/planrepository.h"
#include "keystone/storage/storageerror.h"

#include <QSet>
#include <QSignalSpy>

#include <algorithm>
#include <set>
#include <thread>

using namespace keystone;
using services::Portfolio;
using servicetest::draft;
using servicetest::person;

TEST_CASE("Plan completeness of the whole book, counted in SQL, agrees with each account's plan", "[services][plan]")
{
    test::TempDir dir;
    demo::DemoOptions o;
    o.accounts = 120;
    o.seed = 12;
    o.today = QDate(2026, 11, 23);
    const QString file = dir.file(QStringLiteral("plan.keystone"));
    demo::generateDemo(file, o);
    auto p = Portfolio::open(file);
    services::PlanService plans(*p);
    const auto summaries = plans.summaries(o.today);
    REQUIRE(summaries.size() == 120);
    QSet<int> levels;
    int stale = 0, fresh = 0;
    for (auto it = summaries.begin(); it != summaries.end(); ++it) {
        const auto plan = plans.load(it.key(), o.today);
        REQUIRE(plan);
        CHECK(plan->completeness.percent == it->completeness);
        CHECK(plan->freshness.days == it->freshness.days);
        CHECK(plan->freshness.stale == it->freshness.stale);
        int overdue = 0;
        for (const auto &a : plan->actions)
            overdue += a.daysOverdue(o.today) > 0 ? 1 : 0;
        CHECK(overdue == it->overdueActions);
        levels.insert(it->completeness);
        (it->freshness.stale ? stale : fresh) += 1;
    }
    // A believable spread: complete and incomplete plans, fresh and stale ones.
    CHECK(levels.size() >= 4);
    CHECK(stale > 10);
    CHECK(fresh > 10);
}

TEST_CASE("Plan edits are validated, change completeness, and come back with their ids", "[services][plan]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("e.keystone")));
    services::AccountService accounts(*p);
    domain::Account a;
    a.name = QStringLiteral("Harbor Logistics");
    a.arr = domain::Money{5000000, QStringLiteral("USD")};
    const qint64 acct = accounts.create(a).id;
    services::TeamService team(*p);
    domain::TeamMember m;
    m.name = QStringLiteral("Dana Ortiz");
    m.role = domain::TeamRole::AM;
    const qint64 owner = team.create(m).id;
    services::PlanService plans(*p);
    const QDate today(2026, 11, 23);
    QSignalSpy changed(p.get(), &Portfolio::planChanged);

    CHECK(plans.load(acct, today)->completeness.percent == 0);
    domain::Priority pr;
    pr.accountId = acct;
    pr.text = QStringLiteral("Cut month-end close to five days");
    const domain::Priority saved = plans.add(pr);
    CHECK(saved.id > 0);
    CHECK(changed.count() == 1);
    CHECK(plans.load(acct, today)->completeness.percent == 20);

    domain::PlanAction act;
    act.accountId = acct;
    act.what = QStringLiteral("Book the QBR");
    act.ownerId = owner;
    act.due = today.addDays(-31); // overdue by 31 days: the actions part is not met
    const domain::PlanAction stored = plans.add(act);
    auto plan = plans.load(acct, today);
    CHECK(plan->completeness.percent == 20);
    CHECK(plan->completeness.parts[size_t(domain::PlanPart::Actions)].missing
          == QStringList{QStringLiteral("1 action overdue by more than 30 days")});
    domain::PlanAction moved = stored;
    moved.due = today.addDays(-30);
    const domain::PlanAction before = plans.update(moved);
    CHECK(before.due == today.addDays(-31));
    CHECK(plans.load(acct, today)->completeness.percent == 40);

    // "No known risks" confirmed today completes the risk part; removing and restoring
    // the priority keeps its id and uuid.
    CHECK_FALSE(plans.setNoKnownRisks(acct, today).isValid());
    CHECK(plans.load(acct, today)->completeness.percent == 60);
    const domain::Priority removed = plans.remove<domain::Priority>(saved.id);
    CHECK(plans.load(acct, today)->priorities.empty());
    plans.restore(removed);
    plan = plans.load(acct, today);
    REQUIRE(plan->priorities.size() == 1);
    CHECK(plan->priorities.front().id == saved.id);
    CHECK(plan->priorities.front().uuid == saved.uuid);

    // Reviews: freshness by the Tier 3 limit (365 days).
    plans.markReviewed(acct, today.addDays(-10), owner, QStringLiteral("Looked fine"));
    plan = plans.load(acct, today);
    CHECK(plan->freshness.days == 10);
    CHECK_FALSE(plan->freshness.stale);

    // Refusals name the field and change nothing.
    domain::Risk bad;
    bad.accountId = acct;
    bad.description = QStringLiteral("Budget freeze");
    bad.ownerId = 999;
    try {
        plans.add(bad);
        FAIL("an unknown owner was accepted");
    } catch (const services::ValidationError &e) {
        CHECK(e.errors().first().field == QStringLiteral("owner"));
    }
    domain::Priority empty;
    empty.accountId = acct;
    CHECK_THROWS_AS(plans.add(empty), services::ValidationError);
    CHECK(plans.load(acct, today)->risks.empty());
    CHECK(plans.load(acct, today)->priorities.size() == 1);
}

TEST_CASE("The change history records edits, additions and removals, and undo as changes back", "[services][history]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("h.keystone")));
    domain::TeamMember m;
    m.name = QStringLiteral("Dana Ortiz");
    m.role = domain::TeamRole::AM;
    const qint64 dana = services::TeamService(*p).create(m).id;
    services::AccountService accounts(*p);
    domain::Account a;
    a.name = QStringLiteral("Harbor Logistics");
    a.arr = domain::Money{5000000, QStringLiteral("USD")};
    a = accounts.create(a);
    domain::Account bigger = a;
    bigger.arr.cents = 7500000;
    accounts.update(bigger);

    services::PlanService plans(*p);
    domain::Risk r;
    r.accountId = a.id;
    r.description = QStringLiteral("Budget freeze in Q1");
    r = plans.add(r);
    domain::Risk owned = r;
    owned.ownerId = dana;
    plans.update(owned);
    const domain::Risk removed = plans.remove<domain::Risk>(r.id);
    plans.restore(removed); // undo of the removal

    const auto h = services::loadHistory(*p, a.id);
    REQUIRE(h.size() == 6);
    // Newest first: the undo, the removal, the owner, the risk added, the ARR, the account added.
    CHECK(h[0].kind == QStringLiteral("Risk"));
    CHECK(h[0].change == QStringLiteral("Added"));
    CHECK(h[1].change == QStringLiteral("Removed"));
    CHECK(h[1].item == QStringLiteral("Budget freeze in Q1"));
    CHECK(h[2].change == QStringLiteral("Owner"));
    CHECK(h[2].before == QStringLiteral("—"));
    CHECK(h[2].after == QStringLiteral("Dana Ortiz"));
    CHECK(h[3].change == QStringLiteral("Added"));
    CHECK(h[4].kind == QStringLiteral("Account"));
    CHECK(h[4].change == QStringLiteral("ARR"));
    CHECK(h[4].before == QStringLiteral("$50,000"));
    CHECK(h[4].after == QStringLiteral("$75,000"));
    CHECK(h[5].change == QStringLiteral("Added"));
    CHECK(h[5].item == QStringLiteral("Harbor Logistics"));

    // Undo of the ARR edit is recorded as a change back.
    accounts.update(a);
    const auto again = services::loadHistory(*p, a.id);
    REQUIRE(again.size() == 7);
    CHECK(again[0].change == QStringLiteral("ARR"));
    CHECK(again[0].before == QStringLiteral("$75,000"));
    CHECK(again[0].after == QStringLiteral("$50,000"));
}

TEST_CASE("A generated demo starts without history, and history is recorded after it", "[services][history][demo]")
{
    test::TempDir dir;
    demo::DemoOptions o;
    o.accounts = 10;
    const QString file = dir.file(QStringLiteral("d.keystone"));
    demo::generateDemo(file, o);
    auto p = Portfolio::open(file);
    CHECK(p->history().count() == 0);
    const auto all = p->accounts().all();
    REQUIRE_FALSE(all.empty());
    domain::Account a = all.front();
    a.notes = QStringLiteral("Met the new CFO");
    services::AccountService(*p).update(a);
    CHECK(p->history().count() == 1);
    CHECK(services::loadHistory(*p, a.id).front().change == QStringLiteral("Notes"));
}

TEST_CASE("Advocacy: reference requests are refused when they would over-ask a contact", "[services][plan][advocacy]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("adv.keystone")));
    services::AccountService accounts(*p);
    domain::Account a;
    a.name = QStringLiteral("Harbor Logistics");
    a.referenceable = true;
    const qint64 acct = accounts.create(a).id;
    domain::Account other;
    other.name = QStringLiteral("Other Co");
    const qint64 otherId = accounts.create(other).id;
    services::RelationshipService rel(*p);
    domain::Contact c;
    c.accountId = acct;
    c.name = QStringLiteral("Ann Advocate");
    const qint64 ann = rel.createContact(c).id;
    c.name = QStringLiteral("Bob Backer");
    const qint64 bob = rel.createContact(c).id;
    c.accountId = otherId;
    c.name = QStringLiteral("Stranger");
    const qint64 stranger = rel.createContact(c).id;

    services::PlanService plans(*p);
    domain::ReferenceRequest r;
    r.accountId = acct;
    r.contactId = ann;
    r.date = QDate(2026, 10, 5);
    r.purpose = QStringLiteral("Call with a prospect");
    const auto first = plans.add(r);
    r.date = QDate(2026, 12, 1); // same quarter, same contact
    try {
        plans.add(r);
        FAIL("a second request in one quarter was accepted");
    } catch (const services::ValidationError &e) {
        CHECK(e.errors().first().field == QStringLiteral("date"));
        CHECK(e.errors().first().message.contains(QStringLiteral("2026-10-05")));
    }
    r.contactId = bob; // another contact is fine
    plans.add(r);
    r.contactId = stranger; // not this account's
    CHECK_THROWS_AS(plans.add(r), services::ValidationError);
    auto plan = plans.load(acct, QDate(2026, 12, 2));
    REQUIRE(plan->referenceRequests.size() == 2);
    CHECK(plan->referenceRequests.back().id == first.id); // newest first

    // Removing and restoring keeps the id; the profile edit returns what it replaced.
    const auto removed = plans.remove<domain::ReferenceRequest>(first.id);
    plans.restore(removed);
    CHECK(plans.load(acct, QDate(2026, 12, 2))->referenceRequests.size() == 2);
    domain::AdvocacyProfile adv;
    adv.accountId = acct;
    adv.caseStudy = domain::CaseStudyStatus::InProgress;
    adv.advisoryBoard = true;
    const auto before = plans.setAdvocacy(adv);
    CHECK(before.caseStudy == domain::CaseStudyStatus::None);
    CHECK(plans.load(acct, QDate(2026, 12, 2))->advocacy == adv);

    // The latest NPS comes from the health inputs.
    domain::HealthInputs in;
    in.date = QDate(2026, 11, 1);
    in.nps = 42;
    services::HealthService(*p).saveInputs(acct, in);
    plan = plans.load(acct, QDate(2026, 12, 2));
    CHECK(plan->nps == 42);
    CHECK(plan->npsDate == QDate(2026, 11, 1));
}

TEST_CASE("Joint success plan and remediation plan: items, people, dates and sponsor, checked and in the history", "[services][plan][success]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("jsp.keystone")));
    domain::TeamMember m;
    m.name = QStringLiteral("Hannah Ito");
    m.role = domain::TeamRole::AM;
    const qint64 hannah = services::TeamService(*p).create(m).id;
    services::AccountService accounts(*p);
    domain::Account a;
    a.name = QStringLiteral("Cascade Transport");
    a.phase = domain::LifecyclePhase::Onboarding;
    a.atRisk = true;
    const qint64 acct = accounts.create(a).id;
    domain::Account other;
    other.name = QStringLiteral("Other Co");
    const qint64 otherId = accounts.create(other).id;
    services::RelationshipService rel(*p);
    domain::Contact c;
    c.accountId = acct;
    c.name = QStringLiteral("Ethan Okafor");
    const qint64 ethan = rel.createContact(c).id;
    c.accountId = otherId;
    c.name = QStringLiteral("Stranger");
    const qint64 stranger = rel.createContact(c).id;

    services::PlanService plans(*p);
    const QDate today(2026, 11, 23);
    domain::SuccessPlan dates;
    dates.accountId = acct;
    dates.startsOn = QDate(2026, 9, 28);
    dates.firstValueOn = QDate(2026, 9, 1); // before the start
    CHECK_THROWS_AS(plans.setSuccessPlan(dates), services::ValidationError);
    dates.firstValueOn = QDate(2026, 11, 22);
    CHECK(plans.setSuccessPlan(dates).startsOn.isNull()); // nothing stored before

    domain::Objective o;
    o.accountId = acct;
    o.text = QStringLiteral("Retire the legacy workbooks");
    const auto first = plans.add(o);
    o.text = QStringLiteral("Every regional lead on the dashboard");
    const auto second = plans.add(o);
    CHECK(first.position == 0);
    CHECK(second.position == 1); // appended

    domain::Milestone ms;
    ms.accountId = acct;
    ms.what = QStringLiteral("Data integration live");
    ms.due = QDate(2026, 11, 20); // 3 days late
    plans.add(ms);
    ms.what = QStringLiteral("Executive alignment call held");
    ms.plan = domain::MilestonePlan::Remediation;
    ms.due = QDate(2026, 10, 1);
    ms.doneOn = QDate(2026, 10, 1);
    plans.add(ms);

    domain::SuccessContact champion;
    champion.accountId = acct;
    champion.contactId = ethan;
    champion.role = domain::SuccessRole::Champion;
    plans.add(champion);
    CHECK_THROWS_AS(plans.add(champion), services::ValidationError); // once per role
    domain::SuccessContact decider = champion;
    decider.role = domain::SuccessRole::DecisionMaker; // the same person may also decide
    plans.add(decider);
    domain::SuccessContact outsider = champion;
    outsider.contactId = stranger;
    try {
        plans.add(outsider);
        FAIL("another account's contact was accepted");
    } catch (const services::ValidationError &e) {
        CHECK(e.errors().first().field == QStringLiteral("contact"));
    }

    domain::RemediationPlan fix;
    fix.accountId = acct;
    fix.sponsorId = 9999;
    fix.rootCause = QStringLiteral("Champion left");
    try {
        plans.setRemediationPlan(fix);
        FAIL("an unknown sponsor was accepted");
    } catch (const services::ValidationError &e) {
        CHECK(e.errors().first().field == QStringLiteral("sponsor"));
    }
    fix.sponsorId = hannah;
    fix.openedOn = QDate(2026, 9, 16);
    CHECK(plans.setRemediationPlan(fix).isEmpty());

    const auto plan = plans.load(acct, today);
    REQUIRE(plan);
    CHECK(plan->phase == domain::LifecyclePhase::Onboarding);
    CHECK(plan->atRisk);
    CHECK(plan->successPlan.startsOn == QDate(2026, 9, 28));
    REQUIRE(plan->objectives.size() == 2);
    CHECK(plan->objectives[1].text == QStringLiteral("Every regional lead on the dashboard"));
    REQUIRE(plan->successMilestones.size() == 1);
    REQUIRE(plan->remediationMilestones.size() == 1);
    CHECK(plan->roadmap.overdue == 1);
    CHECK(*plan->roadmap.day == 56); // 2026-09-28 to 2026-11-23
    CHECK(plan->successContacts.size() == 2);
    CHECK(plan->remediation.sponsorId == hannah);
    CHECK(plan->remediation.rootCause == QStringLiteral("Champion left"));

    // Remove and restore an objective: back with its id and place.
    const auto removed = plans.remove<domain::Objective>(first.id);
    CHECK(plans.load(acct, today)->objectives.size() == 1);
    plans.restore(removed);
    CHECK(plans.load(acct, today)->objectives.front().id == first.id);

    // The history names the new kinds and shows the sponsor by name.
    const auto h = services::loadHistory(*p, acct);
    auto has = [&h](const QString &kind, const QString &change, const QString &after = {}) {
        return std::any_of(h.begin(), h.end(), [&](const services::HistoryEntry &e) {
            return e.kind == kind && e.change == change && (after.isEmpty() || e.after == after);
        });
    };
    CHECK(has(QStringLiteral("Objective"), QStringLiteral("Removed")));
    CHECK(has(QStringLiteral("Milestone"), QStringLiteral("Added")));
    CHECK(has(QStringLiteral("Success plan contact"), QStringLiteral("Added")));
    CHECK(has(QStringLiteral("Remediation plan"), QStringLiteral("Added")));
    CHECK(has(QStringLiteral("Success plan"), QStringLiteral("Added")));

    domain::RemediationPlan later = fix;
    later.rootCause = QStringLiteral("Champion left; the new VP was never onboarded");
    CHECK(plans.setRemediationPlan(later).rootCause == QStringLiteral("Champion left"));
    CHECK(has(QStringLiteral("Remediation plan"), QStringLiteral("Added")));
    const auto h2 = services::loadHistory(*p, acct);
    CHECK(h2.front().change == QStringLiteral("Root cause"));
    CHECK(h2.front().after == QStringLiteral("Champion left; the new VP was never onboarded"));
}

TEST_CASE("A generated demo has last quarter's snapshots that differ from today's plan as generated", "[services][demo][snapshot]")
{
    test::TempDir dir;
    demo::DemoOptions o;
    o.accounts = 60;
    o.seed = 5;
    o.today = QDate(2026, 11, 23);
    const QString file = dir.file(QStringLiteral("snap.keystone"));
    demo::generateDemo(file, o);
    auto p = Portfolio::open(file);
    services::SnapshotService snapshots(*p);
    services::PlanService plans(*p);
    int withSnapshot = 0;
    for (const domain::Account &a : p->accounts().all()) {
        const auto list = snapshots.list(a.id);
        if (list.empty())
            continue;
        ++withSnapshot;
        REQUIRE(list.size() == 1);
        const domain::PlanSnapshot &old = list.front();
        CHECK(old.label == QStringLiteral("2026Q3"));
        CHECK(old.takenAt == QDateTime(QDate(2026, 9, 30), QTime(17, 0), Qt::UTC));
        // Against the plan now: the newest priority is added since (when there are two or
        // more), every action done now was open then, and nothing else in those sections moved.
        const auto plan = plans.load(a.id, o.today);
        const auto now = snapshots.build(a.id, QStringLiteral("now"), o.today);
        int added = 0, reopened = 0;
        for (const domain::SnapshotChange &c : domain::compareSnapshots(old, now)) {
            if (c.section == QStringLiteral("Priorities")) {
                CHECK(c.kind == domain::SnapshotChange::Kind::Added);
                CHECK(c.item == plan->priorities.back().text);
                ++added;
            } else if (c.section == QStringLiteral("Actions")) {
                CHECK(c.field == QStringLiteral("Status"));
                CHECK(c.before == QStringLiteral("Open"));
                CHECK(c.after == QStringLiteral("Done"));
                ++reopened;
            }
        }
        CHECK(added == (plan->priorities.size() > 1 ? 1 : 0));
        CHECK(reopened == std::count_if(plan->actions.begin(), plan->actions.end(),
                                        [](const domain::PlanAction &x) { return x.status == domain::ActionStatus::Done; }));
    }
    CHECK(withSnapshot > 0);
}

TEST_CASE("A version-14 file upgrades to 'shared with the customer' with each kind's default, and the history and team tracking see the field",
          "[services][plan][migration]")
{
    test::TempDir dir;
    const QString path = dir.file(QStringLiteral("v14.keystone"));
    {
        // A genuine version-14 file: made by the migrations up to 14, with rows as they wrote
        // them, and the team book's change tracking as a bound file has it.
        storage::OpenOptions v14;
        for (const storage::Migration &m : storage::keystoneMigrations())
            if (m.version <= 14)
                v14.migrations.push_back(m);
        auto db = storage::Database::create(path, v14);
        REQUIRE(db->schemaVersion() == 14);
        const char *now = "'2026-01-01T00:00:00.000Z'";
        db->exec(QStringLiteral("INSERT INTO accounts (id, uuid, name, name_key, arr_cents, currency, created_at, updated_at) "
                                "VALUES (1, 'a1', 'Old Co', 'old co', 100, 'USD', %1, %1)").arg(QLatin1String(now)));
        db->exec(QStringLiteral("INSERT INTO plan_actions (id, uuid, account_id, what, status, due, created_at, updated_at) "
                                "VALUES (1, 'x1', 1, 'Book the review', 'open', '2027-01-10', %1, %1)").arg(QLatin1String(now)));
        db->exec(QStringLiteral("INSERT INTO milestones (id, uuid, account_id, plan, what, due, created_at, updated_at) VALUES "
                                "(1, 'm1', 1, 'success', 'Go live', '2027-02-01', %1, %1), "
                                "(2, 'm2', 1, 'remediation', 'Fix the sync', '2027-02-02', %1, %1)").arg(QLatin1String(now)));
        db->exec(QStringLiteral("CREATE TRIGGER sync_track_plan_actions_update AFTER UPDATE OF uuid, account_id, what, owner_id, due, status, "
                                "done_on, created_at, updated_at ON plan_actions BEGIN INSERT INTO sync_dirty (tbl, rid) VALUES "
                                "('plan_actions', NEW.id); INSERT INTO sync_dirty (tbl, rid) SELECT 'plan_actions', OLD.id WHERE OLD.id IS NOT NEW.id; END"));
        db->exec(QStringLiteral("INSERT INTO sync_state (key, value) VALUES ('tracking', '1')"));
    }
    const qint64 logged = test::queryInt(path, "SELECT count(*) FROM change_log"); // the rows added above
    auto p = Portfolio::open(path);
    CHECK(p->database().schemaVersion() == storage::Database::latestSchemaVersion());
    // No row was rewritten: the flag is unset, and unset reads as the kind's default.
    CHECK(test::queryInt(path, "SELECT count(*) FROM plan_actions WHERE shared IS NULL") == 1);
    CHECK(test::queryInt(path, "SELECT count(*) FROM milestones WHERE shared IS NULL") == 2);
    CHECK(test::queryInt(path, "SELECT count(*) FROM change_log") == logged); // the upgrade changed no row
    services::PlanService plans(*p);
    auto action = p->plan().item<domain::PlanAction>(1);
    auto joint = p->plan().item<domain::Milestone>(1);
    auto fix = p->plan().item<domain::Milestone>(2);
    REQUIRE(action);
    REQUIRE(joint);
    REQUIRE(fix);
    CHECK_FALSE(action->shared);
    CHECK(joint->shared);
    CHECK_FALSE(fix->shared);

    // Sharing the action: written as 1, in the history, and tracked for the team book.
    action->shared = true;
    plans.update(*action);
    CHECK(test::queryInt(path, "SELECT shared FROM plan_actions WHERE id = 1") == 1);
    CHECK(test::queryInt(path, "SELECT count(*) FROM sync_dirty WHERE tbl = 'plan_actions' AND rid = 1") >= 1);
    const auto h = services::loadHistory(*p, 1);
    REQUIRE(h.size() >= 1);
    CHECK(h[0].change == QStringLiteral("Shared with the customer"));
    CHECK(h[0].before == QStringLiteral("—"));
    CHECK(h[0].after == QStringLiteral("Yes"));
    // Unsharing the joint milestone reads back, and says so in the history.
    joint->shared = false;
    plans.update(*joint);
    CHECK_FALSE(p->plan().item<domain::Milestone>(1)->shared);
    const auto h2 = services::loadHistory(*p, 1);
    CHECK(h2[0].item == QStringLiteral("Go live"));
    CHECK(h2[0].after == QStringLiteral("No"));
    // A file that was not bound has no tracker to mend, and one that was now watches the field.
    CHECK(test::queryText(path, QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'sync_track_plan_actions_update'"))
              .contains(QStringLiteral(", shared ON plan_actions")));
    // Version 16's table is tracked in a bound file from the upgrade on: a summary written
    // before the next sync is noted for it.
    CHECK(test::queryInt(path, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'sync_track_qbr_summaries_%'") == 3);
    domain::QbrSummary s;
    s.accountId = 1;
    s.quarter = QStringLiteral("2026Q4");
    s.highlights = {QStringLiteral("Went live")};
    plans.setQbrSummary(s);
    CHECK(test::queryInt(path, "SELECT count(*) FROM sync_dirty WHERE tbl = 'qbr_summaries'") == 1);
}
