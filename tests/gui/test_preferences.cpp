// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// What the user sets and what the window keeps: a portfolio's currency, the colour schemes
// (every coloured cell and text readable in both), Preferences, and the columns and splitters
// the book pages remember.
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
} // namespace

TEST_CASE("A new portfolio takes the currency chosen for it", "[gui][settings]")
{
    test::TempDir dir;
    MainWindow w;
    w.setInteractive(false);
    const QString path = dir.file(QStringLiteral("euro.keystone"));
    REQUIRE(w.createPortfolio(path, nullptr, QStringLiteral("EUR")));
    CHECK(w.portfolio()->settings().currency == QStringLiteral("EUR"));
    CHECK(w.totalsText().contains(QStringLiteral("€")));

    // Portfolio Settings changes it while the portfolio holds no amounts; undo puts it back.
    {
        app::SettingsDialog dialog(*w.portfolio(), *w.portfolioModel(), *w.undoStack(), nullptr);
        auto *combo = dialog.findChild<QComboBox *>(QStringLiteral("currencyCombo"));
        REQUIRE(combo);
        CHECK(combo->isEnabled());
        CHECK(combo->currentText() == QStringLiteral("EUR"));
        combo->setCurrentText(QStringLiteral("XYZ"));
        QString error;
        CHECK_FALSE(dialog.edited(&error));
        CHECK(error.contains(QStringLiteral("'XYZ' is not an ISO 4217")));
        combo->setCurrentText(QStringLiteral("gbp"));
        REQUIRE(dialog.save());
    }
    CHECK(w.portfolio()->settings().currency == QStringLiteral("GBP"));
    CHECK(w.totalsText().contains(QStringLiteral("£")));
    w.undoStack()->undo();
    CHECK(w.portfolio()->settings().currency == QStringLiteral("EUR"));
    w.undoStack()->redo();
    CHECK(w.portfolio()->settings().currency == QStringLiteral("GBP"));
}

TEST_CASE("Portfolio Settings keeps the currency of a portfolio that holds amounts", "[gui][settings]")
{
    Window f;
    app::SettingsDialog dialog(*f.w.portfolio(), *f.w.portfolioModel(), *f.w.undoStack(), nullptr);
    auto *combo = dialog.findChild<QComboBox *>(QStringLiteral("currencyCombo"));
    REQUIRE(combo);
    CHECK_FALSE(combo->isEnabled());
    auto *note = dialog.findChild<QLabel *>(QStringLiteral("currencyNote"));
    REQUIRE(note);
    CHECK(note->text() == QStringLiteral("Fixed: the portfolio holds amounts in USD."));
}

TEST_CASE("Coloured cells keep their text readable in the light and the dark scheme, and View > Colour Scheme switches", "[gui][settings][colours]")
{
    using app::colours::Ink;
    using app::colours::Tint;
    // Every cell tint against the text drawn on it, every ink against the background: 4.5:1
    // or more, computed from the colours themselves, in both schemes.
    for (const bool dark : {false, true}) {
        INFO((dark ? "dark" : "light"));
        for (const Tint t : {Tint::Green, Tint::Yellow, Tint::Red, Tint::Grey, Tint::Blue, Tint::Amber, Tint::Orange, Tint::DeepGreen})
            CHECK(app::colours::contrast(app::colours::tintOn(t, dark), app::colours::textOn(dark)) >= 4.5);
        for (const Ink i : {Ink::Warn, Ink::Caution, Ink::Muted, Ink::Good})
            CHECK(app::colours::contrast(app::colours::inkOn(i, dark), app::colours::baseOn(dark)) >= 4.5);
        for (const double share : {0.0, 0.5, 1.0, 2.0})
            CHECK(app::colours::contrast(app::colours::heatOn(share, dark), app::colours::textOn(dark)) >= 4.5);
        CHECK(app::colours::heatOn(1.0, dark) != app::colours::heatOn(0.0, dark));
        for (int tier = 1; tier <= 3; ++tier)
            CHECK(app::colours::contrast(app::colours::tierBadge(tier), QColor(Qt::white)) >= 4.5);
        // The palette's own text on its own background, as the scheme sets it.
        if (dark) {
            const QPalette p = app::colours::darkPalette();
            CHECK(app::colours::contrast(p.color(QPalette::Text), p.color(QPalette::Base)) >= 7.0);
            CHECK(app::colours::contrast(p.color(QPalette::WindowText), p.color(QPalette::Window)) >= 7.0);
            CHECK(p.color(QPalette::Text) == app::colours::textOn(true));
            CHECK(p.color(QPalette::Base) == app::colours::baseOn(true));
        }
    }

    // Switching: the portfolio's health cells take the dark tint, and back.
    Window f;
    PortfolioModel &model = *f.w.portfolioModel();
    int row = -1;
    for (int r = 0; r < model.rowCount() && row < 0; ++r)
        if (model.index(r, PortfolioModel::Health).data(Qt::BackgroundRole).isValid())
            row = r;
    REQUIRE(row >= 0);
    const QColor light = model.index(row, PortfolioModel::Health).data(Qt::BackgroundRole).value<QColor>();
    f.w.setColourScheme(app::colours::Scheme::Dark);
    CHECK(app::colours::isDark());
    CHECK(QApplication::palette().color(QPalette::Base) == app::colours::baseOn(true));
    const QColor dark = model.index(row, PortfolioModel::Health).data(Qt::BackgroundRole).value<QColor>();
    CHECK(dark != light);
    CHECK(dark.lightnessF() < 0.5);
    CHECK(app::colours::contrast(dark, QApplication::palette().color(QPalette::Text)) >= 4.5);
    f.w.setColourScheme(app::colours::Scheme::System);
    CHECK_FALSE(app::colours::isDark());
    CHECK(model.index(row, PortfolioModel::Health).data(Qt::BackgroundRole).value<QColor>() == light);
}

TEST_CASE("Every coloured cell and coloured text on every view is readable in the light and the dark scheme", "[gui][settings][colours]")
{
    // Walks every view of the window (an account's tabs and the book's pages) in both schemes
    // and measures, from the colours the widgets really use, the contrast of every cell that
    // carries its own background or text colour and of every coloured span in a label.
    Window f;
    focusRow(f.view().table(), 3);
    QTest::keyClick(f.view().table(), Qt::Key_Return);
    REQUIRE(f.w.currentViewName() == QStringLiteral("account"));
    const QStringList views{QStringLiteral("portfolio"), QStringLiteral("plan"), QStringLiteral("success"), QStringLiteral("health"),
                            QStringLiteral("relationships"), QStringLiteral("activities"), QStringLiteral("whitespace"),
                            QStringLiteral("opportunities"), QStringLiteral("history"), QStringLiteral("snapshots"),
                            QStringLiteral("book-whitespace"), QStringLiteral("tier-grid"), QStringLiteral("health-dashboard"),
                            QStringLiteral("retention"), QStringLiteral("renewals"), QStringLiteral("hygiene"), QStringLiteral("team"),
                            QStringLiteral("signals")};
    const auto colourOf = [](const QVariant &v) -> std::optional<QColor> {
        if (!v.isValid())
            return std::nullopt;
        if (v.canConvert<QBrush>() && v.userType() == QMetaType::QBrush)
            return v.value<QBrush>().color();
        return v.value<QColor>();
    };
    const QRegularExpression span(QStringLiteral("(?<![-a-z])color:\\s*(#[0-9a-fA-F]{6})"));
    for (const auto scheme : {app::colours::Scheme::Light, app::colours::Scheme::Dark}) {
        f.w.setColourScheme(scheme);
        const bool dark = scheme == app::colours::Scheme::Dark;
        INFO((dark ? "dark" : "light"));
        int cells = 0, spans = 0;
        for (const QString &name : views) {
            INFO(name.toStdString());
            REQUIRE(f.w.showView(name));
            guitest::settle();
            for (QAbstractItemView *v : f.w.findChildren<QAbstractItemView *>()) {
                if (!v->isVisible() || !v->model() || qobject_cast<QHeaderView *>(v)) // headers show header data
                    continue;
                const QColor base = v->palette().color(QPalette::Base), text = v->palette().color(QPalette::Text);
                QAbstractItemModel *m = v->model();
                for (int r = 0; r < std::min(m->rowCount(), 300); ++r) {
                    for (int c = 0; c < m->columnCount(); ++c) {
                        const QModelIndex i = m->index(r, c);
                        const auto bg = colourOf(i.data(Qt::BackgroundRole));
                        const auto fg = colourOf(i.data(Qt::ForegroundRole));
                        if (!bg && !fg)
                            continue;
                        QColor back = bg ? *bg : base;
                        if (back.alpha() < 255) // laid over the list's background
                            back = app::colours::mix(QColor(back.red(), back.green(), back.blue()), base, back.alphaF());
                        INFO(v->metaObject()->className() << " " << v->objectName().toStdString() << " row " << r << " column " << c << " "
                                                          << i.data().toString().toStdString());
                        CHECK(app::colours::contrast(back, fg ? *fg : text) >= 4.5);
                        ++cells;
                    }
                }
            }
            for (QLabel *l : f.w.findChildren<QLabel *>()) {
                if (!l->isVisible())
                    continue;
                const QColor back = l->palette().color(QPalette::Window);
                for (auto it = span.globalMatch(l->text()); it.hasNext();) {
                    const QColor ink = QColor::fromString(it.next().captured(1));
                    INFO("label " << l->objectName().toStdString() << ": " << l->text().toStdString());
                    CHECK(app::colours::contrast(ink, back) >= 4.5);
                    ++spans;
                }
            }
        }
        // The walk saw coloured cells and coloured texts (it would pass vacuously otherwise).
        CHECK(cells > 100);
        CHECK(spans > 0);
    }
    f.w.setColourScheme(app::colours::Scheme::System);
}

TEST_CASE("Preferences: the dialog, values in range, the start-up view and the automatic backup's settings", "[gui][settings][preferences]")
{
    // Whatever this test stores is removed at its end (the settings are shared by the run).
    struct Clear {
        ~Clear()
        {
            QSettings s;
            for (const char *k : {"startup/reopenLast", "startup/view", "backup/automatic", "backup/idleMinutes", "backup/intervalMinutes",
                                  "backup/keepHourly", "backup/keepDaily", "backup/keepWeekly"})
                s.remove(QLatin1String(k));
            s.setValue(QStringLiteral("colorScheme"), QStringLiteral("system"));
        }
    } clear;

    // Defaults, and values typed into the settings file by hand brought into range.
    {
        QSettings s;
        s.setValue(QStringLiteral("backup/idleMinutes"), QStringLiteral("soon"));
        s.setValue(QStringLiteral("backup/intervalMinutes"), 1);
        s.setValue(QStringLiteral("backup/keepWeekly"), 1000000);
    }
    app::Preferences p = app::Preferences::load();
    CHECK(p.backupIdleMinutes == 1);
    CHECK(p.backupIntervalMinutes == 5);
    CHECK(p.keepWeekly == 1000);
    CHECK(p.keepHourly == 24);
    CHECK(p.reopenLast);
    CHECK(p.startView.isEmpty());

    Window f;
    // The dialog shows what it is given and gives back what it shows; the start-up view
    // offers every sidebar view after "the view it was left on".
    p.startView = QStringLiteral("tier-grid");
    p.backupIdleMinutes = 5;
    p.keepDaily = 14;
    p.reopenLast = false;
    {
        app::PreferencesDialog dialog(p, f.w.sidebarViews());
        CHECK(dialog.preferences() == p);
        auto *views = dialog.findChild<QComboBox *>(QStringLiteral("startViewCombo"));
        REQUIRE(views);
        CHECK(views->count() == f.w.sidebarViews().size() + 1);
        CHECK(views->currentText() == QStringLiteral("Tier Grid"));
        // Turning automatic backups off disables their settings.
        auto *backup = dialog.findChild<QCheckBox *>(QStringLiteral("autoBackupCheck"));
        auto *idle = dialog.findChild<QSpinBox *>(QStringLiteral("idleSpin"));
        REQUIRE(backup);
        REQUIRE(idle);
        CHECK(idle->isEnabled());
        backup->setChecked(false);
        CHECK_FALSE(idle->isEnabled());
        CHECK_FALSE(dialog.preferences().autoBackup);
    }

    // Applied: stored, and the open portfolio's automatic backup follows at once.
    f.w.applyPreferences(p);
    CHECK(app::Preferences::load() == p);
    REQUIRE(f.w.autoBackup());
    f.w.autoBackup()->noteChange();
    CHECK(f.w.autoBackup()->nextCheckInMs() == 5 * 60 * 1000);
    p.autoBackup = false;
    f.w.applyPreferences(p);
    CHECK_FALSE(f.w.autoBackup());
    p.autoBackup = true;
    f.w.applyPreferences(p);
    CHECK(f.w.autoBackup());

    // The start-up view: opening the portfolio again shows the Tier Grid, whatever it was
    // left on; with none chosen, the view it was left on.
    REQUIRE(f.w.showView(QStringLiteral("renewals")));
    const QString path = f.w.portfolio()->path();
    f.w.closePortfolio();
    guitest::openForTest(f.w, path, guitest::Window::Shown);
    CHECK(f.w.currentViewName() == QStringLiteral("tier-grid"));
    REQUIRE(f.w.showView(QStringLiteral("renewals")));
    p.startView.clear();
    f.w.applyPreferences(p);
    f.w.closePortfolio();
    guitest::openForTest(f.w, path, guitest::Window::Shown);
    CHECK(f.w.currentViewName() == QStringLiteral("renewals"));

    // The scheme.
    p.scheme = app::colours::Scheme::Dark;
    f.w.applyPreferences(p);
    CHECK(app::colours::isDark());
    p.scheme = app::colours::Scheme::System;
    f.w.applyPreferences(p);
    CHECK_FALSE(app::colours::isDark());
}

TEST_CASE("The book pages remember the columns and splitters the user set", "[gui][settings][layout]")
{
    struct Clear {
        ~Clear() { QSettings().remove(QStringLiteral("layout")); }
    } clear;
    QSettings().remove(QStringLiteral("layout"));
    int autoWidth = 0;
    {
        Window f;
        REQUIRE(f.w.showView(QStringLiteral("renewals")));
        guitest::settle();
        auto *table = f.w.findChild<QTableView *>(QStringLiteral("renewals"));
        REQUIRE(table);
        QHeaderView *header = table->horizontalHeader();
        REQUIRE(header->count() > 3);
        autoWidth = header->sectionSize(1);
        // The table's own sizing and a window resize store nothing.
        f.w.resize(1300, 880);
        guitest::settle();
        CHECK_FALSE(QSettings().contains(QStringLiteral("layout/tables/renewals/header")));
        // The user hides a column and drags another wider (a gesture on the header).
        table->setColumnHidden(2, true);
        header->resizeSection(1, autoWidth + 77);
        QTest::mousePress(header->viewport(), Qt::LeftButton, {}, QPoint(3, 3));
        QTest::mouseRelease(header->viewport(), Qt::LeftButton, {}, QPoint(3, 3));
        QCoreApplication::processEvents();
        CHECK(QSettings().contains(QStringLiteral("layout/tables/renewals/header")));
        // Read again (any edit reloads the book): the user's layout stays over the sizing.
        Q_EMIT f.w.bookLoader()->loaded();
        guitest::settle();
        CHECK(table->isColumnHidden(2));
        CHECK(header->sectionSize(1) == autoWidth + 77);

        // A splitter moved by the user.
        REQUIRE(f.w.showView(QStringLiteral("tier-grid")));
        guitest::settle();
        auto *split = f.w.findChild<QSplitter *>(QStringLiteral("tierGridSplit"));
        REQUIRE(split);
        const QList<int> before = split->sizes();
        QSplitterHandle *handle = split->handle(1);
        const QPoint from = handle->rect().center();
        QMouseEvent press(QEvent::MouseButtonPress, from, handle->mapToGlobal(from), Qt::LeftButton, Qt::LeftButton, {});
        QApplication::sendEvent(handle, &press);
        const QPoint to = from - QPoint(150, 0);
        QMouseEvent move(QEvent::MouseMove, to, handle->mapToGlobal(to), Qt::NoButton, Qt::LeftButton, {});
        QApplication::sendEvent(handle, &move);
        QMouseEvent release(QEvent::MouseButtonRelease, to, handle->mapToGlobal(to), Qt::LeftButton, Qt::NoButton, {});
        QApplication::sendEvent(handle, &release);
        CHECK(split->sizes().at(0) < before.at(0) - 100);
        CHECK(QSettings().contains(QStringLiteral("layout/tier-grid/splitter")));
    }
    // Another window (another run): the same layout.
    Window g;
    REQUIRE(g.w.showView(QStringLiteral("renewals")));
    guitest::settle();
    auto *table = g.w.findChild<QTableView *>(QStringLiteral("renewals"));
    REQUIRE(table);
    CHECK(table->isColumnHidden(2));
    CHECK(table->horizontalHeader()->sectionSize(1) == autoWidth + 77);
    REQUIRE(g.w.showView(QStringLiteral("tier-grid")));
    guitest::settle();
    auto *split = g.w.findChild<QSplitter *>(QStringLiteral("tierGridSplit"));
    REQUIRE(split);
    CHECK(split->saveState() == QSettings().value(QStringLiteral("layout/tier-grid/splitter")).toByteArray());
}
