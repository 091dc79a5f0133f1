// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/snapshot.h"

#include <QDate>

#include <optional>
#include <vector>

namespace keystone::services {

class Portfolio;

// Quarter snapshots of an account's plan: the summary figures (ARR, tier, renewal, health,
// completeness, whitespace, pipeline), the relationship map in brief, priorities, risks and
// actions, frozen under a label. Edits emit Portfolio::planChanged(accountId).
class SnapshotService
{
public:
    explicit SnapshotService(Portfolio &portfolio) : m_portfolio(portfolio) {}

    // The snapshot the account would have today (nothing stored).
    domain::PlanSnapshot build(qint64 accountId, const QString &label, const QDate &today);
    // Builds and stores it; refuses a bad or taken label (ValidationError naming "label").
    domain::PlanSnapshot take(qint64 accountId, const QString &label, const QDate &today);
    std::vector<domain::PlanSnapshot> list(qint64 accountId);
    std::optional<domain::PlanSnapshot> get(qint64 accountId, const QString &label);
    domain::PlanSnapshot remove(qint64 accountId, const QString &label); // returns it, for undo
    void restore(const domain::PlanSnapshot &snapshot);                  // back with its id

private:
    Portfolio &m_portfolio;
};

} // namespace keystone::services
