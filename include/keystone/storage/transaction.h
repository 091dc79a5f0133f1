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

} // namespace keystone::storage
