// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "testsupport.h"

#include "window/mainwindow.h"
#include "widgets/colours.h"
#include "portfolio/portfoliomodel.h"
#include "dialogs/scorecarddialog.h"

#include "keystone/services/accountoverview.h"
#include "keystone/demo/demogenerator.h"
#include "keystone/services/healthservice.h"
#include "keystone/services/portfolio.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSet>
#include <QSpinBox>
#include <QStatusBar>
#include <QTest>
#include <QUndoStack>

using namespace keystone;
using app::MainWindow;

namespace {

// Accounts of `tier` that are Green now with a score under `greenAt`: the ones a Tier
// scorecard turning Green at `greenAt` moves to Yellow.
int greenBelow(services::Portfolio &p, domain::Tier tier, int greenAt)
{
    QHash<qint64, domain::Tier> tiers;
    for (const services::AccountRow &r : services::loadAccountOverview(p).rows)
        tiers.insert(r.account.id, r.tier);
    int n = 0;
    const auto scores = p.health().currentScores();
    for (auto it = scores.begin(); it != scores.end(); ++it)
        if (tiers.value(it.key()) == tier && it->now.band == domain::HealthBand::Green && it->now.score < greenAt)
            ++n;
    return n;
}

int bandCount(services::Portfolio &p, domain::HealthBand band)
{
    int n = 0;
    const auto scores = p.health().currentScores();
    for (const auto &s : scores)
        n += s.now.band == band ? 1 : 0;
    return n;
}

} // namespace

TEST_CASE("The scorecard dialog previews band changes, saves on a worker, and undo and redo recompute", "[gui][health][scorecard]")
{
    test::TempDir dir;
    demo::DemoOptions o;
    o.accounts = 120;
    o.seed = 4;
    const QString path = dir.file(QStringLiteral("sc.keystone"));
    demo::generateDemo(path, o);
    MainWindow w;
    w.setInteractive(false);
    w.show();
    REQUIRE(w.openPortfolio(path, nullptr, true));
    services::Portfolio &p = *w.portfolio();
    const int expected = greenBelow(p, domain::Tier::Tier1, 95);
    REQUIRE(expected > 0);
    const int greenBefore = bandCount(p, domain::HealthBand::Green);
    const int column = app::PortfolioModel::Health;
    app::PortfolioModel &pm = *w.portfolioModel();
    auto greenRows = [&] {
        int n = 0;
        for (int r = 0; r < pm.rowCount(); ++r)
            n += pm.index(r, column).data(Qt::BackgroundRole).value<QColor>() == app::colours::tint(app::colours::Tint::Green) ? 1 : 0;
        return n;
    };
    CHECK(greenRows() == greenBefore);

    {
        app::ScorecardDialog dialog(p, *w.undoStack(), {}, o.today, &w);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.previewReady(), 20000);
        CHECK(dialog.previewText().contains(QStringLiteral("no account changes band")));
        dialog.selectScope(1); // Tier 1: not stored yet, starts from the default's values
        CHECK(dialog.edited().tier == domain::Tier::Tier1);
        CHECK(dialog.edited().greenAt == 75);
        auto *green = dialog.findChild<QSpinBox *>(QStringLiteral("greenSpin"));
        auto *yellow = dialog.findChild<QSpinBox *>(QStringLiteral("yellowSpin"));
        REQUIRE(green);
        REQUIRE(yellow);
        // Thresholds out of order: refused in the form, naming the field, nothing counted.
        yellow->setValue(90);
        CHECK(dialog.errorText().contains(QStringLiteral("thresholds")));
        CHECK_FALSE(dialog.save());
        yellow->setValue(60);
        CHECK(dialog.errorText().isEmpty());
        green->setValue(95);
        CHECK(dialog.previewText().contains(QStringLiteral("%1 of 120 accounts change band: %1 to Yellow").arg(expected)));
        // All weights zero is refused too.
        auto *payment = dialog.findChild<QDoubleSpinBox *>(QStringLiteral("weight_payment"));
        REQUIRE(payment);
        payment->setValue(-1); // clamped to the spin box's minimum
        CHECK(payment->value() == 0);
        REQUIRE(dialog.save());
    }
    services::HealthService health(p);
    CHECK(health.scorecards().size() == 2);
    CHECK(bandCount(p, domain::HealthBand::Green) == greenBefore - expected);
    CHECK(greenRows() == greenBefore - expected); // the portfolio column followed

    w.undoStack()->undo(); // the Tier 1 scorecard goes, every score is recomputed
    CHECK(health.scorecards().size() == 1);
    CHECK(bandCount(p, domain::HealthBand::Green) == greenBefore);
    CHECK(greenRows() == greenBefore);
    w.undoStack()->redo();
    CHECK(health.scorecards().size() == 2);
    CHECK(bandCount(p, domain::HealthBand::Green) == greenBefore - expected);

    // Removing it is one undo step as well, and its undo puts back every row as it was: the
    // card under its own id and uuid, every recomputed score.
    const QStringList before = test::dumpTables(path, {QStringLiteral("change_log")});
    {
        app::ScorecardDialog dialog(p, *w.undoStack(), {}, o.today, &w);
        dialog.selectScope(1);
        CHECK(dialog.edited().greenAt == 95);
        REQUIRE(dialog.removeCurrent());
    }
    CHECK(health.scorecards().size() == 1);
    CHECK(bandCount(p, domain::HealthBand::Green) == greenBefore);
    w.undoStack()->undo();
    CHECK(health.scorecards().size() == 2);
    CHECK(bandCount(p, domain::HealthBand::Green) == greenBefore - expected);
    CHECK(w.lastError().isEmpty());
    {
        const QStringList after = test::dumpTables(path, {QStringLiteral("change_log")});
        // Compared as sets of lines (with their counts below): Catch prints short lists only.
        const QSet<QString> beforeSet(before.begin(), before.end()), afterSet(after.begin(), after.end());
        QStringList lost, gained;
        for (const QString &row : before)
            if (!afterSet.contains(row))
                lost << row;
        for (const QString &row : after)
            if (!beforeSet.contains(row))
                gained << row;
        CHECK(after.size() == before.size());
        INFO("rows missing after the undo: " << lost.mid(0, 5).join(QStringLiteral(" / ")).toStdString());
        INFO("rows that were not there: " << gained.mid(0, 5).join(QStringLiteral(" / ")).toStdString());
        CHECK(lost.size() == 0);
        CHECK(gained.size() == 0);
    }
    w.undoStack()->redo(); // removed again, and undone again
    CHECK(health.scorecards().size() == 1);
    w.undoStack()->undo();
    CHECK(health.scorecards().size() == 2);
    CHECK(test::dumpTables(path, {QStringLiteral("change_log")}).size() == before.size());

    // Tools > Recompute Health Scores rewrites every stored score (the same values).
    const qint64 stored = p.health().scoreCount();
    w.recomputeHealth();
    CHECK(w.statusBar()->currentMessage() == QStringLiteral("Recomputed %1 health scores.").arg(QLocale().toString(stored)));
    CHECK(bandCount(p, domain::HealthBand::Green) == greenBefore - expected);
}
