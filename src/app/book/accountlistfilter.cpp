// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "book/accountlistfilter.h"

#include "keystone/domain/types.h"
#include "keystone/services/bookservice.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLineEdit>
#include <QSettings>
#include <QTimer>

namespace keystone::app {

bool AccountListFilter::accepts(const services::BookAccount &a, const QString &extra) const
{
    if (ownerId != kAnyOwner && a.row.account.ownerId != ownerId)
        return false;
    if (tier > 0 && int(a.row.tier) != tier)
        return false;
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &w : words)
        if (!a.row.account.name.contains(w, Qt::CaseInsensitive) && !a.row.ownerName.contains(w, Qt::CaseInsensitive)
            && !extra.contains(w, Qt::CaseInsensitive))
            return false;
    return true;
}

AccountListFilterBar::AccountListFilterBar(const QString &portfolioPath, QWidget *parent)
    : QWidget(parent)
    // Per file, per user (QSettings lives in the user's profile).
    , m_settingsKey(QStringLiteral("me/") + QString::fromLatin1(QCryptographicHash::hash(portfolioPath.toUtf8(), QCryptographicHash::Sha1).toHex().left(16)))
{
    m_me = QSettings().value(m_settingsKey, 0).toLongLong();
    auto *h = new QHBoxLayout(this);
    h->setContentsMargins(0, 0, 0, 0);
    m_text = new QLineEdit(this);
    m_text->setPlaceholderText(tr("Account, owner or text"));
    m_text->setClearButtonEnabled(true);
    m_text->setAccessibleName(tr("Filter text"));
    m_owner = new QComboBox(this);
    m_owner->setAccessibleName(tr("Owner"));
    m_owner->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_tier = new QComboBox(this);
    m_tier->setAccessibleName(tr("Tier"));
    m_tier->addItem(tr("All tiers"), 0);
    for (int t = 1; t <= 3; ++t)
        m_tier->addItem(tr("Tier %1").arg(t), t);
    m_mine = new QCheckBox(tr("&My accounts"), this);
    m_mine->setToolTip(tr("Only the accounts you own (you say once which team member you are)"));
    h->addWidget(m_text, 1);
    h->addWidget(m_owner);
    h->addWidget(m_tier);
    h->addWidget(m_mine);
    setTeam({});
    // Typing refilters after a short pause, not on every key of a word.
    auto *typing = new QTimer(this);
    typing->setSingleShot(true);
    typing->setInterval(200);
    connect(m_text, &QLineEdit::textChanged, typing, qOverload<>(&QTimer::start));
    connect(typing, &QTimer::timeout, this, &AccountListFilterBar::changed);
    connect(m_owner, &QComboBox::activated, this, &AccountListFilterBar::changed);
    connect(m_tier, &QComboBox::activated, this, &AccountListFilterBar::changed);
    connect(m_mine, &QCheckBox::toggled, this, [this](bool on) {
        if (on && m_me == 0) {
            QStringList names;
            for (const domain::TeamMember &m : m_team)
                names << m.name;
            bool ok = false;
            const QString name = names.isEmpty() ? QString()
                                                 : QInputDialog::getItem(this, tr("My Accounts"), tr("Which team member are you?"), names, 0, false, &ok);
            for (const domain::TeamMember &m : m_team)
                if (ok && m.name == name)
                    setMe(m.id);
            if (m_me == 0) {
                const QSignalBlocker block(m_mine);
                m_mine->setChecked(false);
                return;
            }
        }
        m_owner->setEnabled(!on);
        Q_EMIT changed();
    });
}

void AccountListFilterBar::setMe(qint64 memberId)
{
    m_me = memberId;
    QSettings().setValue(m_settingsKey, memberId);
}

void AccountListFilterBar::setTeam(const std::vector<domain::TeamMember> &team)
{
    m_team = team;
    const qint64 current = m_owner->currentData().isValid() ? m_owner->currentData().toLongLong() : AccountListFilter::kAnyOwner;
    const QSignalBlocker block(m_owner);
    m_owner->clear();
    m_owner->addItem(tr("All owners"), AccountListFilter::kAnyOwner);
    m_owner->addItem(tr("Unassigned"), 0);
    for (const domain::TeamMember &m : team)
        m_owner->addItem(m.name, m.id);
    m_owner->setCurrentIndex(std::max(0, m_owner->findData(current)));
}

AccountListFilter AccountListFilterBar::filter() const
{
    AccountListFilter f;
    f.ownerId = m_mine->isChecked() && m_me > 0 ? m_me : m_owner->currentData().toLongLong();
    f.tier = m_tier->currentData().toInt();
    f.text = m_text->text().trimmed();
    return f;
}

} // namespace keystone::app
