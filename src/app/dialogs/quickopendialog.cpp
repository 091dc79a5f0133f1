// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "dialogs/quickopendialog.h"

#include "portfolio/portfoliomodel.h"

#include <QCoreApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QVBoxLayout>

namespace keystone::app {

QuickOpenDialog::QuickOpenDialog(PortfolioModel &model, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Go to Account"));
    m_matches = new QSortFilterProxyModel(this);
    m_matches->setSourceModel(&model);
    m_matches->setFilterKeyColumn(PortfolioModel::Name);
    m_matches->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_matches->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_matches->sort(PortfolioModel::Name);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Part of an account's name"));
    m_search->setAccessibleName(tr("Account name"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    m_list = new QListView(this);
    m_list->setModel(m_matches);
    m_list->setModelColumn(PortfolioModel::Name);
    m_list->setUniformItemSizes(true); // no measuring of 100,000 names
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setAccessibleName(tr("Matching accounts"));
    m_count = new QLabel(this);
    m_count->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_count);
    setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 36);
    resize(minimumWidth(), fontMetrics().height() * 22);
    connect(m_search, &QLineEdit::textChanged, this, &QuickOpenDialog::updateMatches);
    connect(m_search, &QLineEdit::returnPressed, this, &QuickOpenDialog::choose);
    connect(m_list, &QListView::activated, this, &QuickOpenDialog::choose);
    updateMatches();
}

void QuickOpenDialog::updateMatches()
{
    m_matches->setFilterFixedString(m_search->text().trimmed());
    const int n = m_matches->rowCount();
    if (n > 0)
        m_list->setCurrentIndex(m_matches->index(0, PortfolioModel::Name));
    const QLocale c(QLocale::English);
    m_count->setText(n == 0   ? tr("No account's name holds \"%1\".").arg(m_search->text().trimmed())
                     : n == 1 ? tr("1 account: Enter opens it.")
                              : tr("%1 accounts. Up and Down pick one, Enter opens it.").arg(c.toString(n)));
}

qint64 QuickOpenDialog::chosenId() const
{
    const QModelIndex current = m_list->currentIndex();
    return current.isValid() ? current.data(PortfolioModel::AccountIdRole).toLongLong() : 0;
}

void QuickOpenDialog::choose()
{
    if (const qint64 id = chosenId(); id > 0) {
        Q_EMIT accountChosen(id);
        accept();
    }
}

bool QuickOpenDialog::eventFilter(QObject *watched, QEvent *event)
{
    // Up, Down, Page Up and Page Down in the search box move through the matches.
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Up || key == Qt::Key_Down || key == Qt::Key_PageUp || key == Qt::Key_PageDown) {
            QKeyEvent copy(QEvent::KeyPress, key, Qt::NoModifier);
            QCoreApplication::sendEvent(m_list, &copy);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace keystone::app
