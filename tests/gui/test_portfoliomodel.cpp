// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "testsupport.h"

#include "portfolio/portfoliomodel.h"
#include "portfolio/portfolioproxymodel.h"

#include "keystone/services/accountservice.h"
#include "keystone/demo/demogenerator.h"
#include "keystone/services/portfolio.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QUndoStack>

using namespace keystone;
using app::PortfolioModel;
using app::PortfolioProxyModel;

namespace {
struct ModelFixture {
    test::TempDir dir;
    std::unique_ptr<services::Portfolio> portfolio;
    std::unique_ptr<services::AccountService> service;
    QUndoStack undo;
    std::unique_ptr<PortfolioModel> model;
    PortfolioProxyModel proxy;

    explicit ModelFixture(int accounts = 120)
    {
        demo::DemoOptions o;
        o.accounts = accounts;
        o.seed = 5;
        o.today = QDate(2026, 11, 23);
        const QString path = dir.file(QStringLiteral("gui.keystone"));
        demo::generateDemo(path, o);
        portfolio = services::Portfolio::open(path);
        service = std::make_unique<services::AccountService>(*portfolio);
        model = std::make_unique<PortfolioModel>(*portfolio, *service, &undo);
        model->setToday(o.today);
        proxy.setSourceModel(model.get());
    }
    // What the file says, read through a fresh repository call.
    domain::Account stored(qint64 id) { return *portfolio->accounts().byId(id); }
    int sourceRowOfName(const QString &name) { return model->rowOfId(portfolio->accounts().byName(name)->id); }
};
} // namespace

TEST_CASE("The portfolio model passes Qt's model tester through edits", "[gui][model]")
{
    ModelFixture f(60);
    QAbstractItemModelTester tester(f.model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester proxyTester(&f.proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    CHECK(f.model->rowCount() == 60);
    CHECK(f.model->columnCount() == PortfolioModel::ColumnCount);
    domain::Account a;
    a.name = QStringLiteral("Tester Added");
    a.arr.cents = 10;
    const domain::Account created = f.service->create(a);
    CHECK(f.model->rowCount() == 61);
    f.service->remove({created.id});
    CHECK(f.model->rowCount() == 60);
}

TEST_CASE("Rows show what the file holds", "[gui][model]")
{
    ModelFixture f;
    qint64 total = 0;
    for (const domain::Account &a : f.portfolio->accounts().all()) {
        total += a.arr.cents;
        const int row = f.model->rowOfId(a.id);
        REQUIRE(row >= 0);
        CHECK(f.model->index(row, PortfolioModel::Name).data().toString() == a.name);
        CHECK(f.model->index(row, PortfolioModel::Arr).data(PortfolioModel::SortRole).toLongLong() == a.arr.cents);
        CHECK(f.model->index(row, PortfolioModel::DaysToRenewal).data().toInt() == QDate(2026, 11, 23).daysTo(a.renewalDate));
    }
    CHECK(f.model->totalArrCents() == total);
}

TEST_CASE("Filters narrow the rows exactly as an independent scan does", "[gui][proxy]")
{
    ModelFixture f;
    const auto accounts = f.portfolio->accounts().all();
    const auto team = f.portfolio->team().all();
    QHash<qint64, QString> owners;
    for (const auto &m : team)
        owners.insert(m.id, m.name);

    f.proxy.setFilterText(QStringLiteral("BANK"));
    int expected = 0;
    for (const auto &a : accounts) {
        const QString hay = (a.name + QLatin1Char(' ') + owners.value(a.ownerId) + QLatin1Char(' ') + a.industry + QLatin1Char(' ') + a.region).toLower();
        expected += hay.contains(QStringLiteral("bank")) ? 1 : 0;
    }
    CHECK(expected > 0);
    CHECK(f.proxy.rowCount() == expected);

    // Two words must both match, in any order.
    f.proxy.setFilterText(QStringLiteral("dach bank"));
    for (int r = 0; r < f.proxy.rowCount(); ++r) {
        const auto &row = f.model->rowAt(f.proxy.mapToSource(f.proxy.index(r, 0)).row());
        CHECK(row.account.region == QStringLiteral("DACH"));
    }

    f.proxy.setFilterText(QString());
    const qint64 owner = team.front().id;
    f.proxy.setOwnerFilter(owner);
    CHECK(f.proxy.rowCount() == std::count_if(accounts.begin(), accounts.end(), [&](const auto &a) { return a.ownerId == owner; }));
    f.proxy.setOwnerFilter(PortfolioProxyModel::kAnyOwner);
    f.proxy.setTierFilter(domain::Tier::Tier1);
    int tier1 = 0;
    for (int r = 0; r < f.model->rowCount(); ++r)
        tier1 += f.model->rowAt(r).tier == domain::Tier::Tier1 ? 1 : 0;
    CHECK(f.proxy.rowCount() == tier1);
}

TEST_CASE("Sorting by ARR orders the rows by amount", "[gui][proxy]")
{
    ModelFixture f;
    f.proxy.sort(PortfolioModel::Arr, Qt::DescendingOrder);
    qint64 previous = std::numeric_limits<qint64>::max();
    for (int r = 0; r < f.proxy.rowCount(); ++r) {
        const qint64 v = f.proxy.index(r, PortfolioModel::Arr).data(PortfolioModel::SortRole).toLongLong();
        CHECK(v <= previous);
        previous = v;
    }
}

TEST_CASE("Editing a cell writes the file, and undo and redo replay it", "[gui][undo]")
{
    ModelFixture f;
    f.proxy.sort(PortfolioModel::Name, Qt::AscendingOrder);
    const QModelIndex cell = f.proxy.index(3, PortfolioModel::Arr);
    const qint64 id = cell.data(PortfolioModel::AccountIdRole).toLongLong();
    const qint64 before = f.stored(id).arr.cents;

    REQUIRE(f.proxy.setData(cell, QStringLiteral("1.25M")));
    CHECK(f.stored(id).arr.cents == 125000000);
    CHECK(f.model->index(f.model->rowOfId(id), PortfolioModel::Arr).data(PortfolioModel::SortRole).toLongLong() == 125000000);
    CHECK(f.undo.count() == 1);

    f.undo.undo();
    CHECK(f.stored(id).arr.cents == before);
    CHECK(f.model->rowAt(f.model->rowOfId(id)).account.arr.cents == before);
    f.undo.redo();
    CHECK(f.stored(id).arr.cents == 125000000);
    CHECK(f.model->rowAt(f.model->rowOfId(id)).account.arr.cents == 125000000);

    // Totals follow the edit.
    qint64 total = 0;
    for (const auto &a : f.portfolio->accounts().all())
        total += a.arr.cents;
    CHECK(f.model->totalArrCents() == total);
}

TEST_CASE("A refused edit changes nothing and says why", "[gui][undo]")
{
    ModelFixture f;
    QSignalSpy failed(f.model.get(), &PortfolioModel::editFailed);
    const int row = 0;
    const qint64 id = f.model->rowAt(row).account.id;
    const QString otherName = f.model->rowAt(1).account.name;

    CHECK_FALSE(f.model->setData(f.model->index(row, PortfolioModel::Name), otherName.toUpper()));
    CHECK_FALSE(f.model->setData(f.model->index(row, PortfolioModel::Arr), QStringLiteral("twelve")));
    CHECK_FALSE(f.model->setData(f.model->index(row, PortfolioModel::Arr), QStringLiteral("-5")));
    REQUIRE(failed.size() == 3);
    CHECK(failed.at(0).at(0).toString().contains(QStringLiteral("already exists")));
    CHECK(failed.at(1).at(0).toString().contains(QStringLiteral("'twelve' is not an amount")));
    CHECK(failed.at(2).at(0).toString().contains(QStringLiteral("negative")));
    CHECK(f.undo.count() == 0);
    CHECK(f.stored(id) == f.model->rowAt(row).account);
    // Computed columns cannot be edited at all.
    CHECK_FALSE(f.model->flags(f.model->index(row, PortfolioModel::Quadrant)) & Qt::ItemIsEditable);
}

TEST_CASE("An ARR change that moves the threshold re-tiers other rows", "[gui][model]")
{
    ModelFixture f(40);
    // Make one small account huge: the 80th percentile moves, and segments follow.
    const int row = f.model->rowCount() - 1;
    const qint64 id = f.model->rowAt(row).account.id;
    QSignalSpy changed(f.model.get(), &QAbstractItemModel::dataChanged);
    REQUIRE(f.model->setData(f.model->index(row, PortfolioModel::Arr), QStringLiteral("50M")));
    CHECK(changed.size() >= 1);
    // Every row agrees with a fresh, independent overview of the file.
    const services::AccountOverview fresh = services::loadAccountOverview(*f.portfolio);
    CHECK(f.model->thresholdCents() == fresh.thresholdCents);
    for (const auto &r : fresh.rows) {
        const auto &mine = f.model->rowAt(f.model->rowOfId(r.account.id));
        CHECK(mine.segment == r.segment);
        CHECK(mine.tier == r.tier);
    }
    CHECK(f.model->rowAt(f.model->rowOfId(id)).segment.highValue);
}
