// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

// The QBR's sections (qbr.cpp assembles them): what each one reads, the blocks it writes,
// and the small helpers they share. Internal to the services library.

#include "keystone/domain/relationship.h"
#include "keystone/domain/money.h"
#include "keystone/domain/opportunity.h"
#include "keystone/domain/snapshot.h"
#include "keystone/domain/whitespace.h"
#include "keystone/services/accountoverview.h"
#include "keystone/services/healthservice.h"
#include "keystone/services/planservice.h"
#include "keystone/services/qbr.h"
#include "keystone/services/relationshipservice.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>

#include <optional>
#include <utility>
#include <vector>

namespace keystone::services::qbrsections {

inline QString tr(const char *text)
{
    return QCoreApplication::translate("keystone::services", text);
}

inline QString num(const std::optional<double> &v)
{
    return v ? QLocale::c().toString(*v, 'g', 10) : QStringLiteral("–");
}

inline QString percent(double fraction)
{
    return QStringLiteral("%1%").arg(fraction * 100, 0, 'f', 0);
}

inline QbrBlock table(const QString &heading, QStringList headers, std::vector<double> widths)
{
    QbrBlock b;
    b.kind = QbrBlock::Kind::Table;
    b.heading = heading;
    b.table.headers = std::move(headers);
    b.table.widths = std::move(widths);
    return b;
}

inline QbrBlock paragraph(const QString &text)
{
    QbrBlock b;
    b.kind = QbrBlock::Kind::Paragraph;
    b.text = text;
    return b;
}

// "Nothing recorded" in words: kept in the internal version (the gap is worth knowing),
// left out of the customer's (where a section with nothing to say goes).
inline QbrBlock nothingYet(const QString &text)
{
    QbrBlock b = paragraph(text);
    b.nothingYet = true;
    return b;
}

inline QbrBlock figures(std::vector<std::pair<QString, QString>> f)
{
    QbrBlock b;
    b.kind = QbrBlock::Kind::Figures;
    b.figures = std::move(f);
    return b;
}

inline QbrBlock bullets(const QString &heading, QStringList lines)
{
    QbrBlock b;
    b.kind = QbrBlock::Kind::Bullets;
    b.heading = heading;
    b.bullets = std::move(lines);
    return b;
}

// Everything the builders read, loaded once. The customer builders use only the fields a
// customer may see; the internal ones use all of it.
struct Sources {
    AccountRow row;
    AccountPlan plan;
    AccountHealth health;
    std::vector<domain::HealthInputs> inputs; // oldest first
    StakeholderMap map;
    std::vector<domain::WhitespaceCell> cells;
    QHash<qint64, QString> products;
    QHash<qint64, QString> centers;
    std::vector<domain::Opportunity> opportunities;
    std::vector<domain::Activity> quarterActivities; // dated in the quarter, up to asOf
    // Internal: what changed since the snapshot labelled with the quarter before (none when
    // it was not taken), against the plan as it stands on asOf.
    std::optional<domain::PlanSnapshot> lastSnapshot, nowSnapshot;
    domain::QbrSummary summary; // the written summary shown
    bool summaryStored = false;
    QHash<qint64, QString> team;
    QString currency;
    QString dateFormat = QStringLiteral("yyyy-MM-dd"); // qbrDateFormat(options.locale)
    QDate asOf;
    QDate quarterStart;
    QDate quarterEnd;
};

// A date as the review's reader writes it (ISO 8601 unless a locale was chosen).
inline QString date(const Sources &s, const QDate &d)
{
    return d.isValid() ? d.toString(s.dateFormat) : QStringLiteral("–");
}

inline QString person(const Sources &s, qint64 id)
{
    return id > 0 ? s.team.value(id) : QString();
}

inline QString money(const Sources &s, qint64 cents)
{
    return domain::formatMoney(cents, s.currency);
}

// The sections, each from the sources alone. The customer's versions use only what a
// customer may see.
QbrPart summary(const Sources &s, QbrAudience audience);
QbrPart successPlan(const Sources &s, QbrAudience audience);
QbrPart value(const Sources &s);
QbrPart usage(const Sources &s);
QbrPart relationships(const Sources &s, QbrAudience audience);
QbrPart risks(const Sources &s); // internal only
QbrPart expansion(const Sources &s, QbrAudience audience);
QbrPart actions(const Sources &s, QbrAudience audience);

// The written summary drafted from facts the customer may see (value delivered, active
// users, shared milestones, serious tickets), until someone writes one.
domain::QbrSummary draftSummary(const Sources &s);

} // namespace keystone::services::qbrsections
