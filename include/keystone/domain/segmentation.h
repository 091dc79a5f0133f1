// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/portfoliosettings.h"
#include "keystone/domain/types.h"

#include <QtGlobal>

#include <optional>
#include <span>
#include <vector>

namespace keystone::domain {

// What segmentation needs to know of one account.
struct SegmentInput {
    qint64 arrCents = 0;
    int potentialRating = 3;                 // 1..5
    std::optional<qint64> openWhitespaceCents; // nullopt until whitespace is assessed
};

struct Segment {
    Quadrant quadrant = Quadrant::Maintain;
    Tier suggestedTier = Tier::Tier3;
    bool highValue = false;
    bool highPotential = false;

    bool operator==(const Segment &) const = default;
};

// The p-th percentile (0..100) of the ARR values, in cents, by linear interpolation between
// closest ranks (the "R-7" definition used by spreadsheets' PERCENTILE.INC), rounded to the
// nearest cent. Zero for an empty list.
qint64 percentileCents(std::span<const qint64> arrCents, double percentile);

// The "high value" threshold in cents for these settings over a whole portfolio.
qint64 valueThresholdCents(std::span<const qint64> arrCents, const SegmentationSettings &settings);

// High potential: open whitespace >= ratio x ARR (when known), or rating >= the minimum.
bool isHighPotential(const SegmentInput &input, const SegmentationSettings &settings);

Segment segment(const SegmentInput &input, qint64 thresholdCents, const SegmentationSettings &settings);

Tier suggestedTierFor(Quadrant quadrant);

// Segments a whole portfolio: computes the threshold once, then each account.
struct PortfolioSegmentation {
    qint64 thresholdCents = 0;
    std::vector<Segment> segments; // parallel to the input
};
PortfolioSegmentation segmentPortfolio(std::span<const SegmentInput> inputs,
                                       const SegmentationSettings &settings);

} // namespace keystone::domain
