// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/io/exchangejson.h"

#include <QBuffer>
#include <QHash>

#include <charconv>
#include <array>
#include <istream>
#include <map>
#include <streambuf>
#include <optional>

#include <nlohmann/json.hpp>

namespace keystone::io {

using nlohmann::json;

const ExchangeCollection *ExchangeDocument::collection(const QString &name) const
{
    for (const ExchangeCollection &c : collections)
        if (c.name == name)
            return &c;
    return nullptr;
}

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

// JSON text as nlohmann::json's dump() writes it (not ASCII-only): the same bytes as the
// files written before the writer streamed.
void appendString(std::string &out, const QString &s)
{
    const QByteArray u = s.toUtf8();
    out += '"';
    const char *run = u.constData(); // the bytes since the last escape, copied at once
    const char *const end = run + u.size();
    for (const char *p = run; p != end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(run, p);
        run = p + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: {
            static const char hex[] = "0123456789abcdef";
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 0xf];
        }
        }
    }
    out.append(run, end);
    out += '"';
}

void appendInteger(std::string &out, qint64 v)
{
    char b[24];
    const auto r = std::to_chars(b, b + sizeof b, v);
    out.append(b, r.ptr);
}

void appendValue(std::string &out, const QVariant &v)
{
    if (v.isNull() || !v.isValid()) {
        out += "null";
        return;
    }
    switch (v.metaType().id()) {
    case QMetaType::LongLong:
    case QMetaType::Int:
    case QMetaType::ULongLong:
    case QMetaType::UInt:
        appendInteger(out, v.toLongLong());
        return;
    case QMetaType::Double:
    case QMetaType::Float:
        out += json(v.toDouble()).dump(); // shortest round trip; "null" for NaN and infinities
        return;
    case QMetaType::Bool:
        out += v.toBool() ? '1' : '0';
        return;
    case QMetaType::QString:
        appendString(out, v.toString());
        return;
    default:
        appendString(out, v.toString());
    }
}

constexpr size_t kBlock = 1 << 20;

} // namespace

ExchangeWriter::ExchangeWriter(QIODevice &out, const ExchangeDocument &header) : m_out(out)
{
    m_buffer.reserve(kBlock + 64 * 1024);
    // The keys in the order the first files had them (nlohmann::json's sorted objects).
    const std::pair<const char *, QString> fields[] = {{"application", header.application},
                                                       {"currency", header.currency},
                                                       {"exported_at", header.exportedAt},
                                                       {"format", QStringLiteral("keystone-exchange")}};
    m_buffer += "{\n";
    for (const auto &[key, value] : fields) {
        m_buffer += "  \"";
        m_buffer += key;
        m_buffer += "\": ";
        appendString(m_buffer, value);
        m_buffer += ",\n";
    }
    m_buffer += "  \"portfolio\": ";
    appendString(m_buffer, header.portfolioUuid);
    m_buffer += ",\n  \"scope\": ";
    appendString(m_buffer, header.scope);
    m_buffer += ",\n  \"version\": ";
    appendInteger(m_buffer, header.version);
    m_buffer += ",\n  \"collections\": {";
}

void ExchangeWriter::beginCollection(const QString &name, const QStringList &fields)
{
    if (m_inCollection)
        m_buffer += m_firstRow ? "]" : "\n    ]";
    m_buffer += m_firstCollection ? "\n" : ",\n";
    m_firstCollection = false;
    m_buffer += "    ";
    appendString(m_buffer, name);
    m_buffer += ": [";
    m_keys.clear();
    for (const QString &f : fields) {
        std::string key;
        appendString(key, f);
        key += ": ";
        m_keys.push_back(std::move(key));
    }
    m_inCollection = true;
    m_firstRow = true;
}

void ExchangeWriter::writeRow(const QVariantList &row)
{
    m_buffer += m_firstRow ? "\n      {" : ",\n      {";
    m_firstRow = false;
    for (size_t i = 0; i < m_keys.size(); ++i) {
        if (i)
            m_buffer += ", ";
        m_buffer += m_keys[i];
        appendValue(m_buffer, i < size_t(row.size()) ? row.at(qsizetype(i)) : QVariant());
    }
    m_buffer += '}';
    flushIfFull();
}

void ExchangeWriter::finish()
{
    if (m_inCollection)
        m_buffer += m_firstRow ? "]" : "\n    ]";
    m_inCollection = false;
    m_buffer += "\n  }\n}\n";
    flush();
}

void ExchangeWriter::flushIfFull()
{
    if (m_buffer.size() >= kBlock)
        flush();
}

void ExchangeWriter::flush()
{
    if (m_buffer.empty())
        return;
    const qint64 n = m_out.write(m_buffer.data(), qint64(m_buffer.size()));
    if (n != qint64(m_buffer.size()))
        throw ExchangeWriteError{m_out.errorString()};
    m_written += n;
    m_buffer.clear();
}

QByteArray writeExchange(const ExchangeDocument &doc)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    ExchangeWriter writer(buffer, doc);
    for (const ExchangeCollection &c : doc.collections) {
        writer.beginCollection(c.name, c.fields);
        for (const QVariantList &row : c.rows)
            writer.writeRow(row);
    }
    writer.finish();
    return bytes;
}

namespace {

// Reads the file event by event (nlohmann::json's SAX interface): no tree of the whole
// document is built, only the rows. Problems are kept in the order the tree-reading version
// reported them: a syntax error anywhere first, then the header, then the first bad row,
// then an unknown collection.
class ExchangeSax
{
public:
    using number_integer_t = json::number_integer_t;
    using number_unsigned_t = json::number_unsigned_t;
    using number_float_t = json::number_float_t;
    using string_t = json::string_t;
    using binary_t = json::binary_t;

    // With a handler that streams, the rows go to it as they are read (see readExchange()
    // with a device); otherwise they are kept for document().
    explicit ExchangeSax(const std::vector<KnownCollection> &known, ExchangeHandler *streamTo = nullptr)
        : m_known(known), m_handler(streamTo)
    {
        m_slots.resize(known.size());
        for (size_t i = 0; i < known.size(); ++i) {
            m_byName.insert(known[i].name, i);
            QHash<QString, int> index;
            for (int f = 0; f < known[i].fields.size(); ++f)
                index.insert(known[i].fields.at(f), f);
            m_fieldIndex.push_back(std::move(index));
        }
    }

    bool null() { return value(QVariant(), Scalar::Null); }
    bool boolean(bool v) { return value(QVariant(qint64(v ? 1 : 0)), Scalar::Other); }
    bool number_integer(number_integer_t v) { return value(QVariant(qint64(v)), Scalar::Integer); }
    bool number_unsigned(number_unsigned_t v) { return value(QVariant(qint64(v)), Scalar::Integer); }
    bool number_float(number_float_t v, const string_t &) { return value(QVariant(double(v)), Scalar::Other); }
    bool string(string_t &v) { return value(QVariant(q(v)), Scalar::Text); }
    bool binary(binary_t &) { return value(QVariant(), Scalar::Other); }

    bool start_object(std::size_t)
    {
        const Frame parent = m_frames.empty() ? Frame::None : m_frames.back();
        switch (parent) {
        case Frame::None:
            m_frames.push_back(Frame::Top);
            m_isObject = true;
            return true;
        case Frame::Top:
            if (m_topKey == "collections") {
                m_collectionsSeen = true;
                m_collectionsIsObject = true;
                m_frames.push_back(Frame::Collections);
                if (m_handler) {
                    // Every header field must have come first: otherwise (or when one is
                    // wrong) the file is read whole, as a hand-made file may need.
                    ExchangeDocument h;
                    try {
                        h = header();
                    } catch (const ExchangeFormatError &) {
                        throw ExchangeNeedsBuffering{};
                    }
                    m_handler->header(h);
                    m_streaming = true;
                }
            } else {
                noteHeaderValue(Scalar::Other);
                m_frames.push_back(Frame::Skip);
            }
            return true;
        case Frame::Collections:
            notCollectionArray();
            m_frames.push_back(Frame::Skip);
            return true;
        case Frame::Collection:
            if (m_current && !m_rowError) {
                m_row = QVariantList(m_known[*m_current].fields.size());
                m_frames.push_back(Frame::Row);
            } else {
                m_frames.push_back(Frame::Skip);
            }
            ++m_rowCount;
            return true;
        case Frame::Row:
            badFieldValue();
            m_frames.push_back(Frame::Skip);
            return true;
        case Frame::Skip:
            m_frames.push_back(Frame::Skip);
            return true;
        }
        return true;
    }

    bool start_array(std::size_t)
    {
        const Frame parent = m_frames.empty() ? Frame::None : m_frames.back();
        switch (parent) {
        case Frame::None:
            m_frames.push_back(Frame::Skip); // not an object: said at the end
            return true;
        case Frame::Top:
            if (m_topKey == "collections") {
                m_collectionsSeen = true;
                m_collectionsIsObject = false;
            } else {
                noteHeaderValue(Scalar::Other);
            }
            m_frames.push_back(Frame::Skip);
            return true;
        case Frame::Collections:
            if (m_current) {
                m_slots[*m_current].present = true;
                m_slots[*m_current].rows.clear(); // a name given twice: the last one counts
                m_rowCount = 0;
                m_frames.push_back(Frame::Collection);
                if (m_streaming && !m_rowError)
                    m_handler->collection(m_known[*m_current]);
            } else {
                m_frames.push_back(Frame::Skip);
            }
            return true;
        case Frame::Collection:
            notAnObject();
            m_frames.push_back(Frame::Skip);
            return true;
        case Frame::Row:
            badFieldValue();
            m_frames.push_back(Frame::Skip);
            return true;
        case Frame::Skip:
            m_frames.push_back(Frame::Skip);
            return true;
        }
        return true;
    }

    bool key(string_t &k)
    {
        switch (m_frames.back()) {
        case Frame::Top:
            m_topKey = k;
            if (m_streaming && m_topKey != "collections" && m_header.count(m_topKey) == 0 && isHeaderKey(m_topKey))
                throw ExchangeNeedsBuffering{}; // a header field after the rows: read the file whole
            if (m_streaming && m_topKey == "collections")
                throw ExchangeNeedsBuffering{}; // given twice: the last one counts
            return true;
        case Frame::Collections: {
            const QString name = q(k);
            const auto it = m_byName.constFind(name);
            if (it == m_byName.constEnd()) {
                if (m_unknownCollection.isEmpty())
                    m_unknownCollection = QStringLiteral("unknown collection \"%1\"").arg(name);
                m_current.reset();
            } else {
                m_current = *it;
                // Rows are taken in dependency order (`known`'s): a file in another order,
                // or with a collection twice, is read whole and put in order.
                if (m_streaming && int(*it) <= m_lastStreamed)
                    throw ExchangeNeedsBuffering{};
                m_lastStreamed = int(*it);
            }
            return true;
        }
        case Frame::Row: {
            m_field = q(k);
            const auto &index = m_fieldIndex[*m_current];
            const auto at = index.constFind(m_field);
            if (at == index.constEnd()) {
                const KnownCollection &c = m_known[*m_current];
                rowError(QStringLiteral("%1[%2]: unknown field \"%3\" (known: %4)")
                             .arg(c.name).arg(m_rowCount - 1).arg(m_field, c.fields.join(QStringLiteral(", "))));
                m_fieldAt = -1;
            } else {
                m_fieldAt = *at;
            }
            return true;
        }
        default:
            return true;
        }
    }

    bool end_object()
    {
        const Frame frame = m_frames.back();
        m_frames.pop_back();
        if (frame == Frame::Row && !m_rowError) {
            if (m_streaming)
                m_handler->row(m_row);
            else
                m_slots[*m_current].rows.push_back(std::move(m_row));
        }
        if (frame == Frame::Collections)
            m_current.reset();
        return true;
    }

    bool end_array()
    {
        m_frames.pop_back();
        return true;
    }

    bool parse_error(std::size_t, const std::string &, const nlohmann::detail::exception &e)
    {
        if (const auto *p = dynamic_cast<const json::parse_error *>(&e))
            throw ExchangeFormatError{QStringLiteral("not valid JSON at byte %1: %2").arg(p->byte).arg(q(e.what()))};
        throw ExchangeFormatError{QStringLiteral("not valid JSON: %1").arg(q(e.what()))}; // a number too large for a double
    }

    // The header's fields, checked: the first problem throws.
    ExchangeDocument header() const
    {
        if (!m_isObject)
            throw ExchangeFormatError{QStringLiteral("the file is not a JSON object")};
        auto text = [&](const char *key, bool required) -> QString {
            const auto it = m_header.find(key);
            if (it == m_header.end()) {
                if (required)
                    throw ExchangeFormatError{QStringLiteral("\"%1\" is missing").arg(QLatin1String(key))};
                return {};
            }
            if (it->second.kind != Scalar::Text)
                throw ExchangeFormatError{QStringLiteral("\"%1\" must be text").arg(QLatin1String(key))};
            return it->second.value.toString();
        };
        if (text("format", true) != QLatin1String("keystone-exchange"))
            throw ExchangeFormatError{QStringLiteral("\"format\" must be \"keystone-exchange\": this is not a Keystone exchange file")};
        const auto version = m_header.find("version");
        if (version == m_header.end() || version->second.kind != Scalar::Integer)
            throw ExchangeFormatError{QStringLiteral("\"version\" must be a whole number")};
        ExchangeDocument doc;
        doc.version = int(version->second.value.toLongLong());
        if (doc.version < 1 || doc.version > kExchangeVersion)
            throw ExchangeFormatError{QStringLiteral("version %1 is not one this Keystone reads (1 to %2); a newer Keystone wrote it")
                                          .arg(doc.version).arg(kExchangeVersion)};
        doc.exportedAt = text("exported_at", true);
        doc.portfolioUuid = text("portfolio", true);
        doc.currency = text("currency", true);
        doc.scope = text("scope", false);
        doc.application = text("application", false);
        if (doc.scope.isEmpty())
            doc.scope = QStringLiteral("portfolio");
        if (doc.scope != QLatin1String("portfolio") && doc.scope != QLatin1String("accounts"))
            throw ExchangeFormatError{QStringLiteral("\"scope\" must be \"portfolio\" or \"accounts\", not \"%1\"").arg(doc.scope)};
        return doc;
    }

    // The rest of the file's problems, in the order the header's come before them.
    void checkBody() const
    {
        if (!m_collectionsSeen || !m_collectionsIsObject)
            throw ExchangeFormatError{QStringLiteral("\"collections\" must be an object of arrays")};
        if (m_rowError)
            throw ExchangeFormatError{*m_rowError};
        if (!m_unknownCollection.isEmpty())
            throw ExchangeFormatError{m_unknownCollection};
    }

    ExchangeDocument document()
    {
        ExchangeDocument doc = header();
        checkBody();
        // In the order `known` gives (dependency order), whatever order the file has.
        for (size_t i = 0; i < m_known.size(); ++i) {
            if (!m_slots[i].present)
                continue;
            ExchangeCollection c;
            c.name = m_known[i].name;
            c.fields = m_known[i].fields;
            c.rows = std::move(m_slots[i].rows);
            doc.collections.push_back(std::move(c));
        }
        return doc;
    }

    // After the whole file: when it streamed, what is still to say about it; otherwise the
    // document, checked, handed over collection by collection.
    void finish(ExchangeHandler &handler)
    {
        if (m_streaming) {
            checkBody();
            return;
        }
        const ExchangeDocument doc = document();
        ExchangeDocument h = doc;
        h.collections.clear();
        handler.header(h);
        for (const ExchangeCollection &c : doc.collections) {
            handler.collection({c.name, c.fields});
            for (const QVariantList &row : c.rows)
                handler.row(row);
        }
    }

private:
    enum class Frame { None, Top, Collections, Collection, Row, Skip };
    enum class Scalar { Null, Integer, Text, Other };
    struct HeaderValue {
        Scalar kind;
        QVariant value;
    };
    struct Slot {
        bool present = false;
        std::vector<QVariantList> rows;
    };

    bool value(QVariant v, Scalar kind)
    {
        const Frame parent = m_frames.empty() ? Frame::None : m_frames.back();
        switch (parent) {
        case Frame::Top:
            if (m_topKey == "collections") {
                m_collectionsSeen = true; // and not an object
                m_collectionsIsObject = false;
            } else
                m_header[m_topKey] = {kind, std::move(v)};
            return true;
        case Frame::Collections:
            notCollectionArray();
            return true;
        case Frame::Collection:
            notAnObject();
            ++m_rowCount;
            return true;
        case Frame::Row:
            if (m_fieldAt >= 0 && !m_rowError)
                m_row[m_fieldAt] = std::move(v);
            return true;
        default:
            return true;
        }
    }

    void noteHeaderValue(Scalar kind) { m_header[m_topKey] = {kind, QVariant()}; }

    static bool isHeaderKey(const std::string &k)
    {
        return k == "format" || k == "version" || k == "exported_at" || k == "portfolio" || k == "currency" || k == "scope" || k == "application";
    }

    void rowError(const QString &message)
    {
        if (!m_rowError)
            m_rowError = message;
        for (Slot &s : m_slots) // nothing of the file is used now: give the memory back
            std::vector<QVariantList>().swap(s.rows);
    }

    void notCollectionArray()
    {
        if (m_current)
            rowError(QStringLiteral("\"%1\" must be an array").arg(m_known[*m_current].name));
    }

    void notAnObject()
    {
        if (m_current)
            rowError(QStringLiteral("%1[%2] must be an object").arg(m_known[*m_current].name).arg(m_rowCount));
    }

    void badFieldValue()
    {
        if (m_current && m_fieldAt >= 0)
            rowError(QStringLiteral("%1[%2].%3: must be text, a number, true/false or null").arg(m_known[*m_current].name).arg(m_rowCount - 1).arg(m_field));
    }

    const std::vector<KnownCollection> &m_known;
    ExchangeHandler *m_handler = nullptr;
    bool m_streaming = false;
    int m_lastStreamed = -1; // the last collection streamed, as an index of m_known
    QHash<QString, size_t> m_byName;
    std::vector<QHash<QString, int>> m_fieldIndex;
    std::vector<Slot> m_slots;
    std::vector<Frame> m_frames;
    std::map<std::string, HeaderValue> m_header;
    std::string m_topKey;
    std::optional<size_t> m_current; // the collection being read, when known
    int m_rowCount = 0;              // rows seen in it
    QVariantList m_row;
    QString m_field;
    int m_fieldAt = -1;
    bool m_isObject = false;
    bool m_collectionsSeen = false;
    bool m_collectionsIsObject = false;
    std::optional<QString> m_rowError;
    QString m_unknownCollection;
};

} // namespace

namespace {

// A device as the parser's character source, 64 KB at a time. A device that fails to read
// stops the parse with its reason (not "unexpected end of input").
class DeviceBuffer : public std::streambuf
{
public:
    explicit DeviceBuffer(QIODevice &device) : m_device(device) {}

protected:
    int_type underflow() override
    {
        const qint64 n = m_device.read(m_buffer.data(), qint64(m_buffer.size()));
        if (n < 0)
            throw ExchangeFormatError{QStringLiteral("cannot be read: %1").arg(m_device.errorString())};
        if (n == 0)
            return traits_type::eof();
        setg(m_buffer.data(), m_buffer.data(), m_buffer.data() + n);
        return traits_type::to_int_type(m_buffer[0]);
    }

private:
    QIODevice &m_device;
    std::array<char, 64 * 1024> m_buffer{};
};

} // namespace

void readExchange(QIODevice &in, const std::vector<KnownCollection> &known, ExchangeHandler &handler, ExchangeReading reading)
{
    ExchangeSax reader(known, reading == ExchangeReading::Streamed ? &handler : nullptr);
    DeviceBuffer buffer(in);
    std::istream stream(&buffer);
    json::sax_parse(stream, &reader);
    reader.finish(handler);
}

ExchangeDocument readExchange(const QByteArray &bytes, const std::vector<KnownCollection> &known)
{
    ExchangeSax reader(known);
    json::sax_parse(bytes.constData(), bytes.constData() + bytes.size(), &reader);
    return reader.document();
}

} // namespace keystone::io
