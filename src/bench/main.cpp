// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
//
// keystone-bench [--accounts N] [--runs R] [--json]
// Builds a demo portfolio in a temporary folder and times what users wait for, next to the
// same work done with the raw sqlite3 C API on the same file in the same run (the floor).

#include "book/bookloader.h"
#include "window/mainwindow.h"
#include "book/teamleadpages.h"
#include "account/whitespace/whitespacemodel.h"
#include "portfolio/portfoliomodel.h"
#include "portfolio/portfolioproxymodel.h"
#include "account/relationships/relationshipmap.h"

#include "keystone/services/accountservice.h"
#include "keystone/services/bookservice.h"
#include "keystone/storage/allocator.h"
#include "keystone/demo/demogenerator.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/healthservice.h"
#include "keystone/services/planservice.h"
#include "keystone/services/qbr.h"
#include "keystone/report/qbrreport.h"
#include "keystone/domain/snapshot.h"
#include "keystone/services/relationshipservice.h"
#include "keystone/services/whitespaceservice.h"
#include "benchsupport.h"
#include "bulkbench.h"
#include "teambench.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QSet>
#include <QTemporaryDir>
#include <QThread>
#include <QUndoStack>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <vector>

using namespace keystone;
using namespace keystone::bench;

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    keystone::storage::tuneAllocatorForSqlite();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("keystone-bench"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Keystone benchmarks against raw SQLite, on a generated portfolio."));
    parser.addHelpOption();
    const QCommandLineOption accountsOpt(QStringLiteral("accounts"), QStringLiteral("Accounts in the portfolio (default 10000)."), QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption runsOpt(QStringLiteral("runs"), QStringLiteral("Runs per measurement, at least 5 (default 7)."), QStringLiteral("R"), QStringLiteral("7"));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption onlyOpt(QStringLiteral("only"),
                                     QStringLiteral("Run only these groups of measures, or measures by name (comma-separated): "
                                                    "%1. A measure runs with its group and is reported alone. The book is "
                                                    "generated (and generate reported) once whatever is chosen.")
                                         .arg([] {
                                             QStringList all;
                                             for (const auto &[group, measures] : groupMeasures())
                                                 all << QStringLiteral("%1 (%2)").arg(group, measures.join(QStringLiteral(" ")));
                                             return all.join(QStringLiteral(", "));
                                         }()),
                                     QStringLiteral("NAMES"));
    const QCommandLineOption teamOpt(QStringLiteral("team-server"),
                                     QStringLiteral("A PostgreSQL server (libpq URL of a database the login may create databases "
                                                    "from) to measure the team book's sync against (group team)."),
                                     QStringLiteral("URL"));
    parser.addOptions({accountsOpt, runsOpt, jsonOpt, onlyOpt, teamOpt});
    if (!parser.parse(QApplication::arguments())) {
        std::fprintf(stderr, "keystone-bench: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    bool okA = false, okR = false;
    const int accounts = parser.value(accountsOpt).toInt(&okA);
    const int runs = parser.value(runsOpt).toInt(&okR);
    if (!okA || accounts < 1 || accounts > 1000000 || !okR || runs < 5 || runs > 1000) {
        std::fprintf(stderr, "keystone-bench: --accounts must be 1..1000000 and --runs 5..1000\n");
        return 2;
    }

    // --only: groups run whole; a measure runs its group and only it is reported.
    QSet<QString> only;
    QStringList onlyMeasures;
    for (const QString &item : parser.value(onlyOpt).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString name = item.trimmed();
        if (groupMeasures().count(name)) {
            only.insert(name);
            onlyMeasures += groupMeasures().at(name);
            continue;
        }
        bool known = false;
        for (const auto &[group, measures] : groupMeasures())
            for (const QString &m : measures)
                if (nameMatches(m, name)) {
                    only.insert(group);
                    onlyMeasures << name;
                    known = true;
                }
        if (!known) {
            std::fprintf(stderr, "keystone-bench: --only: '%s' is neither a group (%s) nor a measure of one (see --help)\n", qPrintable(name),
                         kGroups);
            return 2;
        }
    }
    const QString teamServer = parser.value(teamOpt);
    if (only.contains(QStringLiteral("team")) && teamServer.isEmpty()) {
        std::fprintf(stderr, "keystone-bench: the team group needs --team-server URL\n");
        return 2;
    }
    // A group runs when chosen, or when nothing is chosen (team: when a server is given).
    auto want = [&](const char *group) {
        const QString g = QString::fromLatin1(group);
        if (g == QLatin1String("team") && teamServer.isEmpty())
            return false;
        return only.isEmpty() || only.contains(g);
    };

    QTemporaryDir dir;
    if (!dir.isValid()) {
        std::fprintf(stderr, "keystone-bench: cannot create a temporary folder\n");
        return 1;
    }
    demo::DemoOptions options;
    options.accounts = accounts;
    options.seed = 1;
    options.today = QDate(2026, 11, 23);

    // Each measure's peak memory (what the process held at most while it ran).
    std::map<std::string, double> peaks;
    auto notePeak = [&](const char *measure) { peaks[measure] = peakMb(); };

    // generate: a fresh file each run.
    resetPeak();
    std::vector<double> gen;
    qint64 rows = 0;
    for (int r = 0; r < (want("generate") ? runs : 1); ++r) {
        const QString path = dir.filePath(QStringLiteral("gen-%1.keystone").arg(r));
        QElapsedTimer t;
        t.start();
        const demo::DemoResult result = demo::generateDemo(path, options);
        gen.push_back(msSince(t));
        rows = result.rows;
    }
    notePeak("generate");
    const QString path = dir.filePath(QStringLiteral("gen-0.keystone"));

    // open_portfolio: open the file and load every row into the model, as the window does.
    std::vector<double> open, raw, checkWait, fullCheck;
    resetPeak();
    for (int r = 0; want("open") && r < runs; ++r) {
        QElapsedTimer t;
        t.start();
        storage::OpenOptions deferred; // as the window opens a file
        deferred.verify = storage::OpenOptions::Verify::Deferred;
        auto portfolio = services::Portfolio::open(path, std::move(deferred));
        services::AccountService service(*portfolio);
        QUndoStack undo;
        app::PortfolioModel model(*portfolio, service, &undo);
        open.push_back(msSince(t));
        // The whole-file check the window runs meanwhile in the background.
        QElapsedTimer c;
        c.start();
        if (!portfolio->database().integrityProblems().isEmpty())
            return 1;
        checkWait.push_back(msSince(c));
        if (model.rowCount() != accounts) {
            std::fprintf(stderr, "keystone-bench: loaded %d rows, expected %d\n", model.rowCount(), accounts);
            return 1;
        }
        qint64 rawRows = 0;
        raw.push_back(rawSelect(path, &rawRows));
        if (raw.back() < 0 || rawRows != accounts) {
            std::fprintf(stderr, "keystone-bench: raw SQLite read %lld rows, expected %d\n", static_cast<long long>(rawRows), accounts);
            return 1;
        }
        QElapsedTimer f;
        f.start();
        if (!portfolio->database().check(false).isEmpty())
            return 1;
        fullCheck.push_back(msSince(f));
    }
    notePeak("open_portfolio");

    // filter_keystroke and sort_by_arr on a loaded model.
    std::vector<double> keys, sorts;
    double windowMs = 0;
    if (want("filter")) {
        resetPeak();
        auto portfolio = services::Portfolio::open(path);
        services::AccountService service(*portfolio);
        QUndoStack undo;
        app::PortfolioModel model(*portfolio, service, &undo);
        app::PortfolioProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.sort(app::PortfolioModel::Arr, Qt::DescendingOrder);
        const QStringList words{QStringLiteral("harbor"), QStringLiteral("bank dach"), QStringLiteral("meridian")};
        for (int r = 0; r < runs; ++r) {
            for (const QString &word : words) {
                for (int len = 1; len <= word.size(); ++len) {
                    QElapsedTimer t;
                    t.start();
                    proxy.setFilterText(word.left(len));
                    keys.push_back(msSince(t));
                }
                QElapsedTimer t;
                t.start();
                proxy.setFilterText(QString());
                keys.push_back(msSince(t));
            }
        }
        for (int r = 0; r < runs; ++r) {
            proxy.sort(app::PortfolioModel::Name, Qt::AscendingOrder);
            QElapsedTimer t;
            t.start();
            proxy.sort(app::PortfolioModel::Arr, Qt::DescendingOrder);
            sorts.push_back(msSince(t));
        }
        notePeak("filter_keystroke");
    }
    // whitespace: the largest account's grid (13 buying centers x 8 products) loaded into
    // its model, and the team lead's product x industry matrix over the whole book.
    std::vector<double> grid, matrix;
    if (want("whitespace")) {
        resetPeak();
        auto portfolio = services::Portfolio::open(path);
        services::WhitespaceService service(*portfolio);
        qint64 biggest = 0;
        qint64 biggestArr = -1;
        for (const auto &a : portfolio->accounts().all()) {
            if (a.arr.cents > biggestArr) {
                biggestArr = a.arr.cents;
                biggest = a.id;
            }
        }
        app::WhitespaceModel model(*portfolio, service, nullptr, nullptr);
        for (int r = 0; r < runs; ++r) {
            QElapsedTimer t;
            t.start();
            model.setAccount(biggest);
            grid.push_back(msSince(t));
            model.setAccount(0);
        }
        notePeak("whitespace_grid");
        resetPeak();
        for (int r = 0; r < runs; ++r) {
            QElapsedTimer t;
            t.start();
            const services::WhitespaceMatrix m = services::portfolioWhitespace(*portfolio, services::WhitespaceGrouping::Industry);
            matrix.push_back(msSince(t));
            if (m.totalCents <= 0)
                return 1;
        }
        notePeak("whitespace_portfolio_10k");
    }

    // layout_map_300: the largest relationship map (about 300 contacts): load it, lay it out,
    // build the scene and draw what the window shows (1100 x 700 at the readable zoom).
    // map_load is the query part alone; depth_10k the multithreading depth of every account.
    std::vector<double> mapTimes, mapLoads, depths;
    double mapContacts = 0;
    if (want("map")) {
        resetPeak();
        auto portfolio = services::Portfolio::open(path);
        const qint64 account = rawScalar(path, "SELECT account_id FROM contacts GROUP BY account_id ORDER BY count(*) DESC LIMIT 1");
        const QDate today = QDate::currentDate();
        app::RelationshipMap view;
        view.resize(1100, 700);
        QImage canvas(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
        for (int r = 0; r < runs; ++r) {
            QElapsedTimer t;
            t.start();
            const services::StakeholderMap m = services::loadStakeholderMap(*portfolio, account, today);
            mapLoads.push_back(msSince(t));
            view.setMap(m);
            view.fitAll();
            QPainter painter(&canvas);
            view.render(&painter);
            painter.end();
            mapTimes.push_back(msSince(t));
            mapContacts = double(m.contacts.size());
            view.setMap(services::StakeholderMap{});
        }
        notePeak("layout_map_300");
        resetPeak();
        for (int r = 0; r < runs; ++r) {
            QElapsedTimer t;
            t.start();
            const auto d = portfolio->contacts().depthByAccount(today.addDays(-domain::kDepthWindowDays));
            depths.push_back(msSince(t));
            if (d.isEmpty())
                return 1;
        }
        notePeak("depth_10k");
    }

    // health_current_10k: every account's current stored score and the one a comparison period
    // before it (what the portfolio table shows). health_history_10k: the score of all 24 snapshots of every
    // account computed from the inputs and the activity log (in memory; health_load_10k is
    // reading all of that first).
    std::vector<double> healthNow, healthHistory, healthLoad, scorecardPreview, planSummaries, qbrOne, qbrBatch;
    double historyScores = 0;
    int previewMoves = 0;
    if (want("health") || want("qbr")) {
        resetPeak();
        auto portfolio = services::Portfolio::open(path);
        services::HealthService health(*portfolio);
        for (int r = 0; want("health") && r < runs; ++r) {
            QElapsedTimer t;
            t.start();
            const auto current = health.currentScores();
            healthNow.push_back(msSince(t));
            if (current.size() != accounts)
                return 1;
        }
        notePeak("health_current_10k");
        resetPeak();
        for (int r = 0; want("health") && r < std::min(runs, 3); ++r) {
            double loadMs = 0, computeMs = 0;
            const auto scores = health.computeAll({}, &loadMs, &computeMs);
            if (!scores)
                return 1;
            historyScores = double(scores->size());
            healthLoad.push_back(loadMs);
            healthHistory.push_back(computeMs);
        }
        notePeak("health_history_10k");
        resetPeak();
        // plan_summaries_10k: plan completeness and freshness of every account (the portfolio
        // table's Plan and Reviewed columns; counted on a worker after the window opens).
        for (int r = 0; want("health") && r < runs; ++r) {
            QElapsedTimer t;
            t.start();
            const auto plans = services::PlanService(*portfolio).summaries(QDate::currentDate());
            planSummaries.push_back(msSince(t));
            if (plans.size() != accounts)
                return 1;
        }
        notePeak("plan_summaries_10k");
        resetPeak();
        // scorecard_preview_10k: one edit in the scorecard dialog, re-scoring every account
        // under the edited card in memory (the book is read once, on a worker, when it opens).
        const auto preview = health.loadPreview(QDate::currentDate());
        domain::Scorecard edited = preview.cards().front();
        for (int r = 0; want("health") && r < runs; ++r) {
            edited.greenAt = 70 + r % 10;
            QElapsedTimer t;
            t.start();
            previewMoves = preview.withCard(edited).total;
            scorecardPreview.push_back(msSince(t));
        }
        notePeak("scorecard_preview_10k");
        resetPeak();
        // qbr_one: the largest account's review built and rendered to PDF bytes (what Save does);
        // qbr_batch_100: 100 accounts into a folder, read on this thread and rendered on every core.
        qint64 largest = 0, largestArr = -1;
        std::vector<report::QbrBatchAccount> hundred;
        for (const auto &a : portfolio->accounts().all()) {
            if (a.arr.cents > largestArr) {
                largestArr = a.arr.cents;
                largest = a.id;
            }
            if (hundred.size() < 100)
                hundred.push_back({a.id, a.name});
        }
        services::QbrOptions qbr;
        qbr.quarter = domain::quarterLabel(QDate::currentDate());
        qbr.today = QDate::currentDate();
        const report::ReportStyle style;
        for (int r = 0; want("qbr") && r < runs; ++r) {
            QElapsedTimer t;
            t.start();
            const QByteArray pdf = report::qbrPdf(services::buildQbr(*portfolio, largest, qbr), style);
            qbrOne.push_back(msSince(t));
            if (!pdf.startsWith("%PDF-"))
                return 1;
        }
        notePeak("qbr_one");
        resetPeak();
        for (int r = 0; want("qbr") && r < std::min(runs, 3); ++r) {
            QTemporaryDir out;
            QElapsedTimer t;
            t.start();
            const auto result = report::writeQbrBatch(hundred, [&](qint64 id) { return services::buildQbr(*portfolio, id, qbr); }, style, out.path());
            qbrBatch.push_back(msSince(t));
            if (result.written != int(hundred.size())) {
                std::fprintf(stderr, "keystone-bench: qbr batch wrote %d of %zu\n", result.written, hundred.size());
                return 1;
            }
        }
        notePeak("qbr_batch_100");
    }

    // window_first_paint: from creating the main window to its first full render.
    std::vector<double> windows;
    resetPeak();
    for (int r = 0; want("window") && r < std::min(runs, 5); ++r) {
        QElapsedTimer t;
        t.start();
        app::MainWindow w;
        w.resize(1440, 900);
        if (!w.openPortfolio(path, nullptr, true))
            return 1;
        w.show();
        QApplication::processEvents();
        const QPixmap shot = w.grab();
        windows.push_back(msSince(t));
        if (shot.isNull())
            return 1;
    }
    windowMs = summarise(windows).median;
    notePeak("window_first_paint");

    // The team lead's views: the whole book read on the worker (book_load_10k, with the
    // 12-month band timeline and the decliners' explanations), then each view filled from it
    // (the tier grid's and the signal list's rows built on a worker and taken in) and painted
    // (dashboard_<view>_10k: from the reload to the painted page).
    std::vector<double> bookLoads;
    if (want("book")) {
        resetPeak();
        auto portfolio = services::Portfolio::open(path);
        for (int r = 0; r < runs; ++r) {
            QElapsedTimer t;
            t.start();
            const auto book = services::loadBookData(*portfolio, QDate::currentDate());
            const auto timeline = services::healthTimeline(*portfolio, QDate::currentDate());
            const auto decliners = services::biggestDecliners(*portfolio, book);
            bookLoads.push_back(msSince(t));
            if (int(book.accounts.size()) != accounts || timeline.size() != 12)
                return 1;
        }
        notePeak("book_load_10k");
    }
    std::map<std::string, std::vector<double>> dashboards;
    if (want("book")) {
        resetPeak();
        app::MainWindow w;
        w.resize(1440, 900);
        if (!w.openPortfolio(path, nullptr, true))
            return 1;
        w.show();
        for (const QString &view : app::MainWindow::bookViewNames()) {
            w.showView(view);
            QElapsedTimer waited;
            waited.start();
            while ((w.bookLoader()->isLoading() || !w.bookLoader()->isCurrent()) && waited.elapsed() < 120000)
                QApplication::processEvents(QEventLoop::AllEvents, 20);
            QApplication::processEvents();
            app::BookPage *page = w.bookPage(view);
            for (int r = 0; r < runs; ++r) {
                QElapsedTimer t;
                t.start();
                page->reload();
                while (page->isPreparing()) // the rows are built on a worker, then taken in here
                    QApplication::processEvents(QEventLoop::AllEvents, 1);
                const QPixmap shot = page->grab();
                dashboards["dashboard_" + view.toStdString() + "_10k"].push_back(msSince(t));
                if (shot.isNull())
                    return 1;
            }
            notePeak(("dashboard_" + view.toStdString() + "_10k").c_str());
        }
    }

    // The bulk paths (bulkbench.cpp): the CSV import against the sqlite3 shell's .import, and
    // the exchange file both ways.
    std::vector<GroupResult> groups;
    if (want("csv"))
        groups.push_back(benchCsvImport(dir.path(), accounts, runs));
    if (want("json"))
        groups.push_back(benchJsonExchange(path, dir.path(), accounts, runs));
    for (const GroupResult &g : groups)
        if (!g.error.isEmpty()) {
            std::fprintf(stderr, "keystone-bench: %s\n", qPrintable(g.error));
            return 1;
        }

    // The team book's sync (docs/team.md), against the given server.
    bench::TeamBenchResult team;
    if (want("team")) {
        team = bench::benchTeamBook(teamServer, path, dir.path(), runs);
        if (!team.error.isEmpty()) {
            std::fprintf(stderr, "keystone-bench: team: %s\n", qPrintable(team.error));
            return 1;
        }
    }

    std::map<std::string, Stats> results;
    results["generate"] = summarise(gen);
    results["generate"].extra["rows"] = double(rows);
    results["generate"].extra["rows_per_second"] = double(rows) / (results["generate"].median / 1000.0);
    results["open_portfolio"] = summarise(open);
    results["raw_sqlite_select"] = summarise(raw);
    results["integrity_check_full"] = summarise(fullCheck);
    results["integrity_check_remaining"] = summarise(checkWait);
    results["filter_keystroke"] = summarise(keys);
    results["filter_keystroke"].extra["samples"] = double(keys.size());
    results["sort_by_arr"] = summarise(sorts);
    results["window_first_paint"] = summarise(windows);
    results["whitespace_grid"] = summarise(grid);
    results["whitespace_portfolio_10k"] = summarise(matrix);
    results["layout_map_300"] = summarise(mapTimes);
    results["layout_map_300"].extra["contacts"] = mapContacts;
    results["map_load_300"] = summarise(mapLoads);
    results["depth_10k"] = summarise(depths);
    results["health_current_10k"] = summarise(healthNow);
    results["health_history_10k"] = summarise(healthHistory);
    results["health_history_10k"].extra["scores"] = historyScores;
    results["health_load_10k"] = summarise(healthLoad);
    results["scorecard_preview_10k"] = summarise(scorecardPreview);
    results["plan_summaries_10k"] = summarise(planSummaries);
    results["qbr_one"] = summarise(qbrOne);
    results["book_load_10k"] = summarise(bookLoads);
    for (const auto &[name, times] : dashboards)
        results[name] = summarise(times);
    results["qbr_batch_100"] = summarise(qbrBatch);
    for (const GroupResult &g : groups) {
        for (const auto &[name, times] : g.times) {
            results[name] = summarise(times);
            const auto extra = g.extra.find(name);
            if (extra != g.extra.end())
                for (const auto &[k, v] : extra->second)
                    results[name].extra[k] = v;
        }
        peaks.insert(g.peaks.cbegin(), g.peaks.cend());
    }
    results["qbr_batch_100"].extra["threads"] = QThread::idealThreadCount();
    results["scorecard_preview_10k"].extra["band_changes_last"] = previewMoves;
    for (const auto &[name, times] : team.times) {
        results[name] = summarise(times);
        for (const auto &[k, v] : team.extra[name])
            results[name].extra[k] = v;
    }
    for (const auto &[name, mb] : peaks)
        if (results.count(name))
            results[name].extra["peak_rss_mb"] = mb;
    // What did not run is not reported (a measured time is never exactly zero), nor what
    // --only did not ask for.
    auto asked = [&](const std::string &name) {
        if (onlyMeasures.isEmpty() || name == "generate") // the book is always generated, so always reported
            return true;
        return std::any_of(onlyMeasures.cbegin(), onlyMeasures.cend(), [&](const QString &m) { return nameMatches(m, QString::fromStdString(name)); });
    };
    for (auto it = results.begin(); it != results.end();)
        it = (it->second.max == 0 && it->second.min == 0) || !asked(it->first) ? results.erase(it) : std::next(it);
    const bool opened = results.count("open_portfolio") && results.count("raw_sqlite_select");
    const double ratio = opened ? results["open_portfolio"].median / results["raw_sqlite_select"].median : 0;
    const double rssMb = double(peakRssKb()) / 1024.0;

    if (parser.isSet(jsonOpt)) {
        nlohmann::json j;
        j["accounts"] = accounts;
        j["runs"] = runs;
        for (const auto &[name, s] : results) {
            nlohmann::json e{{"median_ms", s.median}, {"min_ms", s.min}, {"max_ms", s.max}};
            for (const auto &[k, v] : s.extra)
                e[k] = v;
            j["results"][name] = e;
        }
        if (opened)
            j["ratios"]["open_vs_raw_sqlite"] = ratio;
        if (results.count("team_publish_10k"))
            j["ratios"]["team_publish_vs_copy_floor"] = results["team_publish_10k"].extra["vs_copy_floor"];
        j["peak_rss_mb"] = rssMb;
        std::printf("%s\n", j.dump(2).c_str());
        return 0;
    }
    std::printf("keystone-bench: %d accounts, %d runs (times in ms)\n\n", accounts, runs);
    std::printf("%-28s %10s %10s %10s %10s\n", "measure", "median", "min", "max", "peak MB");
    for (const auto &[name, s] : results) {
        const auto peak = s.extra.find("peak_rss_mb");
        if (peak != s.extra.end())
            std::printf("%-28s %10.2f %10.2f %10.2f %10.1f\n", name.c_str(), s.median, s.min, s.max, peak->second);
        else
            std::printf("%-28s %10.2f %10.2f %10.2f %10s\n", name.c_str(), s.median, s.min, s.max, "");
    }
    if (results.count("generate"))
        std::printf("\ngenerate: %.0f rows/s\n", results["generate"].extra["rows_per_second"]);
    if (opened)
        std::printf("open_portfolio / raw_sqlite_select: %.2fx\n", ratio);
    if (windowMs > 0)
        std::printf("window_first_paint: %.0f ms\n", windowMs);
    if (results.count("team_publish_10k"))
        std::printf("team_publish_10k / team_copy_floor_10k: %.2fx\n", results["team_publish_10k"].extra["vs_copy_floor"]);
    std::printf("peak RSS: %.1f MB\n", rssMb);
    return 0;
}
