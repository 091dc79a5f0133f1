// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Getting around the window (MainWindow's navigation, apart from the rest of it): the places
// visited (Back, Forward, the mouse's side buttons), Go to Account, the help window at the
// page for the view shown, the colour scheme, and what the window remembers of each file.
#include "window/mainwindow.h"

#include "account/accountworkspace.h"
#include "book/bookloader.h"
#include "dialogs/helpwindow.h"
#include "dialogs/preferencesdialog.h"
#include "window/autobackup.h"
#include "dialogs/quickopendialog.h"
#include "portfolio/portfolioview.h"

#include "keystone/services/portfolio.h"
#include "keystone/services/queries.h"

#include <QAction>
#include <QCryptographicHash>
#include <QFileInfo>
#include <QLineEdit>
#include <QListWidget>
#include <QMouseEvent>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>

#include <iterator>

namespace keystone::app {

QString MainWindow::currentViewName() const
{
    QWidget *shown = m_pages->currentWidget();
    if (!shown || !m_portfolio)
        return {};
    for (const QString &key : viewNames())
        if (pageFor(key) == shown)
            return key;
    return {};
}

bool MainWindow::showView(const QString &name)
{
    if (!viewNames().contains(name) || !m_portfolio)
        return false;
    const bool onAccount = name == QLatin1String("account") || name == QLatin1String("whitespace") || name == QLatin1String("opportunities")
                           || name == QLatin1String("relationships") || name == QLatin1String("activities")
                           || name == QLatin1String("health") || name == QLatin1String("plan") || name == QLatin1String("history")
                           || name == QLatin1String("snapshots") || name == QLatin1String("success");
    // "scorecards" and "qbr" are dialogs over the portfolio (for --screenshot).
    const bool dialog = name == QLatin1String("scorecards") || name == QLatin1String("qbr") || name == QLatin1String("backups")
                        || name == QLatin1String("import") || name == QLatin1String("conflicts") || name == QLatin1String("team-connect")
                        || name == QLatin1String("quick-open") || name == QLatin1String("help") || name == QLatin1String("preferences");
    showPage(onAccount ? QStringLiteral("account") : dialog ? QStringLiteral("portfolio") : name);
    if (name == QLatin1String("whitespace"))
        m_workspace->showTab(AccountWorkspace::WhitespaceTab);
    else if (name == QLatin1String("opportunities"))
        m_workspace->showTab(AccountWorkspace::OpportunitiesTab);
    else if (name == QLatin1String("relationships"))
        m_workspace->showTab(AccountWorkspace::RelationshipsTab);
    else if (name == QLatin1String("activities"))
        m_workspace->showTab(AccountWorkspace::ActivitiesTab);
    else if (name == QLatin1String("health"))
        m_workspace->showTab(AccountWorkspace::HealthTab);
    else if (name == QLatin1String("history"))
        m_workspace->showTab(AccountWorkspace::HistoryTab);
    else if (name == QLatin1String("success"))
        m_workspace->showTab(AccountWorkspace::SuccessTab);
    else if (name == QLatin1String("snapshots"))
        m_workspace->showTab(AccountWorkspace::SnapshotsTab);
    else if (name == QLatin1String("plan") || name == QLatin1String("account"))
        m_workspace->showTab(AccountWorkspace::PlanTab);
    return true;
}

bool MainWindow::selectAccountByName(const QString &name)
{
    if (!m_portfolio || !m_view)
        return false;
    const auto account = services::query::accountNamed(*m_portfolio, name);
    return account && m_view->selectAccount(account->id);
}

namespace {
// Where the window keeps what it remembers of one portfolio file (per user).
QString viewStateKey(const QString &path)
{
    return QStringLiteral("portfolios/") + QString::fromLatin1(QCryptographicHash::hash(QFileInfo(path).absoluteFilePath().toUtf8(),
                                                                                      QCryptographicHash::Sha1).toHex().left(16));
}
} // namespace

void MainWindow::saveViewState()
{
    if (!m_portfolio || !m_view)
        return;
    QSettings settings;
    settings.beginGroup(viewStateKey(m_portfolio->path()));
    settings.setValue(QStringLiteral("view"), currentViewName());
    settings.setValue(QStringLiteral("portfolioTable"), m_view->saveState());
    settings.setValue(QStringLiteral("accountTab"), m_workspace->currentTab());
    settings.endGroup();
}

void MainWindow::restoreViewState()
{
    QSettings settings;
    settings.beginGroup(viewStateKey(m_portfolio->path()));
    m_view->restoreState(settings.value(QStringLiteral("portfolioTable")).toByteArray());
    const int tab = settings.value(QStringLiteral("accountTab"), -1).toInt();
    if (tab >= 0)
        m_workspace->showTab(AccountWorkspace::Tab(tab));
    // The start-up view chosen in Preferences, else the one the file was left on.
    const QString chosen = Preferences::load().startView;
    const QString view = !chosen.isEmpty() && pageFor(chosen) ? chosen : settings.value(QStringLiteral("view")).toString();
    settings.endGroup();
    if (!view.isEmpty() && view != QLatin1String("portfolio") && pageFor(view))
        showPage(view);
}

void MainWindow::placeChanged()
{
    if (m_navigating || !m_portfolio || !m_view)
        return;
    const NavigationHistory::Place place{currentViewName(), m_view->currentAccountId()};
    if (place.view.isEmpty())
        return;
    // Another account on the account page is a place of its own; elsewhere the selection
    // moves with the page (walking down the portfolio is not a hundred visits).
    const NavigationHistory::Place *current = m_history.current();
    if (current && current->view == place.view && place.view != QLatin1String("account"))
        m_history.updateCurrent(place);
    else
        m_history.visit(place);
    updateNavigationActions();
}

void MainWindow::goTo(const NavigationHistory::Place &place)
{
    m_navigating = true;
    if (place.accountId > 0)
        m_view->selectAccount(place.accountId);
    showPage(place.view);
    m_navigating = false;
    updateNavigationActions();
}

bool MainWindow::goBack()
{
    if (!m_portfolio || !m_history.canGoBack())
        return false;
    goTo(m_history.back());
    return true;
}

bool MainWindow::goForward()
{
    if (!m_portfolio || !m_history.canGoForward())
        return false;
    goTo(m_history.forward());
    return true;
}

void MainWindow::updateNavigationActions()
{
    if (m_backAct)
        m_backAct->setEnabled(m_portfolio && m_history.canGoBack());
    if (m_forwardAct)
        m_forwardAct->setEnabled(m_portfolio && m_history.canGoForward());
}

void MainWindow::showQuickOpen(const QString &text)
{
    if (!m_model)
        return;
    QuickOpenDialog dialog(*m_model, this);
    connect(&dialog, &QuickOpenDialog::accountChosen, this, [this](qint64 id) {
        if (m_view->selectAccount(id))
            showPage(QStringLiteral("account"));
    });
    if (!text.isEmpty()) { // tests: type, then Enter, with no event loop of the dialog's own
        dialog.searchEdit()->setText(text);
        Q_EMIT dialog.searchEdit()->returnPressed();
        return;
    }
    dialog.exec();
}

void MainWindow::setColourScheme(colours::Scheme scheme)
{
    colours::apply(scheme);
    QSettings().setValue(QStringLiteral("colorScheme"), schemeKey(scheme));
    for (QAction *a : std::as_const(m_schemeActions))
        a->setChecked(a->data().toInt() == int(scheme));
    // Tables colour their cells when drawn; the book's pages coloured theirs when built.
    if (m_bookLoader)
        Q_EMIT m_bookLoader->loaded();
    update();
}

QList<QPair<QString, QString>> MainWindow::sidebarViews() const
{
    QList<QPair<QString, QString>> views;
    for (int i = 0; i < m_sidebar->count(); ++i)
        views.append({m_sidebar->item(i)->data(Qt::UserRole).toString(), m_sidebar->item(i)->text()});
    return views;
}

void MainWindow::showPreferences()
{
    PreferencesDialog dialog(Preferences::load(), sidebarViews(), this);
    if (dialog.exec() == QDialog::Accepted)
        applyPreferences(dialog.preferences());
}

void MainWindow::applyPreferences(const Preferences &preferences)
{
    preferences.save();
    if (preferences.scheme != colours::current())
        setColourScheme(preferences.scheme);
    if (m_portfolio)
        startAutoBackup(preferences);
}

void MainWindow::startAutoBackup(const Preferences &preferences)
{
    if (!preferences.autoBackup) { // (a read-only portfolio's AutoBackup takes none by itself)
        delete m_autoBackup; // waits for a backup in progress
        m_autoBackup = nullptr;
        return;
    }
    AutoBackup::Settings settings;
    settings.idleMs = preferences.backupIdleMinutes * 60 * 1000;
    settings.minIntervalSecs = qint64(preferences.backupIntervalMinutes) * 60;
    settings.policy.hourly = preferences.keepHourly;
    settings.policy.daily = preferences.keepDaily;
    settings.policy.weekly = preferences.keepWeekly;
    if (m_autoBackup) {
        m_autoBackup->setSettings(settings);
        return;
    }
    m_autoBackup = new AutoBackup(*m_portfolio, m_undo, settings, this);
    connect(m_autoBackup, &AutoBackup::backedUp, this, [this](const QString &path) {
        statusBar()->showMessage(tr("Backed up automatically to %1 (verified).").arg(QFileInfo(path).fileName()), 8000);
    });
    connect(m_autoBackup, &AutoBackup::failed, this, [this](const QString &m) { statusBar()->showMessage(m, 15000); });
}

HelpWindow *MainWindow::showHelp(const QString &section)
{
    if (!m_help) {
        QList<QAction *> actions;
        for (QAction *a : findChildren<QAction *>())
            actions << a;
        m_help = new HelpWindow(actions, this);
        m_help->setAttribute(Qt::WA_DeleteOnClose);
    }
    QString wanted = section;
    if (wanted.isEmpty()) {
        QString view = currentViewName();
        if (view == QLatin1String("account") && m_workspace) {
            static const char *tabs[] = {"plan", "success", "health", "relationships", "activities", "whitespace", "opportunities", "history", "snapshots"};
            const int tab = int(m_workspace->currentTab());
            if (tab >= 0 && tab < int(std::size(tabs)))
                view = QString::fromLatin1(tabs[tab]);
        }
        wanted = HelpWindow::sectionForView(view);
    }
    m_help->show();
    m_help->raise();
    m_help->activateWindow();
    m_help->showSection(wanted);
    return m_help;
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::MouseButtonPress && m_portfolio) {
        auto *widget = qobject_cast<QWidget *>(watched);
        const auto button = static_cast<QMouseEvent *>(event)->button();
        if (widget && widget->window() == this && (button == Qt::BackButton || button == Qt::ForwardButton)) {
            button == Qt::BackButton ? goBack() : goForward();
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

} // namespace keystone::app
