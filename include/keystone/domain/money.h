// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <optional>

namespace keystone::domain {

// An amount of money in integer minor units (cents for USD/EUR, yen for JPY) of one
// ISO 4217 currency. Never floating point.
// The largest amount Keystone stores, in minor units (10 billion in major units): a book of
// a million accounts at this bound still sums within a 64-bit integer. Every route (forms,
// CSV, JSON, CLI) refuses a larger one.
constexpr qint64 kMaxAmountCents = 1'000'000'000'000;

struct Money {
    qint64 cents = 0;
    QString currency;

    bool operator==(const Money &) const = default;
};

// True when `code` is an active ISO 4217 currency code (three upper-case letters).
bool isKnownCurrency(const QString &code);
// The currencies offered first when one is chosen (any known code is taken).
QStringList commonCurrencyCodes();

// Number of minor-unit digits of a currency: 2 for USD, 0 for JPY, 3 for BHD.
int minorUnitDigits(const QString &code);

// "$1,234,567" (whole units, rounded half away from zero) or "$1,234,567.89" with
// `withMinorUnits`. Currencies without a well-known symbol are prefixed with their code.
QString formatMoney(qint64 minorUnits, const QString &currency, bool withMinorUnits = false);

// Compact form for dashboards and status bars: "$1.2M", "$850K", "$95".
QString formatMoneyShort(qint64 minorUnits, const QString &currency);

// Parses what a person types into an amount field: "1234.56", "1,234,567", "$ 1,200",
// "1.5M", "250k". Returns minor units of `currency`, or nullopt when the text is not an
// amount (the caller names the field in its message).
std::optional<qint64> parseMoney(const QString &text, const QString &currency);

} // namespace keystone::domain
