// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once
// Internal to the storage library: what the schema's migrations share. The versions live in
// two files (migrations.cpp: versions 1 to 8 and the list of all; latermigrations.cpp:
// versions 9 and later), and both create history triggers and ask about columns.

#include <QString>

#include <vector>

namespace keystone::storage {

class Database;

namespace migrationsupport {

// One table's history triggers (change_log): the table, the entity name the history shows,
// the account the row belongs to and its label (SQL over R., the row), and the fields whose
// changes are recorded.
struct HistorySpec {
    const char *table;
    const char *entity;
    const char *accountId; // expression over NEW/OLD (use R. as the row placeholder)
    const char *label;     // the item's name, over R.
    std::vector<const char *> fields;
};

// The recorded fields of `h` as an UPDATE OF list ("name, industry").
QString updatedFields(const HistorySpec &h);
// The CREATE TRIGGER statements for `h`, one a line.
QString historyTriggers(const HistorySpec &h);
// The tables version 7 recorded from the start.
const std::vector<HistorySpec> &historySpecs();
// Creates a table's history triggers.
void createHistoryTriggers(Database &db, const HistorySpec &spec);
// Whether `table` has `column` (a file whose version number was set back by hand may have a
// column its version did not).
bool hasColumn(Database &db, const QString &table, const QString &column);

// Versions 9 and later (latermigrations.cpp).
void upgradeToV9(Database &db);
void upgradeToV10(Database &db);
void upgradeToV11(Database &db);
void upgradeToV12(Database &db);
void upgradeToV13(Database &db);
void upgradeToV14(Database &db);
void upgradeToV15(Database &db);
void upgradeToV16(Database &db);
void upgradeToV17(Database &db);

} // namespace migrationsupport
} // namespace keystone::storage
