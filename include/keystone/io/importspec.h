// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/io/values.h"

#include <QChar>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace keystone::io {

// What a CSV file holds (keystone-cli import --kind KIND).
enum class ImportKind { Accounts, Contacts, Opportunities, Activities, ArrHistory, HealthInputs };
QString importKindKey(ImportKind kind);  // "accounts", "contacts", "opportunities", "activities", "arr_history", "health_inputs"
QString importKindName(ImportKind kind); // "Accounts", ..., "ARR history", "Health inputs"
std::optional<ImportKind> parseImportKind(const QString &key);
std::vector<ImportKind> importKinds();

enum class FieldType { Text, Amount, WholeNumber, Number, Percent, Date, Bool, Choice };

// A field a column can be mapped to. `headers` are the column names recognised without a
// mapping (Salesforce Data Loader API names, report-export labels, Keystone's own export),
// compared ignoring case, spaces, '_' and punctuation.
struct ImportField {
    QString key;
    QString label;
    FieldType type = FieldType::Text;
    QStringList headers;
    QString help;
};
const std::vector<ImportField> &importFields(ImportKind kind);
const ImportField *findImportField(ImportKind kind, const QString &key);

// Which fields a file must map, as groups of alternatives: each inner list needs one of its
// fields ({"name"} or {"account_source_id", "account_name"}).
std::vector<QStringList> requiredFieldGroups(ImportKind kind);

// Headers recognised on sight that Keystone deliberately does not import, with the reason
// shown beside them in the mapping ("AnnualRevenue": the company's revenue, not ARR).
QString ignoredHeaderReason(ImportKind kind, const QString &header);

// How one file maps to fields: a field key per column (empty = not imported), and how its
// values are written. Saved and reused as JSON (keystone-cli import --mapping map.json).
struct ImportMapping {
    ImportKind kind = ImportKind::Accounts;
    QStringList header;  // the file's header, to match saved columns by name
    QStringList fields;  // parallel to header
    DateFormat dateFormat = DateFormat::Auto;
    DecimalMark decimalMark = DecimalMark::Auto;
    std::optional<QChar> delimiter; // detected when not set
    int columnOf(const QString &field) const; // -1 when not mapped
    bool operator==(const ImportMapping &) const = default;
};

// Maps every header that importFields() recognises; other columns stay unmapped.
ImportMapping autoMapping(ImportKind kind, const QStringList &header);

// The fields the mapping misses, one message per missing group ("needs a column for the
// account: AccountId or Account Name"); empty when the mapping can import.
QStringList mappingProblems(const ImportMapping &mapping);

// The saved form: {"format": "keystone-csv-mapping", "version": 1, "kind": "contacts",
// "columns": {"Header": "field", ...}, "date_format": "auto", "decimal_mark": "auto",
// "delimiter": ","}. applySavedMapping() maps the file's header by column name; columns the
// saved mapping does not name are auto-mapped. Throws MappingError naming what is wrong.
struct MappingError {
    QString message;
};
QByteArray mappingToJson(const ImportMapping &mapping);
ImportMapping applySavedMapping(const QByteArray &json, const QStringList &header, std::optional<ImportKind> kind = std::nullopt);

// Header comparison key: lower case, letters and digits only ("Account_Name__c" -> "accountnamec").
QString headerKey(const QString &header);

} // namespace keystone::io
