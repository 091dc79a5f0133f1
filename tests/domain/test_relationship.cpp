// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "testsupport.h"

#include "keystone/domain/relationship.h"

#include <algorithm>
#include <vector>

using namespace keystone::domain;

namespace {
const QDate kMapToday(2026, 11, 23);

Contact contact(qint64 id, BuyingRole role, Stance stance = Stance::Neutral, Influence influence = Influence::Medium)
{
    Contact c;
    c.id = id;
    c.accountId = 1;
    c.name = QStringLiteral("C%1").arg(id);
    c.role = role;
    c.stance = stance;
    c.influence = influence;
    return c;
}

Activity activity(const QDate &date, std::vector<qint64> contacts)
{
    Activity a;
    a.accountId = 1;
    a.date = date;
    a.contactIds = std::move(contacts);
    return a;
}

std::vector<QString> rules(const std::vector<Gap> &gaps)
{
    std::vector<QString> out;
    for (const Gap &g : gaps)
        out.push_back(g.rule);
    return out;
}

bool has(const std::vector<Gap> &gaps, const char *rule)
{
    return std::any_of(gaps.begin(), gaps.end(), [&](const Gap &g) { return g.rule == QLatin1String(rule); });
}

const Gap &gap(const std::vector<Gap> &gaps, const char *rule)
{
    return *std::find_if(gaps.begin(), gaps.end(), [&](const Gap &g) { return g.rule == QLatin1String(rule); });
}
} // namespace

TEST_CASE("Names and keys of the relationship enums round-trip", "[domain][relationship]")
{
    CHECK(buyingRoleKey(BuyingRole::EconomicBuyer) == QStringLiteral("economic_buyer"));
    CHECK(parseBuyingRole(QStringLiteral("Economic Buyer")) == BuyingRole::EconomicBuyer);
    CHECK(parseBuyingRole(QStringLiteral("executive_sponsor")) == BuyingRole::ExecutiveSponsor);
    CHECK_FALSE(parseBuyingRole(QStringLiteral("boss")));
    CHECK(parseRelationshipLevel(QStringLiteral("trusted advisor")) == RelationshipLevel::TrustedAdvisor);
    CHECK(parseActivityType(QStringLiteral("qbr")) == ActivityType::Qbr);
    CHECK(activityTypeKey(ActivityType::ExecutiveReview) == QStringLiteral("executive_review"));
    CHECK(RelationshipLevel::Vendor < RelationshipLevel::TrustedAdvisor);
    CHECK(roleBadge(BuyingRole::DecisionMaker) == QStringLiteral("DM"));
}

TEST_CASE("Multithreading depth counts active contacts met in the last 90 days", "[domain][relationship]")
{
    std::vector<Contact> contacts{contact(1, BuyingRole::User), contact(2, BuyingRole::User), contact(3, BuyingRole::User),
                                  contact(4, BuyingRole::User)};
    contacts[3].status = ContactStatus::Departed; // met yesterday, but gone: excluded
    const std::vector<Activity> log{
        activity(kMapToday.addDays(-90), {1}),  // on the edge: inside
        activity(kMapToday.addDays(-91), {2}),  // one day outside
        activity(kMapToday.addDays(-200), {3}), // long ago...
        activity(kMapToday.addDays(-1), {4}),
    };
    auto last = lastInteractions(log);
    CHECK(multithreadingDepth(contacts, last, kMapToday) == 1);
    CHECK(isSingleThreaded(1));
    // ...until contact 3 and 2 are met again; the latest date wins.
    std::vector<Activity> more = log;
    more.push_back(activity(kMapToday.addDays(-10), {2, 3}));
    last = lastInteractions(more);
    CHECK(last.value(3) == kMapToday.addDays(-10));
    CHECK(multithreadingDepth(contacts, last, kMapToday) == 3);
    CHECK_FALSE(isSingleThreaded(2));
}

TEST_CASE("Each gap rule fires on its own condition", "[domain][relationship]")
{
    // A healthy map: an economic buyer met last month, a champion, a covered skeptic.
    std::vector<Contact> healthy{contact(1, BuyingRole::EconomicBuyer), contact(2, BuyingRole::Champion, Stance::Champion),
                                 contact(3, BuyingRole::TechnicalEvaluator, Stance::Skeptic, Influence::High)};
    healthy[2].coveredById = 7;
    healthy[0].buyingCenterId = 10;
    QHash<qint64, QDate> last{{1, kMapToday.addDays(-30)}};
    const std::vector<NamedBuyingCenter> centers{{10, QStringLiteral("Finance")}};
    CHECK(findGaps(healthy, centers, last, kMapToday).empty());

    SECTION("no economic buyer")
    {
        auto c = healthy;
        c[0].role = BuyingRole::Influencer;
        CHECK(rules(findGaps(c, centers, last, kMapToday)) == std::vector<QString>{QStringLiteral("no_economic_buyer")});
    }
    SECTION("economic buyer not met in 180 days: 180 is met, 181 is not")
    {
        CHECK(findGaps(healthy, centers, {{1, kMapToday.addDays(-180)}}, kMapToday).empty());
        const auto gaps = findGaps(healthy, centers, {{1, kMapToday.addDays(-181)}}, kMapToday);
        REQUIRE(rules(gaps) == std::vector<QString>{QStringLiteral("economic_buyer_not_met")});
        CHECK(gaps[0].contactIds == std::vector<qint64>{1});
        CHECK(has(findGaps(healthy, centers, {}, kMapToday), "economic_buyer_not_met")); // never met
    }
    SECTION("no champion, and a departed champion")
    {
        auto c = healthy;
        c[1].status = ContactStatus::Departed;
        c[1].departedOn = kMapToday.addDays(-20);
        const auto gaps = findGaps(c, centers, last, kMapToday);
        CHECK(rules(gaps) == std::vector<QString>{QStringLiteral("no_champion"), QStringLiteral("champion_departed")});
        CHECK(gap(gaps, "champion_departed").contactIds == std::vector<qint64>{2});
        // Two years later the departure is history; the missing champion is still a gap.
        c[1].departedOn = kMapToday.addDays(-400);
        CHECK(rules(findGaps(c, centers, last, kMapToday)) == std::vector<QString>{QStringLiteral("no_champion")});
    }
    SECTION("a champion by stance counts as a champion")
    {
        auto c = healthy;
        c[1].role = BuyingRole::User;
        CHECK(findGaps(c, centers, last, kMapToday).empty());
    }
    SECTION("a high-influence skeptic or detractor without a covering team member")
    {
        auto c = healthy;
        c[2].coveredById = 0;
        const auto gaps = findGaps(c, centers, last, kMapToday);
        REQUIRE(rules(gaps) == std::vector<QString>{QStringLiteral("uncovered_blocker")});
        CHECK(gaps[0].contactIds == std::vector<qint64>{3});
        c[2].influence = Influence::Medium; // not high: no gap
        CHECK(findGaps(c, centers, last, kMapToday).empty());
        c[2].influence = Influence::High;
        c[2].stance = Stance::Detractor;
        CHECK(has(findGaps(c, centers, last, kMapToday), "uncovered_blocker"));
    }
    SECTION("a buying center with no active contact")
    {
        const std::vector<NamedBuyingCenter> more{{10, QStringLiteral("Finance")}, {11, QStringLiteral("Plant Lyon")}};
        const auto gaps = findGaps(healthy, more, last, kMapToday);
        REQUIRE(rules(gaps) == std::vector<QString>{QStringLiteral("buying_center_without_contact")});
        CHECK(gaps[0].buyingCenterId == 11);
        CHECK(gaps[0].message == QStringLiteral("No contact in buying center 'Plant Lyon'"));
    }
    SECTION("a key contact below the level we want; others are not checked")
    {
        auto c = healthy;
        c[0].targetLevel = RelationshipLevel::TrustedAdvisor;
        c[0].level = RelationshipLevel::ProblemSolver;
        c.push_back(contact(4, BuyingRole::User, Stance::Neutral, Influence::Low));
        c[3].targetLevel = RelationshipLevel::TrustedAdvisor; // not key
        const auto gaps = findGaps(c, centers, last, kMapToday);
        REQUIRE(rules(gaps) == std::vector<QString>{QStringLiteral("level_below_target")});
        CHECK(gaps[0].contactIds == std::vector<qint64>{1});
    }
}

TEST_CASE("Reports-to changes that would make a cycle are refused", "[domain][relationship]")
{
    // 1 <- 2 <- 3 (3 reports to 2, 2 reports to 1)
    std::vector<Contact> c{contact(1, BuyingRole::EconomicBuyer), contact(2, BuyingRole::User), contact(3, BuyingRole::User)};
    c[1].reportsToId = 1;
    c[2].reportsToId = 2;
    CHECK(reportsToProblem(c, 3, 1).isEmpty());
    CHECK(reportsToProblem(c, 1, 0).isEmpty());
    CHECK(reportsToProblem(c, 2, 2) == QStringLiteral("a contact cannot report to themselves"));
    CHECK(reportsToProblem(c, 1, 3) == QStringLiteral("'C3' reports to 'C1' (directly or through others), so 'C1' cannot report to 'C3'"));
    CHECK(reportsToProblem(c, 1, 2).contains(QStringLiteral("cannot report")));
    c[2].accountId = 2;
    CHECK(reportsToProblem(c, 1, 3) == QStringLiteral("'C3' belongs to another account"));
}
