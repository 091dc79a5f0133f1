// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/demogenerator.h"

#include "keystone/domain/account.h"
#include "keystone/domain/teammember.h"
#include "keystone/services/portfolio.h"
#include "keystone/storage/transaction.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSet>
#include <QTimeZone>
#include <QUuid>

#include <algorithm>
#include <array>
#include <cmath>
#include <random>

namespace keystone::services {

using domain::Account;
using domain::LifecyclePhase;
using domain::TeamMember;
using domain::TeamRole;

namespace {

// mt19937_64's output sequence is fixed by the C++ standard, but the std distributions are
// not; these helpers derive everything from raw engine output so a seed means the same
// portfolio on every compiler.
class Rng
{
public:
    explicit Rng(quint64 seed) : m_engine(seed) {}
    double uniform() { return double(m_engine() >> 11) * (1.0 / 9007199254740992.0); } // [0, 1)
    int between(int lo, int hi) { return lo + int(m_engine() % quint64(hi - lo + 1)); } // inclusive
    bool chance(double p) { return uniform() < p; }
    template<typename T, size_t N>
    const T &pick(const std::array<T, N> &items) { return items[size_t(m_engine() % N)]; }
    // Index by weights.
    template<size_t N>
    size_t weighted(const std::array<int, N> &weights)
    {
        int total = 0;
        for (int w : weights)
            total += w;
        int r = between(0, total - 1);
        for (size_t i = 0; i < N; ++i) {
            if (r < weights[i])
                return i;
            r -= weights[i];
        }
        return N - 1;
    }
    QString uuid()
    {
        const quint64 hi = m_engine();
        const quint64 lo = m_engine();
        QUuid u(uint(hi >> 32), ushort(hi >> 16), ushort((hi & 0x0fff) | 0x4000), uchar(((lo >> 56) & 0x3f) | 0x80),
                uchar(lo >> 48), uchar(lo >> 40), uchar(lo >> 32), uchar(lo >> 24), uchar(lo >> 16), uchar(lo >> 8), uchar(lo));
        return u.toString(QUuid::WithoutBraces);
    }

private:
    std::mt19937_64 m_engine;
};

constexpr std::array<const char *, 64> kRoots{
    "Acme", "Apex", "Aurora", "Beacon", "Blue Harbor", "Boreal", "Brightwater", "Cascade", "Cedar",
    "Citadel", "Cobalt", "Copperline", "Crescent", "Delta", "Eastgate", "Ember", "Evergreen", "Falcon",
    "Fjord", "Granite", "Greenfield", "Harbor", "Helios", "Highland", "Horizon", "Ironwood", "Juniper",
    "Keystone Ridge", "Lakeshore", "Lighthouse", "Maple", "Meridian", "Northwind", "Nova", "Oakridge",
    "Orion", "Pacific", "Pinnacle", "Polaris", "Prairie", "Quantum", "Redwood", "Riverbend", "Sapphire",
    "Sierra", "Silverline", "Summit", "Sterling", "Stonebridge", "Sunrise", "Tidewater", "Titan",
    "Trident", "Vanguard", "Vertex", "Westbrook", "Willow", "Zenith", "Alder", "Bluestone", "Crown",
    "Driftwood", "Emerald", "Frontier"};

struct IndustryWords {
    const char *industry;
    std::array<const char *, 5> nouns;
};
constexpr std::array<IndustryWords, 12> kIndustries{{
    {"Manufacturing", {"Industries", "Precision Parts", "Fabrication", "Machine Works", "Components"}},
    {"Financial Services", {"Bank", "Capital", "Insurance", "Financial", "Credit Union"}},
    {"Healthcare", {"Health", "Medical Group", "Clinics", "Care Partners", "Hospital Network"}},
    {"Retail", {"Stores", "Outfitters", "Markets", "Home & Garden", "Apparel"}},
    {"Technology", {"Software", "Systems", "Networks", "Data", "Cloud"}},
    {"Logistics", {"Logistics", "Freight", "Shipping", "Transport", "Supply Chain"}},
    {"Energy", {"Energy", "Power", "Utilities", "Renewables", "Oil & Gas"}},
    {"Telecommunications", {"Telecom", "Communications", "Mobile", "Broadband", "Fiber"}},
    {"Public Sector", {"County", "Transit Authority", "Water District", "City Services", "Agency"}},
    {"Life Sciences", {"Biotech", "Pharma", "Therapeutics", "Diagnostics", "Labs"}},
    {"Education", {"University", "College", "Learning", "Academy", "Schools"}},
    {"Media", {"Media", "Studios", "Publishing", "Broadcasting", "Entertainment"}},
}};
constexpr std::array<int, 12> kIndustryWeights{16, 14, 10, 10, 14, 8, 6, 5, 5, 5, 4, 3};

constexpr std::array<const char *, 10> kSuffixes{"Inc.", "Group", "Corp.", "Ltd", "AG", "GmbH", "S.A.", "LLC", "plc", "Holdings"};

constexpr std::array<const char *, 11> kRegions{
    "North America East", "North America West", "DACH", "UK & Ireland", "Nordics", "France & Benelux",
    "Southern Europe", "ANZ", "Japan", "Southeast Asia", "LATAM"};
constexpr std::array<int, 11> kRegionWeights{22, 18, 12, 10, 5, 8, 6, 5, 4, 5, 5};

constexpr std::array<const char *, 40> kFirstNames{
    "Alex", "Priya", "Jordan", "Mei", "Lukas", "Sofia", "Daniel", "Aisha", "Marco", "Hannah",
    "Kenji", "Olivia", "Mateo", "Chloe", "Samuel", "Ingrid", "Omar", "Laura", "Noah", "Fatima",
    "Ethan", "Elena", "Ravi", "Grace", "Tomás", "Yuki", "Liam", "Amara", "Felix", "Nora",
    "Hugo", "Zara", "Jonas", "Isabel", "Victor", "Leila", "Oscar", "Maya", "Anders", "Camille"};
constexpr std::array<const char *, 40> kLastNames{
    "Nguyen", "Patel", "Schmidt", "Garcia", "Okafor", "Rossi", "Kowalski", "Tanaka", "Dubois", "Johansson",
    "Murphy", "Silva", "Chen", "Müller", "Hernández", "Andersen", "Kim", "Novak", "Cohen", "Fischer",
    "Moreau", "Kaur", "Lindqvist", "Brennan", "Ito", "Costa", "Weber", "Haddad", "Larsen", "Romero",
    "Walsh", "Mendes", "Berg", "Sato", "Ivanova", "Clarke", "Kaplan", "Ahmed", "Fontaine", "Reyes"};

constexpr std::array<const char *, 4> kOverrideReasons{
    "Strategic logo for the region", "Board-level relationship; CEO sponsor", "Parent company is a Tier 1 account",
    "Reference customer for the new platform"};

constexpr std::array<const char *, 6> kNotes{
    "Procurement runs a formal RFP every three years.",
    "New CIO started last quarter; relationship being rebuilt.",
    "Interested in the analytics add-on after the pilot.",
    "Budget freeze until the next fiscal year.",
    "Strong champion in operations; finance still skeptical.",
    "Consolidating vendors; we are on the short list."};

QString personName(Rng &rng)
{
    return QStringLiteral("%1 %2").arg(QString::fromUtf8(rng.pick(kFirstNames)), QString::fromUtf8(rng.pick(kLastNames)));
}

} // namespace

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
    const QDate today = options.today.isValid() ? options.today : QDate::currentDate();
    const QDateTime stamp(today, QTime(9, 0), Qt::UTC);
    const int n = std::max(0, options.accounts);
    DemoResult result;

    storage::Transaction tx(portfolio.database());

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
    for (int i = 0; i < std::max(2, managers / 2); ++i)
        addMember(TeamRole::CSM, 120);
    for (int i = 0; i < std::max(1, managers / 4); ++i)
        addMember(TeamRole::SE, 110);
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

        // Pareto ARR (alpha 1.16, the 80/20 shape), from $8,000, capped at $6M, rounded to $100.
        const double u = 1.0 - rng.uniform();
        const double dollars = std::min(6'000'000.0, 8000.0 / std::pow(u, 1.0 / 1.16));
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
    tx.commit();
    result.rows = result.accounts + result.teamMembers;
    result.elapsedMs = double(timer.nsecsElapsed()) / 1e6;
    return result;
}
} // namespace

} // namespace keystone::services
