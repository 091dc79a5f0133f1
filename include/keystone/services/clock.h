// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/storage/clock.h"

// "Now" and "today" for the app, the CLI, the demo and the services: the real clock unless a
// test installs one (storage::ManualClock), so that a window, the demo it opens and the rows
// it stamps all agree on the date a test fixes. Nothing above storage calls
// QDate::currentDate() or QDateTime::currentDateTime() for the user's date.
namespace keystone::services {

using storage::now;   // UTC
using storage::today; // the local date of now()

} // namespace keystone::services
