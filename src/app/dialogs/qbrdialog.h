// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/report/qbrreport.h"
#include "keystone/services/qbr.h"

#include <QDate>
#include <QDialog>

#include <memory>

class QTimer;

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

// "Export QBR…" for one account (ui/qbrdialog.ui): quarter, audience, sections, page size,
// accent colour and logo on the left; the pages as they will print on the right, redrawn a
// moment after each change; Save writes the PDF.
class QbrDialog final : public QDialog
{
    Q_OBJECT
public:
    QbrDialog(services::Portfolio &portfolio, qint64 accountId, const QDate &today, QWidget *parent = nullptr);
    ~QbrDialog() override;

    services::QbrOptions options() const;
    report::ReportStyle style() const;
    // Rebuilds the data and the preview now (the dialog does it on a short timer).
    void refreshPreview();
    int previewPages() const;
    QString errorText() const;
    // Writes the PDF; false with the reason shown in the dialog.
    bool saveTo(const QString &path);

private:
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
};

} // namespace keystone::app
