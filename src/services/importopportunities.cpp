// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Importing opportunities: matched by source id or name within the account.
#include "csvimporter.h"

namespace keystone::services::csvimport {

void CsvImporter::importOpportunity()
{
    clearPending();
    const qint64 account = accountOfRow();
    const QString source = m_reader.text(QStringLiteral("source_id"));
    const QString name = domain::cleanName(m_reader.text(QStringLiteral("name")));
    if (name.isEmpty())
        m_reader.fail(QStringLiteral("name"), QStringLiteral("the name is empty"));
    qint64 existing = 0;
    QString how;
    if (!source.isEmpty() && m_look.bySource.contains(source)) {
        existing = m_look.bySource.value(source);
        how = QStringLiteral("source id");
    } else if (account > 0 && !name.isEmpty() && m_look.byKey.contains(contactNameKey(account, name))) {
        existing = m_look.byKey.value(contactNameKey(account, name));
        how = QStringLiteral("name");
    }
    const qint64 target = decide(existing, how);
    domain::Opportunity o;
    if (target > 0 && m_write)
        if (const auto stored = m_p.opportunities().byId(target))
            o = *stored;
    const domain::Opportunity opportunityBefore = o;
    if (target == 0)
        o.accountId = account;
    if (!name.isEmpty())
        o.name = name;
    if (auto v = m_reader.amount(QStringLiteral("amount")))
        o.amountCents = *v;
    else if (target == 0 && !m_reader.has(QStringLiteral("amount")))
        m_reader.fail(QStringLiteral("amount"), QStringLiteral("the amount is empty"));
    bool stageSet = false;
    if (m_reader.has(QStringLiteral("stage"))) {
        if (const auto s = crmStage(m_reader.text(QStringLiteral("stage")))) {
            o.stage = *s;
            stageSet = true;
        } else {
            m_reader.fail(QStringLiteral("stage"), QStringLiteral("not a stage (Identified, Qualified, Proposal, Negotiation, Won, Lost, or a Salesforce stage)"));
        }
    }
    if (auto p = m_reader.percent(QStringLiteral("probability")))
        o.probability = int(std::lround(*p));
    else if (stageSet)
        o.probability = domain::defaultProbability(o.stage);
    if (m_reader.has(QStringLiteral("close_date")))
        o.closeDate = m_reader.date(QStringLiteral("close_date"));
    if (m_reader.has(QStringLiteral("type"))) {
        if (const auto t = crmOpportunityType(m_reader.text(QStringLiteral("type"))))
            o.type = *t;
        else
            m_pendingWarnings.push_back(m_reader.note(QStringLiteral("type"), QStringLiteral("not a type Keystone knows: imported as %1").arg(domain::opportunityTypeName(o.type))));
    }
    if (m_reader.has(QStringLiteral("owner")))
        o.ownerId = std::max<qint64>(0, teamMember(QStringLiteral("owner")));
    if (rejected())
        return;
    if (target < 0) {
        accept(-1, 0);
        return;
    }
    if (target > 0 && m_write && o == opportunityBefore && (source.isEmpty() || how == QLatin1String("source id"))) {
        acceptUnchanged();
        return;
    }
    const bool ok = guarded([&] {
        if (target > 0) {
            m_p.opportunities().update(o);
        } else {
            o.id = 0;
            m_p.opportunities().insert(o);
        }
        if (!source.isEmpty() && !m_look.bySource.contains(source))
            m_sources.set(storage::SourceTable::Opportunities, o.id, source);
    });
    if (!ok)
        return;
    if (!source.isEmpty() && !m_look.bySource.contains(source))
        m_look.bySource.insert(source, o.id);
    m_look.byKey.insert(contactNameKey(o.accountId, o.name), o.id);
    m_look.nameOf.insert(o.id, o.name);
    accept(target, o.accountId);
}

} // namespace keystone::services::csvimport
