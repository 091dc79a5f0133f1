// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "commands/commandsupport.h"
#include "widgets/lazypage.h"

#include "keystone/services/relationshipservice.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QUndoStack;

namespace keystone::services {
class Portfolio;
}

namespace keystone::app {

// One account's activity log, newest first.
class ActivitiesModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Date, Type, Contacts, Team, Summary, NextStep, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, ActivityIdRole, ContactIdsRole, TypeRole };

    using QAbstractTableModel::QAbstractTableModel;
    void setActivities(std::vector<domain::Activity> activities, QHash<qint64, QString> contactNames, QHash<qint64, QString> teamNames);
    const domain::Activity &at(int row) const { return m_rows[size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString names(const std::vector<qint64> &ids, const QHash<qint64, QString> &from) const;
    std::vector<domain::Activity> m_rows;
    QHash<qint64, QString> m_contactNames;
    QHash<qint64, QString> m_teamNames;
};

// Filters by contact, type and text.
class ActivityFilter final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setContact(qint64 id);
    void setType(int type); // -1 = any

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    qint64 m_contact = 0;
    int m_type = -1;
};

// The Activities tab: log, add, edit, delete and filter; each change is one undo step and
// updates every contact's last interaction in the same transaction.
class ActivitiesPage final : public LazyPage
{
    Q_OBJECT
public:
    ActivitiesPage(services::Portfolio &portfolio, services::RelationshipService &service, QUndoStack &undo, CommandErrorHandler onError,
                   QWidget *parent = nullptr);

    void setAccount(qint64 accountId);
    ActivitiesModel *model() const { return m_model; }
    ActivityFilter *filter() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QComboBox *contactFilter() const { return m_contactCombo; }

    void addActivity();
    void editActivity(int modelRow);
    bool removeActivity(int modelRow);
    int currentRow() const; // model row of the selection, or -1

protected:
    void rebuild() override;

private:
    void markDirty(qint64 accountId);
    void activityDialog(domain::Activity before);
    void updateButtons();

    services::Portfolio &m_portfolio;
    services::RelationshipService &m_service;
    QUndoStack &m_undo;
    CommandErrorHandler m_onError;
    qint64 m_accountId = 0;
    std::vector<domain::Contact> m_contacts;
    QLabel *m_summary = nullptr;
    QComboBox *m_contactCombo = nullptr;
    QComboBox *m_typeCombo = nullptr;
    QLineEdit *m_search = nullptr;
    QTableView *m_table = nullptr;
    ActivitiesModel *m_model = nullptr;
    ActivityFilter *m_filter = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_remove = nullptr;
};

} // namespace keystone::app
