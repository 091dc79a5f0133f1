// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// The team book under stress: writers racing a puller on the server itself, syncs killed at
// random moments, a server that stops in the middle of a sync, and four laptops editing and
// syncing at once. Against the real PostgreSQL ctest starts (fixture TeamServer).
#include "teamtest.h"
#include "testsupport.h"

#include "keystone/demo/demogenerator.h"
#include "keystone/services/accountservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/queries.h"
#include "keystone/services/syncstore.h"
#include "keystone/storage/exchangerepository.h"
#include "keystone/team/sync.h"
#include "keystone/team/teamserver.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QThread>

#include <atomic>
#include <random>
#include <thread>

using namespace keystone;
using teamtest::freshDatabase;
using teamtest::sql;

namespace {

struct PgConn {
    std::unique_ptr<PGconn, void (*)(PGconn *)> c;
    explicit PgConn(const QString &url) : c(PQconnectdb(url.toUtf8().constData()), &PQfinish) {}
    bool ok() const { return PQstatus(c.get()) == CONNECTION_OK; }
    // Runs a statement; the first column of each row, or nullopt on an error.
    std::optional<QStringList> run(const QString &statement)
    {
        std::unique_ptr<PGresult, void (*)(PGresult *)> res(PQexec(c.get(), statement.toUtf8().constData()), &PQclear);
        const auto st = PQresultStatus(res.get());
        if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK)
            return std::nullopt;
        QStringList rows;
        for (int i = 0; i < PQntuples(res.get()); ++i)
            rows << QString::fromUtf8(PQgetvalue(res.get(), i, 0));
        return rows;
    }
};

QString publishDemo(const QString &url, const QString &path, int accounts)
{
    team::initServer(url);
    demo::DemoOptions o;
    o.accounts = accounts;
    o.seed = 11;
    o.today = QDate(2026, 5, 14);
    demo::generateDemo(path, o);
    auto p = services::Portfolio::open(path);
    team::SyncOptions so;
    so.server = url;
    team::syncPortfolio(*p, so);
    return path;
}

QString firstPull(const QString &url, const QString &path)
{
    auto p = services::Portfolio::create(path);
    team::SyncOptions so;
    so.server = url;
    team::syncPortfolio(*p, so);
    return path;
}

// After a sync that completed, nothing in the file differs from what it agreed with the
// server.
void requireNothingPending(const QString &path)
{
    auto p = services::Portfolio::open(path);
    services::SyncStore store(*p);
    for (const storage::ExchangeTable *t : services::SyncStore::tables()) {
        INFO(t->table.toStdString());
        REQUIRE(store.localChanges(*t).empty());
    }
}

} // namespace

TEST_CASE("Writers racing a puller on the server: every change is pulled exactly once, in commit order", "[team][sync][concurrency]")
{
    const QString url = freshDatabase();
    team::initServer(url);
    // Forty accounts to write, straight into the book's table as four psql sessions would.
    PgConn admin(url);
    REQUIRE(admin.ok());
    REQUIRE(admin.run(QStringLiteral("INSERT INTO keystone.accounts (key, data) SELECT k, jsonb_build_object('uuid', k, 'name', 'A' || i) "
                                     "FROM (SELECT gen_random_uuid()::text AS k, i FROM generate_series(1, 40) i) s")));
    const QStringList keys = *admin.run(QStringLiteral("SELECT key FROM keystone.accounts ORDER BY key"));
    std::atomic<bool> writing{true};
    std::atomic<int> written{0};
    std::atomic<int> failed{0};
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w) {
        writers.emplace_back([&, w] {
            PgConn c(url);
            if (!c.ok())
                return;
            std::mt19937 rng(unsigned(w + 1));
            for (int round = 0; round < 150; ++round) {
                // Transactions of one to three rows, some holding on before they commit, so
                // that commits and number draws interleave as much as they can.
                c.run(QStringLiteral("BEGIN"));
                const int n = 1 + int(rng() % 3);
                bool ok = true;
                for (int i = 0; i < n; ++i)
                    ok = c.run(QStringLiteral("UPDATE keystone.accounts SET data = jsonb_set(data, '{notes}', to_jsonb('w%1 r%2'::text)) WHERE key = '%3'")
                                   .arg(w)
                                   .arg(round)
                                   .arg(keys[int(rng() % keys.size())]))
                             .has_value() && ok;
                if (rng() % 4 == 0)
                    std::this_thread::sleep_for(std::chrono::microseconds(rng() % 2000));
                // Rows locked in any order never deadlock: the book's lock comes first.
                if (ok && c.run(QStringLiteral("COMMIT")))
                    written += n;
                else {
                    c.run(QStringLiteral("ROLLBACK"));
                    ++failed;
                }
            }
        });
    }
    // The puller reads as sync does: every change above its position, then moves the
    // position to the highest number it saw.
    QSet<qint64> seen;
    qint64 position = 0;
    bool duplicate = false;
    std::thread puller([&] {
        PgConn c(url);
        while (true) {
            const bool last = !writing.load();
            const auto rows = c.run(QStringLiteral("SELECT change_no FROM keystone.changes WHERE change_no > %1 ORDER BY change_no").arg(position));
            if (rows)
                for (const QString &r : *rows) {
                    const qint64 n = r.toLongLong();
                    duplicate = duplicate || seen.contains(n);
                    seen.insert(n);
                    position = std::max(position, n);
                }
            if (last)
                break;
        }
    });
    for (auto &t : writers)
        t.join();
    writing = false;
    puller.join();
    CHECK_FALSE(duplicate);
    CHECK(failed.load() == 0);
    const QStringList all = sql(url, QStringLiteral("SELECT change_no FROM keystone.changes ORDER BY change_no"));
    CHECK(all.size() == 40 + written.load());
    QSet<qint64> everything;
    for (const QString &n : all)
        everything.insert(n.toLongLong());
    CHECK(seen == everything);
}

TEST_CASE("sync killed at 30 random moments: the file stays whole, the next sync completes and the books converge", "[team][sync][kill]")
{
    const QString url = freshDatabase();
    test::TempDir dir;
    const QString lead = publishDemo(url, dir.file(QStringLiteral("lead.keystone")), 40);
    const QString laptop = firstPull(url, dir.file(QStringLiteral("laptop.keystone")));
    std::mt19937 rng(20261206);
    QStringList names;
    {
        auto p = services::Portfolio::open(laptop);
        for (const auto &a : services::query::accounts(*p))
            names << a.name;
    }
    int killedWhileRunning = 0;
    for (int round = 0; round < 30; ++round) {
        INFO("round " << round);
        // Both sides change a handful of accounts (the lead's changes arrive by pull).
        for (const QString &file : {laptop, lead}) {
            auto p = services::Portfolio::open(file);
            services::AccountService svc(*p);
            for (int i = 0; i < 8; ++i) {
                auto a = services::query::accountNamed(*p, names[int(rng() % names.size())]);
                REQUIRE(a);
                a->notes = QStringLiteral("%1 round %2 edit %3").arg(file == lead ? QStringLiteral("lead") : QStringLiteral("laptop")).arg(round).arg(i);
                a->arr.cents += 100;
                svc.update(*a);
            }
        }
        const test::ProgramRun leadSync = test::runCli({QStringLiteral("sync"), lead});
        REQUIRE(leadSync.code == 0);
        QProcess sync;
        sync.start(test::programPath(QStringLiteral("keystone-cli")), {QStringLiteral("sync"), laptop});
        REQUIRE(sync.waitForStarted());
        QThread::msleep(rng() % 400);
        if (sync.state() == QProcess::Running) {
            ++killedWhileRunning;
            sync.kill(); // SIGKILL
        }
        sync.waitForFinished();
        const test::ProgramRun check = test::runCli({QStringLiteral("check"), laptop, QStringLiteral("--full")});
        INFO(check.out.toStdString() << check.err.toStdString());
        CHECK(check.code == 0);
    }
    CHECK(killedWhileRunning > 5);
    // The next syncs complete, and every side holds the same book.
    for (const QString &file : {laptop, lead, laptop}) {
        const test::ProgramRun r = test::runCli({QStringLiteral("sync"), file});
        INFO(r.err.toStdString());
        REQUIRE(r.code == 0);
    }
    requireNothingPending(laptop);
    requireNothingPending(lead);
    auto a = services::Portfolio::open(laptop);
    auto b = services::Portfolio::open(lead);
    for (const QString &name : names) {
        const auto x = services::query::accountNamed(*a, name);
        const auto y = services::query::accountNamed(*b, name);
        REQUIRE(x);
        REQUIRE(y);
        CHECK(x->notes == y->notes);
        CHECK(x->arr.cents == y->arr.cents);
    }
    // No change was applied twice: each account's ARR went up by exactly one step per edit
    // that stands (edits of both sides to one account in one round conflict; the first wins).
    const QStringList onServer = sql(url, QStringLiteral("SELECT data->>'name' || '=' || (data->>'arr_cents') FROM keystone.accounts ORDER BY 1"));
    QStringList inFile;
    for (const auto &acc : services::query::accounts(*a))
        inFile << acc.name + QLatin1Char('=') + QString::number(acc.arr.cents);
    inFile.sort();
    CHECK(inFile == onServer);
}

TEST_CASE("The server stopping in the middle of a sync: exit 1 with a clear message and nothing half-applied, and after a restart the next sync completes",
          "[team][sync][kill]")
{
    test::TempDir serverDir;
    const QString script = QStringLiteral(KEYSTONE_SOURCE_DIR "/scripts/team-server");
    const test::ProgramRun started = test::runProgram(QStringLiteral("/bin/bash"), {script, QStringLiteral("start"), serverDir.file(QStringLiteral("s"))});
    INFO(started.err.toStdString());
    REQUIRE(started.code == 0);
    const QString url = started.out.trimmed();
    struct Stop {
        QString script, dir;
        ~Stop() { test::runProgram(QStringLiteral("/bin/bash"), {script, QStringLiteral("stop"), dir}); }
    } stop{script, serverDir.file(QStringLiteral("s"))};
    test::TempDir dir;
    const QString lead = publishDemo(url, dir.file(QStringLiteral("lead.keystone")), 60);
    // A large change to push, so that the stop lands while it runs.
    {
        auto p = services::Portfolio::open(lead);
        services::AccountService svc(*p);
        for (const auto &a : services::query::accounts(*p)) {
            auto e = a;
            e.notes = QStringLiteral("Pushed in the storm");
            svc.update(e);
        }
    }
    const QStringList before = test::dumpTables(lead);
    QProcess sync;
    sync.start(test::programPath(QStringLiteral("keystone-cli")), {QStringLiteral("sync"), lead});
    REQUIRE(sync.waitForStarted());
    QThread::msleep(30);
    const test::ProgramRun paused = test::runProgram(QStringLiteral("/bin/bash"), {script, QStringLiteral("pause"), serverDir.file(QStringLiteral("s"))});
    REQUIRE(paused.code == 0);
    REQUIRE(sync.waitForFinished(60000));
    const QString err = QString::fromUtf8(sync.readAllStandardError());
    INFO(err.toStdString());
    if (sync.exitCode() == 0) {
        // The sync was quicker than the stop: nothing to show but that it completed.
        WARN("the sync finished before the server stopped");
    } else {
        CHECK(sync.exitCode() == 1);
        CHECK((err.contains(QStringLiteral("cannot reach the team server")) || err.contains(QStringLiteral("connection to the team server"))));
        // Nothing half-applied here: the file is as it was (the push had not come back).
        CHECK(test::dumpTables(lead) == before);
    }
    const test::ProgramRun offline = test::runCli({QStringLiteral("sync"), lead});
    CHECK(offline.code == 1);
    CHECK(offline.err.contains(QStringLiteral("cannot reach the team server")));
    const test::ProgramRun resumed = test::runProgram(QStringLiteral("/bin/bash"), {script, QStringLiteral("resume"), serverDir.file(QStringLiteral("s"))});
    REQUIRE(resumed.code == 0);
    const test::ProgramRun again = test::runCli({QStringLiteral("sync"), lead});
    INFO(again.err.toStdString());
    REQUIRE(again.code == 0);
    CHECK(sql(url, QStringLiteral("SELECT count(*) FROM keystone.accounts WHERE data->>'notes' = 'Pushed in the storm'")) == QStringList{QStringLiteral("60")});
    requireNothingPending(lead);
}

TEST_CASE("Four laptops editing and syncing at once for 200 rounds converge to the server's book", "[team][sync][concurrency]")
{
    const QString url = freshDatabase();
    test::TempDir dir;
    publishDemo(url, dir.file(QStringLiteral("lead.keystone")), 20);
    std::vector<QString> laptops;
    for (int i = 0; i < 4; ++i)
        laptops.push_back(firstPull(url, dir.file(QStringLiteral("laptop%1.keystone").arg(i))));
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&, i] {
            try {
                auto p = services::Portfolio::open(laptops[size_t(i)]);
                services::AccountService svc(*p);
                std::mt19937 rng(unsigned(100 + i));
                for (int round = 0; round < 50; ++round) {
                    const auto all = services::query::accounts(*p);
                    for (int e = 0; e < 3; ++e) {
                        auto a = all[rng() % all.size()];
                        a.notes = QStringLiteral("laptop %1 round %2").arg(i).arg(round);
                        if (rng() % 2)
                            a.region = QStringLiteral("Region %1").arg(rng() % 7);
                        svc.update(a);
                    }
                    team::syncPortfolio(*p);
                }
            } catch (const std::exception &e) {
                ++failures;
                qWarning("laptop %d: %s", i, e.what());
            }
        });
    }
    for (auto &t : threads)
        t.join();
    REQUIRE(failures.load() == 0);
    // One more sync each, then every laptop holds what the server holds.
    for (int pass = 0; pass < 2; ++pass)
        for (const QString &l : laptops) {
            auto p = services::Portfolio::open(l);
            team::syncPortfolio(*p);
        }
    QStringList reference;
    for (const QString &l : laptops) {
        requireNothingPending(l);
        auto p = services::Portfolio::open(l);
        QStringList rows;
        for (const auto &a : services::query::accounts(*p))
            rows << a.name + QLatin1Char('|') + a.notes + QLatin1Char('|') + a.region;
        rows.sort();
        if (reference.isEmpty())
            reference = rows;
        CHECK(rows == reference);
    }
    CHECK(sql(url, QStringLiteral("SELECT data->>'name' || '|' || (data->>'notes') || '|' || (data->>'region') FROM keystone.accounts ORDER BY 1"))
          == reference);
}

TEST_CASE("A file opened read-only is not synced: the sync says why, and neither the file nor the server changes", "[team][sync]")
{
    const QString url = freshDatabase();
    test::TempDir dir;
    const QString lead = publishDemo(url, dir.file(QStringLiteral("lead.keystone")), 12);
    const QString laptop = firstPull(url, dir.file(QStringLiteral("laptop.keystone")));
    QString name;
    {
        auto p = services::Portfolio::open(laptop);
        auto a = services::query::accounts(*p).front();
        name = a.name;
        a.notes = QStringLiteral("Written on the laptop");
        services::AccountService(*p).update(a);
    }
    const QStringList before = test::dumpTables(laptop);
    const QStringList serverBefore = sql(url, QStringLiteral("SELECT count(*) FROM keystone.changes"));
    {
        storage::OpenOptions o;
        o.readOnly = true;
        auto p = services::Portfolio::open(laptop, std::move(o));
        REQUIRE(p->isReadOnly());
        try {
            team::syncPortfolio(*p);
            FAIL("a read-only file was synced");
        } catch (const team::TeamError &e) {
            CHECK(e.code() == team::TeamError::Code::Refused);
            CHECK(e.message().contains(QStringLiteral("cannot be synced")));
            CHECK(e.message().contains(QStringLiteral("Nothing was sent or taken")));
        }
    }
    CHECK(test::dumpTables(laptop) == before);
    CHECK(sql(url, QStringLiteral("SELECT count(*) FROM keystone.changes")) == serverBefore);
    // Writable again, it sends what waited.
    const test::ProgramRun again = test::runCli({QStringLiteral("sync"), laptop});
    INFO(again.err.toStdString());
    REQUIRE(again.code == 0);
    CHECK(sql(url, QStringLiteral("SELECT data->>'notes' FROM keystone.accounts WHERE data->>'name' = '%1'").arg(name)) ==
          QStringList{QStringLiteral("Written on the laptop")});
    requireNothingPending(laptop);
}

TEST_CASE("A disk that fills up during a sync: exit 1 saying so, the file whole, and with room again the next sync completes with nothing applied twice",
          "[team][sync][disk]")
{
    // A real full disk: a tmpfs in a private mount namespace (unshare, no privileges needed)
    // just larger than the laptop's file, while the lead's change to take is megabytes.
    const QString url = freshDatabase();
    test::TempDir dir;
    const QString lead = publishDemo(url, dir.file(QStringLiteral("lead.keystone")), 20);
    const QString laptop = firstPull(url, dir.file(QStringLiteral("laptop.keystone")));
    QString mine;
    {
        auto p = services::Portfolio::open(laptop);
        auto a = services::query::accounts(*p).back();
        mine = a.name;
        a.notes = QStringLiteral("Written on the laptop");
        services::AccountService(*p).update(a);
    }
    const QString big = QString(40000, QLatin1Char('n'));
    {
        auto p = services::Portfolio::open(lead);
        services::AccountService svc(*p);
        for (auto a : services::query::accounts(*p))
            if (a.name != mine) {
                a.notes = big;
                svc.update(a);
            }
        team::syncPortfolio(*p);
    }
    const qint64 size = QFileInfo(laptop).size();
    const QString mount = dir.file(QStringLiteral("small-disk"));
    REQUIRE(QDir().mkpath(mount));
    const QString script = QStringLiteral(
        "mount -t tmpfs -o size=%1k tmpfs \"$1\" || exit 90\n"
        "cp \"$2\" \"$1/l.keystone\" || exit 91\n"
        "\"$3\" sync \"$1/l.keystone\"; echo \"sync1-exit=$?\"\n"
        "\"$3\" check \"$1/l.keystone\" --full; echo \"check1-exit=$?\"\n"
        "mount -o remount,size=256m \"$1\" || exit 92\n"
        "\"$3\" sync \"$1/l.keystone\"; echo \"sync2-exit=$?\"\n"
        "\"$3\" check \"$1/l.keystone\" --full; echo \"check2-exit=$?\"\n"
        "\"$3\" sync \"$1/l.keystone\" --json > \"$4/third.json\"; echo \"sync3-exit=$?\"\n"
        "cp \"$1/l.keystone\" \"$4/after.keystone\" || exit 93\n")
                               .arg(size / 1024 + 400);
    QProcess p;
    p.setProgram(QStringLiteral("unshare"));
    p.setArguments({QStringLiteral("-Urm"), QStringLiteral("sh"), QStringLiteral("-c"), script, QStringLiteral("sh"), mount, laptop,
                    test::programPath(QStringLiteral("keystone-cli")), dir.path()});
    p.start();
    REQUIRE(p.waitForFinished(180000));
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    const QString err = QString::fromUtf8(p.readAllStandardError());
    INFO(out.toStdString() << "\n" << err.toStdString());
    REQUIRE(p.exitCode() == 0); // the namespace, the small disk and its growing were made
    CHECK(out.contains(QStringLiteral("sync1-exit=1")));
    CHECK(err.contains(QStringLiteral("the disk is full")));
    CHECK_FALSE(err.contains(QStringLiteral("rollback failed")));
    CHECK(out.contains(QStringLiteral("check1-exit=0")));
    CHECK(out.contains(QStringLiteral("sync2-exit=0")));
    CHECK(out.contains(QStringLiteral("check2-exit=0")));
    CHECK(out.contains(QStringLiteral("sync3-exit=0")));
    // The third sync found nothing to do: nothing was left to send or taken twice.
    QFile third(dir.file(QStringLiteral("third.json")));
    REQUIRE(third.open(QIODevice::ReadOnly));
    const QJsonObject j = QJsonDocument::fromJson(third.readAll()).object();
    CHECK(j.value(QStringLiteral("pushed")).toObject().isEmpty());
    CHECK(j.value(QStringLiteral("pulled")).toObject().isEmpty());
    // Both sides hold both changes.
    const QString after = dir.file(QStringLiteral("after.keystone"));
    CHECK(test::queryInt(after, "SELECT count(*) FROM accounts WHERE length(notes) = 40000") == 19);
    CHECK(test::queryText(after, QStringLiteral("SELECT notes FROM accounts WHERE name = '%1'").arg(mine)) == QStringLiteral("Written on the laptop"));
    CHECK(sql(url, QStringLiteral("SELECT data->>'notes' FROM keystone.accounts WHERE data->>'name' = '%1'").arg(mine)) ==
          QStringList{QStringLiteral("Written on the laptop")});
    // The laptop's edit reached the server once, though the first sync's push may have
    // committed there before the disk filled up here.
    CHECK(sql(url, QStringLiteral("SELECT count(*) FROM keystone.changes c JOIN keystone.accounts a ON a.key = c.key "
                                  "WHERE a.data->>'name' = '%1' AND c.data->>'notes' = 'Written on the laptop'")
                       .arg(mine)) == QStringList{QStringLiteral("1")});
}
