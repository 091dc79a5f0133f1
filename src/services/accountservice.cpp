// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/accountservice.h"

#include "keystone/domain/validation.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/validationerror.h"
#include "keystone/storage/storageerror.h"
#include "keystone/storage/transaction.h"
#include "keystone/storage/clock.h"

#include <QHash>
#include <QSet>

namespace keystone::services {

using domain::Account;

namespace {
QString subjectOf(const Account &a)
{
    return a.name.trimmed().isEmpty() ? QStringLiteral("Account") : QStringLiteral("Account '%1'").arg(a.name.trimmed());
}
} // namespace

void AccountService::checkUniqueName(const Account &account)
{
    const auto existing = m_portfolio.accounts().byNameKey(domain::nameKey(account.name));
    if (existing && existing->id != account.id)
        throw ValidationError(subjectOf(account),
                              {{QStringLiteral("name"), QStringLiteral("An account named '%1' already exists").arg(existing->name)}});
}

Account AccountService::create(Account draft)
{
    if (draft.arr.currency.isEmpty())
        draft.arr.currency = m_portfolio.settings().currency;
    draft.name = domain::cleanName(draft.name);
    const domain::FieldErrors errors = domain::validateAccount(draft, m_portfolio.settings());
    if (!errors.isEmpty())
        throw ValidationError(subjectOf(draft), errors);
    if (draft.ownerId > 0 && !m_portfolio.team().byId(draft.ownerId))
        throw ValidationError(subjectOf(draft), {{QStringLiteral("owner"), QStringLiteral("No team member with id %1").arg(draft.ownerId)}});
    storage::Transaction tx(m_portfolio.database());
    checkUniqueName(draft);
    draft.id = 0;
    draft.uuid.clear();
    draft.createdAt = {};
    draft.updatedAt = {};
    m_portfolio.accounts().insert(draft);
    m_portfolio.arrHistory().record({draft.id, storage::today(), draft.arr.cents,
                                     domain::arrChangeBetween(std::nullopt, draft.arr.cents)});
    tx.commit();
    Q_EMIT m_portfolio.accountsAdded({draft.id});
    return draft;
}

Account AccountService::update(Account account)
{
    account.name = domain::cleanName(account.name);
    const domain::FieldErrors errors = domain::validateAccount(account, m_portfolio.settings());
    if (!errors.isEmpty())
        throw ValidationError(subjectOf(account), errors);
    storage::Transaction tx(m_portfolio.database());
    const auto stored = m_portfolio.accounts().byId(account.id);
    if (!stored)
        throw storage::StorageError(storage::StorageError::Code::NotFound, m_portfolio.path(),
                                    QStringLiteral("Account %1 no longer exists in %2").arg(account.id).arg(m_portfolio.path()));
    if (account.ownerId > 0 && account.ownerId != stored->ownerId && !m_portfolio.team().byId(account.ownerId))
        throw ValidationError(subjectOf(account), {{QStringLiteral("owner"), QStringLiteral("No team member with id %1").arg(account.ownerId)}});
    checkUniqueName(account);
    account.uuid = stored->uuid;
    account.createdAt = stored->createdAt;
    m_portfolio.accounts().update(account);
    if (account.arr.cents != stored->arr.cents) // the ARR history follows every change (retention)
        m_portfolio.arrHistory().record({account.id, storage::today(), account.arr.cents,
                                         domain::arrChangeBetween(stored->arr.cents, account.arr.cents)});
    tx.commit();
    Q_EMIT m_portfolio.accountsUpdated({account.id});
    return account;
}

QList<qint64> AccountService::setTier(const QList<qint64> &ids, std::optional<domain::Tier> tier, const QString &reason)
{
    const QString why = tier ? reason.simplified() : QString();
    if (tier && why.isEmpty())
        throw ValidationError(QStringLiteral("Tier"), {{QStringLiteral("tier_override_reason"), QStringLiteral("A tier set by hand needs a reason")}});
    storage::Transaction tx(m_portfolio.database());
    std::vector<Account> accounts = m_portfolio.accounts().byIds(ids);
    const qsizetype wanted = QSet<qint64>(ids.cbegin(), ids.cend()).size();
    if (qsizetype(accounts.size()) != wanted)
        throw storage::StorageError(storage::StorageError::Code::NotFound, m_portfolio.path(),
                                    QStringLiteral("%1 of the %2 accounts no longer exist in %3")
                                        .arg(wanted - qsizetype(accounts.size()))
                                        .arg(ids.size())
                                        .arg(m_portfolio.path()));
    QList<qint64> changed;
    for (Account &a : accounts) {
        if (a.tierOverride == tier && a.tierOverrideReason == why)
            continue;
        a.tierOverride = tier;
        a.tierOverrideReason = why;
        m_portfolio.accounts().update(a);
        changed.append(a.id);
    }
    tx.commit();
    if (!changed.isEmpty())
        Q_EMIT m_portfolio.accountsUpdated(changed);
    return changed;
}

std::vector<AccountSnapshot> AccountService::remove(const QList<qint64> &ids)
{
    storage::Transaction tx(m_portfolio.database());
    // Children in three queries for the whole selection, not per account.
    const std::vector<Account> accounts = m_portfolio.accounts().byIds(ids);
    QList<qint64> found;
    for (const Account &a : accounts)
        found.append(a.id);
    std::vector<AccountSnapshot> removed;
    removed.reserve(accounts.size());
    QHash<qint64, size_t> index;
    for (const Account &a : accounts) {
        index.insert(a.id, removed.size());
        removed.push_back({a, {}, {}, {}, {}});
    }
    for (auto &c : m_portfolio.whitespace().buyingCentersOf(found))
        removed[index.value(c.accountId)].buyingCenters.push_back(std::move(c));
    for (auto &c : m_portfolio.whitespace().cellsOf(found))
        removed[index.value(c.accountId)].cells.push_back(std::move(c));
    for (auto &o : m_portfolio.opportunities().byAccounts(found))
        removed[index.value(o.accountId)].opportunities.push_back(std::move(o));
    for (auto &p : m_portfolio.arrHistory().ofAccounts(found))
        removed[index.value(p.accountId)].arrHistory.push_back(p);
    for (qint64 id : found)
        m_portfolio.accounts().remove(id); // children cascade
    tx.commit();
    if (!found.isEmpty())
        Q_EMIT m_portfolio.accountsRemoved(found);
    return removed;
}

void AccountService::restore(const std::vector<AccountSnapshot> &snapshots)
{
    storage::Transaction tx(m_portfolio.database());
    QList<qint64> ids;
    for (const AccountSnapshot &s : snapshots) {
        Account a = s.account;
        if (a.ownerId > 0 && !m_portfolio.team().byId(a.ownerId))
            a.ownerId = 0; // the owner was removed meanwhile: restore unassigned rather than fail
        m_portfolio.accounts().insert(a);
        ids.append(a.id);
        m_portfolio.arrHistory().recordMany(s.arrHistory);
        for (domain::BuyingCenter c : s.buyingCenters)
            m_portfolio.whitespace().insertBuyingCenter(c);
        for (domain::Opportunity o : s.opportunities) {
            if (o.ownerId > 0 && !m_portfolio.team().byId(o.ownerId))
                o.ownerId = 0;
            m_portfolio.opportunities().insert(o);
        }
        for (domain::WhitespaceCell c : s.cells) {
            if (!m_portfolio.whitespace().productById(c.productId))
                continue; // the product left the catalog meanwhile
            m_portfolio.whitespace().insertCell(c);
        }
    }
    m_portfolio.accounts().refreshExpansionTotals(ids);
    tx.commit();
    if (!ids.isEmpty())
        Q_EMIT m_portfolio.accountsAdded(ids);
}

void AccountService::restore(const std::vector<Account> &accounts)
{
    std::vector<AccountSnapshot> snapshots;
    snapshots.reserve(accounts.size());
    for (const Account &a : accounts)
        snapshots.push_back({a, {}, {}, {}, {}});
    restore(snapshots);
}

} // namespace keystone::services
