// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/domain/opportunity.h"

namespace keystone::domain {

QString opportunityTypeName(OpportunityType type)
{
    switch (type) {
    case OpportunityType::Renewal: return QStringLiteral("Renewal");
    case OpportunityType::Upsell: return QStringLiteral("Upsell");
    case OpportunityType::CrossSell: return QStringLiteral("Cross-sell");
    case OpportunityType::NewBuyingCenter: return QStringLiteral("New buying center");
    }
    return {};
}

std::optional<OpportunityType> parseOpportunityType(const QString &text)
{
    const QString t = text.trimmed().toLower().replace(QLatin1Char('_'), QLatin1Char(' ')).replace(QLatin1Char('-'), QLatin1Char(' '));
    for (OpportunityType o : {OpportunityType::Renewal, OpportunityType::Upsell, OpportunityType::CrossSell,
                              OpportunityType::NewBuyingCenter}) {
        if (opportunityTypeName(o).toLower().replace(QLatin1Char('-'), QLatin1Char(' ')) == t)
            return o;
    }
    return std::nullopt;
}

QString stageName(Stage stage)
{
    switch (stage) {
    case Stage::Identified: return QStringLiteral("Identified");
    case Stage::Qualified: return QStringLiteral("Qualified");
    case Stage::Proposal: return QStringLiteral("Proposal");
    case Stage::Negotiation: return QStringLiteral("Negotiation");
    case Stage::Won: return QStringLiteral("Won");
    case Stage::Lost: return QStringLiteral("Lost");
    }
    return {};
}

std::optional<Stage> parseStage(const QString &text)
{
    for (Stage s : {Stage::Identified, Stage::Qualified, Stage::Proposal, Stage::Negotiation, Stage::Won, Stage::Lost}) {
        if (stageName(s).compare(text.trimmed(), Qt::CaseInsensitive) == 0)
            return s;
    }
    return std::nullopt;
}

int defaultProbability(Stage stage)
{
    switch (stage) {
    case Stage::Identified: return 10;
    case Stage::Qualified: return 25;
    case Stage::Proposal: return 50;
    case Stage::Negotiation: return 75;
    case Stage::Won: return 100;
    case Stage::Lost: return 0;
    }
    return 0;
}

bool isOpen(Stage stage)
{
    return stage != Stage::Won && stage != Stage::Lost;
}

qint64 weightedCents(const Opportunity &o)
{
    const qint64 product = o.amountCents * qint64(o.probability);
    return product >= 0 ? (product + 50) / 100 : -((-product + 50) / 100);
}

PipelineTotals pipelineTotals(std::span<const Opportunity> opportunities)
{
    PipelineTotals t;
    for (const Opportunity &o : opportunities) {
        if (o.stage == Stage::Won)
            t.wonCents += o.amountCents;
        if (!isOpen(o.stage))
            continue;
        ++t.openCount;
        t.openCents += o.amountCents;
        t.weightedOpenCents += weightedCents(o);
    }
    return t;
}

} // namespace keystone::domain
