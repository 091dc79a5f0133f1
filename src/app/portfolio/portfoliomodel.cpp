// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "portfolio/portfoliomodel.h"
#include "widgets/colours.h"

#include "commands/accountcommands.h"
#include "widgets/backgroundtask.h"
#include "keystone/domain/money.h"
#include "keystone/domain/healthdisplay.h"
#include "keystone/domain/relationship.h"
#include "keystone/domain/validation.h"
#include "keystone/services/accountservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/validationerror.h"
#include "keystone/services/errors.h"
#include "keystone/services/queries.h"

#include <QColor>
#include <QUndoStack>

#include <algorithm>

namespace keystone::app {

using domain::Account;
using services::AccountRow;

PortfolioModel::PortfolioModel(services::Portfolio &portfolio, services::AccountService &accounts, QUndoStack *undoStack,
                               QObject *parent)
    : QAbstractTableModel(parent)
    , m_portfolio(portfolio)
    , m_accounts(accounts)
    , m_undo(undoStack)
{
    connect(&portfolio, &services::Portfolio::accountsAdded, this, &PortfolioModel::onAdded);
    connect(&portfolio, &services::Portfolio::accountsUpdated, this, &PortfolioModel::onUpdated);
    connect(&portfolio, &services::Portfolio::bookChanged, this, &PortfolioModel::reload);
    connect(&portfolio, &services::Portfolio::accountsRemoved, this, &PortfolioModel::onRemoved);
    connect(&portfolio, &services::Portfolio::teamChanged, this, &PortfolioModel::reload);
    connect(&portfolio, &services::Portfolio::settingsChanged, this, [this] {
        refreshSegments();
        refreshAllPlans(); // the cadence (plan-refresh days per tier) may have changed
    });
    connect(&portfolio, &services::Portfolio::catalogChanged, this, &PortfolioModel::reload);
    connect(&portfolio, &services::Portfolio::whitespaceChanged, this, [this](qint64 id) {
        onUpdated({id});
        refreshPlan(id);
    });
    connect(&portfolio, &services::Portfolio::opportunitiesChanged, this, [this](qint64 id) { onUpdated({id}); });
    connect(&portfolio, &services::Portfolio::contactsChanged, this, [this](qint64 id) {
        refreshDepth(id);
        refreshPlan(id); // the relationship-map part of completeness
    });
    connect(&portfolio, &services::Portfolio::planChanged, this, &PortfolioModel::refreshPlan);
    connect(&portfolio, &services::Portfolio::activitiesChanged, this, &PortfolioModel::refreshDepth);
    connect(&portfolio, &services::Portfolio::healthChanged, this, &PortfolioModel::refreshHealth);
    reload();
}

QString PortfolioModel::currency() const
{
    return m_portfolio.settings().currency;
}

void PortfolioModel::reload()
{
    beginResetModel();
    m_ownerNames.clear();
    for (const domain::TeamMember &m : services::query::team(m_portfolio))
        m_ownerNames.insert(m.id, m.name);
    services::AccountOverview overview = services::loadAccountOverview(m_portfolio);
    m_rows = std::move(overview.rows);
    m_threshold = overview.thresholdCents;
    m_depth = services::query::relationshipDepth(m_portfolio, m_today.addDays(-domain::kDepthWindowDays));
    m_health = services::HealthService(m_portfolio).currentScores();
    m_search.clear();
    rebuildIndex();
    refreshAllPlans();
    recomputeTotals();
    endResetModel();
}

void PortfolioModel::setToday(const QDate &today)
{
    m_today = today;
    m_depth = services::query::relationshipDepth(m_portfolio, m_today.addDays(-domain::kDepthWindowDays));
    m_health = services::HealthService(m_portfolio).currentScores();
    refreshAllPlans();
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

PortfolioModel::~PortfolioModel()
{
    cancelAndWait(m_planLoad); // it holds its own connection, which must not outlive the portfolio
}

void PortfolioModel::refreshAllPlans()
{
    if (m_planLoading) {
        // One load at a time (each reads the whole book): a request meanwhile starts one
        // more when it ends, however many came.
        m_planLoadPending = true;
        return;
    }
    m_planLoadPending = false;
    QHash<qint64, domain::Tier> tiers;
    tiers.reserve(qsizetype(m_rows.size()));
    for (const AccountRow &r : m_rows)
        tiers.insert(r.account.id, r.tier);
    const int generation = ++m_planGeneration;
    m_planRefreshedMeanwhile.clear();
    m_planTierMovedMeanwhile.clear();
    m_planLoading = true;
    const QDate today = m_today;
    // Takes a finished load in (or, when more was asked for meanwhile, starts the next).
    auto takeIn = [this, generation](QHash<qint64, services::PlanSummary> result, const QString &failure) {
        m_planLoading = false;
        if (!failure.isEmpty())
            Q_EMIT editFailed(tr("Could not count plan completeness: %1").arg(failure));
        if (m_planLoadPending) {
            refreshAllPlans(); // this result is older than what was asked for since
            return;
        }
        if (generation == m_planGeneration) {
            // Accounts refreshed one by one meanwhile keep their newer figures; accounts whose
            // tier moved meanwhile are recounted with the tier they have now.
            for (qint64 id : std::as_const(m_planRefreshedMeanwhile))
                result.insert(id, m_plan.value(id));
            for (qint64 id : std::as_const(m_planTierMovedMeanwhile)) {
                const int row = rowOfId(id);
                const auto found = result.find(id);
                if (row >= 0 && found != result.end())
                    *found = summaryFor(m_rows[size_t(row)], found->facts);
            }
            m_plan = std::move(result);
            m_plansLoaded = true;
            if (!m_rows.empty())
                Q_EMIT dataChanged(index(0, Plan), index(rowCount() - 1, Reviewed));
            Q_EMIT plansLoadedChanged();
        }
    };
    m_planLoad = runOnWorker(
        this, m_portfolio, tasks::Priority::Background,
        [today, tiers](services::Portfolio &worker, TaskProgress &) { return services::PlanService(worker).summaries(today, tiers); },
        [takeIn](QHash<qint64, services::PlanSummary> result) { takeIn(std::move(result), QString()); },
        [takeIn](const QString &failure) { takeIn({}, failure); });
}

services::PlanSummary PortfolioModel::summaryFor(const AccountRow &row, const domain::PlanFacts &facts) const
{
    return services::summarisePlan(facts, m_portfolio.settings().cadence(row.tier).planRefreshDays, m_today);
}

void PortfolioModel::refreshPlan(qint64 accountId)
{
    const int row = rowOfId(accountId);
    if (row < 0)
        return;
    // From the row this model has: its tier is known, the book need not be re-segmented.
    const services::AccountPlan plan = services::PlanService(m_portfolio).load(m_rows[size_t(row)], m_today);
    m_plan.insert(accountId, summaryFor(m_rows[size_t(row)], plan.facts));
    m_planRefreshedMeanwhile.insert(accountId);
    Q_EMIT dataChanged(index(row, Plan), index(row, Reviewed));
}

void PortfolioModel::recountPlans(const std::vector<size_t> &rows)
{
    if (rows.empty())
        return;
    for (size_t i : rows) {
        const AccountRow &r = m_rows[i];
        if (m_planLoading)
            m_planTierMovedMeanwhile.insert(r.account.id);
        const auto it = m_plan.find(r.account.id);
        if (it != m_plan.end())
            *it = summaryFor(r, it->facts);
    }
    const auto [lo, hi] = std::minmax_element(rows.begin(), rows.end());
    Q_EMIT dataChanged(index(int(*lo), Plan), index(int(*hi), Reviewed));
}

void PortfolioModel::refreshHealth()
{
    m_health = services::HealthService(m_portfolio).currentScores();
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, Health), index(rowCount() - 1, Health));
}

void PortfolioModel::refreshDepth(qint64 accountId)
{
    const int row = rowOfId(accountId);
    if (row < 0)
        return;
    const int depth = services::query::relationshipDepthOf(m_portfolio, accountId, m_today.addDays(-domain::kDepthWindowDays));
    if (depth == m_depth.value(accountId))
        return;
    m_depth.insert(accountId, depth);
    Q_EMIT dataChanged(index(row, Threads), index(row, Threads));
}

const QString &PortfolioModel::searchText(int row) const
{
    if (m_search.size() != m_rows.size()) {
        m_search.clear();
        m_search.reserve(m_rows.size());
        for (const AccountRow &r : m_rows)
            m_search.push_back(makeSearchText(r));
    }
    return m_search[size_t(row)];
}

QString PortfolioModel::makeSearchText(const AccountRow &r) const
{
    return QStringList{r.account.name, r.ownerName, r.account.industry, r.account.region}.join(QLatin1Char('\n')).toCaseFolded();
}

void PortfolioModel::rebuildIndex()
{
    m_rowOfId.clear();
    m_rowOfId.reserve(qsizetype(m_rows.size()));
    for (size_t i = 0; i < m_rows.size(); ++i)
        m_rowOfId.insert(m_rows[i].account.id, int(i));
}

void PortfolioModel::recomputeTotals()
{
    qint64 total = 0;
    for (const AccountRow &r : m_rows)
        total += r.account.arr.cents;
    m_totalArr = total;
    Q_EMIT totalsChanged();
}

void PortfolioModel::refreshSegments()
{
    const auto changed = services::resegment(m_rows, m_threshold, m_portfolio.settings().segmentation);
    announceSegments(changed);
    recountPlans(changed); // a tier sets the plan-refresh limit
}

void PortfolioModel::announceSegments(const std::vector<size_t> &changed)
{
    if (changed.empty())
        return;
    // One signal over the span of changed rows: a threshold move can touch thousands.
    const auto [lo, hi] = std::minmax_element(changed.begin(), changed.end());
    Q_EMIT dataChanged(index(int(*lo), Tier), index(int(*hi), Quadrant));
}

int PortfolioModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PortfolioModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PortfolioModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Name: return tr("Account");
        case Owner: return tr("Owner");
        case Tier: return tr("Tier");
        case Quadrant: return tr("Quadrant");
        case Health: return tr("Health");
        case Arr: return tr("ARR");
        case OpenWhitespace: return tr("Open whitespace");
        case WeightedPipeline: return tr("Pipeline (wtd.)");
        case Threads: return tr("Threads");
        case Signals: return tr("Signals");
        case Plan: return tr("Plan");
        case Reviewed: return tr("Reviewed");
        case Renewal: return tr("Renewal");
        case DaysToRenewal: return tr("Days left");
        case Phase: return tr("Lifecycle");
        case Industry: return tr("Industry");
        case Region: return tr("Region");
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole && (section == Arr || section == OpenWhitespace || section == WeightedPipeline || section == DaysToRenewal || section == Threads || section == Signals
                                              || section == Plan || section == Reviewed))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Tier: return tr("Tier in force: set by hand (marked ✎) or suggested by the quadrant");
        case Quadrant: return tr("Value (ARR at or above the threshold) x growth potential");
        case Health: return tr("Health score 0-100 with its band colour and the trend over the comparison period (↑ ↓ →)");
        case DaysToRenewal: return tr("Days to the renewal date; negative when it has passed");
        case OpenWhitespace: return tr("Potential ARR of Whitespace and Competitor cells");
        case WeightedPipeline: return tr("Open opportunities, amount x probability");
        case Signals: return tr("Open signals (risks and expansion hints) of the account: see Signals in the sidebar");
        case Threads: return tr("Multithreading depth: active contacts met in the last 90 days (⚠ single-threaded at 1 or less)");
        case Plan: return tr("Plan completeness: 20% for each of priorities, relationship map, whitespace, risks and actions that meets its bar");
        case Reviewed: return tr("Days since the plan was last marked reviewed (⚠ stale: past the tier's plan-refresh limit)");
        default: return {};
        }
    }
    return {};
}

QVariant PortfolioModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const AccountRow &r = m_rows[size_t(index.row())];
    const Account &a = r.account;
    const int col = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (col) {
        case Name: return a.name;
        case Owner: return r.ownerName.isEmpty() ? tr("Unassigned") : r.ownerName;
        case Tier: return domain::tierName(r.tier) + (a.tierOverride ? QStringLiteral(" ✎") : QString());
        case Quadrant: return domain::quadrantName(r.segment.quadrant);
        case Arr: return domain::formatMoney(a.arr.cents, a.arr.currency);
        case OpenWhitespace:
            return r.expansion.assessedCells > 0 ? domain::formatMoney(r.expansion.openWhitespaceCents, a.arr.currency) : tr("—");
        case WeightedPipeline:
            return r.expansion.weightedPipelineCents > 0 ? domain::formatMoney(r.expansion.weightedPipelineCents, a.arr.currency) : QString();
        case Health: {
            const auto it = m_health.constFind(a.id);
            if (it == m_health.constEnd())
                return tr("—");
            if (it->now.band == domain::HealthBand::InsufficientData)
                return tr("? %1").arg(domain::formatHealthScore(it->now.score));
            QString arrow = QStringLiteral("→");
            if (it->before) {
                const domain::Trend t = domain::trendBetween(domain::Scorecard{}, *it->before, it->now.score);
                arrow = t == domain::Trend::Up ? QStringLiteral("↑") : t == domain::Trend::Down ? QStringLiteral("↓") : arrow;
            }
            return QStringLiteral("%1 %2").arg(domain::formatHealthScore(it->now.score), arrow);
        }
        case Threads: {
            const int depth = m_depth.value(a.id);
            return domain::isSingleThreaded(depth) ? tr("⚠ %1").arg(depth) : QString::number(depth);
        }
        case Signals: {
            const int n = m_signals.value(a.id);
            return n > 0 ? QStringLiteral("● %1").arg(n) : QString();
        }
        case Plan:
            if (!m_plan.contains(a.id))
                return m_plansLoaded ? QString() : tr("…");
            return tr("%1%").arg(m_plan.value(a.id).completeness);
        case Reviewed: {
            const auto it = m_plan.constFind(a.id);
            if (it == m_plan.constEnd())
                return QString();
            if (!it->freshness.days)
                return tr("⚠ never");
            return it->freshness.stale ? tr("⚠ %1 d").arg(*it->freshness.days) : tr("%1 d").arg(*it->freshness.days);
        }
        case Renewal: return a.renewalDate.isValid() ? a.renewalDate.toString(Qt::ISODate) : QString();
        case DaysToRenewal: {
            const auto d = domain::daysToRenewal(a, m_today);
            return d ? QVariant(*d) : QVariant();
        }
        case Phase: return domain::lifecycleName(a.phase) + (a.atRisk ? tr(" · at risk") : QString());
        case Industry: return a.industry;
        case Region: return a.region;
        default: return {};
        }
    case Qt::EditRole:
        switch (col) {
        case Name: return a.name;
        case Owner: return a.ownerId;
        case Arr: return domain::formatMoney(a.arr.cents, a.arr.currency, true);
        case Renewal: return a.renewalDate;
        case Phase: return int(a.phase);
        case Industry: return a.industry;
        case Region: return a.region;
        default: return data(index, Qt::DisplayRole);
        }
    case SortRole:
        switch (col) {
        case Arr: return a.arr.cents;
        case OpenWhitespace: return r.expansion.openWhitespaceCents;
        case WeightedPipeline: return r.expansion.weightedPipelineCents;
        case Threads: return m_depth.value(a.id);
        case Signals: return m_signals.value(a.id);
        case Plan: return m_plan.value(a.id).completeness;
        case Reviewed: {
            const auto days = m_plan.value(a.id).freshness.days;
            return days ? *days : std::numeric_limits<int>::max(); // never reviewed: oldest
        }
        case Health: return m_health.contains(a.id) ? m_health.value(a.id).now.score : -1.0;
        case Tier: return int(r.tier);
        case Quadrant: return int(r.segment.quadrant);
        case Renewal:
        case DaysToRenewal: return a.renewalDate.isValid() ? a.renewalDate.toJulianDay() : std::numeric_limits<qint64>::max();
        case Phase: return int(a.phase);
        default: return data(index, Qt::DisplayRole).toString().toCaseFolded();
        }
    case Qt::BackgroundRole:
        if (col == Health) {
            const auto it = m_health.constFind(a.id);
            if (it == m_health.constEnd())
                return {};
            switch (it->now.band) {
            case domain::HealthBand::Green: return colours::tint(colours::Tint::Green);
            case domain::HealthBand::Yellow: return colours::tint(colours::Tint::Yellow);
            case domain::HealthBand::Red: return colours::tint(colours::Tint::Red);
            case domain::HealthBand::InsufficientData: return colours::tint(colours::Tint::Grey);
            }
        }
        return {};
    case Qt::TextAlignmentRole:
        if (col == Health)
            return QVariant::fromValue(Qt::AlignCenter);
        if (col == Arr || col == OpenWhitespace || col == WeightedPipeline || col == DaysToRenewal || col == Threads || col == Plan
            || col == Reviewed || col == Signals)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (col == Signals)
            return colours::ink(colours::Ink::Warn);
        if (col == DaysToRenewal) {
            const auto d = domain::daysToRenewal(a, m_today);
            if (d && *d < 0)
                return colours::ink(colours::Ink::Warn);
            if (d && *d <= 90)
                return colours::ink(colours::Ink::Caution);
        }
        if ((col == Owner && r.ownerName.isEmpty()) || (col == OpenWhitespace && r.expansion.assessedCells == 0))
            return colours::ink(colours::Ink::Muted);
        if (col == Phase && a.atRisk)
            return colours::ink(colours::Ink::Warn);
        if (col == Threads && domain::isSingleThreaded(m_depth.value(a.id)))
            return colours::ink(colours::Ink::Warn);
        if (col == Reviewed && m_plan.contains(a.id) && m_plan.value(a.id).freshness.stale)
            return colours::ink(colours::Ink::Warn);
        if (col == Plan && m_plan.contains(a.id) && m_plan.value(a.id).completeness <= 40)
            return colours::ink(colours::Ink::Caution);
        return {};
    case Qt::ToolTipRole:
        if (col == Tier) {
            if (a.tierOverride)
                return tr("Set by hand (suggested: %1). Reason: %2").arg(domain::tierName(r.segment.suggestedTier), a.tierOverrideReason);
            return tr("Suggested by the %1 quadrant").arg(domain::quadrantName(r.segment.quadrant));
        }
        if (col == Name && !a.notes.isEmpty())
            return a.notes;
        if (col == OpenWhitespace && r.expansion.assessedCells == 0)
            return tr("Whitespace not assessed yet");
        if (col == Health && m_health.contains(a.id)) {
            const auto c = m_health.value(a.id);
            return tr("%1, score %2 on %3 (confidence %4%)%5")
                .arg(domain::healthBandName(c.now.band))
                .arg(domain::formatHealthScore(c.now.score), c.now.date.toString(Qt::ISODate))
                .arg(c.now.confidence * 100, 0, 'f', 0)
                .arg(c.before ? tr("; %1 a comparison period earlier").arg(domain::formatHealthScore(*c.before)) : QString());
        }
        if (col == Plan && m_plan.contains(a.id)) {
            const services::PlanSummary p = m_plan.value(a.id);
            return tr("Plan %1% complete%2. Open the account's Plan tab for what is missing.")
                .arg(p.completeness)
                .arg(p.overdueActions > 0 ? tr("; %1 overdue action(s)").arg(p.overdueActions) : QString());
        }
        if (col == Reviewed && m_plan.contains(a.id)) {
            const domain::PlanFreshness f = m_plan.value(a.id).freshness;
            const int limit = m_portfolio.settings().cadence(r.tier).planRefreshDays;
            return f.days ? tr("Last reviewed %1 days ago; %2 plans are reviewed at least every %3 days%4")
                                .arg(*f.days).arg(domain::tierName(r.tier)).arg(limit).arg(f.stale ? tr(": stale") : QString())
                          : tr("Never reviewed; %1 plans are reviewed at least every %2 days").arg(domain::tierName(r.tier)).arg(limit);
        }
        if (col == Threads)
            return tr("Multithreading depth: %1 active contact(s) met in the last %2 days%3")
                .arg(m_depth.value(a.id))
                .arg(domain::kDepthWindowDays)
                .arg(domain::isSingleThreaded(m_depth.value(a.id)) ? tr(". Single-threaded: the relationship rests on one person or none.")
                                                                   : QString());
        return {};
    case AccountIdRole: return a.id;
    case TierRole: return int(r.tier);
    case OwnerIdRole: return a.ownerId;
    case OverriddenRole: return a.tierOverride.has_value();
    default: return {};
    }
}

Qt::ItemFlags PortfolioModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (!index.isValid() || m_portfolio.isReadOnly())
        return f;
    // In a team book, what the signed-in person may not change (another's account for an
    // am, anything for a viewer) is not offered for editing.
    if (!m_portfolio.teamAccess().mayChangeOwnedBy(m_rows[size_t(index.row())].account.ownerId))
        return f;
    switch (index.column()) {
    case Name:
    case Owner:
    case Arr:
    case Renewal:
    case Phase:
    case Industry:
    case Region:
        return f | Qt::ItemIsEditable;
    default:
        return f; // tier needs a reason (detail form); quadrant and days are computed
    }
}

bool PortfolioModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
        return false;
    const Account before = m_rows[size_t(index.row())].account;
    Account after = before;
    QString what;
    switch (index.column()) {
    case Name:
        after.name = value.toString().simplified();
        what = tr("Rename '%1' to '%2'").arg(before.name, after.name);
        break;
    case Owner:
        after.ownerId = value.toLongLong();
        what = tr("Change owner of '%1'").arg(before.name);
        break;
    case Arr: {
        const auto cents = domain::parseMoney(value.toString(), before.arr.currency);
        if (!cents) {
            Q_EMIT editFailed(tr("Account '%1': ARR: '%2' is not an amount (try 125000, 125,000.50 or 1.2M)")
                                  .arg(before.name, value.toString()));
            return false;
        }
        after.arr.cents = *cents;
        what = tr("Change ARR of '%1'").arg(before.name);
        break;
    }
    case Renewal:
        after.renewalDate = value.toDate();
        what = tr("Change renewal date of '%1'").arg(before.name);
        break;
    case Phase:
        after.phase = domain::LifecyclePhase(value.toInt());
        what = tr("Change lifecycle of '%1'").arg(before.name);
        break;
    case Industry:
        after.industry = value.toString().simplified();
        what = tr("Change industry of '%1'").arg(before.name);
        break;
    case Region:
        after.region = value.toString().simplified();
        what = tr("Change region of '%1'").arg(before.name);
        break;
    default:
        return false;
    }
    if (after == before)
        return false;
    return applyEdit(before, after, what);
}

bool PortfolioModel::applyEdit(const Account &before, const Account &after, const QString &what)
{
    const CommandErrorHandler report = [this](const QString &message) { Q_EMIT editFailed(message); };
    return reportFailures(report, [&] {
        const domain::Account stored = m_accounts.update(after);
        if (m_undo)
            m_undo->push(makeEditAccountCommand(m_accounts, before, stored, what, report));
    });
}

void PortfolioModel::onAdded(const QList<qint64> &ids)
{
    std::vector<domain::ExpansionTotals> totals;
    std::vector<Account> added = services::query::accountsById(m_portfolio, ids, &totals);
    if (added.empty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(added.size()) - 1);
    for (size_t i = 0; i < added.size(); ++i) {
        const Account &a = added[i];
        AccountRow row = services::makeRow(a, m_ownerNames, totals[i]);
        if (!m_search.empty())
            m_search.push_back(makeSearchText(row));
        m_rowOfId.insert(row.account.id, int(m_rows.size()));
        m_rows.push_back(std::move(row));
    }
    // New rows need a segment before anyone paints them; older rows whose segment moved
    // with the threshold are announced after the insert.
    std::vector<size_t> changed = services::resegment(m_rows, m_threshold, m_portfolio.settings().segmentation);
    endInsertRows();
    std::erase_if(changed, [first](size_t i) { return int(i) >= first; });
    announceSegments(changed);
    recountPlans(changed);
    recomputeTotals();
}

void PortfolioModel::onUpdated(const QList<qint64> &ids)
{
    std::vector<domain::ExpansionTotals> totals;
    std::vector<Account> updated = services::query::accountsById(m_portfolio, ids, &totals);
    for (size_t i = 0; i < updated.size(); ++i) {
        Account &a = updated[i];
        const int row = rowOfId(a.id);
        if (row < 0)
            continue;
        AccountRow &r = m_rows[size_t(row)];
        r.expansion = totals[i];
        r.account = std::move(a);
        r.ownerName = m_ownerNames.value(r.account.ownerId);
        if (!m_search.empty())
            m_search[size_t(row)] = makeSearchText(r);
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    refreshSegments();
    recomputeTotals();
}

void PortfolioModel::onRemoved(const QList<qint64> &ids)
{
    std::vector<int> rows;
    for (qint64 id : ids) {
        const int row = rowOfId(id);
        if (row >= 0)
            rows.push_back(row);
    }
    if (rows.empty())
        return;
    std::sort(rows.begin(), rows.end(), std::greater<>());
    // Remove contiguous runs from the bottom up, one signal pair per run.
    size_t i = 0;
    while (i < rows.size()) {
        int hi = rows[i];
        int lo = hi;
        while (i + 1 < rows.size() && rows[i + 1] == lo - 1) {
            ++i;
            --lo;
        }
        beginRemoveRows({}, lo, hi);
        m_rows.erase(m_rows.begin() + lo, m_rows.begin() + hi + 1);
        if (!m_search.empty())
            m_search.erase(m_search.begin() + lo, m_search.begin() + hi + 1);
        endRemoveRows();
        ++i;
    }
    rebuildIndex();
    refreshSegments();
    recomputeTotals();
}

void PortfolioModel::setSignalCounts(QHash<qint64, int> counts)
{
    // Only the span of rows whose count moved: after an edit that is one account, and a
    // signal over the whole column would have the proxy filter and sort every row again.
    int lo = -1, hi = -1;
    const auto note = [&](qint64 id) {
        const int row = rowOfId(id);
        if (row < 0)
            return;
        lo = lo < 0 ? row : std::min(lo, row);
        hi = std::max(hi, row);
    };
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        if (m_signals.value(it.key()) != it.value())
            note(it.key());
    for (auto it = m_signals.cbegin(); it != m_signals.cend(); ++it)
        if (!counts.contains(it.key()))
            note(it.key());
    m_signals = std::move(counts);
    if (lo >= 0)
        Q_EMIT dataChanged(index(lo, Signals), index(hi, Signals), {Qt::DisplayRole, SortRole});
}

} // namespace keystone::app
