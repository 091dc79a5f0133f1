// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/plan.h"
#include "keystone/domain/snapshot.h"

#include <QDate>
#include <QHash>

#include <optional>
#include <vector>

namespace keystone::storage {

class Database;

// The account plan: priorities, risks, actions, reviews and the "no known risks"
// confirmation. Inserting an item whose id is set keeps that id (undo of a removal).
class PlanRepository
{
public:
    explicit PlanRepository(Database &db) : m_db(db) {}

    std::vector<domain::Priority> priorities(qint64 accountId); // in plan order
    std::optional<domain::Priority> priority(qint64 id);
    void insertPriorities(std::vector<domain::Priority> &items);
    void updatePriority(const domain::Priority &p);
    void removePriority(qint64 id);

    std::vector<domain::Risk> risks(qint64 accountId); // open first, then by severity
    std::optional<domain::Risk> risk(qint64 id);
    void insertRisks(std::vector<domain::Risk> &items);
    void updateRisk(const domain::Risk &r);
    void removeRisk(qint64 id);

    std::vector<domain::PlanAction> actions(qint64 accountId); // open first, by due date
    std::optional<domain::PlanAction> action(qint64 id);
    void insertActions(std::vector<domain::PlanAction> &items);
    void updateAction(const domain::PlanAction &a);
    void removeAction(qint64 id);

    std::vector<domain::ValueDelivered> values(qint64 accountId); // newest first
    std::optional<domain::ValueDelivered> value(qint64 id);
    void insertValues(std::vector<domain::ValueDelivered> &items);
    void updateValue(const domain::ValueDelivered &v);
    void removeValue(qint64 id);

    domain::AdvocacyProfile advocacy(qint64 accountId); // the defaults when none is stored
    void saveAdvocacy(const domain::AdvocacyProfile &profile);
    std::vector<domain::ReferenceRequest> referenceRequests(qint64 accountId); // newest first
    std::optional<domain::ReferenceRequest> referenceRequest(qint64 id);
    void insertReferenceRequests(std::vector<domain::ReferenceRequest> &items);
    void removeReferenceRequest(qint64 id);

    std::vector<domain::PlanReview> reviews(qint64 accountId); // newest first
    void insertReviews(std::vector<domain::PlanReview> &items);
    void removeReview(qint64 id);
    QDate lastReviewed(qint64 accountId);

    QDate noKnownRisksOn(qint64 accountId);
    void setNoKnownRisksOn(qint64 accountId, const QDate &date);

    // Quarter snapshots, oldest first. Inserting one whose id is set keeps that id.
    std::vector<domain::PlanSnapshot> snapshots(qint64 accountId);
    std::optional<domain::PlanSnapshot> snapshot(qint64 accountId, const QString &label);
    void insertSnapshot(domain::PlanSnapshot &s);
    void removeSnapshot(qint64 id);

    // Every account's completeness facts in a few aggregate queries (no per-account query;
    // the whitespace figure is the cached accounts.best_assessed_products): the portfolio
    // table's Plan and Reviewed columns.
    QHash<qint64, domain::PlanFacts> allFacts(const QDate &today);

private:
    Database &m_db;
};

} // namespace keystone::storage
