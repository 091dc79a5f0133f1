// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/portfolioinfo.h"

#include "keystone/services/portfolio.h"

#include <QFileInfo>

namespace keystone::services {

PortfolioInfo portfolioInfo(Portfolio &portfolio)
{
    PortfolioInfo info;
    info.schemaVersion = portfolio.database().schemaVersion();
    info.counts.insert(QStringLiteral("accounts"), portfolio.accounts().count());
    info.counts.insert(QStringLiteral("team_members"), portfolio.team().count());
    info.totalArrCents = portfolio.accounts().totalArrCents();
    info.currency = portfolio.settings().currency;
    info.fileBytes = QFileInfo(portfolio.path()).size();
    const QFileInfo wal(portfolio.path() + QStringLiteral("-wal"));
    if (wal.exists())
        info.fileBytes += wal.size();
    return info;
}

} // namespace keystone::services
