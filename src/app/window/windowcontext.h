// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QString>

class QUndoStack;
class QWidget;

namespace keystone::services {
class Portfolio;
class TeamService;
class WhitespaceService;
}

namespace keystone::app {

class PortfolioModel;
class PortfolioView;

// What the window's controllers (imports and exports, QBRs, backups, book edits) need of the window:
// the open portfolio and its list, a parent for dialogs and background work, and a way to
// speak to the user. MainWindow implements it; each controller does one family of File
// menu work and knows nothing else of the window.
class WindowContext
{
public:
    virtual ~WindowContext() = default;

    // The services and undo stack of the open portfolio (nullptr when none is open).
    virtual QUndoStack *currentUndoStack() = 0;
    virtual services::TeamService *currentTeamService() = 0;
    virtual services::WhitespaceService *currentWhitespaceService() = 0;

    virtual QWidget *dialogParent() = 0;
    virtual services::Portfolio *currentPortfolio() = 0; // nullptr when none is open
    virtual PortfolioModel *currentModel() = 0;
    virtual PortfolioView *currentView() = 0;
    virtual QWidget *currentPage() = 0; // the page the window shows
    // Non-interactive (tests, --screenshot): no modal questions.
    virtual bool isInteractive() const = 0;
    virtual void reportError(const QString &message) = 0;
    virtual void reportStatus(const QString &message, int timeoutMs) = 0;
    virtual void statusChanged() = 0; // the status bar's figures may have changed
    virtual void closeCurrent() = 0;
    virtual bool reopen(const QString &path) = 0;
};

// The base of a controller: its window, and shorthands for what it asks most.
class WindowController
{
protected:
    explicit WindowController(WindowContext &window) : m_window(window) {}
    services::Portfolio *portfolio() const { return m_window.currentPortfolio(); }
    PortfolioModel *model() const { return m_window.currentModel(); }
    PortfolioView *view() const { return m_window.currentView(); }
    QUndoStack *undoStack() const { return m_window.currentUndoStack(); }
    WindowContext &m_window;
};

} // namespace keystone::app
