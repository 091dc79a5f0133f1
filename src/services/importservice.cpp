// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/importservice.h"

#include "keystone/domain/health.h"
#include "keystone/domain/money.h"
#include "keystone/domain/opportunity.h"
#include "keystone/domain/relationship.h"
#include "keystone/domain/retention.h"
#include "keystone/domain/types.h"
#include "keystone/domain/validation.h"
#include "keystone/io/values.h"
#include "keystone/services/healthservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/storage/exchangerepository.h"
#include "keystone/storage/storageerror.h"
#include "keystone/storage/transaction.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QHash>
#include <QSet>

#include <map>

namespace keystone::services {

using io::ImportKind;

QString duplicatePolicyKey(DuplicatePolicy p)
{
    switch (p) {
    case DuplicatePolicy::Update: return QStringLiteral("update");
    case DuplicatePolicy::Skip: return QStringLiteral("skip");
    case DuplicatePolicy::Create: return QStringLiteral("create");
    }
    return {};
}

std::optional<DuplicatePolicy> parseDuplicatePolicy(const QString &key)
{
    for (DuplicatePolicy p : {DuplicatePolicy::Update, DuplicatePolicy::Skip, DuplicatePolicy::Create})
        if (key.trimmed().toLower() == duplicatePolicyKey(p))
            return p;
    return std::nullopt;
}

namespace {

QString lower(const QString &s)
{
    return s.trimmed().toLower();
}

// A Salesforce record id: 15 or 18 letters and digits with at least one digit.
bool looksLikeCrmId(const QString &s)
{
    static const QRegularExpression id(QStringLiteral("^(?=.*\\d)[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$"));
    return id.match(s.trimmed()).hasMatch();
}

// Reads the cells of one record under the mapping, typed, collecting one issue per bad cell.
class RowReader
{
public:
    RowReader(io::CsvTable::Encoding encoding, const io::ImportMapping &mapping, const QHash<QString, io::DateFormat> &dateFormats,
              io::DecimalMark mark, int minorDigits)
        : m_encoding(encoding), m_mapping(mapping), m_dates(dateFormats), m_mark(mark), m_minor(minorDigits)
    {
    }

    // The record of spreadsheet row `row` (header = 1), starting on file line `line`.
    void start(const QStringList &record, int row, int line)
    {
        m_record = &record;
        m_row = row;
        m_line = line;
        m_issues.clear();
        // A cell that held bytes which are not UTF-8 (in a file that otherwise is) is refused
        // with its row and column, never stored with a replacement character.
        if (m_encoding == io::CsvTable::Encoding::Utf8WithBadBytes) {
            for (qsizetype c = 0; c < record.size() && c < m_mapping.fields.size(); ++c)
                if (!m_mapping.fields.at(c).isEmpty() && record.at(c).contains(QChar(0xFFFD)))
                    fail(m_mapping.fields.at(c), QStringLiteral("holds bytes that are not UTF-8 (the rest of the file is UTF-8); fix the cell and import again"));
        }
    }
    int row() const { return m_row; }
    int line() const { return m_line; }
    bool ok() const { return m_issues.empty(); }
    std::vector<ImportIssue> &issues() { return m_issues; }

    bool mapped(const QString &field) const { return m_mapping.columnOf(field) >= 0; }
    QString column(const QString &field) const { return m_mapping.header.value(m_mapping.columnOf(field)); }
    QString text(const QString &field) const
    {
        const int c = m_mapping.columnOf(field);
        if (c < 0)
            return {};
        // Keystone's own export neutralises formula-like cells with a leading apostrophe.
        return io::restoreNeutralisedCell(m_record->value(c)).trimmed();
    }
    bool has(const QString &field) const { return !text(field).isEmpty(); }

    void fail(const QString &field, const QString &message)
    {
        m_issues.push_back({row(), line(), field.isEmpty() ? QString() : column(field), field.isEmpty() ? QString() : text(field), message});
    }
    ImportIssue note(const QString &field, const QString &message) const
    {
        return {row(), line(), field.isEmpty() ? QString() : column(field), field.isEmpty() ? QString() : text(field), message};
    }

    std::optional<qint64> amount(const QString &field)
    {
        if (!has(field))
            return std::nullopt;
        const auto v = io::parseAmount(text(field), m_minor, m_mark);
        if (!v)
            fail(field, QStringLiteral("not an amount"));
        else if (*v < 0)
            fail(field, QStringLiteral("must not be negative"));
        return v && *v >= 0 ? v : std::nullopt;
    }
    std::optional<int> whole(const QString &field, qint64 lo, qint64 hi)
    {
        if (!has(field))
            return std::nullopt;
        const auto v = io::parseWholeNumber(text(field), m_mark);
        if (!v) {
            fail(field, QStringLiteral("not a whole number"));
            return std::nullopt;
        }
        if (*v < lo || *v > hi) {
            fail(field, QStringLiteral("must be from %1 to %2").arg(lo).arg(hi));
            return std::nullopt;
        }
        return int(*v);
    }
    std::optional<double> number(const QString &field, double lo, double hi)
    {
        if (!has(field))
            return std::nullopt;
        const auto v = io::parseNumber(text(field), m_mark);
        if (!v) {
            fail(field, QStringLiteral("not a number"));
            return std::nullopt;
        }
        if (*v < lo || *v > hi) {
            fail(field, QStringLiteral("must be from %1 to %2").arg(lo).arg(hi));
            return std::nullopt;
        }
        return v;
    }
    std::optional<double> percent(const QString &field)
    {
        if (!has(field))
            return std::nullopt;
        const auto v = io::parsePercent(text(field), m_mark);
        if (!v || *v < 0 || *v > 100) {
            fail(field, QStringLiteral("not a percentage from 0 to 100"));
            return std::nullopt;
        }
        return v;
    }
    QDate date(const QString &field)
    {
        if (!has(field))
            return {};
        const auto d = io::parseDate(text(field), m_dates.value(field, io::DateFormat::Iso));
        if (!d)
            fail(field, io::dateProblem(text(field), m_dates.value(field, io::DateFormat::Iso)));
        return d.value_or(QDate());
    }
    std::optional<bool> flag(const QString &field)
    {
        if (!has(field))
            return std::nullopt;
        const auto b = io::parseBool(text(field));
        if (!b)
            fail(field, QStringLiteral("not yes or no"));
        return b;
    }
    template <typename T>
    std::optional<T> choice(const QString &field, std::optional<T> (*parse)(const QString &), const QStringList &names)
    {
        if (!has(field))
            return std::nullopt;
        const auto v = parse(text(field));
        if (!v)
            fail(field, QStringLiteral("must be one of %1").arg(names.join(QStringLiteral(", "))));
        return v;
    }

private:
    io::CsvTable::Encoding m_encoding;
    const io::ImportMapping &m_mapping;
    const QHash<QString, io::DateFormat> &m_dates;
    io::DecimalMark m_mark;
    int m_minor;
    const QStringList *m_record = nullptr;
    int m_row = 0;
    int m_line = 0;
    std::vector<ImportIssue> m_issues;
};

// The records an import reads: a table in memory (the preview, tests) or a file read as it
// goes (an import: memory does not grow with the file).
class RecordSource
{
public:
    virtual ~RecordSource() = default;
    virtual io::CsvTable::Encoding encoding() const = 0;
    virtual int badBytes() const = 0;
    // The next record and the file line it starts on; false at the end.
    virtual bool next(const QStringList *&record, int &line) = 0;
    virtual void rewind() = 0;
    // Progress as (done, total) for a progress bar.
    virtual std::pair<int, int> progress(int recordsDone) const = 0;
};

class TableSource final : public RecordSource
{
public:
    explicit TableSource(const io::CsvTable &table) : m_table(table) {}
    io::CsvTable::Encoding encoding() const override { return m_table.encoding; }
    int badBytes() const override { return m_table.badBytes; }
    bool next(const QStringList *&record, int &line) override
    {
        if (m_next >= m_table.records.size())
            return false;
        record = &m_table.records[m_next];
        line = m_table.lines[m_next];
        ++m_next;
        return true;
    }
    void rewind() override { m_next = 0; }
    std::pair<int, int> progress(int recordsDone) const override { return {recordsDone, int(m_table.records.size())}; }

private:
    const io::CsvTable &m_table;
    size_t m_next = 0;
};

class StreamSource final : public RecordSource
{
public:
    explicit StreamSource(io::CsvReader &reader) : m_reader(reader) {}
    io::CsvTable::Encoding encoding() const override { return m_reader.encoding(); }
    int badBytes() const override { return m_reader.badBytes(); }
    bool next(const QStringList *&record, int &line) override
    {
        if (!m_reader.next(m_record, line))
            return false;
        record = &m_record;
        return true;
    }
    void rewind() override { m_reader.rewind(); }
    std::pair<int, int> progress(int) const override { return {int(m_reader.fraction() * 1000), 1000}; }

private:
    io::CsvReader &m_reader;
    QStringList m_record;
};

// Rejections, notes and duplicates beyond this many are counted, not listed: a file with a
// million bad rows gets a report of bounded size.
constexpr size_t kMaxListed = 10000;

// A CRM's name for a choice (matched like headers), else Keystone's own name or key.
template<typename T>
std::optional<T> crmChoice(const QHash<QString, T> &crm, const QString &text, std::optional<T> (*parse)(const QString &))
{
    if (const auto it = crm.constFind(io::headerKey(text)); it != crm.constEnd())
        return *it;
    return parse(text);
}

std::optional<domain::Stage> crmStage(const QString &text)
{
    static const QHash<QString, domain::Stage> sf{
        {QStringLiteral("prospecting"), domain::Stage::Identified},
        {QStringLiteral("qualification"), domain::Stage::Qualified},
        {QStringLiteral("needsanalysis"), domain::Stage::Qualified},
        {QStringLiteral("iddecisionmakers"), domain::Stage::Qualified},
        {QStringLiteral("valueproposition"), domain::Stage::Proposal},
        {QStringLiteral("perceptionanalysis"), domain::Stage::Proposal},
        {QStringLiteral("proposalpricequote"), domain::Stage::Proposal},
        {QStringLiteral("negotiationreview"), domain::Stage::Negotiation},
        {QStringLiteral("closedwon"), domain::Stage::Won},
        {QStringLiteral("closedlost"), domain::Stage::Lost},
    };
    return crmChoice(sf, text, &domain::parseStage);
}

std::optional<domain::OpportunityType> crmOpportunityType(const QString &text)
{
    static const QHash<QString, domain::OpportunityType> sf{
        {QStringLiteral("newcustomer"), domain::OpportunityType::NewBuyingCenter},
        {QStringLiteral("newbusiness"), domain::OpportunityType::NewBuyingCenter},
        {QStringLiteral("existingcustomerupgrade"), domain::OpportunityType::Upsell},
        {QStringLiteral("existingbusiness"), domain::OpportunityType::Upsell},
        {QStringLiteral("existingcustomerreplacement"), domain::OpportunityType::Renewal},
        {QStringLiteral("existingcustomerdowngrade"), domain::OpportunityType::Renewal},
        {QStringLiteral("renewal"), domain::OpportunityType::Renewal},
    };
    return crmChoice(sf, text, &domain::parseOpportunityType);
}

std::optional<domain::ActivityType> crmActivityType(const QString &text)
{
    static const QHash<QString, domain::ActivityType> sf{
        {QStringLiteral("call"), domain::ActivityType::Call},
        {QStringLiteral("phone"), domain::ActivityType::Call},
        {QStringLiteral("task"), domain::ActivityType::Call},
        {QStringLiteral("email"), domain::ActivityType::Email},
        {QStringLiteral("listemail"), domain::ActivityType::Email},
        {QStringLiteral("meeting"), domain::ActivityType::Meeting},
        {QStringLiteral("event"), domain::ActivityType::Meeting},
        {QStringLiteral("businessreview"), domain::ActivityType::Qbr},
        {QStringLiteral("ebr"), domain::ActivityType::ExecutiveReview},
        {QStringLiteral("visit"), domain::ActivityType::Onsite},
        {QStringLiteral("internal"), domain::ActivityType::InternalReview},
    };
    return crmChoice(sf, text, &domain::parseActivityType);
}

// Everything an import matches against, read once (a fixed number of queries), and kept
// up to date with the rows the import writes, so later rows of the same file match them.
struct Lookups {
    QHash<QString, qint64> accountByName;   // domain::nameKey
    QHash<QString, qint64> accountBySource;
    QHash<qint64, QString> accountName;
    QHash<QString, qint64> teamByName;      // nameKey
    QHash<QString, qint64> teamByEmail;     // lower case
    QHash<QString, qint64> bySource;        // this kind's source ids
    QHash<QString, qint64> byKey;           // this kind's natural key (see keyOf...)
    QHash<qint64, QString> nameOf;          // this kind's rows, named for reports
    QHash<qint64, qint64> reportsTo;        // contacts: manager ids (cycle check)
    QHash<qint64, qint64> accountOf;        // contacts: account ids
};

QString contactNameKey(qint64 account, const QString &name)
{
    return QString::number(account) + QLatin1Char('|') + domain::nameKey(name);
}
QString contactEmailKey(qint64 account, const QString &email)
{
    return QString::number(account) + QLatin1String("|@") + lower(email);
}
QString activityKey(qint64 account, const QString &date, const QString &type, const QString &summary)
{
    return QString::number(account) + QLatin1Char('|') + date + QLatin1Char('|') + type + QLatin1Char('|') + summary.simplified();
}

class CsvImporter
{
public:
    CsvImporter(Portfolio &portfolio, RecordSource &source, const CsvImportRequest &request, bool write, int maxRows = -1)
        : m_p(portfolio), m_source(source), m_req(request), m_map(request.mapping), m_write(write),
          m_reader(source.encoding(), m_map, m_dateFormats, request.mapping.decimalMark, domain::minorUnitDigits(portfolio.settings().currency)),
          m_sources(portfolio.database())
    {
        // Dates: each date column's format, from all its values when the mapping says Auto
        // (a first pass over the records, stopped as soon as every column is decided).
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

    CsvImportReport &report() { return m_report; }

    void run(const std::function<bool(int, int)> &progress, int maxRows = -1)
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

private:
    template<typename T>
    void list(std::vector<T> &into, T entry)
    {
        if (into.size() < kMaxListed)
            into.push_back(std::move(entry));
        else
            ++m_report.notListed;
    }

    void loadLookups()
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

    void importRow()
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

    // The account a row of a child kind belongs to: by source id, else by name.
    qint64 accountOfRow()
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

    // A team member named (or emailed) in a cell; new names become team members (AM).
    qint64 teamMember(const QString &field) { return teamMember(field, m_reader.text(field)); }
    qint64 teamMember(const QString &field, const QString &value)
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

    // Duplicate handling shared by every kind: returns the existing id to update, 0 to
    // create, or -1 to skip. `how` says what matched.
    qint64 decide(qint64 existing, const QString &how)
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

    // A row that matched an entity and would change none of its fields: counted as
    // unchanged, nothing written (so re-importing an export changes nothing, and says so).
    void acceptUnchanged()
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

    // A row is accepted: count it, keep its notes and its duplicate line.
    void accept(qint64 result, qint64 accountId)
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
    void clearPending()
    {
        m_pendingDuplicate.reset();
        m_pendingWarnings.clear();
    }
    // Rows with problems are rejected whole: nothing of them is written.
    bool rejected()
    {
        if (m_reader.ok())
            return false;
        clearPending();
        return true;
    }
    // A write the database refused (a constraint): the row is rejected with the reason.
    template <typename F>
    bool guarded(F &&write)
    {
        if (!m_write)
            return true;
        try {
            write();
            return true;
        } catch (const storage::StorageError &e) {
            if (e.code() != storage::StorageError::Code::Constraint)
                throw;
            m_reader.fail({}, e.constraintReason()); // the SQL text went to the log
            clearPending();
            return false;
        }
    }

    // --- accounts -------------------------------------------------------------------------

    void importAccount()
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
                    m_p.arrHistory().record({a.id, QDate::currentDate(), a.arr.cents, domain::arrChangeBetween(before.arr.cents, a.arr.cents)});
                if (!source.isEmpty() && how != QLatin1String("source id"))
                    m_sources.set(storage::SourceTable::Accounts, a.id, source);
                if (a.name != before.name) {
                    m_look.accountByName.remove(domain::nameKey(before.name));
                    m_look.accountByName.insert(domain::nameKey(a.name), a.id);
                }
                (*m_accounts)[a.id] = a;
            } else {
                m_p.accounts().insert(a);
                m_p.arrHistory().record({a.id, a.customerSince.isValid() ? a.customerSince : QDate::currentDate(), a.arr.cents,
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

    QString freeName(const QString &name) const
    {
        for (int n = 2;; ++n) {
            const QString candidate = QStringLiteral("%1 (%2)").arg(name).arg(n);
            if (!m_look.accountByName.contains(domain::nameKey(candidate)))
                return candidate;
        }
    }

    void loadAccounts()
    {
        m_accounts.emplace();
        for (domain::Account &a : m_p.accounts().all())
            m_accounts->insert(a.id, a);
    }

    // --- contacts -------------------------------------------------------------------------

    void importContact()
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
                c.departedOn = QDate::currentDate();
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

    // Reports-to links once every contact of the file is in: managers may come later.
    void linkManagers()
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

    // --- opportunities --------------------------------------------------------------------

    void importOpportunity()
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

    // --- activities -----------------------------------------------------------------------

    void importActivity()
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
    const QHash<QString, qint64> &contactBySource()
    {
        if (!m_contactSources) {
            m_contactSources.emplace();
            for (const storage::SourceKey &k : m_sources.keys(storage::SourceTable::Contacts))
                if (!k.sourceId.isEmpty() && !m_contactSources->contains(k.sourceId))
                    m_contactSources->insert(k.sourceId, k.id);
        }
        return *m_contactSources;
    }

    // --- ARR history ----------------------------------------------------------------------

    void importArrPoint()
    {
        clearPending();
        const qint64 account = accountOfRow();
        const QDate date = m_reader.date(QStringLiteral("date"));
        if (!m_reader.has(QStringLiteral("date")))
            m_reader.fail(QStringLiteral("date"), QStringLiteral("the date is empty"));
        const auto cents = m_reader.amount(QStringLiteral("arr"));
        if (!m_reader.has(QStringLiteral("arr")))
            m_reader.fail(QStringLiteral("arr"), QStringLiteral("the ARR is empty"));
        std::optional<domain::ArrChange> change;
        if (m_reader.has(QStringLiteral("change")))
            change = m_reader.choice(QStringLiteral("change"), &domain::parseArrChange,
                                     {QStringLiteral("new"), QStringLiteral("expansion"), QStringLiteral("contraction"), QStringLiteral("churn"), QStringLiteral("snapshot")});
        if (rejected() || account <= 0 || !cents)
            return;
        auto &points = m_arr[account];
        const bool exists = points.contains(date);
        qint64 target = 0;
        if (exists) {
            m_look.nameOf.insert(account, m_look.accountName.value(account));
            target = decide(account, QStringLiteral("account and date"));
            if (m_req.onDuplicate == DuplicatePolicy::Create) {
                m_pendingDuplicate->action = QStringLiteral("updated (one ARR per account and date)");
                target = account;
            }
        }
        if (target < 0) {
            accept(-1, 0);
            return;
        }
        if (!change) {
            std::optional<qint64> before;
            for (auto it = points.begin(); it != points.end() && it->first < date; ++it)
                before = it->second;
            change = domain::arrChangeBetween(before, *cents);
        }
        if (!guarded([&] { m_p.arrHistory().record({account, date, *cents, *change}); }))
            return;
        points[date] = *cents;
        accept(exists ? 1 : 0, account);
    }

    // --- health inputs --------------------------------------------------------------------

    void importHealthInputs()
    {
        clearPending();
        const qint64 account = accountOfRow();
        domain::HealthInputs in;
        in.date = m_reader.date(QStringLiteral("date"));
        if (!m_reader.has(QStringLiteral("date")))
            m_reader.fail(QStringLiteral("date"), QStringLiteral("the date is empty"));
        const QString key = QString::number(account) + QLatin1Char('|') + in.date.toString(Qt::ISODate);
        const bool exists = account > 0 && in.date.isValid() && m_healthDates.contains(key);
        qint64 target = 0;
        if (exists) {
            m_look.nameOf.insert(account, m_look.accountName.value(account));
            target = decide(account, QStringLiteral("account and date"));
            if (m_req.onDuplicate == DuplicatePolicy::Create) {
                m_pendingDuplicate->action = QStringLiteral("updated (one snapshot per account and date)");
                target = account;
            }
            if (target > 0 && m_write)
                if (const auto stored = m_p.health().inputsOn(account, in.date))
                    in = *stored;
        }
        auto whole = [&](const char *field, std::optional<int> &out, int lo = 0, int hi = 100'000'000) {
            if (auto v = m_reader.whole(QLatin1String(field), lo, hi))
                out = *v;
        };
        whole("licensed_seats", in.licensedSeats);
        whole("active_users", in.activeUsers);
        whole("features_used", in.featuresUsed);
        whole("features_offered", in.featuresOffered);
        whole("sev1", in.sev1);
        whole("sev2", in.sev2);
        whole("sev3", in.sev3);
        whole("nps", in.nps, -100, 100);
        if (auto v = m_reader.number(QStringLiteral("csat"), 1, 5))
            in.csat = *v;
        if (auto v = m_reader.number(QStringLiteral("days_late"), 0, 3650))
            in.daysLate = *v;
        if (m_reader.ok())
            for (const domain::FieldError &e : domain::validateHealthInputs(in))
                m_reader.fail(m_reader.mapped(e.field) ? e.field : QString(), e.message);
        if (rejected() || account <= 0)
            return;
        if (target < 0) {
            accept(-1, 0);
            return;
        }
        if (!guarded([&] { m_p.health().saveInputs(account, in); }))
            return;
        m_healthDates.insert(key);
        accept(exists ? 1 : 0, account);
    }

    // Caches that summarise what was written, in the same transaction.
    void finish()
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

    struct Manager {
        qint64 contact;
        qint64 account;
        int row;
        int line;
        QString source;
        QString name;
        QString column;
    };

    Portfolio &m_p;
    RecordSource &m_source;
    const CsvImportRequest &m_req;
    const io::ImportMapping &m_map;
    bool m_write;
    QHash<QString, io::DateFormat> m_dateFormats;
    RowReader m_reader;
    storage::SourceIdRepository m_sources;
    Lookups m_look;
    CsvImportReport m_report;
    std::optional<ImportDuplicate> m_pendingDuplicate;
    std::vector<ImportIssue> m_pendingWarnings;
    QSet<qint64> m_touched;
    QSet<qint64> m_contactsTouched;
    QList<qint64> m_created;
    std::optional<QHash<qint64, domain::Account>> m_accounts;
    std::optional<QHash<QString, qint64>> m_contactSources;
    std::map<qint64, std::map<QDate, qint64>> m_arr;
    QSet<QString> m_healthDates;
    std::vector<Manager> m_managers;
};

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

} // namespace

CsvImportReport ImportService::importCsv(const io::CsvTable &table, const CsvImportRequest &request,
                                         const std::function<bool(int, int)> &progress)
{
    TableSource source(table);
    return importRecords(m_portfolio, source, request, progress);
}

CsvImportReport ImportService::importCsv(io::CsvReader &reader, const CsvImportRequest &request,
                                         const std::function<bool(int, int)> &progress)
{
    StreamSource source(reader);
    return importRecords(m_portfolio, source, request, progress);
}

CsvPreview ImportService::preview(const io::CsvTable &table, const io::ImportMapping &mapping, int maxRows)
{
    CsvPreview p;
    p.mappingProblems = io::mappingProblems(mapping);
    CsvImportRequest request;
    request.mapping = mapping;
    TableSource source(table);
    CsvImporter importer(m_portfolio, source, request, false, maxRows);
    importer.run({}, maxRows);
    p.issues = importer.report().rejections;
    return p;
}

} // namespace keystone::services

namespace keystone::services {

namespace {

QString amountText(qint64 cents, int minorDigits)
{
    if (minorDigits == 0)
        return QString::number(cents);
    qint64 scale = 1;
    for (int i = 0; i < minorDigits; ++i)
        scale *= 10;
    const qint64 whole = cents / scale;
    const qint64 frac = std::abs(cents % scale);
    return QStringLiteral("%1%2.%3").arg(cents < 0 && whole == 0 ? QStringLiteral("-") : QString()).arg(whole).arg(frac, minorDigits, 10, QLatin1Char('0'));
}

QString optionalText(const QVariant &v)
{
    return v.isNull() ? QString() : v.toString();
}

} // namespace

ImportService::Table ImportService::exportCsv(io::ImportKind kind)
{
    const int minor = domain::minorUnitDigits(m_portfolio.settings().currency);
    storage::ExchangeRepository repo(m_portfolio.database());
    // Names of what rows refer to, by uuid.
    QHash<QString, QString> team, accounts, contacts;
    for (const domain::TeamMember &m : m_portfolio.team().all())
        team.insert(m.uuid, m.name);
    auto readTable = [&](const QString &collection, const std::function<void(const storage::ExchangeTable &, const storage::ExchangeValues &)> &f) {
        const storage::ExchangeTable &t = *storage::exchangeTable(collection);
        repo.read(t, std::nullopt, [&](const storage::ExchangeValues &v) { f(t, v); });
    };
    auto col = [](const storage::ExchangeTable &t, const storage::ExchangeValues &v, const char *name) {
        return v.value(t.columnIndex(QLatin1String(name)));
    };
    Table out;
    if (kind == io::ImportKind::Accounts) {
        out.header = {QStringLiteral("Source Id"), QStringLiteral("Name"), QStringLiteral("Industry"), QStringLiteral("Region"),
                      QStringLiteral("Owner"), QStringLiteral("ARR"), QStringLiteral("Company Revenue"), QStringLiteral("Employees"),
                      QStringLiteral("Account Type"), QStringLiteral("Renewal Date"), QStringLiteral("Customer Since"),
                      QStringLiteral("Lifecycle"), QStringLiteral("At Risk"), QStringLiteral("Tier Override"), QStringLiteral("Tier Reason"),
                      QStringLiteral("Potential"), QStringLiteral("Referenceable"), QStringLiteral("Notes")};
        readTable(QStringLiteral("accounts"), [&](const auto &t, const auto &v) {
            const QVariant revenue = col(t, v, "company_revenue_cents");
            const QVariant tier = col(t, v, "tier_override");
            out.rows.push_back({optionalText(col(t, v, "source_id")), col(t, v, "name").toString(), col(t, v, "industry").toString(),
                                col(t, v, "region").toString(), team.value(col(t, v, "owner_id").toString()),
                                amountText(col(t, v, "arr_cents").toLongLong(), minor),
                                revenue.isNull() ? QString() : amountText(revenue.toLongLong(), minor), optionalText(col(t, v, "employees")),
                                col(t, v, "account_type").toString(), optionalText(col(t, v, "renewal_date")),
                                optionalText(col(t, v, "customer_since")),
                                domain::lifecycleName(domain::parseLifecycle(col(t, v, "lifecycle").toString()).value_or(domain::LifecyclePhase::Nurture)),
                                col(t, v, "at_risk").toLongLong() ? QStringLiteral("yes") : QStringLiteral("no"),
                                tier.isNull() ? QString() : tier.toString(), tier.isNull() ? QString() : col(t, v, "tier_override_reason").toString(),
                                col(t, v, "potential_rating").toString(),
                                col(t, v, "referenceable").toLongLong() ? QStringLiteral("yes") : QStringLiteral("no"), col(t, v, "notes").toString()});
        });
        return out;
    }
    readTable(QStringLiteral("accounts"), [&](const auto &t, const auto &v) { accounts.insert(col(t, v, "uuid").toString(), col(t, v, "name").toString()); });
    auto enumName = [](const QString &key, auto parse, auto name) {
        const auto e = parse(key);
        return e ? name(*e) : key;
    };
    switch (kind) {
    case io::ImportKind::Contacts: {
        out.header = {QStringLiteral("Source Id"), QStringLiteral("Account Name"), QStringLiteral("Name"), QStringLiteral("Title"),
                      QStringLiteral("Email"), QStringLiteral("Department"), QStringLiteral("Reports To"), QStringLiteral("Buying Role"),
                      QStringLiteral("Stance"), QStringLiteral("Influence"), QStringLiteral("Status"), QStringLiteral("Level"),
                      QStringLiteral("Target Level"), QStringLiteral("Notes")};
        std::vector<std::pair<storage::ExchangeValues, const storage::ExchangeTable *>> rows;
        readTable(QStringLiteral("contacts"), [&](const auto &t, const auto &v) {
            contacts.insert(col(t, v, "uuid").toString(), col(t, v, "name").toString());
            rows.emplace_back(v, &t);
        });
        for (const auto &[v, tp] : rows) {
            const auto &t = *tp;
            out.rows.push_back({optionalText(col(t, v, "source_id")), accounts.value(col(t, v, "account_id").toString()),
                                col(t, v, "name").toString(), col(t, v, "title").toString(), col(t, v, "email").toString(),
                                col(t, v, "department").toString(), contacts.value(col(t, v, "reports_to_id").toString()),
                                enumName(col(t, v, "role").toString(), &domain::parseBuyingRole, &domain::buyingRoleName),
                                enumName(col(t, v, "stance").toString(), &domain::parseStance, &domain::stanceName),
                                enumName(col(t, v, "influence").toString(), &domain::parseInfluence, &domain::influenceName),
                                col(t, v, "status").toString(),
                                enumName(col(t, v, "level").toString(), &domain::parseRelationshipLevel, &domain::relationshipLevelName),
                                enumName(col(t, v, "target_level").toString(), &domain::parseRelationshipLevel, &domain::relationshipLevelName),
                                col(t, v, "notes").toString()});
        }
        break;
    }
    case io::ImportKind::Opportunities:
        out.header = {QStringLiteral("Source Id"), QStringLiteral("Account Name"), QStringLiteral("Name"), QStringLiteral("Stage"),
                      QStringLiteral("Amount"), QStringLiteral("Probability"), QStringLiteral("Close Date"), QStringLiteral("Type"),
                      QStringLiteral("Owner")};
        readTable(QStringLiteral("opportunities"), [&](const auto &t, const auto &v) {
            out.rows.push_back({optionalText(col(t, v, "source_id")), accounts.value(col(t, v, "account_id").toString()),
                                col(t, v, "name").toString(),
                                enumName(col(t, v, "stage").toString(), &domain::parseStage, &domain::stageName),
                                amountText(col(t, v, "amount_cents").toLongLong(), minor), col(t, v, "probability").toString(),
                                optionalText(col(t, v, "close_date")),
                                enumName(col(t, v, "type").toString(), &domain::parseOpportunityType, &domain::opportunityTypeName),
                                team.value(col(t, v, "owner_id").toString())});
        });
        break;
    case io::ImportKind::Activities: {
        out.header = {QStringLiteral("Source Id"), QStringLiteral("Account Name"), QStringLiteral("Date"), QStringLiteral("Type"),
                      QStringLiteral("Summary"), QStringLiteral("Next Step"), QStringLiteral("Contact"), QStringLiteral("Assigned")};
        readTable(QStringLiteral("contacts"), [&](const auto &t, const auto &v) { contacts.insert(col(t, v, "uuid").toString(), col(t, v, "name").toString()); });
        QHash<QString, QStringList> people, ours;
        readTable(QStringLiteral("activity_contacts"), [&](const auto &, const auto &v) { people[v.value(0).toString()] << contacts.value(v.value(1).toString()); });
        readTable(QStringLiteral("activity_team"), [&](const auto &, const auto &v) { ours[v.value(0).toString()] << team.value(v.value(1).toString()); });
        readTable(QStringLiteral("activities"), [&](const auto &t, const auto &v) {
            const QString uuid = col(t, v, "uuid").toString();
            out.rows.push_back({optionalText(col(t, v, "source_id")), accounts.value(col(t, v, "account_id").toString()),
                                col(t, v, "date").toString(),
                                enumName(col(t, v, "type").toString(), &domain::parseActivityType, &domain::activityTypeName),
                                col(t, v, "summary").toString(), col(t, v, "next_step").toString(),
                                people.value(uuid).join(QStringLiteral("; ")), ours.value(uuid).join(QStringLiteral("; "))});
        });
        break;
    }
    case io::ImportKind::ArrHistory:
        out.header = {QStringLiteral("Account Name"), QStringLiteral("Date"), QStringLiteral("ARR"), QStringLiteral("Change")};
        readTable(QStringLiteral("arr_history"), [&](const auto &t, const auto &v) {
            out.rows.push_back({accounts.value(col(t, v, "account_id").toString()), col(t, v, "date").toString(),
                                amountText(col(t, v, "arr_cents").toLongLong(), minor), col(t, v, "change").toString()});
        });
        break;
    case io::ImportKind::HealthInputs:
        out.header = {QStringLiteral("Account Name"), QStringLiteral("Date"), QStringLiteral("Licensed Seats"), QStringLiteral("Active Users"),
                      QStringLiteral("Features Used"), QStringLiteral("Features Offered"), QStringLiteral("Sev1"), QStringLiteral("Sev2"),
                      QStringLiteral("Sev3"), QStringLiteral("NPS"), QStringLiteral("CSAT"), QStringLiteral("Days Late")};
        readTable(QStringLiteral("health_inputs"), [&](const auto &t, const auto &v) {
            QStringList r{accounts.value(col(t, v, "account_id").toString()), col(t, v, "date").toString()};
            for (const char *f : {"licensed_seats", "active_users", "features_used", "features_offered", "sev1", "sev2", "sev3", "nps", "csat", "days_late"})
                r << optionalText(col(t, v, f));
            out.rows.push_back(r);
        });
        break;
    case io::ImportKind::Accounts: break;
    }
    return out;
}

} // namespace keystone::services
