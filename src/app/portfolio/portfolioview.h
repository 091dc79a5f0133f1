// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QUndoStack;

namespace keystone::services {
class Portfolio;
class AccountService;
} // namespace keystone::services

namespace keystone::app {

class AccountForm;
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

Q_SIGNALS:
    void message(const QString &text);      // status bar
    void currentAccountChanged(qint64 id);  // 0 when none
    void errorOccurred(const QString &text); // shown to the user

private:
    void rebuildOwnerFilter();
    void updateCount();
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
    QTableView *m_table = nullptr;
    AccountForm *m_form = nullptr;
    qint64 m_formId = 0;
};

} // namespace keystone::app
