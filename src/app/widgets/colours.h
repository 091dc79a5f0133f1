// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QColor>
#include <QPalette>

#include <functional>

class QChart;
class QWidget;

namespace keystone::app::colours {

// The app's colour scheme: the system's, or light or dark chosen in View > Colour Scheme
// (or --color-scheme). Every coloured cell and coloured text takes its colour from here, so
// that it follows the scheme and keeps its text readable (a contrast of 4.5:1 or more).
enum class Scheme { System, Light, Dark };

// Sets the application's palette for `scheme` (Fusion's light one, or a dark one; System
// keeps the platform's) and remembers whether it is dark. Call on the GUI thread.
void apply(Scheme scheme);
Scheme current();
// True when the palette in force is dark. Safe from any thread (pages build rows on
// workers): it reads a flag set by apply().
bool isDark();
// The palette a dark scheme uses.
QPalette darkPalette();

// Cell backgrounds: a tint of a hue over the list's background.
enum class Tint { Green, Yellow, Red, Grey, Blue, Amber, Orange, DeepGreen };
QColor tint(Tint t);
QColor tintOn(Tint t, bool dark); // for a given scheme (tests)
// A tier's badge (1 to 3), drawn with white text on it (4.5:1 or more).
QColor tierBadge(int tier);
// Coloured text on the list's background.
enum class Ink { Warn, Caution, Muted, Good };
QColor ink(Ink i);
QColor inkOn(Ink i, bool dark);
// The ink as "#rrggbb", for rich text (<span style='color:…'>).
QString inkName(Ink i);
// Rich text in an ink: <span style='color:#…'>html</span>.
QString inked(Ink i, const QString &html);
// Puts the scheme's inks into rich text written with placeholders: "color:%W" (warn),
// "color:%C" (caution), "color:%M" (muted), "color:%G" (good). Placeholders survive arg().
QString inks(QString html);
// A heat-map cell: `share` (0 to 1) of the way from the list's background to the strongest
// orange that still keeps the text readable in the scheme.
QColor heat(double share);
QColor heatOn(double share, bool dark);
// The text and background the tints and inks are made for, in each scheme.
QColor textOn(bool dark);
QColor baseOn(bool dark);

// `share` of `a` blended with the rest of `b` (0 gives b, 1 gives a).
QColor mix(const QColor &a, const QColor &b, double share);

// Calls `refresh` now and again whenever the scheme changes under `widget` (for labels whose
// rich text or style sheet carries a colour). The call lives as long as the widget.
void follow(QWidget *widget, std::function<void()> refresh);

// Gives a chart the scheme's theme, with the list's background and text (call before adding
// series: a theme recolours them).
void styleChart(QChart *chart, const QPalette &palette);

// WCAG contrast ratio of two colours (1 to 21).
double contrast(const QColor &a, const QColor &b);

} // namespace keystone::app::colours
