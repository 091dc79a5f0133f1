// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
//
// keystone [FILE] [--demo] [--screenshot PNG] [--view NAME] [--account NAME] [--export-map FILE]

#include "account/accountworkspace.h"
#include "book/bookloader.h"
#include "window/mainwindow.h"
#include "portfolio/portfoliomodel.h"
#include "account/relationships/relationshipmap.h"
#include "account/relationships/relationshipspage.h"
#include "dialogs/backupsdialog.h"
#include "dialogs/importdialog.h"
#include "dialogs/helpwindow.h"
#include "dialogs/preferencesdialog.h"
#include "widgets/colours.h"
#include "dialogs/qbrdialog.h"
#include "dialogs/quickopendialog.h"
#include "portfolio/portfolioview.h"
#include "dialogs/scorecarddialog.h"
#include "dialogs/teambookdialogs.h"

#include "keystone/log/version.h"
#include "keystone/log/log.h"
#include "keystone/services/clock.h"
#include "keystone/services/outputfile.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/errors.h"
#include "keystone/services/queries.h"

#include <QApplication>
#include <QBuffer>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QHashFunctions>
#include <QLineEdit>
#include <QPixmap>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

#include <sys/stat.h>

namespace {

// The options, shared by the parser and --help (which runs before there is a QApplication).
struct Options {
    QCommandLineOption demo{QStringLiteral("demo"), QStringLiteral("Generate a fresh demo portfolio in the app data folder and open it.")};
    QCommandLineOption demoAccounts{QStringLiteral("demo-accounts"), QStringLiteral("Accounts in the demo portfolio (default 60)."), QStringLiteral("N"),
                                    QStringLiteral("60")};
    QCommandLineOption screenshot{QStringLiteral("screenshot"), QStringLiteral("Render the main window at 1440x900 to PNG and exit."), QStringLiteral("PNG")};
    QCommandLineOption view{QStringLiteral("view"),
                            QStringLiteral("View to show: %1.").arg(keystone::app::MainWindow::viewNames().join(QStringLiteral(", "))),
                            QStringLiteral("NAME")};
    QCommandLineOption account{QStringLiteral("account"), QStringLiteral("Account to select."), QStringLiteral("NAME")};
    QCommandLineOption exportMap{QStringLiteral("export-map"),
                                 QStringLiteral("Export the --account's relationship map to FILE (.png, .svg or .pdf) and exit."), QStringLiteral("FILE")};
    QCommandLineOption filter{QStringLiteral("filter"), QStringLiteral("Filter the portfolio table with TEXT (as typed in its filter box); with --view quick-open, the text typed."),
                              QStringLiteral("TEXT")};
    QCommandLineOption colorScheme{QStringLiteral("color-scheme"), QStringLiteral("Colour scheme: system, light or dark (default: the one chosen in View > Colour Scheme)."),
                                   QStringLiteral("SCHEME")};
    QCommandLineOption verbose{QStringLiteral("verbose"), QStringLiteral("Log details to stderr as well.")};

    void addTo(QCommandLineParser &parser) const
    {
        parser.setApplicationDescription(QStringLiteral("Keystone: account plans for account managers and team leads."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Portfolio to open (default: the last one)."), QStringLiteral("[FILE]"));
        parser.addOptions({demo, demoAccounts, screenshot, view, account, exportMap, filter, colorScheme, verbose});
    }
};

QString usage()
{
    QCommandLineParser parser;
    Options().addTo(parser);
    return parser.helpText();
}

int fail(int code, const QString &message)
{
    std::fprintf(stderr, "keystone: %s\n", qPrintable(message));
    return code;
}

} // namespace

int main(int argc, char *argv[])
{
    // Everything Keystone writes is private, like the portfolio: exports, PDFs, map images,
    // mappings, the log, the settings with recent paths and lock files are owner-only
    // (files 0600, folders 0700) whatever umask the user's session has.
    ::umask(077);
    // A fixed hash seed: Qt's PDF engine writes its fonts in hash order, and exported QBRs
    // should depend on their data alone.
    QHashSeed::setDeterministicGlobalSeed();
    keystone::services::tuneAllocatorForSqlite();
    // --help and --version answer anywhere, with no display to open a window on (a terminal
    // over ssh, a package check): without a QApplication, which needs one.
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--version" || arg == "-v") {
            std::printf("keystone %s\n", qPrintable(keystone::versionText()));
            return 0;
        }
        if (arg == "--help" || arg == "-h" || arg == "--help-all") {
            QCoreApplication plain(argc, argv);
            QCoreApplication::setApplicationName(QStringLiteral("keystone"));
            std::fputs(qPrintable(usage()), stdout);
            return 0;
        }
        if (arg == "--")
            break;
    }
    // A screenshot or a map export draws off screen: with no display to draw on (a build
    // machine, ssh) it needs none, rather than aborting for want of one.
    bool drawsOffscreen = false;
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        drawsOffscreen = drawsOffscreen || arg == "--screenshot" || arg.startsWith("--screenshot=") || arg == "--export-map"
                         || arg.startsWith("--export-map=");
    }
    if (drawsOffscreen && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    keystone::log::routeQtMessages();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Keystone"));
    QApplication::setApplicationName(QStringLiteral("Keystone"));
    QApplication::setApplicationDisplayName(QStringLiteral("Keystone"));
    QApplication::setApplicationVersion(keystone::versionText());
    QApplication::setDesktopFileName(QStringLiteral("app.keystone.Keystone"));

    QCommandLineParser parser;
    const Options options;
    options.addTo(parser);
    const QCommandLineOption &demo = options.demo;
    const QCommandLineOption &demoAccounts = options.demoAccounts;
    const QCommandLineOption &screenshot = options.screenshot;
    const QCommandLineOption &view = options.view;
    const QCommandLineOption &account = options.account;
    const QCommandLineOption &exportMap = options.exportMap;
    const QCommandLineOption &filter = options.filter;
    const QCommandLineOption &colorScheme = options.colorScheme;
    const QCommandLineOption &verbose = options.verbose;
    if (!parser.parse(QApplication::arguments()))
        return fail(2, parser.errorText() + QStringLiteral("\nRun 'keystone --help' for the options."));
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("keystone %s\n", qPrintable(keystone::versionText()));
        return 0;
    }
    // The colour scheme: --color-scheme for this run, else the one chosen last time.
    {
        const QString scheme = parser.isSet(colorScheme) ? parser.value(colorScheme).toLower()
                                                         : QSettings().value(QStringLiteral("colorScheme"), QStringLiteral("system")).toString();
        if (scheme != QLatin1String("system") && scheme != QLatin1String("light") && scheme != QLatin1String("dark"))
            return fail(2, QStringLiteral("--color-scheme must be system, light or dark, not '%1'").arg(parser.value(colorScheme)));
        keystone::app::colours::apply(scheme == QLatin1String("dark")    ? keystone::app::colours::Scheme::Dark
                                      : scheme == QLatin1String("light") ? keystone::app::colours::Scheme::Light
                                                                         : keystone::app::colours::Scheme::System);
    }
    const QStringList files = parser.positionalArguments();
    if (files.size() > 1)
        return fail(2, QStringLiteral("give at most one portfolio file"));
    if (!files.isEmpty() && parser.isSet(demo))
        return fail(2, QStringLiteral("give either FILE or --demo, not both"));
    const QString viewName = parser.value(view).isEmpty() ? QStringLiteral("portfolio") : parser.value(view);
    if (!keystone::app::MainWindow::viewNames().contains(viewName))
        return fail(2, QStringLiteral("unknown view '%1'; views: %2").arg(viewName, keystone::app::MainWindow::viewNames().join(QStringLiteral(", "))));
    bool ok = false;
    const int demoSize = parser.value(demoAccounts).toInt(&ok);
    if (!ok || demoSize < 0 || demoSize > 100000)
        return fail(2, QStringLiteral("--demo-accounts must be a whole number from 0 to 100000"));

    keystone::log::init(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/logs"),
                        parser.isSet(verbose), parser.isSet(verbose));

    if (parser.isSet(exportMap) && !parser.isSet(account))
        return fail(2, QStringLiteral("--export-map needs --account NAME"));
    const bool shooting = parser.isSet(screenshot) || parser.isSet(exportMap);
    keystone::app::MainWindow window;
    window.setInteractive(!shooting);
    QString error;
    if (parser.isSet(demo)) {
        if (!window.openDemo(demoSize, &error, shooting))
            return fail(1, error);
    } else if (!files.isEmpty()) {
        if (!window.openPortfolio(QFileInfo(files.first()).absoluteFilePath(), &error, shooting))
            return fail(1, error);
    } else {
        const QString last = QSettings().value(QStringLiteral("lastFile")).toString();
        if (!last.isEmpty() && QFileInfo::exists(last) && keystone::app::Preferences::load().reopenLast)
            window.openPortfolio(last, &error, shooting); // on failure the welcome page offers New or the demo
    }
    if (window.portfolio())
        window.showView(viewName);
    if (window.portfolio() && parser.isSet(filter) && viewName != QLatin1String("quick-open"))
        window.portfolioView()->filterEdit()->setText(parser.value(filter));
    // Select the account once the window has its size, so scrolling to it centres it.
    auto selectAccount = [&]() -> bool {
        if (!window.portfolio() || !parser.isSet(account))
            return true;
        for (int i = 0; i < 3; ++i)
            QApplication::processEvents();
        return window.selectAccountByName(parser.value(account));
    };

    if (shooting) {
        window.resize(1440, 900);
        window.show();
        if (!selectAccount())
            return fail(1, QStringLiteral("no account named '%1' in %2").arg(parser.value(account), window.portfolio()->path()));
        // Let layouts, fonts and the table settle before grabbing, and the plan columns fill
        // in (they are counted on a worker).
        QElapsedTimer settling;
        settling.start();
        while (window.portfolioModel() && !window.portfolioModel()->plansLoaded() && settling.elapsed() < 60000)
            QApplication::processEvents(QEventLoop::AllEvents, 50);
        // The team-lead views and the Signals column draw the book once a worker has read it.
        while (window.bookLoader()
               && (window.bookLoader()->isLoading() || !window.bookLoader()->isCurrent()) && settling.elapsed() < 60000)
            QApplication::processEvents(QEventLoop::AllEvents, 50);
        for (int i = 0; i < 5; ++i)
            QApplication::processEvents();
        if (parser.isSet(exportMap)) {
            window.showView(QStringLiteral("relationships"));
            QApplication::processEvents();
            const QString mapFile = QFileInfo(parser.value(exportMap)).absoluteFilePath();
            const QString problem = window.accountWorkspace()->relationships()->mapView()->exportTo(mapFile);
            if (!problem.isEmpty())
                return fail(1, problem);
            std::printf("%s\n", qPrintable(mapFile));
            if (!parser.isSet(screenshot))
                return 0;
        }
        const QString out = QFileInfo(parser.value(screenshot)).absoluteFilePath();
        QDir().mkpath(QFileInfo(out).absolutePath());
        QPixmap shot;
        if (viewName == QLatin1String("scorecards") && window.portfolio()) {
            // The dialog alone, once its preview has counted the band changes.
            keystone::app::ScorecardDialog dialog(*window.portfolio(), *window.undoStack(), {}, keystone::services::today(), &window);
            dialog.show();
            QElapsedTimer waited;
            waited.start();
            while (!dialog.previewReady() && waited.elapsed() < 60000)
                QApplication::processEvents(QEventLoop::AllEvents, 50);
            for (int i = 0; i < 5; ++i)
                QApplication::processEvents();
            shot = dialog.grab();
        } else if (viewName == QLatin1String("backups") && window.portfolio()) {
            keystone::app::BackupsDialog dialog(window.portfolio()->path(), {}, &window);
            dialog.show();
            for (int i = 0; i < 5; ++i)
                QApplication::processEvents();
            shot = dialog.grab();
        } else if (viewName == QLatin1String("help")) {
            // Help > Keystone Help, at the Signals page (a page with a picture and a table).
            keystone::app::HelpWindow *help = window.showHelp(keystone::app::HelpWindow::sectionForView(QStringLiteral("signals")));
            for (int i = 0; i < 5; ++i)
                QApplication::processEvents();
            help->showSection(keystone::app::HelpWindow::sectionForView(QStringLiteral("signals")));
            QApplication::processEvents();
            shot = help->grab();
        } else if (viewName == QLatin1String("preferences")) {
            keystone::app::PreferencesDialog dialog(keystone::app::Preferences::load(), window.sidebarViews(), &window);
            dialog.show();
            for (int i = 0; i < 5; ++i)
                QApplication::processEvents();
            shot = dialog.grab();
        } else if (viewName == QLatin1String("quick-open") && window.portfolio()) {
            // Go to Account (Ctrl+K) over the window, with --filter's text typed.
            keystone::app::QuickOpenDialog dialog(*window.portfolioModel(), &window);
            dialog.searchEdit()->setText(parser.value(filter));
            dialog.show();
            for (int i = 0; i < 5; ++i)
                QApplication::processEvents();
            shot = dialog.grab();
        } else if (viewName == QLatin1String("team-connect")) {
            keystone::app::TeamConnectDialog dialog(QStringLiteral("postgresql://books.example.com/keystone?sslmode=verify-full"), &window);
            dialog.show();
            for (int i = 0; i < 5; ++i)
                QApplication::processEvents();
            shot = dialog.grab();
        } else if (viewName == QLatin1String("conflicts") && window.portfolio()) {
            keystone::app::ConflictsDialog dialog(*window.portfolio(), &window);
            dialog.show();
            for (int i = 0; i < 5; ++i)
                QApplication::processEvents();
            shot = dialog.grab();
        } else if (viewName == QLatin1String("import") && window.portfolio()) {
            // The import dialog on a Salesforce-style contact export of three of the book's
            // accounts, with the problems real files have (a bad email, an unknown account).
            const auto accounts = keystone::services::query::accounts(*window.portfolio());
            QTemporaryDir tmp;
            const QString csv = tmp.filePath(QStringLiteral("Contacts export.csv"));
            QFile f(csv);
            if (!f.open(QIODevice::WriteOnly) || accounts.size() < 3)
                return fail(1, QStringLiteral("--view import needs a portfolio with three accounts"));
            QByteArray rows = "Id,FirstName,LastName,Account Name,Email,Title,Phone,ReportsToId,Buying Role,LeadSource\r\n";
            const char *people[][4] = {{"Maria", "Lopez", "Chief Financial Officer", "Economic buyer"}, {"Tom", "Becker", "VP Operations", "Decision maker"},
                                       {"Priya", "Nair", "IT Director", "Technical evaluator"}, {"Jonas", "Weber", "Plant Manager", "Champion"},
                                       {"Ana", "Silva", "Procurement Lead", "Gatekeeper"}, {"Lee", "Wong", "Analyst", "User"},
                                       {"Sara", "Kim", "Head of Data", "Influencer"}, {"Omar", "Haddad", "COO", "Executive sponsor"}};
            for (int i = 0; i < 8; ++i) {
                const QString accountName = i == 5 ? QStringLiteral("Nonexistent Holdings") : accounts[size_t(i % 3)].name;
                const QByteArray email = i == 2 ? QByteArray("priya.nair(at)example") : QByteArray(people[i][0]).toLower() + "@example.com";
                rows += "003A0000" + QByteArray::number(100 + i) + "," + people[i][0] + "," + people[i][1] + ",\"" + accountName.toUtf8() + "\"," + email +
                        ",\"" + people[i][2] + "\",+1 555 01" + QByteArray::number(10 + i) + "," + (i > 0 && i < 4 ? QByteArray("003A0000100") : QByteArray()) +
                        "," + people[i][3] + ",Web\r\n";
            }
            f.write(rows);
            f.close();
            keystone::app::ImportDialog dialog(*window.portfolio(), &window);
            dialog.setInteractive(false);
            dialog.resize(1280, 720);
            dialog.setFile(csv);
            dialog.show();
            for (int i = 0; i < 5; ++i)
                QApplication::processEvents();
            shot = dialog.grab();
        } else if (viewName == QLatin1String("qbr") && window.portfolio()) {
            // The Export QBR dialog of the selected account, its preview drawn.
            const qint64 id = keystone::services::query::accountNamed(*window.portfolio(), parser.value(account)).value_or(keystone::domain::Account{}).id;
            if (id == 0)
                return fail(2, QStringLiteral("--view qbr needs --account NAME"));
            keystone::app::QbrDialog dialog(*window.portfolio(), id, keystone::services::today(), &window);
            dialog.resize(1300, 900);
            dialog.show();
            for (int i = 0; i < 5; ++i)
                QApplication::processEvents();
            shot = dialog.grab();
        } else {
            shot = window.grab();
        }
        // Replaces an earlier screenshot, but never a portfolio (services::writeOutputFile).
        QBuffer png;
        png.open(QIODevice::WriteOnly);
        if (!shot.save(&png, "PNG"))
            return fail(1, QStringLiteral("cannot draw the screenshot for %1").arg(out));
        try {
            keystone::services::writeOutputFile(out, png.data(), keystone::services::Replace::Allow);
        } catch (const keystone::services::StorageError &e) {
            return fail(1, e.message());
        }
        std::printf("%s\n", qPrintable(out));
        return 0;
    }

    const QByteArray geometry = QSettings().value(QStringLiteral("geometry")).toByteArray();
    if (geometry.isEmpty() || !window.restoreGeometry(geometry))
        window.resize(1440, 900);
    window.show();
    if (!selectAccount())
        return fail(1, QStringLiteral("no account named '%1' in %2").arg(parser.value(account), window.portfolio()->path()));
    return QApplication::exec();
}
