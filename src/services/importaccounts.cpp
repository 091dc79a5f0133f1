// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Importing accounts: matched by source id or name, created, updated or left unchanged.
#include "csvimporter.h"

#include "keystone/storage/clock.h"

namespace keystone::services::csvimport {

void CsvImporter::importAccount()
{
    clearPending();
    const QString source = m_reader.text(QStringLiteral("source_id"));
    QString name = domain::cleanName(m_reader.text(QStringLiteral("name")));
    if (name.isEmpty())
        m_reader.fail(QStringLiteral("name"), QStringLiteral("the name is empty"));
    qint64 existing = 0;
    QString how;
    if (!source.isEmpty() && m_look.accountBySource.contains(source)) {
        existing = m_look.accountBySource.value(source);
        how = QStringLiteral("source id");
    } else if (!name.isEmpty() && m_look.accountByName.contains(domain::nameKey(name))) {
        existing = m_look.accountByName.value(domain::nameKey(name));
        how = QStringLiteral("name");
    }
    const qint64 target = decide(existing, how);

    domain::Account a;
    if (target > 0) {
        if (!m_accounts)
            loadAccounts();
        a = m_accounts->value(target);
    } else {
        a.arr.currency = m_p.settings().currency;
    }
    const domain::Account before = a;
    auto set = [&](const char *field, auto apply) {
        if (m_reader.has(QLatin1String(field)))
            apply();
    };
    if (!name.isEmpty())
        a.name = name;
    if (target == 0 && existing > 0) // a second account under a taken name: number it
        a.name = freeName(name);
    set("industry", [&] { a.industry = m_reader.text(QStringLiteral("industry")); });
    set("region", [&] { a.region = m_reader.text(QStringLiteral("region")); });
    set("notes", [&] { a.notes = m_reader.text(QStringLiteral("notes")); });
    set("account_type", [&] { a.accountType = m_reader.text(QStringLiteral("account_type")); });
    if (auto v = m_reader.amount(QStringLiteral("arr")))
        a.arr.cents = *v;
    if (auto v = m_reader.amount(QStringLiteral("company_revenue")))
        a.companyRevenueCents = *v;
    if (auto v = m_reader.whole(QStringLiteral("employees"), 0, 100'000'000))
        a.employees = *v;
    if (m_reader.has(QStringLiteral("renewal_date")))
        a.renewalDate = m_reader.date(QStringLiteral("renewal_date"));
    if (m_reader.has(QStringLiteral("customer_since")))
        a.customerSince = m_reader.date(QStringLiteral("customer_since"));
    if (auto v = m_reader.choice(QStringLiteral("lifecycle"), &domain::parseLifecycle,
                                 {QStringLiteral("Onboarding"), QStringLiteral("Nurture"), QStringLiteral("Expansion"), QStringLiteral("Advocacy")}))
        a.phase = *v;
    if (auto v = m_reader.flag(QStringLiteral("at_risk")))
        a.atRisk = *v;
    if (auto v = m_reader.flag(QStringLiteral("referenceable")))
        a.referenceable = *v;
    if (auto v = m_reader.whole(QStringLiteral("potential_rating"), 1, 5))
        a.potentialRating = *v;
    if (auto v = m_reader.choice(QStringLiteral("tier"), &domain::parseTier, {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")})) {
        a.tierOverride = *v;
        a.tierOverrideReason = m_reader.has(QStringLiteral("tier_reason")) ? m_reader.text(QStringLiteral("tier_reason"))
                                                                           : QStringLiteral("Imported from %1").arg(m_map.header.value(m_map.columnOf(QStringLiteral("tier"))));
    }
    if (m_reader.has(QStringLiteral("owner")))
        a.ownerId = std::max<qint64>(0, teamMember(QStringLiteral("owner")));
    if (m_reader.ok())
        for (const domain::FieldError &e : domain::validateAccount(a, m_p.settings()))
            m_reader.fail(m_reader.mapped(e.field) ? e.field : QString(), e.message);
    if (rejected())
        return;
    if (target < 0) {
        accept(-1, 0);
        return;
    }
    if (target > 0 && a == before && (source.isEmpty() || how == QLatin1String("source id"))) {
        acceptUnchanged();
        return;
    }
    const bool ok = guarded([&] {
        if (target > 0) {
            m_p.accounts().update(a);
            if (a.arr.cents != before.arr.cents)
                m_p.arrHistory().record({a.id, m_today, a.arr.cents, domain::arrChangeBetween(before.arr.cents, a.arr.cents)});
            if (!source.isEmpty() && how != QLatin1String("source id"))
                m_sources.set(storage::SourceTable::Accounts, a.id, source);
            if (a.name != before.name) {
                m_look.accountByName.remove(domain::nameKey(before.name));
                m_look.accountByName.insert(domain::nameKey(a.name), a.id);
            }
            (*m_accounts)[a.id] = a;
        } else {
            m_p.accounts().insert(a);
            m_p.arrHistory().record({a.id, a.customerSince.isValid() ? a.customerSince : m_today, a.arr.cents,
                                     domain::arrChangeBetween(std::nullopt, a.arr.cents)});
            // A created duplicate of a source id does not take the id: the first keeps it.
            if (!source.isEmpty() && !m_look.accountBySource.contains(source))
                m_sources.set(storage::SourceTable::Accounts, a.id, source);
            m_look.accountByName.insert(domain::nameKey(a.name), a.id);
            if (m_accounts)
                m_accounts->insert(a.id, a);
            m_created.append(a.id);
        }
    });
    if (!ok)
        return;
    if (!source.isEmpty() && !m_look.accountBySource.contains(source))
        m_look.accountBySource.insert(source, a.id);
    m_look.accountName.insert(a.id, a.name);
    accept(target, a.id);
}

QString CsvImporter::freeName(const QString &name) const
{
    for (int n = 2;; ++n) {
        const QString candidate = QStringLiteral("%1 (%2)").arg(name).arg(n);
        if (!m_look.accountByName.contains(domain::nameKey(candidate)))
            return candidate;
    }
}

void CsvImporter::loadAccounts()
{
    m_accounts.emplace();
    for (domain::Account &a : m_p.accounts().all())
        m_accounts->insert(a.id, a);
}

} // namespace keystone::services::csvimport
