// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <string>
#include <vector>

class QIODevice;

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

// What a streamed read hands over, in this order: the header (a document without
// collections), then for each collection in dependency order (`known`'s) the collection and
// its rows. Whatever it throws stops the read and comes out of readExchange().
class ExchangeHandler
{
public:
    virtual ~ExchangeHandler() = default;
    virtual void header(const ExchangeDocument &header) = 0;
    virtual void collection(const KnownCollection &collection) = 0;
    virtual void row(const QVariantList &values) = 0; // parallel to the collection's fields
};

// Thrown by a streamed read of a file that cannot be taken as it comes: a header field after
// the collections, collections out of dependency order or given twice. What was handed over
// so far must be undone, and the file read again Whole.
struct ExchangeNeedsBuffering {
};

enum class ExchangeReading {
    Streamed, // rows handed over as they are read: memory does not grow with the file
    Whole,    // the file read whole first (any order), then handed over
};

// Reads the file from `in` (64 KB at a time) and hands it to `handler`. The same checks and
// messages as readExchange() above; the problems found only after rows were handed over (a
// syntax error near the end, a bad row, an unknown collection) throw at the end.
void readExchange(QIODevice &in, const std::vector<KnownCollection> &known, ExchangeHandler &handler, ExchangeReading reading);

// The device refused bytes (a full disk, a closed pipe): its own words.
struct ExchangeWriteError {
    QString message;
};

// Writes the file as it goes, a collection at a time and a row per line, so memory stays
// the same whatever the portfolio's size: the header (the document's fields; its
// collections are ignored), then beginCollection() and its rows, then finish(). Bytes go
// to `out` in blocks of about a megabyte; a refused block throws ExchangeWriteError.
class ExchangeWriter
{
public:
    ExchangeWriter(QIODevice &out, const ExchangeDocument &header);
    ExchangeWriter(const ExchangeWriter &) = delete;
    ExchangeWriter &operator=(const ExchangeWriter &) = delete;
    void beginCollection(const QString &name, const QStringList &fields);
    void writeRow(const QVariantList &row); // values parallel to the collection's fields
    void finish();
    qint64 bytesWritten() const { return m_written + qint64(m_buffer.size()); }

private:
    void flushIfFull();
    void flush();
    QIODevice &m_out;
    std::string m_buffer;
    std::vector<std::string> m_keys; // the current collection's field names, as JSON text
    bool m_firstCollection = true;
    bool m_inCollection = false;
    bool m_firstRow = true;
    qint64 m_written = 0;
};

// The whole document at once (small files and tests): the same bytes ExchangeWriter writes.
QByteArray writeExchange(const ExchangeDocument &doc);

} // namespace keystone::io
