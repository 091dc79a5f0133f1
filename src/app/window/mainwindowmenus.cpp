// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// The window's menus and their actions (MainWindow::buildActions), apart from the rest of the
// window: what each does is a MainWindow slot or a controller's.
#include "window/mainwindow.h"
#include "window/teamsync.h"

#include "portfolio/portfolioview.h"
#include "window/qbrcontroller.h"
#include "widgets/colours.h"

#include "keystone/log/version.h"
#include "keystone/services/portfolio.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QKeySequence>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QTableView>
#include <QUndoGroup>

namespace keystone::app {

void MainWindow::buildActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newAct = file->addAction(tr("&New Portfolio…"), this, &MainWindow::newPortfolio);
    newAct->setShortcut(QKeySequence(tr("Ctrl+Shift+N")));
    QAction *openAct = file->addAction(tr("&Open…"), this, &MainWindow::openPortfolioDialog);
    openAct->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addAction(tr("Open &Demo Portfolio"), this, [this] { openDemo(); });
    file->addSeparator();
    QAction *copyAct = file->addAction(tr("Save a &Copy As…"), this, &MainWindow::saveCopyAs);
    copyAct->setShortcut(QKeySequence::SaveAs);
    QAction *qbrAct = file->addAction(tr("&Export QBR…"), this, &MainWindow::exportQbr);
    qbrAct->setShortcut(QKeySequence(tr("Ctrl+E")));
    qbrAct->setToolTip(tr("A quarterly business review of the selected account as PDF, with a preview"));
    QAction *qbrBatchAct = file->addAction(tr("Export QBRs for the &Book…"), m_qbr, &QbrController::chooseAndExportBatch);
    file->addSeparator();
    QAction *importCsvAct = file->addAction(tr("&Import CSV…"), this, [this] { importCsv(); });
    importCsvAct->setShortcut(QKeySequence(tr("Ctrl+I")));
    importCsvAct->setToolTip(tr("Accounts, contacts, opportunities, activities, ARR history or health inputs from a CRM export or a spreadsheet"));
    QAction *importJsonAct = file->addAction(tr("Import or &Merge JSON…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import or Merge JSON"), {}, tr("Keystone exchange (*.json);;All files (*)"));
        if (!path.isEmpty())
            importJson(path);
    });
    importJsonAct->setToolTip(tr("Plans exported from another Keystone: entities are matched by their ids and the newer side wins"));
    QAction *exportJsonAct = file->addAction(tr("Export &JSON…"), this, [this] {
        const bool selected = m_view && !m_view->selectedAccountIds().isEmpty();
        QString choice;
        if (selected) {
            bool ok = false;
            const QStringList scopes{tr("The %n selected account(s)", nullptr, int(m_view->selectedAccountIds().size())), tr("The whole portfolio")};
            choice = QInputDialog::getItem(this, tr("Export JSON"), tr("Export:"), scopes, 0, false, &ok);
            if (!ok)
                return;
            choice = choice == scopes.at(0) ? QStringLiteral("selected") : QString();
        }
        const QString path = QFileDialog::getSaveFileName(this, tr("Export JSON"),
                                                          QFileInfo(m_portfolio->path()).completeBaseName() + QStringLiteral(".json"),
                                                          tr("Keystone exchange (*.json)"));
        if (!path.isEmpty())
            exportJson(path, choice == QLatin1String("selected"));
    });
    QAction *exportTableAct = file->addAction(tr("Export &Table as CSV…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Table as CSV"), QStringLiteral("table.csv"), tr("CSV files (*.csv)"));
        if (!path.isEmpty() && !exportTableCsv(path))
            showError(tr("This page has no table to export."));
    });
    exportTableAct->setToolTip(tr("What the table on this page shows: its columns, sorted and filtered as they are"));
    file->addSeparator();
    QMenu *teamMenu = file->addMenu(tr("&Team"));
    QAction *connectAct = teamMenu->addAction(tr("&Connect to Team Book…"), this, &MainWindow::connectToTeamBook);
    QAction *syncAct = teamMenu->addAction(tr("&Sync Now"), this, [this] {
        if (m_teamSync)
            m_teamSync->syncNow();
    });
    syncAct->setShortcut(QKeySequence(tr("Ctrl+Shift+Y")));
    QAction *conflictsAct = teamMenu->addAction(tr("C&onflicts…"), this, &MainWindow::showTeamConflicts);
    QAction *disconnectAct = teamMenu->addAction(tr("&Disconnect"), this, &MainWindow::disconnectTeamBook);
    QAction *backupsAct = file->addAction(tr("&Backups…"), this, &MainWindow::showBackupsDialog);
    file->addSeparator();
    QAction *settingsAct = file->addAction(tr("Portfolio &Settings…"), this, &MainWindow::showSettingsDialog);
    QAction *closeAct = file->addAction(tr("&Close"), this, &MainWindow::closePortfolio);
    closeAct->setShortcut(QKeySequence::Close);
    file->addSeparator();
    QAction *quitAct = file->addAction(tr("&Quit"), this, &QWidget::close);
    quitAct->setShortcut(QKeySequence::Quit);
    quitAct->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undoGroup->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undoGroup->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction *addAct = edit->addAction(tr("&New Account…"), this, [this] { if (m_view) m_view->addAccount(); });
    addAct->setShortcut(QKeySequence::New);
    QAction *delAct = edit->addAction(tr("&Delete Account"), this, [this] {
        if (m_view && m_view->table()->hasFocus())
            m_view->deleteSelected();
    });
    delAct->setShortcut(QKeySequence::Delete);
    delAct->setShortcutContext(Qt::WindowShortcut);
    m_deleteAct = delAct;
    QAction *findAct = edit->addAction(tr("&Find…"), this, [this] { if (m_view) m_view->focusFilter(); });
    findAct->setShortcut(QKeySequence::Find);
    edit->addSeparator();
    QAction *teamAct = edit->addAction(tr("&Team Members…"), this, &MainWindow::showTeamDialog);
    teamAct->setShortcut(QKeySequence(tr("Ctrl+Shift+T")));
    QAction *assignAct = edit->addAction(tr("&Assign Team Member…"), this, [this] { assignTeamMember(true); });
    assignAct->setToolTip(tr("Add a CSM, SE, TAM or other team member to the selected accounts' coverage (besides the owner)"));
    QAction *unassignAct = edit->addAction(tr("Re&move Team Member…"), this, [this] { assignTeamMember(false); });
    QAction *catalogAct = edit->addAction(tr("Product &Catalog…"), this, &MainWindow::showCatalogDialog);
    QAction *scorecardAct = edit->addAction(tr("Health &Scorecards…"), this, &MainWindow::showScorecardDialog);
    edit->addSeparator();
    QAction *preferencesAct = edit->addAction(tr("Pre&ferences…"), this, &MainWindow::showPreferences);
    preferencesAct->setShortcut(QKeySequence(tr("Ctrl+,")));
    preferencesAct->setMenuRole(QAction::PreferencesRole);
    addActions({addAct, delAct, findAct, teamAct});

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QMenu *schemeMenu = view->addMenu(tr("&Colour Scheme"));
    auto *schemes = new QActionGroup(this);
    const std::pair<QString, colours::Scheme> schemeChoices[] = {
        {tr("&System"), colours::Scheme::System}, {tr("&Light"), colours::Scheme::Light}, {tr("&Dark"), colours::Scheme::Dark}};
    for (const auto &[label, scheme] : schemeChoices) {
        QAction *a = schemeMenu->addAction(label, this, [this, scheme = scheme] { setColourScheme(scheme); });
        a->setCheckable(true);
        a->setChecked(colours::current() == scheme);
        a->setData(int(scheme));
        schemes->addAction(a);
    }
    m_schemeActions = schemes->actions();

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    m_backAct = go->addAction(tr("&Back"), this, &MainWindow::goBack);
    m_backAct->setShortcut(QKeySequence::Back);
    m_backAct->setToolTip(tr("The place shown before (Alt+Left, or the mouse's back button)"));
    m_forwardAct = go->addAction(tr("&Forward"), this, &MainWindow::goForward);
    m_forwardAct->setShortcut(QKeySequence::Forward);
    QAction *quickOpenAct = go->addAction(tr("Go to &Account…"), this, [this] { showQuickOpen(); });
    quickOpenAct->setShortcut(QKeySequence(tr("Ctrl+K")));
    quickOpenAct->setToolTip(tr("Type part of an account's name, Enter opens it"));
    go->addSeparator();
    // The sidebar's views, Ctrl+1 to Ctrl+9 and Ctrl+0 in the sidebar's order.
    QList<QAction *> viewActs;
    for (int i = 0; i < m_sidebar->count(); ++i) {
        const QString key = m_sidebar->item(i)->data(Qt::UserRole).toString();
        QAction *a = go->addAction(m_sidebar->item(i)->text(), this, [this, key] { showPage(key); });
        if (i < 10)
            a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + (i + 1) % 10)));
        a->setToolTip(m_sidebar->item(i)->toolTip());
        viewActs << a;
    }
    addActions({m_backAct, m_forwardAct, quickOpenAct});
    addActions(viewActs);

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    QAction *recomputeAct = tools->addAction(tr("&Recompute Health Scores"), this, &MainWindow::recomputeHealth);
    recomputeAct->setStatusTip(tr("Scores every health snapshot of every account again from its inputs"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *helpAct = help->addAction(tr("Keystone &Help"), this, [this] { showHelp(); });
    helpAct->setShortcut(QKeySequence::HelpContents);
    helpAct->setToolTip(tr("The user guide, open at the page for the view shown"));
    help->addAction(tr("&Keyboard Shortcuts"), this, [this] { showHelp(tr("Keyboard shortcuts")); });
    help->addAction(tr("&Marks in the Tables"), this, [this] { showHelp(tr("Marks in the tables")); });
    help->addSeparator();
    addAction(helpAct);
    help->addAction(tr("&About Keystone"), this, [this] {
        QMessageBox::about(this, tr("About Keystone"),
                           tr("<h3>Keystone %1</h3><p>Account plans for account managers and team leads.</p>"
                              "<p>Every edit is saved as you make it; Undo and Redo replay them.</p>")
                               .arg(keystone::versionText().toHtmlEscaped()));
    });

    // The portfolio table's row menu: what acts on the selected accounts.
    // (Delete from the menu acts on the rows the menu was opened on; the Edit menu's Delete
    // only while the table has the focus, so Del in a text field never deletes accounts.)
    auto *rowDelAct = new QAction(tr("&Delete"), this);
    rowDelAct->setShortcut(QKeySequence::Delete);
    rowDelAct->setShortcutContext(Qt::WidgetShortcut); // shown in the menu; the table's Del is delAct
    connect(rowDelAct, &QAction::triggered, this, [this] {
        if (m_view)
            m_view->deleteSelected();
    });
    m_rowActions = {qbrAct, assignAct, unassignAct, rowDelAct};
    m_portfolioActions = {connectAct, syncAct, conflictsAct, disconnectAct, importCsvAct, importJsonAct, exportJsonAct, exportTableAct, copyAct, qbrAct, qbrBatchAct, backupsAct, settingsAct, closeAct, addAct, delAct, findAct, teamAct, assignAct, unassignAct, catalogAct, scorecardAct, recomputeAct};
    m_portfolioActions << quickOpenAct << viewActs;
    for (QAction *a : m_portfolioActions)
        a->setEnabled(false);
    updateNavigationActions();
}

} // namespace keystone::app
