// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/team/teamserver.h"

#include "pgconnection.h"

#include "keystone/log/log.h"

#include <QRegularExpression>

#include <vector>

namespace keystone::team {

namespace {

// The server's schema, one step per version; each runs inside initServer()'s transaction.
// Never edit a step that has shipped: add the next one.
struct ServerMigration {
    int version;
    const char *sql;
};

const std::vector<ServerMigration> &serverMigrations()
{
    static const std::vector<ServerMigration> steps = {
        {1, R"sql(
CREATE SCHEMA IF NOT EXISTS keystone;
-- One row per setting of the team book: schema_version, created_at (and book_uuid once a
-- portfolio is published as the team book).
CREATE TABLE keystone.meta (
    key text PRIMARY KEY,
    value text NOT NULL
);
-- Who may do what: a PostgreSQL login, the team member it is, and the member's role.
CREATE TABLE keystone.members (
    login text PRIMARY KEY,
    member_uuid uuid,
    member_name text NOT NULL CHECK (length(trim(member_name)) > 0),
    role text NOT NULL CHECK (role IN ('lead', 'am', 'viewer')),
    granted_by text NOT NULL DEFAULT current_user,
    granted_at timestamptz NOT NULL DEFAULT now()
);
-- Every change pushed to the book, numbered in the order the server took it: what changed
-- (an entity kind and its uuid, the account it belongs to), who changed it and when.
CREATE TABLE keystone.changes (
    change_no bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind text NOT NULL,
    uuid uuid NOT NULL,
    account_uuid uuid,
    op text NOT NULL CHECK (op IN ('upsert', 'delete')),
    data jsonb,
    changed_by text NOT NULL DEFAULT current_user,
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX changes_account ON keystone.changes (account_uuid);
CREATE INDEX changes_entity ON keystone.changes (kind, uuid);
-- The three roles a login is given (group roles; logins are members of one).
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'keystone_lead') THEN CREATE ROLE keystone_lead NOLOGIN; END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'keystone_am') THEN CREATE ROLE keystone_am NOLOGIN; END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'keystone_viewer') THEN CREATE ROLE keystone_viewer NOLOGIN; END IF;
END
$$;
GRANT USAGE ON SCHEMA keystone TO keystone_lead, keystone_am, keystone_viewer;
GRANT SELECT ON ALL TABLES IN SCHEMA keystone TO keystone_lead, keystone_am, keystone_viewer;
INSERT INTO keystone.meta (key, value) VALUES ('created_at', now()::text);
)sql"},
    };
    return steps;
}

// Serialises initServer() across processes: the first creates, the others then find it.
constexpr const char *kInitLock = "SELECT pg_advisory_xact_lock(7130412655)";

int readVersion(PgConnection &db)
{
    const PgResult exists = db.exec(QStringLiteral("SELECT to_regclass('keystone.meta') IS NOT NULL"));
    if (exists.text(0, 0) != QLatin1String("t"))
        return 0;
    const PgResult v = db.exec(QStringLiteral("SELECT value FROM keystone.meta WHERE key = 'schema_version'"));
    if (v.rows() == 0)
        return 0;
    bool ok = false;
    const int version = v.text(0, 0).toInt(&ok);
    if (!ok || version < 1)
        throw TeamError(TeamError::Code::Failed, QStringLiteral("the team book's schema version on the server is not a version ('%1')").arg(v.text(0, 0)));
    return version;
}

void refuseNewer(int version, const QString &url)
{
    if (version > latestServerSchemaVersion())
        throw TeamError(TeamError::Code::NewerSchema,
                        QStringLiteral("the team book at %1 has server schema version %2, and this Keystone knows up to version %3: "
                                       "update Keystone to use it (nothing was changed)")
                            .arg(displayUrl(url))
                            .arg(version)
                            .arg(latestServerSchemaVersion()));
}

// A connection to a server that holds a team book this build can use, or TeamError.
void requireBook(PgConnection &db, const QString &url)
{
    const int version = readVersion(db);
    if (version == 0)
        throw TeamError(TeamError::Code::Failed, QStringLiteral("there is no team book at %1 yet: run keystone-cli team init --server URL first")
                                                     .arg(displayUrl(url)));
    refuseNewer(version, url);
}

const Role kRoles[] = {Role::Lead, Role::Am, Role::Viewer};

QString groupRole(Role role)
{
    return QStringLiteral("keystone_") + roleName(role);
}

} // namespace

QString roleName(Role role)
{
    switch (role) {
    case Role::Lead: return QStringLiteral("lead");
    case Role::Am: return QStringLiteral("am");
    case Role::Viewer: return QStringLiteral("viewer");
    }
    return {};
}

std::optional<Role> parseRole(const QString &text)
{
    for (Role r : kRoles)
        if (text.trimmed().compare(roleName(r), Qt::CaseInsensitive) == 0)
            return r;
    return std::nullopt;
}

void grantMember(const QString &url, const QString &login, const QString &memberName, Role role)
{
    if (memberName.trimmed().isEmpty())
        throw TeamError(TeamError::Code::Refused, QStringLiteral("a team member's name is needed"));
    PgConnection db(url);
    db.exec(QStringLiteral("BEGIN"));
    requireBook(db, url);
    const PgResult found = db.exec(QStringLiteral("SELECT rolcanlogin FROM pg_roles WHERE rolname = $1"), {login});
    if (found.rows() == 0)
        throw TeamError(TeamError::Code::Refused, QStringLiteral("there is no PostgreSQL login '%1' on %2: create it first (CREATE ROLE \"%1\" LOGIN ...)")
                                                      .arg(login, displayUrl(url)));
    if (found.text(0, 0) != QLatin1String("t"))
        throw TeamError(TeamError::Code::Refused, QStringLiteral("'%1' on %2 is a role that cannot log in, not a person's login").arg(login, displayUrl(url)));
    for (Role r : kRoles) {
        // Identifiers are quoted by the server (format %I), never pasted in by hand.
        const QString verb = r == role ? QStringLiteral("GRANT %I TO %I") : QStringLiteral("REVOKE %I FROM %I");
        db.exec(db.exec(QStringLiteral("SELECT format($1, $2::text, $3::text)"), {verb, groupRole(r), login}).text(0, 0));
    }
    db.exec(QStringLiteral("INSERT INTO keystone.members (login, member_name, role) VALUES ($1, $2, $3) "
                           "ON CONFLICT (login) DO UPDATE SET member_name = excluded.member_name, role = excluded.role, "
                           "granted_by = current_user, granted_at = now()"),
            {login, memberName.trimmed(), roleName(role)});
    db.exec(QStringLiteral("COMMIT"));
    log::info(QStringLiteral("Team book on %1: login '%2' is now %3").arg(displayUrl(url), login, roleName(role)));
}

std::vector<MemberGrant> members(const QString &url)
{
    PgConnection db(url);
    requireBook(db, url);
    const PgResult rows = db.exec(QStringLiteral("SELECT login, member_name, role, granted_by, "
                                                 "to_char(granted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
                                                 "FROM keystone.members ORDER BY login"));
    std::vector<MemberGrant> out;
    for (int i = 0; i < rows.rows(); ++i) {
        MemberGrant g;
        g.login = rows.text(i, 0);
        g.memberName = rows.text(i, 1);
        g.role = parseRole(rows.text(i, 2)).value_or(Role::Viewer);
        g.grantedBy = rows.text(i, 3);
        g.grantedAt = QDateTime::fromString(rows.text(i, 4), Qt::ISODate);
        out.push_back(std::move(g));
    }
    return out;
}

int latestServerSchemaVersion()
{
    return serverMigrations().back().version;
}

QString displayUrl(const QString &url)
{
    QString shown = url;
    // postgresql://user:secret@host/db -> postgresql://user@host/db
    static const QRegularExpression userinfo(QStringLiteral("^(postgres(?:ql)?://[^:/@?#]*):[^@/?#]*@"));
    shown.replace(userinfo, QStringLiteral("\\1@"));
    // ...?password=secret&... and the key=value form's password=secret
    static const QRegularExpression query(QStringLiteral("([?&])password=[^&]*&?"));
    shown.replace(query, QStringLiteral("\\1"));
    if (shown.endsWith(QLatin1Char('?')) || shown.endsWith(QLatin1Char('&')))
        shown.chop(1);
    static const QRegularExpression keyword(QStringLiteral("(^|\\s)password\\s*=\\s*('(?:[^'\\\\]|\\\\.)*'|\\S*)"));
    shown.replace(keyword, QString());
    return shown.trimmed();
}

InitResult initServer(const QString &url)
{
    PgConnection db(url);
    db.exec(QStringLiteral("BEGIN"));
    db.exec(QString::fromLatin1(kInitLock));
    InitResult result;
    result.previousVersion = readVersion(db);
    refuseNewer(result.previousVersion, url);
    for (const ServerMigration &step : serverMigrations()) {
        if (step.version <= result.previousVersion)
            continue;
        db.exec(QString::fromUtf8(step.sql));
        db.exec(QStringLiteral("INSERT INTO keystone.meta (key, value) VALUES ('schema_version', $1) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                {QString::number(step.version)});
    }
    db.exec(QStringLiteral("COMMIT")); // a failure above ends the connection, and with it the transaction
    result.schemaVersion = latestServerSchemaVersion();
    if (result.changed())
        log::info(QStringLiteral("Team book schema on %1: version %2 -> %3").arg(displayUrl(url)).arg(result.previousVersion).arg(result.schemaVersion));
    return result;
}

int serverSchemaVersion(const QString &url)
{
    PgConnection db(url);
    return readVersion(db);
}

} // namespace keystone::team
