// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/portfolioinfo.h"

#include "keystone/services/exchangeservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/storage/settingsrepository.h"

#include <QFileInfo>

namespace keystone::services {

PortfolioInfo portfolioInfo(Portfolio &portfolio)
{
    PortfolioInfo info;
    info.schemaVersion = portfolio.schemaVersion();
    info.counts.insert(QStringLiteral("accounts"), portfolio.accounts().count());
    info.counts.insert(QStringLiteral("team_members"), portfolio.team().count());
    const QMap<QString, qint64> entities = portfolio.bookQueries().entityCounts();
    for (auto it = entities.cbegin(); it != entities.cend(); ++it)
        info.counts.insert(it.key(), it.value());
    info.totalArrCents = portfolio.accounts().totalArrCents();
    info.currency = portfolio.settings().currency;
    info.lastWrittenBy = storage::SettingsRepository(portfolio.database()).value(QStringLiteral("app.last_written_by")).value_or(QString());
    info.fileBytes = QFileInfo(portfolio.path()).size();
    const QFileInfo wal(portfolio.path() + QStringLiteral("-wal"));
    if (wal.exists())
        info.fileBytes += wal.size();
    return info;
}

CheckReport checkPortfolio(Portfolio &portfolio, bool full)
{
    CheckReport report;
    report.problems = portfolio.database().check(full);
    if (!full || !report.problems.isEmpty())
        return report;
    const QList<qint64> stale = portfolio.accounts().staleExpansionTotals();
    for (qint64 id : stale.mid(0, 20))
        report.problems << QStringLiteral("account %1: cached whitespace or pipeline totals differ from its cells and opportunities").arg(id);
    const QList<qint64> staleContacts = portfolio.contacts().staleLastInteractions();
    for (qint64 id : staleContacts.mid(0, 20))
        report.problems << QStringLiteral("contact %1: cached last interaction differs from the activity log").arg(id);
    // Values the forms and imports refuse today, stored by an older build or by hand.
    const QStringList values = ExchangeService(portfolio).storedValueProblems();
    report.problems << values;
    report.valueProblems = !values.isEmpty();
    return report;
}

} // namespace keystone::services
