// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/domain/money.h"

#include <QLocale>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <string_view>

namespace keystone::domain {

namespace {

struct CurrencyInfo {
    std::string_view code;
    int digits;
};

// Active ISO 4217 codes (2024 list), sorted for binary search.
constexpr CurrencyInfo kCurrencies[] = {
    {"AED", 2}, {"AFN", 2}, {"ALL", 2}, {"AMD", 2}, {"ANG", 2}, {"AOA", 2},
    {"ARS", 2}, {"AUD", 2}, {"AWG", 2}, {"AZN", 2}, {"BAM", 2}, {"BBD", 2}, {"BDT", 2},
    {"BGN", 2}, {"BHD", 3}, {"BIF", 0}, {"BMD", 2}, {"BND", 2}, {"BOB", 2}, {"BRL", 2},
    {"BSD", 2}, {"BTN", 2}, {"BWP", 2}, {"BYN", 2}, {"BZD", 2}, {"CAD", 2}, {"CDF", 2},
    {"CHF", 2}, {"CLP", 0}, {"CNY", 2}, {"COP", 2}, {"CRC", 2}, {"CUP", 2}, {"CVE", 2},
    {"CZK", 2}, {"DJF", 0}, {"DKK", 2}, {"DOP", 2}, {"DZD", 2}, {"EGP", 2}, {"ERN", 2},
    {"ETB", 2}, {"EUR", 2}, {"FJD", 2}, {"FKP", 2}, {"GBP", 2}, {"GEL", 2}, {"GHS", 2},
    {"GIP", 2}, {"GMD", 2}, {"GNF", 0}, {"GTQ", 2}, {"GYD", 2}, {"HKD", 2}, {"HNL", 2},
    {"HTG", 2}, {"HUF", 2}, {"IDR", 2}, {"ILS", 2}, {"INR", 2}, {"IQD", 3}, {"IRR", 2},
    {"ISK", 0}, {"JMD", 2}, {"JOD", 3}, {"JPY", 0}, {"KES", 2}, {"KGS", 2}, {"KHR", 2},
    {"KMF", 0}, {"KPW", 2}, {"KRW", 0}, {"KWD", 3}, {"KYD", 2}, {"KZT", 2}, {"LAK", 2},
    {"LBP", 2}, {"LKR", 2}, {"LRD", 2}, {"LSL", 2}, {"LYD", 3}, {"MAD", 2}, {"MDL", 2},
    {"MGA", 2}, {"MKD", 2}, {"MMK", 2}, {"MNT", 2}, {"MOP", 2}, {"MRU", 2}, {"MUR", 2},
    {"MVR", 2}, {"MWK", 2}, {"MXN", 2}, {"MYR", 2}, {"MZN", 2}, {"NAD", 2}, {"NGN", 2},
    {"NIO", 2}, {"NOK", 2}, {"NPR", 2}, {"NZD", 2}, {"OMR", 3}, {"PAB", 2}, {"PEN", 2},
    {"PGK", 2}, {"PHP", 2}, {"PKR", 2}, {"PLN", 2}, {"PYG", 0}, {"QAR", 2}, {"RON", 2},
    {"RSD", 2}, {"RUB", 2}, {"RWF", 0}, {"SAR", 2}, {"SBD", 2}, {"SCR", 2}, {"SDG", 2},
    {"SEK", 2}, {"SGD", 2}, {"SHP", 2}, {"SLE", 2}, {"SOS", 2}, {"SRD", 2}, {"SSP", 2},
    {"STN", 2}, {"SVC", 2}, {"SYP", 2}, {"SZL", 2}, {"THB", 2}, {"TJS", 2}, {"TMT", 2},
    {"TND", 3}, {"TOP", 2}, {"TRY", 2}, {"TTD", 2}, {"TWD", 2}, {"TZS", 2}, {"UAH", 2},
    {"UGX", 0}, {"USD", 2}, {"UYU", 2}, {"UZS", 2}, {"VES", 2}, {"VND", 0}, {"VUV", 0},
    {"WST", 2}, {"XAF", 0}, {"XCD", 2}, {"XOF", 0}, {"XPF", 0}, {"YER", 2}, {"ZAR", 2},
    {"ZMW", 2}, {"ZWL", 2},
};

const CurrencyInfo *findCurrency(const QString &code)
{
    if (code.size() != 3)
        return nullptr;
    const QByteArray latin = code.toLatin1();
    const std::string_view key(latin.constData(), 3);
    auto it = std::lower_bound(std::begin(kCurrencies), std::end(kCurrencies), key,
                               [](const CurrencyInfo &c, std::string_view k) { return c.code < k; });
    if (it == std::end(kCurrencies) || it->code != key)
        return nullptr;
    return &*it;
}

QString symbolFor(const QString &code)
{
    if (code == QLatin1String("USD"))
        return QStringLiteral("$");
    if (code == QLatin1String("EUR"))
        return QStringLiteral("€");
    if (code == QLatin1String("GBP"))
        return QStringLiteral("£");
    if (code == QLatin1String("JPY"))
        return QStringLiteral("¥");
    return code + QLatin1Char(' ');
}

qint64 pow10(int digits)
{
    qint64 f = 1;
    for (int i = 0; i < digits; ++i)
        f *= 10;
    return f;
}

QString groupDigits(qint64 value)
{
    // Fixed English grouping: amounts must read the same on every machine and in PDFs.
    QString digits = QString::number(value);
    QString out;
    out.reserve(digits.size() + digits.size() / 3);
    const int n = int(digits.size());
    for (int i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0)
            out += QLatin1Char(',');
        out += digits.at(i);
    }
    return out;
}

} // namespace

bool isKnownCurrency(const QString &code)
{
    return findCurrency(code) != nullptr;
}

QStringList commonCurrencyCodes()
{
    return {QStringLiteral("USD"), QStringLiteral("EUR"), QStringLiteral("GBP"), QStringLiteral("CHF"), QStringLiteral("CAD"),
            QStringLiteral("AUD"), QStringLiteral("JPY"), QStringLiteral("SEK"), QStringLiteral("NOK"), QStringLiteral("DKK"),
            QStringLiteral("INR"), QStringLiteral("BRL"), QStringLiteral("SGD"), QStringLiteral("NZD"), QStringLiteral("ZAR")};
}

int minorUnitDigits(const QString &code)
{
    const CurrencyInfo *info = findCurrency(code);
    return info ? info->digits : 2;
}

QString formatMoney(qint64 minorUnits, const QString &currency, bool withMinorUnits)
{
    const int digits = minorUnitDigits(currency);
    const qint64 factor = pow10(digits);
    const bool negative = minorUnits < 0;
    const qint64 absUnits = negative ? -minorUnits : minorUnits;
    QString body;
    if (withMinorUnits && digits > 0) {
        body = groupDigits(absUnits / factor) + QLatin1Char('.')
            + QStringLiteral("%1").arg(absUnits % factor, digits, 10, QLatin1Char('0'));
    } else {
        body = groupDigits((absUnits + factor / 2) / factor);
    }
    return (negative ? QStringLiteral("-") : QString()) + symbolFor(currency) + body;
}

QString formatMoneyShort(qint64 minorUnits, const QString &currency)
{
    const double whole = double(minorUnits) / double(pow10(minorUnitDigits(currency)));
    const double mag = std::fabs(whole);
    QString body;
    if (mag >= 1e9)
        body = QString::number(whole / 1e9, 'f', 1) + QLatin1Char('B');
    else if (mag >= 1e6)
        body = QString::number(whole / 1e6, 'f', 1) + QLatin1Char('M');
    else if (mag >= 1e3)
        body = QString::number(whole / 1e3, 'f', 0) + QLatin1Char('K');
    else
        body = QString::number(whole, 'f', 0);
    if (body.startsWith(QLatin1Char('-')))
        return QStringLiteral("-") + symbolFor(currency) + body.mid(1);
    return symbolFor(currency) + body;
}

std::optional<qint64> parseMoney(const QString &text, const QString &currency)
{
    QString s = text.trimmed();
    if (s.isEmpty())
        return std::nullopt;
    // Strip a currency code or symbol on either side.
    if (s.startsWith(currency, Qt::CaseInsensitive))
        s = s.mid(currency.size()).trimmed();
    if (s.endsWith(currency, Qt::CaseInsensitive))
        s.chop(currency.size());
    s = s.trimmed();
    bool negative = false;
    if (s.startsWith(QLatin1Char('-'))) {
        negative = true;
        s = s.mid(1).trimmed();
    }
    static const QString symbols = QStringLiteral("$€£¥");
    if (!s.isEmpty() && symbols.contains(s.front()))
        s = s.mid(1).trimmed();
    qint64 multiplier = 1;
    if (!s.isEmpty()) {
        const QChar last = s.back().toLower();
        if (last == QLatin1Char('k'))
            multiplier = 1000;
        else if (last == QLatin1Char('m'))
            multiplier = 1000000;
        else if (last == QLatin1Char('b'))
            multiplier = 1000000000;
        if (multiplier != 1)
            s.chop(1);
    }
    s.remove(QLatin1Char(','));
    s.remove(QLatin1Char(' '));
    if (s.isEmpty())
        return std::nullopt;
    // Split whole and fractional parts by hand: no floating point on money.
    const qsizetype dot = s.indexOf(QLatin1Char('.'));
    const QString wholePart = dot < 0 ? s : s.left(dot);
    QString fracPart = dot < 0 ? QString() : s.mid(dot + 1);
    if (wholePart.isEmpty() && fracPart.isEmpty())
        return std::nullopt;
    for (QChar c : wholePart + fracPart) {
        if (!c.isDigit())
            return std::nullopt;
    }
    const int digits = minorUnitDigits(currency);
    // Scale: value = whole.frac * multiplier, in minor units.
    int scaleDigits = digits;
    qint64 m = multiplier;
    while (m > 1) {
        ++scaleDigits;
        m /= 10;
    }
    if (fracPart.size() > scaleDigits) {
        // More precision than minor units: only zeros may be dropped.
        const QString extra = fracPart.mid(scaleDigits);
        for (QChar c : extra) {
            if (c != QLatin1Char('0'))
                return std::nullopt;
        }
        fracPart = fracPart.left(scaleDigits);
    }
    if (wholePart.size() > 15)
        return std::nullopt;
    bool ok = true;
    const qint64 whole = wholePart.isEmpty() ? 0 : wholePart.toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    qint64 frac = 0;
    if (!fracPart.isEmpty()) {
        frac = fracPart.toLongLong(&ok);
        if (!ok)
            return std::nullopt;
        frac *= pow10(scaleDigits - int(fracPart.size()));
    }
    const qint64 result = whole * pow10(scaleDigits) + frac;
    return negative ? -result : result;
}

} // namespace keystone::domain
