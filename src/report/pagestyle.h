// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

// What the QBR's pages share (qbrreport.cpp lays them out): the geometry and type in
// points, the chart painter (qbrchart.cpp) and the document information written into the
// PDF (pdfinfo.cpp). Internal to the report library.

#include "keystone/report/qbrreport.h"

#include <QByteArray>
#include <QColor>
#include <QFont>
#include <QImage>
#include <QRectF>
#include <QSizeF>
#include <QString>

class QPainter;

namespace keystone::report {

inline constexpr double kMargin = 50;
inline constexpr double kContentTop = 74;
inline constexpr double kFooterSpace = 56;
inline constexpr double kGap = 10;
inline const QColor kInk(0x22, 0x26, 0x2e);
inline const QColor kMuted(0x6b, 0x72, 0x80);
inline const QColor kRule(0xd5, 0xd9, 0xe0);
inline const QColor kStripe(0xf4, 0xf6, 0xf9);

inline QSizeF pageSizePt(PageSize s)
{
    return s == PageSize::Letter ? QSizeF(612, 792) : QSizeF(595.28, 841.89);
}

inline QFont font(double pt, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSizeF(pt);
    f.setBold(bold);
    f.setHintingPreference(QFont::PreferNoHinting); // metrics scale with the device: same layout at any dpi
    f.setKerning(true);
    // No ligatures: text copied out of the PDF (and searched in it) reads "Sofia" and
    // "confidence", not "Soﬁa" with the one-glyph "fi". Scripts that need shaping keep it.
    f.setStyleStrategy(QFont::PreferNoShaping);
    return f;
}

// Text is measured on a 72-dpi image whatever the target, so the layout is the same for the
// PDF and for every preview size.
inline const QPaintDevice &measureDevice()
{
    static const QImage image = [] {
        QImage i(1, 1, QImage::Format_ARGB32);
        i.setDotsPerMeterX(2835); // 72 dpi
        i.setDotsPerMeterY(2835);
        return i;
    }();
    return image;
}

// Charts are a fixed height on the page: 200 points, a fifth of it or so, moved whole.
inline constexpr double kChartHeight = 200;

// A month-by-month line chart into `box`: axes with labels, the series, the quarter marked.
void paintChart(QPainter &p, const services::QbrChart &chart, const QRectF &box, const QColor &accent);

// The PDF `bytes` with the document information's producer, author and subject written in
// (Qt 6.4's QPdfWriter names itself as the producer and cannot set the other two).
QByteArray withInfo(QByteArray bytes, const QString &producer, const QString &author, const QString &subject);

} // namespace keystone::report
