// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Inside the book (team-lead) pages only: colours and cells they all use.
#pragma once

#include "book/bookloader.h"

#include "keystone/domain/money.h"
#include "keystone/services/bookservice.h"

#include <QColor>
#include <QDate>
#include <QFont>
#include <QLabel>
#include <QObject>

#include <array>
#include <optional>

#include "widgets/colours.h"

namespace keystone::app::bookpages {

using services::BookAccount;
using services::BookData;
using Cell = RowsModel::Cell;
using Row = RowsModel::Row;

// Read when a page builds its rows (on a worker too): they follow the colour scheme.
inline QColor overloadTint()
{
    return colours::tint(colours::Tint::Red);
}
inline QColor warnInk()
{
    return colours::ink(colours::Ink::Warn);
}
// A band's cell tint (Green, Yellow, Red, then the unscored columns in grey).
inline QColor bandTint(int band)
{
    static const colours::Tint tints[] = {colours::Tint::Green, colours::Tint::Yellow, colours::Tint::Red};
    return colours::tint(band >= 0 && band < 3 ? tints[band] : colours::Tint::Grey);
}
// A band's bar or dot (no text on it).
inline const std::array<QColor, 5> kBandBar{QColor(0x2e, 0x9e, 0x4f), QColor(0xe0, 0xa8, 0x00), QColor(0xd0, 0x3b, 0x2f),
                                     QColor(0x90, 0x90, 0x90), QColor(0xc8, 0xc8, 0xc8)};

inline QString money(const BookData &book, qint64 cents)
{
    return domain::formatMoney(cents, book.currency);
}

inline QString percent(const std::optional<double> &v)
{
    return v ? QStringLiteral("%1%").arg(*v * 100.0, 0, 'f', 1) : QObject::tr("n/a");
}

inline QVariant sortOf(const std::optional<double> &v)
{
    return v ? QVariant(*v) : QVariant(-1.0);
}

inline Cell moneyCell(const BookData &book, qint64 cents)
{
    return numberCell(money(book, cents), cents);
}

inline Cell dateCell(const QDate &d)
{
    return textCell(d.isValid() ? d.toString(Qt::ISODate) : QObject::tr("—"));
}

inline QString ownerName(const BookData &book, qint64 id)
{
    for (const auto &m : book.team)
        if (m.id == id)
            return m.name;
    return QObject::tr("Unassigned");
}

// A labelled heading over a table.
inline QLabel *heading(const QString &text)
{
    auto *l = new QLabel(text);
    QFont f = l->font();
    f.setBold(true);
    l->setFont(f);
    return l;
}

inline Cell reviewedCell(const BookAccount &a)
{
    Cell c = numberCell(a.plan.freshness.days ? QObject::tr("%1 days ago").arg(*a.plan.freshness.days) : QObject::tr("never"),
                        a.plan.freshness.days.value_or(99999));
    if (a.plan.freshness.stale)
        c.foreground = warnInk();
    return c;
}

} // namespace keystone::app::bookpages
