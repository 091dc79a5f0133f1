// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// A thin RAII layer over libpq for the team library: one connection, statements with text
// parameters, results read as text. Internal to src/team.
#pragma once

#include "keystone/team/teamserver.h"

#include <QString>
#include <QStringList>

#include <libpq-fe.h>

#include <memory>
#include <optional>

namespace keystone::team {

class PgResult
{
public:
    explicit PgResult(PGresult *result) : m_result(result, &PQclear) {}
    int rows() const { return PQntuples(m_result.get()); }
    bool isNull(int row, int column) const { return PQgetisnull(m_result.get(), row, column) != 0; }
    QString text(int row, int column) const { return QString::fromUtf8(PQgetvalue(m_result.get(), row, column)); }
    QByteArray bytes(int row, int column) const
    {
        return QByteArray(PQgetvalue(m_result.get(), row, column), PQgetlength(m_result.get(), row, column));
    }
    PGresult *raw() const { return m_result.get(); }
    // Rows an INSERT, UPDATE or DELETE wrote.
    int affected() const { return QByteArray(PQcmdTuples(m_result.get())).toInt(); }

private:
    std::unique_ptr<PGresult, void (*)(PGresult *)> m_result;
};

class PgConnection
{
public:
    // Connects or throws TeamError(Unreachable) naming the server (without its password).
    explicit PgConnection(const QString &url);
    // Runs one statement (or several, without parameters); throws TeamError with the
    // server's words, Refused for a missing privilege or a constraint.
    PgResult exec(const QString &sql, const QStringList &params = {});
    // Runs a COPY ... FROM STDIN with `data` (COPY's text format); throws as exec() does.
    void copyIn(const QString &sql, const QByteArray &data);

private:
    [[noreturn]] void fail(PGresult *raw);
    QString m_display;
    std::unique_ptr<PGconn, void (*)(PGconn *)> m_conn;
};

} // namespace keystone::team
