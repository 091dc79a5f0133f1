// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QString>
#include <QStringList>

#include <optional>
#include <span>
#include <vector>

namespace keystone::domain {

// Whitespace (domain.md section 6): buying centers x products, each cell with a status.
enum class PricingBasis { PerSeat, PerSite, Flat };
enum class BuyingCenterKind { Division, Plant, Region, Department };
enum class CellStatus { Owned, Pipeline, Whitespace, Competitor, NotAFit };

QString pricingBasisName(PricingBasis basis);          // "Per seat"
std::optional<PricingBasis> parsePricingBasis(const QString &text);
QString buyingCenterKindName(BuyingCenterKind kind);   // "Plant"
std::optional<BuyingCenterKind> parseBuyingCenterKind(const QString &text);
QString cellStatusName(CellStatus status);             // "Not a fit"
QString cellStatusKey(CellStatus status);              // "not_a_fit" (stored and JSON form)
std::optional<CellStatus> parseCellStatus(const QString &text); // name or key, any case

// A product of the portfolio's catalog.
struct Product {
    qint64 id = 0;
    QString uuid;
    QString name;
    QString family;
    PricingBasis basis = PricingBasis::Flat;
    qint64 listPriceCents = 0; // per seat, per site or flat, per year
    bool operator==(const Product &) const = default;
};

// A division, plant, region or department of one account.
struct BuyingCenter {
    qint64 id = 0;
    QString uuid;
    qint64 accountId = 0;
    QString name;
    BuyingCenterKind kind = BuyingCenterKind::Division;
    int size = 0; // headcount or sites
    bool operator==(const BuyingCenter &) const = default;
};

// One assessed cell. A (buying center, product) pair without a cell is not assessed yet.
struct WhitespaceCell {
    qint64 id = 0;
    qint64 accountId = 0;
    qint64 buyingCenterId = 0;
    qint64 productId = 0;
    CellStatus status = CellStatus::Whitespace;
    qint64 currentArrCents = 0;   // Owned
    qint64 potentialArrCents = 0; // Whitespace, Competitor, Pipeline
    QString competitor;           // Competitor
    QString note;
    qint64 opportunityId = 0;     // Pipeline: the linked opportunity
    bool operator==(const WhitespaceCell &) const = default;
};

// Totals over one account's cells (all amounts in minor units).
struct WhitespaceTotals {
    qint64 openWhitespaceCents = 0; // potential of Whitespace + Competitor cells
    qint64 ownedArrCents = 0;       // current ARR of Owned cells
    qint64 pipelineCents = 0;       // potential of Pipeline cells
    int ownedCells = 0;
    int assessedCells = 0;          // cells with any status
    int fitCells = 0;               // assessed cells that are not "Not a fit"
    // Owned cells / cells that are not "Not a fit" (0..1); 0 when there are none.
    double penetration() const { return fitCells == 0 ? 0.0 : double(ownedCells) / double(fitCells); }
    bool operator==(const WhitespaceTotals &) const = default;
};

// What a portfolio list needs of an account's whitespace and pipeline.
struct ExpansionTotals {
    qint64 openWhitespaceCents = 0;   // Whitespace + Competitor potential
    int assessedCells = 0;            // 0: whitespace not assessed yet
    qint64 weightedPipelineCents = 0; // open opportunities, weighted
    bool operator==(const ExpansionTotals &) const = default;
};

// The money that counts towards totals for one cell, by its status.
qint64 openWhitespaceOf(const WhitespaceCell &cell);

WhitespaceTotals whitespaceTotals(std::span<const WhitespaceCell> cells);

// Checks one cell: amounts >= 0 and a competitor's name on a Competitor cell.
QStringList validateCell(const WhitespaceCell &cell);

} // namespace keystone::domain
