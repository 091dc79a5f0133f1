// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/account.h"
#include "keystone/domain/health.h"
#include "keystone/domain/opportunity.h"
#include "keystone/domain/relationship.h"
#include "keystone/domain/teammember.h"
#include "keystone/domain/whitespace.h"
#include "keystone/storage/healthrepository.h"
#include "keystone/storage/whitespacerepository.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

// The read side of the door into the data: what the window's views and the CLI's commands
// read, as the values they show. The app and the CLI read through these (and the services'
// own loaders: BookData, AccountOverview, AccountPlan, ...), never through a repository;
// scripts/check-layers refuses `portfolio.accounts()` and the like outside services. Each is
// one query (no per-row reads), on the caller's connection: the owner's on the UI thread, a
// worker's on a worker.
namespace keystone::services {

class Portfolio;

namespace query {

// Accounts. accounts(): ordered by id; `totals` (when given) receives each account's cached
// whitespace and pipeline totals, parallel to the result. accountsById(): the same for some.
std::vector<domain::Account> accounts(Portfolio &portfolio, std::vector<domain::ExpansionTotals> *totals = nullptr);
std::vector<domain::Account> accountsById(Portfolio &portfolio, const QList<qint64> &ids, std::vector<domain::ExpansionTotals> *totals = nullptr);
std::optional<domain::Account> account(Portfolio &portfolio, qint64 id);
std::optional<domain::Account> accountNamed(Portfolio &portfolio, const QString &name);
std::vector<std::pair<qint64, QString>> accountNames(Portfolio &portfolio); // (id, name) by id

// The team, ordered by name; one member by id or by name (case-insensitive).
std::vector<domain::TeamMember> team(Portfolio &portfolio);
std::optional<domain::TeamMember> member(Portfolio &portfolio, qint64 id);
std::optional<domain::TeamMember> memberNamed(Portfolio &portfolio, const QString &name);

// The product catalog and an account's whitespace.
std::vector<domain::Product> products(Portfolio &portfolio);
std::optional<domain::Product> product(Portfolio &portfolio, qint64 id);
std::vector<domain::BuyingCenter> buyingCenters(Portfolio &portfolio, qint64 accountId);
std::vector<domain::WhitespaceCell> whitespaceCells(Portfolio &portfolio, qint64 accountId);
std::optional<domain::WhitespaceCell> whitespaceCell(Portfolio &portfolio, qint64 buyingCenterId, qint64 productId);
// Every open whitespace cell of the book with its account's facts (Book Whitespace).
using OpenWhitespaceEntry = storage::WhitespaceRepository::OpenEntry;
std::vector<OpenWhitespaceEntry> openWhitespace(Portfolio &portfolio);

// Opportunities: an account's, or the book's ordered by close date.
std::vector<domain::Opportunity> opportunities(Portfolio &portfolio, qint64 accountId);
std::vector<domain::Opportunity> allOpportunities(Portfolio &portfolio);

// An account's contacts (with each one's last interaction when asked), activities (since
// a date when given), and relationship depth: contacts met since `since`, per account or
// for one.
std::vector<domain::Contact> contacts(Portfolio &portfolio, qint64 accountId, QHash<qint64, QDate> *lastInteraction = nullptr);
std::vector<domain::Activity> activities(Portfolio &portfolio, qint64 accountId, const QDate &since = {});
QHash<qint64, int> relationshipDepth(Portfolio &portfolio, const QDate &since);
int relationshipDepthOf(Portfolio &portfolio, qint64 accountId, const QDate &since);

// An account's health inputs and stored scores, oldest first.
using StoredScore = storage::StoredScore;
std::vector<domain::HealthInputs> healthInputs(Portfolio &portfolio, qint64 accountId);
std::vector<StoredScore> healthHistory(Portfolio &portfolio, qint64 accountId);

} // namespace query
} // namespace keystone::services
