// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "walprobe.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include <sqlite3.h>

namespace keystone::test {

int commitThenTruncateCheckpoint(const QString &file, QString *error)
{
    sqlite3 *db = nullptr;
    int rc = sqlite3_open_v2(file.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr);
    if (rc == SQLITE_OK) {
        char *message = nullptr;
        rc = sqlite3_exec(db, "INSERT OR REPLACE INTO settings(key, value) VALUES ('test.probe', CAST(random() AS TEXT))", nullptr,
                          nullptr, &message);
        if (rc != SQLITE_OK && error)
            *error = QString::fromUtf8(message ? message : sqlite3_errstr(rc));
        sqlite3_free(message);
        if (rc == SQLITE_OK) {
            int log = 0, done = 0;
            rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
        }
    } else if (error) {
        *error = QString::fromUtf8(sqlite3_errstr(rc));
    }
    sqlite3_close(db);
    return rc;
}

bool readersLetGo(const QString &file, int ms, QString *error)
{
    QElapsedTimer t;
    t.start();
    do {
        if (commitThenTruncateCheckpoint(file, error) == SQLITE_OK)
            return true;
        const qint64 until = t.elapsed() + 50;
        while (t.elapsed() < until) {
            QCoreApplication::processEvents();
            QThread::msleep(5);
        }
    } while (t.elapsed() < ms);
    return false;
}

} // namespace keystone::test
