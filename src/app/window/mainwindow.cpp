// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "window/mainwindow.h"
#include "widgets/colours.h"

#include "account/accountworkspace.h"
#include "book/bookloader.h"
#include "dialogs/preferencesdialog.h"
#include "book/bookwhitespacepage.h"
#include "book/teamleadpages.h"
#include "portfolio/accountform.h"
#include "portfolio/portfoliomodel.h"
#include "portfolio/portfolioview.h"
#include "widgets/backgroundtask.h"
#include "window/autobackup.h"
#include "window/teamsync.h"
#include "dialogs/teambookdialogs.h"
#include "keystone/services/syncstore.h"
#include "window/backupcontroller.h"
#include "window/bookeditcontroller.h"
#include "window/qbrcontroller.h"
#include "window/transfercontroller.h"
#include "window/welcomepage.h"

#include "keystone/demo/demogenerator.h"
#include "keystone/domain/money.h"
#include "keystone/log/log.h"
#include "keystone/services/accountservice.h"
#include "keystone/services/backups.h"
#include "keystone/services/errors.h"
#include "keystone/services/healthservice.h"
#include "keystone/services/planservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/relationshipservice.h"
#include "keystone/services/teamservice.h"
#include "keystone/services/validationerror.h"
#include "keystone/services/whitespaceservice.h"
#include "keystone/services/queries.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QUndoGroup>
#include <QUndoStack>
#include <QVBoxLayout>

// The resources live in this static library; Q_INIT_RESOURCE must run outside a namespace.
static void initKeystoneResources()
{
    Q_INIT_RESOURCE(keystone);
}

namespace keystone::app {

namespace {
const QString kFileFilter = QObject::tr("Keystone portfolios (*.keystone);;All files (*)");
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    initKeystoneResources(); // also for the tests and the benchmark, which have no main.cpp of ours
    setWindowTitle(tr("Keystone"));
    setWindowIcon(QIcon(QStringLiteral(":/keystone/keystone.svg")));
    m_undoGroup = new QUndoGroup(this);
    m_transfer = new TransferController(*this, this);
    m_qbr = new QbrController(*this, this);
    m_backups = new BackupController(*this, this);
    m_bookEdits = new BookEditController(*this, this);

    m_sidebar = new QListWidget(this);
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_sidebar->setAccessibleName(tr("Views"));
    m_sidebar->setAccessibleDescription(tr("The views of the portfolio; Ctrl+1 to Ctrl+0 choose them from anywhere"));
    m_sidebar->setFrameShape(QFrame::NoFrame);
    m_sidebar->setIconSize(QSize(18, 18));
    m_sidebar->setSpacing(2);
    auto *item = new QListWidgetItem(tr("Portfolio"), m_sidebar);
    item->setData(Qt::UserRole, QStringLiteral("portfolio"));
    item->setToolTip(tr("Every account with tier, quadrant, ARR and renewal"));
    auto *accountItem = new QListWidgetItem(tr("Account"), m_sidebar);
    accountItem->setData(Qt::UserRole, QStringLiteral("account"));
    accountItem->setToolTip(tr("The selected account: whitespace and opportunities"));
    auto *bookItem = new QListWidgetItem(tr("Book Whitespace"), m_sidebar);
    bookItem->setData(Qt::UserRole, QStringLiteral("book-whitespace"));
    bookItem->setToolTip(tr("Open whitespace of the whole book by product and industry or tier, down to the accounts"));
    const std::pair<const char *, const char *> bookViews[] = {
        {"Tier Grid", "ARR against growth potential, tiers by health band; move an account to another tier"},
        {"Health Dashboard", "Band distribution now and over 12 months, biggest decliners, accounts lacking data"},
        {"Retention", "NRR and GRR for a period, by owner and by tier, from the ARR history"},
        {"Renewals", "Renewals in the next 180 days with health, plan freshness and renewal work; overdue first"},
        {"Plan Hygiene", "Plan completeness and freshness by owner; single-threaded Tier 1 and 2 accounts"},
        {"Team", "Coverage: required FTE per role, utilisation per person, the effort matrix"},
        {"Signals", "The proactive inbox: risks and expansion hints by severity; snooze or dismiss"},
    };
    for (size_t i = 0; i < std::size(bookViews); ++i) {
        auto *viewItem = new QListWidgetItem(tr(bookViews[i].first), m_sidebar);
        viewItem->setData(Qt::UserRole, bookViewNames().at(qsizetype(i)));
        viewItem->setToolTip(tr(bookViews[i].second));
    }
    connect(m_sidebar, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *current) {
        if (QWidget *page = current ? pageFor(current->data(Qt::UserRole).toString()) : nullptr)
            m_pages->setCurrentWidget(page);
    });
    m_sidebar->setFixedWidth(170);
    m_sidebar->setStyleSheet(QStringLiteral(
        "QListWidget#sidebar { background: palette(window); font-size: 11pt; padding-top: 8px; }"
        "QListWidget#sidebar::item { padding: 6px 10px; border-radius: 4px; }"
        "QListWidget#sidebar::item:selected { background: palette(highlight); color: palette(highlighted-text); }"));

    m_pages = new QStackedWidget(this);
    m_welcome = new WelcomePage(this);
    connect(m_welcome, &WelcomePage::openDemoRequested, this, [this] { openDemo(); });
    connect(m_welcome, &WelcomePage::newRequested, this, &MainWindow::newPortfolio);
    connect(m_welcome, &WelcomePage::openRequested, this, &MainWindow::openPortfolioDialog);
    connect(m_welcome, &WelcomePage::openFileRequested, this, [this](const QString &path) { openPortfolio(path); });
    m_pages->addWidget(m_welcome);
    connect(m_pages, &QStackedWidget::currentChanged, this, &MainWindow::placeChanged);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_sidebar);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);
    m_sidebar->setVisible(false);

    m_totals = new QLabel(this);
    m_readOnly = new QLabel(this);
    colours::follow(m_readOnly, [this] { m_readOnly->setStyleSheet(QStringLiteral("color: %1; font-weight: 600;").arg(colours::inkName(colours::Ink::Caution))); });
    m_teamStatus = new QLabel(this);
    statusBar()->addPermanentWidget(m_teamStatus);
    m_teamStatusTimer = new QTimer(this);
    m_teamStatusTimer->setInterval(30 * 1000); // "Synced 2 min ago" moves on
    connect(m_teamStatusTimer, &QTimer::timeout, this, &MainWindow::updateTeamStatus);
    statusBar()->addPermanentWidget(m_readOnly);
    statusBar()->addPermanentWidget(m_totals);

    buildActions();
    // The mouse's Back and Forward side buttons, wherever in the window they are pressed.
    qApp->installEventFilter(this);
    updateRecentMenus();
    updateTitle();
    resize(1280, 800);
}

MainWindow::~MainWindow()
{
    closePortfolio();
}

QStringList MainWindow::viewNames()
{
    return QStringList{QStringLiteral("portfolio"), QStringLiteral("account"), QStringLiteral("whitespace"), QStringLiteral("opportunities"),
            QStringLiteral("book-whitespace"), QStringLiteral("relationships"), QStringLiteral("activities"),
            QStringLiteral("health"), QStringLiteral("plan"), QStringLiteral("success"), QStringLiteral("history"), QStringLiteral("snapshots"),
            QStringLiteral("scorecards"), QStringLiteral("qbr"), QStringLiteral("backups"), QStringLiteral("import"), QStringLiteral("conflicts"),
            QStringLiteral("team-connect"), QStringLiteral("quick-open"), QStringLiteral("help"), QStringLiteral("preferences")}
           + bookViewNames();
}

QStringList MainWindow::bookViewNames()
{
    return {QStringLiteral("tier-grid"), QStringLiteral("health-dashboard"), QStringLiteral("retention"), QStringLiteral("renewals"),
            QStringLiteral("hygiene"), QStringLiteral("team"), QStringLiteral("signals")};
}

BookPage *MainWindow::bookPage(const QString &key) const
{
    for (const auto &[name, page] : m_bookPages)
        if (name == key)
            return page;
    return nullptr;
}

QWidget *MainWindow::pageFor(const QString &key) const
{
    if (key == QLatin1String("portfolio"))
        return m_view;
    if (key == QLatin1String("account"))
        return m_workspace;
    if (key == QLatin1String("book-whitespace"))
        return m_bookWhitespace;
    return bookPage(key);
}

QString MainWindow::totalsText() const
{
    return m_totals->text();
}

void MainWindow::showPage(const QString &key)
{
    for (int i = 0; i < m_sidebar->count(); ++i)
        if (m_sidebar->item(i)->data(Qt::UserRole).toString() == key)
            m_sidebar->setCurrentRow(i);
    if (QWidget *page = pageFor(key))
        m_pages->setCurrentWidget(page);
}

bool MainWindow::openPortfolio(const QString &path, QString *error, bool quiet)
{
    std::unique_ptr<services::Portfolio> portfolio;
    try {
        services::OpenOptions options;
        options.verify = services::OpenOptions::Verify::Deferred; // show the book now, check the rest meanwhile
        portfolio = services::Portfolio::open(path, std::move(options));
    } catch (const services::StorageError &e) {
        log::warn(e.message());
        if (error)
            *error = e.message();
        if (e.code() == services::StorageError::Code::Corrupt && !quiet && m_interactive) {
            // Offer the newest backup that opens, saying how old its data is.
            // Only a check that found damage gets here (a file that merely cannot be read or
            // written is StorageError::Io), and replacing the user's file is never the default.
            if (const auto good = services::newestGoodBackup(path)) {
                QMessageBox box(QMessageBox::Warning, tr("Damaged Portfolio"),
                                tr("%1\n\nThe newest backup that opens was taken on %2; its data is as of then. Restore it? "
                                   "The damaged file is kept beside it as %3.damaged-<date>.")
                                    .arg(e.message(), QLocale().toString(good->takenAt, QLocale::LongFormat), QFileInfo(path).fileName()),
                                QMessageBox::NoButton, this);
                QPushButton *restore = box.addButton(tr("Restore the Backup"), QMessageBox::DestructiveRole);
                QPushButton *keep = box.addButton(tr("Leave It Closed"), QMessageBox::RejectRole);
                box.setDefaultButton(keep);
                box.setEscapeButton(keep);
                box.exec();
                if (box.clickedButton() == restore)
                    return restoreDamaged(path);
                return false;
            }
        }
        if (!quiet)
            showError(e.message());
        return false;
    }
    closePortfolio();
    try {
        return adoptPortfolio(std::move(portfolio), error, quiet);
    } catch (const services::StorageError &e) {
        // Reading the book failed after the file itself was accepted (a damaged page).
        closePortfolio();
        if (error)
            *error = e.message();
        if (!quiet)
            showError(e.message());
        else
            m_lastError = e.message();
        return false;
    }
}

bool MainWindow::adoptPortfolio(std::unique_ptr<services::Portfolio> portfolio, QString *error, bool quiet)
{
    Q_UNUSED(error)
    m_portfolio = std::move(portfolio);
    m_accounts = std::make_unique<services::AccountService>(*m_portfolio);
    m_team = std::make_unique<services::TeamService>(*m_portfolio);
    m_whitespace = std::make_unique<services::WhitespaceService>(*m_portfolio);
    m_relationships = std::make_unique<services::RelationshipService>(*m_portfolio);
    m_health = std::make_unique<services::HealthService>(*m_portfolio);
    m_plan = std::make_unique<services::PlanService>(*m_portfolio);
    m_undo = new QUndoStack(this);
    // Bounded: a day's work of steps, not every step since the window opened (each removal
    // holds what it took, so an unbounded stack grows with the session).
    m_undo->setUndoLimit(kUndoLimit);
    m_undoGroup->addStack(m_undo);
    m_undoGroup->setActiveStack(m_undo);
    m_model = new PortfolioModel(*m_portfolio, *m_accounts, m_undo, this);
    m_view = new PortfolioView(*m_portfolio, *m_accounts, *m_model, *m_undo, this);
    m_pages->addWidget(m_view);
    m_workspace = new AccountWorkspace(*m_portfolio, *m_whitespace, *m_relationships, *m_health, *m_plan, *m_undo, [this](const QString &m) { showError(m); }, this);
    m_pages->addWidget(m_workspace);
    connect(m_view, &PortfolioView::currentAccountChanged, m_workspace, &AccountWorkspace::setAccount);
    connect(m_view, &PortfolioView::openRequested, this, [this] { showPage(QStringLiteral("account")); });
    connect(m_view, &PortfolioView::currentAccountChanged, this, &MainWindow::placeChanged);
    connect(m_view, &PortfolioView::shownChanged, this, &MainWindow::updateStatus);
    m_view->setRowActions(m_rowActions);
    connect(m_workspace, &AccountWorkspace::exportQbrRequested, this, &MainWindow::exportQbr);
    m_bookWhitespace = new BookWhitespacePage(*m_portfolio, *m_model, this);
    m_pages->addWidget(m_bookWhitespace);
    connect(m_bookWhitespace, &BookWhitespacePage::openAccount, this, [this](qint64 id) {
        if (m_view->selectAccount(id)) {
            showPage(QStringLiteral("account"));
            m_workspace->showTab(AccountWorkspace::WhitespaceTab);
        }
    });
    const auto onError = [this](const QString &m) { showError(m); };
    m_bookLoader = new BookLoader(*m_portfolio, this);
    m_bookPages = {{QStringLiteral("tier-grid"), new TierGridPage(*m_bookLoader, {*m_portfolio, *m_undo, onError}, this)},
                   {QStringLiteral("health-dashboard"), new HealthDashboardPage(*m_bookLoader, *m_portfolio, this)},
                   {QStringLiteral("retention"), new RetentionPage(*m_bookLoader, this)},
                   {QStringLiteral("renewals"), new RenewalsPage(*m_bookLoader, this)},
                   {QStringLiteral("hygiene"), new HygienePage(*m_bookLoader, this)},
                   {QStringLiteral("team"), new TeamPage(*m_bookLoader, {*m_portfolio, *m_undo, onError}, this)},
                   {QStringLiteral("signals"), new SignalsPage(*m_bookLoader, {*m_portfolio, *m_undo, onError}, this)}};
    for (const auto &[name, page] : m_bookPages) {
        m_pages->addWidget(page);
        connect(page, &BookPage::openAccount, this, [this](qint64 id) {
            if (m_view->selectAccount(id))
                showPage(QStringLiteral("account"));
        });
    }
    // The portfolio table's Signals column follows every load of the book.
    connect(m_bookLoader, &BookLoader::loaded, this, [this] {
        if (m_model && m_bookLoader->data())
            m_model->setSignalCounts(m_bookLoader->openSignalCounts());
    });
    connect(m_bookLoader, &BookLoader::failed, this, [this](const QString &m) { statusBar()->showMessage(m, 10000); });
    m_bookLoader->request();
    m_history.clear();
    m_pages->setCurrentWidget(m_view);
    m_sidebar->setVisible(true);
    m_sidebar->setCurrentRow(0);
    connect(m_model, &PortfolioModel::totalsChanged, this, &MainWindow::updateStatus);
    connect(m_model, &PortfolioModel::editFailed, this, &MainWindow::showError);
    connect(m_view, &PortfolioView::errorOccurred, this, &MainWindow::showError);
    connect(m_view, &PortfolioView::message, this, [this](const QString &m) { statusBar()->showMessage(m, 5000); });
    connect(m_undo, &QUndoStack::indexChanged, this, &MainWindow::updateStatus);
    for (QAction *a : m_portfolioActions)
        a->setEnabled(true);
    // The actions on selected accounts follow the selection (nothing selected: nothing to do).
    connect(m_view->table()->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::updateTargetActions);
    connect(m_view, &PortfolioView::currentAccountChanged, this, &MainWindow::updateTargetActions);
    updateTargetActions();
    m_readOnly->setText(m_portfolio->isReadOnly() ? tr("Read-only") : QString());
    m_readOnly->setToolTip(m_portfolio->readOnlyReason());
    if (m_portfolio->isReadOnly() && !quiet)
        statusBar()->showMessage(m_portfolio->readOnlyReason());
    if (!m_portfolio->migrationBackupPath().isEmpty())
        statusBar()->showMessage(tr("Upgraded the file; the previous version is kept as %1")
                                     .arg(QFileInfo(m_portfolio->migrationBackupPath()).fileName()), 15000);
    addRecentFile(m_portfolio->path());
    updateTitle();
    updateStatus();
    m_view->table()->setFocus();
    // Where the user left this file: the view, the table's columns and sort, the split.
    restoreViewState();
    if (m_model->rowCount() > 0)
        m_view->table()->selectRow(0);
    placeChanged();
    connect(m_portfolio.get(), &services::Portfolio::accountsRemoved, this, [this](const QList<qint64> &ids) {
        for (qint64 id : ids)
            m_history.forgetAccount(id);
    });
    log::info(QStringLiteral("Opened %1 (%2 accounts)").arg(m_portfolio->path()).arg(m_model->rowCount()));
    startAutoBackup(Preferences::load());
    if (m_portfolio->openedAfterUncleanShutdown())
        statusBar()->showMessage(tr("%1 was not closed properly last time; checking the whole file in the background…")
                                     .arg(QFileInfo(m_portfolio->path()).fileName()), 15000);
    m_teamSync = new TeamSync(*m_portfolio, m_undo, this);
    connect(m_teamSync, &TeamSync::statusChanged, this, &MainWindow::updateTeamStatus);
    updateTeamStatus();
    m_teamStatusTimer->start();
    watchIntegrityCheck();
    return true;
}

bool MainWindow::createPortfolio(const QString &path, QString *error, const QString &currency)
{
    try {
        // A currency the user chose: a JSON file in another one is then refused, not adopted.
        services::Portfolio::create(path, currency, currency != QLatin1String("USD")).reset();
    } catch (const services::StorageError &e) {
        if (error)
            *error = e.message();
        showError(e.message());
        return false;
    } catch (const services::ValidationError &e) {
        if (error)
            *error = e.message();
        showError(e.message());
        return false;
    }
    return openPortfolio(path, error);
}

bool MainWindow::openDemo(int accounts, QString *error, bool quiet)
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    // A fresh demo each time; when another window has the usual one open, use a new name.
    QString path = QDir(dir).filePath(QStringLiteral("demo.keystone"));
    for (int n = 2;; ++n) {
        QLockFile probe(path + QStringLiteral(".lock"));
        if (probe.tryLock(0))
            break;
        path = QDir(dir).filePath(QStringLiteral("demo-%1.keystone").arg(n));
    }
    if (m_portfolio && m_portfolio->path() == QFileInfo(path).absoluteFilePath())
        closePortfolio();
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
    try {
        demo::DemoOptions options;
        options.accounts = accounts;
        demo::generateDemo(path, options);
    } catch (const std::exception &e) {
        const QString message = tr("Could not create the demo portfolio: %1").arg(QString::fromStdString(e.what()));
        if (error)
            *error = message;
        if (!quiet)
            showError(message);
        return false;
    }
    return openPortfolio(path, error, quiet);
}

void MainWindow::watchIntegrityCheck()
{
    // Poll without blocking: the check runs on its own connection in another thread.
    auto *timer = new QTimer(this);
    const services::Portfolio *watched = m_portfolio.get();
    connect(timer, &QTimer::timeout, this, [this, timer, watched] {
        if (m_portfolio.get() != watched) {
            timer->deleteLater();
            return;
        }
        if (!m_portfolio->integrityCheckReady())
            return;
        timer->deleteLater();
        handleIntegrityResult();
    });
    timer->start(25);
}

bool MainWindow::handleIntegrityResult()
{
    if (!m_portfolio)
        return false;
    const QStringList problems = m_portfolio->integrityProblems();
    if (problems.isEmpty()) {
        if (m_portfolio->openedAfterUncleanShutdown())
            statusBar()->showMessage(tr("Checked the whole of %1 after the unclean shutdown: no damage.")
                                         .arg(QFileInfo(m_portfolio->path()).fileName()), 10000);
        return true;
    }
    const QString message = tr("%1 is damaged (%2). It has been closed without changes; restore a backup.")
                                .arg(m_portfolio->path(), problems.mid(0, 3).join(QStringLiteral("; ")));
    closePortfolio();
    showError(message);
    return false;
}

bool MainWindow::waitForIntegrityCheck()
{
    return handleIntegrityResult();
}

void MainWindow::closePortfolio()
{
    if (!m_portfolio)
        return;
    saveViewState();
    m_navigating = true; // the pages going away are not places visited
    m_history.clear();
    for (const auto &[name, page] : m_bookPages) {
        m_pages->removeWidget(page);
        delete page;
    }
    m_bookPages.clear();
    delete m_bookLoader; // waits for a load in progress
    m_bookLoader = nullptr;
    delete m_autoBackup; // waits for a backup in progress
    m_autoBackup = nullptr;
    delete m_teamSync; // waits for a sync in progress
    m_teamSync = nullptr;
    m_teamStatusTimer->stop();
    m_teamStatus->clear();
    if (m_bookWhitespace) {
        m_pages->removeWidget(m_bookWhitespace);
        delete m_bookWhitespace;
        m_bookWhitespace = nullptr;
    }
    if (m_workspace) {
        m_pages->removeWidget(m_workspace);
        delete m_workspace;
        m_workspace = nullptr;
    }
    if (m_view) {
        m_pages->removeWidget(m_view);
        delete m_view;
        m_view = nullptr;
    }
    delete m_model;
    m_model = nullptr;
    if (m_undo) {
        m_undoGroup->removeStack(m_undo);
        delete m_undo;
        m_undo = nullptr;
    }
    m_accounts.reset();
    m_team.reset();
    m_whitespace.reset();
    m_relationships.reset();
    m_health.reset();
    m_plan.reset();
    m_portfolio.reset();
    // A close that could not complete the file (a full disk) is said, never swallowed.
    const QStringList closeFailures = services::Portfolio::takeCloseFailures();
    if (!closeFailures.isEmpty())
        showError(closeFailures.join(QLatin1Char('\n')));
    m_sidebar->setVisible(false);
    m_pages->setCurrentWidget(m_welcome);
    for (QAction *a : m_portfolioActions)
        a->setEnabled(false);
    m_readOnly->clear();
    m_navigating = false;
    updateNavigationActions();
    updateRecentMenus();
    updateTitle();
    updateStatus();
}

// The Edit and Tools menus' work on the whole book, done by its controller.
bool MainWindow::assignTeamMember(bool assign, const QString &memberName) { return m_bookEdits->assignTeamMember(assign, memberName); }
void MainWindow::showTeamDialog() { m_bookEdits->showTeamDialog(); }
void MainWindow::showSettingsDialog() { m_bookEdits->showSettingsDialog(); }
void MainWindow::showCatalogDialog() { m_bookEdits->showCatalogDialog(); }
void MainWindow::showScorecardDialog() { m_bookEdits->showScorecardDialog(); }
void MainWindow::recomputeHealth() { m_bookEdits->recomputeHealth(); }

// The File menu's work, done by the controllers.
void MainWindow::importCsv(const QString &path) { m_transfer->importCsv(path); }
std::optional<services::ExchangeReport> MainWindow::importJson(const QString &path) { return m_transfer->importJson(path); }
bool MainWindow::exportJson(const QString &path, bool selectedOnly) { return m_transfer->exportJson(path, selectedOnly); }
bool MainWindow::exportTableCsv(const QString &path) { return m_transfer->exportTableCsv(path); }
void MainWindow::announceImport(bool teamChanged) { m_transfer->announceImport(teamChanged); }
void MainWindow::exportQbr() { m_qbr->exportQbr(); }
bool MainWindow::exportQbrBatch(const QString &dir, const QString &quarter, services::QbrAudience audience)
{
    return m_qbr->exportQbrBatch(dir, quarter, audience);
}
void MainWindow::showBackupsDialog() { m_backups->showBackupsDialog(); }

void MainWindow::updateTeamStatus()
{
    m_teamStatus->setText(m_teamSync ? m_teamSync->statusLine() : QString());
}

void MainWindow::connectToTeamBook()
{
    if (!m_teamSync || !m_portfolio)
        return;
    const auto binding = services::SyncStore(*m_portfolio).binding();
    const auto c = askTeamConnection(this, binding ? binding->server : QString());
    if (!c)
        return;
    m_teamSync->setPassword(c->password);
    // The answer of this sync is shown (the person asked for it); later ones go to the status bar.
    auto *once = new QObject(this);
    connect(m_teamSync, &TeamSync::finished, once, [this, once](bool ok, const QString &message) {
        once->deleteLater();
        if (ok)
            statusBar()->showMessage(message, 10000);
        else
            showError(tr("Could not sync with the team book: %1").arg(message));
    });
    m_teamSync->syncNow(withPassword(c->url, c->password));
}

void MainWindow::showTeamConflicts()
{
    if (!m_portfolio)
        return;
    ConflictsDialog dialog(*m_portfolio, this);
    connect(&dialog, &ConflictsDialog::resolved, this, &MainWindow::updateTeamStatus);
    dialog.exec();
}

void MainWindow::disconnectTeamBook()
{
    if (!m_portfolio || !m_teamSync || !m_teamSync->isBound())
        return;
    if (QMessageBox::question(this, tr("Disconnect from the Team Book"),
                              tr("This file stops syncing with its team book. Its accounts stay as they are; changes not yet sent "
                                 "stay in the file only.")) != QMessageBox::Yes)
        return;
    services::SyncStore(*m_portfolio).unbind();
    m_portfolio->reloadTeamAccess();
    updateTeamStatus();
}
bool MainWindow::backUpNow() { return m_backups->backUpNow(); }
bool MainWindow::restoreFromBackup(const QString &backup) { return m_backups->restoreFromBackup(backup); }
bool MainWindow::restoreDamaged(const QString &path) { return m_backups->restoreDamaged(path); }

QWidget *MainWindow::currentPage()
{
    return m_pages ? m_pages->currentWidget() : nullptr;
}

void MainWindow::reportStatus(const QString &message, int timeoutMs)
{
    statusBar()->showMessage(message, timeoutMs);
}

void MainWindow::updateTitle()
{
    if (!m_portfolio) {
        setWindowTitle(tr("Keystone"));
        return;
    }
    setWindowTitle(tr("%1%2 — Keystone").arg(QFileInfo(m_portfolio->path()).fileName(),
                                              m_portfolio->isReadOnly() ? tr(" [read-only]") : QString()));
}

void MainWindow::updateTargetActions()
{
    const bool any = m_view && (m_view->currentAccountId() > 0 || !m_view->selectedAccountIds().isEmpty());
    for (QAction *a : std::as_const(m_rowActions))
        a->setEnabled(any);
    if (m_deleteAct)
        m_deleteAct->setEnabled(any);
}

void MainWindow::updateStatus()
{
    if (!m_portfolio || !m_model) {
        m_totals->clear();
        return;
    }
    const int n = m_model->rowCount();
    const QLocale c(QLocale::English);
    const QString book = tr("%1 · total ARR %2")
                             .arg(n == 1 ? tr("1 account") : tr("%1 accounts").arg(c.toString(n)),
                                  domain::formatMoney(m_model->totalArrCents(), m_model->currency()));
    // With a filter on, the figures are those of what the filter shows, and the book's beside.
    const int shown = m_view ? m_view->shownCount() : n;
    if (m_view && m_view->isFiltered() && shown >= 0 && shown != n)
        m_totals->setText(tr("Filter: %1 of %2 accounts · ARR %3 of %4")
                              .arg(c.toString(shown), c.toString(n), domain::formatMoney(m_view->shownArrCents(), m_model->currency()),
                                   domain::formatMoney(m_model->totalArrCents(), m_model->currency())));
    else
        m_totals->setText(book);
}

void MainWindow::addRecentFile(const QString &path)
{
    recentfiles::add(path);
    updateRecentMenus();
}

void MainWindow::updateRecentMenus()
{
    const QStringList files = recentfiles::existing();
    m_recentMenu->clear();
    for (const QString &f : files)
        m_recentMenu->addAction(QFileInfo(f).fileName(), this, [this, f] { openPortfolio(f); })->setToolTip(f);
    m_recentMenu->setEnabled(!files.isEmpty());
    m_welcome->setRecentFiles(files);
}

void MainWindow::showError(const QString &message)
{
    m_lastError = message;
    log::warn(QStringLiteral("Shown to the user: %1").arg(message)); // names are quoted, so the log masks them
    statusBar()->showMessage(message, 10000);
    if (m_interactive)
        QMessageBox::warning(this, tr("Keystone"), message);
}

void MainWindow::newPortfolio()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("New Portfolio"),
                                                      QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QStringLiteral("/Portfolio.keystone"),
                                                      kFileFilter);
    if (path.isEmpty())
        return;
    const QString file = path.endsWith(QLatin1String(".keystone")) ? path : path + QStringLiteral(".keystone");
    if (QFileInfo::exists(file)) {
        showError(tr("%1 already exists. Open it with File > Open, or choose another name.").arg(file));
        return;
    }
    // The portfolio's currency, once: every amount in it is in this currency. The user's
    // locale suggests it; any ISO 4217 code is taken.
    QString suggested = QLocale().currencySymbol(QLocale::CurrencyIsoCode);
    if (!domain::isKnownCurrency(suggested))
        suggested = QStringLiteral("USD");
    QStringList codes = domain::commonCurrencyCodes();
    codes.removeAll(suggested);
    codes.prepend(suggested);
    QString currency;
    for (;;) {
        bool ok = false;
        currency = QInputDialog::getItem(this, tr("New Portfolio"),
                                         tr("Currency of the portfolio's amounts (an ISO 4217 code such as USD, EUR or GBP):"),
                                         codes, 0, true, &ok)
                       .trimmed()
                       .toUpper();
        if (!ok)
            return;
        if (domain::isKnownCurrency(currency))
            break;
        showError(tr("'%1' is not an ISO 4217 currency code (such as USD, EUR or GBP).").arg(currency));
    }
    createPortfolio(file, nullptr, currency);
}

void MainWindow::openPortfolioDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Portfolio"),
                                                      QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation), kFileFilter);
    if (!path.isEmpty())
        openPortfolio(path);
}

void MainWindow::saveCopyAs()
{
    if (!m_portfolio)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save a Copy As"), m_portfolio->path(), kFileFilter);
    if (path.isEmpty())
        return;
    const QString file = path.endsWith(QLatin1String(".keystone")) ? path : path + QStringLiteral(".keystone");
    if (QFileInfo(file).absoluteFilePath() == m_portfolio->path()) {
        showError(tr("Choose a different file: this is the open portfolio."));
        return;
    }
    try {
        // Nothing is removed here: a portfolio open in another window is refused, and one
        // that is closed is kept whole beside the copy that replaces it.
        const QString kept = m_portfolio->saveCopyAs(file);
        statusBar()->showMessage(kept.isEmpty() ? tr("Saved a copy as %1").arg(file)
                                                : tr("Saved a copy as %1; the portfolio it replaced is kept as %2").arg(file, QFileInfo(kept).fileName()),
                                 8000);
    } catch (const services::StorageError &e) {
        showError(e.message());
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Commit what is typed in the detail form: closing must not lose work.
    if (m_view && m_view->form()->isDirty())
        Q_EMIT m_view->form()->applyRequested();
    QSettings settings;
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    // Closed here, while the window can still say that the file could not be completed.
    closePortfolio();
    event->accept();
}

} // namespace keystone::app
