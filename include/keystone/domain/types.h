// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace keystone::domain {

// Tiers of domain.md section 3; stored as their number.
enum class Tier { Tier1 = 1, Tier2 = 2, Tier3 = 3 };

enum class Quadrant { Invest, Protect, Develop, Maintain };

enum class LifecyclePhase { Onboarding, Nurture, Expansion, Advocacy };

enum class TeamRole { AE, AM, CSM, SE, TAM, Onboarding };

QString tierName(Tier tier);                      // "Tier 1"
std::optional<Tier> tierFromNumber(int number);   // 1..3, else nullopt
std::optional<Tier> parseTier(const QString &text); // "1", "T1", "Tier 1"

QString quadrantName(Quadrant quadrant);          // "Invest"
std::optional<Quadrant> parseQuadrant(const QString &text);

QString lifecycleName(LifecyclePhase phase);      // "Onboarding"
QString lifecycleKey(LifecyclePhase phase);       // "onboarding" (stored form)
std::optional<LifecyclePhase> parseLifecycle(const QString &text); // name or key, any case
QStringList lifecycleNames();

QString teamRoleName(TeamRole role);              // "AM"
std::optional<TeamRole> parseTeamRole(const QString &text);
QStringList teamRoleNames();

} // namespace keystone::domain
