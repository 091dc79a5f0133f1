// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "guitest.h"
#include "walprobe.h"

#include "account/accountworkspace.h"
#include "window/autobackup.h"
#include "book/bookloader.h"
#include "window/mainwindow.h"
#include "portfolio/portfoliomodel.h"
#include "portfolio/portfolioview.h"

#include "keystone/demo/demogenerator.h"
#include "keystone/services/portfolio.h"
#include "keystone/storage/accountrepository.h"
#include "keystone/storage/backups.h"
#include "keystone/storage/database.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

#include <sqlite3.h>

using namespace keystone;
using app::AutoBackup;
using app::MainWindow;
using app::PortfolioModel;

namespace {

QString makeDemo(const test::TempDir &dir, int accounts)
{
    return guitest::makeDemo(dir, QStringLiteral("safe.keystone"), accounts, 11);
}

// Sets the industry of the table's first row through the model, as the table's editor does:
// one undo step.
void editIndustry(MainWindow &w, const QString &industry)
{
    QAbstractItemModel *m = w.portfolioView()->table()->model();
    REQUIRE(m->setData(m->index(0, PortfolioModel::Industry), industry));
}

qint64 firstRowId(MainWindow &w)
{
    QAbstractItemModel *m = w.portfolioView()->table()->model();
    return m->index(0, PortfolioModel::Industry).data(PortfolioModel::AccountIdRole).toLongLong();
}

QString industryIn(const QString &file, qint64 id)
{
    storage::OpenOptions o;
    o.readOnly = true;
    auto db = storage::Database::open(file, o);
    return storage::AccountRepository(*db).byId(id)->industry;
}

// The probe itself must go through: a failed commit is not a reader left open.
int truncateCheckpoint(const QString &file)
{
    QString error;
    const int rc = test::commitThenTruncateCheckpoint(file, &error);
    INFO(error.toStdString());
    CHECK(rc != SQLITE_ERROR);
    return rc;
}

bool readersLetGo(const QString &file)
{
    QString error;
    const bool free = test::readersLetGo(file, 8000, &error);
    INFO(error.toStdString());
    return free;
}

} // namespace

TEST_CASE("Automatic backups come after a quiet spell, at most once per interval, verified", "[gui][backup][auto]")
{
    test::TempDir dir;
    const QString path = makeDemo(dir, 20);
    MainWindow w;
    guitest::openForTest(w, path, guitest::Window::Shown);
    AutoBackup *backup = w.autoBackup();
    REQUIRE(backup);
    AutoBackup::Settings s;
    s.idleMs = 700;
    s.minIntervalSecs = 3;
    backup->setSettings(s);
    QSignalSpy spy(backup, &AutoBackup::backedUp);
    const qint64 id = firstRowId(w);
    CHECK_FALSE(backup->hasPendingChanges());

    // Edits in a burst, each well inside the quiet spell: no backup until they stop.
    for (int i = 0; i < 5; ++i) {
        editIndustry(w, QStringLiteral("Burst %1").arg(i));
        QTest::qWait(150);
    }
    CHECK(spy.count() == 0);
    CHECK(backup->hasPendingChanges());
    REQUIRE(spy.wait(15000));
    const QString first = spy.at(0).at(0).toString();
    CHECK(QFileInfo(first).absolutePath() == storage::backupFolder(path));
    CHECK(first.endsWith(QStringLiteral(".automatic")));
    CHECK(industryIn(first, id) == QStringLiteral("Burst 4")); // the copy opens and holds the last edit
    CHECK_FALSE(backup->hasPendingChanges());

    // No change, no backup.
    QTest::qWait(1000);
    CHECK(spy.count() == 1);

    // An undo is a change too; the next backup waits for the interval since the first.
    w.undoStack()->undo();
    CHECK(backup->hasPendingChanges());
    QTest::qWait(1200);
    const auto all = storage::listBackups(path);
    const QDateTime firstAt = all.first().takenAt;
    if (QDateTime::currentDateTime() < firstAt.addSecs(3))
        CHECK(spy.count() == 1);
    REQUIRE(spy.wait(15000));
    const QString second = spy.at(1).at(0).toString();
    CHECK(industryIn(second, id) == QStringLiteral("Burst 3"));
    const auto after = storage::listBackups(path);
    REQUIRE_FALSE(after.isEmpty());
    CHECK(after.first().path == second);
    CHECK(after.first().takenAt >= firstAt.addSecs(3));
    // Rotation keeps the newest backup of each hour: the first went unless the hour turned.
    const bool sameHour = after.first().takenAt.date() == firstAt.date() && after.first().takenAt.time().hour() == firstAt.time().hour();
    CHECK(after.size() == (sameHour ? 1 : 2));
}

TEST_CASE("A read-only window takes no automatic backups", "[gui][backup][auto]")
{
    test::TempDir dir;
    const QString path = makeDemo(dir, 10);
    MainWindow writer;
    guitest::openForTest(writer, path);
    MainWindow reader;
    guitest::openForTest(reader, path);
    REQUIRE(reader.portfolio()->isReadOnly());
    AutoBackup::Settings s;
    s.idleMs = 10;
    s.minIntervalSecs = 0;
    reader.autoBackup()->setSettings(s);
    reader.autoBackup()->noteChange();
    CHECK_FALSE(reader.autoBackup()->hasPendingChanges());
    QTest::qWait(200);
    CHECK(storage::listBackups(path).isEmpty());
    // The writer's changes are the writer's to back up.
    writer.autoBackup()->setSettings(s);
    editIndustry(writer, QStringLiteral("Written"));
    QSignalSpy spy(writer.autoBackup(), &AutoBackup::backedUp);
    REQUIRE(spy.wait(15000));
    CHECK(storage::listBackups(path).size() == 1);
}

TEST_CASE("After an unclean shutdown the window checks the whole file in the background and says so", "[gui][backup][shutdown]")
{
    test::TempDir dir;
    const QString path = makeDemo(dir, 30);
    test::leaveStaleLock(path);
    MainWindow w;
    guitest::openForTest(w, path);
    REQUIRE(w.portfolio());
    CHECK_FALSE(w.portfolio()->isReadOnly());
    CHECK(w.portfolio()->database().openedAfterUncleanShutdown());
    CHECK(w.portfolio()->database().checkKind() == storage::Database::CheckKind::Integrity);
    CHECK(w.statusBar()->currentMessage().contains(QStringLiteral("not closed properly")));
    REQUIRE(w.waitForIntegrityCheck());
    CHECK(w.statusBar()->currentMessage().contains(QStringLiteral("no damage")));
    w.closePortfolio();

    // Closed cleanly: the next open runs only the quick check.
    REQUIRE(w.openPortfolio(path, nullptr, true));
    CHECK_FALSE(w.portfolio()->database().openedAfterUncleanShutdown());
    CHECK(w.portfolio()->database().checkKind() == storage::Database::CheckKind::Quick);
}

TEST_CASE("No model or view holds a read transaction between user actions", "[gui][transactions]")
{
    test::TempDir dir;
    const QString path = makeDemo(dir, 120);
    MainWindow w;
    guitest::openForTest(w, path, guitest::Window::Shown);
    REQUIRE(w.waitForIntegrityCheck());
    editIndustry(w, QStringLiteral("Checked"));
    REQUIRE(readersLetGo(path));

    SECTION("every view, sorted, scrolled and with an account open")
    {
        w.portfolioView()->table()->sortByColumn(PortfolioModel::Arr, Qt::DescendingOrder);
        w.portfolioView()->table()->scrollToBottom();
        QTest::qWait(50);
        editIndustry(w, QStringLiteral("Checked again"));
        CHECK(readersLetGo(path));
        // Each view reads, then edits; the probe's commit and checkpoint must get through.
        int n = 0;
        for (const QString &view : MainWindow::viewNames()) {
            INFO(view.toStdString());
            REQUIRE(w.showView(view));
            QTest::qWait(30);
            editIndustry(w, QStringLiteral("After %1").arg(++n));
            CHECK(readersLetGo(path));
        }
        w.undoStack()->undo();
        w.undoStack()->redo();
        CHECK(readersLetGo(path));
    }
    SECTION("the check itself sees a read left open")
    {
        QSqlQuery open(w.portfolio()->database().connection());
        open.setForwardOnly(true);
        REQUIRE(open.exec(QStringLiteral("SELECT id FROM accounts")));
        REQUIRE(open.next()); // a statement stepped and not finished holds a read transaction
        CHECK(truncateCheckpoint(path) == SQLITE_BUSY);
        open.finish();
        // A background job (the book's reload after the edit above) may read for a moment;
        // once the statement is finished the probe must get through within the wait.
        CHECK(readersLetGo(path));
    }
}
