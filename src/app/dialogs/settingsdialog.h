// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "commands/commandsupport.h"

#include "keystone/domain/portfoliosettings.h"

#include <QDialog>

#include <array>
#include <memory>
#include <optional>

class QComboBox;
class QSpinBox;
class QUndoStack;

namespace Ui {
class SettingsDialog;
}

namespace keystone::services {
class Portfolio;
}

namespace keystone::app {

class PortfolioModel;

// File > Portfolio Settings: segmentation thresholds and cadences, stored in the file.
// Shows before saving how many accounts would change tier; saving is one undo step.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(services::Portfolio &portfolio, PortfolioModel &model, QUndoStack &undo, CommandErrorHandler onError,
                   QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // The settings as edited, or nullopt with the reason in `error`.
    std::optional<domain::PortfolioSettings> edited(QString *error) const;
    // Accounts whose tier in force would change under `settings`.
    int tierChanges(const domain::PortfolioSettings &settings) const;
    QString previewText() const;
    bool save(); // validates, stores, pushes the undo command; false with the error shown

private:
    void updatePreview();

    services::Portfolio &m_portfolio;
    PortfolioModel &m_model;
    QUndoStack &m_undo;
    std::unique_ptr<Ui::SettingsDialog> m_ui;
    CommandErrorHandler m_onError;
    std::array<std::array<QSpinBox *, 4>, 3> m_cadence{};
    QComboBox *m_currency = nullptr;
};

} // namespace keystone::app
