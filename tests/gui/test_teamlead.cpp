// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// The team lead's views on a demo book: every view fills from the shared book load, their
// figures agree with the portfolio table, and their edits (tier moves, signal decisions,
// the effort matrix) write through the services and undo.
#include "guitest.h"
#include "testsupport.h"

#include "book/accountlistfilter.h"
#include "book/bookloader.h"
#include "window/mainwindow.h"
#include "portfolio/portfoliomodel.h"
#include "portfolio/portfolioview.h"
#include "book/teamleadpages.h"
#include "book/tierscatter.h"

#include "keystone/services/bookservice.h"
#include "keystone/demo/demogenerator.h"
#include "keystone/services/portfolio.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QItemSelectionModel>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QUndoStack>

using namespace keystone;
using app::MainWindow;

namespace {
struct TeamLeadFixture {
    guitest::FixedClock fixedClock; // first: the window and the demo read it
    test::TempDir dir;
    QString path;
    MainWindow window;
    QDate today = guitest::testToday();

    explicit TeamLeadFixture(int accounts = 80)
    {
        path = dir.file(QStringLiteral("book.keystone"));
        demo::DemoOptions o;
        o.accounts = accounts;
        o.seed = 11;
        o.today = today;
        demo::generateDemo(path, o);
        window.setInteractive(false);
        REQUIRE(window.openPortfolio(path));
        window.resize(1440, 900);
        window.show();
    }
    services::Portfolio &portfolio() { return *window.portfolio(); }
    // Shows a view and waits until it has drawn a current book.
    template<typename Page>
    Page *show(const QString &key)
    {
        REQUIRE(window.showView(key));
        auto *page = qobject_cast<Page *>(window.bookPage(key));
        REQUIRE(page);
        REQUIRE(QTest::qWaitFor([this] { return window.bookLoader()->isCurrent() && !window.bookLoader()->isLoading(); }, 30000));
        QCoreApplication::processEvents();
        return page;
    }
    // Waits until a page has taken in the rows it builds on a worker (after a filter change).
    static void settle(app::BookPage *page)
    {
        REQUIRE(QTest::qWaitFor([page] { return !page->isPreparing(); }, 30000));
    }
    void waitForReload()
    {
        QTRY_VERIFY_WITH_TIMEOUT(!window.bookLoader()->isCurrent() || window.bookLoader()->isLoading(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(window.bookLoader()->isCurrent() && !window.bookLoader()->isLoading(), 30000);
        QCoreApplication::processEvents();
    }
};

int cellCount(QTableWidget *t, int row, int column)
{
    return t->item(row, column)->text().section(QLatin1Char('\n'), 0, 0).toInt();
}
} // namespace

TEST_CASE("The tier grid counts what the portfolio table shows, and a click opens the account", "[gui][teamlead]")
{
    TeamLeadFixture f;
    auto *page = f.show<app::TierGridPage>(QStringLiteral("tier-grid"));
    app::PortfolioModel *model = f.window.portfolioModel();
    std::array<int, 3> tiers{};
    int withArr = 0;
    for (int r = 0; r < model->rowCount(); ++r) {
        ++tiers[size_t(model->index(r, 0).data(app::PortfolioModel::TierRole).toInt() - 1)];
        withArr += model->rowAt(r).account.arr.cents > 0 ? 1 : 0;
    }
    QTableWidget *t = page->tierBandTable();
    CHECK(cellCount(t, 3, services::kBandColumns) == model->rowCount());
    for (int tier = 0; tier < 3; ++tier)
        CHECK(cellCount(t, tier, services::kBandColumns) == tiers[size_t(tier)]);
    CHECK(page->scatter()->pointCount() == withArr); // churned accounts have no place on a log axis
    QAbstractItemModelTester tester(page->accountsModel(), QAbstractItemModelTester::FailureReportingMode::Warning);

    // A cell lists its accounts.
    page->selectCell(1, services::kBandColumns);
    CHECK(page->isPreparing()); // on a worker
    f.settle(page);
    CHECK(page->accountsModel()->rowCount() == tiers[0]);
    // Richest first, as the list's header says, and the header sorts by name on a click.
    const app::RowsModel *list = page->accountsModel();
    CHECK(list->sortColumn() == 4);
    for (int r = 1; r < list->rowCount(); ++r)
        CHECK(list->index(r - 1, 4).data(app::RowsModel::SortRole).toLongLong() >= list->index(r, 4).data(app::RowsModel::SortRole).toLongLong());
    auto *accountsView = page->findChild<QTableView *>(QStringLiteral("tierAccounts"));
    REQUIRE(accountsView);
    accountsView->sortByColumn(0, Qt::AscendingOrder);
    for (int r = 1; r < list->rowCount(); ++r)
        CHECK(list->index(r - 1, 0).data().toString().compare(list->index(r, 0).data().toString(), Qt::CaseInsensitive) <= 0);
    // A refill keeps the order the user chose (it is sorted on the worker).
    page->selectCell(1, 0);
    f.settle(page);
    CHECK(list->sortColumn() == 0);
    for (int r = 1; r < list->rowCount(); ++r)
        CHECK(list->index(r - 1, 0).data().toString().compare(list->index(r, 0).data().toString(), Qt::CaseInsensitive) <= 0);
    CHECK(list->rowCount() == cellCount(t, 0, 0));

    // Clicking a dot opens that account.
    const qint64 id = model->rowAt(0).account.arr.cents > 0 ? model->rowAt(0).account.id : model->rowAt(1).account.id;
    const QPoint at = page->scatter()->positionOf(id);
    REQUIRE(at.x() >= 0);
    const qint64 hit = page->scatter()->accountAt(at);
    CHECK(hit != 0);
    QTest::mouseClick(page->scatter(), Qt::LeftButton, {}, at);
    CHECK(f.window.portfolioView()->currentAccountId() == hit);
}

TEST_CASE("Moving accounts to another tier keeps the reason and undoes in one step", "[gui][teamlead]")
{
    TeamLeadFixture f;
    auto *page = f.show<app::TierGridPage>(QStringLiteral("tier-grid"));
    page->selectCell(3, services::kBandColumns); // Tier 3, every band
    f.settle(page);
    REQUIRE(page->accountsModel()->rowCount() >= 2);
    auto *view = page->findChild<QTableView *>(QStringLiteral("tierAccounts"));
    REQUIRE(view);
    view->selectionModel()->select(view->model()->index(0, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    view->selectionModel()->select(view->model()->index(1, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    const qint64 a = view->model()->index(0, 0).data(app::RowsModel::AccountIdRole).toLongLong();
    const qint64 b = view->model()->index(1, 0).data(app::RowsModel::AccountIdRole).toLongLong();
    const auto before = f.portfolio().accounts().byId(a);
    REQUIRE(page->moveSelectedTo(1, QStringLiteral("Board-level sponsor")));
    for (qint64 id : {a, b}) {
        const auto moved = f.portfolio().accounts().byId(id);
        CHECK(moved->tierOverride == domain::Tier::Tier1);
        CHECK(moved->tierOverrideReason == QStringLiteral("Board-level sponsor"));
    }
    f.waitForReload();
    CHECK(cellCount(page->tierBandTable(), 0, services::kBandColumns) >= 2);
    f.window.undoStack()->undo();
    CHECK(f.portfolio().accounts().byId(a)->tierOverride == before->tierOverride);
    CHECK(f.portfolio().accounts().byId(a)->tierOverrideReason == before->tierOverrideReason);
    CHECK(f.window.undoStack()->count() == 1); // both accounts in one step
}

TEST_CASE("Snoozing a signal hides it, lowers the account's badge, and undo brings it back", "[gui][teamlead][signals]")
{
    TeamLeadFixture f;
    auto *page = f.show<app::SignalsPage>(QStringLiteral("signals"));
    const int shown = page->rows()->rowCount();
    REQUIRE(shown > 0);
    QTableView *view = page->view();
    view->selectRow(0);
    const qint64 account = view->model()->index(0, 0).data(app::RowsModel::AccountIdRole).toLongLong();
    app::PortfolioModel *model = f.window.portfolioModel();
    const int badge = model->signalCount(account);
    CHECK(badge >= 1);
    REQUIRE(page->decideSelected(domain::SignalDecision::Snoozed, f.today.addDays(7), {}));
    f.waitForReload();
    CHECK(page->rows()->rowCount() == shown - 1);
    CHECK(model->signalCount(account) == badge - 1);
    page->setShowHidden(true);
    f.settle(page);
    CHECK(page->rows()->rowCount() == shown);
    page->setShowHidden(false);
    f.settle(page);

    // A dismissal needs a reason.
    view->selectRow(0);
    CHECK_FALSE(page->decideSelected(domain::SignalDecision::Dismissed, {}, QString()));
    CHECK(f.window.lastError().contains(QStringLiteral("reason")));

    f.window.undoStack()->undo();
    f.waitForReload();
    CHECK(page->rows()->rowCount() == shown);
    CHECK(model->signalCount(account) == badge);
}

TEST_CASE("Editing the effort matrix changes required FTE, refuses text, and undoes", "[gui][teamlead][coverage]")
{
    TeamLeadFixture f;
    auto *page = f.show<app::TeamPage>(QStringLiteral("team"));
    const auto amFte = [&] {
        for (int r = 0; r < page->roles()->rowCount(); ++r)
            if (page->roles()->index(r, 0).data().toString() == QStringLiteral("AM"))
                return page->roles()->index(r, 2).data(app::RowsModel::SortRole).toDouble();
        return -1.0;
    };
    const double before = amFte();
    const auto book = services::loadBookData(f.portfolio(), f.today);
    const auto coverage = services::coverageReport(book);
    CHECK(before == Approx(coverage.roles[size_t(domain::TeamRole::AM)].requiredFte));
    const int tier1 = coverage.book[0];

    QTableWidget *effort = page->effortTable();
    effort->item(0, int(domain::TeamRole::AM))->setText(QStringLiteral("13")); // Tier 1 AM: 10 -> 13 hours
    CHECK(f.portfolio().settings().effort.at(domain::Tier::Tier1, domain::TeamRole::AM) == 13.0);
    f.waitForReload();
    CHECK(amFte() == Approx(before + 3.0 * tier1 / 120.0));

    effort->item(1, int(domain::TeamRole::CSM))->setText(QStringLiteral("lots"));
    CHECK(f.window.lastError().contains(QStringLiteral("'lots' is not a number of hours")));
    CHECK(effort->item(1, int(domain::TeamRole::CSM))->text() == QStringLiteral("3"));

    f.window.undoStack()->undo();
    CHECK(f.portfolio().settings().effort.at(domain::Tier::Tier1, domain::TeamRole::AM) == 10.0);
    f.waitForReload();
    CHECK(amFte() == Approx(before));
}

TEST_CASE("Retention, renewals, hygiene and health views show the book's figures", "[gui][teamlead]")
{
    TeamLeadFixture f;
    auto *retention = f.show<app::RetentionPage>(QStringLiteral("retention"));
    const auto book = services::loadBookData(f.portfolio(), f.today);
    const auto report = services::retentionReport(book, f.today.addYears(-1), f.today);
    REQUIRE(report.total.nrr);
    CHECK(retention->summaryText().contains(QStringLiteral("NRR %1%").arg(*report.total.nrr * 100, 0, 'f', 1)));
    CHECK(retention->byTier()->rowCount() == 3);
    CHECK(retention->byOwner()->rowCount() == int(report.byOwner.size()));

    auto *renewals = f.show<app::RenewalsPage>(QStringLiteral("renewals"));
    int expected = 0;
    for (const auto &a : book.accounts)
        if (a.row.account.renewalDate.isValid() && a.row.account.arr.cents > 0 && f.today.daysTo(a.row.account.renewalDate) <= 180)
            ++expected;
    CHECK(renewals->rows()->rowCount() == expected);
    // Overdue first: the days column never decreases down the list.
    for (int r = 1; r < renewals->rows()->rowCount(); ++r)
        CHECK(renewals->rows()->index(r - 1, 5).data(app::RowsModel::SortRole).toInt()
              <= renewals->rows()->index(r, 5).data(app::RowsModel::SortRole).toInt());

    auto *hygiene = f.show<app::HygienePage>(QStringLiteral("hygiene"));
    int accounts = 0;
    for (int r = 0; r < hygiene->owners()->rowCount(); ++r)
        accounts += hygiene->owners()->index(r, 1).data(app::RowsModel::SortRole).toInt();
    int live = 0;
    for (const auto &a : book.accounts)
        live += a.row.account.arr.cents > 0 ? 1 : 0;
    CHECK(accounts == live);
    for (int r = 0; r < hygiene->singleThreaded()->rowCount(); ++r)
        CHECK(hygiene->singleThreaded()->index(r, 4).data(app::RowsModel::SortRole).toInt() <= 1);

    auto *health = f.show<app::HealthDashboardPage>(QStringLiteral("health-dashboard"));
    CHECK(health->distributionTable()->item(services::kBandColumns, 0)->text().toInt() == int(book.accounts.size()));
    CHECK(health->chartTitle().contains(QStringLiteral("Health bands")));
    CHECK(health->chartAxisTitles() == QStringList{QStringLiteral("Month end"), QStringLiteral("Accounts")});
    CHECK(health->chartMonths() == 12);
    for (int r = 0; r < health->decliners()->rowCount(); ++r)
        CHECK(health->decliners()->index(r, 5).data(app::RowsModel::SortRole).toDouble() < 0);
}

TEST_CASE("Assigning a team member to selected accounts shows in the Team view and undoes", "[gui][teamlead][coverage]")
{
    TeamLeadFixture f;
    auto *page = f.show<app::TeamPage>(QStringLiteral("team"));
    domain::TeamMember tam;
    for (const auto &m : f.portfolio().team().all())
        if (m.role == domain::TeamRole::TAM)
            tam = m;
    REQUIRE(tam.id > 0);
    const auto assignedTo = [&] {
        for (int r = 0; r < page->people()->rowCount(); ++r)
            if (page->people()->index(r, 0).data().toString() == tam.name)
                return page->people()->index(r, 3).data(app::RowsModel::SortRole).toInt() + page->people()->index(r, 4).data(app::RowsModel::SortRole).toInt()
                       + page->people()->index(r, 5).data(app::RowsModel::SortRole).toInt();
        return -1;
    };
    const int before = assignedTo();
    // Three accounts the TAM does not cover yet, selected in the portfolio table.
    QList<qint64> chosen;
    for (const auto &a : f.portfolio().accounts().all()) {
        const auto members = f.portfolio().assignments().membersOf(a.id);
        if (a.arr.cents > 0 && std::find(members.begin(), members.end(), tam.id) == members.end())
            chosen << a.id;
        if (chosen.size() == 3)
            break;
    }
    REQUIRE(chosen.size() == 3);
    f.window.showView(QStringLiteral("portfolio"));
    for (qint64 id : chosen) {
        REQUIRE(f.window.portfolioView()->selectAccount(id));
    }
    // selectAccount() selects one row; add the others to the selection.
    auto *table = f.window.portfolioView()->findChild<QTableView *>();
    REQUIRE(table);
    for (int r = 0; r < table->model()->rowCount(); ++r)
        if (chosen.contains(table->model()->index(r, 0).data(app::PortfolioModel::AccountIdRole).toLongLong()))
            table->selectionModel()->select(table->model()->index(r, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    REQUIRE(f.window.portfolioView()->selectedAccountIds().size() == 3);
    REQUIRE(f.window.assignTeamMember(true, tam.name));
    for (qint64 id : chosen) {
        const auto members = f.portfolio().assignments().membersOf(id);
        CHECK(std::find(members.begin(), members.end(), tam.id) != members.end());
    }
    f.show<app::TeamPage>(QStringLiteral("team"));
    f.waitForReload();
    CHECK(assignedTo() == before + 3);
    f.window.undoStack()->undo();
    for (qint64 id : chosen) { // the TAM is gone again
        const auto members = f.portfolio().assignments().membersOf(id);
        CHECK(std::find(members.begin(), members.end(), tam.id) == members.end());
    }
    f.waitForReload();
    CHECK(assignedTo() == before);
}

TEST_CASE("The team lead's lists sort themselves: numbers as numbers, text without case, selection follows its row", "[gui][teamlead][rows]")
{
    using Row = app::RowsModel::Row;
    const auto row = [](qint64 id, const QString &name, qint64 cents) {
        Row r;
        r.accountId = id;
        r.cells = {app::textCell(name), app::numberCell(QStringLiteral("$%1").arg(cents / 100), cents)};
        return r;
    };
    // "$9" sorts after "$10" as text; as numbers 900 < 1000 < 20000.
    std::vector<Row> rows{row(1, QStringLiteral("beta"), 1000), row(2, QStringLiteral("Alpha"), 20000), row(3, QStringLiteral("gamma"), 900),
                          row(4, QStringLiteral("alpha"), 1000)};
    app::RowsModel::sortRows(rows, 1, Qt::AscendingOrder);
    std::vector<qint64> ids;
    for (const Row &r : rows)
        ids.push_back(r.accountId);
    CHECK(ids == std::vector<qint64>{3, 1, 4, 2}); // ties keep their order (1 before 4)

    app::RowsModel model({QStringLiteral("Name"), QStringLiteral("ARR")});
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    model.sort(0, Qt::AscendingOrder);
    model.setRows(rows); // sorted by name on the way in
    const auto names = [&model] {
        QStringList out;
        for (int r = 0; r < model.rowCount(); ++r)
            out << model.index(r, 0).data().toString();
        return out;
    };
    CHECK(names() == QStringList{QStringLiteral("alpha"), QStringLiteral("Alpha"), QStringLiteral("beta"), QStringLiteral("gamma")});

    // Rows said to be sorted by the current column already are taken as they are.
    std::vector<Row> given{row(7, QStringLiteral("zeta"), 1), row(8, QStringLiteral("eta"), 2)};
    model.setRows(given, 0, Qt::AscendingOrder);
    CHECK(names() == QStringList{QStringLiteral("zeta"), QStringLiteral("eta")});
    model.setRows(given, 1, Qt::AscendingOrder); // sorted by another column: sorted again
    CHECK(names() == QStringList{QStringLiteral("eta"), QStringLiteral("zeta")});

    // A selected row stays selected when the list is sorted another way.
    model.setRows(rows);
    QItemSelectionModel selection(&model);
    int gamma = -1;
    for (int r = 0; r < model.rowCount(); ++r)
        if (model.index(r, 0).data().toString() == QStringLiteral("gamma"))
            gamma = r;
    REQUIRE(gamma == 3);
    selection.select(model.index(gamma, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    model.sort(1, Qt::DescendingOrder); // gamma (900) last
    CHECK(selection.selectedRows().value(0).row() == 3);
    model.sort(1, Qt::AscendingOrder); // and now first
    const QModelIndexList selected = selection.selectedRows();
    REQUIRE(selected.size() == 1);
    CHECK(selected.first().row() == 0);
    CHECK(selected.first().data(app::RowsModel::AccountIdRole).toLongLong() == 3);
}

TEST_CASE("Signals, Renewals and Plan Hygiene narrow by owner, tier, text and My accounts, and Signals order by ARR within a severity",
          "[gui][teamlead][signals]")
{
    TeamLeadFixture f;
    auto *signalsPage = f.show<app::SignalsPage>(QStringLiteral("signals"));
    f.settle(signalsPage);
    app::RowsModel *rows = signalsPage->rows();
    const int all = rows->rowCount();
    REQUIRE(all > 10);
    // The stated order: severity (High, Medium, Low), then ARR from the largest, then the name.
    const int arrColumn = 4;
    CHECK(rows->headerData(arrColumn, Qt::Horizontal).toString() == QStringLiteral("ARR"));
    const auto severityRank = [](const QString &s) { return s == QStringLiteral("High") ? 0 : s == QStringLiteral("Medium") ? 1 : 2; };
    for (int r = 1; r < all; ++r) {
        const int s0 = severityRank(rows->index(r - 1, 0).data().toString()), s1 = severityRank(rows->index(r, 0).data().toString());
        CHECK(s0 <= s1);
        if (s0 == s1)
            CHECK(rows->index(r - 1, arrColumn).data(app::RowsModel::SortRole).toLongLong()
                  >= rows->index(r, arrColumn).data(app::RowsModel::SortRole).toLongLong());
    }

    // By owner: only that owner's rows, counted independently from the loaded book.
    const services::BookData &book = *f.window.bookLoader()->data();
    QHash<qint64, qint64> ownerOf;
    QHash<qint64, int> tierOf;
    for (const auto &a : book.accounts) {
        ownerOf.insert(a.row.account.id, a.row.account.ownerId);
        tierOf.insert(a.row.account.id, int(a.row.tier));
    }
    const qint64 owner = ownerOf.value(rows->index(0, 0).data(app::RowsModel::AccountIdRole).toLongLong());
    REQUIRE(owner > 0);
    int expected = 0;
    for (int r = 0; r < all; ++r)
        expected += ownerOf.value(rows->index(r, 0).data(app::RowsModel::AccountIdRole).toLongLong()) == owner ? 1 : 0;
    app::AccountListFilterBar *bar = signalsPage->filterBar();
    bar->ownerBox()->setCurrentIndex(bar->ownerBox()->findData(owner));
    Q_EMIT bar->ownerBox()->activated(bar->ownerBox()->currentIndex());
    f.settle(signalsPage);
    CHECK(rows->rowCount() == expected);
    CHECK(rows->rowCount() < all);
    // "My accounts" for the same member gives the same rows.
    bar->ownerBox()->setCurrentIndex(0);
    bar->setMe(owner);
    bar->mineBox()->setChecked(true);
    f.settle(signalsPage);
    CHECK(rows->rowCount() == expected);
    CHECK_FALSE(bar->ownerBox()->isEnabled());
    bar->mineBox()->setChecked(false);
    f.settle(signalsPage);
    CHECK(rows->rowCount() == all);
    // Text: a signal rule's name narrows to that rule.
    const QString rule = rows->index(all - 1, 5).data().toString();
    int ofRule = 0;
    for (int r = 0; r < all; ++r)
        ofRule += rows->index(r, 5).data().toString() == rule ? 1 : 0;
    bar->textBox()->setText(rule);
    QTRY_COMPARE_WITH_TIMEOUT(signalsPage->isPreparing() || rows->rowCount() != all, true, 3000);
    f.settle(signalsPage);
    CHECK(rows->rowCount() >= ofRule);
    for (int r = 0; r < rows->rowCount(); ++r) {
        const QString line = rows->index(r, 1).data().toString() + rows->index(r, 2).data().toString() + rows->index(r, 5).data().toString()
                             + rows->index(r, 6).data().toString();
        for (const QString &word : rule.split(QLatin1Char(' '), Qt::SkipEmptyParts))
            CHECK(line.contains(word, Qt::CaseInsensitive));
    }
    bar->textBox()->clear();

    // Renewals by tier: every row in that tier, and as many as the book has.
    auto *renewals = f.show<app::RenewalsPage>(QStringLiteral("renewals"));
    const int allRenewals = renewals->rows()->rowCount();
    REQUIRE(allRenewals > 0);
    app::AccountListFilterBar *rbar = renewals->filterBar();
    rbar->tierBox()->setCurrentIndex(1); // Tier 1
    Q_EMIT rbar->tierBox()->activated(1);
    int tier1 = 0;
    for (const auto &a : book.accounts)
        if (a.row.tier == domain::Tier::Tier1 && a.row.account.renewalDate.isValid() && a.row.account.arr.cents > 0
            && f.today.daysTo(a.row.account.renewalDate) <= 180)
            ++tier1;
    CHECK(renewals->rows()->rowCount() == tier1);
    for (int r = 0; r < renewals->rows()->rowCount(); ++r)
        CHECK(tierOf.value(renewals->rows()->index(r, 0).data(app::RowsModel::AccountIdRole).toLongLong()) == 1);

    // Plan Hygiene by owner: the owner table keeps that owner's row alone.
    auto *hygiene = f.show<app::HygienePage>(QStringLiteral("hygiene"));
    app::AccountListFilterBar *hbar = hygiene->filterBar();
    hbar->ownerBox()->setCurrentIndex(hbar->ownerBox()->findData(owner));
    Q_EMIT hbar->ownerBox()->activated(hbar->ownerBox()->currentIndex());
    CHECK(hygiene->owners()->rowCount() == 1);
    for (int r = 0; r < hygiene->singleThreaded()->rowCount(); ++r)
        CHECK(ownerOf.value(hygiene->singleThreaded()->index(r, 0).data(app::RowsModel::AccountIdRole).toLongLong()) == owner);
}

TEST_CASE("The tier grid shows every band in proportion, says what it cannot plot, and never cuts a number", "[gui][teamlead]")
{
    TeamLeadFixture f(400);
    auto *page = f.show<app::TierGridPage>(QStringLiteral("tier-grid"));
    f.settle(page);
    app::PortfolioModel *model = f.window.portfolioModel();
    int noArr = 0;
    double minArr = 1e18;
    std::array<int, 5> bands{};
    for (int r = 0; r < model->rowCount(); ++r) {
        const qint64 cents = model->rowAt(r).account.arr.cents;
        if (cents <= 0)
            ++noArr;
        else
            minArr = std::min(minArr, double(cents) / 100.0);
    }
    app::TierScatter *scatter = page->scatter();
    // What is not plotted is said, with its count.
    CHECK(scatter->notPlottedCount() == noArr);
    CHECK(scatter->pointCount() + noArr == model->rowCount());
    // The axis starts just below the smallest ARR, not a decade below it.
    CHECK(scatter->axisMinArr() <= minArr);
    CHECK(scatter->axisMinArr() >= minArr / 1.3);
    // The drawing order is blind to the band: each fifth of the drawing holds each band
    // in about its share of the chart (a band drawn last would be all in the last fifth).
    const auto profile = scatter->drawOrderProfile(5);
    for (const auto &part : profile)
        for (int b = 0; b < 5; ++b)
            bands[size_t(b)] += part[size_t(b)];
    for (int b = 0; b < 3; ++b) {
        const double share = double(bands[size_t(b)]) / scatter->pointCount();
        if (bands[size_t(b)] < 40)
            continue; // too few for a share to mean anything
        for (const auto &part : profile) {
            const int inPart = part[0] + part[1] + part[2] + part[3] + part[4];
            CHECK(std::abs(double(part[size_t(b)]) / inPart - share) < 0.15);
        }
    }
    // The tier x band table: every line of every cell fits its column.
    QTableWidget *t = page->tierBandTable();
    QFont bold = t->font();
    bold.setBold(true);
    for (int r = 0; r < t->rowCount(); ++r)
        for (int c = 0; c < t->columnCount(); ++c)
            for (const QString &line : t->item(r, c)->text().split(QLatin1Char('\n'))) {
                INFO(line.toStdString());
                CHECK(QFontMetrics(t->item(r, c)->font().bold() ? bold : t->font()).horizontalAdvance(line) + 6 <= t->columnWidth(c));
            }
    // One name for each state, as everywhere else.
    CHECK(t->horizontalHeaderItem(3)->text().simplified() == QStringLiteral("Insufficient data"));
    CHECK(t->horizontalHeaderItem(4)->text().simplified() == QStringLiteral("Not scored"));
}
