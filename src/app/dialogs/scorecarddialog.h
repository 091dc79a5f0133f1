// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "commands/commandsupport.h"

#include "keystone/services/healthservice.h"
#include "keystone/tasks/taskrunner.h"

#include <QDate>
#include <QDialog>

#include <array>
#include <memory>
#include <optional>

class QDoubleSpinBox;
class QLabel;
class QUndoStack;

namespace Ui {
class ScorecardDialog;
}

namespace keystone::services {
class Portfolio;
}

namespace keystone::app {

// Edit > Health Scorecards: the default scorecard and one per tier or lifecycle phase
// (weights, band thresholds, stale age, comparison period, how measures are scored).
// While editing it says how many accounts would change band (the book is read once on a
// worker when the dialog opens, then re-scored in memory per edit). Saving or removing
// recomputes every stored score on a worker with progress and cancel; each is one undo step.
class ScorecardDialog final : public QDialog
{
    Q_OBJECT
public:
    ScorecardDialog(services::Portfolio &portfolio, QUndoStack &undo, CommandErrorHandler onError, const QDate &today,
                    QWidget *parent = nullptr);
    ~ScorecardDialog() override;

    // The scorecard as edited (whether valid or not).
    domain::Scorecard edited() const;
    // Shows the scorecard of the scope at `index` of the scope list (0: the default).
    void selectScope(int index);
    bool previewReady() const { return m_preview.has_value(); }
    QString previewText() const;
    QString errorText() const;
    bool save();         // validates, recomputes on a worker, pushes the undo step; false: refused or cancelled
    bool removeCurrent(); // the shown tier or phase scorecard (undoable, so not confirmed)

private:
    struct Scope {
        QString label;
        std::optional<domain::Tier> tier;
        std::optional<domain::LifecyclePhase> phase;
    };
    void showCard(const domain::Scorecard &card);
    void updatePreview();
    QString movesText(const services::BandMoves &moves) const;
    std::optional<domain::Scorecard> storedFor(const Scope &scope) const;

    services::Portfolio &m_portfolio;
    QUndoStack &m_undo;
    CommandErrorHandler m_onError;
    QDate m_today;
    std::unique_ptr<Ui::ScorecardDialog> m_ui;
    std::vector<domain::Scorecard> m_cards; // as stored (the default first)
    std::vector<Scope> m_scopes;
    domain::Scorecard m_shown;              // the card as loaded into the form
    std::array<QDoubleSpinBox *, domain::kMeasureCount> m_weights{};
    std::array<QLabel *, domain::kMeasureCount> m_shares{};
    tasks::Task m_loader;
    QString m_loadError;
    std::optional<services::ScorecardPreview> m_preview;
    bool m_filling = false;
};

} // namespace keystone::app
