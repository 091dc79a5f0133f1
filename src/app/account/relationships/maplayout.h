// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QHash>
#include <QPointF>
#include <QRectF>
#include <QSet>

#include <vector>

namespace keystone::app {

// Tidy org-chart layout for the relationship map, pure geometry (no Qt widgets), so it is
// tested and benchmarked on its own. Managers sit centred above their reports. The lowest
// two levels are laid out compactly, as in printed org charts: reports without reports of
// their own hang in columns off a spine, and a manager whose reports only have such reports
// gets them as indented blocks (report, then its own reports) packed into columns. That
// keeps a 300-contact map a few screens wide instead of a hundred cards. Subtrees occupy
// disjoint horizontal spans, so cards never overlap.
struct MapNode {
    qint64 id = 0;
    qint64 parent = 0; // 0, or an id not in the list: a root
};

struct MapLayoutOptions {
    qreal cardWidth = 232;
    qreal cardHeight = 100;
    qreal hGap = 28;        // between neighbouring subtrees
    qreal vGap = 56;        // between a manager and its reports
    qreal stackGap = 14;    // between cards of a stack
    qreal stackIndent = 28; // stacks hang right of their manager's spine
    int stackThreshold = 1; // more leaf reports than this are stacked
    int stackRows = 8;      // cards per stack column
};

struct MapLayout {
    QHash<qint64, QPointF> topLeft; // visible cards only
    QSet<qint64> hidden;            // under a collapsed manager
    QSet<qint64> stacked;           // hang off a spine left of the card, from their manager's line
    QSet<qint64> indented;          // hang off a spine under their manager's card (compact blocks)
    QHash<qint64, int> reportCount; // direct reports (visible or not), for the collapse toggle
    QRectF bounds;
};

MapLayout layoutOrgChart(const std::vector<MapNode> &nodes, const QSet<qint64> &collapsed, const MapLayoutOptions &options = {});

} // namespace keystone::app
