// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QString>

namespace keystone::test {

// Proves that no connection of this process holds a read transaction open between user
// actions. From a connection of our own (as a worker's would be): a commit, then a TRUNCATE
// checkpoint with no busy wait. The checkpoint only completes when no other connection holds
// a read transaction older than that commit (one that would also make the window's next
// write fail with SQLITE_BUSY_SNAPSHOT). Returns SQLite's result code of the checkpoint;
// `error` gets the message when the commit itself failed (then the result is that code).
int commitThenTruncateCheckpoint(const QString &file, QString *error = nullptr);

// Retries the probe, processing events between tries, for up to `ms`: background jobs (the
// book's load, an integrity check) let go within that, a model that holds a read open never.
bool readersLetGo(const QString &file, int ms = 8000, QString *error = nullptr);

} // namespace keystone::test
