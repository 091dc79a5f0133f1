// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/portfolioinfo.h"

#include "keystone/services/portfolio.h"

#include <QFileInfo>
#include <QSqlQuery>

namespace keystone::services {

PortfolioInfo portfolioInfo(Portfolio &portfolio)
{
    PortfolioInfo info;
    info.schemaVersion = portfolio.database().schemaVersion();
    info.counts.insert(QStringLiteral("accounts"), portfolio.accounts().count());
    info.counts.insert(QStringLiteral("team_members"), portfolio.team().count());
    // Small fixed set of entity tables; names come from code, never from input.
    for (const char *table : {"products", "buying_centers", "whitespace_cells", "opportunities", "contacts", "contact_influences", "activities"}) {
        QSqlQuery q(portfolio.database().connection());
        if (q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))) && q.next())
            info.counts.insert(QLatin1String(table), q.value(0).toLongLong());
    }
    info.totalArrCents = portfolio.accounts().totalArrCents();
    info.currency = portfolio.settings().currency;
    info.fileBytes = QFileInfo(portfolio.path()).size();
    const QFileInfo wal(portfolio.path() + QStringLiteral("-wal"));
    if (wal.exists())
        info.fileBytes += wal.size();
    return info;
}

} // namespace keystone::services
