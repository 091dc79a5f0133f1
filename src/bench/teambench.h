// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QString>

#include <map>
#include <string>
#include <vector>

namespace keystone::bench {

// The team book's sync measured against a PostgreSQL server (docs/team.md, docs/performance.md):
// publish a generated book, the same rows loaded with COPY through psql in one transaction
// into the same tables (the floor, same run), a first pull into a new file, a sync with
// nothing to do, 100 accounts changed on one laptop pushed and pulled on another, and the
// slowest edit on the window's connection while such a sync applies. Works in databases it
// creates on that server for the run and drops after (the login needs CREATEDB).
struct TeamBenchResult {
    std::map<std::string, std::vector<double>> times; // measure -> milliseconds per run
    std::map<std::string, std::map<std::string, double>> extra;
    QString error; // non-empty: what failed (nothing is reported then)
};

TeamBenchResult benchTeamBook(const QString &server, const QString &bookPath, const QString &workDir, int runs);

} // namespace keystone::bench
