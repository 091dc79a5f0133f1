// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/demo/demogenerator.h"
#include "keystone/services/clock.h"

#include "demostory.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSet>
#include <QTime>

namespace keystone::demo {

using namespace story;

namespace {
DemoResult fill(Portfolio &portfolio, const DemoOptions &options);
} // namespace

DemoResult generateDemo(const QString &path, const DemoOptions &options)
{
    auto portfolio = Portfolio::create(path, QStringLiteral("USD"));
    try {
        return fill(*portfolio, options);
    } catch (...) {
        // A half-made demo is of no use to anyone: remove the file this call created.
        const QString file = portfolio->path();
        portfolio.reset();
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral(".lock")})
            QFile::remove(file + suffix);
        throw;
    }
}

namespace {
DemoResult fill(Portfolio &portfolio, const DemoOptions &options)
{
    QElapsedTimer timer;
    timer.start();
    Rng rng(options.seed);
    const QDate today = options.today.isValid() ? options.today : services::today();
    const QDateTime stamp(today, QTime(9, 0), Qt::UTC);
    const int n = std::max(0, options.accounts);
    DemoResult result;

    storage::Transaction tx(portfolio.database());
    // A generated book has no history of edits: nobody made them.
    portfolio.history().suspendForBulk();

    // Our team: 8 to 50 account managers scaled to the book, plus the roles that cover accounts.
    const int managers = std::clamp(n / 30, 8, 50);
    std::vector<qint64> ownerIds;
    QSet<QString> usedPeople;
    auto addMember = [&](TeamRole role, double hours) {
        TeamMember m;
        do {
            m.name = personName(rng);
        } while (usedPeople.contains(m.name));
        usedPeople.insert(m.name);
        m.uuid = rng.uuid();
        m.role = role;
        m.hoursPerMonth = hours;
        // Mailbox names in plain ASCII: "Tomás Müller" -> "tomas.muller".
        QString local;
        for (QChar c : m.name.normalized(QString::NormalizationForm_D).toLower()) {
            if (c == QLatin1Char(' '))
                local += QLatin1Char('.');
            else if (c.unicode() < 128)
                local += c;
        }
        m.email = local + QStringLiteral("@example.com");
        portfolio.team().insert(m);
        ++result.teamMembers;
        return m.id;
    };
    for (int i = 0; i < managers; ++i)
        ownerIds.push_back(addMember(TeamRole::AM, 120));
    std::vector<qint64> coverIds; // CSMs and SEs who also cover contacts
    for (int i = 0; i < std::max(2, managers / 2); ++i)
        coverIds.push_back(addMember(TeamRole::CSM, 120));
    for (int i = 0; i < std::max(1, managers / 4); ++i)
        coverIds.push_back(addMember(TeamRole::SE, 110));
    for (int i = 0; i < std::max(1, managers / 6); ++i)
        addMember(TeamRole::TAM, 120);
    addMember(TeamRole::Onboarding, 130);

    // Each manager carries a different share of the book, as in real teams.
    std::vector<double> ownerWeight;
    double weightSum = 0;
    for (size_t i = 0; i < ownerIds.size(); ++i) {
        const double w = 0.6 + rng.uniform();
        ownerWeight.push_back(w);
        weightSum += w;
    }

    QSet<QString> usedNames;
    usedNames.reserve(n);
    std::vector<Account> accounts;
    accounts.reserve(size_t(n));
    for (int i = 0; i < n; ++i) {
        Account a;
        a.uuid = rng.uuid();
        const IndustryWords &ind = kIndustries[rng.weighted(kIndustryWeights)];
        a.industry = QString::fromUtf8(ind.industry);
        a.region = QString::fromUtf8(kRegions[rng.weighted(kRegionWeights)]);
        for (int attempt = 0;; ++attempt) {
            QString name = QStringLiteral("%1 %2").arg(QString::fromUtf8(rng.pick(kRoots)), QString::fromUtf8(rng.pick(ind.nouns)));
            if (rng.chance(0.6))
                name += QLatin1Char(' ') + QString::fromUtf8(rng.pick(kSuffixes));
            if (attempt > 8)
                name += QStringLiteral(" (%1)").arg(a.region);
            if (attempt > 16)
                name += QStringLiteral(" %1").arg(i + 1);
            const QString key = name.toCaseFolded();
            if (!usedNames.contains(key)) {
                usedNames.insert(key);
                a.name = name;
                break;
            }
        }
        double r = rng.uniform() * weightSum;
        size_t owner = 0;
        while (owner + 1 < ownerIds.size() && r >= ownerWeight[owner]) {
            r -= ownerWeight[owner];
            ++owner;
        }
        a.ownerId = ownerIds.empty() ? 0 : ownerIds[owner];

        // Pareto ARR (alpha 1.16, the 80/20 shape) between $8,000 and $6M, rounded to $100:
        // drawn from the Pareto bounded to that range (inverse of its distribution), so no
        // accounts pile up at the top as they would under a cap.
        constexpr double kLow = 8000.0, kHigh = 6'000'000.0, kAlpha = 1.16;
        const double tail = std::pow(kLow / kHigh, kAlpha);
        const double dollars = kLow / std::pow(1.0 - rng.uniform() * (1.0 - tail), 1.0 / kAlpha);
        a.arr = {qint64(std::llround(dollars / 100.0)) * 100 * 100, QStringLiteral("USD")};

        const int ageDays = rng.between(20, 9 * 365);
        a.customerSince = today.addDays(-ageDays);
        // Renewals over the next 18 months, a few already overdue.
        a.renewalDate = today.addDays(rng.chance(0.04) ? rng.between(-45, -1) : rng.between(0, 548));
        if (ageDays < 100)
            a.phase = LifecyclePhase::Onboarding;
        else
            a.phase = std::array{LifecyclePhase::Nurture, LifecyclePhase::Expansion, LifecyclePhase::Advocacy}
                [rng.weighted(std::array<int, 3>{60, 27, 13})];
        a.atRisk = rng.chance(0.08);
        a.potentialRating = int(rng.weighted(std::array<int, 5>{10, 24, 36, 20, 10})) + 1;
        if (rng.chance(0.03)) {
            a.tierOverride = domain::tierFromNumber(rng.between(1, 2));
            a.tierOverrideReason = QString::fromUtf8(rng.pick(kOverrideReasons));
        }
        a.referenceable = a.phase == LifecyclePhase::Advocacy ? rng.chance(0.7) : rng.chance(0.08);
        if (rng.chance(0.3))
            a.notes = QString::fromUtf8(rng.pick(kNotes));
        a.createdAt = stamp.addDays(-ageDays);
        a.updatedAt = stamp.addDays(-std::min(ageDays, rng.between(0, 200)));
        accounts.push_back(std::move(a));
    }
    portfolio.accounts().insertMany(accounts);
    result.accounts = int(accounts.size());

    // Whitespace: the catalog, buying centers sized to the account, a mix of cells whose
    // owned ARR adds up to the account's ARR, and opportunities (some linked to cells).
    std::vector<qint64> productIds;
    for (const DemoProduct &dp : kProducts) {
        domain::Product p;
        p.uuid = rng.uuid();
        p.name = QString::fromUtf8(dp.name);
        p.family = QString::fromUtf8(dp.family);
        p.basis = dp.basis;
        p.listPriceCents = dp.listPriceDollars * 100;
        portfolio.whitespace().insertProduct(p);
        productIds.push_back(p.id);
        ++result.rows;
    }
    std::vector<domain::WhitespaceCell> cells;
    QHash<qint64, QString> centerNames;
    QHash<qint64, std::vector<qint64>> centersOf;
    for (const Account &a : accounts) {
        if (rng.chance(0.18))
            continue; // whitespace not assessed yet for this account
        const double dollars = double(a.arr.cents) / 100.0;
        const int centers = std::clamp(1 + int(std::log2(std::max(1.0, dollars / 8000.0)) * 1.4) + rng.between(-1, 1), 1, 13);
        const bool plants = a.industry == QLatin1String("Manufacturing") || a.industry == QLatin1String("Energy");
        std::vector<domain::WhitespaceCell> mine;
        for (int b = 0; b < centers; ++b) {
            domain::BuyingCenter bc;
            bc.uuid = rng.uuid();
            bc.accountId = a.id;
            bc.kind = plants ? domain::BuyingCenterKind::Plant : (b % 4 == 3 ? domain::BuyingCenterKind::Region : domain::BuyingCenterKind::Division);
            bc.name = plants ? QStringLiteral("Plant %1").arg(QString::fromUtf8(kPlants[size_t(b) % kPlants.size()]))
                             : QString::fromUtf8(kDivisions[size_t(b) % kDivisions.size()])
                                   + (size_t(b) >= kDivisions.size() ? QStringLiteral(" (%1)").arg(a.region) : QString());
            bc.size = plants ? rng.between(80, 1200) : rng.between(20, 900);
            portfolio.whitespace().insertBuyingCenter(bc);
            centerNames.insert(bc.id, bc.name);
            centersOf[a.id].push_back(bc.id);
            ++result.rows;
            for (size_t p = 0; p < kProducts.size(); ++p) {
                domain::WhitespaceCell c;
                c.accountId = a.id;
                c.buyingCenterId = bc.id;
                c.productId = productIds[p];
                const size_t pick = (b == 0 && p == 0) ? 0 : rng.weighted(std::array<int, 5>{20, 45, 12, 15, 8});
                if (pick == 4)
                    continue; // not assessed
                c.status = std::array{domain::CellStatus::Owned, domain::CellStatus::Whitespace, domain::CellStatus::Competitor,
                                      domain::CellStatus::NotAFit, domain::CellStatus::NotAFit}[pick];
                const DemoProduct &dp = kProducts[p];
                const qint64 quantity = dp.basis == domain::PricingBasis::PerSeat ? bc.size : 1;
                c.potentialArrCents = (dp.listPriceDollars * quantity * rng.between(70, 110) / 100 / 100) * 100 * 100;
                if (c.status == domain::CellStatus::Competitor)
                    c.competitor = QString::fromUtf8(rng.pick(kCompetitors));
                if (c.status == domain::CellStatus::NotAFit || c.status == domain::CellStatus::Owned)
                    c.potentialArrCents = 0;
                mine.push_back(c);
            }
        }
        // Open whitespace in proportion to the account: a skewed share of its ARR (median about
        // 0.4, from 0.1 to 1.2), so "high potential" stays a minority as in real books.
        qint64 openTotal = 0;
        for (const domain::WhitespaceCell &c : mine)
            openTotal += domain::openWhitespaceOf(c);
        if (openTotal > 0) {
            const double u = rng.uniform();
            const double target = double(a.arr.cents) * (0.1 + 1.1 * u * u);
            for (domain::WhitespaceCell &c : mine) {
                if (domain::openWhitespaceOf(c) == 0)
                    continue;
                const double scaled = double(c.potentialArrCents) * target / double(openTotal);
                c.potentialArrCents = std::max<qint64>(10000, qint64(std::llround(scaled / 10000.0)) * 10000);
            }
        }
        // Owned ARR: the account's ARR split over its owned cells, the remainder on the last.
        std::vector<size_t> owned;
        for (size_t i = 0; i < mine.size(); ++i)
            if (mine[i].status == domain::CellStatus::Owned)
                owned.push_back(i);
        std::vector<int> weights;
        int shareSum = 0;
        for (size_t k = 0; k < owned.size(); ++k) {
            weights.push_back(k == 0 ? 300 : rng.between(40, 160)); // the first module carries most
            shareSum += weights.back();
        }
        qint64 left = a.arr.cents;
        for (size_t k = 0; k < owned.size(); ++k) {
            const qint64 share = k + 1 == owned.size() ? left : (a.arr.cents * weights[k] / shareSum) / 10000 * 10000;
            mine[owned[k]].currentArrCents = share;
            left -= share;
        }
        // Opportunities: a cell or two in play, and sometimes a renewal or a closed deal.
        for (domain::WhitespaceCell &c : mine) {
            if (c.status != domain::CellStatus::Whitespace || !rng.chance(0.08))
                continue;
            domain::Opportunity o;
            o.uuid = rng.uuid();
            o.accountId = a.id;
            o.name = QStringLiteral("%1 for %2").arg(QString::fromUtf8(kProducts[size_t(std::find(productIds.begin(), productIds.end(), c.productId) - productIds.begin())].name),
                                                    centerNames.value(c.buyingCenterId));
            o.type = domain::OpportunityType::CrossSell;
            o.amountCents = c.potentialArrCents;
            o.stage = std::array{domain::Stage::Identified, domain::Stage::Qualified, domain::Stage::Proposal, domain::Stage::Negotiation}
                [rng.weighted(std::array<int, 4>{35, 30, 20, 15})];
            o.probability = domain::defaultProbability(o.stage);
            o.closeDate = today.addDays(rng.between(20, 270));
            o.ownerId = a.ownerId;
            c.status = domain::CellStatus::Pipeline;
            c.note = QStringLiteral("In play");
            portfolio.opportunities().insert(o);
            c.opportunityId = o.id;
            ++result.rows;
        }
        cells.insert(cells.end(), mine.begin(), mine.end());
    }
    for (const Account &a : accounts) {
        const qint64 toRenewal = today.daysTo(a.renewalDate);
        if (toRenewal < 0 || toRenewal > 150 || !rng.chance(0.7))
            continue;
        domain::Opportunity o;
        o.uuid = rng.uuid();
        o.accountId = a.id;
        o.name = QStringLiteral("Renewal %1").arg(a.renewalDate.year());
        o.type = domain::OpportunityType::Renewal;
        o.amountCents = a.arr.cents;
        o.stage = rng.chance(0.5) ? domain::Stage::Qualified : domain::Stage::Proposal;
        o.probability = domain::defaultProbability(o.stage) + 40;
        o.closeDate = a.renewalDate;
        o.ownerId = a.ownerId;
        portfolio.opportunities().insert(o);
        ++result.rows;
    }
    for (const Account &a : accounts) {
        if (!rng.chance(0.1))
            continue;
        domain::Opportunity o;
        o.uuid = rng.uuid();
        o.accountId = a.id;
        o.name = QStringLiteral("Upsell, %1 seats").arg(rng.between(2, 40) * 10);
        o.type = domain::OpportunityType::Upsell;
        o.amountCents = qint64(rng.between(5, 120)) * 100000;
        o.stage = rng.chance(0.6) ? domain::Stage::Won : domain::Stage::Lost;
        o.probability = domain::defaultProbability(o.stage);
        o.closeDate = today.addDays(-rng.between(10, 300));
        o.ownerId = a.ownerId;
        portfolio.opportunities().insert(o);
        ++result.rows;
    }
    portfolio.whitespace().insertCells(cells);
    result.rows += qint64(cells.size());
    portfolio.accounts().refreshAllExpansionTotals();
    result.rows += fillArrHistory(portfolio, options.seed, accounts, today); // before health: churned accounts are Tier 3
    QHash<qint64, QDate> championLeft;
    result.rows += fillRelationships(portfolio, rng, accounts, centersOf, coverIds, today, championLeft);
    result.rows += fillHealth(portfolio, rng, accounts, today, championLeft);
    result.rows += fillPlans(portfolio, rng, accounts, today);
    result.rows += fillSuccessPlans(portfolio, rng, accounts, today);
    result.rows += fillSnapshots(portfolio, rng, accounts, today);
    result.rows += fillAssignments(portfolio, options.seed, accounts);
    portfolio.history().setRecording(true);
    tx.commit();
    result.rows += result.accounts + result.teamMembers;
    result.elapsedMs = double(timer.nsecsElapsed()) / 1e6;
    return result;
}
} // namespace

} // namespace keystone::demo
