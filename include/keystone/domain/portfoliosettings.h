// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/coverage.h"
#include "keystone/domain/types.h"

#include <QString>

#include <array>

namespace keystone::domain {

// How "high value" is decided (domain.md section 3).
struct SegmentationSettings {
    enum class ThresholdMode { Percentile, Fixed };
    ThresholdMode mode = ThresholdMode::Percentile;
    double percentile = 80.0;        // 0..100, of the portfolio's ARR
    qint64 fixedThresholdCents = 0;  // used when mode == Fixed
    double whitespaceRatio = 0.5;    // open whitespace / ARR at or above this = high potential
    int potentialRatingMin = 4;      // rating at or above this = high potential

    bool operator==(const SegmentationSettings &) const = default;
};

// Cadence defaults per tier (domain.md section 3). Days; 0 = none (pooled).
struct TierCadence {
    int internalReviewDays = 0;
    int businessReviewDays = 0;
    int planRefreshDays = 0;
    int touchpointsPer90Days = 0;

    bool operator==(const TierCadence &) const = default;
};

// Portfolio-wide settings stored inside the portfolio file so they travel with it.
struct PortfolioSettings {
    QString currency = QStringLiteral("USD");
    SegmentationSettings segmentation;
    std::array<TierCadence, 3> cadences{{
        {30, 91, 90, 6},   // Tier 1: monthly internal, quarterly QBR
        {91, 182, 180, 3}, // Tier 2: quarterly internal, semiannual business review
        {0, 365, 365, 1},  // Tier 3: pooled, yearly
    }};
    EffortMatrix effort; // hours per account per month by tier and role (coverage)

    const TierCadence &cadence(Tier tier) const { return cadences[size_t(int(tier) - 1)]; }
    bool operator==(const PortfolioSettings &) const = default;
};

} // namespace keystone::domain
