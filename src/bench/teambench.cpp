// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "teambench.h"
#include "benchsupport.h"

#include "keystone/services/accountservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/syncstore.h"
#include "keystone/storage/exchangerepository.h"
#include "keystone/team/sync.h"
#include "keystone/team/teamserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QUrl>

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

namespace keystone::bench {

namespace {

// The same server, another database on it.
QString withDatabase(const QString &url, const QString &database)
{
    if (url.startsWith(QLatin1String("postgres://")) || url.startsWith(QLatin1String("postgresql://"))) {
        QUrl u(url);
        u.setPath(QLatin1Char('/') + database);
        return u.toString();
    }
    return url + QStringLiteral(" dbname=") + database; // a later keyword wins in libpq
}

// Runs psql; returns its complaint (empty when it succeeded).
QString psql(const QString &url, const QStringList &args)
{
    const QString program = QStandardPaths::findExecutable(QStringLiteral("psql"));
    if (program.isEmpty())
        return QStringLiteral("psql is not installed (apt-get install postgresql-client)");
    QProcess p;
    p.start(program, QStringList{QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                                 QStringLiteral("-d"), url} + args);
    if (!p.waitForFinished(30 * 60 * 1000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return QStringLiteral("psql %1: %2").arg(args.join(QLatin1Char(' ')).left(200), QString::fromUtf8(p.readAllStandardError()).trimmed());
    return {};
}

team::SyncReport syncWith(services::Portfolio &p, const QString &server = {})
{
    team::SyncOptions o;
    o.server = server;
    return team::syncPortfolio(p, o);
}

// 100 accounts' notes (or every account's, in a smaller book) changed through the service,
// as the window would; returns how many.
// `rescore`: their growth rating too, which moves their tier and so their health score (a
// note does not: the sync rescores only what a score reads).
int editHundred(services::Portfolio &p, const QString &mark, bool rescore)
{
    services::AccountService service(p);
    int n = 0;
    for (domain::Account a : p.accounts().all()) {
        if (n == 100)
            break;
        a.notes = mark + QString::number(++n);
        if (rescore)
            a.potentialRating = a.potentialRating % 5 + 1;
        service.update(a);
    }
    return n;
}

} // namespace

TeamBenchResult benchTeamBook(const QString &server, const QString &bookPath, const QString &workDir, int runs)
{
    TeamBenchResult out;
    const QString suffix = QString::number(QCoreApplication::applicationPid());
    const QString bookDb = QStringLiteral("keystone_bench_book_") + suffix;
    const QString floorDb = QStringLiteral("keystone_bench_floor_") + suffix;
    const QString bookUrl = withDatabase(server, bookDb);
    const QString floorUrl = withDatabase(server, floorDb);
    auto drop = [&] {
        psql(server, {QStringLiteral("-c"), QStringLiteral("DROP DATABASE IF EXISTS %1").arg(bookDb)});
        psql(server, {QStringLiteral("-c"), QStringLiteral("DROP DATABASE IF EXISTS %1").arg(floorDb)});
    };
    try {
        for (const QString &db : {bookDb, floorDb})
            if (const QString e = psql(server, {QStringLiteral("-c"), QStringLiteral("CREATE DATABASE %1").arg(db)}); !e.isEmpty())
                throw std::runtime_error(e.toStdString());
        team::initServer(bookUrl);
        team::initServer(floorUrl);

        // team_publish_10k: the generated book published (one run: it fills the server).
        const QString lead = workDir + QStringLiteral("/team-lead.keystone");
        QFile::remove(lead);
        if (!QFile::copy(bookPath, lead))
            throw std::runtime_error("cannot copy the book for the publish");
        auto leadBook = services::Portfolio::open(lead);
        QElapsedTimer t;
        t.start();
        const team::SyncReport published = syncWith(*leadBook, bookUrl);
        out.times["team_publish_10k"].push_back(msSince(t));
        out.extra["team_publish_10k"]["entities"] = double(published.pushedTotal());

        // team_copy_floor_10k: the same rows, exported from the server, loaded with COPY
        // through psql in one transaction into the same tables of another book (triggers,
        // indexes and all). Only the load is timed.
        QString load;
        for (const storage::ExchangeTable *table : services::SyncStore::tables()) {
            const QString file = workDir + QStringLiteral("/floor-%1.copy").arg(table->table);
            const bool plainAccount = table->table == QLatin1String("activity_contacts") || table->table == QLatin1String("activity_team");
            const QString columns = plainAccount ? QStringLiteral("key, account_uuid, data") : QStringLiteral("key, data");
            if (const QString e = psql(bookUrl, {QStringLiteral("-c"), QStringLiteral("\\copy (SELECT %1 FROM keystone.%2 ORDER BY change_no) TO '%3'")
                                                                           .arg(columns, table->table, file)});
                !e.isEmpty())
                throw std::runtime_error(e.toStdString());
            load += QStringLiteral("\\copy keystone.%1 (%2) FROM '%3'\n").arg(table->table, columns, file);
        }
        const QString loadFile = workDir + QStringLiteral("/floor-load.sql");
        {
            QFile f(loadFile);
            if (!f.open(QIODevice::WriteOnly) || f.write(load.toUtf8()) < 0)
                throw std::runtime_error("cannot write the floor's load script");
        }
        t.restart();
        if (const QString e = psql(floorUrl, {QStringLiteral("-1"), QStringLiteral("-f"), loadFile}); !e.isEmpty())
            throw std::runtime_error(e.toStdString());
        out.times["team_copy_floor_10k"].push_back(msSince(t));

        // team_first_pull_10k: the book into a new file.
        const QString laptop = workDir + QStringLiteral("/team-laptop.keystone");
        QFile::remove(laptop);
        auto laptopBook = services::Portfolio::create(laptop);
        t.restart();
        const team::SyncReport pulled = syncWith(*laptopBook, bookUrl);
        out.times["team_first_pull_10k"].push_back(msSince(t));
        out.extra["team_first_pull_10k"]["entities"] = double(pulled.pulledTotal());

        // One round: 100 accounts changed on the lead's laptop and synced, then arriving on
        // the other laptop. `variant`: "" for notes alone, "_rescored" for changes that move
        // health scores. `editing`: the window's connection keeps editing another account
        // while the sync runs on a worker (team_edit_during_sync: the slowest of those edits;
        // the sync's own time is then team_sync_100_in_while_editing, since the edits share
        // the two cores with it); otherwise the sync runs alone (team_sync_100_out/_in).
        auto syncRound = [&](int r, bool rescore, bool editing) {
            const std::string variant = rescore ? "_rescored" : "";
            const int edited = editHundred(*leadBook, QStringLiteral("Run %1%2%3, account ").arg(r).arg(rescore ? QStringLiteral("r") : QString(), editing ? QStringLiteral("e") : QString()), rescore);
            t.restart();
            const team::SyncReport pushed = syncWith(*leadBook);
            if (!editing) {
                out.times["team_sync_100_out" + variant].push_back(msSince(t));
                out.extra["team_sync_100_out" + variant]["accounts"] = edited;
            }
            if (pushed.pushedTotal() != edited)
                throw std::runtime_error("the changed accounts were not pushed one entity each");

            const auto ticket = laptopBook->workerTicket();
            std::atomic<bool> done{false};
            std::exception_ptr failed;
            double inMs = 0;
            qint64 arrived = 0;
            std::thread worker([&] {
                try {
                    auto w = services::Portfolio::openWorker(ticket);
                    QElapsedTimer s;
                    s.start();
                    arrived = syncWith(*w).pulledTotal();
                    inMs = msSince(s);
                } catch (...) {
                    failed = std::current_exception();
                }
                done = true;
            });
            domain::Account other = laptopBook->accounts().all().back();
            if (!editing)
                worker.join();
            services::AccountService edits(*laptopBook);
            double slowest = 0;
            int n = 0;
            while (editing && !done) {
                other.notes = QStringLiteral("Edited during a sync %1").arg(++n);
                QElapsedTimer e;
                e.start();
                edits.update(other);
                slowest = std::max(slowest, msSince(e));
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
            if (editing)
                worker.join();
            if (failed)
                std::rethrow_exception(failed);
            if (arrived < edited)
                throw std::runtime_error("the changed accounts did not arrive");
            if (!editing) {
                out.times["team_sync_100_in" + variant].push_back(inMs);
            } else {
                out.times["team_sync_100_in_while_editing" + variant].push_back(inMs);
                out.times["team_edit_during_sync_max" + variant].push_back(slowest);
                out.extra["team_edit_during_sync_max" + variant]["edits"] += n;
            }
            syncWith(*laptopBook); // sends those edits, so the next round starts even
            syncWith(*leadBook);
        };
        for (int r = 0; r < runs; ++r)
            for (bool editing : {false, true}) {
                syncRound(r, false, editing);
                syncRound(r, true, editing);
            }
        // team_sync_noop: a sync with nothing to do.
        for (int r = 0; r < runs; ++r) {
            t.restart();
            const team::SyncReport idle = syncWith(*laptopBook);
            out.times["team_sync_noop"].push_back(msSince(t));
            if (idle.pushedTotal() + idle.pulledTotal() != 0)
                throw std::runtime_error("a sync with nothing to do moved entities");
        }
        const double publishMs = out.times["team_publish_10k"].front();
        const double floorMs = out.times["team_copy_floor_10k"].front();
        out.extra["team_publish_10k"]["vs_copy_floor"] = publishMs / floorMs;
    } catch (const std::exception &e) {
        out.error = QString::fromUtf8(e.what());
    }
    drop();
    if (!out.error.isEmpty()) {
        out.times.clear();
        out.extra.clear();
    }
    return out;
}

} // namespace keystone::bench
