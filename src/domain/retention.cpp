// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/domain/retention.h"

#include "enumnames.h"

#include <algorithm>

namespace keystone::domain {

namespace {
const EnumNames<ArrChange, 5> kArrChanges{{"New", "Expansion", "Contraction", "Churn", "Snapshot"}};
} // namespace

QString arrChangeName(ArrChange change) { return kArrChanges.name(change); }
QString arrChangeKey(ArrChange change) { return kArrChanges.key(change); }
std::optional<ArrChange> parseArrChange(const QString &text) { return kArrChanges.parse(text); }

ArrChange arrChangeBetween(std::optional<qint64> beforeCents, qint64 afterCents)
{
    if (!beforeCents || *beforeCents == 0)
        return afterCents > 0 ? ArrChange::New : ArrChange::Snapshot;
    if (afterCents == 0)
        return ArrChange::Churn;
    if (afterCents > *beforeCents)
        return ArrChange::Expansion;
    if (afterCents < *beforeCents)
        return ArrChange::Contraction;
    return ArrChange::Snapshot;
}

std::optional<qint64> arrOn(std::span<const ArrPoint> points, const QDate &date)
{
    // Points are sorted by date: the last one not after `date`.
    auto it = std::upper_bound(points.begin(), points.end(), date,
                               [](const QDate &d, const ArrPoint &p) { return d < p.date; });
    if (it == points.begin())
        return std::nullopt;
    return std::prev(it)->arrCents;
}

Retention retention(std::span<const RetentionInput> inputs)
{
    Retention r;
    for (const RetentionInput &in : inputs) {
        if (!in.startCents || *in.startCents <= 0) {
            if (in.endCents > 0)
                ++r.excludedNew;
            continue;
        }
        const qint64 start = *in.startCents;
        const qint64 end = in.endCents;
        ++r.accounts;
        r.startCents += start;
        r.endCents += end;
        r.retainedCents += std::min(start, end);
        if (end > start)
            r.expansionCents += end - start;
        else if (end == 0)
            r.churnedCents += start;
        else
            r.contractionCents += start - end;
    }
    if (r.startCents > 0) {
        r.nrr = double(r.endCents) / double(r.startCents);
        r.grr = double(r.retainedCents) / double(r.startCents);
    }
    return r;
}

} // namespace keystone::domain
