// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QString>

#include <functional>
#include <vector>

namespace keystone::storage {

class Database;

// One numbered, append-only schema step. Each runs in its own transaction together with
// the PRAGMA user_version that records it, so a failure leaves the previous version intact.
struct Migration {
    int version = 0;
    QString name;
    std::function<void(Database &)> apply;
};

// Keystone's migrations, oldest first. Never edit a released one: append a new version.
const std::vector<Migration> &keystoneMigrations();

} // namespace keystone::storage
