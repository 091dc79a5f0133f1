// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "testsupport.h"

#include "keystone/domain/snapshot.h"

using namespace keystone::domain;

namespace {
SnapshotItem item(const char *key, const char *title, std::vector<std::pair<QString, QString>> fields)
{
    return {QString::fromUtf8(key), QString::fromUtf8(title), std::move(fields)};
}
} // namespace

TEST_CASE("Comparing two snapshots lists added, removed and changed items, matched by key", "[domain][snapshot]")
{
    PlanSnapshot q3;
    q3.label = QStringLiteral("2026Q3");
    q3.sections = {{QStringLiteral("Summary"), {item("account", "Account", {{QStringLiteral("ARR"), QStringLiteral("$50,000")},
                                                                            {QStringLiteral("Completeness"), QStringLiteral("40%")}})}},
                   {QStringLiteral("Risks"), {item("r1", "Budget freeze", {{QStringLiteral("Status"), QStringLiteral("Open")}}),
                                              item("r2", "Sponsor leaving", {{QStringLiteral("Status"), QStringLiteral("Open")}})}}};
    PlanSnapshot q4 = q3;
    q4.label = QStringLiteral("2026Q4");
    q4.sections[0].items[0].fields[0].second = QStringLiteral("$75,000");
    q4.sections[1].items[0].fields[0].second = QStringLiteral("Closed");
    q4.sections[1].items.erase(q4.sections[1].items.begin() + 1);                                  // r2 gone
    q4.sections[1].items.push_back(item("r3", "Merger", {{QStringLiteral("Status"), QStringLiteral("Open")}})); // r3 new
    q4.sections.push_back({QStringLiteral("Priorities"), {item("p1", "Halve onboarding", {})}});

    const auto changes = compareSnapshots(q3, q4);
    REQUIRE(changes.size() == 5);
    CHECK(changes[0].section == QStringLiteral("Summary"));
    CHECK(changes[0].kind == SnapshotChange::Kind::Changed);
    CHECK(changes[0].field == QStringLiteral("ARR"));
    CHECK(changes[0].before == QStringLiteral("$50,000"));
    CHECK(changes[0].after == QStringLiteral("$75,000"));
    CHECK(changes[1].item == QStringLiteral("Budget freeze"));
    CHECK(changes[1].after == QStringLiteral("Closed"));
    CHECK(changes[2].kind == SnapshotChange::Kind::Added);
    CHECK(changes[2].item == QStringLiteral("Merger"));
    CHECK(changes[3].kind == SnapshotChange::Kind::Removed);
    CHECK(changes[3].item == QStringLiteral("Sponsor leaving"));
    CHECK(changes[4].section == QStringLiteral("Priorities"));
    CHECK(changes[4].kind == SnapshotChange::Kind::Added);
    CHECK(compareSnapshots(q4, q4).empty());

    // The stored form reads back to the same sections.
    const auto back = parseSnapshotContent(snapshotContentJson(q4));
    REQUIRE(back);
    CHECK(*back == q4.sections);
    CHECK_FALSE(parseSnapshotContent(QStringLiteral("{\"version\": 9}")));
    CHECK_FALSE(parseSnapshotContent(QStringLiteral("not json")));
}

TEST_CASE("Snapshot labels and quarters", "[domain][snapshot]")
{
    CHECK(quarterLabel(QDate(2026, 11, 23)) == QStringLiteral("2026Q4"));
    CHECK(quarterLabel(QDate(2027, 1, 1)) == QStringLiteral("2027Q1"));
    CHECK(quarterLabel(QDate(2026, 6, 30)) == QStringLiteral("2026Q2"));
    CHECK(validateSnapshotLabel(QStringLiteral("2026Q4")).isEmpty());
    CHECK(validateSnapshotLabel(QStringLiteral("  ")).first().field == QStringLiteral("label"));
    CHECK_FALSE(validateSnapshotLabel(QString(41, QLatin1Char('x'))).isEmpty());
}
