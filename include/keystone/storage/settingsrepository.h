// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/portfoliosettings.h"

#include <QString>

#include <optional>

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

    // One row of the settings table by key, for what is not a PortfolioSettings field (the
    // portfolio's uuid, when an exchange source was last taken in, ...).
    std::optional<QString> value(const QString &key);
    void setValue(const QString &key, const QString &value);

    // True when any amount is stored in the file's currency: an account's ARR or company
    // revenue, a product's list price, an opportunity, a whitespace cell, a value delivered,
    // a point of ARR history or the fixed segmentation threshold. One query, stopping at
    // the first amount found.
    bool holdsAmounts();
    // Labels every account with `currency` (for a currency change while no amounts exist).
    void relabelAccounts(const QString &currency);

private:
    Database &m_db;
};

} // namespace keystone::storage
