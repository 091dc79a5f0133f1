// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/domain/signals.h"

#include "keystone/domain/relationship.h"
#include "enumnames.h"

namespace keystone::domain {

namespace {
const EnumNames<SignalRule, kSignalRuleCount> kRules{{"Red health", "Band drop", "Champion departed", "No champion",
                                                      "Single threaded", "Stale plan", "Renewal unattended", "Action overdue",
                                                      "Business review overdue", "Expansion usage", "New buying center"}};
const EnumNames<Severity, 3> kSeverities{{"High", "Medium", "Low"}};

// Green < Yellow < Red; Insufficient data is no band to drop from or to.
int bandRank(HealthBand band)
{
    switch (band) {
    case HealthBand::Green: return 0;
    case HealthBand::Yellow: return 1;
    case HealthBand::Red: return 2;
    case HealthBand::InsufficientData: return -1;
    }
    return -1;
}
} // namespace

QString signalRuleName(SignalRule rule) { return kRules.name(rule); }
QString signalRuleKey(SignalRule rule) { return kRules.key(rule); }
std::optional<SignalRule> parseSignalRule(const QString &text) { return kRules.parse(text); }
QString severityName(Severity severity) { return kSeverities.name(severity); }
QString severityKey(Severity severity) { return kSeverities.key(severity); }

std::vector<Signal> evaluateSignals(const SignalFacts &f, const QDate &today, const SignalSettings &s)
{
    std::vector<Signal> out;
    auto raise = [&](SignalRule rule, Severity severity, QString reason, QString next) {
        out.push_back({f.accountId, rule, severity, std::move(reason), std::move(next)});
    };
    const bool keyTier = f.tier == Tier::Tier1 || f.tier == Tier::Tier2;

    if (f.bandNow == HealthBand::Red)
        raise(SignalRule::RedHealth, Severity::High, QStringLiteral("Health is Red"),
              QStringLiteral("Open a remediation plan with an executive sponsor and a root cause"));
    else if (f.bandNow && f.bandBefore && bandRank(*f.bandNow) > bandRank(*f.bandBefore) && bandRank(*f.bandBefore) >= 0)
        raise(SignalRule::BandDrop, Severity::Medium,
              QStringLiteral("Health dropped from %1 to %2").arg(healthBandName(*f.bandBefore), healthBandName(*f.bandNow)),
              QStringLiteral("Review what changed in the Health tab and call the champion"));

    if (f.lastChampionDeparture.isValid() && f.lastChampionDeparture <= today
        && f.lastChampionDeparture.daysTo(today) <= s.championDepartedDays)
        raise(SignalRule::ChampionDeparted, Severity::High,
              QStringLiteral("A champion left on %1").arg(f.lastChampionDeparture.toString(Qt::ISODate)),
              QStringLiteral("Find and win a new champion; meet the economic buyer"));
    else if (f.contacts > 0 && f.activeChampions == 0)
        raise(SignalRule::NoChampion, keyTier ? Severity::Medium : Severity::Low, QStringLiteral("No active champion among %1 contacts").arg(f.contacts),
              QStringLiteral("Identify a champion in the relationship map"));

    if (keyTier && isSingleThreaded(f.depth))
        raise(SignalRule::SingleThreaded, f.tier == Tier::Tier1 ? Severity::High : Severity::Medium,
              QStringLiteral("%1 account with %2 engaged in %3 days")
                  .arg(tierName(f.tier), f.depth == 1 ? QStringLiteral("1 contact") : QStringLiteral("%1 contacts").arg(f.depth))
                  .arg(kDepthWindowDays),
              QStringLiteral("Meet more stakeholders: plan introductions beyond the main contact"));

    if (f.planStale)
        raise(SignalRule::StalePlan, f.tier == Tier::Tier3 ? Severity::Low : Severity::Medium,
              f.planAgeDays < 0 ? QStringLiteral("The plan was never reviewed")
                                : QStringLiteral("The plan was last reviewed %1 days ago").arg(f.planAgeDays),
              QStringLiteral("Review and refresh the account plan"));

    if (f.renewalDate.isValid()) {
        const qint64 days = today.daysTo(f.renewalDate);
        if (days >= 0 && days <= s.renewalWindowDays && !f.renewalWorkStarted)
            raise(SignalRule::RenewalUnattended, days <= 60 ? Severity::High : Severity::Medium,
                  QStringLiteral("Renewal in %1 days (%2) with no renewal activity or opportunity")
                      .arg(days).arg(f.renewalDate.toString(Qt::ISODate)),
                  QStringLiteral("Open a renewal opportunity and schedule the renewal conversation"));
    }

    if (f.overdueActions > 0)
        raise(SignalRule::ActionOverdue, Severity::Medium,
              f.overdueActions == 1 ? QStringLiteral("1 plan action is overdue")
                                    : QStringLiteral("%1 plan actions are overdue").arg(f.overdueActions),
              QStringLiteral("Finish or re-plan the overdue actions"));

    if (f.tier == Tier::Tier1) {
        const bool never = !f.lastBusinessReview.isValid();
        const qint64 since = never ? -1 : f.lastBusinessReview.daysTo(today);
        if (never || since > s.businessReviewDays)
            raise(SignalRule::BusinessReviewOverdue, Severity::Medium,
                  never ? QStringLiteral("No business review on record")
                        : QStringLiteral("Last business review %1 days ago (%2)").arg(since).arg(f.lastBusinessReview.toString(Qt::ISODate)),
                  QStringLiteral("Schedule the quarterly business review (File > Export QBR)"));
    }

    if (f.usageRatio && *f.usageRatio >= s.expansionUsageRatio - 1e-9)
        raise(SignalRule::ExpansionUsage, Severity::Low,
              QStringLiteral("%1% of licensed seats in use").arg(qRound(*f.usageRatio * 100)),
              QStringLiteral("Propose more seats before the limit is reached"));

    if (f.newBuyingCenterContacts > 0)
        raise(SignalRule::NewBuyingCenter, Severity::Low,
              f.newBuyingCenterContacts == 1
                  ? QStringLiteral("1 contact in a buying center with nothing owned or in play")
                  : QStringLiteral("%1 contacts in buying centers with nothing owned or in play").arg(f.newBuyingCenterContacts),
              QStringLiteral("Qualify a new-buying-center opportunity in the whitespace grid"));
    return out;
}

bool signalVisible(const std::optional<SignalState> &state, const QDate &today)
{
    if (!state)
        return true;
    switch (state->decision) {
    case SignalDecision::Active: return true;
    case SignalDecision::Dismissed: return false;
    case SignalDecision::Snoozed: return !state->until.isValid() || today >= state->until;
    }
    return true;
}

} // namespace keystone::domain
