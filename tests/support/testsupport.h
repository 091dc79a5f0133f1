// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#if __has_include(<catch2/catch_all.hpp>) // Catch2 v3 (Ubuntu 24.04)
#include <catch2/catch_all.hpp>
#else // Catch2 v2 (Debian 12)
#include <catch2/catch.hpp>
#endif

#include <ostream>

// Catch prints QStrings readably in failure messages.
inline std::ostream &operator<<(std::ostream &os, const QString &s)
{
    return os << '"' << s.toStdString() << '"';
}

namespace keystone::test {

// A temporary folder removed after the test.
class TempDir
{
public:
    TempDir();
    QString path() const { return m_dir.path(); }
    QString file(const QString &name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
};

// SHA-256 of a file's bytes (empty when it cannot be read).
QByteArray fileHash(const QString &path);

// A built program of this project (keystone-cli, keystone), from KEYSTONE_BIN_DIR.
QString programPath(const QString &name);

// A finished run of one of this project's programs: exit code (-1 when it crashed) and output.
struct ProgramRun {
    int code = -1;
    QString out;
    QString err;
};
// Runs a built program (by name, from programPath(), or a path) and waits for it.
ProgramRun runProgram(const QString &name, const QStringList &args, int timeoutMs = 300000);
inline ProgramRun runCli(const QStringList &args)
{
    return runProgram(QStringLiteral("keystone-cli"), args);
}

// How many times a test kills a real process at random moments: `full` in the dev build; a
// quarter (at least 4) under the sanitizers, where each run is several times slower and what
// they look for (memory errors) shows in the first runs as well as in the fiftieth. Crash
// consistency itself is proven by the full count in the dev suite.
int killRounds(int full);

// Leaves `portfolioPath`.lock as a Keystone that crashed leaves it: a lock file in Qt's own
// format naming a process that has exited. Returns that process id.
qint64 leaveStaleLock(const QString &portfolioPath);

// Runs SQL on a file through the plain sqlite3 C API, independent of Keystone's code (to
// make files Keystone must refuse or repair). Fails the test when SQLite reports an error.
void execSqlite(const QString &path, const char *sql);

// Every row of every table of an SQLite file, read through the plain sqlite3 C API (an
// independent route), one line per row ("table: value|value|..." with values as SQLite
// quotes them), sorted, skipping the tables in `skip`. Two dumps are equal exactly when the
// tables hold the same rows.
QStringList dumpTables(const QString &path, const QStringList &skip = {});
// The first column of the first row of `sql` as an integer (0 when there is no row).
qint64 queryInt(const QString &path, const char *sql);
// The first column of the first row as text (empty when none).
QString queryText(const QString &path, const QString &sql);

// Writes bytes to a file, replacing it.
void writeFile(const QString &path, const QByteArray &bytes);

} // namespace keystone::test
