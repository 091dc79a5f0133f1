// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/teammember.h"

namespace keystone::services {

class Portfolio;

// Use cases on our own team; one transaction each.
class TeamService
{
public:
    explicit TeamService(Portfolio &portfolio) : m_portfolio(portfolio) {}

    domain::TeamMember create(domain::TeamMember draft); // unique name, validated
    void update(const domain::TeamMember &member);
    void remove(qint64 id); // their accounts become unassigned

private:
    Portfolio &m_portfolio;
};

} // namespace keystone::services
