// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/exchangeservice.h"

#include "exchangechecks.h"

#include "keystone/log/version.h"
#include "keystone/domain/money.h"

#include "keystone/io/exchangejson.h"
#include "keystone/services/healthservice.h"
#include "keystone/services/importservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/storage/database.h"
#include "keystone/storage/exchangerepository.h"
#include "keystone/storage/settingsrepository.h"
#include "keystone/storage/storageerror.h"
#include "keystone/storage/transaction.h"
#include "keystone/storage/clock.h"

#include <QBuffer>
#include <QDateTime>
#include <QElapsedTimer>
#include <QSet>
#include <QUuid>

#include <cmath>

namespace keystone::services {

using storage::ExchangeTable;

int ExchangeReport::total(int ExchangeCounts::*field) const
{
    int n = 0;
    for (const auto &[name, c] : counts)
        n += c.*field;
    return n;
}

namespace {


QStringList jsonFields(const ExchangeTable &t)
{
    QStringList f;
    for (const storage::ExchangeColumn &c : t.columns)
        f << c.json;
    return f;
}

std::vector<io::KnownCollection> knownCollections()
{
    std::vector<io::KnownCollection> k;
    for (const ExchangeTable &t : storage::exchangeTables())
        k.push_back({t.collection, jsonFields(t)});
    return k;
}

// Values compare as SQLite stores them: numbers by value (whole or not), text as text.
bool same(const QVariant &a, const QVariant &b)
{
    if (a.isNull() || b.isNull())
        return a.isNull() && b.isNull();
    const bool an = a.metaType().id() == QMetaType::LongLong || a.metaType().id() == QMetaType::Double;
    const bool bn = b.metaType().id() == QMetaType::LongLong || b.metaType().id() == QMetaType::Double;
    if (an != bn)
        return false;
    if (an)
        return a.toDouble() == b.toDouble();
    return a.toString() == b.toString();
}

QString shown(const QVariant &v)
{
    if (v.isNull())
        return QStringLiteral("null");
    if (v.metaType().id() == QMetaType::QString)
        return QLatin1Char('"') + v.toString() + QLatin1Char('"');
    if (v.metaType().id() == QMetaType::Double)
        return QString::number(v.toDouble(), 'g', 17);
    return v.toString();
}

} // namespace

QString ExchangeService::portfolioUuid()
{
    return storage::SettingsRepository(m_portfolio.database()).value(QStringLiteral("portfolio.uuid")).value_or(QString());
}

bool ExchangeService::exportJson(QIODevice &out, const std::optional<QList<qint64>> &accountIds, const std::function<bool(int, int)> &progress)
{
    io::ExchangeDocument header;
    header.application = producerName();
    header.exportedAt = storage::now().toString(Qt::ISODateWithMs);
    header.portfolioUuid = portfolioUuid();
    header.currency = m_portfolio.settings().currency;
    header.scope = accountIds ? QStringLiteral("accounts") : QStringLiteral("portfolio");
    storage::Database &db = m_portfolio.database();
    // One state of the file for every table, whatever another window or process commits
    // meanwhile: an export never holds a contact whose account it does not hold.
    storage::ReadSnapshot snapshot(db);
    storage::ExchangeRepository repo(db);
    io::ExchangeWriter writer(out, header);
    const auto &tables = storage::exchangeTables();
    int done = 0;
    for (const ExchangeTable &t : tables) {
        if (progress && !progress(done, int(tables.size())))
            return false;
        ++done;
        if (t.portfolioLevel && accountIds)
            continue;
        writer.beginCollection(t.collection, jsonFields(t));
        const bool isSettings = t.table == QLatin1String("settings");
        repo.read(t, t.accountFilter.isEmpty() ? std::nullopt : accountIds, [&](const storage::ExchangeValues &v) {
            if (isSettings && privateSetting(v.value(0).toString()))
                return;
            writer.writeRow(v);
        });
    }
    writer.finish();
    if (progress)
        progress(done, int(tables.size()));
    return true;
}

QByteArray ExchangeService::exportJson(const std::optional<QList<qint64>> &accountIds)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    exportJson(buffer, accountIds);
    return bytes;
}

ExchangeReport ExchangeService::importJson(const QByteArray &json, bool dryRun, const std::function<bool(int, int)> &progress)
{
    QBuffer buffer;
    buffer.setData(json);
    buffer.open(QIODevice::ReadOnly);
    return importJson(buffer, dryRun, progress);
}

ExchangeReport ExchangeService::importJson(QIODevice &in, bool dryRun, const std::function<bool(int, int)> &progress)
{
    ExchangeReport report = importInTransaction(in, dryRun, progress);
    if (report.settingsImported && (dryRun || !report.errors.isEmpty()))
        m_portfolio.reloadSettings(); // the transaction rolled back: the file's settings are gone again
    return report;
}

QStringList ExchangeService::storedValueProblems(int limit)
{
    QStringList problems;
    int more = 0;
    auto add = [&](const QString &line) {
        if (problems.size() < limit)
            problems << line;
        else
            ++more;
    };
    storage::ExchangeRepository repo(m_portfolio.database());
    const QString currency = m_portfolio.settings().currency;
    for (const ExchangeTable &t : storage::exchangeTables()) {
        if (t.table == QLatin1String("settings"))
            continue; // key and value pairs: the settings service reads and checks them
        const QHash<QString, QString> types = repo.declaredTypes(t);
        const int nameCol = t.columnIndex(QStringLiteral("name"));
        const int uuidCol = t.columnIndex(QStringLiteral("uuid"));
        QHash<QString, QString> keys; // name key -> "'name' (uuid)", for Unicode twins
        int index = 0;
        repo.read(t, std::nullopt, [&](const storage::ExchangeValues &row) {
            QString who;
            if (nameCol >= 0 && !row.value(nameCol).toString().isEmpty())
                who = QStringLiteral(" '%1'").arg(row.value(nameCol).toString().left(60));
            if (uuidCol >= 0)
                who += QStringLiteral(" (%1)").arg(row.value(uuidCol).toString().left(40));
            const QString where = QStringLiteral("%1[%2]%3").arg(t.collection).arg(index++).arg(who);
            for (const QString &b : invalidExchangeValues(t, row, types, currency))
                add(QStringLiteral("%1: %2").arg(where, b));
            if (t.hasNameKey && nameCol >= 0) {
                const QString key = domain::nameKey(row.value(nameCol).toString());
                if (const auto it = keys.constFind(key); it != keys.constEnd())
                    add(QStringLiteral("%1: \"name\" is the same name as%2 in another Unicode form; rename one or merge them").arg(where, *it));
                else
                    keys.insert(key, who);
            }
        });
    }
    if (more > 0)
        problems << QStringLiteral("... and %1 more").arg(more);
    return problems;
}

namespace {

// One import: the file's header, then its collections and their rows as they come (see
// io::readExchange()), merged into the portfolio inside the caller's transaction. Every
// problem is collected; finish() says whether anything may be kept.
class ExchangeMerge : public io::ExchangeHandler
{
public:
    ExchangeMerge(Portfolio &portfolio, const QString &ownUuid, bool dryRun, std::function<bool()> tick)
        : m_portfolio(portfolio), m_ownUuid(ownUuid), m_tick(std::move(tick)), repo(portfolio.database())
    {
        report.dryRun = dryRun;
    }

    void header(const io::ExchangeDocument &h) override
    {
        doc = h;
        report.source = doc.portfolioUuid;
        report.exportedAt = doc.exportedAt;
        storage::Database &db = m_portfolio.database();
        fresh = m_portfolio.accounts().count() == 0;
        // Amounts are never relabelled: into a portfolio that holds accounts, or one whose
        // currency was chosen when it was made, a file in another currency is refused. Into an
        // empty one, the file's currency comes with its settings.
        if (doc.currency != m_portfolio.settings().currency) {
            if (!fresh)
                throw ImportRefused{QStringLiteral("the file's amounts are in %1 and this portfolio's in %2: import it into a new portfolio instead")
                                        .arg(doc.currency, m_portfolio.settings().currency)};
            if (storage::SettingsRepository(db).value(QStringLiteral("portfolio.currency_chosen")) == QStringLiteral("1"))
                throw ImportRefused{QStringLiteral("the file's amounts are in %1 and this empty portfolio was created for %2: "
                                                   "create it again with --currency %1 (or without --currency) and import into that")
                                        .arg(doc.currency, m_portfolio.settings().currency)};
            if (!domain::isKnownCurrency(doc.currency))
                throw ImportRefused{QStringLiteral("the file's currency '%1' is not an ISO 4217 code").arg(doc.currency)};
        }
        // Into an empty portfolio the file is the whole story: its history starts here, not
        // with an "added" line for each of its entities.
        if (fresh)
            m_portfolio.history().suspendForBulk();
        // When this portfolio last took this source's file in (a later merge's base).
        base = storage::SettingsRepository(db).value(QStringLiteral("exchange.") + doc.portfolioUuid).value_or(QString());
    }

    void collection(const io::KnownCollection &k) override
    {
        endCollection();
        m_collection = k.name;
        m_table = storage::exchangeTable(k.name);
        m_counts = &report.counts[k.name];
        m_index = 0;
        const ExchangeTable &t = *m_table;
        isSettings = t.table == QLatin1String("settings");
        types = repo.declaredTypes(t);
        checks = ExchangeValueChecks(t, types, doc.currency);
        uuidCol = t.columnIndex(QStringLiteral("uuid"));
        updatedCol = t.columnIndex(QStringLiteral("updated_at"));
        createdCol = t.columnIndex(QStringLiteral("created_at"));
        nameCol = t.columnIndex(QStringLiteral("name"));
        selfColumns.clear();
        for (size_t i = 0; i < t.columns.size(); ++i)
            if (t.columns[i].refTable == t.table)
                selfColumns.push_back(int(i));
        hasSelfRef = !selfColumns.empty();
        selfHere.assign(selfColumns.size(), false);
    }

    void row(const QVariantList &values) override
    {
        if (++m_rows % 1000 == 0 && m_tick && !m_tick())
            throw ImportRefused{QStringLiteral("the import was cancelled; nothing was imported")};
        storage::ExchangeValues row = values;
        // Names are stored as the forms store them (NFC, white space made single), so a name
        // written in decomposed Unicode elsewhere meets its composed twin here.
        if (nameCol >= 0 && nameCol < row.size() && row[nameCol].typeId() == QMetaType::QString)
            row[nameCol] = domain::cleanName(row[nameCol].toString());
        const ExchangeTable &t = *m_table;
        ExchangeCounts &counts = *m_counts;
        merge(t, counts, row);
        ++m_index;
    }

    // After the whole file: the report, and whether it may be kept (no errors).
    ExchangeReport finish()
    {
        endCollection();
        if (!report.errors.isEmpty()) {
            report.counts.clear();
            report.conflicts.clear();
            return report; // the caller's transaction rolls back: nothing of the file is kept
        }
        // Caches that summarise what came in, recounted here in the same transaction.
        const QList<qint64> accounts(touchedAccounts.begin(), touchedAccounts.end());
        if (report.settingsImported)
            m_portfolio.reloadSettings();
        m_portfolio.accounts().refreshExpansionTotals(accounts);
        m_portfolio.contacts().refreshLastInteraction(QList<qint64>(touchedContacts.begin(), touchedContacts.end()));
        HealthService(m_portfolio).recomputeAccounts(accounts);
        if (fresh)
            m_portfolio.history().setRecording(true);
        if (!doc.portfolioUuid.isEmpty() && doc.portfolioUuid != m_ownUuid)
            storage::SettingsRepository(m_portfolio.database()).setValue(QStringLiteral("exchange.") + doc.portfolioUuid, doc.exportedAt);
        if (!report.dryRun)
            report.accountIds = accounts;
        return report;
    }

private:
    void merge(const ExchangeTable &t, ExchangeCounts &counts, const storage::ExchangeValues &row)
    {
        const auto where = [&] { return QStringLiteral("%1[%2]").arg(m_collection).arg(m_index); }; // only for a problem
        if (isSettings && privateSetting(row.value(0).toString()))
            return;
        if (uuidCol >= 0 && (row.value(uuidCol).isNull() || row.value(uuidCol).toString().trimmed().isEmpty())) {
            report.errors << QStringLiteral("%1: \"uuid\" is missing").arg(where());
            return;
        }
        if (const QStringList bad = checks.problems(row); !bad.isEmpty()) {
            // Named by collection, entity (name and uuid) and field; the whole file is refused.
            QString who;
            if (nameCol >= 0 && !row.value(nameCol).toString().isEmpty())
                who = QStringLiteral(" '%1'").arg(row.value(nameCol).toString().left(60));
            if (uuidCol >= 0)
                who += QStringLiteral(" (%1)").arg(row.value(uuidCol).toString().left(40));
            for (const QString &b : bad)
                report.errors << QStringLiteral("%1%2: %3").arg(where(), who, b);
            return;
        }
        bool keyMissing = false;
        for (const QString &k : t.key) {
            const int ki = t.columnIndex(k);
            // tier and phase of the default scorecard are null by design
            if (row.value(ki).isNull() && t.table != QLatin1String("scorecards")) {
                report.errors << QStringLiteral("%1: \"%2\" is missing").arg(where(), t.columns[size_t(ki)].json);
                keyMissing = true;
            }
        }
        if (keyMissing)
            return;
        if (const int bad = repo.missingReference(t, row); bad >= 0) {
            report.errors << QStringLiteral("%1: \"%2\" refers to %3, which is neither in the file nor in this portfolio")
                                 .arg(where(), t.columns[size_t(bad)].json, row.value(bad).toString());
            return;
        }
        try {
            // Into an empty portfolio nothing of an account can be here yet: no lookup (a
            // uuid given twice in the file is refused by the table's uniqueness instead).
            const bool accountScoped = !t.accountFilter.isEmpty();
            const auto match = fresh && accountScoped ? std::nullopt : repo.find(t, row);
            if (t.portfolioLevel && fresh && match) {
                // Into an empty portfolio the file's settings and scorecards are taken
                // (this portfolio's are only the defaults it was made with).
                if (t.hasId)
                    repo.update(t, match->id, row);
                else
                    repo.insert(t, row); // settings: INSERT OR REPLACE
                ++counts.updated;
                return;
            }
            if (t.portfolioLevel && !fresh) {
                // Settings and scorecards stay this portfolio's; differences are listed.
                if (!match) {
                    ++counts.keptHere;
                    report.conflicts.push_back({m_collection, row.value(0).toString(), row.value(0).toString(), QStringLiteral("(all)"),
                                                QStringLiteral("(none)"), QStringLiteral("(present)"), QStringLiteral("here")});
                    return;
                }
                bool differs = false;
                for (size_t f = 0; f < t.columns.size(); ++f)
                    if (!same(match->values.value(int(f)), row.value(int(f)))) {
                        differs = true;
                        report.conflicts.push_back({m_collection, row.value(0).toString(), match->label.isEmpty() ? row.value(0).toString() : match->label,
                                                    t.columns[f].json, shown(match->values.value(int(f))), shown(row.value(int(f))),
                                                    QStringLiteral("here")});
                    }
                ++(differs ? counts.keptHere : counts.unchanged);
                return;
            }
            if (!match) {
                // A self reference to a row that is here already is written with the row;
                // the others once the whole collection is in.
                for (size_t s = 0; s < selfColumns.size(); ++s)
                    selfHere[s] = repo.selfReferenceHere(t, row.value(selfColumns[s]));
                const qint64 id = repo.insert(t, row);
                ++counts.added;
                if (hasSelfRef)
                    keepSelfReferences(id, row, selfHere);
                if (t.table == QLatin1String("contacts"))
                    touchedContacts.insert(id);
                if (t.table == QLatin1String("activity_contacts"))
                    if (const auto contact = repo.idOfUuid(QStringLiteral("contacts"), row.value(1).toString()))
                        touchedContacts.insert(*contact);
                if (const qint64 a = repo.accountOf(t, row))
                    touchedAccounts.insert(a);
                return;
            }
            QList<int> differing;
            for (size_t f = 0; f < t.columns.size(); ++f)
                if (int(f) != updatedCol && !same(match->values.value(int(f)), row.value(int(f))))
                    differing << int(f);
            if (differing.isEmpty()) {
                ++counts.unchanged;
                return;
            }
            const QString hereTime = updatedCol >= 0 ? match->values.value(updatedCol).toString() : QString();
            const QString fileTime = updatedCol >= 0 ? row.value(updatedCol).toString() : QString();
            const bool incomingWins = updatedCol >= 0 && fileTime > hereTime;
            // Both sides changed since they last agreed: after the entity was created and
            // after this portfolio last took in a file from the same source.
            QString since = createdCol >= 0 ? match->values.value(createdCol).toString() : QString();
            if (base > since)
                since = base;
            const bool bothChanged = updatedCol < 0 || (hereTime > since && fileTime > since);
            const QString key = uuidCol >= 0 ? row.value(uuidCol).toString() : [&] {
                QStringList parts;
                for (const QString &k : t.key)
                    parts << row.value(t.columnIndex(k)).toString();
                return parts.join(QLatin1Char('/'));
            }();
            if (bothChanged)
                for (int f : differing)
                    report.conflicts.push_back({m_collection, key, match->label, t.columns[size_t(f)].json, shown(match->values.value(f)),
                                                shown(row.value(f)), incomingWins ? QStringLiteral("incoming") : QStringLiteral("here")});
            if (!incomingWins) {
                ++counts.keptHere;
                return;
            }
            if (t.hasId)
                repo.update(t, match->id, row);
            ++counts.updated;
            if (hasSelfRef)
                keepSelfReferences(match->id, row);
            if (t.table == QLatin1String("contacts"))
                touchedContacts.insert(match->id);
            if (const qint64 a = repo.accountOf(t, row))
                touchedAccounts.insert(a);
        } catch (const storage::StorageError &e) {
            if (e.code() != storage::StorageError::Code::Constraint)
                throw;
            report.errors << QStringLiteral("%1: refused: %2").arg(where(), e.constraintReason());
        }
    }

    // Self references still to write for row `id`: those not written with it (`written`, by
    // place in selfColumns; none when empty).
    void keepSelfReferences(qint64 id, const storage::ExchangeValues &row, const std::vector<bool> &written = {})
    {
        for (size_t s = 0; s < selfColumns.size(); ++s) {
            const int column = selfColumns[s];
            if (!row.value(column).isNull() && !(s < written.size() && written[s]))
                selfRefs.push_back({id, column, row.value(column)});
        }
    }

    void endCollection()
    {
        if (!m_table)
            return;
        const ExchangeTable &t = *m_table;
        for (const SelfRef &ref : selfRefs) {
            try {
                storage::ExchangeValues row(qsizetype(t.columns.size()));
                row[ref.column] = ref.value;
                repo.setSelfReferences(t, ref.id, row);
            } catch (const storage::StorageError &e) {
                if (e.code() != storage::StorageError::Code::Constraint)
                    throw;
                report.errors << QStringLiteral("%1: refused: %2").arg(m_collection, e.constraintReason());
            }
        }
        selfRefs.clear();
        if (t.portfolioLevel && fresh)
            report.settingsImported = true;
        m_table = nullptr;
    }

    Portfolio &m_portfolio;
    const QString m_ownUuid;
    std::function<bool()> m_tick;
    qint64 m_rows = 0;
    // The file's header, and what it means here.
    io::ExchangeDocument doc;
    ExchangeReport report;
    bool fresh = false;
    QString base; // when this portfolio last took this source's file in (a merge's base)
    storage::ExchangeRepository repo;
    QSet<qint64> touchedAccounts;
    QSet<qint64> touchedContacts;
    // The collection being read.
    QString m_collection;
    const ExchangeTable *m_table = nullptr;
    ExchangeCounts *m_counts = nullptr;
    int m_index = 0;
    bool isSettings = false;
    QHash<QString, QString> types;
    ExchangeValueChecks checks;
    int uuidCol = -1, updatedCol = -1, createdCol = -1, nameCol = -1;
    bool hasSelfRef = false;
    std::vector<int> selfColumns; // the columns that refer to rows of the same collection
    std::vector<bool> selfHere;   // for the row being added: whether each names a row here
    // References to rows of the same collection (a contact's manager), written once all of
    // its rows are in: only those that name something, only their one value each.
    struct SelfRef {
        qint64 id;
        int column;
        QVariant value;
    };
    std::vector<SelfRef> selfRefs;
};

} // namespace

ExchangeReport ExchangeService::importInTransaction(QIODevice &in, bool dryRun, const std::function<bool(int, int)> &progress)
{
    QElapsedTimer timer;
    timer.start();
    const qint64 size = in.size();
    auto tick = [&] { return !progress || progress(size > 0 ? int(in.pos() * 1000 / size) : 0, 1000); };
    storage::Database &db = m_portfolio.database();
    storage::Transaction tx(db);
    const QString ownUuid = portfolioUuid();
    const std::vector<io::KnownCollection> known = knownCollections();
    auto read = [&](ExchangeMerge &merge, io::ExchangeReading reading) {
        try {
            io::readExchange(in, known, merge, reading);
        } catch (const io::ExchangeFormatError &e) {
            throw ImportRefused{e.message};
        }
    };
    std::optional<ExchangeReport> report;
    {
        // As it comes, row by row: memory stays flat. A file that cannot be taken so (a
        // hand-made one, its collections in another order) is read whole instead, after what
        // was merged of it is undone.
        storage::Transaction attempt(db);
        ExchangeMerge merge(m_portfolio, ownUuid, dryRun, tick);
        try {
            read(merge, io::ExchangeReading::Streamed);
            report = merge.finish();
            attempt.commit();
        } catch (const io::ExchangeNeedsBuffering &) {
        }
    }
    if (!report) {
        if (!in.seek(0))
            throw ImportRefused{QStringLiteral("cannot be read again: %1").arg(in.errorString())};
        ExchangeMerge merge(m_portfolio, ownUuid, dryRun, tick);
        read(merge, io::ExchangeReading::Whole);
        report = merge.finish();
    }
    if (report->errors.isEmpty() && !dryRun) {
        tx.commit();
        std::sort(report->accountIds.begin(), report->accountIds.end());
    } else {
        report->accountIds.clear(); // the transaction rolls back: nothing of the file is kept
    }
    report->elapsedMs = double(timer.nsecsElapsed()) / 1e6;
    return *report;
}

} // namespace keystone::services
