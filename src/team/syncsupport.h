// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

// What the two halves of a sync share (sync.cpp: the sync and the pull; pusher.cpp: the
// push): the signed-in person, the server's rows of an entity kind, small SQL helpers.
// Internal to keystone_team.

#include "pgconnection.h"

#include "keystone/services/syncstore.h"
#include "keystone/team/teamserver.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace keystone::storage {
struct ExchangeTable;
}

namespace keystone::team {

inline constexpr int kBatch = 2000;
inline constexpr const char *kBookLock = "SELECT pg_advisory_xact_lock(7130412656)";

// A timestamp column as UTC ISO text.
QString utc(const QString &column);

// Who the connection's login is in the book, and with which role; refuses a login that is
// no member.
struct Who {
    QString login;
    QString member;
    QString memberUuid;
    Role role = Role::Viewer;
};
Who whoAmI(PgConnection &db, const QString &url);

QString jsonArray(const QStringList &items);
bool isActivityLink(const storage::ExchangeTable &t);

// What the server holds of one entity.
struct Held {
    QJsonObject data;
    qint64 changeNo = 0;
    QString changedBy;
    QString changedAt;
    QString accountUuid;
};
QHash<QString, Held> fetchRows(PgConnection &db, const storage::ExchangeTable &t, const QStringList &keys);

services::ServerRow serverRow(const QString &key, std::optional<QJsonObject> data, const QString &by, const QString &at,
                              std::optional<QJsonObject> pushed, bool restore, qint64 place = 0, const QString &text = {},
                              bool asPushed = false);

} // namespace keystone::team
