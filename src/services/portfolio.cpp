// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/portfolio.h"

#include "keystone/services/outputfile.h"
#include "keystone/storage/backups.h"
#include "keystone/storage/changerecorder.h"

#include "keystone/domain/money.h"
#include "keystone/services/validationerror.h"
#include "keystone/storage/storageerror.h"
#include "keystone/storage/syncrepository.h"
#include "keystone/storage/transaction.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace keystone::services {

namespace {

// What the last sync learned of the signed-in person (SyncStore keeps it in sync_state).
Portfolio::TeamAccess readTeamAccess(storage::Database &db, storage::TeamRepository &team)
{
    Portfolio::TeamAccess access;
    try {
        storage::SyncRepository sync(db);
        if (!sync.state(QStringLiteral("book_uuid")))
            return access;
        access.role = sync.state(QStringLiteral("role")).value_or(QString());
        access.member = sync.state(QStringLiteral("member")).value_or(QString());
        const QString uuid = sync.state(QStringLiteral("member_uuid")).value_or(QString());
        if (!uuid.isEmpty())
            for (const domain::TeamMember &m : team.all())
                if (m.uuid == uuid)
                    access.memberId = m.id;
    } catch (const storage::StorageError &) {
        // A file older than the team book (read-only, not upgraded) has none.
        return {};
    }
    return access;
}

} // namespace

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
    m_access = readTeamAccess(*m_db, m_team);
    // Owners looked up for whyReadOnly() are forgotten whenever accounts may have changed.
    for (auto signal : {&Portfolio::accountsAdded, &Portfolio::accountsUpdated, &Portfolio::accountsRemoved})
        connect(this, signal, this, [this] { m_owners.clear(); });
    connect(this, &Portfolio::bookChanged, this, [this] { m_owners.clear(); });
}

Portfolio::~Portfolio() = default;

void Portfolio::reloadTeamAccess()
{
    TeamAccess now = readTeamAccess(*m_db, m_team);
    if (now == m_access)
        return;
    m_access = std::move(now);
    m_owners.clear();
    Q_EMIT bookChanged();
}

QString Portfolio::whyReadOnly(qint64 accountId)
{
    if (isReadOnly())
        return readOnlyReason();
    if (!m_access.limitsAccounts())
        return {};
    if (m_access.role == QLatin1String("viewer"))
        return tr("%1 is a viewer of the team book: the book can be read here, not changed").arg(m_access.member);
    if (accountId <= 0)
        return {};
    auto owner = m_owners.constFind(accountId);
    if (owner == m_owners.cend()) {
        const auto account = m_accounts.byId(accountId);
        owner = m_owners.insert(accountId, account ? account->ownerId : 0);
    }
    if (m_access.mayChangeOwnedBy(*owner))
        return {};
    const auto ownerMember = *owner > 0 ? m_team.byId(*owner) : std::nullopt;
    return ownerMember ? tr("%1 owns this account, and in the team book %2 changes only the accounts they own")
                             .arg(ownerMember->name, m_access.member)
                       : tr("nobody owns this account, and in the team book %1 changes only the accounts they own").arg(m_access.member);
}

std::unique_ptr<Portfolio> Portfolio::open(const QString &path, storage::OpenOptions options)
{
    return std::unique_ptr<Portfolio>(new Portfolio(storage::Database::open(path, std::move(options))));
}

std::unique_ptr<Portfolio> Portfolio::openWorker(const storage::Database::WorkerTicket &ticket)
{
    return std::unique_ptr<Portfolio>(new Portfolio(storage::Database::openWorker(ticket)));
}

std::unique_ptr<Portfolio> Portfolio::create(const QString &path, const QString &currency, bool currencyChosen)
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
        if (currencyChosen)
            db->exec(QStringLiteral("INSERT OR REPLACE INTO settings (key, value) VALUES ('portfolio.currency_chosen', '1')"));
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
    domain::FieldErrors errors = domain::validateSettings(settings);
    storage::Transaction tx(*m_db);
    if (settings.currency != m_settings.currency && m_settingsRepo.holdsAmounts())
        errors.append({QStringLiteral("currency"), QStringLiteral("the currency cannot change from %1 to %2 while the portfolio holds amounts in %1")
                                                       .arg(m_settings.currency, settings.currency)});
    if (!errors.isEmpty())
        throw ValidationError(QStringLiteral("Portfolio settings"), errors);
    m_settingsRepo.save(settings);
    const bool newCurrency = settings.currency != m_settings.currency;
    if (newCurrency) {
        // Every account is labelled with the portfolio's currency (no amounts to convert).
        m_settingsRepo.relabelAccounts(settings.currency);
        // Named by the user: a JSON file in another currency is refused, not adopted.
        m_settingsRepo.setValue(QStringLiteral("portfolio.currency_chosen"), QStringLiteral("1"));
    }
    tx.commit();
    m_settings = settings;
    Q_EMIT settingsChanged();
    if (newCurrency)
        Q_EMIT bookChanged(); // the accounts' rows carry the currency
}

bool Portfolio::holdsAmounts()
{
    return m_settingsRepo.holdsAmounts();
}

QStringList Portfolio::takeCloseFailures()
{
    return storage::takeCloseFailures();
}

int Portfolio::latestSchemaVersion()
{
    return storage::Database::latestSchemaVersion();
}

RecordedChange Portfolio::record(const std::function<void()> &step)
{
    storage::ChangeRecorder recorder(*m_db);
    step();
    RecordedChange change;
    change.m_bytes = recorder.take().bytes;
    return change;
}

void Portfolio::announceBookChanged(bool teamGrew)
{
    if (teamGrew)
        Q_EMIT teamChanged();
    Q_EMIT healthChanged({});
    Q_EMIT bookChanged();
}

void Portfolio::revert(const RecordedChange &change)
{
    announce(storage::revertChangeset(*m_db, {change.m_bytes}));
}

// The change signals for rows written outside the services' own calls (an undo of a recorded
// change): new and removed accounts first, so views know the rows the rest refer to.
void Portfolio::announce(const storage::ChangeSummary &s)
{
    if (!s.accountsDeleted.isEmpty())
        Q_EMIT accountsRemoved(s.accountsDeleted);
    if (!s.accountsInserted.isEmpty())
        Q_EMIT accountsAdded(s.accountsInserted);
    if (s.touched(QStringLiteral("settings"))) {
        reloadSettings();
        Q_EMIT settingsChanged();
    }
    if (s.touched(QStringLiteral("team_members")))
        Q_EMIT teamChanged();
    if (s.touched(QStringLiteral("products")))
        Q_EMIT catalogChanged();

    auto accountsOf = [&s](std::initializer_list<const char *> tables) {
        QSet<qint64> ids;
        for (const char *t : tables)
            ids.unite(s.accountsByTable.value(QLatin1String(t)));
        for (qint64 gone : s.accountsDeleted)
            ids.remove(gone);
        return ids;
    };
    const QSet<qint64> whitespace = accountsOf({"buying_centers", "whitespace_cells"});
    const QSet<qint64> opportunities = accountsOf({"opportunities"});
    const QSet<qint64> contacts = accountsOf({"contacts", "contact_influences"});
    const QSet<qint64> activities = accountsOf({"contacts", "activities", "activity_contacts", "activity_team"});
    const QSet<qint64> health = accountsOf({"health_inputs", "health_scores"});
    const QSet<qint64> plan = accountsOf({"contacts", "priorities", "risks", "plan_actions", "plan_reviews", "plan_snapshots", "value_delivered",
                                          "advocacy", "reference_requests", "success_plans", "remediation_plans", "objectives", "milestones",
                                          "success_contacts"});
    const QSet<qint64> signalStates = accountsOf({"signal_states"});
    const QSet<qint64> assignments = accountsOf({"account_team"});
    for (qint64 id : whitespace)
        Q_EMIT whitespaceChanged(id);
    for (qint64 id : opportunities)
        Q_EMIT opportunitiesChanged(id);
    for (qint64 id : contacts)
        Q_EMIT contactsChanged(id);
    for (qint64 id : activities)
        Q_EMIT activitiesChanged(id);
    if (s.touched(QStringLiteral("scorecards")))
        Q_EMIT healthChanged({});
    else if (!health.isEmpty())
        Q_EMIT healthChanged(QList<qint64>(health.cbegin(), health.cend()));
    for (qint64 id : plan)
        Q_EMIT planChanged(id);
    for (qint64 id : signalStates)
        Q_EMIT signalDecisionsChanged(id);
    for (qint64 id : assignments)
        Q_EMIT assignmentsChanged(id);

    // The account rows themselves, and those whose cached figures (totals, depth, health,
    // ARR) hang on the rows put back.
    QSet<qint64> updated(s.accountsUpdated.cbegin(), s.accountsUpdated.cend());
    updated.unite(accountsOf({"buying_centers", "whitespace_cells", "opportunities", "contacts", "activities", "activity_contacts", "health_scores",
                              "arr_history"}));
    for (qint64 id : s.accountsInserted)
        updated.remove(id);
    if (!updated.isEmpty())
        Q_EMIT accountsUpdated(QList<qint64>(updated.cbegin(), updated.cend()));
}

QString Portfolio::saveCopyAs(const QString &target)
{
    const QString dest = QFileInfo(target).absoluteFilePath();
    if (dest == QFileInfo(path()).absoluteFilePath())
        throw storage::StorageError(storage::StorageError::Code::AlreadyExists, dest,
                                    QStringLiteral("%1 is this portfolio; choose another name for the copy").arg(dest));
    if (!QFileInfo::exists(dest) && !QFileInfo::exists(dest + QStringLiteral(".lock"))) {
        m_db->copyTo(dest);
        return {};
    }
    const bool portfolio = isPortfolioFile(dest);
    if (!portfolio)
        checkOutputTarget(dest, Replace::Allow); // refuses a folder, or a portfolio's -wal, -shm or lock
    // The verified copy is made beside the target first; what is there is replaced only once
    // the copy is whole.
    const QString incoming = dest + QStringLiteral(".incoming");
    QFile::remove(incoming); // left by an attempt that was cut off
    m_db->copyTo(incoming);
    if (!portfolio) { // an ordinary file the Save dialog asked about
        if (std::rename(QFile::encodeName(incoming).constData(), QFile::encodeName(dest).constData()) != 0) {
            const QString why = QString::fromLocal8Bit(std::strerror(errno));
            QFile::remove(incoming);
            throw storage::StorageError(storage::StorageError::Code::Io, dest, QStringLiteral("Cannot replace %1: %2").arg(dest, why));
        }
        return {};
    }
    // A portfolio is replaced as a backup is restored: refused while it is open anywhere (its
    // lock is held throughout), and the file it replaces is kept whole beside it.
    try {
        const QString kept = storage::restoreBackup(dest, incoming, storage::SetAside::Replaced);
        QFile::remove(incoming);
        return kept;
    } catch (...) {
        QFile::remove(incoming);
        throw;
    }
}

} // namespace keystone::services
