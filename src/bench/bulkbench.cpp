// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "bulkbench.h"

#include "keystone/io/csv.h"
#include "keystone/io/importspec.h"
#include "keystone/services/exchangeservice.h"
#include "keystone/services/importservice.h"
#include "keystone/services/portfolio.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace keystone::bench {

GroupResult benchCsvImport(const QString &workDir, int rows, int runs)
{
    GroupResult out;
    const QDir dir(workDir);
    const QString csv = dir.filePath(QStringLiteral("accounts-export.csv"));
    QByteArray text = "Id,Name,Industry,BillingCountry,Owner,ARR,AnnualRevenue,NumberOfEmployees,Renewal Date\r\n";
    static const char *industries[] = {"Manufacturing", "Banking", "Healthcare", "Retail", "Software"};
    static const char *countries[] = {"Germany", "USA", "France", "Japan", "Brazil"};
    for (int i = 0; i < rows; ++i)
        text += "001A" + QByteArray::number(100000 + i) + ",\"Account " + QByteArray::number(i) + ", Inc.\"," + industries[i % 5] + "," +
                countries[(i / 5) % 5] + ",Owner " + QByteArray::number(i % 40) + ",\"$" + QByteArray::number(10 + i % 900) + ",000.00\",\"$" +
                QByteArray::number(1 + i % 90) + ",500,000\"," + QByteArray::number(50 + i % 5000) + "," + QByteArray::number(1 + i % 12) + "/" +
                QByteArray::number(1 + i % 28) + "/2027\r\n";
    QFile f(csv);
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size()) {
        out.error = QStringLiteral("import_csv_10k: %1 cannot be written").arg(csv);
        return out;
    }
    f.close();

    std::vector<double> &imports = out.times["import_csv_10k"];
    resetPeak();
    for (int r = 0; r < runs; ++r) {
        auto portfolio = services::Portfolio::create(dir.filePath(QStringLiteral("import-%1.keystone").arg(r)));
        QElapsedTimer t;
        t.start();
        const io::CsvTable table = io::readCsvFile(csv);
        services::CsvImportRequest request;
        request.mapping = io::autoMapping(io::ImportKind::Accounts, table.header);
        const auto report = services::ImportService(*portfolio).importCsv(table, request);
        imports.push_back(msSince(t));
        if (report.created != rows || report.rejected != 0) {
            out.error = QStringLiteral("import_csv_10k imported %1 of %2 rows").arg(report.created).arg(rows);
            return out;
        }
    }
    out.peaks["import_csv_10k"] = peakMb();
    out.extra["import_csv_10k"]["rows"] = rows;
    out.extra["import_csv_10k"]["rows_per_second"] = double(rows) / (summarise(imports).median / 1000.0);

    const QString shell = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    if (shell.isEmpty())
        return out;
    std::vector<double> &floor = out.times["sqlite3_import_csv_10k"];
    for (int r = 0; r < runs; ++r) {
        const QString target = dir.filePath(QStringLiteral("floor-%1.db").arg(r));
        QProcess p;
        QElapsedTimer t;
        t.start();
        p.start(shell, {target});
        p.write("PRAGMA journal_mode=WAL;\nCREATE TABLE accounts (id TEXT, name TEXT, industry TEXT, country TEXT, owner TEXT, arr TEXT, "
                "revenue TEXT, employees TEXT, renewal TEXT);\n.import --csv --skip 1 " +
                csv.toUtf8() + " accounts\n");
        p.closeWriteChannel();
        p.waitForFinished(120000);
        floor.push_back(msSince(t));
        if (rawScalar(target, "SELECT count(*) FROM accounts") != rows) {
            out.error = QStringLiteral("the sqlite3 .import floor read the wrong row count");
            return out;
        }
    }
    out.extra["sqlite3_import_csv_10k"]["rows_per_second"] = double(rows) / (summarise(floor).median / 1000.0);
    return out;
}

GroupResult benchJsonExchange(const QString &bookPath, const QString &workDir, int accounts, int runs)
{
    GroupResult out;
    const QDir dir(workDir);
    // Through a file, as a user exports and imports: the writer streams into it.
    const QString jsonPath = dir.filePath(QStringLiteral("book.json"));
    std::vector<double> &exports = out.times["export_json_10k"];
    resetPeak();
    {
        auto portfolio = services::Portfolio::open(bookPath);
        for (int r = 0; r < runs; ++r) {
            QElapsedTimer t;
            t.start();
            services::writeOutputFile(jsonPath, [&](QIODevice &device) { return services::ExchangeService(*portfolio).exportJson(device); },
                                      services::Replace::Allow);
            exports.push_back(msSince(t));
        }
    }
    out.peaks["export_json_10k"] = peakMb();
    out.extra["export_json_10k"]["bytes"] = double(QFileInfo(jsonPath).size());

    std::vector<double> &imports = out.times["import_json_10k"];
    resetPeak();
    for (int r = 0; r < std::min(runs, 3); ++r) {
        auto portfolio = services::Portfolio::create(dir.filePath(QStringLiteral("json-%1.keystone").arg(r)));
        QElapsedTimer t;
        t.start();
        QFile file(jsonPath);
        if (!file.open(QIODevice::ReadOnly)) {
            out.error = QStringLiteral("%1 cannot be read").arg(jsonPath);
            return out;
        }
        const auto report = services::ExchangeService(*portfolio).importJson(file);
        imports.push_back(msSince(t));
        if (!report.errors.isEmpty() || int(portfolio->accounts().count()) != accounts) {
            out.error = QStringLiteral("import_json_10k did not reproduce the book");
            return out;
        }
    }
    out.peaks["import_json_10k"] = peakMb();
    return out;
}

} // namespace keystone::bench
