// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/plan.h"
#include "keystone/services/accountoverview.h"

#include <QDate>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>
#include <utility>
#include <vector>

namespace keystone::services {

class Portfolio;

// A quarterly business review (domain.md section 12) as content: parts of headings, figures,
// tables, charts and text, already worded for its audience. The report library lays it out
// and paints it; it never sees the portfolio.
//
// The customer version is built from a customer view of the data: its builder never reads
// stance, influence, health bands and their explanation, whitespace money, competitor names,
// the risk register or internal notes, so none of them can reach the page.

enum class QbrAudience { Internal, Customer };
QString qbrAudienceKey(QbrAudience a); // "internal", "customer"
std::optional<QbrAudience> parseQbrAudience(const QString &text);

enum class QbrSection { Summary, SuccessPlan, Value, Usage, Relationships, Risks, Expansion, Actions };
constexpr int kQbrSectionCount = 8;
QString qbrSectionName(QbrSection s); // "Executive summary"
QString qbrSectionKey(QbrSection s);  // "summary"
std::optional<QbrSection> parseQbrSection(const QString &key);

// "2026Q4" -> 2026-10-01 .. 2026-12-31; nullopt for anything else.
std::optional<std::pair<QDate, QDate>> quarterRange(const QString &label);

struct QbrOptions {
    QString quarter;                    // "2026Q4"
    QbrAudience audience = QbrAudience::Internal;
    QString preparedBy;                 // empty: the account owner
    QDate today;                        // the figures' date; invalid: the quarter's last day or today, the earlier
    std::array<bool, kQbrSectionCount> sections{true, true, true, true, true, true, true, true};
    // The written summary to show (the QBR dialog's edits before they are stored); unset: the
    // one stored for the quarter, or else the draft from the data.
    std::optional<domain::QbrSummary> summary;
    // Dates as the reader writes them: a locale name ("en_US", "de_DE"); empty: ISO 8601
    // (2026-12-29), the default.
    QString locale;
};

struct QbrTable {
    QStringList headers;
    std::vector<double> widths; // relative column widths
    std::vector<QStringList> rows;
    bool operator==(const QbrTable &) const = default;
};

struct QbrSeries {
    QString name;
    std::vector<std::pair<QDate, double>> points;
    bool reference = false; // a reference line (licensed seats): drawn grey, the others in colour
    bool operator==(const QbrSeries &) const = default;
};

struct QbrChart {
    QString title;
    QString yLabel;
    QString xLabel;
    std::vector<QbrSeries> series; // drawn as lines over months
    double yMax = 0;                // 0: from the data
    QDate markFrom, markTo;         // a span shaded and labelled (the review's quarter); invalid: none
    QString markLabel;
    bool operator==(const QbrChart &) const = default;
};

struct QbrBlock {
    enum class Kind { Paragraph, Figures, Table, Chart, Bullets };
    Kind kind = Kind::Paragraph;
    QString heading;                                     // optional small heading above it
    QString text;                                        // Paragraph
    std::vector<std::pair<QString, QString>> figures;    // Figures: label -> value
    QbrTable table;                                      // Table
    QbrChart chart;                                      // Chart
    QStringList bullets;                                 // Bullets
    bool nothingYet = false;                             // a "nothing recorded yet" line
    bool operator==(const QbrBlock &) const = default;
};

struct QbrPart {
    QbrSection section = QbrSection::Summary;
    QString title;
    std::vector<QbrBlock> blocks;
    bool operator==(const QbrPart &) const = default;
};

struct QbrData {
    QbrAudience audience = QbrAudience::Internal;
    QString account;
    QString quarter;     // "2026Q4"
    QString period;      // "1 Oct – 31 Dec 2026"
    QString preparedBy;
    QDate preparedOn;
    std::vector<QbrPart> parts;
    domain::QbrSummary summary; // the written summary shown in the executive summary
    bool summaryStored = false; // it is the one stored for the quarter (not the draft)
    QString dateFormat = QStringLiteral("yyyy-MM-dd"); // how its dates are written (a QDate format)
    bool operator==(const QbrData &) const = default;
};

// Builds the review of one account. Throws ValidationError for an unknown account or a bad
// quarter label (field "quarter").
QbrData buildQbr(Portfolio &portfolio, qint64 accountId, const QbrOptions &options);
// The same from the account's row (batches take the rows from one loadAccountOverview()).
QbrData buildQbr(Portfolio &portfolio, const AccountRow &row, const QbrOptions &options);

// The date format of a locale ("en_US" -> "M/d/yyyy", "de_DE" -> "dd.MM.yyyy"): its short
// form with the year in four digits; an empty name gives ISO 8601 ("yyyy-MM-dd"). nullopt
// for a name that is no locale.
std::optional<QString> qbrDateFormat(const QString &locale);

// The written summary drafted from the data, from what the customer may see (the summary is
// the same in both versions): value delivered in the quarter, active users against the
// quarter before, the shared milestones reached and those late, and the support load against
// the quarter before. Throws as buildQbr().
domain::QbrSummary draftQbrSummary(Portfolio &portfolio, qint64 accountId, const QbrOptions &options);

// `<account>-<quarter>-<audience>.pdf` with characters that file systems refuse replaced.
QString qbrFileName(const QString &account, const QString &quarter, QbrAudience audience);

} // namespace keystone::services
