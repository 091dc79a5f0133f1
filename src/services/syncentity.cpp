// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "syncentity.h"

#include "exchangechecks.h"

#include "keystone/services/clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <cmath>

namespace keystone::services::syncentity {

using storage::ExchangeTable;
using storage::ExchangeValues;


bool isPrivateRow(const ExchangeTable &t, const QJsonObject &data)
{
    return t.table == QLatin1String("settings") && privateSetting(data.value(QStringLiteral("key")).toString());
}

QJsonValue toJson(const QVariant &v)
{
    if (v.isNull() || !v.isValid())
        return QJsonValue::Null;
    switch (v.metaType().id()) {
    case QMetaType::LongLong:
    case QMetaType::Int:
        return QJsonValue(v.toLongLong());
    case QMetaType::Double:
        return QJsonValue(v.toDouble());
    default:
        return QJsonValue(v.toString());
    }
}

QJsonObject toObject(const ExchangeTable &t, const ExchangeValues &values)
{
    QJsonObject o;
    for (size_t i = 0; i < t.columns.size(); ++i)
        o.insert(t.columns[i].json, toJson(values.value(int(i))));
    return o;
}

// JSON values back to what the column stores: whole numbers for INTEGER columns, numbers for
// REAL, text for the rest (references are uuids, as text).
ExchangeValues toValues(const ExchangeTable &t, const QJsonObject &o, const QHash<QString, QString> &types)
{
    ExchangeValues values;
    values.reserve(int(t.columns.size()));
    for (const storage::ExchangeColumn &c : t.columns) {
        const QJsonValue v = o.value(c.json);
        if (v.isNull() || v.isUndefined()) {
            values.push_back(QVariant());
            continue;
        }
        const QString type = types.value(c.name);
        if (v.isDouble()) {
            const double d = v.toDouble();
            if (type.startsWith(QLatin1String("INT")) || (type.isEmpty() && d == std::floor(d) && std::fabs(d) < 9.0e15))
                values.push_back(QVariant(qint64(std::llround(d))));
            else
                values.push_back(QVariant(d));
        } else if (v.isBool()) {
            values.push_back(QVariant(qint64(v.toBool() ? 1 : 0)));
        } else {
            values.push_back(QVariant(v.toString()));
        }
    }
    return values;
}

QString jsonText(const QJsonValue &v)
{
    if (v.isUndefined())
        return {};
    QJsonArray a{v};
    const QByteArray text = QJsonDocument(a).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

QString isoNow()
{
    return now().toString(Qt::ISODateWithMs);
}

// Whether an account's change (its fields before and after, exchange names) can move its
// health score: the tier and the phase choose the scorecard, and the tier comes from the
// ARR, the rating and the override; the phase from the lifecycle and the dates. Fields
// that no score reads (the name, notes, industry, owner, ...) do not.
bool changesHealth(const QJsonObject &before, const QJsonObject &after)
{
    static const QSet<QString> unread{QStringLiteral("name"),          QStringLiteral("notes"),          QStringLiteral("industry"),
                                      QStringLiteral("region"),        QStringLiteral("owner"),          QStringLiteral("referenceable"),
                                      QStringLiteral("account_type"),  QStringLiteral("employees"),      QStringLiteral("company_revenue_cents"),
                                      QStringLiteral("tier_override_reason"), QStringLiteral("updated_at"), QStringLiteral("source_id"),
                                      QStringLiteral("no_known_risks_on")};
    QSet<QString> keys;
    for (auto it = before.begin(); it != before.end(); ++it)
        keys.insert(it.key());
    for (auto it = after.begin(); it != after.end(); ++it)
        keys.insert(it.key());
    for (const QString &k : std::as_const(keys))
        if (!unread.contains(k) && before.value(k) != after.value(k))
            return true;
    return false;
}

} // namespace keystone::services::syncentity
