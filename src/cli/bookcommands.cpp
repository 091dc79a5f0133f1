// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// The team lead's book: portfolio (tiers, health bands, NRR and GRR) and signals.
#include "commands.h"
#include "jsonviews.h"

#include "keystone/domain/money.h"
#include "keystone/services/bookservice.h"
#include "keystone/services/clock.h"
#include "keystone/services/portfolio.h"
#include "keystone/domain/opportunity.h"
#include "keystone/domain/whitespace.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cmath>
#include <functional>

namespace keystone::cli {

namespace {

QDate dateOption(QCommandLineParser &p, const QString &name, const QDate &fallback)
{
    if (!p.isSet(name))
        return fallback;
    const QDate d = QDate::fromString(p.value(name), Qt::ISODate);
    if (!d.isValid())
        throw UsageProblem{QStringLiteral("--%1 must be a date like 2026-11-23, not '%2'").arg(name, p.value(name))};
    return d;
}

QString percentText(const std::optional<double> &v)
{
    return v ? QStringLiteral("%1%").arg(*v * 100.0, 0, 'f', 1) : QStringLiteral("n/a");
}

int runPortfolio(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    const QString file = requireFile(p);
    const QDate asOf = dateOption(p, QStringLiteral("as-of"), services::today());
    const QDate to = dateOption(p, QStringLiteral("to"), asOf);
    const QDate from = dateOption(p, QStringLiteral("from"), to.addYears(-1));
    if (from >= to)
        throw UsageProblem{QStringLiteral("--from (%1) must be before --to (%2)").arg(from.toString(Qt::ISODate), to.toString(Qt::ISODate))};
    auto portfolio = openForReading(file);
    const services::BookFilter filter = ownerFilter(p, *portfolio);
    const services::BookData book = services::loadBookData(*portfolio, asOf);
    const services::PortfolioSummary sum = services::portfolioSummary(book, from, to, filter);
    if (p.isSet(QStringLiteral("json"))) {
        json j;
        j["as_of"] = s(asOf.toString(Qt::ISODate));
        j["from"] = s(from.toString(Qt::ISODate));
        j["to"] = s(to.toString(Qt::ISODate));
        j["owner"] = p.isSet(QStringLiteral("owner")) ? json(s(p.value(QStringLiteral("owner")))) : json(nullptr);
        j["currency"] = s(book.currency);
        j["accounts"] = sum.accounts;
        j["total_arr_cents"] = sum.totalArrCents;
        json counts = json::object(), arr = json::object();
        for (int t = 0; t < 3; ++t) {
            json c = json::object(), a = json::object();
            for (int b = 0; b < services::kBandColumns; ++b) {
                c[bandKey(b)] = sum.tierBand.counts[size_t(t)][size_t(b)];
                a[bandKey(b)] = sum.tierBand.arrCents[size_t(t)][size_t(b)];
            }
            counts[std::to_string(t + 1)] = c;
            arr[std::to_string(t + 1)] = a;
        }
        j["tier_band_counts"] = counts;
        j["tier_band_arr_cents"] = arr;
        j["nrr"] = ratioOrNull(sum.retention.total.nrr);
        j["grr"] = ratioOrNull(sum.retention.total.grr);
        json ret = retentionJson(sum.retention.total);
        json byOwner = json::array();
        QHash<qint64, QString> names;
        for (const auto &m : book.team)
            names.insert(m.id, m.name);
        for (const auto &[owner, r] : sum.retention.byOwner) {
            json o = retentionJson(r);
            o["owner"] = owner > 0 ? json(s(names.value(owner))) : json(nullptr);
            byOwner.push_back(o);
        }
        ret["by_owner"] = byOwner;
        json byTier = json::object();
        for (int t = 0; t < 3; ++t)
            byTier[std::to_string(t + 1)] = retentionJson(sum.retention.byTier[size_t(t)]);
        ret["by_tier"] = byTier;
        j["retention"] = ret;
        json health = json::object();
        for (int b = 0; b < services::kBandColumns; ++b)
            health[bandKey(b)] = sum.health[size_t(b)];
        j["health_distribution"] = health;
        j["open_whitespace_cents"] = sum.openWhitespaceCents;
        j["weighted_pipeline_cents"] = sum.weightedPipelineCents;
        json roles = json::object(), people = json::object();
        for (const auto &r : sum.coverage.roles)
            roles[s(domain::teamRoleName(r.role))] = {{"required_fte", std::round(r.requiredFte * 1000.0) / 1000.0},
                                                      {"required_hours", r.requiredHours},
                                                      {"available_fte", std::round(r.availableFte * 1000.0) / 1000.0},
                                                      {"people", r.people}};
        for (const auto &pl : sum.coverage.people)
            people[s(pl.member.name)] = {{"role", s(domain::teamRoleName(pl.member.role))},
                                         {"utilisation", std::round(pl.utilisation.ratio * 10000.0) / 10000.0},
                                         {"effort_hours", pl.utilisation.effortHours},
                                         {"hours_per_month", pl.member.hoursPerMonth},
                                         {"overloaded", pl.utilisation.overloaded()},
                                         {"accounts_by_tier", {pl.assigned[0], pl.assigned[1], pl.assigned[2]}}};
        j["coverage"] = {{"roles", roles}, {"people", people}};
        j["signals_open"] = sum.signalsOpen;
        out << QString::fromStdString(j.dump(2)) << '\n';
        return Ok;
    }
    out << QStringLiteral("%1 accounts, ARR %2, open whitespace %3, weighted pipeline %4\n")
               .arg(sum.accounts)
               .arg(domain::formatMoney(sum.totalArrCents, book.currency), domain::formatMoney(sum.openWhitespaceCents, book.currency),
                    domain::formatMoney(sum.weightedPipelineCents, book.currency));
    out << QStringLiteral("Retention %1 to %2: NRR %3, GRR %4 over %5 accounts (%6 new excluded)\n")
               .arg(from.toString(Qt::ISODate), to.toString(Qt::ISODate), percentText(sum.retention.total.nrr), percentText(sum.retention.total.grr))
               .arg(sum.retention.total.accounts)
               .arg(sum.retention.total.excludedNew);
    out << QStringLiteral("%1 %2 %3 %4 %5 %6\n").arg(QStringLiteral("Tier"), -8).arg(QStringLiteral("Green"), 8).arg(QStringLiteral("Yellow"), 8)
               .arg(QStringLiteral("Red"), 8).arg(QStringLiteral("Insuff."), 8).arg(QStringLiteral("None"), 8);
    for (int t = 0; t < 3; ++t) {
        const auto &c = sum.tierBand.counts[size_t(t)];
        out << QStringLiteral("%1 %2 %3 %4 %5 %6\n").arg(domain::tierName(domain::Tier(t + 1)), -8).arg(c[0], 8).arg(c[1], 8).arg(c[2], 8).arg(c[3], 8).arg(c[4], 8);
    }
    out << QStringLiteral("Coverage (required FTE / team FTE):");
    for (const auto &r : sum.coverage.roles)
        if (r.requiredHours > 0 || r.people > 0)
            out << QStringLiteral(" %1 %2/%3").arg(domain::teamRoleName(r.role)).arg(r.requiredFte, 0, 'f', 1).arg(r.availableFte, 0, 'f', 1);
    out << '\n';
    int overloaded = 0;
    for (const auto &pl : sum.coverage.people)
        if (pl.utilisation.overloaded())
            ++overloaded;
    out << QStringLiteral("Overloaded people: %1 of %2\nOpen signals: %3\n").arg(overloaded).arg(sum.coverage.people.size()).arg(sum.signalsOpen);
    return Ok;
}

int runSignals(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    const QString file = requireFile(p);
    const QDate today = dateOption(p, QStringLiteral("today"), services::today());
    auto portfolio = openForReading(file);
    qint64 accountId = 0;
    if (p.isSet(QStringLiteral("account")))
        accountId = requireAccount(*portfolio, p.value(QStringLiteral("account"))).id;
    const services::BookFilter filter = ownerFilter(p, *portfolio);
    const bool all = p.isSet(QStringLiteral("all"));
    const services::BookData book = services::loadBookData(*portfolio, today);
    const auto signalList = services::bookSignals(book, accountId, filter);
    auto nameOf = [&](qint64 id) { return book.accounts[book.indexOf.value(id)].row.account.name; };
    auto decisionText = [](const services::BookSignal &b) -> QString {
        if (!b.decision || b.decision->decision == domain::SignalDecision::Active)
            return QStringLiteral("open");
        return b.decision->decision == domain::SignalDecision::Snoozed ? QStringLiteral("snoozed") : QStringLiteral("dismissed");
    };
    if (p.isSet(QStringLiteral("json"))) {
        json list = json::array();
        for (const auto &b : signalList) {
            if (!b.visible && !all)
                continue;
            json j{{"account", s(nameOf(b.signal.accountId))},
                   {"rule", s(domain::signalRuleKey(b.signal.rule))},
                   {"severity", s(domain::severityKey(b.signal.severity))},
                   {"reason", s(b.signal.reason)},
                   {"next_step", s(b.signal.nextStep)},
                   {"state", s(decisionText(b))}};
            if (b.decision && b.decision->decision != domain::SignalDecision::Active) {
                j["until"] = dateOrNull(b.decision->until);
                j["decision_reason"] = s(b.decision->reason);
            }
            list.push_back(j);
        }
        json j;
        j["today"] = s(today.toString(Qt::ISODate));
        j["signals"] = list;
        out << QString::fromStdString(j.dump(2)) << '\n';
        return Ok;
    }
    int shown = 0;
    for (const auto &b : signalList) {
        if (!b.visible && !all)
            continue;
        ++shown;
        out << QStringLiteral("%1 %2 %3 %4\n    next: %5\n")
                   .arg(domain::severityName(b.signal.severity), -7)
                   .arg(nameOf(b.signal.accountId).left(30), -30)
                   .arg(b.visible ? QString() : QStringLiteral("[%1]").arg(decisionText(b)))
                   .arg(b.signal.reason, b.signal.nextStep);
    }
    out << QStringLiteral("%1 signal%2\n").arg(shown).arg(shown == 1 ? QString() : QStringLiteral("s"));
    return Ok;
}

} // namespace

CommandList bookCommands()
{
    return {
        {QStringLiteral("portfolio"),
         {QStringLiteral("The team lead's figures: tiers x health bands, NRR and GRR, coverage, open signals"),
          QStringLiteral("portfolio FILE [--as-of DATE] [--from DATE --to DATE] [--owner NAME] [--json]"),
          [](QCommandLineParser &p) {
              p.addOption({QStringLiteral("as-of"), QStringLiteral("The day the figures are for (default: today)."), QStringLiteral("DATE")});
              p.addOption({QStringLiteral("from"), QStringLiteral("Start of the retention period (default: a year before --to)."), QStringLiteral("DATE")});
              p.addOption({QStringLiteral("to"), QStringLiteral("End of the retention period (default: --as-of)."), QStringLiteral("DATE")});
              p.addOption({QStringLiteral("owner"), QStringLiteral("Only this team member's accounts."), QStringLiteral("NAME")});
              p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
          },
          runPortfolio}},
        {QStringLiteral("signals"),
         {QStringLiteral("The proactive inbox: signals by severity with reason and next step"),
          QStringLiteral("signals FILE [--account NAME] [--owner NAME] [--today DATE] [--all] [--json]"),
          [](QCommandLineParser &p) {
              p.addOption({QStringLiteral("account"), QStringLiteral("Only this account (name, any case)."), QStringLiteral("NAME")});
              p.addOption({QStringLiteral("owner"), QStringLiteral("Only this team member's accounts."), QStringLiteral("NAME")});
              p.addOption({QStringLiteral("today"), QStringLiteral("Evaluate as of DATE (default: today)."), QStringLiteral("DATE")});
              p.addOption({QStringLiteral("all"), QStringLiteral("Also snoozed and dismissed signals.")});
              p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
          },
          runSignals}},
    };
}

} // namespace keystone::cli
