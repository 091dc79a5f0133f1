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
#include "keystone/storage/clock.h"
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
    // The clock is moved by hand and the quiet spell's end is called, not waited for: the
    // timer's only part is to call quietSpellOver(), and that it is (re)started is checked.
    storage::ManualClock clock(QDateTime(QDate(2026, 3, 2), QTime(10, 0, 0)));
    test::TempDir dir;
    const QString path = makeDemo(dir, 20);
    MainWindow w;
    guitest::openForTest(w, path, guitest::Window::Shown);
    AutoBackup *backup = w.autoBackup();
    REQUIRE(backup);
    AutoBackup::Settings s;
    s.idleMs = 60 * 1000;
    s.minIntervalSecs = 3600;
    backup->setSettings(s);
    QSignalSpy spy(backup, &AutoBackup::backedUp);
    const qint64 id = firstRowId(w);
    CHECK_FALSE(backup->hasPendingChanges());
    CHECK(backup->nextCheckInMs() == -1);

    // Edits in a burst: each starts the quiet spell again; no backup while they come.
    for (int i = 0; i < 5; ++i) {
        editIndustry(w, QStringLiteral("Burst %1").arg(i));
        clock.advance(5);
        CHECK(backup->nextCheckInMs() == 60 * 1000);
    }
    CHECK(spy.count() == 0);
    CHECK(backup->hasPendingChanges());
    backup->quietSpellOver();
    CHECK(backup->isRunning());
    REQUIRE(spy.wait(15000));
    const QString first = spy.at(0).at(0).toString();
    CHECK(QFileInfo(first).absolutePath() == storage::backupFolder(path));
    CHECK(first.endsWith(QStringLiteral(".automatic")));
    CHECK(industryIn(first, id) == QStringLiteral("Burst 4")); // the copy opens and holds the last edit
    CHECK_FALSE(backup->hasPendingChanges());
    const QDateTime firstAt = storage::listBackups(path).first().takenAt;
    CHECK(firstAt == clock.at().toLocalTime());

    // No change, no backup.
    backup->quietSpellOver();
    CHECK_FALSE(backup->isRunning());
    CHECK(spy.count() == 1);

    // An undo is a change too. Ten minutes after the first backup it is too soon: the next
    // check is set for the rest of the hour.
    clock.advance(600);
    w.undoStack()->undo();
    CHECK(backup->hasPendingChanges());
    backup->quietSpellOver();
    CHECK_FALSE(backup->isRunning());
    CHECK(spy.count() == 1);
    CHECK(backup->nextCheckInMs() == (3600 - 600) * 1000);

    // The hour is up.
    clock.advance(3000);
    backup->quietSpellOver();
    REQUIRE(spy.wait(15000));
    const QString second = spy.at(1).at(0).toString();
    CHECK(industryIn(second, id) == QStringLiteral("Burst 3"));
    const auto after = storage::listBackups(path);
    REQUIRE(after.size() == 2); // 10:00 and 11:00: the newest of each hour stays
    CHECK(after.first().path == second);
    CHECK(after.first().takenAt == firstAt.addSecs(3600));

    // With a shorter interval, another backup in the same hour takes the 11:00 one's place
    // in the rotation (the newest of each hour stays); 10:00 keeps its own hour.
    s.minIntervalSecs = 60;
    backup->setSettings(s);
    clock.advance(120);
    editIndustry(w, QStringLiteral("Later"));
    backup->quietSpellOver();
    REQUIRE(spy.wait(15000));
    const auto third = storage::listBackups(path);
    REQUIRE(third.size() == 2);
    CHECK(third.at(0).path == spy.at(2).at(0).toString());
    CHECK(third.at(0).takenAt == firstAt.addSecs(3600 + 120));
    CHECK(third.at(1).takenAt == firstAt);
    CHECK_FALSE(QFileInfo::exists(second));
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
    s.idleMs = 60 * 1000;
    s.minIntervalSecs = 0;
    reader.autoBackup()->setSettings(s);
    reader.autoBackup()->noteChange();
    CHECK_FALSE(reader.autoBackup()->hasPendingChanges());
    CHECK(reader.autoBackup()->nextCheckInMs() == -1);
    reader.autoBackup()->quietSpellOver();
    CHECK_FALSE(reader.autoBackup()->isRunning());
    CHECK(storage::listBackups(path).isEmpty());
    // The writer's changes are the writer's to back up.
    writer.autoBackup()->setSettings(s);
    editIndustry(writer, QStringLiteral("Written"));
    QSignalSpy spy(writer.autoBackup(), &AutoBackup::backedUp);
    writer.autoBackup()->quietSpellOver();
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
        guitest::settle();
        editIndustry(w, QStringLiteral("Checked again"));
        CHECK(readersLetGo(path));
        // Each view reads, then edits; the probe's commit and checkpoint must get through.
        int n = 0;
        for (const QString &view : MainWindow::viewNames()) {
            INFO(view.toStdString());
            REQUIRE(w.showView(view));
            guitest::settle();
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
