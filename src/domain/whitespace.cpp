// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/domain/whitespace.h"

namespace keystone::domain {

QString pricingBasisName(PricingBasis basis)
{
    switch (basis) {
    case PricingBasis::PerSeat: return QStringLiteral("Per seat");
    case PricingBasis::PerSite: return QStringLiteral("Per site");
    case PricingBasis::Flat: return QStringLiteral("Flat");
    }
    return {};
}

std::optional<PricingBasis> parsePricingBasis(const QString &text)
{
    const QString t = text.trimmed().toLower().replace(QLatin1Char('_'), QLatin1Char(' '));
    for (PricingBasis b : {PricingBasis::PerSeat, PricingBasis::PerSite, PricingBasis::Flat}) {
        if (pricingBasisName(b).toLower() == t)
            return b;
    }
    return std::nullopt;
}

QString buyingCenterKindName(BuyingCenterKind kind)
{
    switch (kind) {
    case BuyingCenterKind::Division: return QStringLiteral("Division");
    case BuyingCenterKind::Plant: return QStringLiteral("Plant");
    case BuyingCenterKind::Region: return QStringLiteral("Region");
    case BuyingCenterKind::Department: return QStringLiteral("Department");
    }
    return {};
}

std::optional<BuyingCenterKind> parseBuyingCenterKind(const QString &text)
{
    for (BuyingCenterKind k : {BuyingCenterKind::Division, BuyingCenterKind::Plant, BuyingCenterKind::Region,
                               BuyingCenterKind::Department}) {
        if (buyingCenterKindName(k).compare(text.trimmed(), Qt::CaseInsensitive) == 0)
            return k;
    }
    return std::nullopt;
}

QString cellStatusName(CellStatus status)
{
    switch (status) {
    case CellStatus::Owned: return QStringLiteral("Owned");
    case CellStatus::Pipeline: return QStringLiteral("Pipeline");
    case CellStatus::Whitespace: return QStringLiteral("Whitespace");
    case CellStatus::Competitor: return QStringLiteral("Competitor");
    case CellStatus::NotAFit: return QStringLiteral("Not a fit");
    }
    return {};
}

QString cellStatusKey(CellStatus status)
{
    return cellStatusName(status).toLower().replace(QLatin1Char(' '), QLatin1Char('_'));
}

std::optional<CellStatus> parseCellStatus(const QString &text)
{
    const QString t = text.trimmed().toLower();
    for (CellStatus s : {CellStatus::Owned, CellStatus::Pipeline, CellStatus::Whitespace, CellStatus::Competitor,
                         CellStatus::NotAFit}) {
        if (cellStatusKey(s) == t || cellStatusName(s).toLower() == t)
            return s;
    }
    return std::nullopt;
}

qint64 openWhitespaceOf(const WhitespaceCell &cell)
{
    return cell.status == CellStatus::Whitespace || cell.status == CellStatus::Competitor ? cell.potentialArrCents : 0;
}

WhitespaceTotals whitespaceTotals(std::span<const WhitespaceCell> cells)
{
    WhitespaceTotals t;
    for (const WhitespaceCell &c : cells) {
        ++t.assessedCells;
        switch (c.status) {
        case CellStatus::Owned:
            ++t.ownedCells;
            ++t.fitCells;
            t.ownedArrCents += c.currentArrCents;
            break;
        case CellStatus::Pipeline:
            ++t.fitCells;
            t.pipelineCents += c.potentialArrCents;
            break;
        case CellStatus::Whitespace:
        case CellStatus::Competitor:
            ++t.fitCells;
            t.openWhitespaceCents += c.potentialArrCents;
            break;
        case CellStatus::NotAFit:
            break;
        }
    }
    return t;
}

QStringList validateCell(const WhitespaceCell &cell)
{
    QStringList errors;
    if (cell.currentArrCents < 0)
        errors << QStringLiteral("current ARR must not be negative");
    if (cell.potentialArrCents < 0)
        errors << QStringLiteral("potential ARR must not be negative");
    if (cell.status == CellStatus::Competitor && cell.competitor.trimmed().isEmpty())
        errors << QStringLiteral("a Competitor cell needs the competitor's name");
    return errors;
}

} // namespace keystone::domain
