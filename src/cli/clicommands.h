// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QStringList>
#include <QTextStream>

namespace keystone::cli {

enum ExitCode { Ok = 0, DataError = 1, UsageError = 2 };

// Runs one command line (args[0] is the program name). Output on `out`, errors on `err`.
int run(const QStringList &args, QTextStream &out, QTextStream &err);

} // namespace keystone::cli
