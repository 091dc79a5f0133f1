// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/services/validationerror.h"
#include "keystone/storage/storageerror.h"

// The two failures a service call throws, for the app and the CLI to catch without reaching
// into storage: ValidationError (what the user entered is refused) and StorageError (the file
// could not be read or written; its code says why).
namespace keystone::services {

using storage::StorageError;

} // namespace keystone::services
