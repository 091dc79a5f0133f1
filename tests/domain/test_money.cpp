// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "testsupport.h"

#include "keystone/domain/money.h"

using namespace keystone::domain;

TEST_CASE("Known currencies follow ISO 4217", "[domain][money]")
{
    CHECK(isKnownCurrency(QStringLiteral("USD")));
    CHECK(isKnownCurrency(QStringLiteral("EUR")));
    CHECK(isKnownCurrency(QStringLiteral("ZWL")));
    CHECK_FALSE(isKnownCurrency(QStringLiteral("usd")));
    CHECK_FALSE(isKnownCurrency(QStringLiteral("XYZ")));
    CHECK_FALSE(isKnownCurrency(QStringLiteral("US")));
    CHECK(minorUnitDigits(QStringLiteral("USD")) == 2);
    CHECK(minorUnitDigits(QStringLiteral("JPY")) == 0);
    CHECK(minorUnitDigits(QStringLiteral("BHD")) == 3);
}

TEST_CASE("Money is formatted with grouping and the currency symbol", "[domain][money]")
{
    CHECK(formatMoney(123456, QStringLiteral("USD")) == QStringLiteral("$1,235"));          // 1234.56 rounds up
    CHECK(formatMoney(123449, QStringLiteral("USD")) == QStringLiteral("$1,234"));
    CHECK(formatMoney(123456, QStringLiteral("USD"), true) == QStringLiteral("$1,234.56"));
    CHECK(formatMoney(-50, QStringLiteral("USD"), true) == QStringLiteral("-$0.50"));
    CHECK(formatMoney(100000000, QStringLiteral("EUR")) == QStringLiteral("€1,000,000"));
    CHECK(formatMoney(5000, QStringLiteral("JPY"), true) == QStringLiteral("¥5,000"));
    CHECK(formatMoney(1234, QStringLiteral("CHF"), true) == QStringLiteral("CHF 12.34"));
    CHECK(formatMoney(0, QStringLiteral("USD")) == QStringLiteral("$0"));
    CHECK(formatMoneyShort(120000000, QStringLiteral("USD")) == QStringLiteral("$1.2M"));
    CHECK(formatMoneyShort(8500000, QStringLiteral("USD")) == QStringLiteral("$85K"));
}

TEST_CASE("Typed amounts parse to exact minor units", "[domain][money]")
{
    const QString usd = QStringLiteral("USD");
    CHECK(parseMoney(QStringLiteral("1234.56"), usd) == 123456);
    CHECK(parseMoney(QStringLiteral("1,234,567"), usd) == 123456700);
    CHECK(parseMoney(QStringLiteral("$ 1,200"), usd) == 120000);
    CHECK(parseMoney(QStringLiteral("USD 99.5"), usd) == 9950);
    CHECK(parseMoney(QStringLiteral("1.2M"), usd) == 120000000);
    CHECK(parseMoney(QStringLiteral("250k"), usd) == 25000000);
    CHECK(parseMoney(QStringLiteral("-5"), usd) == -500);
    CHECK(parseMoney(QStringLiteral(".5"), usd) == 50);
    CHECK(parseMoney(QStringLiteral("12.340"), usd) == 1234); // trailing zero beyond cents is harmless
    CHECK(parseMoney(QStringLiteral("1,000"), QStringLiteral("JPY")) == 1000);
    CHECK_FALSE(parseMoney(QStringLiteral("12.345"), usd));   // would lose a tenth of a cent
    CHECK_FALSE(parseMoney(QStringLiteral("abc"), usd));
    CHECK_FALSE(parseMoney(QStringLiteral(""), usd));
    CHECK_FALSE(parseMoney(QStringLiteral("1.2.3"), usd));
    CHECK_FALSE(parseMoney(QStringLiteral("$"), usd));
    CHECK_FALSE(parseMoney(QStringLiteral("99999999999999999999"), usd));
}

TEST_CASE("Formatting and parsing round-trip", "[domain][money]")
{
    for (qint64 cents : {0LL, 1LL, 99LL, 100LL, 123456789LL, 600000000LL}) {
        INFO(cents);
        CHECK(parseMoney(formatMoney(cents, QStringLiteral("USD"), true), QStringLiteral("USD")) == cents);
        CHECK(parseMoney(formatMoney(cents, QStringLiteral("EUR"), true), QStringLiteral("EUR")) == cents);
    }
}
