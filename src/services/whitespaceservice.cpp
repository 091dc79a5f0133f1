// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/whitespaceservice.h"

#include "refusal.h"

#include "keystone/domain/validation.h"
#include "keystone/services/accountoverview.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/validationerror.h"
#include "keystone/storage/storageerror.h"
#include "keystone/storage/transaction.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace keystone::services {

using domain::BuyingCenter;
using domain::Opportunity;
using domain::Product;
using domain::WhitespaceCell;

namespace {
QList<qint64> accountsOf(const std::vector<WhitespaceCell> &cells)
{
    QSet<qint64> ids;
    for (const WhitespaceCell &c : cells)
        ids.insert(c.accountId);
    return QList<qint64>(ids.begin(), ids.end());
}

} // namespace

qint64 WhitespaceMatrix::rowTotal(size_t group) const
{
    qint64 sum = 0;
    for (qint64 v : openCents[group])
        sum += v;
    return sum;
}

qint64 WhitespaceMatrix::columnTotal(size_t product) const
{
    qint64 sum = 0;
    for (const auto &row : openCents)
        sum += row[product];
    return sum;
}

QString noIndustryLabel()
{
    return QStringLiteral("(no industry)");
}

WhitespaceMatrix groupOpenWhitespace(std::vector<Product> products, const std::vector<OpenWhitespaceEntry> &entries,
                                     const std::function<QString(qint64)> &groupOf, const std::vector<QString> &fixedGroups)
{
    WhitespaceMatrix m;
    m.products = std::move(products);
    QHash<qint64, size_t> column;
    for (size_t i = 0; i < m.products.size(); ++i)
        column.insert(m.products[i].id, i);
    QHash<QString, size_t> row;
    auto rowFor = [&](const QString &g) {
        auto it = row.constFind(g);
        if (it != row.constEnd())
            return *it;
        row.insert(g, m.groups.size());
        m.groups.push_back(g);
        m.openCents.emplace_back(m.products.size(), 0);
        m.accounts.emplace_back(m.products.size(), 0);
        return m.groups.size() - 1;
    };
    for (const QString &g : fixedGroups)
        rowFor(g);
    // Entries come sorted by account, so one lookup of the group per account.
    qint64 lastAccount = -1;
    QString group;
    for (const OpenWhitespaceEntry &e : entries) {
        if (e.accountId != lastAccount) {
            lastAccount = e.accountId;
            group = groupOf(e.accountId);
        }
        const auto c = column.constFind(e.productId);
        if (group.isEmpty() || c == column.constEnd() || e.openCents <= 0)
            continue;
        const size_t r = rowFor(group);
        m.openCents[r][*c] += e.openCents;
        m.accounts[r][*c] += 1;
        m.totalCents += e.openCents;
    }
    // Groups beyond the fixed ones by open whitespace, largest first: where the money is.
    const size_t fixed = fixedGroups.size();
    std::vector<size_t> order(m.groups.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::vector<qint64> sums(m.groups.size());
    for (size_t r = 0; r < sums.size(); ++r)
        sums[r] = m.rowTotal(r);
    std::stable_sort(order.begin() + qsizetype(fixed), order.end(), [&](size_t a, size_t b) { return sums[a] > sums[b]; });
    WhitespaceMatrix sorted;
    sorted.products = std::move(m.products);
    sorted.totalCents = m.totalCents;
    for (size_t r : order) {
        sorted.groups.push_back(std::move(m.groups[r]));
        sorted.openCents.push_back(std::move(m.openCents[r]));
        sorted.accounts.push_back(std::move(m.accounts[r]));
    }
    return sorted;
}

WhitespaceMatrix portfolioWhitespace(Portfolio &portfolio, WhitespaceGrouping grouping)
{
    const auto entries = portfolio.whitespace().openWhitespaceEntries();
    QHash<qint64, QString> groupOf;
    std::vector<QString> fixed;
    if (grouping == WhitespaceGrouping::Industry) {
        for (const auto &[id, industry] : portfolio.accounts().industries())
            groupOf.insert(id, industry.isEmpty() ? noIndustryLabel() : industry);
    } else {
        for (int t = 1; t <= 3; ++t)
            fixed.push_back(domain::tierName(domain::Tier(t)));
        for (const AccountRow &r : loadAccountOverview(portfolio).rows)
            groupOf.insert(r.account.id, domain::tierName(r.tier));
    }
    return groupOpenWhitespace(portfolio.whitespace().products(), entries, [&](qint64 id) { return groupOf.value(id); }, fixed);
}

// --- catalog ------------------------------------------------------------------------------

Product WhitespaceService::createProduct(Product draft)
{
    draft.name = domain::cleanName(draft.name);
    const QString subject = QStringLiteral("Product '%1'").arg(draft.name.simplified());
    if (draft.name.simplified().isEmpty())
        refuse(QStringLiteral("Product"), QStringLiteral("name"), QStringLiteral("Name is required"));
    if (draft.listPriceCents < 0)
        refuse(subject, QStringLiteral("list_price"), QStringLiteral("List price must not be negative"));
    storage::Transaction tx(m_portfolio.database());
    if (m_portfolio.whitespace().productByName(draft.name))
        refuse(subject, QStringLiteral("name"), QStringLiteral("A product with this name already exists"));
    draft.id = 0;
    m_portfolio.whitespace().insertProduct(draft);
    tx.commit();
    Q_EMIT m_portfolio.catalogChanged();
    return draft;
}

void WhitespaceService::updateProduct(const Product &edited)
{
    Product product = edited;
    product.name = domain::cleanName(product.name);
    const QString subject = QStringLiteral("Product '%1'").arg(product.name.simplified());
    if (product.name.simplified().isEmpty())
        refuse(QStringLiteral("Product"), QStringLiteral("name"), QStringLiteral("Name is required"));
    if (product.listPriceCents < 0)
        refuse(subject, QStringLiteral("list_price"), QStringLiteral("List price must not be negative"));
    storage::Transaction tx(m_portfolio.database());
    const auto other = m_portfolio.whitespace().productByName(product.name);
    if (other && other->id != product.id)
        refuse(subject, QStringLiteral("name"), QStringLiteral("A product with this name already exists"));
    m_portfolio.whitespace().updateProduct(product);
    tx.commit();
    Q_EMIT m_portfolio.catalogChanged();
}

WhitespaceService::ProductUsage WhitespaceService::productUsage(qint64 productId)
{
    ProductUsage u;
    QSet<qint64> accounts;
    for (const WhitespaceCell &c : m_portfolio.whitespace().cellsOfProduct(productId)) {
        ++u.cells;
        accounts.insert(c.accountId);
        if (c.opportunityId > 0)
            ++u.linkedOpportunities;
        if (c.status == domain::CellStatus::Owned)
            u.ownedArrCents += c.currentArrCents;
        u.openWhitespaceCents += domain::openWhitespaceOf(c);
    }
    u.accounts = int(accounts.size());
    return u;
}

WhitespaceService::RemovedProduct WhitespaceService::removeProduct(qint64 productId)
{
    storage::Transaction tx(m_portfolio.database());
    const auto product = m_portfolio.whitespace().productById(productId);
    if (!product)
        missing(m_portfolio, QStringLiteral("Product %1").arg(productId));
    RemovedProduct removed{*product, m_portfolio.whitespace().cellsOfProduct(productId)};
    m_portfolio.whitespace().removeProduct(productId); // cells cascade; opportunities stay, unlinked
    m_portfolio.accounts().refreshExpansionTotals(accountsOf(removed.cells));
    tx.commit();
    Q_EMIT m_portfolio.catalogChanged();
    return removed;
}

void WhitespaceService::restoreProduct(const RemovedProduct &removed)
{
    storage::Transaction tx(m_portfolio.database());
    Product p = removed.product;
    m_portfolio.whitespace().insertProduct(p);
    for (WhitespaceCell c : removed.cells) {
        if (c.opportunityId > 0 && !m_portfolio.opportunities().byId(c.opportunityId))
            c.opportunityId = 0;
        if (m_portfolio.whitespace().buyingCenterById(c.buyingCenterId))
            m_portfolio.whitespace().insertCell(c);
    }
    m_portfolio.accounts().refreshExpansionTotals(accountsOf(removed.cells));
    tx.commit();
    Q_EMIT m_portfolio.catalogChanged();
}

// --- buying centers -----------------------------------------------------------------------

BuyingCenter WhitespaceService::createBuyingCenter(BuyingCenter draft)
{
    draft.name = domain::cleanName(draft.name);
    const QString subject = QStringLiteral("Buying center '%1'").arg(draft.name.simplified());
    if (draft.name.simplified().isEmpty())
        refuse(QStringLiteral("Buying center"), QStringLiteral("name"), QStringLiteral("Name is required"));
    if (draft.size < 0)
        refuse(subject, QStringLiteral("size"), QStringLiteral("Size must not be negative"));
    storage::Transaction tx(m_portfolio.database());
    if (!m_portfolio.accounts().byId(draft.accountId))
        missing(m_portfolio, QStringLiteral("Account %1").arg(draft.accountId));
    for (const BuyingCenter &c : m_portfolio.whitespace().buyingCenters(draft.accountId)) {
        if (domain::nameKey(c.name) == domain::nameKey(draft.name))
            refuse(subject, QStringLiteral("name"), QStringLiteral("This account already has a buying center with this name"));
    }
    draft.id = 0;
    m_portfolio.whitespace().insertBuyingCenter(draft);
    tx.commit();
    Q_EMIT m_portfolio.whitespaceChanged(draft.accountId);
    return draft;
}

void WhitespaceService::updateBuyingCenter(const BuyingCenter &edited)
{
    BuyingCenter center = edited;
    center.name = domain::cleanName(center.name);
    const QString subject = QStringLiteral("Buying center '%1'").arg(center.name.simplified());
    if (center.name.simplified().isEmpty())
        refuse(QStringLiteral("Buying center"), QStringLiteral("name"), QStringLiteral("Name is required"));
    if (center.size < 0)
        refuse(subject, QStringLiteral("size"), QStringLiteral("Size must not be negative"));
    storage::Transaction tx(m_portfolio.database());
    for (const BuyingCenter &c : m_portfolio.whitespace().buyingCenters(center.accountId)) {
        if (c.id != center.id && domain::nameKey(c.name) == domain::nameKey(center.name))
            refuse(subject, QStringLiteral("name"), QStringLiteral("This account already has a buying center with this name"));
    }
    m_portfolio.whitespace().updateBuyingCenter(center);
    tx.commit();
    Q_EMIT m_portfolio.whitespaceChanged(center.accountId);
}

WhitespaceService::RemovedBuyingCenter WhitespaceService::removeBuyingCenter(qint64 centerId)
{
    storage::Transaction tx(m_portfolio.database());
    const auto center = m_portfolio.whitespace().buyingCenterById(centerId);
    if (!center)
        missing(m_portfolio, QStringLiteral("Buying center %1").arg(centerId));
    RemovedBuyingCenter removed{*center, {}};
    for (const WhitespaceCell &c : m_portfolio.whitespace().cells(center->accountId)) {
        if (c.buyingCenterId == centerId)
            removed.cells.push_back(c);
    }
    m_portfolio.whitespace().removeBuyingCenter(centerId);
    m_portfolio.accounts().refreshExpansionTotals({center->accountId});
    tx.commit();
    Q_EMIT m_portfolio.whitespaceChanged(center->accountId);
    return removed;
}

void WhitespaceService::restoreBuyingCenter(const RemovedBuyingCenter &removed)
{
    storage::Transaction tx(m_portfolio.database());
    BuyingCenter c = removed.center;
    m_portfolio.whitespace().insertBuyingCenter(c);
    for (WhitespaceCell cell : removed.cells) {
        if (cell.opportunityId > 0 && !m_portfolio.opportunities().byId(cell.opportunityId))
            cell.opportunityId = 0;
        if (m_portfolio.whitespace().productById(cell.productId))
            m_portfolio.whitespace().insertCell(cell);
    }
    m_portfolio.accounts().refreshExpansionTotals({c.accountId});
    tx.commit();
    Q_EMIT m_portfolio.whitespaceChanged(c.accountId);
}

// --- cells --------------------------------------------------------------------------------

std::optional<WhitespaceCell> WhitespaceService::setCell(WhitespaceCell cell)
{
    const QStringList problems = domain::validateCell(cell);
    if (!problems.isEmpty())
        refuse(QStringLiteral("Whitespace cell"), QStringLiteral("cell"), problems.join(QStringLiteral("; ")));
    storage::Transaction tx(m_portfolio.database());
    const auto center = m_portfolio.whitespace().buyingCenterById(cell.buyingCenterId);
    if (!center)
        missing(m_portfolio, QStringLiteral("Buying center %1").arg(cell.buyingCenterId));
    if (!m_portfolio.whitespace().productById(cell.productId))
        missing(m_portfolio, QStringLiteral("Product %1").arg(cell.productId));
    cell.accountId = center->accountId;
    const auto before = m_portfolio.whitespace().cellAt(cell.buyingCenterId, cell.productId);
    if (cell.status != domain::CellStatus::Pipeline)
        cell.opportunityId = 0; // leaving Pipeline unlinks; the opportunity itself stays
    if (before) {
        cell.id = before->id;
        m_portfolio.whitespace().updateCell(cell);
    } else {
        cell.id = 0;
        m_portfolio.whitespace().insertCell(cell);
    }
    m_portfolio.accounts().refreshExpansionTotals({cell.accountId});
    tx.commit();
    Q_EMIT m_portfolio.whitespaceChanged(cell.accountId);
    return before;
}

void WhitespaceService::restoreCell(qint64 buyingCenterId, qint64 productId, const std::optional<WhitespaceCell> &before)
{
    storage::Transaction tx(m_portfolio.database());
    const auto now = m_portfolio.whitespace().cellAt(buyingCenterId, productId);
    qint64 accountId = now ? now->accountId : (before ? before->accountId : 0);
    if (before) {
        WhitespaceCell c = *before;
        if (c.opportunityId > 0 && !m_portfolio.opportunities().byId(c.opportunityId))
            c.opportunityId = 0;
        if (now) {
            c.id = now->id;
            m_portfolio.whitespace().updateCell(c);
        } else {
            m_portfolio.whitespace().insertCell(c);
        }
    } else if (now) {
        m_portfolio.whitespace().removeCell(now->id);
    }
    if (accountId > 0)
        m_portfolio.accounts().refreshExpansionTotals({accountId});
    tx.commit();
    if (accountId > 0)
        Q_EMIT m_portfolio.whitespaceChanged(accountId);
}

WhitespaceService::Conversion WhitespaceService::createOpportunityFromCell(qint64 cellId, qint64 ownerId, const QDate &closeDate)
{
    storage::Transaction tx(m_portfolio.database());
    const auto cell = m_portfolio.whitespace().cellById(cellId);
    if (!cell)
        missing(m_portfolio, QStringLiteral("Whitespace cell %1").arg(cellId));
    if (cell->status == domain::CellStatus::Owned || cell->status == domain::CellStatus::NotAFit
        || (cell->status == domain::CellStatus::Pipeline && cell->opportunityId > 0))
        refuse(QStringLiteral("Whitespace cell"), QStringLiteral("status"),
               QStringLiteral("Only a Whitespace or Competitor cell can become an opportunity (this one is %1)")
                   .arg(domain::cellStatusName(cell->status)));
    const auto product = m_portfolio.whitespace().productById(cell->productId);
    const auto center = m_portfolio.whitespace().buyingCenterById(cell->buyingCenterId);
    if (!product || !center)
        missing(m_portfolio, QStringLiteral("The cell's product or buying center"));
    bool centerOwnsSomething = false;
    for (const WhitespaceCell &c : m_portfolio.whitespace().cells(cell->accountId))
        centerOwnsSomething = centerOwnsSomething || (c.buyingCenterId == center->id && c.status == domain::CellStatus::Owned);

    Conversion conv;
    conv.before = *cell;
    Opportunity o;
    o.accountId = cell->accountId;
    o.name = QStringLiteral("%1 for %2").arg(product->name, center->name);
    o.type = centerOwnsSomething ? domain::OpportunityType::CrossSell : domain::OpportunityType::NewBuyingCenter;
    o.amountCents = cell->potentialArrCents;
    o.stage = domain::Stage::Identified;
    o.probability = domain::defaultProbability(o.stage);
    o.closeDate = closeDate;
    o.ownerId = ownerId > 0 && m_portfolio.team().byId(ownerId) ? ownerId : 0;
    m_portfolio.opportunities().insert(o);
    WhitespaceCell after = *cell;
    after.status = domain::CellStatus::Pipeline;
    after.opportunityId = o.id;
    m_portfolio.whitespace().updateCell(after);
    o.cellId = after.id;
    conv.opportunity = o;
    m_portfolio.accounts().refreshExpansionTotals({cell->accountId});
    tx.commit();
    Q_EMIT m_portfolio.whitespaceChanged(cell->accountId);
    Q_EMIT m_portfolio.opportunitiesChanged(cell->accountId);
    return conv;
}

void WhitespaceService::undoConversion(const Conversion &conv)
{
    storage::Transaction tx(m_portfolio.database());
    if (const auto now = m_portfolio.whitespace().cellById(conv.before.id)) {
        WhitespaceCell back = conv.before;
        back.id = now->id;
        m_portfolio.whitespace().updateCell(back);
    }
    m_portfolio.opportunities().remove(conv.opportunity.id);
    m_portfolio.accounts().refreshExpansionTotals({conv.before.accountId});
    tx.commit();
    Q_EMIT m_portfolio.whitespaceChanged(conv.before.accountId);
    Q_EMIT m_portfolio.opportunitiesChanged(conv.before.accountId);
}

// --- opportunities ------------------------------------------------------------------------

namespace {
void validateOpportunity(const Opportunity &o)
{
    domain::FieldErrors errors;
    if (o.name.simplified().isEmpty())
        errors.append({QStringLiteral("name"), QStringLiteral("Name is required")});
    if (o.amountCents < 0)
        errors.append({QStringLiteral("amount"), QStringLiteral("Amount must not be negative")});
    if (o.probability < 0 || o.probability > 100)
        errors.append({QStringLiteral("probability"), QStringLiteral("Probability must be 0 to 100")});
    if (!errors.isEmpty())
        throw ValidationError(QStringLiteral("Opportunity '%1'").arg(o.name.simplified()), errors);
}
} // namespace

Opportunity WhitespaceService::createOpportunity(Opportunity draft)
{
    validateOpportunity(draft);
    storage::Transaction tx(m_portfolio.database());
    if (!m_portfolio.accounts().byId(draft.accountId))
        missing(m_portfolio, QStringLiteral("Account %1").arg(draft.accountId));
    draft.id = 0;
    draft.cellId = 0;
    m_portfolio.opportunities().insert(draft);
    m_portfolio.accounts().refreshExpansionTotals({draft.accountId});
    tx.commit();
    Q_EMIT m_portfolio.opportunitiesChanged(draft.accountId);
    return draft;
}

Opportunity WhitespaceService::updateOpportunity(Opportunity o, bool followStageDefault)
{
    storage::Transaction tx(m_portfolio.database());
    const auto before = m_portfolio.opportunities().byId(o.id);
    if (!before)
        missing(m_portfolio, QStringLiteral("Opportunity %1").arg(o.id));
    if (followStageDefault && o.stage != before->stage && o.probability == before->probability
        && before->probability == domain::defaultProbability(before->stage))
        o.probability = domain::defaultProbability(o.stage);
    validateOpportunity(o);
    o.cellId = before->cellId;
    m_portfolio.opportunities().update(o);
    m_portfolio.accounts().refreshExpansionTotals({o.accountId});
    tx.commit();
    Q_EMIT m_portfolio.opportunitiesChanged(o.accountId);
    if (o.cellId > 0)
        Q_EMIT m_portfolio.whitespaceChanged(o.accountId);
    return o;
}

WhitespaceService::RemovedOpportunity WhitespaceService::removeOpportunity(qint64 id)
{
    storage::Transaction tx(m_portfolio.database());
    const auto o = m_portfolio.opportunities().byId(id);
    if (!o)
        missing(m_portfolio, QStringLiteral("Opportunity %1").arg(id));
    RemovedOpportunity removed{*o, std::nullopt};
    if (o->cellId > 0) {
        if (auto cell = m_portfolio.whitespace().cellById(o->cellId)) {
            removed.cellBefore = *cell;
            cell->status = domain::CellStatus::Whitespace;
            cell->opportunityId = 0;
            m_portfolio.whitespace().updateCell(*cell);
        }
    }
    m_portfolio.opportunities().remove(id);
    m_portfolio.accounts().refreshExpansionTotals({o->accountId});
    tx.commit();
    Q_EMIT m_portfolio.opportunitiesChanged(o->accountId);
    if (removed.cellBefore)
        Q_EMIT m_portfolio.whitespaceChanged(o->accountId);
    return removed;
}

void WhitespaceService::restoreOpportunity(const RemovedOpportunity &removed)
{
    storage::Transaction tx(m_portfolio.database());
    Opportunity o = removed.opportunity;
    if (o.ownerId > 0 && !m_portfolio.team().byId(o.ownerId))
        o.ownerId = 0;
    m_portfolio.opportunities().insert(o);
    if (removed.cellBefore) {
        if (auto cell = m_portfolio.whitespace().cellById(removed.cellBefore->id)) {
            WhitespaceCell back = *removed.cellBefore;
            m_portfolio.whitespace().updateCell(back);
        }
    }
    m_portfolio.accounts().refreshExpansionTotals({o.accountId});
    tx.commit();
    Q_EMIT m_portfolio.opportunitiesChanged(o.accountId);
    if (removed.cellBefore)
        Q_EMIT m_portfolio.whitespaceChanged(o.accountId);
}

} // namespace keystone::services
