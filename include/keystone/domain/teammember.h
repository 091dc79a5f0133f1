// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/types.h"

#include <QString>

namespace keystone::domain {

// A member of our own team (domain.md section 10).
struct TeamMember {
    qint64 id = 0;
    QString uuid;
    QString name;
    TeamRole role = TeamRole::AM;
    QString email;
    double hoursPerMonth = 120.0; // productive hours per month

    bool operator==(const TeamMember &) const = default;
};

} // namespace keystone::domain
