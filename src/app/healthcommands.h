// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "commandsupport.h"

#include "keystone/services/healthservice.h"

namespace keystone::app {

// Saving one dated snapshot of health inputs (new or replacing that date's), undoable.
QUndoCommand *makeSaveHealthInputsCommand(services::HealthService &service, qint64 accountId, std::optional<domain::HealthInputs> before,
                                          domain::HealthInputs after, CommandErrorHandler onError);

} // namespace keystone::app
