// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QColor>
#include <QPalette>

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
enum class Tint { Green, Yellow, Red, Grey, Blue, Amber, Orange };
QColor tint(Tint t);
QColor tintOn(Tint t, bool dark); // for a given scheme (tests)
// Coloured text on the list's background.
enum class Ink { Warn, Caution, Muted, Good };
QColor ink(Ink i);
QColor inkOn(Ink i, bool dark);
// The text and background the tints and inks are made for, in each scheme.
QColor textOn(bool dark);
QColor baseOn(bool dark);

// WCAG contrast ratio of two colours (1 to 21).
double contrast(const QColor &a, const QColor &b);

} // namespace keystone::app::colours
