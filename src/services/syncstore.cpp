// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/syncstore.h"

#include "exchangechecks.h"
#include "syncentity.h"

#include "keystone/services/clock.h"
#include "keystone/services/healthservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/validationerror.h"
#include "keystone/storage/exchangerepository.h"
#include "keystone/storage/storageerror.h"
#include "keystone/storage/syncrepository.h"
#include "keystone/storage/transaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <cmath>

namespace keystone::services {

using storage::ExchangeTable;
using storage::ExchangeValues;

using namespace syncentity;

int ApplyReport::total() const
{
    int n = 0;
    for (const auto &[t, c] : upserted)
        n += c;
    for (const auto &[t, c] : deleted)
        n += c;
    return n;
}

struct SyncStore::Impl {
    explicit Impl(storage::Database &db) : repo(db), sync(db) {}
    storage::ExchangeRepository repo;
    storage::SyncRepository sync;
    QHash<QString, QHash<QString, QString>> types;
    QHash<QString, QString> activityAccounts; // activity uuid -> account uuid
    bool activitiesRead = false;

    const QHash<QString, QString> &typesOf(const ExchangeTable &t)
    {
        auto it = types.find(t.table);
        if (it == types.end())
            it = types.insert(t.table, repo.declaredTypes(t));
        return *it;
    }
    void readActivities()
    {
        if (activitiesRead)
            return;
        activitiesRead = true;
        const ExchangeTable *a = storage::exchangeTable(QStringLiteral("activities"));
        const int uuidCol = a->columnIndex(QStringLiteral("uuid"));
        const int accountCol = a->columnIndex(QStringLiteral("account_id"));
        repo.read(*a, std::nullopt, [&](const ExchangeValues &v) { activityAccounts.insert(v.value(uuidCol).toString(), v.value(accountCol).toString()); });
    }
    QString accountUuid(const ExchangeTable &t, const QJsonObject &data)
    {
        if (t.table == QLatin1String("activity_contacts") || t.table == QLatin1String("activity_team")) {
            readActivities();
            return activityAccounts.value(data.value(QStringLiteral("activity")).toString());
        }
        return SyncStore::accountOf(t, data);
    }
};

SyncStore::SyncStore(Portfolio &portfolio) : m_portfolio(portfolio), d(std::make_unique<Impl>(portfolio.database()))
{
    m_cacheKiB = d->sync.cacheKiB();
    d->sync.setCacheKiB(std::max(m_cacheKiB, 64 * 1024));
}

SyncStore::~SyncStore()
{
    try {
        d->sync.setCacheKiB(m_cacheKiB);
    } catch (...) { // a closing file: nothing to put back
    }
}

const std::vector<const ExchangeTable *> &SyncStore::tables()
{
    static const std::vector<const ExchangeTable *> all = [] {
        std::vector<const ExchangeTable *> v;
        for (const ExchangeTable &t : storage::exchangeTables())
            v.push_back(&t);
        return v;
    }();
    return all;
}

QString SyncStore::canonical(const QJsonObject &data)
{
    return QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact));
}

QString SyncStore::keyOf(const ExchangeTable &t, const QJsonObject &data)
{
    if (t.hasUuid)
        return data.value(QStringLiteral("uuid")).toString();
    QJsonArray key;
    for (const QString &k : t.key)
        key.append(data.value(t.columns[size_t(t.columnIndex(k))].json));
    return QString::fromUtf8(QJsonDocument(key).toJson(QJsonDocument::Compact));
}

QString SyncStore::accountOf(const ExchangeTable &t, const QJsonObject &data)
{
    if (t.table == QLatin1String("accounts"))
        return data.value(QStringLiteral("uuid")).toString();
    return data.value(QStringLiteral("account")).toString();
}

QString SyncStore::labelOf(const ExchangeTable &t, const QJsonObject &data)
{
    for (const char *field : {"name", "what", "text", "description", "metric", "summary", "label", "key", "role", "date"}) {
        const QString v = data.value(QLatin1String(field)).toString();
        if (!v.isEmpty())
            return QStringLiteral("%1 '%2'").arg(t.entity, v.left(80));
    }
    return t.entity;
}

QJsonObject SyncStore::keyFields(const ExchangeTable &t, const QString &key)
{
    QJsonObject probe;
    if (t.hasUuid) {
        probe.insert(QStringLiteral("uuid"), key);
        return probe;
    }
    const QJsonArray parts = QJsonDocument::fromJson(key.toUtf8()).array();
    for (int i = 0; i < t.key.size() && i < parts.size(); ++i)
        probe.insert(t.columns[size_t(t.columnIndex(t.key[i]))].json, parts.at(i));
    return probe;
}

QString SyncStore::trackingColumn(const ExchangeTable &t)
{
    if (t.hasId)
        return QStringLiteral("rowid");
    if (t.columnIndex(QStringLiteral("activity_id")) >= 0)
        return QStringLiteral("activity_id");
    return {};
}

qint64 SyncStore::placeOf(const ExchangeTable &t, qint64 id, const QJsonObject &data)
{
    if (t.hasId)
        return id;
    if (t.columnIndex(QStringLiteral("activity_id")) >= 0)
        return d->repo.idOfUuid(QStringLiteral("activities"), data.value(QStringLiteral("activity")).toString()).value_or(0);
    return 0;
}

qint64 SyncStore::beginChanges()
{
    m_marksUpTo = d->sync.lastMark();
    return m_marksUpTo;
}

QSet<qint64> SyncStore::pendingRescore()
{
    QSet<qint64> ids;
    const QJsonDocument doc = QJsonDocument::fromJson(d->sync.state(QStringLiteral("health_pending")).value_or(QString()).toUtf8());
    for (const QJsonValue &v : doc.array())
        ids.insert(qint64(v.toDouble()));
    return ids;
}

void SyncStore::setPendingRescore(const QSet<qint64> &ids)
{
    QJsonArray a;
    for (qint64 id : ids)
        a.append(double(id));
    d->sync.setState(QStringLiteral("health_pending"), QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact)));
}

int SyncStore::rescorePending(const std::function<void()> &meanwhile)
{
    const QSet<qint64> pending = pendingRescore();
    if (pending.isEmpty())
        return 0;
    QList<qint64> ids;
    for (qint64 id : pending)
        if (m_portfolio.accounts().byId(id))
            ids << id;
    std::sort(ids.begin(), ids.end());
    storage::Database &db = m_portfolio.database();
    HealthService health(m_portfolio);
    // Scored with reads only, so the window's edits meanwhile do not wait. Anything written
    // here since leaves a change-tracking mark after `seen`; only when one of those reaches
    // these accounts (or the settings and scorecards every score reads) are they scored
    // again, under the lock.
    const bool tracked = d->sync.tracking();
    const qint64 seen = d->sync.lastMark();
    std::vector<storage::StoredScore> scores;
    if (tracked)
        scores = health.scoresOf(ids);
    if (meanwhile)
        meanwhile();
    storage::Transaction tx(db);
    if (!tracked || marksReach(seen, ids))
        scores = health.scoresOf(ids);
    health.storeScores(scores, ids);
    setPendingRescore({});
    tx.commit();
    if (!ids.isEmpty())
        Q_EMIT m_portfolio.healthChanged(ids);
    return int(ids.size());
}

bool SyncStore::marksReach(qint64 after, const QList<qint64> &accountIds)
{
    const auto marks = d->sync.marksAfter(after);
    for (auto it = marks.begin(); it != marks.end(); ++it) {
        const ExchangeTable *t = storage::exchangeTable(it.key());
        if (!t || t->portfolioLevel)
            return true; // settings, scorecards (or a table not known here): every score
        // The participants of an activity are marked by the activity.
        const ExchangeTable *owner = trackingColumn(*t) == QLatin1String("activity_id") ? storage::exchangeTable(QStringLiteral("activities")) : t;
        QList<qint64> rows;
        for (const std::optional<qint64> &place : it.value()) {
            if (!place)
                return true; // the whole table
            rows << *place;
        }
        if (!owner || d->repo.reachesAccounts(*owner, rows, accountIds))
            return true;
    }
    return false;
}

bool SyncStore::nothingToSend()
{
    return m_marksUpTo == 0 && d->sync.tracking() && d->sync.state(QStringLiteral("agreed")) == QStringLiteral("1");
}

namespace {
std::vector<storage::SyncRepository::Tracked> trackedTables()
{
    std::vector<storage::SyncRepository::Tracked> out;
    for (const ExchangeTable *t : SyncStore::tables()) {
        QStringList fields;
        for (const storage::ExchangeColumn &c : t->columns)
            fields << c.name;
        out.push_back({t->table, SyncStore::trackingColumn(*t), fields});
    }
    return out;
}
} // namespace

QString SyncStore::fieldText(const QJsonValue &value)
{
    return jsonText(value);
}

std::optional<QJsonObject> SyncStore::parseObject(const QByteArray &text)
{
    if (text.isEmpty())
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(text);
    if (!doc.isObject())
        return std::nullopt;
    return doc.object();
}

std::optional<QJsonObject> SyncStore::parseObject(const QString &text)
{
    return parseObject(text.toUtf8());
}


std::optional<SyncBinding> SyncStore::binding()
{
    const auto server = d->sync.state(QStringLiteral("server"));
    const auto book = d->sync.state(QStringLiteral("book_uuid"));
    if (!server || !book)
        return std::nullopt;
    SyncBinding b;
    b.server = *server;
    b.bookUuid = *book;
    b.position = d->sync.state(QStringLiteral("position")).value_or(QStringLiteral("0")).toLongLong();
    b.lastSyncAt = d->sync.state(QStringLiteral("last_sync_at")).value_or(QString());
    return b;
}

void SyncStore::setBinding(const SyncBinding &b)
{
    storage::Transaction tx(m_portfolio.database());
    d->sync.setState(QStringLiteral("server"), b.server);
    d->sync.setState(QStringLiteral("book_uuid"), b.bookUuid);
    d->sync.setState(QStringLiteral("position"), QString::number(b.position));
    if (!b.lastSyncAt.isEmpty())
        d->sync.setState(QStringLiteral("last_sync_at"), b.lastSyncAt);
    // From the moment the file is bound, every write here is noted for the next sync.
    if (!d->sync.tracking())
        d->sync.startTracking(trackedTables());
    tx.commit();
}

void SyncStore::setSignedIn(const QString &member, const QString &memberUuid, const QString &role)
{
    // Usually as last time: then nothing is written (a sync with nothing to do writes nothing).
    if (d->sync.state(QStringLiteral("member")) == member && d->sync.state(QStringLiteral("member_uuid")) == memberUuid &&
        d->sync.state(QStringLiteral("role")) == role)
        return;
    storage::Transaction tx(m_portfolio.database());
    d->sync.setState(QStringLiteral("member"), member);
    d->sync.setState(QStringLiteral("member_uuid"), memberUuid);
    d->sync.setState(QStringLiteral("role"), role);
    tx.commit();
}

bool SyncStore::holdsNoAccounts()
{
    return m_portfolio.accounts().count() == 0;
}

void SyncStore::unbind()
{
    storage::Transaction tx(m_portfolio.database());
    d->sync.stopTracking(trackedTables());
    d->sync.clearState();
    d->sync.clearBase();
    tx.commit();
}

std::vector<LocalChange> SyncStore::localChanges(const ExchangeTable &t, const QSet<QString> &referring, bool fullScan)
{
    const QString column = trackingColumn(t);
    const qint64 upTo = m_marksUpTo >= 0 ? m_marksUpTo : d->sync.lastMark();
    std::optional<QList<qint64>> places; // none: every row
    if (!fullScan && referring.isEmpty() && d->sync.tracking() && d->sync.state(QStringLiteral("agreed")) == QStringLiteral("1")) {
        bool whole = false;
        QList<qint64> marked = d->sync.marked(t.table, upTo, &whole);
        if (!whole && marked.isEmpty())
            return {};
        if (!whole && !column.isEmpty())
            places = std::move(marked);
    }
    QHash<QString, QString> base = places ? d->sync.baseAt(t.table, *places) : d->sync.base(t.table);
    std::vector<LocalChange> out;
    d->repo.readPlaced(t, column, places, [&](const ExchangeValues &values, qint64 place) {
        const QJsonObject data = toObject(t, values);
        if (isPrivateRow(t, data))
            return;
        const QString key = keyOf(t, data);
        const QString text = canonical(data);
        LocalChange c;
        c.key = key;
        c.place = place;
        const auto it = base.find(key);
        if (it != base.end()) {
            const bool same = *it == text;
            const QString agreed = *it;
            base.erase(it);
            if (same) {
                bool refers = false;
                if (!referring.isEmpty())
                    for (const storage::ExchangeColumn &col : t.columns)
                        if (col.isRef() && referring.contains(data.value(col.json).toString()))
                            refers = true;
                if (!refers)
                    return;
                c.unchanged = true;
                c.base = data;
            } else {
                c.base = parseObject(agreed);
            }
        }
        c.accountUuid = d->accountUuid(t, data);
        c.label = labelOf(t, data);
        c.mine = data;
        c.mineText = text;
        out.push_back(std::move(c));
    });
    // What the base still holds is no longer here: deleted here.
    for (auto it = base.cbegin(); it != base.cend(); ++it) {
        LocalChange c;
        c.key = it.key();
        c.deleted = true;
        c.base = parseObject(it.value());
        if (c.base) {
            c.accountUuid = accountOf(t, *c.base);
            c.label = labelOf(t, *c.base);
        }
        out.push_back(std::move(c));
    }
    return out;
}

std::optional<int> SyncStore::pendingCount()
{
    if (!d->sync.tracking() || d->sync.state(QStringLiteral("agreed")) != QStringLiteral("1"))
        return std::nullopt;
    int n = 0;
    for (const ExchangeTable *t : tables())
        n += int(localChanges(*t).size());
    return n;
}

ApplyReport SyncStore::apply(const std::vector<std::pair<const ExchangeTable *, std::vector<ServerRow>>> &rows,
                             std::optional<qint64> newPosition, const std::vector<SyncConflict> &conflicts)
{
    ApplyReport report;
    storage::Database &db = m_portfolio.database();
    storage::Transaction tx(db);
    const bool fresh = d->sync.state(QStringLiteral("agreed")) != QStringLiteral("1") && m_portfolio.accounts().count() == 0 &&
                       d->sync.baseCount() == 0;
    const qint64 marksBefore = d->sync.lastMark();
    // A first pull into an empty file is the whole story: its history starts here, and what
    // it writes is not a change to send back (the tracking triggers wait until it is in).
    const bool wasTracking = fresh && d->sync.tracking();
    if (fresh) {
        m_portfolio.history().suspendForBulk();
        if (wasTracking)
            d->sync.stopTracking(trackedTables());
    }
    QSet<qint64> touchedAccounts;
    QSet<qint64> healthAccounts; // touched in a way that can move their health score
    QSet<qint64> touchedContacts;
    QList<qint64> touchedActivities;
    bool settingsTouched = false;
    const QString foundAt = isoNow();
    std::vector<SyncConflict> found = conflicts;

    // Which entities the server deleted were edited here since they were agreed, judged
    // before anything is applied (applying a deletion can change other rows here, as a
    // reports-to that is set to none): those stay, and are pushed again next time.
    QHash<QString, QString> editedBefore; // table + key -> the entity here (JSON text)
    for (const auto &[tp, list] : rows)
        for (const ServerRow &row : list) {
            if (row.data || row.restore)
                continue;
            const auto agreed = parseObject(d->sync.baseOf(tp->table, row.key).value_or(QString()));
            if (!agreed)
                continue;
            const auto here = d->repo.find(*tp, toValues(*tp, *agreed, d->typesOf(*tp)));
            if (here && canonical(toObject(*tp, here->values)) != canonical(*agreed))
                editedBefore.insert(tp->table + QLatin1Char('\n') + row.key, jsonText(QJsonValue(toObject(*tp, here->values))));
        }

    // Upserts in dependency order, then deletions in the reverse order (dependants first).
    for (const auto &[tp, list] : rows) {
        const ExchangeTable &t = *tp;
        const auto &types = d->typesOf(t);
        const bool hasSelfRef = std::any_of(t.columns.begin(), t.columns.end(), [&](const auto &c) { return c.refTable == t.table; });
        std::vector<std::pair<qint64, ExchangeValues>> selfRefs;
        for (const ServerRow &row : list) {
            if (!row.data)
                continue;
            const QJsonObject &theirs = *row.data;
            if (isPrivateRow(t, theirs))
                continue;
            if (row.asPushed && row.place && !row.text.isEmpty()) {
                // What this sync pushed is what the server holds: agreed, nothing to write.
                d->sync.setBase(t.table, row.key, row.place, row.text);
                continue;
            }
            const QString theirsText = row.text.isEmpty() ? canonical(theirs) : row.text;
            const ExchangeValues incoming = toValues(t, theirs, types);
            // A value an exchange file could not bring in either (text for an amount, a date
            // that is none: written on the server with psql, say) never reaches the file: the
            // entity stays as it is here and the sync says why. A fix on the server is a new
            // change, taken by a later sync.
            if (const QStringList bad = invalidExchangeValues(t, incoming, types, QString()); !bad.isEmpty()) {
                report.skipped << QStringLiteral("%1: the team book's value cannot be taken here: %2").arg(labelOf(t, theirs), bad.join(QStringLiteral("; ")));
                continue;
            }
            const qint64 lastLine = fresh ? 0 : m_portfolio.history().lastId();
            bool movesHealth = true; // an account's own fields that no score reads do not
            // Into an empty file nothing of an account can be here yet: no lookup.
            const auto here = fresh && !t.accountFilter.isEmpty() ? std::nullopt : d->repo.find(t, incoming);
            qint64 placedId = here ? here->id : 0;
            const auto agreed = row.restore ? std::nullopt
                                : row.pushed ? row.pushed
                                             : parseObject(d->sync.baseOf(t.table, row.key).value_or(QString()));
            if (!here) {
                if (agreed && !row.pushed && canonical(*agreed) == canonical(theirs)) {
                    // Deleted here since, unchanged there: the deletion stands (and is pushed).
                    continue;
                }
                if (agreed && !row.pushed)
                    found.push_back({0, t.table, row.key, accountOf(t, theirs), {}, labelOf(t, theirs), QStringLiteral("(deleted)"),
                                     QStringLiteral("\"deleted\""), jsonText(QJsonValue(theirs)), QStringLiteral("theirs"),
                                     QStringLiteral("deleted here, changed there: the change is kept"), row.changedBy, row.changedAt,
                                     foundAt, {}});
                // (Into an empty file, a reference to nothing is refused by the insert itself.)
                if (const int missing = fresh ? -1 : d->repo.missingReference(t, incoming); missing >= 0) {
                    report.skipped << QStringLiteral("%1: \"%2\" refers to %3, which is not in this file")
                                          .arg(labelOf(t, theirs), t.columns[size_t(missing)].json, incoming.value(missing).toString());
                    continue;
                }
                try {
                    const qint64 id = d->repo.insert(t, incoming);
                    placedId = id;
                    if (hasSelfRef)
                        selfRefs.emplace_back(id, incoming);
                    if (t.table == QLatin1String("contacts"))
                        touchedContacts.insert(id);
                } catch (const storage::StorageError &e) {
                    if (e.code() != storage::StorageError::Code::Constraint)
                        throw;
                    report.skipped << QStringLiteral("%1: refused here: %2").arg(labelOf(t, theirs), e.constraintReason());
                    continue;
                }
            } else {
                // Fields edited here since they were agreed (or pushed) stay; the rest follow
                // the server.
                const QJsonObject mine = toObject(t, here->values);
                QJsonObject merged = theirs;
                if (agreed)
                    for (auto it = mine.begin(); it != mine.end(); ++it) {
                        const QJsonValue was = agreed->value(it.key());
                        if (was == it.value())
                            continue; // not edited here: the server's value
                        const QJsonValue there = theirs.value(it.key());
                        if (row.pushed || there == was || there == it.value() || it.key() == QLatin1String("updated_at")) {
                            merged.insert(it.key(), it.value()); // edited here only: kept, pushed next time
                            continue;
                        }
                        // Edited here after this sync pushed, and there before: theirs reached
                        // the server first and stands; mine is listed.
                        found.push_back({0, t.table, row.key, accountOf(t, theirs), {}, labelOf(t, theirs), it.key(), jsonText(it.value()),
                                         jsonText(there), QStringLiteral("theirs"), QStringLiteral("changed on both"), row.changedBy,
                                         row.changedAt, foundAt, {}});
                    }
                if (t.table == QLatin1String("accounts"))
                    movesHealth = changesHealth(mine, merged);
                if (canonical(merged) != canonical(mine)) {
                    const ExchangeValues values = toValues(t, merged, types);
                    if (const int missing = d->repo.missingReference(t, values); missing >= 0) {
                        report.skipped << QStringLiteral("%1: \"%2\" refers to %3, which is not in this file")
                                              .arg(labelOf(t, theirs), t.columns[size_t(missing)].json, values.value(missing).toString());
                        continue;
                    }
                    try {
                        if (t.hasId)
                            d->repo.update(t, here->id, values);
                        else
                            d->repo.insert(t, values); // settings: INSERT OR REPLACE
                    } catch (const storage::StorageError &e) {
                        if (e.code() != storage::StorageError::Code::Constraint)
                            throw;
                        report.skipped << QStringLiteral("%1: refused here: %2").arg(labelOf(t, theirs), e.constraintReason());
                        continue;
                    }
                    if (hasSelfRef)
                        selfRefs.emplace_back(here->id, values);
                    if (t.table == QLatin1String("contacts"))
                        touchedContacts.insert(here->id);
                } else if (row.pushed) {
                    d->sync.setBase(t.table, row.key, placeOf(t, placedId, theirs), theirsText);
                    continue; // nothing to write here: what was pushed is what is here
                }
            }
            d->sync.setBase(t.table, row.key, placeOf(t, placedId, theirs), theirsText);
            ++report.upserted[t.table];
            if (t.table == QLatin1String("activity_contacts"))
                if (const auto contact = d->repo.idOfUuid(QStringLiteral("contacts"), theirs.value(QStringLiteral("contact")).toString()))
                    touchedContacts.insert(*contact);
            if (t.table == QLatin1String("activities") && placedId)
                touchedActivities << placedId;
            if (t.portfolioLevel)
                settingsTouched = true;
            if (const qint64 a = d->repo.accountOf(t, incoming)) {
                touchedAccounts.insert(a);
                if (movesHealth)
                    healthAccounts.insert(a);
            }
            if (!fresh && !row.changedBy.isEmpty())
                m_portfolio.history().attribute(lastLine, row.changedBy);
        }
        for (const auto &[id, values] : selfRefs) {
            try {
                d->repo.setSelfReferences(t, id, values);
            } catch (const storage::StorageError &e) {
                if (e.code() != storage::StorageError::Code::Constraint)
                    throw;
                report.skipped << QStringLiteral("%1: refused here: %2").arg(t.entity, e.constraintReason());
            }
        }
    }
    for (auto rit = rows.rbegin(); rit != rows.rend(); ++rit) {
        const ExchangeTable &t = *rit->first;
        const auto &types = d->typesOf(t);
        for (const ServerRow &row : rit->second) {
            if (row.data)
                continue;
            if (editedBefore.contains(t.table + QLatin1Char('\n') + row.key)) {
                const auto agreed = parseObject(d->sync.baseOf(t.table, row.key).value_or(QString()));
                found.push_back({0, t.table, row.key, agreed ? accountOf(t, *agreed) : QString(), {}, agreed ? labelOf(t, *agreed) : t.entity,
                                 QStringLiteral("(deleted)"), editedBefore.value(t.table + QLatin1Char('\n') + row.key), QStringLiteral("\"deleted\""),
                                 QStringLiteral("mine"), QStringLiteral("deleted there, changed here: the change is kept"), row.changedBy,
                                 row.changedAt, foundAt, {}});
                d->sync.removeBase(t.table, row.key);
                continue;
            }
            const auto agreed = parseObject(d->sync.baseOf(t.table, row.key).value_or(QString()));
            if (!agreed && !row.restore)
                continue; // never here (or already gone)
            const ExchangeValues key = toValues(t, agreed ? *agreed : keyFields(t, row.key), types);
            const auto here = d->repo.find(t, key);
            const qint64 account = here ? d->repo.accountOf(t, here->values) : 0;
            if (here && t.table == QLatin1String("activity_contacts"))
                if (const auto contact = d->repo.idOfUuid(QStringLiteral("contacts"),
                                                          toObject(t, here->values).value(QStringLiteral("contact")).toString()))
                    touchedContacts.insert(*contact);
            const qint64 lastLine = m_portfolio.history().lastId();
            if (here && d->repo.remove(t, key)) {
                ++report.deleted[t.table];
                if (account) {
                    touchedAccounts.insert(account);
                    healthAccounts.insert(account);
                }
                if (!row.changedBy.isEmpty())
                    m_portfolio.history().attribute(lastLine, row.changedBy);
            }
            d->sync.removeBase(t.table, row.key);
        }
    }
    QHash<QString, QString> names;
    for (SyncConflict &c : found) {
        c.account = accountName(c.accountUuid, names);
        storage::SyncConflictRow r{0,           c.table,     c.key,    c.accountUuid, c.label,     c.field,
                                   c.mine,      c.theirs,    c.kept,   c.reason,      c.changedBy, c.changedAt,
                                   c.foundAt.isEmpty() ? foundAt : c.foundAt, {}};
        c.id = d->sync.addConflict(r);
        report.conflicts.push_back(c);
    }
    if (newPosition) {
        d->sync.setState(QStringLiteral("position"), QString::number(*newPosition));
        d->sync.setState(QStringLiteral("last_sync_at"), foundAt);
        // What this sync looked at is agreed now, and what it wrote here came from the server:
        // neither is a change to send. Later marks (edits made meanwhile) stay.
        d->sync.dropMarksAfter(marksBefore);
        if (m_marksUpTo >= 0)
            d->sync.dropMarks(m_marksUpTo);
        if (d->sync.tracking())
            d->sync.setState(QStringLiteral("agreed"), QStringLiteral("1"));
    }
    // Caches that summarise what came in, recounted in the same transaction.
    QList<qint64> accounts(touchedAccounts.begin(), touchedAccounts.end());
    std::sort(accounts.begin(), accounts.end());
    if (settingsTouched)
        m_portfolio.reloadSettings();
    // Accounts deleted here are gone: only those still here are recounted.
    QList<qint64> present;
    for (qint64 a : accounts)
        if (m_portfolio.accounts().byId(a))
            present << a;
    m_portfolio.accounts().refreshExpansionTotals(present);
    for (qint64 c : m_portfolio.contacts().participantsOf(touchedActivities))
        touchedContacts.insert(c);
    // (An empty list would mean every contact.)
    if (!touchedContacts.isEmpty())
        m_portfolio.contacts().refreshLastInteraction(QList<qint64>(touchedContacts.begin(), touchedContacts.end()));
    // Health only where something a score reads changed (a note or a name does not): the
    // recompute is most of an incremental apply's time, and the window waits for the file
    // meanwhile.
    // Settings or scorecards that arrived (the tier cadence, a scorecard's weights) move every
    // account's score: all are rescored then.
    if (settingsTouched && !fresh) {
        HealthService(m_portfolio).recomputeAll();
    } else if (fresh) {
        HealthService(m_portfolio).recomputeAccounts(present);
    } else {
        // Scored after this transaction (rescorePending()), so the window's edits do not
        // wait for it; the list is kept in the file, so a kill before then is finished by the
        // next sync.
        QSet<qint64> rescored = pendingRescore();
        for (qint64 a : std::as_const(present))
            if (healthAccounts.contains(a))
                rescored.insert(a);
        setPendingRescore(rescored);
    }
    if (fresh)
        m_portfolio.history().setRecording(true);
    if (wasTracking)
        d->sync.startTracking(trackedTables());
    if (wasTracking && newPosition)
        d->sync.setState(QStringLiteral("agreed"), QStringLiteral("1"));
    tx.commit();
    report.accounts = accounts;
    if (report.total() > 0)
        m_portfolio.announceBookChanged(settingsTouched);
    return report;
}

namespace {
SyncConflict fromRow(const storage::SyncConflictRow &r)
{
    return {r.id, r.table, r.key, r.accountUuid, {}, r.label, r.field, r.mine, r.theirs, r.kept, r.reason, r.changedBy, r.changedAt, r.foundAt,
            r.resolved};
}
} // namespace

QString SyncStore::accountName(const QString &uuid, QHash<QString, QString> &cache)
{
    if (uuid.isEmpty())
        return {};
    if (!cache.contains(uuid)) {
        const auto id = d->repo.idOfUuid(QStringLiteral("accounts"), uuid);
        const auto account = id ? m_portfolio.accounts().byId(*id) : std::nullopt;
        cache.insert(uuid, account ? account->name : QString());
    }
    return cache.value(uuid);
}

std::vector<SyncConflict> SyncStore::conflicts(bool includeResolved)
{
    std::vector<SyncConflict> out;
    QHash<QString, QString> names;
    for (const auto &r : d->sync.conflicts(includeResolved)) {
        SyncConflict c = fromRow(r);
        c.account = accountName(c.accountUuid, names);
        out.push_back(std::move(c));
    }
    return out;
}

std::optional<SyncConflict> SyncStore::conflict(qint64 id)
{
    const auto r = d->sync.conflict(id);
    if (!r)
        return std::nullopt;
    return fromRow(*r);
}

void SyncStore::resolve(qint64 id, bool keepMine)
{
    const auto r = d->sync.conflict(id);
    if (!r)
        throw ValidationError(QStringLiteral("Conflict %1").arg(id), {{QStringLiteral("id"), QStringLiteral("there is no conflict %1").arg(id)}});
    if (!r->resolved.isEmpty())
        throw ValidationError(QStringLiteral("Conflict %1").arg(id),
                              {{QStringLiteral("id"), QStringLiteral("conflict %1 was already resolved (%2 kept)").arg(id).arg(r->resolved)}});
    storage::Database &db = m_portfolio.database();
    storage::Transaction tx(db);
    bool changed = false;
    const ExchangeTable *t = storage::exchangeTable(r->table);
    if (keepMine && t && r->field != QLatin1String("(deleted)") && r->field != QLatin1String("(all)")) {
        // Find the entity here by its key, set the field to my value: the next sync pushes it.
        const auto agreed = parseObject(d->sync.baseOf(t->table, r->key).value_or(QString()));
        QJsonObject probe = agreed.value_or(QJsonObject());
        if (t->hasUuid)
            probe.insert(QStringLiteral("uuid"), r->key);
        const auto &types = d->typesOf(*t);
        const auto here = d->repo.find(*t, toValues(*t, probe, types));
        if (!here)
            throw ValidationError(QStringLiteral("Conflict %1").arg(id),
                                  {{QStringLiteral("id"), QStringLiteral("%1 is no longer in this file").arg(r->label)}});
        QJsonObject data = toObject(*t, here->values);
        const QJsonDocument mine = QJsonDocument::fromJson(QByteArray("[") + r->mine.toUtf8() + "]");
        data.insert(r->field, mine.isArray() && !mine.array().isEmpty() ? mine.array().at(0) : QJsonValue::Null);
        const QString updatedField = QStringLiteral("updated_at");
        if (data.contains(updatedField))
            data.insert(updatedField, isoNow());
        const ExchangeValues values = toValues(*t, data, types);
        if (t->hasId)
            d->repo.update(*t, here->id, values);
        else
            d->repo.insert(*t, values);
        changed = true;
    }
    d->sync.setResolved(id, keepMine ? QStringLiteral("mine") : QStringLiteral("theirs"));
    tx.commit();
    if (changed)
        m_portfolio.announceBookChanged(t && t->portfolioLevel);
}

} // namespace keystone::services
