// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/domain/healthdisplay.h"

#include <cmath>

namespace keystone::domain {

int shownHealthScore(double score)
{
    // The band's view of the score (two decimals, as bandFor), then rounded down; the small
    // margin keeps 74.99999 (75.00 to the band) from flooring to 74 through float error.
    const double banded = std::round(score * 100.0) / 100.0;
    return int(std::floor(banded + 1e-9));
}

QString formatHealthScore(double score)
{
    return QString::number(shownHealthScore(score));
}

} // namespace keystone::domain
