// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "benchsupport.h"

#include <QFile>

#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>

namespace keystone::bench {

Stats summarise(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    Stats s;
    if (samples.empty())
        return s;
    s.min = samples.front();
    s.max = samples.back();
    const size_t n = samples.size();
    s.median = n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2.0;
    return s;
}

double msSince(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

qint64 rawScalar(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    qint64 value = 0;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
            value = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return value;
}

double rawSelect(const QString &path, qint64 *rowsOut)
{
    QElapsedTimer t;
    t.start();
    sqlite3 *db = nullptr;
    auto fail = [&](const char *what) {
        std::fprintf(stderr, "keystone-bench: raw SQLite %s failed: %s\n", what, db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return -1.0;
    };
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        return fail("open");
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v2(db,
                           "SELECT a.id, a.uuid, a.name, a.industry, a.region, a.owner_id, a.arr_cents, a.currency, "
                           "a.renewal_date, a.customer_since, a.lifecycle, a.at_risk, a.tier_override, a.tier_override_reason, "
                           "a.potential_rating, a.notes, a.referenceable, a.created_at, a.updated_at FROM accounts a ORDER BY a.id",
                           -1, &st, nullptr) != SQLITE_OK)
        return fail("prepare");
    qint64 rows = 0;
    size_t bytes = 0;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        ++rows;
        for (int c = 0; c < 19; ++c) {
            if (sqlite3_column_type(st, c) == SQLITE_TEXT)
                bytes += size_t(sqlite3_column_bytes(st, c)) + size_t(sqlite3_column_text(st, c)[0]);
            else
                bytes += size_t(sqlite3_column_int64(st, c) & 1);
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return fail("step");
    // The model also needs owner names: the same second query.
    if (sqlite3_prepare_v2(db, "SELECT id, name FROM team_members", -1, &st, nullptr) != SQLITE_OK)
        return fail("prepare");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        bytes += size_t(sqlite3_column_bytes(st, 1));
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return fail("step");
    sqlite3_close(db);
    if (rowsOut)
        *rowsOut = rows + qint64(bytes == 0);
    return msSince(t);
}

long peakRssKb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

void resetPeak()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
}

double peakMb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (f.open(QIODevice::ReadOnly))
        for (const QByteArray &line : f.readAll().split('\n'))
            if (line.startsWith("VmHWM:"))
                return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return double(peakRssKb()) / 1024.0;
}

const std::map<QString, QStringList> &groupMeasures()
{
    static const std::map<QString, QStringList> m{
        {QStringLiteral("generate"), {QStringLiteral("generate")}},
        {QStringLiteral("open"),
         {QStringLiteral("open_portfolio"), QStringLiteral("raw_sqlite_select"), QStringLiteral("integrity_check_full"),
          QStringLiteral("integrity_check_remaining")}},
        {QStringLiteral("filter"), {QStringLiteral("filter_keystroke"), QStringLiteral("sort_by_arr")}},
        {QStringLiteral("whitespace"), {QStringLiteral("whitespace_grid"), QStringLiteral("whitespace_portfolio_10k")}},
        {QStringLiteral("map"), {QStringLiteral("layout_map_300"), QStringLiteral("map_load_300"), QStringLiteral("depth_10k")}},
        {QStringLiteral("health"),
         {QStringLiteral("health_current_10k"), QStringLiteral("health_history_10k"), QStringLiteral("health_load_10k"),
          QStringLiteral("scorecard_preview_10k"), QStringLiteral("plan_summaries_10k")}},
        {QStringLiteral("qbr"), {QStringLiteral("qbr_one"), QStringLiteral("qbr_batch_100")}},
        {QStringLiteral("window"), {QStringLiteral("window_first_paint")}},
        {QStringLiteral("book"), {QStringLiteral("book_load_10k"), QStringLiteral("dashboard_*")}},
        {QStringLiteral("csv"), {QStringLiteral("import_csv_10k"), QStringLiteral("sqlite3_import_csv_10k")}},
        {QStringLiteral("json"), {QStringLiteral("export_json_10k"), QStringLiteral("import_json_10k")}},
        {QStringLiteral("team"), {QStringLiteral("team_*")}},
    };
    return m;
}

bool nameMatches(const QString &pattern, const QString &name)
{
    return pattern.endsWith(QLatin1Char('*')) ? name.startsWith(pattern.chopped(1)) : name == pattern;
}

} // namespace keystone::bench
