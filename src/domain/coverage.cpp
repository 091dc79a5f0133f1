// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/domain/coverage.h"

#include <QStringList>

namespace keystone::domain {

double requiredHours(const TierCounts &counts, TeamRole role, const EffortMatrix &matrix)
{
    double hours = 0;
    for (int t = 1; t <= 3; ++t)
        hours += counts[size_t(t - 1)] * matrix.at(Tier(t), role);
    return hours;
}

double requiredFte(const TierCounts &counts, TeamRole role, const EffortMatrix &matrix, double hoursPerMonth)
{
    return hoursPerMonth > 0 ? requiredHours(counts, role, matrix) / hoursPerMonth : 0.0;
}

Utilisation utilisation(const TierCounts &assigned, TeamRole role, double hoursPerMonth, const EffortMatrix &matrix)
{
    Utilisation u;
    u.effortHours = requiredHours(assigned, role, matrix);
    u.hoursPerMonth = hoursPerMonth;
    u.ratio = hoursPerMonth > 0 ? u.effortHours / hoursPerMonth : 0.0;
    return u;
}

QString ratioGuidance(TeamRole role, const TierCounts &assigned)
{
    if (role != TeamRole::AM)
        return {};
    QStringList notes;
    if (assigned[0] > 12)
        notes << QStringLiteral("%1 strategic (Tier 1) accounts; guidance is 8-12 per AM").arg(assigned[0]);
    const int midMarket = assigned[1] + assigned[2];
    if (midMarket > 40)
        notes << QStringLiteral("%1 mid-market accounts; guidance is 25-40 per AM").arg(midMarket);
    return notes.join(QStringLiteral("; "));
}

} // namespace keystone::domain
