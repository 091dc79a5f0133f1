// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/teammember.h"

#include <optional>
#include <vector>

namespace keystone::storage {

class Database;

// Our own team members in one portfolio file.
class TeamRepository
{
public:
    explicit TeamRepository(Database &db) : m_db(db) {}

    std::vector<domain::TeamMember> all(); // ordered by name
    std::optional<domain::TeamMember> byId(qint64 id);
    std::optional<domain::TeamMember> byName(const QString &name); // case-insensitive
    void insert(domain::TeamMember &member); // assigns id and uuid
    void update(const domain::TeamMember &member);
    void remove(qint64 id); // their accounts become unassigned
    qint64 count();

private:
    Database &m_db;
};

} // namespace keystone::storage
