// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/io/csv.h"
#include "keystone/io/importspec.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace keystone::services {

class Portfolio;

// What to do with a row that matches an entity already in the portfolio (or an earlier row
// of the same file): by source id first, then by name (accounts), email or name within the
// account (contacts), name within the account (opportunities), or date, type and summary
// (activities); ARR points and health inputs by account and date.
enum class DuplicatePolicy { Update, Skip, Create };
QString duplicatePolicyKey(DuplicatePolicy p); // "update", "skip", "create"
std::optional<DuplicatePolicy> parseDuplicatePolicy(const QString &key);

struct CsvImportRequest {
    io::ImportMapping mapping;
    DuplicatePolicy onDuplicate = DuplicatePolicy::Update;
    bool dryRun = false; // everything is checked and written, then rolled back
};

// A problem with one cell (or one row when `column` is empty). `row` counts like a
// spreadsheet: the header is row 1, the first record row 2; `line` is the file line the
// record starts on (they differ when fields hold line breaks).
struct ImportIssue {
    int row = 0;
    int line = 0;
    QString column; // the file's header of the column
    QString value;
    QString message;
    bool operator==(const ImportIssue &) const = default;
};

struct ImportDuplicate {
    int row = 0;
    QString matchedBy; // "source id", "name", "email", ...
    QString existing;  // the entity it matched, named
    QString action;    // "updated", "skipped", "created"
};

struct CsvImportReport {
    io::ImportKind kind = io::ImportKind::Accounts;
    bool dryRun = false;
    int rows = 0; // records read
    int created = 0;
    int updated = 0;
    int unchanged = 0; // matched an entity and would change none of its fields: nothing written
    int skipped = 0;
    int rejected = 0;
    int teamMembersCreated = 0;
    std::vector<ImportIssue> rejections; // every problem of every rejected row
    std::vector<ImportIssue> warnings;   // accepted rows: something was left out or assumed
    std::vector<ImportDuplicate> duplicates;
    QList<qint64> accountIds;            // accounts whose data changed (empty for a dry run)
    QString encoding;                    // how the file's bytes were read, when not plain UTF-8 (io::encodingNote)
    int notListed = 0;                   // rejections, notes and duplicates past the first 10,000 of each: counted, not listed
    double elapsedMs = 0;
};

// Problems of the first rows under a mapping, for the mapping dialog's preview: per cell,
// without writing anything.
struct CsvPreview {
    std::vector<ImportIssue> issues;
    QStringList mappingProblems;
};

// Thrown when the import cannot start (the mapping misses a required field) or was
// cancelled; nothing is written in either case.
struct ImportRefused {
    QString message;
};

class ImportService
{
public:
    explicit ImportService(Portfolio &portfolio) : m_portfolio(portfolio) {}

    // The whole file in one transaction: every accepted row lands, or (on cancel, a storage
    // error, or a dry run) none. `progress(done, total)` is called every few hundred rows;
    // returning false cancels (ImportRefused). Emits nothing: the caller announces (the GUI
    // runs this on a worker connection).
    CsvImportReport importCsv(const io::CsvTable &table, const CsvImportRequest &request,
                              const std::function<bool(int, int)> &progress = {});
    // The same, reading the file as it goes: memory does not grow with the file's size.
    // `progress` then counts permille of the file's bytes.
    CsvImportReport importCsv(io::CsvReader &reader, const CsvImportRequest &request,
                              const std::function<bool(int, int)> &progress = {});

    CsvPreview preview(const io::CsvTable &table, const io::ImportMapping &mapping, int maxRows = 50);

    // Every entity of a kind as a table whose headers the importer recognises, so an export
    // imports back (into this or another portfolio) without a mapping. Amounts in major
    // units with a '.' ("1234.50"), dates ISO, choices by name. Reads the whole book in a
    // fixed number of queries.
    struct Table {
        QStringList header;
        std::vector<QStringList> rows;
    };
    Table exportCsv(io::ImportKind kind);

private:
    Portfolio &m_portfolio;
};

} // namespace keystone::services
