// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QStringList>
#include <QWidget>

class QListWidget;

namespace keystone::app {

// What the window shows with no portfolio open: the demo, New, Open and the recent files.
class WelcomePage final : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);
    // Lists these files (newest first), or says that none are there yet.
    void setRecentFiles(const QStringList &files);
    QListWidget *recentList() const { return m_recent; }

Q_SIGNALS:
    void openDemoRequested();
    void newRequested();
    void openRequested();
    void openFileRequested(const QString &path);

private:
    QListWidget *m_recent = nullptr;
};

// The recent-files list kept in QSettings ("recentFiles", at most eight, and "lastFile").
namespace recentfiles {
QStringList existing(); // the files still there, newest first
void add(const QString &path);
} // namespace recentfiles

} // namespace keystone::app
