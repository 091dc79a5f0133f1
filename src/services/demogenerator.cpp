// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/demogenerator.h"

#include "keystone/domain/account.h"
#include "keystone/domain/health.h"
#include "keystone/domain/opportunity.h"
#include "keystone/domain/segmentation.h"
#include "keystone/domain/teammember.h"
#include "keystone/domain/whitespace.h"
#include "keystone/services/healthservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/snapshotservice.h"
#include "keystone/storage/planrepository.h"
#include "keystone/storage/transaction.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QSet>
#include <QTimeZone>
#include <QRegularExpression>
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

struct DemoProduct {
    const char *name;
    const char *family;
    domain::PricingBasis basis;
    qint64 listPriceDollars;
};
constexpr std::array<DemoProduct, 8> kProducts{{
    {"Core Platform", "Platform", domain::PricingBasis::PerSeat, 180},
    {"Analytics", "Platform", domain::PricingBasis::PerSeat, 90},
    {"Integration Hub", "Platform", domain::PricingBasis::Flat, 24000},
    {"Field Service", "Operations", domain::PricingBasis::PerSite, 12000},
    {"Asset Tracking", "Operations", domain::PricingBasis::PerSite, 8000},
    {"Quality Suite", "Operations", domain::PricingBasis::PerSite, 15000},
    {"Identity Guard", "Security", domain::PricingBasis::PerSeat, 40},
    {"Compliance Vault", "Security", domain::PricingBasis::Flat, 30000},
}};

constexpr std::array<const char *, 13> kPlants{
    "Lyon", "Monterrey", "Pune", "Ostrava", "Curitiba", "Gdansk", "Nagoya", "Dayton", "Tilburg", "Wroclaw",
    "Chennai", "Graz", "Porto"};
constexpr std::array<const char *, 12> kDivisions{
    "Finance", "Operations", "Sales", "IT", "Customer Service", "Supply Chain", "HR", "Legal", "Marketing",
    "Research", "Procurement", "Facilities"};
constexpr std::array<const char *, 6> kCompetitors{"Vendora", "Stackline", "Northbeam", "Quanta Systems", "OpsCloud", "Brightgrid"};

QString personName(Rng &rng)
{
    return QStringLiteral("%1 %2").arg(QString::fromUtf8(rng.pick(kFirstNames)), QString::fromUtf8(rng.pick(kLastNames)));
}

} // namespace

namespace {
constexpr std::array<const char *, 5> kTopTitles{"Chief Information Officer", "Chief Financial Officer", "Chief Operating Officer",
                                                 "Chief Digital Officer", "Chief Executive Officer"};
constexpr std::array<const char *, 8> kAreas{"IT", "Finance", "Operations", "Procurement", "Security", "Engineering", "Customer Service",
                                             "Data & Analytics"};
constexpr std::array<const char *, 8> kSummaries{
    "Reviewed adoption and open tickets", "Walked through the roadmap", "Discussed renewal timing and budget",
    "Workshop on the new rollout", "Escalation follow-up", "Quarterly business review", "Introduced our solutions engineer",
    "Checked in on success metrics"};
constexpr std::array<const char *, 6> kNextSteps{"Send the proposal", "Book an onsite", "Share the usage report",
                                                 "Introduce the CFO", "Follow up on the escalation", ""};

// Contacts with a real org chart, influence links and 18 months of activities per account.
// Most accounts have 5 to 60 contacts, a few large ones 200 to 300; some lose a champion,
// and about one in seven is worked through a single contact.
qint64 fillRelationships(Portfolio &portfolio, Rng &rng, const std::vector<Account> &accounts,
                         const QHash<qint64, std::vector<qint64>> &centersOf, const std::vector<qint64> &coverIds, const QDate &today,
                         QHash<qint64, QDate> &championLeft)
{
    using domain::BuyingRole;
    using domain::Contact;
    using domain::Influence;
    using domain::RelationshipLevel;
    using domain::Stance;
    qint64 rows = 0;
    std::vector<Contact> contacts;
    std::vector<domain::InfluenceLink> links;
    std::vector<domain::Activity> activities;
    std::vector<size_t> firstOf; // index of each account's first contact in `contacts`
    std::vector<int> depthOf;
    for (const Account &a : accounts) {
        const double dollars = double(a.arr.cents) / 100.0;
        int n = std::clamp(4 + int(std::log2(std::max(1.0, dollars / 15000.0)) * 3.0) + rng.between(-2, 6), 5, 60);
        if (rng.chance(0.004))
            n = rng.between(200, 300);
        const size_t first = contacts.size();
        firstOf.push_back(first);
        const std::vector<qint64> centers = centersOf.value(a.id);
        QString domainName = a.name.toLower();
        domainName.remove(QRegularExpression(QStringLiteral("[^a-z]")));
        domainName = domainName.left(18) + QStringLiteral(".example");
        QSet<QString> taken; // no two contacts of one account share a name
        for (int i = 0; i < n; ++i) {
            Contact c;
            c.uuid = rng.uuid();
            c.accountId = a.id;
            do {
                c.name = personName(rng);
            } while (taken.contains(c.name) && taken.size() < 1500);
            taken.insert(c.name);
            int depth = 0;
            if (i > 0) {
                // A manager among the earlier contacts, at most four levels down.
                size_t k = first + size_t(rng.between(0, std::min(i - 1, 3 + i / 3)));
                while (depthOf[k] >= 3)
                    k = first + size_t(rng.between(0, i - 1));
                depth = depthOf[k] + 1;
                c.reportsToId = qint64(k); // index for now; ids after insert
                // VPs head a buying center, and about half of the others sit in one of their own.
                c.buyingCenterId = !centers.empty() && (depth == 1 || rng.chance(0.5)) ? centers[size_t(i) % centers.size()]
                                                                                     : contacts[k].buyingCenterId;
                c.department = depth == 1 ? QString::fromUtf8(rng.pick(kAreas)) : contacts[k].department;
            } else {
                c.reportsToId = -1;
                c.department = QStringLiteral("Executive");
            }
            depthOf.push_back(depth);
            switch (depth) {
            case 0:
                c.title = QString::fromUtf8(rng.pick(kTopTitles));
                c.role = rng.chance(0.88) ? BuyingRole::EconomicBuyer : BuyingRole::ExecutiveSponsor;
                c.influence = Influence::High;
                break;
            case 1:
                c.title = QStringLiteral("VP %1").arg(c.department);
                c.role = std::array{BuyingRole::DecisionMaker, BuyingRole::ExecutiveSponsor, BuyingRole::Influencer}[rng.weighted(std::array<int, 3>{5, 2, 3})];
                c.influence = rng.chance(0.75) ? Influence::High : Influence::Medium;
                break;
            case 2:
                c.title = QStringLiteral("Director, %1").arg(c.department);
                c.role = std::array{BuyingRole::TechnicalEvaluator, BuyingRole::Influencer, BuyingRole::Coach}[rng.weighted(std::array<int, 3>{4, 4, 2})];
                c.influence = rng.chance(0.6) ? Influence::Medium : Influence::High;
                break;
            default:
                c.title = rng.chance(0.5) ? QStringLiteral("%1 Manager").arg(c.department) : QStringLiteral("%1 Analyst").arg(c.department);
                c.role = std::array{BuyingRole::User, BuyingRole::Gatekeeper, BuyingRole::Coach}[rng.weighted(std::array<int, 3>{7, 2, 1})];
                c.influence = rng.chance(0.7) ? Influence::Low : Influence::Medium;
                break;
            }
            c.stance = std::array{Stance::Champion, Stance::Supporter, Stance::Neutral, Stance::Skeptic, Stance::Detractor}
                [rng.weighted(std::array<int, 5>{3, 25, 47, 18, 7})];
            QString local;
            for (QChar ch : c.name.normalized(QString::NormalizationForm_D).toLower())
                if (ch == QLatin1Char(' '))
                    local += QLatin1Char('.');
                else if (ch.unicode() < 128)
                    local += ch;
            c.email = local + QLatin1Char('@') + domainName;
            if (depth <= 1 || rng.chance(c.influence == Influence::High ? 0.75 : 0.35))
                c.coveredById = depth == 0 || rng.chance(0.5) ? a.ownerId : coverIds[size_t(rng.between(0, int(coverIds.size()) - 1))];
            if (c.isKey()) {
                c.targetLevel = depth == 0 ? RelationshipLevel::TrustedAdvisor : RelationshipLevel::ProblemSolver;
                c.level = RelationshipLevel(rng.between(0, int(c.targetLevel)));
            } else {
                c.level = RelationshipLevel(rng.between(0, 1));
                c.targetLevel = c.level;
            }
            if (i > 0 && rng.chance(0.05)) {
                c.status = domain::ContactStatus::Departed;
                c.departedOn = today.addDays(-rng.between(10, 500));
            }
            contacts.push_back(std::move(c));
        }
        // A champion in most accounts; in some of them the champion has just left.
        if (n > 2 && rng.chance(0.8)) {
            Contact &champion = contacts[first + size_t(rng.between(1, std::min(n - 1, 6)))];
            champion.role = BuyingRole::Champion;
            champion.stance = Stance::Champion;
            champion.status = domain::ContactStatus::Active;
            champion.departedOn = {};
            champion.targetLevel = RelationshipLevel::TrustedAdvisor;
            if (rng.chance(0.1)) {
                champion.status = domain::ContactStatus::Departed;
                champion.departedOn = today.addDays(-rng.between(5, 120));
                championLeft.insert(a.id, champion.departedOn);
            }
        }
    }
    // The file is new, so ids are handed out from 1 in insert order: give each contact its id
    // now and point reports_to at its manager's (always inserted earlier) in the same pass.
    const qint64 base = portfolio.contacts().count() + 1;
    for (size_t i = 0; i < contacts.size(); ++i) {
        contacts[i].id = base + qint64(i);
        contacts[i].reportsToId = contacts[i].reportsToId >= 0 ? base + contacts[i].reportsToId : 0;
    }
    portfolio.contacts().insertMany(contacts);
    rows += qint64(contacts.size());

    for (size_t ai = 0; ai < accounts.size(); ++ai) {
        const Account &a = accounts[ai];
        const size_t first = firstOf[ai];
        const size_t end = ai + 1 < accounts.size() ? firstOf[ai + 1] : contacts.size();
        const int n = int(end - first);
        // Influence links: "A sways B" across the chart.
        for (int k = rng.between(0, 3); k > 0 && n > 3; --k) {
            const qint64 from = contacts[first + size_t(rng.between(0, n - 1))].id;
            const qint64 to = contacts[first + size_t(rng.between(0, n - 1))].id;
            if (from != to && std::none_of(links.begin(), links.end(), [&](const domain::InfluenceLink &l) {
                    return l.fromContactId == from && l.toContactId == to;
                }))
                links.push_back({0, a.id, from, to});
        }
        // Who we actually talk to: a handful of contacts, or just one.
        const bool singleThreaded = rng.chance(0.14);
        std::vector<size_t> engaged;
        const int engagedCount = singleThreaded ? 1 : std::min(n, rng.between(2, 9));
        for (int k = 0; k < engagedCount; ++k)
            engaged.push_back(first + (k == 0 ? (rng.chance(0.6) ? 0 : size_t(rng.between(1, std::min(n - 1, 3)))) : size_t(rng.between(0, n - 1))));
        const int count = rng.between(3, 20);
        for (int k = 0; k < count; ++k) {
            domain::Activity act;
            act.uuid = rng.uuid();
            act.accountId = a.id;
            // More recent activity for most accounts; quiet accounts went dark months ago.
            const int span = singleThreaded && rng.chance(0.5) ? 540 : (rng.chance(0.7) ? 120 : 540);
            act.date = today.addDays(-rng.between(0, span));
            act.type = std::array{domain::ActivityType::Call, domain::ActivityType::Meeting, domain::ActivityType::Email, domain::ActivityType::Qbr,
                                  domain::ActivityType::ExecutiveReview, domain::ActivityType::Onsite, domain::ActivityType::InternalReview}
                [rng.weighted(std::array<int, 7>{30, 25, 25, 6, 4, 5, 5})];
            act.summary = QString::fromUtf8(rng.pick(kSummaries));
            act.nextStep = QString::fromUtf8(rng.pick(kNextSteps));
            act.teamMemberIds.push_back(a.ownerId);
            if (act.type != domain::ActivityType::InternalReview) {
                const int people = singleThreaded ? 1 : rng.between(1, 3);
                for (int p = 0; p < people; ++p) {
                    const Contact &c = contacts[engaged[size_t(rng.between(0, int(engaged.size()) - 1))]];
                    if (!c.isActive() && c.departedOn.isValid() && act.date > c.departedOn)
                        continue; // nobody meets a contact after they left
                    if (std::find(act.contactIds.begin(), act.contactIds.end(), c.id) == act.contactIds.end())
                        act.contactIds.push_back(c.id);
                }
            }
            if (act.contactIds.empty() && act.type != domain::ActivityType::InternalReview) {
                act.type = domain::ActivityType::InternalReview; // everyone we would have met had left
                act.summary = QStringLiteral("Account team sync");
            }
            activities.push_back(std::move(act));
        }
    }
    portfolio.contacts().insertLinks(links);
    rows += qint64(links.size());
    portfolio.activities().insertMany(activities);
    for (const domain::Activity &act : activities)
        rows += 1 + qint64(act.contactIds.size() + act.teamMemberIds.size());
    portfolio.contacts().refreshLastInteraction({});
    return rows;
}

// 24 monthly health snapshots per account with a story: most steady, some improving, some
// declining, and a usage drop after a champion left. Sentiment is a quarterly survey, typed
// in by hand for some accounts (and for a few, last typed long ago, so it is stale).
qint64 fillHealth(Portfolio &portfolio, Rng &rng, const std::vector<Account> &accounts, const QDate &today,
                  const QHash<qint64, QDate> &championLeft)
{
    enum Story { Steady, Improving, Declining };
    std::vector<std::pair<qint64, domain::HealthInputs>> rows;
    rows.reserve(accounts.size() * 24);
    for (const Account &a : accounts) {
        const Story story = Story(rng.weighted(std::array<int, 3>{64, 18, 18}));
        const int seats = std::clamp(int(a.arr.cents / 100 / 900), 10, 6000);
        const double base = 0.55 + 0.35 * rng.uniform();
        const int offered = 10;
        const bool manualSentiment = rng.chance(0.3);
        const bool staleSentiment = manualSentiment && rng.chance(0.25);
        const QDate left = championLeft.value(a.id);
        int nps = rng.between(-20, 60);
        for (int k = 23; k >= 0; --k) {
            domain::HealthInputs in;
            in.date = today.addMonths(-k);
            const double t = double(23 - k) / 23.0; // 0 -> 1 over the two years
            double ratio = base;
            if (story == Improving)
                ratio = 0.35 + (base + 0.1 - 0.35) * t;
            else if (story == Declining)
                ratio = base + 0.1 - (base - 0.25) * t;
            if (left.isValid() && in.date > left)
                ratio *= 0.6; // the champion's team stopped using it
            ratio = std::clamp(ratio + (rng.uniform() - 0.5) * 0.06, 0.05, 1.0);
            in.licensedSeats = seats;
            in.activeUsers = int(std::lround(seats * ratio));
            in.featuresOffered = offered;
            in.featuresUsed = std::clamp(int(std::lround(offered * (story == Declining ? 0.7 - 0.3 * t : story == Improving ? 0.3 + 0.5 * t : ratio * 0.8)))
                                             + rng.between(-1, 1),
                                         1, offered);
            const int trouble = story == Declining ? int(4 * t) : 0;
            in.sev1 = rng.chance(0.08 + 0.1 * trouble) ? 1 : 0;
            in.sev2 = rng.between(0, 1 + trouble);
            in.sev3 = rng.between(0, 4 + trouble);
            in.daysLate = double(story == Declining ? rng.between(0, int(10 + 40 * t)) : rng.between(0, 12));
            if (k % 3 == 0) {
                nps = std::clamp(nps + rng.between(-15, 15) + (story == Improving ? 6 : story == Declining ? -8 : 0), -100, 100);
                if (!(staleSentiment && k < 9)) { // stale: the last survey typed in was nine months ago
                    in.nps = nps;
                    in.sentimentDate = in.date;
                }
            }
            in.manual[size_t(domain::Measure::Sentiment)] = manualSentiment;
            rows.emplace_back(a.id, std::move(in));
        }
    }
    // Carry the latest survey forward so each snapshot has the sentiment in force, dated.
    for (size_t i = 1; i < rows.size(); ++i) {
        auto &[id, in] = rows[i];
        const auto &[prevId, prev] = rows[i - 1];
        if (!in.nps && prevId == id && prev.nps) {
            in.nps = prev.nps;
            in.sentimentDate = prev.sentimentDate;
        }
    }
    portfolio.health().insertManyInputs(rows);
    const qint64 scores = HealthService(portfolio).recomputeAll();
    return qint64(rows.size()) + std::max<qint64>(0, scores);
}

// Account plans with a spread of quality: about a third kept well (priorities with
// metrics, owned and mitigated risks or a recent "no known risks", actions with owners and
// future dates, reviewed within the tier's limit), a third half kept, a quarter neglected
// (few priorities, unowned risks, actions long overdue, no review or an old one).
qint64 fillPlans(Portfolio &portfolio, Rng &rng, const std::vector<Account> &accounts, const QDate &today)
{
    struct PriorityText {
        const char *text;
        const char *metric; // empty: no metric fits
        const char *unit;
        double baseline;
        double target;
    };
    static const std::array<PriorityText, 12> priorities{{
        {"Cut month-end close from ten days to five", "Days to close", "days", 10, 5},
        {"Consolidate three planning tools into one", "Planning tools in use", "tools", 3, 1},
        {"Give plant managers a live view of output", "Plants with live dashboards", "plants", 0, 12},
        {"Reduce carrying costs across the warehouses", "Carrying cost", "% of inventory", 24, 18},
        {"Pass the next SOX audit without findings", "Audit findings", "findings", 7, 0},
        {"Open two new regions without new headcount", "", "", 0, 0},
        {"Halve the time to onboard a new hire", "Onboarding time", "days", 30, 15},
        {"Move reporting off spreadsheets", "Reports still in spreadsheets", "reports", 140, 20},
        {"Improve on-time delivery to 97%", "On-time delivery", "%", 91, 97},
        {"Standardise the quoting process across divisions", "Quote turnaround", "hours", 72, 24},
        {"Grow self-service adoption in the field teams", "Field users active weekly", "%", 35, 70},
        {"Retire the legacy data warehouse", "", "", 0, 0},
    }};
    static const std::array<const char *, 10> risks{
        "Budget freeze expected in Q1", "Executive sponsor is changing roles", "Competitor offering a free pilot to the finance team",
        "Low adoption in the second division", "Procurement wants a three-year price lock", "Integration with their ERP is behind plan",
        "Champion on extended leave", "Security review of the new module pending", "Merger may consolidate vendors", "Support tickets rising after the upgrade"};
    static const std::array<const char *, 6> mitigations{
        "Agree the renewal scope before year end", "Introduce the incoming sponsor to our executive", "Run a value review with the CFO",
        "Targeted enablement sessions for the division", "Offer a ramped price with an adoption clause", "Weekly joint status call until go-live"};
    static const std::array<const char *, 10> actions{
        "Book the quarterly business review", "Send the adoption report", "Introduce our CTO to their architecture lead",
        "Prepare the renewal proposal", "Run a workshop on the planning module", "Map the buying centers in the new region",
        "Confirm the executive sponsor", "Follow up on the open Sev 2 tickets", "Share the case study draft", "Plan the advisory board invitation"};
    std::vector<domain::Priority> ps;
    std::vector<domain::Risk> rs;
    std::vector<domain::PlanAction> as;
    std::vector<domain::PlanReview> reviews;
    std::vector<domain::ValueDelivered> values;
    std::vector<domain::AdvocacyProfile> advocacy;
    struct ValueText {
        const char *metric;
        const char *unit;
        double baseline;
        double current;
        qint64 impactPerThousandArr; // cents of impact per 1,000 cents of ARR
    };
    static const std::array<ValueText, 5> valueTexts{{
        {"Status reporting time", "hours/week", 12, 10, 120},
        {"Carrying costs", "% of inventory", 24, 21, 300},
        {"Month-end close", "days", 10, 7, 80},
        {"Quote turnaround", "hours", 72, 30, 150},
        {"Audit findings", "findings", 7, 2, 0},
    }};
    for (const Account &a : accounts) {
        const int quality = int(rng.weighted(std::array<int, 3>{35, 40, 25})); // 0 good, 1 half, 2 neglected
        const int nPriorities = quality == 0 ? rng.between(2, 4) : quality == 1 ? rng.between(1, 2) : rng.between(0, 1);
        // Distinct texts within an account: a random start and a step prime to the pool size.
        const int firstPriority = rng.between(0, int(priorities.size()) - 1);
        const int firstRisk = rng.between(0, int(risks.size()) - 1);
        const int firstAction = rng.between(0, int(actions.size()) - 1);
        for (int i = 0; i < nPriorities; ++i) {
            domain::Priority p;
            p.uuid = rng.uuid();
            p.accountId = a.id;
            p.position = i;
            const PriorityText &t = priorities[size_t(firstPriority + 5 * i) % priorities.size()];
            p.text = QString::fromUtf8(t.text);
            if (*t.metric && (quality == 0 || rng.chance(0.3))) {
                p.metric = QString::fromUtf8(t.metric);
                p.unit = QString::fromUtf8(t.unit);
                p.baseline = t.baseline;
                p.target = t.target;
                p.current = std::round(t.baseline + (t.target - t.baseline) * rng.uniform());
            }
            ps.push_back(std::move(p));
        }
        const int nRisks = quality == 2 ? (rng.chance(0.3) ? 1 : 0) : rng.between(0, 3);
        for (int i = 0; i < nRisks; ++i) {
            domain::Risk r;
            r.uuid = rng.uuid();
            r.accountId = a.id;
            r.description = QString::fromUtf8(risks[size_t(firstRisk + 3 * i) % risks.size()]);
            r.severity = domain::RiskLevel(rng.between(0, 2));
            r.likelihood = domain::RiskLevel(rng.between(0, 2));
            const bool kept = quality == 0 || (quality == 1 && rng.chance(0.6));
            r.mitigation = kept ? QString::fromUtf8(rng.pick(mitigations)) : QString();
            r.ownerId = kept || rng.chance(0.3) ? a.ownerId : 0;
            r.status = rng.chance(0.2) ? domain::RiskStatus::Closed : rng.chance(0.4) ? domain::RiskStatus::Mitigating : domain::RiskStatus::Open;
            rs.push_back(std::move(r));
        }
        if (nRisks == 0 && quality < 2 && rng.chance(0.7))
            portfolio.plan().setNoKnownRisksOn(a.id, today.addDays(-rng.between(5, quality == 0 ? 60 : 200)));
        const int nActions = quality == 0 ? rng.between(2, 5) : quality == 1 ? rng.between(1, 3) : rng.between(0, 2);
        for (int i = 0; i < nActions; ++i) {
            domain::PlanAction x;
            x.uuid = rng.uuid();
            x.accountId = a.id;
            x.what = QString::fromUtf8(actions[size_t(firstAction + 3 * i) % actions.size()]);
            x.ownerId = quality == 2 && rng.chance(0.5) ? 0 : a.ownerId;
            const int spread = quality == 0 ? rng.between(-20, 60) : quality == 1 ? rng.between(-45, 45) : rng.between(-150, 10);
            x.due = today.addDays(spread);
            if (spread < -10 && quality == 0) {
                x.status = domain::ActionStatus::Done;
                x.doneOn = x.due.addDays(rng.between(-5, 5));
            } else if (rng.chance(0.08)) {
                x.status = domain::ActionStatus::Cancelled;
            }
            as.push_back(std::move(x));
        }
        // Value delivered: measured outcomes, mostly on well-kept accounts.
        const int nValues = quality == 0 ? rng.between(1, 3) : quality == 1 ? rng.between(0, 1) : 0;
        const int firstValue = rng.between(0, int(valueTexts.size()) - 1);
        for (int i = 0; i < nValues; ++i) {
            const ValueText &t = valueTexts[size_t(firstValue + 2 * i) % valueTexts.size()];
            domain::ValueDelivered v;
            v.uuid = rng.uuid();
            v.accountId = a.id;
            v.metric = QString::fromUtf8(t.metric);
            v.unit = QString::fromUtf8(t.unit);
            v.baseline = t.baseline;
            v.current = t.current;
            v.impactCents = a.arr.cents * t.impactPerThousandArr / 1000 / 100 * 100; // whole currency units
            v.date = today.addDays(-rng.between(10, 300));
            values.push_back(std::move(v));
        }
        // Advocacy: case studies and advisory seats among the well-kept accounts.
        if (quality == 0 && rng.chance(0.4)) {
            domain::AdvocacyProfile adv;
            adv.accountId = a.id;
            adv.caseStudy = domain::CaseStudyStatus(rng.between(1, 4));
            adv.advisoryBoard = rng.chance(0.35);
            advocacy.push_back(adv);
        }
        // Reviews: quarterly for well-kept plans, now and then for the others.
        const int gap = quality == 0 ? rng.between(60, 100) : quality == 1 ? rng.between(120, 240) : rng.between(300, 500);
        QDate d = today.addDays(-rng.between(quality == 0 ? 3 : 40, quality == 0 ? 80 : quality == 1 ? 260 : 600));
        const QDate since = today.addDays(-540);
        while (d > since && !(quality == 2 && rng.chance(0.3))) {
            domain::PlanReview rv;
            rv.accountId = a.id;
            rv.date = d;
            rv.reviewerId = a.ownerId;
            rv.note = rng.chance(0.3) ? QStringLiteral("Priorities confirmed with the sponsor") : QString();
            reviews.push_back(std::move(rv));
            d = d.addDays(-gap);
        }
    }
    portfolio.plan().insertItems(ps);
    portfolio.plan().insertItems(rs);
    portfolio.plan().insertItems(as);
    portfolio.plan().insertReviews(reviews);
    portfolio.plan().insertItems(values);
    for (const domain::AdvocacyProfile &adv : advocacy)
        portfolio.plan().saveAdvocacy(adv);
    // Reference requests of referenceable accounts, to their champions and supporters, at
    // least 93 days apart (never twice in one quarter).
    QHash<qint64, std::vector<qint64>> advocates;
    for (const domain::Contact &c : portfolio.contacts().allBrief())
        if (c.isActive() && (c.stance == domain::Stance::Champion || c.stance == domain::Stance::Supporter))
            advocates[c.accountId].push_back(c.id);
    static const std::array<const char *, 4> purposes{"Call with a prospect in the same industry", "Site visit for a prospect",
                                                      "Quote for a press release", "Peer call with a prospect's CFO"};
    std::vector<domain::ReferenceRequest> requests;
    for (const Account &a : accounts) {
        const auto it = advocates.constFind(a.id);
        if (!a.referenceable || it == advocates.constEnd() || it->empty())
            continue;
        const int n = rng.between(1, 3);
        for (int i = 0; i < n; ++i) {
            domain::ReferenceRequest r;
            r.uuid = rng.uuid();
            r.accountId = a.id;
            r.contactId = (*it)[size_t(i) % it->size()];
            r.date = today.addDays(-(20 + 100 * i + rng.between(0, 40)));
            r.purpose = QString::fromUtf8(rng.pick(purposes));
            requests.push_back(std::move(r));
        }
    }
    portfolio.plan().insertItems(requests);
    return qint64(ps.size() + rs.size() + as.size() + reviews.size() + values.size() + advocacy.size() + requests.size());
}

// Joint success plans for onboarding accounts and young customers (objectives, a 90-day
// roadmap with some milestones done and some late, champions and decision makers, first
// value for most), and remediation plans for the accounts marked at risk.
qint64 fillSuccessPlans(Portfolio &portfolio, Rng &rng, const std::vector<Account> &accounts, const QDate &today)
{
    struct ObjectiveText {
        const char *text, *metric, *unit;
        double baseline, target;
    };
    static const std::array<ObjectiveText, 6> objectives{{
        {"Finance team closes the month in the new tool", "Entities closed in the tool", "entities", 0, 12},
        {"Retire the legacy reporting workbooks", "Workbooks still in use", "workbooks", 40, 0},
        {"Every regional lead uses the weekly dashboard", "Weekly active leads", "leads", 0, 25},
        {"Cut onboarding time for new analysts", "Days to first report", "days", 20, 5},
        {"Automate the audit evidence collection", "Controls with automated evidence", "%", 0, 80},
        {"Single view of customer health for the CS team", "", "", 0, 0},
    }};
    static const std::array<const char *, 7> milestones{"Kick-off and success criteria signed", "Admin training done", "Data integration live",
                                                        "First 50 users active", "First month-end close in the tool",
                                                        "Executive check-in on value", "Legacy workbooks switched off"};
    static const std::array<const char *, 4> rootCauses{"Champion left; the new VP was never onboarded",
                                                        "Usage fell after a failed integration rollout", "Budget cut and a competitor pilot",
                                                        "Support backlog on severity-1 tickets eroded trust"};
    static const std::array<const char *, 4> fixes{"Executive alignment call held", "Integration fixed and re-launched",
                                                   "Re-onboard the new VP's team", "Value review with the CFO"};
    QHash<qint64, std::vector<domain::Contact>> contactsOf;
    for (domain::Contact &c : portfolio.contacts().allBrief())
        if (c.isActive())
            contactsOf[c.accountId].push_back(std::move(c));
    std::vector<qint64> team;
    for (const TeamMember &m : portfolio.team().all())
        team.push_back(m.id);
    std::vector<domain::Objective> os;
    std::vector<domain::Milestone> ms;
    std::vector<domain::SuccessContact> people;
    qint64 rows = 0;
    for (const Account &a : accounts) {
        const bool young = a.customerSince.isValid() && a.customerSince.daysTo(today) < 365;
        if (a.phase == domain::LifecyclePhase::Onboarding || (young && rng.chance(0.5))) {
            domain::SuccessPlan plan;
            plan.accountId = a.id;
            plan.startsOn = a.customerSince.isValid() && a.customerSince.daysTo(today) < 400 ? a.customerSince
                                                                                             : today.addDays(-rng.between(10, 120));
            if (plan.startsOn.daysTo(today) > rng.between(25, 70))
                plan.firstValueOn = plan.startsOn.addDays(rng.between(20, std::max(21, int(std::min<qint64>(80, plan.startsOn.daysTo(today))))));
            portfolio.plan().saveSuccessPlan(plan);
            ++rows;
            const int nObjectives = rng.between(1, 3);
            const int first = rng.between(0, int(objectives.size()) - 1);
            for (int i = 0; i < nObjectives; ++i) {
                const ObjectiveText &t = objectives[size_t(first + i) % objectives.size()];
                domain::Objective o;
                o.uuid = rng.uuid();
                o.accountId = a.id;
                o.position = i;
                o.text = QString::fromUtf8(t.text);
                if (*t.metric) {
                    o.metric = QString::fromUtf8(t.metric);
                    o.unit = QString::fromUtf8(t.unit);
                    o.baseline = t.baseline;
                    o.target = t.target;
                    o.current = std::round(t.baseline + (t.target - t.baseline) * rng.uniform() * 1.1);
                }
                os.push_back(std::move(o));
            }
            const int nMilestones = rng.between(3, 5);
            for (int i = 0; i < nMilestones; ++i) {
                domain::Milestone m;
                m.uuid = rng.uuid();
                m.accountId = a.id;
                m.plan = domain::MilestonePlan::Success;
                m.what = QString::fromUtf8(milestones[size_t(i) % milestones.size()]);
                m.due = plan.startsOn.addDays(std::min(95, 10 + i * 20 + rng.between(0, 10)));
                if (m.due < today && rng.chance(0.75))
                    m.doneOn = m.due.addDays(rng.between(-4, 6));
                if (m.doneOn > today)
                    m.doneOn = today;
                ms.push_back(std::move(m));
            }
            // Champions and decision makers from the map: champions by stance, the economic buyer decides.
            for (const domain::Contact &c : contactsOf.value(a.id)) {
                const bool decides = c.role == domain::BuyingRole::EconomicBuyer;
                if (!decides && !c.isChampion())
                    continue;
                domain::SuccessContact p;
                p.uuid = rng.uuid();
                p.accountId = a.id;
                p.contactId = c.id;
                p.role = decides ? domain::SuccessRole::DecisionMaker : domain::SuccessRole::Champion;
                people.push_back(std::move(p));
            }
        }
        if (a.atRisk && !team.empty()) {
            domain::RemediationPlan r;
            r.accountId = a.id;
            r.sponsorId = rng.chance(0.8) ? team[size_t(rng.between(0, int(team.size()) - 1))] : 0;
            r.rootCause = rng.chance(0.85) ? QString::fromUtf8(rng.pick(rootCauses)) : QString();
            r.openedOn = today.addDays(-rng.between(5, 90));
            portfolio.plan().saveRemediationPlan(r);
            ++rows;
            const int n = rng.between(1, 3);
            for (int i = 0; i < n; ++i) {
                domain::Milestone m;
                m.uuid = rng.uuid();
                m.accountId = a.id;
                m.plan = domain::MilestonePlan::Remediation;
                m.what = QString::fromUtf8(fixes[size_t(i) % fixes.size()]);
                m.due = r.openedOn.addDays(14 + 21 * i);
                if (m.due < today && rng.chance(0.6))
                    m.doneOn = m.due;
                ms.push_back(std::move(m));
            }
        }
    }
    portfolio.plan().insertItems(os);
    portfolio.plan().insertItems(ms);
    portfolio.plan().insertItems(people);
    return rows + qint64(os.size() + ms.size() + people.size());
}

// Last quarter's snapshot for some well-kept accounts (at most 200, so a 10,000-account demo
// stays quick), so Compare has something to show: the plan as it is now, minus the newest
// priority and with the actions done since still open, taken on the quarter's last day.
qint64 fillSnapshots(Portfolio &portfolio, Rng &rng, const std::vector<Account> &accounts, const QDate &today)
{
    const QDate lastQuarter = today.addMonths(-3);
    const QDate quarterEnd(lastQuarter.year(), (lastQuarter.month() - 1) / 3 * 3 + 3, 1);
    const QDateTime takenAt(quarterEnd.addMonths(1).addDays(-1), QTime(17, 0), Qt::UTC);
    const QString label = domain::quarterLabel(lastQuarter);
    SnapshotService snapshots(portfolio);
    qint64 rows = 0;
    for (const Account &a : accounts) {
        if (rows >= 200)
            break;
        if (!rng.chance(0.25) || portfolio.plan().items<domain::Priority>(a.id).empty())
            continue;
        domain::PlanSnapshot snap = snapshots.build(a.id, label, today);
        snap.takenAt = takenAt;
        for (domain::SnapshotSection &section : snap.sections) {
            if (section.name == QLatin1String("Priorities") && section.items.size() > 1)
                section.items.pop_back();
            if (section.name == QLatin1String("Actions"))
                for (domain::SnapshotItem &item : section.items)
                    for (auto &[field, value] : item.fields)
                        if (field == QLatin1String("Status") && value == domain::actionStatusName(domain::ActionStatus::Done))
                            value = domain::actionStatusName(domain::ActionStatus::Open);
        }
        portfolio.plan().insertSnapshot(snap);
        ++rows;
    }
    return rows;
}

// 24 months of ARR history: expansions and contractions walked back from today's ARR; about
// 3% of the older accounts churned in the last 18 months (their ARR now zero). A separate
// random stream, so the whitespace and contacts are the same as before this data existed.
qint64 fillArrHistory(Portfolio &portfolio, quint64 seed, std::vector<Account> &accounts, const QDate &today)
{
    Rng rng(seed ^ 0x5eed'b00cULL);
    const QDate windowStart = QDate(today.year(), today.month(), 1).addMonths(-24);
    auto round100 = [](double cents) { return std::max<qint64>(10000, qint64(std::llround(cents / 10000.0)) * 10000); };
    std::vector<domain::ArrPoint> points;
    QList<qint64> churned;
    for (Account &a : accounts) {
        const QDate first = std::max(a.customerSince, windowStart);
        const domain::ArrChange firstKind = a.customerSince >= windowStart ? domain::ArrChange::New : domain::ArrChange::Snapshot;
        const bool churn = a.customerSince < today.addDays(-400) && rng.chance(0.03);
        QDate churnDate;
        if (churn) {
            churnDate = today.addDays(-rng.between(15, 540));
            if (churnDate <= first)
                churnDate = first.addDays(30);
        }
        const QDate last = churn ? churnDate : today;
        // Walk back month by month from the last ARR, undoing changes.
        std::vector<domain::ArrPoint> mine;
        double v = double(a.arr.cents);
        for (QDate m = QDate(last.year(), last.month(), 1); m > first; m = m.addMonths(-1)) {
            const double u = rng.uniform();
            double before = v;
            if (u < 0.05)
                before = v / (1.1 + 0.4 * rng.uniform()); // expanded this month
            else if (u < 0.075)
                before = v * (1.1 + 0.25 * rng.uniform()); // contracted this month
            else
                continue;
            const QDate on = m.addDays(rng.between(0, m.daysInMonth() - 1));
            if (on <= first || on >= last)
                continue;
            mine.push_back({a.id, on, round100(v), domain::arrChangeBetween(round100(before), round100(v))});
            v = before;
        }
        mine.push_back({a.id, first, round100(v), firstKind});
        std::reverse(mine.begin(), mine.end());
        if (churn) {
            mine.push_back({a.id, churnDate, 0, domain::ArrChange::Churn});
            churned.append(a.id);
            a.arr.cents = 0;
            a.renewalDate = {};
            a.atRisk = false;
        }
        points.insert(points.end(), mine.begin(), mine.end());
    }
    portfolio.arrHistory().recordMany(points);
    if (!churned.isEmpty())
        portfolio.accounts().markChurned(churned, QStringLiteral("Churned: the customer did not renew."),
                                         QDateTime(today, QTime(9, 0), Qt::UTC));

    return qint64(points.size());
}

// Coverage beyond the owner: a CSM on the top 40% by ARR, an SE on the top 20% (half of
// them), a TAM on the top 5%.
qint64 fillAssignments(Portfolio &portfolio, quint64 seed, const std::vector<Account> &accounts)
{
    Rng rng(seed ^ 0xa551'9a3eULL);
    std::vector<qint64> csms, ses, tams;
    for (const domain::TeamMember &m : portfolio.team().all()) {
        if (m.role == TeamRole::CSM)
            csms.push_back(m.id);
        else if (m.role == TeamRole::SE)
            ses.push_back(m.id);
        else if (m.role == TeamRole::TAM)
            tams.push_back(m.id);
    }
    std::vector<qint64> arr;
    for (const Account &a : accounts)
        arr.push_back(a.arr.cents);
    const qint64 p60 = domain::percentileCents(arr, 60), p80 = domain::percentileCents(arr, 80), p95 = domain::percentileCents(arr, 95);
    qint64 rows = 0;
    auto pickFrom = [&](const std::vector<qint64> &ids) { return ids[size_t(rng.between(0, int(ids.size()) - 1))]; };
    for (const Account &a : accounts) {
        if (a.arr.cents == 0)
            continue;
        if (a.arr.cents >= p60 && !csms.empty() && portfolio.assignments().assign(a.id, pickFrom(csms)))
            ++rows;
        if (a.arr.cents >= p80 && !ses.empty() && rng.chance(0.5) && portfolio.assignments().assign(a.id, pickFrom(ses)))
            ++rows;
        if (a.arr.cents >= p95 && !tams.empty() && portfolio.assignments().assign(a.id, pickFrom(tams)))
            ++rows;
    }
    return rows;
}

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
    // A generated book has no history of edits: nobody made them.
    portfolio.history().setRecording(false);

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

} // namespace keystone::services
