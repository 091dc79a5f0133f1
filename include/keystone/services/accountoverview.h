// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/account.h"
#include "keystone/domain/portfoliosettings.h"
#include "keystone/domain/segmentation.h"
#include "keystone/domain/whitespace.h"

#include <QHash>
#include <QString>

#include <optional>

#include <vector>

namespace keystone::services {

class Portfolio;

// One account as every list shows it: the stored account, its owner's name, its segment and
// the tier in force (the override when a person set one, else the suggested tier). The GUI
// table, the CLI and the PDF all build on these rows so their numbers agree.
struct AccountRow {
    domain::Account account;
    QString ownerName;
    domain::Segment segment;
    domain::Tier tier = domain::Tier::Tier3;
    domain::ExpansionTotals expansion; // open whitespace and weighted pipeline
};

struct AccountOverview {
    std::vector<AccountRow> rows; // ordered by account id
    qint64 thresholdCents = 0;    // "high value" ARR threshold in force
};

// Loads every account with its owner in two queries (no per-row queries) and segments them.
AccountOverview loadAccountOverview(Portfolio &portfolio);

// One account's row without loading the book: its segment against the threshold computed
// from every account's ARR (one column read). nullopt when the account does not exist.
std::optional<AccountRow> loadAccountRow(Portfolio &portfolio, qint64 accountId);
// Several accounts' rows, with one read of the accounts and one of the book's ARR for them
// all, in the order of `accountIds` (those that do not exist left out, each account once).
std::vector<AccountRow> loadAccountRows(Portfolio &portfolio, const QList<qint64> &accountIds);

// Open whitespace counts towards potential once the account's whitespace is assessed.
domain::SegmentInput segmentInputFor(const AccountRow &row);

// Recomputes segments and tiers of all rows (the percentile threshold depends on the whole
// book, so one account's ARR change can move others). Returns the indexes whose segment or
// tier changed.
std::vector<size_t> resegment(std::vector<AccountRow> &rows, qint64 &thresholdCents,
                              const domain::SegmentationSettings &settings);

AccountRow makeRow(const domain::Account &account, const QHash<qint64, QString> &ownerNames,
                   const domain::ExpansionTotals &expansion = {});

} // namespace keystone::services
