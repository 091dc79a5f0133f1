// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/teammember.h"

#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

class QCheckBox;
class QComboBox;
class QLineEdit;

namespace keystone::services {
struct BookAccount;
}

namespace keystone::app {

// Which rows of a team lead's list of accounts to show: by owner, tier and words. A value
// (copied to the worker that builds the rows).
struct AccountListFilter {
    static constexpr qint64 kAnyOwner = -1;
    qint64 ownerId = kAnyOwner; // 0: unassigned
    int tier = 0;               // 0: any, else 1..3
    QString text;               // every word must appear in the name, the owner or `extra`
    bool isEmpty() const { return ownerId == kAnyOwner && tier == 0 && text.trimmed().isEmpty(); }
    bool accepts(const services::BookAccount &account, const QString &extra = {}) const;
};

// The bar over Signals, Renewals and Plan Hygiene: owner, tier, text, and "My accounts".
// "My accounts" is the owner the user said they are, remembered per portfolio file.
class AccountListFilterBar final : public QWidget
{
    Q_OBJECT
public:
    AccountListFilterBar(const QString &portfolioPath, QWidget *parent = nullptr);

    AccountListFilter filter() const;
    // The owners to choose from (the book's team); keeps the current choice where it can.
    void setTeam(const std::vector<domain::TeamMember> &team);
    // Who "My accounts" means (0: not said yet: the box asks, once).
    qint64 me() const { return m_me; }
    void setMe(qint64 memberId);
    QComboBox *ownerBox() const { return m_owner; }
    QComboBox *tierBox() const { return m_tier; }
    QLineEdit *textBox() const { return m_text; }
    QCheckBox *mineBox() const { return m_mine; }

Q_SIGNALS:
    void changed();

private:
    QString m_settingsKey;
    std::vector<domain::TeamMember> m_team;
    qint64 m_me = 0;
    QComboBox *m_owner = nullptr;
    QComboBox *m_tier = nullptr;
    QLineEdit *m_text = nullptr;
    QCheckBox *m_mine = nullptr;
};

} // namespace keystone::app
