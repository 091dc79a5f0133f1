// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "exchangechecks.h"

#include "keystone/domain/money.h"

#include <QDate>
#include <QDateTime>
#include <QSet>
#include <QUuid>

#include <cmath>

namespace keystone::services {

namespace {

const QSet<QString> &dateColumns()
{
    static const QSet<QString> columns{QStringLiteral("date"), QStringLiteral("renewal_date"), QStringLiteral("customer_since"),
                                       QStringLiteral("close_date"), QStringLiteral("departed_on"), QStringLiteral("done_on"),
                                       QStringLiteral("due"), QStringLiteral("first_value_on"), QStringLiteral("opened_on"),
                                       QStringLiteral("sentiment_date"), QStringLiteral("starts_on"), QStringLiteral("until"),
                                       QStringLiteral("no_known_risks_on"), QStringLiteral("health_date"), QStringLiteral("last_interaction")};
    return columns;
}

} // namespace

bool privateSetting(const QString &key)
{
    return key == QLatin1String("portfolio.uuid") || key == QLatin1String("portfolio.currency_chosen") || key == QLatin1String("app.last_written_by") ||
           key.startsWith(QLatin1String("exchange."));
}

// The checks every incoming value of an exchange file passes before anything is written: the
// type its column declares, amounts within kMaxAmountCents, real dates and UTC timestamps,
// flags of 0 or 1, uuids that are uuids, names within the forms' limit, no NUL characters,
// and amounts in the file's currency. Returns "field: problem" for each value refused.
QStringList invalidExchangeValues(const storage::ExchangeTable &t, const storage::ExchangeValues &row, const QHash<QString, QString> &types, const QString &currency)
{
    static const QSet<QString> timestamps{QStringLiteral("created_at"), QStringLiteral("updated_at"), QStringLiteral("taken_at"), QStringLiteral("at")};
    static const QSet<QString> flags{QStringLiteral("at_risk"), QStringLiteral("referenceable"), QStringLiteral("capped"), QStringLiteral("advisory_board"),
                                     QStringLiteral("shared")};
    QStringList problems;
    for (size_t i = 0; i < t.columns.size(); ++i) {
        const storage::ExchangeColumn &c = t.columns[i];
        const QVariant v = row.value(int(i));
        if (v.isNull())
            continue; // NOT NULL is the schema's to refuse
        const bool isText = v.typeId() == QMetaType::QString;
        const bool isInteger = v.typeId() == QMetaType::LongLong;
        const bool isNumber = isInteger || v.typeId() == QMetaType::Double;
        auto bad = [&](const QString &why) { problems << QStringLiteral("\"%1\": %2").arg(c.json, why); };
        if (c.isRef() || c.name == QLatin1String("uuid")) {
            const QString s = v.toString();
            if (!isText || s.size() != 36 || QUuid::fromString(s).isNull())
                bad(QStringLiteral("'%1' is not a uuid").arg(v.toString().left(60)));
            continue;
        }
        const QString type = types.value(c.name);
        if (type.startsWith(QLatin1String("INT"))) {
            if (!isInteger) {
                bad(isText ? QStringLiteral("must be a whole number, not text") : QStringLiteral("must be a whole number, not %1").arg(v.toDouble()));
                continue;
            }
            const qint64 n = v.toLongLong();
            if (c.name.endsWith(QLatin1String("_cents")) && (n > domain::kMaxAmountCents || n < -domain::kMaxAmountCents))
                bad(QStringLiteral("%1 is larger than Keystone stores (%2 in minor units at most)").arg(n).arg(domain::kMaxAmountCents));
            else if (flags.contains(c.name) && n != 0 && n != 1)
                bad(QStringLiteral("must be 0 or 1, not %1").arg(n));
            continue;
        }
        if (type == QLatin1String("REAL")) {
            if (!isNumber || !std::isfinite(v.toDouble()))
                bad(QStringLiteral("must be a number"));
            continue;
        }
        if (!isText) {
            bad(QStringLiteral("must be text, not a number"));
            continue;
        }
        const QString s = v.toString();
        if (s.contains(QChar(0)))
            bad(QStringLiteral("holds a NUL character"));
        else if (dateColumns().contains(c.name)) {
            const QDate d = QDate::fromString(s, Qt::ISODate);
            if (s.size() != 10 || !d.isValid() || d.year() < 1900 || d.year() > 2200)
                bad(QStringLiteral("'%1' is not a date between 1900-01-01 and 2200-12-31 (YYYY-MM-DD)").arg(s.left(40)));
        } else if (timestamps.contains(c.name)) {
            const QDateTime ts = QDateTime::fromString(s, Qt::ISODateWithMs);
            if (!s.endsWith(QLatin1Char('Z')) || !ts.isValid() || ts.date().year() < 1900 || ts.date().year() > 2200)
                bad(QStringLiteral("'%1' is not a UTC timestamp (YYYY-MM-DDTHH:MM:SS.sssZ)").arg(s.left(40)));
        } else if (c.name == QLatin1String("name") && s.trimmed().toUcs4().size() > 200) { // characters, not UTF-16 units
            bad(QStringLiteral("is longer than 200 characters"));
        } else if (c.name == QLatin1String("currency") && !currency.isEmpty() && s != currency) {
            bad(QStringLiteral("%1 differs from the file's currency %2").arg(s, currency));
        }
    }
    return problems;
}

} // namespace keystone::services
