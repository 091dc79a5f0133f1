// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/teammember.h"

#include <QList>

namespace keystone::services {

class Portfolio;

// Use cases on our own team; one transaction each.
class TeamService
{
public:
    explicit TeamService(Portfolio &portfolio) : m_portfolio(portfolio) {}

    // What removing a member took with it, so undo can put it back exactly.
    struct Removed {
        domain::TeamMember member;
        QList<qint64> ownedAccountIds; // unassigned by the removal
    };

    domain::TeamMember create(domain::TeamMember draft); // unique name, validated
    void update(const domain::TeamMember &member);
    Removed remove(qint64 id); // their accounts become unassigned
    // Puts a removed member back with the same id and re-assigns the accounts they owned
    // that are still unassigned.
    void restore(const Removed &removed);

private:
    Portfolio &m_portfolio;
};

} // namespace keystone::services
