// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/portfoliosettings.h"
#include "keystone/storage/allocator.h"
#include "keystone/storage/accountrepository.h"
#include "keystone/storage/bookrepository.h"
#include "keystone/storage/database.h"
#include "keystone/storage/healthrepository.h"
#include "keystone/storage/historyrepository.h"
#include "keystone/storage/opportunityrepository.h"
#include "keystone/storage/planrepository.h"
#include "keystone/storage/relationshiprepository.h"
#include "keystone/storage/settingsrepository.h"
#include "keystone/storage/teamrepository.h"
#include "keystone/storage/whitespacerepository.h"

#include <QByteArray>
#include <QList>
#include <QHash>
#include <QObject>

#include <functional>
#include <memory>

namespace keystone::storage {
struct ChangeSummary;
}

namespace keystone::services {

// How a portfolio is opened (read-only, inspect only, how much to verify): storage's options.
using storage::OpenOptions;
// Process set-up before the first portfolio opens (see storage/allocator.h).
using storage::tuneAllocatorForSqlite;

// Every row that one user action wrote, as the file itself recorded it (see
// storage::ChangeRecorder): removed rows whole, changed rows' old and new values, added rows.
// Opaque to the app; Portfolio::revert() undoes it exactly.
class RecordedChange
{
public:
    bool isEmpty() const { return m_bytes.isEmpty(); }
    qsizetype size() const { return m_bytes.size(); } // bytes held, for the undo stack's budget

private:
    friend class Portfolio;
    QByteArray m_bytes;
};

// One open portfolio: the database, its repositories, its settings, and the typed change
// events that views listen to. Every write goes through a service that emits one of these
// after its transaction commits, naming exactly the rows that changed.
class Portfolio final : public QObject
{
    Q_OBJECT
public:
    static std::unique_ptr<Portfolio> open(const QString &path, storage::OpenOptions options = {});
    // Creates an empty portfolio. `currencyChosen`: the user named the currency (`new
    // --currency`); a JSON file in another currency is then refused instead of setting it.
    static std::unique_ptr<Portfolio> create(const QString &path, const QString &currency = QStringLiteral("USD"), bool currencyChosen = false);
    ~Portfolio() override;

    // A second Portfolio over the same file for a worker thread: take the ticket on the
    // owner's thread, open and destroy the worker on the worker thread (see
    // Database::openWorker). Its change signals reach nobody; the owner announces the result.
    storage::Database::WorkerTicket workerTicket() const { return m_db->workerTicket(); }
    static std::unique_ptr<Portfolio> openWorker(const storage::Database::WorkerTicket &ticket);

    // Closes that could not complete their file (a full disk; see storage::Database::close),
    // taken once: for the window's message and the CLI's exit code.
    static QStringList takeCloseFailures();
    // The newest file schema this build writes (`check` and `info` say it).
    static int latestSchemaVersion();

    QString path() const { return m_db->path(); }
    bool isReadOnly() const { return m_db->isReadOnly(); }
    QString readOnlyReason() const { return m_db->readOnlyReason(); }

    // The team book's rights of the person who last synced this file (docs/team.md), as that
    // sync learned them from the server: a `viewer` changes nothing, an `am` only the accounts
    // they own and everything under them, a `lead` anything. Empty role: the file is bound to
    // no team book. The server enforces the same rules whatever the app does; the views use
    // this to show read-only what the server would refuse, and say why.
    struct TeamAccess {
        QString member;      // the team member's name
        QString role;        // "lead", "am", "viewer"; empty: no team book
        qint64 memberId = 0; // that member here (team_members.id), 0 when not here
        bool limitsAccounts() const { return role == QLatin1String("am") || role == QLatin1String("viewer"); }
        bool mayChangeOwnedBy(qint64 ownerId) const
        {
            return !limitsAccounts() || (role == QLatin1String("am") && memberId > 0 && ownerId == memberId);
        }
        bool operator==(const TeamAccess &) const = default;
    };
    const TeamAccess &teamAccess() const { return m_access; }
    // Reads the rights again (after a sync, or disconnecting); announces bookChanged() when
    // they changed, so the views enable and disable their editing anew.
    void reloadTeamAccess();
    // Why this account may not be changed here (the file is read-only, or the team book's
    // rights); empty when it may.
    QString whyReadOnly(qint64 accountId);
    bool isReadOnly(qint64 accountId) { return !whyReadOnly(accountId).isEmpty(); }

    // The file's state, for the window's status bar and the CLI: the copy kept before this
    // open migrated the file (empty when none), whether the last writer died without closing
    // it, whether the check that runs after a deferred open is done and what it found.
    QString migrationBackupPath() const { return m_db->migrationBackupPath(); }
    bool openedAfterUncleanShutdown() const { return m_db->openedAfterUncleanShutdown(); }
    bool integrityCheckReady() const { return m_db->integrityCheckReady(); }
    QStringList integrityProblems() { return m_db->integrityProblems(); }
    int schemaVersion() const { return m_db->schemaVersion(); }

    // For services and tests only: the app and the CLI read through services/queries.h
    // (scripts/check-layers refuses these calls there).
    storage::Database &database() { return *m_db; }
    storage::AccountRepository &accounts() { return m_accounts; }
    storage::TeamRepository &team() { return m_team; }
    storage::WhitespaceRepository &whitespace() { return m_whitespace; }
    storage::OpportunityRepository &opportunities() { return m_opportunities; }
    storage::ContactRepository &contacts() { return m_contacts; }
    storage::ActivityRepository &activities() { return m_activities; }
    storage::HealthRepository &health() { return m_health; }
    storage::PlanRepository &plan() { return m_plan; }
    storage::HistoryRepository &history() { return m_history; }
    storage::ArrHistoryRepository &arrHistory() { return m_arrHistory; }
    storage::AssignmentRepository &assignments() { return m_assignments; }
    storage::SignalStateRepository &signalStates() { return m_signalStates; }
    storage::BookQueries &bookQueries() { return m_bookQueries; }

    const domain::PortfolioSettings &settings() const { return m_settings; }
    // Reads the settings again from the file (after an exchange import wrote them).
    void reloadSettings();
    // Validates and stores new settings in one transaction; throws ValidationError.
    // Stores new settings. The currency can change only while the file holds no amounts
    // (holdsAmounts()): a ValidationError on the field "currency" otherwise, as for an
    // unknown code.
    void updateSettings(const domain::PortfolioSettings &settings);
    // True when any amount is stored (see storage::SettingsRepository::holdsAmounts).
    bool holdsAmounts();

    // Writes a consistent, verified copy of the portfolio to `target` (File > Save a Copy As).
    // An existing portfolio there is replaced only when it is not open anywhere (its lock
    // says so), and is kept whole as TARGET.replaced-<timestamp>: that path is returned
    // (empty when nothing was replaced). A folder, a portfolio's -wal, -shm or lock, or this
    // portfolio itself are refused. Throws storage::StorageError, leaving the target as it was.
    QString saveCopyAs(const QString &target);

    // Runs `step` (one service call: one transaction) and returns every row it wrote, however
    // it wrote them: cascades of foreign keys, columns set to NULL, cached totals. Undo of a
    // removal reverts this record, so it brings back everything the removal took or changed.
    // What `step` throws passes through, and nothing is recorded.
    RecordedChange record(const std::function<void()> &step);
    // Undoes a recorded change in one transaction and announces every row it touched through
    // the change signals below. Throws storage::StorageError (nothing written) when the rows
    // are no longer as the change left them.
    void revert(const RecordedChange &change);

    // After a bulk write on a worker (an import or a merge, which may touch every account):
    // tells every view, on the owner's thread, to read what it shows again, through one
    // bookChanged() (and teamChanged() when the team grew, healthChanged({})), instead of
    // one notice per account and kind.
    void announceBookChanged(bool teamChanged);

Q_SIGNALS:
    void accountsAdded(const QList<qint64> &ids);
    void accountsUpdated(const QList<qint64> &ids);
    void accountsRemoved(const QList<qint64> &ids);
    void teamChanged();
    void settingsChanged();
    void catalogChanged();                     // products added, edited or removed
    void whitespaceChanged(qint64 accountId);  // buying centers or cells of one account
    void opportunitiesChanged(qint64 accountId);
    void contactsChanged(qint64 accountId);    // contacts or influence links of one account
    void activitiesChanged(qint64 accountId);  // the activity log (and so last interactions)
    void healthChanged(const QList<qint64> &accountIds); // inputs or stored scores (empty = all)
    void planChanged(qint64 accountId);
    void signalDecisionsChanged(qint64 accountId); // a signal snoozed, dismissed or reactivated
    void assignmentsChanged(qint64 accountId);     // team members assigned besides the owner
    // Any account may have changed in any way (see announceBookChanged): read again.
    void bookChanged();

private:
    explicit Portfolio(std::unique_ptr<storage::Database> db);
    void announce(const storage::ChangeSummary &summary);
    friend class AccountService;
    friend class TeamService;
    friend class WhitespaceService;
    friend class RelationshipService;
    friend class HealthService;
    friend class PlanService;
    friend class ImportService;
    friend class ExchangeService;

    std::unique_ptr<storage::Database> m_db;
    storage::AccountRepository m_accounts;
    storage::TeamRepository m_team;
    storage::WhitespaceRepository m_whitespace;
    storage::OpportunityRepository m_opportunities;
    storage::ContactRepository m_contacts;
    storage::ActivityRepository m_activities;
    storage::HealthRepository m_health;
    storage::PlanRepository m_plan;
    storage::HistoryRepository m_history;
    storage::ArrHistoryRepository m_arrHistory;
    storage::AssignmentRepository m_assignments;
    storage::SignalStateRepository m_signalStates;
    storage::BookQueries m_bookQueries;
    storage::SettingsRepository m_settingsRepo;
    domain::PortfolioSettings m_settings;
    TeamAccess m_access;
    QHash<qint64, qint64> m_owners; // account -> owner, for whyReadOnly(); cleared on every change
};

} // namespace keystone::services
