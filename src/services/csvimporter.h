// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Inside the CSV import (not a public header): the row reader, the record sources, the CRM
// vocabulary, the lookups and the importer. The importer's code for each kind lives in a file
// of its own (importaccounts.cpp, importcontacts.cpp, importopportunities.cpp,
// importactivities.cpp, importarrhealth.cpp); csvimporter.cpp holds what they share.
#pragma once

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
#include "keystone/storage/clock.h"
#include "keystone/services/portfolio.h"
#include "keystone/storage/exchangerepository.h"
#include "keystone/storage/storageerror.h"
#include "keystone/storage/transaction.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QHash>
#include <QSet>

#include <map>


#include <functional>
#include <optional>
#include <vector>

namespace keystone::services::csvimport {

using io::ImportKind;


inline QString lower(const QString &s)
{
    return s.trimmed().toLower();
}

// A Salesforce record id: 15 or 18 letters and digits with at least one digit.
inline bool looksLikeCrmId(const QString &s)
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

inline std::optional<domain::Stage> crmStage(const QString &text)
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

inline std::optional<domain::OpportunityType> crmOpportunityType(const QString &text)
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

inline std::optional<domain::ActivityType> crmActivityType(const QString &text)
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

inline QString contactNameKey(qint64 account, const QString &name)
{
    return QString::number(account) + QLatin1Char('|') + domain::nameKey(name);
}
inline QString contactEmailKey(qint64 account, const QString &email)
{
    return QString::number(account) + QLatin1String("|@") + lower(email);
}
inline QString activityKey(qint64 account, const QString &date, const QString &type, const QString &summary)
{
    return QString::number(account) + QLatin1Char('|') + date + QLatin1Char('|') + type + QLatin1Char('|') + summary.simplified();
}

class CsvImporter
{
public:
    // Reads the records once first when a date column's format is Auto (each column's
    // format is voted from its values, stopping as soon as every column is decided), then
    // loads the lookups the rows are matched against.
    CsvImporter(Portfolio &portfolio, RecordSource &source, const CsvImportRequest &request, bool write, int maxRows = -1);

    CsvImportReport &report() { return m_report; }

    void run(const std::function<bool(int, int)> &progress, int maxRows = -1);

private:
    template<typename T>
    void list(std::vector<T> &into, T entry)
    {
        if (into.size() < kMaxListed)
            into.push_back(std::move(entry));
        else
            ++m_report.notListed;
    }

    void loadLookups();

    void importRow();

    // The account a row of a child kind belongs to: by source id, else by name.
    qint64 accountOfRow();

    // A team member named (or emailed) in a cell; new names become team members (AM).
    qint64 teamMember(const QString &field) { return teamMember(field, m_reader.text(field)); }
    qint64 teamMember(const QString &field, const QString &value);

    // Duplicate handling shared by every kind: returns the existing id to update, 0 to
    // create, or -1 to skip. `how` says what matched.
    qint64 decide(qint64 existing, const QString &how);

    // A row that matched an entity and would change none of its fields: counted as
    // unchanged, nothing written (so re-importing an export changes nothing, and says so).
    void acceptUnchanged();

    // A row is accepted: count it, keep its notes and its duplicate line.
    void accept(qint64 result, qint64 accountId);
    void clearPending();
    // Rows with problems are rejected whole: nothing of them is written.
    bool rejected();
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

    void importAccount();

    QString freeName(const QString &name) const;

    void loadAccounts();

    // --- contacts -------------------------------------------------------------------------

    void importContact();

    // Reports-to links once every contact of the file is in: managers may come later.
    void linkManagers();

    // --- opportunities --------------------------------------------------------------------

    void importOpportunity();

    // --- activities -----------------------------------------------------------------------

    void importActivity();

    // Activities look contacts up by their own source ids (loaded with the contacts keys).
    const QHash<QString, qint64> &contactBySource();

    // --- ARR history ----------------------------------------------------------------------

    void importArrPoint();

    // --- health inputs --------------------------------------------------------------------

    void importHealthInputs();

    // Caches that summarise what was written, in the same transaction.
    void finish();

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
    // The day the import runs, for the ARR changes it dates: read once (the local date asks
    // the time zone, which took 5% of a 10,000-row import when read per row).
    QDate m_today = storage::today();
};

// The whole import in one transaction (see ImportService::importCsv).
CsvImportReport importRecords(Portfolio &portfolio, RecordSource &source, const CsvImportRequest &request,
                              const std::function<bool(int, int)> &progress);

} // namespace keystone::services::csvimport
