// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/money.h"
#include "keystone/domain/types.h"

#include <QDate>
#include <QDateTime>
#include <QString>

#include <optional>

namespace keystone::domain {

// An account of domain.md section 2. `id` is the row id inside one portfolio file (0 before
// it is stored); `uuid` identifies the account across files (exchange, merge).
struct Account {
    qint64 id = 0;
    QString uuid;
    QString name;
    QString industry;
    QString region;
    qint64 ownerId = 0; // team member id; 0 = unassigned
    Money arr;          // current ARR
    QDate renewalDate;  // null = not set
    QDate customerSince;
    LifecyclePhase phase = LifecyclePhase::Nurture;
    bool atRisk = false; // overlay on any phase
    std::optional<Tier> tierOverride; // set by a person; suggested tier otherwise
    QString tierOverrideReason;
    int potentialRating = 3; // growth potential, 1..5
    QString notes;
    bool referenceable = false;
    // Firmographics, as a CRM export carries them (optional).
    std::optional<qint64> companyRevenueCents; // the customer's own yearly revenue, minor units
    std::optional<int> employees;
    QString accountType;                       // the CRM's "Type": Customer, Partner, ...
    QDateTime createdAt; // UTC
    QDateTime updatedAt; // UTC

    bool operator==(const Account &) const = default;
};

// Days from `today` to the renewal date (negative when overdue); nullopt when not set.
std::optional<int> daysToRenewal(const Account &account, const QDate &today);

} // namespace keystone::domain
