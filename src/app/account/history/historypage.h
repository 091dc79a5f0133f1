// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "commands/commandsupport.h"
#include "widgets/lazypage.h"

#include "keystone/services/history.h"

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

namespace keystone::services {
class Portfolio;
}

namespace keystone::app {

// The History tab: every recorded change to the account's data, newest first (when, the
// item, what changed, before and after), with a text filter. Undo and redo appear as the
// changes they make.
class HistoryPage final : public AccountPage
{
    Q_OBJECT
public:
    HistoryPage(services::Portfolio &portfolio, CommandErrorHandler onError, QWidget *parent = nullptr);

    QStandardItemModel *model() const { return m_model; }
    QSortFilterProxyModel *filtered() const { return m_filter; }
    QLineEdit *filterEdit() const { return m_filterEdit; }

protected:
    void rebuild() override;

private:

    services::Portfolio &m_portfolio;
    CommandErrorHandler m_onError;
    QLabel *m_summary = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QStandardItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_filter = nullptr;
    QTableView *m_view = nullptr;
};

} // namespace keystone::app
