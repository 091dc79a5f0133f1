// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "account/whitespace/opportunitiesmodel.h"
#include "widgets/colours.h"

#include "commands/whitespacecommands.h"

#include "keystone/domain/money.h"
#include "keystone/services/clock.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/whitespaceservice.h"
#include "keystone/services/queries.h"

#include <QColor>
#include <QUndoStack>

namespace keystone::app {

using domain::Opportunity;

OpportunitiesModel::OpportunitiesModel(services::Portfolio &portfolio, services::WhitespaceService &service, QUndoStack *undo,
                                       CommandErrorHandler onError, QObject *parent)
    : QAbstractTableModel(parent)
    , m_portfolio(portfolio)
    , m_service(service)
    , m_undo(undo)
    , m_onError(std::move(onError))
{
    connect(&portfolio, &services::Portfolio::opportunitiesChanged, this, [this](qint64 id) {
        if (id == m_accountId)
            reload();
    });
    connect(&portfolio, &services::Portfolio::teamChanged, this, &OpportunitiesModel::reload);
    connect(&portfolio, &services::Portfolio::bookChanged, this, &OpportunitiesModel::reload);
}

void OpportunitiesModel::setAccount(qint64 accountId)
{
    m_accountId = accountId;
    reload();
}

void OpportunitiesModel::reload()
{
    beginResetModel();
    m_owners.clear();
    m_rows.clear();
    try {
        for (const auto &m : services::query::team(m_portfolio))
            m_owners.insert(m.id, m.name);
        if (m_accountId > 0)
            m_rows = services::query::opportunities(m_portfolio, m_accountId);
    } catch (const services::StorageError &e) {
        m_rows.clear(); // see WhitespaceModel::reload
        if (m_onError)
            m_onError(e.message());
    }
    m_totals = domain::pipelineTotals(m_rows);
    endResetModel();
    Q_EMIT totalsChanged();
}

int OpportunitiesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int OpportunitiesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OpportunitiesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Opportunity");
    case Type: return tr("Type");
    case Stage: return tr("Stage");
    case Amount: return tr("Amount");
    case Probability: return tr("Probability");
    case Weighted: return tr("Weighted");
    case CloseDate: return tr("Close date");
    case Owner: return tr("Owner");
    default: return {};
    }
}

QVariant OpportunitiesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Opportunity &o = m_rows[size_t(index.row())];
    const QString currency = m_portfolio.settings().currency;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name: return o.cellId > 0 ? o.name + QStringLiteral("  ◆") : o.name;
        case Type: return domain::opportunityTypeName(o.type);
        case Stage: return domain::stageName(o.stage);
        case Amount: return domain::formatMoney(o.amountCents, currency);
        case Probability: return QStringLiteral("%1%").arg(o.probability);
        case Weighted: return domain::formatMoney(domain::weightedCents(o), currency);
        case CloseDate: return o.closeDate.isValid() ? o.closeDate.toString(Qt::ISODate) : QString();
        case Owner: return m_owners.value(o.ownerId, tr("Unassigned"));
        default: return {};
        }
    case Qt::EditRole:
        switch (index.column()) {
        case Stage: return int(o.stage);
        case Amount: return domain::formatMoney(o.amountCents, currency, true);
        case Probability: return o.probability;
        case CloseDate: return o.closeDate.isValid() ? o.closeDate : services::today();
        default: return data(index, Qt::DisplayRole);
        }
    case SortRole:
        switch (index.column()) {
        case Stage: return int(o.stage);
        case Amount: return o.amountCents;
        case Probability: return o.probability;
        case Weighted: return domain::weightedCents(o);
        case CloseDate: return o.closeDate.isValid() ? o.closeDate.toJulianDay() : std::numeric_limits<qint64>::max();
        default: return data(index, Qt::DisplayRole).toString().toCaseFolded();
        }
    case Qt::TextAlignmentRole:
        if (index.column() == Amount || index.column() == Probability || index.column() == Weighted)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (!domain::isOpen(o.stage))
            return colours::ink(colours::Ink::Muted);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Name && o.cellId > 0)
            return tr("Created from a whitespace cell (◆)");
        return {};
    case OpportunityIdRole: return o.id;
    default: return {};
    }
}

Qt::ItemFlags OpportunitiesModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (!index.isValid() || m_portfolio.isReadOnly(m_accountId))
        return f;
    switch (index.column()) {
    case Stage:
    case Amount:
    case Probability:
    case CloseDate:
        return f | Qt::ItemIsEditable;
    default:
        return f;
    }
}

bool OpportunitiesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
        return false;
    const Opportunity before = m_rows[size_t(index.row())];
    Opportunity after = before;
    QString what;
    switch (index.column()) {
    case Stage:
        after.stage = domain::Stage(value.toInt());
        what = tr("Move '%1' to %2").arg(before.name, domain::stageName(after.stage));
        break;
    case Amount: {
        const auto cents = domain::parseMoney(value.toString(), m_portfolio.settings().currency);
        if (!cents || *cents < 0) {
            if (m_onError)
                m_onError(tr("Opportunity '%1': amount: '%2' is not an amount").arg(before.name, value.toString()));
            return false;
        }
        after.amountCents = *cents;
        what = tr("Change amount of '%1'").arg(before.name);
        break;
    }
    case Probability:
        after.probability = value.toInt();
        what = tr("Change probability of '%1'").arg(before.name);
        break;
    case CloseDate:
        after.closeDate = value.toDate();
        what = tr("Change close date of '%1'").arg(before.name);
        break;
    default:
        return false;
    }
    if (after == before)
        return false;
    return reportFailures(m_onError, [&] {
        const Opportunity stored = m_service.updateOpportunity(after);
        if (m_undo)
            m_undo->push(makeEditOpportunityCommand(m_service, before, stored, what, m_onError));
    });
}

} // namespace keystone::app
