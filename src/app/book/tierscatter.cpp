// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "book/tierscatter.h"
#include "widgets/colours.h"

#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <array>
#include <cmath>

namespace keystone::app {

namespace {
const std::array<QColor, 5> kBandColours{QColor(0x2e, 0x9e, 0x4f), QColor(0xe0, 0xa8, 0x00), QColor(0xd0, 0x3b, 0x2f),
                                         QColor(0x90, 0x90, 0x90), QColor(0xb8, 0xb8, 0xb8)};
const std::array<const char *, 5> kBandNames{"Green", "Yellow", "Red", "Insufficient data", "Not scored"};
constexpr double kLeft = 78, kRight = 150, kTop = 40, kBottom = 56;
} // namespace

TierScatter::TierScatter(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setObjectName(QStringLiteral("tierScatter"));
    // For a screen reader: what the chart shows, in words (the list beside it holds the
    // same accounts, one per row, for the keyboard).
    setAccessibleName(tr("Accounts by ARR and growth potential"));
    setAttribute(Qt::WA_OpaquePaintEvent);
}

namespace {
// A fixed pseudo-random number per account (splitmix64): the same dot keeps its place and
// its turn in the drawing from one repaint to the next.
quint64 mix(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}
// Growth potential comes in steps (ratings); a dot moves up to this much up or down within
// its step, so that thousands of accounts on one rating show as a band, not a line.
constexpr double kJitter = 0.09;
} // namespace

void TierScatter::setPoints(std::vector<Point> points, double thresholdArr, const QString &currency, int notPlotted)
{
    m_points = std::move(points);
    m_threshold = thresholdArr;
    m_currency = currency;
    m_notPlotted = notPlotted;
    double lo = thresholdArr > 0 ? thresholdArr : 1e4, hi = lo, yMax = 1.5;
    for (const Point &p : m_points) {
        lo = std::min(lo, p.arr);
        hi = std::max(hi, p.arr);
        yMax = std::max(yMax, p.potential);
    }
    // The axis hugs the data: from a little below the smallest ARR to a little above the
    // largest (log units), not from the decade below.
    m_logMin = std::log10(std::max(1.0, lo)) - 0.08;
    m_logMax = std::max(m_logMin + 1, std::log10(std::max(1.0, hi)) + 0.08);
    m_yMax = std::min(3.0, std::ceil((yMax + kJitter) * 2) / 2);
    // Drawn in an order blind to the band: red is not painted over everything else.
    m_drawOrder.resize(m_points.size());
    for (size_t i = 0; i < m_drawOrder.size(); ++i)
        m_drawOrder[i] = i;
    std::sort(m_drawOrder.begin(), m_drawOrder.end(), [this](size_t a, size_t b) {
        return mix(quint64(m_points[a].accountId)) < mix(quint64(m_points[b].accountId));
    });
    std::array<int, 5> counts{};
    for (const Point &p : m_points)
        ++counts[size_t(std::clamp(p.band, 0, 4))];
    setAccessibleDescription(tr("Scatter chart of %1 accounts by ARR (log scale, %2 to %3) and growth potential: %4 Green, %5 Yellow, "
                                "%6 Red, %7 Insufficient data, %8 Not scored; %9 with no ARR not plotted. The list beside it holds the "
                                "same accounts.")
                                 .arg(m_points.size())
                                 .arg(moneyLabel(axisMinArr()), moneyLabel(axisMaxArr()))
                                 .arg(counts[0])
                                 .arg(counts[1])
                                 .arg(counts[2])
                                 .arg(counts[3])
                                 .arg(counts[4])
                                 .arg(m_notPlotted));
    layoutPoints();
    update();
}

double TierScatter::axisMinArr() const
{
    return std::pow(10.0, m_logMin);
}

double TierScatter::axisMaxArr() const
{
    return std::pow(10.0, m_logMax);
}

std::vector<std::array<int, 5>> TierScatter::drawOrderProfile(int parts) const
{
    std::vector<std::array<int, 5>> profile(size_t(std::max(1, parts)));
    for (size_t k = 0; k < m_drawOrder.size(); ++k) {
        const size_t part = k * profile.size() / std::max<size_t>(1, m_drawOrder.size());
        ++profile[part][size_t(std::clamp(m_points[m_drawOrder[k]].band, 0, 4))];
    }
    return profile;
}

QRectF TierScatter::plotRect() const
{
    return QRectF(kLeft, kTop, std::max(10.0, width() - kLeft - kRight), std::max(10.0, height() - kTop - kBottom));
}

QPointF TierScatter::toScreen(double arr, double potential) const
{
    const QRectF r = plotRect();
    const double x = (std::log10(std::max(1.0, arr)) - m_logMin) / (m_logMax - m_logMin);
    const double y = std::min(potential, m_yMax) / m_yMax;
    return {r.left() + x * r.width(), r.bottom() - y * r.height()};
}

void TierScatter::layoutPoints()
{
    m_screen.clear();
    m_screen.reserve(m_points.size());
    for (const Point &p : m_points) {
        const double jitter = (double(mix(quint64(p.accountId) ^ 0x5bd1e995ULL) % 2001) / 1000.0 - 1.0) * kJitter;
        m_screen.push_back(toScreen(p.arr, std::max(0.0, p.potential + jitter)));
    }
}

void TierScatter::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    layoutPoints();
}

QString TierScatter::moneyLabel(double value) const
{
    const QString symbol = m_currency == QLatin1String("USD") ? QStringLiteral("$") : m_currency + QLatin1Char(' ');
    if (value >= 1e9)
        return symbol + QString::number(value / 1e9) + QLatin1Char('B');
    if (value >= 1e6)
        return symbol + QString::number(value / 1e6) + QLatin1Char('M');
    if (value >= 1e3)
        return symbol + QString::number(value / 1e3) + QLatin1Char('k');
    return symbol + QString::number(value);
}

void TierScatter::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF r = plotRect();
    // Grid lines a fifth of the way from the background to the text: faint in either scheme.
    const QColor base = palette().base().color(), ink = palette().text().color();
    const QColor grid = colours::mix(ink, base, 0.18);
    const QColor text = palette().text().color();

    QFont titleFont = font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(font().pointSizeF() * 1.15);
    p.setFont(titleFont);
    p.setPen(text);
    p.drawText(QRectF(0, 6, width(), kTop - 10), Qt::AlignHCenter | Qt::AlignVCenter, tr("Accounts by ARR and growth potential"));
    p.setFont(font());

    // Grid and tick labels: 1, 2 and 5 of each decade inside the range on x (labels that
    // would touch the previous one are left out), halves on y.
    const QFontMetrics fm(font());
    double lastLabelRight = -1e9;
    for (int d = int(std::floor(m_logMin)); d <= int(std::ceil(m_logMax)); ++d) {
        for (const double m : {1.0, 2.0, 5.0}) {
            const double v = m * std::pow(10.0, d);
            const double lv = std::log10(v);
            if (lv < m_logMin || lv > m_logMax)
                continue;
            const double x = toScreen(v, 0).x();
            p.setPen(QPen(grid, m == 1.0 ? 1.0 : 0.6));
            p.drawLine(QPointF(x, r.top()), QPointF(x, r.bottom()));
            const QString label = moneyLabel(v);
            const double w = fm.horizontalAdvance(label);
            if (x - w / 2 < lastLabelRight + 8)
                continue;
            p.setPen(text);
            p.drawText(QRectF(x - 40, r.bottom() + 4, 80, fm.height()), Qt::AlignHCenter | Qt::AlignTop, label);
            lastLabelRight = x + w / 2;
        }
    }
    for (double y = 0; y <= m_yMax + 1e-9; y += 0.5) {
        const double sy = toScreen(std::pow(10.0, m_logMin), y).y();
        p.setPen(QPen(grid, 1));
        p.drawLine(QPointF(r.left(), sy), QPointF(r.right(), sy));
        p.setPen(text);
        p.drawText(QRectF(r.left() - 44, sy - fm.height() / 2.0, 38, fm.height()), Qt::AlignRight | Qt::AlignVCenter, QString::number(y, 'f', 1));
    }
    p.setPen(QPen(text, 1));
    p.drawRect(r);
    // Axis titles.
    p.drawText(QRectF(r.left(), r.bottom() + fm.height() + 10, r.width(), fm.height() + 4), Qt::AlignHCenter,
               tr("ARR (log scale)"));
    p.save();
    p.translate(16, r.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-r.height() / 2, -fm.height() / 2.0, r.height(), fm.height() + 2), Qt::AlignHCenter,
               tr("Growth potential (1.0 = high-potential threshold)"));
    p.restore();

    // Quadrant thresholds and names.
    QPen dashed(colours::ink(colours::Ink::Muted), 1.2, Qt::DashLine);
    p.setPen(dashed);
    const double tx = m_threshold > 0 ? toScreen(m_threshold, 0).x() : r.center().x();
    const double ty = toScreen(std::pow(10.0, m_logMin), 1.0).y();
    p.drawLine(QPointF(tx, r.top()), QPointF(tx, r.bottom()));
    p.drawLine(QPointF(r.left(), ty), QPointF(r.right(), ty));
    QFont quadFont = font();
    quadFont.setBold(true);
    p.setFont(quadFont);
    p.setPen(colours::ink(colours::Ink::Muted));
    const double pad = 6;
    // Each name in its corner of the plot, whole, on a plate of the background: when the
    // threshold sits near an edge a name may cross its line, but it is never cut.
    const QFontMetricsF qfm(quadFont);
    const auto corner = [&](const QString &name, bool right, bool top) {
        const double w = qfm.horizontalAdvance(name) + 8, h = qfm.height() + 2;
        const QRectF box(right ? r.right() - pad - w : r.left() + pad, top ? r.top() + pad : r.bottom() - pad - h, w, h);
        QColor plate = palette().base().color();
        plate.setAlpha(215);
        p.setPen(Qt::NoPen);
        p.setBrush(plate);
        p.drawRoundedRect(box, 3, 3);
        p.setPen(colours::ink(colours::Ink::Muted));
        p.drawText(box, Qt::AlignCenter, name);
    };
    p.setFont(font());
    p.setPen(colours::ink(colours::Ink::Muted));
    p.drawText(QRectF(tx + pad, r.bottom() - 2 * fm.height() - pad - 4, 220, fm.height()), Qt::AlignLeft,
               tr("value threshold %1").arg(moneyLabel(m_threshold)));

    // Dots in a band-blind order, translucent where they are many: every band shows in
    // proportion to its share, whichever is drawn last.
    std::array<int, 5> counts{};
    if (m_dotsRatio != devicePixelRatioF())
        makeDots(devicePixelRatioF());
    const double half = m_dots[0].deviceIndependentSize().width() / 2.0;
    p.setClipRect(r.adjusted(1, 1, -1, -1));
    p.setOpacity(m_points.size() > 2000 ? 0.55 : 1.0);
    for (const size_t i : m_drawOrder) {
        const int band = std::clamp(m_points[i].band, 0, 4);
        ++counts[size_t(band)];
        p.drawPixmap(QPoint(int(std::lround(m_screen[i].x() - half)), int(std::lround(m_screen[i].y() - half))), m_dots[size_t(band)]);
    }
    p.setOpacity(1.0);
    p.setClipping(false);
    // The quadrant names over the dots.
    p.setFont(quadFont);
    corner(tr("Invest · Tier 1"), true, true);
    corner(tr("Protect · Tier 2"), true, false);
    corner(tr("Develop · Tier 2"), false, true);
    corner(tr("Maintain · Tier 3"), false, false);
    p.setFont(font());

    // Legend.
    double ly = r.top() + 4;
    p.setPen(text);
    p.drawText(QRectF(r.right() + 14, ly, kRight - 16, fm.height()), Qt::AlignLeft, tr("Health band"));
    ly += fm.height() + 6;
    for (int band = 0; band < 5; ++band) {
        p.setPen(Qt::NoPen);
        p.setBrush(kBandColours[size_t(band)]);
        p.drawEllipse(QPointF(r.right() + 20, ly + fm.height() / 2.0), 4.5, 4.5);
        p.setPen(text);
        p.drawText(QRectF(r.right() + 30, ly, kRight - 32, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   QStringLiteral("%1 (%2)").arg(tr(kBandNames[size_t(band)])).arg(counts[size_t(band)]));
        ly += fm.height() + 4;
    }
    // What the chart cannot show: accounts with no ARR have no place on a log axis.
    if (m_notPlotted > 0) {
        ly += 6;
        p.setPen(text);
        p.drawText(QRectF(r.right() + 14, ly, kRight - 16, 3 * fm.height()), Qt::AlignLeft | Qt::TextWordWrap,
                   m_notPlotted == 1 ? tr("1 account with no ARR is not plotted")
                                     : tr("%1 accounts with no ARR are not plotted").arg(m_notPlotted));
    }
}

void TierScatter::makeDots(qreal ratio)
{
    constexpr double radius = 3.2;
    constexpr int side = 9; // logical pixels: the dot and a pixel of antialiasing around it
    for (size_t band = 0; band < m_dots.size(); ++band) {
        QPixmap dot(int(std::ceil(side * ratio)), int(std::ceil(side * ratio)));
        dot.setDevicePixelRatio(ratio);
        dot.fill(Qt::transparent);
        QPainter dp(&dot);
        dp.setRenderHint(QPainter::Antialiasing);
        QColor c = kBandColours[band];
        c.setAlpha(170);
        dp.setPen(Qt::NoPen);
        dp.setBrush(c);
        dp.drawEllipse(QPointF(side / 2.0, side / 2.0), radius, radius);
        m_dots[band] = dot;
    }
    m_dotsRatio = ratio;
}

qint64 TierScatter::accountAt(const QPoint &pos) const
{
    double best = 7.0 * 7.0;
    qint64 id = 0;
    for (size_t i = 0; i < m_screen.size(); ++i) {
        const double dx = m_screen[i].x() - pos.x(), dy = m_screen[i].y() - pos.y();
        const double d = dx * dx + dy * dy;
        if (d <= best) {
            best = d;
            id = m_points[i].accountId;
        }
    }
    return id;
}

QPoint TierScatter::positionOf(qint64 accountId) const
{
    for (size_t i = 0; i < m_points.size(); ++i)
        if (m_points[i].accountId == accountId)
            return m_screen[i].toPoint();
    return {-1, -1};
}

void TierScatter::mouseMoveEvent(QMouseEvent *event)
{
    const qint64 id = accountAt(event->position().toPoint());
    if (id == 0) {
        QToolTip::hideText();
        unsetCursor();
        return;
    }
    setCursor(Qt::PointingHandCursor);
    for (const Point &p : m_points)
        if (p.accountId == id) {
            QToolTip::showText(event->globalPosition().toPoint(), p.label, this);
            break;
        }
}

void TierScatter::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    if (const qint64 id = accountAt(event->position().toPoint()))
        Q_EMIT accountClicked(id);
}

} // namespace keystone::app
