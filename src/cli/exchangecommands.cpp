// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Data in and out: import (CSV with a mapping, or a JSON exchange file) and export.
#include "commands.h"
#include "jsonviews.h"

#include "keystone/io/csv.h"
#include "keystone/io/importspec.h"
#include "keystone/services/exchangeservice.h"
#include "keystone/services/importservice.h"
#include "keystone/services/outputfile.h"
#include "keystone/services/history.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/validationerror.h"
#include "keystone/services/backups.h"
#include "keystone/services/queries.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cmath>
#include <functional>

namespace keystone::cli {

namespace {

QString issueText(const services::ImportIssue &i)
{
    QString where = QStringLiteral("row %1").arg(i.row);
    if (i.line != i.row)
        where += QStringLiteral(" (line %1)").arg(i.line);
    if (!i.column.isEmpty())
        where += QStringLiteral(", column \"%1\"").arg(i.column);
    if (!i.value.isEmpty())
        where += QStringLiteral(", value \"%1\"").arg(i.value.left(60));
    return QStringLiteral("%1: %2").arg(where, i.message);
}

int runImportCsv(QCommandLineParser &p, const QString &file, QTextStream &out, QTextStream &err)
{
    if (!p.isSet(QStringLiteral("kind")))
        throw UsageProblem{QStringLiteral("--kind is required with --csv (accounts, contacts, opportunities, activities, arr_history or health_inputs)")};
    const auto kind = io::parseImportKind(p.value(QStringLiteral("kind")));
    if (!kind)
        throw UsageProblem{QStringLiteral("--kind must be accounts, contacts, opportunities, activities, arr_history or health_inputs, not '%1'")
                               .arg(p.value(QStringLiteral("kind")))};
    services::CsvImportRequest request;
    if (p.isSet(QStringLiteral("on-duplicate"))) {
        const auto policy = services::parseDuplicatePolicy(p.value(QStringLiteral("on-duplicate")));
        if (!policy)
            throw UsageProblem{QStringLiteral("--on-duplicate must be update, skip or create, not '%1'").arg(p.value(QStringLiteral("on-duplicate")))};
        request.onDuplicate = *policy;
    }
    request.dryRun = p.isSet(QStringLiteral("dry-run"));
    std::optional<QChar> delimiter;
    if (p.isSet(QStringLiteral("delimiter"))) {
        QString d = p.value(QStringLiteral("delimiter"));
        if (d == QLatin1String("tab") || d == QLatin1String("\\t"))
            d = QStringLiteral("\t");
        if (d.size() != 1)
            throw UsageProblem{QStringLiteral("--delimiter must be one character (such as , or ;) or 'tab', not '%1'").arg(p.value(QStringLiteral("delimiter")))};
        delimiter = d.at(0);
    }
    const QString csvPath = p.value(QStringLiteral("csv"));
    QByteArray mappingJson;
    if (p.isSet(QStringLiteral("mapping"))) {
        QFile f(p.value(QStringLiteral("mapping")));
        if (!f.open(QIODevice::ReadOnly))
            throw DataProblem{QStringLiteral("--mapping %1 cannot be read (%2)").arg(f.fileName(), f.errorString())};
        mappingJson = f.readAll();
    }
    // The file is read as the import goes (memory does not grow with its size).
    QFile csvFile(csvPath);
    if (!csvFile.open(QIODevice::ReadOnly))
        throw DataProblem{QStringLiteral("--csv %1 cannot be read (%2)").arg(csvPath, csvFile.errorString())};
    const QString csvName = QFileInfo(csvPath).fileName();
    std::unique_ptr<io::CsvReader> reader;
    try {
        // A saved mapping may name the delimiter; read the header first to apply it.
        io::CsvOptions options;
        options.delimiter = delimiter;
        reader = std::make_unique<io::CsvReader>(csvFile, options);
        if (!mappingJson.isEmpty()) {
            request.mapping = io::applySavedMapping(mappingJson, reader->header(), kind);
            if (request.mapping.delimiter && !delimiter && *request.mapping.delimiter != reader->delimiter()) {
                reader->setDelimiter(*request.mapping.delimiter);
                request.mapping = io::applySavedMapping(mappingJson, reader->header(), kind);
            }
        } else {
            request.mapping = io::autoMapping(*kind, reader->header());
        }
    } catch (const io::CsvError &e) {
        throw DataProblem{QStringLiteral("--csv %1: %2").arg(csvName, e.message)};
    } catch (const io::MappingError &e) {
        throw DataProblem{QStringLiteral("--mapping %1: %2").arg(p.value(QStringLiteral("mapping")), e.message)};
    }
    if (p.isSet(QStringLiteral("date-format"))) {
        const auto f = io::parseDateFormat(p.value(QStringLiteral("date-format")));
        if (!f)
            throw UsageProblem{QStringLiteral("--date-format must be auto, iso, us or european, not '%1'").arg(p.value(QStringLiteral("date-format")))};
        request.mapping.dateFormat = *f;
    }
    if (p.isSet(QStringLiteral("decimal-mark"))) {
        const auto m = io::parseDecimalMark(p.value(QStringLiteral("decimal-mark")));
        if (!m)
            throw UsageProblem{QStringLiteral("--decimal-mark must be auto, point or comma, not '%1'").arg(p.value(QStringLiteral("decimal-mark")))};
        request.mapping.decimalMark = *m;
    }
    request.mapping.delimiter = reader->delimiter();
    if (p.isSet(QStringLiteral("save-mapping")))
        services::writeOutputFile(p.value(QStringLiteral("save-mapping")), io::mappingToJson(request.mapping), replaceOption(p));
    auto portfolio = openForWriting(file);
    const QString backup = services::backupBeforeImport(*portfolio, request.dryRun);
    services::CsvImportReport r;
    try {
        r = services::ImportService(*portfolio).importCsv(*reader, request);
    } catch (const services::ImportRefused &e) {
        throw DataProblem{QStringLiteral("%1: %2").arg(csvName, e.message)};
    } catch (const io::CsvError &e) {
        // Found part way (a quote never closed): the transaction rolled back, nothing was written.
        throw DataProblem{QStringLiteral("--csv %1: %2; nothing was imported").arg(csvName, e.message)};
    }
    if (p.isSet(QStringLiteral("json"))) {
        json j{{"kind", s(io::importKindKey(r.kind))}, {"dry_run", r.dryRun}, {"rows", r.rows}, {"created", r.created},
               {"updated", r.updated}, {"unchanged", r.unchanged}, {"skipped", r.skipped}, {"rejected", r.rejected}, {"team_members_created", r.teamMembersCreated}, {"encoding", s(r.encoding)},
               {"delimiter", s(QString(reader->delimiter()))}, {"backup", s(backup)}, {"elapsed_ms", r.elapsedMs}, {"not_listed", r.notListed}};
        json rej = json::array(), warn = json::array(), dups = json::array(), mapped = json::object();
        for (const auto &i : r.rejections)
            rej.push_back(issueJson(i));
        for (const auto &i : r.warnings)
            warn.push_back(issueJson(i));
        for (const auto &d : r.duplicates)
            dups.push_back({{"row", d.row}, {"matched_by", s(d.matchedBy)}, {"existing", s(d.existing)}, {"action", s(d.action)}});
        for (int i = 0; i < request.mapping.header.size(); ++i)
            mapped[s(request.mapping.header.at(i))] = s(request.mapping.fields.value(i));
        j["rejections"] = rej;
        j["warnings"] = warn;
        j["duplicates"] = dups;
        j["mapping"] = mapped;
        out << QString::fromStdString(j.dump(2)) << '\n';
        return Ok;
    }
    out << QStringLiteral("%1%2: %3 rows read; %4 created, %5 updated, %6%7 skipped, %8 rejected%9\n")
               .arg(r.dryRun ? QStringLiteral("Dry run, nothing written. ") : QString(), io::importKindName(r.kind))
               .arg(r.rows).arg(r.created).arg(r.updated)
               .arg(r.unchanged > 0 ? QStringLiteral("%1 unchanged, ").arg(r.unchanged) : QString())
               .arg(r.skipped).arg(r.rejected)
               .arg(r.teamMembersCreated ? QStringLiteral("; %1 new team member(s)").arg(r.teamMembersCreated) : QString());
    if (!r.encoding.isEmpty())
        out << QStringLiteral("Encoding: %1\n").arg(r.encoding);
    for (const auto &i : r.rejections)
        err << QStringLiteral("rejected: %1\n").arg(issueText(i));
    for (const auto &i : r.warnings)
        err << QStringLiteral("note: %1\n").arg(issueText(i));
    for (const auto &d : r.duplicates)
        out << QStringLiteral("duplicate: row %1 matches %2 by %3: %4\n").arg(d.row).arg(d.existing, d.matchedBy, d.action);
    if (r.notListed > 0)
        out << QStringLiteral("%1 more rejection(s), note(s) or duplicate(s) were counted but not listed (each list stops at 10,000)\n").arg(r.notListed);
    if (!backup.isEmpty())
        out << QStringLiteral("Backup from before the import: %1\n").arg(backup);
    return Ok;
}

int runImportJson(QCommandLineParser &p, const QString &file, QTextStream &out, QTextStream &err)
{
    if (p.isSet(QStringLiteral("kind")) || p.isSet(QStringLiteral("mapping")) || p.isSet(QStringLiteral("on-duplicate")))
        throw UsageProblem{QStringLiteral("--kind, --mapping and --on-duplicate are for --csv; a JSON file merges by uuid")};
    QFile f(p.value(QStringLiteral("json-file")));
    if (!f.open(QIODevice::ReadOnly))
        throw DataProblem{QStringLiteral("--json %1 cannot be read (%2)").arg(f.fileName(), f.errorString())};
    auto portfolio = openForWriting(file);
    const QString backup = services::backupBeforeImport(*portfolio, p.isSet(QStringLiteral("dry-run")));
    services::ExchangeReport r;
    try {
        // Read as it is merged: memory stays flat whatever the file's size.
        r = services::ExchangeService(*portfolio).importJson(f, p.isSet(QStringLiteral("dry-run")));
    } catch (const services::ImportRefused &e) {
        throw DataProblem{QStringLiteral("%1: %2").arg(QFileInfo(f.fileName()).fileName(), e.message)};
    }
    if (p.isSet(QStringLiteral("json"))) {
        json counts = json::object();
        for (const auto &[name, c] : r.counts)
            counts[s(name)] = {{"added", c.added}, {"updated", c.updated}, {"unchanged", c.unchanged}, {"kept_here", c.keptHere}};
        json conflicts = json::array();
        for (const auto &c : r.conflicts)
            conflicts.push_back({{"collection", s(c.collection)}, {"key", s(c.key)}, {"label", s(c.label)}, {"field", s(c.field)},
                                 {"here", s(c.here)}, {"incoming", s(c.incoming)}, {"kept", s(c.kept)}});
        json errors = json::array();
        for (const QString &e : r.errors)
            errors.push_back(s(e));
        const json j{{"dry_run", r.dryRun}, {"source", s(r.source)}, {"exported_at", s(r.exportedAt)}, {"settings_imported", r.settingsImported},
                     {"added", r.total(&services::ExchangeCounts::added)}, {"updated", r.total(&services::ExchangeCounts::updated)},
                     {"unchanged", r.total(&services::ExchangeCounts::unchanged)}, {"kept_here", r.total(&services::ExchangeCounts::keptHere)},
                     {"counts", counts}, {"conflicts", conflicts}, {"errors", errors}, {"backup", s(backup)}, {"elapsed_ms", r.elapsedMs}};
        out << QString::fromStdString(j.dump(2)) << '\n';
        return r.errors.isEmpty() ? Ok : DataError;
    }
    if (!r.errors.isEmpty()) {
        err << QStringLiteral("keystone-cli import: %1 problem(s) in %2; nothing was imported:\n").arg(r.errors.size()).arg(f.fileName());
        for (const QString &e : r.errors)
            err << "  " << e << '\n';
        return DataError;
    }
    out << QStringLiteral("%1%2 added, %3 updated, %4 unchanged, %5 kept as they are here; %6 conflict(s)%7\n")
               .arg(r.dryRun ? QStringLiteral("Dry run, nothing written. ") : QString())
               .arg(r.total(&services::ExchangeCounts::added)).arg(r.total(&services::ExchangeCounts::updated))
               .arg(r.total(&services::ExchangeCounts::unchanged)).arg(r.total(&services::ExchangeCounts::keptHere))
               .arg(r.conflicts.size())
               .arg(r.settingsImported ? QStringLiteral("; settings and scorecards imported") : QString());
    for (const auto &c : r.conflicts)
        out << QStringLiteral("conflict: %1 %2, %3: here %4, file %5 -> kept %6\n").arg(c.collection, c.label.isEmpty() ? c.key : c.label, c.field, c.here, c.incoming, c.kept);
    return Ok;
}

int runImport(QCommandLineParser &p, QTextStream &out, QTextStream &err)
{
    const QString file = requireFile(p);
    const bool csv = p.isSet(QStringLiteral("csv"));
    const bool jsonFile = p.isSet(QStringLiteral("json-file"));
    if (csv == jsonFile)
        throw UsageProblem{QStringLiteral("give either --csv INPUT.csv (with --kind) or --json IN.json")};
    return csv ? runImportCsv(p, file, out, err) : runImportJson(p, file, out, err);
}

int runExport(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    const QString file = requireFile(p);
    const bool csv = p.isSet(QStringLiteral("csv"));
    const bool jsonOut = p.isSet(QStringLiteral("json"));
    if (csv == jsonOut)
        throw UsageProblem{QStringLiteral("give either --json OUT.json [--account NAME]... or --kind KIND --csv OUT.csv")};
    auto portfolio = openForReading(file);
    if (jsonOut) {
        if (p.isSet(QStringLiteral("kind")))
            throw UsageProblem{QStringLiteral("--kind is for --csv; --json writes every kind")};
        std::optional<QList<qint64>> ids;
        if (p.isSet(QStringLiteral("account"))) {
            ids.emplace();
            for (const QString &name : p.values(QStringLiteral("account"))) {
                const auto a = services::query::accountNamed(*portfolio, name);
                if (!a)
                    throw DataProblem{QStringLiteral("--account: no account named '%1' in %2").arg(name, portfolio->path())};
                ids->append(a->id);
            }
        }
        const QString target = p.value(QStringLiteral("json"));
        services::checkOutputTarget(target, replaceOption(p)); // before the work, not only after it
        // Written as it is read: memory stays flat whatever the portfolio's size.
        qint64 size = 0;
        services::writeOutputFile(target, [&](QIODevice &device) {
            services::ExchangeService(*portfolio).exportJson(device, ids);
            size = device.pos();
            return true;
        }, replaceOption(p));
        out << QStringLiteral("Wrote %1 (%2%3 bytes)\n").arg(target, ids ? QStringLiteral("%1 account(s), ").arg(ids->size()) : QStringLiteral("whole portfolio, ")).arg(size);
        return Ok;
    }
    if (p.isSet(QStringLiteral("account")))
        throw UsageProblem{QStringLiteral("--account selects accounts for --json")};
    if (!p.isSet(QStringLiteral("kind")))
        throw UsageProblem{QStringLiteral("--kind is required with --csv")};
    const auto kind = io::parseImportKind(p.value(QStringLiteral("kind")));
    if (!kind)
        throw UsageProblem{QStringLiteral("--kind must be accounts, contacts, opportunities, activities, arr_history or health_inputs, not '%1'")
                               .arg(p.value(QStringLiteral("kind")))};
    services::checkOutputTarget(p.value(QStringLiteral("csv")), replaceOption(p));
    const auto table = services::ImportService(*portfolio).exportCsv(*kind);
    services::writeOutputFile(p.value(QStringLiteral("csv")), io::csvFileBytes(table.header, table.rows), replaceOption(p));
    out << QStringLiteral("Wrote %1 (%2 %3)\n").arg(p.value(QStringLiteral("csv"))).arg(table.rows.size()).arg(io::importKindName(*kind).toLower());
    return Ok;
}

} // namespace

CommandList exchangeCommands()
{
    return {
        {QStringLiteral("import"),
         {QStringLiteral("Import a CSV file (CRM export, spreadsheet) or merge a JSON exchange file"),
          QStringLiteral("import FILE (--kind KIND --csv INPUT.csv [--mapping map.json] [--on-duplicate update|skip|create] [--date-format F] "
                         "[--decimal-mark M] [--delimiter C] [--save-mapping map.json [--force]] [--json] | --json IN.json) [--dry-run]"),
          [](QCommandLineParser &p) {
              p.addOption({QStringLiteral("kind"), QStringLiteral("accounts, contacts, opportunities, activities, arr_history or health_inputs."), QStringLiteral("KIND")});
              p.addOption({QStringLiteral("csv"), QStringLiteral("The CSV file to import."), QStringLiteral("INPUT.csv")});
              p.addOption({QStringLiteral("json-file"), QStringLiteral("The JSON exchange file to import (also --json FILE)."), QStringLiteral("IN.json")});
              p.addOption({QStringLiteral("mapping"), QStringLiteral("A saved column mapping (keystone-csv-mapping JSON)."), QStringLiteral("map.json")});
              p.addOption({QStringLiteral("save-mapping"), QStringLiteral("Write the mapping used to this file."), QStringLiteral("map.json")});
              p.addOption({QStringLiteral("on-duplicate"), QStringLiteral("update (default), skip or create."), QStringLiteral("POLICY")});
              p.addOption({QStringLiteral("date-format"), QStringLiteral("auto (default), iso, us or european."), QStringLiteral("F")});
              p.addOption({QStringLiteral("decimal-mark"), QStringLiteral("auto (default), point or comma."), QStringLiteral("M")});
              p.addOption({QStringLiteral("delimiter"), QStringLiteral("Field delimiter (default: detected)."), QStringLiteral("C")});
              p.addOption({QStringLiteral("dry-run"), QStringLiteral("Check and count everything, write nothing.")});
              p.addOption({QStringLiteral("json"), QStringLiteral("With --csv: print the report as JSON. With a file name after it: the JSON file to merge.")});
              addForceOption(p);
          },
          runImport}},
        {QStringLiteral("export"),
         {QStringLiteral("Export the portfolio (or accounts) as JSON, or one kind as CSV"),
          QStringLiteral("export FILE (--json OUT.json [--account NAME]... | --kind KIND --csv OUT.csv) [--force]"),
          [](QCommandLineParser &p) {
              p.addOption({QStringLiteral("json"), QStringLiteral("Write the JSON exchange file."), QStringLiteral("OUT.json")});
              p.addOption({QStringLiteral("account"), QStringLiteral("Only this account (repeat for more)."), QStringLiteral("NAME")});
              p.addOption({QStringLiteral("kind"), QStringLiteral("With --csv: accounts, contacts, opportunities, activities, arr_history, health_inputs."), QStringLiteral("KIND")});
              p.addOption({QStringLiteral("csv"), QStringLiteral("Write this kind as CSV."), QStringLiteral("OUT.csv")});
              addForceOption(p);
          },
          runExport}},
    };
}

} // namespace keystone::cli
