// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Importing contacts: matched by source id, e-mail or name within the account; managers linked after the last row.
#include "csvimporter.h"
#include "keystone/services/clock.h"

namespace keystone::services::csvimport {

void CsvImporter::importContact()
{
    clearPending();
    const qint64 account = accountOfRow();
    const QString source = m_reader.text(QStringLiteral("source_id"));
    QString name = domain::cleanName(m_reader.text(QStringLiteral("name")));
    if (name.isEmpty())
        name = domain::cleanName(m_reader.text(QStringLiteral("first_name")) + QLatin1Char(' ') + m_reader.text(QStringLiteral("last_name")));
    if (name.isEmpty())
        m_reader.fail(m_reader.mapped(QStringLiteral("name")) ? QStringLiteral("name") : QStringLiteral("last_name"), QStringLiteral("the name is empty"));
    const QString email = m_reader.text(QStringLiteral("email"));
    if (!email.isEmpty() && (!email.contains(QLatin1Char('@')) || email.contains(QLatin1Char(' '))))
        m_reader.fail(QStringLiteral("email"), QStringLiteral("not an email address"));
    qint64 existing = 0;
    QString how;
    if (!source.isEmpty() && m_look.bySource.contains(source)) {
        existing = m_look.bySource.value(source);
        how = QStringLiteral("source id");
    } else if (account > 0 && !email.isEmpty() && m_look.byKey.contains(contactEmailKey(account, email))) {
        existing = m_look.byKey.value(contactEmailKey(account, email));
        how = QStringLiteral("email");
    } else if (account > 0 && !name.isEmpty() && m_look.byKey.contains(contactNameKey(account, name))) {
        existing = m_look.byKey.value(contactNameKey(account, name));
        how = QStringLiteral("name");
    }
    const qint64 target = decide(existing, how);
    domain::Contact c;
    if (target > 0 && m_write) {
        if (const auto stored = m_p.contacts().byId(target))
            c = *stored;
    }
    const domain::Contact contactBefore = c;
    if (target == 0)
        c.accountId = account;
    if (!name.isEmpty())
        c.name = name;
    if (m_reader.has(QStringLiteral("title")))
        c.title = m_reader.text(QStringLiteral("title"));
    if (!email.isEmpty())
        c.email = email;
    if (m_reader.has(QStringLiteral("department")))
        c.department = m_reader.text(QStringLiteral("department"));
    if (m_reader.has(QStringLiteral("notes")))
        c.notes = m_reader.text(QStringLiteral("notes"));
    if (auto v = m_reader.choice(QStringLiteral("role"), &domain::parseBuyingRole, domain::buyingRoleNames()))
        c.role = *v;
    if (auto v = m_reader.choice(QStringLiteral("stance"), &domain::parseStance, domain::stanceNames()))
        c.stance = *v;
    if (auto v = m_reader.choice(QStringLiteral("influence"), &domain::parseInfluence, domain::influenceNames()))
        c.influence = *v;
    if (auto v = m_reader.choice(QStringLiteral("status"), &domain::parseContactStatus, {QStringLiteral("active"), QStringLiteral("departed")})) {
        c.status = *v;
        if (c.status == domain::ContactStatus::Departed && !c.departedOn.isValid())
            c.departedOn = services::today();
    }
    if (auto v = m_reader.choice(QStringLiteral("level"), &domain::parseRelationshipLevel, domain::relationshipLevelNames()))
        c.level = *v;
    if (auto v = m_reader.choice(QStringLiteral("target_level"), &domain::parseRelationshipLevel, domain::relationshipLevelNames()))
        c.targetLevel = *v;
    if (rejected())
        return;
    if (target < 0) {
        accept(-1, 0);
        return;
    }
    const bool hasManager = m_reader.has(QStringLiteral("reports_to_source_id")) || m_reader.has(QStringLiteral("reports_to_name"));
    if (target > 0 && m_write && c == contactBefore && !hasManager && (source.isEmpty() || how == QLatin1String("source id"))) {
        acceptUnchanged();
        return;
    }
    const bool ok = guarded([&] {
        if (target > 0) {
            m_p.contacts().update(c);
        } else {
            c.id = 0;
            m_p.contacts().insert(c);
        }
        if (!source.isEmpty() && !m_look.bySource.contains(source))
            m_sources.set(storage::SourceTable::Contacts, c.id, source);
    });
    if (!ok)
        return;
    if (!m_write)
        c.id = -(m_reader.row()); // preview: a stand-in id
    if (!source.isEmpty() && !m_look.bySource.contains(source))
        m_look.bySource.insert(source, c.id);
    m_look.byKey.insert(contactNameKey(c.accountId, c.name), c.id);
    if (!c.email.isEmpty())
        m_look.byKey.insert(contactEmailKey(c.accountId, c.email), c.id);
    m_look.nameOf.insert(c.id, c.name);
    m_look.accountOf.insert(c.id, c.accountId);
    if (m_reader.has(QStringLiteral("reports_to_source_id")) || m_reader.has(QStringLiteral("reports_to_name")))
        m_managers.push_back({c.id, c.accountId, m_reader.row(), m_reader.line(), m_reader.text(QStringLiteral("reports_to_source_id")),
                              m_reader.text(QStringLiteral("reports_to_name")),
                              m_reader.column(m_reader.has(QStringLiteral("reports_to_source_id")) ? QStringLiteral("reports_to_source_id")
                                                                                                   : QStringLiteral("reports_to_name"))});
    accept(target, c.accountId);
}

void CsvImporter::linkManagers()
{
    for (const Manager &m : m_managers) {
        qint64 manager = 0;
        if (!m.source.isEmpty())
            manager = m_look.bySource.value(m.source);
        if (manager == 0 && !m.name.isEmpty())
            manager = m_look.byKey.value(contactNameKey(m.account, m.name));
        const QString value = m.source.isEmpty() ? m.name : m.source;
        if (manager == 0) {
            list(m_report.warnings, ImportIssue{m.row, m.line, m.column, value, QStringLiteral("no contact found to report to: left at the top")});
            continue;
        }
        if (m_look.accountOf.value(manager) != m.account) {
            list(m_report.warnings, ImportIssue{m.row, m.line, m.column, value, QStringLiteral("the manager is a contact of another account: not linked")});
            continue;
        }
        // A cycle (A reports to B, B to A) would break the org chart.
        bool cycle = manager == m.contact;
        for (qint64 up = manager, steps = 0; up != 0 && !cycle && steps < 100000; ++steps) {
            up = m_look.reportsTo.value(up);
            cycle = up == m.contact;
        }
        if (cycle) {
            list(m_report.warnings, ImportIssue{m.row, m.line, m.column, value, QStringLiteral("reporting to this contact would make a cycle: not linked")});
            continue;
        }
        m_p.contacts().setReportsTo({m.contact}, manager);
        m_look.reportsTo.insert(m.contact, manager);
    }
}

} // namespace keystone::services::csvimport
