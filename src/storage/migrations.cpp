// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/storage/database.h"
#include "keystone/storage/migration.h"
#include "keystone/storage/exchangerepository.h"
#include "keystone/storage/syncrepository.h"

#include "keystone/domain/validation.h"
#include "keystone/log/log.h"

#include <QHash>
#include <QSqlQuery>

namespace keystone::storage {

namespace {

// Version 1: the portfolio file itself, settings, our team and accounts.
// Ids are AUTOINCREMENT: an id is never handed out twice, so undo can put a deleted row
// back under its old id even after newer rows were added.
void upgradeToV1(Database &db)
{
    db.exec(QStringLiteral("PRAGMA application_id = %1").arg(Database::kApplicationId));
    db.exec(QStringLiteral(R"(CREATE TABLE settings (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    ) WITHOUT ROWID)"));
    db.exec(QStringLiteral(R"(CREATE TABLE team_members (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid            TEXT NOT NULL UNIQUE,
        name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
        role            TEXT NOT NULL,
        email           TEXT NOT NULL DEFAULT '',
        hours_per_month REAL NOT NULL DEFAULT 120 CHECK (hours_per_month > 0),
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
    ))"));
    db.exec(QStringLiteral(R"(CREATE TABLE accounts (
        id                   INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid                 TEXT NOT NULL UNIQUE,
        name                 TEXT NOT NULL CHECK (length(trim(name)) > 0),
        name_key             TEXT NOT NULL UNIQUE,
        industry             TEXT NOT NULL DEFAULT '',
        region               TEXT NOT NULL DEFAULT '',
        owner_id             INTEGER REFERENCES team_members(id) ON DELETE SET NULL,
        arr_cents            INTEGER NOT NULL DEFAULT 0 CHECK (arr_cents >= 0),
        currency             TEXT NOT NULL CHECK (length(currency) = 3),
        renewal_date         TEXT,
        customer_since       TEXT,
        lifecycle            TEXT NOT NULL DEFAULT 'nurture'
                             CHECK (lifecycle IN ('onboarding', 'nurture', 'expansion', 'advocacy')),
        at_risk              INTEGER NOT NULL DEFAULT 0,
        tier_override        INTEGER CHECK (tier_override IN (1, 2, 3)),
        tier_override_reason TEXT NOT NULL DEFAULT '',
        potential_rating     INTEGER NOT NULL DEFAULT 3 CHECK (potential_rating BETWEEN 1 AND 5),
        notes                TEXT NOT NULL DEFAULT '',
        referenceable        INTEGER NOT NULL DEFAULT 0,
        created_at           TEXT NOT NULL,
        updated_at           TEXT NOT NULL
    ))"));
    db.exec(QStringLiteral("CREATE INDEX accounts_owner ON accounts(owner_id)"));
}

// Version 2: whitespace and the expansion pipeline (domain.md sections 6 and 7).
// The link from a cell to its opportunity lives on the cell, so there is one place to keep
// it consistent; deleting an opportunity leaves the cell unlinked (the service turns it
// back into Whitespace).
void upgradeToV2(Database &db)
{
    db.exec(QStringLiteral(R"(CREATE TABLE products (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid             TEXT NOT NULL UNIQUE,
        name             TEXT NOT NULL CHECK (length(trim(name)) > 0),
        name_key         TEXT NOT NULL UNIQUE,
        family           TEXT NOT NULL DEFAULT '',
        basis            TEXT NOT NULL CHECK (basis IN ('per_seat', 'per_site', 'flat')),
        list_price_cents INTEGER NOT NULL DEFAULT 0 CHECK (list_price_cents >= 0)
    ))"));
    db.exec(QStringLiteral(R"(CREATE TABLE buying_centers (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid       TEXT NOT NULL UNIQUE,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
        kind       TEXT NOT NULL CHECK (kind IN ('division', 'plant', 'region', 'department')),
        size       INTEGER NOT NULL DEFAULT 0 CHECK (size >= 0)
    ))"));
    db.exec(QStringLiteral("CREATE INDEX buying_centers_account ON buying_centers(account_id)"));
    db.exec(QStringLiteral(R"(CREATE TABLE opportunities (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid         TEXT NOT NULL UNIQUE,
        account_id   INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
        type         TEXT NOT NULL CHECK (type IN ('renewal', 'upsell', 'cross_sell', 'new_buying_center')),
        amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
        stage        TEXT NOT NULL CHECK (stage IN ('identified', 'qualified', 'proposal', 'negotiation', 'won', 'lost')),
        probability  INTEGER NOT NULL CHECK (probability BETWEEN 0 AND 100),
        close_date   TEXT,
        owner_id     INTEGER REFERENCES team_members(id) ON DELETE SET NULL,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL
    ))"));
    db.exec(QStringLiteral("CREATE INDEX opportunities_account ON opportunities(account_id)"));
    db.exec(QStringLiteral(R"(CREATE TABLE whitespace_cells (
        id                  INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id          INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        buying_center_id    INTEGER NOT NULL REFERENCES buying_centers(id) ON DELETE CASCADE,
        product_id          INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
        status              TEXT NOT NULL CHECK (status IN ('owned', 'pipeline', 'whitespace', 'competitor', 'not_a_fit')),
        current_arr_cents   INTEGER NOT NULL DEFAULT 0 CHECK (current_arr_cents >= 0),
        potential_arr_cents INTEGER NOT NULL DEFAULT 0 CHECK (potential_arr_cents >= 0),
        competitor          TEXT NOT NULL DEFAULT '',
        note                TEXT NOT NULL DEFAULT '',
        opportunity_id      INTEGER REFERENCES opportunities(id) ON DELETE SET NULL,
        UNIQUE (buying_center_id, product_id)
    ))"));
    db.exec(QStringLiteral("CREATE INDEX whitespace_cells_account ON whitespace_cells(account_id)"));
    db.exec(QStringLiteral("CREATE INDEX whitespace_cells_product ON whitespace_cells(product_id)"));
    db.exec(QStringLiteral("CREATE INDEX whitespace_cells_opportunity ON whitespace_cells(opportunity_id)"));
    // Totals kept on the account, refreshed in the same transaction as every whitespace or
    // opportunity write, so opening a 10,000-account book needs no aggregate over ~250,000
    // cells. `keystone-cli check --full` recomputes and compares them.
    db.exec(QStringLiteral("ALTER TABLE accounts ADD COLUMN open_whitespace_cents INTEGER NOT NULL DEFAULT 0"));
    db.exec(QStringLiteral("ALTER TABLE accounts ADD COLUMN whitespace_cells INTEGER NOT NULL DEFAULT 0"));
    db.exec(QStringLiteral("ALTER TABLE accounts ADD COLUMN weighted_pipeline_cents INTEGER NOT NULL DEFAULT 0"));
}

// Version 3: a partial covering index over open whitespace (Whitespace and Competitor
// cells), so the team lead's product x industry matrix reads the index instead of every cell.
void upgradeToV3(Database &db)
{
    db.exec(QStringLiteral("CREATE INDEX whitespace_cells_open ON whitespace_cells(account_id, product_id, potential_arr_cents) "
                           "WHERE status IN ('whitespace', 'competitor')"));
}

// Version 4: the relationship map and the activity log (domain.md sections 5 and 9).
// Each contact caches the date of its latest activity (last_interaction), refreshed in the
// same transaction as every activity write, so multithreading depth for a 10,000-account
// book is one range scan over recent contacts instead of a join over the whole log.
void upgradeToV4(Database &db)
{
    db.exec(QStringLiteral(R"(CREATE TABLE contacts (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid             TEXT NOT NULL UNIQUE,
        account_id       INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        name             TEXT NOT NULL CHECK (length(trim(name)) > 0),
        title            TEXT NOT NULL DEFAULT '',
        email            TEXT NOT NULL DEFAULT '',
        department       TEXT NOT NULL DEFAULT '',
        buying_center_id INTEGER REFERENCES buying_centers(id) ON DELETE SET NULL,
        reports_to_id    INTEGER REFERENCES contacts(id) ON DELETE SET NULL CHECK (reports_to_id IS NULL OR reports_to_id <> id),
        role             TEXT NOT NULL CHECK (role IN ('economic_buyer', 'decision_maker', 'technical_evaluator', 'influencer',
                                                       'champion', 'coach', 'user', 'gatekeeper', 'executive_sponsor')),
        stance           TEXT NOT NULL CHECK (stance IN ('champion', 'supporter', 'neutral', 'skeptic', 'detractor')),
        influence        TEXT NOT NULL CHECK (influence IN ('high', 'medium', 'low')),
        status           TEXT NOT NULL CHECK (status IN ('active', 'departed')),
        departed_on      TEXT,
        covered_by_id    INTEGER REFERENCES team_members(id) ON DELETE SET NULL,
        level            TEXT NOT NULL CHECK (level IN ('vendor', 'credible_source', 'problem_solver', 'trusted_advisor')),
        target_level     TEXT NOT NULL CHECK (target_level IN ('vendor', 'credible_source', 'problem_solver', 'trusted_advisor')),
        notes            TEXT NOT NULL DEFAULT '',
        last_interaction TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
    ))"));
    db.exec(QStringLiteral("CREATE INDEX contacts_account ON contacts(account_id)"));
    db.exec(QStringLiteral("CREATE INDEX contacts_reports_to ON contacts(reports_to_id)"));
    db.exec(QStringLiteral("CREATE INDEX contacts_buying_center ON contacts(buying_center_id)"));
    db.exec(QStringLiteral("CREATE INDEX contacts_covered_by ON contacts(covered_by_id)"));
    db.exec(QStringLiteral("CREATE INDEX contacts_recent ON contacts(last_interaction, account_id) WHERE status = 'active'"));
    db.exec(QStringLiteral(R"(CREATE TABLE contact_influences (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        from_contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        to_contact_id   INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        UNIQUE (from_contact_id, to_contact_id),
        CHECK (from_contact_id <> to_contact_id)
    ))"));
    db.exec(QStringLiteral("CREATE INDEX contact_influences_account ON contact_influences(account_id)"));
    db.exec(QStringLiteral("CREATE INDEX contact_influences_to ON contact_influences(to_contact_id)"));
    db.exec(QStringLiteral(R"(CREATE TABLE activities (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid       TEXT NOT NULL UNIQUE,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        date       TEXT NOT NULL,
        type       TEXT NOT NULL CHECK (type IN ('call', 'meeting', 'email', 'qbr', 'executive_review', 'onsite', 'internal_review')),
        summary    TEXT NOT NULL DEFAULT '',
        next_step  TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    ))"));
    db.exec(QStringLiteral("CREATE INDEX activities_account_date ON activities(account_id, date)"));
    db.exec(QStringLiteral(R"(CREATE TABLE activity_contacts (
        activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        PRIMARY KEY (activity_id, contact_id)
    ) WITHOUT ROWID)"));
    db.exec(QStringLiteral("CREATE INDEX activity_contacts_contact ON activity_contacts(contact_id)"));
    db.exec(QStringLiteral(R"(CREATE TABLE activity_team (
        activity_id    INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        team_member_id INTEGER NOT NULL REFERENCES team_members(id) ON DELETE CASCADE,
        PRIMARY KEY (activity_id, team_member_id)
    ) WITHOUT ROWID)"));
    db.exec(QStringLiteral("CREATE INDEX activity_team_member ON activity_team(team_member_id)"));
}

// Version 5: health (domain.md section 4). Inputs are dated snapshots per account; which
// measures were typed in by hand is a list of measure keys. Scorecards keep their
// parameters as JSON (one row per scorecard; tier and phase say where one applies). Scores
// are kept per account and snapshot date, the primary key serving "latest on or before";
// c_* are the points each measure contributed (they sum to the score).
void upgradeToV5(Database &db)
{
    db.exec(QStringLiteral(R"(CREATE TABLE health_inputs (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id       INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        date             TEXT NOT NULL,
        licensed_seats   INTEGER CHECK (licensed_seats IS NULL OR licensed_seats >= 0),
        active_users     INTEGER CHECK (active_users IS NULL OR active_users >= 0),
        features_used    INTEGER CHECK (features_used IS NULL OR features_used >= 0),
        features_offered INTEGER CHECK (features_offered IS NULL OR features_offered >= 0),
        sev1             INTEGER CHECK (sev1 IS NULL OR sev1 >= 0),
        sev2             INTEGER CHECK (sev2 IS NULL OR sev2 >= 0),
        sev3             INTEGER CHECK (sev3 IS NULL OR sev3 >= 0),
        nps              INTEGER CHECK (nps IS NULL OR nps BETWEEN -100 AND 100),
        csat             REAL CHECK (csat IS NULL OR csat BETWEEN 1 AND 5),
        sentiment_date   TEXT,
        days_late        REAL CHECK (days_late IS NULL OR days_late >= 0),
        manual           TEXT NOT NULL DEFAULT '',
        UNIQUE (account_id, date)
    ))"));
    db.exec(QStringLiteral(R"(CREATE TABLE scorecards (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        name       TEXT NOT NULL,
        tier       INTEGER CHECK (tier IS NULL OR tier BETWEEN 1 AND 3),
        phase      TEXT,
        definition TEXT NOT NULL,
        UNIQUE (tier, phase)
    ))"));
    db.exec(QStringLiteral(R"(CREATE TABLE health_scores (
        account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        date          TEXT NOT NULL,
        score         REAL NOT NULL,
        band          TEXT NOT NULL CHECK (band IN ('green', 'yellow', 'red', 'insufficient_data')),
        confidence    REAL NOT NULL,
        c_usage       REAL NOT NULL,
        c_adoption    REAL NOT NULL,
        c_support     REAL NOT NULL,
        c_sentiment   REAL NOT NULL,
        c_engagement  REAL NOT NULL,
        c_relationship REAL NOT NULL,
        c_payment     REAL NOT NULL,
        capped        INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (account_id, date)
    ) WITHOUT ROWID)"));
    // The latest stored score of each account and the one a comparison period before it,
    // cached on the account (refreshed whenever scores are written), so the portfolio table
    // reads 10,000 of them with the accounts instead of 20,000 index seeks.
    db.exec(QStringLiteral("ALTER TABLE accounts ADD COLUMN health_date TEXT"));
    db.exec(QStringLiteral("ALTER TABLE accounts ADD COLUMN health_score REAL"));
    db.exec(QStringLiteral("ALTER TABLE accounts ADD COLUMN health_band TEXT"));
    db.exec(QStringLiteral("ALTER TABLE accounts ADD COLUMN health_confidence REAL"));
    db.exec(QStringLiteral("ALTER TABLE accounts ADD COLUMN health_before REAL"));
}

// Version 6: the account plan (domain.md section 8): strategic priorities with an optional
// success metric, the risk register, actions, plan reviews, and the last "no known risks"
// confirmation on the account. Owners are team members; removing one leaves the item
// unowned rather than removing it.
void upgradeToV6(Database &db)
{
    db.exec(QStringLiteral(R"(CREATE TABLE priorities (
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
    db.exec(QStringLiteral("CREATE INDEX priorities_account ON priorities(account_id, position)"));
    db.exec(QStringLiteral(R"(CREATE TABLE risks (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid        TEXT NOT NULL UNIQUE,
        account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        description TEXT NOT NULL CHECK (length(trim(description)) > 0),
        severity    TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
        likelihood  TEXT NOT NULL CHECK (likelihood IN ('low', 'medium', 'high')),
        mitigation  TEXT NOT NULL DEFAULT '',
        owner_id    INTEGER REFERENCES team_members(id) ON DELETE SET NULL,
        status      TEXT NOT NULL CHECK (status IN ('open', 'mitigating', 'closed')),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    ))"));
    db.exec(QStringLiteral("CREATE INDEX risks_account ON risks(account_id)"));
    db.exec(QStringLiteral("CREATE INDEX risks_owner ON risks(owner_id)"));
    db.exec(QStringLiteral(R"(CREATE TABLE plan_actions (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid       TEXT NOT NULL UNIQUE,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        what       TEXT NOT NULL CHECK (length(trim(what)) > 0),
        owner_id   INTEGER REFERENCES team_members(id) ON DELETE SET NULL,
        due        TEXT,
        status     TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
        done_on    TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    ))"));
    db.exec(QStringLiteral("CREATE INDEX plan_actions_account ON plan_actions(account_id)"));
    db.exec(QStringLiteral("CREATE INDEX plan_actions_owner ON plan_actions(owner_id)"));
    db.exec(QStringLiteral(R"(CREATE TABLE plan_reviews (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        date        TEXT NOT NULL,
        reviewer_id INTEGER REFERENCES team_members(id) ON DELETE SET NULL,
        note        TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL
    ))"));
    db.exec(QStringLiteral("CREATE INDEX plan_reviews_account_date ON plan_reviews(account_id, date)"));
    db.exec(QStringLiteral("CREATE INDEX plan_reviews_reviewer ON plan_reviews(reviewer_id)"));
    // Plan completeness counts active contacts and economic buyers per account for the whole
    // book: a covering index instead of reading every contact row.
    db.exec(QStringLiteral("CREATE INDEX contacts_active_role ON contacts(account_id, role, status) WHERE status = 'active'"));
    db.exec(QStringLiteral("ALTER TABLE accounts ADD COLUMN no_known_risks_on TEXT"));
    // Cached with the other whitespace totals, so the portfolio table's Plan column does not
    // group every whitespace cell on open.
    db.exec(QStringLiteral("ALTER TABLE accounts ADD COLUMN best_assessed_products INTEGER NOT NULL DEFAULT 0"));
    db.exec(QStringLiteral("UPDATE accounts AS a SET best_assessed_products = (SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n "
                           "FROM whitespace_cells c WHERE c.account_id = a.id GROUP BY c.buying_center_id))"));
}

// Version 7: the change history and quarter snapshots. The history (issue: "every change to an account's data recorded").
// Triggers write one row per added or removed item and one per changed field into
// change_log, so every path that writes (edits, undo, redo, imports, other tools) is
// recorded the same way. Cached and bookkeeping columns are left out. history_state lets a
// bulk writer (the demo generator) switch recording off for its own transaction.
struct HistorySpec {
    const char *table;
    const char *entity;
    const char *accountId; // expression over NEW/OLD (use R. as the row placeholder)
    const char *label;     // the item's name, over R.
    std::vector<const char *> fields;
};

QString historyTriggers(const HistorySpec &h)
{
    auto over = [](QString expr, const char *row) { return expr.replace(QStringLiteral("R."), QLatin1String(row) + QLatin1Char('.')); };
    const QString when = QStringLiteral("WHEN (SELECT recording FROM history_state)");
    const QString now = QStringLiteral("strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
    const QString cols = QStringLiteral("INSERT INTO change_log (at, account_id, entity, entity_id, label, action, field, old_value, new_value)");
    QString out;
    out += QStringLiteral("CREATE TRIGGER history_%1_insert AFTER INSERT ON %1 %2 BEGIN %3 VALUES (%4, %5, '%6', NEW.id, %7, 'added', '', NULL, NULL); END;\n")
               .arg(QLatin1String(h.table), when, cols, now, over(QLatin1String(h.accountId), "NEW"), QLatin1String(h.entity),
                    over(QLatin1String(h.label), "NEW"));
    out += QStringLiteral("CREATE TRIGGER history_%1_delete AFTER DELETE ON %1 %2 BEGIN %3 VALUES (%4, %5, '%6', OLD.id, %7, 'removed', '', NULL, NULL); END;\n")
               .arg(QLatin1String(h.table), when, cols, now, over(QLatin1String(h.accountId), "OLD"), QLatin1String(h.entity),
                    over(QLatin1String(h.label), "OLD"));
    QStringList changed;
    for (const char *f : h.fields)
        changed << QStringLiteral("SELECT '%1' AS f, OLD.%1 AS o, NEW.%1 AS n WHERE OLD.%1 IS NOT NEW.%1").arg(QLatin1String(f));
    out += QStringLiteral("CREATE TRIGGER history_%1_update AFTER UPDATE ON %1 %2 BEGIN %3 SELECT %4, %5, '%6', NEW.id, %7, 'changed', f, o, n FROM (%8); END;\n")
               .arg(QLatin1String(h.table), when, cols, now, over(QLatin1String(h.accountId), "NEW"), QLatin1String(h.entity),
                    over(QLatin1String(h.label), "NEW"), changed.join(QStringLiteral(" UNION ALL ")));
    return out;
}

const std::vector<HistorySpec> &historySpecs()
{
    static const std::vector<HistorySpec> specs{
        {"accounts", "account", "R.id", "R.name",
         {"name", "industry", "region", "owner_id", "arr_cents", "renewal_date", "customer_since", "lifecycle", "at_risk", "tier_override",
          "tier_override_reason", "potential_rating", "notes", "referenceable", "no_known_risks_on"}},
        {"contacts", "contact", "R.account_id", "R.name",
         {"name", "title", "email", "department", "buying_center_id", "reports_to_id", "role", "stance", "influence", "status", "departed_on",
          "covered_by_id", "level", "target_level", "notes"}},
        {"activities", "activity", "R.account_id", "R.date || ' ' || R.type", {"date", "type", "summary", "next_step"}},
        {"buying_centers", "buying_center", "R.account_id", "R.name", {"name", "kind", "size"}},
        {"whitespace_cells", "whitespace_cell", "R.account_id",
         "coalesce((SELECT name FROM products WHERE id = R.product_id), '?') || ' in ' || "
         "coalesce((SELECT name FROM buying_centers WHERE id = R.buying_center_id), '?')",
         {"status", "current_arr_cents", "potential_arr_cents", "competitor", "note", "opportunity_id"}},
        {"opportunities", "opportunity", "R.account_id", "R.name", {"name", "type", "amount_cents", "stage", "probability", "close_date", "owner_id"}},
        {"health_inputs", "health_inputs", "R.account_id", "'Health inputs of ' || R.date",
         {"licensed_seats", "active_users", "features_used", "features_offered", "sev1", "sev2", "sev3", "nps", "csat", "sentiment_date",
          "days_late", "manual"}},
        {"priorities", "priority", "R.account_id", "R.text", {"position", "text", "metric", "baseline", "target", "current", "unit"}},
        {"risks", "risk", "R.account_id", "R.description", {"description", "severity", "likelihood", "mitigation", "owner_id", "status"}},
        {"plan_actions", "action", "R.account_id", "R.what", {"what", "owner_id", "due", "status", "done_on"}},
        {"plan_reviews", "review", "R.account_id", "'Review of ' || R.date", {"date", "reviewer_id", "note"}},
        {"plan_snapshots", "snapshot", "R.account_id", "'Snapshot ' || R.label", {"label"}},
    };
    return specs;
}

// Creates a table's history triggers (historyTriggers(): one statement a line).
void createHistoryTriggers(Database &db, const HistorySpec &spec)
{
    for (const QString &statement : historyTriggers(spec).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        db.exec(statement);
}

// Whether `table` has `column` (a file whose version number was set back by hand may have a
// column its version did not).
bool hasColumn(Database &db, const QString &table, const QString &column)
{
    QSqlQuery info(db.connection());
    bool has = false;
    if (info.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table)))
        while (info.next())
            has = has || info.value(1).toString() == column;
    return has;
}

void upgradeToV7(Database &db)
{
    db.exec(QStringLiteral(R"(CREATE TABLE change_log (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        at         TEXT NOT NULL,
        account_id INTEGER NOT NULL,
        entity     TEXT NOT NULL,
        entity_id  INTEGER NOT NULL,
        label      TEXT NOT NULL DEFAULT '',
        action     TEXT NOT NULL CHECK (action IN ('added', 'changed', 'removed')),
        field      TEXT NOT NULL DEFAULT '',
        old_value,
        new_value
    ))"));
    db.exec(QStringLiteral("CREATE INDEX change_log_account ON change_log(account_id, id)"));
    // Quarter snapshots: the whole plan frozen under a label, as JSON sections of display
    // values (domain/snapshot.h), so an old snapshot reads the same whatever changes later.
    db.exec(QStringLiteral(R"(CREATE TABLE plan_snapshots (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        label      TEXT NOT NULL CHECK (length(trim(label)) > 0),
        taken_at   TEXT NOT NULL,
        content    TEXT NOT NULL,
        UNIQUE (account_id, label)
    ))"));
    db.exec(QStringLiteral("CREATE TABLE history_state (recording INTEGER NOT NULL)"));
    db.exec(QStringLiteral("INSERT INTO history_state (recording) VALUES (1)"));
    for (const HistorySpec &h : historySpecs())
        createHistoryTriggers(db, h);
}

// Version 8: value delivered (domain.md section 8), recorded in the history like the rest.
void upgradeToV8(Database &db)
{
    db.exec(QStringLiteral(R"(CREATE TABLE value_delivered (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid         TEXT NOT NULL UNIQUE,
        account_id   INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        metric       TEXT NOT NULL CHECK (length(trim(metric)) > 0),
        baseline     REAL,
        current      REAL,
        unit         TEXT NOT NULL DEFAULT '',
        impact_cents INTEGER NOT NULL DEFAULT 0 CHECK (impact_cents >= 0),
        date         TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL
    ))"));
    db.exec(QStringLiteral("CREATE INDEX value_delivered_account ON value_delivered(account_id, date)"));
    const HistorySpec spec{"value_delivered", "value", "R.account_id", "R.metric", {"metric", "baseline", "current", "unit", "impact_cents", "date"}};
    createHistoryTriggers(db, spec);
}

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

} // namespace

const std::vector<Migration> &keystoneMigrations()
{
    static const std::vector<Migration> migrations{
        {1, QStringLiteral("portfolio, settings, team, accounts"), upgradeToV1},
        {2, QStringLiteral("products, buying centers, whitespace, opportunities"), upgradeToV2},
        {3, QStringLiteral("index over open whitespace"), upgradeToV3},
        {4, QStringLiteral("contacts, influence links, activities"), upgradeToV4},
        {5, QStringLiteral("health inputs, scorecards, health scores"), upgradeToV5},
        {6, QStringLiteral("account plan: priorities, risks, actions, reviews"), upgradeToV6},
        {7, QStringLiteral("change history, plan snapshots"), upgradeToV7},
        {8, QStringLiteral("value delivered"), upgradeToV8},
        {9, QStringLiteral("advocacy, reference requests"), upgradeToV9},
        {10, QStringLiteral("joint success plan, remediation plan"), upgradeToV10},
        {11, QStringLiteral("ARR history, account assignments, signal decisions"), upgradeToV11},
        {12, QStringLiteral("source ids, firmographics, modification times for exchange"), upgradeToV12},
        {13, QStringLiteral("names in Unicode NFC, name keys that match composed and decomposed forms"), upgradeToV13},
        {14, QStringLiteral("team book: server binding, agreed rows, conflicts, who changed what"), upgradeToV14},
        {15, QStringLiteral("actions and milestones shared with the customer or not"), upgradeToV15},
        {16, QStringLiteral("the QBR's written summary per quarter"), upgradeToV16},
    };
    return migrations;
}

} // namespace keystone::storage
