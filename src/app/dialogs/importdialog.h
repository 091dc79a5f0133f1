// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/io/csv.h"
#include "keystone/io/importspec.h"
#include "keystone/services/importservice.h"

#include <QDialog>
#include <QTimer>

#include <memory>
#include <optional>

namespace Ui {
class ImportDialog;
}

namespace keystone::services {
class Portfolio;
}

namespace keystone::app {

// File > Import CSV…: the file, what it holds, a column mapping (recognised headers are
// mapped on sight; the rest through a field per column), a live preview of the first rows
// with refused cells marked, saved mappings, a dry run, and the import itself on a worker
// connection with progress and Cancel. The dialog only gathers choices; ImportService
// does the work, the same one keystone-cli import uses.
class ImportDialog final : public QDialog
{
    Q_OBJECT
public:
    ImportDialog(services::Portfolio &portfolio, QWidget *parent = nullptr);
    ~ImportDialog() override;

    // Loads a file (the Choose… button, tests, screenshots). False with the reason shown
    // when it cannot be read.
    bool setFile(const QString &path);
    void setKind(io::ImportKind kind);
    void setPolicy(services::DuplicatePolicy policy);
    io::ImportMapping mapping() const { return m_mapping; }
    void setField(int column, const QString &field); // "" = not imported
    QString statusText() const;
    // The preview's problem for a cell of the first rows ("" when the cell is fine).
    QString cellProblem(int row, int column) const;
    // Runs the import (or a dry run); returns the report, or nullopt when it did not run
    // (cancelled or refused, the reason shown). Emits imported() after a real import.
    std::optional<services::CsvImportReport> runImport(bool dryRun);
    // Where the report is shown: a message box, or (tests) nowhere.
    void setInteractive(bool on) { m_interactive = on; }
    // The backup taken before the last import.
    QString lastBackup() const { return m_lastBackup; }

Q_SIGNALS:
    void imported(const services::CsvImportReport &report);

private:
    void chooseFile();
    void reloadPreviewFile();
    void rebuildMapping();
    void refreshPreview();
    void loadMapping();
    void saveMapping();
    void showReport(const services::CsvImportReport &report);
    std::optional<QChar> chosenDelimiter() const;

    services::Portfolio &m_portfolio;
    std::unique_ptr<Ui::ImportDialog> m_ui;
    QString m_path;
    io::CsvTable m_sample; // the header and the first rows
    io::ImportMapping m_mapping;
    services::CsvPreview m_preview;
    QTimer m_previewTimer;
    bool m_interactive = true;
    bool m_building = false;
    QString m_lastBackup;
};

} // namespace keystone::app
