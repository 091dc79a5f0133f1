// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/types.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace keystone::app {

class PortfolioModel;

// Sorting and filtering of the portfolio table. Reads the source rows directly instead of
// through QVariant so one keystroke over 10,000 rows stays within a frame.
class PortfolioProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    static constexpr qint64 kAnyOwner = -1;
    static constexpr qint64 kUnassigned = 0;

    explicit PortfolioProxyModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *model) override;

    // Words matched, all of them, against name, owner, industry and region (any case).
    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }
    void setTierFilter(std::optional<domain::Tier> tier);
    std::optional<domain::Tier> tierFilter() const { return m_tier; }
    void setOwnerFilter(qint64 ownerId); // kAnyOwner, kUnassigned or a team member id
    qint64 ownerFilter() const { return m_owner; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    PortfolioModel *m_model = nullptr;
    QString m_text;
    QStringList m_words;
    std::optional<domain::Tier> m_tier;
    qint64 m_owner = kAnyOwner;
};

} // namespace keystone::app
