// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "testsupport.h"

#include "keystone/domain/segmentation.h"

#include <vector>

using namespace keystone::domain;

TEST_CASE("Percentile interpolates between closest ranks", "[domain][segmentation]")
{
    // Hand-computed with R-7: h = p x (n - 1).
    const std::vector<qint64> five{50, 10, 40, 20, 30};
    CHECK(percentileCents(five, 80) == 42);   // h = 3.2 -> 40 + 0.2 x 10
    CHECK(percentileCents(five, 50) == 30);   // h = 2 exactly
    CHECK(percentileCents(five, 0) == 10);
    CHECK(percentileCents(five, 100) == 50);
    const std::vector<qint64> ten{1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000};
    CHECK(percentileCents(ten, 80) == 8200);  // h = 7.2 -> 8000 + 0.2 x 1000
    CHECK(percentileCents(std::vector<qint64>{777}, 80) == 777);
    CHECK(percentileCents(std::vector<qint64>{}, 80) == 0);
    const std::vector<qint64> ties{5, 5, 5, 5, 100};
    CHECK(percentileCents(ties, 80) == 24);   // h = 3.2 -> 5 + 0.2 x 95 = 24
}

TEST_CASE("Quadrants and suggested tiers follow value and potential", "[domain][segmentation]")
{
    const SegmentationSettings s; // 80th percentile, rating >= 4, whitespace >= 50%
    const qint64 threshold = 8200;
    auto seg = [&](qint64 arr, int rating, std::optional<qint64> ws = std::nullopt) {
        return segment(SegmentInput{arr, rating, ws}, threshold, s);
    };
    CHECK(seg(9000, 4).quadrant == Quadrant::Invest);
    CHECK(seg(9000, 4).suggestedTier == Tier::Tier1);
    CHECK(seg(9000, 3).quadrant == Quadrant::Protect);
    CHECK(seg(9000, 3).suggestedTier == Tier::Tier2);
    CHECK(seg(1000, 5).quadrant == Quadrant::Develop);
    CHECK(seg(1000, 5).suggestedTier == Tier::Tier2);
    CHECK(seg(1000, 1).quadrant == Quadrant::Maintain);
    CHECK(seg(1000, 1).suggestedTier == Tier::Tier3);
    // "At or above" the threshold is high value.
    CHECK(seg(8200, 1).highValue);
    CHECK_FALSE(seg(8199, 1).highValue);
    // Whitespace of exactly half the ARR is high potential; a cent less is not.
    CHECK(seg(10000, 1, 5000).highPotential);
    CHECK_FALSE(seg(10000, 1, 4999).highPotential);
    CHECK(seg(10000, 1, 5000).quadrant == Quadrant::Invest);
}

TEST_CASE("Portfolio segmentation uses one threshold for the whole book", "[domain][segmentation]")
{
    std::vector<SegmentInput> inputs;
    for (qint64 arr : {1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000})
        inputs.push_back({arr, 3, std::nullopt});
    inputs[9].potentialRating = 4; // 10000: Invest
    inputs[0].potentialRating = 5; // 1000: Develop
    const PortfolioSegmentation result = segmentPortfolio(inputs, SegmentationSettings{});
    CHECK(result.thresholdCents == 8200);
    REQUIRE(result.segments.size() == 10);
    CHECK(result.segments[9].quadrant == Quadrant::Invest);
    CHECK(result.segments[8].quadrant == Quadrant::Protect); // 9000 >= 8200
    CHECK(result.segments[7].quadrant == Quadrant::Maintain); // 8000 < 8200
    CHECK(result.segments[0].quadrant == Quadrant::Develop);
}

TEST_CASE("A fixed threshold replaces the percentile", "[domain][segmentation]")
{
    SegmentationSettings s;
    s.mode = SegmentationSettings::ThresholdMode::Fixed;
    s.fixedThresholdCents = 5000;
    const std::vector<qint64> arr{1000, 2000, 3000};
    CHECK(valueThresholdCents(arr, s) == 5000);
    s.mode = SegmentationSettings::ThresholdMode::Percentile;
    s.percentile = 50;
    CHECK(valueThresholdCents(arr, s) == 2000);
}
