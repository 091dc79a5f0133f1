// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "commands/commandsupport.h"
#include "widgets/lazypage.h"

#include "keystone/services/healthservice.h"


class QLabel;
class QListWidget;
class QPushButton;
class QStandardItemModel;
class QTableView;
class QUndoStack;

QT_BEGIN_NAMESPACE
class QChartView;
QT_END_NAMESPACE

namespace keystone::services {
class Portfolio;
}

namespace keystone::app {

class ContributionBars;

// The Health tab: score, band, confidence and trend; a bar per measure with its points;
// what changed since the comparison date; the score history with the band zones; and the
// dated inputs, where hand-typed ones can be added and edited (undoable; stale ones marked).
class HealthPage final : public AccountPage
{
    Q_OBJECT
public:
    HealthPage(services::Portfolio &portfolio, services::HealthService &service, QUndoStack &undo, CommandErrorHandler onError,
               QWidget *parent = nullptr);
    ~HealthPage() override;


    const services::AccountHealth &health() const { return m_health; }
    QLabel *summary() const { return m_summary; }
    QListWidget *whatChanged() const { return m_changes; }
    QStandardItemModel *inputsModel() const { return m_inputs; }
    QChartView *chart() const { return m_chart; }
    int historyPoints() const { return m_historyPoints; }

    void addSnapshot();
    void editSnapshot(int row);
    // Saves a snapshot through the service and the undo stack (the form's OK).
    bool saveSnapshot(const domain::HealthInputs &inputs);

protected:
    void rebuild() override;

private:
    void rebuildChart(const std::vector<services::StoredScore> &history);
    void rebuildInputs();
    void snapshotDialog(domain::HealthInputs before);

    services::Portfolio &m_portfolio;
    services::HealthService &m_service;
    QUndoStack &m_undo;
    CommandErrorHandler m_onError;
    services::AccountHealth m_health;
    std::vector<domain::HealthInputs> m_snapshots; // newest first, as shown
    int m_historyPoints = 0;
    QLabel *m_summary = nullptr;
    QLabel *m_notes = nullptr;
    ContributionBars *m_bars = nullptr;
    QListWidget *m_changes = nullptr;
    QLabel *m_changesTitle = nullptr;
    QChartView *m_chart = nullptr;
    QTableView *m_table = nullptr;
    QStandardItemModel *m_inputs = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_edit = nullptr;
};

} // namespace keystone::app
