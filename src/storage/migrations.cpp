// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/storage/database.h"
#include "keystone/storage/migration.h"

#include "migrationsupport.h"

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
    for (const migrationsupport::HistorySpec &h : migrationsupport::historySpecs())
        migrationsupport::createHistoryTriggers(db, h);
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
    const migrationsupport::HistorySpec spec{"value_delivered", "value", "R.account_id", "R.metric", {"metric", "baseline", "current", "unit", "impact_cents", "date"}};
    migrationsupport::createHistoryTriggers(db, spec);
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
        {9, QStringLiteral("advocacy, reference requests"), migrationsupport::upgradeToV9},
        {10, QStringLiteral("joint success plan, remediation plan"), migrationsupport::upgradeToV10},
        {11, QStringLiteral("ARR history, account assignments, signal decisions"), migrationsupport::upgradeToV11},
        {12, QStringLiteral("source ids, firmographics, modification times for exchange"), migrationsupport::upgradeToV12},
        {13, QStringLiteral("names in Unicode NFC, name keys that match composed and decomposed forms"), migrationsupport::upgradeToV13},
        {14, QStringLiteral("team book: server binding, agreed rows, conflicts, who changed what"), migrationsupport::upgradeToV14},
        {15, QStringLiteral("actions and milestones shared with the customer or not"), migrationsupport::upgradeToV15},
        {16, QStringLiteral("the QBR's written summary per quarter"), migrationsupport::upgradeToV16},
        {17, QStringLiteral("history triggers run only for the fields they record"), migrationsupport::upgradeToV17},
    };
    return migrations;
}

} // namespace keystone::storage
