// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/storage/migration.h"

#include <QIODevice>
#include <QLockFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

#include <future>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace keystone::storage {

class RawStatement;

// What the first 100 bytes of a file say about it, read without opening it in SQLite.
struct FileHeader {
    bool isSqlite = false;
    qint64 fileSize = 0;
    int pageSize = 0;
    quint32 pageCount = 0;       // "in-header database size", when valid
    bool pageCountValid = false;
    quint32 userVersion = 0;     // Keystone's schema version
    quint32 applicationId = 0;
};
FileHeader readFileHeader(const QString &path);

// What a write-ahead log (FILE-wal) holds, read the way SQLite's recovery reads it: frames
// count up to the first whose salt or checksum is wrong, and only up to the last commit.
// A checkpoint writes page 1 (with the new page count) before the pages that extend the
// file, so a process killed during one leaves a main file shorter than its header says;
// that file is whole as long as its log still holds the missing pages.
struct WalContents {
    int pageSize = 0;              // 0: no log, or not a valid one
    quint32 committedPages = 0;    // database size in pages after the last commit, 0 if none
    std::vector<quint32> pages;    // page numbers held by committed frames, sorted, unique
    bool holdsAll(quint32 first, quint32 last) const; // every page of [first, last]
};
WalContents readWalContents(const QString &walPath);
WalContents parseWal(QIODevice &log); // the same, from an open device (fuzz_wal)

struct OpenOptions {
    // Full: PRAGMA quick_check of the whole file before open() returns (CLI, tests).
    // Deferred: the tables shown first (accounts, team, settings) are checked before open()
    // returns and the whole file in a background thread on its own read-only connection;
    // every write waits for that check, so a damaged file is never written (the GUI).
    enum class Verify { Full, Deferred };
    Verify verify = Verify::Full;
    bool readOnly = false;   // open read-only even when nobody else holds the file
    int keepBackups = 5;     // pre-migration backups kept beside the file
    // With readOnly: allow an older schema (it is not upgraded); for check and info.
    bool inspectOnly = false;
    // The migrations to run; empty = Keystone's own (tests pass their own to inject failures).
    std::vector<Migration> migrations;
};

// One open portfolio file: one SQLite connection used from the thread that opened it, the
// lock file that makes this process the only writer, and a cache of prepared statements.
class Database
{
public:
    static constexpr quint32 kApplicationId = 0x4B53544E; // "KSTN"

    // Opens an existing portfolio. Refuses (StorageError, file left byte-for-byte unchanged)
    // a file that is missing, not SQLite, of another application, damaged, or newer than this
    // build. Takes the lock file; when another process holds it, opens read-only and says why
    // in readOnlyReason(). Upgrades an older schema after backing the file up.
    static std::unique_ptr<Database> open(const QString &path, OpenOptions options = {});

    // Creates a new, empty portfolio (mode 0600). Refuses to overwrite an existing file.
    static std::unique_ptr<Database> create(const QString &path, OpenOptions options = {});

    // What a worker thread needs to open its own connection to this database: taken on the
    // thread that owns this Database, handed to the worker.
    struct WorkerTicket {
        QString path;
        bool readOnly = true;
        QString readOnlyReason;
        std::shared_future<QStringList> fullCheck;
    };
    WorkerTicket workerTicket() const;
    // A second connection to an open portfolio for a worker thread (long recomputes, imports,
    // batch exports). Call it on the worker thread and destroy the result there. It shares the
    // owner's lock file instead of taking one, never migrates, and its writes wait for the
    // owner's background integrity check like the owner's own. The owner must not write while
    // a worker writes (the GUI shows a modal progress dialog meanwhile); SQLite's busy timeout
    // covers the overlap of a read.
    static std::unique_ptr<Database> openWorker(const WorkerTicket &ticket);

    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    // Folds the write-ahead log back into the file (so the portfolio at rest is one whole
    // file) and closes the connection and the lock. Throws StorageError (Io) when the log
    // could not be folded in, "the disk is full" included: the changes are safe in FILE-wal
    // and the next open completes the file, but a copy of the file alone would lack them.
    // The destructor does the same; a failure there cannot throw, so it is kept for
    // takeCloseFailures().
    void close();

    QString path() const { return m_path; }
    bool isReadOnly() const { return m_readOnly; }
    QString readOnlyReason() const { return m_readOnlyReason; }
    int schemaVersion() const;
    // SQLite's data_version: changes when another connection committed since the last call
    // on this one (a sync's scoring outside its write transaction checks it).
    qint64 dataVersion();
    // The backup taken before this open upgraded the schema; empty when none was needed.
    QString migrationBackupPath() const { return m_migrationBackup; }

    static int latestSchemaVersion();

    // A prepared statement, prepared once per connection and reused (bind, exec, finish).
    QSqlQuery &statement(const QString &sql);
    // The same through the C API (rawstatement.h), for writes run per row: preparing a
    // statement on a table with history triggers compiles the triggers too, which costs
    // more than the write itself. Use with RawStatement::run(), which resets it.
    RawStatement &cachedRaw(const char *sql);
    // Executes one statement without parameters; throws StorageError on failure.
    void exec(const QString &sql);
    // Executes an already bound query; throws StorageError naming `context` on failure.
    void execPrepared(QSqlQuery &query, const QString &context);
    QSqlDatabase connection() const { return m_db; }

    // PRAGMA quick_check (or integrity_check + foreign_key_check when `full`): empty when
    // healthy, otherwise the problems SQLite reports.
    QStringList check(bool full);
    // quick_check of some tables and their indexes only (names from code).
    QStringList checkTables(const QStringList &tables);

    // Writes a consistent copy of the open database to `target` (VACUUM INTO), mode 0600,
    // then reopens the copy to verify it. Throws StorageError when any step fails.
    void copyTo(const QString &target);

    // Whether the last writer of this file did not close it (it crashed, was killed, or the
    // machine lost power): its lock file was still there, held by nobody. Such an open runs
    // the full integrity check (integrity_check + foreign_key_check) instead of quick_check:
    // before open() returns for Full, in the background for Deferred.
    bool openedAfterUncleanShutdown() const { return m_uncleanShutdown; }
    QString uncleanShutdownNote() const { return m_uncleanShutdownNote; } // who left it, when
    // The whole-file check this open ran or runs: Quick (quick_check), Integrity (the full
    // check after an unclean shutdown), or None (a worker, a read-only open of an older file).
    enum class CheckKind { None, Quick, Integrity };
    CheckKind checkKind() const { return m_checkKind; }

    // The whole-file integrity check of a Deferred open: ready() never blocks; problems()
    // waits for it (empty when healthy or when the open was Full).
    bool integrityCheckReady() const;
    QStringList integrityProblems();

    // Transaction bookkeeping for Transaction (nesting uses savepoints).
    int transactionDepth() const { return m_depth; }

private:
    friend class Transaction;
    friend class ReadSnapshot;
    Database() = default;
    void connect(bool readOnly);
    // Refuses (StorageError) when Qt's SQLite driver runs another SQLite than Keystone links:
    // the raw fast paths (RawStatement, the change recorder) use the driver's handle directly.
    void checkSameSqlite();
    void applyPragmas();
    void migrate(const OpenOptions &options);
    void requireWritable() const;

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    std::unique_ptr<QLockFile> m_lock;
    bool m_readOnly = false;
    bool m_immutable = false; // read through `immutable=1`: a read-only folder, no log to read
    bool m_worker = false;
    QString m_readOnlyReason;
    QString m_migrationBackup;
    bool m_uncleanShutdown = false;
    QString m_uncleanShutdownNote;
    CheckKind m_checkKind = CheckKind::None;
    int m_depth = 0;
    bool m_wrote = false; // a write transaction committed: close() records which Keystone wrote the file
    std::shared_future<QStringList> m_fullCheck; // valid only for a Deferred open
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_statements;
    std::unordered_map<std::string, std::unique_ptr<RawStatement>> m_raw;
};

// Messages of closes that failed in a destructor (see Database::close), oldest first, and
// forgotten once taken: the CLI turns them into a non-zero exit, the window into a message.
QStringList takeCloseFailures();

// Throws StorageError (Constraint or Sql) describing why `query` failed during `context`.
// Empty when `driverSourceId` (SELECT sqlite_source_id() through Qt's driver) is the
// SQLite Keystone links; else the message that refuses to open, naming both.
QString sqliteMismatch(const QString &driverSourceId);

[[noreturn]] void throwQueryError(const QSqlQuery &query, const QString &file, const QString &context);

} // namespace keystone::storage
