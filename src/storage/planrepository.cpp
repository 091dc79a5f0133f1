// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/storage/planrepository.h"

#include "keystone/storage/database.h"
#include "keystone/storage/storageerror.h"
#include "rawstatement.h"
#include "sqlvalues.h"

#include <QUuid>

namespace keystone::storage {

using domain::PlanReview;

namespace {

QString newUuid(const QString &uuid)
{
    return uuid.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : uuid;
}

// One table per kind of plan item. Every table starts with id and uuid, then `columns`
// (account_id first); `read` reads those columns from index 2 and `bind` binds them from
// parameter `first`. The generic calls below build their SQL from this.
template<typename T>
struct ItemTable;

// Priorities and objectives share their shape: text and an optional success metric.
template<typename T>
struct MetricItemTable {
    static constexpr const char *columns = "account_id, position, text, metric, baseline, target, current, unit";
    static constexpr const char *order = "position, id";
    static constexpr bool updatedAt = true;
    static QString label(const T &item) { return item.text; }
    static void read(const RawStatement &st, T &item)
    {
        item.accountId = st.int64(2);
        item.position = int(st.int64(3));
        item.text = st.text(4);
        item.metric = st.text(5);
        item.baseline = st.optReal(6);
        item.target = st.optReal(7);
        item.current = st.optReal(8);
        item.unit = st.text(9);
    }
    static void bind(RawStatement &st, int first, const T &item)
    {
        st.bind(first, item.accountId);
        st.bind(first + 1, qint64(item.position));
        st.bind(first + 2, item.text.trimmed());
        st.bind(first + 3, item.metric.trimmed());
        bindOptReal(st, first + 4, item.baseline);
        bindOptReal(st, first + 5, item.target);
        bindOptReal(st, first + 6, item.current);
        st.bind(first + 7, item.unit.trimmed());
    }
};

template<>
struct ItemTable<domain::Priority> : MetricItemTable<domain::Priority> {
    static constexpr const char *table = "priorities";
    static constexpr const char *what = "priority";
};

template<>
struct ItemTable<domain::Objective> : MetricItemTable<domain::Objective> {
    static constexpr const char *table = "objectives";
    static constexpr const char *what = "objective";
};

template<>
struct ItemTable<domain::Risk> {
    static constexpr const char *table = "risks";
    static constexpr const char *what = "risk";
    static constexpr const char *columns = "account_id, description, severity, likelihood, mitigation, owner_id, status";
    static constexpr const char *order = "status = 'closed', CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, id";
    static constexpr bool updatedAt = true;
    static QString label(const domain::Risk &r) { return r.description; }
    static void read(const RawStatement &st, domain::Risk &r)
    {
        r.accountId = st.int64(2);
        r.description = st.text(3);
        r.severity = domain::parseRiskLevel(st.text(4)).value_or(domain::RiskLevel::Medium);
        r.likelihood = domain::parseRiskLevel(st.text(5)).value_or(domain::RiskLevel::Medium);
        r.mitigation = st.text(6);
        r.ownerId = st.int64(7);
        r.status = domain::parseRiskStatus(st.text(8)).value_or(domain::RiskStatus::Open);
    }
    static void bind(RawStatement &st, int first, const domain::Risk &r)
    {
        st.bind(first, r.accountId);
        st.bind(first + 1, r.description.trimmed());
        st.bind(first + 2, domain::riskLevelKey(r.severity));
        st.bind(first + 3, domain::riskLevelKey(r.likelihood));
        st.bind(first + 4, r.mitigation.trimmed());
        bindId(st, first + 5, r.ownerId);
        st.bind(first + 6, domain::riskStatusKey(r.status));
    }
};

template<>
struct ItemTable<domain::PlanAction> {
    static constexpr const char *table = "plan_actions";
    static constexpr const char *what = "action";
    static constexpr const char *columns = "account_id, what, owner_id, due, status, done_on, shared";
    static constexpr const char *order = "status <> 'open', due IS NULL, due, id";
    static constexpr bool updatedAt = true;
    static QString label(const domain::PlanAction &a) { return a.what; }
    static void read(const RawStatement &st, domain::PlanAction &a)
    {
        a.accountId = st.int64(2);
        a.what = st.text(3);
        a.ownerId = st.int64(4);
        a.due = st.date(5);
        a.status = domain::parseActionStatus(st.text(6)).value_or(domain::ActionStatus::Open);
        a.doneOn = st.date(7);
        a.shared = !st.isNull(8) && st.int64(8) != 0; // NULL: an action's default, internal
    }
    static void bind(RawStatement &st, int first, const domain::PlanAction &a)
    {
        st.bind(first, a.accountId);
        st.bind(first + 1, a.what.trimmed());
        bindId(st, first + 2, a.ownerId);
        bindDate(st, first + 3, a.due);
        st.bind(first + 4, domain::actionStatusKey(a.status));
        bindDate(st, first + 5, a.status == domain::ActionStatus::Done ? a.doneOn : QDate());
        st.bind(first + 6, qint64(a.shared ? 1 : 0));
    }
};

template<>
struct ItemTable<domain::ValueDelivered> {
    static constexpr const char *table = "value_delivered";
    static constexpr const char *what = "value delivered";
    static constexpr const char *columns = "account_id, metric, baseline, current, unit, impact_cents, date";
    static constexpr const char *order = "date DESC, id DESC";
    static constexpr bool updatedAt = true;
    static QString label(const domain::ValueDelivered &v) { return v.metric; }
    static void read(const RawStatement &st, domain::ValueDelivered &v)
    {
        v.accountId = st.int64(2);
        v.metric = st.text(3);
        v.baseline = st.optReal(4);
        v.current = st.optReal(5);
        v.unit = st.text(6);
        v.impactCents = st.int64(7);
        v.date = st.date(8);
    }
    static void bind(RawStatement &st, int first, const domain::ValueDelivered &v)
    {
        st.bind(first, v.accountId);
        st.bind(first + 1, v.metric.trimmed());
        bindOptReal(st, first + 2, v.baseline);
        bindOptReal(st, first + 3, v.current);
        st.bind(first + 4, v.unit.trimmed());
        st.bind(first + 5, v.impactCents);
        bindDate(st, first + 6, v.date);
    }
};

template<>
struct ItemTable<domain::ReferenceRequest> {
    static constexpr const char *table = "reference_requests";
    static constexpr const char *what = "reference request";
    static constexpr const char *columns = "account_id, contact_id, date, purpose";
    static constexpr const char *order = "date DESC, id DESC";
    static constexpr bool updatedAt = false;
    static QString label(const domain::ReferenceRequest &r) { return r.date.toString(Qt::ISODate); }
    static void read(const RawStatement &st, domain::ReferenceRequest &r)
    {
        r.accountId = st.int64(2);
        r.contactId = st.int64(3);
        r.date = st.date(4);
        r.purpose = st.text(5);
    }
    static void bind(RawStatement &st, int first, const domain::ReferenceRequest &r)
    {
        st.bind(first, r.accountId);
        st.bind(first + 1, r.contactId);
        bindDate(st, first + 2, r.date);
        st.bind(first + 3, r.purpose.trimmed());
    }
};

template<>
struct ItemTable<domain::Milestone> {
    static constexpr const char *table = "milestones";
    static constexpr const char *what = "milestone";
    static constexpr const char *columns = "account_id, plan, what, due, done_on, shared";
    static constexpr const char *order = "plan, due, id";
    static constexpr bool updatedAt = true;
    static QString label(const domain::Milestone &m) { return m.what; }
    static void read(const RawStatement &st, domain::Milestone &m)
    {
        m.accountId = st.int64(2);
        m.plan = domain::parseMilestonePlan(st.text(3)).value_or(domain::MilestonePlan::Success);
        m.what = st.text(4);
        m.due = st.date(5);
        m.doneOn = st.date(6);
        m.shared = st.isNull(7) ? domain::sharedByDefault(m.plan) : st.int64(7) != 0;
    }
    static void bind(RawStatement &st, int first, const domain::Milestone &m)
    {
        st.bind(first, m.accountId);
        st.bind(first + 1, domain::milestonePlanKey(m.plan));
        st.bind(first + 2, m.what.trimmed());
        bindDate(st, first + 3, m.due);
        bindDate(st, first + 4, m.doneOn);
        st.bind(first + 5, qint64(m.shared ? 1 : 0));
    }
};

template<>
struct ItemTable<domain::SuccessContact> {
    static constexpr const char *table = "success_contacts";
    static constexpr const char *what = "success plan contact";
    static constexpr const char *columns = "account_id, contact_id, role";
    static constexpr const char *order = "role, id";
    static constexpr bool updatedAt = false;
    static QString label(const domain::SuccessContact &c) { return domain::successRoleName(c.role); }
    static void read(const RawStatement &st, domain::SuccessContact &c)
    {
        c.accountId = st.int64(2);
        c.contactId = st.int64(3);
        c.role = domain::parseSuccessRole(st.text(4)).value_or(domain::SuccessRole::Champion);
    }
    static void bind(RawStatement &st, int first, const domain::SuccessContact &c)
    {
        st.bind(first, c.accountId);
        st.bind(first + 1, c.contactId);
        st.bind(first + 2, domain::successRoleKey(c.role));
    }
};

template<typename T>
std::vector<T> readItems(Database &db, const QString &where, qint64 param)
{
    using Table = ItemTable<T>;
    const QByteArray sql = QStringLiteral("SELECT id, uuid, %1 FROM %2 WHERE %3 ORDER BY %4")
                               .arg(QLatin1String(Table::columns), QLatin1String(Table::table), where, QLatin1String(Table::order))
                               .toUtf8();
    RawStatement st(db, sql.constData());
    st.bind(1, param);
    std::vector<T> out;
    while (st.step()) {
        T item;
        item.id = st.int64(0);
        item.uuid = st.text(1);
        Table::read(st, item);
        out.push_back(std::move(item));
    }
    return out;
}

int columnCount(const char *columns)
{
    return int(QLatin1String(columns).count(QLatin1Char(','))) + 1;
}

template<typename T>
QString savingText(const T &item)
{
    return QStringLiteral("saving %1 '%2'").arg(QLatin1String(ItemTable<T>::what), ItemTable<T>::label(item).left(40));
}

void removeById(Database &db, const char *sql, qint64 id, const char *what)
{
    RawStatement st(db, sql);
    st.bind(1, id);
    st.run([id, what] { return QStringLiteral("deleting %1 %2").arg(QLatin1String(what)).arg(id); });
}

} // namespace

// --- plan items ---------------------------------------------------------------------------

template<typename T>
std::vector<T> PlanRepository::items(qint64 accountId)
{
    return readItems<T>(m_db, QStringLiteral("account_id = ?"), accountId);
}

template<typename T>
std::optional<T> PlanRepository::item(qint64 id)
{
    auto rows = readItems<T>(m_db, QStringLiteral("id = ?"), id);
    return rows.empty() ? std::nullopt : std::optional<T>(std::move(rows.front()));
}

template<typename T>
void PlanRepository::insertItems(std::vector<T> &items)
{
    using Table = ItemTable<T>;
    const int n = columnCount(Table::columns);
    const int stamps = Table::updatedAt ? 2 : 1;
    QStringList marks;
    for (int i = 0; i < 2 + n + stamps; ++i)
        marks << QStringLiteral("?");
    const QByteArray sql = QStringLiteral("INSERT INTO %1 (id, uuid, %2, created_at%3) VALUES (%4)")
                               .arg(QLatin1String(Table::table), QLatin1String(Table::columns),
                                    Table::updatedAt ? QStringLiteral(", updated_at") : QString(), marks.join(QStringLiteral(", ")))
                               .toUtf8();
    RawStatement st(m_db, sql.constData());
    const QString now = nowText();
    for (T &item : items) {
        item.uuid = newUuid(item.uuid);
        bindId(st, 1, item.id);
        st.bind(2, item.uuid);
        Table::bind(st, 3, item);
        for (int i = 0; i < stamps; ++i)
            st.bind(3 + n + i, now);
        st.run([&item] { return savingText(item); });
        item.id = st.lastInsertRowId();
    }
}

template<typename T>
void PlanRepository::updateItem(const T &item)
{
    using Table = ItemTable<T>;
    QStringList sets;
    for (const QString &column : QString::fromLatin1(Table::columns).split(QLatin1Char(',')))
        sets << column.trimmed() + QStringLiteral(" = ?");
    if (Table::updatedAt)
        sets << QStringLiteral("updated_at = ?");
    const QByteArray sql =
        QStringLiteral("UPDATE %1 SET %2 WHERE id = ?").arg(QLatin1String(Table::table), sets.join(QStringLiteral(", "))).toUtf8();
    RawStatement st(m_db, sql.constData());
    const int n = columnCount(Table::columns);
    Table::bind(st, 1, item);
    int next = 1 + n;
    if (Table::updatedAt)
        st.bind(next++, nowText());
    st.bind(next, item.id);
    st.run([&item] { return savingText(item); });
}

template<typename T>
void PlanRepository::removeItem(qint64 id)
{
    const QByteArray sql = QStringLiteral("DELETE FROM %1 WHERE id = ?").arg(QLatin1String(ItemTable<T>::table)).toUtf8();
    removeById(m_db, sql.constData(), id, ItemTable<T>::what);
}

#define KEYSTONE_PLAN_ITEM(T)                                                                                                    \
    template std::vector<T> PlanRepository::items<T>(qint64);                                                                    \
    template std::optional<T> PlanRepository::item<T>(qint64);                                                                   \
    template void PlanRepository::insertItems<T>(std::vector<T> &);                                                              \
    template void PlanRepository::updateItem<T>(const T &);                                                                      \
    template void PlanRepository::removeItem<T>(qint64);
KEYSTONE_FOR_EACH_PLAN_ITEM(KEYSTONE_PLAN_ITEM)
#undef KEYSTONE_PLAN_ITEM

// --- the QBR's written summary: one row per account and quarter ---------------------------

std::optional<domain::QbrSummary> PlanRepository::qbrSummary(qint64 accountId, const QString &quarter)
{
    RawStatement st(m_db, "SELECT id, highlights, lowlights FROM qbr_summaries WHERE account_id = ? AND quarter = ?");
    st.bind(1, accountId);
    st.bind(2, quarter.trimmed().toUpper());
    if (!st.step())
        return std::nullopt;
    domain::QbrSummary s;
    s.id = st.int64(0);
    s.accountId = accountId;
    s.quarter = quarter.trimmed().toUpper();
    s.highlights = st.text(1).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    s.lowlights = st.text(2).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return s;
}

void PlanRepository::saveQbrSummary(const domain::QbrSummary &summary)
{
    const domain::QbrSummary s = domain::normalisedQbrSummary(summary);
    if (s.isEmpty()) {
        RawStatement st(m_db, "DELETE FROM qbr_summaries WHERE account_id = ? AND quarter = ?");
        st.bind(1, s.accountId);
        st.bind(2, s.quarter);
        st.run([] { return QStringLiteral("removing the QBR summary"); });
        return;
    }
    RawStatement st(m_db, "INSERT INTO qbr_summaries (account_id, quarter, highlights, lowlights, updated_at) VALUES (?, ?, ?, ?, ?) "
                          "ON CONFLICT (account_id, quarter) DO UPDATE SET highlights = excluded.highlights, lowlights = excluded.lowlights, "
                          "updated_at = excluded.updated_at");
    st.bind(1, s.accountId);
    st.bind(2, s.quarter);
    st.bind(3, s.highlights.join(QLatin1Char('\n')));
    st.bind(4, s.lowlights.join(QLatin1Char('\n')));
    st.bind(5, nowText());
    st.run([] { return QStringLiteral("saving the QBR summary"); });
}

// --- advocacy, success plan, remediation plan: one row per account ------------------------

domain::AdvocacyProfile PlanRepository::advocacy(qint64 accountId)
{
    RawStatement st(m_db, "SELECT case_study, advisory_board FROM advocacy WHERE account_id = ?");
    st.bind(1, accountId);
    domain::AdvocacyProfile a;
    a.accountId = accountId;
    if (st.step()) {
        a.caseStudy = domain::parseCaseStudyStatus(st.text(0)).value_or(domain::CaseStudyStatus::None);
        a.advisoryBoard = st.int64(1) != 0;
    }
    return a;
}

void PlanRepository::saveAdvocacy(const domain::AdvocacyProfile &a)
{
    RawStatement &st = m_db.cachedRaw("INSERT INTO advocacy (account_id, case_study, advisory_board, updated_at) VALUES (?, ?, ?, ?) "
                          "ON CONFLICT (account_id) DO UPDATE SET case_study = excluded.case_study, advisory_board = excluded.advisory_board, "
                          "updated_at = excluded.updated_at");
    st.bind(1, a.accountId);
    st.bind(2, domain::caseStudyStatusKey(a.caseStudy));
    st.bind(3, qint64(a.advisoryBoard ? 1 : 0));
    st.bind(4, nowText());
    st.run([] { return QStringLiteral("saving advocacy"); });
}

domain::SuccessPlan PlanRepository::successPlan(qint64 accountId)
{
    RawStatement st(m_db, "SELECT starts_on, first_value_on FROM success_plans WHERE account_id = ?");
    st.bind(1, accountId);
    domain::SuccessPlan p;
    p.accountId = accountId;
    if (st.step()) {
        p.startsOn = st.date(0);
        p.firstValueOn = st.date(1);
    }
    return p;
}

void PlanRepository::saveSuccessPlan(const domain::SuccessPlan &p)
{
    RawStatement &st = m_db.cachedRaw("INSERT INTO success_plans (account_id, starts_on, first_value_on, updated_at) VALUES (?, ?, ?, ?) "
                          "ON CONFLICT (account_id) DO UPDATE SET starts_on = excluded.starts_on, first_value_on = excluded.first_value_on, "
                          "updated_at = excluded.updated_at");
    st.bind(1, p.accountId);
    bindDate(st, 2, p.startsOn);
    bindDate(st, 3, p.firstValueOn);
    st.bind(4, nowText());
    st.run([] { return QStringLiteral("saving the success plan"); });
}

domain::RemediationPlan PlanRepository::remediationPlan(qint64 accountId)
{
    RawStatement st(m_db, "SELECT sponsor_id, root_cause, opened_on FROM remediation_plans WHERE account_id = ?");
    st.bind(1, accountId);
    domain::RemediationPlan p;
    p.accountId = accountId;
    if (st.step()) {
        p.sponsorId = st.int64(0);
        p.rootCause = st.text(1);
        p.openedOn = st.date(2);
    }
    return p;
}

void PlanRepository::saveRemediationPlan(const domain::RemediationPlan &p)
{
    RawStatement &st = m_db.cachedRaw("INSERT INTO remediation_plans (account_id, sponsor_id, root_cause, opened_on, updated_at) VALUES (?, ?, ?, ?, ?) "
                          "ON CONFLICT (account_id) DO UPDATE SET sponsor_id = excluded.sponsor_id, root_cause = excluded.root_cause, "
                          "opened_on = excluded.opened_on, updated_at = excluded.updated_at");
    st.bind(1, p.accountId);
    bindId(st, 2, p.sponsorId);
    st.bind(3, p.rootCause.trimmed());
    bindDate(st, 4, p.openedOn);
    st.bind(5, nowText());
    st.run([] { return QStringLiteral("saving the remediation plan"); });
}

// --- reviews ------------------------------------------------------------------------------

std::vector<PlanReview> PlanRepository::reviews(qint64 accountId)
{
    RawStatement st(m_db, "SELECT id, account_id, date, reviewer_id, note FROM plan_reviews WHERE account_id = ? ORDER BY date DESC, id DESC");
    st.bind(1, accountId);
    std::vector<PlanReview> out;
    while (st.step()) {
        PlanReview r;
        r.id = st.int64(0);
        r.accountId = st.int64(1);
        r.date = st.date(2);
        r.reviewerId = st.int64(3);
        r.note = st.text(4);
        out.push_back(r);
    }
    return out;
}

void PlanRepository::insertReviews(std::vector<PlanReview> &items)
{
    RawStatement &st = m_db.cachedRaw("INSERT INTO plan_reviews (id, account_id, date, reviewer_id, note, created_at) VALUES (?, ?, ?, ?, ?, ?)");
    const QString now = nowText();
    for (PlanReview &r : items) {
        bindId(st, 1, r.id);
        st.bind(2, r.accountId);
        bindDate(st, 3, r.date);
        bindId(st, 4, r.reviewerId);
        st.bind(5, r.note.trimmed());
        st.bind(6, now);
        st.run([&r] { return QStringLiteral("saving the review of %1").arg(r.date.toString(Qt::ISODate)); });
        r.id = st.lastInsertRowId();
    }
}

void PlanRepository::removeReview(qint64 id)
{
    removeById(m_db, "DELETE FROM plan_reviews WHERE id = ?", id, "review");
}

QDate PlanRepository::lastReviewed(qint64 accountId)
{
    RawStatement st(m_db, "SELECT max(date) FROM plan_reviews WHERE account_id = ?");
    st.bind(1, accountId);
    return st.step() ? st.date(0) : QDate();
}

QDate PlanRepository::noKnownRisksOn(qint64 accountId)
{
    RawStatement st(m_db, "SELECT no_known_risks_on FROM accounts WHERE id = ?");
    st.bind(1, accountId);
    return st.step() ? st.date(0) : QDate();
}

void PlanRepository::setNoKnownRisksOn(qint64 accountId, const QDate &date)
{
    RawStatement &st = m_db.cachedRaw("UPDATE accounts SET no_known_risks_on = ? WHERE id = ?");
    bindDate(st, 1, date);
    st.bind(2, accountId);
    st.run([] { return QStringLiteral("confirming no known risks"); });
}

// --- snapshots ----------------------------------------------------------------------------

namespace {
domain::PlanSnapshot snapshotFrom(const RawStatement &st, const QString &file)
{
    domain::PlanSnapshot s;
    s.id = st.int64(0);
    s.accountId = st.int64(1);
    s.label = st.text(2);
    s.takenAt = st.timestamp(3);
    auto sections = domain::parseSnapshotContent(st.text(4));
    if (!sections)
        throw StorageError(StorageError::Code::Corrupt, file, QStringLiteral("Snapshot '%1' in %2 cannot be read").arg(s.label, file));
    s.sections = std::move(*sections);
    return s;
}
} // namespace

std::vector<domain::PlanSnapshot> PlanRepository::snapshots(qint64 accountId)
{
    RawStatement st(m_db, "SELECT id, account_id, label, taken_at, content FROM plan_snapshots WHERE account_id = ? ORDER BY taken_at, id");
    st.bind(1, accountId);
    std::vector<domain::PlanSnapshot> out;
    while (st.step())
        out.push_back(snapshotFrom(st, m_db.path()));
    return out;
}

std::optional<domain::PlanSnapshot> PlanRepository::snapshot(qint64 accountId, const QString &label)
{
    RawStatement st(m_db, "SELECT id, account_id, label, taken_at, content FROM plan_snapshots WHERE account_id = ? AND label = ?");
    st.bind(1, accountId);
    st.bind(2, label.trimmed());
    if (!st.step())
        return std::nullopt;
    return snapshotFrom(st, m_db.path());
}

void PlanRepository::insertSnapshot(domain::PlanSnapshot &s)
{
    RawStatement &st = m_db.cachedRaw("INSERT INTO plan_snapshots (id, account_id, label, taken_at, content) VALUES (?, ?, ?, ?, ?)");
    bindId(st, 1, s.id);
    st.bind(2, s.accountId);
    st.bind(3, s.label.trimmed());
    st.bind(4, sql::fromTimestamp(s.takenAt));
    st.bind(5, domain::snapshotContentJson(s));
    st.run([&s] { return QStringLiteral("saving snapshot '%1'").arg(s.label); });
    s.id = st.lastInsertRowId();
}

void PlanRepository::removeSnapshot(qint64 id)
{
    removeById(m_db, "DELETE FROM plan_snapshots WHERE id = ?", id, "snapshot");
}

// --- the book -----------------------------------------------------------------------------

QHash<qint64, domain::PlanFacts> PlanRepository::allFacts(const QDate &today)
{
    QHash<qint64, domain::PlanFacts> facts;
    {
        RawStatement st(m_db, "SELECT id, no_known_risks_on, best_assessed_products FROM accounts");
        while (st.step()) {
            domain::PlanFacts &f = facts[st.int64(0)];
            f.noKnownRisksOn = st.date(1);
            f.bestAssessedProducts = int(st.int64(2));
        }
    }
    int products = 0;
    {
        RawStatement st(m_db, "SELECT count(*) FROM products");
        if (st.step())
            products = int(st.int64(0));
    }
    for (auto &f : facts)
        f.products = products;
    auto each = [&](const char *sql, auto apply, const std::function<void(RawStatement &)> &bind = {}) {
        RawStatement st(m_db, sql);
        if (bind)
            bind(st);
        while (st.step()) {
            const auto it = facts.find(st.int64(0));
            if (it != facts.end())
                apply(*it, st);
        }
    };
    each("SELECT account_id, count(*) FROM priorities GROUP BY account_id",
         [](domain::PlanFacts &f, RawStatement &st) { f.priorities = int(st.int64(1)); });
    each("SELECT account_id, count(*), max(role = 'economic_buyer') FROM contacts WHERE status = 'active' GROUP BY account_id",
         [](domain::PlanFacts &f, RawStatement &st) {
             f.activeContacts = int(st.int64(1));
             f.activeEconomicBuyer = st.int64(2) != 0;
         });
    each("SELECT account_id, count(*) FROM buying_centers GROUP BY account_id",
         [](domain::PlanFacts &f, RawStatement &st) { f.buyingCenters = int(st.int64(1)); });
    each("SELECT account_id, count(*), sum(owner_id IS NULL), sum(trim(mitigation) = '') FROM risks WHERE status <> 'closed' GROUP BY account_id",
         [](domain::PlanFacts &f, RawStatement &st) {
             f.openRisks = int(st.int64(1));
             f.openRisksWithoutOwner = int(st.int64(2));
             f.openRisksWithoutMitigation = int(st.int64(3));
         });
    each("SELECT account_id, sum(owner_id IS NOT NULL AND due IS NOT NULL), sum(due < ?1), sum(due < ?2) FROM plan_actions "
         "WHERE status = 'open' GROUP BY account_id",
         [](domain::PlanFacts &f, RawStatement &st) {
             f.readyOpenActions = int(st.int64(1));
             f.overdueActions = int(st.int64(2));
             f.actionsOverdueOver30 = int(st.int64(3));
         },
         [&today](RawStatement &st) {
             st.bind(1, sql::isoDate(today));
             st.bind(2, sql::isoDate(today.addDays(-30)));
         });
    each("SELECT account_id, max(date) FROM plan_reviews GROUP BY account_id",
         [](domain::PlanFacts &f, RawStatement &st) { f.lastReviewed = st.date(1); });
    return facts;
}

} // namespace keystone::storage
