// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/types.h"

#include <QString>

#include <array>
#include <span>
#include <vector>

namespace keystone::domain {

inline constexpr int kTeamRoleCount = 6; // AE, AM, CSM, SE, TAM, Onboarding
inline constexpr double kStandardHoursPerMonth = 120.0;

// Hours per account per month by tier and role (domain.md section 10).
struct EffortMatrix {
    std::array<std::array<double, kTeamRoleCount>, 3> hours{{
        // AE  AM    CSM  SE   TAM  Onboarding
        {{0, 10, 8, 4, 4, 0}},   // Tier 1
        {{0, 3, 3, 1, 0, 0}},    // Tier 2
        {{0, 0.5, 1, 0, 0, 0}},  // Tier 3
    }};
    double at(Tier tier, TeamRole role) const { return hours[size_t(int(tier) - 1)][size_t(role)]; }
    void set(Tier tier, TeamRole role, double h) { hours[size_t(int(tier) - 1)][size_t(role)] = h; }
    bool operator==(const EffortMatrix &) const = default;
};

// Accounts per tier (index 0 = Tier 1).
using TierCounts = std::array<int, 3>;

// Hours per month a role needs over a book: sum of effort(tier, role) over its accounts.
double requiredHours(const TierCounts &counts, TeamRole role, const EffortMatrix &matrix);
// Required FTE = required hours / standard productive hours per month.
double requiredFte(const TierCounts &counts, TeamRole role, const EffortMatrix &matrix,
                   double hoursPerMonth = kStandardHoursPerMonth);

// One person's load: the effort of their accounts in their role over their hours.
struct Utilisation {
    double effortHours = 0;
    double hoursPerMonth = kStandardHoursPerMonth;
    double ratio = 0; // effort / hours; over 1 is overload
    bool overloaded() const { return ratio > 1.0 + 1e-9; }
};
Utilisation utilisation(const TierCounts &assigned, TeamRole role, double hoursPerMonth, const EffortMatrix &matrix);

// The rule of thumb beside the figures: 8-12 strategic (Tier 1) accounts per AM (5 or fewer
// for the largest global ones), 25-40 mid-market (Tier 2 and 3). Empty when within it or
// not an AM.
QString ratioGuidance(TeamRole role, const TierCounts &assigned);

} // namespace keystone::domain
