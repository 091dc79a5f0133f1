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

// The account plan: its items, the advocacy profile, the joint success and remediation
// plans, reviews, the "no known risks" confirmation and quarter snapshots.
class PlanRepository
{
public:
    explicit PlanRepository(Database &db) : m_db(db) {}

    // The plan's items, one shape for each kind: domain::Priority (in plan order), Risk (open
    // first, then by severity), PlanAction (open first, by due date), ValueDelivered and
    // ReferenceRequest (newest first), Objective (in plan order), Milestone (by plan, then
    // due date) and SuccessContact (by role). Inserting an item whose id is set keeps that id
    // (undo of a removal); a new uuid is made for items without one.
    template<typename T>
    std::vector<T> items(qint64 accountId);
    template<typename T>
    std::optional<T> item(qint64 id);
    template<typename T>
    void insertItems(std::vector<T> &items);
    template<typename T>
    void updateItem(const T &item);
    template<typename T>
    void removeItem(qint64 id);

    domain::AdvocacyProfile advocacy(qint64 accountId); // the defaults when none is stored
    void saveAdvocacy(const domain::AdvocacyProfile &profile);
    domain::SuccessPlan successPlan(qint64 accountId);         // empty dates when none is stored
    void saveSuccessPlan(const domain::SuccessPlan &plan);
    domain::RemediationPlan remediationPlan(qint64 accountId); // empty when none is stored
    void saveRemediationPlan(const domain::RemediationPlan &plan);

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

    // The QBR's written summary of an account's quarter ("2026Q4"); saving an empty one
    // removes it.
    std::optional<domain::QbrSummary> qbrSummary(qint64 accountId, const QString &quarter);
    void saveQbrSummary(const domain::QbrSummary &summary);

    // Every account's completeness facts in a few aggregate queries (no per-account query;
    // the whitespace figure is the cached accounts.best_assessed_products): the portfolio
    // table's Plan and Reviewed columns.
    QHash<qint64, domain::PlanFacts> allFacts(const QDate &today);

private:
    Database &m_db;
};

} // namespace keystone::storage
