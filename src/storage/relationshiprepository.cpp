// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/storage/relationshiprepository.h"

#include "keystone/storage/database.h"
#include "rawstatement.h"
#include "sqlvalues.h"

#include <QStringList>
#include <QUuid>

namespace keystone::storage {

using domain::Activity;
using domain::Contact;
using domain::InfluenceLink;

namespace {

constexpr const char *kContactColumns =
    "id, uuid, account_id, name, title, email, department, buying_center_id, reports_to_id, role, stance, influence, status, "
    "departed_on, covered_by_id, level, target_level, notes, last_interaction";

Contact contactFrom(const RawStatement &st)
{
    Contact c;
    c.id = st.int64(0);
    c.uuid = st.text(1);
    c.accountId = st.int64(2);
    c.name = st.text(3);
    c.title = st.text(4);
    c.email = st.text(5);
    c.department = st.text(6);
    c.buyingCenterId = st.int64(7);
    c.reportsToId = st.int64(8);
    c.role = domain::parseBuyingRole(st.text(9)).value_or(domain::BuyingRole::User);
    c.stance = domain::parseStance(st.text(10)).value_or(domain::Stance::Neutral);
    c.influence = domain::parseInfluence(st.text(11)).value_or(domain::Influence::Medium);
    c.status = domain::parseContactStatus(st.text(12)).value_or(domain::ContactStatus::Active);
    c.departedOn = st.date(13);
    c.coveredById = st.int64(14);
    c.level = domain::parseRelationshipLevel(st.text(15)).value_or(domain::RelationshipLevel::Vendor);
    c.targetLevel = domain::parseRelationshipLevel(st.text(16)).value_or(domain::RelationshipLevel::Vendor);
    c.notes = st.text(17);
    return c;
}

// Binds the editable fields of a contact at parameters first..first+15.
void bindContact(RawStatement &st, int first, const Contact &c)
{
    st.bind(first, c.accountId);
    st.bind(first + 1, c.name.simplified());
    st.bind(first + 2, sql::text(c.title));
    st.bind(first + 3, sql::text(c.email));
    st.bind(first + 4, sql::text(c.department));
    bindId(st, first + 5, c.buyingCenterId);
    bindId(st, first + 6, c.reportsToId);
    st.bind(first + 7, domain::buyingRoleKey(c.role));
    st.bind(first + 8, domain::stanceKey(c.stance));
    st.bind(first + 9, domain::influenceKey(c.influence));
    st.bind(first + 10, domain::contactStatusKey(c.status));
    bindDate(st, first + 11, c.isActive() ? QDate() : c.departedOn);
    bindId(st, first + 12, c.coveredById);
    st.bind(first + 13, domain::relationshipLevelKey(c.level));
    st.bind(first + 14, domain::relationshipLevelKey(c.targetLevel));
    st.bind(first + 15, sql::text(c.notes));
}

} // namespace

// --- contacts -------------------------------------------------------------------------

std::vector<Contact> ContactRepository::forAccount(qint64 accountId, QHash<qint64, QDate> *lastInteraction)
{
    const QByteArray sql = QByteArray("SELECT ") + kContactColumns + " FROM contacts WHERE account_id = ? ORDER BY name COLLATE NOCASE, id";
    RawStatement st(m_db, sql.constData());
    st.bind(1, accountId);
    std::vector<Contact> out;
    while (st.step()) {
        out.push_back(contactFrom(st));
        if (lastInteraction && !st.isNull(18))
            lastInteraction->insert(out.back().id, st.date(18));
    }
    return out;
}

std::optional<Contact> ContactRepository::byId(qint64 id)
{
    const QByteArray sql = QByteArray("SELECT ") + kContactColumns + " FROM contacts WHERE id = ?";
    RawStatement st(m_db, sql.constData());
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return contactFrom(st);
}

std::vector<Contact> ContactRepository::allBrief()
{
    RawStatement st(m_db, "SELECT id, account_id, role, stance, status, departed_on FROM contacts ORDER BY account_id, id");
    std::vector<Contact> out;
    while (st.step()) {
        Contact c;
        c.id = st.int64(0);
        c.accountId = st.int64(1);
        c.role = domain::parseBuyingRole(st.text(2)).value_or(domain::BuyingRole::User);
        c.stance = domain::parseStance(st.text(3)).value_or(domain::Stance::Neutral);
        c.status = domain::parseContactStatus(st.text(4)).value_or(domain::ContactStatus::Active);
        c.departedOn = st.date(5);
        out.push_back(std::move(c));
    }
    return out;
}

void ContactRepository::insert(Contact &contact)
{
    std::vector<Contact> one{contact};
    insertMany(one);
    contact = one.front();
}

void ContactRepository::insertMany(std::vector<Contact> &contacts)
{
    RawStatement &st = m_db.cachedRaw("INSERT INTO contacts (id, uuid, account_id, name, title, email, department, buying_center_id, reports_to_id, "
                          "role, stance, influence, status, departed_on, covered_by_id, level, target_level, notes, created_at, updated_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const QString now = nowText();
    for (Contact &c : contacts) {
        if (c.uuid.isEmpty())
            c.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
        bindId(st, 1, c.id);
        st.bind(2, c.uuid);
        bindContact(st, 3, c);
        st.bind(19, now);
        st.bind(20, now);
        st.run([&c] { return QStringLiteral("saving contact '%1'").arg(c.name); });
        c.id = st.lastInsertRowId();
    }
}

void ContactRepository::update(const Contact &c)
{
    RawStatement &st = m_db.cachedRaw("UPDATE contacts SET account_id = ?, name = ?, title = ?, email = ?, department = ?, buying_center_id = ?, "
                          "reports_to_id = ?, role = ?, stance = ?, influence = ?, status = ?, departed_on = ?, covered_by_id = ?, "
                          "level = ?, target_level = ?, notes = ?, updated_at = ? WHERE id = ?");
    bindContact(st, 1, c);
    st.bind(17, nowText());
    st.bind(18, c.id);
    st.run([&c] { return QStringLiteral("saving contact '%1'").arg(c.name); });
}

void ContactRepository::remove(qint64 id)
{
    RawStatement &st = m_db.cachedRaw("DELETE FROM contacts WHERE id = ?");
    st.bind(1, id);
    st.run([id] { return QStringLiteral("deleting contact %1").arg(id); });
}

void ContactRepository::setReportsTo(const QList<qint64> &ids, qint64 managerId)
{
    if (ids.isEmpty())
        return;
    RawStatement &st = m_db.cachedRaw("UPDATE contacts SET reports_to_id = ?, updated_at = ? WHERE id IN (SELECT value FROM json_each(?))");
    bindId(st, 1, managerId);
    st.bind(2, nowText());
    st.bind(3, idList(ids));
    st.run([] { return QStringLiteral("changing whom contacts report to"); });
}

QList<qint64> ContactRepository::directReports(qint64 managerId)
{
    RawStatement st(m_db, "SELECT id FROM contacts WHERE reports_to_id = ? ORDER BY id");
    st.bind(1, managerId);
    QList<qint64> out;
    while (st.step())
        out.append(st.int64(0));
    return out;
}

qint64 ContactRepository::count()
{
    RawStatement st(m_db, "SELECT count(*) FROM contacts");
    return st.step() ? st.int64(0) : 0;
}

std::vector<InfluenceLink> ContactRepository::influenceLinks(qint64 accountId)
{
    RawStatement st(m_db, "SELECT id, account_id, from_contact_id, to_contact_id FROM contact_influences WHERE account_id = ? ORDER BY id");
    st.bind(1, accountId);
    std::vector<InfluenceLink> out;
    while (st.step())
        out.push_back({st.int64(0), st.int64(1), st.int64(2), st.int64(3)});
    return out;
}

std::optional<InfluenceLink> ContactRepository::influenceLinkById(qint64 id)
{
    RawStatement st(m_db, "SELECT id, account_id, from_contact_id, to_contact_id FROM contact_influences WHERE id = ?");
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return InfluenceLink{st.int64(0), st.int64(1), st.int64(2), st.int64(3)};
}

void ContactRepository::insertLink(InfluenceLink &link)
{
    std::vector<InfluenceLink> one{link};
    insertLinks(one);
    link = one.front();
}

void ContactRepository::insertLinks(std::vector<InfluenceLink> &links)
{
    RawStatement &st = m_db.cachedRaw("INSERT INTO contact_influences (id, account_id, from_contact_id, to_contact_id) VALUES (?, ?, ?, ?)");
    for (InfluenceLink &l : links) {
        bindId(st, 1, l.id);
        st.bind(2, l.accountId);
        st.bind(3, l.fromContactId);
        st.bind(4, l.toContactId);
        st.run([] { return QStringLiteral("saving an influence link"); });
        l.id = st.lastInsertRowId();
    }
}

void ContactRepository::removeLink(qint64 id)
{
    RawStatement &st = m_db.cachedRaw("DELETE FROM contact_influences WHERE id = ?");
    st.bind(1, id);
    st.run([id] { return QStringLiteral("deleting influence link %1").arg(id); });
}

QHash<qint64, int> ContactRepository::depthByAccount(const QDate &since)
{
    // Range scan of contacts_recent: only contacts met since `since` are read. Left to itself
    // the planner walks contacts_account for the GROUP BY and reads every contact (3x slower).
    RawStatement st(m_db, "SELECT account_id, count(*) FROM contacts INDEXED BY contacts_recent "
                          "WHERE status = 'active' AND last_interaction >= ? GROUP BY account_id");
    st.bind(1, sql::isoDate(since));
    QHash<qint64, int> out;
    while (st.step())
        out.insert(st.int64(0), int(st.int64(1)));
    return out;
}

int ContactRepository::depthOf(qint64 accountId, const QDate &since)
{
    RawStatement st(m_db, "SELECT count(*) FROM contacts WHERE account_id = ? AND status = 'active' AND last_interaction >= ?");
    st.bind(1, accountId);
    st.bind(2, sql::isoDate(since));
    return st.step() ? int(st.int64(0)) : 0;
}

QList<qint64> ContactRepository::participantsOf(const QList<qint64> &activityIds)
{
    QList<qint64> out;
    if (activityIds.isEmpty())
        return out;
    RawStatement st(m_db, "SELECT DISTINCT contact_id FROM activity_contacts WHERE activity_id IN (SELECT value FROM json_each(?))");
    st.bind(1, idList(activityIds));
    while (st.step())
        out << st.int64(0);
    return out;
}

void ContactRepository::refreshLastInteraction(const QList<qint64> &contactIds)
{
    const char *latest = "(SELECT max(a.date) FROM activity_contacts ac JOIN activities a ON a.id = ac.activity_id WHERE ac.contact_id = contacts.id)";
    if (contactIds.isEmpty()) {
        const QByteArray sql = QByteArray("UPDATE contacts SET last_interaction = ") + latest;
        RawStatement st(m_db, sql.constData());
        st.run([] { return QStringLiteral("recounting last interactions"); });
        return;
    }
    const QByteArray sql = QByteArray("UPDATE contacts SET last_interaction = ") + latest + " WHERE id IN (SELECT value FROM json_each(?))";
    RawStatement st(m_db, sql.constData());
    st.bind(1, idList(contactIds));
    st.run([] { return QStringLiteral("updating last interactions"); });
}

QList<qint64> ContactRepository::staleLastInteractions()
{
    RawStatement st(m_db, "SELECT c.id FROM contacts c WHERE c.last_interaction IS NOT (SELECT max(a.date) FROM activity_contacts ac "
                          "JOIN activities a ON a.id = ac.activity_id WHERE ac.contact_id = c.id) ORDER BY c.id");
    QList<qint64> out;
    while (st.step())
        out.append(st.int64(0));
    return out;
}

// --- activities -----------------------------------------------------------------------

std::vector<Activity> ActivityRepository::forAccount(qint64 accountId, const QDate &since)
{
    RawStatement st(m_db, "SELECT id, uuid, account_id, date, type, summary, next_step FROM activities "
                          "WHERE account_id = ? AND date >= ? ORDER BY date DESC, id DESC");
    st.bind(1, accountId);
    st.bind(2, since.isValid() ? sql::isoDate(since) : QStringLiteral("0000-00-00"));
    std::vector<Activity> out;
    QHash<qint64, size_t> index;
    while (st.step()) {
        Activity a;
        a.id = st.int64(0);
        a.uuid = st.text(1);
        a.accountId = st.int64(2);
        a.date = st.date(3);
        a.type = domain::parseActivityType(st.text(4)).value_or(domain::ActivityType::Meeting);
        a.summary = st.text(5);
        a.nextStep = st.text(6);
        index.insert(a.id, out.size());
        out.push_back(std::move(a));
    }
    if (out.empty())
        return out;
    // Participants of all of them in two queries, not two per activity.
    RawStatement pc(m_db, "SELECT ac.activity_id, ac.contact_id FROM activity_contacts ac JOIN activities a ON a.id = ac.activity_id "
                          "WHERE a.account_id = ? ORDER BY ac.activity_id, ac.contact_id");
    pc.bind(1, accountId);
    while (pc.step())
        if (auto it = index.constFind(pc.int64(0)); it != index.constEnd())
            out[*it].contactIds.push_back(pc.int64(1));
    RawStatement pt(m_db, "SELECT at.activity_id, at.team_member_id FROM activity_team at JOIN activities a ON a.id = at.activity_id "
                          "WHERE a.account_id = ? ORDER BY at.activity_id, at.team_member_id");
    pt.bind(1, accountId);
    while (pt.step())
        if (auto it = index.constFind(pt.int64(0)); it != index.constEnd())
            out[*it].teamMemberIds.push_back(pt.int64(1));
    return out;
}

std::optional<Activity> ActivityRepository::byId(qint64 id)
{
    RawStatement st(m_db, "SELECT account_id FROM activities WHERE id = ?");
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    for (Activity &a : forAccount(st.int64(0)))
        if (a.id == id)
            return std::move(a);
    return std::nullopt;
}

std::vector<Activity> ActivityRepository::allWithContacts()
{
    RawStatement st(m_db, "SELECT id, account_id, date, type FROM activities ORDER BY account_id, date, id");
    std::vector<Activity> out;
    QHash<qint64, size_t> index;
    while (st.step()) {
        Activity a;
        a.id = st.int64(0);
        a.accountId = st.int64(1);
        a.date = st.date(2);
        a.type = domain::parseActivityType(st.text(3)).value_or(domain::ActivityType::Meeting);
        index.insert(a.id, out.size());
        out.push_back(std::move(a));
    }
    RawStatement pc(m_db, "SELECT activity_id, contact_id FROM activity_contacts");
    while (pc.step())
        if (auto it = index.constFind(pc.int64(0)); it != index.constEnd())
            out[*it].contactIds.push_back(pc.int64(1));
    return out;
}

void ActivityRepository::insert(Activity &activity)
{
    std::vector<Activity> one{activity};
    insertMany(one);
    activity = one.front();
}

void ActivityRepository::insertMany(std::vector<Activity> &activities)
{
    RawStatement &st = m_db.cachedRaw("INSERT INTO activities (id, uuid, account_id, date, type, summary, next_step, created_at, updated_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    RawStatement &pc = m_db.cachedRaw("INSERT INTO activity_contacts (activity_id, contact_id) VALUES (?, ?)");
    RawStatement &pt = m_db.cachedRaw("INSERT INTO activity_team (activity_id, team_member_id) VALUES (?, ?)");
    const QString now = nowText();
    for (Activity &a : activities) {
        if (a.uuid.isEmpty())
            a.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
        bindId(st, 1, a.id);
        st.bind(2, a.uuid);
        st.bind(3, a.accountId);
        st.bind(4, sql::isoDate(a.date));
        st.bind(5, domain::activityTypeKey(a.type));
        st.bind(6, sql::text(a.summary));
        st.bind(7, sql::text(a.nextStep));
        st.bind(8, now);
        st.bind(9, now);
        st.run([&a] { return QStringLiteral("saving an activity of %1").arg(a.date.toString(Qt::ISODate)); });
        a.id = st.lastInsertRowId();
        for (qint64 c : a.contactIds) {
            pc.bind(1, a.id);
            pc.bind(2, c);
            pc.run([] { return QStringLiteral("saving the participants of an activity"); });
        }
        for (qint64 m : a.teamMemberIds) {
            pt.bind(1, a.id);
            pt.bind(2, m);
            pt.run([] { return QStringLiteral("saving the participants of an activity"); });
        }
    }
}

void ActivityRepository::update(const Activity &a)
{
    RawStatement &st = m_db.cachedRaw("UPDATE activities SET date = ?, type = ?, summary = ?, next_step = ?, updated_at = ? WHERE id = ?");
    st.bind(1, sql::isoDate(a.date));
    st.bind(2, domain::activityTypeKey(a.type));
    st.bind(3, sql::text(a.summary));
    st.bind(4, sql::text(a.nextStep));
    st.bind(5, nowText());
    st.bind(6, a.id);
    st.run([] { return QStringLiteral("saving an activity"); });
    writeParticipants(a);
}

void ActivityRepository::writeParticipants(const Activity &a)
{
    RawStatement &dc = m_db.cachedRaw("DELETE FROM activity_contacts WHERE activity_id = ?");
    dc.bind(1, a.id);
    dc.run([] { return QStringLiteral("saving the participants of an activity"); });
    RawStatement &dt = m_db.cachedRaw("DELETE FROM activity_team WHERE activity_id = ?");
    dt.bind(1, a.id);
    dt.run([] { return QStringLiteral("saving the participants of an activity"); });
    for (qint64 c : a.contactIds)
        addParticipant(a.id, c);
    RawStatement &pt = m_db.cachedRaw("INSERT INTO activity_team (activity_id, team_member_id) VALUES (?, ?)");
    for (qint64 m : a.teamMemberIds) {
        pt.bind(1, a.id);
        pt.bind(2, m);
        pt.run([] { return QStringLiteral("saving the participants of an activity"); });
    }
}

void ActivityRepository::addParticipant(qint64 activityId, qint64 contactId)
{
    RawStatement &pc = m_db.cachedRaw("INSERT OR IGNORE INTO activity_contacts (activity_id, contact_id) VALUES (?, ?)");
    pc.bind(1, activityId);
    pc.bind(2, contactId);
    pc.run([] { return QStringLiteral("saving the participants of an activity"); });
}

void ActivityRepository::remove(qint64 id)
{
    RawStatement &st = m_db.cachedRaw("DELETE FROM activities WHERE id = ?");
    st.bind(1, id);
    st.run([id] { return QStringLiteral("deleting activity %1").arg(id); });
}

QList<qint64> ActivityRepository::activityIdsOfContact(qint64 contactId)
{
    RawStatement st(m_db, "SELECT activity_id FROM activity_contacts WHERE contact_id = ? ORDER BY activity_id");
    st.bind(1, contactId);
    QList<qint64> out;
    while (st.step())
        out.append(st.int64(0));
    return out;
}

qint64 ActivityRepository::count()
{
    RawStatement st(m_db, "SELECT count(*) FROM activities");
    return st.step() ? st.int64(0) : 0;
}

} // namespace keystone::storage
