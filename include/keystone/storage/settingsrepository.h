// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/portfoliosettings.h"

namespace keystone::storage {

class Database;

// Portfolio settings as key/value rows of the settings table; keys missing from an older
// file take the defaults of domain::PortfolioSettings.
class SettingsRepository
{
public:
    explicit SettingsRepository(Database &db) : m_db(db) {}

    domain::PortfolioSettings load();
    void save(const domain::PortfolioSettings &settings);

private:
    Database &m_db;
};

} // namespace keystone::storage
