// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/relationshipservice.h"

#include "refusal.h"

#include "keystone/services/clock.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/validationerror.h"
#include "keystone/storage/planrepository.h"
#include "keystone/storage/storageerror.h"
#include "keystone/storage/transaction.h"

#include <QSet>

#include <algorithm>

namespace keystone::services {

using domain::Activity;
using domain::Contact;
using domain::InfluenceLink;

namespace {

QList<qint64> participantsOf(const Activity &a)
{
    return QList<qint64>(a.contactIds.begin(), a.contactIds.end());
}

} // namespace

const Contact *StakeholderMap::contact(qint64 id) const
{
    for (const Contact &c : contacts)
        if (c.id == id)
            return &c;
    return nullptr;
}

int StakeholderMap::daysSinceInteraction(qint64 contactId) const
{
    const QDate d = lastInteraction.value(contactId);
    return d.isValid() ? int(d.daysTo(today)) : -1;
}

StakeholderMap loadStakeholderMap(Portfolio &portfolio, qint64 accountId, const QDate &today)
{
    StakeholderMap m;
    m.accountId = accountId;
    m.today = today;
    m.contacts = portfolio.contacts().forAccount(accountId, &m.lastInteraction);
    m.influence = portfolio.contacts().influenceLinks(accountId);
    for (const domain::TeamMember &t : portfolio.team().all())
        m.teamNames.insert(t.id, t.name);
    std::vector<domain::NamedBuyingCenter> centers;
    for (const domain::BuyingCenter &b : portfolio.whitespace().buyingCenters(accountId)) {
        m.buyingCenterNames.insert(b.id, b.name);
        centers.push_back({b.id, b.name});
    }
    m.depth = domain::multithreadingDepth(m.contacts, m.lastInteraction, today);
    m.singleThreaded = domain::isSingleThreaded(m.depth);
    m.gaps = domain::findGaps(m.contacts, centers, m.lastInteraction, today);
    return m;
}

void RelationshipService::validate(const Contact &c, const QString &subject)
{
    if (c.name.simplified().isEmpty())
        refuse(subject, QStringLiteral("name"), QStringLiteral("Name is required"));
    if (!m_portfolio.accounts().byId(c.accountId))
        missing(m_portfolio, QStringLiteral("Account %1").arg(c.accountId));
    if (c.reportsToId > 0) {
        const auto contacts = m_portfolio.contacts().forAccount(c.accountId);
        std::vector<Contact> withThis = contacts;
        auto self = std::find_if(withThis.begin(), withThis.end(), [&](const Contact &x) { return x.id == c.id; });
        if (c.id > 0 && self != withThis.end())
            *self = c;
        if (!std::any_of(contacts.begin(), contacts.end(), [&](const Contact &x) { return x.id == c.reportsToId; })) {
            const auto other = m_portfolio.contacts().byId(c.reportsToId);
            refuse(subject, QStringLiteral("reports_to"),
                   other ? QStringLiteral("'%1' belongs to another account").arg(other->name)
                         : QStringLiteral("contact %1 does not exist").arg(c.reportsToId));
        }
        const QString problem = domain::reportsToProblem(withThis, c.id, c.reportsToId);
        if (!problem.isEmpty())
            refuse(subject, QStringLiteral("reports_to"), problem);
    }
    if (c.buyingCenterId > 0) {
        const auto centers = m_portfolio.whitespace().buyingCenters(c.accountId);
        if (!std::any_of(centers.begin(), centers.end(), [&](const domain::BuyingCenter &b) { return b.id == c.buyingCenterId; }))
            refuse(subject, QStringLiteral("buying_center"), QStringLiteral("buying center %1 is not one of this account's").arg(c.buyingCenterId));
    }
    if (c.coveredById > 0 && !m_portfolio.team().byId(c.coveredById))
        refuse(subject, QStringLiteral("covered_by"), QStringLiteral("team member %1 does not exist").arg(c.coveredById));
    if (c.status == domain::ContactStatus::Departed && c.departedOn.isValid() && c.departedOn > services::today().addDays(1))
        refuse(subject, QStringLiteral("departed_on"), QStringLiteral("the departure date %1 is in the future").arg(c.departedOn.toString(Qt::ISODate)));
}

Contact RelationshipService::createContact(Contact draft)
{
    draft.id = 0;
    draft.name = domain::cleanName(draft.name);
    storage::Transaction tx(m_portfolio.database());
    validate(draft, QStringLiteral("Contact '%1'").arg(draft.name));
    m_portfolio.contacts().insert(draft);
    tx.commit();
    Q_EMIT m_portfolio.contactsChanged(draft.accountId);
    return draft;
}

void RelationshipService::updateContact(const Contact &contact)
{
    Contact c = contact;
    c.name = domain::cleanName(c.name);
    storage::Transaction tx(m_portfolio.database());
    if (!m_portfolio.contacts().byId(c.id))
        missing(m_portfolio, QStringLiteral("Contact '%1'").arg(c.name));
    validate(c, QStringLiteral("Contact '%1'").arg(c.name));
    m_portfolio.contacts().update(c);
    tx.commit();
    Q_EMIT m_portfolio.contactsChanged(c.accountId);
}

qint64 RelationshipService::setReportsTo(qint64 contactId, qint64 managerId)
{
    const auto c = m_portfolio.contacts().byId(contactId);
    if (!c)
        missing(m_portfolio, QStringLiteral("Contact %1").arg(contactId));
    const qint64 before = c->reportsToId;
    Contact after = *c;
    after.reportsToId = managerId;
    updateContact(after);
    return before;
}

RelationshipService::RemovedContact RelationshipService::removeContact(qint64 id)
{
    storage::Transaction tx(m_portfolio.database());
    const auto c = m_portfolio.contacts().byId(id);
    if (!c)
        missing(m_portfolio, QStringLiteral("Contact %1").arg(id));
    RemovedContact removed;
    removed.contact = *c;
    removed.reports = m_portfolio.contacts().directReports(id);
    for (const InfluenceLink &l : m_portfolio.contacts().influenceLinks(c->accountId))
        if (l.fromContactId == id || l.toContactId == id)
            removed.links.push_back(l);
    removed.activityIds = m_portfolio.activities().activityIdsOfContact(id);
    for (const auto &role : m_portfolio.plan().items<domain::SuccessContact>(c->accountId))
        if (role.contactId == id)
            removed.successRoles.push_back(role);
    for (const auto &request : m_portfolio.plan().items<domain::ReferenceRequest>(c->accountId))
        if (request.contactId == id)
            removed.referenceRequests.push_back(request);
    m_portfolio.contacts().setReportsTo(removed.reports, c->reportsToId);
    m_portfolio.contacts().remove(id);
    tx.commit();
    Q_EMIT m_portfolio.contactsChanged(c->accountId);
    if (!removed.activityIds.isEmpty())
        Q_EMIT m_portfolio.activitiesChanged(c->accountId);
    if (!removed.successRoles.empty() || !removed.referenceRequests.empty())
        Q_EMIT m_portfolio.planChanged(c->accountId);
    return removed;
}

void RelationshipService::restoreContact(const RemovedContact &removed)
{
    storage::Transaction tx(m_portfolio.database());
    Contact c = removed.contact;
    if (c.reportsToId > 0 && !m_portfolio.contacts().byId(c.reportsToId))
        c.reportsToId = 0;
    if (c.coveredById > 0 && !m_portfolio.team().byId(c.coveredById))
        c.coveredById = 0;
    m_portfolio.contacts().insert(c);
    m_portfolio.contacts().setReportsTo(removed.reports, c.id);
    std::vector<InfluenceLink> links = removed.links;
    m_portfolio.contacts().insertLinks(links);
    for (qint64 a : removed.activityIds)
        m_portfolio.activities().addParticipant(a, c.id);
    std::vector<domain::SuccessContact> roles = removed.successRoles;
    m_portfolio.plan().insertItems(roles);
    std::vector<domain::ReferenceRequest> requests = removed.referenceRequests;
    m_portfolio.plan().insertItems(requests);
    m_portfolio.contacts().refreshLastInteraction({c.id});
    tx.commit();
    Q_EMIT m_portfolio.contactsChanged(c.accountId);
    if (!removed.activityIds.isEmpty())
        Q_EMIT m_portfolio.activitiesChanged(c.accountId);
    if (!roles.empty() || !requests.empty())
        Q_EMIT m_portfolio.planChanged(c.accountId);
}

InfluenceLink RelationshipService::addInfluence(qint64 accountId, qint64 fromContactId, qint64 toContactId)
{
    const QString subject = QStringLiteral("Influence link");
    if (fromContactId == toContactId)
        refuse(subject, QStringLiteral("to"), QStringLiteral("a contact cannot sway themselves"));
    storage::Transaction tx(m_portfolio.database());
    const auto from = m_portfolio.contacts().byId(fromContactId);
    const auto to = m_portfolio.contacts().byId(toContactId);
    if (!from || !to || from->accountId != accountId || to->accountId != accountId)
        refuse(subject, QStringLiteral("to"), QStringLiteral("both contacts must belong to the account"));
    for (const InfluenceLink &l : m_portfolio.contacts().influenceLinks(accountId))
        if (l.fromContactId == fromContactId && l.toContactId == toContactId)
            refuse(subject, QStringLiteral("to"), QStringLiteral("'%1' already sways '%2'").arg(from->name, to->name));
    InfluenceLink link{0, accountId, fromContactId, toContactId};
    m_portfolio.contacts().insertLink(link);
    tx.commit();
    Q_EMIT m_portfolio.contactsChanged(accountId);
    return link;
}

InfluenceLink RelationshipService::removeInfluence(qint64 linkId)
{
    storage::Transaction tx(m_portfolio.database());
    const auto link = m_portfolio.contacts().influenceLinkById(linkId);
    if (!link)
        missing(m_portfolio, QStringLiteral("Influence link %1").arg(linkId));
    m_portfolio.contacts().removeLink(linkId);
    tx.commit();
    Q_EMIT m_portfolio.contactsChanged(link->accountId);
    return *link;
}

void RelationshipService::restoreInfluence(const InfluenceLink &link)
{
    storage::Transaction tx(m_portfolio.database());
    InfluenceLink l = link;
    m_portfolio.contacts().insertLink(l);
    tx.commit();
    Q_EMIT m_portfolio.contactsChanged(l.accountId);
}

void RelationshipService::validate(const Activity &a)
{
    const QString subject = QStringLiteral("Activity of %1").arg(a.date.toString(Qt::ISODate));
    if (!a.date.isValid())
        refuse(QStringLiteral("Activity"), QStringLiteral("date"), QStringLiteral("Date is required"));
    if (!m_portfolio.accounts().byId(a.accountId))
        missing(m_portfolio, QStringLiteral("Account %1").arg(a.accountId));
    if (!a.contactIds.empty()) {
        QSet<qint64> own;
        for (const Contact &c : m_portfolio.contacts().forAccount(a.accountId))
            own.insert(c.id);
        for (qint64 id : a.contactIds)
            if (!own.contains(id))
                refuse(subject, QStringLiteral("contacts"), QStringLiteral("contact %1 is not one of this account's").arg(id));
    }
    for (qint64 id : a.teamMemberIds)
        if (!m_portfolio.team().byId(id))
            refuse(subject, QStringLiteral("team"), QStringLiteral("team member %1 does not exist").arg(id));
    if (a.summary.trimmed().isEmpty())
        refuse(subject, QStringLiteral("summary"), QStringLiteral("Summary is required"));
}

Activity RelationshipService::createActivity(Activity draft)
{
    draft.id = 0;
    storage::Transaction tx(m_portfolio.database());
    validate(draft);
    m_portfolio.activities().insert(draft);
    m_portfolio.contacts().refreshLastInteraction(participantsOf(draft));
    tx.commit();
    Q_EMIT m_portfolio.activitiesChanged(draft.accountId);
    return draft;
}

void RelationshipService::updateActivity(const Activity &activity)
{
    storage::Transaction tx(m_portfolio.database());
    const auto before = m_portfolio.activities().byId(activity.id);
    if (!before)
        missing(m_portfolio, QStringLiteral("Activity %1").arg(activity.id));
    validate(activity);
    m_portfolio.activities().update(activity);
    QList<qint64> touched = participantsOf(*before) + participantsOf(activity);
    m_portfolio.contacts().refreshLastInteraction(touched);
    tx.commit();
    Q_EMIT m_portfolio.activitiesChanged(activity.accountId);
}

Activity RelationshipService::removeActivity(qint64 id)
{
    storage::Transaction tx(m_portfolio.database());
    const auto a = m_portfolio.activities().byId(id);
    if (!a)
        missing(m_portfolio, QStringLiteral("Activity %1").arg(id));
    m_portfolio.activities().remove(id);
    m_portfolio.contacts().refreshLastInteraction(participantsOf(*a));
    tx.commit();
    Q_EMIT m_portfolio.activitiesChanged(a->accountId);
    return *a;
}

void RelationshipService::restoreActivity(const Activity &activity)
{
    storage::Transaction tx(m_portfolio.database());
    Activity a = activity;
    // Participants deleted meanwhile are left out rather than failing the undo.
    QSet<qint64> own;
    for (const Contact &c : m_portfolio.contacts().forAccount(a.accountId))
        own.insert(c.id);
    a.contactIds.erase(std::remove_if(a.contactIds.begin(), a.contactIds.end(), [&](qint64 c) { return !own.contains(c); }), a.contactIds.end());
    m_portfolio.activities().insert(a);
    m_portfolio.contacts().refreshLastInteraction(participantsOf(a));
    tx.commit();
    Q_EMIT m_portfolio.activitiesChanged(a.accountId);
}

} // namespace keystone::services
