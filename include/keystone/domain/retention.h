// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QDate>
#include <QString>
#include <QtGlobal>

#include <optional>
#include <span>

namespace keystone::domain {

// Why an account's ARR changed on a date (domain.md section 9). A Snapshot records the ARR
// without a change (monthly snapshots imported from a finance system).
enum class ArrChange { New, Expansion, Contraction, Churn, Snapshot };
QString arrChangeName(ArrChange change); // "Expansion"
QString arrChangeKey(ArrChange change);  // "expansion"
std::optional<ArrChange> parseArrChange(const QString &text);
// The kind of change from one ARR to the next (no earlier ARR: New; to zero: Churn).
ArrChange arrChangeBetween(std::optional<qint64> beforeCents, qint64 afterCents);

// One dated ARR of one account: its ARR from this date until the next point.
struct ArrPoint {
    qint64 accountId = 0;
    QDate date;
    qint64 arrCents = 0;
    ArrChange change = ArrChange::Snapshot;

    bool operator==(const ArrPoint &) const = default;
};

// The ARR of one account on a date from its points sorted by date: the latest point on or
// before the date; nullopt before its first point (the account was not a customer yet).
std::optional<qint64> arrOn(std::span<const ArrPoint> points, const QDate &date);

// One account's ARR at the start and end of a period (nullopt start: not a customer then).
struct RetentionInput {
    std::optional<qint64> startCents;
    qint64 endCents = 0;
};

// NRR and GRR over the accounts with ARR > 0 at the start (new accounts excluded):
// NRR = sum end / sum start, GRR = sum min(end, start) / sum start. nullopt without a base.
struct Retention {
    int accounts = 0;          // in the base
    int excludedNew = 0;       // no ARR at the start, ARR at the end
    qint64 startCents = 0;
    qint64 endCents = 0;       // of the accounts in the base
    qint64 retainedCents = 0;  // sum of min(end, start)
    qint64 expansionCents = 0; // sum of max(0, end - start)
    qint64 contractionCents = 0; // sum of start - end over accounts that shrank but stayed
    qint64 churnedCents = 0;   // start ARR of accounts that ended at zero
    std::optional<double> nrr;
    std::optional<double> grr;
};
Retention retention(std::span<const RetentionInput> inputs);

} // namespace keystone::domain
