// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "account/relationships/maplayout.h"

#include <algorithm>
#include <cmath>

namespace keystone::app {

namespace {

struct Tree {
    const MapLayoutOptions &o;
    const QSet<qint64> &collapsed;
    QHash<qint64, std::vector<qint64>> children;
    QHash<qint64, qreal> width; // of the subtree's span
    MapLayout &out;

    bool isLeaf(qint64 id) const { return collapsed.contains(id) || children.value(id).empty(); }
    // Compact: every report is a leaf or has only leaves, and there is more than one card below.
    bool compact(qint64 id) const
    {
        if (isLeaf(id))
            return false;
        int below = 0;
        bool deeper = false;
        for (qint64 k : children.value(id)) {
            ++below;
            if (!isLeaf(k)) {
                deeper = true;
                for (qint64 g : children.value(k)) {
                    ++below;
                    if (!isLeaf(g))
                        return false;
                }
            }
        }
        return deeper && below > 1;
    }
    int blockRows(qint64 k) const { return 1 + (isLeaf(k) ? 0 : int(children.value(k).size())); }
    // Columns of blocks: greedy, at most max(stackRows, tallest block) rows per column.
    std::vector<std::vector<qint64>> columnsOf(qint64 id) const
    {
        int maxRows = o.stackRows;
        for (qint64 k : children.value(id))
            maxRows = std::max(maxRows, blockRows(k));
        std::vector<std::vector<qint64>> columns(1);
        int rows = 0;
        for (qint64 k : children.value(id)) {
            if (rows > 0 && rows + blockRows(k) > maxRows) {
                columns.emplace_back();
                rows = 0;
            }
            columns.back().push_back(k);
            rows += blockRows(k);
        }
        return columns;
    }
    qreal columnWidth(const std::vector<qint64> &column) const
    {
        const bool indent = std::any_of(column.begin(), column.end(), [&](qint64 k) { return !isLeaf(k); });
        return o.stackIndent + o.cardWidth + (indent ? o.stackIndent : 0);
    }
    qreal compactWidth(qint64 id) const
    {
        qreal w = 0;
        const auto columns = columnsOf(id);
        for (const auto &c : columns)
            w += columnWidth(c);
        return w + o.hGap * qreal(columns.size() - 1);
    }
    bool stacks(qint64 id) const
    {
        if (collapsed.contains(id))
            return false;
        const auto &kids = children.value(id);
        const auto leaves = std::count_if(kids.begin(), kids.end(), [&](qint64 k) { return isLeaf(k); });
        return leaves > o.stackThreshold;
    }
    // Leaf reports of a stacking manager, and the width of their stack block.
    std::vector<qint64> stackOf(qint64 id) const
    {
        std::vector<qint64> leaves;
        for (qint64 k : children.value(id))
            if (isLeaf(k))
                leaves.push_back(k);
        return leaves;
    }
    qreal stackWidth(size_t count) const
    {
        const int columns = int((count + size_t(o.stackRows) - 1) / size_t(o.stackRows));
        return o.stackIndent + columns * o.cardWidth + (columns - 1) * o.hGap;
    }

    qreal measure(qint64 id)
    {
        if (compact(id)) {
            const qreal w = std::max(o.cardWidth, compactWidth(id));
            width.insert(id, w);
            return w;
        }
        qreal span = 0;
        int parts = 0;
        if (!collapsed.contains(id)) {
            const bool stack = stacks(id);
            for (qint64 k : children.value(id)) {
                if (stack && isLeaf(k))
                    continue;
                span += measure(k);
                ++parts;
            }
            if (stack) {
                span += stackWidth(stackOf(id).size());
                ++parts;
            }
        }
        if (parts > 1)
            span += o.hGap * (parts - 1);
        const qreal w = std::max(o.cardWidth, span);
        width.insert(id, w);
        return w;
    }

    void hide(qint64 id)
    {
        for (qint64 k : children.value(id)) {
            out.hidden.insert(k);
            hide(k);
        }
    }

    void placeCompact(qint64 id, qreal left, qreal top)
    {
        qreal x = left;
        for (const auto &column : columnsOf(id)) {
            qreal y = top;
            for (qint64 k : column) {
                out.topLeft.insert(k, QPointF(x + o.stackIndent, y));
                out.stacked.insert(k);
                y += o.cardHeight + o.stackGap;
                if (collapsed.contains(k)) {
                    hide(k);
                    continue;
                }
                for (qint64 g : children.value(k)) {
                    out.topLeft.insert(g, QPointF(x + 2 * o.stackIndent, y));
                    out.indented.insert(g);
                    y += o.cardHeight + o.stackGap;
                    if (collapsed.contains(g))
                        hide(g);
                }
            }
            x += columnWidth(column) + o.hGap;
        }
    }

    void place(qint64 id, qreal left, qreal top)
    {
        const qreal w = width.value(id);
        out.topLeft.insert(id, QPointF(left + (w - o.cardWidth) / 2.0, top));
        if (collapsed.contains(id)) {
            hide(id);
            return;
        }
        if (compact(id)) {
            placeCompact(id, left + (w - compactWidth(id)) / 2.0, top + o.cardHeight + o.vGap);
            return;
        }
        const bool stack = stacks(id);
        // Children span, centred under the card when narrower than the subtree.
        qreal span = 0;
        int parts = 0;
        for (qint64 k : children.value(id)) {
            if (stack && isLeaf(k))
                continue;
            span += width.value(k);
            ++parts;
        }
        const std::vector<qint64> leaves = stack ? stackOf(id) : std::vector<qint64>{};
        if (stack) {
            span += stackWidth(leaves.size());
            ++parts;
        }
        if (parts > 1)
            span += o.hGap * (parts - 1);
        qreal x = left + (w - span) / 2.0;
        const qreal childTop = top + o.cardHeight + o.vGap;
        for (qint64 k : children.value(id)) {
            if (stack && isLeaf(k))
                continue;
            place(k, x, childTop);
            x += width.value(k) + o.hGap;
        }
        if (stack) {
            for (size_t i = 0; i < leaves.size(); ++i) {
                const int column = int(i) / o.stackRows;
                const int row = int(i) % o.stackRows;
                out.topLeft.insert(leaves[i], QPointF(x + o.stackIndent + column * (o.cardWidth + o.hGap),
                                                      childTop + row * (o.cardHeight + o.stackGap)));
                out.stacked.insert(leaves[i]);
                if (collapsed.contains(leaves[i]))
                    hide(leaves[i]);
            }
        }
    }
};

} // namespace

MapLayout layoutOrgChart(const std::vector<MapNode> &nodes, const QSet<qint64> &collapsed, const MapLayoutOptions &options)
{
    MapLayout out;
    Tree tree{options, collapsed, {}, {}, out};
    QSet<qint64> ids;
    for (const MapNode &n : nodes)
        ids.insert(n.id);
    // A stored cycle (never written by the app, but a file may hold one) is broken at the
    // node where it is met, which then shows as a root.
    QHash<qint64, qint64> parentOf;
    for (const MapNode &n : nodes)
        parentOf.insert(n.id, ids.contains(n.parent) && n.parent != n.id ? n.parent : 0);
    for (const MapNode &n : nodes) {
        QSet<qint64> seen{n.id};
        for (qint64 up = parentOf.value(n.id); up != 0; up = parentOf.value(up)) {
            if (seen.contains(up)) {
                parentOf[n.id] = 0;
                break;
            }
            seen.insert(up);
        }
    }
    std::vector<qint64> roots;
    for (const MapNode &n : nodes) {
        const qint64 p = parentOf.value(n.id);
        if (p == 0)
            roots.push_back(n.id);
        else
            tree.children[p].push_back(n.id);
    }
    for (auto it = tree.children.cbegin(); it != tree.children.cend(); ++it)
        out.reportCount.insert(it.key(), int(it.value().size()));
    qreal x = 0;
    for (qint64 r : roots) {
        tree.measure(r);
        tree.place(r, x, 0);
        x += tree.width.value(r) + options.hGap * 2;
    }
    for (auto it = out.topLeft.cbegin(); it != out.topLeft.cend(); ++it)
        out.bounds |= QRectF(it.value(), QSizeF(options.cardWidth, options.cardHeight));
    return out;
}

} // namespace keystone::app
