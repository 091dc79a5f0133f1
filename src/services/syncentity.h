// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

// Internal to keystone_services: an entity of the team book as JSON and as the row a file
// stores (SyncStore's side of the conversion), and what a change to one means here.

#include "keystone/storage/exchangerepository.h"

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace keystone::services::syncentity {

// A setting that belongs to the file itself (its uuid, its exchange bookkeeping): never shared.
bool isPrivateRow(const storage::ExchangeTable &t, const QJsonObject &data);
// A stored row as the exchange format's object, and back: whole numbers for INTEGER columns,
// numbers for REAL, text for the rest (references are uuids, as text).
QJsonObject toObject(const storage::ExchangeTable &t, const storage::ExchangeValues &values);
storage::ExchangeValues toValues(const storage::ExchangeTable &t, const QJsonObject &o, const QHash<QString, QString> &types);
// One value as JSON text ("" for none).
QString jsonText(const QJsonValue &v);
QString isoNow();
// Whether an account's change (its fields before and after, exchange names) can move its
// health score.
bool changesHealth(const QJsonObject &before, const QJsonObject &after);

} // namespace keystone::services::syncentity
