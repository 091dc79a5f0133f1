// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/health.h"
#include "keystone/domain/types.h"

#include <QDate>
#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

namespace keystone::domain {

// The rules of the proactive inbox (domain.md section 11), in the order they are listed.
enum class SignalRule {
    RedHealth,             // health band Red now
    BandDrop,              // band lower than at the comparison date
    ChampionDeparted,      // a champion left within the last 90 days
    NoChampion,            // no active champion
    SingleThreaded,        // Tier 1 or 2 with multithreading depth of 1 or less
    StalePlan,             // plan not reviewed within the tier's refresh period
    RenewalUnattended,     // renewal within 120 days, no renewal activity or opportunity
    ActionOverdue,         // an open plan action past its due date
    BusinessReviewOverdue, // Tier 1, more than 100 days since the last QBR
    ExpansionUsage,        // active users at 90% or more of licensed seats
    NewBuyingCenter,       // a contact in a buying center where nothing is owned or in play
};
inline constexpr int kSignalRuleCount = 11;
QString signalRuleName(SignalRule rule); // "Red health"
QString signalRuleKey(SignalRule rule);  // "red_health" (stored, and in the CLI's JSON)
std::optional<SignalRule> parseSignalRule(const QString &text);

enum class Severity { High, Medium, Low }; // Low: an opportunity rather than a risk
QString severityName(Severity severity);   // "High"
QString severityKey(Severity severity);    // "high"

// Thresholds of the rules (defaults of domain.md section 11).
struct SignalSettings {
    int championDepartedDays = 90;
    int renewalWindowDays = 120;
    int businessReviewDays = 100;
    double expansionUsageRatio = 0.9;
    bool operator==(const SignalSettings &) const = default;
};

// What the rules need to know of one account on `today`.
struct SignalFacts {
    qint64 accountId = 0;
    Tier tier = Tier::Tier3;
    std::optional<HealthBand> bandNow;    // nullopt: never scored
    std::optional<HealthBand> bandBefore; // at the comparison date
    int activeChampions = 0;
    QDate lastChampionDeparture;          // newest departed_on of a champion; null: none
    int contacts = 0;                     // active contacts (no champion rule without any)
    int depth = 0;                        // multithreading depth
    bool planStale = false;
    int planAgeDays = -1;                 // days since the last review; -1: never reviewed
    QDate renewalDate;
    bool renewalWorkStarted = false;      // renewal opportunity open or renewal activity
    int overdueActions = 0;
    QDate lastBusinessReview;             // newest QBR or executive review activity
    std::optional<double> usageRatio;     // active users / licensed seats, latest inputs
    int newBuyingCenterContacts = 0;
};

struct Signal {
    qint64 accountId = 0;
    SignalRule rule = SignalRule::RedHealth;
    Severity severity = Severity::Medium;
    QString reason;   // what was found, with the figures
    QString nextStep; // what to do about it
};

// Every rule that fires for one account on `today`, in rule order.
std::vector<Signal> evaluateSignals(const SignalFacts &facts, const QDate &today, const SignalSettings &settings = {});

// A person's decision on one account's signal: snoozed until a date (it reappears on that
// date) or dismissed with a reason. Every decision is kept; the newest one applies.
enum class SignalDecision { Active, Snoozed, Dismissed };
struct SignalState {
    qint64 id = 0;
    qint64 accountId = 0;
    SignalRule rule = SignalRule::RedHealth;
    SignalDecision decision = SignalDecision::Active;
    QDate until;    // snoozed until (exclusive: shown again on this date)
    QString reason;
    QDateTime at;   // when it was decided (UTC)
};
// Whether a signal with this newest decision is shown on `today`.
bool signalVisible(const std::optional<SignalState> &state, const QDate &today);

} // namespace keystone::domain
