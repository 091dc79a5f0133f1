// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/storage/settingsrepository.h"

#include "keystone/storage/database.h"

#include <QHash>
#include <QSqlQuery>

namespace keystone::storage {

using domain::PortfolioSettings;
using domain::SegmentationSettings;

namespace {
QString cadenceKey(int tier, const char *field)
{
    return QStringLiteral("cadence.tier%1.%2").arg(tier).arg(QLatin1String(field));
}
QString effortKey(int tier, domain::TeamRole role)
{
    return QStringLiteral("effort.tier%1.%2").arg(tier).arg(domain::teamRoleName(role).toLower());
}
} // namespace

std::optional<QString> SettingsRepository::value(const QString &key)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    q.addBindValue(key);
    if (!q.exec())
        throwQueryError(q, m_db.path(), QStringLiteral("reading the setting %1").arg(key));
    if (!q.next())
        return std::nullopt;
    return q.value(0).toString();
}

void SettingsRepository::setValue(const QString &key, const QString &value)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)"));
    q.addBindValue(key);
    q.addBindValue(value);
    if (!q.exec())
        throwQueryError(q, m_db.path(), QStringLiteral("writing the setting %1").arg(key));
}

bool SettingsRepository::holdsAmounts()
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral(
            "SELECT EXISTS (SELECT 1 FROM accounts WHERE arr_cents <> 0 OR company_revenue_cents <> 0)"
            " OR EXISTS (SELECT 1 FROM products WHERE list_price_cents <> 0)"
            " OR EXISTS (SELECT 1 FROM opportunities WHERE amount_cents <> 0)"
            " OR EXISTS (SELECT 1 FROM whitespace_cells WHERE current_arr_cents <> 0 OR potential_arr_cents <> 0)"
            " OR EXISTS (SELECT 1 FROM value_delivered WHERE impact_cents <> 0)"
            " OR EXISTS (SELECT 1 FROM arr_history WHERE arr_cents <> 0)"
            " OR EXISTS (SELECT 1 FROM settings WHERE key = 'segmentation.fixed_threshold_cents' AND CAST(value AS INTEGER) <> 0)"))
        || !q.next())
        throwQueryError(q, m_db.path(), QStringLiteral("looking for stored amounts"));
    return q.value(0).toBool();
}

void SettingsRepository::relabelAccounts(const QString &currency)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE accounts SET currency = ? WHERE currency <> ?"));
    q.addBindValue(currency);
    q.addBindValue(currency);
    if (!q.exec())
        throwQueryError(q, m_db.path(), QStringLiteral("labelling the accounts with the currency %1").arg(currency));
}

PortfolioSettings SettingsRepository::load()
{
    QHash<QString, QString> kv;
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT key, value FROM settings")))
        throwQueryError(q, m_db.path(), QStringLiteral("loading settings"));
    while (q.next())
        kv.insert(q.value(0).toString(), q.value(1).toString());
    q.finish();

    PortfolioSettings s;
    auto text = [&](const QString &key, QString &out) {
        if (kv.contains(key))
            out = kv.value(key);
    };
    auto number = [&](const QString &key, auto &out) {
        if (!kv.contains(key))
            return;
        bool ok = false;
        const double v = kv.value(key).toDouble(&ok);
        if (ok)
            out = static_cast<std::remove_reference_t<decltype(out)>>(v);
    };
    text(QStringLiteral("currency"), s.currency);
    QString mode;
    text(QStringLiteral("segmentation.mode"), mode);
    if (mode == QLatin1String("fixed"))
        s.segmentation.mode = SegmentationSettings::ThresholdMode::Fixed;
    number(QStringLiteral("segmentation.percentile"), s.segmentation.percentile);
    number(QStringLiteral("segmentation.fixed_threshold_cents"), s.segmentation.fixedThresholdCents);
    number(QStringLiteral("segmentation.whitespace_ratio"), s.segmentation.whitespaceRatio);
    number(QStringLiteral("segmentation.potential_rating_min"), s.segmentation.potentialRatingMin);
    for (int t = 1; t <= 3; ++t) {
        domain::TierCadence &c = s.cadences[size_t(t - 1)];
        number(cadenceKey(t, "internal_review_days"), c.internalReviewDays);
        number(cadenceKey(t, "business_review_days"), c.businessReviewDays);
        number(cadenceKey(t, "plan_refresh_days"), c.planRefreshDays);
        number(cadenceKey(t, "touchpoints_per_90_days"), c.touchpointsPer90Days);
        for (int r = 0; r < domain::kTeamRoleCount; ++r)
            number(effortKey(t, domain::TeamRole(r)), s.effort.hours[size_t(t - 1)][size_t(r)]);
    }
    return s;
}

void SettingsRepository::save(const PortfolioSettings &s)
{
    QSqlQuery &q = m_db.statement(QStringLiteral(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    auto put = [&](const QString &key, const QString &value) {
        q.addBindValue(key);
        q.addBindValue(value);
        m_db.execPrepared(q, QStringLiteral("saving setting %1").arg(key));
        q.finish();
    };
    put(QStringLiteral("currency"), s.currency);
    put(QStringLiteral("segmentation.mode"),
        s.segmentation.mode == SegmentationSettings::ThresholdMode::Fixed ? QStringLiteral("fixed") : QStringLiteral("percentile"));
    put(QStringLiteral("segmentation.percentile"), QString::number(s.segmentation.percentile));
    put(QStringLiteral("segmentation.fixed_threshold_cents"), QString::number(s.segmentation.fixedThresholdCents));
    put(QStringLiteral("segmentation.whitespace_ratio"), QString::number(s.segmentation.whitespaceRatio));
    put(QStringLiteral("segmentation.potential_rating_min"), QString::number(s.segmentation.potentialRatingMin));
    for (int t = 1; t <= 3; ++t) {
        const domain::TierCadence &c = s.cadences[size_t(t - 1)];
        put(cadenceKey(t, "internal_review_days"), QString::number(c.internalReviewDays));
        put(cadenceKey(t, "business_review_days"), QString::number(c.businessReviewDays));
        put(cadenceKey(t, "plan_refresh_days"), QString::number(c.planRefreshDays));
        put(cadenceKey(t, "touchpoints_per_90_days"), QString::number(c.touchpointsPer90Days));
        for (int r = 0; r < domain::kTeamRoleCount; ++r)
            put(effortKey(t, domain::TeamRole(r)), QString::number(s.effort.hours[size_t(t - 1)][size_t(r)]));
    }
}

} // namespace keystone::storage
