// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "widgets/colours.h"
#include "window/navigationhistory.h"

#include <QPointer>

#include "window/windowcontext.h"

#include "keystone/services/qbr.h"

#include "keystone/services/exchangeservice.h"

#include <QMainWindow>
#include <QStringList>

#include <memory>

class QLabel;
class QTimer;
class QListWidget;
class QMenu;
class QStackedWidget;
class QUndoGroup;
class QUndoStack;

namespace keystone::services {
class Portfolio;
class AccountService;
class HealthService;
class PlanService;
class RelationshipService;
class TeamService;
class WhitespaceService;
} // namespace keystone::services

namespace keystone::app {

class AccountWorkspace;
class HelpWindow;
class AutoBackup;
struct Preferences;
class TeamSync;
class BackupController;
class BookEditController;
class WelcomePage;
class QbrController;
class TransferController;
class BookLoader;
class BookPage;
class BookWhitespacePage;
class PortfolioModel;
class PortfolioView;

// The main window: File and Edit menus, the navigation sidebar, the pages, and the status
// bar. One portfolio is open at a time; every edit goes through its undo stack.
// The File, Edit and Tools menus' work is done by controllers the window composes
// (TransferController, QbrController, BackupController, BookEditController), which see the
// window only as a WindowContext; the
// public functions below that belong to them hand on to them.
class MainWindow final : public QMainWindow, private WindowContext
{
    Q_OBJECT
public:
    // The undo stack keeps this many steps; older ones are let go.
    static constexpr int kUndoLimit = 500;

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a portfolio; on failure tells the user why (or returns the message in `error`
    // without a dialog when `quiet`) and keeps the current one.
    bool openPortfolio(const QString &path, QString *error = nullptr, bool quiet = false);
    // Creates an empty portfolio in `currency` (an ISO 4217 code) and opens it.
    bool createPortfolio(const QString &path, QString *error = nullptr, const QString &currency = QStringLiteral("USD"));
    bool openDemo(int accounts = 60, QString *error = nullptr, bool quiet = false);
    void closePortfolio();
    // Waits for the background integrity check of the open portfolio (tests, screenshots);
    // false when it found damage (the portfolio is then closed and the error shown).
    bool waitForIntegrityCheck();

    // Sidebar views by their --view name ("portfolio"); false for an unknown name.
    static QStringList viewNames();
    bool showView(const QString &name);
    // The --view name of the page shown ("account" for an account's page); empty with none.
    QString currentViewName() const;
    // Go > Back and Forward through the places visited (Alt+Left/Right, mouse side buttons).
    bool goBack();
    bool goForward();
    const NavigationHistory &history() const { return m_history; }
    // Go > Go to Account… (Ctrl+K): the quick-open box; `text` is typed into it (tests).
    void showQuickOpen(const QString &text = {});
    // Help > Keystone Help (F1): the guide at `section`, or at the page for the view shown.
    HelpWindow *showHelp(const QString &section = {});
    // View > Colour Scheme: applies it, remembers it for the next start, and redraws the
    // views (the book's pages build their coloured rows again).
    void setColourScheme(colours::Scheme scheme);
    // Edit > Preferences…; applyPreferences stores them and puts them in force at once (the
    // scheme, the automatic backup of the open portfolio).
    void showPreferences();
    void applyPreferences(const Preferences &preferences);
    // The sidebar's views as (key, title), in order.
    QList<QPair<QString, QString>> sidebarViews() const;
    bool selectAccountByName(const QString &name);
    // The status bar's figures ("80 accounts · total ARR $…", or the filter's).
    QString totalsText() const;

    // Non-interactive (tests, --screenshot): errors go to the log and the status bar, and are
    // kept in lastError(), instead of a modal message box.
    void setInteractive(bool interactive) { m_interactive = interactive; }
    QString lastError() const { return m_lastError; }

    services::Portfolio *portfolio() const { return m_portfolio.get(); }
    PortfolioModel *portfolioModel() const { return m_model; }
    PortfolioView *portfolioView() const { return m_view; }
    AccountWorkspace *accountWorkspace() const { return m_workspace; }
    BookWhitespacePage *bookWhitespace() const { return m_bookWhitespace; }
    BookLoader *bookLoader() const { return m_bookLoader; }
    AutoBackup *autoBackup() const { return m_autoBackup; }
    // A team-lead view by its key ("tier-grid", "health-dashboard", "retention", "renewals",
    // "hygiene", "team", "signals"); nullptr when no portfolio is open.
    BookPage *bookPage(const QString &key) const;
    static QStringList bookViewNames();
    QUndoStack *undoStack() const { return m_undo; }
    services::TeamService *teamService() const { return m_team.get(); }
    void showTeamDialog();
    // Adds (or removes) a team member to the coverage of the selected accounts, besides the
    // owner; one undo step. `memberName` skips the question (tests).
    bool assignTeamMember(bool assign, const QString &memberName = {});
    void showSettingsDialog();
    void startAutoBackup(const Preferences &preferences); // or stops it, as they say
    void showCatalogDialog();
    void showScorecardDialog();
    // File > Export QBR… for the account shown; File > Export QBRs… for the table's accounts
    // (the selection, or every account the filter shows) into a folder, in the background.
    void exportQbr();
    // File > Backups…: list, Back Up Now (in the background), Restore (closes, restores, reopens).
    void showBackupsDialog();
    // File > Team (docs/team.md): connect the open portfolio to a team book (and sync), list
    // and resolve conflicts, disconnect.
    void connectToTeamBook();
    void showTeamConflicts();
    void disconnectTeamBook();
    TeamSync *teamSync() const { return m_teamSync; }
    bool backUpNow();
    bool restoreFromBackup(const QString &backup);
    // A damaged file: puts the newest backup that opens in its place (the damaged file kept
    // as NAME.damaged-<timestamp>) and opens it. Opening a damaged file offers this.
    bool restoreDamaged(const QString &path);
    bool exportQbrBatch(const QString &dir, const QString &quarter, services::QbrAudience audience);
    // Tools > Recompute Health Scores: every stored score, on a worker, with progress and cancel.
    void recomputeHealth();
    // File > Import CSV…: the import dialog (on `path` when given).
    void importCsv(const QString &path = {});
    // File > Import or Merge JSON…: a dry run first (what would be added, updated, kept and
    // which fields conflict), then, when confirmed, the import on a worker. Returns the
    // report of the import (nullopt when it did not run).
    std::optional<services::ExchangeReport> importJson(const QString &path);
    // File > Export JSON…: the whole portfolio, or the selected accounts.
    bool exportJson(const QString &path, bool selectedOnly);
    // File > Export Table as CSV…: the table of the page shown, as it shows it (its
    // columns in their order, its rows as sorted and filtered). False when the page has none.
    bool exportTableCsv(const QString &path);
    // After an import: every view reads what changed again.
    void announceImport(bool teamChanged);
    services::WhitespaceService *whitespaceService() const { return m_whitespace.get(); }
    services::RelationshipService *relationshipService() const { return m_relationships.get(); }
    services::HealthService *healthService() const { return m_health.get(); }
    services::PlanService *planService() const { return m_plan.get(); }

protected:
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // WindowContext, for the controllers.
    QWidget *dialogParent() override { return this; }
    QUndoStack *currentUndoStack() override { return m_undo; }
    services::TeamService *currentTeamService() override { return m_team.get(); }
    services::WhitespaceService *currentWhitespaceService() override { return m_whitespace.get(); }
    services::Portfolio *currentPortfolio() override { return m_portfolio.get(); }
    PortfolioModel *currentModel() override { return m_model; }
    PortfolioView *currentView() override { return m_view; }
    QWidget *currentPage() override;
    bool isInteractive() const override { return m_interactive; }
    void reportError(const QString &message) override { showError(message); }
    void reportStatus(const QString &message, int timeoutMs) override;
    void statusChanged() override { updateStatus(); }
    void closeCurrent() override { closePortfolio(); }
    bool reopen(const QString &path) override { return openPortfolio(path); }

    void buildActions();
    QWidget *pageFor(const QString &key) const; // sidebar key -> page (null without a portfolio)
    void showPage(const QString &key);
    bool adoptPortfolio(std::unique_ptr<services::Portfolio> portfolio, QString *error, bool quiet);
    void watchIntegrityCheck();
    bool handleIntegrityResult(); // closes a damaged portfolio and says why
    void updateTitle();
    void updateStatus();
    void updateTargetActions();
    void placeChanged(); // records the page and account shown in the history
    void goTo(const NavigationHistory::Place &place);
    void updateNavigationActions();
    void saveViewState();    // what the user left for this file: view, columns, sort, split
    void restoreViewState(); // Export QBR, Assign, Delete: enabled with an account to act on
    void updateRecentMenus();
    void addRecentFile(const QString &path);
    void showError(const QString &message);
    void newPortfolio();
    void openPortfolioDialog();
    void saveCopyAs();

    std::unique_ptr<services::Portfolio> m_portfolio;
    std::unique_ptr<services::AccountService> m_accounts;
    std::unique_ptr<services::TeamService> m_team;
    std::unique_ptr<services::WhitespaceService> m_whitespace;
    std::unique_ptr<services::RelationshipService> m_relationships;
    std::unique_ptr<services::HealthService> m_health;
    std::unique_ptr<services::PlanService> m_plan;
    AccountWorkspace *m_workspace = nullptr;
    BookWhitespacePage *m_bookWhitespace = nullptr;
    BookLoader *m_bookLoader = nullptr;
    AutoBackup *m_autoBackup = nullptr;
    TeamSync *m_teamSync = nullptr;
    QLabel *m_teamStatus = nullptr;
    QTimer *m_teamStatusTimer = nullptr;
    void updateTeamStatus();
    std::vector<std::pair<QString, BookPage *>> m_bookPages;
    QUndoStack *m_undo = nullptr;
    PortfolioModel *m_model = nullptr;
    PortfolioView *m_view = nullptr;

    QListWidget *m_sidebar = nullptr;
    QStackedWidget *m_pages = nullptr;
    WelcomePage *m_welcome = nullptr;
    QLabel *m_totals = nullptr;
    QLabel *m_readOnly = nullptr;
    QMenu *m_recentMenu = nullptr;
    QList<QAction *> m_portfolioActions; // enabled only while a portfolio is open
    QAction *m_deleteAct = nullptr;
    QAction *m_backAct = nullptr;
    QList<QAction *> m_schemeActions;
    QAction *m_forwardAct = nullptr;
    NavigationHistory m_history;
    QPointer<HelpWindow> m_help; // one help window, reused
    bool m_navigating = false; // going back or forward (or closing): not a visit
    QList<QAction *> m_rowActions;       // the portfolio table's row menu, after Open and Copy
    QUndoGroup *m_undoGroup = nullptr;
    bool m_interactive = true;
    TransferController *m_transfer = nullptr;
    QbrController *m_qbr = nullptr;
    BackupController *m_backups = nullptr;
    BookEditController *m_bookEdits = nullptr;
    QString m_lastError;
};

} // namespace keystone::app
