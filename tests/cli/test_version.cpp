// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// One version for the whole build: both programs say it, --help and --version answer with no
// display, and a portfolio records which Keystone last wrote it (info shows it).
#include "clitest.h"

#include "keystone/log/version.h"

#include <QImage>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>

using namespace keystone;
using clitest::cli;

namespace {

// Runs a built program with no display at all (no DISPLAY, no WAYLAND_DISPLAY, no
// QT_QPA_PLATFORM, no XDG_RUNTIME_DIR): as over ssh, in cron, or in a package check.
test::ProgramRun runWithoutDisplay(const QString &name, const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *var : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_RUNTIME_DIR"})
        env.remove(QString::fromLatin1(var));
    p.setProcessEnvironment(env);
    p.start(test::programPath(name), args);
    REQUIRE(p.waitForFinished(60000));
    test::ProgramRun r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace

TEST_CASE("keystone --help and --version answer with no display, and both programs say the same version", "[cli][version]")
{
    const test::ProgramRun help = runWithoutDisplay(QStringLiteral("keystone"), {QStringLiteral("--help")});
    INFO(help.err.toStdString());
    CHECK(help.code == 0);
    CHECK(help.out.contains(QStringLiteral("--screenshot <PNG>")));
    CHECK(help.out.contains(QStringLiteral("--view <NAME>")));
    const test::ProgramRun app = runWithoutDisplay(QStringLiteral("keystone"), {QStringLiteral("--version")});
    CHECK(app.code == 0);
    const test::ProgramRun cliVersion = runWithoutDisplay(QStringLiteral("keystone-cli"), {QStringLiteral("--version")});
    CHECK(cliVersion.code == 0);
    CHECK(app.out == QStringLiteral("keystone %1\n").arg(versionText()));
    CHECK(cliVersion.out == QStringLiteral("keystone-cli %1\n").arg(versionText()));
    // The project's version, and the commit when built from a git checkout.
    CHECK(versionText().startsWith(version()));
    CHECK(QRegularExpression(QStringLiteral("^\\d+\\.\\d+\\.\\d+$")).match(version()).hasMatch());
    if (!buildCommit().isEmpty())
        CHECK(QRegularExpression(QStringLiteral("^[0-9a-f]{10}(-dirty)?$")).match(buildCommit()).hasMatch());
}

TEST_CASE("A screenshot and a QBR need no display and print no runtime-folder warning", "[cli][version]")
{
    test::TempDir dir;
    const QString file = dir.file(QStringLiteral("shot.keystone"));
    REQUIRE(cli({QStringLiteral("demo"), QStringLiteral("--accounts"), QStringLiteral("12"), QStringLiteral("--out"), file}).code == 0);
    const QString png = dir.file(QStringLiteral("shot.png"));
    const test::ProgramRun shot = runWithoutDisplay(QStringLiteral("keystone"), {file, QStringLiteral("--screenshot"), png, QStringLiteral("--filter"),
                                                                                 QStringLiteral("zzzz-none")});
    INFO(shot.err.toStdString());
    CHECK(shot.code == 0);
    CHECK(shot.out.trimmed() == png);
    CHECK_FALSE(shot.err.contains(QStringLiteral("XDG_RUNTIME_DIR")));
    QImage image(png);
    CHECK(image.width() == 1440);
    const QString pdf = dir.file(QStringLiteral("qbr.pdf"));
    const QString someAccount = cli({QStringLiteral("accounts"), file, QStringLiteral("--json")}).out.section(QStringLiteral("\"name\": \""), 1, 1).section(QLatin1Char('"'), 0, 0);
    REQUIRE_FALSE(someAccount.isEmpty());
    const test::ProgramRun qbr = runWithoutDisplay(QStringLiteral("keystone-cli"), {QStringLiteral("qbr"), file, QStringLiteral("--account"), someAccount,
                                                                                    QStringLiteral("--quarter"), QStringLiteral("2026Q4"), QStringLiteral("--out"), pdf});
    INFO(qbr.err.toStdString());
    CHECK(qbr.code == 0);
    CHECK_FALSE(qbr.err.contains(QStringLiteral("XDG_RUNTIME_DIR")));
}

TEST_CASE("A portfolio records which Keystone last wrote it, and only a session that wrote changes it", "[cli][version]")
{
    test::TempDir dir;
    const QString file = dir.file(QStringLiteral("v.keystone"));
    REQUIRE(cli({QStringLiteral("new"), file}).code == 0);
    const auto writtenBy = [&] { return test::queryText(file, QStringLiteral("SELECT value FROM settings WHERE key = 'app.last_written_by'")); };
    CHECK(writtenBy() == producerName());
    const test::ProgramRun info = cli({QStringLiteral("info"), file, QStringLiteral("--json")});
    CHECK(info.out.contains(QStringLiteral("\"last_written_by\": \"%1\"").arg(producerName())));
    // An older Keystone's mark stays while only reading; a write replaces it.
    test::execSqlite(file, "UPDATE settings SET value = 'Keystone 0.0.9' WHERE key = 'app.last_written_by'");
    REQUIRE(cli({QStringLiteral("info"), file}).code == 0);
    REQUIRE(cli({QStringLiteral("check"), file}).code == 0);
    CHECK(writtenBy() == QStringLiteral("Keystone 0.0.9"));
    CHECK(cli({QStringLiteral("info"), file}).out.contains(QStringLiteral("Last written by:  Keystone 0.0.9")));
    test::writeFile(dir.file(QStringLiteral("a.csv")), "Name,ARR\r\nVersioned Co,1000\r\n");
    REQUIRE(cli({QStringLiteral("import"), file, QStringLiteral("--kind"), QStringLiteral("accounts"), QStringLiteral("--csv"),
                 dir.file(QStringLiteral("a.csv"))}).code == 0);
    CHECK(writtenBy() == producerName());
    // It is the file's own: not in an export.
    const QString exported = dir.file(QStringLiteral("all.json"));
    REQUIRE(cli({QStringLiteral("export"), file, QStringLiteral("--json"), exported}).code == 0);
    QFile f(exported);
    REQUIRE(f.open(QIODevice::ReadOnly));
    CHECK_FALSE(f.readAll().contains("last_written_by"));
}
