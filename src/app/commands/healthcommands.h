// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "commands/commandsupport.h"

#include "keystone/services/healthservice.h"
#include "keystone/services/portfolio.h"

class QWidget;

namespace keystone::services {
class Portfolio;
}

namespace keystone::app {

// Saving one dated snapshot of health inputs (new or replacing that date's), undoable.
QUndoCommand *makeSaveHealthInputsCommand(services::HealthService &service, qint64 accountId, std::optional<domain::HealthInputs> before,
                                          domain::HealthInputs after, CommandErrorHandler onError);

// Scorecard changes recompute every stored score, so they run on a worker connection with a
// progress dialog over `parent` (see runInBackground) and announce healthChanged({}) on
// `portfolio` when done. The first run may be cancelled (nullopt / false: nothing changed);
// undo and redo run to the end.
std::optional<domain::Scorecard> saveScorecardInBackground(QWidget *parent, services::Portfolio &portfolio, const domain::Scorecard &card,
                                                           bool cancellable);
// With `record`, every row the removal wrote (the card, every recomputed score) is recorded
// into it for an exact undo (services::Portfolio::record).
bool removeScorecardInBackground(QWidget *parent, services::Portfolio &portfolio, qint64 id, bool cancellable,
                                 services::RecordedChange *record = nullptr);

// Undo of a saved scorecard: `before` as it was (id 0: it was not stored yet), `saved` as
// saveScorecardInBackground returned it.
QUndoCommand *makeSaveScorecardCommand(QWidget *parent, services::Portfolio &portfolio, domain::Scorecard before, domain::Scorecard saved,
                                       CommandErrorHandler onError);
// Undo of a removed tier or phase scorecard: reverts, on a worker, what the removal recorded,
// so the card comes back under its own id and uuid and every score exactly as it was.
QUndoCommand *makeRemoveScorecardCommand(QWidget *parent, services::Portfolio &portfolio, domain::Scorecard removed, services::RecordedChange change,
                                         CommandErrorHandler onError);

} // namespace keystone::app
