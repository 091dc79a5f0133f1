// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// The team book on a PostgreSQL server: `team init`, `team grant`, `team members`
// (docs/team.md). `team log` and `sync` follow.
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

int runTeamGrant(QCommandLineParser &p, QTextStream &out)
{
    const QString url = requireServer(p);
    const QString login = p.value(QStringLiteral("login")).trimmed();
    const QString member = p.value(QStringLiteral("member")).trimmed();
    if (login.isEmpty())
        throw UsageProblem{QStringLiteral("--login LOGIN is required (an existing PostgreSQL login)")};
    if (member.isEmpty())
        throw UsageProblem{QStringLiteral("--member NAME is required (the team member this login is)")};
    const auto role = team::parseRole(p.value(QStringLiteral("role")));
    if (!role)
        throw UsageProblem{QStringLiteral("--role must be lead, am or viewer (got '%1')").arg(p.value(QStringLiteral("role")))};
    team::grantMember(url, login, member, *role);
    out << QStringLiteral("%1 signs in as %2 with the role %3.\n").arg(member, login, team::roleName(*role));
    return Ok;
}

int runTeamMembers(QCommandLineParser &p, QTextStream &out)
{
    const QString url = requireServer(p);
    const std::vector<team::MemberGrant> all = team::members(url);
    if (p.isSet(QStringLiteral("json"))) {
        json arr = json::array();
        for (const team::MemberGrant &g : all)
            arr.push_back({{"login", s(g.login)},
                           {"member", s(g.memberName)},
                           {"role", s(team::roleName(g.role))},
                           {"granted_by", s(g.grantedBy)},
                           {"granted_at", s(g.grantedAt.toString(Qt::ISODate))}});
        out << QString::fromStdString(arr.dump(2)) << '\n';
        return Ok;
    }
    if (all.empty()) {
        out << QStringLiteral("No logins are mapped to team members yet (keystone-cli team grant).\n");
        return Ok;
    }
    out << QStringLiteral("%1 %2 %3\n").arg(QStringLiteral("Login"), -20).arg(QStringLiteral("Member"), -28).arg(QStringLiteral("Role"));
    for (const team::MemberGrant &g : all)
        out << QStringLiteral("%1 %2 %3\n").arg(g.login, -20).arg(g.memberName, -28).arg(team::roleName(g.role));
    return Ok;
}

int runTeam(QCommandLineParser &p, QTextStream &out, QTextStream &err)
{
    const QStringList args = p.positionalArguments();
    if (args.isEmpty())
        throw UsageProblem{QStringLiteral("say what to do: init, grant or members")};
    if (args.size() > 1)
        throw UsageProblem{QStringLiteral("unexpected argument '%1'").arg(args.at(1))};
    const QString action = args.at(0);
    try {
        if (action == QLatin1String("init"))
            return runTeamInit(p, out);
        if (action == QLatin1String("grant"))
            return runTeamGrant(p, out);
        if (action == QLatin1String("members"))
            return runTeamMembers(p, out);
    } catch (const team::TeamError &e) {
        err << QStringLiteral("keystone-cli team %1: %2\n").arg(action, e.message());
        return DataError;
    }
    throw UsageProblem{QStringLiteral("unknown team action '%1' (known: init, grant, members)").arg(action)};
}

} // namespace

CommandList teamCommands()
{
    return {
        {QStringLiteral("team"),
         {QStringLiteral("Set up the team book on a PostgreSQL server"),
          QStringLiteral("team init|grant|members --server URL [--login LOGIN --member NAME --role lead|am|viewer] [--json]"),
          [](QCommandLineParser &p) {
              p.addPositionalArgument(QStringLiteral("ACTION"),
                                      QStringLiteral("init: create (or upgrade) the team book's schema on the server; grant: map a login to a "
                                                     "team member and a role; members: list the mappings."));
              p.addOption({QStringLiteral("server"),
                           QStringLiteral("The PostgreSQL database, as a libpq URL or key=value string (its password comes from ~/.pgpass or PGPASSWORD)."),
                           QStringLiteral("URL")});
              p.addOption({QStringLiteral("login"), QStringLiteral("grant: an existing PostgreSQL login."), QStringLiteral("LOGIN")});
              p.addOption({QStringLiteral("member"), QStringLiteral("grant: the team member the login is."), QStringLiteral("NAME")});
              p.addOption({QStringLiteral("role"), QStringLiteral("grant: lead (changes anything), am (the accounts they own), viewer (reads only)."),
                           QStringLiteral("ROLE")});
              p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
          },
          runTeam}},
    };
}

} // namespace keystone::cli
