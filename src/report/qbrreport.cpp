// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/report/qbrreport.h"

#include "pagestyle.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QFontMetricsF>
#include <QLocale>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QTextLayout>
#include "keystone/log/version.h"
#include "keystone/services/errors.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>

namespace keystone::report {

using services::QbrBlock;
using services::QbrData;

namespace {

// --- geometry and type (points): pagestyle.h ------------------------------------------------

double textHeight(const QFont &f, const QString &text, double width)
{
    const QFontMetricsF fm(f, &measureDevice());
    if (text.isEmpty())
        return fm.height();
    return fm.boundingRect(QRectF(0, 0, width, 1e6), Qt::TextWordWrap, text).height();
}

using PaintOp = std::function<void(QPainter &)>;

struct Page {
    std::vector<PaintOp> ops;
};

// Places blocks top to bottom and starts a new page when the next unit does not fit.
class Flow
{
public:
    Flow(QSizeF page) : m_page(page) { newPage(); }

    double left() const { return kMargin; }
    double width() const { return m_page.width() - 2 * kMargin; }
    double bottom() const { return m_page.height() - kFooterSpace; }
    double y() const { return m_y; }
    bool atTop() const { return m_y <= kContentTop + 0.01; }

    void newPage()
    {
        m_pages.emplace_back();
        m_y = kContentTop;
    }
    // A new page unless `height` fits below (or the page is still empty).
    void ensure(double height)
    {
        if (m_y + height > bottom() && !atTop())
            newPage();
    }
    // Paints `op` at the current y (passed to it) and moves down by `height`.
    void place(double height, std::function<void(QPainter &, double y)> op)
    {
        const double y0 = m_y;
        m_pages.back().ops.push_back([op = std::move(op), y0](QPainter &p) { op(p, y0); });
        m_y += height;
    }
    void skip(double h) { m_y += h; }
    std::vector<Page> &pages() { return m_pages; }

private:
    QSizeF m_page;
    std::vector<Page> m_pages;
    double m_y = 0;
};

// --- blocks -------------------------------------------------------------------------------

double headingHeight(const QString &heading)
{
    return heading.isEmpty() ? 0 : 20;
}

void placeHeading(Flow &flow, const QString &heading)
{
    if (heading.isEmpty())
        return;
    const double x = flow.left(), w = flow.width();
    flow.place(20, [heading, x, w](QPainter &p, double y) {
        p.setFont(font(10, true));
        p.setPen(kInk);
        p.drawText(QRectF(x, y, w, 16), Qt::AlignLeft | Qt::AlignVCenter, heading);
    });
}

double paragraphHeight(const QString &text, double width)
{
    return textHeight(font(9.5), text, width) + 4;
}

// A paragraph's lines as Qt breaks them at `width`: each line's text.
QStringList paragraphLines(const QString &text, double width)
{
    QString t = text;
    t.replace(QLatin1Char('\n'), QChar::LineSeparator); // the line breaks written in it, kept
    QTextLayout layout(t, font(9.5), &measureDevice());
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    QStringList lines;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        lines << t.mid(line.textStart(), line.textLength()).trimmed();
    }
    layout.endLayout();
    return lines;
}

// A paragraph that fits (or would fit a page of its own when short) moves whole; a long one
// that does not fit the rest of the page is split between lines, at least two on each side
// of every break, so no page is left half empty before it.
void placeParagraph(Flow &flow, const QString &text)
{
    const double x = flow.left(), w = flow.width();
    const double h = paragraphHeight(text, w);
    const double lineHeight = QFontMetricsF(font(9.5), &measureDevice()).lineSpacing();
    const auto whole = [&] {
        flow.ensure(h);
        flow.place(h, [text, x, w, h](QPainter &p, double y) {
            p.setFont(font(9.5));
            p.setPen(kInk);
            p.drawText(QRectF(x, y, w, h), Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text);
        });
    };
    if (flow.y() + h <= flow.bottom() || h < 6 * lineHeight) {
        whole();
        return;
    }
    const QStringList lines = paragraphLines(text, w);
    qsizetype next = 0;
    while (next < lines.size()) {
        const qsizetype left = lines.size() - next;
        qsizetype room = qsizetype((flow.bottom() - flow.y() - 4) / lineHeight);
        if (room >= left) {
            room = left;
        } else if (left - room < 2) {
            room = left - 2; // two lines at least go on to the next page
        }
        if (room < 2 && !flow.atTop()) {
            flow.newPage();
            continue;
        }
        room = std::max<qsizetype>(room, std::min<qsizetype>(left, 2));
        const QStringList chunk = lines.mid(next, room);
        const double ch = double(chunk.size()) * lineHeight + (next + room >= lines.size() ? 4 : 0);
        flow.place(ch, [chunk, x, w, lineHeight](QPainter &p, double y) {
            p.setFont(font(9.5));
            p.setPen(kInk);
            for (qsizetype i = 0; i < chunk.size(); ++i)
                p.drawText(QRectF(x, y + double(i) * lineHeight, w, lineHeight), Qt::AlignLeft | Qt::AlignTop, chunk[i]);
        });
        next += room;
        if (next < lines.size())
            flow.newPage();
    }
}

constexpr double kCardHeight = 48;

// Text is never elided in a QBR: it shrinks, down to `minPt`, until it fits one line of
// `width`; what still does not fit is drawn at `minPt` wrapped over the lines it needs
// (the box it is drawn in leaves room for two).
QFont fittingFont(QFont f, const QString &text, double width, double minPt)
{
    while (f.pointSizeF() > minPt && QFontMetricsF(f, &measureDevice()).horizontalAdvance(text) > width)
        f.setPointSizeF(std::max(minPt, f.pointSizeF() - 0.5));
    return f;
}

// One row of figure cards (label above, value below) from `x0`, each `cardW` wide.
void drawCards(QPainter &p, const std::vector<std::pair<QString, QString>> &row, double x0, double y, double cardW, const QColor &accent)
{
    for (size_t i = 0; i < row.size(); ++i) {
        const QRectF card(x0 + double(i) * (cardW + 8), y, cardW, kCardHeight);
        p.setPen(Qt::NoPen);
        p.setBrush(kStripe);
        p.drawRoundedRect(card, 4, 4);
        p.setBrush(accent);
        p.drawRect(QRectF(card.left(), card.top() + 6, 3, card.height() - 12));
        p.setFont(fittingFont(font(7.5), row[i].first, card.width() - 16, 6));
        p.setPen(kMuted);
        p.drawText(card.adjusted(10, 6, -6, -card.height() / 2), Qt::AlignLeft | Qt::AlignVCenter, row[i].first);
        const QFont value = fittingFont(font(11.5, true), row[i].second, card.width() - 16, 7);
        p.setFont(value);
        p.setPen(kInk);
        p.drawText(card.adjusted(10, card.height() / 2 - 6, -6, -2), Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignVCenter, row[i].second);
    }
}

void placeFigures(Flow &flow, const QbrBlock &b, const QColor &accent)
{
    const size_t perRow = std::min<size_t>(4, std::max<size_t>(1, b.figures.size()));
    const double cardW = (flow.width() - double(perRow - 1) * 8) / double(perRow);
    for (size_t start = 0; start < b.figures.size(); start += perRow) {
        flow.ensure((start == 0 ? headingHeight(b.heading) : 0) + kCardHeight + 8);
        if (start == 0)
            placeHeading(flow, b.heading);
        std::vector<std::pair<QString, QString>> row(b.figures.begin() + long(start),
                                                     b.figures.begin() + long(std::min(b.figures.size(), start + perRow)));
        const double x0 = flow.left();
        flow.place(kCardHeight + 8, [row, x0, cardW, accent](QPainter &p, double y) { drawCards(p, row, x0, y, cardW, accent); });
    }
}

void placeBullets(Flow &flow, const QbrBlock &b)
{
    const double x = flow.left() + 12, w = flow.width() - 12;
    bool first = true;
    for (const QString &line : b.bullets) {
        const double h = textHeight(font(9.5), line, w) + 3;
        flow.ensure((first ? headingHeight(b.heading) : 0) + h);
        if (first)
            placeHeading(flow, b.heading);
        first = false;
        flow.place(h, [line, x, w, h](QPainter &p, double y) {
            p.setFont(font(9.5));
            p.setPen(kInk);
            p.drawText(QRectF(x - 10, y, 10, 12), Qt::AlignLeft | Qt::AlignTop, QStringLiteral("•"));
            p.drawText(QRectF(x, y, w, h), Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, line);
        });
    }
}

// A table's columns and row heights (wrapped cells), shared by layout and keep-with-next.
struct TableMetrics {
    std::vector<double> xs; // column edges
    TableMetrics(const services::QbrTable &t, double left, double width)
    {
        const int n = int(t.headers.size());
        double weightSum = 0;
        for (int c = 0; c < n; ++c)
            weightSum += c < int(t.widths.size()) ? t.widths[size_t(c)] : 1.0;
        xs.push_back(left);
        for (int c = 0; c < n; ++c)
            xs.push_back(xs.back() + width * (c < int(t.widths.size()) ? t.widths[size_t(c)] : 1.0) / weightSum);
    }
    double rowHeight(const QStringList &cells, const QFont &f) const
    {
        double h = 0;
        for (size_t c = 0; c + 1 < xs.size(); ++c)
            h = std::max(h, textHeight(f, int(c) < cells.size() ? cells[int(c)] : QString(), xs[c + 1] - xs[c] - 8));
        return h + 8;
    }
    // What must stay together: the header and the first three rows (or all of them), so no
    // header or single row is left alone at the bottom of a page.
    double leadHeight(const services::QbrTable &t) const
    {
        double h = rowHeight(t.headers, font(8, true));
        for (size_t r = 0; r < std::min<size_t>(3, t.rows.size()); ++r)
            h += rowHeight(t.rows[r], font(8.5));
        return h;
    }
};

// Tables: wrapped cells, zebra rows, the header again at the top of each page they reach.
void placeTable(Flow &flow, const QbrBlock &b, const QColor &accent)
{
    const services::QbrTable &t = b.table;
    const int n = int(t.headers.size());
    const TableMetrics metrics(t, flow.left(), flow.width());
    const std::vector<double> &xs = metrics.xs;
    auto rowHeight = [&](const QStringList &cells, const QFont &f) { return metrics.rowHeight(cells, f); };
    const double headerH = rowHeight(t.headers, font(8, true));
    auto placeHeader = [&] {
        flow.place(headerH, [headers = t.headers, xs, headerH, accent, n](QPainter &p, double y) {
            p.setPen(Qt::NoPen);
            p.setBrush(accent);
            p.drawRect(QRectF(xs.front(), y, xs.back() - xs.front(), headerH));
            p.setFont(font(8, true));
            p.setPen(Qt::white);
            for (int c = 0; c < n; ++c)
                p.drawText(QRectF(xs[size_t(c)] + 4, y + 4, xs[size_t(c + 1)] - xs[size_t(c)] - 8, headerH - 8),
                           Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignVCenter, headers[c]);
        });
    };
    // A break leaves at least kKeepRows rows of the table on each side of it: a table too
    // short for that moves whole to the next page, a longer one breaks early enough that
    // the next page gets kKeepRows (never a last row alone).
    constexpr size_t kKeepRows = 3;
    const size_t total = t.rows.size();
    std::vector<double> hs(total);
    double whole = headingHeight(b.heading) + headerH;
    for (size_t r = 0; r < total; ++r) {
        hs[r] = rowHeight(t.rows[r], font(8.5));
        whole += hs[r];
    }
    flow.ensure(total < 2 * kKeepRows ? whole : headingHeight(b.heading) + metrics.leadHeight(t));
    placeHeading(flow, b.heading);
    placeHeader();
    size_t r = 0;
    while (r < total) {
        size_t fit = 0;
        for (double y = flow.y(); r + fit < total && y + hs[r + fit] <= flow.bottom(); ++fit)
            y += hs[r + fit];
        const size_t remaining = total - r;
        size_t take = fit;
        if (fit < remaining && remaining - fit < kKeepRows && remaining >= 2 * kKeepRows)
            take = remaining - kKeepRows;
        if (take == 0) { // not even one row here (a row taller than what is left)
            if (!flow.atTop()) {
                flow.newPage();
                placeHeader();
                continue;
            }
            take = 1; // taller than a page: it goes alone
        }
        for (size_t end = r + take; r < end; ++r) {
            const double h = hs[r];
            flow.place(h, [cells = t.rows[r], xs, h, stripe = r % 2 == 1, n](QPainter &p, double y) {
                if (stripe) {
                    p.setPen(Qt::NoPen);
                    p.setBrush(kStripe);
                    p.drawRect(QRectF(xs.front(), y, xs.back() - xs.front(), h));
                }
                p.setPen(QPen(kRule, 0.5));
                p.drawLine(QPointF(xs.front(), y + h), QPointF(xs.back(), y + h));
                p.setFont(font(8.5));
                p.setPen(kInk);
                for (int c = 0; c < n && c < cells.size(); ++c)
                    p.drawText(QRectF(xs[size_t(c)] + 4, y + 4, xs[size_t(c + 1)] - xs[size_t(c)] - 8, h - 8),
                               Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, cells[c]);
            });
        }
        if (r < total) {
            flow.newPage();
            placeHeader();
        }
    }
}

// A round step for axis ticks: 1, 2 or 5 times a power of ten.

void placeChart(Flow &flow, const QbrBlock &b, const QColor &accent)
{
    flow.ensure(kChartHeight);
    const double x = flow.left(), w = flow.width();
    flow.place(kChartHeight, [chart = b.chart, x, w, accent](QPainter &p, double y) { paintChart(p, chart, QRectF(x, y, w, kChartHeight - 10), accent); });
}

// The height of a block's first unit that must stay with its part's heading.
double firstUnitHeight(const QbrBlock &b, double width)
{
    switch (b.kind) {
    case QbrBlock::Kind::Paragraph:
        return paragraphHeight(b.text, width);
    case QbrBlock::Kind::Figures:
        return headingHeight(b.heading) + kCardHeight + 8;
    case QbrBlock::Kind::Chart:
        return kChartHeight;
    case QbrBlock::Kind::Table:
        return headingHeight(b.heading) + TableMetrics(b.table, 0, width).leadHeight(b.table);
    case QbrBlock::Kind::Bullets:
        return headingHeight(b.heading) + 40;
    }
    return 40;
}

// --- the document -------------------------------------------------------------------------

struct Document {
    QSizeF page;
    std::vector<Page> pages;
};

Document layout(const QbrData &d, const ReportStyle &style)
{
    Document doc;
    doc.page = pageSizePt(style.pageSize);
    Flow flow(doc.page);
    // Cover.
    const QSizeF size = doc.page;
    // Each part's first page, for the contents: known once the parts are laid out, read when
    // the cover is painted (after the layout).
    auto startPages = std::make_shared<std::vector<int>>();
    flow.place(0, [d, size, style, startPages](QPainter &p, double) {
        p.setPen(Qt::NoPen);
        p.setBrush(style.accent);
        p.drawRect(QRectF(0, 0, size.width(), 230));
        if (!style.logo.isNull()) {
            const QSizeF fit = QSizeF(style.logo.size()).scaled(150, 60, Qt::KeepAspectRatio);
            p.drawImage(QRectF(size.width() - kMargin - fit.width(), 40, fit.width(), fit.height()), style.logo);
        }
        p.setPen(Qt::white);
        p.setFont(font(12));
        p.drawText(QRectF(kMargin, 120, size.width() - 2 * kMargin, 20), Qt::AlignLeft | Qt::AlignVCenter, QObject::tr("Quarterly business review"));
        // The customer's name whole: smaller when long, over two lines when longer still.
        const QRectF titleBox(kMargin, 140, size.width() - 2 * kMargin, 48);
        QFont title = fittingFont(font(26, true), d.account, titleBox.width(), 15);
        while (title.pointSizeF() > 9
               && QFontMetricsF(title, &measureDevice()).boundingRect(titleBox, Qt::TextWordWrap, d.account).height() > titleBox.height())
            title.setPointSizeF(title.pointSizeF() - 0.5);
        p.setFont(title);
        p.drawText(titleBox, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignVCenter, d.account);
        p.setFont(font(13));
        p.drawText(QRectF(kMargin, 188, size.width() - 2 * kMargin, 22), Qt::AlignLeft | Qt::AlignVCenter,
                   QStringLiteral("%1  ·  %2").arg(d.quarter, d.period));
        p.setPen(kInk);
        p.setFont(font(10.5));
        p.drawText(QRectF(kMargin, 270, size.width() - 2 * kMargin, 18), Qt::AlignLeft | Qt::AlignVCenter,
                   QObject::tr("Prepared by %1 on %2").arg(d.preparedBy.isEmpty() ? QObject::tr("the account team") : d.preparedBy,
                                                          d.preparedOn.toString(d.dateFormat)));
        p.setFont(font(10.5, true));
        p.setPen(d.audience == services::QbrAudience::Internal ? QColor(0xb0, 0x1e, 0x1e) : style.accent);
        p.drawText(QRectF(kMargin, 292, size.width() - 2 * kMargin, 18), Qt::AlignLeft | Qt::AlignVCenter,
                   d.audience == services::QbrAudience::Internal ? QObject::tr("Internal: not for the customer")
                                                                : QObject::tr("Prepared for %1").arg(d.account));
        p.setPen(kMuted);
        p.setFont(font(9.5));
        double y = 350;
        p.drawText(QRectF(kMargin, y, 300, 16), Qt::AlignLeft | Qt::AlignVCenter, QObject::tr("Contents"));
        for (size_t i = 0; i < d.parts.size(); ++i) {
            y += 18;
            p.setPen(kInk);
            p.drawText(QRectF(kMargin + 12, y, 400, 16), Qt::AlignLeft | Qt::AlignVCenter, d.parts[i].title);
            if (i < startPages->size()) {
                p.setPen(kMuted);
                p.drawText(QRectF(kMargin + 12, y, 420, 16), Qt::AlignRight | Qt::AlignVCenter, QString::number(startPages->at(i)));
            }
        }
        // The lower half: the quarter's highlights, as the executive summary has them (whole
        // points only, as many as fit; every one is in the summary itself).
        const auto summaryPart = std::find_if(d.parts.begin(), d.parts.end(), [](const services::QbrPart &part) { return part.section == services::QbrSection::Summary; });
        if (summaryPart == d.parts.end())
            return;
        const double boxTop = std::max(y + 56, size.height() * 0.52);
        if (d.summary.highlights.isEmpty()) {
            // No highlights to lead with: the summary's figures, as its first rows of cards
            // have them (at most two rows of four), so the cover still says where things stand.
            std::vector<const services::QbrBlock *> rows;
            for (const services::QbrBlock &b : summaryPart->blocks)
                if (b.kind == services::QbrBlock::Kind::Figures && !b.figures.empty() && rows.size() < 2)
                    rows.push_back(&b);
            if (rows.empty())
                return;
            p.setPen(style.accent);
            p.setFont(font(12.5, true));
            p.drawText(QRectF(kMargin, boxTop, size.width() - 2 * kMargin, 22), Qt::AlignLeft | Qt::AlignVCenter, QObject::tr("The quarter at a glance"));
            double ry = boxTop + 32;
            for (const services::QbrBlock *b : rows) {
                if (!b->heading.isEmpty()) {
                    p.setPen(kInk);
                    p.setFont(font(9.5, true));
                    p.drawText(QRectF(kMargin, ry, size.width() - 2 * kMargin, 16), Qt::AlignLeft | Qt::AlignVCenter, b->heading);
                    ry += 20;
                }
                const std::vector<std::pair<QString, QString>> row(b->figures.begin(), b->figures.begin() + long(std::min<size_t>(4, b->figures.size())));
                const double cardW = (size.width() - 2 * kMargin - double(row.size() - 1) * 8) / double(row.size());
                drawCards(p, row, kMargin, ry, cardW, style.accent);
                ry += kCardHeight + 14;
            }
            return;
        }
        const double boxBottom = size.height() - 70;
        const double textWidth = size.width() - 2 * kMargin - 36;
        const QFont pointFont = font(11);
        const QFontMetricsF fm(pointFont, &measureDevice());
        double ty = boxTop + 44;
        std::vector<std::pair<QString, QRectF>> points;
        for (const QString &point : d.summary.highlights) {
            const QRectF r = fm.boundingRect(QRectF(0, 0, textWidth, 1000), Qt::TextWordWrap, point);
            if (ty + r.height() > boxBottom - 16 || points.size() == 5)
                break;
            points.emplace_back(point, QRectF(kMargin + 30, ty, textWidth, r.height()));
            ty += r.height() + 8;
        }
        if (points.empty())
            return;
        p.setPen(Qt::NoPen);
        p.setBrush(kStripe);
        p.drawRect(QRectF(kMargin, boxTop, size.width() - 2 * kMargin, ty - boxTop + 10));
        p.setBrush(style.accent);
        p.drawRect(QRectF(kMargin, boxTop, 4, ty - boxTop + 10));
        p.setPen(style.accent);
        p.setFont(font(12.5, true));
        p.drawText(QRectF(kMargin + 18, boxTop + 12, size.width() - 2 * kMargin - 36, 22), Qt::AlignLeft | Qt::AlignVCenter,
                   QObject::tr("Highlights of the quarter"));
        p.setFont(pointFont);
        for (const auto &[point, r] : points) {
            p.setPen(style.accent);
            p.drawText(QRectF(kMargin + 18, r.top(), 12, fm.height()), Qt::AlignLeft | Qt::AlignTop, QStringLiteral("\u2022"));
            p.setPen(kInk);
            p.drawText(r, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, point);
        }
    });
    flow.newPage(); // the cover stands alone; the parts flow from page 2
    bool firstPart = true;
    for (const services::QbrPart &part : d.parts) {
        // The heading stays with its first block's first unit; a row of figure cards, being a
        // lead-in, also keeps the next block's first unit with it.
        double keep = 34;
        if (!part.blocks.empty()) {
            keep += firstUnitHeight(part.blocks.front(), flow.width());
            if (part.blocks.front().kind == QbrBlock::Kind::Figures && part.blocks.size() > 1)
                keep += kGap + firstUnitHeight(part.blocks[1], flow.width());
        }
        if (!firstPart)
            flow.skip(8);
        firstPart = false;
        flow.ensure(keep);
        startPages->push_back(int(flow.pages().size())); // page numbers count from 1
        const double x = flow.left(), w = flow.width();
        flow.place(34, [title = part.title, x, w, accent = style.accent](QPainter &p, double y) {
            p.setFont(font(15, true));
            p.setPen(accent);
            p.drawText(QRectF(x, y, w, 24), Qt::AlignLeft | Qt::AlignVCenter, title);
            p.setPen(QPen(accent, 1));
            p.drawLine(QPointF(x, y + 27), QPointF(x + w, y + 27));
        });
        for (const QbrBlock &b : part.blocks) {
            switch (b.kind) {
            case QbrBlock::Kind::Paragraph:
                placeHeading(flow, b.heading);
                placeParagraph(flow, b.text);
                break;
            case QbrBlock::Kind::Figures:
                placeFigures(flow, b, style.accent);
                break;
            case QbrBlock::Kind::Bullets:
                placeBullets(flow, b);
                break;
            case QbrBlock::Kind::Table:
                placeTable(flow, b, style.accent);
                break;
            case QbrBlock::Kind::Chart:
                placeChart(flow, b, style.accent);
                break;
            }
            flow.skip(kGap);
        }
    }
    doc.pages = std::move(flow.pages());
    return doc;
}

void paintPage(QPainter &p, const Document &doc, const QbrData &d, const ReportStyle &style, size_t index)
{
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    for (const PaintOp &op : doc.pages[index].ops)
        op(p);
    if (index == 0)
        return; // the cover has no header or footer
    const double w = doc.page.width(), h = doc.page.height();
    // Left text and right text share a line: the right one keeps its width, the left one
    // gets the rest, shrunk to fit and over two lines when it must (never cut, never over
    // the other).
    const auto line = [&](double y, const QString &left, const QString &right, const QColor &rightColour) {
        const QFont base = font(8);
        const double rightWidth = QFontMetricsF(base, &measureDevice()).horizontalAdvance(right);
        const QRectF leftBox(kMargin, y - 6, w - 2 * kMargin - rightWidth - 12, 26);
        p.setFont(fittingFont(base, left, leftBox.width(), 5.5));
        p.setPen(kMuted);
        p.drawText(leftBox, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignVCenter, left);
        p.setFont(base);
        p.setPen(rightColour);
        p.drawText(QRectF(kMargin, y, w - 2 * kMargin, 14), Qt::AlignRight | Qt::AlignVCenter, right);
    };
    line(28, d.account, QObject::tr("Quarterly business review %1").arg(d.quarter), style.accent);
    p.setPen(QPen(kRule, 0.6));
    p.drawLine(QPointF(kMargin, 46), QPointF(w - kMargin, 46));
    p.drawLine(QPointF(kMargin, h - 40), QPointF(w - kMargin, h - 40));
    const QString audience = d.audience == services::QbrAudience::Internal ? QObject::tr("Internal") : QObject::tr("Prepared for %1").arg(d.account);
    line(h - 32, QStringLiteral("%1 · %2 · %3").arg(d.account, d.quarter, audience), QObject::tr("Page %1 of %2").arg(index + 1).arg(doc.pages.size()), kMuted);
}


} // namespace

QString pageSizeKey(PageSize s)
{
    return s == PageSize::Letter ? QStringLiteral("letter") : QStringLiteral("a4");
}

std::optional<PageSize> parsePageSize(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("a4"))
        return PageSize::A4;
    if (t == QLatin1String("letter"))
        return PageSize::Letter;
    return std::nullopt;
}

int qbrPageCount(const QbrData &data, const ReportStyle &style)
{
    return int(layout(data, style).pages.size());
}

QByteArray qbrPdf(const QbrData &data, const ReportStyle &style)
{
    const Document doc = layout(data, style);
    QByteArray bytes;
    {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter writer(&buffer);
        writer.setResolution(72); // painter units are points
        writer.setPageSize(QPageSize(style.pageSize == PageSize::Letter ? QPageSize::Letter : QPageSize::A4));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setTitle(QObject::tr("%1: quarterly business review %2").arg(data.account, data.quarter));
        writer.setCreator(producerName());
        QPainter p(&writer);
        for (size_t i = 0; i < doc.pages.size(); ++i) {
            if (i > 0)
                writer.newPage();
            paintPage(p, doc, data, style, i);
        }
        p.end();
    }
    // Qt stamps the file with the clock: write the review's own date instead (same length, so
    // the cross-reference offsets stay valid), which makes the bytes depend on the data alone.
    const QByteArray key("/CreationDate (D:");
    const int at = int(bytes.indexOf(key));
    if (at >= 0) {
        const int start = at + int(key.size());
        const int end = int(bytes.indexOf(')', start));
        if (end > start) {
            QByteArray stamp = data.preparedOn.toString(QStringLiteral("yyyyMMdd")).toLatin1() + "000000";
            stamp = stamp.leftJustified(end - start, ' ', true);
            bytes.replace(start, end - start, stamp);
        }
    }
    // Font subsets get a random six-letter tag ("QHBAAA+DejaVuSans"): number them in order of
    // appearance instead, again keeping the length.
    static const QRegularExpression tag(QStringLiteral("/([A-Z]{6})\\+"));
    QHash<QByteArray, QByteArray> tags;
    const QString latin = QString::fromLatin1(bytes);
    for (auto it = tag.globalMatch(latin); it.hasNext();) {
        const auto m = it.next();
        const QByteArray original = m.captured(1).toLatin1();
        if (!tags.contains(original))
            tags.insert(original, QByteArray("KSTN") + char('A' + tags.size() / 26) + char('A' + tags.size() % 26));
        bytes.replace(m.capturedStart(1), 6, tags.value(original));
    }
    const QString audience = data.audience == services::QbrAudience::Internal ? QObject::tr("internal") : QObject::tr("for the customer");
    return withInfo(bytes, producerName(), data.preparedBy,
                    QObject::tr("Quarterly business review %1 of %2, %3 (%4)").arg(data.quarter, data.account, data.period, audience));
}

bool writeQbrPdf(const QbrData &data, const ReportStyle &style, const QString &path, QString *error, services::Replace replace)
{
    if (data.parts.empty()) { // in a batch, one account with nothing to say is its own failure
        if (error)
            *error = QStringLiteral("nothing to say: no section chosen has content for this account");
        return false;
    }
    try {
        services::checkOutputTarget(path, replace); // before the rendering
        services::writeOutputFile(path, qbrPdf(data, style), replace);
        return true;
    } catch (const services::StorageError &e) {
        if (error)
            *error = e.message();
        return false;
    }
}

std::vector<QImage> qbrPageImages(const QbrData &data, const ReportStyle &style, double dpi)
{
    const Document doc = layout(data, style);
    const double scale = dpi / 72.0;
    std::vector<QImage> images;
    for (size_t i = 0; i < doc.pages.size(); ++i) {
        QImage image(QSize(int(std::ceil(doc.page.width() * scale)), int(std::ceil(doc.page.height() * scale))), QImage::Format_ARGB32_Premultiplied);
        image.setDotsPerMeterX(2835); // 72 dpi: fonts in points are logical pixels, as in the layout
        image.setDotsPerMeterY(2835);
        image.fill(Qt::white);
        QPainter p(&image);
        p.scale(scale, scale);
        paintPage(p, doc, data, style, i);
        p.end();
        images.push_back(std::move(image));
    }
    return images;
}

} // namespace keystone::report
