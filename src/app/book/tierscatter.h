// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QPixmap>
#include <QString>
#include <QWidget>

#include <array>
#include <vector>

namespace keystone::app {

// The tier grid's chart: ARR (log scale) against growth potential, one dot per account
// coloured by health band, with the two quadrant thresholds and the quadrant names. Drawn by
// hand: 10,000 dots as QtCharts items cost more than the rest of the view; here a repaint
// is a loop over precomputed positions. Hover names the account; a click opens it.
class TierScatter final : public QWidget
{
    Q_OBJECT
public:
    struct Point {
        qint64 accountId = 0;
        QString label;     // tooltip: name and figures
        double arr = 0;    // in major units, > 0
        double potential = 0; // 1 = the high-potential threshold
        int band = 4;      // services::bandColumn
    };

    explicit TierScatter(QWidget *parent = nullptr);
    // `notPlotted`: accounts of the view with no ARR (a log axis has no place for $0); the
    // legend says how many.
    void setPoints(std::vector<Point> points, double thresholdArr, const QString &currency, int notPlotted = 0);
    int notPlottedCount() const { return m_notPlotted; }
    // The x axis range in major units (tests: it starts just below the smallest ARR).
    double axisMinArr() const;
    double axisMaxArr() const;
    // The band counts in the order dots are drawn, split into tenths of the drawing: each
    // tenth holds the bands in about their share of the book, so no band is drawn over the
    // others as a whole (tests).
    std::vector<std::array<int, 5>> drawOrderProfile(int parts) const;
    int pointCount() const { return int(m_points.size()); }
    // The account under a widget position (within a few pixels), or 0.
    qint64 accountAt(const QPoint &pos) const;
    QPoint positionOf(qint64 accountId) const; // for tests: where that account's dot is
    QSize sizeHint() const override { return {640, 480}; }
    QSize minimumSizeHint() const override { return {360, 260}; }

Q_SIGNALS:
    void accountClicked(qint64 accountId);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    QRectF plotRect() const;
    QPointF toScreen(double arr, double potential) const;
    void layoutPoints();
    QString moneyLabel(double value) const;
    void makeDots(qreal ratio);

    std::vector<Point> m_points;
    std::vector<QPointF> m_screen; // parallel to m_points
    std::vector<size_t> m_drawOrder; // the points in a fixed, band-blind order
    int m_notPlotted = 0;
    double m_threshold = 0;
    QString m_currency;
    double m_logMin = 3, m_logMax = 7; // decades shown on the x axis
    double m_yMax = 3;
    // One antialiased dot per health band, drawn once per device pixel ratio: blitting 10,000
    // of them is about ten times faster than 10,000 antialiased ellipses.
    std::array<QPixmap, 5> m_dots;
    qreal m_dotsRatio = 0;
};

} // namespace keystone::app
