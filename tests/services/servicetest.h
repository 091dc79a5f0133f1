// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// What the service tests share: a draft account and a contact.
#pragma once

#include "keystone/domain/account.h"
#include "keystone/domain/relationship.h"

#include <QString>

namespace keystone::servicetest {

inline domain::Account draft(const QString &name, qint64 cents = 500000)
{
    domain::Account a;
    a.name = name;
    a.arr.cents = cents;
    return a;
}

inline domain::Contact person(qint64 accountId, const char *name, qint64 reportsTo = 0)
{
    domain::Contact c;
    c.accountId = accountId;
    c.name = QString::fromUtf8(name);
    c.reportsToId = reportsTo;
    return c;
}

} // namespace keystone::servicetest
