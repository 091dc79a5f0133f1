// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "guitest.h"

#include "portfolio/accountform.h"
#include "account/accountworkspace.h"
#include "book/bookaccountsmodel.h"
#include "book/bookwhitespacepage.h"
#include "window/mainwindow.h"
#include "portfolio/portfoliomodel.h"
#include "portfolio/portfolioproxymodel.h"
#include "portfolio/portfolioview.h"
#include "dialogs/settingsdialog.h"
#include "dialogs/teamdialog.h"

#include "keystone/demo/demogenerator.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/teamservice.h"
#include "keystone/services/whitespaceservice.h"
#include "keystone/storage/database.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QSqlQuery>
#include <QImage>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QStatusBar>
#include <QTableView>
#include <QRadioButton>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>

using namespace keystone;
using app::MainWindow;
using app::PortfolioModel;

namespace {
QString makeDemo(const test::TempDir &dir, int accounts = 80)
{
    return guitest::makeDemo(dir, QStringLiteral("win.keystone"), accounts, 9);
}
} // namespace

TEST_CASE("The window opens a demo, filters, edits, undoes and redoes", "[gui][window]")
{
    test::TempDir dir;
    const QString path = makeDemo(dir);
    MainWindow w;
    guitest::openForTest(w, path, guitest::Window::Shown);
    app::PortfolioView *view = w.portfolioView();
    REQUIRE(view);
    CHECK(view->table()->model()->rowCount() == 80);

    // Typing in the filter narrows the table.
    QTest::keyClicks(view->filterEdit(), QStringLiteral("zzzz-no-such-account"));
    CHECK(view->table()->model()->rowCount() == 0);
    view->filterEdit()->clear();
    CHECK(view->table()->model()->rowCount() == 80);

    // Edit the first visible row's industry in place, through the proxy, as the delegate does.
    QAbstractItemModel *m = view->table()->model();
    const QModelIndex cell = m->index(0, PortfolioModel::Industry);
    const qint64 id = cell.data(PortfolioModel::AccountIdRole).toLongLong();
    const QString before = w.portfolio()->accounts().byId(id)->industry;
    REQUIRE(m->setData(cell, QStringLiteral("Aerospace")));
    CHECK(w.portfolio()->accounts().byId(id)->industry == QStringLiteral("Aerospace"));
    CHECK(w.undoStack()->canUndo());
    w.undoStack()->undo();
    CHECK(w.portfolio()->accounts().byId(id)->industry == before);
    w.undoStack()->redo();
    CHECK(w.portfolio()->accounts().byId(id)->industry == QStringLiteral("Aerospace"));
    const int row = w.portfolioModel()->rowOfId(id);
    CHECK(w.portfolioModel()->rowAt(row).account == *w.portfolio()->accounts().byId(id));
}

TEST_CASE("The undo stack keeps the last 500 steps: older ones are let go, the newer undo as ever", "[gui][window]")
{
    test::TempDir dir;
    const QString path = makeDemo(dir, 10);
    MainWindow w;
    w.setInteractive(false);
    REQUIRE(w.openPortfolio(path, nullptr, true));
    PortfolioModel *m = w.portfolioModel();
    const QModelIndex cell = m->index(0, PortfolioModel::Region);
    const qint64 id = cell.data(PortfolioModel::AccountIdRole).toLongLong();
    // 505 edits of one cell: region 1, 2, ... 505.
    const int edits = MainWindow::kUndoLimit + 5;
    for (int i = 1; i <= edits; ++i)
        REQUIRE(m->setData(m->index(m->rowOfId(id), PortfolioModel::Region), QStringLiteral("Region %1").arg(i)));
    CHECK(w.undoStack()->count() == MainWindow::kUndoLimit);
    // Every kept step undoes: back to the value after the fifth edit, the oldest kept state.
    while (w.undoStack()->canUndo())
        w.undoStack()->undo();
    CHECK(w.portfolio()->accounts().byId(id)->region == QStringLiteral("Region 5"));
    CHECK(w.lastError().isEmpty());
}

TEST_CASE("Deleting accounts is one undoable step, and its undo restores every table", "[gui][window]")
{
    test::TempDir dir;
    const QString path = makeDemo(dir);
    MainWindow w;
    guitest::openForTest(w, path);
    app::PortfolioView *view = w.portfolioView();
    QTableView *table = view->table();
    table->selectionModel()->select(QItemSelection(table->model()->index(2, 0), table->model()->index(4, 0)),
                                    QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QList<qint64> ids;
    for (int r = 2; r <= 4; ++r)
        ids << table->model()->index(r, 0).data(PortfolioModel::AccountIdRole).toLongLong();
    const auto snapshot = w.portfolio()->accounts().byIds(ids);
    const QStringList tables = test::dumpTables(path, {QStringLiteral("change_log")});
    view->deleteSelected();
    CHECK(w.portfolio()->accounts().count() == 77);
    CHECK(table->model()->rowCount() == 77);
    CHECK(w.undoStack()->count() == 1);
    CHECK(test::dumpTables(path, {QStringLiteral("change_log")}).size() < tables.size() - 30); // contacts, activities, scores went too
    w.undoStack()->undo();
    CHECK(w.portfolio()->accounts().count() == 80);
    CHECK(table->model()->rowCount() == 80);
    CHECK(w.portfolio()->accounts().byIds(ids) == snapshot); // same ids, uuids and fields
    // Every row of every table, the contacts, activities, health scores and plans included.
    CHECK(test::dumpTables(path, {QStringLiteral("change_log")}) == tables);
    w.undoStack()->redo();
    CHECK(w.portfolio()->accounts().count() == 77);
}

TEST_CASE("The detail form saves edits as one undo step", "[gui][window]")
{
    test::TempDir dir;
    const QString path = makeDemo(dir);
    MainWindow w;
    guitest::openForTest(w, path, guitest::Window::Shown);
    const domain::Account target = w.portfolio()->accounts().all().at(10);
    REQUIRE(w.selectAccountByName(target.name));
    app::AccountForm *form = w.portfolioView()->form();
    CHECK(form->shownAccount().id == target.id);
    auto *nameEdit = form->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    REQUIRE(nameEdit);
    nameEdit->selectAll();
    QTest::keyClicks(nameEdit, QStringLiteral("Renamed From Form"));
    CHECK(form->isDirty());
    Q_EMIT form->applyRequested();
    CHECK(w.portfolio()->accounts().byId(target.id)->name == QStringLiteral("Renamed From Form"));
    w.undoStack()->undo();
    CHECK(w.portfolio()->accounts().byId(target.id)->name == target.name);
}

TEST_CASE("A second window on the same file is read-only", "[gui][window]")
{
    test::TempDir dir;
    const QString path = makeDemo(dir, 10);
    MainWindow first;
    guitest::openForTest(first, path);
    MainWindow second;
    guitest::openForTest(second, path);
    CHECK(second.portfolio()->isReadOnly());
    CHECK(second.windowTitle().contains(QStringLiteral("read-only")));
    const QModelIndex cell = second.portfolioModel()->index(0, PortfolioModel::Name);
    CHECK_FALSE(second.portfolioModel()->flags(cell) & Qt::ItemIsEditable);
    CHECK_FALSE(second.portfolioModel()->setData(cell, QStringLiteral("Nope")));
}

TEST_CASE("Opening a file that is not a portfolio keeps the current one and says why", "[gui][window]")
{
    test::TempDir dir;
    const QString good = makeDemo(dir, 5);
    const QString bad = dir.file(QStringLiteral("bad.keystone"));
    test::writeFile(bad, "definitely not sqlite");
    MainWindow w;
    guitest::openForTest(w, good);
    QString error;
    CHECK_FALSE(w.openPortfolio(bad, &error, true));
    CHECK(error.contains(QStringLiteral("bad.keystone")));
    CHECK(error.contains(QStringLiteral("not an SQLite database")));
    CHECK(w.portfolio()->path().endsWith(QStringLiteral("win.keystone")));
}

TEST_CASE("The window renders a non-empty screenshot with the totals", "[gui][window]")
{
    test::TempDir dir;
    const QString path = makeDemo(dir);
    MainWindow w;
    guitest::openForTest(w, path, guitest::Window::Shown);
    QApplication::processEvents();
    const QImage shot = w.grab().toImage();
    CHECK(shot.width() == 1440);
    CHECK(shot.height() == 900);
    // More than a blank window: count distinct colours in a sample.
    QSet<QRgb> colours;
    for (int y = 0; y < shot.height(); y += 7)
        for (int x = 0; x < shot.width(); x += 7)
            colours.insert(shot.pixel(x, y));
    CHECK(colours.size() > 20);
    const auto labels = w.statusBar()->findChildren<QLabel *>();
    bool found = false;
    for (QLabel *l : labels)
        found = found || l->text().startsWith(QStringLiteral("80 accounts · total ARR $"));
    CHECK(found);
}

TEST_CASE("Removing a team member from the team dialog is undoable", "[gui][team]")
{
    test::TempDir dir;
    const QString path = makeDemo(dir, 40);
    MainWindow w;
    guitest::openForTest(w, path);
    const domain::TeamMember owner = w.portfolio()->team().byId(w.portfolio()->accounts().all().front().ownerId).value();
    const QList<qint64> owned = w.portfolio()->accounts().idsOwnedBy(owner.id);
    REQUIRE_FALSE(owned.isEmpty());

    app::TeamDialog dialog(*w.portfolio(), *w.teamService(), *w.portfolioModel(), *w.undoStack());
    QTreeWidget *list = dialog.list();
    QTreeWidgetItem *item = nullptr;
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        if (list->topLevelItem(i)->data(0, Qt::UserRole).toLongLong() == owner.id)
            item = list->topLevelItem(i);
    }
    REQUIRE(item);
    CHECK(item->data(4, Qt::DisplayRole).toInt() == owned.size()); // accounts owned, counted from the model
    list->setCurrentItem(item);
    dialog.removeSelected();
    CHECK_FALSE(w.portfolio()->team().byId(owner.id));
    CHECK(w.portfolio()->accounts().idsOwnedBy(owner.id).isEmpty());
    // The table shows the accounts as unassigned.
    const int row = w.portfolioModel()->rowOfId(owned.front());
    CHECK(w.portfolioModel()->index(row, PortfolioModel::Owner).data().toString() == QStringLiteral("Unassigned"));

    w.undoStack()->undo();
    CHECK(w.portfolio()->team().byId(owner.id) == owner);
    CHECK(w.portfolio()->accounts().idsOwnedBy(owner.id) == owned);
    const int row2 = w.portfolioModel()->rowOfId(owned.front());
    CHECK(w.portfolioModel()->index(row2, PortfolioModel::Owner).data().toString() == owner.name);
    w.undoStack()->redo();
    CHECK_FALSE(w.portfolio()->team().byId(owner.id));
}

TEST_CASE("Portfolio settings preview tier changes, save to the file and undo", "[gui][settings]")
{
    test::TempDir dir;
    const QString path = makeDemo(dir, 50);
    MainWindow w;
    guitest::openForTest(w, path);
    app::SettingsDialog dialog(*w.portfolio(), *w.portfolioModel(), *w.undoStack(), nullptr);
    auto *fixed = dialog.findChild<QRadioButton *>(QStringLiteral("fixedRadio"));
    auto *amount = dialog.findChild<QLineEdit *>(QStringLiteral("fixedEdit"));
    REQUIRE(fixed);
    REQUIRE(amount);
    fixed->setChecked(true);
    amount->setText(QStringLiteral("not money"));
    CHECK_FALSE(dialog.save());
    CHECK(w.portfolio()->settings().segmentation.mode == domain::SegmentationSettings::ThresholdMode::Percentile);

    // A threshold above every account's ARR: only accounts set by hand keep Tier 1 or 2 from value.
    amount->setText(QStringLiteral("100M"));
    domain::PortfolioSettings expected = w.portfolio()->settings();
    expected.segmentation.mode = domain::SegmentationSettings::ThresholdMode::Fixed;
    expected.segmentation.fixedThresholdCents = 10'000'000'000;
    // Independent count: rows whose tier in force differs once nobody is high value.
    int changes = 0;
    for (int r = 0; r < w.portfolioModel()->rowCount(); ++r) {
        const auto &row = w.portfolioModel()->rowAt(r);
        // High potential: rating 4+, or assessed open whitespace at least half the ARR.
        const bool potential = row.account.potentialRating >= 4
            || (row.expansion.assessedCells > 0 && row.expansion.openWhitespaceCents * 2 >= row.account.arr.cents);
        const domain::Tier newTier = row.account.tierOverride.value_or(potential ? domain::Tier::Tier2 : domain::Tier::Tier3);
        changes += newTier != row.tier ? 1 : 0;
    }
    CHECK(dialog.tierChanges(*dialog.edited(nullptr)) == changes);
    CHECK(dialog.previewText().contains(QString::number(changes)));
    REQUIRE(dialog.save());
    CHECK(w.portfolio()->settings() == expected);
    CHECK(w.portfolioModel()->thresholdCents() == 10'000'000'000);
    w.undoStack()->undo();
    CHECK(w.portfolio()->settings().segmentation.mode == domain::SegmentationSettings::ThresholdMode::Percentile);
    // The file holds it too.
    auto reread = services::Portfolio::open(path, [] { storage::OpenOptions o; o.readOnly = true; return o; }());
    CHECK(reread->settings().segmentation.mode == domain::SegmentationSettings::ThresholdMode::Percentile);
}

TEST_CASE("Damage outside the accounts is caught by the background check: closed, file unchanged", "[gui][window]")
{
    test::TempDir dir;
    const QString path = makeDemo(dir, 200);
    // Scribble over the root page of the whitespace table, which the window does not read
    // while opening.
    qint64 root = 0;
    int pageSize = 0;
    {
        auto p = services::Portfolio::open(path);
        QSqlQuery q(p->database().connection());
        REQUIRE(q.exec(QStringLiteral("SELECT rootpage FROM sqlite_master WHERE name = 'whitespace_cells'")));
        REQUIRE(q.next());
        root = q.value(0).toLongLong();
        pageSize = storage::readFileHeader(path).pageSize;
    }
    {
        QFile f(path);
        REQUIRE(f.open(QIODevice::ReadWrite));
        REQUIRE(f.seek((root - 1) * pageSize));
        f.write(QByteArray(pageSize / 2, '\x7f'));
    }
    const QByteArray before = test::fileHash(path);
    MainWindow w;
    guitest::openForTest(w, path); // accounts are fine: the book shows at once
    CHECK_FALSE(w.waitForIntegrityCheck());
    CHECK(w.portfolio() == nullptr);
    CHECK(w.lastError().contains(QStringLiteral("is damaged")));
    CHECK(test::fileHash(path) == before);
}

TEST_CASE("The book whitespace view sums the book and drills down to accounts", "[gui][whitespace]")
{
    test::TempDir dir;
    const QString path = makeDemo(dir, 120);
    MainWindow w;
    guitest::openForTest(w, path, guitest::Window::Shown);
    REQUIRE(w.showView(QStringLiteral("book-whitespace")));
    app::BookWhitespacePage &page = *w.bookWhitespace();
    REQUIRE(page.isVisible());

    // Independent route: the per-account totals cached on the accounts table.
    qint64 cachedTotal = 0;
    int withOpen = 0;
    std::vector<domain::ExpansionTotals> totals;
    w.portfolio()->accounts().all(&totals);
    for (const auto &t : totals) {
        cachedTotal += t.openWhitespaceCents;
        withOpen += t.openWhitespaceCents > 0 ? 1 : 0;
    }
    REQUIRE(cachedTotal > 0);
    const services::WhitespaceMatrix &m = page.matrix();
    CHECK(m.totalCents == cachedTotal);
    // The same numbers as the CLI's service.
    const services::WhitespaceMatrix cli = services::portfolioWhitespace(*w.portfolio(), services::WhitespaceGrouping::Industry);
    CHECK(cli.groups == m.groups);
    CHECK(cli.openCents == m.openCents);

    // The grand total cell lists every account with open whitespace.
    const int groups = int(m.groups.size());
    const int products = int(m.products.size());
    page.selectCell(groups, products);
    CHECK(page.accountsModel()->rowCount() == withOpen);

    // One cell: its accounts add up to the cell, and there are as many as it says.
    page.selectCell(0, 0);
    qint64 sum = 0;
    for (int r = 0; r < page.accountsModel()->rowCount(); ++r)
        sum += page.accountsModel()->at(r).openCents;
    CHECK(sum == m.openCents[0][0]);
    CHECK(page.accountsModel()->rowCount() == m.accounts[0][0]);

    // By tier: three fixed rows, same total.
    page.setGrouping(services::WhitespaceGrouping::Tier);
    CHECK(page.matrix().groups.size() == 3);
    CHECK(page.matrix().totalCents == cachedTotal);

    // Activating an account opens its whitespace grid.
    page.selectCell(0, int(page.matrix().products.size()));
    REQUIRE(page.accountsModel()->rowCount() > 0);
    QTableView *accounts = page.accountsView();
    accounts->setCurrentIndex(accounts->model()->index(0, 0));
    const qint64 opened = accounts->model()->index(0, 0).data(app::BookAccountsModel::AccountIdRole).toLongLong();
    QAction *openAct = accounts->actions().value(0); // Open Account (Enter, double-click)
    REQUIRE(openAct);
    REQUIRE(openAct->text() == QStringLiteral("&Open Account"));
    openAct->trigger();
    CHECK(w.accountWorkspace()->isVisible());
    CHECK(w.accountWorkspace()->accountId() == opened);

    // An edit elsewhere refreshes the view when it is shown again.
    const auto cells = w.portfolio()->whitespace().cells(opened);
    auto open = std::find_if(cells.begin(), cells.end(), [](const domain::WhitespaceCell &c) {
        return c.status == domain::CellStatus::Whitespace && c.potentialArrCents > 0;
    });
    REQUIRE(open != cells.end());
    domain::WhitespaceCell owned = *open;
    owned.status = domain::CellStatus::NotAFit;
    w.whitespaceService()->setCell(owned);
    REQUIRE(w.showView(QStringLiteral("book-whitespace")));
    CHECK(page.matrix().totalCents == cachedTotal - open->potentialArrCents);
}
