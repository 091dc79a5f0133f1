// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QDate>
#include <QString>
#include <QStringList>

#include <optional>

namespace keystone::io {

// How the dates of a column are written. Auto decides per column from its values (see
// detectDateFormat).
enum class DateFormat { Auto, Iso, Us, European };
QString dateFormatKey(DateFormat f); // "auto", "iso", "us", "european"
std::optional<DateFormat> parseDateFormat(const QString &key);

// Which character separates the decimals in amounts. Auto: when both '.' and ',' occur,
// the last one is the decimal separator; a single separator followed by exactly three
// digits ("1,234", "1.234") groups thousands, unless only "0" comes before it ("0.005");
// otherwise it is the decimal separator. Choose Point or Comma for files where that guess
// is wrong (three-decimal currencies, for one).
enum class DecimalMark { Auto, Point, Comma };
QString decimalMarkKey(DecimalMark m); // "auto", "point", "comma"
std::optional<DecimalMark> parseDecimalMark(const QString &key);

// An amount as real exports write it: "$1,234.56", "1.234,56 €", "EUR 1200", "1 200",
// "(1,200.00)" (negative), "-75". Returns minor units for `minorDigits` (2 for cents),
// rounded half away from zero; nullopt when the text is not an amount.
std::optional<qint64> parseAmount(const QString &text, int minorDigits = 2, DecimalMark mark = DecimalMark::Auto);

// A plain number ("12", "12.5", "1,5" with DecimalMark::Comma, "1,200"); nullopt otherwise.
std::optional<double> parseNumber(const QString &text, DecimalMark mark = DecimalMark::Auto);
std::optional<qint64> parseWholeNumber(const QString &text, DecimalMark mark = DecimalMark::Auto);
// "25" or "25%" (or "25 %"): the percent as written, 25 for 25%.
std::optional<double> parsePercent(const QString &text, DecimalMark mark = DecimalMark::Auto);

// yes/no, true/false, 1/0, y/n, x (checked); nullopt otherwise.
std::optional<bool> parseBool(const QString &text);

// A date in the given format; ISO ("2026-01-31", with or without a time after it) is
// always accepted. US is month/day/year, European day/month/year ('/', '.' or '-'), with
// two-digit years read as 20xx. Text after the date ("1/31/2026 10:00 AM") is ignored.
std::optional<QDate> parseDate(const QString &text, DateFormat format);
// Why parseDate() refused `text`, as a phrase for a rejection: the expected shape when it is
// not a date at all, or the impossible part ("there is no month 13", "February 2026 has 28
// days") with the order it was read in.
QString dateProblem(const QString &text, DateFormat format);

// The format of a column from its values: European when a first number exceeds 12, US
// when a second does, ISO when all are ISO; else US for '/' and European for '.'.
DateFormat detectDateFormat(const QStringList &values);
// The same decision, one value at a time (a column of a file read as it streams).
class DateFormatVote
{
public:
    void add(const QString &value);
    bool decided() const { return m_decided.has_value(); }
    DateFormat result() const;

private:
    std::optional<DateFormat> m_decided;
    bool m_allIso = true;
    bool m_any = false;
    int m_slash = 0;
    int m_other = 0;
};

} // namespace keystone::io
