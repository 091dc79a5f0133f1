// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/domain/health.h"

#include <algorithm>
#include <cmath>

namespace keystone::domain {

namespace {

const char *const kMeasureNames[kMeasureCount] = {"Usage", "Adoption breadth", "Support load", "Sentiment", "Engagement", "Relationship",
                                                  "Payment"};
const char *const kMeasureKeys[kMeasureCount] = {"usage", "adoption", "support", "sentiment", "engagement", "relationship", "payment"};

double clamp100(double v)
{
    return std::clamp(v, 0.0, 100.0);
}

// The date a measure's input was taken: sentiment has its own survey date.
QDate inputDate(Measure m, const HealthInputs &in)
{
    if (m == Measure::Sentiment && in.sentimentDate.isValid())
        return in.sentimentDate;
    return in.date;
}

} // namespace

QString measureName(Measure m)
{
    return QString::fromLatin1(kMeasureNames[size_t(m)]);
}

QString measureKey(Measure m)
{
    return QString::fromLatin1(kMeasureKeys[size_t(m)]);
}

std::optional<Measure> parseMeasure(const QString &text)
{
    for (int i = 0; i < kMeasureCount; ++i) // keys first, without allocating: stored rows use them
        if (text == QLatin1String(kMeasureKeys[i]))
            return Measure(i);
    const QString t = text.trimmed().toLower();
    for (int i = 0; i < kMeasureCount; ++i)
        if (t == QLatin1String(kMeasureKeys[i]) || t == QString::fromLatin1(kMeasureNames[i]).toLower())
            return Measure(i);
    return std::nullopt;
}

QString healthBandName(HealthBand band)
{
    switch (band) {
    case HealthBand::Green: return QStringLiteral("Green");
    case HealthBand::Yellow: return QStringLiteral("Yellow");
    case HealthBand::Red: return QStringLiteral("Red");
    case HealthBand::InsufficientData: return QStringLiteral("Insufficient data");
    }
    return {};
}

QString trendKey(Trend t)
{
    return t == Trend::Up ? QStringLiteral("up") : t == Trend::Down ? QStringLiteral("down") : QStringLiteral("flat");
}

FieldErrors validateScorecard(const Scorecard &c)
{
    FieldErrors errors;
    double total = 0;
    for (int i = 0; i < kMeasureCount; ++i) {
        if (!(c.weights[size_t(i)] >= 0))
            errors.append({QStringLiteral("weights.%1").arg(measureKey(Measure(i))),
                           QStringLiteral("The weight of %1 must not be negative").arg(measureName(Measure(i)))});
        total += std::max(0.0, c.weights[size_t(i)]);
    }
    if (total <= 0)
        errors.append({QStringLiteral("weights"), QStringLiteral("At least one measure needs a weight above zero")});
    if (!(c.yellowAt > 0 && c.yellowAt < c.greenAt && c.greenAt <= 100))
        errors.append({QStringLiteral("thresholds"),
                       QStringLiteral("Thresholds must be in order: 0 < yellow (%1) < green (%2) <= 100").arg(c.yellowAt).arg(c.greenAt)});
    if (c.staleDays <= 0)
        errors.append({QStringLiteral("stale_days"), QStringLiteral("Stale age must be at least one day")});
    if (c.trendDays <= 0)
        errors.append({QStringLiteral("trend_days"), QStringLiteral("Comparison period must be at least one day")});
    if (!(c.usageFullRatio > 0 && c.usageFullRatio <= 1))
        errors.append({QStringLiteral("usage_full_ratio"), QStringLiteral("Usage for a full score must be above 0 and at most 1")});
    if (!(c.supportZeroAt > 0))
        errors.append({QStringLiteral("support_zero_at"), QStringLiteral("Support load for a zero score must be above 0")});
    if (!(c.paymentZeroAt > 0))
        errors.append({QStringLiteral("payment_zero_at"), QStringLiteral("Days late for a zero score must be above 0")});
    for (int t = 0; t < 3; ++t)
        if (c.depthTarget[size_t(t)] <= 0)
            errors.append({QStringLiteral("depth_target"), QStringLiteral("The depth target of Tier %1 must be at least 1").arg(t + 1)});
    if (!(c.minConfidence >= 0 && c.minConfidence <= 1))
        errors.append({QStringLiteral("min_confidence"), QStringLiteral("Minimum confidence must be from 0 to 1")});
    return errors;
}

const Scorecard &scorecardFor(const std::vector<Scorecard> &cards, Tier tier, LifecyclePhase phase)
{
    static const Scorecard fallback;
    const Scorecard *best = nullptr;
    int bestRank = -1;
    for (const Scorecard &c : cards) {
        if ((c.tier && *c.tier != tier) || (c.phase && *c.phase != phase))
            continue;
        const int rank = (c.tier ? 2 : 0) + (c.phase ? 1 : 0);
        if (rank > bestRank) {
            best = &c;
            bestRank = rank;
        }
    }
    return best ? *best : fallback;
}

FieldErrors validateHealthInputs(const HealthInputs &in)
{
    FieldErrors errors;
    auto nonNegative = [&](const std::optional<int> &v, const char *field, const QString &what) {
        if (v && *v < 0)
            errors.append({QString::fromLatin1(field), QStringLiteral("%1 must not be negative").arg(what)});
    };
    if (!in.date.isValid())
        errors.append({QStringLiteral("date"), QStringLiteral("The snapshot needs a date")});
    nonNegative(in.licensedSeats, "licensed_seats", QStringLiteral("Licensed seats"));
    nonNegative(in.activeUsers, "active_users", QStringLiteral("Active users"));
    nonNegative(in.featuresUsed, "features_used", QStringLiteral("Core features used"));
    nonNegative(in.featuresOffered, "features_offered", QStringLiteral("Core features offered"));
    nonNegative(in.sev1, "sev1", QStringLiteral("Severity 1 tickets"));
    nonNegative(in.sev2, "sev2", QStringLiteral("Severity 2 tickets"));
    nonNegative(in.sev3, "sev3", QStringLiteral("Severity 3 tickets"));
    if (in.featuresUsed && in.featuresOffered && *in.featuresUsed > *in.featuresOffered)
        errors.append({QStringLiteral("features_used"), QStringLiteral("Core features used (%1) cannot exceed those offered (%2)")
                                                             .arg(*in.featuresUsed)
                                                             .arg(*in.featuresOffered)});
    if (in.nps && (*in.nps < -100 || *in.nps > 100))
        errors.append({QStringLiteral("nps"), QStringLiteral("NPS must be from -100 to 100")});
    if (in.csat && (*in.csat < 1 || *in.csat > 5))
        errors.append({QStringLiteral("csat"), QStringLiteral("CSAT must be from 1 to 5")});
    if (in.daysLate && *in.daysLate < 0)
        errors.append({QStringLiteral("days_late"), QStringLiteral("Days late must not be negative")});
    return errors;
}

std::optional<double> measureScore(Measure m, const Scorecard &card, const HealthInputs &in, const RelationshipFacts &facts, Tier tier,
                                   int engagementTarget)
{
    switch (m) {
    case Measure::Usage:
        if (!in.licensedSeats || !in.activeUsers || *in.licensedSeats <= 0)
            return std::nullopt;
        return clamp100(std::min(1.0, double(*in.activeUsers) / double(*in.licensedSeats) / card.usageFullRatio) * 100.0);
    case Measure::Adoption:
        if (!in.featuresUsed || !in.featuresOffered || *in.featuresOffered <= 0)
            return std::nullopt;
        return clamp100(double(*in.featuresUsed) / double(*in.featuresOffered) * 100.0);
    case Measure::Support: {
        if (!in.sev1 && !in.sev2 && !in.sev3)
            return std::nullopt;
        const double weighted = card.ticketWeights[0] * in.sev1.value_or(0) + card.ticketWeights[1] * in.sev2.value_or(0)
                                + card.ticketWeights[2] * in.sev3.value_or(0);
        return clamp100(std::max(0.0, 1.0 - weighted / card.supportZeroAt) * 100.0);
    }
    case Measure::Sentiment:
        if (in.nps)
            return clamp100((*in.nps + 100) / 2.0);
        if (in.csat)
            return clamp100((*in.csat - 1.0) / 4.0 * 100.0);
        return std::nullopt;
    case Measure::Engagement:
        if (!facts.touchpoints90 || engagementTarget <= 0)
            return std::nullopt;
        return clamp100(std::min(1.0, double(*facts.touchpoints90) / double(engagementTarget)) * 100.0);
    case Measure::Relationship: {
        if (!facts.depth)
            return std::nullopt;
        const int target = card.depthTarget[size_t(int(tier) - 1)];
        return clamp100(std::min(1.0, double(*facts.depth) / double(target)) * 100.0);
    }
    case Measure::Payment:
        if (!in.daysLate)
            return std::nullopt;
        return clamp100(std::max(0.0, 1.0 - *in.daysLate / card.paymentZeroAt) * 100.0);
    }
    return std::nullopt;
}

HealthBand bandFor(const Scorecard &card, double score, double confidence)
{
    if (confidence < card.minConfidence)
        return HealthBand::InsufficientData;
    // Bands on the score rounded to two decimals, so 74.999 from float sums is not Yellow.
    const double s = std::round(score * 100.0) / 100.0;
    return s >= card.greenAt ? HealthBand::Green : s >= card.yellowAt ? HealthBand::Yellow : HealthBand::Red;
}

HealthResult computeHealth(const Scorecard &card, const HealthInputs &in, const RelationshipFacts &facts, Tier tier, int engagementTarget,
                           const QDate &asOf)
{
    HealthResult r;
    r.asOf = asOf;
    double total = 0, present = 0, weighted = 0;
    for (int i = 0; i < kMeasureCount; ++i) {
        const Measure m = Measure(i);
        const double w = card.weight(m);
        total += w;
        std::optional<double> score = measureScore(m, card, in, facts, tier, engagementTarget);
        if (score && in.manual[size_t(i)]) {
            const QDate taken = inputDate(m, in);
            if (!taken.isValid() || taken.daysTo(asOf) > card.staleDays) {
                r.stale.push_back(m);
                score.reset();
            }
        }
        if (!score) {
            if (std::find(r.stale.begin(), r.stale.end(), m) == r.stale.end())
                r.missing.push_back(m);
            continue;
        }
        r.measureScores[size_t(i)] = *score;
        if (w <= 0)
            continue;
        present += w;
        weighted += w * *score;
    }
    r.confidence = total > 0 ? present / total : 0;
    r.score = present > 0 ? weighted / present : 0;
    for (int i = 0; i < kMeasureCount; ++i)
        if (r.measureScores[size_t(i)] && present > 0)
            r.contributions[size_t(i)] = card.weights[size_t(i)] * *r.measureScores[size_t(i)] / present;
    r.band = present > 0 ? bandFor(card, r.score, r.confidence) : HealthBand::InsufficientData;
    if (facts.championDeparted && r.band == HealthBand::Green) {
        r.band = HealthBand::Yellow;
        r.capped = true;
    }
    return r;
}

Trend trendBetween(const Scorecard &card, double before, double now)
{
    const double delta = std::round((now - before) * 100.0) / 100.0;
    if (delta >= card.trendThreshold)
        return Trend::Up;
    if (delta <= -card.trendThreshold)
        return Trend::Down;
    return Trend::Flat;
}

std::vector<ContributionChange> whatChanged(const HealthResult &before, const HealthResult &now)
{
    std::vector<ContributionChange> out;
    for (int i = 0; i < kMeasureCount; ++i)
        out.push_back({Measure(i), before.contributions[size_t(i)], now.contributions[size_t(i)]});
    std::stable_sort(out.begin(), out.end(),
                     [](const ContributionChange &a, const ContributionChange &b) { return std::abs(a.delta()) > std::abs(b.delta()); });
    return out;
}

bool championLossAlert(bool championDeparted, std::optional<double> usageRatioBefore, std::optional<double> usageRatioNow)
{
    if (!championDeparted || !usageRatioBefore || !usageRatioNow || *usageRatioBefore <= 0)
        return false;
    return (*usageRatioBefore - *usageRatioNow) / *usageRatioBefore >= 0.3;
}

} // namespace keystone::domain
