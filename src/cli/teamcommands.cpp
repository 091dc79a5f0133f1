// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// The team book on a PostgreSQL server: `team init` (docs/team.md). More subcommands
// (grant, members, log) and `sync` follow.
#include "commands.h"
#include "jsonviews.h"

#include "keystone/team/teamserver.h"

#include <QCommandLineParser>

namespace keystone::cli {

namespace {

QString requireServer(QCommandLineParser &p)
{
    const QString url = p.value(QStringLiteral("server"));
    if (url.trimmed().isEmpty())
        throw UsageProblem{QStringLiteral("--server URL is required (e.g. postgresql://lead@db.example.com/keystone?sslmode=verify-full)")};
    return url;
}

int runTeamInit(QCommandLineParser &p, QTextStream &out)
{
    const QString url = requireServer(p);
    const team::InitResult r = team::initServer(url);
    if (p.isSet(QStringLiteral("json"))) {
        json j;
        j["server"] = s(team::displayUrl(url));
        j["created"] = r.created();
        j["upgraded_from"] = r.created() || !r.changed() ? json(nullptr) : json(r.previousVersion);
        j["schema_version"] = r.schemaVersion;
        out << QString::fromStdString(j.dump(2)) << '\n';
        return Ok;
    }
    if (r.created())
        out << QStringLiteral("Created the team book's schema (server schema version %1) at %2.\n").arg(r.schemaVersion).arg(team::displayUrl(url));
    else if (r.changed())
        out << QStringLiteral("Upgraded the team book's schema at %1 from version %2 to %3.\n").arg(team::displayUrl(url)).arg(r.previousVersion).arg(r.schemaVersion);
    else
        out << QStringLiteral("The team book's schema is already there at %1 (server schema version %2); nothing changed.\n")
                   .arg(team::displayUrl(url))
                   .arg(r.schemaVersion);
    return Ok;
}

int runTeam(QCommandLineParser &p, QTextStream &out, QTextStream &err)
{
    const QStringList args = p.positionalArguments();
    if (args.isEmpty())
        throw UsageProblem{QStringLiteral("say what to do: init")};
    if (args.size() > 1)
        throw UsageProblem{QStringLiteral("unexpected argument '%1'").arg(args.at(1))};
    const QString action = args.at(0);
    try {
        if (action == QLatin1String("init"))
            return runTeamInit(p, out);
    } catch (const team::TeamError &e) {
        err << QStringLiteral("keystone-cli team %1: %2\n").arg(action, e.message());
        return DataError;
    }
    throw UsageProblem{QStringLiteral("unknown team action '%1' (known: init)").arg(action)};
}

} // namespace

CommandList teamCommands()
{
    return {
        {QStringLiteral("team"),
         {QStringLiteral("Set up the team book on a PostgreSQL server"),
          QStringLiteral("team init --server URL [--json]"),
          [](QCommandLineParser &p) {
              p.addPositionalArgument(QStringLiteral("ACTION"), QStringLiteral("init: create (or upgrade) the team book's schema on the server."));
              p.addOption({QStringLiteral("server"),
                           QStringLiteral("The PostgreSQL database, as a libpq URL or key=value string (its password comes from ~/.pgpass or PGPASSWORD)."),
                           QStringLiteral("URL")});
              p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
          },
          runTeam}},
    };
}

} // namespace keystone::cli
