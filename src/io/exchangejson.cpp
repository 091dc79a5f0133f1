// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/io/exchangejson.h"

#include <QBuffer>
#include <QHash>

#include <charconv>

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
    for (const char ch : u) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                static const char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 0xf];
            } else {
                out += ch;
            }
        }
    }
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

ExchangeDocument readExchange(const QByteArray &bytes, const std::vector<KnownCollection> &known)
{
    json j;
    try {
        j = json::parse(bytes.constData(), bytes.constData() + bytes.size());
    } catch (const json::parse_error &e) {
        throw ExchangeFormatError{QStringLiteral("not valid JSON at byte %1: %2").arg(e.byte).arg(q(e.what()))};
    } catch (const json::exception &e) { // a number too large for a double, among others
        throw ExchangeFormatError{QStringLiteral("not valid JSON: %1").arg(q(e.what()))};
    }
    if (!j.is_object())
        throw ExchangeFormatError{QStringLiteral("the file is not a JSON object")};
    auto text = [&](const char *key, bool required) -> QString {
        const auto it = j.find(key);
        if (it == j.end()) {
            if (required)
                throw ExchangeFormatError{QStringLiteral("\"%1\" is missing").arg(QLatin1String(key))};
            return {};
        }
        if (!it->is_string())
            throw ExchangeFormatError{QStringLiteral("\"%1\" must be text").arg(QLatin1String(key))};
        return q(it->get<std::string>());
    };
    if (text("format", true) != QLatin1String("keystone-exchange"))
        throw ExchangeFormatError{QStringLiteral("\"format\" must be \"keystone-exchange\": this is not a Keystone exchange file")};
    const auto version = j.find("version");
    if (version == j.end() || !version->is_number_integer())
        throw ExchangeFormatError{QStringLiteral("\"version\" must be a whole number")};
    ExchangeDocument doc;
    doc.version = version->get<int>();
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
    const auto cols = j.find("collections");
    if (cols == j.end() || !cols->is_object())
        throw ExchangeFormatError{QStringLiteral("\"collections\" must be an object of arrays")};
    QHash<QString, const KnownCollection *> byName;
    for (const KnownCollection &k : known)
        byName.insert(k.name, &k);
    // In the order `known` gives (dependency order), whatever order the file has.
    for (const KnownCollection &k : known) {
        const auto it = cols->find(k.name.toStdString());
        if (it == cols->end())
            continue;
        if (!it->is_array())
            throw ExchangeFormatError{QStringLiteral("\"%1\" must be an array").arg(k.name)};
        ExchangeCollection c;
        c.name = k.name;
        c.fields = k.fields;
        QHash<QString, int> index;
        for (int i = 0; i < k.fields.size(); ++i)
            index.insert(k.fields.at(i), i);
        c.rows.reserve(it->size());
        int n = 0;
        for (const json &row : *it) {
            if (!row.is_object())
                throw ExchangeFormatError{QStringLiteral("%1[%2] must be an object").arg(k.name).arg(n)};
            QVariantList values(k.fields.size());
            for (auto f = row.begin(); f != row.end(); ++f) {
                const QString field = q(f.key());
                const auto at = index.constFind(field);
                if (at == index.constEnd())
                    throw ExchangeFormatError{QStringLiteral("%1[%2]: unknown field \"%3\" (known: %4)")
                                                  .arg(k.name).arg(n).arg(field, k.fields.join(QStringLiteral(", ")))};
                const json &v = f.value();
                if (v.is_null())
                    values[*at] = QVariant();
                else if (v.is_boolean())
                    values[*at] = QVariant(qint64(v.get<bool>() ? 1 : 0));
                else if (v.is_number_integer())
                    values[*at] = QVariant(v.get<qint64>());
                else if (v.is_number_float())
                    values[*at] = QVariant(v.get<double>());
                else if (v.is_string())
                    values[*at] = QVariant(q(v.get<std::string>()));
                else
                    throw ExchangeFormatError{QStringLiteral("%1[%2].%3: must be text, a number, true/false or null")
                                                  .arg(k.name).arg(n).arg(field)};
            }
            c.rows.push_back(std::move(values));
            ++n;
        }
        doc.collections.push_back(std::move(c));
    }
    for (auto it = cols->begin(); it != cols->end(); ++it)
        if (!byName.contains(q(it.key())))
            throw ExchangeFormatError{QStringLiteral("unknown collection \"%1\"").arg(q(it.key()))};
    return doc;
}

} // namespace keystone::io
