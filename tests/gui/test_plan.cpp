// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "guitest.h"
#include "testsupport.h"

#include "account/accountworkspace.h"
#include "account/history/historypage.h"
#include "window/mainwindow.h"
#include "account/plan/planpage.h"
#include "account/history/snapshotspage.h"
#include "account/success/successpage.h"
#include "portfolio/portfoliomodel.h"

#include "keystone/services/accountservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/relationshipservice.h"
#include "keystone/services/teamservice.h"

#include <cmath>

#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDateEdit>
#include <QGroupBox>
#include <QDialogButtonBox>
#include <QCheckBox>
#include <QLabel>
#include <QPalette>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTimer>
#include <QTest>
#include <QUndoStack>

using namespace keystone;
using app::MainWindow;
using domain::PlanPart;

namespace {

struct PlanFixture {
    guitest::FixedClock fixedClock; // first: the window and the demo read it
    test::TempDir dir;
    QString path;
    MainWindow window;
    qint64 accountId = 0;
    qint64 ownerId = 0;
    const QDate today = guitest::testToday();

    PlanFixture()
    {
        path = dir.file(QStringLiteral("plan.keystone"));
        {
            auto p = services::Portfolio::create(path);
            domain::TeamMember m;
            m.name = QStringLiteral("Dana Ortiz");
            m.role = domain::TeamRole::AM;
            ownerId = services::TeamService(*p).create(m).id;
            domain::Account a;
            a.name = QStringLiteral("Initech");
            a.arr.cents = 20000000;
            a.ownerId = ownerId;
            accountId = services::AccountService(*p).create(a).id;
        }
        window.setInteractive(false);
        window.resize(1440, 900);
        window.show();
        REQUIRE(window.openPortfolio(path, nullptr, true));
        REQUIRE(window.selectAccountByName(QStringLiteral("Initech")));
        REQUIRE(window.showView(QStringLiteral("plan")));
        QTRY_VERIFY_WITH_TIMEOUT(window.portfolioModel()->plansLoaded(), 20000); // counted on a worker
    }
    app::PlanPage &page() { return *window.accountWorkspace()->plan(); }
    QUndoStack &undo() { return *window.undoStack(); }
    QString column(app::PortfolioModel::Column c)
    {
        app::PortfolioModel &pm = *window.portfolioModel();
        return pm.index(pm.rowOfId(accountId), c).data().toString();
    }
    bool met(PlanPart part) { return page().plan()->completeness.parts[size_t(part)].met; }
};

} // namespace

TEST_CASE("The Plan tab: completeness and freshness follow every edit, and undo and redo", "[gui][plan]")
{
    PlanFixture f;
    app::PlanPage &page = f.page();
    REQUIRE(page.plan());
    CHECK(page.summary()->text() == QStringLiteral("Plan 0% complete"));
    CHECK(page.missingList()->count() >= 5);
    CHECK(f.column(app::PortfolioModel::Plan) == QStringLiteral("0%"));
    CHECK(f.column(app::PortfolioModel::Reviewed) == QStringLiteral("⚠ never"));

    // A priority: 20%, in the tab and in the portfolio column; undo and redo.
    domain::Priority p;
    p.accountId = f.accountId;
    p.text = QStringLiteral("Cut month-end close to five days");
    p.metric = QStringLiteral("Days to close");
    p.baseline = 10;
    p.current = 7;
    p.target = 5;
    p.unit = QStringLiteral("days");
    REQUIRE(page.savePriority(p));
    CHECK(page.summary()->text() == QStringLiteral("Plan 20% complete"));
    CHECK(page.prioritiesModel()->rowCount() == 1);
    CHECK(page.prioritiesModel()->index(0, 3).data().toString() == QStringLiteral("10 → 7 (target 5) days"));
    CHECK(f.column(app::PortfolioModel::Plan) == QStringLiteral("20%"));
    f.undo().undo();
    CHECK(page.prioritiesModel()->rowCount() == 0);
    CHECK(f.column(app::PortfolioModel::Plan) == QStringLiteral("0%"));
    f.undo().redo();
    REQUIRE(page.prioritiesModel()->rowCount() == 1);
    const qint64 priorityId = page.plan()->priorities.front().id;

    // An action 31 days overdue keeps the actions part open and is shown in red; moving it
    // to 30 days meets the bar; undo brings the 31 back.
    domain::PlanAction a;
    a.accountId = f.accountId;
    a.what = QStringLiteral("Book the QBR");
    a.ownerId = f.ownerId;
    a.due = f.today.addDays(-31);
    REQUIRE(page.saveAction(a));
    CHECK_FALSE(f.met(PlanPart::Actions));
    CHECK(page.actionsModel()->index(0, 2).data().toString().contains(QStringLiteral("31 d late")));
    CHECK(page.actionsModel()->index(0, 0).data(Qt::ForegroundRole).value<QColor>() == QColor(0xb0, 0x1e, 0x1e));
    domain::PlanAction moved = page.plan()->actions.front();
    moved.due = f.today.addDays(-30);
    REQUIRE(page.saveAction(moved));
    CHECK(f.met(PlanPart::Actions));
    CHECK(page.summary()->text() == QStringLiteral("Plan 40% complete"));
    f.undo().undo();
    CHECK_FALSE(f.met(PlanPart::Actions));
    f.undo().redo();
    CHECK(f.met(PlanPart::Actions));

    // A risk through the form: owner and mitigation meet the risk part.
    QTimer::singleShot(0, [&] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        REQUIRE(dialog);
        auto *ok = dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttons"))->button(QDialogButtonBox::Ok);
        ok->click(); // no description: refused in the form
        CHECK(dialog->findChild<QLabel *>(QStringLiteral("errorLabel"))->text() == QStringLiteral("A risk needs a description"));
        dialog->findChild<QLineEdit *>(QStringLiteral("descriptionEdit"))->setText(QStringLiteral("Budget freeze in Q1"));
        dialog->findChild<QPlainTextEdit *>(QStringLiteral("mitigationEdit"))->setPlainText(QStringLiteral("Agree scope before year end"));
        dialog->findChild<QComboBox *>(QStringLiteral("ownerCombo"))->setCurrentIndex(1);
        ok->click();
    });
    page.editRisk(-1);
    REQUIRE(page.risksModel()->rowCount() == 1);
    CHECK(page.plan()->risks.front().ownerId == f.ownerId);
    CHECK(f.met(PlanPart::Risks));

    // Without it, "no known risks" must be confirmed: a toggle, undoable.
    REQUIRE(page.removeRisk(0));
    CHECK_FALSE(f.met(PlanPart::Risks));
    REQUIRE(page.toggleNoKnownRisks());
    CHECK(f.met(PlanPart::Risks));
    CHECK(page.plan()->noKnownRisksOn == f.today);
    f.undo().undo();
    CHECK_FALSE(f.met(PlanPart::Risks));
    f.undo().undo(); // the risk comes back
    REQUIRE(page.risksModel()->rowCount() == 1);
    CHECK(f.met(PlanPart::Risks));

    // Mark reviewed: fresh at once, in the tab and the portfolio; undo makes it never again.
    REQUIRE(page.saveReview(f.today, f.ownerId, QStringLiteral("Walked through with Dana")));
    CHECK(page.plan()->freshness.days == 0);
    CHECK_FALSE(page.plan()->freshness.stale);
    CHECK(f.column(app::PortfolioModel::Reviewed) == QStringLiteral("0 d"));
    CHECK(page.reviewsModel()->index(0, 1).data().toString() == QStringLiteral("Dana Ortiz"));
    f.undo().undo();
    CHECK(f.column(app::PortfolioModel::Reviewed) == QStringLiteral("⚠ never"));
    f.undo().redo();

    // Removing a priority and undoing it brings back the same item.
    REQUIRE(page.removePriority(0));
    CHECK(page.prioritiesModel()->rowCount() == 0);
    f.undo().undo();
    REQUIRE(page.prioritiesModel()->rowCount() == 1);
    CHECK(page.plan()->priorities.front().id == priorityId);
    CHECK(f.window.lastError().isEmpty());

    // Value delivered through its form: a bad amount is refused in the form, then saved.
    QString refusal;
    QTimer::singleShot(0, [&] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        REQUIRE(dialog);
        dialog->findChild<QLineEdit *>(QStringLiteral("metricEdit"))->setText(QStringLiteral("Status reporting time"));
        dialog->findChild<QLineEdit *>(QStringLiteral("baselineEdit"))->setText(QStringLiteral("12"));
        dialog->findChild<QLineEdit *>(QStringLiteral("currentEdit"))->setText(QStringLiteral("9"));
        dialog->findChild<QLineEdit *>(QStringLiteral("unitEdit"))->setText(QStringLiteral("hours/week"));
        auto *impact = dialog->findChild<QLineEdit *>(QStringLiteral("impactEdit"));
        auto *ok = dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttons"))->button(QDialogButtonBox::Ok);
        impact->setText(QStringLiteral("lots"));
        ok->click();
        refusal = dialog->findChild<QLabel *>(QStringLiteral("errorLabel"))->text();
        impact->setText(QStringLiteral("45,000"));
        ok->click();
    });
    page.editValue(-1);
    CHECK(refusal == QStringLiteral("Money impact: 'lots' is not an amount (try 45000 or 1.2M)"));
    REQUIRE(page.valuesModel()->rowCount() == 1);
    CHECK(page.valuesModel()->index(0, 1).data().toString() == QStringLiteral("12 → 9 hours/week (-25%)"));
    CHECK(page.valuesModel()->index(0, 2).data().toString() == QStringLiteral("$45,000"));
    CHECK(page.plan()->values.front().impactCents == 4500000);
    f.undo().undo();
    CHECK(page.valuesModel()->rowCount() == 0);
    f.undo().redo();
    CHECK(page.valuesModel()->rowCount() == 1);

    // The History tab lists all of it, newest first; undo shows as the change it made.
    REQUIRE(f.window.showView(QStringLiteral("history")));
    app::HistoryPage &history = *f.window.accountWorkspace()->history();
    QStandardItemModel &h = *history.model();
    REQUIRE(h.rowCount() > 10);
    CHECK(h.index(0, 1).data().toString() == QStringLiteral("here")); // made in this file, not by a teammate
    CHECK(h.index(0, 2).data().toString() == QStringLiteral("Value")); // the redo of the value delivered
    CHECK(h.index(0, 4).data().toString() == QStringLiteral("Added"));
    CHECK(h.index(1, 4).data().toString() == QStringLiteral("Removed")); // its undo
    CHECK(h.index(3, 2).data().toString() == QStringLiteral("Priority"));
    CHECK(h.index(3, 4).data().toString() == QStringLiteral("Added")); // the undo of the priority's removal
    history.filterEdit()->setText(QStringLiteral("Due date"));
    REQUIRE(history.filtered()->rowCount() == 3); // the edit (31 -> 30 days late), its undo and its redo
    CHECK(history.filtered()->index(0, 5).data().toString() == f.today.addDays(-31).toString(Qt::ISODate));
    CHECK(history.filtered()->index(0, 6).data().toString() == f.today.addDays(-30).toString(Qt::ISODate));
}

TEST_CASE("What is missing in the plan is clickable: the map and whitespace open their tabs", "[gui][plan]")
{
    PlanFixture f;
    app::PlanPage &page = f.page();
    auto *tabs = f.window.accountWorkspace()->findChild<QTabWidget *>();
    REQUIRE(tabs);
    CHECK(tabs->currentIndex() == app::AccountWorkspace::PlanTab);
    QListWidgetItem *mapItem = nullptr;
    QListWidgetItem *whitespaceItem = nullptr;
    for (int i = 0; i < page.missingList()->count(); ++i) {
        QListWidgetItem *item = page.missingList()->item(i);
        const auto part = PlanPart(item->data(Qt::UserRole).toInt());
        if (part == PlanPart::RelationshipMap && !mapItem)
            mapItem = item;
        if (part == PlanPart::Whitespace && !whitespaceItem)
            whitespaceItem = item;
    }
    REQUIRE(mapItem);
    REQUIRE(whitespaceItem);
    CHECK(mapItem->text().contains(QStringLiteral("0 active contacts; at least 3 are needed")));
    Q_EMIT page.missingList()->itemClicked(mapItem);
    CHECK(tabs->currentIndex() == app::AccountWorkspace::RelationshipsTab);
    tabs->setCurrentIndex(app::AccountWorkspace::PlanTab);
    Q_EMIT page.missingList()->itemClicked(whitespaceItem);
    CHECK(tabs->currentIndex() == app::AccountWorkspace::WhitespaceTab);

    // Contacts added elsewhere update the plan's relationship-map part.
    services::RelationshipService &rel = *f.window.relationshipService();
    for (const char *name : {"Bill Lumbergh", "Dom Portwood", "Peter Gibbons"}) {
        domain::Contact c;
        c.accountId = f.accountId;
        c.name = QString::fromUtf8(name);
        c.role = std::string_view(name) == "Bill Lumbergh" ? domain::BuyingRole::EconomicBuyer : domain::BuyingRole::User;
        rel.createContact(c);
    }
    tabs->setCurrentIndex(app::AccountWorkspace::PlanTab);
    CHECK(f.met(PlanPart::RelationshipMap));
    CHECK(f.column(app::PortfolioModel::Plan) == QStringLiteral("20%"));
}

TEST_CASE("The Snapshots tab takes and deletes snapshots with undo and compares two side by side", "[gui][plan][snapshot]")
{
    PlanFixture f;
    REQUIRE(f.window.showView(QStringLiteral("snapshots")));
    app::SnapshotsPage &page = *f.window.accountWorkspace()->snapshots();
    CHECK(page.snapshots().empty());
    CHECK(page.comparisonSummary()->text().startsWith(QStringLiteral("No snapshots yet")));
    REQUIRE(page.takeSnapshot(QStringLiteral("2026Q3")));
    CHECK(page.snapshots().size() == 1);
    CHECK_FALSE(page.takeSnapshot(QStringLiteral("2026Q3"))); // taken
    CHECK(f.window.lastError().contains(QStringLiteral("already a snapshot")));
    // One snapshot is compared with the plan as it is now: the same, so far.
    CHECK(page.comparisonSummary()->text() == QStringLiteral("'2026Q3' and 'The plan now' are the same."));

    // A priority and a risk later, the next quarter's snapshot.
    services::PlanService &plans = *f.window.planService();
    domain::Priority p;
    p.accountId = f.accountId;
    p.text = QStringLiteral("Retire the legacy warehouse");
    plans.add(p);
    domain::Risk r;
    r.accountId = f.accountId;
    r.description = QStringLiteral("Merger may consolidate vendors");
    plans.add(r);
    // The plan now shows both (the tab follows plan changes).
    CHECK(page.comparisonSummary()->text().startsWith(QStringLiteral("From '2026Q3' to 'The plan now': 2 added")));
    REQUIRE(page.takeSnapshot(QStringLiteral("2026Q4")));
    REQUIRE(page.snapshots().size() == 2);
    // The last two are compared by default.
    QStandardItemModel &cmp = *page.comparison();
    CHECK(page.comparisonSummary()->text().startsWith(QStringLiteral("From '2026Q3' to '2026Q4': 2 added")));
    bool priority = false, completeness = false;
    for (int row = 0; row < cmp.rowCount(); ++row) {
        if (cmp.index(row, 0).data() == QStringLiteral("Priorities") && cmp.index(row, 2).data() == QStringLiteral("added"))
            priority = cmp.index(row, 4).data() == QStringLiteral("Retire the legacy warehouse");
        if (cmp.index(row, 2).data() == QStringLiteral("Plan completeness")) {
            completeness = true;
            CHECK(cmp.index(row, 3).data() == QStringLiteral("0%"));
            CHECK(cmp.index(row, 4).data() == QStringLiteral("20%"));
        }
    }
    CHECK(priority);
    CHECK(completeness);

    // Delete and take are undoable.
    REQUIRE(page.deleteSnapshot(QStringLiteral("2026Q3")));
    CHECK(page.snapshots().size() == 1);
    f.undo().undo();
    CHECK(page.snapshots().size() == 2);
    f.undo().undo(); // the 2026Q4 snapshot
    CHECK(page.snapshots().size() == 1);
    f.undo().redo();
    CHECK(page.snapshots().size() == 2);
}

TEST_CASE("The Success Plan tab edits the joint success plan, remediation and advocacy, each one undo step", "[gui][plan][success]")
{
    PlanFixture f;
    REQUIRE(f.window.showView(QStringLiteral("success")));
    app::SuccessPage &page = *f.window.accountWorkspace()->success();
    REQUIRE(page.plan());
    CHECK(page.roadmapSummary()->text().startsWith(QStringLiteral("Not started yet")));
    CHECK_FALSE(page.remediationBox()->isVisibleTo(&page)); // not at risk, no plan

    // Start date through the form: day 30 of the roadmap.
    QTimer::singleShot(0, [&] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        REQUIRE(dialog);
        dialog->findChild<QCheckBox *>(QStringLiteral("startCheck"))->setChecked(true);
        dialog->findChild<QDateEdit *>(QStringLiteral("startEdit"))->setDate(f.today.addDays(-30));
        dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttons"))->button(QDialogButtonBox::Ok)->click();
    });
    page.editDates();
    CHECK(page.roadmapSummary()->text().contains(QStringLiteral("day 30 of the 90-day roadmap")));

    // A milestone through the form, refused without a description first.
    QString refusal;
    QTimer::singleShot(0, [&] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        REQUIRE(dialog);
        auto *ok = dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttons"))->button(QDialogButtonBox::Ok);
        ok->click();
        refusal = dialog->findChild<QLabel *>(QStringLiteral("errorLabel"))->text();
        dialog->findChild<QLineEdit *>(QStringLiteral("whatEdit"))->setText(QStringLiteral("Data integration live"));
        dialog->findChild<QDateEdit *>(QStringLiteral("dueEdit"))->setDate(f.today.addDays(-2));
        ok->click();
    });
    page.editMilestone(domain::MilestonePlan::Success, -1);
    CHECK(refusal == QStringLiteral("A milestone needs a description"));
    REQUIRE(page.milestonesModel()->rowCount() == 1);
    CHECK(page.milestonesModel()->index(0, 2).data() == QStringLiteral("Day 28"));
    CHECK(page.milestonesModel()->index(0, 3).data() == QStringLiteral("2 d late"));
    CHECK(page.roadmapSummary()->text().contains(QStringLiteral("0 of 1 milestone done")));
    CHECK(page.roadmapSummary()->text().contains(QStringLiteral("1 overdue")));

    // An objective through the form (the priority form, relabelled): a bad number is refused
    // with the field named, then saved.
    QTimer::singleShot(0, [&] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        REQUIRE(dialog);
        CHECK(dialog->windowTitle() == QStringLiteral("New Objective"));
        dialog->findChild<QPlainTextEdit *>(QStringLiteral("textEdit"))->setPlainText(QStringLiteral("Retire the legacy workbooks"));
        dialog->findChild<QLineEdit *>(QStringLiteral("metricEdit"))->setText(QStringLiteral("Workbooks still in use"));
        dialog->findChild<QLineEdit *>(QStringLiteral("baselineEdit"))->setText(QStringLiteral("40"));
        dialog->findChild<QLineEdit *>(QStringLiteral("targetEdit"))->setText(QStringLiteral("0"));
        dialog->findChild<QLineEdit *>(QStringLiteral("currentEdit"))->setText(QStringLiteral("thirty"));
        dialog->findChild<QLineEdit *>(QStringLiteral("unitEdit"))->setText(QStringLiteral("workbooks"));
        auto *ok = dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttons"))->button(QDialogButtonBox::Ok);
        ok->click();
        refusal = dialog->findChild<QLabel *>(QStringLiteral("errorLabel"))->text();
        dialog->findChild<QLineEdit *>(QStringLiteral("currentEdit"))->setText(QStringLiteral("30"));
        ok->click();
    });
    page.editObjective(-1);
    CHECK(refusal == QStringLiteral("Current: 'thirty' is not a number"));
    REQUIRE(page.objectivesModel()->rowCount() == 1);
    CHECK(page.objectivesModel()->index(0, 3).data().toString() == QStringLiteral("30 / 0 workbooks"));
    CHECK(page.objectivesModel()->index(0, 4).data() == QStringLiteral("25%"));
    CHECK(f.undo().undoText() == QStringLiteral("Add objective 'Retire the legacy workbooks'"));
    f.undo().undo();
    CHECK(page.objectivesModel()->rowCount() == 0);
    f.undo().redo();
    CHECK(page.objectivesModel()->rowCount() == 1);

    // Marking the account at risk shows the remediation plan; the sponsor is a team member.
    services::Portfolio &portfolio = *f.window.portfolio();
    domain::Account a = *portfolio.accounts().byId(f.accountId);
    a.atRisk = true;
    services::AccountService(portfolio).update(a);
    QTRY_VERIFY(page.remediationBox()->isVisibleTo(&page));
    CHECK(page.remediationSummary()->text().contains(QStringLiteral("No executive sponsor yet")));
    domain::RemediationPlan fix;
    fix.accountId = f.accountId;
    fix.sponsorId = f.ownerId;
    fix.rootCause = QStringLiteral("Champion left");
    REQUIRE(page.setRemediation(fix));
    CHECK(page.remediationSummary()->text().contains(QStringLiteral("Executive sponsor: <b>Dana Ortiz</b>")));
    f.undo().undo();
    CHECK(page.remediationSummary()->text().contains(QStringLiteral("No executive sponsor yet")));
    f.undo().redo();
    CHECK(page.plan()->remediation.rootCause == QStringLiteral("Champion left"));

    // Advocacy: a reference request, and a second one in the same quarter refused in the form.
    domain::Contact c;
    c.accountId = f.accountId;
    c.name = QStringLiteral("Ann Advocate");
    services::RelationshipService(portfolio).createContact(c);
    QTRY_COMPARE(page.plan().has_value(), true);
    domain::ReferenceRequest r;
    r.accountId = f.accountId;
    r.contactId = portfolio.contacts().forAccount(f.accountId).front().id;
    r.date = f.today;
    r.purpose = QStringLiteral("Call with a prospect");
    REQUIRE(page.saveReferenceRequest(r));
    REQUIRE(page.requestsModel()->rowCount() == 1);
    CHECK(page.requestsModel()->index(0, 1).data() == QStringLiteral("Ann Advocate"));
    QTimer::singleShot(0, [&] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        REQUIRE(dialog);
        dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttons"))->button(QDialogButtonBox::Ok)->click();
        refusal = dialog->findChild<QLabel *>(QStringLiteral("errorLabel"))->text();
        dialog->reject();
    });
    page.addReferenceRequest();
    CHECK(refusal.contains(QStringLiteral("already asked for a reference on %1").arg(f.today.toString(Qt::ISODate))));
    CHECK(page.requestsModel()->rowCount() == 1);
    domain::AdvocacyProfile adv = page.plan()->advocacy;
    adv.caseStudy = domain::CaseStudyStatus::Published;
    REQUIRE(page.setAdvocacy(adv));
    CHECK(page.advocacySummary()->text().contains(QStringLiteral("Case study: published.")));
    f.undo().undo();
    CHECK(page.advocacySummary()->text().contains(QStringLiteral("Case study: none.")));
}

TEST_CASE("Empty plan sections say what they are for, and the hint goes with the first item", "[gui][plan]")
{
    PlanFixture f;
    app::PlanPage &page = *f.window.accountWorkspace()->plan();
    // Each empty section of the Plan and Success Plan tabs has its hint, shown.
    QList<QLabel *> hints = page.findChildren<QLabel *>(QStringLiteral("emptyState"));
    CHECK(hints.size() == 5);
    for (QLabel *hint : hints) {
        CHECK(hint->isVisible());
        CHECK(hint->text().size() > 40);
        // Readable: at least 4.5:1 against the list's background.
        const QColor fg = hint->palette().color(QPalette::WindowText);
        const QColor bg = hint->parentWidget()->palette().color(QPalette::Base);
        const auto lum = [](const QColor &c) {
            const auto ch = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
            return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF());
        };
        const double l1 = lum(fg), l2 = lum(bg);
        CHECK((std::max(l1, l2) + 0.05) / (std::min(l1, l2) + 0.05) >= 4.5);
    }
    REQUIRE(f.window.showView(QStringLiteral("success")));
    CHECK(f.window.accountWorkspace()->success()->findChildren<QLabel *>(QStringLiteral("emptyState")).size() == 5);
    REQUIRE(f.window.showView(QStringLiteral("plan")));

    // A priority: its section's hint goes; the others stay.
    QLabel *priorityHint = nullptr;
    for (QLabel *hint : hints)
        if (hint->text().startsWith(QStringLiteral("The customer's top goals")))
            priorityHint = hint;
    REQUIRE(priorityHint);
    domain::Priority p;
    p.accountId = f.accountId;
    p.text = QStringLiteral("Retire the legacy warehouse");
    f.window.planService()->add(p);
    QCoreApplication::processEvents();
    CHECK_FALSE(priorityHint->isVisible());
    int shown = 0;
    for (QLabel *hint : hints)
        shown += hint->isVisible() ? 1 : 0;
    CHECK(shown == 4);
}

TEST_CASE("Shared with the customer: an action starts internal, a roadmap milestone shared, a remediation one internal, and each change is one undo step",
          "[gui][plan][success]")
{
    PlanFixture f;
    app::PlanPage &plan = f.page();
    // A new action through its form: the box starts unticked; ticked, the action is shared.
    bool startedTicked = true;
    QTimer::singleShot(0, [&] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        REQUIRE(dialog);
        auto *shared = dialog->findChild<QCheckBox *>(QStringLiteral("sharedCheck"));
        REQUIRE(shared);
        startedTicked = shared->isChecked();
        dialog->findChild<QLineEdit *>(QStringLiteral("whatEdit"))->setText(QStringLiteral("Run the planning workshop"));
        shared->setChecked(true);
        dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttons"))->button(QDialogButtonBox::Ok)->click();
    });
    plan.editAction(-1);
    CHECK_FALSE(startedTicked);
    REQUIRE(plan.actionsModel()->rowCount() == 1);
    CHECK(plan.plan()->actions.front().shared);
    CHECK(plan.actionsModel()->index(0, 4).data().toString() == QStringLiteral("Shared"));
    // Unticked in the form again: internal; undo shares it again, redo takes it back.
    QTimer::singleShot(0, [&] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        REQUIRE(dialog);
        auto *shared = dialog->findChild<QCheckBox *>(QStringLiteral("sharedCheck"));
        CHECK(shared->isChecked());
        shared->setChecked(false);
        dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttons"))->button(QDialogButtonBox::Ok)->click();
    });
    plan.editAction(0);
    CHECK_FALSE(plan.plan()->actions.front().shared);
    CHECK(plan.actionsModel()->index(0, 4).data().toString() == QStringLiteral("Internal"));
    f.undo().undo();
    CHECK(plan.plan()->actions.front().shared);
    CHECK(plan.actionsModel()->index(0, 4).data().toString() == QStringLiteral("Shared"));
    f.undo().redo();
    CHECK_FALSE(plan.plan()->actions.front().shared);

    // Milestones: the form starts at the plan's default, and the Customer column says it.
    REQUIRE(f.window.showView(QStringLiteral("success")));
    app::SuccessPage &success = *f.window.accountWorkspace()->success();
    auto addMilestone = [&](domain::MilestonePlan kind, const QString &what) {
        bool ticked = false;
        QTimer::singleShot(0, [&] {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            REQUIRE(dialog);
            ticked = dialog->findChild<QCheckBox *>(QStringLiteral("sharedCheck"))->isChecked();
            dialog->findChild<QLineEdit *>(QStringLiteral("whatEdit"))->setText(what);
            dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttons"))->button(QDialogButtonBox::Ok)->click();
        });
        success.editMilestone(kind, -1);
        return ticked;
    };
    CHECK(addMilestone(domain::MilestonePlan::Success, QStringLiteral("First 50 users live")));
    REQUIRE(success.milestonesModel()->rowCount() == 1);
    CHECK(success.milestonesModel()->index(0, 4).data().toString() == QStringLiteral("Shared"));
    CHECK(success.plan()->successMilestones.front().shared);
    CHECK_FALSE(addMilestone(domain::MilestonePlan::Remediation, QStringLiteral("Fix the nightly sync")));
    REQUIRE(success.remediationModel()->rowCount() == 1);
    CHECK(success.remediationModel()->index(0, 3).data().toString() == QStringLiteral("Internal"));
    CHECK_FALSE(success.plan()->remediationMilestones.front().shared);
    CHECK(f.window.lastError().isEmpty());
}
