// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/team/teamserver.h"

#include "pgconnection.h"
#include "serverschema.h"

#include "keystone/log/log.h"

#include <QRegularExpression>

#include <algorithm>
#include <vector>

namespace keystone::team {

namespace {

// The server's schema, one step per version; each runs inside initServer()'s transaction.
// Never edit a step that has shipped: add the next one.
struct ServerMigration {
    int version;
    QString sql;
};

// The entity tables of server schema 2: one per exchange table as it was then. A later
// exchange table comes with a later step (a test holds the two lists together).
const char *const kV2Tables[] = {"settings", "scorecards", "team_members", "products", "accounts", "buying_centers", "opportunities",
                                 "whitespace_cells", "contacts", "contact_influences", "activities", "activity_contacts", "activity_team",
                                 "health_inputs", "priorities", "risks", "plan_actions", "plan_reviews", "value_delivered", "advocacy",
                                 "reference_requests", "success_plans", "remediation_plans", "objectives", "milestones", "success_contacts",
                                 "arr_history", "account_team", "signal_states", "plan_snapshots"};

// One entity table: an entity's key, the account it belongs to (derived from its data, so
// no one can file a row under an account it does not name; an activity's participants take
// their activity's), its fields as jsonb and the change that last wrote it.
QString entityTable(const QString &t)
{
    QString account = QStringLiteral("data->>'account'");
    if (t == QLatin1String("accounts"))
        account = QStringLiteral("data->>'uuid'");
    const bool viaActivity = t == QLatin1String("activity_contacts") || t == QLatin1String("activity_team");
    return QStringLiteral(R"sql(
CREATE TABLE keystone.%1 (
    key text PRIMARY KEY,
    account_uuid text %2,
    data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
    change_no bigint NOT NULL DEFAULT 0,
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX %1_change ON keystone.%1 (change_no);
CREATE INDEX %1_account ON keystone.%1 (account_uuid);
)sql")
        .arg(t, viaActivity ? QString() : QStringLiteral("GENERATED ALWAYS AS (%1) STORED").arg(account));
}

// The rights on one entity table: the book's lock and numbering, the change log, and who
// may write (leads anything, account managers the rows of the accounts they own, viewers
// nothing; everyone reads). Uses the functions schema 2 made.
QString entityRights(const QString &t)
{
    QString amUsing = QStringLiteral("keystone.may_change(account_uuid)");
    QString amCheck = amUsing;
    if (t == QLatin1String("accounts"))
        amCheck = QStringLiteral("keystone.may_change(key) OR data->>'owner' = keystone.member_uuid()");
    if (t == QLatin1String("activity_contacts") || t == QLatin1String("activity_team"))
        amCheck = QStringLiteral("keystone.may_change(account_uuid) AND account_uuid = keystone.activity_account(data->>'activity')");
    return QStringLiteral(R"sql(
CREATE TRIGGER lock_book BEFORE INSERT OR UPDATE OR DELETE ON keystone.%1 FOR EACH STATEMENT EXECUTE FUNCTION keystone.lock_book();
CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON keystone.%1 FOR EACH ROW EXECUTE FUNCTION keystone.stamp_row();
CREATE TRIGGER log_inserts AFTER INSERT ON keystone.%1 REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION keystone.log_upserts();
CREATE TRIGGER log_updates AFTER UPDATE ON keystone.%1 REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION keystone.log_upserts();
CREATE TRIGGER log_deletes AFTER DELETE ON keystone.%1 REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION keystone.log_deletes();
ALTER TABLE keystone.%1 ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON keystone.%1 FOR SELECT USING (true);
CREATE POLICY lead_writes ON keystone.%1 FOR ALL TO keystone_lead USING (true) WITH CHECK (true);
CREATE POLICY am_writes_own ON keystone.%1 FOR ALL TO keystone_am USING (%2) WITH CHECK (%3);
GRANT SELECT ON keystone.%1 TO keystone_lead, keystone_am, keystone_viewer;
GRANT INSERT, UPDATE, DELETE ON keystone.%1 TO keystone_lead, keystone_am;
)sql")
        .arg(t, amUsing, amCheck);
}

// Schema 3: the QBR's written summary per account and quarter (an exchange table since
// Keystone's file schema 16).
QString schemaV3()
{
    return entityTable(QStringLiteral("qbr_summaries")) + entityRights(QStringLiteral("qbr_summaries"));
}

// Schema 2: the book itself. Each entity table holds an entity's key (its uuid, or its natural
// key as a JSON array), the account it belongs to (derived from its data, so no one can file
// a row under an account it does not name), its fields as jsonb (named as in the exchange
// format) and the change that last wrote it. Triggers number every change under one
// transaction-level advisory lock, so changes commit in the order of their numbers and a pull
// that reads up to the highest committed number can never miss one; they also keep the change
// log. Row-level security gives the roles their rights: leads write anything, account managers
// the rows of the accounts they own, viewers nothing; everyone reads.
QString schemaV2()
{
    QString sql = QStringLiteral(R"sql(
DROP TABLE keystone.changes; -- schema 1 never wrote it
CREATE SEQUENCE keystone.change_numbers;
CREATE TABLE keystone.changes (
    change_no bigint PRIMARY KEY,
    kind text NOT NULL,
    key text NOT NULL,
    account_uuid text,
    op text NOT NULL CHECK (op IN ('upsert', 'delete')),
    data jsonb,
    changed_by text NOT NULL,
    login text NOT NULL,
    changed_at timestamptz NOT NULL
);
CREATE INDEX changes_account ON keystone.changes (account_uuid, change_no);
CREATE INDEX changes_entity ON keystone.changes (kind, key);
CREATE INDEX changes_at ON keystone.changes (changed_at);
GRANT SELECT ON keystone.changes TO keystone_lead, keystone_am, keystone_viewer;
)sql");
    for (const char *table : kV2Tables)
        sql += entityTable(QString::fromLatin1(table));
    sql += QStringLiteral(R"sql(
-- Who the signed-in login is in the book: its member's name (or the login) and the team
-- member's uuid (the mapping's, or the team member of that name).
CREATE FUNCTION keystone.member_name() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$ SELECT coalesce((SELECT member_name FROM keystone.members WHERE login = session_user), session_user::text) $$;
CREATE FUNCTION keystone.member_uuid() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$ SELECT coalesce(m.member_uuid::text,
                   (SELECT t.key FROM keystone.team_members t WHERE lower(t.data->>'name') = lower(m.member_name) ORDER BY t.key LIMIT 1))
   FROM keystone.members m WHERE m.login = session_user $$;
-- May the signed-in account manager change rows of this account: do they own it?
CREATE FUNCTION keystone.may_change(account text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$ SELECT account IS NOT NULL AND EXISTS (SELECT 1 FROM keystone.accounts a WHERE a.key = account AND a.data->>'owner' = keystone.member_uuid()) $$;
CREATE FUNCTION keystone.activity_account(activity text) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$ SELECT account_uuid FROM keystone.activities WHERE key = activity $$;
-- The book's lock, taken by each writing statement before it locks any row (so writers
-- never deadlock on it) and held to the end of the transaction.
CREATE FUNCTION keystone.lock_book() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(7130412656);
    RETURN NULL;
END $$;
-- Numbers every written row under the book's lock: changes commit in number order.
-- (The statement's lock_book trigger already holds the lock. Who made the change is
-- written once per statement, into keystone.changes.)
CREATE FUNCTION keystone.stamp_row() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    NEW.change_no := nextval('keystone.change_numbers');
    NEW.changed_at := now();
    RETURN NEW;
END $$;
CREATE FUNCTION keystone.log_upserts() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    INSERT INTO keystone.changes (change_no, kind, key, account_uuid, op, data, changed_by, login, changed_at)
    SELECT n.change_no, TG_TABLE_NAME, n.key, n.account_uuid, 'upsert', n.data, who.name, session_user, n.changed_at
    FROM new_rows n, (SELECT keystone.member_name() AS name) who;
    RETURN NULL;
END $$;
CREATE FUNCTION keystone.log_deletes() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(7130412656);
    INSERT INTO keystone.changes (change_no, kind, key, account_uuid, op, data, changed_by, login, changed_at)
    SELECT nextval('keystone.change_numbers'), TG_TABLE_NAME, o.key, o.account_uuid, 'delete', NULL, who.name, session_user, now()
    FROM old_rows o, (SELECT keystone.member_name() AS name) who;
    RETURN NULL;
END $$;
-- Publishing: the first lead to publish names the book; everyone after finds it.
CREATE FUNCTION keystone.claim_book(book text) RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(7130412656);
    INSERT INTO keystone.meta (key, value) VALUES ('book_uuid', book) ON CONFLICT (key) DO NOTHING;
    RETURN (SELECT value FROM keystone.meta WHERE key = 'book_uuid');
END $$;
REVOKE EXECUTE ON FUNCTION keystone.claim_book(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION keystone.claim_book(text) TO keystone_lead;
)sql");
    for (const char *table : kV2Tables)
        sql += entityRights(QString::fromLatin1(table));
    return sql;
}

const std::vector<ServerMigration> &serverMigrations()
{
    static const std::vector<ServerMigration> steps = {
        {1, QStringLiteral(R"sql(
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
-- Roles belong to the whole server, not to one database: books in two databases may be
-- set up at once, so a role another one just made is not an error.
DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['keystone_lead', 'keystone_am', 'keystone_viewer'] LOOP
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END LOOP;
END
$$;
GRANT USAGE ON SCHEMA keystone TO keystone_lead, keystone_am, keystone_viewer;
GRANT SELECT ON ALL TABLES IN SCHEMA keystone TO keystone_lead, keystone_am, keystone_viewer;
INSERT INTO keystone.meta (key, value) VALUES ('created_at', now()::text);
)sql")},
        {2, schemaV2()},
        {3, schemaV3()},
    };
    return steps;
}

// Serialises initServer() across processes: the first creates, the others then find it.
constexpr const char *kInitLock = "SELECT pg_advisory_xact_lock(7130412655)";

const Role kRoles[] = {Role::Lead, Role::Am, Role::Viewer};

QString groupRole(Role role)
{
    return QStringLiteral("keystone_") + roleName(role);
}

} // namespace

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

void requireBook(PgConnection &db, const QString &url, bool current)
{
    const int version = readVersion(db);
    if (version == 0)
        throw TeamError(TeamError::Code::Failed, QStringLiteral("there is no team book at %1 yet: run keystone-cli team init --server URL first")
                                                     .arg(displayUrl(url)));
    refuseNewer(version, url);
    if (current && version < latestServerSchemaVersion())
        throw TeamError(TeamError::Code::Failed,
                        QStringLiteral("the team book at %1 has server schema version %2, older than this Keystone's %3: "
                                       "upgrade it with keystone-cli team init --server URL (a login that may create schemas)")
                            .arg(displayUrl(url))
                            .arg(version)
                            .arg(latestServerSchemaVersion()));
}

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

InitResult initServer(const QString &url, int upTo)
{
    PgConnection db(url);
    db.exec(QStringLiteral("BEGIN"));
    db.exec(QString::fromLatin1(kInitLock));
    InitResult result;
    result.previousVersion = readVersion(db);
    refuseNewer(result.previousVersion, url);
    for (const ServerMigration &step : serverMigrations()) {
        if (step.version <= result.previousVersion || (upTo > 0 && step.version > upTo))
            continue;
        db.exec(step.sql);
        db.exec(QStringLiteral("INSERT INTO keystone.meta (key, value) VALUES ('schema_version', $1) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                {QString::number(step.version)});
    }
    db.exec(QStringLiteral("COMMIT")); // a failure above ends the connection, and with it the transaction
    result.schemaVersion = upTo > 0 ? std::max(result.previousVersion, std::min(upTo, latestServerSchemaVersion())) : latestServerSchemaVersion();
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
