// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "widgets/viewmemory.h"

#include <QEvent>
#include <QHeaderView>
#include <QMenu>
#include <QPointer>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QTimer>

namespace keystone::app {

namespace {

QString settingsKey(const QString &key)
{
    return QStringLiteral("layout/") + key;
}

// Watches a header for the user's gestures (a press and release on it: drag, move, sort
// click) and for columns hidden or shown (the header's menu), and stores the state then.
class ColumnMemory final : public QObject
{
public:
    ColumnMemory(QTableView *view, const QString &key) : QObject(view), m_view(view), m_key(key)
    {
        QHeaderView *header = view->horizontalHeader();
        header->viewport()->installEventFilter(this);
        if (QAbstractItemModel *model = view->model())
            connect(model, &QAbstractItemModel::modelReset, this, &ColumnMemory::restore);
        // The header's menu: show or hide each column, or go back to the table's own layout.
        if (header->contextMenuPolicy() == Qt::DefaultContextMenu) {
            header->setContextMenuPolicy(Qt::CustomContextMenu);
            connect(header, &QWidget::customContextMenuRequested, this, &ColumnMemory::showMenu);
        }
        restore();
    }

    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::MouseButtonRelease)
            QTimer::singleShot(0, this, &ColumnMemory::store); // after the header has sorted or moved
        return false;
    }

private:
    // The key given, else "tables/OBJECTNAME" (named after this was set up); empty: none.
    QString key() const
    {
        if (!m_key.isEmpty())
            return settingsKey(m_key);
        return m_view->objectName().isEmpty() ? QString() : settingsKey(QStringLiteral("tables/") + m_view->objectName());
    }
    void showMenu(const QPoint &pos)
    {
        QHeaderView *header = m_view->horizontalHeader();
        QAbstractItemModel *model = m_view->model();
        if (!model)
            return;
        QMenu menu(header);
        int shown = 0;
        for (int c = 0; c < header->count(); ++c)
            shown += header->isSectionHidden(c) ? 0 : 1;
        for (int c = 0; c < header->count(); ++c) {
            QAction *a = menu.addAction(model->headerData(c, Qt::Horizontal).toString().replace(QLatin1Char('\n'), QLatin1Char(' ')));
            a->setCheckable(true);
            a->setChecked(!header->isSectionHidden(c));
            a->setEnabled(header->isSectionHidden(c) || shown > 1); // one column always shows
            connect(a, &QAction::toggled, this, [this, header, c](bool on) {
                header->setSectionHidden(c, !on);
                store();
            });
        }
        menu.addSeparator();
        menu.addAction(QObject::tr("&Reset Columns"), this, [this] { reset(); });
        menu.exec(header->viewport()->mapToGlobal(pos));
    }
    // Back to the table's own layout (as sized at the last reset), and forgets the user's.
    void reset()
    {
        const QString k = key();
        if (!k.isEmpty())
            QSettings().remove(k);
        if (!m_default.isEmpty()) {
            m_restoring = true;
            m_view->horizontalHeader()->restoreState(m_default);
            m_restoring = false;
        }
    }
    void store()
    {
        QHeaderView *header = m_view->horizontalHeader();
        const QString k = key();
        if (header->count() == 0 || k.isEmpty())
            return;
        QSettings s;
        s.setValue(k + QStringLiteral("/columns"), header->count());
        s.setValue(k + QStringLiteral("/header"), header->saveState());
    }
    void restore()
    {
        QHeaderView *header = m_view->horizontalHeader();
        m_default = header->saveState(); // the table's own layout, for Reset Columns
        const QString k = key();
        if (k.isEmpty())
            return;
        const QSettings s;
        const QByteArray state = s.value(k + QStringLiteral("/header")).toByteArray();
        if (state.isEmpty() || header->count() == 0 || s.value(k + QStringLiteral("/columns")).toInt() != header->count())
            return;
        m_restoring = true;
        header->restoreState(state);
        m_restoring = false;
    }

    QTableView *m_view;
    QString m_key;
    QByteArray m_default;
    bool m_restoring = false;
};

} // namespace

void rememberColumns(QTableView *view, const QString &key)
{
    new ColumnMemory(view, key);
}

void rememberSplitter(QSplitter *splitter, const QString &key)
{
    const QString k = settingsKey(key) + QStringLiteral("/splitter");
    splitter->restoreState(QSettings().value(k).toByteArray());
    QObject::connect(splitter, &QSplitter::splitterMoved, splitter, [splitter, k] { QSettings().setValue(k, splitter->saveState()); });
}

} // namespace keystone::app
