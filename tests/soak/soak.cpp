// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
//
// keystone-soak [--accounts N] [--contacts C] [--steps S] [--seed X] [--json FILE] [--max-step-ms MS]
//               [--log-slow MS]
//
// A long, scripted session in the real main window (offscreen): a demo portfolio of N
// accounts (topped up to at least C contacts, default ten per account) is opened and driven through S seeded steps, each one a user's edit (an account's
// industry, region or ARR in the portfolio table; a contact added, retitled or deleted, as the
// relationships page does), an undo, a redo or a move to another account or view.
//
// Beside the window the program keeps its own model of what the file must hold and of the
// undo stack, computed from the file's first state and the steps alone. It checks as it goes
// (the undo stack's size and position, the contacts of each account it touches, that no
// read transaction stays open) and at the end, with the window closed, compares the whole file
// (through the plain sqlite3 API) with that model and runs integrity_check and
// foreign_key_check. It measures every step (the action and the events it caused; a book
// load taken in meanwhile is counted apart, as book_refresh) and samples the resident memory. Exit status: 0 all held, 1 a check failed, 2 bad arguments, 3 a step
// took longer than --max-step-ms.

#include "commands/commandsupport.h"
#include "window/mainwindow.h"
#include "portfolio/portfoliomodel.h"
#include "portfolio/portfolioview.h"
#include "commands/relationshipcommands.h"
#include "book/bookloader.h"
#include "walprobe.h"

#include "keystone/demo/demogenerator.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/relationshipservice.h"
#include "keystone/storage/accountrepository.h"
#include "keystone/storage/relationshiprepository.h"
#include "keystone/storage/transaction.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QTableView>
#include <QTemporaryDir>
#include <QThread>
#include <QUndoStack>

#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

using namespace keystone;

namespace {

// ---------------------------------------------------------------------------------------
// The expected state: what the soak touches, keyed so that a contact re-created by a redo
// (with a new id) is still the same contact.

struct AccountFields {
    QString industry;
    QString region;
    qint64 arrCents = 0;
    bool operator==(const AccountFields &) const = default;
};

using ContactKey = std::pair<qint64, QString>; // account id, name (unique within an account)

struct ContactFields {
    QString title;
    QString manager; // the manager's name (same account); empty at the top
    int successRoles = 0;
    int references = 0;
    int activities = 0; // activities it took part in
    bool operator==(const ContactFields &) const = default;
};

using Link = std::tuple<qint64, QString, QString>; // account, from, to

struct State {
    std::map<qint64, AccountFields> accounts;
    std::map<ContactKey, ContactFields> contacts;
    std::set<Link> links;
};

std::string str(const QString &s)
{
    return s.toStdString();
}

QString text(sqlite3_stmt *st, int column)
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(st, column));
    return p ? QString::fromUtf8(p) : QString();
}

// Runs `sql`, calling `row` for each result row; false (with the message) when SQLite refuses.
bool eachRow(sqlite3 *db, const char *sql, const std::function<void(sqlite3_stmt *)> &row, QString *error)
{
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) {
        *error = QString::fromUtf8(sqlite3_errmsg(db));
        return false;
    }
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        row(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        *error = QString::fromUtf8(sqlite3_errmsg(db));
        return false;
    }
    return true;
}

// The file's state read with the plain sqlite3 API, not through Keystone's repositories.
bool readState(const QString &path, State &state, QString *error)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        *error = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_close(db);
        return false;
    }
    sqlite3_busy_timeout(db, 5000);
    state = State{};
    const auto key = [](sqlite3_stmt *st) { return ContactKey{sqlite3_column_int64(st, 0), text(st, 1)}; };
    const bool ok =
        eachRow(db, "SELECT id, industry, region, arr_cents FROM accounts",
                [&](sqlite3_stmt *st) { state.accounts[sqlite3_column_int64(st, 0)] = {text(st, 1), text(st, 2), sqlite3_column_int64(st, 3)}; },
                error)
        && eachRow(db, "SELECT c.account_id, c.name, c.title, m.name FROM contacts c LEFT JOIN contacts m ON m.id = c.reports_to_id",
                   [&](sqlite3_stmt *st) {
                       ContactFields &c = state.contacts[key(st)];
                       c.title = text(st, 2);
                       c.manager = text(st, 3);
                   },
                   error)
        && eachRow(db, "SELECT c.account_id, c.name, count(*) FROM success_contacts s JOIN contacts c ON c.id = s.contact_id GROUP BY c.id",
                   [&](sqlite3_stmt *st) { state.contacts[key(st)].successRoles = sqlite3_column_int(st, 2); }, error)
        && eachRow(db, "SELECT c.account_id, c.name, count(*) FROM reference_requests r JOIN contacts c ON c.id = r.contact_id GROUP BY c.id",
                   [&](sqlite3_stmt *st) { state.contacts[key(st)].references = sqlite3_column_int(st, 2); }, error)
        && eachRow(db, "SELECT c.account_id, c.name, count(*) FROM activity_contacts a JOIN contacts c ON c.id = a.contact_id GROUP BY c.id",
                   [&](sqlite3_stmt *st) { state.contacts[key(st)].activities = sqlite3_column_int(st, 2); }, error)
        && eachRow(db,
                   "SELECT i.account_id, f.name, t.name FROM contact_influences i JOIN contacts f ON f.id = i.from_contact_id "
                   "JOIN contacts t ON t.id = i.to_contact_id",
                   [&](sqlite3_stmt *st) { state.links.insert({sqlite3_column_int64(st, 0), text(st, 1), text(st, 2)}); }, error);
    sqlite3_close(db);
    return ok;
}

// integrity_check and foreign_key_check; empty when both are clean.
QString checkFile(const QString &path)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        const QString message = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_close(db);
        return message;
    }
    QStringList problems;
    QString error;
    eachRow(db, "PRAGMA integrity_check", [&](sqlite3_stmt *st) {
        if (text(st, 0) != QLatin1String("ok"))
            problems << text(st, 0);
    }, &error);
    eachRow(db, "PRAGMA foreign_key_check", [&](sqlite3_stmt *st) { problems << QStringLiteral("foreign key: %1 row %2").arg(text(st, 0), text(st, 1)); },
            &error);
    sqlite3_close(db);
    if (!error.isEmpty())
        problems << error;
    return problems.join(QStringLiteral("; "));
}

// Differences between two states, described (at most `limit`).
QStringList differences(const State &want, const State &got, int limit = 12)
{
    QStringList out;
    for (const auto &[id, a] : want.accounts) {
        const auto it = got.accounts.find(id);
        if (it == got.accounts.end())
            out << QStringLiteral("account %1 is missing").arg(id);
        else if (!(it->second == a))
            out << QStringLiteral("account %1: expected industry '%2', region '%3', ARR %4 cents; the file has '%5', '%6', %7")
                       .arg(id)
                       .arg(a.industry, a.region)
                       .arg(a.arrCents)
                       .arg(it->second.industry, it->second.region)
                       .arg(it->second.arrCents);
    }
    if (got.accounts.size() != want.accounts.size())
        out << QStringLiteral("%1 accounts expected, the file has %2").arg(want.accounts.size()).arg(got.accounts.size());
    const auto describe = [](const ContactFields &c) {
        return QStringLiteral("title '%1', reports to '%2', %3 success role(s), %4 reference(s), %5 activities")
            .arg(c.title, c.manager)
            .arg(c.successRoles)
            .arg(c.references)
            .arg(c.activities);
    };
    for (const auto &[k, c] : want.contacts) {
        const auto it = got.contacts.find(k);
        if (it == got.contacts.end())
            out << QStringLiteral("contact '%1' of account %2 is missing").arg(k.second).arg(k.first);
        else if (!(it->second == c))
            out << QStringLiteral("contact '%1' of account %2: expected %3; the file has %4").arg(k.second).arg(k.first).arg(describe(c), describe(it->second));
    }
    for (const auto &[k, c] : got.contacts)
        if (!want.contacts.count(k))
            out << QStringLiteral("contact '%1' of account %2 should not be there").arg(k.second).arg(k.first);
    for (const Link &l : want.links)
        if (!got.links.count(l))
            out << QStringLiteral("influence link '%1' -> '%2' of account %3 is missing").arg(std::get<1>(l), std::get<2>(l)).arg(std::get<0>(l));
    for (const Link &l : got.links)
        if (!want.links.count(l))
            out << QStringLiteral("influence link '%1' -> '%2' of account %3 should not be there").arg(std::get<1>(l), std::get<2>(l)).arg(std::get<0>(l));
    if (out.size() > limit) {
        const qsizetype more = out.size() - limit;
        out = out.mid(0, limit);
        out << QStringLiteral("… and %1 more").arg(more);
    }
    return out;
}

// ---------------------------------------------------------------------------------------
// The expected undo stack: each step knows how to apply and revert itself on the model.

struct Op {
    std::function<void(State &)> apply;
    std::function<void(State &)> revert;
};

struct ExpectedStack {
    std::vector<Op> ops;
    size_t index = 0;
    void push(State &s, Op op)
    {
        ops.resize(index); // a new edit drops what could be redone, as QUndoStack does
        op.apply(s);
        ops.push_back(std::move(op));
        ++index;
        // The window keeps the last kUndoLimit steps: the oldest goes, as QUndoStack drops it.
        if (ops.size() > size_t(keystone::app::MainWindow::kUndoLimit)) {
            ops.erase(ops.begin());
            --index;
        }
    }
    void undo(State &s) { ops[--index].revert(s); }
    void redo(State &s) { ops[index++].apply(s); }
};

// Removing a contact: its reports move up to its manager, its links, success roles,
// references and activity participation go; undo puts every one of them back.
Op removeOp(const State &s, const ContactKey &key)
{
    const ContactFields removed = s.contacts.at(key);
    std::vector<ContactKey> reports;
    for (const auto &[k, c] : s.contacts)
        if (k.first == key.first && c.manager == key.second)
            reports.push_back(k);
    std::vector<Link> links;
    for (const Link &l : s.links)
        if (std::get<0>(l) == key.first && (std::get<1>(l) == key.second || std::get<2>(l) == key.second))
            links.push_back(l);
    Op op;
    op.apply = [=](State &st) {
        st.contacts.erase(key);
        for (const ContactKey &r : reports)
            st.contacts[r].manager = removed.manager;
        for (const Link &l : links)
            st.links.erase(l);
    };
    op.revert = [=](State &st) {
        st.contacts[key] = removed;
        for (const ContactKey &r : reports)
            st.contacts[r].manager = key.second;
        for (const Link &l : links)
            st.links.insert(l);
    };
    return op;
}

// ---------------------------------------------------------------------------------------
// Measurements.

struct Timings {
    std::vector<double> ms;
    double max = 0;
    int slowestStep = -1;
    void add(double v, int step)
    {
        ms.push_back(v);
        if (v > max) {
            max = v;
            slowestStep = step;
        }
    }
    double quantile(double q) const
    {
        if (ms.empty())
            return 0;
        std::vector<double> s = ms;
        std::sort(s.begin(), s.end());
        return s[std::min(s.size() - 1, size_t(q * double(s.size())))];
    }
};

long residentKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    return 0;
}

long peakRssKb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

double msSince(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

const char *const kIndustries[] = {"Software", "Manufacturing", "Healthcare", "Financial Services", "Retail", "Logistics",
                                    "Energy", "Telecommunications", "Public Sector", "Education", "Media", "Insurance"};
const char *const kRegions[] = {"North America", "EMEA", "APAC", "LATAM", "DACH", "Nordics", "UK and Ireland", "ANZ"};
const char *const kTitles[] = {"CFO", "CIO", "VP Operations", "Director of IT", "Head of Procurement", "Platform Lead",
                               "Chief Data Officer", "Finance Manager", "Security Architect", "Program Manager"};
const char *const kViews[] = {"portfolio", "relationships", "plan", "health", "activities", "whitespace", "tier-grid",
                              "health-dashboard", "renewals", "hygiene", "retention", "team", "signals", "portfolio"};

// Adds contacts, one per account in turn, until the file holds `total`: the demo's own
// number depends on its random account sizes. One transaction. Returns how many it added.
qint64 topUpContacts(const QString &path, qint64 total)
{
    auto portfolio = services::Portfolio::open(path);
    const qint64 have = portfolio->contacts().count();
    if (have >= total)
        return 0;
    const auto accounts = portfolio->accounts().all();
    std::vector<domain::Contact> extra;
    extra.reserve(size_t(total - have));
    for (qint64 i = 0; i < total - have; ++i) {
        domain::Contact c;
        c.accountId = accounts[size_t(i) % accounts.size()].id;
        c.name = QStringLiteral("Soak Colleague %1").arg(i + 1);
        c.title = QString::fromLatin1(kTitles[size_t(i) % std::size(kTitles)]);
        extra.push_back(std::move(c));
    }
    storage::Transaction tx(portfolio->database());
    portfolio->contacts().insertMany(extra);
    tx.commit();
    return total - have;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication qapp(argc, argv);
    QApplication::setApplicationName(QStringLiteral("keystone-soak"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Drives the main window through scripted edits, undos and redos on a demo portfolio "
                                                    "and checks the file against the expected state."));
    parser.addHelpOption();
    const QCommandLineOption accountsOpt(QStringLiteral("accounts"), QStringLiteral("Accounts in the demo portfolio (default 10000)."),
                                         QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption stepsOpt(QStringLiteral("steps"), QStringLiteral("Scripted steps (default 10000)."), QStringLiteral("S"),
                                      QStringLiteral("10000"));
    const QCommandLineOption seedOpt(QStringLiteral("seed"), QStringLiteral("Seed of the script and of the portfolio (default 1)."),
                                     QStringLiteral("X"), QStringLiteral("1"));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Also write the figures as JSON to FILE."), QStringLiteral("FILE"));
    const QCommandLineOption maxOpt(QStringLiteral("max-step-ms"),
                                    QStringLiteral("Exit with status 3 when a step took longer (default 0: report only)."), QStringLiteral("MS"),
                                    QStringLiteral("0"));
    const QCommandLineOption contactsOpt(QStringLiteral("contacts"),
                                         QStringLiteral("Contacts at least: the demo's own are topped up to C (default ten per account)."),
                                         QStringLiteral("C"));
    const QCommandLineOption logSlowOpt(QStringLiteral("log-slow"), QStringLiteral("Print every step that took longer than MS (default 0: none)."),
                                        QStringLiteral("MS"), QStringLiteral("0"));
    parser.addOptions({accountsOpt, contactsOpt, stepsOpt, seedOpt, jsonOpt, maxOpt, logSlowOpt});
    parser.process(qapp);
    bool okAccounts = false, okContacts = true, okSteps = false, okSeed = false, okMax = false, okLog = false;
    const int accounts = parser.value(accountsOpt).toInt(&okAccounts);
    const qint64 wantContacts = parser.isSet(contactsOpt) ? parser.value(contactsOpt).toLongLong(&okContacts) : qint64(accounts) * 10;
    const int steps = parser.value(stepsOpt).toInt(&okSteps);
    const quint64 seed = parser.value(seedOpt).toULongLong(&okSeed);
    const double maxStepMs = parser.value(maxOpt).toDouble(&okMax);
    const double logSlowMs = parser.value(logSlowOpt).toDouble(&okLog);
    if (!okAccounts || accounts < 10 || !okContacts || wantContacts < 0 || !okSteps || steps < 1 || !okSeed || !okMax || maxStepMs < 0 || !okLog || logSlowMs < 0) {
        std::fprintf(stderr, "keystone-soak: --accounts must be a whole number >= 10, --contacts >= 0, --steps >= 1, --seed a whole "
                             "number, --max-step-ms and --log-slow numbers >= 0\n");
        return 2;
    }

    QTemporaryDir dir;
    if (!dir.isValid()) {
        std::fprintf(stderr, "keystone-soak: cannot create a temporary folder: %s\n", str(dir.errorString()).c_str());
        return 1;
    }
    const QString path = dir.filePath(QStringLiteral("soak.keystone"));
    QElapsedTimer clock;
    clock.start();
    demo::DemoOptions demo;
    demo.accounts = accounts;
    demo.seed = seed;
    demo::generateDemo(path, demo);
    const qint64 extraContacts = topUpContacts(path, wantContacts);
    const double generateMs = msSince(clock);

    State expected;
    QString error;
    if (!readState(path, expected, &error)) {
        std::fprintf(stderr, "keystone-soak: cannot read the new portfolio: %s\n", str(error).c_str());
        return 1;
    }
    const size_t initialContacts = expected.contacts.size();
    std::printf("keystone-soak: %d accounts, %zu contacts (%lld added to the demo's), %zu influence links (generated in %.1f s); "
                "%d steps, seed %llu\n",
                accounts, initialContacts, static_cast<long long>(extraContacts), expected.links.size(), generateMs / 1000.0, steps,
                static_cast<unsigned long long>(seed));
    std::fflush(stdout);

    app::MainWindow w;
    w.setInteractive(false);
    w.resize(1440, 900);
    w.show();
    clock.restart();
    if (!w.openPortfolio(path, &error, true) || !w.waitForIntegrityCheck()) {
        std::fprintf(stderr, "keystone-soak: cannot open the portfolio: %s\n", str(error.isEmpty() ? w.lastError() : error).c_str());
        return 1;
    }
    const double openMs = msSince(clock);
    const auto waitForBook = [&w] {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 120000 && !(w.bookLoader()->isCurrent() && !w.bookLoader()->isLoading())) {
            QApplication::processEvents();
            QThread::msleep(5);
        }
    };
    waitForBook();

    QStringList failures; // every refusal or storage error the window reported
    const app::CommandErrorHandler onError = [&failures](const QString &message) { failures << message; };
    QObject::connect(w.portfolioModel(), &app::PortfolioModel::editFailed, &qapp, [&failures](const QString &m) { failures << m; });
    services::Portfolio &portfolio = *w.portfolio();
    services::RelationshipService &relationships = *w.relationshipService();
    QUndoStack &undo = *w.undoStack();
    QTableView *table = w.portfolioView()->table();
    QAbstractItemModel *model = table->model();

    std::mt19937_64 rng(seed * 7919 + 17);
    const auto below = [&rng](size_t n) { return size_t(rng() % n); };
    ExpectedStack stack;
    std::map<std::string, Timings> timings;
    Timings all;
    QStringList mismatches;
    std::vector<std::pair<int, long>> rss{{0, residentKb()}};
    int probeFailures = 0;
    int contactsAdded = 0;
    int stepsRun = 0;

    // The contacts of one account as the window's repositories read them, against the model.
    const auto checkAccountContacts = [&](qint64 accountId, int step) {
        std::map<QString, std::pair<QString, QString>> got, want; // name -> title, manager
        const auto list = portfolio.contacts().forAccount(accountId);
        QHash<qint64, QString> names;
        for (const auto &c : list)
            names.insert(c.id, c.name);
        for (const auto &c : list)
            got[c.name] = {c.title, names.value(c.reportsToId)};
        for (auto it = expected.contacts.lower_bound({accountId, QString()}); it != expected.contacts.end() && it->first.first == accountId; ++it)
            want[it->first.second] = {it->second.title, it->second.manager};
        if (got != want && mismatches.size() < 20)
            mismatches << QStringLiteral("step %1: the contacts of account %2 differ from the expected ones (%3 expected, %4 read)")
                              .arg(step)
                              .arg(accountId)
                              .arg(want.size())
                              .arg(got.size());
    };

    const auto randomAccountRow = [&] { return int(below(size_t(model->rowCount()))); };
    const auto accountAt = [&](int row) { return model->index(row, app::PortfolioModel::Name).data(app::PortfolioModel::AccountIdRole).toLongLong(); };

    // A step's time is its action and the events it caused. A book load that finished on the
    // worker meanwhile is taken in (and the rows the visible team-lead view built from it on
    // its own worker) during the same event processing: that time is the load's, not the
    // edit's, and is counted apart.
    app::BookLoader &loader = *w.bookLoader();
    double applyBefore = 0;
    const auto finishStep = [&](const std::string &kind, const QElapsedTimer &t, int step) {
        QApplication::processEvents();
        double ms = msSince(t);
        if (loader.applyMsTotal() != applyBefore) {
            const double applyMs = loader.applyMsTotal() - applyBefore;
            ms -= applyMs;
            timings["book_refresh"].add(applyMs, step);
        }
        timings[kind].add(ms, step);
        if (kind != "navigate")
            all.add(ms, step);
        if (logSlowMs > 0 && ms > logSlowMs)
            std::printf("  slow step %d: %s took %.1f ms\n", step, kind.c_str(), ms);
    };

    clock.restart();
    for (int step = 1; step <= steps; ++step) {
        applyBefore = loader.applyMsTotal();
        const size_t roll = below(100);
        std::string kind;
        QElapsedTimer t;
        if (roll < 22 && stack.index > 0) {
            kind = "undo";
            t.start();
            undo.undo();
            stack.undo(expected);
        } else if (roll >= 22 && roll < 40 && stack.index < stack.ops.size()) {
            kind = "redo";
            t.start();
            undo.redo();
            stack.redo(expected);
        } else if (roll >= 95) {
            kind = "navigate";
            const qint64 id = accountAt(randomAccountRow());
            const QString view = QString::fromLatin1(kViews[below(std::size(kViews))]);
            t.start();
            w.portfolioView()->selectAccount(id);
            w.showView(view);
        } else {
            const int row = randomAccountRow();
            const qint64 id = accountAt(row);
            const size_t what = below(100);
            std::vector<domain::Contact> contacts;
            if (what >= 60)
                contacts = portfolio.contacts().forAccount(id);
            if (what < 20) {
                kind = "edit_industry";
                const QString before = expected.accounts.at(id).industry;
                QString after = QString::fromLatin1(kIndustries[below(std::size(kIndustries))]);
                if (after == before)
                    after += QStringLiteral(" (%1)").arg(step);
                t.start();
                if (model->setData(model->index(row, app::PortfolioModel::Industry), after))
                    stack.push(expected, {[=](State &s) { s.accounts[id].industry = after; }, [=](State &s) { s.accounts[id].industry = before; }});
            } else if (what < 35) {
                kind = "edit_region";
                const QString before = expected.accounts.at(id).region;
                QString after = QString::fromLatin1(kRegions[below(std::size(kRegions))]);
                if (after == before)
                    after += QStringLiteral(" (%1)").arg(step);
                t.start();
                if (model->setData(model->index(row, app::PortfolioModel::Region), after))
                    stack.push(expected, {[=](State &s) { s.accounts[id].region = after; }, [=](State &s) { s.accounts[id].region = before; }});
            } else if (what < 60) {
                kind = "edit_arr";
                const qint64 before = expected.accounts.at(id).arrCents;
                qint64 after = qint64(1000000 + below(500000000));
                if (after == before)
                    ++after;
                const QString typed = QStringLiteral("%1.%2").arg(after / 100).arg(after % 100, 2, 10, QLatin1Char('0'));
                t.start();
                if (model->setData(model->index(row, app::PortfolioModel::Arr), typed))
                    stack.push(expected, {[=](State &s) { s.accounts[id].arrCents = after; }, [=](State &s) { s.accounts[id].arrCents = before; }});
            } else if (what < 75 || contacts.empty()) {
                kind = "add_contact";
                domain::Contact draft;
                draft.accountId = id;
                draft.name = QStringLiteral("Soak Contact %1").arg(++contactsAdded);
                draft.title = QString::fromLatin1(kTitles[below(std::size(kTitles))]);
                const ContactKey key{id, draft.name};
                const ContactFields fields{draft.title, {}, 0, 0, 0};
                t.start();
                if (app::reportFailures(onError, [&] { undo.push(app::makeAddContactCommand(relationships, relationships.createContact(draft), onError)); }))
                    stack.push(expected, {[=](State &s) { s.contacts[key] = fields; }, [=](State &s) { s.contacts.erase(key); }});
            } else if (what < 92) {
                kind = "edit_contact";
                const domain::Contact before = contacts[below(contacts.size())];
                domain::Contact after = before;
                after.title = QString::fromLatin1(kTitles[below(std::size(kTitles))]);
                if (after.title == before.title)
                    after.title += QStringLiteral(" (%1)").arg(step);
                const ContactKey key{id, before.name};
                const QString was = before.title, now = after.title;
                t.start();
                if (app::reportFailures(onError, [&] {
                        relationships.updateContact(after);
                        undo.push(app::makeEditContactCommand(relationships, before, after, QStringLiteral("Edit contact '%1'").arg(after.name), onError));
                    }))
                    stack.push(expected, {[=](State &s) { s.contacts[key].title = now; }, [=](State &s) { s.contacts[key].title = was; }});
            } else {
                kind = "remove_contact";
                const domain::Contact gone = contacts[below(contacts.size())];
                const ContactKey key{id, gone.name};
                if (!expected.contacts.count(key)) {
                    mismatches << QStringLiteral("step %1: contact '%2' of account %3 is not in the expected state").arg(step).arg(gone.name).arg(id);
                    break;
                }
                Op op = removeOp(expected, key);
                t.start();
                if (app::reportFailures(onError, [&] { undo.push(app::makeRemoveContactCommand(portfolio, relationships, gone.id, onError)); }))
                    stack.push(expected, std::move(op));
            }
            if (kind.find("contact") != std::string::npos) {
                finishStep(kind, t, step);
                checkAccountContacts(id, step);
                kind.clear();
            }
        }
        if (!kind.empty())
            finishStep(kind, t, step);
        if (size_t(undo.count()) != stack.ops.size() || size_t(undo.index()) != stack.index) {
            mismatches << QStringLiteral("step %1: the undo stack has %2 commands at %3, expected %4 at %5")
                              .arg(step)
                              .arg(undo.count())
                              .arg(undo.index())
                              .arg(stack.ops.size())
                              .arg(stack.index);
            break;
        }
        if (!failures.isEmpty() || mismatches.size() >= 20)
            break;
        stepsRun = step;
        if (step % 1000 == 0 || step == steps) {
            rss.emplace_back(step, residentKb());
            QString probeError;
            if (!test::readersLetGo(path, 8000, &probeError)) {
                ++probeFailures;
                std::fprintf(stderr, "keystone-soak: step %d: a read transaction stayed open %s\n", step, str(probeError).c_str());
            }
            std::printf("  step %5d: %zu commands, at %zu, resident %.0f MB, slowest so far %.1f ms\n", step, stack.ops.size(), stack.index,
                        double(rss.back().second) / 1024.0, all.max);
            std::fflush(stdout);
        }
    }
    const double runSeconds = msSince(clock) / 1000.0;
    waitForBook();
    const long peakKb = peakRssKb();
    const int finalCount = undo.count();
    w.closePortfolio();

    // The file, read again from scratch, against the expected state.
    State got;
    if (!readState(path, got, &error))
        mismatches << QStringLiteral("cannot read the file after the soak: %1").arg(error);
    else
        mismatches << differences(expected, got);
    const QString integrity = checkFile(path);

    // One row per kind of step and one for all edits, undos and redos: printed and kept for the JSON.
    nlohmann::json stepMs;
    std::printf("\n%-16s %7s %9s %9s %9s %7s\n", "step", "count", "p50 ms", "p99 ms", "max ms", "at");
    const auto summarise = [&stepMs](const std::string &name, const std::string &key, const Timings &tm) {
        std::printf("%-16s %7zu %9.2f %9.2f %9.2f %7d\n", name.c_str(), tm.ms.size(), tm.quantile(0.5), tm.quantile(0.99), tm.max, tm.slowestStep);
        stepMs[key] = {{"count", tm.ms.size()}, {"p50", tm.quantile(0.5)}, {"p99", tm.quantile(0.99)}, {"max", tm.max}, {"slowest_step", tm.slowestStep}};
    };
    for (const auto &[name, tm] : timings)
        summarise(name, name, tm);
    summarise("all", "edits_undos_redos", all);
    std::printf("\n(all: every edit, undo and redo; navigation apart)\nsteps run %d in %.1f s; open %.0f ms; undo stack %d commands; contacts %zu -> %zu\n", stepsRun, runSeconds, openMs,
                finalCount, initialContacts, got.contacts.size());
    std::printf("resident memory (MB) by step:");
    for (const auto &[s, kb] : rss)
        std::printf(" %d:%.0f", s, double(kb) / 1024.0);
    std::printf("; peak %.0f MB\n", double(peakKb) / 1024.0);
    std::printf("integrity_check and foreign_key_check: %s\n", integrity.isEmpty() ? "ok" : str(integrity).c_str());
    std::printf("reader probes that found a read left open: %d\n", probeFailures);
    for (const QString &f : failures)
        std::printf("refused or failed: %s\n", str(f).c_str());
    for (const QString &m : mismatches)
        std::printf("MISMATCH: %s\n", str(m).c_str());
    const bool held = failures.isEmpty() && mismatches.isEmpty() && integrity.isEmpty() && probeFailures == 0 && stepsRun == steps;
    const bool fastEnough = maxStepMs <= 0 || all.max <= maxStepMs;
    std::printf("%s\n", held ? (fastEnough ? "the file equals the expected state" : "the file equals the expected state, but a step was too slow")
                             : "FAILED: the file or the session is not as expected");

    if (parser.isSet(jsonOpt)) {
        nlohmann::json j;
        j["accounts"] = accounts;
        j["contacts"] = initialContacts;
        j["contacts_added"] = extraContacts;
        j["contacts_after"] = got.contacts.size();
        j["steps"] = steps;
        j["steps_run"] = stepsRun;
        j["seed"] = seed;
        j["generate_ms"] = generateMs;
        j["open_ms"] = openMs;
        j["run_s"] = runSeconds;
        j["undo_commands"] = finalCount;
        j["step_ms"] = stepMs;
        for (const auto &[s, kb] : rss)
            j["rss_mb"].push_back({{"step", s}, {"mb", double(kb) / 1024.0}});
        j["peak_rss_mb"] = double(peakKb) / 1024.0;
        j["integrity"] = integrity.isEmpty() ? "ok" : str(integrity);
        j["reader_probe_failures"] = probeFailures;
        j["failures"] = failures.size();
        j["mismatches"] = mismatches.size();
        j["held"] = held;
        QFile out(parser.value(jsonOpt));
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(QByteArray::fromStdString(j.dump(2) + "\n")) < 0) {
            std::fprintf(stderr, "keystone-soak: cannot write %s: %s\n", str(parser.value(jsonOpt)).c_str(), str(out.errorString()).c_str());
            return 1;
        }
    }
    return held ? (fastEnough ? 0 : 3) : 1;
}

