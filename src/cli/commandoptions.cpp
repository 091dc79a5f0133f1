// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// What every command shares: the FILE argument, dates, --force, whole numbers, opening a
// portfolio for reading or writing, and finding an account or an owner by name.
#include "commands.h"

#include "keystone/services/accountoverview.h"
#include "keystone/services/bookservice.h"
#include "keystone/services/clock.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/validationerror.h"
#include "keystone/services/queries.h"

#include <QCommandLineParser>

namespace keystone::cli {

QString requireFile(QCommandLineParser &p)
{
    const QStringList pos = p.positionalArguments();
    if (pos.isEmpty())
        throw UsageProblem{QStringLiteral("missing the portfolio FILE argument")};
    if (pos.size() > 1)
        throw UsageProblem{QStringLiteral("unexpected argument '%1'").arg(pos.at(1))};
    return pos.first();
}

// --today: a real date in the years Keystone's dates live in (1900 to 2200, as the forms).
QDate todayOption(QCommandLineParser &p)
{
    if (!p.isSet(QStringLiteral("today")))
        return services::today();
    const QDate d = QDate::fromString(p.value(QStringLiteral("today")), Qt::ISODate);
    if (!d.isValid() || d.year() < 1900 || d.year() > 2200)
        throw UsageProblem{QStringLiteral("--today must be a date from 1900-01-01 to 2200-12-31 like 2026-11-23, not '%1'").arg(p.value(QStringLiteral("today")))};
    return d;
}

// --force: the one way to let a command replace an existing file (never a portfolio).
void addForceOption(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("force"), QStringLiteral("Replace an existing output file (never a portfolio or its -wal, -shm or .lock).")});
}

services::Replace replaceOption(const QCommandLineParser &p)
{
    return p.isSet(QStringLiteral("force")) ? services::Replace::Allow : services::Replace::Refuse;
}

int intOption(QCommandLineParser &p, const QString &name, int fallback, int lo, int hi)
{
    if (!p.isSet(name))
        return fallback;
    bool ok = false;
    const int v = p.value(name).toInt(&ok);
    if (!ok || v < lo || v > hi)
        throw UsageProblem{QStringLiteral("--%1 must be a whole number from %2 to %3, not '%4'").arg(name).arg(lo).arg(hi).arg(p.value(name))};
    return v;
}

std::unique_ptr<services::Portfolio> openForReading(const QString &file, ReadMode mode)
{
    services::OpenOptions o;
    o.readOnly = true;
    o.inspectOnly = true;
    auto portfolio = services::Portfolio::open(file, std::move(o));
    if (mode == ReadMode::AsItIs || portfolio->schemaVersion() >= services::Portfolio::latestSchemaVersion())
        return portfolio;
    // An older file: upgraded as the app upgrades it (a backup first, one transaction), then
    // read. When it cannot be written (another program holds it, a read-only folder) the open
    // says so and why.
    portfolio.reset();
    return services::Portfolio::open(file);
}

std::unique_ptr<services::Portfolio> openForWriting(const QString &file)
{
    auto portfolio = services::Portfolio::open(file);
    if (portfolio->isReadOnly())
        throw DataProblem{portfolio->readOnlyReason()};
    return portfolio;
}

domain::Account requireAccount(services::Portfolio &portfolio, const QString &name)
{
    if (name.trimmed().isEmpty())
        throw UsageProblem{QStringLiteral("--account NAME is required")};
    const auto account = services::query::accountNamed(portfolio, name);
    if (!account)
        throw DataProblem{QStringLiteral("--account: no account named '%1' in %2").arg(name, portfolio.path())};
    return *account;
}

// The owner filter shared by `portfolio` and `signals`.
services::BookFilter ownerFilter(QCommandLineParser &p, services::Portfolio &portfolio)
{
    services::BookFilter filter;
    if (p.isSet(QStringLiteral("owner"))) {
        const auto member = services::query::memberNamed(portfolio, p.value(QStringLiteral("owner")));
        if (!member)
            throw DataProblem{QStringLiteral("--owner: no team member named '%1' in %2").arg(p.value(QStringLiteral("owner")), portfolio.path())};
        filter.ownerId = member->id;
    }
    return filter;
}

} // namespace keystone::cli
