// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "portfolio/portfoliodelegate.h"
#include "widgets/colours.h"
#include "keystone/services/clock.h"

#include "portfolio/portfoliomodel.h"

#include <QComboBox>
#include <QDateEdit>
#include <QPainter>

namespace keystone::app {

PortfolioDelegate::PortfolioDelegate(TeamProvider team, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_team(std::move(team))
{
}

QWidget *PortfolioDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    switch (index.column()) {
    case PortfolioModel::Owner: {
        auto *combo = new QComboBox(parent);
        combo->addItem(tr("Unassigned"), qint64(0));
        for (const domain::TeamMember &m : m_team())
            combo->addItem(m.name, m.id);
        return combo;
    }
    case PortfolioModel::Phase: {
        auto *combo = new QComboBox(parent);
        combo->addItems(domain::lifecycleNames());
        return combo;
    }
    case PortfolioModel::Renewal: {
        auto *edit = new QDateEdit(parent);
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        return edit;
    }
    default:
        return QStyledItemDelegate::createEditor(parent, option, index);
    }
}

void PortfolioDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        if (index.column() == PortfolioModel::Owner)
            combo->setCurrentIndex(std::max(0, combo->findData(index.data(Qt::EditRole).toLongLong())));
        else
            combo->setCurrentIndex(index.data(Qt::EditRole).toInt());
        return;
    }
    if (auto *date = qobject_cast<QDateEdit *>(editor)) {
        const QDate d = index.data(Qt::EditRole).toDate();
        date->setDate(d.isValid() ? d : services::today());
        return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void PortfolioDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        if (index.column() == PortfolioModel::Owner)
            model->setData(index, combo->currentData());
        else
            model->setData(index, combo->currentIndex());
        return;
    }
    if (auto *date = qobject_cast<QDateEdit *>(editor)) {
        model->setData(index, date->date());
        return;
    }
    QStyledItemDelegate::setModelData(editor, model, index);
}

void PortfolioDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (index.column() != PortfolioModel::Tier) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // Background and selection as usual, then a badge instead of plain text.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    opt.widget->style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const int tier = std::clamp(index.data(PortfolioModel::TierRole).toInt(), 1, 3);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm(opt.font);
    const int w = fm.horizontalAdvance(text) + 14;
    const int h = std::min(opt.rect.height() - 6, fm.height() + 4);
    const QRect pill(opt.rect.left() + 6, opt.rect.center().y() - h / 2, w, h);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colours::tierBadge(tier));
    painter->drawRoundedRect(pill, h / 2.0, h / 2.0);
    painter->setPen(Qt::white);
    painter->drawText(pill, Qt::AlignCenter, text);
    painter->restore();
}

} // namespace keystone::app
