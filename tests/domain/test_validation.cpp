// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "testsupport.h"

#include "keystone/domain/money.h"
#include "keystone/domain/validation.h"

using namespace keystone::domain;

namespace {
Account valid()
{
    Account a;
    a.name = QStringLiteral("Acme Corp");
    a.arr = {100000, QStringLiteral("USD")};
    return a;
}

QStringList fields(const FieldErrors &errors)
{
    QStringList out;
    for (const FieldError &e : errors)
        out << e.field;
    return out;
}
} // namespace

TEST_CASE("A valid account has no errors", "[domain][validation]")
{
    CHECK(validateAccount(valid(), PortfolioSettings{}).isEmpty());
}

TEST_CASE("Each invalid field is named", "[domain][validation]")
{
    const PortfolioSettings settings;
    Account a = valid();
    a.name = QStringLiteral("   ");
    CHECK(fields(validateAccount(a, settings)) == QStringList{QStringLiteral("name")});

    a = valid();
    a.arr.cents = -1;
    CHECK(fields(validateAccount(a, settings)) == QStringList{QStringLiteral("arr")});

    a = valid();
    a.arr.currency = QStringLiteral("XYZ");
    const FieldErrors unknown = validateAccount(a, settings);
    REQUIRE(unknown.size() == 1);
    CHECK(unknown.first().field == QStringLiteral("currency"));
    CHECK(unknown.first().message.contains(QStringLiteral("XYZ")));

    a = valid();
    a.arr.currency = QStringLiteral("EUR"); // real, but not this portfolio's
    CHECK(fields(validateAccount(a, settings)) == QStringList{QStringLiteral("currency")});

    a = valid();
    a.potentialRating = 6;
    CHECK(fields(validateAccount(a, settings)) == QStringList{QStringLiteral("potential_rating")});

    a = valid();
    a.tierOverride = Tier::Tier1;
    CHECK(fields(validateAccount(a, settings)) == QStringList{QStringLiteral("tier_override_reason")});
    a.tierOverrideReason = QStringLiteral("Board-level sponsor");
    CHECK(validateAccount(a, settings).isEmpty());

    a = valid();
    a.renewalDate = QDate(1850, 1, 1);
    CHECK(fields(validateAccount(a, settings)) == QStringList{QStringLiteral("renewal_date")});

    a = valid();
    a.name.clear();
    a.arr.cents = -5;
    CHECK(fields(validateAccount(a, settings)) == (QStringList{QStringLiteral("name"), QStringLiteral("arr")}));
    CHECK(describe(validateAccount(a, settings)) == QStringLiteral("name: Name is required; arr: ARR must not be negative"));
}

TEST_CASE("Names compare without case or extra spaces", "[domain][validation]")
{
    CHECK(nameKey(QStringLiteral("  ACME   Corp ")) == nameKey(QStringLiteral("acme corp")));
    CHECK(nameKey(QStringLiteral("Ärzte GmbH")) == nameKey(QStringLiteral("ärzte gmbh")));
}

TEST_CASE("ISO dates parse only when real", "[domain][validation]")
{
    CHECK(parseIsoDate(QStringLiteral("2026-03-31")) == QDate(2026, 3, 31));
    CHECK_FALSE(parseIsoDate(QStringLiteral("2026-02-30")));
    CHECK_FALSE(parseIsoDate(QStringLiteral("31/03/2026")));
}

TEST_CASE("Settings validation names the field", "[domain][validation]")
{
    PortfolioSettings s;
    CHECK(validateSettings(s).isEmpty());
    s.segmentation.percentile = 120;
    CHECK(fields(validateSettings(s)) == QStringList{QStringLiteral("segmentation.percentile")});
    s = PortfolioSettings{};
    s.currency = QStringLiteral("ABC");
    CHECK(fields(validateSettings(s)) == QStringList{QStringLiteral("currency")});
}

TEST_CASE("Names count characters, not UTF-16 units, and refuse control characters such as NUL", "[domain][validation]")
{
    PortfolioSettings settings;
    Account a;
    a.arr = {0, QStringLiteral("USD")};
    // 200 characters outside the Basic Multilingual Plane: 400 UTF-16 units, still allowed.
    QString emoji;
    for (int i = 0; i < 200; ++i)
        emoji += QString::fromUcs4(U"\U0001F600", 1);
    REQUIRE(emoji.size() == 400);
    a.name = emoji;
    CHECK(validateAccount(a, settings).isEmpty());
    a.name += QString::fromUcs4(U"\U0001F600", 1);
    CHECK(describe(validateAccount(a, settings)).contains(QStringLiteral("longer than 200 characters")));
    a.name = QStringLiteral("Acme") + QChar(0) + QStringLiteral("Corp");
    CHECK(describe(validateAccount(a, settings)).contains(QStringLiteral("control character")));
    TeamMember m;
    m.name = QStringLiteral("Dana\nSmith");
    CHECK(describe(validateTeamMember(m)).contains(QStringLiteral("control character")));
    // An ARR past the bound a book's total can hold is refused.
    a.name = QStringLiteral("Big");
    a.arr.cents = kMaxAmountCents + 1;
    CHECK(describe(validateAccount(a, settings)).contains(QStringLiteral("larger than Keystone stores")));
}
