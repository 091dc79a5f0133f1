// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// One account's views: accounts (the list), whitespace, pipeline, stakeholders, activities, health.
#include "commands.h"
#include "jsonviews.h"

#include "keystone/domain/money.h"
#include "keystone/domain/healthdisplay.h"
#include "keystone/services/accountoverview.h"
#include "keystone/services/clock.h"
#include "keystone/services/healthservice.h"
#include "keystone/services/history.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/relationshipservice.h"
#include "keystone/services/whitespaceservice.h"
#include "keystone/services/validationerror.h"
#include "keystone/services/queries.h"
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

int runAccounts(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    const QString file = requireFile(p);
    std::optional<domain::Tier> tierFilter;
    if (p.isSet(QStringLiteral("tier"))) {
        tierFilter = domain::parseTier(p.value(QStringLiteral("tier")));
        if (!tierFilter)
            throw UsageProblem{QStringLiteral("--tier must be 1, 2 or 3, not '%1'").arg(p.value(QStringLiteral("tier")))};
    }
    const QString ownerFilter = p.value(QStringLiteral("owner")).simplified();
    auto portfolio = openForReading(file);
    const services::AccountOverview overview = services::loadAccountOverview(*portfolio);
    if (!ownerFilter.isEmpty() && !services::query::memberNamed(*portfolio, ownerFilter))
        throw DataProblem{QStringLiteral("--owner: no team member named '%1' in %2").arg(ownerFilter, portfolio->path())};
    std::vector<const services::AccountRow *> rows;
    for (const services::AccountRow &r : overview.rows) {
        if (tierFilter && r.tier != *tierFilter)
            continue;
        if (!ownerFilter.isEmpty() && r.ownerName.compare(ownerFilter, Qt::CaseInsensitive) != 0)
            continue;
        rows.push_back(&r);
    }
    const QString currency = portfolio->settings().currency;
    if (p.isSet(QStringLiteral("json"))) {
        json list = json::array();
        for (const services::AccountRow *r : rows) {
            const domain::Account &a = r->account;
            json j;
            j["id"] = a.id;
            j["uuid"] = s(a.uuid);
            j["name"] = s(a.name);
            j["owner"] = s(r->ownerName);
            j["industry"] = s(a.industry);
            j["region"] = s(a.region);
            j["arr_cents"] = a.arr.cents;
            j["currency"] = s(a.arr.currency);
            j["renewal_date"] = a.renewalDate.isValid() ? json(s(a.renewalDate.toString(Qt::ISODate))) : json(nullptr);
            j["customer_since"] = a.customerSince.isValid() ? json(s(a.customerSince.toString(Qt::ISODate))) : json(nullptr);
            j["lifecycle"] = s(domain::lifecycleName(a.phase));
            j["at_risk"] = a.atRisk;
            j["potential_rating"] = a.potentialRating;
            j["quadrant"] = s(domain::quadrantName(r->segment.quadrant));
            j["suggested_tier"] = int(r->segment.suggestedTier);
            j["tier"] = int(r->tier);
            j["tier_override_reason"] = a.tierOverride ? json(s(a.tierOverrideReason)) : json(nullptr);
            j["company_revenue_cents"] = a.companyRevenueCents ? json(*a.companyRevenueCents) : json(nullptr);
            j["employees"] = a.employees ? json(*a.employees) : json(nullptr);
            j["account_type"] = s(a.accountType);
            list.push_back(std::move(j));
        }
        json doc;
        doc["currency"] = s(currency);
        doc["value_threshold_cents"] = overview.thresholdCents;
        doc["count"] = rows.size();
        doc["accounts"] = std::move(list);
        out << QString::fromStdString(doc.dump(2)) << '\n';
        return Ok;
    }
    out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7\n")
               .arg(QStringLiteral("Name"), -40).arg(QStringLiteral("Owner"), -20).arg(QStringLiteral("Tier"), -6)
               .arg(QStringLiteral("Suggested"), -9).arg(QStringLiteral("Quadrant"), -8).arg(QStringLiteral("ARR"), 14)
               .arg(QStringLiteral("Renewal"));
    for (const services::AccountRow *r : rows) {
        const domain::Account &a = r->account;
        out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7\n")
                   .arg(a.name.left(40), -40).arg(r->ownerName.left(20), -20)
                   .arg(domain::tierName(r->tier) + (a.tierOverride ? QStringLiteral("*") : QString()), -6)
                   .arg(domain::tierName(r->segment.suggestedTier), -9)
                   .arg(domain::quadrantName(r->segment.quadrant), -8)
                   .arg(domain::formatMoney(a.arr.cents, currency), 14)
                   .arg(a.renewalDate.isValid() ? a.renewalDate.toString(Qt::ISODate) : QStringLiteral("-"));
    }
    out << QStringLiteral("%1 accounts; value threshold %2 (* = tier set by hand)\n")
               .arg(rows.size()).arg(domain::formatMoney(overview.thresholdCents, currency));
    return Ok;
}

int runWhitespaceSummary(QCommandLineParser &p, services::Portfolio &portfolio, QTextStream &out)
{
    const QString by = p.value(QStringLiteral("by")).toLower();
    if (by != QLatin1String("industry") && by != QLatin1String("tier"))
        throw UsageProblem{QStringLiteral("--by must be industry or tier, not '%1'").arg(p.value(QStringLiteral("by")))};
    const services::WhitespaceMatrix m = services::portfolioWhitespace(
        portfolio, by == QLatin1String("tier") ? services::WhitespaceGrouping::Tier : services::WhitespaceGrouping::Industry);
    const QString currency = portfolio.settings().currency;
    if (p.isSet(QStringLiteral("json"))) {
        json j;
        j["by"] = s(by);
        j["currency"] = s(currency);
        json products = json::array();
        for (const auto &pr : m.products)
            products.push_back(s(pr.name));
        j["products"] = products;
        json rows = json::array();
        for (size_t r = 0; r < m.groups.size(); ++r) {
            json cells = json::object();
            qint64 sum = 0;
            for (size_t c = 0; c < m.products.size(); ++c) {
                cells[s(m.products[c].name)] = {{"open_whitespace_cents", m.openCents[r][c]}, {"accounts", m.accounts[r][c]}};
                sum += m.openCents[r][c];
            }
            rows.push_back({{"group", s(m.groups[r])}, {"open_whitespace_cents", sum}, {"products", cells}});
        }
        j["groups"] = rows;
        j["open_whitespace_cents"] = m.totalCents;
        out << QString::fromStdString(j.dump(2)) << '\n';
        return Ok;
    }
    out << QStringLiteral("%1").arg(by == QLatin1String("tier") ? QStringLiteral("Tier") : QStringLiteral("Industry"), -20);
    for (const auto &pr : m.products)
        out << QStringLiteral(" %1").arg(pr.name.left(12), 12);
    out << QStringLiteral(" %1\n").arg(QStringLiteral("Total"), 12);
    for (size_t r = 0; r < m.groups.size(); ++r) {
        out << QStringLiteral("%1").arg(m.groups[r].left(20), -20);
        qint64 sum = 0;
        for (size_t c = 0; c < m.products.size(); ++c) {
            out << QStringLiteral(" %1").arg(domain::formatMoneyShort(m.openCents[r][c], currency), 12);
            sum += m.openCents[r][c];
        }
        out << QStringLiteral(" %1\n").arg(domain::formatMoneyShort(sum, currency), 12);
    }
    out << QStringLiteral("Open whitespace in the book: %1\n").arg(domain::formatMoney(m.totalCents, currency));
    return Ok;
}

int runWhitespace(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    const QString file = requireFile(p);
    if (p.isSet(QStringLiteral("by")) == p.isSet(QStringLiteral("account")))
        throw UsageProblem{QStringLiteral("give either --account NAME (one account's grid) or --by industry|tier (the whole book)")};
    auto portfolio = openForReading(file);
    if (p.isSet(QStringLiteral("by")))
        return runWhitespaceSummary(p, *portfolio, out);
    const domain::Account account = requireAccount(*portfolio, p.value(QStringLiteral("account")));
    const auto centers = services::query::buyingCenters(*portfolio, account.id);
    const auto products = services::query::products(*portfolio);
    const auto cells = services::query::whitespaceCells(*portfolio, account.id);
    const domain::WhitespaceTotals totals = domain::whitespaceTotals(cells);
    QHash<qint64, QString> centerName, productName;
    for (const auto &c : centers)
        centerName.insert(c.id, c.name);
    for (const auto &pr : products)
        productName.insert(pr.id, pr.name);
    const QString currency = portfolio->settings().currency;
    if (p.isSet(QStringLiteral("json"))) {
        json j;
        j["account"] = s(account.name);
        j["currency"] = s(currency);
        json bcs = json::array();
        for (const auto &c : centers)
            bcs.push_back({{"name", s(c.name)}, {"kind", s(domain::buyingCenterKindName(c.kind))}, {"size", c.size}});
        j["buying_centers"] = bcs;
        json ps = json::array();
        for (const auto &pr : products)
            ps.push_back({{"name", s(pr.name)}, {"family", s(pr.family)}, {"pricing_basis", s(domain::pricingBasisName(pr.basis))},
                          {"list_price_cents", pr.listPriceCents}});
        j["products"] = ps;
        json cs = json::array();
        for (const auto &c : cells) {
            json cj{{"buying_center", s(centerName.value(c.buyingCenterId))},
                    {"product", s(productName.value(c.productId))},
                    {"status", s(domain::cellStatusKey(c.status))},
                    {"current_arr_cents", c.currentArrCents},
                    {"potential_arr_cents", c.potentialArrCents},
                    {"competitor", c.competitor.isEmpty() ? json(nullptr) : json(s(c.competitor))}};
            if (c.opportunityId > 0)
                cj["opportunity_id"] = c.opportunityId;
            cs.push_back(std::move(cj));
        }
        j["cells"] = cs;
        j["open_whitespace_cents"] = totals.openWhitespaceCents;
        j["owned_arr_cents"] = totals.ownedArrCents;
        j["pipeline_cents"] = totals.pipelineCents;
        j["penetration"] = totals.penetration();
        out << QString::fromStdString(j.dump(2)) << '\n';
        return Ok;
    }
    out << QStringLiteral("%1: %2 buying centers x %3 products, %4 cells assessed\n")
               .arg(account.name).arg(centers.size()).arg(products.size()).arg(totals.assessedCells);
    for (const auto &c : centers) {
        out << QStringLiteral("  %1\n").arg(c.name);
        for (const auto &cell : cells) {
            if (cell.buyingCenterId != c.id)
                continue;
            const qint64 amount = cell.status == domain::CellStatus::Owned ? cell.currentArrCents : cell.potentialArrCents;
            out << QStringLiteral("    %1 %2 %3%4\n")
                       .arg(productName.value(cell.productId), -18)
                       .arg(domain::cellStatusName(cell.status), -11)
                       .arg(cell.status == domain::CellStatus::NotAFit ? QString() : domain::formatMoney(amount, currency), 12)
                       .arg(cell.competitor.isEmpty() ? QString() : QStringLiteral("  (%1)").arg(cell.competitor));
        }
    }
    out << QStringLiteral("Open whitespace %1, owned ARR %2, in pipeline %3, penetration %4%\n")
               .arg(domain::formatMoney(totals.openWhitespaceCents, currency), domain::formatMoney(totals.ownedArrCents, currency),
                    domain::formatMoney(totals.pipelineCents, currency))
               .arg(totals.penetration() * 100.0, 0, 'f', 1);
    return Ok;
}

int runPipeline(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    const QString file = requireFile(p);
    auto portfolio = openForReading(file);
    std::vector<domain::Opportunity> ops;
    QString scope = QStringLiteral("portfolio");
    if (p.isSet(QStringLiteral("account"))) {
        const domain::Account account = requireAccount(*portfolio, p.value(QStringLiteral("account")));
        ops = services::query::opportunities(*portfolio, account.id);
        scope = account.name;
    } else {
        ops = services::query::allOpportunities(*portfolio);
    }
    QHash<qint64, QString> accountName, ownerName;
    for (const auto &m : services::query::team(*portfolio))
        ownerName.insert(m.id, m.name);
    if (!p.isSet(QStringLiteral("account"))) {
        for (const auto &a : services::query::accounts(*portfolio))
            accountName.insert(a.id, a.name);
    } else if (!ops.empty()) {
        accountName.insert(ops.front().accountId, scope);
    }
    const domain::PipelineTotals totals = domain::pipelineTotals(ops);
    const QString currency = portfolio->settings().currency;
    if (p.isSet(QStringLiteral("json"))) {
        json list = json::array();
        for (const auto &o : ops) {
            list.push_back({{"id", o.id},
                            {"uuid", s(o.uuid)},
                            {"account", s(accountName.value(o.accountId))},
                            {"name", s(o.name)},
                            {"type", s(domain::opportunityTypeName(o.type))},
                            {"stage", s(domain::stageName(o.stage))},
                            {"amount_cents", o.amountCents},
                            {"probability", o.probability},
                            {"weighted_cents", domain::weightedCents(o)},
                            {"close_date", o.closeDate.isValid() ? json(s(o.closeDate.toString(Qt::ISODate))) : json(nullptr)},
                            {"owner", s(ownerName.value(o.ownerId))},
                            {"linked_cell", o.cellId > 0}});
        }
        json j;
        j["scope"] = s(scope);
        j["currency"] = s(currency);
        j["opportunities"] = list;
        j["open_count"] = totals.openCount;
        j["open_cents"] = totals.openCents;
        j["weighted_open_cents"] = totals.weightedOpenCents;
        j["won_cents"] = totals.wonCents;
        out << QString::fromStdString(j.dump(2)) << '\n';
        return Ok;
    }
    for (const auto &o : ops) {
        out << QStringLiteral("%1  %2  %3  %4 %5%  %6  %7\n")
                   .arg(accountName.value(o.accountId).left(30), -30).arg(o.name.left(28), -28)
                   .arg(domain::stageName(o.stage), -11)
                   .arg(domain::formatMoney(o.amountCents, currency), 12).arg(o.probability, 3)
                   .arg(domain::formatMoney(domain::weightedCents(o), currency), 12)
                   .arg(o.closeDate.isValid() ? o.closeDate.toString(Qt::ISODate) : QStringLiteral("-"));
    }
    out << QStringLiteral("%1 open opportunities: %2, weighted %3; won %4\n")
               .arg(totals.openCount)
               .arg(domain::formatMoney(totals.openCents, currency), domain::formatMoney(totals.weightedOpenCents, currency),
                    domain::formatMoney(totals.wonCents, currency));
    return Ok;
}

int runStakeholders(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    const QString file = requireFile(p);
    auto portfolio = openForReading(file);
    const domain::Account account = requireAccount(*portfolio, p.value(QStringLiteral("account")));
    const services::StakeholderMap m = services::loadStakeholderMap(*portfolio, account.id, todayOption(p));
    auto nameOf = [&](qint64 id) { const domain::Contact *c = m.contact(id); return c ? c->name : QString(); };
    if (p.isSet(QStringLiteral("json"))) {
        json contacts = json::array();
        for (const domain::Contact &c : m.contacts) {
            const int days = m.daysSinceInteraction(c.id);
            contacts.push_back({{"id", c.id},
                                {"uuid", s(c.uuid)},
                                {"name", s(c.name)},
                                {"title", s(c.title)},
                                {"email", s(c.email)},
                                {"department", s(c.department)},
                                {"buying_center", c.buyingCenterId > 0 ? json(s(m.buyingCenterNames.value(c.buyingCenterId))) : json(nullptr)},
                                {"role", s(domain::buyingRoleKey(c.role))},
                                {"stance", s(domain::stanceKey(c.stance))},
                                {"influence", s(domain::influenceKey(c.influence))},
                                {"status", s(domain::contactStatusKey(c.status))},
                                {"departed_on", dateOrNull(c.departedOn)},
                                {"reports_to", c.reportsToId > 0 ? json(s(nameOf(c.reportsToId))) : json(nullptr)},
                                {"covered_by", c.coveredById > 0 ? json(s(m.teamNames.value(c.coveredById))) : json(nullptr)},
                                {"relationship_level", s(domain::relationshipLevelKey(c.level))},
                                {"target_level", s(domain::relationshipLevelKey(c.targetLevel))},
                                {"last_interaction", dateOrNull(m.lastInteraction.value(c.id))},
                                {"days_since_interaction", days >= 0 ? json(days) : json(nullptr)}});
        }
        json influence = json::array();
        for (const domain::InfluenceLink &l : m.influence)
            influence.push_back({{"from", s(nameOf(l.fromContactId))}, {"to", s(nameOf(l.toContactId))}});
        json gaps = json::array();
        for (const domain::Gap &g : m.gaps) {
            json names = json::array();
            for (qint64 id : g.contactIds)
                names.push_back(s(nameOf(id)));
            gaps.push_back({{"rule", s(g.rule)}, {"contacts", names}, {"message", s(g.message)}});
        }
        json j;
        j["account"] = s(account.name);
        j["as_of"] = s(m.today.toString(Qt::ISODate));
        j["contacts"] = contacts;
        j["influence"] = influence;
        j["multithreading_depth"] = m.depth;
        j["single_threaded"] = m.singleThreaded;
        j["gaps"] = gaps;
        out << QString::fromStdString(j.dump(2)) << '\n';
        return Ok;
    }
    out << QStringLiteral("%1: %2 contacts, multithreading depth %3%4\n")
               .arg(account.name).arg(m.contacts.size()).arg(m.depth)
               .arg(m.singleThreaded ? QStringLiteral(" (single-threaded)") : QString());
    for (const domain::Contact &c : m.contacts) {
        const int days = m.daysSinceInteraction(c.id);
        out << QStringLiteral("  %1 %2 %3 %4 %5 %6 %7\n")
                   .arg(c.name.left(24), -24).arg(c.title.left(28), -28).arg(domain::buyingRoleName(c.role), -19)
                   .arg(domain::stanceName(c.stance), -10).arg(domain::influenceName(c.influence), -6)
                   .arg(c.isActive() ? (days >= 0 ? QStringLiteral("%1 d").arg(days) : QStringLiteral("never")) : QStringLiteral("departed"), -9)
                   .arg(c.coveredById > 0 ? m.teamNames.value(c.coveredById) : QStringLiteral("uncovered"));
    }
    out << (m.gaps.empty() ? QStringLiteral("No gaps.\n") : QStringLiteral("Gaps:\n"));
    for (const domain::Gap &g : m.gaps) {
        QStringList names;
        for (qint64 id : g.contactIds)
            names << nameOf(id);
        out << QStringLiteral("  - %1%2\n").arg(g.message, names.isEmpty() ? QString() : QStringLiteral(": ") + names.join(QStringLiteral(", ")));
    }
    return Ok;
}

int runActivities(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    const QString file = requireFile(p);
    auto portfolio = openForReading(file);
    const domain::Account account = requireAccount(*portfolio, p.value(QStringLiteral("account")));
    QDate since;
    if (p.isSet(QStringLiteral("since"))) {
        since = QDate::fromString(p.value(QStringLiteral("since")), Qt::ISODate);
        if (!since.isValid())
            throw UsageProblem{QStringLiteral("--since must be a date like 2026-01-31, not '%1'").arg(p.value(QStringLiteral("since")))};
    }
    const auto log = services::query::activities(*portfolio, account.id, since);
    QHash<qint64, QString> contactName, teamName;
    for (const domain::Contact &c : services::query::contacts(*portfolio, account.id))
        contactName.insert(c.id, c.name);
    for (const auto &t : services::query::team(*portfolio))
        teamName.insert(t.id, t.name);
    auto names = [](const std::vector<qint64> &ids, const QHash<qint64, QString> &from) {
        QStringList list;
        for (qint64 id : ids)
            list << from.value(id);
        return list;
    };
    if (p.isSet(QStringLiteral("json"))) {
        json list = json::array();
        for (const domain::Activity &a : log) {
            json contacts = json::array(), team = json::array();
            for (const QString &n : names(a.contactIds, contactName))
                contacts.push_back(s(n));
            for (const QString &n : names(a.teamMemberIds, teamName))
                team.push_back(s(n));
            list.push_back({{"id", a.id}, {"uuid", s(a.uuid)}, {"date", s(a.date.toString(Qt::ISODate))},
                            {"type", s(domain::activityTypeKey(a.type))}, {"contacts", contacts}, {"team", team},
                            {"summary", s(a.summary)}, {"next_step", s(a.nextStep)}});
        }
        json j;
        j["account"] = s(account.name);
        j["since"] = dateOrNull(since);
        j["activities"] = list;
        out << QString::fromStdString(j.dump(2)) << '\n';
        return Ok;
    }
    for (const domain::Activity &a : log)
        out << QStringLiteral("%1  %2 %3  with %4%5\n")
                   .arg(a.date.toString(Qt::ISODate), domain::activityTypeName(a.type).leftJustified(16), a.summary)
                   .arg(a.contactIds.empty() ? QStringLiteral("(internal)") : names(a.contactIds, contactName).join(QStringLiteral(", ")))
                   .arg(a.nextStep.isEmpty() ? QString() : QStringLiteral("; next: ") + a.nextStep);
    out << QStringLiteral("%1 activities\n").arg(log.size());
    return Ok;
}

int runHealth(QCommandLineParser &p, QTextStream &out, QTextStream &err)
{
    const QString file = requireFile(p);
    if (p.isSet(QStringLiteral("recompute"))) {
        if (p.isSet(QStringLiteral("account")) || p.isSet(QStringLiteral("as-of")))
            throw UsageProblem{QStringLiteral("--recompute takes no --account or --as-of: it recomputes every stored score")};
        auto portfolio = services::Portfolio::open(file);
        if (portfolio->isReadOnly()) {
            err << QStringLiteral("%1: %2\n").arg(portfolio->path(), portfolio->readOnlyReason());
            return DataError;
        }
        const qint64 n = services::HealthService(*portfolio).recomputeAll();
        out << QStringLiteral("Recomputed %1 health scores in %2\n").arg(n).arg(portfolio->path());
        return Ok;
    }
    QDate asOf = services::today();
    if (p.isSet(QStringLiteral("as-of"))) {
        asOf = QDate::fromString(p.value(QStringLiteral("as-of")), Qt::ISODate);
        if (!asOf.isValid())
            throw UsageProblem{QStringLiteral("--as-of must be a date like 2026-11-23, not '%1'").arg(p.value(QStringLiteral("as-of")))};
    }
    auto portfolio = openForReading(file);
    services::HealthService service(*portfolio);
    std::vector<std::pair<QString, services::AccountHealth>> rows;
    if (p.isSet(QStringLiteral("account"))) {
        const domain::Account account = requireAccount(*portfolio, p.value(QStringLiteral("account")));
        rows.emplace_back(account.name, service.healthOf(account.id, asOf));
    } else {
        QHash<qint64, QString> names;
        for (const auto &[id, name] : services::query::accountNames(*portfolio))
            names.insert(id, name);
        for (auto &h : service.healthOfAll(asOf))
            rows.emplace_back(names.value(h.accountId), std::move(h));
    }
    if (p.isSet(QStringLiteral("json"))) {
        json list = json::array();
        for (const auto &[name, h] : rows)
            list.push_back(healthJson(h, name));
        json j;
        j["as_of"] = s(asOf.toString(Qt::ISODate));
        j["accounts"] = list;
        out << QString::fromStdString(j.dump(2)) << '\n';
        return Ok;
    }
    for (const auto &[name, h] : rows) {
        const QString trend = h.trend == domain::Trend::Up ? QStringLiteral("↑") : h.trend == domain::Trend::Down ? QStringLiteral("↓") : QStringLiteral("→");
        out << QStringLiteral("%1 %2 %3 %4 confidence %5%%6\n")
                   .arg(name.left(32), -32)
                   .arg(domain::formatHealthScore(h.now.score), 3)
                   .arg(domain::healthBandName(h.now.band), -17)
                   .arg(trend)
                   .arg(h.now.confidence * 100.0, 0, 'f', 0)
                   .arg(h.now.stale.empty() ? QString() : QStringLiteral("  stale: %1").arg([&] {
                       QStringList l;
                       for (auto m : h.now.stale)
                           l << domain::measureKey(m);
                       return l.join(QStringLiteral(", "));
                   }()));
        if (rows.size() == 1) {
            for (int i = 0; i < domain::kMeasureCount; ++i)
                if (h.now.measureScores[size_t(i)])
                    out << QStringLiteral("  %1 %2 -> %3 points\n")
                               .arg(domain::measureName(domain::Measure(i)), -18)
                               .arg(*h.now.measureScores[size_t(i)], 6, 'f', 1)
                               .arg(h.now.contributions[size_t(i)], 0, 'f', 2);
            if (!h.whatChanged.empty()) {
                out << QStringLiteral("  What changed since %1:\n").arg(h.comparedWith.toString(Qt::ISODate));
                for (const auto &c : h.whatChanged)
                    if (std::abs(c.delta()) >= 0.005)
                        out << QStringLiteral("    %1 %2%3\n").arg(domain::measureName(c.measure), -18).arg(c.delta() > 0 ? QStringLiteral("+") : QString()).arg(c.delta(), 0, 'f', 2);
            }
        }
    }
    return Ok;
}

} // namespace

CommandList accountCommands()
{
    return {
        {QStringLiteral("accounts"),
         {QStringLiteral("List accounts with quadrant and suggested tier"),
          QStringLiteral("accounts FILE [--json] [--tier N] [--owner NAME]"),
          [](QCommandLineParser &p) {
              p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
              p.addOption({QStringLiteral("tier"), QStringLiteral("Only accounts in tier N (1, 2 or 3)."), QStringLiteral("N")});
              p.addOption({QStringLiteral("owner"), QStringLiteral("Only accounts owned by NAME."), QStringLiteral("NAME")});
          },
          runAccounts}},
        {QStringLiteral("whitespace"),
         {QStringLiteral("An account's whitespace grid, or the book's open whitespace by industry or tier"),
          QStringLiteral("whitespace FILE (--account NAME | --by industry|tier) [--json]"),
          [](QCommandLineParser &p) {
              p.addOption({QStringLiteral("account"), QStringLiteral("The account (name, any case)."), QStringLiteral("NAME")});
              p.addOption({QStringLiteral("by"), QStringLiteral("Whole book: open whitespace per product and industry or tier."), QStringLiteral("GROUP")});
              p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
          },
          runWhitespace}},
        {QStringLiteral("pipeline"),
         {QStringLiteral("Opportunities with weighted amounts and totals"),
          QStringLiteral("pipeline FILE [--account NAME] [--json]"),
          [](QCommandLineParser &p) {
              p.addOption({QStringLiteral("account"), QStringLiteral("Only this account's opportunities."), QStringLiteral("NAME")});
              p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
          },
          runPipeline}},
        {QStringLiteral("stakeholders"),
         {QStringLiteral("An account's contacts with role, stance, coverage, multithreading depth and gaps"),
          QStringLiteral("stakeholders FILE --account NAME [--today DATE] [--json]"),
          [](QCommandLineParser &p) {
              p.addOption({QStringLiteral("account"), QStringLiteral("The account (name, any case)."), QStringLiteral("NAME")});
              p.addOption({QStringLiteral("today"), QStringLiteral("Reference date for depth and gaps (default: today)."), QStringLiteral("DATE")});
              p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
          },
          runStakeholders}},
        {QStringLiteral("activities"),
         {QStringLiteral("An account's activity log, newest first"),
          QStringLiteral("activities FILE --account NAME [--since DATE] [--json]"),
          [](QCommandLineParser &p) {
              p.addOption({QStringLiteral("account"), QStringLiteral("The account (name, any case)."), QStringLiteral("NAME")});
              p.addOption({QStringLiteral("since"), QStringLiteral("Only activities on or after DATE."), QStringLiteral("DATE")});
              p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
          },
          runActivities}},
        {QStringLiteral("health"),
         {QStringLiteral("Health score, band, confidence, trend and explanation per account"),
          QStringLiteral("health FILE [--account NAME] [--as-of DATE] [--json] | health FILE --recompute"),
          [](QCommandLineParser &p) {
              p.addOption({QStringLiteral("account"), QStringLiteral("Only this account (name, any case)."), QStringLiteral("NAME")});
              p.addOption({QStringLiteral("as-of"), QStringLiteral("Score as of DATE (default: today)."), QStringLiteral("DATE")});
              p.addOption({QStringLiteral("recompute"), QStringLiteral("Recompute and store every account's score history.")});
              p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
          },
          runHealth}},
    };
}

} // namespace keystone::cli
