// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Contacts, activities and the relationship caches.
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

TEST_CASE("Contacts: a reports-to cycle is refused, and deleting a manager moves the reports up until undone",
          "[services][relationship]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("r.keystone")));
    services::AccountService accounts(*p);
    services::RelationshipService svc(*p);
    const qint64 acct = accounts.create(draft(QStringLiteral("Initech"))).id;
    const qint64 other = accounts.create(draft(QStringLiteral("Globex"))).id;
    // CEO <- VP <- Director, Analyst
    const domain::Contact ceo = svc.createContact(person(acct, "Bill Lumbergh"));
    const domain::Contact vp = svc.createContact(person(acct, "Dom Portwood", ceo.id));
    const domain::Contact dir1 = svc.createContact(person(acct, "Milton Waddams", vp.id));
    const domain::Contact dir2 = svc.createContact(person(acct, "Peter Gibbons", vp.id));
    const domain::Contact outsider = svc.createContact(person(other, "Hank Scorpio"));

    // The CEO cannot report to the director who reports to him through the VP.
    try {
        svc.setReportsTo(ceo.id, dir1.id);
        FAIL("cycle accepted");
    } catch (const services::ValidationError &e) {
        CHECK(e.errors().first().field == QStringLiteral("reports_to"));
        CHECK(e.message().contains(QStringLiteral("'Milton Waddams' reports to 'Bill Lumbergh'")));
    }
    CHECK_THROWS_AS(svc.setReportsTo(vp.id, vp.id), services::ValidationError);
    CHECK_THROWS_AS(svc.setReportsTo(vp.id, outsider.id), services::ValidationError);
    CHECK(p->contacts().byId(ceo.id)->reportsToId == 0); // nothing written

    // Activities with the VP: last interaction and influence links come along on undo.
    domain::Activity meeting;
    meeting.accountId = acct;
    meeting.date = QDate(2026, 11, 2);
    meeting.summary = QStringLiteral("Roadmap");
    meeting.contactIds = {vp.id, dir1.id};
    const domain::Activity saved = svc.createActivity(meeting);
    svc.addInfluence(acct, vp.id, dir2.id);
    // The VP is the success plan's champion and was asked for a reference: the database
    // drops both with the contact (ON DELETE CASCADE), and undo must bring both back.
    services::PlanService plans(*p);
    domain::SuccessContact championRole;
    championRole.accountId = acct;
    championRole.contactId = vp.id;
    championRole.role = domain::SuccessRole::Champion;
    const domain::SuccessContact role = plans.add(championRole);
    domain::ReferenceRequest ask;
    ask.accountId = acct;
    ask.contactId = vp.id;
    ask.date = QDate(2026, 10, 5);
    ask.purpose = QStringLiteral("Call with a prospect in logistics");
    const domain::ReferenceRequest request = plans.add(ask);

    QSignalSpy changed(p.get(), &Portfolio::contactsChanged);
    QSignalSpy planChanged(p.get(), &Portfolio::planChanged);
    const auto removed = svc.removeContact(vp.id);
    CHECK(changed.size() == 1);
    CHECK(planChanged.size() == 1);
    CHECK(p->plan().items<domain::SuccessContact>(acct).empty());
    CHECK(p->plan().items<domain::ReferenceRequest>(acct).empty());
    CHECK(removed.reports == QList<qint64>{dir1.id, dir2.id});
    CHECK(p->contacts().byId(dir1.id)->reportsToId == ceo.id); // moved up one level
    CHECK(p->contacts().byId(dir2.id)->reportsToId == ceo.id);
    CHECK(p->contacts().influenceLinks(acct).empty());
    CHECK(p->activities().byId(saved.id)->contactIds == std::vector<qint64>{dir1.id});

    svc.restoreContact(removed);
    CHECK(p->contacts().byId(vp.id)->name == QStringLiteral("Dom Portwood"));
    CHECK(p->contacts().byId(dir1.id)->reportsToId == vp.id);
    CHECK(p->contacts().byId(dir2.id)->reportsToId == vp.id);
    CHECK(p->contacts().influenceLinks(acct).size() == 1);
    CHECK(p->activities().byId(saved.id)->contactIds == std::vector<qint64>{vp.id, dir1.id});
    CHECK(p->plan().items<domain::SuccessContact>(acct) == std::vector<domain::SuccessContact>{role});
    const auto requests = p->plan().items<domain::ReferenceRequest>(acct);
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].id == request.id);
    CHECK(requests[0].date == QDate(2026, 10, 5));
    CHECK(requests[0].purpose == ask.purpose);
    CHECK(planChanged.size() == 2);
    QHash<qint64, QDate> last;
    p->contacts().forAccount(acct, &last);
    CHECK(last.value(vp.id) == QDate(2026, 11, 2));
    CHECK(p->contacts().staleLastInteractions().isEmpty());
}

TEST_CASE("Activities keep last interaction and depth in step, by the cache and by the log", "[services][relationship]")
{
    test::TempDir dir;
    auto p = Portfolio::create(dir.file(QStringLiteral("a.keystone")));
    services::AccountService accounts(*p);
    services::RelationshipService svc(*p);
    const qint64 acct = accounts.create(draft(QStringLiteral("Initech"))).id;
    const domain::Contact a = svc.createContact(person(acct, "Ann"));
    const domain::Contact b = svc.createContact(person(acct, "Bob"));
    const QDate today(2026, 11, 23);

    auto depthFromCache = [&] { return p->contacts().depthByAccount(today.addDays(-domain::kDepthWindowDays)).value(acct); };
    auto depthFromLog = [&] {
        const auto contacts = p->contacts().forAccount(acct);
        const auto log = p->activities().forAccount(acct);
        return domain::multithreadingDepth(contacts, domain::lastInteractions(log), today);
    };
    CHECK(depthFromCache() == 0);

    domain::Activity call;
    call.accountId = acct;
    call.type = domain::ActivityType::Call;
    call.date = today.addDays(-100); // outside the window
    call.summary = QStringLiteral("Intro");
    call.contactIds = {a.id};
    domain::Activity saved = svc.createActivity(call);
    CHECK(depthFromCache() == 0);
    CHECK(depthFromLog() == 0);

    saved.date = today.addDays(-5);
    saved.contactIds = {a.id, b.id};
    svc.updateActivity(saved);
    CHECK(depthFromCache() == 2);
    CHECK(depthFromLog() == 2);

    const domain::Activity gone = svc.removeActivity(saved.id);
    CHECK(depthFromCache() == 0);
    svc.restoreActivity(gone);
    CHECK(depthFromCache() == 2);
    CHECK(p->activities().byId(saved.id)->date == today.addDays(-5));

    // A summary is required; a contact of another account is refused.
    domain::Activity bad = call;
    bad.summary.clear();
    CHECK_THROWS_AS(svc.createActivity(bad), services::ValidationError);
    CHECK(p->activities().count() == 1);
}

TEST_CASE("The demo's relationship data is consistent with its caches", "[services][demo][relationship]")
{
    test::TempDir dir;
    demo::DemoOptions o;
    o.accounts = 150;
    o.seed = 4;
    o.today = QDate(2026, 11, 23);
    demo::generateDemo(dir.file(QStringLiteral("d.keystone")), o);
    auto p = Portfolio::open(dir.file(QStringLiteral("d.keystone")));
    CHECK(p->contacts().staleLastInteractions().isEmpty());
    const auto depth = p->contacts().depthByAccount(o.today.addDays(-domain::kDepthWindowDays));
    int single = 0, checked = 0;
    for (const domain::Account &a : p->accounts().all()) {
        const auto contacts = p->contacts().forAccount(a.id);
        CHECK(contacts.size() >= 5);
        const int fromLog = domain::multithreadingDepth(contacts, domain::lastInteractions(p->activities().forAccount(a.id)), o.today);
        CHECK(depth.value(a.id) == fromLog);
        single += domain::isSingleThreaded(fromLog) ? 1 : 0;
        ++checked;
    }
    // Some single-threaded accounts, but not most.
    CHECK(single > 0);
    CHECK(single < checked / 2);
}
