// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/storage/exchangerepository.h"

#include "keystone/domain/validation.h"
#include "keystone/storage/database.h"
#include "keystone/storage/storageerror.h"
#include "rawstatement.h"

#include <QSqlQuery>

namespace keystone::storage {

int ExchangeTable::columnIndex(const QString &name) const
{
    for (size_t i = 0; i < columns.size(); ++i)
        if (columns[i].name == name)
            return int(i);
    return -1;
}

namespace {

// "uuid name owner_id>team_members": columns, a reference written as column>table.
std::vector<ExchangeColumn> cols(const char *spec)
{
    std::vector<ExchangeColumn> out;
    for (const QString &part : QString::fromLatin1(spec).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const qsizetype gt = part.indexOf(QLatin1Char('>'));
        ExchangeColumn c;
        c.name = gt < 0 ? part : part.left(gt);
        if (gt >= 0) {
            c.refTable = part.mid(gt + 1);
            c.json = c.name.endsWith(QLatin1String("_id")) ? c.name.chopped(3) : c.name;
        } else {
            c.json = c.name;
        }
        out.push_back(c);
    }
    return out;
}

ExchangeTable table(const char *name, const char *collection, const char *entity, const char *columns)
{
    ExchangeTable t;
    t.table = QString::fromLatin1(name);
    t.collection = QString::fromLatin1(collection);
    t.entity = QString::fromLatin1(entity);
    t.columns = cols(columns);
    t.hasUuid = t.columnIndex(QStringLiteral("uuid")) >= 0;
    t.hasUpdatedAt = t.columnIndex(QStringLiteral("updated_at")) >= 0;
    if (t.columnIndex(QStringLiteral("account_id")) >= 0)
        t.accountFilter = QStringLiteral("t.account_id IN (SELECT value FROM json_each(?1))");
    t.label = t.columnIndex(QStringLiteral("name")) >= 0 ? QStringLiteral("t.name") : QStringLiteral("''");
    return t;
}

ExchangeTable keyed(ExchangeTable t, const char *key, const char *label = nullptr)
{
    t.key = QString::fromLatin1(key).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (label)
        t.label = QString::fromLatin1(label);
    return t;
}

ExchangeTable labelled(ExchangeTable t, const char *label)
{
    t.label = QString::fromLatin1(label);
    return t;
}

std::vector<ExchangeTable> buildTables()
{
    std::vector<ExchangeTable> v;
    ExchangeTable settings = keyed(table("settings", "settings", "setting", "key value"), "key", "t.key");
    settings.hasId = false;
    settings.portfolioLevel = true;
    v.push_back(settings);
    ExchangeTable scorecards = keyed(table("scorecards", "scorecards", "scorecard", "name tier phase definition"), "tier phase");
    scorecards.portfolioLevel = true;
    v.push_back(scorecards);
    v.push_back(table("team_members", "team_members", "team member", "uuid name role email hours_per_month created_at updated_at"));
    ExchangeTable products = table("products", "products", "product", "uuid name family basis list_price_cents updated_at");
    products.hasNameKey = true;
    v.push_back(products);
    ExchangeTable accounts = table("accounts", "accounts", "account",
                                   "uuid name industry region owner_id>team_members arr_cents currency renewal_date customer_since lifecycle "
                                   "at_risk tier_override tier_override_reason potential_rating notes referenceable no_known_risks_on "
                                   "source_id company_revenue_cents employees account_type created_at updated_at");
    accounts.hasNameKey = true;
    accounts.accountFilter = QStringLiteral("t.id IN (SELECT value FROM json_each(?1))");
    v.push_back(accounts);
    v.push_back(table("buying_centers", "buying_centers", "buying center", "uuid account_id>accounts name kind size updated_at"));
    v.push_back(table("opportunities", "opportunities", "opportunity",
                      "uuid account_id>accounts name type amount_cents stage probability close_date owner_id>team_members source_id "
                      "created_at updated_at"));
    v.push_back(keyed(table("whitespace_cells", "whitespace_cells", "whitespace cell",
                            "account_id>accounts buying_center_id>buying_centers product_id>products status current_arr_cents "
                            "potential_arr_cents competitor note opportunity_id>opportunities updated_at"),
                      "buying_center_id product_id",
                      "coalesce((SELECT name FROM products WHERE id = t.product_id), '?') || ' in ' || "
                      "coalesce((SELECT name FROM buying_centers WHERE id = t.buying_center_id), '?')"));
    v.push_back(table("contacts", "contacts", "contact",
                      "uuid account_id>accounts name title email department buying_center_id>buying_centers reports_to_id>contacts role "
                      "stance influence status departed_on covered_by_id>team_members level target_level notes source_id created_at "
                      "updated_at"));
    v.push_back(keyed(table("contact_influences", "contact_influences", "influence link",
                            "account_id>accounts from_contact_id>contacts to_contact_id>contacts"),
                      "from_contact_id to_contact_id"));
    v.push_back(labelled(table("activities", "activities", "activity",
                               "uuid account_id>accounts date type summary next_step source_id created_at updated_at"),
                         "t.date || ' ' || t.type"));
    ExchangeTable ac = keyed(table("activity_contacts", "activity_contacts", "activity participant",
                                   "activity_id>activities contact_id>contacts"),
                             "activity_id contact_id");
    ac.hasId = false;
    ac.accountFilter = QStringLiteral("t.activity_id IN (SELECT id FROM activities WHERE account_id IN (SELECT value FROM json_each(?1)))");
    v.push_back(ac);
    ExchangeTable at = keyed(table("activity_team", "activity_team", "activity team participant",
                                   "activity_id>activities team_member_id>team_members"),
                             "activity_id team_member_id");
    at.hasId = false;
    at.accountFilter = ac.accountFilter;
    v.push_back(at);
    v.push_back(keyed(table("health_inputs", "health_inputs", "health inputs",
                            "account_id>accounts date licensed_seats active_users features_used features_offered sev1 sev2 sev3 nps "
                            "csat sentiment_date days_late manual updated_at"),
                      "account_id date", "'Health inputs of ' || t.date"));
    v.push_back(labelled(table("priorities", "priorities", "priority",
                               "uuid account_id>accounts position text metric baseline target current unit created_at updated_at"),
                         "t.text"));
    v.push_back(labelled(table("risks", "risks", "risk",
                               "uuid account_id>accounts description severity likelihood mitigation owner_id>team_members status created_at "
                               "updated_at"),
                         "t.description"));
    v.push_back(labelled(table("plan_actions", "plan_actions", "action",
                               "uuid account_id>accounts what owner_id>team_members due status done_on shared created_at updated_at"),
                         "t.what"));
    v.push_back(keyed(table("plan_reviews", "plan_reviews", "plan review", "account_id>accounts date reviewer_id>team_members note created_at"),
                      "account_id date created_at", "'Review of ' || t.date"));
    v.push_back(labelled(table("value_delivered", "value_delivered", "value delivered",
                               "uuid account_id>accounts metric baseline current unit impact_cents date created_at updated_at"),
                         "t.metric"));
    v.push_back(keyed(table("advocacy", "advocacy", "advocacy", "account_id>accounts case_study advisory_board updated_at"), "account_id",
                      "'Advocacy'"));
    v.push_back(labelled(table("reference_requests", "reference_requests", "reference request",
                               "uuid account_id>accounts contact_id>contacts date purpose created_at"),
                         "'Reference request of ' || t.date"));
    v.push_back(keyed(table("success_plans", "success_plans", "success plan", "account_id>accounts starts_on first_value_on updated_at"),
                      "account_id", "'Success plan'"));
    v.push_back(keyed(table("remediation_plans", "remediation_plans", "remediation plan",
                            "account_id>accounts sponsor_id>team_members root_cause opened_on updated_at"),
                      "account_id", "'Remediation plan'"));
    v.push_back(labelled(table("objectives", "objectives", "objective",
                               "uuid account_id>accounts position text metric baseline target current unit created_at updated_at"),
                         "t.text"));
    v.push_back(labelled(table("milestones", "milestones", "milestone",
                               "uuid account_id>accounts plan what due done_on shared created_at updated_at"),
                         "t.what"));
    v.push_back(labelled(table("success_contacts", "success_contacts", "success contact",
                               "uuid account_id>accounts contact_id>contacts role created_at"),
                         "t.role"));
    v.push_back(keyed(table("arr_history", "arr_history", "ARR point", "account_id>accounts date arr_cents change"), "account_id date",
                      "'ARR on ' || t.date"));
    v.push_back(keyed(table("account_team", "account_team", "assignment", "account_id>accounts team_member_id>team_members"),
                      "account_id team_member_id"));
    v.push_back(keyed(table("signal_states", "signal_states", "signal decision", "account_id>accounts rule decision until reason at"),
                      "account_id rule at", "t.rule || ': ' || t.decision"));
    v.push_back(keyed(table("plan_snapshots", "plan_snapshots", "snapshot", "account_id>accounts label taken_at content"),
                      "account_id label", "'Snapshot ' || t.label"));
    v.push_back(keyed(table("qbr_summaries", "qbr_summaries", "QBR summary", "account_id>accounts quarter highlights lowlights updated_at"),
                      "account_id quarter", "'QBR summary ' || t.quarter"));
    return v;
}

QByteArray utf8(const QString &s)
{
    return s.toUtf8();
}

void bindVariant(RawStatement &st, int param, const QVariant &v)
{
    if (v.isNull() || !v.isValid()) {
        st.bindNull(param);
        return;
    }
    switch (v.metaType().id()) {
    case QMetaType::Double:
    case QMetaType::Float:
        st.bindReal(param, v.toDouble());
        break;
    case QMetaType::LongLong:
    case QMetaType::Int:
    case QMetaType::Bool:
    case QMetaType::ULongLong:
    case QMetaType::UInt:
        st.bind(param, v.toLongLong());
        break;
    default:
        st.bind(param, v.toString());
    }
}

} // namespace

const std::vector<ExchangeTable> &exchangeTables()
{
    static const std::vector<ExchangeTable> tables = buildTables();
    return tables;
}

const ExchangeTable *exchangeTable(const QString &collection)
{
    for (const ExchangeTable &t : exchangeTables())
        if (t.collection == collection)
            return &t;
    return nullptr;
}

namespace {

// The id caches hold the entities met lately (rows come grouped by account, so a reference
// mostly names one of those), never a whole book: past this many entries a cache starts
// again, and a miss is one lookup in the table's unique index.
constexpr qsizetype kIdCacheLimit = 50'000;

template <typename Key>
void remember(QHash<Key, qint64> &cache, const Key &key, qint64 id)
{
    if (cache.size() >= kIdCacheLimit)
        cache.clear();
    cache.insert(key, id);
}

} // namespace

namespace {

QString selectList(const ExchangeTable &t)
{
    QStringList parts;
    for (const ExchangeColumn &c : t.columns) {
        if (c.isRef())
            parts << QStringLiteral("(SELECT uuid FROM %1 WHERE id = t.%2)").arg(c.refTable, c.name);
        else
            parts << QStringLiteral("t.") + c.name;
    }
    return parts.join(QStringLiteral(", "));
}

// Values read through RawStatement keep SQLite's own types.
QVariant readValue(RawStatement &st, int col)
{
    switch (st.type(col)) {
    case SQLITE_INTEGER: return QVariant(st.int64(col));
    case SQLITE_FLOAT: return QVariant(st.real(col));
    case SQLITE_NULL: return QVariant();
    default: return QVariant(st.text(col));
    }
}

// Steps through a statement's rows, handing each one's first `n` columns as values.
void stepRows(RawStatement &st, int n, const std::function<void(const ExchangeValues &)> &row)
{
    ExchangeValues values;
    values.reserve(n);
    while (st.step()) {
        values.clear();
        for (int i = 0; i < n; ++i)
            values.push_back(readValue(st, i));
        row(values);
    }
}

bool isSelfRef(const ExchangeTable &t, const ExchangeColumn &c)
{
    return c.refTable == t.table;
}

} // namespace

ExchangeRepository::ExchangeRepository(Database &db) : m_db(db) {}
ExchangeRepository::~ExchangeRepository() = default;

RawStatement &ExchangeRepository::statement(const QString &sql)
{
    auto &slot = m_statements[sql];
    if (!slot) {
        const QByteArray text = sql.toUtf8();
        slot = std::make_unique<RawStatement>(m_db, text.constData());
    }
    return *slot;
}

void ExchangeRepository::read(const ExchangeTable &t, const std::optional<QList<qint64>> &accountIds,
                              const std::function<void(const ExchangeValues &)> &row)
{
    QString sql = QStringLiteral("SELECT %1 FROM %2 AS t").arg(selectList(t), t.table);
    const bool filter = accountIds && !t.accountFilter.isEmpty();
    if (filter)
        sql += QStringLiteral(" WHERE ") + t.accountFilter;
    sql += t.hasId ? QStringLiteral(" ORDER BY t.id") : QStringLiteral(" ORDER BY ") + (t.key.isEmpty() ? QStringLiteral("1") : QStringLiteral("t.") + t.key.join(QStringLiteral(", t.")));
    const QByteArray text = utf8(sql);
    RawStatement st(m_db, text.constData());
    if (filter)
        st.bind(1, idList(*accountIds));
    stepRows(st, int(t.columns.size()), [&](const ExchangeValues &values) { row(values); });
}

void ExchangeRepository::readPlaced(const ExchangeTable &t, const QString &column, const std::optional<QList<qint64>> &places,
                                    const std::function<void(const ExchangeValues &, qint64)> &row)
{
    const QString place = column.isEmpty() ? QStringLiteral("0") : QStringLiteral("t.") + column;
    QString sql = QStringLiteral("SELECT %1, %2 FROM %3 AS t").arg(selectList(t), place, t.table);
    if (places && !column.isEmpty())
        sql += QStringLiteral(" WHERE %1 IN (SELECT value FROM json_each(?1))").arg(place);
    const QByteArray text = utf8(sql);
    RawStatement st(m_db, text.constData());
    if (places && !column.isEmpty())
        st.bind(1, idList(*places));
    const int n = int(t.columns.size());
    stepRows(st, n, [&](const ExchangeValues &values) { row(values, st.int64(n)); });
}

std::optional<qint64> ExchangeRepository::idOfUuid(const QString &table, const QString &uuid)
{
    auto &cache = m_uuidCache[table];
    if (const auto it = cache.constFind(uuid); it != cache.constEnd())
        return *it;
    RawStatement &st = statement(QStringLiteral("SELECT id FROM %1 WHERE uuid = ?").arg(table));
    st.bind(1, uuid);
    const bool found = st.step();
    const qint64 id = found ? st.int64(0) : 0;
    st.reset();
    if (!found)
        return std::nullopt;
    remember(cache, uuid, id);
    return id;
}

int ExchangeRepository::missingReference(const ExchangeTable &t, const ExchangeValues &values)
{
    for (size_t i = 0; i < t.columns.size(); ++i) {
        const ExchangeColumn &c = t.columns[i];
        if (!c.isRef() || isSelfRef(t, c) || values.value(int(i)).isNull())
            continue;
        if (!idOfUuid(c.refTable, values.value(int(i)).toString()))
            return int(i);
    }
    return -1;
}

QVariant ExchangeRepository::bindable(const ExchangeTable &t, const ExchangeColumn &c, const QVariant &v, Self self)
{
    if (!c.isRef() || v.isNull())
        return v;
    if (self == Self::AsNull && isSelfRef(t, c))
        return QVariant();
    const auto id = idOfUuid(c.refTable, v.toString());
    if (!id && self == Self::IfHere && isSelfRef(t, c))
        return QVariant();
    if (!id)
        throw StorageError(StorageError::Code::Constraint, m_db.path(),
                           QStringLiteral("%1 refers to %2 %3, which is not in the portfolio").arg(t.entity, c.json, v.toString()));
    return QVariant(*id);
}

std::optional<ExchangeMatch> ExchangeRepository::find(const ExchangeTable &t, const ExchangeValues &values)
{
    TableSql &sql = tableSql(t);
    std::vector<QVariant> params;
    if (t.hasUuid) {
        params.push_back(values.value(sql.uuidCol));
    } else {
        for (const QString &k : t.key) {
            const int i = t.columnIndex(k);
            const ExchangeColumn &c = t.columns[size_t(i)];
            const QVariant v = values.value(i);
            if (c.isRef() && !v.isNull()) {
                const auto id = idOfUuid(c.refTable, v.toString());
                if (!id)
                    return std::nullopt; // refers to something new: cannot exist yet
                params.push_back(QVariant(*id));
            } else {
                params.push_back(v);
            }
        }
    }
    if (!sql.find) {
        QStringList where; // by uuid, or by the natural key
        if (t.hasUuid)
            where << QStringLiteral("t.uuid = ?");
        else
            for (const QString &k : t.key)
                where << QStringLiteral("t.%1 IS ?").arg(k);
        sql.find = &statement(QStringLiteral("SELECT %1, %2, %3 FROM %4 AS t WHERE %5")
                                  .arg(t.hasId ? QStringLiteral("t.id") : QStringLiteral("0"), t.label, selectList(t), t.table,
                                       where.join(QStringLiteral(" AND "))));
    }
    RawStatement &st = *sql.find;
    for (size_t i = 0; i < params.size(); ++i)
        bindVariant(st, int(i) + 1, params[i]);
    if (!st.step()) {
        st.reset();
        return std::nullopt;
    }
    ExchangeMatch m;
    m.id = st.int64(0);
    m.label = st.text(1);
    for (int i = 0; i < int(t.columns.size()); ++i)
        m.values.push_back(readValue(st, i + 2));
    st.reset();
    return m;
}

bool ExchangeRepository::remove(const ExchangeTable &t, const ExchangeValues &values)
{
    QStringList where;
    std::vector<QVariant> params;
    const QStringList key = t.hasUuid ? QStringList{QStringLiteral("uuid")} : t.key;
    for (const QString &k : key) {
        const int i = t.columnIndex(k);
        const ExchangeColumn &c = t.columns[size_t(i)];
        where << QStringLiteral("%1 IS ?").arg(k);
        const QVariant v = values.value(i);
        if (c.isRef() && !v.isNull()) {
            const auto id = idOfUuid(c.refTable, v.toString());
            if (!id)
                return false; // refers to something that is not here: neither is the row
            params.push_back(QVariant(*id));
        } else {
            params.push_back(v);
        }
    }
    RawStatement &st = statement(QStringLiteral("DELETE FROM %1 WHERE %2").arg(t.table, where.join(QStringLiteral(" AND "))));
    for (size_t i = 0; i < params.size(); ++i)
        bindVariant(st, int(i) + 1, params[i]);
    st.run([&] { return QStringLiteral("removing %1").arg(t.entity); });
    const bool removed = st.changes() > 0;
    if (removed) { // cascades may have taken rows of other tables too
        m_uuidCache.clear();
        m_activityAccounts.clear();
    }
    return removed;
}

ExchangeRepository::TableSql &ExchangeRepository::tableSql(const ExchangeTable &t)
{
    auto it = m_tableSql.find(&t);
    if (it == m_tableSql.end()) {
        TableSql sql;
        sql.uuidCol = t.columnIndex(QStringLiteral("uuid"));
        sql.nameCol = t.columnIndex(QStringLiteral("name"));
        it = m_tableSql.insert(&t, sql);
    }
    return *it;
}

qint64 ExchangeRepository::insert(const ExchangeTable &t, const ExchangeValues &values)
{
    TableSql &sql = tableSql(t);
    if (!sql.insert) {
        QStringList names;
        for (const ExchangeColumn &c : t.columns)
            names << c.name;
        if (t.hasNameKey)
            names << QStringLiteral("name_key");
        // Settings are a key-value table: an imported setting replaces the one here.
        const QString verb = t.table == QLatin1String("settings") ? QStringLiteral("INSERT OR REPLACE") : QStringLiteral("INSERT");
        sql.insert = &statement(QStringLiteral("%4 INTO %1 (%2) VALUES (?%3)")
                                    .arg(t.table, names.join(QStringLiteral(", ")), QStringLiteral(", ?").repeated(names.size() - 1), verb));
    }
    RawStatement &st = *sql.insert;
    int p = 1;
    for (size_t i = 0; i < t.columns.size(); ++i)
        bindVariant(st, p++, bindable(t, t.columns[i], values.value(int(i)), Self::IfHere));
    if (t.hasNameKey)
        st.bind(p++, domain::nameKey(values.value(sql.nameCol).toString()));
    st.run([&] { return QStringLiteral("adding %1").arg(t.entity); });
    const qint64 id = st.lastInsertRowId();
    if (t.hasUuid)
        remember(m_uuidCache[t.table], values.value(sql.uuidCol).toString(), id);
    return id;
}

QHash<QString, QString> ExchangeRepository::declaredTypes(const ExchangeTable &t)
{
    QHash<QString, QString> types;
    QSqlQuery q(m_db.connection());
    if (q.exec(QStringLiteral("PRAGMA table_info(%1)").arg(t.table))) // table names come from code
        while (q.next())
            types.insert(q.value(1).toString(), q.value(2).toString().toUpper());
    return types;
}

void ExchangeRepository::update(const ExchangeTable &t, qint64 id, const ExchangeValues &values)
{
    TableSql &sql = tableSql(t);
    if (!sql.update) {
        QStringList sets;
        for (const ExchangeColumn &c : t.columns)
            sets << c.name + QStringLiteral(" = ?");
        if (t.hasNameKey)
            sets << QStringLiteral("name_key = ?");
        sql.update = &statement(QStringLiteral("UPDATE %1 SET %2 WHERE id = ?").arg(t.table, sets.join(QStringLiteral(", "))));
    }
    RawStatement &st = *sql.update;
    int p = 1;
    for (size_t i = 0; i < t.columns.size(); ++i)
        bindVariant(st, p++, bindable(t, t.columns[i], values.value(int(i)), Self::AsNull)); // self references: setSelfReferences()
    if (t.hasNameKey)
        st.bind(p++, domain::nameKey(values.value(sql.nameCol).toString()));
    st.bind(p++, id);
    st.run([&] { return QStringLiteral("updating %1").arg(t.entity); });
}

void ExchangeRepository::setSelfReferences(const ExchangeTable &t, qint64 id, const ExchangeValues &values)
{
    for (size_t i = 0; i < t.columns.size(); ++i) {
        const ExchangeColumn &c = t.columns[i];
        if (!isSelfRef(t, c) || values.value(int(i)).isNull())
            continue;
        RawStatement &st = statement(QStringLiteral("UPDATE %1 SET %2 = ? WHERE id = ?").arg(t.table, c.name));
        bindVariant(st, 1, bindable(t, c, values.value(int(i)), Self::Required));
        st.bind(2, id);
        st.run([&] { return QStringLiteral("linking %1").arg(t.entity); });
    }
}

bool ExchangeRepository::reachesAccounts(const ExchangeTable &t, const QList<qint64> &rowIds, const QList<qint64> &accountIds)
{
    if (rowIds.isEmpty())
        return false;
    if (t.accountFilter.isEmpty() || !t.hasId)
        return true;
    RawStatement &st = statement(QStringLiteral("SELECT count(*), count(CASE WHEN %1 THEN 1 END) FROM %2 t "
                                                "WHERE t.id IN (SELECT value FROM json_each(?2))")
                                     .arg(t.accountFilter, t.table));
    st.bind(1, idList(accountIds));
    st.bind(2, idList(rowIds));
    const bool stepped = st.step();
    const qint64 present = stepped ? st.int64(0) : 0;
    const qint64 reaching = stepped ? st.int64(1) : 0;
    st.reset();
    const qint64 distinct = QSet<qint64>(rowIds.begin(), rowIds.end()).size();
    return reaching > 0 || present < distinct;
}

qint64 ExchangeRepository::accountOf(const ExchangeTable &t, const ExchangeValues &values)
{
    if (t.table == QLatin1String("accounts"))
        return idOfUuid(t.table, values.value(t.columnIndex(QStringLiteral("uuid"))).toString()).value_or(0);
    int i = t.columnIndex(QStringLiteral("account_id"));
    if (i >= 0 && !values.value(i).isNull())
        return idOfUuid(QStringLiteral("accounts"), values.value(i).toString()).value_or(0);
    i = t.columnIndex(QStringLiteral("activity_id"));
    if (i >= 0 && !values.value(i).isNull()) {
        const auto activity = idOfUuid(QStringLiteral("activities"), values.value(i).toString());
        if (!activity)
            return 0;
        // An activity has many participants: its account is looked up once.
        if (const auto it = m_activityAccounts.constFind(*activity); it != m_activityAccounts.constEnd())
            return *it;
        RawStatement &st = statement(QStringLiteral("SELECT account_id FROM activities WHERE id = ?"));
        st.bind(1, *activity);
        const qint64 account = st.step() ? st.int64(0) : 0;
        st.reset();
        remember(m_activityAccounts, *activity, account);
        return account;
    }
    return 0;
}

namespace {
const char *sourceTableName(SourceTable t)
{
    switch (t) {
    case SourceTable::Accounts: return "accounts";
    case SourceTable::Contacts: return "contacts";
    case SourceTable::Opportunities: return "opportunities";
    case SourceTable::Activities: return "activities";
    }
    return "accounts";
}
} // namespace

std::vector<SourceKey> SourceIdRepository::keys(SourceTable table)
{
    const char *sql = nullptr;
    switch (table) {
    case SourceTable::Accounts: sql = "SELECT id, id, name, '', '', '', source_id, 0 FROM accounts ORDER BY id"; break;
    case SourceTable::Contacts:
        sql = "SELECT id, account_id, name, email, '', '', source_id, coalesce(reports_to_id, 0) FROM contacts ORDER BY id";
        break;
    case SourceTable::Opportunities: sql = "SELECT id, account_id, name, '', '', '', source_id, 0 FROM opportunities ORDER BY id"; break;
    case SourceTable::Activities: sql = "SELECT id, account_id, summary, '', date, type, source_id, 0 FROM activities ORDER BY id"; break;
    }
    RawStatement st(m_db, sql);
    std::vector<SourceKey> out;
    while (st.step())
        out.push_back({st.int64(0), st.int64(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6), st.int64(7)});
    return out;
}

void SourceIdRepository::set(SourceTable table, qint64 id, const QString &sourceId)
{
    const QByteArray sql = QByteArray("UPDATE ") + sourceTableName(table) + " SET source_id = ? WHERE id = ?";
    RawStatement &st = m_db.cachedRaw(sql.constData());
    if (sourceId.isEmpty())
        st.bindNull(1);
    else
        st.bind(1, sourceId);
    st.bind(2, id);
    st.run([] { return QStringLiteral("keeping the source id"); });
}

} // namespace keystone::storage
