// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "clicommands.h"

#include "keystone/domain/money.h"
#include "keystone/domain/validation.h"
#include "keystone/io/csv.h"
#include "keystone/io/importspec.h"
#include "keystone/services/accountoverview.h"
#include "keystone/services/exchangeservice.h"
#include "keystone/services/importservice.h"
#include "keystone/services/outputfile.h"
#include "keystone/services/bookservice.h"
#include "keystone/services/demogenerator.h"
#include "keystone/services/healthservice.h"
#include "keystone/services/history.h"
#include "keystone/services/planservice.h"
#include "keystone/services/qbr.h"
#include "keystone/report/qbrreport.h"
#include "keystone/services/snapshotservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/relationshipservice.h"
#include "keystone/services/portfolioinfo.h"
#include "keystone/services/validationerror.h"
#include "keystone/services/whitespaceservice.h"
#include "keystone/domain/opportunity.h"
#include "keystone/domain/whitespace.h"
#include "keystone/storage/backups.h"
#include "keystone/storage/database.h"
#include "keystone/storage/storageerror.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <nlohmann/json.hpp>

#include <functional>
#include <cmath>
#include <map>

namespace keystone::cli {

namespace {

using nlohmann::json;

std::string s(const QString &text)
{
    return text.toStdString();
}

struct Command {
    QString summary;
    QString synopsis;
    std::function<void(QCommandLineParser &)> options;
    std::function<int(QCommandLineParser &, QTextStream &, QTextStream &)> run;
};

// A usage problem found while running a command (bad flag value, missing argument).
struct UsageProblem {
    QString message;
};

QString requireFile(QCommandLineParser &p)
{
    const QStringList pos = p.positionalArguments();
    if (pos.isEmpty())
        throw UsageProblem{QStringLiteral("missing the portfolio FILE argument")};
    if (pos.size() > 1)
        throw UsageProblem{QStringLiteral("unexpected argument '%1'").arg(pos.at(1))};
    return pos.first();
}

// --today: a real date in the years Keystone's dates live in (1900 to 2200, as the forms).
QDate todayOption(QCommandLineParser &p)
{
    if (!p.isSet(QStringLiteral("today")))
        return QDate::currentDate();
    const QDate d = QDate::fromString(p.value(QStringLiteral("today")), Qt::ISODate);
    if (!d.isValid() || d.year() < 1900 || d.year() > 2200)
        throw UsageProblem{QStringLiteral("--today must be a date from 1900-01-01 to 2200-12-31 like 2026-11-23, not '%1'").arg(p.value(QStringLiteral("today")))};
    return d;
}

// --force: the one way to let a command replace an existing file (never a portfolio).
void addForceOption(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("force"), QStringLiteral("Replace an existing output file (never a portfolio or its -wal, -shm or .lock).")});
}

services::Replace replaceOption(const QCommandLineParser &p)
{
    return p.isSet(QStringLiteral("force")) ? services::Replace::Allow : services::Replace::Refuse;
}

int intOption(QCommandLineParser &p, const QString &name, int fallback, int lo, int hi)
{
    if (!p.isSet(name))
        return fallback;
    bool ok = false;
    const int v = p.value(name).toInt(&ok);
    if (!ok || v < lo || v > hi)
        throw UsageProblem{QStringLiteral("--%1 must be a whole number from %2 to %3, not '%4'").arg(name).arg(lo).arg(hi).arg(p.value(name))};
    return v;
}

std::unique_ptr<services::Portfolio> openForReading(const QString &file)
{
    storage::OpenOptions o;
    o.readOnly = true;
    o.inspectOnly = true;
    return services::Portfolio::open(file, std::move(o));
}

// --- demo ------------------------------------------------------------------------------

int runDemo(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    if (!p.positionalArguments().isEmpty())
        throw UsageProblem{QStringLiteral("unexpected argument '%1' (the output file goes after --out)").arg(p.positionalArguments().first())};
    if (!p.isSet(QStringLiteral("out")))
        throw UsageProblem{QStringLiteral("--out FILE is required")};
    services::DemoOptions o;
    o.accounts = intOption(p, QStringLiteral("accounts"), 60, 0, 1'000'000);
    if (p.isSet(QStringLiteral("seed"))) {
        bool ok = false;
        o.seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok)
            throw UsageProblem{QStringLiteral("--seed must be a non-negative whole number, not '%1'").arg(p.value(QStringLiteral("seed")))};
    }
    if (p.isSet(QStringLiteral("today")))
        o.today = todayOption(p);
    const QString file = p.value(QStringLiteral("out"));
    QString kept;
    if (p.isSet(QStringLiteral("force")) && (QFileInfo::exists(file) || QFileInfo::exists(file + QStringLiteral(".lock")))) {
        // A portfolio there is never deleted: refused while open anywhere, else kept whole
        // as FILE.replaced-<timestamp>. Any other file is replaced (never a portfolio's
        // -wal, -shm or lock, nor a folder).
        if (services::isPortfolioFile(file)) {
            kept = storage::setPortfolioAside(file);
        } else {
            services::checkOutputTarget(file, services::Replace::Allow);
            if (!QFile::remove(file))
                throw storage::StorageError(storage::StorageError::Code::Io, file, QStringLiteral("%1 cannot be replaced").arg(file));
        }
    }
    const services::DemoResult r = services::generateDemo(file, o);
    out << QStringLiteral("Wrote %1: %2 accounts, %3 team members (%4 rows in %5 ms)\n")
               .arg(QFileInfo(file).absoluteFilePath()).arg(r.accounts).arg(r.teamMembers).arg(r.rows)
               .arg(r.elapsedMs, 0, 'f', 1);
    if (!kept.isEmpty())
        out << QStringLiteral("The portfolio it replaced is kept as %1\n").arg(kept);
    return Ok;
}

// --- info ------------------------------------------------------------------------------

int runInfo(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    const QString file = requireFile(p);
    auto portfolio = openForReading(file);
    const services::PortfolioInfo info = services::portfolioInfo(*portfolio);
    if (p.isSet(QStringLiteral("json"))) {
        json j;
        j["file"] = s(portfolio->path());
        j["schema_version"] = info.schemaVersion;
        json counts = json::object();
        for (auto it = info.counts.cbegin(); it != info.counts.cend(); ++it)
            counts[s(it.key())] = it.value();
        j["counts"] = counts;
        j["total_arr_cents"] = info.totalArrCents;
        j["currency"] = s(info.currency);
        j["file_bytes"] = info.fileBytes;
        out << QString::fromStdString(j.dump(2)) << '\n';
        return Ok;
    }
    out << QStringLiteral("File:             %1\n").arg(portfolio->path());
    out << QStringLiteral("Schema version:   %1\n").arg(info.schemaVersion);
    for (auto it = info.counts.cbegin(); it != info.counts.cend(); ++it)
        out << QStringLiteral("%1 %2\n").arg(it.key() + QLatin1Char(':'), -17).arg(it.value());
    out << QStringLiteral("Total ARR:        %1\n").arg(domain::formatMoney(info.totalArrCents, info.currency, true));
    out << QStringLiteral("File size:        %1 bytes\n").arg(info.fileBytes);
    return Ok;
}

// --- check -----------------------------------------------------------------------------

int runCheck(QCommandLineParser &p, QTextStream &out, QTextStream &err)
{
    const QString file = requireFile(p);
    auto portfolio = openForReading(file); // refuses non-portfolios, newer schemas, quick_check failures
    const bool full = p.isSet(QStringLiteral("full"));
    QStringList problems = portfolio->database().check(full);
    QString repair;
    if (full && problems.isEmpty()) {
        const QList<qint64> stale = portfolio->accounts().staleExpansionTotals();
        for (qint64 id : stale.mid(0, 20))
            problems << QStringLiteral("account %1: cached whitespace or pipeline totals differ from its cells and opportunities").arg(id);
        const QList<qint64> staleContacts = portfolio->contacts().staleLastInteractions();
        for (qint64 id : staleContacts.mid(0, 20))
            problems << QStringLiteral("contact %1: cached last interaction differs from the activity log").arg(id);
        // Values the forms and imports refuse today, stored by an older build or by hand.
        const QStringList values = services::ExchangeService(*portfolio).storedValueProblems();
        problems << values;
        if (!values.isEmpty())
            repair = QStringLiteral("To repair the values named above: correct each field in Keystone (the account's page, or the catalog), "
                                    "or run `keystone-cli export %1 --json all.json`, correct the named fields in all.json, and import it into "
                                    "a new portfolio with `keystone-cli import NEW.keystone --json all.json` (the import names any value still wrong).")
                         .arg(file);
    }
    const int version = portfolio->database().schemaVersion();
    if (!problems.isEmpty()) {
        err << QStringLiteral("%1: %2 failed:\n").arg(portfolio->path(), full ? QStringLiteral("the full check") : QStringLiteral("quick check"));
        for (const QString &line : problems)
            err << QStringLiteral("  %1\n").arg(line);
        if (!repair.isEmpty())
            err << repair << '\n';
        return DataError;
    }
    out << QStringLiteral("ok: %1 (schema version %2 of %3; %4)\n")
               .arg(portfolio->path()).arg(version).arg(storage::Database::latestSchemaVersion())
               .arg(full ? QStringLiteral("integrity_check, foreign_key_check, cached totals and value checks passed") : QStringLiteral("quick_check passed"));
    return Ok;
}

// --- accounts --------------------------------------------------------------------------

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
    if (!ownerFilter.isEmpty() && !portfolio->team().byName(ownerFilter))
        throw services::ValidationError(QStringLiteral("--owner"),
                                        {{QStringLiteral("owner"), QStringLiteral("no team member named '%1' in %2").arg(ownerFilter, portfolio->path())}});
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

domain::Account requireAccount(services::Portfolio &portfolio, const QString &name)
{
    if (name.trimmed().isEmpty())
        throw UsageProblem{QStringLiteral("--account NAME is required")};
    const auto account = portfolio.accounts().byName(name);
    if (!account)
        throw services::ValidationError(QStringLiteral("--account"),
                                        {{QStringLiteral("account"), QStringLiteral("no account named '%1' in %2").arg(name, portfolio.path())}});
    return *account;
}

// --- whitespace -----------------------------------------------------------------------

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
    const auto centers = portfolio->whitespace().buyingCenters(account.id);
    const auto products = portfolio->whitespace().products();
    const auto cells = portfolio->whitespace().cells(account.id);
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

// --- pipeline -------------------------------------------------------------------------

int runPipeline(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    const QString file = requireFile(p);
    auto portfolio = openForReading(file);
    std::vector<domain::Opportunity> ops;
    QString scope = QStringLiteral("portfolio");
    if (p.isSet(QStringLiteral("account"))) {
        const domain::Account account = requireAccount(*portfolio, p.value(QStringLiteral("account")));
        ops = portfolio->opportunities().byAccount(account.id);
        scope = account.name;
    } else {
        ops = portfolio->opportunities().all();
    }
    QHash<qint64, QString> accountName, ownerName;
    for (const auto &m : portfolio->team().all())
        ownerName.insert(m.id, m.name);
    if (!p.isSet(QStringLiteral("account"))) {
        for (const auto &a : portfolio->accounts().all())
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

// --- relationships ---------------------------------------------------------------------



json dateOrNull(const QDate &d)
{
    return d.isValid() ? json(s(d.toString(Qt::ISODate))) : json(nullptr);
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
    const auto log = portfolio->activities().forAccount(account.id, since);
    QHash<qint64, QString> contactName, teamName;
    for (const domain::Contact &c : portfolio->contacts().forAccount(account.id))
        contactName.insert(c.id, c.name);
    for (const auto &t : portfolio->team().all())
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

// --- health ------------------------------------------------------------------------------

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
    QDate asOf = QDate::currentDate();
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
        for (const auto &[id, name] : portfolio->accounts().names())
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
                   .arg(h.now.score, 6, 'f', 2)
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

QDate dateOption(QCommandLineParser &p, const QString &name, const QDate &fallback)
{
    if (!p.isSet(name))
        return fallback;
    const QDate d = QDate::fromString(p.value(name), Qt::ISODate);
    if (!d.isValid())
        throw UsageProblem{QStringLiteral("--%1 must be a date like 2026-11-23, not '%2'").arg(name, p.value(name))};
    return d;
}

std::string bandKey(int column)
{
    return s(services::bandColumnName(column).toLower().replace(QLatin1Char(' '), QLatin1Char('_')));
}

json ratioOrNull(const std::optional<double> &v)
{
    return v ? json(std::round(*v * 10000.0) / 10000.0) : json(nullptr);
}

json retentionJson(const domain::Retention &r)
{
    return {{"accounts", r.accounts}, {"nrr", ratioOrNull(r.nrr)}, {"grr", ratioOrNull(r.grr)},
            {"start_arr_cents", r.startCents}, {"end_arr_cents", r.endCents}, {"expansion_cents", r.expansionCents},
            {"contraction_cents", r.contractionCents}, {"churned_cents", r.churnedCents}, {"excluded_new", r.excludedNew}};
}

QString percentText(const std::optional<double> &v)
{
    return v ? QStringLiteral("%1%").arg(*v * 100.0, 0, 'f', 1) : QStringLiteral("n/a");
}

// The owner filter shared by `portfolio` and `signals`.
services::BookFilter ownerFilter(QCommandLineParser &p, services::Portfolio &portfolio)
{
    services::BookFilter filter;
    if (p.isSet(QStringLiteral("owner"))) {
        const auto member = portfolio.team().byName(p.value(QStringLiteral("owner")));
        if (!member)
            throw services::ValidationError(QStringLiteral("--owner"),
                                            {{QStringLiteral("owner"), QStringLiteral("no team member named '%1' in %2").arg(p.value(QStringLiteral("owner")), portfolio.path())}});
        filter.ownerId = member->id;
    }
    return filter;
}

int runPortfolio(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    const QString file = requireFile(p);
    const QDate asOf = dateOption(p, QStringLiteral("as-of"), QDate::currentDate());
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
    const QDate today = dateOption(p, QStringLiteral("today"), QDate::currentDate());
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

json realOrNull(const std::optional<double> &v)
{
    return v ? json(*v) : json(nullptr);
}

int runPlan(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    const QString file = requireFile(p);
    auto portfolio = openForReading(file);
    const domain::Account account = requireAccount(*portfolio, p.value(QStringLiteral("account")));
    const QDate today = todayOption(p);
    const auto plan = services::PlanService(*portfolio).load(account.id, today);
    if (!plan)
        throw services::ValidationError(QStringLiteral("plan"), {{QStringLiteral("account"), QStringLiteral("no account %1").arg(account.name)}});
    QHash<qint64, QString> team;
    for (const domain::TeamMember &m : portfolio->team().all())
        team.insert(m.id, m.name);
    auto person = [&team](qint64 id) { return id > 0 ? json(s(team.value(id))) : json(nullptr); };
    const QDate lastReviewed = plan->reviews.empty() ? QDate() : plan->reviews.front().date;
    if (p.isSet(QStringLiteral("json"))) {
        json priorities = json::array();
        for (const domain::Priority &x : plan->priorities)
            priorities.push_back({{"id", x.id}, {"uuid", s(x.uuid)}, {"position", x.position}, {"text", s(x.text)},
                                  {"metric", x.metric.isEmpty() ? json(nullptr) : json(s(x.metric))}, {"baseline", realOrNull(x.baseline)},
                                  {"target", realOrNull(x.target)}, {"current", realOrNull(x.current)}, {"unit", s(x.unit)}});
        json risks = json::array();
        for (const domain::Risk &x : plan->risks)
            risks.push_back({{"id", x.id}, {"uuid", s(x.uuid)}, {"description", s(x.description)}, {"severity", s(domain::riskLevelKey(x.severity))},
                             {"likelihood", s(domain::riskLevelKey(x.likelihood))}, {"mitigation", s(x.mitigation)}, {"owner", person(x.ownerId)},
                             {"status", s(domain::riskStatusKey(x.status))}});
        json actions = json::array();
        for (const domain::PlanAction &x : plan->actions)
            actions.push_back({{"id", x.id}, {"uuid", s(x.uuid)}, {"what", s(x.what)}, {"owner", person(x.ownerId)}, {"due", dateOrNull(x.due)},
                               {"status", s(domain::actionStatusKey(x.status))}, {"done_on", dateOrNull(x.doneOn)},
                               {"days_overdue", x.daysOverdue(today)}});
        json values = json::array();
        for (const domain::ValueDelivered &x : plan->values) {
            const auto change = x.change();
            values.push_back({{"id", x.id}, {"uuid", s(x.uuid)}, {"metric", s(x.metric)}, {"baseline", realOrNull(x.baseline)},
                              {"current", realOrNull(x.current)}, {"unit", s(x.unit)}, {"change", change ? json(*change) : json(nullptr)},
                              {"impact_cents", x.impactCents}, {"date", dateOrNull(x.date)}});
        }
        json requests = json::array();
        QHash<qint64, QString> contactNames;
        for (const domain::Contact &c : portfolio->contacts().forAccount(account.id))
            contactNames.insert(c.id, c.name);
        for (const domain::ReferenceRequest &x : plan->referenceRequests)
            requests.push_back({{"contact", s(contactNames.value(x.contactId))}, {"date", dateOrNull(x.date)}, {"purpose", s(x.purpose)}});
        const json advocacy{{"referenceable", account.referenceable},
                            {"case_study", s(domain::caseStudyStatusKey(plan->advocacy.caseStudy))},
                            {"advisory_board", plan->advocacy.advisoryBoard},
                            {"nps", plan->nps ? json(*plan->nps) : json(nullptr)},
                            {"nps_date", dateOrNull(plan->npsDate)},
                            {"reference_requests", requests}};
        auto milestonesJson = [&today](const std::vector<domain::Milestone> &items) {
            json list = json::array();
            for (const domain::Milestone &x : items)
                list.push_back({{"id", x.id}, {"uuid", s(x.uuid)}, {"what", s(x.what)}, {"due", dateOrNull(x.due)}, {"done_on", dateOrNull(x.doneOn)},
                                {"days_overdue", x.daysOverdue(today)}});
            return list;
        };
        json objectives = json::array();
        for (const domain::Objective &x : plan->objectives) {
            const auto progress = x.progress();
            objectives.push_back({{"id", x.id}, {"uuid", s(x.uuid)}, {"position", x.position}, {"text", s(x.text)},
                                  {"metric", x.metric.isEmpty() ? json(nullptr) : json(s(x.metric))}, {"baseline", realOrNull(x.baseline)},
                                  {"target", realOrNull(x.target)}, {"current", realOrNull(x.current)}, {"unit", s(x.unit)},
                                  {"progress", progress ? json(*progress) : json(nullptr)}});
        }
        json champions = json::array();
        json deciders = json::array();
        for (const domain::SuccessContact &x : plan->successContacts)
            (x.role == domain::SuccessRole::Champion ? champions : deciders).push_back(s(contactNames.value(x.contactId)));
        const auto ttfv = domain::timeToFirstValue(plan->successPlan);
        const domain::RoadmapStatus &road = plan->roadmap;
        const json successPlan{{"starts_on", dateOrNull(plan->successPlan.startsOn)},
                               {"first_value_on", dateOrNull(plan->successPlan.firstValueOn)},
                               {"time_to_first_value_days", ttfv ? json(*ttfv) : json(nullptr)},
                               {"roadmap_day", road.day ? json(*road.day) : json(nullptr)},
                               {"milestones_done", road.done},
                               {"milestones_overdue", road.overdue},
                               {"objectives", objectives},
                               {"milestones", milestonesJson(plan->successMilestones)},
                               {"champions", champions},
                               {"decision_makers", deciders}};
        const json remediation{{"at_risk", plan->atRisk},
                               {"executive_sponsor", person(plan->remediation.sponsorId)},
                               {"root_cause", s(plan->remediation.rootCause)},
                               {"opened_on", dateOrNull(plan->remediation.openedOn)},
                               {"milestones", milestonesJson(plan->remediationMilestones)}};
        json reviews = json::array();
        for (const domain::PlanReview &x : plan->reviews)
            reviews.push_back({{"date", dateOrNull(x.date)}, {"reviewer", person(x.reviewerId)}, {"note", s(x.note)}});
        json parts = json::object();
        for (const domain::PlanPartResult &r : plan->completeness.parts) {
            json missing = json::array();
            for (const QString &m : r.missing)
                missing.push_back(s(m));
            parts[domain::planPartKey(r.part).toStdString()] = {{"name", s(domain::planPartName(r.part))}, {"met", r.met}, {"missing", missing}};
        }
        json j;
        j["account"] = s(account.name);
        j["as_of"] = s(today.toString(Qt::ISODate));
        j["tier"] = int(plan->tier);
        j["refresh_days"] = plan->refreshDays;
        j["completeness"] = plan->completeness.percent;
        j["parts"] = parts;
        j["freshness_days"] = plan->freshness.days ? json(*plan->freshness.days) : json(nullptr);
        j["stale"] = plan->freshness.stale;
        j["last_reviewed"] = dateOrNull(lastReviewed);
        j["priorities"] = priorities;
        j["risks"] = risks;
        j["no_known_risks_on"] = dateOrNull(plan->noKnownRisksOn);
        j["actions"] = actions;
        j["value_delivered"] = values;
        j["advocacy"] = advocacy;
        j["phase"] = s(domain::lifecycleKey(plan->phase));
        j["success_plan"] = successPlan;
        j["remediation"] = remediation;
        j["reviews"] = reviews;
        out << QString::fromStdString(j.dump(2)) << '\n';
        return Ok;
    }
    out << QStringLiteral("%1: plan %2% complete, %3\n")
               .arg(account.name)
               .arg(plan->completeness.percent)
               .arg(plan->freshness.days ? QStringLiteral("reviewed %1 days ago%2 (limit %3)")
                                               .arg(*plan->freshness.days)
                                               .arg(plan->freshness.stale ? QStringLiteral(", stale") : QString())
                                               .arg(plan->refreshDays)
                                         : QStringLiteral("never reviewed (stale)"));
    for (const domain::PlanPartResult &r : plan->completeness.parts)
        out << QStringLiteral("  [%1] %2%3\n").arg(r.met ? QStringLiteral("x") : QStringLiteral(" "), domain::planPartName(r.part),
                                                  r.met ? QString() : QStringLiteral(": ") + r.missing.join(QStringLiteral("; ")));
    out << "Priorities:\n";
    for (const domain::Priority &x : plan->priorities) {
        out << QStringLiteral("  %1. %2").arg(x.position + 1).arg(x.text);
        auto num = [](const std::optional<double> &v) { return v ? QString::number(*v) : QStringLiteral("?"); };
        if (!x.metric.isEmpty())
            out << QStringLiteral(" (%1: %2 -> %3, target %4%5)")
                       .arg(x.metric, num(x.baseline), num(x.current), num(x.target), x.unit.isEmpty() ? QString() : QStringLiteral(" ") + x.unit);
        out << '\n';
    }
    out << "Risks:\n";
    for (const domain::Risk &x : plan->risks)
        out << QStringLiteral("  %1 %2/%3 %4 (owner: %5)\n")
                   .arg(domain::riskStatusName(x.status), -10).arg(domain::riskLevelName(x.severity)).arg(domain::riskLevelName(x.likelihood))
                   .arg(x.description).arg(x.ownerId > 0 ? team.value(x.ownerId) : QStringLiteral("none"));
    if (plan->noKnownRisksOn.isValid())
        out << QStringLiteral("  \"No known risks\" confirmed %1\n").arg(plan->noKnownRisksOn.toString(Qt::ISODate));
    if (!plan->values.empty())
        out << "Value delivered:\n";
    for (const domain::ValueDelivered &x : plan->values) {
        auto num = [](const std::optional<double> &v) { return v ? QString::number(*v) : QStringLiteral("?"); };
        out << QStringLiteral("  %1 %2: %3 -> %4%5%6\n")
                   .arg(x.date.toString(Qt::ISODate), x.metric, num(x.baseline), num(x.current), x.unit.isEmpty() ? QString() : QStringLiteral(" ") + x.unit)
                   .arg(x.impactCents > 0 ? QStringLiteral(", worth %1 a year").arg(domain::formatMoney(x.impactCents, account.arr.currency)) : QString());
    }
    out << QStringLiteral("Advocacy: %1referenceable, case study %2, %3advisory board, NPS %4, %5 reference request(s)\n")
               .arg(account.referenceable ? QString() : QStringLiteral("not "), domain::caseStudyStatusName(plan->advocacy.caseStudy).toLower(),
                    plan->advocacy.advisoryBoard ? QStringLiteral("on the ") : QStringLiteral("not on the "),
                    plan->nps ? QString::number(*plan->nps) : QStringLiteral("none"))
               .arg(plan->referenceRequests.size());
    out << "Actions:\n";
    for (const domain::PlanAction &x : plan->actions) {
        const int late = x.daysOverdue(today);
        out << QStringLiteral("  %1 %2 %3 (owner: %4)%5\n")
                   .arg(domain::actionStatusName(x.status), -9).arg(x.due.isValid() ? x.due.toString(Qt::ISODate) : QStringLiteral("no date"), -10)
                   .arg(x.what).arg(x.ownerId > 0 ? team.value(x.ownerId) : QStringLiteral("none"))
                   .arg(late > 0 ? QStringLiteral(", %1 days overdue").arg(late) : QString());
    }
    auto printMilestones = [&out, &today](const std::vector<domain::Milestone> &items) {
        for (const domain::Milestone &x : items) {
            const int late = x.daysOverdue(today);
            out << QStringLiteral("  %1 %2%3\n")
                       .arg(x.due.toString(Qt::ISODate), x.what)
                       .arg(x.done() ? QStringLiteral(" (done %1)").arg(x.doneOn.toString(Qt::ISODate))
                            : late > 0 ? QStringLiteral(" (%1 days overdue)").arg(late)
                                       : QString());
        }
    };
    if (plan->successPlan.startsOn.isValid() || !plan->objectives.empty() || !plan->successMilestones.empty()) {
        const auto ttfv = domain::timeToFirstValue(plan->successPlan);
        out << QStringLiteral("Joint success plan: started %1%2%3\n")
                   .arg(plan->successPlan.startsOn.isValid() ? plan->successPlan.startsOn.toString(Qt::ISODate) : QStringLiteral("(not yet)"))
                   .arg(plan->roadmap.day ? QStringLiteral(", day %1 of 90").arg(*plan->roadmap.day) : QString())
                   .arg(ttfv ? QStringLiteral(", first value after %1 days").arg(*ttfv) : QStringLiteral(", no first value yet"));
        for (const domain::Objective &x : plan->objectives)
            out << QStringLiteral("  objective %1. %2\n").arg(x.position + 1).arg(x.text);
        printMilestones(plan->successMilestones);
    }
    if (plan->atRisk || !plan->remediation.isEmpty() || !plan->remediationMilestones.empty()) {
        out << QStringLiteral("Remediation plan%1: sponsor %2, root cause: %3\n")
                   .arg(plan->atRisk ? QString() : QStringLiteral(" (no longer at risk)"))
                   .arg(plan->remediation.sponsorId > 0 ? team.value(plan->remediation.sponsorId) : QStringLiteral("none"))
                   .arg(plan->remediation.rootCause.isEmpty() ? QStringLiteral("not recorded") : plan->remediation.rootCause);
        printMilestones(plan->remediationMilestones);
    }
    return Ok;
}

int runHistory(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    const QString file = requireFile(p);
    const int limit = intOption(p, QStringLiteral("limit"), 200, 1, 1000000);
    auto portfolio = openForReading(file);
    const domain::Account account = requireAccount(*portfolio, p.value(QStringLiteral("account")));
    const auto entries = services::loadHistory(*portfolio, account.id, limit);
    if (p.isSet(QStringLiteral("json"))) {
        json changes = json::array();
        for (const services::HistoryEntry &e : entries)
            changes.push_back({{"at", s(e.at.toString(Qt::ISODateWithMs))}, {"entity", s(e.entity)}, {"kind", s(e.kind)}, {"item", s(e.item)},
                               {"action", s(e.action)}, {"field", e.field.isEmpty() ? json(nullptr) : json(s(e.field))},
                               {"change", s(e.change)}, {"before", e.action == QLatin1String("changed") ? json(s(e.before)) : json(nullptr)},
                               {"after", e.action == QLatin1String("changed") ? json(s(e.after)) : json(nullptr)}});
        json j;
        j["account"] = s(account.name);
        j["changes"] = changes;
        out << QString::fromStdString(j.dump(2)) << '\n';
        return Ok;
    }
    out << QStringLiteral("%1: %2 change(s), newest first\n").arg(account.name).arg(entries.size());
    for (const services::HistoryEntry &e : entries) {
        out << QStringLiteral("  %1  %2 %3: %4").arg(e.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), e.kind, e.item, e.change);
        if (e.action == QLatin1String("changed"))
            out << QStringLiteral(" %1 -> %2").arg(e.before, e.after);
        out << '\n';
    }
    return Ok;
}

int runSnapshot(QCommandLineParser &p, QTextStream &out, QTextStream &err)
{
    if (p.positionalArguments().isEmpty())
        throw UsageProblem{QStringLiteral("missing the portfolio FILE argument")};
    const QString file = p.positionalArguments().first(); // --compare takes a second label after it
    const bool take = p.isSet(QStringLiteral("label"));
    const bool compare = p.isSet(QStringLiteral("compare"));
    const bool list = p.isSet(QStringLiteral("list"));
    if (int(take) + int(compare) + int(list) != 1)
        throw UsageProblem{QStringLiteral("give one of --label LABEL (take a snapshot), --compare A B, or --list")};
    const QStringList rest = p.positionalArguments().mid(1);
    if (compare && rest.size() != 1)
        throw UsageProblem{QStringLiteral("--compare needs two labels: --compare LABEL_A LABEL_B")};
    if (!compare && !rest.isEmpty())
        throw UsageProblem{QStringLiteral("unexpected argument '%1'").arg(rest.first())};
    const bool asJson = p.isSet(QStringLiteral("json"));
    if (take) {
        auto portfolio = services::Portfolio::open(file);
        if (portfolio->isReadOnly()) {
            err << QStringLiteral("%1: %2\n").arg(portfolio->path(), portfolio->readOnlyReason());
            return DataError;
        }
        const domain::Account account = requireAccount(*portfolio, p.value(QStringLiteral("account")));
        const domain::PlanSnapshot snap = services::SnapshotService(*portfolio).take(account.id, p.value(QStringLiteral("label")), todayOption(p));
        int items = 0;
        for (const domain::SnapshotSection &sec : snap.sections)
            items += int(sec.items.size());
        out << QStringLiteral("Snapshot '%1' of %2 taken (%3 items)\n").arg(snap.label, account.name).arg(items);
        return Ok;
    }
    auto portfolio = openForReading(file);
    const domain::Account account = requireAccount(*portfolio, p.value(QStringLiteral("account")));
    services::SnapshotService snapshots(*portfolio);
    if (list) {
        const auto all = snapshots.list(account.id);
        if (asJson) {
            json arr = json::array();
            for (const domain::PlanSnapshot &snap : all)
                arr.push_back({{"label", s(snap.label)}, {"taken_at", s(snap.takenAt.toString(Qt::ISODateWithMs))}});
            out << QString::fromStdString(json{{"account", s(account.name)}, {"snapshots", arr}}.dump(2)) << '\n';
        } else {
            out << QStringLiteral("%1: %2 snapshot(s)\n").arg(account.name).arg(all.size());
            for (const domain::PlanSnapshot &snap : all)
                out << QStringLiteral("  %1  taken %2\n").arg(snap.label, -12).arg(snap.takenAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
        }
        return Ok;
    }
    const QString labelA = p.value(QStringLiteral("compare"));
    const QString labelB = rest.first();
    const auto a = snapshots.get(account.id, labelA);
    const auto b = snapshots.get(account.id, labelB);
    for (const auto &[snap, label] : {std::pair{&a, labelA}, std::pair{&b, labelB}})
        if (!*snap)
            throw services::ValidationError(QStringLiteral("Snapshot"),
                                            {{QStringLiteral("label"), QStringLiteral("%1 has no snapshot labelled '%2'").arg(account.name, label)}});
    const auto changes = domain::compareSnapshots(*a, *b);
    if (asJson) {
        json arr = json::array();
        for (const domain::SnapshotChange &c : changes) {
            json e{{"section", s(c.section)}, {"item", s(c.item)}, {"change", s(domain::snapshotChangeKindKey(c.kind))}};
            if (c.kind == domain::SnapshotChange::Kind::Changed) {
                e["field"] = s(c.field);
                e["before"] = s(c.before);
                e["after"] = s(c.after);
            }
            arr.push_back(e);
        }
        out << QString::fromStdString(json{{"account", s(account.name)}, {"from", s(labelA)}, {"to", s(labelB)}, {"changes", arr}}.dump(2)) << '\n';
        return Ok;
    }
    out << QStringLiteral("%1: %2 -> %3, %4 change(s)\n").arg(account.name, labelA, labelB).arg(changes.size());
    QString section;
    for (const domain::SnapshotChange &c : changes) {
        if (c.section != section) {
            section = c.section;
            out << section << ":\n";
        }
        if (c.kind == domain::SnapshotChange::Kind::Changed)
            out << QStringLiteral("  ~ %1: %2 '%3' -> '%4'\n").arg(c.item, c.field, c.before, c.after);
        else
            out << QStringLiteral("  %1 %2\n").arg(c.kind == domain::SnapshotChange::Kind::Added ? QStringLiteral("+") : QStringLiteral("-"), c.item);
    }
    return Ok;
}

// --- qbr --------------------------------------------------------------------------------

// One review's options from the command line (shared by --account and --all).
struct QbrRequest {
    services::QbrOptions options;
    report::ReportStyle style;
};

QbrRequest qbrRequest(QCommandLineParser &p)
{
    QbrRequest r;
    if (!p.isSet(QStringLiteral("quarter")))
        throw UsageProblem{QStringLiteral("--quarter is required, e.g. --quarter 2026Q4")};
    r.options.quarter = p.value(QStringLiteral("quarter")).trimmed().toUpper();
    if (!services::quarterRange(r.options.quarter))
        throw UsageProblem{QStringLiteral("--quarter must look like 2026Q4, not '%1'").arg(p.value(QStringLiteral("quarter")))};
    if (p.isSet(QStringLiteral("audience"))) {
        const auto a = services::parseQbrAudience(p.value(QStringLiteral("audience")));
        if (!a)
            throw UsageProblem{QStringLiteral("--audience must be internal or customer, not '%1'").arg(p.value(QStringLiteral("audience")))};
        r.options.audience = *a;
    }
    if (p.isSet(QStringLiteral("today")))
        r.options.today = todayOption(p);
    if (p.isSet(QStringLiteral("prepared-by")))
        r.options.preparedBy = p.value(QStringLiteral("prepared-by")).trimmed();
    if (p.isSet(QStringLiteral("sections"))) {
        r.options.sections.fill(false);
        for (const QString &key : p.value(QStringLiteral("sections")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const auto sec = services::parseQbrSection(key);
            if (!sec) {
                QStringList keys;
                for (int i = 0; i < services::kQbrSectionCount; ++i)
                    keys << services::qbrSectionKey(services::QbrSection(i));
                throw UsageProblem{QStringLiteral("--sections: unknown section '%1' (known: %2)").arg(key, keys.join(QStringLiteral(", ")))};
            }
            r.options.sections[size_t(*sec)] = true;
        }
    }
    if (p.isSet(QStringLiteral("page-size"))) {
        const auto size = report::parsePageSize(p.value(QStringLiteral("page-size")));
        if (!size)
            throw UsageProblem{QStringLiteral("--page-size must be a4 or letter, not '%1'").arg(p.value(QStringLiteral("page-size")))};
        r.style.pageSize = *size;
    }
    if (p.isSet(QStringLiteral("accent"))) {
        const QColor c = QColor::fromString(p.value(QStringLiteral("accent")));
        if (!c.isValid())
            throw UsageProblem{QStringLiteral("--accent must be a colour like #1f5f99, not '%1'").arg(p.value(QStringLiteral("accent")))};
        r.style.accent = c;
    }
    if (p.isSet(QStringLiteral("logo"))) {
        const QString path = p.value(QStringLiteral("logo"));
        if (!r.style.logo.load(path))
            throw services::ValidationError(QStringLiteral("--logo"), {{QStringLiteral("logo"), QStringLiteral("%1 is not a PNG, JPEG or SVG picture that can be read").arg(path)}});
    }
    return r;
}

int runQbr(QCommandLineParser &p, QTextStream &out, QTextStream &err)
{
    const QString file = requireFile(p);
    const bool all = p.isSet(QStringLiteral("all"));
    if (all == p.isSet(QStringLiteral("account")))
        throw UsageProblem{QStringLiteral("give either --account NAME or --all")};
    if (!all && !p.isSet(QStringLiteral("out")))
        throw UsageProblem{QStringLiteral("--out FILE.pdf is required with --account")};
    if (all && !p.isSet(QStringLiteral("out-dir")))
        throw UsageProblem{QStringLiteral("--out-dir DIR is required with --all")};
    if (!all && (p.isSet(QStringLiteral("owner")) || p.isSet(QStringLiteral("tier"))))
        throw UsageProblem{QStringLiteral("--owner and --tier select accounts for --all")};
    const QbrRequest req = qbrRequest(p);
    auto portfolio = openForReading(file);

    if (!all) {
        const domain::Account account = requireAccount(*portfolio, p.value(QStringLiteral("account")));
        const services::QbrData data = services::buildQbr(*portfolio, account.id, req.options);
        QString error;
        const QString path = p.value(QStringLiteral("out"));
        if (!report::writeQbrPdf(data, req.style, path, &error, replaceOption(p))) {
            err << QStringLiteral("keystone-cli qbr: %1\n").arg(error);
            return DataError;
        }
        out << QStringLiteral("Wrote %1 (%2, %3, %4 pages)\n")
                   .arg(path, account.name, services::qbrAudienceKey(data.audience))
                   .arg(report::qbrPageCount(data, req.style));
        return Ok;
    }

    // The whole book or a part of it: data read here, one account at a time, and the PDFs
    // rendered on every core meanwhile (report::writeQbrBatch). A failure on one account is
    // reported; the rest go on.
    const QString dir = p.value(QStringLiteral("out-dir"));
    if (!QDir().mkpath(dir))
        throw services::ValidationError(QStringLiteral("--out-dir"), {{QStringLiteral("out-dir"), QStringLiteral("cannot create the folder %1").arg(dir)}});
    const int tier = intOption(p, QStringLiteral("tier"), 0, 1, 3);
    const QString owner = p.value(QStringLiteral("owner")).trimmed();
    std::vector<services::AccountRow> chosen;
    bool ownerKnown = owner.isEmpty();
    for (services::AccountRow &row : services::loadAccountOverview(*portfolio).rows) {
        if (!owner.isEmpty() && row.ownerName.compare(owner, Qt::CaseInsensitive) == 0)
            ownerKnown = true;
        if (!owner.isEmpty() && row.ownerName.compare(owner, Qt::CaseInsensitive) != 0)
            continue;
        if (tier != 0 && int(row.tier) != tier)
            continue;
        chosen.push_back(std::move(row));
    }
    if (!ownerKnown)
        throw services::ValidationError(QStringLiteral("--owner"), {{QStringLiteral("owner"), QStringLiteral("no account is owned by '%1'").arg(owner)}});
    std::vector<report::QbrBatchAccount> batch;
    QHash<qint64, const services::AccountRow *> rowOf;
    for (const services::AccountRow &row : chosen) {
        batch.push_back({row.account.id, row.account.name});
        rowOf.insert(row.account.id, &row);
    }
    const report::QbrBatchResult result = report::writeQbrBatch(
        batch, [&](qint64 id) { return services::buildQbr(*portfolio, *rowOf.value(id), req.options); }, req.style, dir, {}, 0,
        replaceOption(p));
    for (const QString &f : result.failures)
        err << QStringLiteral("keystone-cli qbr: %1\n").arg(f);
    out << QStringLiteral("Wrote %1 of %2 reviews to %3\n").arg(result.written).arg(batch.size()).arg(dir);
    return result.failures.isEmpty() ? Ok : DataError;
}

// --- backups ----------------------------------------------------------------------------

QString sizeText(qint64 bytes)
{
    return bytes >= 1024 * 1024 ? QStringLiteral("%1 MB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1)
                                : QStringLiteral("%1 KB").arg((bytes + 1023) / 1024);
}

int runBackup(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    const QString file = requireFile(p);
    storage::OpenOptions o;
    o.readOnly = true; // a copy needs no write lock: it works while the app has the file open
    auto db = storage::Database::open(file, std::move(o));
    QString path;
    if (p.isSet(QStringLiteral("to"))) {
        path = QFileInfo(p.value(QStringLiteral("to"))).absoluteFilePath();
        if (QFileInfo(path).isDir()) {
            // A folder: the copy goes into it under the name a backup gets.
            path = QDir(path).filePath(QFileInfo(file).fileName() + QStringLiteral(".bak-")
                                       + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")) + QStringLiteral(".manual"));
        } else if (path.endsWith(QStringLiteral(".backups"))) {
            // A name ending in .backups is where a portfolio's backup folder belongs: a file
            // there would stop every later automatic backup (and so every import).
            throw UsageProblem{QStringLiteral("--to %1: a name ending in .backups is kept for backup folders; give a file name "
                                              "(such as copy.keystone) or an existing folder")
                                   .arg(p.value(QStringLiteral("to")))};
        }
        db->copyTo(path);
    } else {
        path = storage::makeBackup(*db, storage::BackupReason::Manual);
    }
    out << QStringLiteral("Backed up %1 to %2 (%3, verified)\n").arg(file, path, sizeText(QFileInfo(path).size()));
    return Ok;
}

int runBackups(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    const QString file = requireFile(p);
    if (!QFileInfo::exists(file))
        throw storage::StorageError(storage::StorageError::Code::NotFound, file, QStringLiteral("%1 does not exist").arg(file));
    const QList<storage::BackupInfo> all = storage::listBackups(file);
    if (p.isSet(QStringLiteral("json"))) {
        json arr = json::array();
        for (const storage::BackupInfo &b : all)
            arr.push_back({{"path", s(b.path)},
                           {"taken_at", s(b.takenAt.toString(Qt::ISODate))},
                           {"bytes", b.bytes},
                           {"reason", s(storage::backupReasonName(b.reason))}});
        out << QString::fromStdString(json{{"portfolio", s(QFileInfo(file).absoluteFilePath())},
                                           {"folder", s(storage::backupFolder(file))},
                                           {"backups", arr}}
                                          .dump(2))
            << '\n';
        return Ok;
    }
    if (all.isEmpty()) {
        out << QStringLiteral("No backups of %1 yet (they go to %2); make one with: keystone-cli backup %1\n")
                   .arg(QFileInfo(file).absoluteFilePath(), storage::backupFolder(file));
        return Ok;
    }
    out << QStringLiteral("%1 backup(s) of %2 in %3, newest first:\n")
               .arg(all.size())
               .arg(QFileInfo(file).absoluteFilePath(), storage::backupFolder(file));
    for (const storage::BackupInfo &b : all)
        out << QStringLiteral("  %1  %2  %3  %4\n")
                   .arg(b.takenAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")))
                   .arg(storage::backupReasonName(b.reason), -9)
                   .arg(sizeText(b.bytes), -9)
                   .arg(b.path);
    return Ok;
}

int runRestore(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    const QString file = requireFile(p);
    const bool newest = p.isSet(QStringLiteral("newest"));
    if (newest == p.isSet(QStringLiteral("from")))
        throw UsageProblem{QStringLiteral("give either --from BACKUP or --newest")};
    QString backup;
    if (newest) {
        const auto good = storage::newestGoodBackup(file);
        if (!good)
            throw storage::StorageError(storage::StorageError::Code::NotFound, file,
                                        QStringLiteral("no backup of %1 opens; nothing was changed").arg(QFileInfo(file).absoluteFilePath()));
        backup = good->path;
        out << QStringLiteral("The newest backup that opens was taken %1; the data is as of then.\n")
                   .arg(good->takenAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    } else {
        backup = QFileInfo(p.value(QStringLiteral("from"))).absoluteFilePath();
    }
    // A file that does not open is kept as .damaged-<timestamp>, any other as .replaced-<timestamp>.
    storage::SetAside keepAs = storage::SetAside::Replaced;
    if (QFileInfo::exists(file)) {
        try {
            storage::OpenOptions o;
            o.readOnly = true;
            o.inspectOnly = true;
            storage::Database::open(file, std::move(o));
        } catch (const storage::StorageError &e) {
            if (e.code() != storage::StorageError::Code::NotFound)
                keepAs = storage::SetAside::Damaged;
        }
    }
    const QString replaced = storage::restoreBackup(file, backup, keepAs);
    out << QStringLiteral("Restored %1 from %2\n").arg(QFileInfo(file).absoluteFilePath(), backup);
    if (!replaced.isEmpty())
        out << QStringLiteral("The file it replaced is kept as %1\n").arg(replaced);
    return Ok;
}


// --- new, import, export -----------------------------------------------------------------

int runNew(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    const QString file = requireFile(p);
    const QString currency = p.isSet(QStringLiteral("currency")) ? p.value(QStringLiteral("currency")).trimmed().toUpper() : QStringLiteral("USD");
    if (!domain::isKnownCurrency(currency))
        throw UsageProblem{QStringLiteral("--currency must be an ISO 4217 code such as USD or EUR, not '%1'").arg(p.value(QStringLiteral("currency")))};
    if (QFileInfo::exists(file))
        throw services::ValidationError(QStringLiteral("new"), {{QStringLiteral("file"), QStringLiteral("%1 already exists; new never overwrites a file").arg(file)}});
    auto portfolio = services::Portfolio::create(file, currency, p.isSet(QStringLiteral("currency")));
    out << QStringLiteral("Created %1 (empty, %2)\n").arg(QFileInfo(file).absoluteFilePath(), currency);
    return Ok;
}

json issueJson(const services::ImportIssue &i)
{
    return {{"row", i.row}, {"line", i.line}, {"column", s(i.column)}, {"value", s(i.value)}, {"reason", s(i.message)}};
}

QString issueText(const services::ImportIssue &i)
{
    QString where = QStringLiteral("row %1").arg(i.row);
    if (i.line != i.row)
        where += QStringLiteral(" (line %1)").arg(i.line);
    if (!i.column.isEmpty())
        where += QStringLiteral(", column \"%1\"").arg(i.column);
    if (!i.value.isEmpty())
        where += QStringLiteral(", value \"%1\"").arg(i.value.left(60));
    return QStringLiteral("%1: %2").arg(where, i.message);
}

std::unique_ptr<services::Portfolio> openForWriting(const QString &file)
{
    auto portfolio = services::Portfolio::open(file);
    if (portfolio->isReadOnly())
        throw services::ValidationError(QStringLiteral("import"), {{QStringLiteral("file"), portfolio->readOnlyReason()}});
    return portfolio;
}

// A verified copy before an import changes anything (restore it with `keystone-cli restore`);
// none for a dry run or an empty portfolio, which have nothing to lose.
QString backupBeforeImport(services::Portfolio &portfolio, bool dryRun)
{
    if (dryRun || portfolio.accounts().count() == 0)
        return {};
    return storage::makeBackup(portfolio.database(), storage::BackupReason::Import);
}

int runImportCsv(QCommandLineParser &p, const QString &file, QTextStream &out, QTextStream &err)
{
    if (!p.isSet(QStringLiteral("kind")))
        throw UsageProblem{QStringLiteral("--kind is required with --csv (accounts, contacts, opportunities, activities, arr_history or health_inputs)")};
    const auto kind = io::parseImportKind(p.value(QStringLiteral("kind")));
    if (!kind)
        throw UsageProblem{QStringLiteral("--kind must be accounts, contacts, opportunities, activities, arr_history or health_inputs, not '%1'")
                               .arg(p.value(QStringLiteral("kind")))};
    services::CsvImportRequest request;
    if (p.isSet(QStringLiteral("on-duplicate"))) {
        const auto policy = services::parseDuplicatePolicy(p.value(QStringLiteral("on-duplicate")));
        if (!policy)
            throw UsageProblem{QStringLiteral("--on-duplicate must be update, skip or create, not '%1'").arg(p.value(QStringLiteral("on-duplicate")))};
        request.onDuplicate = *policy;
    }
    request.dryRun = p.isSet(QStringLiteral("dry-run"));
    std::optional<QChar> delimiter;
    if (p.isSet(QStringLiteral("delimiter"))) {
        QString d = p.value(QStringLiteral("delimiter"));
        if (d == QLatin1String("tab") || d == QLatin1String("\\t"))
            d = QStringLiteral("\t");
        if (d.size() != 1)
            throw UsageProblem{QStringLiteral("--delimiter must be one character (such as , or ;) or 'tab', not '%1'").arg(p.value(QStringLiteral("delimiter")))};
        delimiter = d.at(0);
    }
    const QString csvPath = p.value(QStringLiteral("csv"));
    QByteArray mappingJson;
    if (p.isSet(QStringLiteral("mapping"))) {
        QFile f(p.value(QStringLiteral("mapping")));
        if (!f.open(QIODevice::ReadOnly))
            throw services::ValidationError(QStringLiteral("--mapping"), {{QStringLiteral("mapping"), QStringLiteral("%1 cannot be read (%2)").arg(f.fileName(), f.errorString())}});
        mappingJson = f.readAll();
    }
    // The file is read as the import goes (memory does not grow with its size).
    QFile csvFile(csvPath);
    if (!csvFile.open(QIODevice::ReadOnly))
        throw services::ValidationError(QStringLiteral("--csv"), {{QStringLiteral("csv"), QStringLiteral("%1: cannot be read (%2)").arg(csvPath, csvFile.errorString())}});
    const QString csvName = QFileInfo(csvPath).fileName();
    std::unique_ptr<io::CsvReader> reader;
    try {
        // A saved mapping may name the delimiter; read the header first to apply it.
        io::CsvOptions options;
        options.delimiter = delimiter;
        reader = std::make_unique<io::CsvReader>(csvFile, options);
        if (!mappingJson.isEmpty()) {
            request.mapping = io::applySavedMapping(mappingJson, reader->header(), kind);
            if (request.mapping.delimiter && !delimiter && *request.mapping.delimiter != reader->delimiter()) {
                options.delimiter = request.mapping.delimiter;
                reader = std::make_unique<io::CsvReader>(csvFile, options);
                request.mapping = io::applySavedMapping(mappingJson, reader->header(), kind);
            }
        } else {
            request.mapping = io::autoMapping(*kind, reader->header());
        }
    } catch (const io::CsvError &e) {
        throw services::ValidationError(QStringLiteral("--csv"), {{QStringLiteral("csv"), QStringLiteral("%1: %2").arg(csvName, e.message)}});
    } catch (const io::MappingError &e) {
        throw services::ValidationError(QStringLiteral("--mapping"), {{QStringLiteral("mapping"), QStringLiteral("%1: %2").arg(p.value(QStringLiteral("mapping")), e.message)}});
    }
    if (p.isSet(QStringLiteral("date-format"))) {
        const auto f = io::parseDateFormat(p.value(QStringLiteral("date-format")));
        if (!f)
            throw UsageProblem{QStringLiteral("--date-format must be auto, iso, us or european, not '%1'").arg(p.value(QStringLiteral("date-format")))};
        request.mapping.dateFormat = *f;
    }
    if (p.isSet(QStringLiteral("decimal-mark"))) {
        const auto m = io::parseDecimalMark(p.value(QStringLiteral("decimal-mark")));
        if (!m)
            throw UsageProblem{QStringLiteral("--decimal-mark must be auto, point or comma, not '%1'").arg(p.value(QStringLiteral("decimal-mark")))};
        request.mapping.decimalMark = *m;
    }
    request.mapping.delimiter = reader->delimiter();
    if (p.isSet(QStringLiteral("save-mapping")))
        services::writeOutputFile(p.value(QStringLiteral("save-mapping")), io::mappingToJson(request.mapping), replaceOption(p));
    auto portfolio = openForWriting(file);
    const QString backup = backupBeforeImport(*portfolio, request.dryRun);
    services::CsvImportReport r;
    try {
        r = services::ImportService(*portfolio).importCsv(*reader, request);
    } catch (const services::ImportRefused &e) {
        throw services::ValidationError(QStringLiteral("import"), {{QStringLiteral("mapping"), QStringLiteral("%1: %2").arg(csvName, e.message)}});
    } catch (const io::CsvError &e) {
        // Found part way (a quote never closed): the transaction rolled back, nothing was written.
        throw services::ValidationError(QStringLiteral("--csv"), {{QStringLiteral("csv"), QStringLiteral("%1: %2; nothing was imported").arg(csvName, e.message)}});
    }
    if (p.isSet(QStringLiteral("json"))) {
        json j{{"kind", s(io::importKindKey(r.kind))}, {"dry_run", r.dryRun}, {"rows", r.rows}, {"created", r.created},
               {"updated", r.updated}, {"unchanged", r.unchanged}, {"skipped", r.skipped}, {"rejected", r.rejected}, {"team_members_created", r.teamMembersCreated}, {"encoding", s(r.encoding)},
               {"delimiter", s(QString(reader->delimiter()))}, {"backup", s(backup)}, {"elapsed_ms", r.elapsedMs}, {"not_listed", r.notListed}};
        json rej = json::array(), warn = json::array(), dups = json::array(), mapped = json::object();
        for (const auto &i : r.rejections)
            rej.push_back(issueJson(i));
        for (const auto &i : r.warnings)
            warn.push_back(issueJson(i));
        for (const auto &d : r.duplicates)
            dups.push_back({{"row", d.row}, {"matched_by", s(d.matchedBy)}, {"existing", s(d.existing)}, {"action", s(d.action)}});
        for (int i = 0; i < request.mapping.header.size(); ++i)
            mapped[s(request.mapping.header.at(i))] = s(request.mapping.fields.value(i));
        j["rejections"] = rej;
        j["warnings"] = warn;
        j["duplicates"] = dups;
        j["mapping"] = mapped;
        out << QString::fromStdString(j.dump(2)) << '\n';
        return Ok;
    }
    out << QStringLiteral("%1%2: %3 rows read; %4 created, %5 updated, %6%7 skipped, %8 rejected%9\n")
               .arg(r.dryRun ? QStringLiteral("Dry run, nothing written. ") : QString(), io::importKindName(r.kind))
               .arg(r.rows).arg(r.created).arg(r.updated)
               .arg(r.unchanged > 0 ? QStringLiteral("%1 unchanged, ").arg(r.unchanged) : QString())
               .arg(r.skipped).arg(r.rejected)
               .arg(r.teamMembersCreated ? QStringLiteral("; %1 new team member(s)").arg(r.teamMembersCreated) : QString());
    if (!r.encoding.isEmpty())
        out << QStringLiteral("Encoding: %1\n").arg(r.encoding);
    for (const auto &i : r.rejections)
        err << QStringLiteral("rejected: %1\n").arg(issueText(i));
    for (const auto &i : r.warnings)
        err << QStringLiteral("note: %1\n").arg(issueText(i));
    for (const auto &d : r.duplicates)
        out << QStringLiteral("duplicate: row %1 matches %2 by %3: %4\n").arg(d.row).arg(d.existing, d.matchedBy, d.action);
    if (r.notListed > 0)
        out << QStringLiteral("%1 more rejection(s), note(s) or duplicate(s) were counted but not listed (each list stops at 10,000)\n").arg(r.notListed);
    if (!backup.isEmpty())
        out << QStringLiteral("Backup from before the import: %1\n").arg(backup);
    return Ok;
}

int runImportJson(QCommandLineParser &p, const QString &file, QTextStream &out, QTextStream &err)
{
    if (p.isSet(QStringLiteral("kind")) || p.isSet(QStringLiteral("mapping")) || p.isSet(QStringLiteral("on-duplicate")))
        throw UsageProblem{QStringLiteral("--kind, --mapping and --on-duplicate are for --csv; a JSON file merges by uuid")};
    QFile f(p.value(QStringLiteral("json-file")));
    if (!f.open(QIODevice::ReadOnly))
        throw services::ValidationError(QStringLiteral("--json"), {{QStringLiteral("json"), QStringLiteral("%1 cannot be read (%2)").arg(f.fileName(), f.errorString())}});
    const QByteArray bytes = f.readAll();
    auto portfolio = openForWriting(file);
    const QString backup = backupBeforeImport(*portfolio, p.isSet(QStringLiteral("dry-run")));
    services::ExchangeReport r;
    try {
        r = services::ExchangeService(*portfolio).importJson(bytes, p.isSet(QStringLiteral("dry-run")));
    } catch (const services::ImportRefused &e) {
        throw services::ValidationError(QStringLiteral("import"), {{QStringLiteral("json"), QStringLiteral("%1: %2").arg(QFileInfo(f.fileName()).fileName(), e.message)}});
    }
    if (p.isSet(QStringLiteral("json"))) {
        json counts = json::object();
        for (const auto &[name, c] : r.counts)
            counts[s(name)] = {{"added", c.added}, {"updated", c.updated}, {"unchanged", c.unchanged}, {"kept_here", c.keptHere}};
        json conflicts = json::array();
        for (const auto &c : r.conflicts)
            conflicts.push_back({{"collection", s(c.collection)}, {"key", s(c.key)}, {"label", s(c.label)}, {"field", s(c.field)},
                                 {"here", s(c.here)}, {"incoming", s(c.incoming)}, {"kept", s(c.kept)}});
        json errors = json::array();
        for (const QString &e : r.errors)
            errors.push_back(s(e));
        const json j{{"dry_run", r.dryRun}, {"source", s(r.source)}, {"exported_at", s(r.exportedAt)}, {"settings_imported", r.settingsImported},
                     {"added", r.total(&services::ExchangeCounts::added)}, {"updated", r.total(&services::ExchangeCounts::updated)},
                     {"unchanged", r.total(&services::ExchangeCounts::unchanged)}, {"kept_here", r.total(&services::ExchangeCounts::keptHere)},
                     {"counts", counts}, {"conflicts", conflicts}, {"errors", errors}, {"backup", s(backup)}, {"elapsed_ms", r.elapsedMs}};
        out << QString::fromStdString(j.dump(2)) << '\n';
        return r.errors.isEmpty() ? Ok : DataError;
    }
    if (!r.errors.isEmpty()) {
        err << QStringLiteral("keystone-cli import: %1 problem(s) in %2; nothing was imported:\n").arg(r.errors.size()).arg(f.fileName());
        for (const QString &e : r.errors)
            err << "  " << e << '\n';
        return DataError;
    }
    out << QStringLiteral("%1%2 added, %3 updated, %4 unchanged, %5 kept as they are here; %6 conflict(s)%7\n")
               .arg(r.dryRun ? QStringLiteral("Dry run, nothing written. ") : QString())
               .arg(r.total(&services::ExchangeCounts::added)).arg(r.total(&services::ExchangeCounts::updated))
               .arg(r.total(&services::ExchangeCounts::unchanged)).arg(r.total(&services::ExchangeCounts::keptHere))
               .arg(r.conflicts.size())
               .arg(r.settingsImported ? QStringLiteral("; settings and scorecards imported") : QString());
    for (const auto &c : r.conflicts)
        out << QStringLiteral("conflict: %1 %2, %3: here %4, file %5 -> kept %6\n").arg(c.collection, c.label.isEmpty() ? c.key : c.label, c.field, c.here, c.incoming, c.kept);
    return Ok;
}

int runImport(QCommandLineParser &p, QTextStream &out, QTextStream &err)
{
    const QString file = requireFile(p);
    const bool csv = p.isSet(QStringLiteral("csv"));
    const bool jsonFile = p.isSet(QStringLiteral("json-file"));
    if (csv == jsonFile)
        throw UsageProblem{QStringLiteral("give either --csv INPUT.csv (with --kind) or --json IN.json")};
    return csv ? runImportCsv(p, file, out, err) : runImportJson(p, file, out, err);
}

int runExport(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    const QString file = requireFile(p);
    const bool csv = p.isSet(QStringLiteral("csv"));
    const bool jsonOut = p.isSet(QStringLiteral("json"));
    if (csv == jsonOut)
        throw UsageProblem{QStringLiteral("give either --json OUT.json [--account NAME]... or --kind KIND --csv OUT.csv")};
    auto portfolio = openForReading(file);
    if (jsonOut) {
        if (p.isSet(QStringLiteral("kind")))
            throw UsageProblem{QStringLiteral("--kind is for --csv; --json writes every kind")};
        std::optional<QList<qint64>> ids;
        if (p.isSet(QStringLiteral("account"))) {
            ids.emplace();
            for (const QString &name : p.values(QStringLiteral("account"))) {
                const auto a = portfolio->accounts().byName(name);
                if (!a)
                    throw services::ValidationError(QStringLiteral("export"), {{QStringLiteral("account"), QStringLiteral("no account named '%1' in %2").arg(name, portfolio->path())}});
                ids->append(a->id);
            }
        }
        const QString target = p.value(QStringLiteral("json"));
        services::checkOutputTarget(target, replaceOption(p)); // before the work, not only after it
        const QByteArray bytes = services::ExchangeService(*portfolio).exportJson(ids);
        services::writeOutputFile(target, bytes, replaceOption(p));
        out << QStringLiteral("Wrote %1 (%2%3 bytes)\n").arg(target, ids ? QStringLiteral("%1 account(s), ").arg(ids->size()) : QStringLiteral("whole portfolio, ")).arg(bytes.size());
        return Ok;
    }
    if (p.isSet(QStringLiteral("account")))
        throw UsageProblem{QStringLiteral("--account selects accounts for --json")};
    if (!p.isSet(QStringLiteral("kind")))
        throw UsageProblem{QStringLiteral("--kind is required with --csv")};
    const auto kind = io::parseImportKind(p.value(QStringLiteral("kind")));
    if (!kind)
        throw UsageProblem{QStringLiteral("--kind must be accounts, contacts, opportunities, activities, arr_history or health_inputs, not '%1'")
                               .arg(p.value(QStringLiteral("kind")))};
    services::checkOutputTarget(p.value(QStringLiteral("csv")), replaceOption(p));
    const auto table = services::ImportService(*portfolio).exportCsv(*kind);
    services::writeOutputFile(p.value(QStringLiteral("csv")), io::csvFileBytes(table.header, table.rows), replaceOption(p));
    out << QStringLiteral("Wrote %1 (%2 %3)\n").arg(p.value(QStringLiteral("csv"))).arg(table.rows.size()).arg(io::importKindName(*kind).toLower());
    return Ok;
}

const std::map<QString, Command> &commands()
{
    static const std::map<QString, Command> table{
        {QStringLiteral("demo"),
         {QStringLiteral("Generate a realistic demo portfolio"),
          QStringLiteral("demo --out FILE [--accounts N] [--seed S] [--today DATE] [--force]"),
          [](QCommandLineParser &p) {
              p.addOption({QStringLiteral("out"), QStringLiteral("Portfolio file to create."), QStringLiteral("FILE")});
              p.addOption({QStringLiteral("accounts"), QStringLiteral("Number of accounts (default 60)."), QStringLiteral("N")});
              p.addOption({QStringLiteral("seed"), QStringLiteral("Random seed; the same seed gives the same portfolio (default 1)."), QStringLiteral("S")});
              p.addOption({QStringLiteral("today"), QStringLiteral("Reference date for renewals (default: today)."), QStringLiteral("DATE")});
              p.addOption({QStringLiteral("force"), QStringLiteral("Replace FILE if it exists.")});
          },
          runDemo}},
        {QStringLiteral("info"),
         {QStringLiteral("Schema version, counts, total ARR and size of a portfolio"),
          QStringLiteral("info FILE [--json]"),
          [](QCommandLineParser &p) { p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")}); },
          runInfo}},
        {QStringLiteral("check"),
         {QStringLiteral("Check a portfolio file for damage"),
          QStringLiteral("check FILE [--full]"),
          [](QCommandLineParser &p) {
              p.addOption({QStringLiteral("full"), QStringLiteral("Run integrity_check and foreign_key_check instead of quick_check, and check cached totals and every stored value.")});
          },
          runCheck}},
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
        {QStringLiteral("plan"),
         {QStringLiteral("An account's plan: priorities, risks, actions, reviews, completeness and freshness"),
          QStringLiteral("plan FILE --account NAME [--today DATE] [--json]"),
          [](QCommandLineParser &p) {
              p.addOption({QStringLiteral("account"), QStringLiteral("The account (name, any case)."), QStringLiteral("NAME")});
              p.addOption({QStringLiteral("today"), QStringLiteral("Reference date for overdue actions and freshness (default: today)."), QStringLiteral("DATE")});
              p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
          },
          runPlan}},
        {QStringLiteral("history"),
         {QStringLiteral("An account's change history, newest first"),
          QStringLiteral("history FILE --account NAME [--limit N] [--json]"),
          [](QCommandLineParser &p) {
              p.addOption({QStringLiteral("account"), QStringLiteral("The account (name, any case)."), QStringLiteral("NAME")});
              p.addOption({QStringLiteral("limit"), QStringLiteral("At most N changes (default 200)."), QStringLiteral("N")});
              p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
          },
          runHistory}},
        {QStringLiteral("snapshot"),
         {QStringLiteral("Take, list or compare quarter snapshots of an account's plan"),
          QStringLiteral("snapshot FILE --account NAME (--label LABEL [--today DATE] | --compare LABEL_A LABEL_B [--json] | --list [--json])"),
          [](QCommandLineParser &p) {
              p.addOption({QStringLiteral("account"), QStringLiteral("The account (name, any case)."), QStringLiteral("NAME")});
              p.addOption({QStringLiteral("label"), QStringLiteral("Take a snapshot under LABEL (e.g. 2026Q4)."), QStringLiteral("LABEL")});
              p.addOption({QStringLiteral("today"), QStringLiteral("Reference date for the plan figures (default: today)."), QStringLiteral("DATE")});
              p.addOption({QStringLiteral("compare"), QStringLiteral("Compare snapshot LABEL_A with LABEL_B (the next argument)."), QStringLiteral("LABEL_A")});
              p.addOption({QStringLiteral("list"), QStringLiteral("List the account's snapshots.")});
              p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
          },
          runSnapshot}},
        {QStringLiteral("new"),
         {QStringLiteral("Create an empty portfolio (never overwrites a file)"),
          QStringLiteral("new FILE [--currency CODE]"),
          [](QCommandLineParser &p) { p.addOption({QStringLiteral("currency"), QStringLiteral("ISO 4217 currency of its amounts (default USD)."), QStringLiteral("CODE")}); },
          runNew}},
        {QStringLiteral("import"),
         {QStringLiteral("Import a CSV file (CRM export, spreadsheet) or merge a JSON exchange file"),
          QStringLiteral("import FILE (--kind KIND --csv INPUT.csv [--mapping map.json] [--on-duplicate update|skip|create] [--date-format F] "
                         "[--decimal-mark M] [--delimiter C] [--save-mapping map.json [--force]] [--json] | --json IN.json) [--dry-run]"),
          [](QCommandLineParser &p) {
              p.addOption({QStringLiteral("kind"), QStringLiteral("accounts, contacts, opportunities, activities, arr_history or health_inputs."), QStringLiteral("KIND")});
              p.addOption({QStringLiteral("csv"), QStringLiteral("The CSV file to import."), QStringLiteral("INPUT.csv")});
              p.addOption({QStringLiteral("json-file"), QStringLiteral("The JSON exchange file to import (also --json FILE)."), QStringLiteral("IN.json")});
              p.addOption({QStringLiteral("mapping"), QStringLiteral("A saved column mapping (keystone-csv-mapping JSON)."), QStringLiteral("map.json")});
              p.addOption({QStringLiteral("save-mapping"), QStringLiteral("Write the mapping used to this file."), QStringLiteral("map.json")});
              p.addOption({QStringLiteral("on-duplicate"), QStringLiteral("update (default), skip or create."), QStringLiteral("POLICY")});
              p.addOption({QStringLiteral("date-format"), QStringLiteral("auto (default), iso, us or european."), QStringLiteral("F")});
              p.addOption({QStringLiteral("decimal-mark"), QStringLiteral("auto (default), point or comma."), QStringLiteral("M")});
              p.addOption({QStringLiteral("delimiter"), QStringLiteral("Field delimiter (default: detected)."), QStringLiteral("C")});
              p.addOption({QStringLiteral("dry-run"), QStringLiteral("Check and count everything, write nothing.")});
              p.addOption({QStringLiteral("json"), QStringLiteral("With --csv: print the report as JSON. With a file name after it: the JSON file to merge.")});
              addForceOption(p);
          },
          runImport}},
        {QStringLiteral("export"),
         {QStringLiteral("Export the portfolio (or accounts) as JSON, or one kind as CSV"),
          QStringLiteral("export FILE (--json OUT.json [--account NAME]... | --kind KIND --csv OUT.csv) [--force]"),
          [](QCommandLineParser &p) {
              p.addOption({QStringLiteral("json"), QStringLiteral("Write the JSON exchange file."), QStringLiteral("OUT.json")});
              p.addOption({QStringLiteral("account"), QStringLiteral("Only this account (repeat for more)."), QStringLiteral("NAME")});
              p.addOption({QStringLiteral("kind"), QStringLiteral("With --csv: accounts, contacts, opportunities, activities, arr_history, health_inputs."), QStringLiteral("KIND")});
              p.addOption({QStringLiteral("csv"), QStringLiteral("Write this kind as CSV."), QStringLiteral("OUT.csv")});
              addForceOption(p);
          },
          runExport}},
        {QStringLiteral("backup"),
         {QStringLiteral("Copy a portfolio to a verified backup (beside it, or --to PATH)"),
          QStringLiteral("backup FILE [--to PATH]"),
          [](QCommandLineParser &p) { p.addOption({QStringLiteral("to"), QStringLiteral("Write the backup to this new file, or into this existing folder."), QStringLiteral("PATH")}); },
          runBackup}},
        {QStringLiteral("backups"),
         {QStringLiteral("List a portfolio's backups with dates and sizes"),
          QStringLiteral("backups FILE [--json]"),
          [](QCommandLineParser &p) { p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")}); },
          runBackups}},
        {QStringLiteral("restore"),
         {QStringLiteral("Put a backup in place of a portfolio, keeping the current file as .replaced-<timestamp>"),
          QStringLiteral("restore FILE (--from BACKUP | --newest)"),
          [](QCommandLineParser &p) {
              p.addOption({QStringLiteral("from"), QStringLiteral("The backup to restore."), QStringLiteral("BACKUP")});
              p.addOption({QStringLiteral("newest"), QStringLiteral("Restore the newest backup that opens (for a damaged file).")});
          },
          runRestore}},
        {QStringLiteral("qbr"),
         {QStringLiteral("Quarterly business review as PDF, for one account or a whole book"),
          QStringLiteral("qbr FILE (--account NAME --out FILE.pdf | --all [--owner NAME] [--tier N] --out-dir DIR) --quarter 2026Q4 "
                         "[--audience internal|customer] [--sections LIST] [--today DATE] [--prepared-by NAME] [--page-size a4|letter] "
                         "[--accent COLOR] [--logo FILE] [--force]"),
          [](QCommandLineParser &p) {
              p.addOption({QStringLiteral("account"), QStringLiteral("The account (name, any case)."), QStringLiteral("NAME")});
              p.addOption({QStringLiteral("out"), QStringLiteral("The PDF to write (with --account)."), QStringLiteral("FILE")});
              p.addOption({QStringLiteral("all"), QStringLiteral("Every account, or those --owner and --tier select.")});
              p.addOption({QStringLiteral("owner"), QStringLiteral("With --all: only this owner's accounts."), QStringLiteral("NAME")});
              p.addOption({QStringLiteral("tier"), QStringLiteral("With --all: only accounts of tier N (1-3)."), QStringLiteral("N")});
              p.addOption({QStringLiteral("out-dir"), QStringLiteral("With --all: the folder for <account>-<quarter>-<audience>.pdf."), QStringLiteral("DIR")});
              p.addOption({QStringLiteral("quarter"), QStringLiteral("The quarter, e.g. 2026Q4."), QStringLiteral("Q")});
              p.addOption({QStringLiteral("audience"), QStringLiteral("internal (everything, default) or customer."), QStringLiteral("AUDIENCE")});
              p.addOption({QStringLiteral("sections"), QStringLiteral("Comma-separated: summary, success_plan, value, usage, relationships, risks, expansion, actions (default: all)."), QStringLiteral("LIST")});
              p.addOption({QStringLiteral("today"), QStringLiteral("Date of the figures (default: the quarter's last day or today, the earlier)."), QStringLiteral("DATE")});
              p.addOption({QStringLiteral("prepared-by"), QStringLiteral("Name on the cover (default: the account owner)."), QStringLiteral("NAME")});
              p.addOption({QStringLiteral("page-size"), QStringLiteral("a4 (default) or letter."), QStringLiteral("SIZE")});
              p.addOption({QStringLiteral("accent"), QStringLiteral("Accent colour, e.g. #1f5f99."), QStringLiteral("COLOR")});
              p.addOption({QStringLiteral("logo"), QStringLiteral("Company logo for the cover (PNG or JPEG)."), QStringLiteral("FILE")});
              addForceOption(p);
          },
          runQbr}},
    };
    return table;
}

void printOverview(QTextStream &out)
{
    out << "Usage: keystone-cli COMMAND [options]\n\nCommands:\n";
    for (const auto &[name, cmd] : commands())
        out << QStringLiteral("  %1 %2\n").arg(name, -10).arg(cmd.summary);
    out << "\nRun 'keystone-cli COMMAND --help' for a command's options.\n"
           "Global options: --verbose (log details to stderr), --help, --version.\n"
           "Exit codes: 0 success, 1 data problem, 2 usage error.\n";
}

} // namespace

int run(const QStringList &args, QTextStream &out, QTextStream &err)
{
    if (args.size() < 2) {
        printOverview(err);
        return UsageError;
    }
    const QString name = args.at(1);
    if (name == QLatin1String("--help") || name == QLatin1String("-h") || name == QLatin1String("help")) {
        printOverview(out);
        return Ok;
    }
    if (name == QLatin1String("--version")) {
        out << "keystone-cli " << KEYSTONE_VERSION << '\n';
        return Ok;
    }
    const auto it = commands().find(name);
    if (it == commands().end()) {
        err << QStringLiteral("keystone-cli: unknown command '%1'\n\n").arg(name);
        printOverview(err);
        return UsageError;
    }
    const Command &cmd = it->second;
    QCommandLineParser parser;
    parser.setApplicationDescription(cmd.summary);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOption(help);
    cmd.options(parser);
    QStringList rest = args.mid(1);
    rest[0] = QStringLiteral("keystone-cli %1").arg(name);
    if (name == QLatin1String("import")) {
        // `import FILE --json IN.json` merges a file; a bare `--json` prints the CSV report as
        // JSON, as it does for every other command.
        for (qsizetype i = 1; i < rest.size(); ++i) {
            if (rest.at(i).startsWith(QLatin1String("--json="))) {
                rest[i] = QStringLiteral("--json-file=") + rest.at(i).mid(7);
            } else if (rest.at(i) == QLatin1String("--json") && i + 1 < rest.size() && !rest.at(i + 1).startsWith(QLatin1Char('-'))) {
                rest[i] = QStringLiteral("--json-file");
                ++i;
            }
        }
    }
    if (!parser.parse(rest)) {
        err << QStringLiteral("keystone-cli %1: %2\nUsage: keystone-cli %3\n").arg(name, parser.errorText(), cmd.synopsis);
        return UsageError;
    }
    if (parser.isSet(help)) {
        out << QStringLiteral("Usage: keystone-cli %1\n\n").arg(cmd.synopsis) << parser.helpText().section(QLatin1Char('\n'), 1);
        return Ok;
    }
    try {
        const int code = cmd.run(parser, out, err);
        // A portfolio that could not be completed on close (a full disk) is a failure too.
        const QStringList closeFailures = storage::takeCloseFailures();
        for (const QString &f : closeFailures)
            err << QStringLiteral("keystone-cli %1: %2\n").arg(name, f);
        return closeFailures.isEmpty() ? code : DataError;
    } catch (const UsageProblem &e) {
        err << QStringLiteral("keystone-cli %1: %2\nUsage: keystone-cli %3\n").arg(name, e.message, cmd.synopsis);
        return UsageError;
    } catch (const storage::StorageError &e) {
        err << QStringLiteral("keystone-cli %1: %2\n").arg(name, e.message());
        return DataError;
    } catch (const services::ValidationError &e) {
        err << QStringLiteral("keystone-cli %1: %2\n").arg(name, e.message());
        return DataError;
    }
}

} // namespace keystone::cli
