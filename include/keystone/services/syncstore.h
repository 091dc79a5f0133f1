// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QSet>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace keystone::storage {
struct ExchangeTable;
}

namespace keystone::services {

class Portfolio;

// The local half of the team book (docs/team.md): which server and book the file is bound to,
// what it changed since it last agreed with the server, and applying what the server holds.
// No network here: keystone_team talks to the server and calls this.
//
// An entity of the team book is one row of an exchange table (docs/json-format.md): a key (its
// uuid, or a JSON array of its natural key), the account it belongs to, and its fields as a
// JSON object named as in the exchange format (references as uuids).

struct SyncBinding {
    QString server;   // the connection URL, never with a password
    QString bookUuid; // the team book's uuid
    qint64 position = 0; // the server's change number pulled up to
    QString lastSyncAt;  // UTC, ISO
};

// One entity that changed here since the file last agreed with the server.
struct LocalChange {
    QString key;
    QString accountUuid; // empty when the entity belongs to no account (or was deleted: see the server's)
    QString label;       // the entity, named for messages
    bool deleted = false;
    bool unchanged = false; // as agreed, listed only because it refers to one of `referring`
    QJsonObject mine;    // the fields now (empty when deleted)
    std::optional<QJsonObject> base; // the fields as last agreed (none: new here)
    qint64 place = 0;    // where the row is here, for the change tracking
    QString mineText;    // canonical(mine)
};

// What the server holds of one entity now (or that it deleted it).
struct ServerRow {
    QString key;
    std::optional<QJsonObject> data; // none: deleted on the server
    QString changedBy;
    QString changedAt;
    // The fields a local edit is measured from when this row is applied; none: the file's own
    // base (a pull). After a push: what was pushed, so a later edit here is kept.
    std::optional<QJsonObject> pushed;
    // Put the entity back exactly as the server holds it (or remove it here when the server
    // has none): a change here that the server refused, or a deletion here that was not
    // pushed because the entity changed there.
    bool restore = false;
    qint64 place = 0; // after a push: where the row is here (LocalChange::place)
    // canonical(data) when known; with `asPushed`, data is exactly what this sync pushed
    // from here (nothing to write here, only to agree).
    QString text;
    bool asPushed = false;
};

struct SyncConflict {
    qint64 id = 0;
    QString table;       // exchange table ("accounts", "contacts", ...)
    QString key;
    QString accountUuid;
    QString account;     // the account's name here (empty when none)
    QString label;
    QString field;       // exchange field, "(deleted)" or "(all)"
    QString mine;        // JSON text ("" when none)
    QString theirs;      // JSON text
    QString kept;        // "mine" or "theirs"
    QString reason;
    QString changedBy;
    QString changedAt;
    QString foundAt;
    QString resolved;    // "" while open, else "mine" or "theirs"
};

struct ApplyReport {
    std::map<QString, int> upserted; // by table
    std::map<QString, int> deleted;
    QStringList skipped;             // rows that could not be applied here, and why
    std::vector<SyncConflict> conflicts; // found while applying (deleted there, changed here)
    QList<qint64> accounts;          // accounts touched
    int total() const;
};

class SyncStore
{
public:
    explicit SyncStore(Portfolio &portfolio);
    ~SyncStore();

    // The tables a team book carries, in dependency order (an entity after what it refers to).
    static const std::vector<const storage::ExchangeTable *> &tables();

    std::optional<SyncBinding> binding();
    // Binds the file to a book, or moves its position (the caller's transaction, or its own).
    void setBinding(const SyncBinding &binding);
    // Whether the file holds no accounts (a new file, ready for a first pull).
    bool holdsNoAccounts();
    // Forgets the binding and every agreed row (Disconnect); conflicts stay listed.
    void unbind();
    // Who signed in for the last sync and with which role ("lead", "am", "viewer"), for
    // Portfolio::teamAccess(): kept with the binding, cleared by unbind().
    void setSignedIn(const QString &member, const QString &memberUuid, const QString &role);

    // Starts a sync's look at what changed here: the change tracking's marks up to now are the
    // ones localChanges() reads and apply() clears. Returns the last mark.
    qint64 beginChanges();
    // After beginChanges(): nothing was written here since the file last agreed with the
    // server (the tracking holds no marks), so there is nothing to push.
    bool nothingToSend();
    // The health scores of the accounts the last apply touched in a way a score reads, stored
    // after the apply's transaction: scored with reads only, then written in a short
    // transaction (scored again inside it when another connection wrote meanwhile). The list
    // is kept in the file until then, so a sync killed between the two is finished by the
    // next. `meanwhile` (tests) runs between the scoring and the storing, as another
    // connection's edits would. Returns how many accounts were rescored.
    int rescorePending(const std::function<void()> &meanwhile = {});
    // Every entity of `table` that differs from what was last agreed (all of them before the
    // first sync), then those deleted here. Settings that belong to the file are left out.
    // Once the file has agreed with the server, only the rows the change tracking marked are
    // read (`fullScan`: every row, as before the first sync; tests compare the two).
    // With `referring`, entities unchanged here that refer to one of those uuids are listed
    // too (marked unchanged): what hangs off an entity the sync brings back.
    std::vector<LocalChange> localChanges(const storage::ExchangeTable &table, const QSet<QString> &referring = {}, bool fullScan = false);
    // How many entities changed here since the last sync, over every table: read from the
    // change tracking's marks, so it costs what changed, not the book. nullopt when the file
    // has not agreed with the server yet (counting would compare every row: the window's
    // status line must not).
    std::optional<int> pendingCount();

    // Applies what the server holds, in one transaction with the new position (if given) and
    // the conflicts (if any): for each row, fields edited here since `pushed` (or the agreed
    // base) stay as they are here, every other field takes the server's value; the server's
    // row becomes the agreed base. A deletion removes the entity here unless it was edited
    // here since (then it stays and a conflict is listed). Refreshes the caches of the
    // accounts touched; history lines of pulled changes carry the teammate's name.
    ApplyReport apply(const std::vector<std::pair<const storage::ExchangeTable *, std::vector<ServerRow>>> &rows,
                      std::optional<qint64> newPosition, const std::vector<SyncConflict> &conflicts = {});

    std::vector<SyncConflict> conflicts(bool includeResolved = false);
    std::optional<SyncConflict> conflict(qint64 id);
    // Keep mine: the field takes my value again here (the next sync pushes it). Keep theirs:
    // the conflict is closed, the server's value stays. Throws ValidationError for an unknown
    // or already resolved id.
    void resolve(qint64 id, bool keepMine);

    // The canonical text of an entity's fields (what the base stores and compares).
    static QString canonical(const QJsonObject &data);
    // One field's value as JSON text ("" for none), and a JSON object read back (none when
    // the text is not one).
    static QString fieldText(const QJsonValue &value);
    static std::optional<QJsonObject> parseObject(const QByteArray &text);
    static std::optional<QJsonObject> parseObject(const QString &text);
    static QString keyOf(const storage::ExchangeTable &table, const QJsonObject &data);
    static QString accountOf(const storage::ExchangeTable &table, const QJsonObject &data);
    static QString labelOf(const storage::ExchangeTable &table, const QJsonObject &data);
    // The fields a key names (the uuid, or the natural key's fields), to find the entity.
    static QJsonObject keyFields(const storage::ExchangeTable &table, const QString &key);
    // The column the change tracking places rows of `table` by ("rowid", "activity_id", or
    // empty: the whole table).
    static QString trackingColumn(const storage::ExchangeTable &table);

private:
    QSet<qint64> pendingRescore();
    // Whether a change-tracking mark after `after` reaches these accounts' scores.
    bool marksReach(qint64 after, const QList<qint64> &accountIds);
    void setPendingRescore(const QSet<qint64> &ids);
    QString accountName(const QString &uuid, QHash<QString, QString> &cache);
    qint64 placeOf(const storage::ExchangeTable &table, qint64 id, const QJsonObject &data);
    qint64 m_marksUpTo = -1;
    int m_cacheKiB = 2000;
    struct Impl;
    Portfolio &m_portfolio;
    std::unique_ptr<Impl> d;
};

} // namespace keystone::services
