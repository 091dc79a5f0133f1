// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// keystone-cli: backup, backups and restore.
#include "clitest.h"

#include <QRegularExpression>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>

#include "keystone/services/accountservice.h"
#include "keystone/services/planservice.h"
#include "keystone/services/snapshotservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/storage/database.h"

#include <set>

using namespace keystone;
using namespace keystone::clitest;

TEST_CASE("backup, backups and restore: a verified copy comes back in place and the replaced file is kept", "[cli][backup]")
{
    test::TempDir dir;
    const QString path = demoBook(dir, 6);
    const Run none = cli({QStringLiteral("backups"), path});
    CHECK(none.code == 0);
    CHECK(none.out.startsWith(QStringLiteral("No backups of ")));
    CHECK(parse(cli({QStringLiteral("backups"), path, QStringLiteral("--json")}).out)["backups"].empty());
    const Run made = cli({QStringLiteral("backup"), path});
    INFO(made.err.toStdString());
    REQUIRE(made.code == 0);
    CHECK(made.out.contains(QStringLiteral("verified")));
    const json list = parse(cli({QStringLiteral("backups"), path, QStringLiteral("--json")}).out);
    REQUIRE(list["backups"].size() == 1);
    const QString backup = QString::fromStdString(list["backups"][0]["path"].get<std::string>());
    CHECK(list["backups"][0]["bytes"].get<qint64>() == QFileInfo(backup).size());
    CHECK((QFileInfo(backup).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)) == 0); // 0600

    // An account added after the backup: gone after the restore, kept in the replaced file.
    {
        auto p = services::Portfolio::open(path);
        domain::Account a;
        a.name = QStringLiteral("Added After Backup");
        services::AccountService(*p).create(a);
    }
    const Run restored = cli({QStringLiteral("restore"), path, QStringLiteral("--from"), backup});
    INFO(restored.err.toStdString());
    REQUIRE(restored.code == 0);
    const QString replaced = restored.out.section(QStringLiteral("kept as "), 1).trimmed();
    REQUIRE(QFileInfo::exists(replaced));
    {
        auto p = services::Portfolio::open(path);
        CHECK_FALSE(p->accounts().byName(QStringLiteral("Added After Backup")));
        CHECK(p->accounts().all().size() == 6);
    }
    {
        auto old = services::Portfolio::open(replaced);
        CHECK(old->accounts().byName(QStringLiteral("Added After Backup")));
    }

    // Refusals leave the portfolio as it was: not a portfolio, an existing --to, a file in use.
    const QString junk = dir.file(QStringLiteral("junk.keystone"));
    {
        QFile f(junk);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("not a database at all");
    }
    const QByteArray before = [&] {
        QFile f(path);
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    }();
    Run bad = cli({QStringLiteral("restore"), path, QStringLiteral("--from"), junk});
    CHECK(bad.code == 1);
    CHECK(bad.err.contains(QStringLiteral("not a Keystone portfolio")));
    bad = cli({QStringLiteral("backup"), path, QStringLiteral("--to"), junk});
    CHECK(bad.code == 1);
    CHECK(bad.err.contains(QStringLiteral("already exists")));
    {
        auto inUse = services::Portfolio::open(path); // holds the file, as the app does
        bad = cli({QStringLiteral("restore"), path, QStringLiteral("--from"), backup});
        CHECK(bad.code == 1);
        CHECK(bad.err.contains(QStringLiteral("is open in Keystone")));
    }
    QFile after(path);
    REQUIRE(after.open(QIODevice::ReadOnly));
    CHECK(after.readAll() == before);
    CHECK(cli({QStringLiteral("restore"), path}).code == 2);
}

storage::OpenOptions readOnly()
{
    storage::OpenOptions o;
    o.readOnly = true;
    return o;
}

TEST_CASE("backup --to refuses a name kept for backup folders, writes into a folder, and a file in the folder's place is named", "[cli][backup]")
{
    test::TempDir dir;
    const QString path = demoBook(dir, 3);
    // X.backups is where the automatic backups go: a file there would stop every import.
    Run r = cli({QStringLiteral("backup"), path, QStringLiteral("--to"), path + QStringLiteral(".backups")});
    CHECK(r.code == 2);
    CHECK(r.err.contains(QStringLiteral("kept for backup folders")));
    CHECK_FALSE(QFileInfo::exists(path + QStringLiteral(".backups")));
    // An existing folder takes the copy under a backup's name.
    const QString folder = dir.file(QStringLiteral("offsite"));
    REQUIRE(QDir().mkpath(folder));
    r = cli({QStringLiteral("backup"), path, QStringLiteral("--to"), folder});
    REQUIRE(r.code == 0);
    const QStringList copies = QDir(folder).entryList({QFileInfo(path).fileName() + QStringLiteral(".bak-*.manual")}, QDir::Files);
    REQUIRE(copies.size() == 1);
    CHECK(services::Portfolio::open(QDir(folder).filePath(copies.front()), readOnly())->accounts().all().size() == 3);
    // A file made where the backup folder belongs (by hand or by an older build) is named,
    // and the import that needs a backup first changes nothing.
    {
        QFile f(path + QStringLiteral(".backups"));
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("x");
    }
    const QString csv = dir.file(QStringLiteral("a.csv"));
    {
        QFile f(csv);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("name\nNew One\n");
    }
    r = cli({QStringLiteral("import"), path, QStringLiteral("--kind"), QStringLiteral("accounts"), QStringLiteral("--csv"), csv});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("is a file, but the backups")));
    CHECK(services::Portfolio::open(path, readOnly())->accounts().all().size() == 3);
}

TEST_CASE("restore --newest puts the newest backup that opens in place of a damaged file and keeps it as .damaged", "[cli][backup]")
{
    test::TempDir dir;
    const QString path = demoBook(dir, 5);
    REQUIRE(cli({QStringLiteral("backup"), path}).code == 0);
    // A newer "backup" that does not open must be skipped.
    const QString junk = path + QStringLiteral(".bak-29990101-000000");
    {
        QFile f(junk);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("garbage");
    }
    // Damage the portfolio: cut it in half.
    {
        QFile f(path);
        REQUIRE(f.open(QIODevice::ReadWrite));
        REQUIRE(f.resize(f.size() / 2));
    }
    CHECK(cli({QStringLiteral("accounts"), path}).code == 1);
    const Run r = cli({QStringLiteral("restore"), path, QStringLiteral("--newest")});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    CHECK(r.out.contains(QStringLiteral("the data is as of then")));
    CHECK(r.out.contains(QStringLiteral(".damaged-")));
    CHECK(cli({QStringLiteral("accounts"), path}).code == 0);
    CHECK(QFileInfo::exists(junk)); // left alone
    CHECK(cli({QStringLiteral("restore"), path, QStringLiteral("--newest"), QStringLiteral("--from"), junk}).code == 2);
}
