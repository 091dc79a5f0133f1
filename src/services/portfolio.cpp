// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/portfolio.h"

#include "keystone/domain/money.h"
#include "keystone/services/validationerror.h"
#include "keystone/storage/storageerror.h"
#include "keystone/storage/transaction.h"

namespace keystone::services {

Portfolio::Portfolio(std::unique_ptr<storage::Database> db)
    : m_db(std::move(db))
    , m_accounts(*m_db)
    , m_team(*m_db)
    , m_whitespace(*m_db)
    , m_opportunities(*m_db)
    , m_contacts(*m_db)
    , m_activities(*m_db)
    , m_health(*m_db)
    , m_plan(*m_db)
    , m_history(*m_db)
    , m_arrHistory(*m_db)
    , m_assignments(*m_db)
    , m_signalStates(*m_db)
    , m_bookQueries(*m_db)
    , m_settingsRepo(*m_db)
{
    m_settings = m_settingsRepo.load();
}

Portfolio::~Portfolio() = default;

std::unique_ptr<Portfolio> Portfolio::open(const QString &path, storage::OpenOptions options)
{
    return std::unique_ptr<Portfolio>(new Portfolio(storage::Database::open(path, std::move(options))));
}

std::unique_ptr<Portfolio> Portfolio::openWorker(const storage::Database::WorkerTicket &ticket)
{
    return std::unique_ptr<Portfolio>(new Portfolio(storage::Database::openWorker(ticket)));
}

std::unique_ptr<Portfolio> Portfolio::create(const QString &path, const QString &currency)
{
    domain::PortfolioSettings settings;
    settings.currency = currency.trimmed().toUpper();
    if (!domain::isKnownCurrency(settings.currency))
        throw ValidationError(QStringLiteral("New portfolio"),
                              {{QStringLiteral("currency"), QStringLiteral("'%1' is not an ISO 4217 currency code").arg(currency)}});
    auto db = storage::Database::create(path);
    {
        storage::Transaction tx(*db);
        storage::SettingsRepository(*db).save(settings);
        tx.commit();
    }
    return std::unique_ptr<Portfolio>(new Portfolio(std::move(db)));
}

void Portfolio::reloadSettings()
{
    m_settings = m_settingsRepo.load();
}

void Portfolio::updateSettings(const domain::PortfolioSettings &settings)
{
    const domain::FieldErrors errors = domain::validateSettings(settings);
    if (!errors.isEmpty())
        throw ValidationError(QStringLiteral("Portfolio settings"), errors);
    storage::Transaction tx(*m_db);
    m_settingsRepo.save(settings);
    tx.commit();
    m_settings = settings;
    Q_EMIT settingsChanged();
}

void Portfolio::saveCopyAs(const QString &target)
{
    m_db->copyTo(target);
}

} // namespace keystone::services
