// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <vector>

namespace keystone::io {

// The JSON exchange file (docs/json-format.md) as neutral data: header fields and named
// collections of rows, each row a value per field (null, whole number, number, text). The
// services decide what the collections mean; this layer only reads and writes the format.
constexpr int kExchangeVersion = 1;

struct ExchangeCollection {
    QString name;
    QStringList fields;             // the order rows are given in
    std::vector<QVariantList> rows; // values parallel to fields; QVariant() is null
};

struct ExchangeDocument {
    int version = kExchangeVersion;
    QString exportedAt;    // ISO UTC timestamp
    QString portfolioUuid; // the portfolio it came from
    QString currency;
    QString scope = QStringLiteral("portfolio"); // "portfolio" or "accounts"
    QString application;                         // "Keystone 0.1.0"
    std::vector<ExchangeCollection> collections;
    const ExchangeCollection *collection(const QString &name) const;
};

// A problem in a file, with where it is: "accounts[3].arr_cents: must be a whole number".
struct ExchangeFormatError {
    QString message;
};

// `known` lists the fields each collection may have (collection -> fields); a field the file
// has that is not known is refused, so a typo never drops data silently. A field a row lacks
// reads as null. Throws ExchangeFormatError naming the place.
struct KnownCollection {
    QString name;
    QStringList fields;
};
ExchangeDocument readExchange(const QByteArray &json, const std::vector<KnownCollection> &known);
QByteArray writeExchange(const ExchangeDocument &doc);

} // namespace keystone::io
