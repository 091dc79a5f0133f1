// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/io/exchangejson.h"

#include <QHash>

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

json toJson(const QVariant &v)
{
    if (v.isNull() || !v.isValid())
        return nullptr;
    switch (v.metaType().id()) {
    case QMetaType::LongLong:
    case QMetaType::Int:
    case QMetaType::ULongLong:
    case QMetaType::UInt:
        return v.toLongLong();
    case QMetaType::Double:
    case QMetaType::Float:
        return v.toDouble();
    case QMetaType::Bool:
        return v.toBool() ? 1 : 0;
    default:
        return v.toString().toStdString();
    }
}

} // namespace

QByteArray writeExchange(const ExchangeDocument &doc)
{
    // Written by hand around the rows: one entity per line keeps a 10,000-account file
    // diffable and avoids holding a second copy of it as a json tree.
    std::string out;
    out.reserve(1 << 20);
    const json header{{"format", "keystone-exchange"},
                      {"version", doc.version},
                      {"application", doc.application.toStdString()},
                      {"exported_at", doc.exportedAt.toStdString()},
                      {"portfolio", doc.portfolioUuid.toStdString()},
                      {"currency", doc.currency.toStdString()},
                      {"scope", doc.scope.toStdString()}};
    out += "{\n";
    for (auto it = header.begin(); it != header.end(); ++it)
        out += "  " + json(it.key()).dump() + ": " + it.value().dump() + ",\n";
    out += "  \"collections\": {";
    bool firstCollection = true;
    for (const ExchangeCollection &c : doc.collections) {
        out += firstCollection ? "\n" : ",\n";
        firstCollection = false;
        out += "    " + json(c.name.toStdString()).dump() + ": [";
        bool firstRow = true;
        std::vector<std::string> keys;
        for (const QString &f : c.fields)
            keys.push_back(json(f.toStdString()).dump());
        for (const QVariantList &row : c.rows) {
            out += firstRow ? "\n      {" : ",\n      {";
            firstRow = false;
            for (int i = 0; i < c.fields.size(); ++i) {
                if (i)
                    out += ", ";
                out += keys[size_t(i)];
                out += ": ";
                out += toJson(row.value(i)).dump(-1, ' ', false, json::error_handler_t::replace);
            }
            out += "}";
        }
        out += firstRow ? "]" : "\n    ]";
    }
    out += "\n  }\n}\n";
    return QByteArray::fromStdString(out);
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
