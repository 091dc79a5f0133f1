// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "widgets/colours.h"

#include <QDialog>
#include <QList>
#include <QPair>
#include <QString>

class QCheckBox;
class QComboBox;
class QSpinBox;

namespace keystone::app {

// What each user chooses for themself, kept in QSettings; what belongs to a portfolio
// (currency, segmentation, cadences) is in the file, in File > Portfolio Settings.
struct Preferences {
    colours::Scheme scheme = colours::Scheme::System;
    bool reopenLast = true;         // open the last portfolio when started without a file
    QString startView;              // a view's key; empty: the view the portfolio was left on
    bool autoBackup = true;         // back up automatically after changes ...
    int backupIdleMinutes = 1;      // ... once the user has been idle this long
    int backupIntervalMinutes = 60; // ... and at most this often
    int keepHourly = 24, keepDaily = 7, keepWeekly = 8;

    // Values edited by hand in the settings file are brought into the dialog's ranges.
    static Preferences load();
    void save() const;

    bool operator==(const Preferences &) const = default;
};

QString schemeKey(colours::Scheme scheme); // "system", "light", "dark"
colours::Scheme schemeFromKey(const QString &key);

// Edit > Preferences…: appearance, start-up and automatic backups.
class PreferencesDialog final : public QDialog
{
    Q_OBJECT
public:
    // `views`: the sidebar's views as (key, title), offered as the start-up view.
    PreferencesDialog(const Preferences &current, const QList<QPair<QString, QString>> &views, QWidget *parent = nullptr);

    Preferences preferences() const;

private:
    void updateEnabled();

    QComboBox *m_scheme = nullptr;
    QCheckBox *m_reopen = nullptr;
    QComboBox *m_startView = nullptr;
    QCheckBox *m_backup = nullptr;
    QSpinBox *m_idle = nullptr;
    QSpinBox *m_interval = nullptr;
    QSpinBox *m_hourly = nullptr;
    QSpinBox *m_daily = nullptr;
    QSpinBox *m_weekly = nullptr;
};

} // namespace keystone::app
