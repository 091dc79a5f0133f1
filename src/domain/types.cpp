// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/domain/types.h"

namespace keystone::domain {

QString tierName(Tier tier)
{
    return QStringLiteral("Tier %1").arg(int(tier));
}

std::optional<Tier> tierFromNumber(int number)
{
    if (number < 1 || number > 3)
        return std::nullopt;
    return Tier(number);
}

std::optional<Tier> parseTier(const QString &text)
{
    QString s = text.trimmed().toLower();
    s.remove(QStringLiteral("tier"));
    s.remove(QLatin1Char('t'));
    s = s.trimmed();
    bool ok = false;
    const int n = s.toInt(&ok);
    return ok ? tierFromNumber(n) : std::nullopt;
}

QString quadrantName(Quadrant quadrant)
{
    switch (quadrant) {
    case Quadrant::Invest: return QStringLiteral("Invest");
    case Quadrant::Protect: return QStringLiteral("Protect");
    case Quadrant::Develop: return QStringLiteral("Develop");
    case Quadrant::Maintain: return QStringLiteral("Maintain");
    }
    return {};
}

std::optional<Quadrant> parseQuadrant(const QString &text)
{
    for (Quadrant q : {Quadrant::Invest, Quadrant::Protect, Quadrant::Develop, Quadrant::Maintain}) {
        if (quadrantName(q).compare(text.trimmed(), Qt::CaseInsensitive) == 0)
            return q;
    }
    return std::nullopt;
}

QString lifecycleName(LifecyclePhase phase)
{
    switch (phase) {
    case LifecyclePhase::Onboarding: return QStringLiteral("Onboarding");
    case LifecyclePhase::Nurture: return QStringLiteral("Nurture");
    case LifecyclePhase::Expansion: return QStringLiteral("Expansion");
    case LifecyclePhase::Advocacy: return QStringLiteral("Advocacy");
    }
    return {};
}

QString lifecycleKey(LifecyclePhase phase)
{
    return lifecycleName(phase).toLower();
}

std::optional<LifecyclePhase> parseLifecycle(const QString &text)
{
    for (LifecyclePhase p : {LifecyclePhase::Onboarding, LifecyclePhase::Nurture,
                             LifecyclePhase::Expansion, LifecyclePhase::Advocacy}) {
        if (lifecycleName(p).compare(text.trimmed(), Qt::CaseInsensitive) == 0)
            return p;
    }
    return std::nullopt;
}

QStringList lifecycleNames()
{
    return {QStringLiteral("Onboarding"), QStringLiteral("Nurture"), QStringLiteral("Expansion"),
            QStringLiteral("Advocacy")};
}

QString teamRoleName(TeamRole role)
{
    switch (role) {
    case TeamRole::AE: return QStringLiteral("AE");
    case TeamRole::AM: return QStringLiteral("AM");
    case TeamRole::CSM: return QStringLiteral("CSM");
    case TeamRole::SE: return QStringLiteral("SE");
    case TeamRole::TAM: return QStringLiteral("TAM");
    case TeamRole::Onboarding: return QStringLiteral("Onboarding");
    }
    return {};
}

std::optional<TeamRole> parseTeamRole(const QString &text)
{
    for (TeamRole r : {TeamRole::AE, TeamRole::AM, TeamRole::CSM, TeamRole::SE, TeamRole::TAM,
                       TeamRole::Onboarding}) {
        if (teamRoleName(r).compare(text.trimmed(), Qt::CaseInsensitive) == 0)
            return r;
    }
    return std::nullopt;
}

QStringList teamRoleNames()
{
    return {QStringLiteral("AE"), QStringLiteral("AM"), QStringLiteral("CSM"),
            QStringLiteral("SE"), QStringLiteral("TAM"), QStringLiteral("Onboarding")};
}

} // namespace keystone::domain
