// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QString>
#include <QtGlobal>

namespace keystone::storage {

class Database;

// RAII write transaction: BEGIN IMMEDIATE (so the write lock is taken up front and a busy
// file fails early, not halfway), or a SAVEPOINT when nested. Rolls back unless commit()
// was called, so an exception anywhere inside leaves no partial rows.
class Transaction
{
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Q_DISABLE_COPY_MOVE(Transaction)

    void commit();

private:
    Database &m_db;
    int m_level = 0;
    bool m_done = false;
};

// RAII read snapshot: every read until it ends sees the file as it was at the first one,
// whatever other connections commit meanwhile (a deferred BEGIN; in WAL mode, readers never
// block writers). For a whole-file read such as an export, so that its tables agree with
// each other. Inside a transaction it does nothing: that one already reads one state.
class ReadSnapshot
{
public:
    explicit ReadSnapshot(Database &db);
    ~ReadSnapshot();
    Q_DISABLE_COPY_MOVE(ReadSnapshot)

private:
    Database &m_db;
    bool m_began = false;
};

} // namespace keystone::storage
