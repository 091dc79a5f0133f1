// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/relationship.h"

#include <QDate>
#include <QHash>
#include <QList>

#include <optional>
#include <vector>

namespace keystone::storage {

class Database;

// Contacts of the relationship map and their influence links. Each contact caches the date
// of its latest activity (`last_interaction`); ActivityRepository's writes refresh it.
class ContactRepository
{
public:
    explicit ContactRepository(Database &db) : m_db(db) {}

    // Contacts of one account ordered by name; `lastInteraction` (optional) gets the cached
    // date of each contact's latest activity.
    std::vector<domain::Contact> forAccount(qint64 accountId, QHash<qint64, QDate> *lastInteraction = nullptr);
    std::optional<domain::Contact> byId(qint64 id);
    // Every account's contacts with only id, account, role, stance, status and departure
    // filled in, ordered by account: what health needs over the whole book, read 5x faster.
    std::vector<domain::Contact> allBrief();
    void insert(domain::Contact &contact);                 // keeps a non-zero id (undo)
    void insertMany(std::vector<domain::Contact> &contacts); // bulk (demo, import): one prepared statement
    void update(const domain::Contact &contact);
    void remove(qint64 id);
    // Sets reports_to of these contacts in one statement (0 = top of the chart).
    void setReportsTo(const QList<qint64> &ids, qint64 managerId);
    QList<qint64> directReports(qint64 managerId);
    qint64 count();

    std::vector<domain::InfluenceLink> influenceLinks(qint64 accountId);
    std::optional<domain::InfluenceLink> influenceLinkById(qint64 id);
    void insertLink(domain::InfluenceLink &link); // keeps a non-zero id
    void insertLinks(std::vector<domain::InfluenceLink> &links);
    void removeLink(qint64 id);

    // Multithreading depth of every account that has one: active contacts whose cached last
    // interaction is on or after `since` (today - 90 days), in one range scan.
    QHash<qint64, int> depthByAccount(const QDate &since);
    int depthOf(qint64 accountId, const QDate &since);
    // The customer's people who took part in these activities.
    QList<qint64> participantsOf(const QList<qint64> &activityIds);
    // Recomputes last_interaction of these contacts from the activity log (empty = all).
    void refreshLastInteraction(const QList<qint64> &contactIds);
    // Contacts whose cached last interaction differs from the log (for check --full).
    QList<qint64> staleLastInteractions();

private:
    Database &m_db;
};

// The activity log. Participants live in activity_contacts and activity_team.
class ActivityRepository
{
public:
    explicit ActivityRepository(Database &db) : m_db(db) {}

    // Newest first; `since` (optional) keeps activities on or after that date.
    std::vector<domain::Activity> forAccount(qint64 accountId, const QDate &since = {});
    std::optional<domain::Activity> byId(qint64 id);
    // Every account's activities with their contact participants (not the team), ordered by
    // account then date: two queries for the whole book.
    std::vector<domain::Activity> allWithContacts();
    void insert(domain::Activity &activity); // with participants; keeps a non-zero id (undo)
    void insertMany(std::vector<domain::Activity> &activities);
    void update(const domain::Activity &activity); // replaces the participants
    void remove(qint64 id);
    // Activities a contact took part in (to put the links back when undoing its deletion).
    QList<qint64> activityIdsOfContact(qint64 contactId);
    void addParticipant(qint64 activityId, qint64 contactId);
    qint64 count();

private:
    void writeParticipants(const domain::Activity &activity);
    Database &m_db;
};

} // namespace keystone::storage
