// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "widgets/accountlist.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMenu>
#include <QTableView>

#include <algorithm>

namespace keystone::app {

AccountListActions::AccountListActions(QTableView *view, int idRole, std::function<void(qint64)> open)
    : QObject(view)
    , m_view(view)
    , m_idRole(idRole)
    , m_openAccount(std::move(open))
{
    m_open = new QAction(tr("&Open Account"), view);
    // Enter on the list (an open cell editor has the focus, so it keeps its own Enter).
    m_open->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    m_open->setShortcutContext(Qt::WidgetShortcut);
    m_open->setToolTip(tr("Open the account's page (Enter or double-click)"));
    connect(m_open, &QAction::triggered, this, &AccountListActions::openCurrent);
    view->addAction(m_open);
    m_copy = new QAction(tr("&Copy"), view);
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setShortcutContext(Qt::WidgetShortcut);
    connect(m_copy, &QAction::triggered, this, [this] { copySelection(); });
    view->addAction(m_copy);
    connect(view, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        if (const qint64 id = index.data(m_idRole).toLongLong(); id > 0 && m_openAccount)
            m_openAccount(id);
    });
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex at = m_view->indexAt(pos);
        if (at.isValid() && !m_view->selectionModel()->isSelected(at))
            m_view->selectionModel()->setCurrentIndex(at, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        else if (at.isValid())
            m_view->selectionModel()->setCurrentIndex(at, QItemSelectionModel::NoUpdate);
        QMenu *menu = buildMenu(m_view);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_view->viewport()->mapToGlobal(pos));
    });
}

qint64 AccountListActions::currentId() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(m_idRole).toLongLong() : 0;
}

void AccountListActions::openCurrent()
{
    if (const qint64 id = currentId(); id > 0 && m_openAccount)
        m_openAccount(id);
}

QMenu *AccountListActions::buildMenu(QWidget *parent) const
{
    auto *menu = new QMenu(parent);
    const bool onAccount = currentId() > 0;
    m_open->setEnabled(onAccount);
    m_copy->setEnabled(m_view->selectionModel() && m_view->selectionModel()->hasSelection());
    menu->addAction(m_open);
    menu->addAction(m_copy);
    if (!m_extra.isEmpty()) {
        menu->addSeparator();
        for (QAction *a : m_extra)
            menu->addAction(a);
    }
    connect(menu, &QMenu::aboutToHide, this, [this] {
        m_open->setEnabled(true); // the shortcut works whenever there is a row
        m_copy->setEnabled(true);
    });
    return menu;
}

QString AccountListActions::copySelection() const
{
    const QAbstractItemModel *model = m_view->model();
    if (!model || !m_view->selectionModel())
        return {};
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty() && m_view->currentIndex().isValid())
        rows << m_view->currentIndex().siblingAtColumn(0);
    if (rows.isEmpty())
        return {};
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    // The columns as the user sees them: in header order, hidden ones left out.
    QList<int> columns;
    const QHeaderView *header = m_view->horizontalHeader();
    for (int v = 0; v < header->count(); ++v) {
        const int logical = header->logicalIndex(v);
        if (!header->isSectionHidden(logical))
            columns << logical;
    }
    const auto clean = [](QString s) { return s.replace(QLatin1Char('\t'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' ')); };
    QStringList lines;
    QStringList head;
    for (int c : std::as_const(columns))
        head << clean(model->headerData(c, Qt::Horizontal).toString());
    lines << head.join(QLatin1Char('\t'));
    for (const QModelIndex &r : std::as_const(rows)) {
        QStringList cells;
        for (int c : std::as_const(columns))
            cells << clean(model->index(r.row(), c).data().toString());
        lines << cells.join(QLatin1Char('\t'));
    }
    const QString text = lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
    QApplication::clipboard()->setText(text);
    return text;
}

} // namespace keystone::app
