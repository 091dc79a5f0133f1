// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// The relationship chapter: contacts with an org chart, influence links and activities.
#include "demostory.h"

#include <QRegularExpression>
#include <QSet>

namespace keystone::demo::story {

// Contacts with a real org chart, influence links and 18 months of activities per account.
// Most accounts have 5 to 60 contacts, a few of the largest (ARR of $400,000 or more) 200 to
// 300; some lose a champion, and about one in seven is worked through a single contact.
// Activities come at a steady monthly rate that grows with the account's size, from the day
// it became a customer; a few quiet accounts stopped months ago. So a month of the book
// looks like the month before it, with no jump at any date.
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
        if (dollars >= 400000 && rng.chance(0.04))
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
        // A steady rate per month, larger for larger accounts: about one activity a month at
        // $15,000, three at $1M; from the start of the relationship (18 months at most), and
        // for a quiet account only until it went dark 2 to 8 months ago.
        const double dollars = double(a.arr.cents) / 100.0;
        const double rate = std::clamp(0.8 + 0.35 * std::log2(std::max(1.0, dollars / 15000.0)), 0.7, 3.5) * (0.6 + 0.8 * rng.uniform());
        const bool quiet = (singleThreaded && rng.chance(0.5)) || rng.chance(0.06);
        const QDate from = std::max(today.addDays(-540), a.customerSince.isValid() ? a.customerSince : today.addDays(-540));
        const QDate until = quiet ? today.addDays(-rng.between(60, 240)) : today;
        std::vector<QDate> dates;
        for (QDate monthStart = from; monthStart <= until; monthStart = monthStart.addDays(30)) {
            const int days = std::min(30, int(monthStart.daysTo(until)) + 1);
            // Poisson arrivals at `rate` a month over these days (Knuth's method).
            const double limit = std::exp(-rate * days / 30.0);
            double product = rng.uniform();
            while (product > limit) {
                dates.push_back(monthStart.addDays(rng.between(0, days - 1)));
                product *= rng.uniform();
            }
        }
        if (dates.empty()) // every customer has been met at least once
            dates.push_back(from.addDays(rng.between(0, int(std::max<qint64>(0, from.daysTo(until))))));
        for (const QDate &date : dates) {
            domain::Activity act;
            act.uuid = rng.uuid();
            act.accountId = a.id;
            act.date = date;
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

} // namespace keystone::demo::story
