// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/opportunity.h"
#include "keystone/domain/whitespace.h"
#include "keystone/storage/whitespacerepository.h"

#include <QDate>

#include <functional>
#include <optional>
#include <vector>

namespace keystone::services {

class Portfolio;

// The team lead's view of a whole book: open whitespace per product and industry (or tier).
struct WhitespaceMatrix {
    std::vector<domain::Product> products;        // columns
    std::vector<QString> groups;                  // rows: industries, or "Tier 1".."Tier 3"
    std::vector<std::vector<qint64>> openCents;   // [group][product]
    std::vector<std::vector<int>> accounts;       // [group][product]: accounts with open whitespace there
    qint64 totalCents = 0;
    qint64 rowTotal(size_t group) const;
    qint64 columnTotal(size_t product) const;
};
enum class WhitespaceGrouping { Industry, Tier };
using OpenWhitespaceEntry = storage::WhitespaceRepository::OpenEntry;
// Folds per-(account, product) open whitespace into a matrix. `groupOf` names each account's
// row ("" = leave the account out); `fixedGroups` come first in that order (tiers), other
// groups follow by open whitespace, largest first.
WhitespaceMatrix groupOpenWhitespace(std::vector<domain::Product> products, const std::vector<OpenWhitespaceEntry> &entries,
                                     const std::function<QString(qint64 accountId)> &groupOf,
                                     const std::vector<QString> &fixedGroups = {});
// The whole book from the file: one query over the open-whitespace index plus each account's
// industry, or its tier in force from loadAccountOverview().
WhitespaceMatrix portfolioWhitespace(Portfolio &portfolio, WhitespaceGrouping grouping);
QString noIndustryLabel(); // "(no industry)"

// Use cases on the product catalog, buying centers, whitespace cells and opportunities.
// Each call is one transaction and ends with the matching Portfolio change event.
// Removals return what they took, so undo puts back exactly that.
class WhitespaceService
{
public:
    explicit WhitespaceService(Portfolio &portfolio) : m_portfolio(portfolio) {}

    // --- catalog
    domain::Product createProduct(domain::Product draft); // unique name (any case), price >= 0
    void updateProduct(const domain::Product &product);
    struct ProductUsage {
        int cells = 0;
        int accounts = 0;
        int linkedOpportunities = 0; // opportunities whose cell goes with the product
        qint64 ownedArrCents = 0;
        qint64 openWhitespaceCents = 0;
    };
    // What deleting a product takes with it, to ask the user before doing it.
    ProductUsage productUsage(qint64 productId);
    struct RemovedProduct {
        domain::Product product;
        std::vector<domain::WhitespaceCell> cells;
    };
    RemovedProduct removeProduct(qint64 productId);
    void restoreProduct(const RemovedProduct &removed);

    // --- buying centers
    domain::BuyingCenter createBuyingCenter(domain::BuyingCenter draft); // unique name per account
    void updateBuyingCenter(const domain::BuyingCenter &center);
    struct RemovedBuyingCenter {
        domain::BuyingCenter center;
        std::vector<domain::WhitespaceCell> cells;
    };
    RemovedBuyingCenter removeBuyingCenter(qint64 centerId);
    void restoreBuyingCenter(const RemovedBuyingCenter &removed);

    // --- cells
    // Stores the cell at (buying center, product), creating it when the pair was not
    // assessed. Returns the cell as it was before (nullopt: not assessed) for undo.
    std::optional<domain::WhitespaceCell> setCell(domain::WhitespaceCell cell);
    // Puts a cell back as it was (nullopt: removes the assessment of that pair).
    void restoreCell(qint64 buyingCenterId, qint64 productId, const std::optional<domain::WhitespaceCell> &before);

    // --- conversion: a cell becomes an opportunity in one step
    struct Conversion {
        domain::WhitespaceCell before; // the cell before
        domain::Opportunity opportunity; // as created
    };
    // The cell turns Pipeline and is linked to a new opportunity of its potential ARR
    // (Cross-sell when the buying center already owns a product, else New buying center).
    Conversion createOpportunityFromCell(qint64 cellId, qint64 ownerId, const QDate &closeDate);
    void undoConversion(const Conversion &conversion);

    // --- opportunities
    domain::Opportunity createOpportunity(domain::Opportunity draft);
    // Saves all fields. With `followStageDefault`, when the stage changed and the probability
    // was the old stage's default, the probability follows the new stage's default (a
    // person's edit); undo and redo pass false to put back exactly what was stored.
    domain::Opportunity updateOpportunity(domain::Opportunity opportunity, bool followStageDefault = true);
    struct RemovedOpportunity {
        domain::Opportunity opportunity;
        std::optional<domain::WhitespaceCell> cellBefore; // a linked cell goes back to Whitespace
    };
    RemovedOpportunity removeOpportunity(qint64 id);
    void restoreOpportunity(const RemovedOpportunity &removed);

private:
    Portfolio &m_portfolio;
};

} // namespace keystone::services
