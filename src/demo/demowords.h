// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// The demo book's words: company roots, industries, regions, people, products, titles,
// meeting summaries. Data only; the story that uses them is in the demo*.cpp files.
#pragma once

#include "keystone/domain/whitespace.h"


#include <array>

namespace keystone::demo::words {

inline constexpr std::array<const char *, 64> kRoots{
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
inline constexpr std::array<IndustryWords, 12> kIndustries{{
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
inline constexpr std::array<int, 12> kIndustryWeights{16, 14, 10, 10, 14, 8, 6, 5, 5, 5, 4, 3};

inline constexpr std::array<const char *, 10> kSuffixes{"Inc.", "Group", "Corp.", "Ltd", "AG", "GmbH", "S.A.", "LLC", "plc", "Holdings"};

inline constexpr std::array<const char *, 11> kRegions{
    "North America East", "North America West", "DACH", "UK & Ireland", "Nordics", "France & Benelux",
    "Southern Europe", "ANZ", "Japan", "Southeast Asia", "LATAM"};
inline constexpr std::array<int, 11> kRegionWeights{22, 18, 12, 10, 5, 8, 6, 5, 4, 5, 5};

inline constexpr std::array<const char *, 40> kFirstNames{
    "Alex", "Priya", "Jordan", "Mei", "Lukas", "Sofia", "Daniel", "Aisha", "Marco", "Hannah",
    "Kenji", "Olivia", "Mateo", "Chloe", "Samuel", "Ingrid", "Omar", "Laura", "Noah", "Fatima",
    "Ethan", "Elena", "Ravi", "Grace", "Tomás", "Yuki", "Liam", "Amara", "Felix", "Nora",
    "Hugo", "Zara", "Jonas", "Isabel", "Victor", "Leila", "Oscar", "Maya", "Anders", "Camille"};
inline constexpr std::array<const char *, 40> kLastNames{
    "Nguyen", "Patel", "Schmidt", "Garcia", "Okafor", "Rossi", "Kowalski", "Tanaka", "Dubois", "Johansson",
    "Murphy", "Silva", "Chen", "Müller", "Hernández", "Andersen", "Kim", "Novak", "Cohen", "Fischer",
    "Moreau", "Kaur", "Lindqvist", "Brennan", "Ito", "Costa", "Weber", "Haddad", "Larsen", "Romero",
    "Walsh", "Mendes", "Berg", "Sato", "Ivanova", "Clarke", "Kaplan", "Ahmed", "Fontaine", "Reyes"};

inline constexpr std::array<const char *, 4> kOverrideReasons{
    "Strategic logo for the region", "Board-level relationship; CEO sponsor", "Parent company is a Tier 1 account",
    "Reference customer for the new platform"};

inline constexpr std::array<const char *, 6> kNotes{
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
inline constexpr std::array<DemoProduct, 8> kProducts{{
    {"Core Platform", "Platform", domain::PricingBasis::PerSeat, 180},
    {"Analytics", "Platform", domain::PricingBasis::PerSeat, 90},
    {"Integration Hub", "Platform", domain::PricingBasis::Flat, 24000},
    {"Field Service", "Operations", domain::PricingBasis::PerSite, 12000},
    {"Asset Tracking", "Operations", domain::PricingBasis::PerSite, 8000},
    {"Quality Suite", "Operations", domain::PricingBasis::PerSite, 15000},
    {"Identity Guard", "Security", domain::PricingBasis::PerSeat, 40},
    {"Compliance Vault", "Security", domain::PricingBasis::Flat, 30000},
}};

inline constexpr std::array<const char *, 13> kPlants{
    "Lyon", "Monterrey", "Pune", "Ostrava", "Curitiba", "Gdansk", "Nagoya", "Dayton", "Tilburg", "Wroclaw",
    "Chennai", "Graz", "Porto"};
inline constexpr std::array<const char *, 12> kDivisions{
    "Finance", "Operations", "Sales", "IT", "Customer Service", "Supply Chain", "HR", "Legal", "Marketing",
    "Research", "Procurement", "Facilities"};
inline constexpr std::array<const char *, 6> kCompetitors{"Vendora", "Stackline", "Northbeam", "Quanta Systems", "OpsCloud", "Brightgrid"};

inline constexpr std::array<const char *, 5> kTopTitles{"Chief Information Officer", "Chief Financial Officer", "Chief Operating Officer",
                                                 "Chief Digital Officer", "Chief Executive Officer"};
inline constexpr std::array<const char *, 8> kAreas{"IT", "Finance", "Operations", "Procurement", "Security", "Engineering", "Customer Service",
                                             "Data & Analytics"};
inline constexpr std::array<const char *, 8> kSummaries{
    "Reviewed adoption and open tickets", "Walked through the roadmap", "Discussed renewal timing and budget",
    "Workshop on the new rollout", "Escalation follow-up", "Quarterly business review", "Introduced our solutions engineer",
    "Checked in on success metrics"};
inline constexpr std::array<const char *, 6> kNextSteps{"Send the proposal", "Book an onsite", "Share the usage report",
                                                 "Introduce the CFO", "Follow up on the escalation", ""};

} // namespace keystone::demo::words
