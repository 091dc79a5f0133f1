// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "pgconnection.h"

#include "keystone/log/log.h"

#include <QByteArray>

#include <vector>

namespace keystone::team {

namespace {
QString trimmed(const char *text)
{
    return QString::fromUtf8(text).trimmed();
}

// The server's notices (e.g. "role is not a member" for a REVOKE that had nothing to take)
// go to the log's detail level, not to the user's terminal.
void logNotice(void *, const char *message)
{
    log::debug(QStringLiteral("team server: %1").arg(trimmed(message)));
}
} // namespace

PgConnection::PgConnection(const QString &url)
    : m_display(displayUrl(url))
    , m_conn(PQconnectdb(url.toUtf8().constData()), &PQfinish)
{
    if (!m_conn || PQstatus(m_conn.get()) != CONNECTION_OK)
        throw TeamError(TeamError::Code::Unreachable,
                        QStringLiteral("cannot reach the team server at %1: %2").arg(m_display, m_conn ? trimmed(PQerrorMessage(m_conn.get())).simplified() : QStringLiteral("out of memory")));
    PQsetClientEncoding(m_conn.get(), "UTF8");
    PQsetNoticeProcessor(m_conn.get(), &logNotice, nullptr);
}

PgResult PgConnection::exec(const QString &sql, const QStringList &params)
{
    const QByteArray statement = sql.toUtf8();
    std::vector<QByteArray> values;
    std::vector<const char *> pointers;
    values.reserve(size_t(params.size()));
    for (const QString &p : params) {
        values.push_back(p.toUtf8());
        pointers.push_back(p.isNull() ? nullptr : values.back().constData());
    }
    PGresult *raw = params.isEmpty() ? PQexec(m_conn.get(), statement.constData())
                                     : PQexecParams(m_conn.get(), statement.constData(), int(params.size()), nullptr, pointers.data(), nullptr, nullptr, 0);
    PgResult result(raw);
    const ExecStatusType status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
        return result;
    fail(raw);
}

void PgConnection::copyIn(const QString &sql, const QByteArray &data)
{
    const QByteArray statement = sql.toUtf8();
    {
        PgResult start(PQexec(m_conn.get(), statement.constData()));
        PGresult *raw = start.raw();
        if (!raw || PQresultStatus(raw) != PGRES_COPY_IN)
            fail(raw);
    }
    constexpr qsizetype kChunk = 1 << 20;
    bool sent = true;
    for (qsizetype at = 0; at < data.size() && sent; at += kChunk)
        sent = PQputCopyData(m_conn.get(), data.constData() + at, int(std::min(kChunk, data.size() - at))) == 1;
    PQputCopyEnd(m_conn.get(), sent ? nullptr : "the client could not send the rows");
    // The COPY's outcome, then nothing.
    std::optional<PgResult> failed;
    while (PGresult *raw = PQgetResult(m_conn.get())) {
        PgResult r(raw);
        if (PQresultStatus(raw) != PGRES_COMMAND_OK && !failed)
            failed.emplace(std::move(r));
    }
    if (failed)
        fail(failed->raw());
    if (PQstatus(m_conn.get()) != CONNECTION_OK)
        fail(nullptr);
}

void PgConnection::fail(PGresult *raw)
{
    if (PQstatus(m_conn.get()) != CONNECTION_OK)
        throw TeamError(TeamError::Code::Unreachable,
                        QStringLiteral("the connection to the team server at %1 was lost: %2").arg(m_display, trimmed(PQerrorMessage(m_conn.get()))));
    // SQLSTATE class 42501: insufficient privilege; class 23: integrity constraints.
    const QString state = raw ? QString::fromLatin1(PQresultErrorField(raw, PG_DIAG_SQLSTATE)) : QString();
    QString words = raw ? trimmed(PQresultErrorField(raw, PG_DIAG_MESSAGE_PRIMARY)) : QString();
    if (words.isEmpty() && raw)
        words = trimmed(PQresultErrorMessage(raw)).simplified();
    if (words.isEmpty())
        words = trimmed(PQerrorMessage(m_conn.get())).simplified();
    // A server that went away mid-query: an error libpq made itself (no SQLSTATE: "server
    // closed the connection unexpectedly"), a connection exception (class 08), or the server
    // shutting down (57P01-57P03). libpq may not have marked the connection bad yet.
    if (state.isEmpty() || state.startsWith(QLatin1String("08")) || state.startsWith(QLatin1String("57P0")))
        throw TeamError(TeamError::Code::Unreachable, QStringLiteral("the connection to the team server at %1 was lost: %2")
                                                          .arg(m_display, words.isEmpty() ? QStringLiteral("no answer") : words));
    const bool refused = state == QLatin1String("42501") || state.startsWith(QLatin1String("23"));
    throw TeamError(refused ? TeamError::Code::Refused : TeamError::Code::Failed, QStringLiteral("the team server at %1 said: %2").arg(m_display, words));
}

} // namespace keystone::team
