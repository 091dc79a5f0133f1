// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "dialogs/preferencesdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>

#include <utility>
#include <vector>
#include <QVBoxLayout>

#include <algorithm>

namespace keystone::app {

namespace {
constexpr int kIdleMax = 60, kIntervalMin = 5, kIntervalMax = 24 * 60, kKeepMax = 1000;
} // namespace

QString schemeKey(colours::Scheme scheme)
{
    return scheme == colours::Scheme::Dark    ? QStringLiteral("dark")
           : scheme == colours::Scheme::Light ? QStringLiteral("light")
                                              : QStringLiteral("system");
}

colours::Scheme schemeFromKey(const QString &key)
{
    return key == QLatin1String("dark") ? colours::Scheme::Dark : key == QLatin1String("light") ? colours::Scheme::Light : colours::Scheme::System;
}

Preferences Preferences::load()
{
    const QSettings s;
    Preferences p;
    const auto number = [&s](const char *key, int fallback, int lo, int hi) {
        bool ok = false;
        const int v = s.value(QLatin1String(key), fallback).toInt(&ok);
        return ok ? std::clamp(v, lo, hi) : fallback;
    };
    p.scheme = schemeFromKey(s.value(QStringLiteral("colorScheme")).toString());
    p.reopenLast = s.value(QStringLiteral("startup/reopenLast"), true).toBool();
    p.startView = s.value(QStringLiteral("startup/view")).toString();
    p.autoBackup = s.value(QStringLiteral("backup/automatic"), true).toBool();
    p.backupIdleMinutes = number("backup/idleMinutes", 1, 1, kIdleMax);
    p.backupIntervalMinutes = number("backup/intervalMinutes", 60, kIntervalMin, kIntervalMax);
    p.keepHourly = number("backup/keepHourly", 24, 1, kKeepMax);
    p.keepDaily = number("backup/keepDaily", 7, 1, kKeepMax);
    p.keepWeekly = number("backup/keepWeekly", 8, 1, kKeepMax);
    return p;
}

void Preferences::save() const
{
    QSettings s;
    s.setValue(QStringLiteral("colorScheme"), schemeKey(scheme));
    s.setValue(QStringLiteral("startup/reopenLast"), reopenLast);
    s.setValue(QStringLiteral("startup/view"), startView);
    s.setValue(QStringLiteral("backup/automatic"), autoBackup);
    s.setValue(QStringLiteral("backup/idleMinutes"), backupIdleMinutes);
    s.setValue(QStringLiteral("backup/intervalMinutes"), backupIntervalMinutes);
    s.setValue(QStringLiteral("backup/keepHourly"), keepHourly);
    s.setValue(QStringLiteral("backup/keepDaily"), keepDaily);
    s.setValue(QStringLiteral("backup/keepWeekly"), keepWeekly);
}

PreferencesDialog::PreferencesDialog(const Preferences &current, const QList<QPair<QString, QString>> &views, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Preferences"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Your own choices, on this computer. What belongs to a portfolio (its currency, segmentation and "
                                "cadences) is in File > Portfolio Settings…"),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    const auto spin = [this](const char *name, int lo, int hi, int value, const QString &suffix) {
        auto *s = new QSpinBox(this);
        s->setObjectName(QLatin1String(name));
        s->setRange(lo, hi);
        s->setValue(std::clamp(value, lo, hi));
        s->setSuffix(suffix);
        return s;
    };

    // A choice among (text, value) items, the current value chosen (the first when unknown).
    const auto combo = [this](const char *name, const std::vector<std::pair<QString, QVariant>> &items, const QVariant &value) {
        auto *c = new QComboBox(this);
        c->setObjectName(QLatin1String(name));
        for (const auto &[text, itemValue] : items)
            c->addItem(text, itemValue);
        c->setCurrentIndex(std::max(0, c->findData(value)));
        return c;
    };

    auto *look = new QGroupBox(tr("Appearance"), this);
    auto *lookForm = new QFormLayout(look);
    m_scheme = combo("schemeCombo",
                     {{tr("System"), int(colours::Scheme::System)}, {tr("Light"), int(colours::Scheme::Light)}, {tr("Dark"), int(colours::Scheme::Dark)}},
                     int(current.scheme));
    lookForm->addRow(tr("&Colour scheme:"), m_scheme);
    layout->addWidget(look);

    auto *start = new QGroupBox(tr("Starting up"), this);
    auto *startForm = new QFormLayout(start);
    m_reopen = new QCheckBox(tr("&Reopen the last portfolio when Keystone starts"), start);
    m_reopen->setObjectName(QStringLiteral("reopenCheck"));
    m_reopen->setChecked(current.reopenLast);
    startForm->addRow(m_reopen);
    std::vector<std::pair<QString, QVariant>> startViews{{tr("The view it was left on"), QString()}};
    for (const auto &[key, title] : views)
        startViews.emplace_back(title, key);
    m_startView = combo("startViewCombo", startViews, current.startView);
    startForm->addRow(tr("On opening a portfolio, &show:"), m_startView);
    layout->addWidget(start);

    auto *backup = new QGroupBox(tr("Automatic backups"), this);
    auto *backupForm = new QFormLayout(backup);
    m_backup = new QCheckBox(tr("&Back up the open portfolio automatically after changes"), backup);
    m_backup->setObjectName(QStringLiteral("autoBackupCheck"));
    m_backup->setChecked(current.autoBackup);
    backupForm->addRow(m_backup);
    m_idle = spin("idleSpin", 1, kIdleMax, current.backupIdleMinutes, tr(" min"));
    backupForm->addRow(tr("After you pause for:"), m_idle);
    m_interval = spin("intervalSpin", kIntervalMin, kIntervalMax, current.backupIntervalMinutes, tr(" min"));
    backupForm->addRow(tr("At most once every:"), m_interval);
    auto *keep = new QHBoxLayout;
    m_hourly = spin("keepHourlySpin", 1, kKeepMax, current.keepHourly, tr(" hourly"));
    m_daily = spin("keepDailySpin", 1, kKeepMax, current.keepDaily, tr(" daily"));
    m_weekly = spin("keepWeeklySpin", 1, kKeepMax, current.keepWeekly, tr(" weekly"));
    m_hourly->setAccessibleName(tr("Hourly backups kept"));
    m_daily->setAccessibleName(tr("Daily backups kept"));
    m_weekly->setAccessibleName(tr("Weekly backups kept"));
    keep->addWidget(m_hourly);
    keep->addWidget(m_daily);
    keep->addWidget(m_weekly);
    keep->addStretch();
    backupForm->addRow(tr("Keep the newest:"), keep);
    auto *note = new QLabel(tr("Backups before imports and those you take (File > Backups…, Back Up Now) are taken whatever is chosen here. "
                               "Every backup is verified; File > Backups… lists and restores them."),
                            backup);
    note->setWordWrap(true);
    colours::follow(note, [note] { note->setStyleSheet(QStringLiteral("color: %1;").arg(colours::inkName(colours::Ink::Muted))); });
    backupForm->addRow(note);
    layout->addWidget(backup);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_backup, &QCheckBox::toggled, this, &PreferencesDialog::updateEnabled);
    updateEnabled();
}

void PreferencesDialog::updateEnabled()
{
    for (QSpinBox *s : {m_idle, m_interval, m_hourly, m_daily, m_weekly})
        s->setEnabled(m_backup->isChecked());
}

Preferences PreferencesDialog::preferences() const
{
    Preferences p;
    p.scheme = colours::Scheme(m_scheme->currentData().toInt());
    p.reopenLast = m_reopen->isChecked();
    p.startView = m_startView->currentData().toString();
    p.autoBackup = m_backup->isChecked();
    p.backupIdleMinutes = m_idle->value();
    p.backupIntervalMinutes = m_interval->value();
    p.keepHourly = m_hourly->value();
    p.keepDaily = m_daily->value();
    p.keepWeekly = m_weekly->value();
    return p;
}

} // namespace keystone::app
