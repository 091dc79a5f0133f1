// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/domain/snapshot.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace keystone::domain {

const SnapshotSection *PlanSnapshot::section(const QString &name) const
{
    for (const SnapshotSection &s : sections)
        if (s.name == name)
            return &s;
    return nullptr;
}

FieldErrors validateSnapshotLabel(const QString &label)
{
    const QString t = label.trimmed();
    if (t.isEmpty())
        return {{QStringLiteral("label"), QCoreApplication::translate("keystone::domain", "A snapshot needs a label, e.g. 2026Q4")}};
    if (t.size() > 40)
        return {{QStringLiteral("label"), QCoreApplication::translate("keystone::domain", "A snapshot label is at most 40 characters")}};
    if (t.contains(QLatin1Char('\n')) || t.contains(QLatin1Char('\r')))
        return {{QStringLiteral("label"), QCoreApplication::translate("keystone::domain", "A snapshot label is one line")}};
    return {};
}

QString quarterLabel(const QDate &date)
{
    return QStringLiteral("%1Q%2").arg(date.year()).arg((date.month() - 1) / 3 + 1);
}

QString snapshotContentJson(const PlanSnapshot &s)
{
    QJsonArray sections;
    for (const SnapshotSection &sec : s.sections) {
        QJsonArray items;
        for (const SnapshotItem &item : sec.items) {
            QJsonArray fields;
            for (const auto &[name, value] : item.fields)
                fields.append(QJsonArray{name, value});
            items.append(QJsonObject{{QStringLiteral("key"), item.key}, {QStringLiteral("title"), item.title}, {QStringLiteral("fields"), fields}});
        }
        sections.append(QJsonObject{{QStringLiteral("name"), sec.name}, {QStringLiteral("items"), items}});
    }
    return QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("sections"), sections}})
                                 .toJson(QJsonDocument::Compact));
}

std::optional<std::vector<SnapshotSection>> parseSnapshotContent(const QString &json)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject() || doc.object().value(QStringLiteral("version")).toInt() != 1)
        return std::nullopt;
    std::vector<SnapshotSection> out;
    for (const QJsonValue &sv : doc.object().value(QStringLiteral("sections")).toArray()) {
        SnapshotSection sec;
        sec.name = sv.toObject().value(QStringLiteral("name")).toString();
        for (const QJsonValue &iv : sv.toObject().value(QStringLiteral("items")).toArray()) {
            const QJsonObject o = iv.toObject();
            SnapshotItem item;
            item.key = o.value(QStringLiteral("key")).toString();
            item.title = o.value(QStringLiteral("title")).toString();
            for (const QJsonValue &fv : o.value(QStringLiteral("fields")).toArray()) {
                const QJsonArray pair = fv.toArray();
                item.fields.emplace_back(pair.at(0).toString(), pair.at(1).toString());
            }
            sec.items.push_back(std::move(item));
        }
        out.push_back(std::move(sec));
    }
    return out;
}

QString snapshotChangeKindKey(SnapshotChange::Kind kind)
{
    switch (kind) {
    case SnapshotChange::Kind::Added: return QStringLiteral("added");
    case SnapshotChange::Kind::Removed: return QStringLiteral("removed");
    case SnapshotChange::Kind::Changed: return QStringLiteral("changed");
    }
    return {};
}

std::vector<SnapshotChange> compareSnapshots(const PlanSnapshot &a, const PlanSnapshot &b)
{
    std::vector<SnapshotChange> out;
    static const SnapshotSection empty;
    auto itemsByKey = [](const SnapshotSection &s) {
        QHash<QString, const SnapshotItem *> m;
        for (const SnapshotItem &i : s.items)
            m.insert(i.key, &i);
        return m;
    };
    // Sections in b's order, then any only in a.
    std::vector<QString> names;
    for (const SnapshotSection &s : b.sections)
        names.push_back(s.name);
    for (const SnapshotSection &s : a.sections)
        if (!b.section(s.name))
            names.push_back(s.name);
    for (const QString &name : names) {
        const SnapshotSection &sa = a.section(name) ? *a.section(name) : empty;
        const SnapshotSection &sb = b.section(name) ? *b.section(name) : empty;
        const auto inA = itemsByKey(sa);
        const auto inB = itemsByKey(sb);
        for (const SnapshotItem &ib : sb.items) {
            const SnapshotItem *ia = inA.value(ib.key);
            if (!ia) {
                out.push_back({name, ib.title, SnapshotChange::Kind::Added, {}, {}, {}});
                continue;
            }
            QHash<QString, QString> before;
            for (const auto &[f, v] : ia->fields)
                before.insert(f, v);
            for (const auto &[f, v] : ib.fields) {
                const QString old = before.value(f);
                if (old != v)
                    out.push_back({name, ib.title, SnapshotChange::Kind::Changed, f, old, v});
            }
        }
        for (const SnapshotItem &ia : sa.items)
            if (!inB.contains(ia.key))
                out.push_back({name, ia.title, SnapshotChange::Kind::Removed, {}, {}, {}});
    }
    return out;
}

} // namespace keystone::domain
