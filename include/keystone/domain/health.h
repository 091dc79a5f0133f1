// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/types.h"
#include "keystone/domain/validation.h"

#include <QDate>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>
#include <vector>

namespace keystone::domain {

// Health score (domain.md section 4): measures normalised to 0-100, combined as a weighted
// mean of the measures that have (fresh) input.
enum class Measure { Usage, Adoption, Support, Sentiment, Engagement, Relationship, Payment };
constexpr int kMeasureCount = 7;
QString measureName(Measure m); // "Adoption breadth"
QString measureKey(Measure m);  // "adoption" (stored and JSON form)
std::optional<Measure> parseMeasure(const QString &text);

enum class HealthBand { Green, Yellow, Red, InsufficientData };
QString healthBandName(HealthBand band); // "Green", ..., "Insufficient data"
enum class Trend { Up, Down, Flat };
QString trendKey(Trend t); // "up", "down", "flat"

// A scorecard: weights and normalisation parameters. The defaults are domain.md's table.
// An optional tier or lifecycle phase makes it apply only there (the most specific wins).
struct Scorecard {
    qint64 id = 0;
    QString name = QStringLiteral("Default");
    std::optional<Tier> tier;
    std::optional<LifecyclePhase> phase;
    std::array<double, kMeasureCount> weights{25, 20, 10, 15, 10, 15, 5};
    double usageFullRatio = 0.8;          // active/seats at which usage scores 100
    std::array<int, 3> ticketWeights{5, 3, 1}; // sev1, sev2, sev3
    double supportZeroAt = 20;            // weighted tickets in 30 days that score 0
    double paymentZeroAt = 60;            // average days late that score 0
    std::array<int, 3> depthTarget{5, 3, 2}; // multithreading depth for 100, by tier
    // Engagement target (touchpoints per 90 days) comes from the tier cadence in settings.
    int greenAt = 75;
    int yellowAt = 60;
    int staleDays = 180;
    int trendDays = 30;
    double trendThreshold = 5;
    double minConfidence = 0.6;
    double weight(Measure m) const { return weights[size_t(m)]; }
    bool operator==(const Scorecard &) const = default;
};
// Field errors: negative or all-zero weights, thresholds out of order, parameters <= 0.
FieldErrors validateScorecard(const Scorecard &card);
// The scorecard for an account: tier and phase match > tier only > phase only > default.
const Scorecard &scorecardFor(const std::vector<Scorecard> &cards, Tier tier, LifecyclePhase phase);

// Raw inputs of one snapshot date. Every field is optional (missing = not measured).
// `manual` marks the measures typed in by hand; they go stale after staleDays.
struct HealthInputs {
    QDate date;
    std::optional<int> licensedSeats;
    std::optional<int> activeUsers;
    std::optional<int> featuresUsed;
    std::optional<int> featuresOffered;
    std::optional<int> sev1, sev2, sev3; // tickets in the last 30 days
    std::optional<int> nps;              // -100..100
    std::optional<double> csat;          // 1..5, used when there is no NPS
    QDate sentimentDate;                 // survey date; the snapshot date when empty
    std::optional<double> daysLate;      // average over the last two invoices
    std::array<bool, kMeasureCount> manual{};
    bool operator==(const HealthInputs &) const = default;
};
FieldErrors validateHealthInputs(const HealthInputs &in);

// What the activity log and the map say at the scoring date.
struct RelationshipFacts {
    std::optional<int> touchpoints90; // activities with the customer in the last 90 days
    std::optional<int> depth;         // multithreading depth
    bool championDeparted = false;
};

struct HealthResult {
    QDate asOf;
    double score = 0;      // 0-100, over the present measures
    HealthBand band = HealthBand::InsufficientData;
    double confidence = 0; // present weight / total weight
    std::array<std::optional<double>, kMeasureCount> measureScores{}; // normalised, when present
    std::array<double, kMeasureCount> contributions{};               // points; they sum to score
    std::vector<Measure> missing; // no input
    std::vector<Measure> stale;   // typed by hand longer ago than staleDays (counted as missing)
    bool capped = false;          // a departed champion held the band at Yellow
};

// Normalised score of one measure, or nullopt when its input is missing.
std::optional<double> measureScore(Measure m, const Scorecard &card, const HealthInputs &in, const RelationshipFacts &facts,
                                   Tier tier, int engagementTarget);
HealthResult computeHealth(const Scorecard &card, const HealthInputs &in, const RelationshipFacts &facts, Tier tier,
                           int engagementTarget, const QDate &asOf);
HealthBand bandFor(const Scorecard &card, double score, double confidence);

// Up or down when the score moved by trendThreshold or more, else flat.
Trend trendBetween(const Scorecard &card, double before, double now);

// "What changed": each measure's change in contribution, largest change first.
struct ContributionChange {
    Measure measure;
    double before = 0;
    double now = 0;
    double delta() const { return now - before; }
};
std::vector<ContributionChange> whatChanged(const HealthResult &before, const HealthResult &now);

// A departed champion together with a usage drop of 30% or more within 30 days.
bool championLossAlert(bool championDeparted, std::optional<double> usageRatioBefore, std::optional<double> usageRatioNow);

} // namespace keystone::domain
