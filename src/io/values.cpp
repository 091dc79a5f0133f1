// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/io/values.h"

#include <QLocale>

#include <QRegularExpression>

#include <cmath>

namespace keystone::io {

QString dateFormatKey(DateFormat f)
{
    switch (f) {
    case DateFormat::Auto: return QStringLiteral("auto");
    case DateFormat::Iso: return QStringLiteral("iso");
    case DateFormat::Us: return QStringLiteral("us");
    case DateFormat::European: return QStringLiteral("european");
    }
    return QStringLiteral("auto");
}

std::optional<DateFormat> parseDateFormat(const QString &key)
{
    const QString k = key.trimmed().toLower();
    for (DateFormat f : {DateFormat::Auto, DateFormat::Iso, DateFormat::Us, DateFormat::European})
        if (k == dateFormatKey(f))
            return f;
    return std::nullopt;
}

QString decimalMarkKey(DecimalMark m)
{
    switch (m) {
    case DecimalMark::Auto: return QStringLiteral("auto");
    case DecimalMark::Point: return QStringLiteral("point");
    case DecimalMark::Comma: return QStringLiteral("comma");
    }
    return QStringLiteral("auto");
}

std::optional<DecimalMark> parseDecimalMark(const QString &key)
{
    const QString k = key.trimmed().toLower();
    for (DecimalMark m : {DecimalMark::Auto, DecimalMark::Point, DecimalMark::Comma})
        if (k == decimalMarkKey(m))
            return m;
    return std::nullopt;
}

namespace {

// Digits with separators reduced to "123456.78" (one '.' at most), sign separate. Returns
// false when anything else is left.
bool normalise(QString s, DecimalMark mark, bool *negative, QString *out)
{
    s = s.trimmed();
    *negative = false;
    if (s.startsWith(QLatin1Char('(')) && s.endsWith(QLatin1Char(')'))) { // accounting negative
        *negative = true;
        s = s.mid(1, s.size() - 2).trimmed();
    }
    // Currency: symbols anywhere, or a three-letter code before or after the number.
    static const QRegularExpression code(QStringLiteral("^[A-Za-z]{3}\\s*|\\s*[A-Za-z]{3}$"));
    s.remove(code);
    QString t;
    t.reserve(s.size());
    for (QChar c : s) {
        const auto cat = c.category();
        if (cat == QChar::Symbol_Currency || c.isSpace() || c == QChar(0x00A0) || c == QChar(0x202F) || c == QLatin1Char('\''))
            continue; // "$", "€", "£", spaces and apostrophes that group thousands
        t += c;
    }
    if (t.startsWith(QLatin1Char('-')) || t.startsWith(QChar(0x2212))) {
        *negative = !*negative;
        t.remove(0, 1);
    } else if (t.startsWith(QLatin1Char('+'))) {
        t.remove(0, 1);
    } else if (t.endsWith(QLatin1Char('-'))) { // "1200-" (SAP)
        *negative = !*negative;
        t.chop(1);
    }
    if (t.isEmpty())
        return false;
    const qsizetype lastDot = t.lastIndexOf(QLatin1Char('.'));
    const qsizetype lastComma = t.lastIndexOf(QLatin1Char(','));
    QChar decimal; // null = none
    if (mark == DecimalMark::Point) {
        decimal = QLatin1Char('.');
    } else if (mark == DecimalMark::Comma) {
        decimal = QLatin1Char(',');
    } else if (lastDot >= 0 && lastComma >= 0) {
        decimal = lastDot > lastComma ? QLatin1Char('.') : QLatin1Char(',');
    } else if (lastDot >= 0 || lastComma >= 0) {
        const QChar sep = lastDot >= 0 ? QLatin1Char('.') : QLatin1Char(',');
        const qsizetype pos = std::max(lastDot, lastComma);
        const bool once = t.count(sep) == 1;
        const bool threeAfter = t.size() - pos - 1 == 3;
        // "0.500" and ".500" cannot be thousands: a group needs a leading non-zero digit.
        const QString before = t.left(pos);
        const bool leadingZero = before.isEmpty() || before == QLatin1String("0");
        decimal = (once && (!threeAfter || leadingZero)) ? sep : QChar();
    }
    QString digits;
    digits.reserve(t.size());
    bool seenDecimal = false;
    for (qsizetype i = 0; i < t.size(); ++i) {
        const QChar c = t.at(i);
        if (c.isDigit() && c.unicode() < 128) {
            digits += c;
        } else if (!decimal.isNull() && c == decimal) {
            if (seenDecimal)
                return false;
            seenDecimal = true;
            digits += QLatin1Char('.');
        } else if (c == QLatin1Char(',') || c == QLatin1Char('.')) {
            // a thousands separator: must be followed by exactly three digits
            int k = 0;
            while (i + 1 + k < t.size() && t.at(i + 1 + k).isDigit())
                ++k;
            if (k != 3 || seenDecimal || digits.isEmpty())
                return false;
        } else {
            return false;
        }
    }
    if (digits.isEmpty() || digits == QLatin1String("."))
        return false;
    *out = digits;
    return true;
}

} // namespace

std::optional<qint64> parseAmount(const QString &text, int minorDigits, DecimalMark mark)
{
    bool negative = false;
    QString digits;
    if (!normalise(text, mark, &negative, &digits))
        return std::nullopt;
    const qsizetype dot = digits.indexOf(QLatin1Char('.'));
    const QString whole = dot < 0 ? digits : digits.left(dot);
    QString frac = dot < 0 ? QString() : digits.mid(dot + 1);
    if (whole.size() > 15)
        return std::nullopt; // beyond what fits in minor units safely
    qint64 value = whole.isEmpty() ? 0 : whole.toLongLong();
    for (int i = 0; i < minorDigits; ++i)
        value = value * 10 + (i < frac.size() ? frac.at(i).digitValue() : 0);
    if (frac.size() > minorDigits && frac.at(minorDigits).digitValue() >= 5)
        ++value; // half away from zero (the sign is applied after)
    return negative ? -value : value;
}

std::optional<double> parseNumber(const QString &text, DecimalMark mark)
{
    bool negative = false;
    QString digits;
    if (!normalise(text, mark, &negative, &digits))
        return std::nullopt;
    bool ok = false;
    const double v = digits.toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return negative ? -v : v;
}

std::optional<qint64> parseWholeNumber(const QString &text, DecimalMark mark)
{
    const auto v = parseNumber(text, mark);
    if (!v || std::floor(*v) != *v || std::fabs(*v) > 9.0e15)
        return std::nullopt;
    return qint64(*v);
}

std::optional<double> parsePercent(const QString &text, DecimalMark mark)
{
    QString t = text.trimmed();
    if (t.endsWith(QLatin1Char('%')))
        t.chop(1);
    return parseNumber(t, mark);
}

std::optional<bool> parseBool(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("1") || t == QLatin1String("true") || t == QLatin1String("yes") || t == QLatin1String("y") ||
        t == QLatin1String("x") || t == QLatin1String("ja") || t == QLatin1String("oui"))
        return true;
    if (t == QLatin1String("0") || t == QLatin1String("false") || t == QLatin1String("no") || t == QLatin1String("n") ||
        t == QLatin1String("nein") || t == QLatin1String("non"))
        return false;
    return std::nullopt;
}

namespace {

struct DateParts {
    int a = 0, b = 0, c = 0;
    bool iso = false;
    QChar sep;
};

std::optional<DateParts> splitDate(const QString &text)
{
    static const QRegularExpression iso(QStringLiteral("^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:$|[T ])"));
    static const QRegularExpression other(QStringLiteral("^(\\d{1,4})([/.\\-])(\\d{1,2})\\2(\\d{2,4})(?:$|[ T,])"));
    const QString t = text.trimmed();
    if (const auto m = iso.match(t); m.hasMatch())
        return DateParts{m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt(), true, QLatin1Char('-')};
    if (const auto m = other.match(t); m.hasMatch()) {
        if (m.captured(1).size() == 4) // 2026/01/31
            return DateParts{m.captured(1).toInt(), m.captured(3).toInt(), m.captured(4).toInt(), true, m.captured(2).at(0)};
        int year = m.captured(4).toInt();
        if (m.captured(4).size() == 2)
            year += 2000;
        else if (m.captured(4).size() != 4)
            return std::nullopt;
        return DateParts{m.captured(1).toInt(), m.captured(3).toInt(), year, false, m.captured(2).at(0)};
    }
    return std::nullopt;
}

} // namespace

std::optional<QDate> parseDate(const QString &text, DateFormat format)
{
    const auto p = splitDate(text);
    if (!p)
        return std::nullopt;
    QDate d;
    if (p->iso)
        d = QDate(p->a, p->b, p->c);
    else if (format == DateFormat::Us)
        d = QDate(p->c, p->a, p->b);
    else if (format == DateFormat::European)
        d = QDate(p->c, p->b, p->a);
    else if (format == DateFormat::Auto)
        d = p->sep == QLatin1Char('/') ? QDate(p->c, p->a, p->b) : QDate(p->c, p->b, p->a);
    if (!d.isValid())
        return std::nullopt;
    return d;
}

QString dateProblem(const QString &text, DateFormat format)
{
    const auto p = splitDate(text);
    if (!p) {
        switch (format) {
        case DateFormat::Us: return QStringLiteral("not a date (expected month/day/year, e.g. 1/31/2026)");
        case DateFormat::European: return QStringLiteral("not a date (expected day/month/year, e.g. 31/01/2026 or 31.01.2026)");
        default: return QStringLiteral("not a date (expected year-month-day, e.g. 2026-01-31)");
        }
    }
    // The text has a date's shape: say which part is impossible, in the order it was read.
    int year = 0, month = 0, day = 0;
    if (p->iso) {
        year = p->a, month = p->b, day = p->c;
    } else if (format == DateFormat::Us || (format == DateFormat::Auto && p->sep == QLatin1Char('/'))) {
        year = p->c, month = p->a, day = p->b;
    } else {
        year = p->c, month = p->b, day = p->a;
    }
    const QString order = p->iso ? QStringLiteral("read as year-month-day")
                          : (year == p->c && month == p->a) ? QStringLiteral("read as month/day/year")
                                                            : QStringLiteral("read as day/month/year");
    if (month < 1 || month > 12)
        return QStringLiteral("not a date: there is no month %1 (%2)").arg(month).arg(order);
    const int days = QDate(year, month, 1).daysInMonth();
    if (day < 1 || day > days)
        return QStringLiteral("not a date: %1 %2 has %3 days (%4)").arg(QLocale::c().monthName(month)).arg(year).arg(days).arg(order);
    return QStringLiteral("not a date (%1)").arg(order);
}

void DateFormatVote::add(const QString &value)
{
    if (m_decided)
        return;
    const auto p = splitDate(value);
    if (!p)
        return;
    m_any = true;
    if (p->iso)
        return;
    m_allIso = false;
    if (p->a > 12 && p->b <= 12) {
        m_decided = DateFormat::European;
        return;
    }
    if (p->b > 12 && p->a <= 12) {
        m_decided = DateFormat::Us;
        return;
    }
    (p->sep == QLatin1Char('/') ? m_slash : m_other) += 1;
}

DateFormat DateFormatVote::result() const
{
    if (m_decided)
        return *m_decided;
    if (!m_any || m_allIso)
        return DateFormat::Iso;
    return m_slash >= m_other ? DateFormat::Us : DateFormat::European;
}

DateFormat detectDateFormat(const QStringList &values)
{
    DateFormatVote vote;
    for (const QString &v : values) {
        vote.add(v);
        if (vote.decided())
            break;
    }
    return vote.result();
}

} // namespace keystone::io
