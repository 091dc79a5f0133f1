// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "window/windowcontext.h"

#include <QObject>

namespace keystone::app {

// The Edit and Tools menus' work on the whole book: assigning a team member to the selected
// accounts (or removing one), the team, settings, catalog and scorecard dialogs, and
// recomputing every health score.
class BookEditController final : public QObject, private WindowController
{
    Q_OBJECT
public:
    BookEditController(WindowContext &window, QObject *parent) : QObject(parent), WindowController(window) {}

    // Adds (or removes) a team member to the coverage of the selected accounts, besides the
    // owner: one transaction and one undo step. `memberName` skips the question (tests).
    bool assignTeamMember(bool assign, const QString &memberName);
    void showTeamDialog();
    void showSettingsDialog();
    void showCatalogDialog();
    void showScorecardDialog();
    // Every stored score, on a worker, with progress and cancel.
    void recomputeHealth();
};

} // namespace keystone::app
