// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "guitest.h"
#include "testsupport.h"

#include "dialogs/backupsdialog.h"
#include "window/mainwindow.h"
#include "portfolio/portfoliomodel.h"
#include "portfolio/portfolioview.h"
#include "portfolio/portfolioproxymodel.h"
#include "dialogs/qbrdialog.h"

#include "keystone/services/accountservice.h"
#include "keystone/demo/demogenerator.h"
#include "keystone/report/qbrreport.h"
#include "keystone/services/planservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/storage/backups.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QPushButton>
#include <QTimer>
#include <QMessageBox>
#include <QFile>
#include <QFileInfo>
#include <QTreeWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QUndoStack>
#include <QSettings>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace keystone;
using app::MainWindow;

namespace {

struct QbrFixture {
    guitest::FixedClock fixedClock; // first: the window and the demo read it
    test::TempDir dir;
    QString path;
    MainWindow window;

    QbrFixture()
    {
        QSettings().remove(QStringLiteral("qbr")); // start from the defaults
        path = dir.file(QStringLiteral("qbr.keystone"));
        demo::DemoOptions o;
        o.accounts = 12;
        o.seed = 4;
        o.today = guitest::testToday();
        demo::generateDemo(path, o);
        window.setInteractive(false);
        window.resize(1440, 900);
        window.show();
        REQUIRE(window.openPortfolio(path, nullptr, true));
    }
    qint64 firstAccount() { return window.portfolio()->accounts().all().front().id; }
};

// A PDF's text as pdftotext reads it (what a reader copies or searches), one string a page.
QStringList pdfPages(const QString &pdf, bool layout = false)
{
    QProcess p;
    QStringList args;
    if (layout)
        args << QStringLiteral("-layout");
    args << pdf << QStringLiteral("-");
    p.start(QStringLiteral("pdftotext"), args);
    REQUIRE(p.waitForFinished(60000));
    REQUIRE(p.exitCode() == 0);
    return QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\f'));
}

} // namespace

TEST_CASE("The Export QBR dialog previews the pages, follows the audience and sections, and saves the PDF", "[gui][qbr]")
{
    QbrFixture f;
    app::QbrDialog dialog(*f.window.portfolio(), f.firstAccount(), guitest::testToday(), &f.window);
    auto *quarter = dialog.findChild<QComboBox *>(QStringLiteral("quarterCombo"));
    auto *audience = dialog.findChild<QComboBox *>(QStringLiteral("audienceCombo"));
    auto *pageSize = dialog.findChild<QComboBox *>(QStringLiteral("pageSizeCombo"));
    auto *sections = dialog.findChild<QListWidget *>(QStringLiteral("sectionsList"));
    auto *pages = dialog.findChild<QLabel *>(QStringLiteral("pagesLabel"));
    REQUIRE((quarter && audience && pageSize && sections && pages));
    CHECK(quarter->currentText() == domain::quarterLabel(guitest::testToday()));
    const int internalPages = dialog.previewPages();
    CHECK(internalPages >= 3); // the cover and the parts
    CHECK(pages->text().startsWith(QStringLiteral("%1 pages, internal").arg(internalPages)));

    // Customer: the risk register is not a section of it.
    audience->setCurrentIndex(1);
    dialog.refreshPreview();
    CHECK(dialog.options().audience == services::QbrAudience::Customer);
    const auto data = services::buildQbr(*f.window.portfolio(), f.firstAccount(), dialog.options());
    CHECK(std::none_of(data.parts.begin(), data.parts.end(), [](const services::QbrPart &p) { return p.section == services::QbrSection::Risks; }));
    CHECK(dialog.previewPages() == report::qbrPageCount(data, dialog.style()));

    // Only the summary: two pages (cover and one page of summary).
    for (int i = 1; i < sections->count(); ++i)
        sections->item(i)->setCheckState(Qt::Unchecked);
    dialog.refreshPreview();
    CHECK(dialog.previewPages() == 2);

    // A bad quarter is refused with the field named; nothing can be saved.
    quarter->setEditText(QStringLiteral("2026Q7"));
    dialog.refreshPreview();
    CHECK(dialog.errorText().startsWith(QStringLiteral("Quarter: '2026Q7' is not a quarter")));
    CHECK(dialog.previewPages() == 0);
    const QString pdf = f.dir.file(QStringLiteral("one.pdf"));
    CHECK_FALSE(dialog.saveTo(pdf));
    CHECK_FALSE(QFile::exists(pdf));

    quarter->setEditText(domain::quarterLabel(guitest::testToday().addMonths(-3)));
    pageSize->setCurrentIndex(1); // Letter
    dialog.refreshPreview();
    CHECK(dialog.errorText().isEmpty());
    REQUIRE(dialog.saveTo(pdf));
    QFile file(pdf);
    REQUIRE(file.open(QIODevice::ReadOnly));
    CHECK(file.read(5) == QByteArray("%PDF-"));
    // The choices are kept for the next export and the batch.
    CHECK(app::savedAudience() == services::QbrAudience::Customer);
    CHECK(app::savedReportStyle().pageSize == report::PageSize::Letter);
}

TEST_CASE("The Export QBR dialog drafts the summary, previews the edits and keeps them with the quarter when the PDF is saved, as one undo step",
          "[gui][qbr]")
{
    QbrFixture f;
    const qint64 id = f.firstAccount();
    const QString quarter = domain::quarterLabel(guitest::testToday());
    app::QbrDialog dialog(*f.window.portfolio(), id, guitest::testToday(), &f.window, f.window.undoStack());
    auto *high = dialog.findChild<QPlainTextEdit *>(QStringLiteral("highlightsEdit"));
    auto *low = dialog.findChild<QPlainTextEdit *>(QStringLiteral("lowlightsEdit"));
    auto *state = dialog.findChild<QLabel *>(QStringLiteral("summaryState"));
    REQUIRE((high && low && state));
    // Nothing stored: the boxes hold the draft, the same the service makes.
    services::QbrOptions o = dialog.options();
    o.summary.reset();
    const domain::QbrSummary draft = services::draftQbrSummary(*f.window.portfolio(), id, o);
    CHECK(high->toPlainText() == draft.highlights.join(QLatin1Char('\n')));
    CHECK(low->toPlainText() == draft.lowlights.join(QLatin1Char('\n')));
    CHECK(state->text() == QStringLiteral("A draft from the data."));
    CHECK_FALSE(dialog.summaryEdited());

    // Edited: the preview's data carries the edits at once, the file nothing yet.
    high->setPlainText(QStringLiteral("Go-live on time\n\n  Audit findings down  "));
    low->setPlainText(QStringLiteral("One failed sync"));
    CHECK(dialog.summaryEdited());
    CHECK(state->text().startsWith(QStringLiteral("Edited")));
    dialog.refreshPreview();
    const auto shown = services::buildQbr(*f.window.portfolio(), id, dialog.options());
    CHECK(shown.summary.highlights == QStringList{QStringLiteral("Go-live on time"), QStringLiteral("Audit findings down")});
    services::PlanService plans(*f.window.portfolio());
    CHECK_FALSE(plans.qbrSummary(id, quarter));

    // Saved: the PDF, then the summary, as one step on the window's undo stack.
    const int steps = f.window.undoStack()->count();
    REQUIRE(dialog.saveTo(f.dir.file(QStringLiteral("edited.pdf"))));
    const auto stored = plans.qbrSummary(id, quarter);
    REQUIRE(stored);
    CHECK(stored->highlights == QStringList{QStringLiteral("Go-live on time"), QStringLiteral("Audit findings down")});
    CHECK(stored->lowlights == QStringList{QStringLiteral("One failed sync")});
    CHECK(f.window.undoStack()->count() == steps + 1);
    CHECK(state->text() == QStringLiteral("As kept with %1.").arg(quarter));
    // A second dialog opens on the stored summary; the Draft button brings the draft back.
    {
        app::QbrDialog again(*f.window.portfolio(), id, guitest::testToday(), &f.window, f.window.undoStack());
        auto *h = again.findChild<QPlainTextEdit *>(QStringLiteral("highlightsEdit"));
        CHECK(h->toPlainText() == QStringLiteral("Go-live on time\nAudit findings down"));
        again.draftSummary();
        CHECK(h->toPlainText() == draft.highlights.join(QLatin1Char('\n')));
    }
    // Undo: nothing stored, as before; redo: stored again.
    f.window.undoStack()->undo();
    CHECK_FALSE(plans.qbrSummary(id, quarter));
    f.window.undoStack()->redo();
    CHECK(plans.qbrSummary(id, quarter).has_value());
    CHECK(f.window.lastError().isEmpty());
}

TEST_CASE("Export QBRs for the Book writes one PDF per account the filter shows", "[gui][qbr]")
{
    QbrFixture f;
    app::PortfolioView *view = f.window.findChild<app::PortfolioView *>();
    REQUIRE(view);
    const QString word = f.window.portfolio()->accounts().all().front().name.section(QLatin1Char(' '), 0, 0);
    view->filterEdit()->setText(word);
    QTRY_VERIFY(view->proxy()->rowCount() > 0);
    const int shown = view->proxy()->rowCount();
    REQUIRE(shown < 12);
    const QString out = f.dir.file(QStringLiteral("book"));
    REQUIRE(f.window.exportQbrBatch(out, domain::quarterLabel(guitest::testToday()), services::QbrAudience::Internal));
    const QStringList files = QDir(out).entryList({QStringLiteral("*.pdf")}, QDir::Files);
    CHECK(files.size() == shown);
    for (const QString &name : files)
        CHECK(name.endsWith(QStringLiteral("-%1-internal.pdf").arg(domain::quarterLabel(guitest::testToday()))));
    CHECK_FALSE(f.window.exportQbrBatch(out, QStringLiteral("soon"), services::QbrAudience::Internal));
    CHECK(f.window.lastError().contains(QStringLiteral("'soon' is not a quarter")));
}

TEST_CASE("File > Backups: Back Up Now writes a verified copy and Restore brings it back in place", "[gui][backup]")
{
    QbrFixture f;
    REQUIRE(f.window.backUpNow());
    auto backups = storage::listBackups(f.path);
    REQUIRE(backups.size() == 1);
    const QString backup = backups.front().path;
    app::BackupsDialog dialog(f.path, {}, &f.window);
    CHECK(dialog.list()->topLevelItemCount() == 1);

    domain::Account a;
    a.name = QStringLiteral("Added After Backup");
    services::AccountService(*f.window.portfolio()).create(a);
    CHECK(f.window.portfolioModel()->rowCount() == 13);

    REQUIRE(f.window.restoreFromBackup(backup));
    REQUIRE(f.window.portfolio());
    CHECK(f.window.portfolio()->path() == QFileInfo(f.path).absoluteFilePath());
    CHECK(f.window.portfolioModel()->rowCount() == 12);
    CHECK_FALSE(f.window.portfolio()->accounts().byName(QStringLiteral("Added After Backup")));
    const QStringList replaced = QFileInfo(f.path).absoluteDir().entryList({QFileInfo(f.path).fileName() + QStringLiteral(".replaced-*")}, QDir::Files);
    CHECK(replaced.size() >= 1);
}

TEST_CASE("Enter on the Damaged Portfolio question keeps the file: restoring is never the default", "[gui][backup]")
{
    QbrFixture f;
    REQUIRE(f.window.backUpNow());
    f.window.closePortfolio();
    {
        QFile file(f.path);
        REQUIRE(file.open(QIODevice::ReadWrite));
        REQUIRE(file.resize(file.size() / 2));
    }
    const QByteArray damagedBytes = test::fileHash(f.path);
    f.window.setInteractive(true);
    QString defaultText;
    QTimer::singleShot(0, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        REQUIRE(box);
        REQUIRE(box->defaultButton());
        defaultText = box->defaultButton()->text();
        QTest::keyClick(box, Qt::Key_Return); // the user presses Enter
    });
    CHECK_FALSE(f.window.openPortfolio(f.path));
    f.window.setInteractive(false);
    CHECK(defaultText == QStringLiteral("Leave It Closed"));
    CHECK(test::fileHash(f.path) == damagedBytes); // not replaced
    CHECK(QFileInfo(f.path).absoluteDir().entryList({QFileInfo(f.path).fileName() + QStringLiteral(".damaged-*")}, QDir::Files).isEmpty());
}

TEST_CASE("A damaged portfolio is restored from the newest backup that opens, the damaged file kept", "[gui][backup]")
{
    QbrFixture f;
    REQUIRE(f.window.backUpNow());
    f.window.closePortfolio();
    {
        QFile file(f.path);
        REQUIRE(file.open(QIODevice::ReadWrite));
        REQUIRE(file.resize(file.size() / 2));
    }
    CHECK_FALSE(f.window.openPortfolio(f.path, nullptr, true)); // refused, no question asked offscreen
    REQUIRE(f.window.restoreDamaged(f.path));
    REQUIRE(f.window.portfolio());
    CHECK(f.window.portfolioModel()->rowCount() == 12);
    const QStringList damaged = QFileInfo(f.path).absoluteDir().entryList({QFileInfo(f.path).fileName() + QStringLiteral(".damaged-*")}, QDir::Files);
    CHECK(damaged.size() == 1);
}

TEST_CASE("Text copied out of a QBR PDF has no ligature glyphs: 'fi' and 'fl' read as two letters", "[gui][qbr][layout]")
{
    test::TempDir dir;
    services::QbrData d;
    d.account = QStringLiteral("Fjordfield Office Supplies");
    d.quarter = QStringLiteral("2026Q4");
    services::QbrPart part;
    part.title = QStringLiteral("Confidence and findings");
    services::QbrBlock text;
    text.kind = services::QbrBlock::Kind::Paragraph;
    text.text = QStringLiteral("Sofia Figueroa confirmed the fluent workflow; the affiliate's office staff finished the shuffle.");
    part.blocks.push_back(text);
    services::QbrBlock table;
    table.kind = services::QbrBlock::Kind::Table;
    table.table.headers = {QStringLiteral("Profile"), QStringLiteral("Effect")};
    table.table.widths = {1, 1};
    table.table.rows.push_back({QStringLiteral("Filippa Wolff"), QStringLiteral("Trend flat, efficient")});
    part.blocks.push_back(table);
    d.parts.push_back(part);
    const QString pdf = dir.file(QStringLiteral("ligatures.pdf"));
    QFile f(pdf);
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(report::qbrPdf(d, {}));
    f.close();
    const QString all = pdfPages(pdf).join(QLatin1Char('\n'));
    for (const char *words : {"Fjordfield Office Supplies", "Confidence and findings", "Sofia Figueroa", "fluent workflow", "affiliate's office staff",
                              "finished the shuffle", "Filippa Wolff", "Trend flat, efficient"})
        CHECK(all.contains(QString::fromUtf8(words)));
    // U+FB00 to U+FB06: ff, fi, fl, ffi, ffl, long st, st.
    static const QRegularExpression ligature(QStringLiteral("[\\x{FB00}-\\x{FB06}]"));
    CHECK_FALSE(all.contains(ligature));
}

TEST_CASE("A QBR table breaks over pages with at least three rows on each side of every break", "[gui][qbr][layout]")
{
    test::TempDir dir;
    int splitTables = 0;
    // Tables of many lengths, after a paragraph of many lengths: somewhere the natural break
    // would leave one or two rows alone.
    for (int rows = 4; rows <= 80; rows += 3) {
        for (int lead = 0; lead < 3; ++lead) {
            services::QbrData d;
            d.account = QStringLiteral("Layout Check");
            d.quarter = QStringLiteral("2026Q4");
            services::QbrPart part;
            part.title = QStringLiteral("Section");
            services::QbrBlock intro;
            intro.kind = services::QbrBlock::Kind::Paragraph;
            intro.text = QString(QStringLiteral("Words to push the table down the page. ")).repeated(8 + 25 * lead);
            part.blocks.push_back(intro);
            services::QbrBlock table;
            table.kind = services::QbrBlock::Kind::Table;
            table.table.headers = {QStringLiteral("Item"), QStringLiteral("Note")};
            table.table.widths = {1, 3};
            for (int r = 1; r <= rows; ++r)
                table.table.rows.push_back({QStringLiteral("Row%1").arg(r, 3, 10, QLatin1Char('0')), QStringLiteral("a note")});
            part.blocks.push_back(table);
            d.parts.push_back(part);
            const QString pdf = dir.file(QStringLiteral("t-%1-%2.pdf").arg(rows).arg(lead));
            QFile f(pdf);
            REQUIRE(f.open(QIODevice::WriteOnly));
            f.write(report::qbrPdf(d, {}));
            f.close();
            const QStringList pages = pdfPages(pdf, true);
            std::vector<int> perPage;
            int seen = 0;
            for (const QString &page : pages) {
                const int n = int(page.count(QRegularExpression(QStringLiteral("Row\\d{3}"))));
                if (n > 0)
                    perPage.push_back(n);
                seen += n;
            }
            INFO(rows << " rows after lead " << lead);
            CHECK(seen == rows);
            if (perPage.size() > 1) {
                ++splitTables;
                for (int n : perPage)
                    CHECK(n >= 3);
            }
        }
    }
    CHECK(splitTables > 10);
}

TEST_CASE("A long QBR paragraph breaks between lines, two at least on each side, and loses no word even when longer than a page",
          "[gui][qbr][layout]")
{
    test::TempDir dir;
    for (int lead = 0; lead < 4; ++lead) {
        services::QbrData d;
        d.account = QStringLiteral("Layout Check");
        d.quarter = QStringLiteral("2026Q4");
        services::QbrPart part;
        part.title = QStringLiteral("Section");
        services::QbrBlock intro;
        intro.kind = services::QbrBlock::Kind::Paragraph;
        intro.text = QString(QStringLiteral("Words to push the notes down the page. ")).repeated(10 + 30 * lead);
        part.blocks.push_back(intro);
        services::QbrBlock notes;
        notes.kind = services::QbrBlock::Kind::Paragraph;
        QStringList words;
        for (int i = 1; i <= 900; ++i)
            words << QStringLiteral("W%1").arg(i, 4, 10, QLatin1Char('0'));
        notes.text = words.join(QLatin1Char(' '));
        part.blocks.push_back(notes);
        d.parts.push_back(part);
        const QString pdf = dir.file(QStringLiteral("p-%1.pdf").arg(lead));
        QFile f(pdf);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(report::qbrPdf(d, {}));
        f.close();
        const QStringList pages = pdfPages(pdf);
        static const QRegularExpression word(QStringLiteral("W(\\d{4})"));
        std::vector<int> seen;
        std::vector<int> perPage;
        int firstPage = -1;
        for (int i = 0; i < int(pages.size()); ++i) {
            int n = 0;
            for (auto it = word.globalMatch(pages[i]); it.hasNext(); ++n)
                seen.push_back(it.next().captured(1).toInt());
            if (n > 0 && firstPage < 0)
                firstPage = i;
            if (n > 0)
                perPage.push_back(n);
        }
        INFO("lead " << lead);
        // Every word, once, in order: nothing cut off at a page's foot.
        REQUIRE(seen.size() == 900);
        for (int i = 0; i < 900; ++i)
            CHECK(seen[size_t(i)] == i + 1);
        // The notes start on the first page of the section (page 2), right after the lead.
        CHECK(firstPage == 1);
        CHECK(perPage.size() >= 2);
        for (int n : perPage)
            CHECK(n >= 12); // two lines of these words at least (about 11 words a line)
    }
}
