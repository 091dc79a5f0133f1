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

namespace {

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

int digits(QStringView s, qsizetype at, qsizetype n)
{
    int v = 0;
    for (qsizetype i = at; i < at + n; ++i)
        v = v * 10 + (s[i].unicode() - '0');
    return v;
}

bool digitsAt(QStringView s, std::initializer_list<qsizetype> places)
{
    for (qsizetype i : places)
        if (!isDigit(s[i]))
            return false;
    return true;
}

// The forms Keystone itself writes, checked by hand: what passes here is what Qt's parsers
// accept too. Anything else goes to Qt's parsers, which decide (and take longer).
bool isCanonicalUuid(QStringView s)
{
    if (s.size() != 36)
        return false;
    bool zero = true;
    for (qsizetype i = 0; i < 36; ++i) {
        const char16_t c = s[i].unicode();
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != u'-')
                return false;
            continue;
        }
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F')))
            return false;
        zero = zero && c == u'0';
    }
    return !zero; // the nil uuid is Qt's null uuid: refused, by the slow path
}

// YYYY-MM-DD: its year, month and day, or year 0 when the text is not in that form.
QDate canonicalDate(QStringView s)
{
    if (s.size() < 10 || s[4] != u'-' || s[7] != u'-' || !digitsAt(s, {0, 1, 2, 3, 5, 6, 8, 9}))
        return {};
    return QDate(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2));
}

// YYYY-MM-DDTHH:MM:SS.sssZ with every field in range.
bool isCanonicalTimestamp(QStringView s)
{
    if (s.size() != 24 || s[10] != u'T' || s[13] != u':' || s[16] != u':' || s[19] != u'.' || s[23] != u'Z' ||
        !digitsAt(s, {11, 12, 14, 15, 17, 18, 20, 21, 22}))
        return false;
    const QDate d = canonicalDate(s);
    return d.isValid() && d.year() >= 1900 && d.year() <= 2200 && digits(s, 11, 2) < 24 && digits(s, 14, 2) < 60 && digits(s, 17, 2) < 60;
}

} // namespace

ExchangeValueChecks::ExchangeValueChecks(const storage::ExchangeTable &t, const QHash<QString, QString> &types, const QString &currency)
    : m_table(&t), m_currency(currency)
{
    static const QSet<QString> timestamps{QStringLiteral("created_at"), QStringLiteral("updated_at"), QStringLiteral("taken_at"), QStringLiteral("at")};
    static const QSet<QString> flags{QStringLiteral("at_risk"), QStringLiteral("referenceable"), QStringLiteral("capped"), QStringLiteral("advisory_board"),
                                     QStringLiteral("shared")};
    for (const storage::ExchangeColumn &c : t.columns) {
        const QString type = types.value(c.name);
        Kind kind = Kind::Text;
        if (c.isRef() || c.name == QLatin1String("uuid"))
            kind = Kind::Uuid;
        else if (type.startsWith(QLatin1String("INT")))
            kind = c.name.endsWith(QLatin1String("_cents")) ? Kind::Cents : flags.contains(c.name) ? Kind::Flag : Kind::Integer;
        else if (type == QLatin1String("REAL"))
            kind = Kind::Real;
        else if (dateColumns().contains(c.name))
            kind = Kind::Date;
        else if (timestamps.contains(c.name))
            kind = Kind::Timestamp;
        else if (c.name == QLatin1String("name"))
            kind = Kind::Name;
        else if (c.name == QLatin1String("currency"))
            kind = Kind::Currency;
        m_kinds.push_back(kind);
    }
}

// The checks every incoming value of an exchange file passes before anything is written: the
// type its column declares, amounts within kMaxAmountCents, real dates and UTC timestamps,
// flags of 0 or 1, uuids that are uuids, names within the forms' limit, no NUL characters,
// and amounts in the file's currency. Returns "field: problem" for each value refused.
QStringList ExchangeValueChecks::problems(const storage::ExchangeValues &row) const
{
    QStringList problems;
    if (!m_table)
        return problems;
    for (size_t i = 0; i < m_kinds.size(); ++i) {
        const storage::ExchangeColumn &c = m_table->columns[i];
        const Kind kind = m_kinds[i];
        if (qsizetype(i) >= row.size() || row[qsizetype(i)].isNull())
            continue; // NOT NULL is the schema's to refuse
        const QVariant &v = row[qsizetype(i)];
        const bool isText = v.typeId() == QMetaType::QString;
        const bool isInteger = v.typeId() == QMetaType::LongLong;
        const bool isNumber = isInteger || v.typeId() == QMetaType::Double;
        auto bad = [&](const QString &why) { problems << QStringLiteral("\"%1\": %2").arg(c.json, why); };
        if (kind == Kind::Uuid) {
            if (isText && isCanonicalUuid(*static_cast<const QString *>(v.constData())))
                continue;
            const QString s = v.toString();
            if (!isText || s.size() != 36 || QUuid::fromString(s).isNull())
                bad(QStringLiteral("'%1' is not a uuid").arg(v.toString().left(60)));
            continue;
        }
        if (kind == Kind::Integer || kind == Kind::Cents || kind == Kind::Flag) {
            if (!isInteger) {
                bad(isText ? QStringLiteral("must be a whole number, not text") : QStringLiteral("must be a whole number, not %1").arg(v.toDouble()));
                continue;
            }
            const qint64 n = v.toLongLong();
            if (kind == Kind::Cents && (n > domain::kMaxAmountCents || n < -domain::kMaxAmountCents))
                bad(QStringLiteral("%1 is larger than Keystone stores (%2 in minor units at most)").arg(n).arg(domain::kMaxAmountCents));
            else if (kind == Kind::Flag && n != 0 && n != 1)
                bad(QStringLiteral("must be 0 or 1, not %1").arg(n));
            continue;
        }
        if (kind == Kind::Real) {
            if (!isNumber || !std::isfinite(v.toDouble()))
                bad(QStringLiteral("must be a number"));
            continue;
        }
        if (!isText) {
            bad(QStringLiteral("must be text, not a number"));
            continue;
        }
        const QString &s = *static_cast<const QString *>(v.constData());
        if (s.contains(QChar(0))) {
            bad(QStringLiteral("holds a NUL character"));
        } else if (kind == Kind::Date) {
            QDate d = s.size() == 10 ? canonicalDate(s) : QDate();
            if (!d.isValid())
                d = QDate::fromString(s, Qt::ISODate);
            if (s.size() != 10 || !d.isValid() || d.year() < 1900 || d.year() > 2200)
                bad(QStringLiteral("'%1' is not a date between 1900-01-01 and 2200-12-31 (YYYY-MM-DD)").arg(s.left(40)));
        } else if (kind == Kind::Timestamp) {
            if (isCanonicalTimestamp(s))
                continue;
            const QDateTime ts = QDateTime::fromString(s, Qt::ISODateWithMs);
            if (!s.endsWith(QLatin1Char('Z')) || !ts.isValid() || ts.date().year() < 1900 || ts.date().year() > 2200)
                bad(QStringLiteral("'%1' is not a UTC timestamp (YYYY-MM-DDTHH:MM:SS.sssZ)").arg(s.left(40)));
        } else if (kind == Kind::Name && s.size() > 200 && s.trimmed().toUcs4().size() > 200) { // characters, not UTF-16 units
            bad(QStringLiteral("is longer than 200 characters"));
        } else if (kind == Kind::Currency && !m_currency.isEmpty() && s != m_currency) {
            bad(QStringLiteral("%1 differs from the file's currency %2").arg(s, m_currency));
        }
    }
    return problems;
}

QStringList invalidExchangeValues(const storage::ExchangeTable &t, const storage::ExchangeValues &row, const QHash<QString, QString> &types, const QString &currency)
{
    return ExchangeValueChecks(t, types, currency).problems(row);
}

} // namespace keystone::services
