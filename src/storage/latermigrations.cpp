// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// The schema's versions 9 and later. The list of all versions is keystoneMigrations()
// (migrations.cpp).
#include "migrationsupport.h"

#include "keystone/storage/database.h"
#include "keystone/storage/exchangerepository.h"
#include "keystone/storage/storageerror.h"
#include "keystone/storage/syncrepository.h"

#include "keystone/domain/validation.h"
#include "keystone/log/log.h"

#include <QHash>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <tuple>
#include <vector>

namespace keystone::storage::migrationsupport {

// Version 9: advocacy. One advocacy row per account that has one (case study status,
// advisory board seat), and dated reference requests per contact; both in the history.
void upgradeToV9(Database &db)
{
    db.exec(QStringLiteral(R"(CREATE TABLE advocacy (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id     INTEGER NOT NULL UNIQUE REFERENCES accounts(id) ON DELETE CASCADE,
        case_study     TEXT NOT NULL DEFAULT 'none'
                       CHECK (case_study IN ('none', 'candidate', 'in_progress', 'published', 'declined')),
        advisory_board INTEGER NOT NULL DEFAULT 0,
        updated_at     TEXT NOT NULL
    ))"));
    db.exec(QStringLiteral(R"(CREATE TABLE reference_requests (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid       TEXT NOT NULL UNIQUE,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        date       TEXT NOT NULL,
        purpose    TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    ))"));
    db.exec(QStringLiteral("CREATE INDEX reference_requests_account ON reference_requests(account_id, date)"));
    db.exec(QStringLiteral("CREATE INDEX reference_requests_contact ON reference_requests(contact_id, date)"));
    const HistorySpec specs[] = {
        {"advocacy", "advocacy", "R.account_id", "'Advocacy'", {"case_study", "advisory_board"}},
        {"reference_requests", "reference_request", "R.account_id",
         "'Reference request of ' || coalesce((SELECT name FROM contacts WHERE id = R.contact_id), '?') || ' on ' || R.date",
         {"contact_id", "date", "purpose"}},
    };
    for (const HistorySpec &spec : specs)
        createHistoryTriggers(db, spec);
}

// Version 10: the joint success plan (objectives, milestones, champions and decision makers,
// start and first-value dates) and the at-risk remediation plan (executive sponsor, root
// cause; its milestones share the milestones table). All of it in the history.
void upgradeToV10(Database &db)
{
    db.exec(QStringLiteral(R"(CREATE TABLE success_plans (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id     INTEGER NOT NULL UNIQUE REFERENCES accounts(id) ON DELETE CASCADE,
        starts_on      TEXT,
        first_value_on TEXT,
        updated_at     TEXT NOT NULL
    ))"));
    db.exec(QStringLiteral(R"(CREATE TABLE remediation_plans (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id INTEGER NOT NULL UNIQUE REFERENCES accounts(id) ON DELETE CASCADE,
        sponsor_id INTEGER REFERENCES team_members(id) ON DELETE SET NULL,
        root_cause TEXT NOT NULL DEFAULT '',
        opened_on  TEXT,
        updated_at TEXT NOT NULL
    ))"));
    db.exec(QStringLiteral("CREATE INDEX remediation_plans_sponsor ON remediation_plans(sponsor_id)"));
    db.exec(QStringLiteral(R"(CREATE TABLE objectives (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid       TEXT NOT NULL UNIQUE,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        position   INTEGER NOT NULL DEFAULT 0,
        text       TEXT NOT NULL CHECK (length(trim(text)) > 0),
        metric     TEXT NOT NULL DEFAULT '',
        baseline   REAL,
        target     REAL,
        current    REAL,
        unit       TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    ))"));
    db.exec(QStringLiteral("CREATE INDEX objectives_account ON objectives(account_id, position)"));
    db.exec(QStringLiteral(R"(CREATE TABLE milestones (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid       TEXT NOT NULL UNIQUE,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        plan       TEXT NOT NULL CHECK (plan IN ('success', 'remediation')),
        what       TEXT NOT NULL CHECK (length(trim(what)) > 0),
        due        TEXT NOT NULL,
        done_on    TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    ))"));
    db.exec(QStringLiteral("CREATE INDEX milestones_account ON milestones(account_id, plan, due)"));
    db.exec(QStringLiteral(R"(CREATE TABLE success_contacts (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid       TEXT NOT NULL UNIQUE,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        role       TEXT NOT NULL CHECK (role IN ('champion', 'decision_maker')),
        created_at TEXT NOT NULL,
        UNIQUE (contact_id, role)
    ))"));
    db.exec(QStringLiteral("CREATE INDEX success_contacts_account ON success_contacts(account_id)"));
    const HistorySpec specs[] = {
        {"success_plans", "success_plan", "R.account_id", "'Success plan'", {"starts_on", "first_value_on"}},
        {"remediation_plans", "remediation_plan", "R.account_id", "'Remediation plan'", {"sponsor_id", "root_cause", "opened_on"}},
        {"objectives", "objective", "R.account_id", "R.text", {"position", "text", "metric", "baseline", "target", "current", "unit"}},
        {"milestones", "milestone", "R.account_id", "R.what", {"what", "due", "done_on"}},
        {"success_contacts", "success_contact", "R.account_id",
         "coalesce((SELECT name FROM contacts WHERE id = R.contact_id), '?') || ' as ' || replace(R.role, '_', ' ')", {"role"}},
    };
    for (const HistorySpec &spec : specs)
        createHistoryTriggers(db, spec);
}

// Version 11: what the team lead's views need. Dated ARR per account (change events or
// monthly snapshots; existing accounts start with their current ARR on their customer-since
// date), team members assigned to accounts besides the owner (coverage), and the decisions
// taken on signals (snoozed or dismissed, every one kept).
void upgradeToV11(Database &db)
{
    db.exec(QStringLiteral(R"(CREATE TABLE arr_history (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        date       TEXT NOT NULL,
        arr_cents  INTEGER NOT NULL CHECK (arr_cents >= 0),
        change     TEXT NOT NULL CHECK (change IN ('new', 'expansion', 'contraction', 'churn', 'snapshot')),
        UNIQUE (account_id, date)
    ))"));
    db.exec(QStringLiteral("INSERT INTO arr_history (account_id, date, arr_cents, change) "
                           "SELECT id, coalesce(customer_since, substr(created_at, 1, 10)), arr_cents, 'new' FROM accounts"));
    db.exec(QStringLiteral(R"(CREATE TABLE account_team (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id     INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        team_member_id INTEGER NOT NULL REFERENCES team_members(id) ON DELETE CASCADE,
        UNIQUE (account_id, team_member_id)
    ))"));
    db.exec(QStringLiteral("CREATE INDEX account_team_member ON account_team(team_member_id)"));
    db.exec(QStringLiteral(R"(CREATE TABLE signal_states (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        rule       TEXT NOT NULL,
        decision   TEXT NOT NULL CHECK (decision IN ('active', 'snoozed', 'dismissed')),
        until      TEXT,
        reason     TEXT NOT NULL DEFAULT '',
        at         TEXT NOT NULL
    ))"));
    db.exec(QStringLiteral("CREATE INDEX signal_states_account ON signal_states(account_id, rule, id)"));
    const HistorySpec specs[] = {
        {"account_team", "assignment", "R.account_id", "coalesce((SELECT name FROM team_members WHERE id = R.team_member_id), '?')", {"team_member_id"}},
        {"signal_states", "signal", "R.account_id", "replace(R.rule, '_', ' ') || ': ' || R.decision", {"decision", "until", "reason"}},
    };
    for (const HistorySpec &spec : specs)
        createHistoryTriggers(db, spec);
}


// Version 12: import and exchange (issue 9).
// - source_id on accounts, contacts, opportunities and activities: the entity's id in the
//   CRM it was imported from, so a second import of an updated export updates instead of
//   duplicating.
// - firmographics a CRM export carries (company revenue, employees, account type).
// - updated_at on products, buying centers, whitespace cells and health inputs, kept by
//   triggers on every update, so a JSON merge can tell which side changed an entity last.
//   NULL means "not changed since it was created".
// - the portfolio's own uuid, so an exchange file says which portfolio it came from.
// Names typed with combining accents were stored as typed, and their keys did not match the
// same name typed with precomposed letters. Names become NFC and keys are recomputed. Where
// two accounts (or products) turn out to be one name in two Unicode forms, both stay as they
// are (the key is unique) and `check --full` names them so the user can merge or rename.
void upgradeToV13(Database &db)
{
    for (const char *table : {"accounts", "products", "team_members", "contacts", "buying_centers", "opportunities"}) {
        const QString t = QLatin1String(table);
        const bool keyed = t == QLatin1String("accounts") || t == QLatin1String("products");
        QSqlQuery q(db.connection());
        if (!q.exec(keyed ? QStringLiteral("SELECT id, name, name_key FROM %1").arg(t) : QStringLiteral("SELECT id, name FROM %1").arg(t)))
            throwQueryError(q, db.path(), QStringLiteral("reading the names of %1").arg(t));
        struct Change {
            qint64 id;
            QString name;
            QString key;
        };
        std::vector<Change> changes;
        QHash<QString, qint64> keyOwner; // the new keys of the rows that keep theirs
        std::vector<Change> rekeyed;
        while (q.next()) {
            const qint64 id = q.value(0).toLongLong();
            const QString name = q.value(1).toString();
            const QString clean = name.normalized(QString::NormalizationForm_C);
            if (!keyed) {
                if (clean != name)
                    changes.push_back({id, clean, {}});
                continue;
            }
            const QString oldKey = q.value(2).toString();
            const QString key = domain::nameKey(name);
            if (key == oldKey && clean == name)
                keyOwner.insert(key, id);
            else
                rekeyed.push_back({id, clean, key});
        }
        for (const Change &c : rekeyed) {
            if (keyOwner.contains(c.key)) {
                log::warn(QStringLiteral("%1: %2 %3 and %4 are one name in two Unicode forms; both kept, check --full names them")
                              .arg(db.path(), t).arg(keyOwner.value(c.key)).arg(c.id));
                continue;
            }
            keyOwner.insert(c.key, c.id);
            changes.push_back(c);
        }
        QSqlQuery u(db.connection());
        u.prepare(keyed ? QStringLiteral("UPDATE %1 SET name = ?, name_key = ? WHERE id = ?").arg(t) : QStringLiteral("UPDATE %1 SET name = ? WHERE id = ?").arg(t));
        for (const Change &c : changes) {
            u.addBindValue(c.name);
            if (keyed)
                u.addBindValue(c.key);
            u.addBindValue(c.id);
            if (!u.exec())
                throwQueryError(u, db.path(), QStringLiteral("storing the NFC name of %1 %2").arg(t).arg(c.id));
        }
    }
}

void upgradeToV12(Database &db)
{
    for (const char *table : {"accounts", "contacts", "opportunities", "activities"}) {
        db.exec(QStringLiteral("ALTER TABLE %1 ADD COLUMN source_id TEXT").arg(QLatin1String(table)));
        db.exec(QStringLiteral("CREATE INDEX %1_source ON %1(source_id) WHERE source_id IS NOT NULL").arg(QLatin1String(table)));
    }
    db.exec(QStringLiteral("ALTER TABLE accounts ADD COLUMN company_revenue_cents INTEGER CHECK (company_revenue_cents IS NULL OR company_revenue_cents >= 0)"));
    db.exec(QStringLiteral("ALTER TABLE accounts ADD COLUMN employees INTEGER CHECK (employees IS NULL OR employees >= 0)"));
    db.exec(QStringLiteral("ALTER TABLE accounts ADD COLUMN account_type TEXT NOT NULL DEFAULT ''"));
    for (const char *table : {"products", "buying_centers", "whitespace_cells", "health_inputs"}) {
        db.exec(QStringLiteral("ALTER TABLE %1 ADD COLUMN updated_at TEXT").arg(QLatin1String(table)));
        // Recursive triggers are off, so the inner UPDATE does not fire this trigger again.
        db.exec(QStringLiteral("CREATE TRIGGER touch_%1 AFTER UPDATE ON %1 WHEN NEW.updated_at IS OLD.updated_at BEGIN "
                               "UPDATE %1 SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id; END")
                    .arg(QLatin1String(table)));
    }
    db.exec(QStringLiteral("INSERT OR IGNORE INTO settings (key, value) SELECT 'portfolio.uuid', "
                           "lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || "
                           "substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) "
                           "FROM (SELECT hex(randomblob(16)) AS h)"));
    // The accounts' history triggers gain the new fields.
    for (const char *kind : {"insert", "delete", "update"})
        db.exec(QStringLiteral("DROP TRIGGER history_accounts_%1").arg(QLatin1String(kind)));
    const HistorySpec accounts{"accounts", "account", "R.id", "R.name",
                               {"name", "industry", "region", "owner_id", "arr_cents", "renewal_date", "customer_since", "lifecycle", "at_risk",
                                "tier_override", "tier_override_reason", "potential_rating", "notes", "referenceable", "no_known_risks_on",
                                "company_revenue_cents", "employees", "account_type"}};
    createHistoryTriggers(db, accounts);
}

// The team book (docs/team.md): what the file knows of its server, every entity as last
// agreed with it (the base of a three-way merge), the conflicts a sync kept, and who made a
// change that arrived from a teammate.
void upgradeToV14(Database &db)
{
    db.exec(QStringLiteral(R"(CREATE TABLE IF NOT EXISTS sync_state (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    ) WITHOUT ROWID)"));
    // `rid`: where the row is here, as the change tracking names it (the row id, or for an
    // activity's participants the activity's id).
    db.exec(QStringLiteral(R"(CREATE TABLE IF NOT EXISTS sync_base (
        tbl  TEXT NOT NULL,
        key  TEXT NOT NULL,
        rid  INTEGER,
        data TEXT NOT NULL,
        PRIMARY KEY (tbl, key)
    ) WITHOUT ROWID)"));
    db.exec(QStringLiteral("CREATE INDEX IF NOT EXISTS sync_base_rid ON sync_base(tbl, rid)"));
    // What changed here since the last sync, written by triggers that exist while the file is
    // bound to a team book (`rid` as in sync_base; NULL: look at the whole table).
    db.exec(QStringLiteral(R"(CREATE TABLE IF NOT EXISTS sync_dirty (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        tbl TEXT NOT NULL,
        rid INTEGER
    ))"));
    db.exec(QStringLiteral(R"(CREATE TABLE IF NOT EXISTS sync_conflicts (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        tbl          TEXT NOT NULL,
        key          TEXT NOT NULL,
        account_uuid TEXT NOT NULL DEFAULT '',
        label        TEXT NOT NULL DEFAULT '',
        field        TEXT NOT NULL,
        mine         TEXT NOT NULL DEFAULT '',
        theirs       TEXT NOT NULL DEFAULT '',
        kept         TEXT NOT NULL CHECK (kept IN ('mine', 'theirs')),
        reason       TEXT NOT NULL DEFAULT '',
        changed_by   TEXT NOT NULL DEFAULT '',
        changed_at   TEXT NOT NULL DEFAULT '',
        found_at     TEXT NOT NULL,
        resolved     TEXT CHECK (resolved IS NULL OR resolved IN ('mine', 'theirs'))
    ))"));
    if (!hasColumn(db, QStringLiteral("change_log"), QStringLiteral("changed_by")))
        db.exec(QStringLiteral("ALTER TABLE change_log ADD COLUMN changed_by TEXT NOT NULL DEFAULT ''"));
}

// Version 15: what the customer may see (issue 27). An action or a milestone is shared with
// the customer or not; NULL, as rows of earlier versions and of files or teammates that do
// not know the field have it, means the kind's default: a joint success plan milestone is
// shared, an action and a remediation milestone are not. No row is rewritten (an upgrade
// stays as quick as its ALTERs, and a team book sees no change to push). The history's
// triggers record the new field.
void upgradeToV15(Database &db)
{
    const QString flag = QStringLiteral(" INTEGER CHECK (shared IS NULL OR shared IN (0, 1))");
    for (const char *table : {"plan_actions", "milestones"}) {
        if (!hasColumn(db, QLatin1String(table), QStringLiteral("shared")))
            db.exec(QStringLiteral("ALTER TABLE %1 ADD COLUMN shared").arg(QLatin1String(table)) + flag);
    }
    const HistorySpec specs[] = {
        {"plan_actions", "action", "R.account_id", "R.what", {"what", "owner_id", "due", "status", "done_on", "shared"}},
        {"milestones", "milestone", "R.account_id", "R.what", {"what", "due", "done_on", "shared"}},
    };
    for (const HistorySpec &spec : specs) {
        for (const char *op : {"insert", "update", "delete"})
            db.exec(QStringLiteral("DROP TRIGGER IF EXISTS history_%1_%2").arg(QLatin1String(spec.table), QLatin1String(op)));
        createHistoryTriggers(db, spec);
        // A file bound to a team book tracks its changes by the exchanged columns: the new
        // one is watched too, so changing only whether an item is shared is pushed.
        const QString tracker = QStringLiteral("sync_track_%1_update").arg(QLatin1String(spec.table));
        QSqlQuery q(db.connection());
        q.prepare(QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?"));
        q.addBindValue(tracker);
        if (q.exec() && q.next()) {
            QString sql = q.value(0).toString();
            q.finish();
            const QString on = QStringLiteral(" ON %1 BEGIN").arg(QLatin1String(spec.table));
            if (sql.contains(on) && !sql.contains(QStringLiteral(", shared") + on)) {
                sql.replace(on, QStringLiteral(", shared") + on);
                db.exec(QStringLiteral("DROP TRIGGER %1").arg(tracker));
                db.exec(sql);
            }
        }
    }
}

// Version 16: the QBR's written summary per account and quarter (issue 27): highlights and
// lowlights, one point a line, in the history like the plan. A summary is found by its
// account and quarter, never by its id, so the id is a plain row id (no sqlite_sequence
// row: undoing the first summary leaves the file exactly as it was).
void upgradeToV16(Database &db)
{
    db.exec(QStringLiteral(R"(CREATE TABLE IF NOT EXISTS qbr_summaries (
        id         INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        quarter    TEXT NOT NULL CHECK (length(quarter) = 6 AND quarter GLOB '[12][0-9][0-9][0-9]Q[1-4]'),
        highlights TEXT NOT NULL DEFAULT '',
        lowlights  TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        UNIQUE (account_id, quarter)
    ))"));
    const HistorySpec spec{"qbr_summaries", "qbr_summary", "R.account_id", "'QBR summary ' || R.quarter", {"highlights", "lowlights"}};
    for (const char *op : {"insert", "update", "delete"})
        db.exec(QStringLiteral("DROP TRIGGER IF EXISTS history_qbr_summaries_%1").arg(QLatin1String(op)));
    createHistoryTriggers(db, spec);
    // A file bound to a team book notes its changes from now on in the new table too.
    SyncRepository sync(db);
    if (sync.tracking()) {
        QStringList fields;
        for (const ExchangeColumn &c : exchangeTable(QStringLiteral("qbr_summaries"))->columns)
            fields << c.name;
        sync.startTracking({{QStringLiteral("qbr_summaries"), QStringLiteral("rowid"), fields}});
    }
}

// Version 17: the history's UPDATE triggers run only for an UPDATE that sets one of the
// fields they record (UPDATE OF): the caches, source ids and sync marks written on every
// import, recount and sync ran them for nothing. Each existing trigger is rewritten with the
// fields it records, read from its own SQL, so the file records exactly what it did; new
// files get the same text from historyTriggers().
void upgradeToV17(Database &db)
{
    std::vector<std::tuple<QString, QString, QString>> triggers; // name, table, SQL
    {
        QSqlQuery q(db.connection());
        if (!q.exec(QStringLiteral("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'history\\_%\\_update' ESCAPE '\\'")))
            throw StorageError(StorageError::Code::Sql, db.path(), q.lastError().text());
        while (q.next())
            triggers.emplace_back(q.value(0).toString(), q.value(1).toString(), q.value(2).toString());
    }
    static const QRegularExpression recorded(QStringLiteral("SELECT '([a-z_0-9]+)' AS f"));
    for (const auto &[name, table, sql] : triggers) {
        const QString plain = QStringLiteral(" AFTER UPDATE ON %1 ").arg(table);
        if (!sql.contains(plain))
            continue; // UPDATE OF already
        QStringList fields;
        for (auto it = recorded.globalMatch(sql); it.hasNext();)
            fields << it.next().captured(1);
        if (fields.isEmpty())
            continue;
        QString rewritten = sql;
        rewritten.replace(plain, QStringLiteral(" AFTER UPDATE OF %1 ON %2 ").arg(fields.join(QStringLiteral(", ")), table));
        db.exec(QStringLiteral("DROP TRIGGER \"%1\"").arg(name));
        db.exec(rewritten);
    }
}

} // namespace keystone::storage::migrationsupport
