// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Shared by the team book's tests: the throwaway server ctest started (fixture TeamServer),
// a fresh database on it, and plain libpq to read and write it apart from Keystone's code.
#pragma once

#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_test_macros.hpp>
#else
#include <catch2/catch.hpp>
#endif

#include <QFile>
#include <QString>
#include <QStringList>
#include <QUuid>

#include <libpq-fe.h>

#include <memory>

namespace teamtest {

// The admin URL of the throwaway server, from the folder ctest's fixture started it in.
inline QString adminUrl()
{
    const QString dir = qEnvironmentVariable("KEYSTONE_TEAM_SERVER_DIR");
    QFile f(dir + QStringLiteral("/url"));
    INFO("KEYSTONE_TEAM_SERVER_DIR=" << dir.toStdString() << ": the test PostgreSQL server did not start (see the output of the "
         "test 'team server: start')");
    REQUIRE(f.open(QIODevice::ReadOnly));
    return QString::fromUtf8(f.readAll()).trimmed();
}

// Runs SQL through plain libpq and returns the first column of each row.
inline QStringList sql(const QString &url, const QString &statement)
{
    std::unique_ptr<PGconn, void (*)(PGconn *)> conn(PQconnectdb(url.toUtf8().constData()), &PQfinish);
    INFO(PQerrorMessage(conn.get()));
    REQUIRE(PQstatus(conn.get()) == CONNECTION_OK);
    std::unique_ptr<PGresult, void (*)(PGresult *)> res(PQexec(conn.get(), statement.toUtf8().constData()), &PQclear);
    INFO(statement.toStdString() << ": " << PQresultErrorMessage(res.get()));
    REQUIRE((PQresultStatus(res.get()) == PGRES_TUPLES_OK || PQresultStatus(res.get()) == PGRES_COMMAND_OK));
    QStringList rows;
    for (int i = 0; i < PQntuples(res.get()); ++i)
        rows << QString::fromUtf8(PQgetvalue(res.get(), i, 0));
    return rows;
}

// A new, empty database on the throwaway server; its URL.
inline QString freshDatabase()
{
    const QString admin = adminUrl();
    const QString name = QStringLiteral("t_%1").arg(QUuid::createUuid().toString(QUuid::Id128));
    sql(admin, QStringLiteral("CREATE DATABASE %1").arg(name));
    QString url = admin;
    url.replace(QStringLiteral("/postgres"), QLatin1Char('/') + name);
    return url;
}

// The URL of `url`'s database as another login (trusted locally, no password).
inline QString asLogin(const QString &url, const QString &login)
{
    QString out = url;
    out.replace(QStringLiteral("keystone_admin@"), login + QLatin1Char('@'));
    return out;
}

// Runs a statement as it is, returning the server's error ("" when it ran).
inline QString tryExec(const QString &url, const QString &statement)
{
    std::unique_ptr<PGconn, void (*)(PGconn *)> conn(PQconnectdb(url.toUtf8().constData()), &PQfinish);
    REQUIRE(PQstatus(conn.get()) == CONNECTION_OK);
    std::unique_ptr<PGresult, void (*)(PGresult *)> res(PQexec(conn.get(), statement.toUtf8().constData()), &PQclear);
    const auto st = PQresultStatus(res.get());
    if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
        return {};
    return QString::fromUtf8(PQresultErrorMessage(res.get())).trimmed();
}

} // namespace teamtest
