// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// JSON views of domain objects, shared by the commands' --json output.
#include "jsonviews.h"

#include "keystone/services/healthservice.h"
#include "keystone/services/importservice.h"
#include "keystone/services/bookservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/domain/retention.h"

#include <cmath>

namespace keystone::cli {

json dateOrNull(const QDate &d)
{
    return d.isValid() ? json(s(d.toString(Qt::ISODate))) : json(nullptr);
}

json ratioOrNull(const std::optional<double> &v)
{
    return v ? json(std::round(*v * 10000.0) / 10000.0) : json(nullptr);
}

json realOrNull(const std::optional<double> &v)
{
    return v ? json(*v) : json(nullptr);
}

std::string bandKey(int column)
{
    return s(services::bandColumnName(column).toLower().replace(QLatin1Char(' '), QLatin1Char('_')));
}

json healthJson(const services::AccountHealth &h, const QString &name)
{
    const domain::HealthResult &r = h.now;
    json contributions = json::object();
    for (int i = 0; i < domain::kMeasureCount; ++i)
        if (r.measureScores[size_t(i)])
            contributions[s(domain::measureKey(domain::Measure(i)))] = std::round(r.contributions[size_t(i)] * 100.0) / 100.0;
    auto keys = [](const std::vector<domain::Measure> &ms) {
        json list = json::array();
        for (domain::Measure m : ms)
            list.push_back(s(domain::measureKey(m)));
        return list;
    };
    json changed = json::array();
    for (const auto &c : h.whatChanged)
        changed.push_back({{"measure", s(domain::measureKey(c.measure))},
                           {"before", std::round(c.before * 100.0) / 100.0},
                           {"now", std::round(c.now * 100.0) / 100.0},
                           {"change", std::round(c.delta() * 100.0) / 100.0}});
    return {{"account", s(name)},
            {"as_of", s(h.asOf.toString(Qt::ISODate))},
            {"inputs_date", dateOrNull(h.inputsDate)},
            {"scorecard", s(h.scorecard.name)},
            {"score", std::round(r.score * 100.0) / 100.0},
            {"band", s(domain::healthBandName(r.band))},
            {"confidence", std::round(r.confidence * 1000.0) / 1000.0},
            {"trend", s(domain::trendKey(h.trend))},
            {"compared_with", s(h.comparedWith.toString(Qt::ISODate))},
            {"score_before", h.before ? json(std::round(h.before->score * 100.0) / 100.0) : json(nullptr)},
            {"contributions", contributions},
            {"stale", keys(r.stale)},
            {"missing", keys(r.missing)},
            {"capped_by_departed_champion", r.capped},
            {"champion_loss_alert", h.championLossAlert},
            {"what_changed", changed}};
}

json retentionJson(const domain::Retention &r)
{
    return {{"accounts", r.accounts}, {"nrr", ratioOrNull(r.nrr)}, {"grr", ratioOrNull(r.grr)},
            {"start_arr_cents", r.startCents}, {"end_arr_cents", r.endCents}, {"expansion_cents", r.expansionCents},
            {"contraction_cents", r.contractionCents}, {"churned_cents", r.churnedCents}, {"excluded_new", r.excludedNew}};
}

json issueJson(const services::ImportIssue &i)
{
    return {{"row", i.row}, {"line", i.line}, {"column", s(i.column)}, {"value", s(i.value)}, {"reason", s(i.message)}};
}

} // namespace keystone::cli
