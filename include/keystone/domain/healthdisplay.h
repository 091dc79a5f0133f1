// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QString>

namespace keystone::domain {

// The one way a health score is shown, everywhere (the table, the tabs, the dashboards, the
// CLI's text, the PDF): a whole number that always falls inside the band shown beside it.
// Bands are decided on the score rounded to two decimals (bandFor) against whole-number
// thresholds, so the shown number is that value rounded down: 59.53 shows 59 (Red, under 60),
// 74.97 shows 74 (Yellow), 74.999 shows 75 (it is Green), never "60" on red.
int shownHealthScore(double score);
QString formatHealthScore(double score); // "59"

} // namespace keystone::domain
