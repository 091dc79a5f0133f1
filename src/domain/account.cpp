// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/domain/account.h"

namespace keystone::domain {

std::optional<int> daysToRenewal(const Account &account, const QDate &today)
{
    if (!account.renewalDate.isValid() || !today.isValid())
        return std::nullopt;
    return int(today.daysTo(account.renewalDate));
}

} // namespace keystone::domain
