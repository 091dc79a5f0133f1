// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Import and export in the window: the import dialog's mapping and preview, an import on
// a worker connection that every view follows, JSON merge, and a table exported as shown.
#include "guitest.h"
#include "testsupport.h"

#include "account/accountworkspace.h"
#include "dialogs/importdialog.h"
#include "window/mainwindow.h"
#include "account/whitespace/opportunitiesmodel.h"
#include "portfolio/portfoliomodel.h"
#include "portfolio/portfolioproxymodel.h"
#include "portfolio/portfolioview.h"

#include "keystone/io/csv.h"
#include "keystone/services/accountservice.h"
#include "keystone/demo/demogenerator.h"
#include "keystone/services/exchangeservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/storage/backups.h"
#include "keystone/storage/clock.h"

#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>

using namespace keystone;
using app::MainWindow;

namespace {
struct ImportFixture {
    guitest::FixedClock fixedClock; // first: the window and the demo read it
    test::TempDir dir;
    QString path;
    MainWindow window;

    ImportFixture()
    {
        path = dir.file(QStringLiteral("book.keystone"));
        demo::DemoOptions o;
        o.accounts = 30;
        o.seed = 5;
        o.today = guitest::testToday();
        demo::generateDemo(path, o);
        window.setInteractive(false);
        REQUIRE(window.openPortfolio(path));
        window.resize(1440, 900);
        window.show();
    }
    services::Portfolio &portfolio() { return *window.portfolio(); }
};
} // namespace

TEST_CASE("The import dialog maps a CRM export, marks refused cells, and its import reaches the portfolio table", "[gui][import]")
{
    ImportFixture f;
    const QString csv = f.dir.file(QStringLiteral("accounts.csv"));
    test::writeFile(csv, "Id,Name,Industry,AnnualRevenue,Umsatz,Phone\r\n"
                         "001X1,Zephyr Mills,Textiles,\"$5,000,000\",\"12.500,00\",555\r\n"
                         "001X2,Yarrow Labs,Biotech,lots,\"8.000,00\",556\r\n"
                         "001X3,Xenon Ports,Logistics,,\"1.000,00\",557\r\n");
    app::ImportDialog dialog(f.portfolio(), &f.window);
    dialog.setInteractive(false);
    REQUIRE(dialog.setFile(csv));
    CHECK(dialog.mapping().kind == io::ImportKind::Accounts);
    CHECK(dialog.mapping().fields == QStringList{QStringLiteral("source_id"), QStringLiteral("name"), QStringLiteral("industry"),
                                                 QStringLiteral("company_revenue"), QString(), QString()});
    // Row 2 of the preview (file row 3) has a revenue that is not an amount.
    CHECK(dialog.cellProblem(1, 3) == QStringLiteral("not an amount"));
    CHECK(dialog.cellProblem(0, 3).isEmpty());
    CHECK(dialog.statusText().contains(QStringLiteral("1 of the first 3 rows")));
    // A column mapped by hand: the German ARR column, with decimal commas.
    dialog.setField(4, QStringLiteral("arr"));
    CHECK(dialog.mapping().fields.at(4) == QStringLiteral("arr"));

    const int before = f.window.portfolioModel()->rowCount();
    QObject::connect(&dialog, &app::ImportDialog::imported, &f.window,
                     [&](const services::CsvImportReport &r) { f.window.announceImport(r.teamMembersCreated > 0); });
    const auto dry = dialog.runImport(true);
    REQUIRE(dry);
    CHECK(dry->created == 2);
    CHECK(f.window.portfolioModel()->rowCount() == before); // a dry run writes nothing
    const auto report = dialog.runImport(false);
    REQUIRE(report);
    CHECK(report->created == 2);
    CHECK(report->rejected == 1);
    CHECK(report->rejections.at(0).row == 3);
    CHECK(f.window.portfolioModel()->rowCount() == before + 2);
    const auto zephyr = f.portfolio().accounts().byName(QStringLiteral("Zephyr Mills"));
    REQUIRE(zephyr);
    CHECK(zephyr->arr.cents == 1'250'000);
    CHECK(zephyr->companyRevenueCents == 500'000'000);
    // The way back: a backup from before the import.
    REQUIRE_FALSE(dialog.lastBackup().isEmpty());
    CHECK(QFileInfo::exists(dialog.lastBackup()));
}

TEST_CASE("After an import that touches hundreds of accounts, the open account's page shows what it brought", "[gui][import]")
{
    test::TempDir dir;
    const QString path = dir.file(QStringLiteral("big.keystone"));
    demo::DemoOptions o;
    o.accounts = 260;
    o.seed = 8;
    o.today = QDate(2026, 6, 15);
    demo::generateDemo(path, o);
    MainWindow window;
    window.setInteractive(false);
    REQUIRE(window.openPortfolio(path));
    window.resize(1440, 900);
    window.show();
    auto accounts = window.portfolio()->accounts().all();
    REQUIRE(accounts.size() == 260);
    // The account shown is the last of the file's 260, past any cap on per-account notices.
    const domain::Account shown = accounts.back();
    REQUIRE(window.selectAccountByName(shown.name));
    REQUIRE(window.showView(QStringLiteral("opportunities")));
    app::OpportunitiesModel *opps = window.accountWorkspace()->opportunitiesModel();
    REQUIRE(window.accountWorkspace()->accountId() == shown.id);
    const int before = opps->rowCount();

    QByteArray csv = "account_name,name,amount,stage\r\n";
    for (const domain::Account &a : accounts)
        csv += "\"" + a.name.toUtf8() + "\",Imported renewal,12000,Prospecting\r\n";
    const QString file = dir.file(QStringLiteral("opportunities.csv"));
    test::writeFile(file, csv);
    app::ImportDialog dialog(*window.portfolio(), &window);
    dialog.setInteractive(false);
    QObject::connect(&dialog, &app::ImportDialog::imported, &window,
                     [&](const services::CsvImportReport &r) { window.announceImport(r.teamMembersCreated > 0); });
    REQUIRE(dialog.setFile(file));
    REQUIRE(dialog.mapping().kind == io::ImportKind::Opportunities);
    const auto report = dialog.runImport(false);
    REQUIRE(report);
    CHECK(report->created == 260);
    CHECK(opps->rowCount() == before + 1);
    bool found = false;
    for (int r = 0; r < opps->rowCount(); ++r)
        found = found || opps->at(r).name == QStringLiteral("Imported renewal");
    CHECK(found);
}

TEST_CASE("Export Table as CSV writes the columns and rows the table shows, neutralised", "[gui][import]")
{
    ImportFixture f;
    domain::Account evil;
    evil.name = QStringLiteral("=HYPERLINK(\"http://x\")");
    evil.industry = QStringLiteral("Filtered industry");
    services::AccountService(f.portfolio()).create(evil);
    REQUIRE(f.window.showView(QStringLiteral("portfolio")));
    auto *proxy = qobject_cast<app::PortfolioProxyModel *>(f.window.portfolioView()->table()->model());
    REQUIRE(proxy);
    proxy->setFilterText(QStringLiteral("HYPERLINK"));
    QCoreApplication::processEvents();
    REQUIRE(proxy->rowCount() == 1);
    f.window.portfolioView()->table()->setColumnHidden(2, true);
    const QString out = f.dir.file(QStringLiteral("table.csv"));
    REQUIRE(f.window.exportTableCsv(out));
    const io::CsvTable t = io::readCsvFile(out);
    CHECK(t.hadBom);
    REQUIRE(t.records.size() == 1);
    const auto *header = f.window.portfolioView()->table()->horizontalHeader();
    CHECK(t.header.size() == header->count() - 1);
    CHECK(t.header.at(0) == proxy->headerData(header->logicalIndex(0), Qt::Horizontal).toString().simplified());
    CHECK(t.records[0].contains(QStringLiteral("'=HYPERLINK(\"http://x\")")));
}

TEST_CASE("A JSON file from another laptop merges into the open portfolio", "[gui][import]")
{
    ImportFixture f;
    // The other laptop: the same book (a copy), one account renamed there later.
    const QString other = f.dir.file(QStringLiteral("other.keystone"));
    {
        auto copy = services::Portfolio::create(other);
        REQUIRE(services::ExchangeService(*copy).importJson(services::ExchangeService(f.portfolio()).exportJson()).errors.isEmpty());
        // Written later than the copy: a clock moved on by hand, not a sleep.
        storage::ManualClock clock(storage::now().addSecs(60));
        domain::Account a = copy->accounts().all().front();
        a.notes = QStringLiteral("Written on the other laptop");
        services::AccountService(*copy).update(a);
        domain::Account extra;
        extra.name = QStringLiteral("Only On The Laptop");
        services::AccountService(*copy).create(extra);
        test::writeFile(f.dir.file(QStringLiteral("laptop.json")), services::ExchangeService(*copy).exportJson());
    }
    const int before = f.window.portfolioModel()->rowCount();
    const auto r = f.window.importJson(f.dir.file(QStringLiteral("laptop.json")));
    REQUIRE(r);
    REQUIRE(r->errors.isEmpty());
    CHECK(r->counts.at(QStringLiteral("accounts")).added == 1);
    CHECK(r->counts.at(QStringLiteral("accounts")).updated == 1);
    CHECK(f.window.portfolioModel()->rowCount() == before + 1);
    CHECK(f.portfolio().accounts().all().front().notes == QStringLiteral("Written on the other laptop"));
    CHECK_FALSE(storage::listBackups(f.path).isEmpty()); // taken before the merge
}

TEST_CASE("Export JSON from the window writes the book on a worker, or the selected accounts, and replaces a file whole", "[gui][import]")
{
    ImportFixture f;
    auto rows = [](const QString &file, const QString &table) {
        const QString name = QStringLiteral("count-%1-%2").arg(file, table);
        int n = -1;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(file);
            REQUIRE(db.open());
            QSqlQuery q(db);
            REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(table)));
            REQUIRE(q.next());
            n = q.value(0).toInt();
        }
        QSqlDatabase::removeDatabase(name);
        return n;
    };
    const QString out = f.dir.file(QStringLiteral("book.json"));
    test::writeFile(out, QByteArray("an older export"));
    REQUIRE(f.window.exportJson(out, false)); // the Save dialog confirmed the replacement
    QFile file(out);
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    file.close();
    CHECK(bytes.startsWith("{\n  \"application\""));
    CHECK((QFile::permissions(out) & (QFileDevice::ReadGroup | QFileDevice::ReadOther)) == 0);
    CHECK(QDir(f.dir.path()).entryList(QDir::Files | QDir::Hidden).filter(QStringLiteral("book.json")) == QStringList{QStringLiteral("book.json")});
    // It is the whole book: into an empty portfolio, every account, contact and activity.
    const QString copyPath = f.dir.file(QStringLiteral("copy.keystone"));
    {
        auto copy = services::Portfolio::create(copyPath);
        REQUIRE(services::ExchangeService(*copy).importJson(bytes).errors.isEmpty());
    }
    for (const QString &table : {QStringLiteral("accounts"), QStringLiteral("contacts"), QStringLiteral("activities")}) {
        INFO(table.toStdString());
        CHECK(rows(copyPath, table) == rows(f.path, table));
        CHECK(rows(copyPath, table) > 0);
    }

    // The selected accounts only.
    REQUIRE(f.window.showView(QStringLiteral("portfolio")));
    QTableView *table = f.window.portfolioView()->table();
    table->selectionModel()->select(QItemSelection(table->model()->index(2, 0), table->model()->index(4, 0)),
                                    QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QStringList names;
    for (int r = 2; r <= 4; ++r)
        names << f.portfolio().accounts().byIds({table->model()->index(r, 0).data(app::PortfolioModel::AccountIdRole).toLongLong()}).front().name;
    const QString some = f.dir.file(QStringLiteral("three.json"));
    REQUIRE(f.window.exportJson(some, true));
    test::TempDir other;
    auto three = services::Portfolio::create(other.file(QStringLiteral("three.keystone")));
    QFile someFile(some);
    REQUIRE(someFile.open(QIODevice::ReadOnly));
    REQUIRE(services::ExchangeService(*three).importJson(someFile.readAll()).errors.isEmpty());
    QStringList imported;
    for (const domain::Account &a : three->accounts().all())
        imported << a.name;
    names.sort();
    imported.sort();
    CHECK(imported == names);
}
