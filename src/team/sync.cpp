// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/team/sync.h"

#include "pusher.h"
#include "serverschema.h"
#include "syncsupport.h"

#include "keystone/log/log.h"
#include "keystone/services/portfolio.h"
#include "keystone/storage/exchangerepository.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace keystone::team {

using services::ServerRow;
using services::SyncConflict;
using services::SyncStore;
using storage::ExchangeTable;

int SyncReport::pushedTotal() const
{
    int n = 0;
    for (const auto &[k, v] : pushed)
        n += v;
    return n;
}

int SyncReport::pulledTotal() const
{
    int n = 0;
    for (const auto &[k, v] : pulled)
        n += v;
    return n;
}

SyncReport syncPortfolio(services::Portfolio &portfolio, const SyncOptions &options)
{
    QElapsedTimer timer;
    timer.start();
    SyncStore store(portfolio);
    auto binding = store.binding();
    const QString url = !options.server.isEmpty() ? options.server : binding ? binding->server : QString();
    if (url.isEmpty())
        throw TeamError(TeamError::Code::Refused, QStringLiteral("%1 is not bound to a team book yet: name the server with --server URL")
                                                      .arg(portfolio.path()));
    // A sync writes what it agrees and pulls into the file: a file that cannot be written
    // sends nothing either (a push it could not record would be sent again, as new).
    if (portfolio.isReadOnly())
        throw TeamError(TeamError::Code::Refused, QStringLiteral("%1 cannot be synced: %2. Nothing was sent or taken.")
                                                      .arg(portfolio.path(), portfolio.readOnlyReason()));
    auto step = [&](const QString &what) {
        if (options.progress)
            options.progress(what);
    };
    SyncReport report;
    report.server = displayUrl(url);
    step(QStringLiteral("connecting to %1").arg(report.server));
    PgConnection db(url);
    requireBook(db, url, true);
    const Who who = whoAmI(db, url);
    report.login = who.login;
    report.member = who.member;
    report.role = who.role;
    const PgResult book = db.exec(QStringLiteral("SELECT value FROM keystone.meta WHERE key = 'book_uuid'"));
    const QString serverBook = book.rows() ? book.text(0, 0) : QString();
    const bool fileEmpty = !binding && store.holdsNoAccounts();

    if (binding && !serverBook.isEmpty() && serverBook != binding->bookUuid)
        throw TeamError(TeamError::Code::Refused,
                        QStringLiteral("%1 belongs to another team book (%2) than the one at %3 (%4): nothing was changed")
                            .arg(portfolio.path(), binding->bookUuid, report.server, serverBook));
    if (!binding && !serverBook.isEmpty() && !fileEmpty)
        throw TeamError(TeamError::Code::Refused,
                        QStringLiteral("%1 already holds a team book (%2), and %3 is not bound to it: take the book into a new file with "
                                       "keystone-cli sync NEWFILE --server URL (nothing was changed)")
                            .arg(report.server, serverBook, portfolio.path()));
    if (serverBook.isEmpty() && options.firstPullOnly)
        throw TeamError(TeamError::Code::Refused, QStringLiteral("the team book at %1 is empty: there is nothing to take in yet (a lead "
                                                                 "publishes a portfolio first with keystone-cli sync FILE --server URL)")
                                                      .arg(report.server));
    if (serverBook.isEmpty()) {
        if (who.role != Role::Lead)
            throw TeamError(TeamError::Code::Refused,
                            QStringLiteral("the team book at %1 is empty, and only a lead may publish a portfolio as the team book (%2 is %3): "
                                           "nothing was changed")
                                .arg(report.server, who.login, roleName(who.role)));
        report.kind = SyncReport::Kind::Published;
    } else if (!binding) {
        report.kind = SyncReport::Kind::FirstPull;
    }
    // Bound before anything is pushed: a publish cut off is completed by the next sync.
    if (!binding) {
        services::SyncBinding b;
        b.server = report.server;
        b.bookUuid = serverBook.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : serverBook;
        store.setBinding(b);
        binding = b;
    } else if (binding->server != report.server) {
        binding->server = report.server; // the same book reached another way: remembered
        store.setBinding(*binding);
    }
    report.bookUuid = binding->bookUuid;
    const qint64 position = binding->position;
    store.setSignedIn(who.member, who.memberUuid, roleName(who.role));

    report.connectMs = double(timer.nsecsElapsed()) / 1e6;
    store.beginChanges();
    // Push: one transaction under the book's lock, so nothing else writes the book meanwhile.
    std::vector<std::pair<const ExchangeTable *, std::vector<ServerRow>>> rows;
    std::vector<SyncConflict> conflicts;
    qint64 pushedFrom = 0;
    qint64 pushedTo = -1;
    // Nothing written here since the last sync (the change tracking holds no marks): no push
    // at all, so a sync with nothing to do is a connection and a look at the change numbers.
    const bool nothingToSend = report.kind == SyncReport::Kind::Synced && store.nothingToSend();
    if (report.kind != SyncReport::Kind::FirstPull && !nothingToSend) {
        db.exec(QStringLiteral("BEGIN"));
        db.exec(QString::fromLatin1(kBookLock));
        if (report.kind == SyncReport::Kind::Published) {
            const QString claimed = db.exec(QStringLiteral("SELECT keystone.claim_book($1)"), {binding->bookUuid}).text(0, 0);
            if (claimed != binding->bookUuid)
                throw TeamError(TeamError::Code::Refused, QStringLiteral("another portfolio was published at %1 meanwhile: nothing was changed")
                                                              .arg(report.server));
        }
        pushedFrom = db.exec(QStringLiteral("SELECT coalesce(max(change_no), 0) FROM keystone.changes")).text(0, 0).toLongLong();
        Pusher pusher(db, store, who, position, report);
        for (const ExchangeTable *t : SyncStore::tables()) {
            step(QStringLiteral("pushing %1").arg(t->collection));
            std::vector<ServerRow> agreed;
            pusher.push(*t, agreed);
            rows.emplace_back(t, std::move(agreed));
        }
        pusher.finish();
        pushedTo = db.exec(QStringLiteral("SELECT coalesce(max(change_no), 0) FROM keystone.changes")).text(0, 0).toLongLong();
        conflicts = pusher.takeConflicts();
        db.exec(QStringLiteral("COMMIT"));
    } else {
        for (const ExchangeTable *t : SyncStore::tables())
            rows.emplace_back(t, std::vector<ServerRow>());
    }

    report.pushMs = double(timer.nsecsElapsed()) / 1e6 - report.connectMs;
    // Pull: one snapshot of the book; every change numbered after the file's position, except
    // this sync's own (already agreed above).
    step(QStringLiteral("pulling from %1").arg(report.server));
    db.exec(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    const qint64 top = db.exec(QStringLiteral("SELECT coalesce(max(change_no), 0) FROM keystone.changes")).text(0, 0).toLongLong();
    const QStringList range{QString::number(position), QString::number(pushedFrom), QString::number(pushedTo)};
    QHash<QString, QSet<QString>> present;
    // Nothing numbered after the position but this sync's own: nothing to read.
    const bool nothingNew = top <= position || (position == pushedFrom && top == pushedTo);
    for (auto &[tp, list] : rows) {
        if (nothingNew)
            break;
        const ExchangeTable &t = *tp;
        const PgResult r = db.exec(QStringLiteral("SELECT t.key, t.data::text, coalesce(c.changed_by, ''), %2 FROM keystone.%1 t "
                                                  "LEFT JOIN keystone.changes c ON c.change_no = t.change_no "
                                                  "WHERE t.change_no > $1::bigint AND NOT (t.change_no > $2::bigint AND t.change_no <= $3::bigint) "
                                                  "ORDER BY t.change_no")
                                       .arg(t.table, utc(QStringLiteral("t.changed_at"))),
                                   range);
        for (int i = 0; i < r.rows(); ++i) {
            ServerRow row;
            row.key = r.text(i, 0);
            row.data = SyncStore::parseObject(r.bytes(i, 1));
            row.changedBy = r.text(i, 2);
            row.changedAt = r.text(i, 3);
            present[t.table].insert(row.key);
            list.push_back(std::move(row));
            ++report.pulled[t.table];
        }
    }
    const PgResult deleted = db.exec(QStringLiteral("SELECT kind, key, changed_by, %1 FROM keystone.changes WHERE op = 'delete' AND "
                                                    "change_no > $1::bigint AND NOT (change_no > $2::bigint AND change_no <= $3::bigint) "
                                                    "AND NOT $4::boolean ORDER BY change_no")
                                         .arg(utc(QStringLiteral("changed_at"))),
                                     range + QStringList{nothingNew ? QStringLiteral("true") : QStringLiteral("false")});
    QHash<QString, QStringList> deletedKeys;
    QHash<QString, std::pair<QString, QString>> deletedBy;
    for (int i = 0; i < deleted.rows(); ++i) {
        const QString kind = deleted.text(i, 0);
        const QString key = deleted.text(i, 1);
        if (present.value(kind).contains(key))
            continue;
        deletedKeys[kind] << key;
        deletedBy.insert(kind + QLatin1Char('\n') + key, {deleted.text(i, 2), deleted.text(i, 3)});
    }
    for (auto &[tp, list] : rows) {
        const QStringList keys = deletedKeys.value(tp->table);
        if (keys.isEmpty())
            continue;
        // Deleted, and not written again since (by this sync, say): gone.
        const QHash<QString, Held> still = fetchRows(db, *tp, keys);
        for (const QString &key : keys) {
            if (still.contains(key))
                continue;
            const auto by = deletedBy.value(tp->table + QLatin1Char('\n') + key);
            list.push_back(serverRow(key, std::nullopt, by.first, by.second, std::nullopt, false));
            ++report.pulled[tp->table];
        }
    }
    db.exec(QStringLiteral("COMMIT"));

    report.pullMs = double(timer.nsecsElapsed()) / 1e6 - report.connectMs - report.pushMs;
    step(QStringLiteral("applying"));
    const services::ApplyReport applied = store.apply(rows, top, conflicts);
    store.rescorePending(options.betweenScoringAndStoring);
    report.conflicts = applied.conflicts;
    report.skipped = applied.skipped;
    for (const QString &why : report.skipped)
        log::warn(QStringLiteral("Sync of %1: not taken from the team book: %2").arg(portfolio.path(), why));
    report.serverPosition = top;
    report.durationMs = double(timer.nsecsElapsed()) / 1e6;
    report.applyMs = report.durationMs - report.connectMs - report.pushMs - report.pullMs;
    portfolio.reloadTeamAccess(); // the role, and the member now that the book is here
    log::info(QStringLiteral("Synced %1 with the team book at %2: pushed %3, pulled %4, %5 conflicts, position %6")
                  .arg(portfolio.path(), report.server)
                  .arg(report.pushedTotal())
                  .arg(report.pulledTotal())
                  .arg(report.conflicts.size())
                  .arg(top));
    return report;
}

std::vector<ChangeLogEntry> changeLog(const QString &url, const QString &accountName, const QDate &since, int limit)
{
    PgConnection db(url);
    requireBook(db, url, true);
    QStringList where;
    QStringList params;
    if (!accountName.isEmpty()) {
        params << accountName.trimmed().toLower();
        where << QStringLiteral("lower(a.data->>'name') = $%1").arg(params.size());
    }
    if (since.isValid()) {
        params << since.toString(Qt::ISODate);
        where << QStringLiteral("c.changed_at >= $%1::date").arg(params.size());
    }
    params << QString::number(limit);
    const QString sql = QStringLiteral("SELECT c.change_no, c.kind, c.key, coalesce(c.account_uuid, ''), coalesce(a.data->>'name', ''), c.op, "
                                       "coalesce(c.data::text, ''), c.changed_by, c.login, %1 FROM keystone.changes c "
                                       "LEFT JOIN keystone.accounts a ON a.key = c.account_uuid %2 ORDER BY c.change_no DESC LIMIT $%3::int")
                            .arg(utc(QStringLiteral("c.changed_at")),
                                 where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND ")))
                            .arg(params.size());
    const PgResult r = db.exec(sql, params);
    std::vector<ChangeLogEntry> out;
    for (int i = 0; i < r.rows(); ++i) {
        ChangeLogEntry e;
        e.changeNo = r.text(i, 0).toLongLong();
        e.kind = r.text(i, 1);
        e.key = r.text(i, 2);
        e.accountUuid = r.text(i, 3);
        e.account = r.text(i, 4);
        e.op = r.text(i, 5);
        const ExchangeTable *t = storage::exchangeTable(e.kind);
        const auto data = SyncStore::parseObject(r.bytes(i, 6));
        e.label = t ? (data ? SyncStore::labelOf(*t, *data) : t->entity) : e.kind;
        e.changedBy = r.text(i, 7);
        e.login = r.text(i, 8);
        e.changedAt = QDateTime::fromString(r.text(i, 9), Qt::ISODateWithMs);
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace keystone::team
