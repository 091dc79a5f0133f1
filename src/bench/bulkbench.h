// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once
// keystone-bench's bulk paths (issue 28, docs/performance.md).

#include "benchsupport.h"

namespace keystone::bench {

// import_csv_10k: a Salesforce-style account export of `rows` rows (quoted names with commas,
// currency amounts, US dates, owners by name) written into `workDir`, then read and imported
// into a new portfolio in one transaction, `runs` times; the floor (sqlite3_import_csv_10k)
// is the sqlite3 shell's .import of the same file into a table of text columns, in the same
// run (left out when there is no sqlite3 on the PATH).
GroupResult benchCsvImport(const QString &workDir, int rows, int runs);

// export_json_10k / import_json_10k: the book at `bookPath` (`accounts` accounts) written to
// an exchange file, as a user exports, and read back into an empty portfolio (at most three
// runs: each import writes every row again).
GroupResult benchJsonExchange(const QString &bookPath, const QString &workDir, int accounts, int runs);

} // namespace keystone::bench
