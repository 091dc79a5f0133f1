// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QDialog>
#include <QList>
#include <QTextBrowser>

class QAction;
class QLabel;
class QLineEdit;
class QListWidget;

namespace keystone::app {

// The user guide inside the app (Help > Keystone Help, F1): docs/user-guide.md, built into
// the program, with its contents on the left, a search box (Enter: next match, Shift+Enter:
// previous), and two pages made here: the keyboard shortcuts (from the window's own
// actions, so they are always the ones in force) and the marks used in the tables.
// Pictures come from the guide's folder when it is installed or beside the sources.
class HelpWindow final : public QDialog
{
    Q_OBJECT
public:
    HelpWindow(const QList<QAction *> &actions, QWidget *parent = nullptr);

    // Scrolls to the section with this heading (as written in the guide); false if none.
    bool showSection(const QString &heading);
    // The guide's section for a --view name ("tier-grid" -> "Tier grid").
    static QString sectionForView(const QString &view);
    // Finds `text` after the cursor (wrapping round); false when it is nowhere.
    bool find(const QString &text, bool backward = false);
    QTextBrowser *browser() const { return m_browser; }
    QLineEdit *searchBox() const { return m_search; }
    QListWidget *contents() const { return m_contents; }
    // The heading shown at the top of the page now.
    QString currentSection() const;
    // The generated pages' Markdown (tests).
    static QString shortcutsMarkdown(const QList<QAction *> &actions);
    static QString marksMarkdown();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QTextBrowser *m_browser = nullptr;
    QLineEdit *m_search = nullptr;
    QListWidget *m_contents = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace keystone::app
