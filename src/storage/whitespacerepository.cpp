// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/storage/whitespacerepository.h"

#include "keystone/domain/validation.h"
#include "keystone/storage/database.h"
#include "rawstatement.h"
#include "sqlvalues.h"

#include <QSqlQuery>
#include <QStringList>
#include <QUuid>

namespace keystone::storage {

using domain::BuyingCenter;
using domain::Product;
using domain::WhitespaceCell;

namespace {

QString basisKey(domain::PricingBasis b)
{
    return domain::pricingBasisName(b).toLower().replace(QLatin1Char(' '), QLatin1Char('_'));
}

QVariant idOrNull(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

const QString kProductColumns = QStringLiteral("id, uuid, name, family, basis, list_price_cents");
const QString kCenterColumns = QStringLiteral("id, uuid, account_id, name, kind, size");
const QString kCellColumns = QStringLiteral(
    "id, account_id, buying_center_id, product_id, status, current_arr_cents, potential_arr_cents, competitor, note, opportunity_id");

Product productFrom(const QSqlQuery &q)
{
    Product p;
    p.id = q.value(0).toLongLong();
    p.uuid = q.value(1).toString();
    p.name = q.value(2).toString();
    p.family = q.value(3).toString();
    p.basis = domain::parsePricingBasis(q.value(4).toString()).value_or(domain::PricingBasis::Flat);
    p.listPriceCents = q.value(5).toLongLong();
    return p;
}

BuyingCenter centerFrom(const QSqlQuery &q)
{
    BuyingCenter c;
    c.id = q.value(0).toLongLong();
    c.uuid = q.value(1).toString();
    c.accountId = q.value(2).toLongLong();
    c.name = q.value(3).toString();
    c.kind = domain::parseBuyingCenterKind(q.value(4).toString()).value_or(domain::BuyingCenterKind::Division);
    c.size = q.value(5).toInt();
    return c;
}

WhitespaceCell cellFrom(const QSqlQuery &q)
{
    WhitespaceCell c;
    c.id = q.value(0).toLongLong();
    c.accountId = q.value(1).toLongLong();
    c.buyingCenterId = q.value(2).toLongLong();
    c.productId = q.value(3).toLongLong();
    c.status = domain::parseCellStatus(q.value(4).toString()).value_or(domain::CellStatus::Whitespace);
    c.currentArrCents = q.value(5).toLongLong();
    c.potentialArrCents = q.value(6).toLongLong();
    c.competitor = q.value(7).toString();
    c.note = q.value(8).toString();
    c.opportunityId = q.value(9).toLongLong();
    return c;
}

template<typename T, typename F>
std::vector<T> collect(Database &db, QSqlQuery &q, const QString &context, F from)
{
    db.execPrepared(q, context);
    std::vector<T> out;
    while (q.next())
        out.push_back(from(q));
    q.finish();
    return out;
}

} // namespace

// --- products ---------------------------------------------------------------------------

std::vector<Product> WhitespaceRepository::products()
{
    QSqlQuery &q = m_db.statement(QStringLiteral("SELECT %1 FROM products ORDER BY family COLLATE NOCASE, name COLLATE NOCASE").arg(kProductColumns));
    return collect<Product>(m_db, q, QStringLiteral("loading the product catalog"), productFrom);
}

std::optional<Product> WhitespaceRepository::productById(qint64 id)
{
    QSqlQuery &q = m_db.statement(QStringLiteral("SELECT %1 FROM products WHERE id = ?").arg(kProductColumns));
    q.addBindValue(id);
    auto v = collect<Product>(m_db, q, QStringLiteral("reading product %1").arg(id), productFrom);
    return v.empty() ? std::nullopt : std::optional<Product>(v.front());
}

std::optional<Product> WhitespaceRepository::productByName(const QString &name)
{
    QSqlQuery &q = m_db.statement(QStringLiteral("SELECT %1 FROM products WHERE name_key = ?").arg(kProductColumns));
    q.addBindValue(domain::nameKey(name));
    auto v = collect<Product>(m_db, q, QStringLiteral("finding product '%1'").arg(name), productFrom);
    return v.empty() ? std::nullopt : std::optional<Product>(v.front());
}

void WhitespaceRepository::insertProduct(Product &p)
{
    if (p.uuid.isEmpty())
        p.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlQuery &q = m_db.statement(QStringLiteral(
        "INSERT INTO products (id, uuid, name, name_key, family, basis, list_price_cents) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(idOrNull(p.id));
    q.addBindValue(p.uuid);
    q.addBindValue(p.name.simplified());
    q.addBindValue(domain::nameKey(p.name));
    q.addBindValue(sql::text(p.family));
    q.addBindValue(basisKey(p.basis));
    q.addBindValue(p.listPriceCents);
    m_db.execPrepared(q, QStringLiteral("saving product '%1'").arg(p.name));
    p.id = q.lastInsertId().toLongLong();
    q.finish();
}

void WhitespaceRepository::updateProduct(const Product &p)
{
    QSqlQuery &q = m_db.statement(QStringLiteral(
        "UPDATE products SET name = ?, name_key = ?, family = ?, basis = ?, list_price_cents = ? WHERE id = ?"));
    q.addBindValue(p.name.simplified());
    q.addBindValue(domain::nameKey(p.name));
    q.addBindValue(sql::text(p.family));
    q.addBindValue(basisKey(p.basis));
    q.addBindValue(p.listPriceCents);
    q.addBindValue(p.id);
    m_db.execPrepared(q, QStringLiteral("saving product '%1'").arg(p.name));
    q.finish();
}

void WhitespaceRepository::removeProduct(qint64 id)
{
    QSqlQuery &q = m_db.statement(QStringLiteral("DELETE FROM products WHERE id = ?"));
    q.addBindValue(id);
    m_db.execPrepared(q, QStringLiteral("deleting product %1").arg(id));
    q.finish();
}

// --- buying centers ---------------------------------------------------------------------

std::vector<BuyingCenter> WhitespaceRepository::buyingCenters(qint64 accountId)
{
    QSqlQuery &q = m_db.statement(QStringLiteral("SELECT %1 FROM buying_centers WHERE account_id = ? ORDER BY name COLLATE NOCASE").arg(kCenterColumns));
    q.addBindValue(accountId);
    return collect<BuyingCenter>(m_db, q, QStringLiteral("loading buying centers"), centerFrom);
}

std::vector<BuyingCenter> WhitespaceRepository::buyingCentersOf(const QList<qint64> &accountIds)
{
    QSqlQuery &q = m_db.statement(QStringLiteral(
        "SELECT %1 FROM buying_centers WHERE account_id IN (SELECT value FROM json_each(?)) ORDER BY id").arg(kCenterColumns));
    q.addBindValue(idList(accountIds));
    return collect<BuyingCenter>(m_db, q, QStringLiteral("loading buying centers"), centerFrom);
}

std::optional<BuyingCenter> WhitespaceRepository::buyingCenterById(qint64 id)
{
    QSqlQuery &q = m_db.statement(QStringLiteral("SELECT %1 FROM buying_centers WHERE id = ?").arg(kCenterColumns));
    q.addBindValue(id);
    auto v = collect<BuyingCenter>(m_db, q, QStringLiteral("reading buying center %1").arg(id), centerFrom);
    return v.empty() ? std::nullopt : std::optional<BuyingCenter>(v.front());
}

void WhitespaceRepository::insertBuyingCenter(BuyingCenter &c)
{
    if (c.uuid.isEmpty())
        c.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlQuery &q = m_db.statement(QStringLiteral(
        "INSERT INTO buying_centers (id, uuid, account_id, name, kind, size) VALUES (?, ?, ?, ?, ?, ?)"));
    q.addBindValue(idOrNull(c.id));
    q.addBindValue(c.uuid);
    q.addBindValue(c.accountId);
    q.addBindValue(c.name.simplified());
    q.addBindValue(domain::buyingCenterKindName(c.kind).toLower());
    q.addBindValue(c.size);
    m_db.execPrepared(q, QStringLiteral("saving buying center '%1'").arg(c.name));
    c.id = q.lastInsertId().toLongLong();
    q.finish();
}

void WhitespaceRepository::updateBuyingCenter(const BuyingCenter &c)
{
    QSqlQuery &q = m_db.statement(QStringLiteral("UPDATE buying_centers SET name = ?, kind = ?, size = ? WHERE id = ?"));
    q.addBindValue(c.name.simplified());
    q.addBindValue(domain::buyingCenterKindName(c.kind).toLower());
    q.addBindValue(c.size);
    q.addBindValue(c.id);
    m_db.execPrepared(q, QStringLiteral("saving buying center '%1'").arg(c.name));
    q.finish();
}

void WhitespaceRepository::removeBuyingCenter(qint64 id)
{
    QSqlQuery &q = m_db.statement(QStringLiteral("DELETE FROM buying_centers WHERE id = ?"));
    q.addBindValue(id);
    m_db.execPrepared(q, QStringLiteral("deleting buying center %1").arg(id));
    q.finish();
}

// --- cells ------------------------------------------------------------------------------

std::vector<WhitespaceCell> WhitespaceRepository::cells(qint64 accountId)
{
    QSqlQuery &q = m_db.statement(QStringLiteral("SELECT %1 FROM whitespace_cells WHERE account_id = ? ORDER BY id").arg(kCellColumns));
    q.addBindValue(accountId);
    return collect<WhitespaceCell>(m_db, q, QStringLiteral("loading whitespace"), cellFrom);
}

std::vector<WhitespaceCell> WhitespaceRepository::cellsOf(const QList<qint64> &accountIds)
{
    QSqlQuery &q = m_db.statement(QStringLiteral(
        "SELECT %1 FROM whitespace_cells WHERE account_id IN (SELECT value FROM json_each(?)) ORDER BY id").arg(kCellColumns));
    q.addBindValue(idList(accountIds));
    return collect<WhitespaceCell>(m_db, q, QStringLiteral("loading whitespace"), cellFrom);
}

std::vector<WhitespaceCell> WhitespaceRepository::cellsOfProduct(qint64 productId)
{
    QSqlQuery &q = m_db.statement(QStringLiteral("SELECT %1 FROM whitespace_cells WHERE product_id = ? ORDER BY id").arg(kCellColumns));
    q.addBindValue(productId);
    return collect<WhitespaceCell>(m_db, q, QStringLiteral("loading the cells of product %1").arg(productId), cellFrom);
}

std::vector<WhitespaceCell> WhitespaceRepository::allCells()
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT %1 FROM whitespace_cells ORDER BY id").arg(kCellColumns)))
        throwQueryError(q, m_db.path(), QStringLiteral("loading all whitespace"));
    std::vector<WhitespaceCell> out;
    while (q.next())
        out.push_back(cellFrom(q));
    return out;
}

std::optional<WhitespaceCell> WhitespaceRepository::cellAt(qint64 buyingCenterId, qint64 productId)
{
    QSqlQuery &q = m_db.statement(QStringLiteral("SELECT %1 FROM whitespace_cells WHERE buying_center_id = ? AND product_id = ?").arg(kCellColumns));
    q.addBindValue(buyingCenterId);
    q.addBindValue(productId);
    auto v = collect<WhitespaceCell>(m_db, q, QStringLiteral("reading a whitespace cell"), cellFrom);
    return v.empty() ? std::nullopt : std::optional<WhitespaceCell>(v.front());
}

std::optional<WhitespaceCell> WhitespaceRepository::cellById(qint64 id)
{
    QSqlQuery &q = m_db.statement(QStringLiteral("SELECT %1 FROM whitespace_cells WHERE id = ?").arg(kCellColumns));
    q.addBindValue(id);
    auto v = collect<WhitespaceCell>(m_db, q, QStringLiteral("reading whitespace cell %1").arg(id), cellFrom);
    return v.empty() ? std::nullopt : std::optional<WhitespaceCell>(v.front());
}

void WhitespaceRepository::insertCell(WhitespaceCell &c)
{
    QSqlQuery &q = m_db.statement(QStringLiteral(
        "INSERT INTO whitespace_cells (id, account_id, buying_center_id, product_id, status, current_arr_cents, "
        "potential_arr_cents, competitor, note, opportunity_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(idOrNull(c.id));
    q.addBindValue(c.accountId);
    q.addBindValue(c.buyingCenterId);
    q.addBindValue(c.productId);
    q.addBindValue(domain::cellStatusKey(c.status));
    q.addBindValue(c.currentArrCents);
    q.addBindValue(c.potentialArrCents);
    q.addBindValue(sql::text(c.competitor));
    q.addBindValue(sql::text(c.note));
    q.addBindValue(idOrNull(c.opportunityId));
    m_db.execPrepared(q, QStringLiteral("saving a whitespace cell"));
    c.id = q.lastInsertId().toLongLong();
    q.finish();
}

void WhitespaceRepository::insertCells(std::vector<WhitespaceCell> &cells)
{
    RawStatement &st = m_db.cachedRaw("INSERT INTO whitespace_cells (account_id, buying_center_id, product_id, status, current_arr_cents, "
                          "potential_arr_cents, competitor, note, opportunity_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (WhitespaceCell &c : cells) {
        st.bind(1, c.accountId);
        st.bind(2, c.buyingCenterId);
        st.bind(3, c.productId);
        st.bind(4, domain::cellStatusKey(c.status));
        st.bind(5, c.currentArrCents);
        st.bind(6, c.potentialArrCents);
        st.bind(7, sql::text(c.competitor));
        st.bind(8, sql::text(c.note));
        if (c.opportunityId > 0)
            st.bind(9, c.opportunityId);
        else
            st.bindNull(9);
        st.run([] { return QStringLiteral("saving whitespace cells"); });
        c.id = st.lastInsertRowId();
    }
}

void WhitespaceRepository::updateCell(const WhitespaceCell &c)
{
    QSqlQuery &q = m_db.statement(QStringLiteral(
        "UPDATE whitespace_cells SET status = ?, current_arr_cents = ?, potential_arr_cents = ?, competitor = ?, note = ?, "
        "opportunity_id = ? WHERE id = ?"));
    q.addBindValue(domain::cellStatusKey(c.status));
    q.addBindValue(c.currentArrCents);
    q.addBindValue(c.potentialArrCents);
    q.addBindValue(sql::text(c.competitor));
    q.addBindValue(sql::text(c.note));
    q.addBindValue(idOrNull(c.opportunityId));
    q.addBindValue(c.id);
    m_db.execPrepared(q, QStringLiteral("saving a whitespace cell"));
    q.finish();
}

void WhitespaceRepository::removeCell(qint64 id)
{
    QSqlQuery &q = m_db.statement(QStringLiteral("DELETE FROM whitespace_cells WHERE id = ?"));
    q.addBindValue(id);
    m_db.execPrepared(q, QStringLiteral("deleting whitespace cell %1").arg(id));
    q.finish();
}

std::vector<WhitespaceRepository::OpenEntry> WhitespaceRepository::openWhitespaceEntries()
{
    RawStatement st(m_db, "SELECT account_id, product_id, sum(potential_arr_cents) FROM whitespace_cells "
                          "WHERE status IN ('whitespace', 'competitor') GROUP BY account_id, product_id");
    std::vector<OpenEntry> out;
    while (st.step())
        out.push_back({st.int64(0), st.int64(1), st.int64(2)});
    return out;
}

} // namespace keystone::storage
