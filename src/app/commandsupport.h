// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/services/validationerror.h"
#include "keystone/storage/storageerror.h"

#include <QObject>
#include <QUndoCommand>

#include <functional>

namespace keystone::app {

// Reports a failure of undo or redo (the file went read-only, a name is taken meanwhile).
using CommandErrorHandler = std::function<void(const QString &)>;

// Runs one replay step of an undo command. A failure is reported and the command made
// obsolete, so the stack drops it instead of offering an undo that cannot work.
template<typename F>
void runGuarded(QUndoCommand *cmd, const CommandErrorHandler &onError, F &&step)
{
    auto report = [&](const QString &message) {
        cmd->setObsolete(true);
        if (onError)
            onError(QObject::tr("Could not %1: %2").arg(cmd->text().toLower(), message));
    };
    try {
        step();
    } catch (const services::ValidationError &e) {
        report(e.message());
    } catch (const storage::StorageError &e) {
        report(e.message());
    }
}

} // namespace keystone::app
