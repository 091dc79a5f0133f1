// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

// The two ways a service refuses a call, shared by the services that edit one entity at a
// time (relationships, whitespace).

#include "keystone/services/portfolio.h"
#include "keystone/services/validationerror.h"
#include "keystone/storage/storageerror.h"

#include <QString>

namespace keystone::services {

// A value the caller gave that the service refuses, with the field it belongs to.
[[noreturn]] inline void refuse(const QString &subject, const QString &field, const QString &message)
{
    throw ValidationError(subject, {{field, message}});
}

// The entity a call names is gone (another window, an undo, a sync removed it).
[[noreturn]] inline void missing(Portfolio &p, const QString &what)
{
    throw storage::StorageError(storage::StorageError::Code::NotFound, p.path(),
                                QStringLiteral("%1 no longer exists in %2").arg(what, p.path()));
}

} // namespace keystone::services
