// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Importing activities: matched by date, type and summary within the account; participants by e-mail or name.
#include "csvimporter.h"

namespace keystone::services::csvimport {

void CsvImporter::importActivity()
{
    clearPending();
    const qint64 account = accountOfRow();
    const QString source = m_reader.text(QStringLiteral("source_id"));
    domain::Activity a;
    a.accountId = account;
    a.date = m_reader.date(QStringLiteral("date"));
    if (!m_reader.has(QStringLiteral("date")))
        m_reader.fail(QStringLiteral("date"), QStringLiteral("the date is empty"));
    if (m_reader.has(QStringLiteral("type"))) {
        if (const auto t = crmActivityType(m_reader.text(QStringLiteral("type"))))
            a.type = *t;
        else
            m_pendingWarnings.push_back(m_reader.note(QStringLiteral("type"), QStringLiteral("not an activity type Keystone knows: imported as a meeting")));
    }
    a.summary = m_reader.text(QStringLiteral("summary"));
    if (m_reader.has(QStringLiteral("details")))
        a.summary = a.summary.isEmpty() ? m_reader.text(QStringLiteral("details"))
                                        : a.summary + QStringLiteral("\n\n") + m_reader.text(QStringLiteral("details"));
    a.nextStep = m_reader.text(QStringLiteral("next_step"));
    // Participants: the contact by source id, email or name within the account; several
    // separated by ';' (as Keystone exports them).
    if (account > 0 && (m_reader.has(QStringLiteral("contact_source_id")) || m_reader.has(QStringLiteral("contact")))) {
        QStringList missing;
        const QString cs = m_reader.text(QStringLiteral("contact_source_id"));
        if (!cs.isEmpty()) {
            const qint64 contact = contactBySource().value(cs);
            if (contact > 0 && m_look.accountOf.value(contact) == account)
                a.contactIds.push_back(contact);
            else
                missing << cs;
        }
        if (a.contactIds.empty())
            for (const QString &part : m_reader.text(QStringLiteral("contact")).split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
                const QString cn = part.trimmed();
                const qint64 contact = m_look.byKey.value(cn.contains(QLatin1Char('@')) ? contactEmailKey(account, cn) : contactNameKey(account, cn));
                if (contact > 0 && m_look.accountOf.value(contact) == account) {
                    if (std::find(a.contactIds.begin(), a.contactIds.end(), contact) == a.contactIds.end())
                        a.contactIds.push_back(contact);
                } else {
                    missing << cn;
                }
            }
        if (!missing.isEmpty() && a.contactIds.empty())
            m_pendingWarnings.push_back(m_reader.note(cs.isEmpty() ? QStringLiteral("contact") : QStringLiteral("contact_source_id"),
                                                      QStringLiteral("no contact of this account matches: imported without the contact")));
    }
    if (m_reader.has(QStringLiteral("team_member"))) {
        for (const QString &part : m_reader.text(QStringLiteral("team_member")).split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            const qint64 member = teamMember(QStringLiteral("team_member"), part.trimmed());
            if (member > 0 && std::find(a.teamMemberIds.begin(), a.teamMemberIds.end(), member) == a.teamMemberIds.end())
                a.teamMemberIds.push_back(member);
        }
    }
    qint64 existing = 0;
    QString how;
    const QString key = activityKey(account, a.date.toString(Qt::ISODate), domain::activityTypeKey(a.type), a.summary);
    if (!source.isEmpty() && m_look.bySource.contains(source)) {
        existing = m_look.bySource.value(source);
        how = QStringLiteral("source id");
    } else if (account > 0 && m_look.byKey.contains(key)) {
        existing = m_look.byKey.value(key);
        how = QStringLiteral("date, type and summary");
    }
    const qint64 target = decide(existing, how);
    if (rejected())
        return;
    if (target < 0) {
        accept(-1, 0);
        return;
    }
    const bool ok = guarded([&] {
        if (target > 0) {
            if (const auto stored = m_p.activities().byId(target)) {
                for (qint64 c : stored->contactIds)
                    m_contactsTouched.insert(c);
                a.uuid = stored->uuid;
                a.accountId = stored->accountId;
            }
            a.id = target;
            m_p.activities().update(a);
        } else {
            m_p.activities().insert(a);
        }
        if (!source.isEmpty() && !m_look.bySource.contains(source))
            m_sources.set(storage::SourceTable::Activities, a.id, source);
    });
    if (!ok)
        return;
    for (qint64 c : a.contactIds)
        m_contactsTouched.insert(c);
    if (!source.isEmpty() && !m_look.bySource.contains(source))
        m_look.bySource.insert(source, a.id);
    m_look.byKey.insert(key, a.id);
    m_look.nameOf.insert(a.id, a.summary);
    accept(target, a.accountId);
}

// Activities look contacts up by their own source ids (loaded with the contacts keys).
const QHash<QString, qint64> &CsvImporter::contactBySource()
{
    if (!m_contactSources) {
        m_contactSources.emplace();
        for (const storage::SourceKey &k : m_sources.keys(storage::SourceTable::Contacts))
            if (!k.sourceId.isEmpty() && !m_contactSources->contains(k.sourceId))
                m_contactSources->insert(k.sourceId, k.id);
    }
    return *m_contactSources;
}

} // namespace keystone::services::csvimport
