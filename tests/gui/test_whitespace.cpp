// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "testsupport.h"

#include "account/accountworkspace.h"
#include "dialogs/catalogdialog.h"
#include "window/mainwindow.h"
#include "account/whitespace/opportunitiesmodel.h"
#include "portfolio/portfoliomodel.h"
#include "commands/whitespacecommands.h"
#include "account/whitespace/whitespacemodel.h"

#include "keystone/services/accountservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/whitespaceservice.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>

using namespace keystone;
using app::MainWindow;
using app::WhitespaceModel;
using domain::CellStatus;

namespace {
// A portfolio with one account: 2 buying centers x 3 products, nothing assessed.
struct WhitespaceFixture {
    test::TempDir dir;
    QString path;
    MainWindow window;
    qint64 accountId = 0;

    WhitespaceFixture()
    {
        path = dir.file(QStringLiteral("ws.keystone"));
        {
            auto p = services::Portfolio::create(path);
            services::AccountService accounts(*p);
            services::WhitespaceService ws(*p);
            domain::Account a;
            a.name = QStringLiteral("Initech");
            a.arr.cents = 20000000;
            accountId = accounts.create(a).id;
            for (const char *name : {"Core", "Analytics", "Vault"})
                ws.createProduct({0, {}, QString::fromLatin1(name), QStringLiteral("Platform"), domain::PricingBasis::Flat, 100000});
            for (const char *name : {"Finance", "Operations"})
                ws.createBuyingCenter({0, {}, accountId, QString::fromLatin1(name), domain::BuyingCenterKind::Division, 100});
        }
        window.setInteractive(false);
        REQUIRE(window.openPortfolio(path, nullptr, true));
        REQUIRE(window.selectAccountByName(QStringLiteral("Initech")));
        REQUIRE(window.showView(QStringLiteral("whitespace")));
    }
    app::AccountWorkspace &ws() { return *window.accountWorkspace(); }
    WhitespaceModel &model() { return *ws().whitespaceModel(); }
    // Grid index by names: rows sort by name (Finance, Operations), columns by family then name.
    QModelIndex at(int row, const QString &product)
    {
        for (int c = 0; c < model().columnCount() - 1; ++c) {
            if (model().headerData(c, Qt::Horizontal).toString().endsWith(product))
                return model().index(row, c);
        }
        FAIL("no product column " << product.toStdString());
        return {};
    }
    domain::ExpansionTotals cached()
    {
        std::vector<domain::ExpansionTotals> t;
        window.portfolio()->accounts().byIds({accountId}, &t);
        return t.front();
    }
    void press(const QModelIndex &index, Qt::Key key)
    {
        ws().grid()->setCurrentIndex(index);
        QTest::keyClick(ws().grid(), key);
        INFO(window.lastError().toStdString());
        CHECK(window.lastError().isEmpty());
    }
};
} // namespace

TEST_CASE("The whitespace grid is keyboard-first and every change undoes", "[gui][whitespace]")
{
    WhitespaceFixture f;
    QAbstractItemModelTester tester(&f.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    REQUIRE(f.model().rowCount() == 3);    // 2 buying centers + totals
    REQUIRE(f.model().columnCount() == 4); // 3 products + totals
    QUndoStack &undo = *f.window.undoStack();

    // Enter an amount on an unassessed cell: it becomes Whitespace with that potential.
    REQUIRE(f.model().setData(f.at(0, QStringLiteral("Analytics")), QStringLiteral("45k")));
    CHECK(f.model().data(f.at(0, QStringLiteral("Analytics")), WhitespaceModel::StatusRole).toInt() == int(CellStatus::Whitespace));
    // Keys: O owned (the amount moves to current ARR), N not a fit.
    f.model().setData(f.at(1, QStringLiteral("Core")), QStringLiteral("200000"));
    f.press(f.at(1, QStringLiteral("Core")), Qt::Key_O);
    f.press(f.at(1, QStringLiteral("Vault")), Qt::Key_N);
    CHECK(f.model().data(f.at(1, QStringLiteral("Core")), WhitespaceModel::StatusRole).toInt() == int(CellStatus::Owned));
    CHECK(f.model().data(f.at(1, QStringLiteral("Core")), WhitespaceModel::AmountRole).toLongLong() == 20000000);
    // Totals, by hand: open 45,000; owned 200,000; 1 owned of 2 cells that fit.
    CHECK(f.model().totals().openWhitespaceCents == 4500000);
    CHECK(f.model().totals().ownedArrCents == 20000000);
    CHECK(f.model().totals().penetration() == Approx(0.5));
    CHECK(f.model().data(f.model().index(2, 3), WhitespaceModel::AmountRole).toLongLong() == 4500000); // grand total
    CHECK(f.cached() == domain::ExpansionTotals{4500000, 3, 0});
    CHECK(f.ws().whitespaceSummary().contains(QStringLiteral("50%")));

    // P turns the Whitespace cell into an opportunity; undo reverses both.
    f.press(f.at(0, QStringLiteral("Analytics")), Qt::Key_P);
    CHECK(f.model().data(f.at(0, QStringLiteral("Analytics")), WhitespaceModel::StatusRole).toInt() == int(CellStatus::Pipeline));
    REQUIRE(f.ws().opportunitiesModel()->rowCount() == 1);
    CHECK(f.ws().opportunitiesModel()->at(0).amountCents == 4500000);
    CHECK(f.cached() == domain::ExpansionTotals{0, 3, 450000});
    undo.undo();
    CHECK(f.model().data(f.at(0, QStringLiteral("Analytics")), WhitespaceModel::StatusRole).toInt() == int(CellStatus::Whitespace));
    CHECK(f.ws().opportunitiesModel()->rowCount() == 0);
    CHECK(f.window.portfolio()->opportunities().count() == 0);
    undo.redo();
    CHECK(f.ws().opportunitiesModel()->rowCount() == 1);

    // Undo everything: back to a grid with nothing assessed, and totals at zero.
    while (undo.canUndo())
        undo.undo();
    CHECK(f.window.portfolio()->whitespace().cells(f.accountId).empty());
    CHECK(f.cached() == domain::ExpansionTotals{});
    CHECK(f.window.portfolio()->accounts().staleExpansionTotals().isEmpty());

    // A bad amount is refused and changes nothing.
    CHECK_FALSE(f.model().setData(f.at(0, QStringLiteral("Core")), QStringLiteral("lots")));
    CHECK(f.window.portfolio()->whitespace().cells(f.accountId).empty());
}

TEST_CASE("Stage changes on the opportunities tab are undoable and update the portfolio table", "[gui][pipeline]")
{
    WhitespaceFixture f;
    f.model().setData(f.at(0, QStringLiteral("Vault")), QStringLiteral("80000"));
    f.press(f.at(0, QStringLiteral("Vault")), Qt::Key_P);
    app::OpportunitiesModel &opps = *f.ws().opportunitiesModel();
    REQUIRE(opps.rowCount() == 1);
    const QModelIndex stage = opps.index(0, app::OpportunitiesModel::Stage);
    REQUIRE(opps.setData(stage, int(domain::Stage::Negotiation)));
    CHECK(opps.at(0).stage == domain::Stage::Negotiation);
    CHECK(opps.at(0).probability == 75);
    // The portfolio table's weighted pipeline follows: 80,000 x 75%.
    app::PortfolioModel &pm = *f.window.portfolioModel();
    const int row = pm.rowOfId(f.accountId);
    CHECK(pm.index(row, app::PortfolioModel::WeightedPipeline).data(app::PortfolioModel::SortRole).toLongLong() == 6000000);
    f.window.undoStack()->undo();
    CHECK(opps.at(0).stage == domain::Stage::Identified);
    CHECK(opps.at(0).probability == 10);
    CHECK(pm.index(row, app::PortfolioModel::WeightedPipeline).data(app::PortfolioModel::SortRole).toLongLong() == 800000);
}

TEST_CASE("Removing a product says what goes with it, and undo restores it all", "[gui][catalog]")
{
    WhitespaceFixture f;
    f.model().setData(f.at(0, QStringLiteral("Analytics")), QStringLiteral("45000"));
    f.model().setData(f.at(1, QStringLiteral("Analytics")), QStringLiteral("30000"));
    f.press(f.at(1, QStringLiteral("Analytics")), Qt::Key_O);
    app::CatalogDialog dialog(*f.window.portfolio(), *f.window.whitespaceService(), *f.window.undoStack(), nullptr);
    QTreeWidgetItem *analytics = nullptr;
    for (int i = 0; i < dialog.list()->topLevelItemCount(); ++i)
        if (dialog.list()->topLevelItem(i)->text(0) == QStringLiteral("Analytics"))
            analytics = dialog.list()->topLevelItem(i);
    REQUIRE(analytics);
    const qint64 id = analytics->data(0, Qt::UserRole).toLongLong();
    const QString question = dialog.removalQuestion(id);
    CHECK(question.contains(QStringLiteral("2 assessed whitespace cells in 1 accounts")));
    CHECK(question.contains(QStringLiteral("owned ARR $30,000")));
    CHECK(question.contains(QStringLiteral("open whitespace $45,000")));

    // Declined: nothing happens.
    dialog.list()->setCurrentItem(analytics);
    dialog.setConfirm([](const QString &) { return false; });
    dialog.removeSelected();
    CHECK(f.window.portfolio()->whitespace().productById(id));
    // Accepted: the product and its cells go; the grid loses a column; undo brings all back.
    dialog.setConfirm([](const QString &) { return true; });
    dialog.removeSelected();
    CHECK_FALSE(f.window.portfolio()->whitespace().productById(id));
    CHECK(f.model().columnCount() == 3);
    CHECK(f.window.portfolio()->whitespace().cells(f.accountId).empty());
    f.window.undoStack()->undo();
    CHECK(f.window.portfolio()->whitespace().productById(id));
    CHECK(f.window.portfolio()->whitespace().cells(f.accountId).size() == 2);
    CHECK(f.model().columnCount() == 4);
    CHECK(f.cached() == domain::ExpansionTotals{4500000, 2, 0});
}

TEST_CASE("Buying centers are renamed and removed with their cells, and undo puts them back", "[gui][whitespace]")
{
    WhitespaceFixture f;
    f.model().setData(f.at(0, QStringLiteral("Core")), QStringLiteral("60000"));
    f.model().setData(f.at(0, QStringLiteral("Vault")), QStringLiteral("15000"));
    f.model().setData(f.at(1, QStringLiteral("Vault")), QStringLiteral("5000"));
    QUndoStack &undo = *f.window.undoStack();
    services::WhitespaceService &service = *f.window.whitespaceService();

    // Rename through the same command the form pushes.
    const domain::BuyingCenter before = *f.model().centerAt(0);
    domain::BuyingCenter after = before;
    after.name = QStringLiteral("Group Finance");
    after.kind = domain::BuyingCenterKind::Department;
    service.updateBuyingCenter(after);
    undo.push(app::makeEditBuyingCenterCommand(service, before, after, nullptr));
    CHECK(undo.undoText() == QStringLiteral("Rename buying center 'Finance' to 'Group Finance'"));
    CHECK(f.model().headerData(0, Qt::Vertical).toString().contains(QStringLiteral("Group Finance")));
    undo.undo();
    CHECK(f.model().centerAt(0)->name == QStringLiteral("Finance"));
    CHECK(f.model().centerAt(0)->kind == domain::BuyingCenterKind::Division);

    // Remove Finance: its two cells go, the open whitespace drops by 75,000 to 5,000.
    REQUIRE(f.ws().removeBuyingCenter(0));
    CHECK(f.model().rowCount() == 2);
    CHECK(f.model().centerAt(0)->name == QStringLiteral("Operations"));
    CHECK(f.cached() == domain::ExpansionTotals{500000, 1, 0});
    undo.undo();
    CHECK(f.model().rowCount() == 3);
    CHECK(f.window.portfolio()->whitespace().cells(f.accountId).size() == 3);
    CHECK(f.cached() == domain::ExpansionTotals{8000000, 3, 0});
    undo.redo();
    CHECK(f.cached() == domain::ExpansionTotals{500000, 1, 0});
    // The totals row is not a buying center.
    CHECK_FALSE(f.ws().removeBuyingCenter(1));
}

TEST_CASE("Opportunities are added by hand and deleted with the Delete key, both undoable", "[gui][pipeline]")
{
    WhitespaceFixture f;
    QUndoStack &undo = *f.window.undoStack();
    app::OpportunitiesModel &opps = *f.ws().opportunitiesModel();
    f.ws().showTab(app::AccountWorkspace::OpportunitiesTab);

    // The form: a bad amount is refused in the form with the field named, then a good one saves.
    QString refusal;
    QTimer::singleShot(0, [&] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        REQUIRE(dialog);
        dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("Renewal 2027"));
        dialog->findChild<QComboBox *>(QStringLiteral("typeCombo"))->setCurrentIndex(int(domain::OpportunityType::Renewal));
        dialog->findChild<QComboBox *>(QStringLiteral("stageCombo"))->setCurrentIndex(int(domain::Stage::Proposal));
        auto *amount = dialog->findChild<QLineEdit *>(QStringLiteral("amountEdit"));
        auto *ok = dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttons"))->button(QDialogButtonBox::Ok);
        amount->setText(QStringLiteral("plenty"));
        ok->click();
        refusal = dialog->findChild<QLabel *>(QStringLiteral("errorLabel"))->text();
        amount->setText(QStringLiteral("120,000"));
        ok->click();
    });
    f.ws().addOpportunity();
    CHECK(refusal == QStringLiteral("Amount: 'plenty' is not an amount"));
    REQUIRE(opps.rowCount() == 1);
    CHECK(opps.at(0).name == QStringLiteral("Renewal 2027"));
    CHECK(opps.at(0).type == domain::OpportunityType::Renewal);
    CHECK(opps.at(0).amountCents == 12000000);
    CHECK(opps.at(0).probability == 50);
    CHECK(f.cached().weightedPipelineCents == 6000000);
    undo.undo();
    CHECK(opps.rowCount() == 0);
    CHECK(f.cached().weightedPipelineCents == 0);
    undo.redo();
    REQUIRE(opps.rowCount() == 1);

    // A second one from a whitespace cell; deleting it turns the cell back to Whitespace.
    f.model().setData(f.at(1, QStringLiteral("Analytics")), QStringLiteral("40000"));
    f.press(f.at(1, QStringLiteral("Analytics")), Qt::Key_P);
    REQUIRE(opps.rowCount() == 2);
    QTableView *table = f.ws().opportunities();
    int linkedRow = -1;
    for (int r = 0; r < table->model()->rowCount(); ++r)
        if (table->model()->index(r, app::OpportunitiesModel::Amount).data(app::OpportunitiesModel::SortRole).toLongLong() == 4000000)
            linkedRow = r;
    REQUIRE(linkedRow >= 0);
    table->setCurrentIndex(table->model()->index(linkedRow, 0));
    QTest::keyClick(table, Qt::Key_Delete);
    CHECK(opps.rowCount() == 1);
    CHECK(f.model().data(f.at(1, QStringLiteral("Analytics")), WhitespaceModel::StatusRole).toInt() == int(CellStatus::Whitespace));
    CHECK(f.cached() == domain::ExpansionTotals{4000000, 1, 6000000});
    undo.undo();
    CHECK(opps.rowCount() == 2);
    CHECK(f.model().data(f.at(1, QStringLiteral("Analytics")), WhitespaceModel::StatusRole).toInt() == int(CellStatus::Pipeline));
    CHECK(f.cached() == domain::ExpansionTotals{0, 1, 6000000 + 400000});
}

TEST_CASE("The whitespace grid keeps its current cell through status keys, and Enter edits the cell it shows", "[gui][whitespace]")
{
    WhitespaceFixture f;
    f.window.resize(1200, 800);
    f.window.show();
    f.window.activateWindow(); // keys reach editors only in the active window
    REQUIRE(QTest::qWaitForWindowActive(&f.window));
    QTableView *grid = f.ws().grid();
    grid->setFocus();
    // Opening the account gives the grid a current cell: the keys always have a target.
    CHECK(grid->currentIndex() == f.model().index(0, 0));

    // W, Enter, "7k", Enter: the cell it marked holds 7,000 (issue: the amount was lost).
    const QModelIndex core = f.at(0, QStringLiteral("Core"));
    grid->setCurrentIndex(core);
    QTest::keyClick(grid, Qt::Key_W);
    CHECK(grid->currentIndex() == core);
    QTest::keyClick(grid, Qt::Key_Return);
    auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    REQUIRE(editor);
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("7k"));
    QTest::keyClick(editor, Qt::Key_Return);
    QCoreApplication::processEvents(); // the delegate commits and closes on the next turn
    CHECK(f.model().data(core, WhitespaceModel::StatusRole).toInt() == int(CellStatus::Whitespace));
    CHECK(f.model().data(core, WhitespaceModel::AmountRole).toLongLong() == 700000);
    CHECK(grid->currentIndex() == core);

    // W, Right, N: N marks the cell to the right of the one W marked, not another one.
    const QModelIndex right = core.siblingAtColumn(core.column() + 1);
    QTest::keyClick(grid, Qt::Key_Right);
    CHECK(grid->currentIndex() == right);
    QTest::keyClick(grid, Qt::Key_N);
    CHECK(f.model().data(right, WhitespaceModel::StatusRole).toInt() == int(CellStatus::NotAFit));
    CHECK(grid->currentIndex() == right);
    // Down, then typing an amount edits that cell straight away, as in a spreadsheet.
    QTest::keyClick(grid, Qt::Key_Down);
    const QModelIndex below = right.siblingAtRow(right.row() + 1);
    CHECK(grid->currentIndex() == below);
    QTest::keyClick(grid, Qt::Key_1); // the first key opens the editor and is its first character
    editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    REQUIRE(editor);
    CHECK(editor->text() == QStringLiteral("1"));
    QTest::keyClicks(editor, QStringLiteral("2000"));
    QTest::keyClick(editor, Qt::Key_Return);
    QCoreApplication::processEvents();
    CHECK(f.model().data(below, WhitespaceModel::AmountRole).toLongLong() == 1200000);
    // Only these three cells were touched.
    CHECK(f.window.portfolio()->whitespace().cells(f.accountId).size() == 3);
    INFO(f.window.lastError().toStdString());
    CHECK(f.window.lastError().isEmpty());
}
