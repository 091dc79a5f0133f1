// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once
// What keystone-bench's measures share: the summary of a measure's runs, the raw SQLite
// floors, each measure's peak memory, and the names --only chooses from.

#include <QElapsedTimer>
#include <QString>
#include <QStringList>

#include <map>
#include <string>
#include <vector>

namespace keystone::bench {

// The groups of measures --only chooses from.
inline constexpr const char *kGroups = "generate,open,filter,whitespace,map,health,qbr,window,book,csv,json,team";

struct Stats {
    double median = 0, min = 0, max = 0;
    std::map<std::string, double> extra;
};

// The median, least and most of a measure's runs (all zero when it did not run).
Stats summarise(std::vector<double> samples);
double msSince(const QElapsedTimer &t);

// What a group of measures that lives in its own file hands back: milliseconds per run of
// each measure, its extra figures, its peak memory in MB, or what failed (nothing is
// reported then).
struct GroupResult {
    std::map<std::string, std::vector<double>> times;
    std::map<std::string, std::map<std::string, double>> extra;
    std::map<std::string, double> peaks;
    QString error;
};

// One integer from a query, through the plain C API.
qint64 rawScalar(const QString &path, const char *sql);
// The floor for open_portfolio: the portfolio model's rows read with the SQLite C API alone,
// no conversion. A negative time (after printing why) when SQLite refuses, so a failed read
// can never pass for a fast one.
double rawSelect(const QString &path, qint64 *rowsOut);

// The process's peak resident memory over its life, in KB.
long peakRssKb();
// Peak memory of one measure: Linux resets the process's high-water mark (VmHWM) to what is
// resident now when "5" is written to /proc/self/clear_refs, so each measure's peak is read
// after a reset just before it. Elsewhere (no /proc) the figure is the process's overall peak.
void resetPeak();
double peakMb();

// The measures of each group, so --only takes either (a measure runs its group; the report
// keeps what was asked for). A name ending in '*' stands for every measure it begins.
const std::map<QString, QStringList> &groupMeasures();
bool nameMatches(const QString &pattern, const QString &name);

} // namespace keystone::bench
