// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/storage/planrepository.h"

#include "keystone/storage/database.h"
#include "keystone/storage/storageerror.h"
#include "rawstatement.h"
#include "sqlvalues.h"

#include <QUuid>

namespace keystone::storage {

using domain::PlanAction;
using domain::PlanReview;
using domain::Priority;
using domain::Risk;

namespace {

QString newUuid(const QString &uuid)
{
    return uuid.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : uuid;
}

std::optional<double> optReal(const RawStatement &st, int col)
{
    return st.isNull(col) ? std::nullopt : std::optional<double>(st.real(col));
}

// --- priorities
constexpr const char *kPriorityColumns = "id, uuid, account_id, position, text, metric, baseline, target, current, unit";

Priority priorityFrom(const RawStatement &st)
{
    Priority p;
    p.id = st.int64(0);
    p.uuid = st.text(1);
    p.accountId = st.int64(2);
    p.position = int(st.int64(3));
    p.text = st.text(4);
    p.metric = st.text(5);
    p.baseline = optReal(st, 6);
    p.target = optReal(st, 7);
    p.current = optReal(st, 8);
    p.unit = st.text(9);
    return p;
}

// account_id .. unit at first..first+7
void bindPriority(RawStatement &st, int first, const Priority &p)
{
    st.bind(first, p.accountId);
    st.bind(first + 1, qint64(p.position));
    st.bind(first + 2, p.text.trimmed());
    st.bind(first + 3, p.metric.trimmed());
    bindOptReal(st, first + 4, p.baseline);
    bindOptReal(st, first + 5, p.target);
    bindOptReal(st, first + 6, p.current);
    st.bind(first + 7, p.unit.trimmed());
}

// --- risks
constexpr const char *kRiskColumns = "id, uuid, account_id, description, severity, likelihood, mitigation, owner_id, status";

Risk riskFrom(const RawStatement &st)
{
    Risk r;
    r.id = st.int64(0);
    r.uuid = st.text(1);
    r.accountId = st.int64(2);
    r.description = st.text(3);
    r.severity = domain::parseRiskLevel(st.text(4)).value_or(domain::RiskLevel::Medium);
    r.likelihood = domain::parseRiskLevel(st.text(5)).value_or(domain::RiskLevel::Medium);
    r.mitigation = st.text(6);
    r.ownerId = st.int64(7);
    r.status = domain::parseRiskStatus(st.text(8)).value_or(domain::RiskStatus::Open);
    return r;
}

void bindRisk(RawStatement &st, int first, const Risk &r)
{
    st.bind(first, r.accountId);
    st.bind(first + 1, r.description.trimmed());
    st.bind(first + 2, domain::riskLevelKey(r.severity));
    st.bind(first + 3, domain::riskLevelKey(r.likelihood));
    st.bind(first + 4, r.mitigation.trimmed());
    bindId(st, first + 5, r.ownerId);
    st.bind(first + 6, domain::riskStatusKey(r.status));
}

// --- actions
constexpr const char *kActionColumns = "id, uuid, account_id, what, owner_id, due, status, done_on";

PlanAction actionFrom(const RawStatement &st)
{
    PlanAction a;
    a.id = st.int64(0);
    a.uuid = st.text(1);
    a.accountId = st.int64(2);
    a.what = st.text(3);
    a.ownerId = st.int64(4);
    a.due = st.date(5);
    a.status = domain::parseActionStatus(st.text(6)).value_or(domain::ActionStatus::Open);
    a.doneOn = st.date(7);
    return a;
}

void bindAction(RawStatement &st, int first, const PlanAction &a)
{
    st.bind(first, a.accountId);
    st.bind(first + 1, a.what.trimmed());
    bindId(st, first + 2, a.ownerId);
    bindDate(st, first + 3, a.due);
    st.bind(first + 4, domain::actionStatusKey(a.status));
    bindDate(st, first + 5, a.status == domain::ActionStatus::Done ? a.doneOn : QDate());
}

// --- value delivered
constexpr const char *kValueColumns = "id, uuid, account_id, metric, baseline, current, unit, impact_cents, date";

domain::ValueDelivered valueFrom(const RawStatement &st)
{
    domain::ValueDelivered v;
    v.id = st.int64(0);
    v.uuid = st.text(1);
    v.accountId = st.int64(2);
    v.metric = st.text(3);
    v.baseline = optReal(st, 4);
    v.current = optReal(st, 5);
    v.unit = st.text(6);
    v.impactCents = st.int64(7);
    v.date = st.date(8);
    return v;
}

void bindValue(RawStatement &st, int first, const domain::ValueDelivered &v)
{
    st.bind(first, v.accountId);
    st.bind(first + 1, v.metric.trimmed());
    bindOptReal(st, first + 2, v.baseline);
    bindOptReal(st, first + 3, v.current);
    st.bind(first + 4, v.unit.trimmed());
    st.bind(first + 5, v.impactCents);
    bindDate(st, first + 6, v.date);
}

template<typename T, typename From>
std::vector<T> readAll(Database &db, const QString &sql, qint64 param, From from)
{
    const QByteArray utf8 = sql.toUtf8();
    RawStatement st(db, utf8.constData());
    st.bind(1, param);
    std::vector<T> out;
    while (st.step())
        out.push_back(from(st));
    return out;
}

template<typename T, typename From>
std::optional<T> readOne(Database &db, const char *columns, const char *table, qint64 id, From from)
{
    auto rows = readAll<T>(db, QStringLiteral("SELECT %1 FROM %2 WHERE id = ?").arg(QLatin1String(columns), QLatin1String(table)), id, from);
    return rows.empty() ? std::nullopt : std::optional<T>(rows.front());
}

void removeById(Database &db, const char *sql, qint64 id, const char *what)
{
    RawStatement st(db, sql);
    st.bind(1, id);
    st.run([id, what] { return QStringLiteral("deleting %1 %2").arg(QLatin1String(what)).arg(id); });
}

} // namespace

// --- priorities ---------------------------------------------------------------------------

std::vector<Priority> PlanRepository::priorities(qint64 accountId)
{
    return readAll<Priority>(m_db, QStringLiteral("SELECT %1 FROM priorities WHERE account_id = ? ORDER BY position, id").arg(QLatin1String(kPriorityColumns)),
                             accountId, priorityFrom);
}

std::optional<Priority> PlanRepository::priority(qint64 id)
{
    return readOne<Priority>(m_db, kPriorityColumns, "priorities", id, priorityFrom);
}

void PlanRepository::insertPriorities(std::vector<Priority> &items)
{
    RawStatement st(m_db, "INSERT INTO priorities (id, uuid, account_id, position, text, metric, baseline, target, current, unit, "
                          "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const QString now = nowText();
    for (Priority &p : items) {
        p.uuid = newUuid(p.uuid);
        bindId(st, 1, p.id);
        st.bind(2, p.uuid);
        bindPriority(st, 3, p);
        st.bind(11, now);
        st.bind(12, now);
        st.run([&p] { return QStringLiteral("saving priority '%1'").arg(p.text.left(40)); });
        p.id = st.lastInsertRowId();
    }
}

void PlanRepository::updatePriority(const Priority &p)
{
    RawStatement st(m_db, "UPDATE priorities SET account_id = ?, position = ?, text = ?, metric = ?, baseline = ?, target = ?, current = ?, "
                          "unit = ?, updated_at = ? WHERE id = ?");
    bindPriority(st, 1, p);
    st.bind(9, nowText());
    st.bind(10, p.id);
    st.run([&p] { return QStringLiteral("saving priority '%1'").arg(p.text.left(40)); });
}

void PlanRepository::removePriority(qint64 id)
{
    removeById(m_db, "DELETE FROM priorities WHERE id = ?", id, "priority");
}

// --- risks --------------------------------------------------------------------------------

std::vector<Risk> PlanRepository::risks(qint64 accountId)
{
    return readAll<Risk>(m_db,
                         QStringLiteral("SELECT %1 FROM risks WHERE account_id = ? ORDER BY status = 'closed', "
                                        "CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, id")
                             .arg(QLatin1String(kRiskColumns)),
                         accountId, riskFrom);
}

std::optional<Risk> PlanRepository::risk(qint64 id)
{
    return readOne<Risk>(m_db, kRiskColumns, "risks", id, riskFrom);
}

void PlanRepository::insertRisks(std::vector<Risk> &items)
{
    RawStatement st(m_db, "INSERT INTO risks (id, uuid, account_id, description, severity, likelihood, mitigation, owner_id, status, "
                          "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const QString now = nowText();
    for (Risk &r : items) {
        r.uuid = newUuid(r.uuid);
        bindId(st, 1, r.id);
        st.bind(2, r.uuid);
        bindRisk(st, 3, r);
        st.bind(10, now);
        st.bind(11, now);
        st.run([&r] { return QStringLiteral("saving risk '%1'").arg(r.description.left(40)); });
        r.id = st.lastInsertRowId();
    }
}

void PlanRepository::updateRisk(const Risk &r)
{
    RawStatement st(m_db, "UPDATE risks SET account_id = ?, description = ?, severity = ?, likelihood = ?, mitigation = ?, owner_id = ?, "
                          "status = ?, updated_at = ? WHERE id = ?");
    bindRisk(st, 1, r);
    st.bind(8, nowText());
    st.bind(9, r.id);
    st.run([&r] { return QStringLiteral("saving risk '%1'").arg(r.description.left(40)); });
}

void PlanRepository::removeRisk(qint64 id)
{
    removeById(m_db, "DELETE FROM risks WHERE id = ?", id, "risk");
}

// --- actions ------------------------------------------------------------------------------

std::vector<PlanAction> PlanRepository::actions(qint64 accountId)
{
    return readAll<PlanAction>(m_db,
                               QStringLiteral("SELECT %1 FROM plan_actions WHERE account_id = ? ORDER BY status <> 'open', due IS NULL, due, id")
                                   .arg(QLatin1String(kActionColumns)),
                               accountId, actionFrom);
}

std::optional<PlanAction> PlanRepository::action(qint64 id)
{
    return readOne<PlanAction>(m_db, kActionColumns, "plan_actions", id, actionFrom);
}

void PlanRepository::insertActions(std::vector<PlanAction> &items)
{
    RawStatement st(m_db, "INSERT INTO plan_actions (id, uuid, account_id, what, owner_id, due, status, done_on, created_at, updated_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const QString now = nowText();
    for (PlanAction &a : items) {
        a.uuid = newUuid(a.uuid);
        bindId(st, 1, a.id);
        st.bind(2, a.uuid);
        bindAction(st, 3, a);
        st.bind(9, now);
        st.bind(10, now);
        st.run([&a] { return QStringLiteral("saving action '%1'").arg(a.what.left(40)); });
        a.id = st.lastInsertRowId();
    }
}

void PlanRepository::updateAction(const PlanAction &a)
{
    RawStatement st(m_db, "UPDATE plan_actions SET account_id = ?, what = ?, owner_id = ?, due = ?, status = ?, done_on = ?, updated_at = ? "
                          "WHERE id = ?");
    bindAction(st, 1, a);
    st.bind(7, nowText());
    st.bind(8, a.id);
    st.run([&a] { return QStringLiteral("saving action '%1'").arg(a.what.left(40)); });
}

void PlanRepository::removeAction(qint64 id)
{
    removeById(m_db, "DELETE FROM plan_actions WHERE id = ?", id, "action");
}

// --- value delivered ----------------------------------------------------------------------

std::vector<domain::ValueDelivered> PlanRepository::values(qint64 accountId)
{
    return readAll<domain::ValueDelivered>(
        m_db, QStringLiteral("SELECT %1 FROM value_delivered WHERE account_id = ? ORDER BY date DESC, id DESC").arg(QLatin1String(kValueColumns)),
        accountId, valueFrom);
}

std::optional<domain::ValueDelivered> PlanRepository::value(qint64 id)
{
    return readOne<domain::ValueDelivered>(m_db, kValueColumns, "value_delivered", id, valueFrom);
}

void PlanRepository::insertValues(std::vector<domain::ValueDelivered> &items)
{
    RawStatement st(m_db, "INSERT INTO value_delivered (id, uuid, account_id, metric, baseline, current, unit, impact_cents, date, created_at, "
                          "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const QString now = nowText();
    for (domain::ValueDelivered &v : items) {
        v.uuid = newUuid(v.uuid);
        bindId(st, 1, v.id);
        st.bind(2, v.uuid);
        bindValue(st, 3, v);
        st.bind(10, now);
        st.bind(11, now);
        st.run([&v] { return QStringLiteral("saving value delivered '%1'").arg(v.metric.left(40)); });
        v.id = st.lastInsertRowId();
    }
}

void PlanRepository::updateValue(const domain::ValueDelivered &v)
{
    RawStatement st(m_db, "UPDATE value_delivered SET account_id = ?, metric = ?, baseline = ?, current = ?, unit = ?, impact_cents = ?, date = ?, "
                          "updated_at = ? WHERE id = ?");
    bindValue(st, 1, v);
    st.bind(8, nowText());
    st.bind(9, v.id);
    st.run([&v] { return QStringLiteral("saving value delivered '%1'").arg(v.metric.left(40)); });
}

void PlanRepository::removeValue(qint64 id)
{
    removeById(m_db, "DELETE FROM value_delivered WHERE id = ?", id, "value delivered");
}

// --- advocacy -----------------------------------------------------------------------------

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
    RawStatement st(m_db, "INSERT INTO advocacy (account_id, case_study, advisory_board, updated_at) VALUES (?, ?, ?, ?) "
                          "ON CONFLICT (account_id) DO UPDATE SET case_study = excluded.case_study, advisory_board = excluded.advisory_board, "
                          "updated_at = excluded.updated_at");
    st.bind(1, a.accountId);
    st.bind(2, domain::caseStudyStatusKey(a.caseStudy));
    st.bind(3, qint64(a.advisoryBoard ? 1 : 0));
    st.bind(4, nowText());
    st.run([] { return QStringLiteral("saving advocacy"); });
}

namespace {
domain::ReferenceRequest requestFrom(const RawStatement &st)
{
    domain::ReferenceRequest r;
    r.id = st.int64(0);
    r.uuid = st.text(1);
    r.accountId = st.int64(2);
    r.contactId = st.int64(3);
    r.date = st.date(4);
    r.purpose = st.text(5);
    return r;
}
constexpr const char *kRequestColumns = "id, uuid, account_id, contact_id, date, purpose";
} // namespace

std::vector<domain::ReferenceRequest> PlanRepository::referenceRequests(qint64 accountId)
{
    return readAll<domain::ReferenceRequest>(
        m_db, QStringLiteral("SELECT %1 FROM reference_requests WHERE account_id = ? ORDER BY date DESC, id DESC").arg(QLatin1String(kRequestColumns)),
        accountId, requestFrom);
}

std::optional<domain::ReferenceRequest> PlanRepository::referenceRequest(qint64 id)
{
    return readOne<domain::ReferenceRequest>(m_db, kRequestColumns, "reference_requests", id, requestFrom);
}

void PlanRepository::insertReferenceRequests(std::vector<domain::ReferenceRequest> &items)
{
    RawStatement st(m_db, "INSERT INTO reference_requests (id, uuid, account_id, contact_id, date, purpose, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    const QString now = nowText();
    for (domain::ReferenceRequest &r : items) {
        r.uuid = newUuid(r.uuid);
        bindId(st, 1, r.id);
        st.bind(2, r.uuid);
        st.bind(3, r.accountId);
        st.bind(4, r.contactId);
        bindDate(st, 5, r.date);
        st.bind(6, r.purpose.trimmed());
        st.bind(7, now);
        st.run([&r] { return QStringLiteral("saving the reference request of %1").arg(r.date.toString(Qt::ISODate)); });
        r.id = st.lastInsertRowId();
    }
}

void PlanRepository::removeReferenceRequest(qint64 id)
{
    removeById(m_db, "DELETE FROM reference_requests WHERE id = ?", id, "reference request");
}

// --- reviews ------------------------------------------------------------------------------

std::vector<PlanReview> PlanRepository::reviews(qint64 accountId)
{
    return readAll<PlanReview>(m_db,
                               QStringLiteral("SELECT id, account_id, date, reviewer_id, note FROM plan_reviews WHERE account_id = ? "
                                              "ORDER BY date DESC, id DESC"),
                               accountId, [](const RawStatement &st) {
                                   PlanReview r;
                                   r.id = st.int64(0);
                                   r.accountId = st.int64(1);
                                   r.date = st.date(2);
                                   r.reviewerId = st.int64(3);
                                   r.note = st.text(4);
                                   return r;
                               });
}

void PlanRepository::insertReviews(std::vector<PlanReview> &items)
{
    RawStatement st(m_db, "INSERT INTO plan_reviews (id, account_id, date, reviewer_id, note, created_at) VALUES (?, ?, ?, ?, ?, ?)");
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
    RawStatement st(m_db, "UPDATE accounts SET no_known_risks_on = ? WHERE id = ?");
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
    RawStatement st(m_db, "INSERT INTO plan_snapshots (id, account_id, label, taken_at, content) VALUES (?, ?, ?, ?, ?)");
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
