// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/domain/relationship.h"

#include "enumnames.h"

#include <QSet>

#include <algorithm>
#include <array>

namespace keystone::domain {

namespace {

const EnumNames<BuyingRole, 9> kRoles{{"Economic buyer", "Decision maker", "Technical evaluator", "Influencer", "Champion", "Coach", "User",
                                       "Gatekeeper", "Executive sponsor"}};
const EnumNames<Stance, 5> kStances{{"Champion", "Supporter", "Neutral", "Skeptic", "Detractor"}};
const EnumNames<Influence, 3> kInfluence{{"High", "Medium", "Low"}};
const EnumNames<RelationshipLevel, 4> kLevels{{"Vendor", "Credible source", "Problem solver", "Trusted advisor"}};
const EnumNames<ContactStatus, 2> kStatus{{"Active", "Departed"}};
const EnumNames<ActivityType, 7> kActivities{{"Call", "Meeting", "Email", "QBR", "Executive review", "Onsite", "Internal review"}};

bool within(const QDate &date, const QDate &today, int days)
{
    return date.isValid() && date <= today && date.daysTo(today) <= days;
}

} // namespace

QString buyingRoleName(BuyingRole v) { return kRoles.name(v); }
QString buyingRoleKey(BuyingRole v) { return kRoles.key(v); }
std::optional<BuyingRole> parseBuyingRole(const QString &text) { return kRoles.parse(text); }
QString stanceName(Stance v) { return kStances.name(v); }
QString stanceKey(Stance v) { return kStances.key(v); }
std::optional<Stance> parseStance(const QString &text) { return kStances.parse(text); }
QString influenceName(Influence v) { return kInfluence.name(v); }
QString influenceKey(Influence v) { return kInfluence.key(v); }
std::optional<Influence> parseInfluence(const QString &text) { return kInfluence.parse(text); }
QString relationshipLevelName(RelationshipLevel v) { return kLevels.name(v); }
QString relationshipLevelKey(RelationshipLevel v) { return kLevels.key(v); }
std::optional<RelationshipLevel> parseRelationshipLevel(const QString &text) { return kLevels.parse(text); }
QString contactStatusKey(ContactStatus v) { return kStatus.key(v); }
std::optional<ContactStatus> parseContactStatus(const QString &text) { return kStatus.parse(text); }
QString activityTypeName(ActivityType v) { return kActivities.name(v); }
QString activityTypeKey(ActivityType v) { return kActivities.key(v); }
std::optional<ActivityType> parseActivityType(const QString &text) { return kActivities.parse(text); }
QStringList buyingRoleNames() { return kRoles.all(); }
QStringList stanceNames() { return kStances.all(); }
QStringList influenceNames() { return kInfluence.all(); }
QStringList relationshipLevelNames() { return kLevels.all(); }
QStringList activityTypeNames() { return kActivities.all(); }

QString roleBadge(BuyingRole v)
{
    static const char *const badges[] = {"EB", "DM", "TE", "IN", "CH", "CO", "US", "GK", "ES"};
    return QString::fromLatin1(badges[size_t(v)]);
}

bool Contact::isKey() const
{
    return influence == Influence::High || role == BuyingRole::EconomicBuyer || role == BuyingRole::DecisionMaker
           || role == BuyingRole::ExecutiveSponsor || role == BuyingRole::Champion;
}

QHash<qint64, QDate> lastInteractions(std::span<const Activity> activities)
{
    QHash<qint64, QDate> last;
    for (const Activity &a : activities) {
        for (qint64 c : a.contactIds) {
            QDate &d = last[c];
            if (!d.isValid() || a.date > d)
                d = a.date;
        }
    }
    return last;
}

int multithreadingDepth(std::span<const Contact> contacts, const QHash<qint64, QDate> &lastInteraction, const QDate &today)
{
    int depth = 0;
    for (const Contact &c : contacts)
        if (c.isActive() && within(lastInteraction.value(c.id), today, kDepthWindowDays))
            ++depth;
    return depth;
}

std::vector<Gap> findGaps(std::span<const Contact> contacts, std::span<const NamedBuyingCenter> buyingCenters,
                          const QHash<qint64, QDate> &lastInteraction, const QDate &today)
{
    std::vector<Gap> gaps;
    std::vector<qint64> economicBuyers, notMet, departedChampions, blockers, belowTarget;
    bool champion = false;
    QSet<qint64> coveredCenters;
    for (const Contact &c : contacts) {
        if (!c.isActive()) {
            if (c.isChampion() && (!c.departedOn.isValid() || within(c.departedOn, today, kDepartedChampionDays)))
                departedChampions.push_back(c.id);
            continue;
        }
        if (c.buyingCenterId > 0)
            coveredCenters.insert(c.buyingCenterId);
        if (c.role == BuyingRole::EconomicBuyer) {
            economicBuyers.push_back(c.id);
            if (!within(lastInteraction.value(c.id), today, kEconomicBuyerWindowDays))
                notMet.push_back(c.id);
        }
        champion = champion || c.isChampion();
        if (c.influence == Influence::High && (c.stance == Stance::Skeptic || c.stance == Stance::Detractor) && c.coveredById == 0)
            blockers.push_back(c.id);
        if (c.isKey() && c.level < c.targetLevel)
            belowTarget.push_back(c.id);
    }
    if (economicBuyers.empty())
        gaps.push_back({QStringLiteral("no_economic_buyer"), {}, QStringLiteral("No economic buyer known"), 0});
    else if (!notMet.empty())
        gaps.push_back({QStringLiteral("economic_buyer_not_met"), notMet,
                        QStringLiteral("Economic buyer not met in %1 days").arg(kEconomicBuyerWindowDays), 0});
    if (!champion)
        gaps.push_back({QStringLiteral("no_champion"), {}, QStringLiteral("No champion"), 0});
    if (!departedChampions.empty())
        gaps.push_back({QStringLiteral("champion_departed"), departedChampions,
                        departedChampions.size() == 1 ? QStringLiteral("A champion departed")
                                                      : QStringLiteral("%1 champions departed").arg(departedChampions.size()),
                        0});
    for (qint64 id : blockers)
        gaps.push_back({QStringLiteral("uncovered_blocker"), {id}, QStringLiteral("High-influence skeptic or detractor with no covering team member"), 0});
    for (const NamedBuyingCenter &bc : buyingCenters)
        if (!coveredCenters.contains(bc.id))
            gaps.push_back({QStringLiteral("buying_center_without_contact"), {}, QStringLiteral("No contact in buying center '%1'").arg(bc.name), bc.id});
    if (!belowTarget.empty())
        gaps.push_back({QStringLiteral("level_below_target"), belowTarget,
                        belowTarget.size() == 1 ? QStringLiteral("A key contact is below the relationship level we want")
                                                : QStringLiteral("%1 key contacts are below the relationship level we want").arg(belowTarget.size()),
                        0});
    return gaps;
}

QString reportsToProblem(std::span<const Contact> contacts, qint64 contactId, qint64 managerId)
{
    if (managerId == 0)
        return {};
    if (managerId == contactId)
        return QStringLiteral("a contact cannot report to themselves");
    QHash<qint64, const Contact *> byId;
    for (const Contact &c : contacts)
        byId.insert(c.id, &c);
    const Contact *manager = byId.value(managerId);
    const Contact *self = byId.value(contactId);
    if (!manager)
        return QStringLiteral("contact %1 does not exist").arg(managerId);
    if (self && manager->accountId != self->accountId)
        return QStringLiteral("'%1' belongs to another account").arg(manager->name);
    // Walk up from the new manager: meeting the contact means the manager reports to them.
    QSet<qint64> seen;
    for (const Contact *up = manager; up; up = byId.value(up->reportsToId)) {
        if (up->id == contactId)
            return QStringLiteral("'%1' reports to '%2' (directly or through others), so '%2' cannot report to '%1'")
                .arg(manager->name, self ? self->name : QString::number(contactId));
        if (seen.contains(up->id))
            break; // a cycle already stored; not this change's doing
        seen.insert(up->id);
    }
    return {};
}

} // namespace keystone::domain
