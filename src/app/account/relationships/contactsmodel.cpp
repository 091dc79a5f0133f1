// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "account/relationships/contactsmodel.h"
#include "widgets/colours.h"

#include <QColor>

namespace keystone::app {

void ContactsModel::setMap(const services::StakeholderMap *map)
{
    beginResetModel();
    m_map = map;
    m_names.clear();
    if (m_map)
        for (const domain::Contact &c : m_map->contacts)
            m_names.insert(c.id, c.name);
    endResetModel();
}

int ContactsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_map ? 0 : int(m_map->contacts.size());
}

int ContactsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ContactsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_map || index.row() >= rowCount())
        return {};
    const domain::Contact &c = at(index.row());
    const int days = m_map->daysSinceInteraction(c.id);
    if (role == ContactIdRole)
        return c.id;
    if (role == SortRole) {
        switch (Column(index.column())) {
        case Role: return int(c.role);
        case Stance: return int(c.stance);
        case Influence: return int(c.influence);
        case Level: return int(c.level);
        case Want: return int(c.targetLevel);
        case LastInteraction: return days < 0 ? std::numeric_limits<int>::max() : days;
        default: return data(index, Qt::DisplayRole).toString().toCaseFolded();
        }
    }
    if (role == Qt::ForegroundRole) {
        if (!c.isActive())
            return colours::ink(colours::Ink::Muted);
        if (index.column() == CoveredBy && c.coveredById == 0)
            return colours::ink(colours::Ink::Warn);
        if (index.column() == LastInteraction && (days < 0 || days > domain::kDepthWindowDays))
            return colours::ink(colours::Ink::Warn);
        if (index.column() == Level && c.level < c.targetLevel)
            return colours::ink(colours::Ink::Caution);
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Name: return c.name;
    case Title: return c.title;
    case Role: return domain::buyingRoleName(c.role);
    case Stance: return domain::stanceName(c.stance);
    case Influence: return domain::influenceName(c.influence);
    case Status:
        return c.isActive() ? tr("Active")
                            : (c.departedOn.isValid() ? tr("Departed %1").arg(c.departedOn.toString(Qt::ISODate)) : tr("Departed"));
    case ReportsTo: return m_names.value(c.reportsToId);
    case BuyingCenter: return m_map->buyingCenterNames.value(c.buyingCenterId);
    case CoveredBy: return c.coveredById > 0 ? m_map->teamNames.value(c.coveredById) : tr("Uncovered");
    case Level: return domain::relationshipLevelName(c.level);
    case Want: return domain::relationshipLevelName(c.targetLevel);
    case LastInteraction:
        return days < 0 ? tr("never") : tr("%1 (%2 d)").arg(m_map->lastInteraction.value(c.id).toString(Qt::ISODate)).arg(days);
    case ColumnCount: break;
    }
    return {};
}

QVariant ContactsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const names[] = {"Name", "Title", "Buying role", "Stance", "Influence", "Status", "Reports to", "Buying center",
                                        "Covered by", "Our level", "Level wanted", "Last interaction"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace keystone::app
