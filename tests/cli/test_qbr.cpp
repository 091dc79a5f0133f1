// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "clitest.h"
#include "testsupport.h"

#include "keystone/log/version.h"
#include "keystone/services/accountoverview.h"
#include "keystone/services/accountservice.h"
#include "keystone/services/healthservice.h"
#include "keystone/services/planservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/qbr.h"
#include "keystone/services/relationshipservice.h"
#include "keystone/services/teamservice.h"
#include "keystone/services/whitespaceservice.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QRegularExpression>

#include <algorithm>

using namespace keystone;

namespace {

using Run = test::ProgramRun;

using clitest::cli;

// poppler-utils read the file back: its text (one line per layout line) and its fonts.
QString pdfText(const QString &pdf)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    REQUIRE(p.waitForFinished(60000));
    REQUIRE(p.exitCode() == 0);
    return QString::fromUtf8(p.readAllStandardOutput());
}

QString pdfFonts(const QString &pdf)
{
    QProcess p;
    p.start(QStringLiteral("pdffonts"), {pdf});
    REQUIRE(p.waitForFinished(60000));
    REQUIRE(p.exitCode() == 0);
    return QString::fromUtf8(p.readAllStandardOutput());
}

// Markers planted in internal fields: none may reach a customer PDF.
const QString kDetractorNote = QStringLiteral("MARKER-DETRACTOR-NOTE");
const QString kCompetitor = QStringLiteral("MARKERCOMPETITOR");
const QString kRisk = QStringLiteral("MARKER-RISK-DESCRIPTION");
const QString kInternalNote = QStringLiteral("MARKER-INTERNAL-NOTE");

// A small account with every section filled and a marker in each internal field.
QString planted(const test::TempDir &dir)
{
    const QString path = dir.file(QStringLiteral("qbr.keystone"));
    auto p = services::Portfolio::create(path);
    domain::TeamMember m;
    m.name = QStringLiteral("Dana Ortiz");
    m.role = domain::TeamRole::AM;
    const qint64 dana = services::TeamService(*p).create(m).id;
    domain::Account a;
    a.name = QStringLiteral("Acme Freight");
    a.arr.cents = 5000000; // $50,000
    a.ownerId = dana;
    a.renewalDate = QDate(2027, 3, 31);
    a.customerSince = QDate(2024, 1, 15);
    a.notes = kInternalNote;
    const qint64 acct = services::AccountService(*p).create(a).id;

    services::RelationshipService rel(*p);
    domain::Contact c;
    c.accountId = acct;
    c.name = QStringLiteral("Grace Hopper");
    c.title = QStringLiteral("CFO");
    c.role = domain::BuyingRole::EconomicBuyer;
    c.stance = domain::Stance::Detractor;
    c.notes = kDetractorNote;
    c.coveredById = dana;
    const qint64 grace = rel.createContact(c).id;
    // She met us this quarter, so a customer QBR may name her; a contact who did not is
    // left out of it, however influential we judge him.
    domain::Activity meeting;
    meeting.accountId = acct;
    meeting.date = QDate(2026, 10, 14);
    meeting.type = domain::ActivityType::Meeting;
    meeting.summary = QStringLiteral("Routing review");
    meeting.contactIds = {grace};
    meeting.teamMemberIds = {dana};
    rel.createActivity(meeting);
    domain::Contact absent;
    absent.accountId = acct;
    absent.name = QStringLiteral("Alan Turing");
    absent.title = QStringLiteral("COO");
    absent.role = domain::BuyingRole::ExecutiveSponsor;
    absent.influence = domain::Influence::High;
    rel.createContact(absent);

    services::WhitespaceService ws(*p);
    domain::Product prod;
    prod.name = QStringLiteral("Route Optimiser");
    const qint64 productId = ws.createProduct(prod).id;
    domain::BuyingCenter bc;
    bc.accountId = acct;
    bc.name = QStringLiteral("Logistics");
    const qint64 centerId = ws.createBuyingCenter(bc).id;
    domain::WhitespaceCell cell;
    cell.accountId = acct;
    cell.buyingCenterId = centerId;
    cell.productId = productId;
    cell.status = domain::CellStatus::Competitor;
    cell.potentialArrCents = 1234500; // $12,345: whitespace money
    cell.competitor = kCompetitor;
    ws.setCell(cell);
    // A proposal put to the customer on that cell, and an idea not yet put to them.
    domain::Product planner;
    planner.name = QStringLiteral("Fleet Planner");
    domain::WhitespaceCell open;
    open.accountId = acct;
    open.buyingCenterId = centerId;
    open.productId = ws.createProduct(planner).id;
    open.status = domain::CellStatus::Whitespace;
    open.potentialArrCents = 2000000; // $20,000
    ws.setCell(open);
    qint64 openId = 0;
    for (const domain::WhitespaceCell &x : p->whitespace().cells(acct))
        if (x.productId == open.productId)
            openId = x.id;
    domain::Opportunity proposal = ws.createOpportunityFromCell(openId, dana, QDate(2026, 12, 15)).opportunity;
    proposal.stage = domain::Stage::Proposal;
    ws.updateOpportunity(proposal);
    domain::Opportunity idea;
    idea.accountId = acct;
    idea.name = QStringLiteral("MARKER-EARLY-IDEA");
    idea.stage = domain::Stage::Qualified;
    idea.amountCents = 3000000;
    idea.closeDate = QDate(2027, 2, 1);
    ws.createOpportunity(idea);

    services::PlanService plans(*p);
    domain::Priority pr;
    pr.accountId = acct;
    pr.text = QStringLiteral("Cut empty miles by a tenth");
    plans.add(pr);
    domain::Risk r;
    r.accountId = acct;
    r.description = kRisk;
    plans.add(r);
    domain::PlanAction act;
    act.accountId = acct;
    act.what = QStringLiteral("Run the routing workshop");
    act.ownerId = dana;
    act.due = QDate(2026, 12, 10);
    plans.add(act);
    domain::ValueDelivered v;
    v.accountId = acct;
    v.metric = QStringLiteral("Empty miles");
    v.baseline = 20;
    v.current = 17;
    v.unit = QStringLiteral("%");
    v.impactCents = 4500000; // $45,000
    v.date = QDate(2026, 11, 1);
    plans.add(v);
    // The joint success plan's milestones (shared with the customer): one due next quarter,
    // one due this quarter.
    domain::Milestone next;
    next.accountId = acct;
    next.what = QStringLiteral("Second depot live");
    next.due = QDate(2027, 1, 20);
    plans.add(next);
    domain::Milestone soon;
    soon.accountId = acct;
    soon.what = QStringLiteral("Dispatch training done");
    soon.due = QDate(2026, 12, 5);
    plans.add(soon);
    // Shared by choice: an action due next quarter. Kept back by choice: a joint milestone.
    domain::PlanAction sharedAction;
    sharedAction.accountId = acct;
    sharedAction.what = QStringLiteral("Send the depot rollout guide");
    sharedAction.ownerId = dana;
    sharedAction.due = QDate(2027, 2, 3);
    sharedAction.shared = true;
    plans.add(sharedAction);
    domain::Milestone kept;
    kept.accountId = acct;
    kept.what = QStringLiteral("MARKER-UNSHARED-MILESTONE");
    kept.due = QDate(2027, 2, 4);
    kept.shared = false;
    plans.add(kept);

    services::HealthService health(*p);
    for (int i = 0; i < 6; ++i) {
        domain::HealthInputs in;
        in.date = QDate(2026, 6 + i, 1);
        in.licensedSeats = 40;
        in.activeUsers = 20 + 2 * i;
        in.featuresUsed = 4 + i / 2;
        in.featuresOffered = 10;
        health.saveInputs(acct, in);
    }
    return path;
}

QStringList qbrArgs(const QString &file, const QString &audience, const QString &out)
{
    return {QStringLiteral("qbr"),       file,     QStringLiteral("--account"), QStringLiteral("Acme Freight"), QStringLiteral("--quarter"),
            QStringLiteral("2026Q4"),    QStringLiteral("--audience"), audience, QStringLiteral("--today"),    QStringLiteral("2026-11-23"),
            QStringLiteral("--out"),     out};
}

} // namespace

TEST_CASE("qbr writes an internal PDF with every section and key figure, fonts embedded, the same bytes each time", "[cli][qbr]")
{
    test::TempDir dir;
    const QString file = planted(dir);
    const QString pdf = dir.file(QStringLiteral("internal.pdf"));
    const Run r = cli(qbrArgs(file, QStringLiteral("internal"), pdf));
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    CHECK(r.out.contains(QStringLiteral("internal")));
    const QString text = pdfText(pdf);
    for (int i = 0; i < services::kQbrSectionCount; ++i)
        CHECK(text.contains(services::qbrSectionName(services::QbrSection(i))));
    for (const QString &figure : {QStringLiteral("Acme Freight"), QStringLiteral("2026Q4"), QStringLiteral("$50,000"), QStringLiteral("2027-03-31"),
                                  QStringLiteral("Cut empty miles by a tenth"), QStringLiteral("Empty miles"), QStringLiteral("$45,000"),
                                  QStringLiteral("Run the routing workshop"), QStringLiteral("Grace Hopper"), QStringLiteral("Prepared by Dana Ortiz"),
                                  QStringLiteral("Page 2 of"), QStringLiteral("Active users and licensed seats")})
        CHECK(text.contains(figure));
    // Internal shows everything: the stance, the competitor, the risk, the internal note, whitespace money.
    CHECK(text.contains(QStringLiteral("Detractor")));
    CHECK(text.contains(kCompetitor));
    CHECK(text.contains(kRisk));
    CHECK(text.contains(kInternalNote));
    CHECK(text.contains(QStringLiteral("$12,345")));

    const QString fonts = pdfFonts(pdf);
    const QStringList lines = fonts.split(QLatin1Char('\n'), Qt::SkipEmptyParts).mid(2); // after the two header lines
    REQUIRE_FALSE(lines.isEmpty());
    for (const QString &line : lines) {
        INFO(line.toStdString());
        CHECK(line.simplified().split(QLatin1Char(' ')).value(4) == QStringLiteral("yes")); // the "emb" column
    }

    // The PDF says which Keystone made it, as Creator and as Producer (put in Qt's place after
    // the writer, the cross-references moved with it: pdfinfo and pdftotext read the file).
    QProcess info;
    info.start(QStringLiteral("pdfinfo"), {pdf});
    REQUIRE(info.waitForFinished(30000));
    const QString meta = QString::fromUtf8(info.readAllStandardOutput());
    INFO(meta.toStdString() << QString::fromUtf8(info.readAllStandardError()).toStdString());
    CHECK(info.exitCode() == 0);
    CHECK(meta.contains(QRegularExpression(QStringLiteral("Creator:\\s+%1\\n").arg(QRegularExpression::escape(producerName())))));
    CHECK(meta.contains(QRegularExpression(QStringLiteral("Producer:\\s+%1\\n").arg(QRegularExpression::escape(producerName())))));
    // Who prepared it and what it is, for a document manager's columns.
    CHECK(meta.contains(QRegularExpression(QStringLiteral("Author:\\s+Dana Ortiz\\n"))));
    CHECK(meta.contains(QRegularExpression(QStringLiteral("Subject:\\s+Quarterly business review 2026Q4 of Acme Freight, 2026-10-01 – 2026-12-31 \\(internal\\)\\n"))));
    CHECK(meta.contains(QStringLiteral("Pages:")));

    // Deterministic: the same data gives the same bytes.
    const QString again = dir.file(QStringLiteral("again.pdf"));
    REQUIRE(cli(qbrArgs(file, QStringLiteral("internal"), again)).code == 0);
    QFile a(pdf), b(again);
    REQUIRE(a.open(QIODevice::ReadOnly));
    REQUIRE(b.open(QIODevice::ReadOnly));
    CHECK(a.readAll() == b.readAll());
}

TEST_CASE("qbr for the customer carries no internal field", "[cli][qbr]")
{
    test::TempDir dir;
    const QString file = planted(dir);
    const QString pdf = dir.file(QStringLiteral("customer.pdf"));
    const Run r = cli(qbrArgs(file, QStringLiteral("customer"), pdf));
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    const QString text = pdfText(pdf);
    // What the customer sees.
    for (const QString &figure : {QStringLiteral("Acme Freight"), QStringLiteral("$50,000"), QStringLiteral("Cut empty miles by a tenth"),
                                  QStringLiteral("Empty miles"), QStringLiteral("Milestone: Second depot live"), QStringLiteral("2027-01-20"),
                                  QStringLiteral("Send the depot rollout guide"), QStringLiteral("2027-02-03"),
                                  QStringLiteral("Grace Hopper"), QStringLiteral("Fleet Planner for Logistics"), QStringLiteral("Prepared for Acme Freight")}) {
        INFO(figure.toStdString() << " in:\n" << text.toStdString());
        CHECK(text.contains(figure));
    }
    // What it must never carry.
    for (const QString &marker : {kDetractorNote, kCompetitor, kRisk, kInternalNote, QStringLiteral("Detractor"), QStringLiteral("$12,345"),
                                  QStringLiteral("Alan Turing"), QStringLiteral("MARKER-EARLY-IDEA"), QStringLiteral("$20,000"),
                                  QStringLiteral("MARKER-UNSHARED-MILESTONE"),
                                  QStringLiteral("Route Optimiser for Logistics"), QStringLiteral("Run the routing workshop"),
                                  QStringLiteral("Risks and mitigations"), QStringLiteral("Internal"), QStringLiteral("Red"),
                                  QStringLiteral("Insufficient data"), QStringLiteral("Economic buyer"), QStringLiteral("Tier")}) {
        INFO(marker.toStdString());
        CHECK_FALSE(text.contains(marker));
    }
}

TEST_CASE("qbr --all writes one PDF per account named <account>-<quarter>-<audience>.pdf, and a failure does not stop the rest", "[cli][qbr]")
{
    test::TempDir dir;
    const QString file = dir.file(QStringLiteral("book.keystone"));
    REQUIRE(cli({QStringLiteral("demo"), QStringLiteral("--out"), file, QStringLiteral("--accounts"), QStringLiteral("6"), QStringLiteral("--seed"),
                 QStringLiteral("2"), QStringLiteral("--today"), QStringLiteral("2026-11-23")})
                .code == 0);
    QStringList names;
    {
        auto p = services::Portfolio::open(file);
        for (const domain::Account &a : p->accounts().all())
            names << a.name;
    }
    REQUIRE(names.size() == 6);
    const QString out = dir.file(QStringLiteral("qbrs"));
    // One target already taken by a folder: that account fails, the other five are written.
    REQUIRE(QDir().mkpath(QDir(out).filePath(services::qbrFileName(names.first(), QStringLiteral("2026Q4"), services::QbrAudience::Customer))));
    const Run r = cli({QStringLiteral("qbr"), file, QStringLiteral("--all"), QStringLiteral("--quarter"), QStringLiteral("2026q4"), QStringLiteral("--audience"),
                       QStringLiteral("customer"), QStringLiteral("--today"), QStringLiteral("2026-11-23"), QStringLiteral("--out-dir"), out});
    CHECK(r.code == 1);
    CHECK(r.err.contains(names.first()));
    CHECK(r.out.contains(QStringLiteral("Wrote 5 of 6 reviews")));
    for (const QString &name : names.mid(1)) {
        const QString pdf = QDir(out).filePath(name + QStringLiteral("-2026Q4-customer.pdf"));
        INFO(pdf.toStdString());
        REQUIRE(QFile::exists(pdf));
        CHECK(pdfText(pdf).contains(name));
    }

    // --tier and --owner choose the accounts: as many files as the overview has such accounts.
    QHash<int, int> perTier;
    QString owner;
    int ownerCount = 0;
    {
        auto p = services::Portfolio::open(file);
        const auto rows = services::loadAccountOverview(*p).rows;
        for (const services::AccountRow &row : rows)
            ++perTier[int(row.tier)];
        owner = rows.front().ownerName;
        ownerCount = int(std::count_if(rows.begin(), rows.end(), [&](const services::AccountRow &row) { return row.ownerName == owner; }));
    }
    for (int tier = 1; tier <= 3; ++tier) {
        const QString tierOut = dir.file(QStringLiteral("tier%1").arg(tier));
        const Run t = cli({QStringLiteral("qbr"), file, QStringLiteral("--all"), QStringLiteral("--tier"), QString::number(tier), QStringLiteral("--quarter"),
                           QStringLiteral("2026Q4"), QStringLiteral("--out-dir"), tierOut});
        INFO(t.err.toStdString());
        CHECK(t.code == 0);
        CHECK(t.out.contains(QStringLiteral("Wrote %1 of %1 reviews").arg(perTier.value(tier))));
        CHECK(QDir(tierOut).entryList({QStringLiteral("*.pdf")}, QDir::Files).size() == perTier.value(tier));
    }
    const QString ownerOut = dir.file(QStringLiteral("owner"));
    const Run o = cli({QStringLiteral("qbr"), file, QStringLiteral("--all"), QStringLiteral("--owner"), owner.toUpper(), QStringLiteral("--quarter"),
                       QStringLiteral("2026Q4"), QStringLiteral("--out-dir"), ownerOut});
    CHECK(o.code == 0);
    CHECK(QDir(ownerOut).entryList({QStringLiteral("*.pdf")}, QDir::Files).size() == ownerCount);
    const Run nobody = cli({QStringLiteral("qbr"), file, QStringLiteral("--all"), QStringLiteral("--owner"), QStringLiteral("Nobody Here"),
                            QStringLiteral("--quarter"), QStringLiteral("2026Q4"), QStringLiteral("--out-dir"), ownerOut});
    CHECK(nobody.code == 1);
    CHECK(nobody.err.contains(QStringLiteral("no account is owned by 'Nobody Here'")));
}

TEST_CASE("qbr refuses bad arguments with a message and exit code 2", "[cli][qbr]")
{
    test::TempDir dir;
    const QString file = planted(dir);
    const QString pdf = dir.file(QStringLiteral("x.pdf"));
    QStringList args = qbrArgs(file, QStringLiteral("internal"), pdf);
    args[5] = QStringLiteral("2026Q5");
    Run r = cli(args);
    CHECK(r.code == 2);
    CHECK(r.err.contains(QStringLiteral("--quarter must look like 2026Q4, not '2026Q5'")));
    r = cli(qbrArgs(file, QStringLiteral("partner"), pdf));
    CHECK(r.code == 2);
    CHECK(r.err.contains(QStringLiteral("--audience must be internal or customer")));
    r = cli({QStringLiteral("qbr"), file, QStringLiteral("--quarter"), QStringLiteral("2026Q4"), QStringLiteral("--out"), pdf});
    CHECK(r.code == 2);
    CHECK(r.err.contains(QStringLiteral("give either --account NAME or --all")));
    args = qbrArgs(file, QStringLiteral("internal"), pdf);
    args << QStringLiteral("--sections") << QStringLiteral("summary,gossip");
    r = cli(args);
    CHECK(r.code == 2);
    CHECK(r.err.contains(QStringLiteral("unknown section 'gossip'")));
    CHECK_FALSE(QFile::exists(pdf));
    // Only the risk register, for the customer: nothing to say, so no PDF at all.
    args = qbrArgs(file, QStringLiteral("customer"), pdf);
    args << QStringLiteral("--sections") << QStringLiteral("risks");
    r = cli(args);
    CHECK(r.code == 2);
    CHECK(r.err.contains(QStringLiteral("nothing to say: the customer QBR of Acme Freight for 2026Q4 has no content in the sections chosen")));
    CHECK_FALSE(QFile::exists(pdf));
    // A logo that is not there, a folder, or no picture: each said as it is, once.
    const QString missing = dir.file(QStringLiteral("no-such-logo.png"));
    const QString notPicture = dir.file(QStringLiteral("notes.png"));
    {
        QFile f(notPicture);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("these are words, not pixels");
    }
    const std::pair<QString, QString> logos[] = {{missing, QStringLiteral("--logo: there is no file %1").arg(missing)},
                                                 {dir.path(), QStringLiteral("--logo: %1 is a folder, not a picture").arg(dir.path())},
                                                 {notPicture, QStringLiteral("--logo: %1 is not a PNG or JPEG picture").arg(notPicture)}};
    for (const auto &[logo, message] : logos) {
        args = qbrArgs(file, QStringLiteral("internal"), pdf);
        args << QStringLiteral("--logo") << logo;
        r = cli(args);
        INFO(r.err.toStdString());
        CHECK(r.code == 2);
        CHECK(r.err.contains(message));
        CHECK(r.err.section(QLatin1Char('\n'), 0, 0).count(QStringLiteral("--logo")) == 1); // the usage line follows
        CHECK_FALSE(r.err.contains(QStringLiteral("SVG")));
        CHECK_FALSE(QFile::exists(pdf));
    }
    // Sections chosen: only those headings.
    args = qbrArgs(file, QStringLiteral("internal"), pdf);
    args << QStringLiteral("--sections") << QStringLiteral("summary,value");
    REQUIRE(cli(args).code == 0);
    const QString text = pdfText(pdf);
    CHECK(text.contains(QStringLiteral("Executive summary")));
    CHECK(text.contains(QStringLiteral("Value delivered")));
    CHECK_FALSE(text.contains(QStringLiteral("Usage and adoption")));
}

TEST_CASE("A QBR file name stays within 255 bytes for a legal 200-character name, and long names stay apart", "[cli][qbr]")
{
    QString a, b;
    for (int i = 0; i < 199; ++i) {
        a += QString::fromUcs4(U"\u6f22", 1); // three bytes each in UTF-8
        b += QString::fromUcs4(U"\u6f22", 1);
    }
    a += QLatin1Char('A');
    b += QLatin1Char('B');
    const QString fa = services::qbrFileName(a, QStringLiteral("2026Q2"), services::QbrAudience::Internal);
    const QString fb = services::qbrFileName(b, QStringLiteral("2026Q2"), services::QbrAudience::Internal);
    CHECK(fa.toUtf8().size() <= 255);
    CHECK(fa.endsWith(QStringLiteral("-2026Q2-internal.pdf")));
    CHECK(fa != fb);
    CHECK(services::qbrFileName(QStringLiteral("Acme"), QStringLiteral("2026Q2"), services::QbrAudience::Customer) == QStringLiteral("Acme-2026Q2-customer.pdf"));
    // Quarters and --today outside the years Keystone's dates live in are refused.
    CHECK_FALSE(services::quarterRange(QStringLiteral("0000Q1")));
    CHECK(services::quarterRange(QStringLiteral("2026Q1")));
    test::TempDir dir;
    for (const char *day : {"0001-01-01", "9999-12-31"}) {
        const auto r = test::runCli({QStringLiteral("demo"), QStringLiteral("--out"), dir.file(QStringLiteral("d.keystone")), QStringLiteral("--today"),
                                     QString::fromLatin1(day)});
        CHECK(r.code == 2);
        CHECK(r.err.contains(QStringLiteral("--today must be a date from 1900-01-01 to 2200-12-31")));
    }
}

TEST_CASE("A QBR never cuts text: a long customer name stays whole on the cover, in the header and footer, on A4 and Letter", "[cli][qbr]")
{
    test::TempDir dir;
    const QString file = planted(dir);
    const QString longName =
        QStringLiteral("Brightwater Home & Garden Cooperative Holdings International Limited Partnership of Northern and Western Europe");
    {
        auto p = services::Portfolio::open(file);
        domain::Account a = p->accounts().byName(QStringLiteral("Acme Freight")).value();
        a.name = longName;
        services::AccountService(*p).update(a);
    }
    const auto squeezed = [](QString t) { return t.remove(QRegularExpression(QStringLiteral("\\s"))); };
    for (const QString &audience : {QStringLiteral("internal"), QStringLiteral("customer")})
        for (const QString &size : {QStringLiteral("a4"), QStringLiteral("letter")}) {
            INFO(audience.toStdString() << " " << size.toStdString());
            const QString pdf = dir.file(QStringLiteral("long-%1-%2.pdf").arg(audience, size));
            QStringList args = qbrArgs(file, audience, pdf);
            args[3] = longName;
            args << QStringLiteral("--page-size") << size;
            const Run r = cli(args);
            INFO(r.err.toStdString());
            REQUIRE(r.code == 0);
            const QString text = pdfText(pdf);
            CHECK_FALSE(text.contains(QStringLiteral("…")));
            // The whole name on every page (cover title, then each page's header), however
            // it wraps: count it with the white space taken out.
            const int pages = int(text.count(QLatin1Char('\f')));
            CHECK(squeezed(text).count(squeezed(longName)) >= pages);
        }
}

TEST_CASE("The 10000-account demo's 100 longest account names stay whole in every QBR of both audiences", "[cli][qbr]")
{
    QFile list(QStringLiteral(KEYSTONE_SOURCE_DIR "/tests/cli/data/demo-10k-longest-names.txt"));
    REQUIRE(list.open(QIODevice::ReadOnly | QIODevice::Text));
    QStringList names;
    for (const QString &line : QString::fromUtf8(list.readAll()).split(QLatin1Char('\n')))
        if (!line.trimmed().isEmpty() && !line.startsWith(QLatin1Char('#')))
            names << line.trimmed();
    REQUIRE(names.size() == 100);
    test::TempDir dir;
    const QString file = dir.file(QStringLiteral("names.keystone"));
    REQUIRE(cli({QStringLiteral("demo"), QStringLiteral("--out"), file, QStringLiteral("--accounts"), QStringLiteral("100"), QStringLiteral("--seed"),
                 QStringLiteral("3"), QStringLiteral("--today"), QStringLiteral("2026-11-23")})
                .code == 0);
    {
        // Each account takes one of the names (first a placeholder, so no two collide).
        auto p = services::Portfolio::open(file);
        std::vector<domain::Account> accounts = p->accounts().all();
        REQUIRE(accounts.size() == 100);
        for (size_t i = 0; i < accounts.size(); ++i) {
            accounts[i].name = QStringLiteral("Placeholder %1").arg(i);
            services::AccountService(*p).update(accounts[i]);
        }
        for (size_t i = 0; i < accounts.size(); ++i) {
            accounts[i].name = names[qsizetype(i)];
            services::AccountService(*p).update(accounts[i]);
        }
    }
    const auto squeezed = [](QString t) { return t.remove(QRegularExpression(QStringLiteral("\\s"))); };
    for (const auto &[audience, size] : {std::pair{services::QbrAudience::Internal, "a4"}, std::pair{services::QbrAudience::Customer, "letter"}}) {
        const QString audienceName = audience == services::QbrAudience::Internal ? QStringLiteral("internal") : QStringLiteral("customer");
        const QString out = dir.file(audienceName);
        REQUIRE(QDir().mkpath(out));
        const Run r = cli({QStringLiteral("qbr"), file, QStringLiteral("--all"), QStringLiteral("--out-dir"), out, QStringLiteral("--quarter"),
                           QStringLiteral("2026Q4"), QStringLiteral("--audience"), audienceName, QStringLiteral("--today"), QStringLiteral("2026-11-23"),
                           QStringLiteral("--page-size"), QString::fromLatin1(size)});
        INFO(r.err.toStdString());
        REQUIRE(r.code == 0);
        for (const QString &name : names) {
            INFO(audienceName.toStdString() << ": " << name.toStdString());
            const QString pdf = QDir(out).filePath(services::qbrFileName(name, QStringLiteral("2026Q4"), audience));
            REQUIRE(QFileInfo::exists(pdf));
            const QString text = pdfText(pdf);
            CHECK_FALSE(text.contains(QStringLiteral("…")));
            // On the cover and in every page's header, however it wraps.
            const int pages = int(text.count(QLatin1Char('\f')));
            CHECK(pages >= 2);
            CHECK(squeezed(text).count(squeezed(name)) >= pages);
        }
    }
}

TEST_CASE("A QBR's contents gives the page each section starts on", "[cli][qbr]")
{
    test::TempDir dir;
    const QString file = planted(dir);
    for (const QString &audience : {QStringLiteral("internal"), QStringLiteral("customer")}) {
        INFO(audience.toStdString());
        const QString pdf = dir.file(QStringLiteral("contents-%1.pdf").arg(audience));
        const Run r = cli(qbrArgs(file, audience, pdf));
        REQUIRE(r.code == 0);
        const QStringList pages = pdfText(pdf).split(QLatin1Char('\f'));
        REQUIRE(pages.size() > 2);
        const QStringList cover = pages.front().split(QLatin1Char('\n'));
        const qsizetype start = cover.indexOf(QRegularExpression(QStringLiteral("^\\s*Contents\\s*$")));
        REQUIRE(start >= 0);
        const QRegularExpression entry(QStringLiteral("^\\s*(\\S.*\\S)\\s+(\\d+)\\s*$"));
        int entries = 0;
        for (qsizetype i = start + 1; i < cover.size(); ++i) {
            const auto m = entry.match(cover[i]);
            if (!m.hasMatch())
                continue;
            const QString title = m.captured(1);
            const int page = m.captured(2).toInt();
            // The page where the section's heading stands as a line of its own.
            int found = 0;
            for (qsizetype p = 1; p < pages.size() && !found; ++p)
                for (const QString &line : pages[p].split(QLatin1Char('\n')))
                    if (line.trimmed() == title) {
                        found = int(p) + 1;
                        break;
                    }
            INFO(title.toStdString());
            CHECK(found == page);
            ++entries;
        }
        CHECK(entries >= 5);
    }
}

TEST_CASE("A QBR cover without highlights shows the quarter at a glance: the summary's figures", "[cli][qbr]")
{
    test::TempDir dir;
    const QString file = planted(dir);
    const QString summary = dir.file(QStringLiteral("lowlights.txt"));
    {
        QFile f(summary);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("Highlights\n\nLowlights\n- Dispatch training slipped a week\n");
    }
    for (const QString &audience : {QStringLiteral("customer"), QStringLiteral("internal")}) {
        INFO(audience.toStdString());
        const QString pdf = dir.file(QStringLiteral("glance-%1.pdf").arg(audience));
        QStringList args = qbrArgs(file, audience, pdf);
        args << QStringLiteral("--summary-file") << summary;
        const Run r = cli(args);
        INFO(r.err.toStdString());
        REQUIRE(r.code == 0);
        const QStringList pages = pdfText(pdf).split(QLatin1Char('\f'));
        REQUIRE(pages.size() >= 3);
        const QString cover = pages[0];
        CHECK(cover.contains(QStringLiteral("The quarter at a glance")));
        CHECK_FALSE(cover.contains(QStringLiteral("Highlights of the quarter")));
        CHECK_FALSE(cover.contains(QStringLiteral("Dispatch training slipped"))); // lowlights stay inside
        // The executive summary's first cards, label and value, as page 2 has them.
        const QString first = audience == QStringLiteral("customer") ? QStringLiteral("Subscription") : QStringLiteral("ARR");
        CHECK(cover.contains(first));
        CHECK(pages[1].contains(first));
        CHECK(cover.contains(QStringLiteral("Meetings this quarter")));
    }
}

TEST_CASE("qbr --summary-file keeps the written summary with the quarter, a re-export keeps it, and a bad file changes nothing", "[cli][qbr]")
{
    test::TempDir dir;
    const QString file = planted(dir);
    const auto writeText = [&](const QString &name, const QByteArray &bytes) {
        QFile f(dir.file(name));
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        return dir.file(name);
    };
    // Before: the draft, said to be one.
    const QStringList show{QStringLiteral("qbr"), file, QStringLiteral("--account"), QStringLiteral("Acme Freight"), QStringLiteral("--quarter"),
                           QStringLiteral("2026Q4"), QStringLiteral("--today"), QStringLiteral("2026-11-20"), QStringLiteral("--show-summary")};
    const Run drafted = cli(show);
    INFO(drafted.err.toStdString());
    REQUIRE(drafted.code == 0);
    CHECK(drafted.out.startsWith(QStringLiteral("# Acme Freight, 2026Q4: a draft from the data, not stored\nHighlights\n")));

    // Stored with the customer export.
    const QString summary = writeText(QStringLiteral("summary.txt"), "Highlights:\n- Second depot planned for January\n* Empty miles down three points\n\n"
                                                                      "Lowlights\n\xe2\x80\xa2 Dispatch training slipped a week\n");
    const QString customer = dir.file(QStringLiteral("customer.pdf"));
    QStringList args = qbrArgs(file, QStringLiteral("customer"), customer);
    args << QStringLiteral("--summary-file") << summary;
    const Run stored = cli(args);
    INFO(stored.err.toStdString());
    REQUIRE(stored.code == 0);
    CHECK(stored.out.contains(QStringLiteral("Stored the 2026Q4 summary of Acme Freight (2 highlights, 1 lowlights)")));
    const QString text = pdfText(customer);
    for (const QString &point : {QStringLiteral("Highlights"), QStringLiteral("Second depot planned for January"),
                                 QStringLiteral("Empty miles down three points"), QStringLiteral("Lowlights"),
                                 QStringLiteral("Dispatch training slipped a week")}) {
        INFO(point.toStdString());
        CHECK(text.contains(point));
    }
    // The cover's lower half carries the highlights (whole points).
    QProcess cover;
    cover.start(QStringLiteral("pdftotext"), {QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"), QStringLiteral("1"), customer, QStringLiteral("-")});
    REQUIRE(cover.waitForFinished(60000));
    const QString page1 = QString::fromUtf8(cover.readAllStandardOutput());
    CHECK(page1.contains(QStringLiteral("Highlights of the quarter")));
    CHECK(page1.contains(QStringLiteral("Second depot planned for January")));
    CHECK_FALSE(page1.contains(QStringLiteral("Dispatch training slipped"))); // lowlights stay inside
    // A re-export without the file keeps it; internally it is no longer called a draft.
    const QString internal = dir.file(QStringLiteral("internal.pdf"));
    REQUIRE(cli(qbrArgs(file, QStringLiteral("internal"), internal)).code == 0);
    const QString again = pdfText(internal);
    CHECK(again.contains(QStringLiteral("Dispatch training slipped a week")));
    CHECK_FALSE(again.contains(QStringLiteral("drafted from the data")));
    const Run shown = cli(show);
    CHECK(shown.out == QStringLiteral("# Acme Freight, 2026Q4: the summary as stored\nHighlights\n- Second depot planned for January\n"
                                      "- Empty miles down three points\n\nLowlights\n- Dispatch training slipped a week\n"));

    // Bad files: exit 2, the file and the line named, the portfolio as it was.
    const QStringList before = test::dumpTables(file);
    struct Bad {
        QString path;
        QString message;
    };
    const std::vector<Bad> bad{
        {writeText(QStringLiteral("nohead.txt"), "\n# notes\nSecond depot\nHighlights\n"), QStringLiteral("nohead.txt, line 3: a summary starts with a line")},
        {writeText(QStringLiteral("latin1.txt"), "Highlights\n- Caf\xe9 opened\n"), QStringLiteral("latin1.txt is not UTF-8 text")},
        {writeText(QStringLiteral("long.txt"), "Lowlights\n- " + QByteArray(401, 'x') + "\n"), QStringLiteral("Lowlights, point 1: at most 400 characters")},
        {dir.file(QStringLiteral("missing.txt")), QStringLiteral("there is no file")},
        {dir.path(), QStringLiteral("is a folder")},
    };
    for (const Bad &b : bad) {
        QStringList badArgs = qbrArgs(file, QStringLiteral("customer"), dir.file(QStringLiteral("x.pdf")));
        badArgs << QStringLiteral("--summary-file") << b.path;
        const Run r = cli(badArgs);
        INFO(b.path.toStdString() << ": " << r.err.toStdString());
        CHECK(r.code == 2);
        CHECK(r.err.contains(b.message));
        CHECK_FALSE(QFileInfo::exists(dir.file(QStringLiteral("x.pdf"))));
    }
    CHECK(test::dumpTables(file) == before);
    QStringList withAll{QStringLiteral("qbr"), file, QStringLiteral("--all"), QStringLiteral("--out-dir"), dir.file(QStringLiteral("all")),
                        QStringLiteral("--quarter"), QStringLiteral("2026Q4"), QStringLiteral("--summary-file"), summary};
    CHECK(cli(withAll).code == 2);
}

TEST_CASE("qbr --locale writes every date as the locale does, on every page, and refuses a name that is no locale", "[cli][qbr]")
{
    test::TempDir dir;
    const QString file = planted(dir);
    static const QRegularExpression isoDate(QStringLiteral("\\b\\d{4}-\\d\\d-\\d\\d\\b"));
    for (const QString &audience : {QStringLiteral("internal"), QStringLiteral("customer")}) {
        const QString pdf = dir.file(audience + QStringLiteral(".pdf"));
        QStringList args = qbrArgs(file, audience, pdf);
        args << QStringLiteral("--locale") << QStringLiteral("en_US") << QStringLiteral("--page-size") << QStringLiteral("letter");
        const Run r = cli(args);
        INFO(r.err.toStdString());
        REQUIRE(r.code == 0);
        const QString text = pdfText(pdf);
        INFO(text.toStdString());
        CHECK(text.contains(QStringLiteral("Prepared by Dana Ortiz on 11/23/2026")));
        CHECK(text.contains(QStringLiteral("10/1/2026 – 12/31/2026")));
        CHECK_FALSE(isoDate.match(text).hasMatch());
    }
    QStringList bad = qbrArgs(file, QStringLiteral("internal"), dir.file(QStringLiteral("x.pdf")));
    bad << QStringLiteral("--locale") << QStringLiteral("klingon");
    const Run refused = cli(bad);
    CHECK(refused.code == 2);
    CHECK(refused.err.contains(QStringLiteral("--locale must be a locale like en_US or de_DE, or system, not 'klingon'")));
}
