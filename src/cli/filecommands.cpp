// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// The portfolio file itself: demo, new, info, check, and its backups (backup, backups, restore).
#include "commands.h"
#include "jsonviews.h"

#include "keystone/domain/money.h"
#include "keystone/services/exchangeservice.h"
#include "keystone/services/outputfile.h"
#include "keystone/demo/demogenerator.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/portfolioinfo.h"
#include "keystone/services/validationerror.h"
#include "keystone/services/backups.h"
#include "keystone/services/errors.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cmath>
#include <functional>

namespace keystone::cli {

namespace {

QString sizeText(qint64 bytes)
{
    return bytes >= 1024 * 1024 ? QStringLiteral("%1 MB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1)
                                : QStringLiteral("%1 KB").arg((bytes + 1023) / 1024);
}

int runDemo(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    if (!p.positionalArguments().isEmpty())
        throw UsageProblem{QStringLiteral("unexpected argument '%1' (the output file goes after --out)").arg(p.positionalArguments().first())};
    if (!p.isSet(QStringLiteral("out")))
        throw UsageProblem{QStringLiteral("--out FILE is required")};
    demo::DemoOptions o;
    o.accounts = intOption(p, QStringLiteral("accounts"), 60, 0, 1'000'000);
    if (p.isSet(QStringLiteral("seed"))) {
        bool ok = false;
        o.seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok)
            throw UsageProblem{QStringLiteral("--seed must be a non-negative whole number, not '%1'").arg(p.value(QStringLiteral("seed")))};
    }
    if (p.isSet(QStringLiteral("today")))
        o.today = todayOption(p);
    const QString file = p.value(QStringLiteral("out"));
    QString kept;
    if (p.isSet(QStringLiteral("force")) && (QFileInfo::exists(file) || QFileInfo::exists(file + QStringLiteral(".lock")))) {
        // A portfolio there is never deleted: refused while open anywhere, else kept whole
        // as FILE.replaced-<timestamp>. Any other file is replaced (never a portfolio's
        // -wal, -shm or lock, nor a folder).
        if (services::isPortfolioFile(file)) {
            kept = services::setPortfolioAside(file);
        } else {
            services::checkOutputTarget(file, services::Replace::Allow);
            if (!QFile::remove(file))
                throw services::StorageError(services::StorageError::Code::Io, file, QStringLiteral("%1 cannot be replaced").arg(file));
        }
    }
    const demo::DemoResult r = demo::generateDemo(file, o);
    out << QStringLiteral("Wrote %1: %2 accounts, %3 team members (%4 rows in %5 ms)\n")
               .arg(QFileInfo(file).absoluteFilePath()).arg(r.accounts).arg(r.teamMembers).arg(r.rows)
               .arg(r.elapsedMs, 0, 'f', 1);
    if (!kept.isEmpty())
        out << QStringLiteral("The portfolio it replaced is kept as %1\n").arg(kept);
    return Ok;
}

int runNew(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    const QString file = requireFile(p);
    const QString currency = p.isSet(QStringLiteral("currency")) ? p.value(QStringLiteral("currency")).trimmed().toUpper() : QStringLiteral("USD");
    if (!domain::isKnownCurrency(currency))
        throw UsageProblem{QStringLiteral("--currency must be an ISO 4217 code such as USD or EUR, not '%1'").arg(p.value(QStringLiteral("currency")))};
    if (QFileInfo::exists(file))
        throw DataProblem{QStringLiteral("%1 already exists; new never overwrites a file").arg(file)};
    auto portfolio = services::Portfolio::create(file, currency, p.isSet(QStringLiteral("currency")));
    out << QStringLiteral("Created %1 (empty, %2)\n").arg(QFileInfo(file).absoluteFilePath(), currency);
    return Ok;
}

int runInfo(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    const QString file = requireFile(p);
    auto portfolio = openForReading(file, ReadMode::AsItIs); // the version found, not upgraded
    const services::PortfolioInfo info = services::portfolioInfo(*portfolio);
    if (p.isSet(QStringLiteral("json"))) {
        json j;
        j["file"] = s(portfolio->path());
        j["schema_version"] = info.schemaVersion;
        json counts = json::object();
        for (auto it = info.counts.cbegin(); it != info.counts.cend(); ++it)
            counts[s(it.key())] = it.value();
        j["counts"] = counts;
        j["total_arr_cents"] = info.totalArrCents;
        j["currency"] = s(info.currency);
        j["file_bytes"] = info.fileBytes;
        j["last_written_by"] = info.lastWrittenBy.isEmpty() ? json(nullptr) : json(s(info.lastWrittenBy));
        out << QString::fromStdString(j.dump(2)) << '\n';
        return Ok;
    }
    out << QStringLiteral("File:             %1\n").arg(portfolio->path());
    out << QStringLiteral("Schema version:   %1\n").arg(info.schemaVersion);
    for (auto it = info.counts.cbegin(); it != info.counts.cend(); ++it)
        out << QStringLiteral("%1 %2\n").arg(it.key() + QLatin1Char(':'), -17).arg(it.value());
    out << QStringLiteral("Total ARR:        %1\n").arg(domain::formatMoney(info.totalArrCents, info.currency, true));
    out << QStringLiteral("File size:        %1 bytes\n").arg(info.fileBytes);
    out << QStringLiteral("Last written by:  %1\n").arg(info.lastWrittenBy.isEmpty() ? QStringLiteral("(not noted yet)") : info.lastWrittenBy);
    return Ok;
}

int runCheck(QCommandLineParser &p, QTextStream &out, QTextStream &err)
{
    const QString file = requireFile(p);
    auto portfolio = openForReading(file, ReadMode::AsItIs); // refuses non-portfolios, newer schemas, quick_check failures
    const bool full = p.isSet(QStringLiteral("full"));
    const services::CheckReport report = services::checkPortfolio(*portfolio, full);
    const QStringList &problems = report.problems;
    QString repair;
    if (report.valueProblems)
        repair = QStringLiteral("To repair the values named above: correct each field in Keystone (the account's page, or the catalog), "
                                "or run `keystone-cli export %1 --json all.json`, correct the named fields in all.json, and import it into "
                                "a new portfolio with `keystone-cli import NEW.keystone --json all.json` (the import names any value still wrong).")
                     .arg(file);
    const int version = portfolio->schemaVersion();
    if (!problems.isEmpty()) {
        err << QStringLiteral("%1: %2 failed:\n").arg(portfolio->path(), full ? QStringLiteral("the full check") : QStringLiteral("quick check"));
        for (const QString &line : problems)
            err << QStringLiteral("  %1\n").arg(line);
        if (!repair.isEmpty())
            err << repair << '\n';
        return DataError;
    }
    out << QStringLiteral("ok: %1 (schema version %2 of %3; %4)\n")
               .arg(portfolio->path()).arg(version).arg(services::Portfolio::latestSchemaVersion())
               .arg(full ? QStringLiteral("integrity_check, foreign_key_check, cached totals and value checks passed") : QStringLiteral("quick_check passed"));
    return Ok;
}

int runBackup(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    const QString file = requireFile(p);
    QString to;
    if (p.isSet(QStringLiteral("to"))) {
        to = QFileInfo(p.value(QStringLiteral("to"))).absoluteFilePath();
        if (!QFileInfo(to).isDir() && to.endsWith(QStringLiteral(".backups"))) {
            // A name ending in .backups is where a portfolio's backup folder belongs: a file
            // there would stop every later automatic backup (and so every import).
            throw UsageProblem{QStringLiteral("--to %1: a name ending in .backups is kept for backup folders; give a file name "
                                              "(such as copy.keystone) or an existing folder")
                                   .arg(p.value(QStringLiteral("to")))};
        }
    }
    const QString path = services::backUpFile(file, to);
    out << QStringLiteral("Backed up %1 to %2 (%3, verified)\n").arg(file, path, sizeText(QFileInfo(path).size()));
    return Ok;
}

int runBackups(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    const QString file = requireFile(p);
    if (!QFileInfo::exists(file))
        throw services::StorageError(services::StorageError::Code::NotFound, file, QStringLiteral("%1 does not exist").arg(file));
    const QList<services::BackupInfo> all = services::listBackups(file);
    if (p.isSet(QStringLiteral("json"))) {
        json arr = json::array();
        for (const services::BackupInfo &b : all)
            arr.push_back({{"path", s(b.path)},
                           {"taken_at", s(b.takenAt.toString(Qt::ISODate))},
                           {"bytes", b.bytes},
                           {"reason", s(services::backupReasonName(b.reason))}});
        out << QString::fromStdString(json{{"portfolio", s(QFileInfo(file).absoluteFilePath())},
                                           {"folder", s(services::backupFolder(file))},
                                           {"backups", arr}}
                                          .dump(2))
            << '\n';
        return Ok;
    }
    if (all.isEmpty()) {
        out << QStringLiteral("No backups of %1 yet (they go to %2); make one with: keystone-cli backup %1\n")
                   .arg(QFileInfo(file).absoluteFilePath(), services::backupFolder(file));
        return Ok;
    }
    out << QStringLiteral("%1 backup(s) of %2 in %3, newest first:\n")
               .arg(all.size())
               .arg(QFileInfo(file).absoluteFilePath(), services::backupFolder(file));
    for (const services::BackupInfo &b : all)
        out << QStringLiteral("  %1  %2  %3  %4\n")
                   .arg(b.takenAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")))
                   .arg(services::backupReasonName(b.reason), -9)
                   .arg(sizeText(b.bytes), -9)
                   .arg(b.path);
    return Ok;
}

int runRestore(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    const QString file = requireFile(p);
    const bool newest = p.isSet(QStringLiteral("newest"));
    if (newest == p.isSet(QStringLiteral("from")))
        throw UsageProblem{QStringLiteral("give either --from BACKUP or --newest")};
    QString backup;
    if (newest) {
        const auto good = services::newestGoodBackup(file);
        if (!good)
            throw services::StorageError(services::StorageError::Code::NotFound, file,
                                        QStringLiteral("no backup of %1 opens; nothing was changed").arg(QFileInfo(file).absoluteFilePath()));
        backup = good->path;
        out << QStringLiteral("The newest backup that opens was taken %1; the data is as of then.\n")
                   .arg(good->takenAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    } else {
        backup = QFileInfo(p.value(QStringLiteral("from"))).absoluteFilePath();
    }
    // A file that does not open is kept as .damaged-<timestamp>, any other as .replaced-<timestamp>.
    const services::SetAside keepAs = services::setAsideFor(file);
    const QString replaced = services::restoreBackup(file, backup, keepAs);
    out << QStringLiteral("Restored %1 from %2\n").arg(QFileInfo(file).absoluteFilePath(), backup);
    if (!replaced.isEmpty())
        out << QStringLiteral("The file it replaced is kept as %1\n").arg(replaced);
    return Ok;
}

} // namespace

CommandList fileCommands()
{
    return {
        {QStringLiteral("demo"),
         {QStringLiteral("Generate a realistic demo portfolio"),
          QStringLiteral("demo --out FILE [--accounts N] [--seed S] [--today DATE] [--force]"),
          [](QCommandLineParser &p) {
              p.addOption({QStringLiteral("out"), QStringLiteral("Portfolio file to create."), QStringLiteral("FILE")});
              p.addOption({QStringLiteral("accounts"), QStringLiteral("Number of accounts (default 60)."), QStringLiteral("N")});
              p.addOption({QStringLiteral("seed"), QStringLiteral("Random seed; the same seed gives the same portfolio (default 1)."), QStringLiteral("S")});
              p.addOption({QStringLiteral("today"), QStringLiteral("Reference date for renewals (default: today)."), QStringLiteral("DATE")});
              p.addOption({QStringLiteral("force"), QStringLiteral("Replace FILE if it exists.")});
          },
          runDemo}},
        {QStringLiteral("new"),
         {QStringLiteral("Create an empty portfolio (never overwrites a file)"),
          QStringLiteral("new FILE [--currency CODE]"),
          [](QCommandLineParser &p) { p.addOption({QStringLiteral("currency"), QStringLiteral("ISO 4217 currency of its amounts (default USD)."), QStringLiteral("CODE")}); },
          runNew}},
        {QStringLiteral("info"),
         {QStringLiteral("Schema version, counts, total ARR and size of a portfolio"),
          QStringLiteral("info FILE [--json]"),
          [](QCommandLineParser &p) { p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")}); },
          runInfo}},
        {QStringLiteral("check"),
         {QStringLiteral("Check a portfolio file for damage"),
          QStringLiteral("check FILE [--full]"),
          [](QCommandLineParser &p) {
              p.addOption({QStringLiteral("full"), QStringLiteral("Run integrity_check and foreign_key_check instead of quick_check, and check cached totals and every stored value.")});
          },
          runCheck}},
        {QStringLiteral("backup"),
         {QStringLiteral("Copy a portfolio to a verified backup (beside it, or --to PATH)"),
          QStringLiteral("backup FILE [--to PATH]"),
          [](QCommandLineParser &p) { p.addOption({QStringLiteral("to"), QStringLiteral("Write the backup to this new file, or into this existing folder."), QStringLiteral("PATH")}); },
          runBackup}},
        {QStringLiteral("backups"),
         {QStringLiteral("List a portfolio's backups with dates and sizes"),
          QStringLiteral("backups FILE [--json]"),
          [](QCommandLineParser &p) { p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")}); },
          runBackups}},
        {QStringLiteral("restore"),
         {QStringLiteral("Put a backup in place of a portfolio, keeping the current file as .replaced-<timestamp>"),
          QStringLiteral("restore FILE (--from BACKUP | --newest)"),
          [](QCommandLineParser &p) {
              p.addOption({QStringLiteral("from"), QStringLiteral("The backup to restore."), QStringLiteral("BACKUP")});
              p.addOption({QStringLiteral("newest"), QStringLiteral("Restore the newest backup that opens (for a damaged file).")});
          },
          runRestore}},
    };
}

} // namespace keystone::cli
