// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "widgets/colours.h"

#include <QApplication>
#include <QChart>
#include <QLegend>
#include <QEvent>
#include <QWidget>
#include <QStyle>
#include <QStyleFactory>

#include <algorithm>
#include <atomic>
#include <cmath>

namespace keystone::app::colours {

namespace {
std::atomic<bool> g_dark{false};
std::atomic<int> g_scheme{int(Scheme::System)};

QColor hueOf(Tint t)
{
    switch (t) {
    case Tint::Green: return QColor(0x2e, 0x9e, 0x4f);
    case Tint::Yellow: return QColor(0xf2, 0xb7, 0x05);
    case Tint::Red: return QColor(0xd8, 0x3b, 0x2f);
    case Tint::Grey: return QColor(0x90, 0x90, 0x90);
    case Tint::Blue: return QColor(0x3d, 0x7f, 0xd1);
    case Tint::Amber: return QColor(0xf5, 0xa6, 0x23);
    case Tint::Orange: return QColor(0xec, 0x96, 0x14);
    case Tint::DeepGreen: return QColor(0x2e, 0x9e, 0x4f);
    }
    return QColor(0x90, 0x90, 0x90);
}
// Runs a refresh when the palette under a widget changes.
class Follower : public QObject
{
public:
    Follower(QWidget *widget, std::function<void()> refresh) : QObject(widget), m_refresh(std::move(refresh))
    {
        widget->installEventFilter(this);
        m_refresh();
    }
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::PaletteChange && !m_busy) {
            m_busy = true; // a refresh that sets a style sheet sends another
            m_refresh();
            m_busy = false;
        }
        return false;
    }

private:
    std::function<void()> m_refresh;
    bool m_busy = false;
};
} // namespace

void follow(QWidget *widget, std::function<void()> refresh)
{
    new Follower(widget, std::move(refresh));
}

void styleChart(QChart *chart, const QPalette &palette)
{
    chart->setTheme(isDark() ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundBrush(palette.color(QPalette::Base));
    chart->setTitleBrush(palette.color(QPalette::Text));
    chart->legend()->setLabelColor(palette.color(QPalette::Text));
}

QColor mix(const QColor &a, const QColor &b, double share)
{
    return QColor::fromRgbF(float(a.redF() * share + b.redF() * (1 - share)), float(a.greenF() * share + b.greenF() * (1 - share)),
                            float(a.blueF() * share + b.blueF() * (1 - share)));
}

QColor textOn(bool dark)
{
    return dark ? QColor(0xe8, 0xe8, 0xe8) : QColor(0x1d, 0x1d, 0x1d);
}

QColor baseOn(bool dark)
{
    return dark ? QColor(0x1e, 0x1f, 0x22) : QColor(0xff, 0xff, 0xff);
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31), base = baseOn(true), text = textOn(true), disabled(0x7a, 0x7c, 0x80);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x42));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9c, 0xa0));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x38, 0x3c));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x52));
    p.setColor(QPalette::Midlight, QColor(0x3f, 0x42, 0x47));
    p.setColor(QPalette::Mid, QColor(0x8a, 0x8c, 0x90));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, QColor(0x0c, 0x0c, 0x0d));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xb5));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x7a, 0xb8, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xc0, 0x9a, 0xff));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

void apply(Scheme scheme)
{
    // The platform's own look, kept from the first call, is what System goes back to.
    static const QString systemStyle = QApplication::style()->name();
    static const QPalette systemPalette = QApplication::palette();
    g_scheme = int(scheme);
    if (scheme == Scheme::System) {
        if (QApplication::style()->name() != systemStyle)
            if (QStyle *style = QStyleFactory::create(systemStyle))
                QApplication::setStyle(style);
        QApplication::setPalette(systemPalette);
    } else {
        // Fusion draws the same on every platform and honours the palette fully.
        if (QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0)
            if (QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion")))
                QApplication::setStyle(fusion);
        QApplication::setPalette(scheme == Scheme::Dark ? darkPalette() : QApplication::style()->standardPalette());
    }
    g_dark = QApplication::palette().color(QPalette::Base).lightnessF() < 0.5;
    // A widget with a style sheet keeps the palette it was polished with: polish it again.
    for (QWidget *w : QApplication::allWidgets())
        if (!w->styleSheet().isEmpty())
            w->setStyleSheet(w->styleSheet());
}

Scheme current()
{
    return Scheme(g_scheme.load());
}

bool isDark()
{
    return g_dark.load();
}

QColor tintOn(Tint t, bool dark)
{
    // Light: a quarter of the hue over white; dark: a third of it over the dark base.
    // DeepGreen is the same hue laid on half as thick again, for a step beyond Green.
    const double share = (dark ? 0.34 : 0.26) * (t == Tint::DeepGreen ? 1.6 : 1.0);
    return mix(hueOf(t), baseOn(dark), share);
}

QColor tint(Tint t)
{
    return tintOn(t, isDark());
}

QColor tierBadge(int tier)
{
    static const QColor fills[] = {QColor(0x1f, 0x6f, 0xb5), QColor(0x2e, 0x7d, 0x73), QColor(0x6b, 0x70, 0x79)};
    return fills[std::clamp(tier, 1, 3) - 1];
}

QColor inkOn(Ink i, bool dark)
{
    switch (i) {
    case Ink::Warn: return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x1e, 0x1e);
    case Ink::Caution: return dark ? QColor(0xff, 0xc4, 0x6b) : QColor(0x8a, 0x4b, 0x00);
    case Ink::Muted: return dark ? QColor(0xa8, 0xa8, 0xa8) : QColor(0x6b, 0x6b, 0x6b);
    case Ink::Good: return dark ? QColor(0x7f, 0xd8, 0x8f) : QColor(0x1e, 0x7a, 0x3c);
    }
    return textOn(dark);
}

QColor ink(Ink i)
{
    return inkOn(i, isDark());
}

QString inkName(Ink i)
{
    return ink(i).name();
}

QString inked(Ink i, const QString &html)
{
    return QStringLiteral("<span style='color:%1'>%2</span>").arg(inkName(i), html);
}

QString inks(QString html)
{
    const QLatin1String colour("color:");
    return html.replace(QLatin1String("color:%W"), colour + inkName(Ink::Warn))
        .replace(QLatin1String("color:%C"), colour + inkName(Ink::Caution))
        .replace(QLatin1String("color:%M"), colour + inkName(Ink::Muted))
        .replace(QLatin1String("color:%G"), colour + inkName(Ink::Good));
}

QColor heatOn(double share, bool dark)
{
    // The strongest share of orange keeps the scheme's text at 4.5:1 or more (tested).
    const double strongest = dark ? 0.40 : 0.72;
    return mix(hueOf(Tint::Orange), baseOn(dark), std::clamp(share, 0.0, 1.0) * strongest);
}

QColor heat(double share)
{
    return heatOn(share, isDark());
}

double contrast(const QColor &a, const QColor &b)
{
    const auto lum = [](const QColor &c) {
        const auto ch = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF());
    };
    const double l1 = lum(a), l2 = lum(b);
    return (std::max(l1, l2) + 0.05) / (std::min(l1, l2) + 0.05);
}

} // namespace keystone::app::colours
