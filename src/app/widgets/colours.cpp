// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "widgets/colours.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

#include <atomic>
#include <cmath>

namespace keystone::app::colours {

namespace {
std::atomic<bool> g_dark{false};
std::atomic<int> g_scheme{int(Scheme::System)};

QColor mix(const QColor &hue, const QColor &base, double share)
{
    return QColor::fromRgbF(float(hue.redF() * share + base.redF() * (1 - share)), float(hue.greenF() * share + base.greenF() * (1 - share)),
                            float(hue.blueF() * share + base.blueF() * (1 - share)));
}

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
    }
    return QColor(0x90, 0x90, 0x90);
}
} // namespace

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
    return mix(hueOf(t), baseOn(dark), dark ? 0.34 : 0.26);
}

QColor tint(Tint t)
{
    return tintOn(t, isDark());
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
