// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/snapshotservice.h"

#include "keystone/domain/money.h"
#include "keystone/domain/healthdisplay.h"
#include "keystone/domain/whitespace.h"
#include "keystone/services/accountoverview.h"
#include "keystone/services/healthservice.h"
#include "keystone/services/planservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/relationshipservice.h"
#include "keystone/services/validationerror.h"
#include "keystone/storage/transaction.h"
#include "keystone/storage/clock.h"

#include <QHash>

namespace keystone::services {

using domain::SnapshotItem;
using domain::SnapshotSection;

namespace {

QString numberText(const std::optional<double> &v)
{
    return v ? QString::number(*v) : QString();
}

QString date(const QDate &d)
{
    return d.isValid() ? d.toString(Qt::ISODate) : QString();
}

} // namespace

domain::PlanSnapshot SnapshotService::build(qint64 accountId, const QString &label, const QDate &today)
{
    const auto row = loadAccountRow(m_portfolio, accountId);
    if (!row)
        throw ValidationError(QStringLiteral("Snapshot"), {{QStringLiteral("account"), QStringLiteral("account %1 does not exist").arg(accountId)}});
    const auto plan = PlanService(m_portfolio).load(accountId, today);
    const AccountHealth health = HealthService(m_portfolio).healthOf(accountId, today);
    const StakeholderMap map = loadStakeholderMap(m_portfolio, accountId, today);
    const domain::WhitespaceTotals ws = domain::whitespaceTotals(m_portfolio.whitespace().cells(accountId));
    QHash<qint64, QString> team;
    for (const domain::TeamMember &m : m_portfolio.team().all())
        team.insert(m.id, m.name);
    const QString currency = row->account.arr.currency;
    const domain::Account &a = row->account;

    domain::PlanSnapshot s;
    s.accountId = accountId;
    s.label = label.trimmed();
    s.takenAt = storage::now();

    SnapshotItem summary{QStringLiteral("account"), a.name, {}};
    auto add = [](SnapshotItem &item, const char *field, const QString &value) { item.fields.emplace_back(QString::fromUtf8(field), value); };
    add(summary, "ARR", domain::formatMoney(a.arr.cents, currency));
    add(summary, "Tier", domain::tierName(row->tier));
    add(summary, "Renewal", date(a.renewalDate));
    add(summary, "Lifecycle phase", domain::lifecycleName(a.phase) + (a.atRisk ? QStringLiteral(", at risk") : QString()));
    add(summary, "Health", health.inputsDate.isValid() ? QStringLiteral("%1 (%2)").arg(domain::formatHealthScore(health.now.score), domain::healthBandName(health.now.band))
                                                       : QStringLiteral("no inputs"));
    add(summary, "Plan completeness", plan ? QStringLiteral("%1%").arg(plan->completeness.percent) : QString());
    add(summary, "Last reviewed", plan && !plan->reviews.empty() ? date(plan->reviews.front().date) : QStringLiteral("never"));
    add(summary, "Open whitespace", domain::formatMoney(ws.openWhitespaceCents, currency));
    add(summary, "Owned ARR (whitespace grid)", domain::formatMoney(ws.ownedArrCents, currency));
    add(summary, "Penetration", QStringLiteral("%1%").arg(ws.penetration() * 100, 0, 'f', 0));
    add(summary, "Weighted pipeline", domain::formatMoney(row->expansion.weightedPipelineCents, currency));

    SnapshotItem mapItem{QStringLiteral("map"), QStringLiteral("Relationship map"), {}};
    int active = 0;
    QStringList buyers, champions;
    for (const domain::Contact &c : map.contacts) {
        if (!c.isActive())
            continue;
        ++active;
        if (c.role == domain::BuyingRole::EconomicBuyer)
            buyers << c.name;
        if (c.role == domain::BuyingRole::Champion || c.stance == domain::Stance::Champion)
            champions << c.name;
    }
    QStringList gaps;
    for (const domain::Gap &g : map.gaps)
        gaps << g.message;
    add(mapItem, "Active contacts", QString::number(active));
    add(mapItem, "Multithreading depth", QString::number(map.depth));
    add(mapItem, "Single-threaded", map.singleThreaded ? QStringLiteral("Yes") : QStringLiteral("No"));
    add(mapItem, "Economic buyer", buyers.isEmpty() ? QStringLiteral("none") : buyers.join(QStringLiteral(", ")));
    add(mapItem, "Champions", champions.isEmpty() ? QStringLiteral("none") : champions.join(QStringLiteral(", ")));
    add(mapItem, "Gaps", gaps.isEmpty() ? QStringLiteral("none") : gaps.join(QStringLiteral("; ")));
    s.sections.push_back({QStringLiteral("Summary"), {summary}});
    s.sections.push_back({QStringLiteral("Relationship map"), {mapItem}});

    SnapshotSection priorities{QStringLiteral("Priorities"), {}};
    SnapshotSection risks{QStringLiteral("Risks"), {}};
    SnapshotSection actions{QStringLiteral("Actions"), {}};
    if (plan) {
        for (const domain::Priority &p : plan->priorities) {
            SnapshotItem i{p.uuid, p.text, {}};
            add(i, "Priority", p.text);
            add(i, "Metric", p.metric);
            add(i, "Baseline", numberText(p.baseline));
            add(i, "Current", numberText(p.current));
            add(i, "Target", numberText(p.target));
            add(i, "Unit", p.unit);
            priorities.items.push_back(std::move(i));
        }
        for (const domain::Risk &r : plan->risks) {
            SnapshotItem i{r.uuid, r.description, {}};
            add(i, "Risk", r.description);
            add(i, "Severity", domain::riskLevelName(r.severity));
            add(i, "Likelihood", domain::riskLevelName(r.likelihood));
            add(i, "Mitigation", r.mitigation);
            add(i, "Owner", team.value(r.ownerId));
            add(i, "Status", domain::riskStatusName(r.status));
            risks.items.push_back(std::move(i));
        }
        for (const domain::PlanAction &x : plan->actions) {
            SnapshotItem i{x.uuid, x.what, {}};
            add(i, "Action", x.what);
            add(i, "Owner", team.value(x.ownerId));
            add(i, "Due", date(x.due));
            add(i, "Status", domain::actionStatusName(x.status));
            actions.items.push_back(std::move(i));
        }
    }
    SnapshotSection values{QStringLiteral("Value delivered"), {}};
    if (plan) {
        for (const domain::ValueDelivered &v : plan->values) {
            SnapshotItem i{v.uuid, v.metric, {}};
            add(i, "Metric", v.metric);
            add(i, "Baseline", numberText(v.baseline));
            add(i, "Current", numberText(v.current));
            add(i, "Unit", v.unit);
            add(i, "Impact", v.impactCents > 0 ? domain::formatMoney(v.impactCents, currency) : QString());
            add(i, "Date", date(v.date));
            values.items.push_back(std::move(i));
        }
    }
    s.sections.push_back(std::move(priorities));
    s.sections.push_back(std::move(risks));
    s.sections.push_back(std::move(actions));
    s.sections.push_back(std::move(values));
    return s;
}

domain::PlanSnapshot SnapshotService::take(qint64 accountId, const QString &label, const QDate &today)
{
    const domain::FieldErrors errors = domain::validateSnapshotLabel(label);
    if (!errors.isEmpty())
        throw ValidationError(QStringLiteral("Snapshot"), errors);
    storage::Transaction tx(m_portfolio.database());
    if (m_portfolio.plan().snapshot(accountId, label))
        throw ValidationError(QStringLiteral("Snapshot"),
                              {{QStringLiteral("label"), QStringLiteral("There is already a snapshot labelled '%1'; choose another label").arg(label.trimmed())}});
    domain::PlanSnapshot s = build(accountId, label, today);
    m_portfolio.plan().insertSnapshot(s);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(accountId);
    return s;
}

std::vector<domain::PlanSnapshot> SnapshotService::list(qint64 accountId)
{
    return m_portfolio.plan().snapshots(accountId);
}

std::optional<domain::PlanSnapshot> SnapshotService::get(qint64 accountId, const QString &label)
{
    return m_portfolio.plan().snapshot(accountId, label);
}

domain::PlanSnapshot SnapshotService::remove(qint64 accountId, const QString &label)
{
    storage::Transaction tx(m_portfolio.database());
    auto s = m_portfolio.plan().snapshot(accountId, label);
    if (!s)
        throw ValidationError(QStringLiteral("Snapshot"), {{QStringLiteral("label"), QStringLiteral("No snapshot labelled '%1'").arg(label)}});
    m_portfolio.plan().removeSnapshot(s->id);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(accountId);
    return *s;
}

void SnapshotService::restore(const domain::PlanSnapshot &snapshot)
{
    storage::Transaction tx(m_portfolio.database());
    domain::PlanSnapshot back = snapshot;
    m_portfolio.plan().insertSnapshot(back);
    tx.commit();
    Q_EMIT m_portfolio.planChanged(snapshot.accountId);
}

} // namespace keystone::services
