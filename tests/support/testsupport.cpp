// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QProcess>

#include <sqlite3.h>

#include <algorithm>
#include <string>

namespace keystone::test {

void execSqlite(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    const int opened = sqlite3_open(path.toUtf8().constData(), &db);
    INFO(path.toStdString());
    if (opened != SQLITE_OK) {
        sqlite3_close(db);
        FAIL("sqlite3_open failed");
    }
    char *err = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
    const std::string message = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(db);
    INFO(message);
    REQUIRE(rc == SQLITE_OK);
}

namespace {
struct ReadOnlyDb {
    sqlite3 *db = nullptr;
    explicit ReadOnlyDb(const QString &path)
    {
        INFO(path.toStdString());
        REQUIRE(sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    }
    ~ReadOnlyDb() { sqlite3_close(db); }
    QStringList column(const std::string &sql) const
    {
        sqlite3_stmt *st = nullptr;
        INFO(sql);
        REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
        QStringList out;
        while (sqlite3_step(st) == SQLITE_ROW)
            out << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)));
        sqlite3_finalize(st);
        return out;
    }
};
} // namespace

QStringList dumpTables(const QString &path, const QStringList &skip)
{
    const ReadOnlyDb db(path);
    QStringList rows;
    for (const QString &table : db.column("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
        if (skip.contains(table))
            continue;
        const std::string quotedTable = "\"" + table.toStdString() + "\"";
        QStringList values;
        for (const QString &col : db.column("SELECT name FROM pragma_table_info('" + table.toStdString() + "')"))
            values << QStringLiteral("quote(\"%1\")").arg(col);
        const std::string sql = "SELECT '" + table.toStdString() + ": ' || " + values.join(QStringLiteral(" || '|' || ")).toStdString() + " FROM " + quotedTable;
        for (const QString &row : db.column(sql))
            // The sequence of a skipped table (AUTOINCREMENT) belongs to that table.
            if (table != QLatin1String("sqlite_sequence") ||
                !std::any_of(skip.cbegin(), skip.cend(), [&](const QString &t) { return row.startsWith(QStringLiteral("sqlite_sequence: '%1'|").arg(t)); }))
                rows << row;
    }
    rows.sort();
    return rows;
}

qint64 queryInt(const QString &path, const char *sql)
{
    const ReadOnlyDb db(path);
    const QStringList values = db.column(sql);
    return values.isEmpty() ? 0 : values.front().toLongLong();
}

QString queryText(const QString &path, const QString &sql)
{
    const ReadOnlyDb db(path);
    const QByteArray utf8 = sql.toUtf8();
    const QStringList values = db.column(utf8.constData());
    return values.isEmpty() ? QString() : values.front();
}

TempDir::TempDir()
{
    REQUIRE(m_dir.isValid());
}

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result().toHex();
}

QString programPath(const QString &name)
{
    // The environment wins, so a test binary can be pointed at an installed build.
    const QString dir = qEnvironmentVariable("KEYSTONE_BIN_DIR", QStringLiteral(KEYSTONE_BIN_DIR));
    REQUIRE(!dir.isEmpty());
    return QDir(dir).filePath(name);
}

ProgramRun runProgram(const QString &name, const QStringList &args, int timeoutMs)
{
    QProcess p;
    p.start(name.contains(QLatin1Char('/')) ? name : programPath(name), args);
    REQUIRE(p.waitForFinished(timeoutMs));
    ProgramRun r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    REQUIRE(f.write(bytes) == bytes.size());
}

} // namespace keystone::test

namespace keystone::test {

qint64 leaveStaleLock(const QString &portfolioPath)
{
    const QString lockPath = portfolioPath + QStringLiteral(".lock");
    QByteArray content;
    {
        QLockFile lock(lockPath);
        if (!lock.tryLock(0))
            return 0;
        QFile f(lockPath);
        if (f.open(QIODevice::ReadOnly))
            content = f.readAll();
    } // removed here, as by a clean close
    // A process that has come and gone: its id is nobody's now.
    QProcess gone;
    gone.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("exit 0")});
    gone.waitForStarted();
    const qint64 pid = gone.processId();
    gone.waitForFinished();
    const qsizetype eol = content.indexOf('\n');
    writeFile(lockPath, QByteArray::number(pid) + (eol >= 0 ? content.mid(eol) : QByteArray("\n")));
    return pid;
}

int killRounds(int full)
{
#ifdef KEYSTONE_TESTS_SANITIZED
    return std::max(4, full / 4);
#else
    return full;
#endif
}

} // namespace keystone::test
