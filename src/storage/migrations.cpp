// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/storage/database.h"
#include "keystone/storage/migration.h"

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

} // namespace

const std::vector<Migration> &keystoneMigrations()
{
    static const std::vector<Migration> migrations{
        {1, QStringLiteral("portfolio, settings, team, accounts"), upgradeToV1},
    };
    return migrations;
}

} // namespace keystone::storage
