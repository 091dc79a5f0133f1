// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/domain/segmentation.h"

#include <algorithm>
#include <cmath>

namespace keystone::domain {

qint64 percentileCents(std::span<const qint64> arrCents, double percentile)
{
    if (arrCents.empty())
        return 0;
    std::vector<qint64> sorted(arrCents.begin(), arrCents.end());
    const double p = std::clamp(percentile, 0.0, 100.0) / 100.0;
    const double h = p * double(sorted.size() - 1);
    const auto lo = size_t(std::floor(h));
    const size_t hi = std::min(lo + 1, sorted.size() - 1);
    // Only the two ranks around h matter: nth_element keeps this O(n) for 10,000 accounts.
    std::nth_element(sorted.begin(), sorted.begin() + qsizetype(lo), sorted.end());
    const qint64 low = sorted[lo];
    qint64 high = low;
    if (hi != lo)
        high = *std::min_element(sorted.begin() + qsizetype(lo) + 1, sorted.end());
    const double value = double(low) + (h - double(lo)) * double(high - low);
    return qint64(std::llround(value));
}

qint64 valueThresholdCents(std::span<const qint64> arrCents, const SegmentationSettings &settings)
{
    if (settings.mode == SegmentationSettings::ThresholdMode::Fixed)
        return settings.fixedThresholdCents;
    return percentileCents(arrCents, settings.percentile);
}

bool isHighPotential(const SegmentInput &input, const SegmentationSettings &settings)
{
    if (input.potentialRating >= settings.potentialRatingMin)
        return true;
    if (input.openWhitespaceCents && input.arrCents > 0) {
        // Compare in integers: whitespace >= ratio x ARR, ratio in thousandths.
        const qint64 ratioMilli = qint64(std::llround(settings.whitespaceRatio * 1000.0));
        return *input.openWhitespaceCents * 1000 >= input.arrCents * ratioMilli;
    }
    if (input.openWhitespaceCents && input.arrCents == 0)
        return *input.openWhitespaceCents > 0;
    return false;
}

Tier suggestedTierFor(Quadrant quadrant)
{
    switch (quadrant) {
    case Quadrant::Invest: return Tier::Tier1;
    case Quadrant::Protect:
    case Quadrant::Develop: return Tier::Tier2;
    case Quadrant::Maintain: return Tier::Tier3;
    }
    return Tier::Tier3;
}

Segment segment(const SegmentInput &input, qint64 thresholdCents, const SegmentationSettings &settings)
{
    Segment s;
    s.highValue = input.arrCents >= thresholdCents;
    s.highPotential = isHighPotential(input, settings);
    if (s.highValue)
        s.quadrant = s.highPotential ? Quadrant::Invest : Quadrant::Protect;
    else
        s.quadrant = s.highPotential ? Quadrant::Develop : Quadrant::Maintain;
    s.suggestedTier = suggestedTierFor(s.quadrant);
    return s;
}

PortfolioSegmentation segmentPortfolio(std::span<const SegmentInput> inputs,
                                       const SegmentationSettings &settings)
{
    PortfolioSegmentation result;
    std::vector<qint64> arr;
    arr.reserve(inputs.size());
    for (const SegmentInput &in : inputs)
        arr.push_back(in.arrCents);
    result.thresholdCents = valueThresholdCents(arr, settings);
    result.segments.reserve(inputs.size());
    for (const SegmentInput &in : inputs)
        result.segments.push_back(segment(in, result.thresholdCents, settings));
    return result;
}

} // namespace keystone::domain
