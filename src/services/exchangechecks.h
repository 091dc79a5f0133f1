// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

// Internal to keystone_services: the checks an entity of the exchange format passes before
// it is written to a file, whoever sends it (a JSON exchange file, the team book's server).

#include "keystone/storage/exchangerepository.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <vector>

namespace keystone::services {

// The checks every incoming value of an exchange file passes before anything is written: the
// type its column declares, amounts within kMaxAmountCents, real dates and UTC timestamps,
// flags of 0 or 1, uuids that are uuids, names within the forms' limit, no NUL characters,
// and amounts in the file's currency (when `currency` is given). Returns "field: problem"
// for each value refused.
// Settings that belong to the file itself (its uuid, its exchange bookkeeping): never
// exchanged nor shared.
bool privateSetting(const QString &key);

QStringList invalidExchangeValues(const storage::ExchangeTable &t, const storage::ExchangeValues &row, const QHash<QString, QString> &types,
                                  const QString &currency);

// The same checks, with what each column is worked out once per table: an import checks a
// million values through it.
class ExchangeValueChecks
{
public:
    ExchangeValueChecks() = default;
    ExchangeValueChecks(const storage::ExchangeTable &t, const QHash<QString, QString> &types, const QString &currency);
    QStringList problems(const storage::ExchangeValues &row) const;

private:
    enum class Kind { Uuid, Integer, Cents, Flag, Real, Date, Timestamp, Name, Currency, Text };
    const storage::ExchangeTable *m_table = nullptr;
    std::vector<Kind> m_kinds;
    QString m_currency;
};

} // namespace keystone::services
