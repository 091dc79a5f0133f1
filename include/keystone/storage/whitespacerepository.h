// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/whitespace.h"

#include <QHash>
#include <QList>

#include <optional>
#include <vector>

namespace keystone::storage {

class Database;

// The product catalog, buying centers and whitespace cells. Callers own transactions.
class WhitespaceRepository
{
public:
    explicit WhitespaceRepository(Database &db) : m_db(db) {}

    // Catalog, ordered by family then name.
    std::vector<domain::Product> products();
    std::optional<domain::Product> productById(qint64 id);
    std::optional<domain::Product> productByName(const QString &name); // any case
    void insertProduct(domain::Product &product); // keeps a non-zero id (undo)
    void updateProduct(const domain::Product &product);
    void removeProduct(qint64 id); // its cells go with it (foreign key cascade)

    // Buying centers of one account, by name.
    std::vector<domain::BuyingCenter> buyingCenters(qint64 accountId);
    std::vector<domain::BuyingCenter> buyingCentersOf(const QList<qint64> &accountIds);
    std::optional<domain::BuyingCenter> buyingCenterById(qint64 id);
    void insertBuyingCenter(domain::BuyingCenter &center);
    void updateBuyingCenter(const domain::BuyingCenter &center);
    void removeBuyingCenter(qint64 id); // its cells go with it

    // Cells.
    std::vector<domain::WhitespaceCell> cells(qint64 accountId);
    std::vector<domain::WhitespaceCell> cellsOf(const QList<qint64> &accountIds);
    std::vector<domain::WhitespaceCell> cellsOfProduct(qint64 productId);
    std::vector<domain::WhitespaceCell> allCells();
    std::optional<domain::WhitespaceCell> cellAt(qint64 buyingCenterId, qint64 productId);
    std::optional<domain::WhitespaceCell> cellById(qint64 id);
    void insertCell(domain::WhitespaceCell &cell); // keeps a non-zero id (undo)
    void insertCells(std::vector<domain::WhitespaceCell> &cells); // bulk, one prepared statement
    void updateCell(const domain::WhitespaceCell &cell);
    void removeCell(qint64 id);

    // Open whitespace (Whitespace + Competitor potential) per (account, product) over the
    // whole book, from the partial index whitespace_cells_open; pairs with none are absent.
    struct OpenEntry {
        qint64 accountId = 0;
        qint64 productId = 0;
        qint64 openCents = 0;
    };
    std::vector<OpenEntry> openWhitespaceEntries();

private:
    Database &m_db;
};

} // namespace keystone::storage
