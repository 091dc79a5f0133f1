// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QStringList>
#include <QWidget>

#include <utility>

class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QStackedWidget;
class QSplitter;
class QAction;
class QTableView;
class QUndoStack;

namespace keystone::services {
class Portfolio;
class AccountService;
} // namespace keystone::services

namespace keystone::app {

class AccountForm;
class AccountListActions;
class PortfolioModel;
class PortfolioProxyModel;

// The Portfolio page: filter bar, the sortable account table and the detail form.
class PortfolioView final : public QWidget
{
    Q_OBJECT
public:
    PortfolioView(services::Portfolio &portfolio, services::AccountService &accounts, PortfolioModel &model,
                  QUndoStack &undo, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    PortfolioProxyModel *proxy() const { return m_proxy; }
    QLineEdit *filterEdit() const { return m_filter; }
    AccountForm *form() const { return m_form; }

    void focusFilter();
    void addAccount();           // opens the New Account dialog
    void deleteSelected();       // one undoable command for the whole selection
    bool selectAccount(qint64 id);
    qint64 currentAccountId() const;
    // The accounts a batch export takes: the selected rows when more than one is selected,
    // otherwise every row the filter shows; in the table's order.
    QList<qint64> batchAccountIds() const;
    QList<qint64> selectedAccountIds() const; // the selected rows only, in table order
    void setOwnerFilter(qint64 ownerId);
    void clearFilters();
    // Column widths, order, visibility and sort, and the table/form split (per portfolio,
    // kept by the window); false when `state` is not one this version wrote.
    QByteArray saveState() const;
    bool restoreState(const QByteArray &state);
    bool isFiltered() const;
    // What the filter shows: rows and their ARR (the status bar's figures).
    int shownCount() const { return m_shownCount; }
    qint64 shownArrCents() const { return m_shownArr; }
    // The window's actions that act on the selected rows, for the row menu.
    void setRowActions(QList<QAction *> actions);
    AccountListActions *listActions() const { return m_listActions; }
    QMenu *columnsMenu(QWidget *parent); // show and hide columns
    QLabel *noMatchLabel() const { return m_noMatch; }
    bool showsNoAccount() const; // the detail pane says "No account selected"

Q_SIGNALS:
    void openRequested(qint64 id);          // Enter, a double-click or Open Account on a row
    void shownChanged();                    // shownCount() or shownArrCents() moved
    void message(const QString &text);      // status bar
    void currentAccountChanged(qint64 id);  // 0 when none
    void errorOccurred(const QString &text); // shown to the user

private:
    void rebuildOwnerFilter();
    void updateCount();
    void updateShownTotals();
    // The industries and regions the book uses, sorted, for the forms' suggestions.
    std::pair<QStringList, QStringList> bookValues() const;
    void showCurrent();
    void applyForm();

    services::Portfolio &m_portfolio;
    services::AccountService &m_accounts;
    PortfolioModel &m_model;
    QUndoStack &m_undo;
    PortfolioProxyModel *m_proxy = nullptr;
    QLineEdit *m_filter = nullptr;
    QComboBox *m_tierFilter = nullptr;
    QComboBox *m_ownerFilter = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_noMatch = nullptr;
    QStackedWidget *m_detail = nullptr;
    QSplitter *m_splitter = nullptr; // the form, or "No account selected"
    AccountListActions *m_listActions = nullptr;
    int m_shownCount = -1;
    int m_totalCount = -1;
    qint64 m_shownArr = -1;
    bool m_sumQueued = false;
    bool m_suggestionsStale = true;
    QTableView *m_table = nullptr;
    AccountForm *m_form = nullptr;
    qint64 m_formId = 0;
};

} // namespace keystone::app
