// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/account.h"
#include "keystone/domain/portfoliosettings.h"
#include "keystone/domain/teammember.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace keystone::domain {

// One problem with one field, e.g. {"arr", "ARR must not be negative"}.
struct FieldError {
    QString field;
    QString message;

    bool operator==(const FieldError &) const = default;
};
using FieldErrors = QList<FieldError>;

// "arr: ARR must not be negative; name: Name is required"
QString describe(const FieldErrors &errors);

// Checks an account on its own: required name, ARR >= 0, a known currency equal to the
// portfolio's, rating 1..5, a reason with every tier override, plausible dates.
// Uniqueness of the name needs the portfolio and is checked by the service.
FieldErrors validateAccount(const Account &account, const PortfolioSettings &settings);

FieldErrors validateTeamMember(const TeamMember &member);

FieldErrors validateSettings(const PortfolioSettings &settings);

// Parses a date typed or imported as ISO (2026-03-31). nullopt when it is not a real date.
std::optional<QDate> parseIsoDate(const QString &text);

// A name as it is stored: Unicode NFC (so "Café" typed with a combining accent and with
// the precomposed letter are one name), inner runs of white space made one space, trimmed.
QString cleanName(const QString &name);
// Case-insensitive key used to compare names for uniqueness ("ACME Corp " == "acme corp"),
// in NFC: the same name in composed and decomposed Unicode has one key.
QString nameKey(const QString &name);

} // namespace keystone::domain
