// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/domain/validation.h"

#include <QStringList>

#include <algorithm>

namespace keystone::domain {

namespace {
constexpr int kMaxNameLength = 200;
const QDate kEarliestDate(1900, 1, 1);
const QDate kLatestDate(2200, 12, 31);

void checkDate(FieldErrors &errors, const QDate &date, const QString &field, const QString &label)
{
    if (date.isNull())
        return;
    if (!date.isValid() || date < kEarliestDate || date > kLatestDate)
        errors.append({field, QStringLiteral("%1 must be a date between 1900-01-01 and 2200-12-31").arg(label)});
}
bool hasControlCharacter(const QString &s)
{
    return std::any_of(s.cbegin(), s.cend(), [](QChar c) { return c.category() == QChar::Other_Control; });
}
} // namespace

QString describe(const FieldErrors &errors)
{
    QStringList parts;
    for (const FieldError &e : errors)
        parts << QStringLiteral("%1: %2").arg(e.field, e.message);
    return parts.join(QStringLiteral("; "));
}

FieldErrors validateAccount(const Account &account, const PortfolioSettings &settings)
{
    FieldErrors errors;
    const QString name = account.name.trimmed();
    if (name.isEmpty())
        errors.append({QStringLiteral("name"), QStringLiteral("Name is required")});
    else if (name.toUcs4().size() > kMaxNameLength) // characters, not UTF-16 units
        errors.append({QStringLiteral("name"), QStringLiteral("Name is longer than %1 characters").arg(kMaxNameLength)});
    else if (hasControlCharacter(name))
        errors.append({QStringLiteral("name"), QStringLiteral("Name holds a control character (such as NUL or a line break)")});
    if (account.arr.cents < 0)
        errors.append({QStringLiteral("arr"), QStringLiteral("ARR must not be negative")});
    else if (account.arr.cents > kMaxAmountCents)
        errors.append({QStringLiteral("arr"), QStringLiteral("ARR is larger than Keystone stores (%1 in major units at most)").arg(kMaxAmountCents / 100)});
    if (!isKnownCurrency(account.arr.currency))
        errors.append({QStringLiteral("currency"),
                       QStringLiteral("'%1' is not an ISO 4217 currency code").arg(account.arr.currency)});
    else if (account.arr.currency != settings.currency)
        errors.append({QStringLiteral("currency"),
                       QStringLiteral("%1 differs from the portfolio currency %2").arg(account.arr.currency, settings.currency)});
    if (account.potentialRating < 1 || account.potentialRating > 5)
        errors.append({QStringLiteral("potential_rating"), QStringLiteral("Growth potential must be 1 to 5")});
    if (account.tierOverride && account.tierOverrideReason.trimmed().isEmpty())
        errors.append({QStringLiteral("tier_override_reason"),
                       QStringLiteral("A tier set by hand needs a reason")});
    checkDate(errors, account.renewalDate, QStringLiteral("renewal_date"), QStringLiteral("Renewal date"));
    checkDate(errors, account.customerSince, QStringLiteral("customer_since"), QStringLiteral("Customer since"));
    if (account.companyRevenueCents && *account.companyRevenueCents < 0)
        errors.append({QStringLiteral("company_revenue"), QStringLiteral("Company revenue must not be negative")});
    if (account.employees && *account.employees < 0)
        errors.append({QStringLiteral("employees"), QStringLiteral("Employees must not be negative")});
    return errors;
}

FieldErrors validateTeamMember(const TeamMember &member)
{
    FieldErrors errors;
    if (member.name.trimmed().isEmpty())
        errors.append({QStringLiteral("name"), QStringLiteral("Name is required")});
    else if (member.name.trimmed().toUcs4().size() > kMaxNameLength)
        errors.append({QStringLiteral("name"), QStringLiteral("Name is longer than %1 characters").arg(kMaxNameLength)});
    else if (hasControlCharacter(member.name))
        errors.append({QStringLiteral("name"), QStringLiteral("Name holds a control character (such as NUL or a line break)")});
    if (!(member.hoursPerMonth > 0.0) || member.hoursPerMonth > 744.0)
        errors.append({QStringLiteral("hours_per_month"),
                       QStringLiteral("Hours per month must be more than 0 and at most 744")});
    if (!member.email.isEmpty() && !member.email.contains(QLatin1Char('@')))
        errors.append({QStringLiteral("email"), QStringLiteral("'%1' is not an e-mail address").arg(member.email)});
    return errors;
}

FieldErrors validateSettings(const PortfolioSettings &settings)
{
    FieldErrors errors;
    if (!isKnownCurrency(settings.currency))
        errors.append({QStringLiteral("currency"),
                       QStringLiteral("'%1' is not an ISO 4217 currency code").arg(settings.currency)});
    const SegmentationSettings &seg = settings.segmentation;
    if (!(seg.percentile >= 0.0 && seg.percentile <= 100.0))
        errors.append({QStringLiteral("segmentation.percentile"), QStringLiteral("Percentile must be 0 to 100")});
    if (seg.fixedThresholdCents < 0)
        errors.append({QStringLiteral("segmentation.fixed_threshold"), QStringLiteral("Threshold must not be negative")});
    if (!(seg.whitespaceRatio >= 0.0))
        errors.append({QStringLiteral("segmentation.whitespace_ratio"), QStringLiteral("Ratio must not be negative")});
    if (seg.potentialRatingMin < 1 || seg.potentialRatingMin > 5)
        errors.append({QStringLiteral("segmentation.potential_rating_min"), QStringLiteral("Rating must be 1 to 5")});
    for (int t = 0; t < 3; ++t) {
        const TierCadence &c = settings.cadences[size_t(t)];
        if (c.internalReviewDays < 0 || c.businessReviewDays < 0 || c.planRefreshDays < 0 || c.touchpointsPer90Days < 0)
            errors.append({QStringLiteral("cadence.tier%1").arg(t + 1), QStringLiteral("Cadences must not be negative")});
        for (int r = 0; r < kTeamRoleCount; ++r) {
            const double h = settings.effort.hours[size_t(t)][size_t(r)];
            if (!(h >= 0.0 && h <= 744.0))
                errors.append({QStringLiteral("effort.tier%1.%2").arg(t + 1).arg(teamRoleName(TeamRole(r)).toLower()),
                               QStringLiteral("Hours per account per month for %1 in Tier %2 must be 0 to 744, not %3")
                                   .arg(teamRoleName(TeamRole(r))).arg(t + 1).arg(h)});
        }
    }
    return errors;
}

std::optional<QDate> parseIsoDate(const QString &text)
{
    const QDate d = QDate::fromString(text.trimmed(), Qt::ISODate);
    if (!d.isValid())
        return std::nullopt;
    return d;
}

QString cleanName(const QString &name)
{
    return name.normalized(QString::NormalizationForm_C).simplified();
}

QString nameKey(const QString &name)
{
    // Case folding can leave a decomposed sequence behind: normalise after it as well.
    return cleanName(name).toCaseFolded().normalized(QString::NormalizationForm_C);
}

} // namespace keystone::domain
