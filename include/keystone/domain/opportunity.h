// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QDate>
#include <QString>

#include <optional>
#include <span>

namespace keystone::domain {

// Expansion pipeline (domain.md section 7).
enum class OpportunityType { Renewal, Upsell, CrossSell, NewBuyingCenter };
enum class Stage { Identified, Qualified, Proposal, Negotiation, Won, Lost };

QString opportunityTypeName(OpportunityType type); // "Cross-sell"
std::optional<OpportunityType> parseOpportunityType(const QString &text);
QString stageName(Stage stage);                    // "Negotiation"
std::optional<Stage> parseStage(const QString &text);
// Default probability of a stage in percent: Identified 10, Qualified 25, Proposal 50,
// Negotiation 75, Won 100, Lost 0.
int defaultProbability(Stage stage);
bool isOpen(Stage stage); // not Won or Lost

struct Opportunity {
    qint64 id = 0;
    QString uuid;
    qint64 accountId = 0;
    QString name;
    OpportunityType type = OpportunityType::Upsell;
    qint64 amountCents = 0; // ARR amount
    Stage stage = Stage::Identified;
    int probability = 10;   // percent, 0..100; the stage's default unless set by hand
    QDate closeDate;
    qint64 ownerId = 0;     // team member; 0 = unassigned
    qint64 cellId = 0;      // linked whitespace cell; 0 = none
    bool operator==(const Opportunity &) const = default;
};

// amount x probability, in minor units, rounded half away from zero.
qint64 weightedCents(const Opportunity &opportunity);

struct PipelineTotals {
    qint64 openCents = 0;         // amount of open opportunities
    qint64 weightedOpenCents = 0; // weighted amount of open opportunities
    qint64 wonCents = 0;
    int openCount = 0;
    bool operator==(const PipelineTotals &) const = default;
};
PipelineTotals pipelineTotals(std::span<const Opportunity> opportunities);

} // namespace keystone::domain
