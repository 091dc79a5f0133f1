// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "commands/commandsupport.h"
#include "widgets/lazypage.h"

#include "keystone/services/relationshipservice.h"


class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QStandardItemModel;
class QTabWidget;
class QTableView;
class QUndoStack;

namespace keystone::services {
class Portfolio;
}

namespace keystone::app {

class ContactsModel;
class RelationshipMap;

// The Relationships tab of an account: the stakeholder map, the same contacts as a table, a
// coverage grid (contacts x our team), and the gaps panel. Reloads from the file when the
// account's contacts, activities, buying centers or the team change, only while shown.
class RelationshipsPage final : public AccountPage
{
    Q_OBJECT
public:
    RelationshipsPage(services::Portfolio &portfolio, services::RelationshipService &service, QUndoStack &undo,
                      CommandErrorHandler onError, QWidget *parent = nullptr);
    ~RelationshipsPage() override;


    const services::StakeholderMap &stakeholders() const { return m_map; }
    RelationshipMap *mapView() const { return m_view; }
    QListWidget *gapsList() const { return m_gaps; }
    ContactsModel *contactsModel() const { return m_contacts; }
    QStandardItemModel *coverageModel() const { return m_coverage; }
    QComboBox *highlightCombo() const { return m_highlight; }

    // Actions (also behind the buttons). Contacts are created and edited in the form from
    // ui/contactform.ui; every change is one undo step.
    void addContact(qint64 managerId = 0);
    void editContact(qint64 id);
    bool removeContact(qint64 id);
    bool changeReportsTo(qint64 id, qint64 managerId); // the map's drag and drop
    void addInfluenceFromSelected();
    bool removeInfluence(qint64 linkId); // right-click on a dashed arrow
    void exportMap();
    // Selects the contact on the map and in the list (a new one, after Add Contact).
    void selectContact(qint64 id);
    QList<qint64> mapSelection() const;

protected:
    void rebuild() override;

private:
    void rebuildCoverage();
    void rebuildGaps();
    void applyHighlight();
    void updateButtons();
    qint64 selectedContact() const;
    void contactDialog(domain::Contact before);

    services::Portfolio &m_portfolio;
    services::RelationshipService &m_service;
    QUndoStack &m_undo;
    CommandErrorHandler m_onError;
    services::StakeholderMap m_map;
    QLabel *m_summary = nullptr;
    QComboBox *m_highlight = nullptr;
    QTabWidget *m_views = nullptr;
    RelationshipMap *m_view = nullptr;
    QTableView *m_table = nullptr;
    QLineEdit *m_tableFilter = nullptr;
    ContactsModel *m_contacts = nullptr;
    QTableView *m_coverageView = nullptr;
    QStandardItemModel *m_coverage = nullptr;
    QListWidget *m_gaps = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_addReport = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_influence = nullptr;
};

} // namespace keystone::app
