// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/storage/database.h"

#include "databasecheck.h"
#include "rawstatement.h"

#include "keystone/log/log.h"
#include "keystone/log/version.h"
#include "keystone/storage/backups.h"
#include "keystone/storage/storageerror.h"
#include "keystone/storage/transaction.h"
#include "keystone/tasks/taskrunner.h"

#include <QAtomicInteger>
#include <QMutex>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QUrl>

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <utility>

namespace keystone::storage {

namespace {

QAtomicInteger<quint64> g_connectionCounter;

QString nativeName(const QString &path)
{
    return QFileInfo(path).absoluteFilePath();
}

} // namespace

int Database::latestSchemaVersion()
{
    return keystoneMigrations().back().version;
}

// QLockFile::tryLock, except that a lock file left empty (its writer was killed between
// creating it and writing its process id into it) and older than a few seconds is removed
// first: nobody can ever hold it, and QLockFile alone would treat it as held for good.
// A live QLockFile holder takes flock() on the file right after creating it, before it
// writes its process id; an empty file that no process holds that way was left by a killed
// one, and is removed at once (filesystems without flock fall back to the age).
static bool heldByNobody(const QString &lockPath)
{
    const int fd = ::open(QFile::encodeName(lockPath).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool free = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
    if (free)
        ::flock(fd, LOCK_UN);
    ::close(fd);
    return free;
}

static bool tryLockClearingEmpty(QLockFile &lock, const QString &lockPath)
{
    if (lock.tryLock(0))
        return true;
    const QFileInfo info(lockPath);
    if (lock.error() == QLockFile::LockFailedError && info.exists() && info.size() == 0
        && (heldByNobody(lockPath) || info.lastModified().secsTo(QDateTime::currentDateTime()) >= 5)) {
        log::warn(QStringLiteral("%1: an empty lock file left by a Keystone that was stopped while creating it; removed").arg(lockPath));
        QFile::remove(lockPath);
        return lock.tryLock(0);
    }
    return false;
}

// A -wal or -journal under the new portfolio's name, without its file: left by a portfolio
// that was deleted while a Keystone (or a kill) had left its log behind. SQLite would replay
// it into the new file (it cannot tell whose log it is), bringing the deleted portfolio's
// rows, or damage, into a new one. It is moved aside whole (it may be the only copy of
// someone's last changes), never replayed; a -shm holds no data and goes. The creator holds
// the lock, so no Keystone is using these files.
static void setAsideOrphanedLog(const QString &file)
{
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-journal")}) {
        const QString log = file + suffix;
        if (!QFileInfo::exists(log))
            continue;
        QString aside = log + QStringLiteral(".orphaned-") + stamp;
        for (int n = 2; QFileInfo::exists(aside); ++n) // two in the same second keep both
            aside = log + QStringLiteral(".orphaned-%1-%2").arg(stamp).arg(n);
        if (!QFile::rename(log, aside))
            throw StorageError(StorageError::Code::Io, file,
                               QStringLiteral("Cannot create %1: %2 is left from an earlier file of that name and cannot be moved aside")
                                   .arg(file, QFileInfo(log).fileName()));
        log::warn(QStringLiteral("%1: a log left by an earlier file of that name was set aside as %2, not replayed into the new portfolio").arg(file, aside));
    }
    QFile::remove(file + QStringLiteral("-shm"));
}

std::unique_ptr<Database> Database::create(const QString &path, OpenOptions options)
{
    const QString file = nativeName(path);
    if (QFileInfo::exists(file))
        throw StorageError(StorageError::Code::AlreadyExists, file,
                           QStringLiteral("%1 already exists; choose another name or open it instead").arg(file));
    std::unique_ptr<Database> db(new Database);
    db->m_lock = std::make_unique<QLockFile>(file + QStringLiteral(".lock"));
    db->m_lock->setStaleLockTime(0);
    if (!tryLockClearingEmpty(*db->m_lock, file + QStringLiteral(".lock"))) {
        qint64 pid = 0;
        QString host, app;
        throw StorageError(StorageError::Code::Io, file,
                           db->m_lock->getLockInfo(&pid, &host, &app)
                               ? QStringLiteral("Cannot create %1: another Keystone (process %2 on %3) is creating or using a file of that name").arg(file).arg(pid).arg(host)
                               : QStringLiteral("Cannot create %1: its lock file %2 cannot be made").arg(file, QFileInfo(file + QStringLiteral(".lock")).fileName()));
    }
    // A new portfolio is built under a name of its own and renamed into place once it holds
    // Keystone's schema, so a creation that is killed, crashes or fails never leaves a file
    // under the portfolio's name that is not a portfolio. The lock (held above) keeps any
    // other creator of the same name away, so a leftover of an earlier attempt can go.
    const QString building = file + QStringLiteral(".creating");
    const auto removeBuilding = [&building] {
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
            QFile::remove(building + suffix);
    };
    removeBuilding();
    setAsideOrphanedLog(file);
    {
        QFile f(building);
        // Owner-only from the first byte: a portfolio holds commercial secrets.
        if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            throw StorageError(StorageError::Code::Io, file, QStringLiteral("Cannot create %1: %2").arg(file, f.errorString()));
    }
    try {
        db->m_path = building;
        db->connect(false);
        db->migrate(options);
        db->m_statements.clear();
        db->m_raw.clear();
        db->m_db.close(); // the last connection: SQLite checkpoints and removes the -wal
        db->m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(db->m_connectionName);
        const QFileInfo wal(building + QStringLiteral("-wal"));
        if (wal.exists() && wal.size() > 0)
            throw StorageError(StorageError::Code::Io, file,
                               QStringLiteral("Cannot create %1: its first write could not be completed (is the disk full?)").arg(file));
        if (!QFile::rename(building, file)) // refuses when a file of that name appeared meanwhile
            throw StorageError(StorageError::Code::AlreadyExists, file,
                               QStringLiteral("%1 already exists; choose another name or open it instead").arg(file));
        db->m_path = file;
        db->connect(false);
    } catch (...) {
        const bool placed = db->m_path == file;
        db.reset();
        removeBuilding();
        if (placed) {
            QFile::remove(file);
            QFile::remove(file + QStringLiteral("-wal"));
            QFile::remove(file + QStringLiteral("-shm"));
        }
        throw;
    }
    return db;
}

std::unique_ptr<Database> Database::open(const QString &path, OpenOptions options)
{
    const QString file = nativeName(path);
    const QFileInfo info(file);
    if (!info.exists())
        throw StorageError(StorageError::Code::NotFound, file, QStringLiteral("%1 does not exist").arg(file));
    if (!info.isFile())
        throw StorageError(StorageError::Code::NotSqlite, file, QStringLiteral("%1 is not a file").arg(file));

    const std::vector<Migration> &migrations = options.migrations.empty() ? keystoneMigrations() : options.migrations;
    const int latest = migrations.back().version;

    // Everything that can be decided from the header is decided before SQLite touches the file.
    const FileHeader header = readFileHeader(file);
    if (header.fileSize == 0)
        throw StorageError(StorageError::Code::NotKeystone, file,
                           QStringLiteral("%1 is empty: it is not a Keystone portfolio").arg(file));
    if (!header.isSqlite)
        throw StorageError(StorageError::Code::NotSqlite, file,
                           QStringLiteral("%1 is not a Keystone portfolio: it is not an SQLite database").arg(file));
    if (header.applicationId != kApplicationId)
        throw StorageError(StorageError::Code::NotKeystone, file,
                           QStringLiteral("%1 is an SQLite database of another application (application_id %2), not a Keystone portfolio")
                               .arg(file).arg(header.applicationId));
    if (int(header.userVersion) > latest)
        throw StorageError(StorageError::Code::NewerSchema, file,
                           QStringLiteral("%1 was written by a newer Keystone (schema version %2; this build reads up to %3). Update Keystone to open it.")
                               .arg(file).arg(header.userVersion).arg(latest));
    if (header.pageCountValid && header.pageSize > 0
        && header.fileSize < qint64(header.pageCount) * header.pageSize) {
        // Short, unless a checkpoint was cut off and the log still holds the missing tail.
        const WalContents wal = readWalContents(file + QStringLiteral("-wal"));
        const quint32 wholePages = quint32(header.fileSize / header.pageSize);
        if (wal.pageSize != header.pageSize || !wal.holdsAll(wholePages + 1, header.pageCount))
            throw StorageError(StorageError::Code::Corrupt, file,
                               QStringLiteral("%1 is damaged: it is truncated (%2 bytes, the header says %3)%4. Restore a backup.")
                                   .arg(file).arg(header.fileSize).arg(qint64(header.pageCount) * header.pageSize)
                                   .arg(wal.pageSize == 0 ? QString() : QStringLiteral(" and its write-ahead log does not hold the missing pages")));
        log::info(QStringLiteral("%1: the file is %2 bytes short of its header; its write-ahead log holds the missing pages (an interrupted checkpoint)")
                      .arg(file).arg(qint64(header.pageCount) * header.pageSize - header.fileSize));
    }

    std::unique_ptr<Database> db(new Database);
    db->m_path = file;
    db->m_lock = std::make_unique<QLockFile>(file + QStringLiteral(".lock"));
    db->m_lock->setStaleLockTime(0); // stale only when the holder process is gone
    bool writer = !options.readOnly;
    // The lock file is also the clean-shutdown marker: a clean close removes it, so one that
    // is there, held by nobody, was left by a Keystone that crashed, was killed or lost power.
    const QString lockPath = file + QStringLiteral(".lock");
    QString leftBy;
    if (writer && QFileInfo::exists(lockPath)) {
        qint64 pid = 0;
        QString host, app;
        const QDateTime when = QFileInfo(lockPath).lastModified();
        leftBy = db->m_lock->getLockInfo(&pid, &host, &app)
                     ? QStringLiteral("process %1 on %2, opened %3").arg(pid).arg(host, when.toString(Qt::ISODate))
                     : QStringLiteral("opened %1").arg(when.toString(Qt::ISODate));
    }
    const bool folderWritable = QFileInfo(info.absolutePath()).isWritable();
    if (writer && !folderWritable) {
        writer = false;
        db->m_readOnlyReason = QStringLiteral("%1 is in a folder you cannot write to (read-only media, or no permission); it is shown read-only. "
                                              "Copy it to a writable folder to change it.").arg(file);
    } else if (writer && !tryLockClearingEmpty(*db->m_lock, lockPath)) {
        qint64 pid = 0;
        QString host, app;
        writer = false;
        if (db->m_lock->error() == QLockFile::LockFailedError && db->m_lock->getLockInfo(&pid, &host, &app))
            db->m_readOnlyReason = QStringLiteral("%1 is open in another Keystone window (process %2 on %3); it is shown read-only here.")
                                       .arg(file).arg(pid).arg(host);
        else
            db->m_readOnlyReason = QStringLiteral("%1 cannot be locked for writing (%2); it is shown read-only.")
                                       .arg(file, db->m_lock->error() == QLockFile::PermissionError ? QStringLiteral("no permission to create its lock file")
                                                                                                    : QStringLiteral("its lock file cannot be made"));
    } else if (!writer) {
        db->m_readOnlyReason = QStringLiteral("%1 was opened read-only.").arg(file);
    }
    if (writer && !info.isWritable()) {
        writer = false;
        db->m_lock->unlock();
        db->m_readOnlyReason = QStringLiteral("%1 is not writable by you; it is shown read-only.").arg(file);
    }
    if (writer && !leftBy.isEmpty()) {
        db->m_uncleanShutdown = true;
        db->m_uncleanShutdownNote = QStringLiteral("%1 was not closed properly the last time it was open (%2)").arg(file, leftBy);
        log::warn(db->m_uncleanShutdownNote + QStringLiteral("; checking the whole file"));
    }

    // Damage check on a read-only connection, so a refused file is left exactly as it was.
    QStringList problems;
    const bool deferred = options.verify == OpenOptions::Verify::Deferred && int(header.userVersion) == latest;
    auto firstRead = [&] {
        db->connect(true);
        problems = deferred ? db->checkTables({QStringLiteral("settings"), QStringLiteral("team_members"), QStringLiteral("accounts")})
                            : db->check(false);
    };
    try {
        firstRead();
    } catch (const StorageError &e) {
        // Not damage: the file could not be read here. In a folder nobody here may write to,
        // a file with no write-ahead log still reads as it stands.
        const QFileInfo wal(file + QStringLiteral("-wal"));
        if (writer || folderWritable || (wal.exists() && wal.size() > 0)) {
            if (!writer && !folderWritable)
                throw StorageError(StorageError::Code::Io, file,
                                   QStringLiteral("%1 cannot be read in this read-only folder: its write-ahead log (%2) holds changes that need a "
                                                  "file SQLite cannot create here. Copy the portfolio with its -wal file to a writable folder. "
                                                  "The file is not damaged.").arg(file, wal.fileName()));
            throw;
        }
        db->m_statements.clear();
        db->m_db.close();
        db->m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(db->m_connectionName);
        db->m_immutable = true;
        firstRead();
    }
    if (!deferred && problems.isEmpty() && db->m_uncleanShutdown) {
        problems = db->check(true); // integrity_check and foreign_key_check, before anything is written
        db->m_checkKind = CheckKind::Integrity;
    } else if (!deferred) {
        db->m_checkKind = CheckKind::Quick;
    }
    if (deferred && problems.isEmpty()) {
        // The rest of the file is checked in the background; writes wait for it. After an
        // unclean shutdown that is the full integrity check, not only quick_check.
        const bool full = db->m_uncleanShutdown;
        db->m_checkKind = full ? CheckKind::Integrity : CheckKind::Quick;
        db->m_fullCheck = tasks::Runner::instance().submit(tasks::Priority::Interactive, [file, full] { return checkFile(file, full); });
    }
    if (!problems.isEmpty()) {
        throw StorageError(StorageError::Code::Corrupt, file,
                           QStringLiteral("%1 is damaged (%2). Restore a backup.").arg(file, problems.mid(0, 3).join(QStringLiteral("; "))));
    }
    if (writer) {
        db->m_statements.clear();
        db->m_db.close();
        db->m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(db->m_connectionName);
        db->connect(false);
        db->migrate(options);
    } else if (int(header.userVersion) < latest && !options.inspectOnly) {
        throw StorageError(StorageError::Code::ReadOnly, file,
                           QStringLiteral("%1 needs upgrading to schema version %2, which cannot be done read-only. %3")
                               .arg(file).arg(latest).arg(db->m_readOnlyReason));
    }
    return db;
}

Database::WorkerTicket Database::workerTicket() const
{
    return WorkerTicket{m_path, m_readOnly, m_readOnlyReason, m_fullCheck};
}

std::unique_ptr<Database> Database::openWorker(const WorkerTicket &ticket)
{
    std::unique_ptr<Database> db(new Database);
    db->m_path = ticket.path;
    db->m_worker = true;
    db->m_readOnlyReason = ticket.readOnlyReason;
    db->m_fullCheck = ticket.fullCheck;
    db->connect(ticket.readOnly);
    if (db->schemaVersion() != latestSchemaVersion())
        throw StorageError(StorageError::Code::Io, ticket.path,
                           QStringLiteral("%1 changed schema version under a worker (%2, expected %3)")
                               .arg(ticket.path).arg(db->schemaVersion()).arg(latestSchemaVersion()));
    return db;
}

namespace {
QMutex g_closeFailuresLock;
QStringList g_closeFailures;
} // namespace

QStringList takeCloseFailures()
{
    QMutexLocker locked(&g_closeFailuresLock);
    return std::exchange(g_closeFailures, {});
}

void Database::close()
{
    if (m_fullCheck.valid())
        m_fullCheck.wait(); // the worker's connection must not outlive this object
    m_statements.clear();
    m_raw.clear();
    QString failure;
    if (m_db.isOpen() && !m_readOnly && m_wrote) {
        // Which Keystone last wrote the file (`keystone-cli info`): noted once per session
        // that wrote, at its end, so no edit or undo carries it. A failure here is no
        // reason to fail the close.
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("INSERT INTO settings (key, value) VALUES ('app.last_written_by', ?) "
                                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE settings.value IS NOT excluded.value"));
        q.addBindValue(producerName());
        if (!q.exec())
            log::info(QStringLiteral("%1: which Keystone wrote it could not be noted: %2").arg(m_path, q.lastError().text()));
    }
    if (m_db.isOpen()) {
        if (!m_readOnly && !m_worker) {
            // Fold the WAL back into the file so the portfolio is one self-contained file at rest.
            QSqlQuery q(m_db);
            if (!q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"))) {
                const int primary = q.lastError().nativeErrorCode().toInt() & 0xff;
                failure = primary == SQLITE_FULL ? QStringLiteral("the disk is full") : q.lastError().databaseText();
            } else if (q.next() && q.value(0).toInt() != 0) {
                log::info(QStringLiteral("%1: the log could not be folded in on close (a reader was busy); the next open does it").arg(m_path));
            }
        }
        m_db.close();
    }
    m_db = QSqlDatabase();
    if (!m_connectionName.isEmpty())
        QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
    if (m_lock && m_lock->isLocked())
        m_lock->unlock();
    if (!failure.isEmpty()) {
        const QString message = QStringLiteral("%1 could not be completed on close (%2). Your changes are safe in %3 and the next open completes "
                                               "the file; keep that file with it, and do not copy the portfolio alone until then.")
                                    .arg(m_path, failure, QFileInfo(m_path + QStringLiteral("-wal")).fileName());
        log::error(message);
        throw StorageError(StorageError::Code::Io, m_path, message);
    }
}

Database::~Database()
{
    try {
        close();
    } catch (const StorageError &e) {
        QMutexLocker locked(&g_closeFailuresLock);
        g_closeFailures << e.message();
    }
}

void Database::connect(bool readOnly)
{
    m_readOnly = readOnly;
    m_connectionName = QStringLiteral("keystone-%1").arg(g_connectionCounter.fetchAndAddRelaxed(1));
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    if (m_immutable) {
        // A file in a folder nobody here may write to: SQLite cannot make the -shm a WAL
        // file needs even for reading, so it reads the file as it stands (there is no log).
        m_db.setDatabaseName(QUrl::fromLocalFile(m_path).toString(QUrl::FullyEncoded) + QStringLiteral("?immutable=1"));
        m_db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI;QSQLITE_BUSY_TIMEOUT=5000"));
    } else {
        m_db.setDatabaseName(m_path);
        m_db.setConnectOptions(readOnly ? QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000")
                                        : QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    }
    if (!m_db.open())
        throw StorageError(StorageError::Code::Io, m_path,
                           QStringLiteral("Cannot open %1: %2").arg(m_path, m_db.lastError().text()));
    checkSameSqlite();
    applyPragmas();
}

QString sqliteMismatch(const QString &driverSourceId)
{
    const QString ours = QString::fromLatin1(sqlite3_sourceid());
    if (driverSourceId == ours)
        return {};
    return QStringLiteral("Qt's SQLite driver uses another SQLite library (%1) than Keystone (%2, %3). Keystone's fast paths hand the "
                          "driver's connection to its own SQLite, which is only safe when both are the same library: install Qt's "
                          "SQLite plug-in built against the system SQLite (on Debian and Ubuntu, the package libqt6sql6-sqlite).")
        .arg(driverSourceId.left(40), QString::fromLatin1(sqlite3_libversion()), ours.left(40));
}

void Database::checkSameSqlite()
{
    // Once per process: the driver and the library do not change while it runs.
    static const QString problem = [this] {
        QSqlQuery q(m_db);
        return q.exec(QStringLiteral("SELECT sqlite_source_id()")) && q.next() ? sqliteMismatch(q.value(0).toString())
                                                                             : QStringLiteral("Qt's SQLite driver did not say which SQLite it uses");
    }();
    if (!problem.isEmpty())
        throw StorageError(StorageError::Code::Sql, m_path, problem);
}

void Database::applyPragmas()
{
    exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    exec(QStringLiteral("PRAGMA busy_timeout = 5000"));
    // Statement journals and sort/temp b-trees stay in memory. With the history triggers
    // every write statement needs a statement journal; on disk that was 2 million small
    // pwrite calls for a 3,000-account demo and doubled generation time.
    exec(QStringLiteral("PRAGMA temp_store = MEMORY"));
    if (!m_readOnly) {
        exec(QStringLiteral("PRAGMA journal_mode = WAL"));
        // FULL: a committed edit survives power loss, not just a crash of the app.
        exec(QStringLiteral("PRAGMA synchronous = FULL"));
    }
}

qint64 Database::dataVersion()
{
    QSqlQuery q(connection());
    return q.exec(QStringLiteral("PRAGMA data_version")) && q.next() ? q.value(0).toLongLong() : -1;
}

int Database::schemaVersion() const
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        throwQueryError(q, m_path, QStringLiteral("reading the schema version"));
    return q.value(0).toInt();
}

void Database::requireWritable() const
{
    if (m_readOnly)
        throw StorageError(StorageError::Code::ReadOnly, m_path,
                           m_readOnlyReason.isEmpty() ? QStringLiteral("%1 is read-only").arg(m_path) : m_readOnlyReason);
}

void Database::migrate(const OpenOptions &options)
{
    const std::vector<Migration> &migrations = options.migrations.empty() ? keystoneMigrations() : options.migrations;
    const int current = schemaVersion();
    if (current >= migrations.back().version)
        return;
    if (current > 0) {
        m_migrationBackup = makeBackup(*this, BackupReason::Migration);
        rotateBackups(m_path, BackupReason::Migration, options.keepBackups);
        log::info(QStringLiteral("%1: backed up to %2 before upgrading from schema %3").arg(m_path, m_migrationBackup).arg(current));
    }
    for (const Migration &m : migrations) {
        if (m.version <= current)
            continue;
        Transaction tx(*this);
        m.apply(*this);
        exec(QStringLiteral("PRAGMA user_version = %1").arg(m.version));
        tx.commit();
        log::info(QStringLiteral("%1: migrated to schema %2 (%3)").arg(m_path).arg(m.version).arg(m.name));
    }
    // The header (application_id, user_version) must be in the file itself, not only in the
    // WAL: other processes check it before SQLite opens the file, and would otherwise take a
    // new portfolio that is still open for someone else's database (found by the two-writer
    // test).
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
}

QSqlQuery &Database::statement(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it != m_statements.end())
        return *it->second;
    auto q = std::make_unique<QSqlQuery>(m_db);
    if (!q->prepare(sql))
        throwQueryError(*q, m_path, QStringLiteral("preparing a statement"));
    return *m_statements.emplace(sql, std::move(q)).first->second;
}

RawStatement &Database::cachedRaw(const char *sql)
{
    auto &slot = m_raw[std::string(sql)];
    if (!slot)
        slot = std::make_unique<RawStatement>(*this, sql);
    return *slot;
}

void Database::exec(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql))
        throwQueryError(q, m_path, sql.left(60));
}

void Database::execPrepared(QSqlQuery &query, const QString &context)
{
    if (!query.exec())
        throwQueryError(query, m_path, context);
}

void Database::copyTo(const QString &target)
{
    const QString dest = QFileInfo(target).absoluteFilePath();
    if (QFileInfo::exists(dest))
        throw StorageError(StorageError::Code::AlreadyExists, dest, QStringLiteral("%1 already exists").arg(dest));
    // Written under a name of its own and renamed once verified, so a copy cut off by a crash
    // or a kill never stands under the name of a backup.
    const QString partial = dest + QStringLiteral(".partial");
    QFile::remove(partial); // left by an earlier attempt that was cut off
    QFile::remove(partial + QStringLiteral("-journal"));
    {
        // Owner-only from the first byte: VACUUM INTO accepts an empty file, and SQLite gives
        // the copy's journal the same mode.
        // Created with the mode in the same call: a kill can never find it readable by others.
        QFile empty(partial);
        if (!empty.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            throw StorageError(StorageError::Code::Io, dest, QStringLiteral("Cannot create the copy %1: %2").arg(partial, empty.errorString()));
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("VACUUM INTO ?"));
    q.addBindValue(partial);
    if (!q.exec()) {
        QFile::remove(partial);
        throwQueryError(q, m_path, QStringLiteral("copying to %1").arg(dest));
    }
    q.finish();
    // Verify the copy by reopening it: a backup nobody can open is no backup.
    const FileHeader header = readFileHeader(partial);
    bool good = header.isSqlite && header.applicationId == readFileHeader(m_path).applicationId;
    QString why;
    if (good) {
        const QString name = QStringLiteral("keystone-verify-%1").arg(g_connectionCounter.fetchAndAddRelaxed(1));
        {
            QSqlDatabase v = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            v.setDatabaseName(partial);
            v.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
            if (v.open()) {
                QSqlQuery c(v);
                good = c.exec(QStringLiteral("PRAGMA quick_check")) && c.next() && c.value(0).toString() == QLatin1String("ok");
                if (!good)
                    why = c.lastError().databaseText();
            } else {
                good = false;
                why = v.lastError().text();
            }
            v.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
    if (!good) {
        QFile::remove(partial);
        throw StorageError(StorageError::Code::Io, dest, QStringLiteral("The copy %1 could not be verified%2").arg(dest, why.isEmpty() ? QString() : QStringLiteral(": ") + why));
    }
    if (!QFile::rename(partial, dest)) {
        QFile::remove(partial);
        throw StorageError(StorageError::Code::Io, dest, QStringLiteral("Cannot put the copy in place as %1").arg(dest));
    }
}

} // namespace keystone::storage
