// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/report/qbrreport.h"
#include "keystone/services/qbr.h"

#include <QDate>
#include <QDialog>

#include <memory>

class QTimer;
class QUndoStack;

namespace Ui {
class QbrDialog;
}

namespace keystone::services {
class Portfolio;
}

namespace keystone::app {

// The QBR's report settings the user chose last (page size, accent, logo, audience), kept in
// QSettings so the next export and the batch export start from them.
report::ReportStyle savedReportStyle();
services::QbrAudience savedAudience();
void saveReportChoices(const report::ReportStyle &style, const QString &logoPath, services::QbrAudience audience);
QString savedLogoPath();
// The locale the QBR's dates are written in ("" = ISO 8601), as last chosen.
QString savedDateLocale();

// "Export QBR…" for one account (ui/qbrdialog.ui): quarter, audience, sections, page size,
// accent colour, logo and the written summary (highlights and lowlights: the quarter's stored
// one, or a draft from the data) on the left; the pages as they will print on the right,
// redrawn a moment after each change; Save writes the PDF and keeps an edited summary with
// the quarter (one undo step on `undo` when given).
class QbrDialog final : public QDialog
{
    Q_OBJECT
public:
    QbrDialog(services::Portfolio &portfolio, qint64 accountId, const QDate &today, QWidget *parent = nullptr, QUndoStack *undo = nullptr);
    ~QbrDialog() override;

    services::QbrOptions options() const;
    report::ReportStyle style() const;
    // Rebuilds the data and the preview now (the dialog does it on a short timer).
    void refreshPreview();
    int previewPages() const;
    QString errorText() const;
    // Writes the PDF, then keeps an edited summary with the quarter; false with the reason
    // shown in the dialog.
    bool saveTo(const QString &path);
    // The summary as the two boxes hold it, and whether it differs from what was loaded.
    domain::QbrSummary editedSummary() const;
    bool summaryEdited() const;
    // Fills the boxes with a draft from the data (the Draft button).
    void draftSummary();

private:
    void loadSummary();
    void showSummary(const domain::QbrSummary &s);
    void updateSummaryState();
    bool storeSummary();
    void schedulePreview();
    void chooseAccent();
    void chooseLogo();
    void save();

    services::Portfolio &m_portfolio;
    qint64 m_accountId = 0;
    QDate m_today;
    std::unique_ptr<Ui::QbrDialog> m_ui;
    QTimer *m_timer = nullptr;
    QColor m_accent;
    std::optional<services::QbrData> m_data;
    QUndoStack *m_undo = nullptr;
    QString m_summaryQuarter;      // the quarter the boxes were filled for
    domain::QbrSummary m_loaded;   // what they were filled with
    bool m_loadedStored = false;   // it was the stored summary (not a draft)
};

} // namespace keystone::app
