// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "guitest.h"
#include "testsupport.h"
#include <QPushButton>
#include <QApplication>
#include <QDialogButtonBox>
#include <QTimer>
#include <QCheckBox>

#include "account/accountworkspace.h"
#include "account/activities/activitiespage.h"
#include "account/relationships/contactsmodel.h"
#include "account/health/healthpage.h"
#include "window/mainwindow.h"
#include "widgets/colours.h"
#include "account/relationships/maplayout.h"
#include "portfolio/portfoliomodel.h"
#include "commands/relationshipcommands.h"
#include "account/relationships/relationshipmap.h"
#include "account/relationships/relationshipspage.h"

#include "keystone/services/accountservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/relationshipservice.h"
#include "keystone/services/teamservice.h"
#include "keystone/services/validationerror.h"

#include <QColor>
#include <QComboBox>
#include <QLineEdit>
#include <QLabel>
#include <QFile>
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QSignalSpy>
#include <QImage>
#include <QListWidget>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

#include <random>

using namespace keystone;
using app::MainWindow;

namespace {

bool overlap(const QRectF &a, const QRectF &b)
{
    return a.intersects(b) && !a.intersected(b).isEmpty();
}

// Every pair of visible cards, by a sweep over x.
int overlappingPairs(const app::MapLayout &layout, const app::MapLayoutOptions &o)
{
    std::vector<QRectF> cards;
    for (auto it = layout.topLeft.cbegin(); it != layout.topLeft.cend(); ++it)
        cards.emplace_back(it.value(), QSizeF(o.cardWidth, o.cardHeight));
    std::sort(cards.begin(), cards.end(), [](const QRectF &a, const QRectF &b) { return a.left() < b.left(); });
    int pairs = 0;
    for (size_t i = 0; i < cards.size(); ++i)
        for (size_t j = i + 1; j < cards.size() && cards[j].left() < cards[i].right(); ++j)
            pairs += overlap(cards[i], cards[j]) ? 1 : 0;
    return pairs;
}

// A random org chart of n contacts, at most five levels deep.
std::vector<app::MapNode> randomChart(int n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::vector<app::MapNode> nodes;
    std::vector<int> depth;
    for (int i = 0; i < n; ++i) {
        qint64 parent = 0;
        int d = 0;
        if (i > 0) {
            int k = int(rng() % unsigned(i));
            while (depth[size_t(k)] >= 4)
                k = int(rng() % unsigned(i));
            parent = k + 1;
            d = depth[size_t(k)] + 1;
        }
        nodes.push_back({i + 1, parent});
        depth.push_back(d);
    }
    return nodes;
}

struct MapFixture {
    guitest::FixedClock fixedClock;
    test::TempDir dir;
    QString path;
    MainWindow window;
    qint64 accountId = 0;
    domain::Contact ceo, vp, director, analyst;

    MapFixture()
    {
        path = dir.file(QStringLiteral("rel.keystone"));
        {
            auto p = services::Portfolio::create(path);
            services::AccountService accounts(*p);
            services::RelationshipService rel(*p);
            domain::Account a;
            a.name = QStringLiteral("Initech");
            a.arr.cents = 20000000;
            accountId = accounts.create(a).id;
            auto make = [&](const char *name, qint64 manager, domain::BuyingRole role) {
                domain::Contact c;
                c.accountId = accountId;
                c.name = QString::fromUtf8(name);
                c.reportsToId = manager;
                c.role = role;
                return rel.createContact(c);
            };
            ceo = make("Bill Lumbergh", 0, domain::BuyingRole::EconomicBuyer);
            vp = make("Dom Portwood", ceo.id, domain::BuyingRole::DecisionMaker);
            director = make("Milton Waddams", vp.id, domain::BuyingRole::User);
            analyst = make("Peter Gibbons", director.id, domain::BuyingRole::Champion);
        }
        window.setInteractive(false);
        window.resize(1440, 900);
        window.show();
        REQUIRE(window.openPortfolio(path, nullptr, true));
        REQUIRE(window.selectAccountByName(QStringLiteral("Initech")));
        REQUIRE(window.showView(QStringLiteral("relationships")));
    }
    app::RelationshipsPage &page() { return *window.accountWorkspace()->relationships(); }
    services::RelationshipService &service() { return *window.relationshipService(); }
    QUndoStack &undo() { return *window.undoStack(); }
    domain::Contact stored(qint64 id) { return *window.portfolio()->contacts().byId(id); }
};

} // namespace

TEST_CASE("The org-chart layout never overlaps cards and keeps 300 contacts compact", "[gui][relationship][layout]")
{
    const app::MapLayoutOptions o;
    for (unsigned seed : {1u, 2u, 3u, 4u}) {
        const auto nodes = randomChart(300, seed);
        const app::MapLayout layout = app::layoutOrgChart(nodes, {}, o);
        REQUIRE(layout.topLeft.size() == 300);
        CHECK(overlappingPairs(layout, o) == 0);
        // Much narrower than one card per contact side by side.
        CHECK(layout.bounds.width() < 300 * (o.cardWidth + o.hGap) / 4);
        // Every report sits below its manager.
        for (const auto &n : nodes)
            if (n.parent > 0)
                CHECK(layout.topLeft.value(n.id).y() > layout.topLeft.value(n.parent).y());
    }
    // A manager above its reports: centred over a row of subtrees.
    const std::vector<app::MapNode> small{{1, 0}, {2, 1}, {3, 1}, {4, 2}, {5, 3}};
    const app::MapLayout l = app::layoutOrgChart(small, {}, o);
    CHECK(l.topLeft.value(1).x() + o.cardWidth / 2 == Approx((l.topLeft.value(2).x() + l.topLeft.value(3).x() + o.cardWidth) / 2));
    // Collapsing hides the whole branch; a cycle in the data does not hang the layout.
    const app::MapLayout c = app::layoutOrgChart(small, {2}, o);
    CHECK(c.hidden.contains(4));
    CHECK_FALSE(c.topLeft.contains(4));
    CHECK(c.reportCount.value(2) == 1);
    const std::vector<app::MapNode> cycle{{1, 2}, {2, 1}, {3, 1}};
    CHECK(app::layoutOrgChart(cycle, {}, o).topLeft.size() == 3);
}

TEST_CASE("Dragging a card onto another changes whom it reports to, cycles are refused, undo restores", "[gui][relationship]")
{
    MapFixture f;
    app::RelationshipMap &map = *f.page().mapView();
    REQUIRE(map.map().contacts.size() == 4);
    // The analyst moves under the VP (the map's drop), one undo step.
    Q_EMIT map.reparentRequested(f.analyst.id, f.vp.id);
    CHECK(f.stored(f.analyst.id).reportsToId == f.vp.id);
    CHECK(f.undo().undoText() == QStringLiteral("'Peter Gibbons' reports to 'Dom Portwood'"));
    // The map redrew from the file: the analyst now hangs off the VP's line.
    CHECK(f.page().stakeholders().contact(f.analyst.id)->reportsToId == f.vp.id);
    f.undo().undo();
    CHECK(f.stored(f.analyst.id).reportsToId == f.director.id);

    // Influence links: added and removed as undo steps; the map draws the arrow.
    f.undo().push(app::makeAddInfluenceCommand(f.service(), f.service().addInfluence(f.accountId, f.analyst.id, f.vp.id), nullptr));
    REQUIRE(f.page().stakeholders().influence.size() == 1);
    const qint64 link = f.page().stakeholders().influence.front().id;
    CHECK(f.page().removeInfluence(link));
    CHECK(f.page().stakeholders().influence.empty());
    f.undo().undo();
    CHECK(f.page().stakeholders().influence.size() == 1);
    CHECK_THROWS_AS(f.service().addInfluence(f.accountId, f.analyst.id, f.vp.id), services::ValidationError); // already there

    // The CEO under the analyst would be a cycle: refused, nothing changes, the reason shown.
    CHECK_FALSE(f.page().changeReportsTo(f.ceo.id, f.analyst.id));
    CHECK(f.stored(f.ceo.id).reportsToId == 0);
    CHECK(f.window.lastError().contains(QStringLiteral("cannot report to")));
}

TEST_CASE("Deleting a contact with reports moves them up, and undo puts the contact and the chart back", "[gui][relationship]")
{
    MapFixture f;
    REQUIRE(f.page().removeContact(f.vp.id));
    CHECK_FALSE(f.window.portfolio()->contacts().byId(f.vp.id));
    CHECK(f.stored(f.director.id).reportsToId == f.ceo.id);
    CHECK(f.page().stakeholders().contacts.size() == 3);
    f.undo().undo();
    CHECK(f.stored(f.vp.id).name == QStringLiteral("Dom Portwood"));
    CHECK(f.stored(f.director.id).reportsToId == f.vp.id);
    CHECK(f.page().stakeholders().contacts.size() == 4);
    f.undo().redo();
    CHECK(f.stored(f.director.id).reportsToId == f.ceo.id);
}

TEST_CASE("Gaps, highlight, coverage and export of the map", "[gui][relationship]")
{
    MapFixture f;
    app::RelationshipsPage &page = f.page();
    // No one met, nobody covered: economic buyer not met; Peter (role champion) is a champion.
    QStringList gaps;
    for (int i = 0; i < page.gapsList()->count(); ++i)
        gaps << page.gapsList()->item(i)->text();
    CHECK(gaps.join(QLatin1Char('\n')).contains(QStringLiteral("Economic buyer not met in 180 days: Bill Lumbergh")));
    // Clicking the gap selects its contact on the map.
    QListWidgetItem *eb = page.gapsList()->item(0);
    Q_EMIT page.gapsList()->itemClicked(eb);
    CHECK(page.mapView()->selectedContacts() == QList<qint64>{f.ceo.id});

    // Logging an activity with the CEO clears the gap and updates depth everywhere at once.
    domain::Activity meeting;
    meeting.accountId = f.accountId;
    meeting.date = guitest::testToday();
    meeting.summary = QStringLiteral("Exec sync");
    meeting.contactIds = {f.ceo.id};
    const auto teamMember = f.window.teamService()->create({0, {}, QStringLiteral("Jordan Walsh"), domain::TeamRole::AM, {}, 120});
    meeting.teamMemberIds = {teamMember.id};
    f.service().createActivity(meeting);
    CHECK(page.stakeholders().depth == 1);
    CHECK(page.stakeholders().lastInteraction.value(f.ceo.id) == guitest::testToday());
    CHECK(std::none_of(page.stakeholders().gaps.begin(), page.stakeholders().gaps.end(),
                       [](const domain::Gap &g) { return g.rule == QLatin1String("economic_buyer_not_met"); }));
    app::PortfolioModel &pm = *f.window.portfolioModel();
    const QModelIndex threads = pm.index(pm.rowOfId(f.accountId), app::PortfolioModel::Threads);
    CHECK(threads.data(app::PortfolioModel::SortRole).toInt() == 1);
    CHECK(threads.data().toString() == QStringLiteral("⚠ 1"));

    // Coverage grid: the team member met the CEO.
    QStandardItemModel &coverage = *page.coverageModel();
    REQUIRE(coverage.columnCount() == 1);
    int ceoRow = -1;
    for (int r = 0; r < coverage.rowCount(); ++r)
        if (coverage.verticalHeaderItem(r)->text().startsWith(QStringLiteral("Bill Lumbergh")))
            ceoRow = r;
    REQUIRE(ceoRow >= 0);
    CHECK(coverage.item(ceoRow, 0)->text() == QStringLiteral("met"));

    // Highlight by role fades the others.
    page.highlightCombo()->setCurrentIndex(page.highlightCombo()->findText(QStringLiteral("Role: Champion")));
    int opaque = 0;
    for (QGraphicsItem *item : page.mapView()->scene()->items())
        if (item->flags() & QGraphicsItem::ItemIsSelectable)
            opaque += item->opacity() == 1.0 ? 1 : 0;
    CHECK(opaque == 1);

    // Export: PNG, SVG and PDF files that start like their formats; a bad suffix is refused.
    for (const char *name : {"map.png", "map.svg", "map.pdf"}) {
        const QString out = f.dir.file(QString::fromLatin1(name));
        CHECK(page.mapView()->exportTo(out).isEmpty());
        QFile file(out);
        REQUIRE(file.open(QIODevice::ReadOnly));
        const QByteArray head = file.read(64);
        if (out.endsWith(QLatin1String(".png")))
            CHECK(head.startsWith("\x89PNG"));
        else if (out.endsWith(QLatin1String(".svg")))
            CHECK(head.contains("<?xml"));
        else
            CHECK(head.startsWith("%PDF"));
    }
    CHECK(page.mapView()->exportTo(f.dir.file(QStringLiteral("map.doc"))).contains(QStringLiteral(".png, .svg or .pdf")));
}

TEST_CASE("The activities tab logs, filters by contact and deletes with undo", "[gui][relationship]")
{
    MapFixture f;
    REQUIRE(f.window.showView(QStringLiteral("activities")));
    app::ActivitiesPage &page = *f.window.accountWorkspace()->activities();
    for (int i = 0; i < 3; ++i) {
        domain::Activity a;
        a.accountId = f.accountId;
        a.date = QDate(2026, 10, 1 + i);
        a.type = i == 2 ? domain::ActivityType::Qbr : domain::ActivityType::Call;
        a.summary = QStringLiteral("Touchpoint %1").arg(i);
        a.contactIds = {i == 0 ? f.vp.id : f.ceo.id};
        f.service().createActivity(a);
    }
    REQUIRE(page.model()->rowCount() == 3);
    // Newest first.
    CHECK(page.table()->model()->index(0, app::ActivitiesModel::Date).data().toString() == QStringLiteral("2026-10-03"));
    page.contactFilter()->setCurrentIndex(page.contactFilter()->findData(f.vp.id));
    CHECK(page.filter()->rowCount() == 1);
    page.filter()->setType(int(domain::ActivityType::Qbr));
    CHECK(page.filter()->rowCount() == 0);
    page.filter()->setType(-1);
    page.contactFilter()->setCurrentIndex(0);
    CHECK(page.filter()->rowCount() == 3);

    // Deleting the VP's only activity: their last interaction goes with it; undo brings both back.
    int vpRow = -1;
    for (int r = 0; r < page.model()->rowCount(); ++r)
        if (page.model()->at(r).contactIds == std::vector<qint64>{f.vp.id})
            vpRow = r;
    REQUIRE(page.removeActivity(vpRow));
    QHash<qint64, QDate> last;
    f.window.portfolio()->contacts().forAccount(f.accountId, &last);
    CHECK_FALSE(last.contains(f.vp.id));
    f.undo().undo();
    last.clear();
    f.window.portfolio()->contacts().forAccount(f.accountId, &last);
    CHECK(last.value(f.vp.id) == QDate(2026, 10, 1));
    CHECK(page.model()->rowCount() == 3);
}

TEST_CASE("The Health tab scores the account, saves a snapshot as one undo step, and the portfolio column follows",
          "[gui][health]")
{
    MapFixture f;
    REQUIRE(f.window.showView(QStringLiteral("health")));
    app::HealthPage &page = *f.window.accountWorkspace()->health();
    CHECK(page.summary()->text() == QStringLiteral("No health inputs yet"));
    app::PortfolioModel &pm = *f.window.portfolioModel();
    const QModelIndex column = pm.index(pm.rowOfId(f.accountId), app::PortfolioModel::Health);
    CHECK(column.data().toString() == QStringLiteral("—"));

    domain::HealthInputs in;
    in.date = guitest::testToday();
    in.licensedSeats = 100;
    in.activeUsers = 80;   // usage 100
    in.featuresOffered = 4;
    in.featuresUsed = 4;   // adoption 100
    in.sev3 = 0;           // support 100
    in.nps = 100;          // sentiment 100
    in.daysLate = 0;       // payment 100
    REQUIRE(page.saveSnapshot(in));
    // Engagement and relationship: no activities yet, so 0 of their targets: (75 x 100) / 100.
    CHECK(page.health().now.score == Approx(75.0));
    CHECK(page.health().now.band == domain::HealthBand::Green);
    CHECK(page.summary()->text().contains(QStringLiteral("Health <b>75</b>"))); // whole, as everywhere
    CHECK(page.inputsModel()->rowCount() == 1);
    CHECK(page.historyPoints() == 1);
    CHECK(column.data().toString().startsWith(QStringLiteral("75")));
    CHECK(column.data(Qt::BackgroundRole).value<QColor>() == app::colours::tint(app::colours::Tint::Green)); // the Green band's tint

    f.undo().undo();
    CHECK(page.inputsModel()->rowCount() == 0);
    CHECK(column.data().toString() == QStringLiteral("—"));
    f.undo().redo();
    CHECK(page.health().now.score == Approx(75.0));
    // The form marks any measure as typed by hand, not only sentiment.
    QTimer::singleShot(0, [&] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        REQUIRE(dialog);
        dialog->findChild<QCheckBox *>(QStringLiteral("usageManualCheck"))->setChecked(true);
        dialog->findChild<QCheckBox *>(QStringLiteral("paymentManualCheck"))->setChecked(true);
        dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttons"))->button(QDialogButtonBox::Ok)->click();
    });
    page.editSnapshot(0);
    const auto stored = f.window.portfolio()->health().inputs(f.accountId);
    REQUIRE(stored.size() == 1);
    CHECK(stored.front().manual[size_t(domain::Measure::Usage)]);
    CHECK(stored.front().manual[size_t(domain::Measure::Payment)]);
    CHECK_FALSE(stored.front().manual[size_t(domain::Measure::Sentiment)]);
    CHECK(page.inputsModel()->index(0, 9).data().toString() == QStringLiteral("Usage, Payment"));
    f.undo().undo();
    CHECK(page.inputsModel()->index(0, 9).data().toString().isEmpty());
    f.undo().redo();

    // A refused snapshot (NPS out of range) leaves everything as it was.
    domain::HealthInputs bad = in;
    bad.nps = 300;
    CHECK_FALSE(page.saveSnapshot(bad));
    CHECK(f.window.lastError().contains(QStringLiteral("NPS")));
    CHECK(page.health().now.score == Approx(75.0));
}

TEST_CASE("A contact added with Add Contact is selected on the map, ready for the next step", "[gui][relationship]")
{
    MapFixture f;
    QTimer::singleShot(0, [] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        REQUIRE(dialog);
        dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("Samir Nagheenanajar"));
        dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttons"))->button(QDialogButtonBox::Ok)->click();
    });
    f.page().addContact(f.vp.id);
    REQUIRE(f.page().stakeholders().contacts.size() == 5);
    qint64 added = 0;
    for (const domain::Contact &c : f.page().stakeholders().contacts)
        if (c.name == QStringLiteral("Samir Nagheenanajar"))
            added = c.id;
    REQUIRE(added > 0);
    CHECK(f.stored(added).reportsToId == f.vp.id);
    CHECK(f.page().mapSelection() == QList<qint64>{added});
}

TEST_CASE("Dragging a card shows the card it would report to, and dropping there makes it so", "[gui][relationship]")
{
    MapFixture f;
    f.window.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&f.window));
    app::RelationshipMap &map = *f.page().mapView();
    map.resetZoom();
    QCoreApplication::processEvents();
    const auto centreOf = [&](qint64 id) {
        const QPointF topLeft = map.layout().topLeft.value(id);
        return map.mapFromScene(topLeft + QPointF(60, 30)); // on the card, clear of its toggle
    };
    const QPoint from = centreOf(f.analyst.id);
    const QPoint to = centreOf(f.ceo.id);
    REQUIRE(map.viewport()->rect().contains(from));
    REQUIRE(map.viewport()->rect().contains(to));
    QTest::mousePress(map.viewport(), Qt::LeftButton, {}, from);
    CHECK(map.dropTarget() == 0);
    for (int step = 1; step <= 10; ++step)
        QTest::mouseMove(map.viewport(), from + (to - from) * step / 10);
    CHECK(map.dropTarget() == f.ceo.id);
    QTest::mouseRelease(map.viewport(), Qt::LeftButton, {}, to);
    QCoreApplication::processEvents(); // the drop is taken on the next turn
    CHECK(map.dropTarget() == 0);
    CHECK(f.stored(f.analyst.id).reportsToId == f.ceo.id);
}
