// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// The window's side of the team book against the real server: the background sync, what the
// status bar says (synced, waiting, offline), and the Conflicts dialog.
#include "teamtest.h"
#include "testsupport.h"

#include "../gui/guitest.h"

#include "account/accountworkspace.h"
#include "dialogs/teambookdialogs.h"
#include "portfolio/portfoliomodel.h"
#include "portfolio/portfolioview.h"
#include "window/mainwindow.h"
#include "window/teamsync.h"

#include "keystone/demo/demogenerator.h"
#include "keystone/services/accountservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/queries.h"
#include "keystone/services/syncstore.h"
#include "keystone/team/sync.h"
#include "keystone/team/teamserver.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QUuid>

#include <algorithm>
#include <map>

using namespace keystone;

namespace {

void syncAs(const QString &path, const QString &server = {})
{
    auto p = services::Portfolio::open(path);
    team::SyncOptions o;
    o.server = server;
    team::syncPortfolio(*p, o);
}

void setNotes(const QString &path, const QString &account, const QString &notes)
{
    auto p = services::Portfolio::open(path);
    auto a = services::query::accountNamed(*p, account);
    REQUIRE(a);
    a->notes = notes;
    services::AccountService(*p).update(*a);
}

QString notesOf(const QString &path, const QString &account)
{
    auto p = services::Portfolio::open(path);
    const auto a = services::query::accountNamed(*p, account);
    REQUIRE(a);
    return a->notes;
}

// A team book published from a demo lead file, and a laptop's file taken from it (first
// pull); `name` is the first account's name.
struct TeamBook {
    QString url = teamtest::freshDatabase();
    test::TempDir dir;
    QString lead;
    QString laptop;
    QString name;
    TeamBook(int accounts, int seed)
    {
        team::initServer(url);
        lead = guitest::makeDemo(dir, QStringLiteral("lead.keystone"), accounts, seed);
        syncAs(lead, url);
        laptop = dir.file(QStringLiteral("laptop.keystone"));
        {
            auto p = services::Portfolio::create(laptop);
            team::SyncOptions o;
            o.server = url;
            team::syncPortfolio(*p, o);
        }
        auto p = services::Portfolio::open(lead);
        name = services::query::accounts(*p).front().name;
    }
};

} // namespace

TEST_CASE("The window syncs in the background, says where it stands, and goes offline without a dialog", "[team][window]")
{
    guitest::FixedClock clock;
    TeamBook book(8, 3);
    const QString &lead = book.lead;
    const QString &laptop = book.laptop;
    const QString &name = book.name;

    app::MainWindow w;
    guitest::openForTest(w, laptop);
    REQUIRE(w.teamSync());
    CHECK(w.teamSync()->isBound());
    CHECK(w.teamSync()->statusLine().startsWith(QStringLiteral("Synced")));

    // A teammate's change arrives through the background sync.
    setNotes(lead, name, QStringLiteral("From the lead"));
    syncAs(lead);
    w.teamSync()->syncNow();
    guitest::settle();
    CHECK_FALSE(w.teamSync()->isRunning());
    CHECK(notesOf(laptop, name) == QStringLiteral("From the lead"));
    CHECK(w.teamSync()->statusLine().startsWith(QStringLiteral("Synced")));

    // A server that cannot be reached is a state, not an error dialog.
    w.teamSync()->syncNow(QStringLiteral("postgresql://keystone_admin@localhost:1/postgres?connect_timeout=3"));
    guitest::settle();
    CHECK(w.teamSync()->statusLine().startsWith(QStringLiteral("Offline:")));
    CHECK(w.lastError().isEmpty());

    // An edit made offline waits, and the status bar counts it.
    {
        services::Portfolio &p = *w.portfolio();
        auto a = services::query::accountNamed(p, name);
        REQUIRE(a);
        a->notes = QStringLiteral("Written offline");
        services::AccountService(p).update(*a);
    }
    INFO(w.teamSync()->statusLine().toStdString());
    CHECK(w.teamSync()->statusLine().startsWith(QStringLiteral("Offline: 1 change waiting")));
    // Back online, the next sync sends it and the line says so.
    w.teamSync()->syncNow();
    guitest::settle();
    CHECK(w.teamSync()->statusLine().startsWith(QStringLiteral("Synced")));
    syncAs(lead);
    CHECK(notesOf(lead, name) == QStringLiteral("Written offline"));
}

TEST_CASE("The Conflicts dialog lists what both sides changed and keeps mine or theirs", "[team][window]")
{
    TeamBook book(6, 5);
    const QString &lead = book.lead;
    const QString &laptop = book.laptop;
    const QString &name = book.name;
    setNotes(lead, name, QStringLiteral("Lead's note"));
    syncAs(lead);
    setNotes(laptop, name, QStringLiteral("My note"));
    syncAs(laptop);
    CHECK(notesOf(laptop, name) == QStringLiteral("Lead's note"));
    {
        auto p = services::Portfolio::open(laptop);
        app::ConflictsDialog dialog(*p);
        REQUIRE(dialog.rowCount() == 1);
        CHECK(dialog.resolve(0, true));
        CHECK(dialog.rowCount() == 0);
    }
    CHECK(notesOf(laptop, name) == QStringLiteral("My note"));
    syncAs(laptop);
    syncAs(lead);
    CHECK(notesOf(lead, name) == QStringLiteral("My note"));
}

TEST_CASE("A password is added to a connection for that connection only", "[team][window]")
{
    CHECK(app::withPassword(QStringLiteral("postgresql://dana@db/book?sslmode=verify-full"), QStringLiteral("s3 cr&t"))
          == QStringLiteral("postgresql://dana@db/book?sslmode=verify-full&password=s3%20cr%26t"));
    CHECK(app::withPassword(QStringLiteral("postgresql://dana@db/book"), QStringLiteral("x")) == QStringLiteral("postgresql://dana@db/book?password=x"));
    CHECK(app::withPassword(QStringLiteral("host=db user=dana"), QStringLiteral("it's")) == QStringLiteral("host=db user=dana password='it\\'s'"));
    CHECK(app::withPassword(QStringLiteral("host=db"), QString()) == QStringLiteral("host=db"));
    CHECK(team::displayUrl(app::withPassword(QStringLiteral("postgresql://dana@db/book"), QStringLiteral("x"))) == QStringLiteral("postgresql://dana@db/book"));
}

TEST_CASE("Connect to Team Book: no Connect without a server, the login goes into the URL and the password stays apart", "[team][window]")
{
    app::TeamConnectDialog dialog(QString{});
    auto edits = dialog.findChildren<QLineEdit *>();
    REQUIRE(edits.size() == 3);
    const auto byName = [&](const QString &name) {
        for (QLineEdit *e : edits)
            if (e->accessibleName() == name)
                return e;
        FAIL("no field named " << name.toStdString());
        return static_cast<QLineEdit *>(nullptr);
    };
    QPushButton *ok = nullptr;
    for (QPushButton *b : dialog.findChildren<QPushButton *>())
        if (b->text() == QStringLiteral("Connect and Sync"))
            ok = b;
    REQUIRE(ok);
    CHECK_FALSE(ok->isEnabled());
    CHECK_FALSE(dialog.connection());
    byName(QStringLiteral("Team book server"))->setText(QStringLiteral(" postgresql://db.example.com/book?sslmode=require "));
    CHECK(ok->isEnabled());
    byName(QStringLiteral("Login"))->setText(QStringLiteral("dana lead"));
    byName(QStringLiteral("Password"))->setText(QStringLiteral("secret"));
    const auto c = dialog.connection();
    REQUIRE(c);
    CHECK(c->url == QStringLiteral("postgresql://db.example.com/book?sslmode=require&user=dana%20lead"));
    CHECK(c->password == QStringLiteral("secret"));
    byName(QStringLiteral("Team book server"))->setText(QStringLiteral("host=db dbname=book"));
    CHECK(dialog.connection()->url == QStringLiteral("host=db dbname=book user='dana lead'")); // conninfo quoting
    byName(QStringLiteral("Login"))->setText(QStringLiteral("o'brien"));
    CHECK(dialog.connection()->url == QStringLiteral("host=db dbname=book user='o\\'brien'"));
}

TEST_CASE("An am sees other managers' accounts read-only, saying why, and may change their own", "[team][window]")
{
    const QString url = teamtest::freshDatabase();
    team::initServer(url);
    test::TempDir dir;
    const QString lead = guitest::makeDemo(dir, QStringLiteral("lead.keystone"), 10, 4);
    syncAs(lead, url);
    // The am is the member who owns the most accounts; another member owns one of the rest.
    QString amName;
    QString mine;
    QString theirs;
    QString theirOwner;
    {
        auto p = services::Portfolio::open(lead);
        std::map<qint64, int> owned;
        for (const auto &a : services::query::accounts(*p))
            if (a.ownerId > 0)
                ++owned[a.ownerId];
        REQUIRE(owned.size() >= 2);
        const auto most = std::max_element(owned.cbegin(), owned.cend(), [](const auto &x, const auto &y) { return x.second < y.second; });
        amName = p->team().byId(most->first)->name;
        for (const auto &a : services::query::accounts(*p)) {
            if (a.ownerId == most->first && mine.isEmpty())
                mine = a.name;
            if (a.ownerId > 0 && a.ownerId != most->first && theirs.isEmpty()) {
                theirs = a.name;
                theirOwner = p->team().byId(a.ownerId)->name;
            }
        }
    }
    REQUIRE_FALSE(mine.isEmpty());
    REQUIRE_FALSE(theirs.isEmpty());
    const QString login = QStringLiteral("am_") + QUuid::createUuid().toString(QUuid::Id128).left(8);
    teamtest::sql(url, QStringLiteral("CREATE ROLE %1 LOGIN").arg(login));
    team::grantMember(url, login, amName, team::Role::Am);
    const QString laptop = dir.file(QStringLiteral("am.keystone"));
    {
        auto p = services::Portfolio::create(laptop);
        team::SyncOptions o;
        o.server = teamtest::asLogin(url, login);
        team::syncPortfolio(*p, o);
        CHECK(p->teamAccess().role == QStringLiteral("am"));
        CHECK(p->teamAccess().member == amName);
        CHECK(p->teamAccess().memberId > 0);
    }

    app::MainWindow w;
    guitest::openForTest(w, laptop);
    services::Portfolio &p = *w.portfolio();
    const qint64 mineId = services::query::accountNamed(p, mine)->id;
    const qint64 theirsId = services::query::accountNamed(p, theirs)->id;
    CHECK(p.whyReadOnly(mineId).isEmpty());
    const QString why = p.whyReadOnly(theirsId);
    CHECK(why.contains(theirOwner));
    CHECK(why.contains(amName));

    // The account page says why and offers no editing; the own account page does.
    app::AccountWorkspace &ws = *w.accountWorkspace();
    auto *lock = ws.findChild<QLabel *>(QStringLiteral("accountLock"));
    REQUIRE(lock);
    QPushButton *newOpp = nullptr;
    for (QPushButton *b : ws.findChildren<QPushButton *>())
        if (b->text() == QStringLiteral("New Opportunity…"))
            newOpp = b;
    REQUIRE(newOpp);
    ws.setAccount(theirsId);
    CHECK_FALSE(lock->isHidden());
    CHECK(lock->text().contains(theirOwner));
    CHECK_FALSE(newOpp->isEnabled());
    ws.setAccount(mineId);
    CHECK(lock->isHidden());
    CHECK(newOpp->isEnabled());

    // The portfolio table offers its cells for editing on the am's own rows only.
    QAbstractItemModel *model = w.portfolioView()->table()->model();
    int mineRow = -1;
    int theirsRow = -1;
    for (int r = 0; r < model->rowCount(); ++r) {
        const qint64 id = model->index(r, 0).data(app::PortfolioModel::AccountIdRole).toLongLong();
        if (id == mineId)
            mineRow = r;
        if (id == theirsId)
            theirsRow = r;
    }
    REQUIRE(mineRow >= 0);
    REQUIRE(theirsRow >= 0);
    CHECK(model->flags(model->index(mineRow, app::PortfolioModel::Name)).testFlag(Qt::ItemIsEditable));
    CHECK_FALSE(model->flags(model->index(theirsRow, app::PortfolioModel::Name)).testFlag(Qt::ItemIsEditable));

    // Disconnecting gives the file back to its owner: nothing is read-only any more.
    services::SyncStore(p).unbind();
    p.reloadTeamAccess();
    CHECK(p.whyReadOnly(theirsId).isEmpty());
    ws.setAccount(0);
    ws.setAccount(theirsId);
    CHECK(lock->isHidden());
    CHECK(newOpp->isEnabled());
}
