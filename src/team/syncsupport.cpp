// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "syncsupport.h"

#include "keystone/storage/exchangerepository.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace keystone::team {

using services::ServerRow;
using services::SyncStore;
using storage::ExchangeTable;

namespace {
constexpr const char *kUtc = "to_char(%1 AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
} // namespace
QString utc(const QString &column)
{
    return QString::fromLatin1(kUtc).arg(column);
}


Who whoAmI(PgConnection &db, const QString &url)
{
    const PgResult r = db.exec(QStringLiteral("SELECT session_user, keystone.member_name(), coalesce(keystone.member_uuid(), ''), "
                                              "(SELECT role FROM keystone.members WHERE login = session_user), "
                                              "(SELECT rolsuper FROM pg_roles WHERE rolname = session_user)"));
    Who w;
    w.login = r.text(0, 0);
    w.member = r.text(0, 1);
    w.memberUuid = r.text(0, 2);
    if (!r.isNull(0, 3)) {
        w.role = parseRole(r.text(0, 3)).value_or(Role::Viewer);
    } else if (r.text(0, 4) == QLatin1String("t")) {
        w.role = Role::Lead; // the server's administrator: row-level security does not bind it
    } else {
        throw TeamError(TeamError::Code::Refused,
                        QStringLiteral("the login '%1' is not a member of the team book at %2: ask its lead to run "
                                       "keystone-cli team grant --server URL --login %1 --member NAME --role am")
                            .arg(w.login, displayUrl(url)));
    }
    return w;
}

QString jsonArray(const QStringList &items)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(items)).toJson(QJsonDocument::Compact));
}



bool isActivityLink(const ExchangeTable &t)
{
    return t.table == QLatin1String("activity_contacts") || t.table == QLatin1String("activity_team");
}


QHash<QString, Held> fetchRows(PgConnection &db, const ExchangeTable &t, const QStringList &keys)
{
    QHash<QString, Held> out;
    const QString sql = QStringLiteral("SELECT t.key, t.data::text, t.change_no, coalesce(c.changed_by, ''), %2, coalesce(t.account_uuid, '') "
                                       "FROM keystone.%1 t LEFT JOIN keystone.changes c ON c.change_no = t.change_no "
                                       "WHERE t.key IN (SELECT jsonb_array_elements_text($1::jsonb))")
                            .arg(t.table, utc(QStringLiteral("t.changed_at")));
    for (qsizetype i = 0; i < keys.size(); i += kBatch) {
        const PgResult r = db.exec(sql, {jsonArray(keys.mid(i, kBatch))});
        for (int row = 0; row < r.rows(); ++row) {
            Held h;
            h.data = SyncStore::parseObject(r.bytes(row, 1)).value_or(QJsonObject());
            h.changeNo = r.text(row, 2).toLongLong();
            h.changedBy = r.text(row, 3);
            h.changedAt = r.text(row, 4);
            h.accountUuid = r.text(row, 5);
            out.insert(r.text(row, 0), std::move(h));
        }
    }
    return out;
}

ServerRow serverRow(const QString &key, std::optional<QJsonObject> data, const QString &by, const QString &at, std::optional<QJsonObject> pushed,
                    bool restore, qint64 place, const QString &text, bool asPushed)
{
    ServerRow r;
    r.key = key;
    r.data = std::move(data);
    r.changedBy = by;
    r.changedAt = at;
    r.pushed = std::move(pushed);
    r.restore = restore;
    r.place = place;
    r.text = text;
    r.asPushed = asPushed;
    return r;
}

} // namespace keystone::team
