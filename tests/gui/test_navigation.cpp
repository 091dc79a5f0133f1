// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Getting around the window: every list of accounts opens the account (Enter, double-click,
// its row menu), the filter says what it shows, and actions without a target are disabled.
#include "demowindow.h"
#include "guitest.h"
#include "testsupport.h"

#include "account/accountworkspace.h"
#include "account/relationships/relationshipmap.h"
#include "account/relationships/relationshipspage.h"
#include "book/tierscatter.h"
#include "book/bookaccountsmodel.h"
#include "book/bookloader.h"
#include "book/bookwhitespacepage.h"
#include "book/teamleadpages.h"
#include "dialogs/helpwindow.h"
#include "dialogs/preferencesdialog.h"
#include "dialogs/settingsdialog.h"
#include "portfolio/accountform.h"
#include "portfolio/portfoliomodel.h"
#include "portfolio/portfolioproxymodel.h"
#include "portfolio/portfolioview.h"
#include "widgets/accountlist.h"
#include "widgets/colours.h"
#include "window/autobackup.h"
#include "window/mainwindow.h"

#include "keystone/domain/money.h"
#include "keystone/services/portfolio.h"

#include <QAccessible>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QTextBrowser>
#include <QMenu>
#include <QMouseEvent>
#include <QPushButton>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

using namespace keystone;
using app::MainWindow;
using app::PortfolioModel;

namespace {
using Window = guitest::DemoWindow;
using guitest::focusRow;

// True while a cell editor of `table` has the focus.
bool editing(QTableView *table)
{
    QWidget *focus = QApplication::focusWidget();
    return focus && focus->parentWidget() == table->viewport();
}

} // namespace

TEST_CASE("Enter and a double-click on a portfolio row open the account, and F2 still edits the cell", "[gui][navigation]")
{
    Window f;
    QTableView *table = f.view().table();
    const QModelIndex third = table->model()->index(2, PortfolioModel::Name);
    const qint64 id = third.data(PortfolioModel::AccountIdRole).toLongLong();
    focusRow(table, 2);
    QTest::keyClick(table, Qt::Key_Return);
    CHECK(f.w.currentViewName() == QStringLiteral("account"));
    CHECK(f.view().currentAccountId() == id);

    // Back on the list, a double-click on another row opens that one, and edits nothing.
    REQUIRE(f.w.showView(QStringLiteral("portfolio")));
    const QModelIndex fifth = table->model()->index(4, PortfolioModel::Industry);
    const qint64 fifthId = fifth.data(PortfolioModel::AccountIdRole).toLongLong();
    const QRect r = table->visualRect(fifth);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, r.center());
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, r.center());
    CHECK(f.w.currentViewName() == QStringLiteral("account"));
    CHECK(f.view().currentAccountId() == fifthId);
    CHECK(!editing(table));
    CHECK_FALSE(f.w.undoStack()->canUndo());

    // F2 edits the current cell in place; Escape leaves it as it was.
    REQUIRE(f.w.showView(QStringLiteral("portfolio")));
    table->setFocus();
    table->setCurrentIndex(fifth);
    QTest::keyClick(table, Qt::Key_F2);
    CHECK(editing(table));
    CHECK(f.w.currentViewName() == QStringLiteral("portfolio"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    CHECK(!editing(table));
    CHECK_FALSE(f.w.undoStack()->canUndo());
}

TEST_CASE("A portfolio row's menu holds the actions on accounts, and Copy gives the rows as the table shows them", "[gui][navigation]")
{
    Window f;
    QTableView *table = f.view().table();
    focusRow(table, 0);
    app::AccountListActions *actions = f.view().listActions();
    REQUIRE(actions);
    std::unique_ptr<QMenu> menu(actions->buildMenu(nullptr));
    QStringList texts;
    for (QAction *a : menu->actions())
        if (!a->isSeparator())
            texts << a->text().remove(QLatin1Char('&'));
    CHECK(texts == QStringList{QStringLiteral("Open Account"), QStringLiteral("Copy"), QStringLiteral("Export QBR…"),
                               QStringLiteral("Assign Team Member…"), QStringLiteral("Remove Team Member…"), QStringLiteral("Delete")});
    for (QAction *a : menu->actions())
        CHECK(a->isEnabled());

    // Copy: a header line and one line per selected row, the cells as shown; a hidden column
    // is left out.
    table->horizontalHeader()->setSectionHidden(PortfolioModel::Region, true);
    table->selectionModel()->select(QItemSelection(table->model()->index(1, 0), table->model()->index(2, 0)),
                                    QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    const QString text = actions->copySelection();
    CHECK(QApplication::clipboard()->text() == text);
    const QStringList lines = text.trimmed().split(QLatin1Char('\n'));
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].startsWith(QStringLiteral("Account\t")));
    CHECK_FALSE(lines[0].contains(QStringLiteral("Region")));
    CHECK(lines[1].section(QLatin1Char('\t'), 0, 0) == table->model()->index(1, PortfolioModel::Name).data().toString());
    CHECK(lines[2].section(QLatin1Char('\t'), 0, 0) == table->model()->index(2, PortfolioModel::Name).data().toString());
    CHECK(lines[1].count(QLatin1Char('\t')) == PortfolioModel::ColumnCount - 2);

    // The header's menu shows and hides columns.
    std::unique_ptr<QMenu> columns(f.view().columnsMenu(nullptr));
    QAction *region = nullptr;
    for (QAction *a : columns->actions())
        if (a->text() == f.w.portfolioModel()->headerData(PortfolioModel::Region, Qt::Horizontal).toString())
            region = a;
    REQUIRE(region);
    CHECK_FALSE(region->isChecked());
    region->trigger();
    CHECK_FALSE(table->horizontalHeader()->isSectionHidden(PortfolioModel::Region));
}

TEST_CASE("Every team-lead list of accounts opens the account with Enter", "[gui][navigation]")
{
    Window f;
    struct List {
        QString view;
        std::function<const QAbstractItemModel *(QWidget *)> model;
        int idRole;
    };
    const int rowsId = app::RowsModel::AccountIdRole;
    const std::vector<List> lists{
        {QStringLiteral("tier-grid"), [](QWidget *p) { return static_cast<app::TierGridPage *>(p)->accountsModel(); }, rowsId},
        {QStringLiteral("renewals"), [](QWidget *p) { return static_cast<app::RenewalsPage *>(p)->rows(); }, rowsId},
        {QStringLiteral("hygiene"), [](QWidget *p) { return static_cast<app::HygienePage *>(p)->singleThreaded(); }, rowsId},
        {QStringLiteral("signals"), [](QWidget *p) { return static_cast<app::SignalsPage *>(p)->rows(); }, rowsId},
        {QStringLiteral("health-dashboard"), [](QWidget *p) { return static_cast<app::HealthDashboardPage *>(p)->decliners(); }, rowsId},
    };
    for (const List &l : lists) {
        INFO(l.view.toStdString());
        f.showBook(l.view);
        QWidget *page = f.w.bookPage(l.view);
        const QAbstractItemModel *model = l.model(page);
        REQUIRE(model->rowCount() > 0);
        QTableView *table = Window::tableOf(page, model);
        const int row = model->rowCount() / 2;
        const qint64 id = model->index(row, 0).data(l.idRole).toLongLong();
        REQUIRE(id > 0);
        focusRow(table, row);
        QTest::keyClick(table, Qt::Key_Return);
        CHECK(f.w.currentViewName() == QStringLiteral("account"));
        CHECK(f.view().currentAccountId() == id);
    }

    // Book whitespace: its accounts list under the matrix.
    REQUIRE(f.w.showView(QStringLiteral("book-whitespace")));
    app::BookWhitespacePage *ws = f.w.bookWhitespace();
    REQUIRE(QTest::qWaitFor([ws] { return ws->accountsModel()->rowCount() > 0; }, 30000));
    const qint64 id = ws->accountsModel()->index(0, 0).data(app::BookAccountsModel::AccountIdRole).toLongLong();
    focusRow(ws->accountsView(), 0);
    QTest::keyClick(ws->accountsView(), Qt::Key_Return);
    CHECK(f.w.currentViewName() == QStringLiteral("account"));
    CHECK(f.view().currentAccountId() == id);
}

TEST_CASE("The filter says what it shows: counts and ARR of the shown rows, a message when nothing matches", "[gui][navigation]")
{
    Window f;
    app::PortfolioView &view = f.view();
    PortfolioModel &model = *f.w.portfolioModel();
    CHECK(f.w.totalsText().startsWith(QStringLiteral("80 accounts · total ARR ")));

    // A filter: the status bar sums the rows it shows (checked by a pass over the model).
    // One industry: some accounts, not all.
    const QString industry = model.rowAt(0).account.industry;
    REQUIRE_FALSE(industry.isEmpty());
    QTest::keyClicks(view.filterEdit(), industry);
    guitest::settle();
    qint64 expected = 0;
    int shown = 0;
    for (int r = 0; r < model.rowCount(); ++r) {
        if (!view.proxy()->mapFromSource(model.index(r, 0)).isValid())
            continue;
        ++shown;
        expected += model.rowAt(r).account.arr.cents;
    }
    REQUIRE(shown < 80);
    REQUIRE(shown > 0);
    CHECK(view.shownCount() == shown);
    CHECK(view.shownArrCents() == expected);
    CHECK(f.w.totalsText() == QStringLiteral("Filter: %1 of 80 accounts · ARR %2 of %3")
                                  .arg(shown)
                                  .arg(domain::formatMoney(expected, model.currency()), domain::formatMoney(model.totalArrCents(), model.currency())));
    CHECK(view.noMatchLabel()->isHidden());

    // Nothing matches: a message says so, and the form shows no account.
    view.filterEdit()->setText(QStringLiteral("zzzz-no-such-account"));
    guitest::settle();
    CHECK(view.table()->model()->rowCount() == 0);
    CHECK(view.noMatchLabel()->isVisible());
    CHECK(view.noMatchLabel()->text().contains(QStringLiteral("No accounts match")));
    CHECK(view.currentAccountId() == 0);
    CHECK(view.form()->shownAccount().id == 0);
    CHECK_FALSE(view.form()->isEnabled());
    CHECK(view.showsNoAccount());
    CHECK(f.w.totalsText().startsWith(QStringLiteral("Filter: 0 of 80 accounts · ARR $0 of ")));
    // The message's link clears the filter; Esc in the box does too.
    Q_EMIT view.noMatchLabel()->linkActivated(QStringLiteral("clear"));
    CHECK(view.filterEdit()->text().isEmpty());
    CHECK(view.noMatchLabel()->isHidden());
    view.table()->selectRow(0);
    CHECK_FALSE(view.showsNoAccount());
    view.focusFilter(); // Ctrl+F
    QTest::keyClicks(view.filterEdit(), QStringLiteral("zzzz"));
    QTest::keyClick(view.filterEdit(), Qt::Key_Escape);
    CHECK(view.filterEdit()->text().isEmpty());
    guitest::settle();
    CHECK(f.w.totalsText().startsWith(QStringLiteral("80 accounts")));
}

TEST_CASE("Deleting every filtered row leaves the right counts and no deleted account in the form", "[gui][navigation]")
{
    Window f;
    app::PortfolioView &view = f.view();
    QTableView *table = view.table();
    QTest::keyClicks(view.filterEdit(), f.w.portfolioModel()->rowAt(0).account.industry);
    guitest::settle();
    const int shown = table->model()->rowCount();
    REQUIRE(shown > 1);
    REQUIRE(shown < 80);
    table->setFocus();
    table->selectAll();
    view.deleteSelected();
    guitest::settle();
    CHECK(f.w.portfolio()->accounts().count() == 80 - shown);
    CHECK(f.w.portfolioModel()->rowCount() == 80 - shown);
    CHECK(view.shownCount() == 0);
    CHECK(view.form()->shownAccount().id == 0);
    CHECK(view.showsNoAccount());
    CHECK(f.w.totalsText() == QStringLiteral("Filter: 0 of %1 accounts · ARR $0 of %2")
                                  .arg(80 - shown)
                                  .arg(domain::formatMoney(f.w.portfolioModel()->totalArrCents(), f.w.portfolioModel()->currency())));
    f.w.undoStack()->undo();
    guitest::settle();
    CHECK(view.shownCount() == shown);
}

TEST_CASE("Actions without a target are disabled", "[gui][navigation]")
{
    Window f;
    // Signals: nothing selected, nothing to snooze, dismiss or reopen.
    f.showBook(QStringLiteral("signals"));
    auto *signalsPage = static_cast<app::SignalsPage *>(f.w.bookPage(QStringLiteral("signals")));
    QPushButton *snooze = nullptr, *dismiss = nullptr, *reopen = nullptr;
    for (QPushButton *b : signalsPage->findChildren<QPushButton *>()) {
        if (b->text() == QStringLiteral("Snooze…"))
            snooze = b;
        else if (b->text() == QStringLiteral("Dismiss…"))
            dismiss = b;
        else if (b->text() == QStringLiteral("Reopen"))
            reopen = b;
    }
    REQUIRE(snooze);
    REQUIRE(dismiss);
    REQUIRE(reopen);
    signalsPage->view()->clearSelection();
    CHECK_FALSE(snooze->isEnabled());
    CHECK_FALSE(dismiss->isEnabled());
    CHECK_FALSE(reopen->isEnabled());
    REQUIRE(signalsPage->rows()->rowCount() > 0);
    signalsPage->view()->selectRow(0);
    CHECK(snooze->isEnabled());
    CHECK(dismiss->isEnabled());
    CHECK_FALSE(reopen->isEnabled()); // an open signal has nothing to reopen
    // Snoozed: shown with "Show snoozed", it can be reopened but not snoozed again.
    REQUIRE(signalsPage->decideSelected(domain::SignalDecision::Snoozed, guitest::testToday().addDays(7), {}));
    signalsPage->setShowHidden(true);
    f.showBook(QStringLiteral("signals"));
    guitest::settle();
    int snoozedRow = -1;
    for (int r = 0; r < signalsPage->rows()->rowCount(); ++r)
        if (signalsPage->rows()->index(r, 8).data().toString().startsWith(QStringLiteral("Snoozed")))
            snoozedRow = r;
    REQUIRE(snoozedRow >= 0);
    signalsPage->view()->selectRow(snoozedRow);
    CHECK(reopen->isEnabled());
    CHECK_FALSE(snooze->isEnabled());

    // The account page with no account: the whitespace buttons are off.
    app::AccountWorkspace *ws = f.w.accountWorkspace();
    ws->setAccount(0);
    for (QPushButton *b : ws->findChildren<QPushButton *>())
        if (b->text() == QStringLiteral("Add Buying Center…"))
            CHECK_FALSE(b->isEnabled());

    // The portfolio with no row selected: Delete, Export QBR and Assign are off.
    REQUIRE(f.w.showView(QStringLiteral("portfolio")));
    f.view().filterEdit()->setText(QStringLiteral("zzzz-no-such-account"));
    guitest::settle();
    for (QAction *a : f.w.findChildren<QAction *>()) {
        const QString t = a->text().remove(QLatin1Char('&'));
        if (t == QStringLiteral("Delete Account") || t == QStringLiteral("Export QBR…") || t == QStringLiteral("Assign Team Member…")) {
            INFO(t.toStdString());
            CHECK_FALSE(a->isEnabled());
        }
    }
    f.view().filterEdit()->clear();
    f.view().table()->selectRow(0);
    for (QAction *a : f.w.findChildren<QAction *>())
        if (a->text().remove(QLatin1Char('&')) == QStringLiteral("Delete Account"))
            CHECK(a->isEnabled());
}

TEST_CASE("Back and Forward go through the places visited, and the views have shortcuts", "[gui][navigation]")
{
    Window f;
    QTableView *table = f.view().table();
    const qint64 first = table->model()->index(0, 0).data(PortfolioModel::AccountIdRole).toLongLong();
    const qint64 second = table->model()->index(1, 0).data(PortfolioModel::AccountIdRole).toLongLong();
    CHECK_FALSE(f.w.goBack()); // nowhere to go yet

    // Portfolio -> account (first) -> Ctrl+4 (the tier grid) -> account (second).
    focusRow(table, 0);
    QTest::keyClick(table, Qt::Key_Return);
    REQUIRE(f.w.currentViewName() == QStringLiteral("account"));
    QTest::keyClick(&f.w, Qt::Key_4, Qt::ControlModifier);
    CHECK(f.w.currentViewName() == QStringLiteral("tier-grid"));
    REQUIRE(f.w.showView(QStringLiteral("portfolio")));
    focusRow(table, 1);
    QTest::keyClick(table, Qt::Key_Return);
    CHECK(f.view().currentAccountId() == second);

    // Alt+Left walks back: portfolio (on the second row), tier grid, the first account.
    QTest::keyClick(&f.w, Qt::Key_Left, Qt::AltModifier);
    CHECK(f.w.currentViewName() == QStringLiteral("portfolio"));
    CHECK(f.w.goBack());
    CHECK(f.w.currentViewName() == QStringLiteral("tier-grid"));
    CHECK(f.w.goBack());
    CHECK(f.w.currentViewName() == QStringLiteral("account"));
    CHECK(f.view().currentAccountId() == first);
    // Forward again, then a new visit drops what was ahead.
    QTest::keyClick(&f.w, Qt::Key_Right, Qt::AltModifier);
    CHECK(f.w.currentViewName() == QStringLiteral("tier-grid"));
    QTest::keyClick(&f.w, Qt::Key_1, Qt::ControlModifier);
    CHECK(f.w.currentViewName() == QStringLiteral("portfolio"));
    CHECK_FALSE(f.w.goForward());
    // The mouse's back button does what Alt+Left does.
    QTest::mouseClick(table->viewport(), Qt::BackButton, {}, QPoint(10, 10));
    CHECK(f.w.currentViewName() == QStringLiteral("tier-grid"));

    // Every sidebar view has Ctrl+digit in the sidebar's order.
    const QStringList order{QStringLiteral("portfolio"), QStringLiteral("account"), QStringLiteral("book-whitespace"),
                            QStringLiteral("tier-grid"), QStringLiteral("health-dashboard"), QStringLiteral("retention"),
                            QStringLiteral("renewals"), QStringLiteral("hygiene"), QStringLiteral("team"), QStringLiteral("signals")};
    for (int i = 0; i < order.size(); ++i) {
        QTest::keyClick(&f.w, Qt::Key(Qt::Key_0 + (i + 1) % 10), Qt::ControlModifier);
        CHECK(f.w.currentViewName() == order[i]);
    }
}

TEST_CASE("Quick open finds an account by part of its name and opens it", "[gui][navigation]")
{
    Window f;
    PortfolioModel &model = *f.w.portfolioModel();
    // A part of one name that no other name holds (checked by a pass over the model).
    const domain::Account target = model.rowAt(model.rowCount() / 2).account;
    QString part;
    for (int len = 4; len <= target.name.size() && part.isEmpty(); ++len) {
        const QString candidate = target.name.right(len);
        int holders = 0;
        for (int r = 0; r < model.rowCount(); ++r)
            holders += model.rowAt(r).account.name.contains(candidate, Qt::CaseInsensitive) ? 1 : 0;
        if (holders == 1)
            part = candidate;
    }
    REQUIRE_FALSE(part.isEmpty());
    f.w.showQuickOpen(part.toLower()); // case does not matter
    CHECK(f.w.currentViewName() == QStringLiteral("account"));
    CHECK(f.view().currentAccountId() == target.id);
    CHECK(f.w.accountWorkspace()->accountId() == target.id);
    // Back returns to the portfolio.
    CHECK(f.w.goBack());
    CHECK(f.w.currentViewName() == QStringLiteral("portfolio"));
    // Nothing matches: nothing opens.
    f.w.showQuickOpen(QStringLiteral("zzzz-no-such-account"));
    CHECK(f.w.currentViewName() == QStringLiteral("portfolio"));
}

TEST_CASE("No view leaves a stray widget over the status bar", "[gui][navigation]")
{
    // A widget shown before it was laid out (or without a parent layout) sits at its own
    // geometry over whatever is there: once, a copy of the Plan tab's Reviews table was
    // painted over the status bar on first opening an account.
    Window f;
    QStatusBar *bar = f.w.statusBar();
    const QRect barRect(bar->mapTo(&f.w, QPoint(0, 0)), bar->size());
    const QStringList views{QStringLiteral("portfolio"), QStringLiteral("account"), QStringLiteral("plan"), QStringLiteral("success"),
                            QStringLiteral("health"), QStringLiteral("relationships"), QStringLiteral("activities"), QStringLiteral("whitespace"),
                            QStringLiteral("opportunities"), QStringLiteral("history"), QStringLiteral("snapshots"), QStringLiteral("book-whitespace"),
                            QStringLiteral("tier-grid"), QStringLiteral("health-dashboard"), QStringLiteral("retention"), QStringLiteral("renewals"),
                            QStringLiteral("hygiene"), QStringLiteral("team"), QStringLiteral("signals")};
    const auto checkBar = [&] {
        guitest::settle();
        QCoreApplication::processEvents();
        for (QWidget *w : f.w.findChildren<QWidget *>()) {
            if (!w->isVisible() || w->isWindow() || w == bar || bar->isAncestorOf(w) || w->isAncestorOf(bar))
                continue;
            // What is drawn is clipped by every parent: the part of `w` its ancestors show.
            QRect shown(w->mapTo(&f.w, QPoint(0, 0)), w->size());
            for (QWidget *p = w->parentWidget(); p && p != &f.w; p = p->parentWidget())
                shown &= QRect(p->mapTo(&f.w, QPoint(0, 0)), p->size());
            INFO(w->metaObject()->className() << " " << w->objectName().toStdString());
            CHECK_FALSE(shown.intersects(barRect));
        }
    };
    // The first opening of an account, as a user does it: Enter on a portfolio row.
    focusRow(f.view().table(), 3);
    QTest::keyClick(f.view().table(), Qt::Key_Return);
    REQUIRE(f.w.currentViewName() == QStringLiteral("account"));
    checkBar();
    for (const QString &view : views) {
        INFO(view.toStdString());
        REQUIRE(f.w.showView(view));
        checkBar();
    }
}

TEST_CASE("New Account offers the book's industries and regions, and Tab reaches every field in order", "[gui][navigation]")
{
    Window f;
    PortfolioModel &model = *f.w.portfolioModel();
    QSet<QString> industries;
    for (int r = 0; r < model.rowCount(); ++r)
        industries.insert(model.rowAt(r).account.industry);
    industries.remove(QString());
    REQUIRE(industries.size() > 1);
    // The detail form: its Industry completer offers exactly the book's industries, sorted.
    f.view().table()->selectRow(1);
    app::AccountForm *form = f.view().form();
    QStringList offered = form->industrySuggestions();
    CHECK(QSet<QString>(offered.begin(), offered.end()) == industries);
    CHECK(std::is_sorted(offered.begin(), offered.end(), [](const QString &a, const QString &b) { return QString::localeAwareCompare(a, b) < 0; }));
    auto *industryEdit = form->findChild<QLineEdit *>(QStringLiteral("industryEdit"));
    REQUIRE(industryEdit);
    REQUIRE(industryEdit->completer());
    CHECK(industryEdit->completer()->filterMode() == Qt::MatchContains);

    // Tab from Name walks the fields top to bottom: ARR comes after the company size.
    QStringList order;
    QWidget *w = form->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    for (int i = 0; i < 8 && w; ++i) {
        order << w->objectName();
        w = w->nextInFocusChain();
        while (w && (w->focusPolicy() & Qt::TabFocus) != Qt::TabFocus)
            w = w->nextInFocusChain();
    }
    CHECK(order == QStringList{QStringLiteral("nameEdit"), QStringLiteral("ownerCombo"), QStringLiteral("industryEdit"), QStringLiteral("regionEdit"),
                               QStringLiteral("typeEdit"), QStringLiteral("revenueEdit"), QStringLiteral("employeesEdit"), QStringLiteral("arrEdit")});
}

TEST_CASE("A portfolio opens where the user left it: view, tab, columns, sort and split", "[gui][navigation]")
{
    Window f;
    const QString path = f.w.portfolio()->path();
    QTableView *table = f.view().table();
    QHeaderView *header = table->horizontalHeader();
    header->setSectionHidden(PortfolioModel::Region, true);
    header->resizeSection(PortfolioModel::Owner, 211);
    header->moveSection(header->visualIndex(PortfolioModel::Tier), 1);
    table->sortByColumn(PortfolioModel::Name, Qt::AscendingOrder);
    REQUIRE(f.w.showView(QStringLiteral("health")));
    f.w.closePortfolio();

    MainWindow again;
    guitest::openForTest(again, path, guitest::Window::Shown);
    CHECK(again.currentViewName() == QStringLiteral("account"));
    CHECK(again.accountWorkspace()->currentTab() == app::AccountWorkspace::HealthTab);
    QTableView *t = again.portfolioView()->table();
    CHECK(t->horizontalHeader()->isSectionHidden(PortfolioModel::Region));
    CHECK(t->horizontalHeader()->sectionSize(PortfolioModel::Owner) == 211);
    CHECK(t->horizontalHeader()->visualIndex(PortfolioModel::Tier) == 1);
    CHECK(t->horizontalHeader()->sortIndicatorSection() == PortfolioModel::Name);
    // The rows are sorted by name, as the header says.
    QStringList names;
    for (int r = 0; r < t->model()->rowCount(); ++r)
        names << t->model()->index(r, PortfolioModel::Name).data().toString();
    QStringList sorted = names;
    std::sort(sorted.begin(), sorted.end(), [](const QString &a, const QString &b) { return QString::localeAwareCompare(a, b) < 0; });
    CHECK(names.first() == sorted.first());
    CHECK(names.last() == sorted.last());
    // A state this version cannot read is ignored: the defaults stay.
    CHECK_FALSE(again.portfolioView()->restoreState(QByteArray("not a state")));
}

TEST_CASE("Book Whitespace never cuts a figure: every cell fits its column", "[gui][navigation]")
{
    Window f(300);
    REQUIRE(f.w.showView(QStringLiteral("book-whitespace")));
    app::BookWhitespacePage *page = f.w.bookWhitespace();
    QTableView *matrix = nullptr;
    for (QTableView *t : page->findChildren<QTableView *>())
        if (t != page->accountsView())
            matrix = t;
    REQUIRE(matrix);
    REQUIRE(QTest::qWaitFor([matrix] { return matrix->model()->rowCount() > 1; }, 30000));
    QFont bold = matrix->font();
    bold.setBold(true);
    for (int r = 0; r < matrix->model()->rowCount(); ++r)
        for (int c = 0; c < matrix->model()->columnCount(); ++c) {
            const QModelIndex i = matrix->model()->index(r, c);
            const QFont font = i.data(Qt::FontRole).isValid() ? i.data(Qt::FontRole).value<QFont>() : matrix->font();
            INFO(i.data().toString().toStdString());
            CHECK(QFontMetrics(font.bold() ? bold : matrix->font()).horizontalAdvance(i.data().toString()) + 8 <= matrix->columnWidth(c));
        }
}

TEST_CASE("F1 opens the user guide at the page for the view shown, searchable, with the shortcuts and the marks", "[gui][navigation]")
{
    Window f;
    REQUIRE(f.w.showView(QStringLiteral("tier-grid")));
    QTest::keyClick(&f.w, Qt::Key_F1);
    app::HelpWindow *help = f.w.findChild<app::HelpWindow *>();
    REQUIRE(help);
    CHECK(help->isVisible());
    CHECK(help->currentSection() == QStringLiteral("Tier grid"));
    // The account page opens at its tab's section.
    REQUIRE(f.w.showView(QStringLiteral("relationships")));
    f.w.showHelp();
    CHECK(help->currentSection() == QStringLiteral("Relationships: the stakeholder map"));
    // Every view's section exists in the guide.
    for (const QString &view : {QStringLiteral("portfolio"), QStringLiteral("plan"), QStringLiteral("success"), QStringLiteral("health"),
                                QStringLiteral("activities"), QStringLiteral("whitespace"), QStringLiteral("opportunities"),
                                QStringLiteral("snapshots"), QStringLiteral("book-whitespace"), QStringLiteral("health-dashboard"),
                                QStringLiteral("retention"), QStringLiteral("renewals"), QStringLiteral("hygiene"), QStringLiteral("team"),
                                QStringLiteral("signals")}) {
        INFO(view.toStdString());
        CHECK(help->showSection(app::HelpWindow::sectionForView(view)));
    }
    // Search finds text, wraps round, and says when it is nowhere.
    CHECK(help->find(QStringLiteral("Snooze")));
    CHECK(help->browser()->textCursor().selectedText() == QStringLiteral("Snooze"));
    CHECK_FALSE(help->find(QStringLiteral("zzqx-nowhere")));
    // The shortcuts page lists the window's own shortcuts; the marks page the table's marks.
    CHECK(help->showSection(QStringLiteral("Keyboard shortcuts")));
    const QString all = help->browser()->toPlainText();
    CHECK(all.contains(QKeySequence(QStringLiteral("Ctrl+K")).toString(QKeySequence::NativeText)));
    CHECK(all.contains(QStringLiteral("Go to Account…")));
    CHECK(help->showSection(QStringLiteral("Marks in the tables")));
    CHECK(all.contains(QStringLiteral("amber %")));
    // The contents list the guide's headings.
    CHECK(help->contents()->count() > 20);
}

TEST_CASE("Every input and custom widget of every view has an accessible name, and the drawn ones describe themselves", "[gui][navigation][a11y]")
{
    Window f;
    const QStringList views{QStringLiteral("portfolio"), QStringLiteral("plan"), QStringLiteral("success"), QStringLiteral("health"),
                            QStringLiteral("relationships"), QStringLiteral("activities"), QStringLiteral("whitespace"),
                            QStringLiteral("opportunities"), QStringLiteral("history"), QStringLiteral("snapshots"),
                            QStringLiteral("book-whitespace"), QStringLiteral("tier-grid"), QStringLiteral("health-dashboard"),
                            QStringLiteral("retention"), QStringLiteral("renewals"), QStringLiteral("hygiene"), QStringLiteral("team"),
                            QStringLiteral("signals")};
    QStringList unnamed;
    for (const QString &view : views) {
        REQUIRE(f.w.showView(view));
        guitest::settle();
        QCoreApplication::processEvents();
        for (QWidget *w : f.w.findChildren<QWidget *>()) {
            if (!w->isVisible() || qobject_cast<QHeaderView *>(w))
                continue;
            const QByteArray cls(w->metaObject()->className());
            const bool drawn = cls == "keystone::app::TierScatter" || cls == "keystone::app::CompletenessMeter"
                               || cls == "keystone::app::RelationshipMap" || cls == "QChartView";
            const bool input = qobject_cast<QLineEdit *>(w) || qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractSpinBox *>(w)
                               || qobject_cast<QAbstractItemView *>(w);
            if (!input && !drawn)
                continue;
            // An editable combo box's line edit and a spin box's are named by their owner; a
            // combo box's popup list is the combo box's.
            if (qobject_cast<QComboBox *>(w->parentWidget()) || qobject_cast<QAbstractSpinBox *>(w->parentWidget()))
                continue;
            QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
            const QString name = iface ? iface->text(QAccessible::Name) : QString();
            if (name.trimmed().isEmpty())
                unnamed << QStringLiteral("%1: %2 %3").arg(view, QString::fromLatin1(w->metaObject()->className()), w->objectName());
        }
    }
    unnamed.removeDuplicates();
    INFO(unnamed.join(QLatin1Char('\n')).toStdString());
    CHECK(unnamed.isEmpty());

    // The drawn widgets say what they show, with the figures.
    REQUIRE(f.w.showView(QStringLiteral("tier-grid")));
    guitest::settle();
    auto *grid = static_cast<app::TierGridPage *>(f.w.bookPage(QStringLiteral("tier-grid")));
    QAccessibleInterface *scatter = QAccessible::queryAccessibleInterface(grid->scatter());
    REQUIRE(scatter);
    CHECK(scatter->text(QAccessible::Name) == QStringLiteral("Accounts by ARR and growth potential"));
    CHECK(scatter->text(QAccessible::Description).contains(QStringLiteral("Scatter chart of %1 accounts").arg(grid->scatter()->pointCount())));
    REQUIRE(f.w.showView(QStringLiteral("relationships")));
    app::RelationshipMap *map = f.w.accountWorkspace()->relationships()->mapView();
    CHECK(QAccessible::queryAccessibleInterface(map)->text(QAccessible::Description)
              .startsWith(QStringLiteral("Org chart of %1 contacts").arg(map->map().contacts.size())));
}
