// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/teammember.h"

#include <QStyledItemDelegate>

#include <functional>
#include <vector>

namespace keystone::app {

// Editors that fit each portfolio column (owner and lifecycle pickers, a date editor) and
// the tier painted as a coloured badge.
class PortfolioDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using TeamProvider = std::function<std::vector<domain::TeamMember>()>;
    explicit PortfolioDelegate(TeamProvider team, QObject *parent = nullptr);

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    TeamProvider m_team;
};

} // namespace keystone::app
