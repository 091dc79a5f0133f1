// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/services/accountoverview.h"
#include "keystone/services/clock.h"
#include "keystone/services/healthservice.h"
#include "keystone/services/planservice.h"
#include "keystone/tasks/taskrunner.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QHash>
#include <QSet>

#include <functional>
#include <memory>
#include <vector>

class QUndoStack;

namespace keystone::services {
class Portfolio;
class AccountService;
} // namespace keystone::services

namespace keystone::app {

// The portfolio table: one row per account. Loads every row in two queries, then follows
// the portfolio's change events row by row. Edits never write here: setData() runs the
// service and pushes an undo command, and the change event updates the row.
class PortfolioModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Name, Owner, Tier, Quadrant, Health, Signals, Plan, Reviewed, Arr, OpenWhitespace, WeightedPipeline, Threads, Renewal, DaysToRenewal, Phase,
        Industry, Region,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, // raw value for sorting (qint64 cents, int days, ...)
        AccountIdRole,
        TierRole,       // int 1..3, tier in force
        OwnerIdRole,
        OverriddenRole, // bool: tier set by hand
    };

    PortfolioModel(services::Portfolio &portfolio, services::AccountService &accounts, QUndoStack *undoStack,
                   QObject *parent = nullptr);
    ~PortfolioModel() override;

    // Reloads every row from the file (after opening, or when the team changes).
    void reload();
    void setToday(const QDate &today);
    QDate today() const { return m_today; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    const services::AccountRow &rowAt(int row) const { return m_rows[size_t(row)]; }
    int rowOfId(qint64 id) const { return m_rowOfId.value(id, -1); }
    // Case-folded "name owner industry region" of a row, for the text filter. Built for the
    // whole book on the first call (the first keystroke), not while opening the file.
    const QString &searchText(int row) const;
    qint64 totalArrCents() const { return m_totalArr; }
    qint64 thresholdCents() const { return m_threshold; }
    QString currency() const;
    // Plan completeness and freshness of the whole book are counted on a worker connection
    // after a (re)load, so opening does not wait for them; the two columns fill in when done.
    bool plansLoaded() const { return m_plansLoaded; }
    // Replaces one account's fields through the service and an undo command; returns false
    // and emits editFailed with the reason when the service refuses.
    bool applyEdit(const domain::Account &before, const domain::Account &after, const QString &what);
    // Open signals per account (the Signals column), from the book the team-lead views load.
    void setSignalCounts(QHash<qint64, int> counts);
    int signalCount(qint64 accountId) const { return m_signals.value(accountId); }

Q_SIGNALS:
    void totalsChanged();
    void editFailed(const QString &message);
    void plansLoadedChanged();

private:
    void onAdded(const QList<qint64> &ids);
    void onUpdated(const QList<qint64> &ids);
    void onRemoved(const QList<qint64> &ids);
    void refreshSegments();
    void refreshDepth(qint64 accountId);
    void refreshPlan(qint64 accountId);
    void refreshAllPlans();
    // Completeness and freshness of these rows again from the facts already read, after
    // their tier (and so their plan-refresh limit) moved.
    void recountPlans(const std::vector<size_t> &rows);
    services::PlanSummary summaryFor(const services::AccountRow &row, const domain::PlanFacts &facts) const;
    void refreshHealth();
    void announceSegments(const std::vector<size_t> &changedRows);
    void rebuildIndex();
    void recomputeTotals();
    QString makeSearchText(const services::AccountRow &row) const;

    services::Portfolio &m_portfolio;
    services::AccountService &m_accounts;
    QUndoStack *m_undo;
    std::vector<services::AccountRow> m_rows;
    mutable std::vector<QString> m_search; // empty until the first searchText() call
    QHash<qint64, int> m_rowOfId;
    QHash<qint64, QString> m_ownerNames;
    qint64 m_totalArr = 0;
    qint64 m_threshold = 0;
    QDate m_today = services::today();
    QHash<qint64, int> m_depth; // multithreading depth per account (absent = 0)
    services::HealthService::CurrentScores m_health; // stored scores now and a trend period ago
    QHash<qint64, services::PlanSummary> m_plan;     // completeness, freshness, overdue actions
    QHash<qint64, int> m_signals;
    bool m_plansLoaded = false;
    int m_planGeneration = 0;            // the newest background load; older results are dropped
    QSet<qint64> m_planRefreshedMeanwhile; // single-account refreshes during a background load
    QSet<qint64> m_planTierMovedMeanwhile; // accounts whose tier moved during a background load
    bool m_planLoadPending = false;        // asked for during a load: one more when it ends
    bool m_planLoading = false;            // from the start of a load until it is taken in
    tasks::Task m_planLoad;
};

} // namespace keystone::app
