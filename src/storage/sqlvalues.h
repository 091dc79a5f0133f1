// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

// Conversions between domain values and what the schema stores. Dates are ISO text
// (YYYY-MM-DD) and timestamps ISO UTC text, so the file reads well in the sqlite3 shell;
// parsing is done by hand because QDate::fromString dominates a 10,000-row load otherwise.

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QTimeZone>
#include <QVariant>

namespace keystone::storage::sql {

inline int digits(const QChar *p, int n)
{
    int v = 0;
    for (int i = 0; i < n; ++i) {
        const int d = p[i].unicode() - '0';
        if (d < 0 || d > 9)
            return -1;
        v = v * 10 + d;
    }
    return v;
}

inline QDate toDate(const QVariant &v)
{
    if (v.isNull())
        return {};
    const QString s = v.toString();
    if (s.size() < 10 || s.at(4) != QLatin1Char('-') || s.at(7) != QLatin1Char('-'))
        return QDate::fromString(s, Qt::ISODate);
    const QChar *p = s.constData();
    return QDate(digits(p, 4), digits(p + 5, 2), digits(p + 8, 2));
}

// Writes n digits of v (zero-padded) at p.
inline void putDigits(QChar *p, int v, int n)
{
    for (int i = n - 1; i >= 0; --i) {
        p[i] = QChar(u'0' + v % 10);
        v /= 10;
    }
}

// "2026-03-31"; Qt's ISO formatting goes through QString::asprintf, measurable at 10,000 rows.
inline QString isoDate(const QDate &d)
{
    QString s(10, Qt::Uninitialized);
    QChar *p = s.data();
    int y = 0, m = 0, day = 0;
    d.getDate(&y, &m, &day);
    putDigits(p, y, 4);
    p[4] = u'-';
    putDigits(p + 5, m, 2);
    p[7] = u'-';
    putDigits(p + 8, day, 2);
    return s;
}

inline QVariant fromDate(const QDate &d)
{
    return d.isValid() ? QVariant(isoDate(d)) : QVariant(QMetaType::fromType<QString>());
}

inline QDateTime toTimestamp(const QVariant &v)
{
    const QString s = v.toString();
    // yyyy-MM-ddTHH:mm:ss.zzzZ
    if (s.size() >= 19 && s.at(10) == QLatin1Char('T')) {
        const QChar *p = s.constData();
        const QDate d(digits(p, 4), digits(p + 5, 2), digits(p + 8, 2));
        const int ms = s.size() >= 23 && s.at(19) == QLatin1Char('.') ? digits(p + 20, 3) : 0;
        const QTime t(digits(p + 11, 2), digits(p + 14, 2), digits(p + 17, 2), ms < 0 ? 0 : ms);
        return QDateTime(d, t, Qt::UTC);
    }
    return QDateTime::fromString(s, Qt::ISODateWithMs);
}

// "2026-03-31T09:05:01.250Z" (UTC, milliseconds).
inline QString fromTimestamp(const QDateTime &t)
{
    const QDateTime u = t.toUTC();
    const QDate d = u.date();
    const QTime tm = u.time();
    if (!d.isValid() || d.year() < 0 || d.year() > 9999)
        return u.toString(Qt::ISODateWithMs);
    QString s = isoDate(d);
    s.resize(24);
    QChar *p = s.data();
    p[10] = u'T';
    putDigits(p + 11, tm.hour(), 2);
    p[13] = u':';
    putDigits(p + 14, tm.minute(), 2);
    p[16] = u':';
    putDigits(p + 17, tm.second(), 2);
    p[19] = u'.';
    putDigits(p + 20, tm.msec(), 3);
    p[23] = u'Z';
    return s;
}

// QSQLITE binds a null QString as SQL NULL; NOT NULL text columns want ''.
inline QString text(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

inline QVariant nullableId(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

} // namespace keystone::storage::sql
