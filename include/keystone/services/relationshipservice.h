// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/plan.h"
#include "keystone/domain/relationship.h"

#include <QDate>
#include <QHash>
#include <QList>

#include <vector>

namespace keystone::services {

class Portfolio;

// Everything the map, the contacts table, the gaps panel and `keystone-cli stakeholders`
// show for one account, loaded in a handful of queries and computed by the domain rules.
struct StakeholderMap {
    qint64 accountId = 0;
    QDate today;
    std::vector<domain::Contact> contacts;          // by name
    std::vector<domain::InfluenceLink> influence;
    QHash<qint64, QDate> lastInteraction;            // contact -> latest activity
    QHash<qint64, QString> teamNames;                // team member -> name
    QHash<qint64, QString> buyingCenterNames;        // buying center -> name
    int depth = 0;
    bool singleThreaded = true;
    std::vector<domain::Gap> gaps;
    const domain::Contact *contact(qint64 id) const;
    int daysSinceInteraction(qint64 contactId) const; // -1 = never
};
StakeholderMap loadStakeholderMap(Portfolio &portfolio, qint64 accountId, const QDate &today);

// Use cases on contacts, influence links and activities. Each call is one transaction and
// ends with contactsChanged or activitiesChanged; removals return what they took for undo.
class RelationshipService
{
public:
    explicit RelationshipService(Portfolio &portfolio) : m_portfolio(portfolio) {}

    // Refused (ValidationError naming the field): no name, a reports-to that is the contact
    // itself, one of its own reports or in another account, a buying center of another
    // account, an unknown covering team member.
    domain::Contact createContact(domain::Contact draft);
    void updateContact(const domain::Contact &contact);
    // Changes whom a contact reports to (drag on the map); returns the previous manager.
    qint64 setReportsTo(qint64 contactId, qint64 managerId);

    struct RemovedContact {
        domain::Contact contact;
        QList<qint64> reports;                     // moved up to the contact's manager
        std::vector<domain::InfluenceLink> links;  // its influence links
        QList<qint64> activityIds;                 // activities it took part in
        // Rows that go with the contact (ON DELETE CASCADE) and come back on undo.
        std::vector<domain::SuccessContact> successRoles;        // its roles in the success plan
        std::vector<domain::ReferenceRequest> referenceRequests; // the references asked of it
    };
    // The contact's direct reports move up one level (to its manager). Everything that
    // refers to the contact is kept in the result, so restoreContact() puts all of it back.
    RemovedContact removeContact(qint64 id);
    void restoreContact(const RemovedContact &removed);

    domain::InfluenceLink addInfluence(qint64 accountId, qint64 fromContactId, qint64 toContactId);
    domain::InfluenceLink removeInfluence(qint64 linkId);
    void restoreInfluence(const domain::InfluenceLink &link);

    // Activities: the participants' last interaction is refreshed in the same transaction.
    domain::Activity createActivity(domain::Activity draft);
    void updateActivity(const domain::Activity &activity);
    domain::Activity removeActivity(qint64 id);
    void restoreActivity(const domain::Activity &activity);

private:
    void validate(const domain::Contact &c, const QString &subject);
    void validate(const domain::Activity &a);
    Portfolio &m_portfolio;
};

} // namespace keystone::services
