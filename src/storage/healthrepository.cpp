// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/storage/healthrepository.h"

#include "keystone/storage/database.h"
#include "rawstatement.h"
#include "sqlvalues.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace keystone::storage {

using domain::HealthInputs;
using domain::Measure;
using domain::Scorecard;

namespace {

#define SCORE_COLUMNS                                                                                                           \
    "account_id, date, score, band, confidence, c_usage, c_adoption, c_support, c_sentiment, c_engagement, c_relationship, c_payment, " \
    "capped"

constexpr const char *kInputColumns = "date, licensed_seats, active_users, features_used, features_offered, sev1, sev2, sev3, nps, "
                                      "csat, sentiment_date, days_late, manual";

// Columns from `first` on, in kInputColumns order.
HealthInputs inputsFrom(const RawStatement &st, int first)
{
    HealthInputs in;
    in.date = st.date(first);
    in.licensedSeats = st.optInt(first + 1);
    in.activeUsers = st.optInt(first + 2);
    in.featuresUsed = st.optInt(first + 3);
    in.featuresOffered = st.optInt(first + 4);
    in.sev1 = st.optInt(first + 5);
    in.sev2 = st.optInt(first + 6);
    in.sev3 = st.optInt(first + 7);
    in.nps = st.optInt(first + 8);
    in.csat = st.optReal(first + 9);
    in.sentimentDate = st.date(first + 10);
    in.daysLate = st.optReal(first + 11);
    const QString manual = st.text(first + 12);
    for (const QStringView key : QStringView(manual).split(u','))
        if (const auto m = domain::parseMeasure(key.toString()))
            in.manual[size_t(*m)] = true;
    return in;
}

void bindOpt(RawStatement &st, int p, const std::optional<int> &v)
{
    if (v)
        st.bind(p, qint64(*v));
    else
        st.bindNull(p);
}

void bindInputs(RawStatement &st, int first, const HealthInputs &in)
{
    st.bind(first, sql::isoDate(in.date));
    bindOpt(st, first + 1, in.licensedSeats);
    bindOpt(st, first + 2, in.activeUsers);
    bindOpt(st, first + 3, in.featuresUsed);
    bindOpt(st, first + 4, in.featuresOffered);
    bindOpt(st, first + 5, in.sev1);
    bindOpt(st, first + 6, in.sev2);
    bindOpt(st, first + 7, in.sev3);
    bindOpt(st, first + 8, in.nps);
    if (in.csat)
        st.bindReal(first + 9, *in.csat);
    else
        st.bindNull(first + 9);
    if (in.sentimentDate.isValid())
        st.bind(first + 10, sql::isoDate(in.sentimentDate));
    else
        st.bindNull(first + 10);
    if (in.daysLate)
        st.bindReal(first + 11, *in.daysLate);
    else
        st.bindNull(first + 11);
    QStringList manual;
    for (int i = 0; i < domain::kMeasureCount; ++i)
        if (in.manual[size_t(i)])
            manual << domain::measureKey(Measure(i));
    st.bind(first + 12, manual.join(QLatin1Char(',')));
}

QString bandKey(domain::HealthBand b)
{
    return domain::healthBandName(b).toLower().replace(QLatin1Char(' '), QLatin1Char('_'));
}

domain::HealthBand parseBand(const QString &key)
{
    for (auto b : {domain::HealthBand::Green, domain::HealthBand::Yellow, domain::HealthBand::Red})
        if (bandKey(b) == key)
            return b;
    return domain::HealthBand::InsufficientData;
}

QString scorecardJson(const Scorecard &c)
{
    QJsonObject weights;
    for (int i = 0; i < domain::kMeasureCount; ++i)
        weights.insert(domain::measureKey(Measure(i)), c.weights[size_t(i)]);
    QJsonObject o{{QStringLiteral("weights"), weights},
                  {QStringLiteral("usage_full_ratio"), c.usageFullRatio},
                  {QStringLiteral("ticket_weights"), QJsonArray{c.ticketWeights[0], c.ticketWeights[1], c.ticketWeights[2]}},
                  {QStringLiteral("support_zero_at"), c.supportZeroAt},
                  {QStringLiteral("payment_zero_at"), c.paymentZeroAt},
                  {QStringLiteral("depth_target"), QJsonArray{c.depthTarget[0], c.depthTarget[1], c.depthTarget[2]}},
                  {QStringLiteral("green_at"), c.greenAt},
                  {QStringLiteral("yellow_at"), c.yellowAt},
                  {QStringLiteral("stale_days"), c.staleDays},
                  {QStringLiteral("trend_days"), c.trendDays},
                  {QStringLiteral("trend_threshold"), c.trendThreshold},
                  {QStringLiteral("min_confidence"), c.minConfidence}};
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

void readScorecardJson(Scorecard &c, const QString &text)
{
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    const QJsonObject w = o.value(QStringLiteral("weights")).toObject();
    for (int i = 0; i < domain::kMeasureCount; ++i)
        c.weights[size_t(i)] = w.value(domain::measureKey(Measure(i))).toDouble(c.weights[size_t(i)]);
    c.usageFullRatio = o.value(QStringLiteral("usage_full_ratio")).toDouble(c.usageFullRatio);
    const QJsonArray tw = o.value(QStringLiteral("ticket_weights")).toArray();
    for (int i = 0; i < 3 && i < tw.size(); ++i)
        c.ticketWeights[size_t(i)] = tw.at(i).toInt(c.ticketWeights[size_t(i)]);
    c.supportZeroAt = o.value(QStringLiteral("support_zero_at")).toDouble(c.supportZeroAt);
    c.paymentZeroAt = o.value(QStringLiteral("payment_zero_at")).toDouble(c.paymentZeroAt);
    const QJsonArray dt = o.value(QStringLiteral("depth_target")).toArray();
    for (int i = 0; i < 3 && i < dt.size(); ++i)
        c.depthTarget[size_t(i)] = dt.at(i).toInt(c.depthTarget[size_t(i)]);
    c.greenAt = o.value(QStringLiteral("green_at")).toInt(c.greenAt);
    c.yellowAt = o.value(QStringLiteral("yellow_at")).toInt(c.yellowAt);
    c.staleDays = o.value(QStringLiteral("stale_days")).toInt(c.staleDays);
    c.trendDays = o.value(QStringLiteral("trend_days")).toInt(c.trendDays);
    c.trendThreshold = o.value(QStringLiteral("trend_threshold")).toDouble(c.trendThreshold);
    c.minConfidence = o.value(QStringLiteral("min_confidence")).toDouble(c.minConfidence);
}

StoredScore scoreFrom(const RawStatement &st)
{
    StoredScore s;
    s.accountId = st.int64(0);
    s.date = st.date(1);
    s.score = st.real(2);
    s.band = parseBand(st.text(3));
    s.confidence = st.real(4);
    for (int i = 0; i < domain::kMeasureCount; ++i)
        s.contributions[size_t(i)] = st.real(5 + i);
    s.capped = st.int64(12) != 0;
    return s;
}

} // namespace

std::vector<HealthInputs> HealthRepository::inputs(qint64 accountId)
{
    const QByteArray sql = QByteArray("SELECT ") + kInputColumns + " FROM health_inputs WHERE account_id = ? ORDER BY date";
    RawStatement st(m_db, sql.constData());
    st.bind(1, accountId);
    std::vector<HealthInputs> out;
    while (st.step())
        out.push_back(inputsFrom(st, 0));
    return out;
}

std::vector<std::pair<qint64, HealthInputs>> HealthRepository::allInputs()
{
    const QByteArray sql = QByteArray("SELECT account_id, ") + kInputColumns + " FROM health_inputs ORDER BY account_id, date";
    RawStatement st(m_db, sql.constData());
    std::vector<std::pair<qint64, HealthInputs>> out;
    while (st.step())
        out.emplace_back(st.int64(0), inputsFrom(st, 1));
    return out;
}

std::optional<HealthInputs> HealthRepository::inputsOn(qint64 accountId, const QDate &date)
{
    const QByteArray sql = QByteArray("SELECT ") + kInputColumns + " FROM health_inputs WHERE account_id = ? AND date = ?";
    RawStatement st(m_db, sql.constData());
    st.bind(1, accountId);
    st.bind(2, sql::isoDate(date));
    if (!st.step())
        return std::nullopt;
    return inputsFrom(st, 0);
}

void HealthRepository::saveInputs(qint64 accountId, const HealthInputs &in)
{
    insertManyInputs({{accountId, in}});
}

void HealthRepository::insertManyInputs(const std::vector<std::pair<qint64, HealthInputs>> &rows)
{
    const QByteArray sql = QByteArray("INSERT OR REPLACE INTO health_inputs (account_id, ") + kInputColumns
                           + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    RawStatement st(m_db, sql.constData());
    for (const auto &[accountId, in] : rows) {
        st.bind(1, accountId);
        bindInputs(st, 2, in);
        st.run([] { return QStringLiteral("saving health inputs"); });
    }
}

void HealthRepository::removeInputs(qint64 accountId, const QDate &date)
{
    RawStatement &st = m_db.cachedRaw("DELETE FROM health_inputs WHERE account_id = ? AND date = ?");
    st.bind(1, accountId);
    st.bind(2, sql::isoDate(date));
    st.run([] { return QStringLiteral("deleting health inputs"); });
}

std::vector<Scorecard> HealthRepository::scorecards()
{
    RawStatement st(m_db, "SELECT id, name, tier, phase, definition FROM scorecards ORDER BY id");
    std::vector<Scorecard> out;
    while (st.step()) {
        Scorecard c;
        c.id = st.int64(0);
        c.name = st.text(1);
        if (!st.isNull(2))
            c.tier = domain::Tier(st.int64(2));
        if (!st.isNull(3))
            c.phase = domain::parseLifecycle(st.text(3));
        readScorecardJson(c, st.text(4));
        out.push_back(std::move(c));
    }
    return out;
}

void HealthRepository::saveScorecard(Scorecard &card)
{
    RawStatement st(m_db, card.id > 0 ? "UPDATE scorecards SET name = ?, tier = ?, phase = ?, definition = ? WHERE id = ?"
                                      : "INSERT INTO scorecards (name, tier, phase, definition) VALUES (?, ?, ?, ?)");
    st.bind(1, card.name);
    if (card.tier)
        st.bind(2, qint64(int(*card.tier)));
    else
        st.bindNull(2);
    if (card.phase)
        st.bind(3, domain::lifecycleName(*card.phase));
    else
        st.bindNull(3);
    st.bind(4, scorecardJson(card));
    if (card.id > 0)
        st.bind(5, card.id);
    st.run([&card] { return QStringLiteral("saving scorecard '%1'").arg(card.name); });
    if (card.id == 0)
        card.id = st.lastInsertRowId();
}

void HealthRepository::removeScorecard(qint64 id)
{
    RawStatement &st = m_db.cachedRaw("DELETE FROM scorecards WHERE id = ?");
    st.bind(1, id);
    st.run([] { return QStringLiteral("deleting a scorecard"); });
}

void HealthRepository::replaceScores(const std::vector<StoredScore> &scores, const QList<qint64> &accountIds, int trendDays)
{
    if (accountIds.isEmpty()) {
        RawStatement &del = m_db.cachedRaw("DELETE FROM health_scores");
        del.run([] { return QStringLiteral("clearing health scores"); });
    } else {
        RawStatement &del = m_db.cachedRaw("DELETE FROM health_scores WHERE account_id IN (SELECT value FROM json_each(?))");
        del.bind(1, idList(accountIds));
        del.run([] { return QStringLiteral("clearing health scores"); });
    }
    RawStatement &st = m_db.cachedRaw("INSERT INTO health_scores (account_id, date, score, band, confidence, c_usage, c_adoption, c_support, "
                          "c_sentiment, c_engagement, c_relationship, c_payment, capped) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const StoredScore &s : scores) {
        st.bind(1, s.accountId);
        st.bind(2, sql::isoDate(s.date));
        st.bindReal(3, s.score);
        st.bind(4, bandKey(s.band));
        st.bindReal(5, s.confidence);
        for (int i = 0; i < domain::kMeasureCount; ++i)
            st.bindReal(6 + i, s.contributions[size_t(i)]);
        st.bind(13, qint64(s.capped ? 1 : 0));
        st.run([] { return QStringLiteral("saving health scores"); });
    }
    // The cache on the accounts: first the date, then the rest from that date's row.
    const char *where = accountIds.isEmpty() ? "" : " WHERE id IN (SELECT value FROM json_each(?2))";
    const QByteArray sql = QByteArray("UPDATE accounts SET health_date = (SELECT max(date) FROM health_scores WHERE account_id = accounts.id)")
                           + where;
    RawStatement dates(m_db, sql.constData());
    if (!accountIds.isEmpty())
        dates.bind(2, idList(accountIds));
    dates.run([] { return QStringLiteral("caching current health scores"); });
    const QByteArray sql2 =
        QByteArray("UPDATE accounts SET "
                   "health_score = (SELECT score FROM health_scores WHERE account_id = accounts.id AND date = accounts.health_date), "
                   "health_band = (SELECT band FROM health_scores WHERE account_id = accounts.id AND date = accounts.health_date), "
                   "health_confidence = (SELECT confidence FROM health_scores WHERE account_id = accounts.id AND date = accounts.health_date), "
                   "health_before = (SELECT score FROM health_scores WHERE account_id = accounts.id "
                   "AND date <= date(accounts.health_date, '-' || ?1 || ' days') ORDER BY date DESC LIMIT 1)")
        + where;
    RawStatement rest(m_db, sql2.constData());
    rest.bind(1, qint64(trendDays));
    if (!accountIds.isEmpty())
        rest.bind(2, idList(accountIds));
    rest.run([] { return QStringLiteral("caching current health scores"); });
}

QHash<qint64, HealthRepository::Current> HealthRepository::currentScores()
{
    RawStatement st(m_db, "SELECT id, health_date, health_score, health_band, health_confidence, health_before FROM accounts "
                          "WHERE health_date IS NOT NULL");
    QHash<qint64, Current> out;
    while (st.step()) {
        Current c;
        c.now.accountId = st.int64(0);
        c.now.date = st.date(1);
        c.now.score = st.real(2);
        c.now.band = parseBand(st.text(3));
        c.now.confidence = st.real(4);
        if (!st.isNull(5))
            c.before = st.real(5);
        out.insert(c.now.accountId, c);
    }
    return out;
}

std::vector<StoredScore> HealthRepository::history(qint64 accountId)
{
    RawStatement st(m_db, "SELECT " SCORE_COLUMNS " FROM health_scores "
                          "WHERE account_id = ? ORDER BY date");
    st.bind(1, accountId);
    std::vector<StoredScore> out;
    while (st.step())
        out.push_back(scoreFrom(st));
    return out;
}

QHash<qint64, StoredScore> HealthRepository::latestScores(const QDate &onOrBefore)
{
    // CROSS JOIN keeps accounts outside: one seek for the date and one for the row per account.
    // Left to itself the planner scans every stored score and runs the subquery for each
    // (340 ms instead of about 15 ms at 10,000 accounts x 24 snapshots).
    RawStatement st(m_db, "SELECT s.account_id, s.date, s.score, s.band, s.confidence, s.c_usage, s.c_adoption, s.c_support, "
                          "s.c_sentiment, s.c_engagement, s.c_relationship, s.c_payment, s.capped FROM accounts a CROSS JOIN health_scores s ON s.account_id = a.id AND s.date = "
                          "(SELECT max(x.date) FROM health_scores x WHERE x.account_id = a.id AND x.date <= ?1)");
    st.bind(1, sql::isoDate(onOrBefore));
    QHash<qint64, StoredScore> out;
    while (st.step()) {
        StoredScore s = scoreFrom(st);
        out.insert(s.accountId, std::move(s));
    }
    return out;
}

std::vector<HealthRepository::BandPoint> HealthRepository::bandsBetween(const QDate &from, const QDate &to)
{
    RawStatement st(m_db, "SELECT account_id, date, band FROM health_scores WHERE date > ? AND date <= ? ORDER BY account_id, date");
    st.bind(1, sql::isoDate(from));
    st.bind(2, sql::isoDate(to));
    std::vector<BandPoint> out;
    while (st.step())
        out.push_back({st.int64(0), st.date(1), parseBand(st.text(2))});
    return out;
}

qint64 HealthRepository::scoreCount()
{
    RawStatement st(m_db, "SELECT count(*) FROM health_scores");
    return st.step() ? st.int64(0) : 0;
}

} // namespace keystone::storage
