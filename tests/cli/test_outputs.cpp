// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Every file keystone-cli writes goes through one door: never over a portfolio or its -wal,
// -shm or lock (recognised by content, whatever the name), over another existing file only
// with --force, through a temporary file, owner-only.
#include "clitest.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QProcess>
#include <QRegularExpression>

#include <set>

#include <sys/stat.h>
#include <unistd.h>

using namespace keystone;
using keystone::clitest::cli;

namespace {

// A demo portfolio at DIR/NAME.
QString demo(const test::TempDir &dir, const QString &name, int accounts = 12)
{
    const QString path = dir.file(name);
    const auto r = cli({QStringLiteral("demo"), QStringLiteral("--out"), path, QStringLiteral("--accounts"), QString::number(accounts), QStringLiteral("--seed"),
                        QStringLiteral("5"), QStringLiteral("--today"), QStringLiteral("2026-06-15")});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    return path;
}

QString firstAccount(const QString &portfolio)
{
    const auto r = cli({QStringLiteral("accounts"), portfolio, QStringLiteral("--json")});
    REQUIRE(r.code == 0);
    const auto j = clitest::parse(r.out);
    const auto &list = j.is_array() ? j : j["accounts"];
    REQUIRE(!list.empty());
    return QString::fromStdString(list[0]["name"].get<std::string>());
}

int modeOf(const QString &path)
{
    struct stat st {};
    REQUIRE(::stat(QFile::encodeName(path).constData(), &st) == 0);
    return int(st.st_mode & 0777);
}

} // namespace

TEST_CASE("An export never replaces a portfolio, whatever its name, and the portfolio stays byte-identical", "[cli][outputs]")
{
    test::TempDir dir;
    const QString a = demo(dir, QStringLiteral("a.keystone"));
    // B is a portfolio under a name that does not say so.
    const QString b = demo(dir, QStringLiteral("b.keystone"), 5);
    const QString disguised = dir.file(QStringLiteral("contacts.csv"));
    REQUIRE(QFile::rename(b, disguised));
    const QByteArray before = test::fileHash(disguised);
    const QList<QStringList> attempts{
        {QStringLiteral("export"), a, QStringLiteral("--kind"), QStringLiteral("contacts"), QStringLiteral("--csv"), disguised},
        {QStringLiteral("export"), a, QStringLiteral("--kind"), QStringLiteral("contacts"), QStringLiteral("--csv"), disguised, QStringLiteral("--force")},
        {QStringLiteral("export"), a, QStringLiteral("--json"), disguised, QStringLiteral("--force")},
        {QStringLiteral("qbr"), a, QStringLiteral("--account"), QStringLiteral("*"), QStringLiteral("--out"), disguised, QStringLiteral("--quarter"),
         QStringLiteral("2026Q2"), QStringLiteral("--force")},
    };
    for (QStringList args : attempts) {
        if (args.front() == QLatin1String("qbr"))
            args[3] = firstAccount(a);
        const auto r = cli(args);
        INFO(args.join(QLatin1Char(' ')).toStdString() << "\n" << r.err.toStdString());
        CHECK(r.code == 1);
        CHECK(r.err.contains(QStringLiteral("is a Keystone portfolio")));
        CHECK(test::fileHash(disguised) == before);
    }
    // The portfolio still opens whole.
    CHECK(cli({QStringLiteral("check"), disguised}).code == 0);
}

TEST_CASE("An export never replaces a portfolio's -wal, -shm or lock file, nor one that is open in another process", "[cli][outputs]")
{
    test::TempDir dir;
    const QString a = demo(dir, QStringLiteral("a.keystone"));
    const QString b = demo(dir, QStringLiteral("b.keystone"), 5);
    for (const char *suffix : {"-wal", "-shm", ".lock"}) {
        const QString companion = b + QLatin1String(suffix);
        test::writeFile(companion, QByteArrayLiteral("companion"));
        const auto r = cli({QStringLiteral("export"), a, QStringLiteral("--json"), companion, QStringLiteral("--force")});
        INFO(suffix << "\n" << r.err.toStdString());
        CHECK(r.code == 1);
        CHECK(r.err.contains(QStringLiteral("belongs to the portfolio")));
        QFile f(companion);
        REQUIRE(f.open(QIODevice::ReadOnly));
        CHECK(f.readAll() == QByteArrayLiteral("companion"));
        f.close();
        QFile::remove(companion);
    }
    // A portfolio being written by another process right now: its lock is there, and the
    // lock alone is enough (a new file's header may not say "Keystone" yet).
    const QString fresh = dir.file(QStringLiteral("fresh.keystone"));
    test::writeFile(fresh, QByteArray());
    test::writeFile(fresh + QStringLiteral(".lock"), QByteArrayLiteral("4242\nkeystone\nhost\n"));
    const auto r = cli({QStringLiteral("export"), a, QStringLiteral("--kind"), QStringLiteral("accounts"), QStringLiteral("--csv"), fresh, QStringLiteral("--force")});
    CHECK(r.code == 1);
    CHECK(QFileInfo(fresh).size() == 0);
}

TEST_CASE("An existing file is replaced only with --force, and what is written is owner-only", "[cli][outputs]")
{
    test::TempDir dir;
    const QString a = demo(dir, QStringLiteral("a.keystone"));
    const QString out = dir.file(QStringLiteral("accounts.csv"));
    test::writeFile(out, QByteArrayLiteral("keep me"));
    QFile::setPermissions(out, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
    auto r = cli({QStringLiteral("export"), a, QStringLiteral("--kind"), QStringLiteral("accounts"), QStringLiteral("--csv"), out});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("already exists; use --force")));
    {
        QFile f(out);
        REQUIRE(f.open(QIODevice::ReadOnly));
        CHECK(f.readAll() == QByteArrayLiteral("keep me"));
    }
    r = cli({QStringLiteral("export"), a, QStringLiteral("--kind"), QStringLiteral("accounts"), QStringLiteral("--csv"), out, QStringLiteral("--force")});
    INFO(r.err.toStdString());
    CHECK(r.code == 0);
    CHECK(QFileInfo(out).size() > 100);
    CHECK(modeOf(out) == 0600);
    // New files too, whatever the caller's umask (the CLI sets its own).
    const QString json = dir.file(QStringLiteral("book.json"));
    QProcess p;
    p.setProgram(QStringLiteral("/bin/sh"));
    p.setArguments({QStringLiteral("-c"), QStringLiteral("umask 000 && exec \"$0\" export \"$1\" --json \"$2\""), test::programPath(QStringLiteral("keystone-cli")), a, json});
    p.start();
    REQUIRE(p.waitForFinished(60000));
    CHECK(p.exitCode() == 0);
    CHECK(modeOf(json) == 0600);
    // A folder is never an output file.
    r = cli({QStringLiteral("export"), a, QStringLiteral("--json"), dir.path(), QStringLiteral("--force")});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("is a folder")));
}

TEST_CASE("demo --force never deletes a portfolio: an open one is refused, a closed one is kept whole", "[cli][outputs]")
{
    test::TempDir dir;
    const QString path = demo(dir, QStringLiteral("book.keystone"), 6);
    const QByteArray before = test::fileHash(path);
    const QStringList again{QStringLiteral("demo"), QStringLiteral("--out"), path, QStringLiteral("--accounts"), QStringLiteral("4"), QStringLiteral("--force")};
    {
        // Open elsewhere: this test process holds its lock, as a running Keystone does.
        QLockFile lock(path + QStringLiteral(".lock"));
        REQUIRE(lock.tryLock(0));
        const auto r = cli(again);
        CHECK(r.code == 1);
        CHECK(r.err.contains(QStringLiteral("is open in Keystone")));
        CHECK(test::fileHash(path) == before);
    }
    const auto r = cli(again);
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    const QString kept = r.out.section(QStringLiteral("kept as "), 1).trimmed();
    REQUIRE_FALSE(kept.isEmpty());
    CHECK(test::fileHash(kept) == before);
    CHECK(cli({QStringLiteral("check"), kept}).code == 0);
}

namespace {
// Runs keystone-cli as a user who cannot write to `dir`: as root (CI) through setpriv as
// nobody, since root writes anywhere; otherwise with the folder's write bits taken away.
// The program is run from a copy in `copyDir` (readable by everyone), since the build folder
// may sit where nobody else can reach it.
test::ProgramRun cliWithoutWriteAccess(const QString &copyDir, const QStringList &args)
{
    if (::geteuid() != 0)
        return cli(args);
    const QString program = QDir(copyDir).filePath(QStringLiteral("keystone-cli"));
    if (!QFileInfo::exists(program)) {
        REQUIRE(QFile::copy(test::programPath(QStringLiteral("keystone-cli")), program));
        REQUIRE(QFile::setPermissions(program, QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther | QFileDevice::ExeOther));
    }
    QStringList full{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups"), program};
    full << args;
    return test::runProgram(QStringLiteral("/usr/bin/setpriv"), full);
}
} // namespace

TEST_CASE("A portfolio in a folder nobody here may write to opens read-only: reading works, writing says why, nothing is called damaged", "[cli][outputs]")
{
    test::TempDir dir;
    const QString folder = dir.file(QStringLiteral("media"));
    REQUIRE(QDir().mkpath(folder));
    const QString path = QDir(folder).filePath(QStringLiteral("book.keystone"));
    REQUIRE(cli({QStringLiteral("demo"), QStringLiteral("--out"), path, QStringLiteral("--accounts"), QStringLiteral("6"), QStringLiteral("--today"),
                 QStringLiteral("2026-06-15")}).code == 0);
    const QString csv = dir.file(QStringLiteral("new.csv"));
    test::writeFile(csv, QByteArrayLiteral("Name,ARR\r\nNew Co,1000\r\n"));
    const auto run = [&](const QStringList &args) { return cliWithoutWriteAccess(dir.path(), args); };
    run({QStringLiteral("--help")}); // copies the program while the folder is still writable
    // Readable by everyone, writable by nobody.
    for (const QString &p : {dir.path(), folder})
        QFile::setPermissions(p, QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther | QFileDevice::ExeOther |
                                     QFileDevice::ReadGroup | QFileDevice::ExeGroup);
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadOther | QFileDevice::ReadGroup);
    QFile::setPermissions(csv, QFileDevice::ReadOwner | QFileDevice::ReadOther | QFileDevice::ReadGroup);
    const QByteArray before = test::fileHash(path);

    auto r = run({QStringLiteral("info"), path});
    INFO(r.err.toStdString());
    CHECK(r.code == 0);
    CHECK_FALSE(r.err.contains(QStringLiteral("damaged")));
    r = run({QStringLiteral("check"), path});
    CHECK(r.code == 0);
    CHECK(r.out.contains(QStringLiteral("ok:")));
    r = run({QStringLiteral("import"), path, QStringLiteral("--kind"), QStringLiteral("accounts"), QStringLiteral("--csv"), csv});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("folder you cannot write to")));
    CHECK(r.err.startsWith(QStringLiteral("keystone-cli import: %1 is in a folder").arg(path))); // named once, no "import: file:"
    CHECK_FALSE(r.err.contains(QStringLiteral("damaged")));
    CHECK(test::fileHash(path) == before);
    // The exchange file written into the folder (streamed through a temporary file there):
    // refused, and nothing left behind.
    const QString json = QDir(folder).filePath(QStringLiteral("book.json"));
    r = run({QStringLiteral("export"), path, QStringLiteral("--json"), json});
    INFO(r.err.toStdString());
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("cannot be written")));
    CHECK(QDir(folder).entryList(QDir::Files).join(QLatin1Char(',')) == QStringLiteral("book.keystone"));
    // An exchange file nobody here may read: named, with the reason, and nothing written.
    const QString secret = dir.file(QStringLiteral("secret.json"));
    test::writeFile(secret, QByteArrayLiteral("{}"));
    QFile::setPermissions(secret, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QString writable = dir.file(QStringLiteral("own.keystone"));
    REQUIRE(cli({QStringLiteral("new"), writable}).code == 0);
    if (::geteuid() == 0) // the program runs as nobody: let it write its own portfolio
        REQUIRE(QFile::setPermissions(writable, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther | QFileDevice::WriteOther));
    r = run({QStringLiteral("import"), writable, QStringLiteral("--json"), secret});
    CHECK(r.code == 1);
    CHECK(r.err == QStringLiteral("keystone-cli import: --json %1 cannot be read (Permission denied)\n").arg(secret));
    // Put the write bits back so the folder can be removed.
    QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

namespace {
// What both full-disk tests import: a 50-account demo (1.2 MB) and a CSV of 4,000 accounts
// with long names (big.csv beside it). Returns the demo's path.
QString diskTestPortfolio(test::TempDir &dir)
{
    const QString base = dir.file(QStringLiteral("base.keystone"));
    REQUIRE(cli({QStringLiteral("demo"), QStringLiteral("--out"), base, QStringLiteral("--accounts"), QStringLiteral("50"), QStringLiteral("--seed"),
                 QStringLiteral("2"), QStringLiteral("--today"), QStringLiteral("2026-06-15")}).code == 0);
    QByteArray csv = "Account Name,Industry,Annual Revenue,ARR\r\n";
    for (int i = 0; i < 4000; ++i)
        csv += QStringLiteral("Bulk Company %1 with a long descriptive name for padding,Manufacturing,%2,%3\r\n")
                   .arg(i, 5, 10, QLatin1Char('0')).arg(1000000 + i).arg(20000 + i).toUtf8();
    test::writeFile(dir.file(QStringLiteral("big.csv")), csv);
    return base;
}
} // namespace

TEST_CASE("A disk that fills up during the closing checkpoint is an error, and every imported row is kept", "[cli][outputs][disk]")
{
    // A real full disk: a 6 MB tmpfs in a private mount namespace (unshare, no privileges
    // needed). The import's rows fit in the write-ahead log, but folding the log into the
    // file needs more room than is left.
    test::TempDir dir;
    const QString base = diskTestPortfolio(dir);
    const QString mount = dir.file(QStringLiteral("small-disk"));
    REQUIRE(QDir().mkpath(mount));
    const QString script = QStringLiteral(
        "mount -t tmpfs -o size=6250k tmpfs \"$1\" || exit 90\n"
        "cp \"$2\" \"$1/p.keystone\" || exit 91\n"
        "\"$3\" import \"$1/p.keystone\" --kind accounts --csv \"$4\"; echo \"import-exit=$?\"\n"
        "\"$3\" info \"$1/p.keystone\"; echo \"info-exit=$?\"\n");
    QProcess p;
    p.setProgram(QStringLiteral("unshare"));
    p.setArguments({QStringLiteral("-Urm"), QStringLiteral("sh"), QStringLiteral("-c"), script, QStringLiteral("sh"), mount, base,
                    test::programPath(QStringLiteral("keystone-cli")), dir.file(QStringLiteral("big.csv"))});
    p.start();
    REQUIRE(p.waitForFinished(120000));
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    const QString err = QString::fromUtf8(p.readAllStandardError());
    INFO(out.toStdString() << "\n" << err.toStdString());
    REQUIRE(p.exitCode() == 0); // the namespace and the small disk were made
    CHECK(out.contains(QStringLiteral("import-exit=1")));
    CHECK(err.contains(QStringLiteral("the disk is full")));
    CHECK(err.contains(QStringLiteral("Your changes are safe in p.keystone-wal")));
    // The next open reads every row: the 50 of the demo and the 4,000 imported.
    CHECK(out.contains(QStringLiteral("info-exit=0")));
    CHECK(out.contains(QRegularExpression(QStringLiteral("accounts:\\s+4050"))));
}

TEST_CASE("A disk that fills up during an import or an export says so, and nothing is half-written", "[cli][outputs][disk]")
{
    // A 3 MB tmpfs: the portfolio (1.2 MB) and its backup fit, the import's 4,000 rows do not;
    // a 40 KB one takes no export of 442 contacts.
    test::TempDir dir;
    const QString base = diskTestPortfolio(dir);
    const QString mount = dir.file(QStringLiteral("small-disk"));
    const QString tiny = dir.file(QStringLiteral("tiny-disk"));
    REQUIRE(QDir().mkpath(mount));
    REQUIRE(QDir().mkpath(tiny));
    const QString script = QStringLiteral(
        "mount -t tmpfs -o size=3000k tmpfs \"$1\" || exit 90\n"
        "mount -t tmpfs -o size=40k tmpfs \"$5\" || exit 90\n"
        "cp \"$2\" \"$1/p.keystone\" || exit 91\n"
        "\"$3\" import \"$1/p.keystone\" --kind accounts --csv \"$4\"; echo \"import-exit=$?\"\n"
        "\"$3\" info \"$1/p.keystone\"; echo \"info-exit=$?\"\n"
        "\"$3\" export \"$2\" --kind contacts --csv \"$5/c.csv\"; echo \"export-exit=$?\"\n"
        "\"$3\" export \"$2\" --json \"$5/p.json\"; echo \"json-exit=$?\"\n"
        "ls -A \"$5\"; echo \"ls-done\"\n"
        "printf 'the old export' > \"$5/old.json\"\n"
        "\"$3\" export \"$2\" --json \"$5/old.json\" --force; echo \"replace-exit=$?\"\n"
        "cat \"$5/old.json\"; echo; ls -A \"$5\"; echo \"ls2-done\"\n");
    QProcess p;
    p.setProgram(QStringLiteral("unshare"));
    p.setArguments({QStringLiteral("-Urm"), QStringLiteral("sh"), QStringLiteral("-c"), script, QStringLiteral("sh"), mount, base,
                    test::programPath(QStringLiteral("keystone-cli")), dir.file(QStringLiteral("big.csv")), tiny});
    p.start();
    REQUIRE(p.waitForFinished(120000));
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    const QString err = QString::fromUtf8(p.readAllStandardError());
    INFO(out.toStdString() << "\n" << err.toStdString());
    REQUIRE(p.exitCode() == 0);
    CHECK(out.contains(QStringLiteral("import-exit=1")));
    CHECK(err.contains(QStringLiteral("the disk is full. Nothing of this change was saved")));
    CHECK_FALSE(err.contains(QStringLiteral("rollback failed")));
    CHECK_FALSE(err.contains(QStringLiteral("database or disk is full"))); // SQLite's words stay in the log
    // All or nothing: the demo's 50 accounts, none of the 4,000.
    CHECK(out.contains(QStringLiteral("info-exit=0")));
    CHECK(out.contains(QRegularExpression(QStringLiteral("accounts:\\s+50\\n"))));
    CHECK(out.contains(QStringLiteral("export-exit=1")));
    CHECK(err.contains(QRegularExpression(QStringLiteral("c\\.csv cannot be written: the disk is full \\(\\d+ KB to write, \\d+ KB free\\)"))));
    CHECK_FALSE(err.contains(QStringLiteral("Unknown error")));
    CHECK(out.contains(QStringLiteral("\nls-done"))); // nothing left in the tiny disk (ls printed no name)
    CHECK_FALSE(out.contains(QStringLiteral("c.csv\n")));
    // The JSON export streams into its temporary file: the disk fills part way, and the
    // temporary file goes; a file it was to replace stays as it was.
    CHECK(out.contains(QStringLiteral("json-exit=1")));
    CHECK(err.contains(QRegularExpression(QStringLiteral("p\\.json cannot be written: the disk is full \\(\\d+ KB to write, \\d+ KB free\\)"))));
    CHECK(out.contains(QStringLiteral("export-exit=1\njson-exit=1\nls-done")));
    CHECK(out.contains(QStringLiteral("replace-exit=1")));
    CHECK(out.contains(QStringLiteral("the old export\nold.json\nls2-done")));
}

TEST_CASE("keystone-bench --only takes measures by name, reports those alone, each with its peak memory", "[cli][bench]")
{
    const test::ProgramRun run = test::runProgram(QStringLiteral("keystone-bench"),
                                                  {QStringLiteral("--accounts"), QStringLiteral("60"), QStringLiteral("--runs"), QStringLiteral("5"),
                                                   QStringLiteral("--only"), QStringLiteral("open_portfolio,health_current_10k"), QStringLiteral("--json")},
                                                  300000);
    INFO(run.err.toStdString());
    REQUIRE(run.code == 0);
    const auto j = clitest::parse(run.out);
    std::set<std::string> names;
    for (const auto &[name, e] : j["results"].items()) {
        names.insert(name);
        INFO(name);
        // A peak is what the process held, so never less than a few MB nor absurdly more.
        REQUIRE(e.contains("peak_rss_mb"));
        CHECK(e["peak_rss_mb"].get<double>() > 5.0);
        CHECK(e["peak_rss_mb"].get<double>() < 4096.0);
        CHECK(e["peak_rss_mb"].get<double>() <= j["peak_rss_mb"].get<double>() + 1.0);
    }
    CHECK(names == std::set<std::string>{"generate", "open_portfolio", "health_current_10k"}); // the book is generated whatever is chosen
    CHECK_FALSE(j.contains("ratios")); // the raw read was not asked for, so no ratio to it
    // A name that is neither a group nor a measure is refused, with the groups listed.
    const test::ProgramRun bad = test::runProgram(QStringLiteral("keystone-bench"), {QStringLiteral("--only"), QStringLiteral("qbr_two")});
    CHECK(bad.code == 2);
    CHECK(bad.err.contains(QStringLiteral("'qbr_two' is neither a group")));
}
