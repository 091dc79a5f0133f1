// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/services/whitespaceservice.h"

#include "widgets/lazypage.h"

class QComboBox;
class QLabel;
class QSplitter;
class QStandardItemModel;
class QTableView;

namespace keystone::services {
class Portfolio;
}

namespace keystone::app {

class BookAccountsModel;
class PortfolioModel;

// The team lead's whitespace view: products x industries (or tiers) of open whitespace over
// the whole book, and the accounts behind the selected cell. It reads the per-(account,
// product) sums once (one query on an index) and groups them in memory with the rows the
// portfolio table already holds, so switching grouping or cell costs no query. It refreshes
// only while shown, after whitespace or catalog changes.
class BookWhitespacePage final : public LazyPage
{
    Q_OBJECT
public:
    BookWhitespacePage(services::Portfolio &portfolio, PortfolioModel &accounts, QWidget *parent = nullptr);
    ~BookWhitespacePage() override;

    void setGrouping(services::WhitespaceGrouping grouping);
    // Selects a matrix cell by row and column (the last row and column are totals).
    void selectCell(int group, int product);
    const services::WhitespaceMatrix &matrix() const { return m_matrix; }
    QTableView *matrixView() const { return m_matrixView; }
    QTableView *accountsView() const { return m_accountsView; }
    BookAccountsModel *accountsModel() const { return m_accountsModel; }

Q_SIGNALS:
    void openAccount(qint64 accountId);

protected:
    void rebuild() override; // re-reads the file's open whitespace

private:
    QString groupOf(qint64 accountId) const;
    void regroup();
    void showAccountsOfCurrentCell();
    void markDirty();

    services::Portfolio &m_portfolio;
    PortfolioModel &m_accounts;
    services::WhitespaceGrouping m_grouping = services::WhitespaceGrouping::Industry;
    std::vector<services::OpenWhitespaceEntry> m_entries;
    services::WhitespaceMatrix m_matrix;
    bool m_reloadQueued = false;
    QLabel *m_summary = nullptr;
    QComboBox *m_groupCombo = nullptr;
    QSplitter *m_splitter = nullptr;
    QTableView *m_matrixView = nullptr;
    QStandardItemModel *m_matrixModel = nullptr;
    QLabel *m_accountsTitle = nullptr;
    QTableView *m_accountsView = nullptr;
    BookAccountsModel *m_accountsModel = nullptr;
};

} // namespace keystone::app
