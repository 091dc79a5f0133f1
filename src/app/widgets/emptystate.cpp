// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "widgets/emptystate.h"
#include "widgets/colours.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QLabel>
#include <QPalette>

namespace keystone::app {

namespace {
// Keeps the label over the viewport's free space and shows it only while the list is empty.
class EmptyStateKeeper final : public QObject
{
public:
    EmptyStateKeeper(QAbstractItemView *view, QLabel *label)
        : QObject(label)
        , m_view(view)
        , m_label(label)
    {
        view->viewport()->installEventFilter(this);
        connect(view->model(), &QAbstractItemModel::rowsInserted, this, &EmptyStateKeeper::update);
        connect(view->model(), &QAbstractItemModel::rowsRemoved, this, &EmptyStateKeeper::update);
        connect(view->model(), &QAbstractItemModel::modelReset, this, &EmptyStateKeeper::update);
        connect(view->model(), &QAbstractItemModel::layoutChanged, this, &EmptyStateKeeper::update);
        recolour();
        update();
    }
    // Text between the list's text and its background, dark enough to read (4.7:1 on
    // white), from the palette so that it follows a dark scheme too.
    void recolour()
    {
        const QPalette p = m_view->palette();
        const QColor text = p.color(QPalette::Text), base = p.color(QPalette::Base);
        QPalette lp = m_label->palette();
        lp.setColor(QPalette::WindowText, colours::mix(text, base, 0.55));
        m_label->setPalette(lp);
    }
    void update()
    {
        const QRect area = m_view->viewport()->rect().adjusted(12, 8, -12, -8);
        m_label->setGeometry(area);
        m_label->setVisible(m_view->model() && m_view->model()->rowCount() == 0);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Resize)
            update();
        else if (event->type() == QEvent::PaletteChange)
            recolour();
        return QObject::eventFilter(watched, event);
    }

private:
    QAbstractItemView *m_view;
    QLabel *m_label;
};
} // namespace

QLabel *setEmptyText(QAbstractItemView *view, const QString &text)
{
    auto *label = new QLabel(text, view->viewport());
    label->setObjectName(QStringLiteral("emptyState"));
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setAttribute(Qt::WA_TransparentForMouseEvents); // clicks reach the list (a context menu, a double-click)
    new EmptyStateKeeper(view, label);
    return label;
}

} // namespace keystone::app
