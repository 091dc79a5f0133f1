// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// What every kind of CSV import shares: the first pass for date formats, the row loop, lookups, duplicates, counting and the closing refresh.
#include "csvimporter.h"

namespace keystone::services::csvimport {

CsvImporter::CsvImporter(Portfolio &portfolio, RecordSource &source, const CsvImportRequest &request, bool write, int maxRows)
    : m_p(portfolio), m_source(source), m_req(request), m_map(request.mapping), m_write(write),
      m_reader(source.encoding(), m_map, m_dateFormats, request.mapping.decimalMark, domain::minorUnitDigits(portfolio.settings().currency)),
      m_sources(portfolio.database())
{
    std::vector<std::pair<QString, int>> undecided;
    std::vector<io::DateFormatVote> votes;
    for (const io::ImportField &f : io::importFields(m_map.kind)) {
        if (f.type != io::FieldType::Date || m_map.columnOf(f.key) < 0)
            continue;
        m_dateFormats.insert(f.key, m_map.dateFormat);
        if (m_map.dateFormat == io::DateFormat::Auto) {
            undecided.emplace_back(f.key, m_map.columnOf(f.key));
            votes.emplace_back();
        }
    }
    if (!undecided.empty()) {
        const QStringList *record = nullptr;
        int line = 0;
        for (int n = 0; (maxRows < 0 || n < maxRows) && source.next(record, line); ++n) {
            bool all = true;
            for (size_t k = 0; k < undecided.size(); ++k) {
                votes[k].add(record->value(undecided[k].second));
                all = all && votes[k].decided();
            }
            if (all)
                break;
        }
        for (size_t k = 0; k < undecided.size(); ++k)
            m_dateFormats.insert(undecided[k].first, votes[k].result());
        source.rewind();
    }
    m_report.kind = m_map.kind;
    m_report.dryRun = request.dryRun;
    m_report.encoding = io::encodingNote(source.encoding(), source.badBytes());
    loadLookups();
}

void CsvImporter::run(const std::function<bool(int, int)> &progress, int maxRows)
{
    const QStringList *record = nullptr;
    int line = 0;
    int i = 0;
    for (; (maxRows < 0 || i < maxRows) && m_source.next(record, line); ++i) {
        if (progress && i % 500 == 0) {
            const auto [done, total] = m_source.progress(i);
            if (!progress(done, total))
                throw ImportRefused{QStringLiteral("the import was cancelled; nothing was imported")};
        }
        m_reader.start(*record, i + 2, line);
        importRow();
        if (!m_reader.ok()) {
            ++m_report.rejected;
            for (ImportIssue &issue : m_reader.issues())
                list(m_report.rejections, std::move(issue));
        }
    }
    m_report.rows = i;
    if (m_write)
        finish();
    if (progress) {
        const auto [done, total] = m_source.progress(i);
        progress(total, total);
        (void)done;
    }
}

void CsvImporter::loadLookups()
{
    for (const storage::SourceKey &k : m_sources.keys(storage::SourceTable::Accounts)) {
        m_look.accountByName.insert(domain::nameKey(k.name), k.id);
        m_look.accountName.insert(k.id, k.name);
        if (!k.sourceId.isEmpty() && !m_look.accountBySource.contains(k.sourceId))
            m_look.accountBySource.insert(k.sourceId, k.id);
    }
    for (const domain::TeamMember &m : m_p.team().all()) {
        m_look.teamByName.insert(domain::nameKey(m.name), m.id);
        if (!m.email.isEmpty())
            m_look.teamByEmail.insert(lower(m.email), m.id);
    }
    auto kindKeys = [&](storage::SourceTable table) {
        for (const storage::SourceKey &k : m_sources.keys(table)) {
            if (!k.sourceId.isEmpty() && !m_look.bySource.contains(k.sourceId))
                m_look.bySource.insert(k.sourceId, k.id);
            m_look.nameOf.insert(k.id, k.name);
            switch (table) {
            case storage::SourceTable::Contacts:
                m_look.byKey.insert(contactNameKey(k.accountId, k.name), k.id);
                if (!k.email.isEmpty())
                    m_look.byKey.insert(contactEmailKey(k.accountId, k.email), k.id);
                m_look.reportsTo.insert(k.id, k.reportsTo);
                m_look.accountOf.insert(k.id, k.accountId);
                break;
            case storage::SourceTable::Opportunities:
                m_look.byKey.insert(contactNameKey(k.accountId, k.name), k.id);
                break;
            case storage::SourceTable::Activities:
                m_look.byKey.insert(activityKey(k.accountId, k.date, k.type, k.name), k.id);
                break;
            case storage::SourceTable::Accounts: break;
            }
        }
    };
    // The preview shows refused cells, not duplicates: it reads the accounts and the team
    // only, so it stays quick on a big book (it runs on the UI thread).
    if (!m_write)
        return;
    switch (m_map.kind) {
    case ImportKind::Accounts: m_look.bySource = m_look.accountBySource; break;
    case ImportKind::Contacts: kindKeys(storage::SourceTable::Contacts); break;
    case ImportKind::Opportunities: kindKeys(storage::SourceTable::Opportunities); break;
    case ImportKind::Activities:
        kindKeys(storage::SourceTable::Activities);
        kindKeys(storage::SourceTable::Contacts); // participants
        break;
    case ImportKind::ArrHistory:
        for (const domain::ArrPoint &p : m_p.arrHistory().all())
            m_arr[p.accountId][p.date] = p.arrCents;
        break;
    case ImportKind::HealthInputs:
        for (const auto &[account, in] : m_p.health().allInputs())
            m_healthDates.insert(QString::number(account) + QLatin1Char('|') + in.date.toString(Qt::ISODate));
        break;
    }
}

void CsvImporter::importRow()
{
    switch (m_map.kind) {
    case ImportKind::Accounts: return importAccount();
    case ImportKind::Contacts: return importContact();
    case ImportKind::Opportunities: return importOpportunity();
    case ImportKind::Activities: return importActivity();
    case ImportKind::ArrHistory: return importArrPoint();
    case ImportKind::HealthInputs: return importHealthInputs();
    }
}

qint64 CsvImporter::accountOfRow()
{
    const QString source = m_reader.text(QStringLiteral("account_source_id"));
    const QString name = m_reader.text(QStringLiteral("account_name"));
    if (!source.isEmpty()) {
        if (const auto it = m_look.accountBySource.constFind(source); it != m_look.accountBySource.constEnd())
            return *it;
        if (name.isEmpty()) {
            m_reader.fail(QStringLiteral("account_source_id"), QStringLiteral("no account was imported with this id"));
            return 0;
        }
    }
    if (!name.isEmpty()) {
        if (const auto it = m_look.accountByName.constFind(domain::nameKey(name)); it != m_look.accountByName.constEnd())
            return *it;
        m_reader.fail(QStringLiteral("account_name"), QStringLiteral("no account has this name"));
        return 0;
    }
    m_reader.fail(m_reader.mapped(QStringLiteral("account_source_id")) ? QStringLiteral("account_source_id") : QStringLiteral("account_name"),
                  QStringLiteral("the account is missing"));
    return 0;
}

qint64 CsvImporter::teamMember(const QString &field, const QString &value)
{
    if (value.isEmpty())
        return 0;
    if (const auto it = m_look.teamByName.constFind(domain::nameKey(value)); it != m_look.teamByName.constEnd())
        return *it;
    if (const auto it = m_look.teamByEmail.constFind(lower(value)); it != m_look.teamByEmail.constEnd())
        return *it;
    if (looksLikeCrmId(value)) {
        m_pendingWarnings.push_back(m_reader.note(field, QStringLiteral("a CRM user id that names no team member: left unassigned")));
        return 0;
    }
    if (!m_write)
        return -1; // the preview: it would be created
    domain::TeamMember m;
    m.name = domain::cleanName(value);
    m.role = domain::TeamRole::AM;
    // "dana@example.com" is an e-mail address (the name is its local part); "@dana" or
    // "dana@" are names, checked like every other name.
    const QString local = value.section(QLatin1Char('@'), 0, 0).simplified();
    const QString domainPart = value.section(QLatin1Char('@'), 1);
    if (!local.isEmpty() && domainPart.contains(QLatin1Char('.'))) {
        m.email = value;
        m.name = local;
    }
    // The same rules as the Team Members form: a row whose new member would break one is
    // refused with its column and value, never stored, never an SQL error.
    if (const domain::FieldErrors errors = domain::validateTeamMember(m); !errors.isEmpty()) {
        m_reader.fail(field, QStringLiteral("not a team member's name or e-mail address (%1)").arg(errors.first().message));
        return 0;
    }
    m_p.team().insert(m);
    m_look.teamByName.insert(domain::nameKey(m.name), m.id);
    if (!m.email.isEmpty())
        m_look.teamByEmail.insert(lower(m.email), m.id);
    ++m_report.teamMembersCreated;
    m_pendingWarnings.push_back(m_reader.note(field, QStringLiteral("new team member %1 (AM) created").arg(m.name)));
    return m.id;
}

qint64 CsvImporter::decide(qint64 existing, const QString &how)
{
    if (existing <= 0)
        return 0;
    ImportDuplicate d{m_reader.row(), how, m_look.nameOf.value(existing, m_look.accountName.value(existing)), {}};
    qint64 result = 0;
    switch (m_req.onDuplicate) {
    case DuplicatePolicy::Update: d.action = QStringLiteral("updated"); result = existing; break;
    case DuplicatePolicy::Skip: d.action = QStringLiteral("skipped"); result = -1; break;
    case DuplicatePolicy::Create: d.action = QStringLiteral("created"); result = 0; break;
    }
    m_pendingDuplicate = d;
    return result;
}

void CsvImporter::acceptUnchanged()
{
    ++m_report.unchanged;
    if (m_pendingDuplicate) {
        m_pendingDuplicate->action = QStringLiteral("unchanged");
        list(m_report.duplicates, *m_pendingDuplicate);
    }
    for (ImportIssue &w : m_pendingWarnings)
        list(m_report.warnings, std::move(w));
    clearPending();
}

void CsvImporter::accept(qint64 result, qint64 accountId)
{
    if (result > 0)
        ++m_report.updated;
    else if (result < 0)
        ++m_report.skipped;
    else
        ++m_report.created;
    if (m_pendingDuplicate)
        list(m_report.duplicates, *m_pendingDuplicate);
    for (ImportIssue &w : m_pendingWarnings)
        list(m_report.warnings, std::move(w));
    if (accountId > 0 && result >= 0)
        m_touched.insert(accountId);
    clearPending();
}

void CsvImporter::clearPending()
{
    m_pendingDuplicate.reset();
    m_pendingWarnings.clear();
}

bool CsvImporter::rejected()
{
    if (m_reader.ok())
        return false;
    clearPending();
    return true;
}

void CsvImporter::finish()
{
    if (m_map.kind == ImportKind::Contacts)
        linkManagers();
    const QList<qint64> touched(m_touched.begin(), m_touched.end());
    switch (m_map.kind) {
    case ImportKind::Opportunities: m_p.accounts().refreshExpansionTotals(touched); break;
    case ImportKind::Activities: m_p.contacts().refreshLastInteraction(QList<qint64>(m_contactsTouched.begin(), m_contactsTouched.end())); break;
    case ImportKind::HealthInputs: HealthService(m_p).recomputeAccounts(touched); break;
    default: break;
    }
    m_report.accountIds = touched;
    std::sort(m_report.accountIds.begin(), m_report.accountIds.end());
}

CsvImportReport importRecords(Portfolio &portfolio, RecordSource &source, const CsvImportRequest &request,
                              const std::function<bool(int, int)> &progress)
{
    const QStringList problems = io::mappingProblems(request.mapping);
    if (!problems.isEmpty())
        throw ImportRefused{QStringLiteral("the %1 cannot be imported: %2").arg(io::importKindName(request.mapping.kind).toLower(), problems.join(QStringLiteral("; ")))};
    QElapsedTimer timer;
    timer.start();
    storage::Transaction tx(portfolio.database());
    CsvImporter importer(portfolio, source, request, true);
    importer.run(progress);
    CsvImportReport report = std::move(importer.report());
    if (!request.dryRun)
        tx.commit(); // else the transaction rolls back: a dry run writes nothing
    else
        report.accountIds.clear();
    report.elapsedMs = double(timer.nsecsElapsed()) / 1e6;
    return report;
}


} // namespace keystone::services::csvimport
