// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "commands/commandsupport.h"
#include "widgets/lazypage.h"

#include "keystone/services/snapshotservice.h"

#include <QDate>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QStandardItemModel;
class QTableView;
class QUndoStack;

namespace keystone::services {
class Portfolio;
}

namespace keystone::app {

// The Snapshots tab: the account's quarter snapshots, Take Snapshot (labelled, e.g. 2026Q4)
// and Delete (both undoable), and a side-by-side comparison of any two with the changes
// coloured: added green, removed red, changed amber.
class SnapshotsPage final : public AccountPage
{
    Q_OBJECT
public:
    SnapshotsPage(services::Portfolio &portfolio, QUndoStack &undo, CommandErrorHandler onError, QWidget *parent = nullptr);

    const std::vector<domain::PlanSnapshot> &snapshots() const { return m_snapshots; }
    QStandardItemModel *comparison() const { return m_compare; }
    QLabel *comparisonSummary() const { return m_compareSummary; }

    void takeSnapshotDialog();             // asks for the label (the quarter by default)
    bool takeSnapshot(const QString &label); // one undo step
    bool deleteSnapshot(const QString &label);
    // Compares two stored snapshots by label into comparison(); nowLabel() stands for the
    // plan as it is now.
    void compare(const QString &from, const QString &to);
    static QString nowLabel() { return tr("The plan now"); }

protected:
    void rebuild() override;

private:
    void compareSelected();

    services::Portfolio &m_portfolio;
    services::SnapshotService m_service;
    QUndoStack &m_undo;
    CommandErrorHandler m_onError;
    std::vector<domain::PlanSnapshot> m_snapshots;
    int m_shownCount = -1;
    QListWidget *m_list = nullptr;
    QPushButton *m_take = nullptr;
    QPushButton *m_delete = nullptr;
    QComboBox *m_from = nullptr;
    QComboBox *m_to = nullptr;
    QLabel *m_compareSummary = nullptr;
    QStandardItemModel *m_compare = nullptr;
    QTableView *m_view = nullptr;
};

} // namespace keystone::app
