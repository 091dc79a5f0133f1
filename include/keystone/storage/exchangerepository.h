// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace keystone::storage {

class Database;
class RawStatement;

// The tables a JSON exchange file carries, described once: their columns, how an entity is
// identified across files (its uuid, or a natural key of references and values), which
// columns refer to other entities (written as the other entity's uuid), and which are
// cached (left out, recomputed after an import). The SQL of the exchange is built from
// these descriptions; table and column names never come from the file.
struct ExchangeColumn {
    QString name;     // SQL column
    QString json;     // the field in the file: the column, with "_id" dropped for references
    QString refTable; // for references: the table of the entity referred to (which has a uuid)
    bool isRef() const { return !refTable.isEmpty(); }
};

struct ExchangeTable {
    QString table;      // SQL table
    QString collection; // the array in the file
    QString entity;     // "account", "contact", ... (for messages)
    bool hasUuid = false;
    bool hasId = true;          // false for link tables WITHOUT ROWID
    bool hasUpdatedAt = false;  // a modification time to merge by
    bool hasNameKey = false;    // a name_key column derived from "name"
    bool portfolioLevel = false; // settings and scorecards: only for a whole-portfolio exchange
    QStringList key;            // natural key columns (when there is no uuid)
    QString accountFilter;      // SQL over the table alias t, with ?1 = JSON array of account ids
    QString label;              // SQL over t naming the entity for a report ("t.name")
    std::vector<ExchangeColumn> columns;
    int columnIndex(const QString &name) const;
};

// In dependency order: an entity comes after every entity it refers to.
const std::vector<ExchangeTable> &exchangeTables();
const ExchangeTable *exchangeTable(const QString &collection);

// One row: values parallel to ExchangeTable::columns (references as uuid strings or null).
using ExchangeValues = QVariantList;

struct ExchangeMatch {
    qint64 id = 0; // 0 for link tables
    ExchangeValues values;
    QString label;
};

// Generic reads and writes of the exchanged tables, inside the caller's transaction.
class ExchangeRepository
{
public:
    explicit ExchangeRepository(Database &db);
    ~ExchangeRepository();
    Q_DISABLE_COPY_MOVE(ExchangeRepository)

    // Every row of `t`, or only those of these accounts (account-less tables: all rows).
    void read(const ExchangeTable &t, const std::optional<QList<qint64>> &accountIds,
              const std::function<void(const ExchangeValues &)> &row);
    // Every row of `t` with its place for the team book's change tracking (`column`: "rowid",
    // "activity_id", or empty for none: 0), or only the rows at these places.
    void readPlaced(const ExchangeTable &t, const QString &column, const std::optional<QList<qint64>> &places,
                    const std::function<void(const ExchangeValues &, qint64)> &row);
    // The local row with the same identity (uuid or natural key), if any.
    std::optional<ExchangeMatch> find(const ExchangeTable &t, const ExchangeValues &values);
    // The first reference that names no entity here: its column index, or -1. Self
    // references (contacts.reports_to) are checked by the caller after every row is in.
    int missingReference(const ExchangeTable &t, const ExchangeValues &values);
    std::optional<qint64> idOfUuid(const QString &table, const QString &uuid);
    // Writes a row. A self reference (a contact's manager) is written when the row it names
    // is here already, else as NULL, for setSelfReferences() once the rest are in: the caller
    // asks selfReferenceHere() first. Throws StorageError when a constraint refuses a value.
    qint64 insert(const ExchangeTable &t, const ExchangeValues &values);
    void update(const ExchangeTable &t, qint64 id, const ExchangeValues &values);
    // Whether the row a self reference names is here (insert() then writes it).
    bool selfReferenceHere(const ExchangeTable &t, const QVariant &value) { return !value.isNull() && idOfUuid(t.table, value.toString()).has_value(); }
    // The declared SQL type of each column of `t` ("INTEGER", "TEXT", "REAL"), for the
    // services' type checks of incoming values.
    QHash<QString, QString> declaredTypes(const ExchangeTable &t);
    // Sets the self-reference columns of rows written before (contacts' reports_to).
    void setSelfReferences(const ExchangeTable &t, qint64 id, const ExchangeValues &values);
    // Removes the local row with the same identity (uuid or natural key); its dependants go
    // as the schema says (ON DELETE CASCADE / SET NULL). Returns whether there was one.
    bool remove(const ExchangeTable &t, const ExchangeValues &values);
    // Account ids that the rows of `t` with these values belong to (for cache refreshes).
    qint64 accountOf(const ExchangeTable &t, const ExchangeValues &values);
    // Whether any of these rows of `t` (by id) belongs to one of the accounts, or is gone (its
    // account cannot be known any more). A table that belongs to no account reaches them all.
    bool reachesAccounts(const ExchangeTable &t, const QList<qint64> &rowIds, const QList<qint64> &accountIds);

private:
    // How a self reference is bound: as NULL, as its row's id when that row is here (else
    // NULL), or as its row's id (else a StorageError).
    enum class Self { AsNull, IfHere, Required };
    QVariant bindable(const ExchangeTable &t, const ExchangeColumn &c, const QVariant &v, Self self);
    RawStatement &statement(const QString &sql); // prepared once per repository
    // Each table's statements and column places, worked out at its first row (the import
    // writes a million rows through a handful of statements).
    struct TableSql {
        RawStatement *insert = nullptr;
        RawStatement *update = nullptr;
        RawStatement *find = nullptr;
        int uuidCol = -1;
        int nameCol = -1;
    };
    TableSql &tableSql(const ExchangeTable &t);
    Database &m_db;
    QHash<const ExchangeTable *, TableSql> m_tableSql;
    std::map<QString, std::unique_ptr<RawStatement>> m_statements;
    QHash<QString, QHash<QString, qint64>> m_uuidCache;
    QHash<qint64, qint64> m_activityAccounts; // activity id -> account id
};

// Source ids kept by imports (the entity's id in the CRM), per table of entities.
enum class SourceTable { Accounts, Contacts, Opportunities, Activities };

// What an import matches rows by, read for a whole table in one query: accounts by name,
// contacts by name or email within their account, opportunities by name within their
// account, activities by date, type and summary within their account.
struct SourceKey {
    qint64 id = 0;
    qint64 accountId = 0; // the row itself for accounts
    QString name;         // accounts, contacts, opportunities; the summary of an activity
    QString email;        // contacts
    QString date;         // activities (ISO)
    QString type;         // activities (key)
    QString sourceId;     // empty when none
    qint64 reportsTo = 0; // contacts: the manager's id (0 = none)
};

class SourceIdRepository
{
public:
    explicit SourceIdRepository(Database &db) : m_db(db) {}
    std::vector<SourceKey> keys(SourceTable table);
    void set(SourceTable table, qint64 id, const QString &sourceId);

private:
    Database &m_db;
};

} // namespace keystone::storage
