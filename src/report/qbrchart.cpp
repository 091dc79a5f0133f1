// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "pagestyle.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace keystone::report {

namespace {

double niceStep(double range, int ticks)
{
    const double raw = range / std::max(1, ticks);
    const double mag = std::pow(10.0, std::floor(std::log10(std::max(raw, 1e-9))));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * mag)
            return m * mag;
    return 10 * mag;
}

} // namespace

void paintChart(QPainter &p, const services::QbrChart &chart, const QRectF &box, const QColor &accent)
{
    const QColor referenceGrey(0xa0, 0xa8, 0xb8);
    const std::array<QColor, 2> colors{accent, QColor(0x2e, 0x9d, 0x6a)}; // the measured series, in order
    p.setFont(font(10, true));
    p.setPen(kInk);
    p.drawText(QRectF(box.left(), box.top(), box.width(), 16), Qt::AlignLeft | Qt::AlignVCenter, chart.title);
    // Plot area: room for the y labels and axis title on the left, month labels and the x
    // axis title below, the legend above.
    const QRectF plot(box.left() + 52, box.top() + 40, box.width() - 62, box.height() - 84);
    QDate first, last;
    double maxY = chart.yMax;
    for (const auto &s : chart.series)
        for (const auto &[d, v] : s.points) {
            first = first.isValid() ? std::min(first, d) : d;
            last = last.isValid() ? std::max(last, d) : d;
            if (chart.yMax <= 0)
                maxY = std::max(maxY, v);
        }
    if (!first.isValid())
        return;
    const double step = niceStep(std::max(maxY, 1.0), 4);
    const double top = chart.yMax > 0 ? chart.yMax : std::ceil(maxY / step) * step;
    const double span = std::max<qint64>(1, first.daysTo(last));
    auto px = [&](const QDate &d) { return plot.left() + plot.width() * double(first.daysTo(d)) / span; };
    auto py = [&](double v) { return plot.bottom() - plot.height() * v / top; };

    // Grid and y axis.
    p.setFont(font(7.5));
    for (double v = 0; v <= top + 1e-9; v += step) {
        p.setPen(QPen(kRule, 0.5));
        p.drawLine(QPointF(plot.left(), py(v)), QPointF(plot.right(), py(v)));
        p.setPen(kMuted);
        p.drawText(QRectF(plot.left() - 40, py(v) - 6, 36, 12), Qt::AlignRight | Qt::AlignVCenter, QLocale::c().toString(v, 'g', 6));
    }
    // The quarter under review: a light band of the accent, labelled at its top.
    if (chart.markFrom.isValid() && chart.markTo.isValid() && chart.markFrom <= last && chart.markTo >= first) {
        const double x0 = px(std::max(chart.markFrom, first)), x1 = px(std::min(chart.markTo, last));
        QColor band = accent;
        band.setAlpha(28);
        p.fillRect(QRectF(x0, plot.top(), std::max(2.0, x1 - x0), plot.height()), band);
        p.setPen(accent);
        p.setFont(font(7));
        const double labelW = QFontMetricsF(font(7), &measureDevice()).horizontalAdvance(chart.markLabel) + 4;
        p.drawText(QRectF(std::min(x0 + 2, plot.right() - labelW), plot.top() + 2, labelW, 10), Qt::AlignLeft | Qt::AlignVCenter, chart.markLabel);
        p.setFont(font(7.5));
    }
    p.setPen(QPen(kMuted, 0.8));
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    p.drawLine(plot.bottomLeft(), plot.topLeft());
    // Month labels along x: every month for up to 7 points, else every other one.
    std::vector<QDate> months;
    for (const auto &s : chart.series)
        for (const auto &pt : s.points)
            months.push_back(pt.first);
    std::sort(months.begin(), months.end());
    months.erase(std::unique(months.begin(), months.end()), months.end());
    const size_t every = months.size() > 7 ? 2 : 1;
    for (size_t i = 0; i < months.size(); i += every) {
        const double x = px(months[i]);
        p.setPen(QPen(kMuted, 0.8));
        p.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 3));
        p.drawText(QRectF(x - 24, plot.bottom() + 4, 48, 12), Qt::AlignHCenter | Qt::AlignTop, months[i].toString(QStringLiteral("MMM yy")));
    }
    // Axis titles.
    p.setPen(kMuted);
    p.drawText(QRectF(plot.left(), plot.bottom() + 18, plot.width(), 12), Qt::AlignHCenter | Qt::AlignTop, chart.xLabel);
    p.save();
    p.translate(box.left() + 8, plot.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-plot.height() / 2, -6, plot.height(), 12), Qt::AlignCenter, chart.yLabel);
    p.restore();
    // Series and legend.
    double legendX = box.left() + 52;
    size_t measured = 0;
    for (size_t s = 0; s < chart.series.size(); ++s) {
        const QColor c = chart.series[s].reference ? referenceGrey : colors[std::min(measured++, colors.size() - 1)];
        const auto &pts = chart.series[s].points;
        QPainterPath path;
        for (size_t i = 0; i < pts.size(); ++i) {
            const QPointF pt(px(pts[i].first), py(pts[i].second));
            if (i == 0)
                path.moveTo(pt);
            else
                path.lineTo(pt);
        }
        p.setPen(QPen(c, 1.8));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        p.setBrush(c);
        p.setPen(Qt::NoPen);
        for (const auto &[d, v] : pts)
            p.drawEllipse(QPointF(px(d), py(v)), 2.2, 2.2);
        const QFontMetricsF fm(font(7.5), &measureDevice());
        p.drawRect(QRectF(legendX, box.top() + 22, 14, 3));
        p.setPen(kInk);
        p.drawText(QRectF(legendX + 18, box.top() + 17, 200, 12), Qt::AlignLeft | Qt::AlignVCenter, chart.series[s].name);
        legendX += 30 + fm.horizontalAdvance(chart.series[s].name);
    }
}

} // namespace keystone::report
