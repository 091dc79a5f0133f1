// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QDate>
#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>
#include <span>
#include <vector>

namespace keystone::domain {

// Relationship (stakeholder) map and activity log (domain.md sections 5 and 9).
enum class BuyingRole { EconomicBuyer, DecisionMaker, TechnicalEvaluator, Influencer, Champion, Coach, User, Gatekeeper, ExecutiveSponsor };
enum class Stance { Champion, Supporter, Neutral, Skeptic, Detractor };
enum class Influence { High, Medium, Low };
// Ours with them, in order: Vendor < Credible source < Problem solver < Trusted advisor.
enum class RelationshipLevel { Vendor, CredibleSource, ProblemSolver, TrustedAdvisor };
enum class ContactStatus { Active, Departed };
enum class ActivityType { Call, Meeting, Email, Qbr, ExecutiveReview, Onsite, InternalReview };

// Display names ("Economic buyer") and keys ("economic_buyer", the stored and JSON form).
// parse*() accepts either, in any case.
QString buyingRoleName(BuyingRole v);
QString buyingRoleKey(BuyingRole v);
std::optional<BuyingRole> parseBuyingRole(const QString &text);
QString roleBadge(BuyingRole v); // two letters for a map card: "EB", "DM", ...
QString stanceName(Stance v);
QString stanceKey(Stance v);
std::optional<Stance> parseStance(const QString &text);
QString influenceName(Influence v);
QString influenceKey(Influence v);
std::optional<Influence> parseInfluence(const QString &text);
QString relationshipLevelName(RelationshipLevel v);
QString relationshipLevelKey(RelationshipLevel v);
std::optional<RelationshipLevel> parseRelationshipLevel(const QString &text);
QString contactStatusKey(ContactStatus v); // "active", "departed"
std::optional<ContactStatus> parseContactStatus(const QString &text);
QString activityTypeName(ActivityType v);
QString activityTypeKey(ActivityType v);
std::optional<ActivityType> parseActivityType(const QString &text);
QStringList buyingRoleNames();
QStringList stanceNames();
QStringList influenceNames();
QStringList relationshipLevelNames();
QStringList activityTypeNames();

struct Contact {
    qint64 id = 0;
    QString uuid;
    qint64 accountId = 0;
    QString name;
    QString title;
    QString email;
    QString department;
    qint64 buyingCenterId = 0; // 0 = none
    qint64 reportsToId = 0;    // 0 = top of the org chart
    BuyingRole role = BuyingRole::User;
    Stance stance = Stance::Neutral;
    Influence influence = Influence::Medium;
    ContactStatus status = ContactStatus::Active;
    QDate departedOn;          // when status is Departed
    qint64 coveredById = 0;    // our team member; 0 = uncovered
    RelationshipLevel level = RelationshipLevel::Vendor;
    RelationshipLevel targetLevel = RelationshipLevel::Vendor;
    QString notes;
    bool isActive() const { return status == ContactStatus::Active; }
    // A champion by buying role or by stance.
    bool isChampion() const { return role == BuyingRole::Champion || stance == Stance::Champion; }
    // Key contacts are the ones whose relationship level is checked against the target:
    // high influence, or economic buyer, decision maker, executive sponsor or champion.
    bool isKey() const;
    bool operator==(const Contact &) const = default;
};

// "A sways B" beyond the org chart.
struct InfluenceLink {
    qint64 id = 0;
    qint64 accountId = 0;
    qint64 fromContactId = 0;
    qint64 toContactId = 0;
    bool operator==(const InfluenceLink &) const = default;
};

struct Activity {
    qint64 id = 0;
    QString uuid;
    qint64 accountId = 0;
    QDate date;
    ActivityType type = ActivityType::Meeting;
    QString summary;
    QString nextStep;
    std::vector<qint64> contactIds;    // participants from the customer
    std::vector<qint64> teamMemberIds; // participants from our team
    bool operator==(const Activity &) const = default;
};

// The window of multithreading depth, and of "economic buyer not met".
constexpr int kDepthWindowDays = 90;
constexpr int kEconomicBuyerWindowDays = 180;
// A departed champion stays a gap for this long after leaving.
constexpr int kDepartedChampionDays = 365;

// Latest activity date per contact.
QHash<qint64, QDate> lastInteractions(std::span<const Activity> activities);

// Active contacts with an interaction in the last 90 days (today - date <= 90).
int multithreadingDepth(std::span<const Contact> contacts, const QHash<qint64, QDate> &lastInteraction, const QDate &today);
inline bool isSingleThreaded(int depth)
{
    return depth <= 1;
}

// Gaps of section 5. `rule` is a stable key users script against.
struct Gap {
    QString rule; // no_economic_buyer, economic_buyer_not_met, no_champion, champion_departed,
                  // uncovered_blocker, buying_center_without_contact, level_below_target
    std::vector<qint64> contactIds;
    QString message;
    qint64 buyingCenterId = 0; // buying_center_without_contact
    bool operator==(const Gap &) const = default;
};
struct NamedBuyingCenter {
    qint64 id = 0;
    QString name;
};
std::vector<Gap> findGaps(std::span<const Contact> contacts, std::span<const NamedBuyingCenter> buyingCenters,
                          const QHash<qint64, QDate> &lastInteraction, const QDate &today);

// Why `contactId` cannot report to `managerId` (empty when it can): not to themselves, not
// to one of their own reports (a cycle), not to a contact of another account.
QString reportsToProblem(std::span<const Contact> contacts, qint64 contactId, qint64 managerId);

} // namespace keystone::domain
