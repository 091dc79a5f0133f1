// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// The team book on a PostgreSQL server: `team init`, `team grant`, `team members`,
// `team log`, and `sync` and `conflicts` for a portfolio file (docs/team.md).
#include "commands.h"
#include "jsonviews.h"

#include "keystone/services/portfolio.h"
#include "keystone/services/syncstore.h"
#include "keystone/services/validationerror.h"
#include "keystone/team/sync.h"
#include "keystone/team/teamserver.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>

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

int runTeamLog(QCommandLineParser &p, QTextStream &out)
{
    const QString url = requireServer(p);
    QDate since;
    if (p.isSet(QStringLiteral("since"))) {
        since = QDate::fromString(p.value(QStringLiteral("since")).trimmed(), Qt::ISODate);
        if (!since.isValid())
            throw UsageProblem{QStringLiteral("--since must be a date (YYYY-MM-DD), not '%1'").arg(p.value(QStringLiteral("since")))};
    }
    const int limit = intOption(p, QStringLiteral("limit"), 1000, 1, 1000000);
    const auto entries = team::changeLog(url, p.value(QStringLiteral("account")), since, limit);
    if (p.isSet(QStringLiteral("json"))) {
        json arr = json::array();
        for (const team::ChangeLogEntry &e : entries)
            arr.push_back({{"change_no", e.changeNo},
                           {"kind", s(e.kind)},
                           {"uuid", s(e.key)},
                           {"account_uuid", e.accountUuid.isEmpty() ? json(nullptr) : json(s(e.accountUuid))},
                           {"account", e.account.isEmpty() ? json(nullptr) : json(s(e.account))},
                           {"op", s(e.op)},
                           {"label", s(e.label)},
                           {"changed_by", s(e.changedBy)},
                           {"login", s(e.login)},
                           {"changed_at", s(e.changedAt.toString(Qt::ISODateWithMs))}});
        out << QString::fromStdString(arr.dump(2)) << '\n';
        return Ok;
    }
    if (entries.empty()) {
        out << QStringLiteral("No changes in the team book%1.\n").arg(p.isSet(QStringLiteral("account")) || since.isValid() ? QStringLiteral(" match") : QString());
        return Ok;
    }
    for (const team::ChangeLogEntry &e : entries)
        out << QStringLiteral("#%1  %2  %3  %4 %5%6\n")
                   .arg(e.changeNo)
                   .arg(e.changedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")), e.changedBy,
                        e.op == QLatin1String("delete") ? QStringLiteral("removed") : QStringLiteral("wrote"), e.label,
                        e.account.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(e.account));
    return Ok;
}

int runTeam(QCommandLineParser &p, QTextStream &out, QTextStream &err)
{
    const QStringList args = p.positionalArguments();
    if (args.isEmpty())
        throw UsageProblem{QStringLiteral("say what to do: init, grant, members or log")};
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
        if (action == QLatin1String("log"))
            return runTeamLog(p, out);
    } catch (const team::TeamError &e) {
        err << QStringLiteral("keystone-cli team %1: %2\n").arg(action, e.message());
        return DataError;
    }
    throw UsageProblem{QStringLiteral("unknown team action '%1' (known: init, grant, members, log)").arg(action)};
}

json countsJson(const std::map<QString, int> &counts)
{
    json j = json::object();
    for (const auto &[kind, n] : counts)
        if (n > 0)
            j[kind.toStdString()] = n;
    return j;
}

json conflictJson(const services::SyncConflict &c)
{
    return {{"id", c.id},
            {"kind", s(c.table)},
            {"uuid", s(c.key)},
            {"account", c.account.isEmpty() ? json(nullptr) : json(s(c.account))},
            {"account_uuid", c.accountUuid.isEmpty() ? json(nullptr) : json(s(c.accountUuid))},
            {"label", s(c.label)},
            {"field", s(c.field)},
            {"mine", s(c.mine)},
            {"theirs", s(c.theirs)},
            {"kept", s(c.kept)},
            {"reason", s(c.reason)},
            {"changed_by", s(c.changedBy)},
            {"changed_at", c.changedAt.isEmpty() ? json(nullptr) : json(s(c.changedAt))},
            {"resolved", c.resolved.isEmpty() ? json(nullptr) : json(s(c.resolved))}};
}

QString conflictLine(const services::SyncConflict &c)
{
    return QStringLiteral("#%1  %2%3, %4: mine %5, theirs %6 (%7 kept; %8%9)")
        .arg(c.id)
        .arg(c.label, c.account.isEmpty() ? QString() : QStringLiteral(" of %1").arg(c.account), c.field, c.mine.isEmpty() ? QStringLiteral("-") : c.mine,
             c.theirs.isEmpty() ? QStringLiteral("-") : c.theirs, c.kept, c.reason,
             c.changedBy.isEmpty() ? QString() : QStringLiteral(", by %1").arg(c.changedBy));
}

void removePortfolioFiles(const QString &file)
{
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(file + QLatin1String(suffix));
}

int runSync(QCommandLineParser &p, QTextStream &out, QTextStream &err)
{
    const QString file = requireFile(p);
    if (p.isSet(QStringLiteral("server")) && p.value(QStringLiteral("server")).trimmed().isEmpty())
        throw UsageProblem{QStringLiteral("--server needs a URL")};
    const bool created = !QFileInfo::exists(file);
    if (created && !p.isSet(QStringLiteral("server")))
        throw UsageProblem{QStringLiteral("%1 does not exist: name the team book's server with --server URL to take the book into it").arg(file)};
    team::SyncReport r;
    try {
        // (A read-only file is refused by the sync itself, which says why.)
        std::unique_ptr<services::Portfolio> portfolio = created ? services::Portfolio::create(file) : services::Portfolio::open(file);
        try {
            team::SyncOptions o;
            o.server = p.value(QStringLiteral("server")).trimmed();
            o.firstPullOnly = created;
            r = team::syncPortfolio(*portfolio, o);
        } catch (...) {
            if (created) {
                portfolio.reset();
                removePortfolioFiles(file); // nothing of a first pull that did not happen is left
            }
            throw;
        }
    } catch (const team::TeamError &e) {
        err << QStringLiteral("keystone-cli sync: %1\n").arg(e.message());
        return DataError;
    }
    if (p.isSet(QStringLiteral("json"))) {
        json j;
        j["file"] = s(QFileInfo(file).absoluteFilePath());
        j["server"] = s(r.server);
        j["book"] = s(r.bookUuid);
        j["login"] = s(r.login);
        j["role"] = s(team::roleName(r.role));
        j["action"] = r.kind == team::SyncReport::Kind::Published ? "published" : r.kind == team::SyncReport::Kind::FirstPull ? "first_pull" : "synced";
        j["pushed"] = countsJson(r.pushed);
        j["pulled"] = countsJson(r.pulled);
        json conflicts = json::array();
        for (const services::SyncConflict &c : r.conflicts)
            conflicts.push_back(conflictJson(c));
        j["conflicts"] = conflicts;
        json skipped = json::array();
        for (const QString &sk : r.skipped)
            skipped.push_back(s(sk));
        j["skipped"] = skipped;
        j["server_position"] = r.serverPosition;
        j["duration_ms"] = qint64(r.durationMs + 0.5);
        j["timings_ms"] = {{"connect", qint64(r.connectMs + 0.5)},
                           {"push", qint64(r.pushMs + 0.5)},
                           {"pull", qint64(r.pullMs + 0.5)},
                           {"apply", qint64(r.applyMs + 0.5)}};
        out << QString::fromStdString(j.dump(2)) << '\n';
        return Ok;
    }
    const QString what = r.kind == team::SyncReport::Kind::Published ? QStringLiteral("Published %1 as the team book at %2")
                         : r.kind == team::SyncReport::Kind::FirstPull ? QStringLiteral("Took the team book at %2 into %1")
                                                                        : QStringLiteral("Synced %1 with the team book at %2");
    out << what.arg(file, r.server) << QStringLiteral(" (signed in as %1, %2): pushed %3, pulled %4 in %5 ms; server position %6.\n")
                                           .arg(r.login, team::roleName(r.role))
                                           .arg(r.pushedTotal())
                                           .arg(r.pulledTotal())
                                           .arg(qint64(r.durationMs + 0.5))
                                           .arg(r.serverPosition);
    for (const services::SyncConflict &c : r.conflicts)
        out << QStringLiteral("Conflict ") << conflictLine(c) << '\n';
    if (!r.conflicts.empty())
        out << QStringLiteral("Resolve with: keystone-cli conflicts %1 --resolve ID --keep mine|theirs\n").arg(file);
    for (const QString &sk : r.skipped)
        out << QStringLiteral("Not applied here: %1\n").arg(sk);
    return Ok;
}

int runConflicts(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    const QString file = requireFile(p);
    const bool resolving = p.isSet(QStringLiteral("resolve")) || p.isSet(QStringLiteral("keep"));
    if (resolving) {
        bool ok = false;
        const qint64 id = p.value(QStringLiteral("resolve")).toLongLong(&ok);
        if (!ok || id < 1)
            throw UsageProblem{QStringLiteral("--resolve needs a conflict's number (from keystone-cli conflicts FILE), not '%1'").arg(p.value(QStringLiteral("resolve")))};
        const QString keep = p.value(QStringLiteral("keep")).trimmed().toLower();
        if (keep != QLatin1String("mine") && keep != QLatin1String("theirs"))
            throw UsageProblem{QStringLiteral("--keep must be mine or theirs (got '%1')").arg(p.value(QStringLiteral("keep")))};
        auto portfolio = openForWriting(file);
        services::SyncStore store(*portfolio);
        store.resolve(id, keep == QLatin1String("mine"));
        out << QStringLiteral("Conflict %1 resolved: %2 kept%3.\n")
                   .arg(id)
                   .arg(keep == QLatin1String("mine") ? QStringLiteral("your value is") : QStringLiteral("the team book's value is"),
                        keep == QLatin1String("mine") ? QStringLiteral(" (the next sync sends it)") : QString());
        return Ok;
    }
    auto portfolio = openForReading(file);
    services::SyncStore store(*portfolio);
    const auto all = store.conflicts(p.isSet(QStringLiteral("all")));
    if (p.isSet(QStringLiteral("json"))) {
        json arr = json::array();
        for (const services::SyncConflict &c : all)
            arr.push_back(conflictJson(c));
        out << QString::fromStdString(arr.dump(2)) << '\n';
        return Ok;
    }
    if (all.empty()) {
        out << QStringLiteral("No open conflicts in %1.\n").arg(file);
        return Ok;
    }
    for (const services::SyncConflict &c : all)
        out << conflictLine(c) << (c.resolved.isEmpty() ? QString() : QStringLiteral(" [resolved: %1 kept]").arg(c.resolved)) << '\n';
    return Ok;
}

} // namespace

CommandList teamCommands()
{
    return {
        {QStringLiteral("team"),
         {QStringLiteral("Set up the team book on a PostgreSQL server"),
          QStringLiteral("team init|grant|members|log --server URL [--login LOGIN --member NAME --role lead|am|viewer] [--account NAME] "
                         "[--since DATE] [--limit N] [--json]"),
          [](QCommandLineParser &p) {
              p.addPositionalArgument(QStringLiteral("ACTION"),
                                      QStringLiteral("init: create (or upgrade) the team book's schema on the server; grant: map a login to a "
                                                     "team member and a role; members: list the mappings; log: who changed what, newest first."));
              p.addOption({QStringLiteral("server"),
                           QStringLiteral("The PostgreSQL database, as a libpq URL or key=value string (its password comes from ~/.pgpass or PGPASSWORD)."),
                           QStringLiteral("URL")});
              p.addOption({QStringLiteral("login"), QStringLiteral("grant: an existing PostgreSQL login."), QStringLiteral("LOGIN")});
              p.addOption({QStringLiteral("member"), QStringLiteral("grant: the team member the login is."), QStringLiteral("NAME")});
              p.addOption({QStringLiteral("role"), QStringLiteral("grant: lead (changes anything), am (the accounts they own), viewer (reads only)."),
                           QStringLiteral("ROLE")});
              p.addOption({QStringLiteral("account"), QStringLiteral("log: only this account's changes."), QStringLiteral("NAME")});
              p.addOption({QStringLiteral("since"), QStringLiteral("log: only changes from this date on (YYYY-MM-DD)."), QStringLiteral("DATE")});
              p.addOption({QStringLiteral("limit"), QStringLiteral("log: at most this many changes (default 1000)."), QStringLiteral("N")});
              p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
          },
          runTeam}},
        {QStringLiteral("sync"),
         {QStringLiteral("Sync a portfolio with its team book (publish, first pull, push and pull)"),
          QStringLiteral("sync FILE [--server URL] [--json]"),
          [](QCommandLineParser &p) {
              p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The portfolio; created from the team book when it does not exist."));
              p.addOption({QStringLiteral("server"),
                           QStringLiteral("The team book's PostgreSQL database (remembered in the file without its password)."), QStringLiteral("URL")});
              p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
          },
          runSync}},
        {QStringLiteral("conflicts"),
         {QStringLiteral("List or resolve the conflicts that syncs found"),
          QStringLiteral("conflicts FILE [--all] [--json] | conflicts FILE --resolve ID --keep mine|theirs"),
          [](QCommandLineParser &p) {
              p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The portfolio."));
              p.addOption({QStringLiteral("resolve"), QStringLiteral("The conflict to resolve (its number)."), QStringLiteral("ID")});
              p.addOption({QStringLiteral("keep"), QStringLiteral("mine (my value again; the next sync sends it) or theirs."), QStringLiteral("WHICH")});
              p.addOption({QStringLiteral("all"), QStringLiteral("Resolved conflicts too.")});
              p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
          },
          runConflicts}},
    };
}

} // namespace keystone::cli
