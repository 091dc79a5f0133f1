// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <map>
#include <optional>
#include <vector>

class QIODevice;

namespace keystone::services {

class Portfolio;

// A field both sides changed since they last agreed (see docs/json-format.md, "Merging").
struct ExchangeConflict {
    QString collection; // "accounts", "contacts", ...
    QString key;        // the entity's uuid, or its natural key
    QString label;      // the entity, named
    QString field;
    QString here;       // the value in this portfolio (as JSON text)
    QString incoming;   // the value in the file
    QString kept;       // "incoming" or "here"
};

struct ExchangeCounts {
    int added = 0;
    int updated = 0;   // the file's side was newer
    int unchanged = 0;
    int keptHere = 0;  // both had it, this portfolio's side was newer (or has no time)
};

struct ExchangeReport {
    bool dryRun = false;
    QString source;     // the portfolio uuid the file came from
    QString exportedAt;
    bool settingsImported = false; // settings and scorecards (only into an empty portfolio)
    std::map<QString, ExchangeCounts> counts; // per collection
    std::vector<ExchangeConflict> conflicts;
    QStringList errors; // when not empty, nothing was imported
    QList<qint64> accountIds; // accounts added or changed (empty for a dry run)
    double elapsedMs = 0;
    int total(int ExchangeCounts::*field) const;
};

// The JSON exchange of docs/json-format.md: a whole portfolio or selected accounts, every
// entity with a stable identity, merged by it on import.
class ExchangeService
{
public:
    explicit ExchangeService(Portfolio &portfolio) : m_portfolio(portfolio) {}

    // The whole portfolio (no accounts given) or these accounts with everything that hangs
    // off them, plus the team members and products they refer to, written to `out` as the
    // rows are read (memory does not grow with the portfolio), from one read snapshot of the
    // file. `progress(done, total)` counts tables; when it returns false the export stops
    // and this returns false (what was written is incomplete: writeOutputFile() discards
    // it). Throws io::ExchangeWriteError when `out` refuses bytes.
    bool exportJson(QIODevice &out, const std::optional<QList<qint64>> &accountIds = std::nullopt,
                    const std::function<bool(int, int)> &progress = {});
    // The same, in memory (small exports, tests).
    QByteArray exportJson(const std::optional<QList<qint64>> &accountIds = std::nullopt);

    // Imports or merges a file in one transaction. Entities are matched by uuid (or natural
    // key); the side modified last wins; fields both sides changed are listed as conflicts.
    // Problems (a bad field, a reference to nothing) are all collected in `errors`, and then
    // nothing is written. A dry run reports the same and writes nothing. Throws
    // ImportRefused (importservice.h) when the file cannot be read at all or on cancel.
    // The file is read as it is merged, a row at a time, so memory does not grow with it; a
    // hand-made file whose collections are not in dependency order is read whole instead.
    // `progress(done, 1000)` counts per mille of the device read; returning false cancels.
    ExchangeReport importJson(QIODevice &in, bool dryRun = false, const std::function<bool(int, int)> &progress = {});
    ExchangeReport importJson(const QByteArray &json, bool dryRun = false, const std::function<bool(int, int)> &progress = {});

    // This portfolio's own uuid (the "portfolio" of the files it exports).
    QString portfolioUuid();

    // Values already in the file that the forms and imports refuse today (written by an older
    // build, or by hand with SQL): every stored row goes through the same checks as an
    // incoming JSON value, and accounts or products whose names are one name in two Unicode
    // forms are named. Each line names the collection, the entity (name and uuid) and the
    // field; at most `limit` lines, plus one that says how many more there were.
    QStringList storedValueProblems(int limit = 50);

private:
    ExchangeReport importInTransaction(QIODevice &in, bool dryRun, const std::function<bool(int, int)> &progress);
    Portfolio &m_portfolio;
};

} // namespace keystone::services
