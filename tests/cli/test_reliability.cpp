// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Reliability, proven on real processes: an import killed with SIGKILL at random moments
// leaves all or nothing, and a backup killed part way leaves no broken backup; a second
// process cannot write a file another one has open; damaged files are refused unchanged
// with a backup to restore; a lost WAL loses only what was never checkpointed.
#include "clitest.h"

#include "keystone/services/accountservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/storage/backups.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSet>
#include <QSqlQuery>

#include <csignal>
#include <random>

using namespace keystone;
using namespace keystone::clitest;

namespace {
qint64 accountCount(const QString &file)
{
    const Run r = cli({QStringLiteral("info"), file, QStringLiteral("--json")});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    return json::parse(r.out.toStdString())["counts"]["accounts"].get<qint64>();
}

// Starts keystone-cli with `args` and kills it with SIGKILL after `delayMs` unless it has
// finished by then. True when the kill cut it off. The delays only spread the kills over a
// run (they are drawn from the length of one timed run): no assertion depends on how fast
// this machine is, only on what a kill, wherever it fell, left behind.
bool runAndKill(const QStringList &args, qint64 delayMs)
{
    QProcess p;
    p.start(test::programPath(QStringLiteral("keystone-cli")), args);
    REQUIRE(p.waitForStarted());
    if (p.waitForFinished(int(delayMs)))
        return false;
    ::kill(pid_t(p.processId()), SIGKILL);
    p.waitForFinished();
    return p.exitStatus() == QProcess::CrashExit;
}

// Every backup `backups` lists for `file` passes `check`; returns their paths. A finished
// backup is never written again, so each is checked once: `checked` remembers them across
// calls (the newest 20 import backups are kept, and checking all after every kill would
// take most of the test's time).
QStringList checkEveryListedBackup(const QString &file, QSet<QString> &checked)
{
    const Run listed = cli({QStringLiteral("backups"), file, QStringLiteral("--json")});
    REQUIRE(listed.code == 0);
    const json backups = json::parse(listed.out.toStdString())["backups"];
    REQUIRE_FALSE(backups.empty());
    QStringList paths;
    for (const json &b : backups) {
        const QString backup = QString::fromStdString(b["path"].get<std::string>());
        paths << backup;
        if (checked.contains(backup))
            continue;
        const Run good = cli({QStringLiteral("check"), backup});
        INFO(backup.toStdString() << ": " << good.out.toStdString() << good.err.toStdString());
        CHECK(good.code == 0);
        checked.insert(backup);
    }
    return paths;
}

QByteArray accountsCsv(int n, const QByteArray &prefix)
{
    QByteArray text = "Id,Name,Industry,ARR,Owner\n";
    for (int i = 0; i < n; ++i)
        text += prefix + QByteArray::number(i) + ",\"" + prefix + " account " + QByteArray::number(i) + ", Ltd\",Retail," +
                QByteArray::number(1000 + i) + ",Owner " + QByteArray::number(i % 20) + "\n";
    return text;
}
} // namespace

TEST_CASE("An import killed with SIGKILL at random moments leaves all or none of its rows", "[cli][reliability]")
{
    test::TempDir dir;
    const QString file = dir.file(QStringLiteral("crash.keystone"));
    REQUIRE(cli({QStringLiteral("new"), file}).code == 0);
    test::writeFile(dir.file(QStringLiteral("seed.csv")), accountsCsv(100, "S"));
    REQUIRE(cli({QStringLiteral("import"), file, QStringLiteral("--kind"), QStringLiteral("accounts"), QStringLiteral("--csv"),
                 dir.file(QStringLiteral("seed.csv"))}).code == 0);
    const QString csv = dir.file(QStringLiteral("big.csv"));
    test::writeFile(csv, accountsCsv(10'000, "K"));
    const QStringList args{QStringLiteral("import"), file, QStringLiteral("--kind"), QStringLiteral("accounts"), QStringLiteral("--csv"), csv,
                           QStringLiteral("--on-duplicate"), QStringLiteral("skip")};
    // How long one whole import takes here, to spread the kills over it (on a copy).
    QFile::copy(file, dir.file(QStringLiteral("timing.keystone")));
    QStringList timingArgs = args;
    timingArgs[1] = dir.file(QStringLiteral("timing.keystone"));
    QElapsedTimer whole;
    whole.start();
    REQUIRE(cli(timingArgs).code == 0);
    const qint64 fullMs = std::max<qint64>(50, whole.elapsed());

    std::mt19937 rng(20261202);
    std::uniform_int_distribution<qint64> when(0, fullMs * 3 / 2);
    qint64 before = accountCount(file);
    REQUIRE(before == 100);
    int landed = 0;
    int cutOff = 0;
    QSet<QString> checkedBackups;
    const int rounds = test::killRounds(50);
    for (int i = 0; i < rounds; ++i) {
        const qint64 delay = when(rng);
        cutOff += runAndKill(args, delay) ? 1 : 0;
        INFO("run " << i << ", killed after " << delay << " ms of ~" << fullMs);
        const Run check = cli({QStringLiteral("check"), file, QStringLiteral("--full")});
        INFO(check.out.toStdString() << check.err.toStdString());
        REQUIRE(check.code == 0);
        const qint64 after = accountCount(file);
        CHECK((after == before || after == before + 10'000));
        // The kill may have landed in the backup taken before the import: whatever is
        // listed as a backup is one, whole (a copy cut off is never under a backup's name).
        checkEveryListedBackup(file, checkedBackups);
        if (after == before + 10'000)
            ++landed;
        before = after;
        // The import skips rows it already has: once it has landed, start from 100 again.
        if (after > 100) {
            REQUIRE(QFile::remove(file));
            QFile::remove(file + QStringLiteral("-wal"));
            QFile::remove(file + QStringLiteral("-shm"));
            REQUIRE(cli({QStringLiteral("new"), file}).code == 0);
            REQUIRE(cli({QStringLiteral("import"), file, QStringLiteral("--kind"), QStringLiteral("accounts"), QStringLiteral("--csv"),
                         dir.file(QStringLiteral("seed.csv"))}).code == 0);
            before = 100;
        }
    }
    // Some runs were cut off on the way (the rest ran to the end), and an import left to
    // finish after all those kills lands whole.
    WARN("SIGKILL test: " << cutOff << " of " << rounds << " imports were cut off, " << landed << " landed; one whole import took " << fullMs << " ms");
    CHECK(cutOff > 0);
    REQUIRE(cli(args).code == 0);
    CHECK(accountCount(file) == before + 10'000);
    CHECK(cli({QStringLiteral("check"), file, QStringLiteral("--full")}).code == 0);
}

TEST_CASE("A backup killed with SIGKILL part way leaves no broken backup in the list", "[cli][reliability][backup]")
{
    test::TempDir dir;
    const QString file = dir.file(QStringLiteral("big.keystone"));
    REQUIRE(cli({QStringLiteral("demo"), QStringLiteral("--out"), file, QStringLiteral("--accounts"), QStringLiteral("1000")}).code == 0);
    const QStringList args{QStringLiteral("backup"), file};
    QElapsedTimer whole;
    whole.start();
    REQUIRE(cli(args).code == 0);
    const qint64 fullMs = std::max<qint64>(50, whole.elapsed());
    const QDir folder(storage::backupFolder(file));
    const auto partials = [&] { return folder.entryList({QStringLiteral("*.partial")}, QDir::Files).size(); };
    REQUIRE(partials() == 0);

    std::mt19937 rng(20261203);
    std::uniform_int_distribution<qint64> when(fullMs / 10, fullMs);
    int cutOff = 0; // kills that left a copy part way
    QSet<QString> checkedBackups;
    const int rounds = test::killRounds(20);
    for (int i = 0; i < rounds; ++i) {
        const qsizetype partialsBefore = partials();
        const qint64 delay = when(rng);
        runAndKill(args, delay);
        INFO("run " << i << ", killed after " << delay << " ms of ~" << fullMs);
        if (partials() > partialsBefore)
            ++cutOff;
        // What a kill leaves is as private as a backup: the copy and its journal.
        for (const QFileInfo &left : folder.entryInfoList({QStringLiteral("*.partial*")}, QDir::Files)) {
            INFO(left.fileName().toStdString());
            CHECK((left.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)) == 0);
        }
        for (const QString &backup : checkEveryListedBackup(file, checkedBackups))
            CHECK_FALSE(backup.endsWith(QStringLiteral(".partial")));
        // The portfolio itself was only read.
        CHECK(cli({QStringLiteral("check"), file}).code == 0);
    }
    WARN("backup SIGKILL test: " << cutOff << " of " << rounds << " kills cut a copy off part way; one whole backup took " << fullMs << " ms");
    CHECK(cutOff > 0); // the kills did land inside the copy
    // A backup taken after the kills is whole and listed first.
    const Run last = cli(args);
    REQUIRE(last.code == 0);
    const QList<storage::BackupInfo> all = storage::listBackups(file);
    REQUIRE_FALSE(all.isEmpty());
    CHECK(last.out.contains(all.first().path));
}

TEST_CASE("A demo killed with SIGKILL in its first moments leaves no file under the portfolio's name that is not a portfolio", "[cli][reliability]")
{
    test::TempDir dir;
    const QString file = dir.file(QStringLiteral("new.keystone"));
    const QStringList args{QStringLiteral("demo"), QStringLiteral("--out"), file, QStringLiteral("--accounts"), QStringLiteral("200")};
    QElapsedTimer whole;
    whole.start();
    REQUIRE(cli(args).code == 0);
    const qint64 fullMs = std::max<qint64>(40, whole.elapsed());
    REQUIRE(QFile::remove(file));
    int absent = 0, whole_ = 0;
    const int rounds = test::killRounds(16);
    for (int i = 0; i < rounds; ++i) {
        // The first moments matter most (the file is being made): kills from 0 ms on, spread
        // over the first two thirds of a whole demo.
        const qint64 delay = i * fullMs * 2 / (3 * rounds);
        runAndKill(args, delay);
        INFO("run " << i << ", killed after " << delay << " ms of ~" << fullMs);
        if (QFileInfo::exists(file)) {
            const Run checked = cli({QStringLiteral("check"), file});
            INFO(checked.out.toStdString() << checked.err.toStdString());
            CHECK(checked.code == 0); // a portfolio (perhaps still empty), never "another application"
            ++whole_;
            REQUIRE(QFile::remove(file));
        } else {
            ++absent;
        }
        // Whatever the kill left beside it (a half-made .creating file, a lock) does not stand
        // in the way of the next creation.
        const Run again = cli(args);
        INFO(again.err.toStdString());
        REQUIRE(again.code == 0);
        REQUIRE(QFile::remove(file));
    }
    WARN("demo SIGKILL test: " << absent << " kills left no file, " << whole_ << " left a portfolio; one demo took " << fullMs << " ms");
}

TEST_CASE("A second process cannot write to a portfolio another one has open", "[cli][reliability]")
{
    test::TempDir dir;
    const QString file = dir.file(QStringLiteral("two.keystone"));
    auto holder = services::Portfolio::create(file);
    domain::Account a;
    a.name = QStringLiteral("Held");
    services::AccountService(*holder).create(a);
    test::writeFile(dir.file(QStringLiteral("more.csv")), accountsCsv(20, "M"));
    const Run r = cli({QStringLiteral("import"), file, QStringLiteral("--kind"), QStringLiteral("accounts"), QStringLiteral("--csv"),
                       dir.file(QStringLiteral("more.csv"))});
    INFO(r.err.toStdString());
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("open")));
    CHECK(holder->accounts().count() == 1); // nothing of the second writer landed
    // The first writer goes on writing.
    domain::Account b;
    b.name = QStringLiteral("Still writable");
    services::AccountService(*holder).create(b);
    CHECK(holder->accounts().count() == 2);
    // Readers are welcome meanwhile.
    const Run reader = cli({QStringLiteral("accounts"), file});
    INFO(reader.err.toStdString());
    CHECK(reader.code == 0);
}

TEST_CASE("A file with a zeroed page is refused unchanged, and the newest backup restores it", "[cli][reliability]")
{
    test::TempDir dir;
    const QString file = dir.file(QStringLiteral("z.keystone"));
    REQUIRE(cli({QStringLiteral("demo"), QStringLiteral("--out"), file, QStringLiteral("--accounts"), QStringLiteral("30"),
                 QStringLiteral("--seed"), QStringLiteral("2")}).code == 0);
    REQUIRE(cli({QStringLiteral("backup"), file}).code == 0);
    const qint64 accounts = accountCount(file);
    // Zero a page in the middle of the file (4096-byte pages).
    QFile f(file);
    REQUIRE(f.open(QIODevice::ReadWrite));
    const qint64 pages = f.size() / 4096;
    REQUIRE(pages > 10);
    REQUIRE(f.seek((pages / 2) * 4096));
    f.write(QByteArray(4096, '\0'));
    f.close();
    const QByteArray damaged = test::fileHash(file);
    const Run check = cli({QStringLiteral("check"), file, QStringLiteral("--full")});
    CHECK(check.code == 1);
    CHECK(check.err.contains(QStringLiteral("z.keystone")));
    const Run list = cli({QStringLiteral("accounts"), file});
    CHECK(list.code == 1);
    CHECK(test::fileHash(file) == damaged); // refused, not repaired or rewritten
    const Run restore = cli({QStringLiteral("restore"), file, QStringLiteral("--newest")});
    INFO(restore.err.toStdString());
    REQUIRE(restore.code == 0);
    CHECK(cli({QStringLiteral("check"), file, QStringLiteral("--full")}).code == 0);
    CHECK(accountCount(file) == accounts);
}

TEST_CASE("A portfolio whose WAL is lost opens with what was checkpointed, undamaged", "[cli][reliability]")
{
    test::TempDir dir;
    const QString file = dir.file(QStringLiteral("w.keystone"));
    {
        auto p = services::Portfolio::create(file);
        domain::Account a;
        a.name = QStringLiteral("Checkpointed");
        services::AccountService(*p).create(a);
    } // closing checkpoints: the file holds it
    QByteArray wal;
    {
        auto p = services::Portfolio::open(file);
        domain::Account b;
        b.name = QStringLiteral("Only in the WAL");
        services::AccountService(*p).create(b);
        // Copy the files as a crash would leave them: the new row only in the WAL.
        QFile::copy(file, dir.file(QStringLiteral("crashed.keystone")));
        QFile w(file + QStringLiteral("-wal"));
        REQUIRE(w.open(QIODevice::ReadOnly));
        wal = w.readAll();
    }
    REQUIRE(wal.size() > 0);
    const QString crashed = dir.file(QStringLiteral("crashed.keystone"));
    // With its WAL, the crashed copy has both accounts; without it, the checkpointed one.
    test::writeFile(crashed + QStringLiteral("-wal"), wal);
    CHECK(accountCount(crashed) == 2);
    QFile::remove(crashed + QStringLiteral("-wal"));
    QFile::remove(crashed + QStringLiteral("-shm"));
    CHECK(cli({QStringLiteral("check"), crashed, QStringLiteral("--full")}).code == 0);
    CHECK(accountCount(crashed) == 1);
}
