// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/services/relationshipservice.h"

#include <QAbstractTableModel>

namespace keystone::app {

// The contacts of one account as a sortable table (the map's table view). Read-only: edits
// go through the contact form.
class ContactsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Title, Role, Stance, Influence, Status, ReportsTo, BuyingCenter, CoveredBy, Level, Want, LastInteraction, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, ContactIdRole };

    using QAbstractTableModel::QAbstractTableModel;
    void setMap(const services::StakeholderMap *map); // not owned; call again after the map changes
    const domain::Contact &at(int row) const { return m_map->contacts[size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const services::StakeholderMap *m_map = nullptr;
    QHash<qint64, QString> m_names;
};

} // namespace keystone::app
