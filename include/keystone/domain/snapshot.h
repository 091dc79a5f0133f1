// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/validation.h"

#include <QDate>
#include <QDateTime>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace keystone::domain {

// A frozen copy of an account's plan under a label (e.g. 2026Q4), for QBR-to-QBR
// comparison. Values are kept as they read on the day (formatted text), so a snapshot
// means the same thing later whatever changes in the catalog, the team or the settings.
struct SnapshotItem {
    QString key;   // stable across snapshots: the item's uuid, or a fixed key
    QString title; // what it is called (the priority's text, "Account")
    std::vector<std::pair<QString, QString>> fields; // field name -> value, in display order
    bool operator==(const SnapshotItem &) const = default;
};

struct SnapshotSection {
    QString name; // "Summary", "Priorities", "Risks", "Actions", "Relationship map"
    std::vector<SnapshotItem> items;
    bool operator==(const SnapshotSection &) const = default;
};

struct PlanSnapshot {
    qint64 id = 0;
    qint64 accountId = 0;
    QString label;
    QDateTime takenAt; // UTC
    std::vector<SnapshotSection> sections;
    const SnapshotSection *section(const QString &name) const;
    bool operator==(const PlanSnapshot &) const = default;
};

// Label rules: 1-40 characters, no line breaks.
FieldErrors validateSnapshotLabel(const QString &label);
// "2026Q4" for a date in October to December 2026.
QString quarterLabel(const QDate &date);

// Sections as JSON (the stored form) and back; nullopt when the text is not a snapshot.
QString snapshotContentJson(const PlanSnapshot &s);
std::optional<std::vector<SnapshotSection>> parseSnapshotContent(const QString &json);

// What changed from `a` to `b`: items added and removed (matched by key within a section)
// and every field whose value differs, in the order of `b` (removed items after).
struct SnapshotChange {
    enum class Kind { Added, Removed, Changed };
    QString section;
    QString item;
    Kind kind = Kind::Changed;
    QString field;  // for Changed
    QString before; // for Changed
    QString after;  // for Changed
};
QString snapshotChangeKindKey(SnapshotChange::Kind kind); // "added", "removed", "changed"
std::vector<SnapshotChange> compareSnapshots(const PlanSnapshot &a, const PlanSnapshot &b);

} // namespace keystone::domain
