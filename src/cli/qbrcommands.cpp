// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// QBR summaries as PDF: one account, or a whole book at once.
#include "commands.h"
#include "jsonviews.h"

#include "keystone/services/accountoverview.h"
#include "keystone/services/planservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/qbr.h"
#include "keystone/report/qbrreport.h"
#include "keystone/services/validationerror.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QStringDecoder>

#include <cmath>
#include <functional>

namespace keystone::cli {

namespace {

// One review's options from the command line (shared by --account and --all).
struct QbrRequest {
    services::QbrOptions options;
    report::ReportStyle style;
};

QbrRequest qbrRequest(QCommandLineParser &p)
{
    QbrRequest r;
    if (!p.isSet(QStringLiteral("quarter")))
        throw UsageProblem{QStringLiteral("--quarter is required, e.g. --quarter 2026Q4")};
    r.options.quarter = p.value(QStringLiteral("quarter")).trimmed().toUpper();
    if (!services::quarterRange(r.options.quarter))
        throw UsageProblem{QStringLiteral("--quarter must look like 2026Q4, not '%1'").arg(p.value(QStringLiteral("quarter")))};
    if (p.isSet(QStringLiteral("audience"))) {
        const auto a = services::parseQbrAudience(p.value(QStringLiteral("audience")));
        if (!a)
            throw UsageProblem{QStringLiteral("--audience must be internal or customer, not '%1'").arg(p.value(QStringLiteral("audience")))};
        r.options.audience = *a;
    }
    if (p.isSet(QStringLiteral("today")))
        r.options.today = todayOption(p);
    if (p.isSet(QStringLiteral("prepared-by")))
        r.options.preparedBy = p.value(QStringLiteral("prepared-by")).trimmed();
    if (p.isSet(QStringLiteral("sections"))) {
        r.options.sections.fill(false);
        for (const QString &key : p.value(QStringLiteral("sections")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const auto sec = services::parseQbrSection(key);
            if (!sec) {
                QStringList keys;
                for (int i = 0; i < services::kQbrSectionCount; ++i)
                    keys << services::qbrSectionKey(services::QbrSection(i));
                throw UsageProblem{QStringLiteral("--sections: unknown section '%1' (known: %2)").arg(key, keys.join(QStringLiteral(", ")))};
            }
            r.options.sections[size_t(*sec)] = true;
        }
    }
    if (p.isSet(QStringLiteral("locale"))) {
        QString name = p.value(QStringLiteral("locale")).trimmed();
        if (name == QLatin1String("system")) // the reader's own; the C locale writes ISO dates
            name = QLocale::system().language() == QLocale::C ? QString() : QLocale::system().name();
        else if (name.isEmpty() || !services::qbrDateFormat(name))
            throw UsageProblem{QStringLiteral("--locale must be a locale like en_US or de_DE, or system, not '%1'").arg(p.value(QStringLiteral("locale")))};
        r.options.locale = name;
    }
    if (p.isSet(QStringLiteral("page-size"))) {
        const auto size = report::parsePageSize(p.value(QStringLiteral("page-size")));
        if (!size)
            throw UsageProblem{QStringLiteral("--page-size must be a4 or letter, not '%1'").arg(p.value(QStringLiteral("page-size")))};
        r.style.pageSize = *size;
    }
    if (p.isSet(QStringLiteral("accent"))) {
        const QColor c = QColor::fromString(p.value(QStringLiteral("accent")));
        if (!c.isValid())
            throw UsageProblem{QStringLiteral("--accent must be a colour like #1f5f99, not '%1'").arg(p.value(QStringLiteral("accent")))};
        r.style.accent = c;
    }
    if (p.isSet(QStringLiteral("logo"))) {
        // Each way a logo can be wrong is said as it is: no file, a file that cannot be read,
        // or one that is no picture.
        const QString path = p.value(QStringLiteral("logo"));
        const QFileInfo info(path);
        if (!info.exists())
            throw UsageProblem{QStringLiteral("--logo: there is no file %1").arg(path)};
        if (info.isDir())
            throw UsageProblem{QStringLiteral("--logo: %1 is a folder, not a picture").arg(path)};
        if (!info.isReadable())
            throw UsageProblem{QStringLiteral("--logo: %1 cannot be read (permission denied)").arg(path)};
        if (!r.style.logo.load(path))
            throw UsageProblem{QStringLiteral("--logo: %1 is not a PNG or JPEG picture").arg(path)};
    }
    return r;
}

// --summary-file: the written summary, read and checked before the portfolio is opened (a
// bad file changes nothing); its problems name the file and the line.
domain::QbrSummary summaryFromFile(const QString &path)
{
    QFile f(path);
    if (!QFileInfo::exists(path))
        throw UsageProblem{QStringLiteral("--summary-file: there is no file %1").arg(path)};
    if (QFileInfo(path).isDir())
        throw UsageProblem{QStringLiteral("--summary-file: %1 is a folder, not a text file").arg(path)};
    if (!f.open(QIODevice::ReadOnly))
        throw UsageProblem{QStringLiteral("--summary-file: %1 cannot be read (%2)").arg(path, f.errorString())};
    if (f.size() > 256 * 1024)
        throw UsageProblem{QStringLiteral("--summary-file: %1 is %2 bytes; a summary is a few lines of text (at most 256 KB)").arg(path).arg(f.size())};
    const QByteArray bytes = f.readAll();
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString text = utf8.decode(bytes);
    if (utf8.hasError())
        throw UsageProblem{QStringLiteral("--summary-file: %1 is not UTF-8 text").arg(path)};
    const domain::QbrSummaryParse parsed = domain::parseQbrSummaryText(text);
    if (!parsed.error.isEmpty())
        throw UsageProblem{QStringLiteral("--summary-file: %1, %2").arg(path, parsed.error)};
    if (const domain::FieldErrors errors = domain::validateQbrSummary(parsed.summary); !errors.isEmpty())
        throw UsageProblem{QStringLiteral("--summary-file: %1: %2").arg(path, errors.first().message)};
    return parsed.summary;
}

int runQbr(QCommandLineParser &p, QTextStream &out, QTextStream &err)
{
    const QString file = requireFile(p);
    const bool all = p.isSet(QStringLiteral("all"));
    const bool showSummary = p.isSet(QStringLiteral("show-summary"));
    const bool summaryFile = p.isSet(QStringLiteral("summary-file"));
    if ((showSummary || summaryFile) && all)
        throw UsageProblem{QStringLiteral("--summary-file and --show-summary are for one account (--account), not --all")};
    if (showSummary && summaryFile)
        throw UsageProblem{QStringLiteral("give either --summary-file or --show-summary")};
    if (showSummary) {
        if (!p.isSet(QStringLiteral("account")))
            throw UsageProblem{QStringLiteral("--show-summary needs --account NAME")};
        const QbrRequest req = qbrRequest(p);
        auto portfolio = openForReading(file);
        const domain::Account account = requireAccount(*portfolio, p.value(QStringLiteral("account")));
        const services::QbrData data = services::buildQbr(*portfolio, account.id, req.options);
        out << QStringLiteral("# %1, %2: %3\n")
                   .arg(account.name, data.quarter, data.summaryStored ? QStringLiteral("the summary as stored") : QStringLiteral("a draft from the data, not stored"));
        out << domain::qbrSummaryText(data.summary);
        return Ok;
    }
    if (all == p.isSet(QStringLiteral("account")))
        throw UsageProblem{QStringLiteral("give either --account NAME or --all")};
    if (!all && !p.isSet(QStringLiteral("out")) && !showSummary)
        throw UsageProblem{QStringLiteral("--out FILE.pdf is required with --account")};
    if (all && !p.isSet(QStringLiteral("out-dir")))
        throw UsageProblem{QStringLiteral("--out-dir DIR is required with --all")};
    if (!all && (p.isSet(QStringLiteral("owner")) || p.isSet(QStringLiteral("tier"))))
        throw UsageProblem{QStringLiteral("--owner and --tier select accounts for --all")};
    QbrRequest req = qbrRequest(p);
    std::optional<domain::QbrSummary> written;
    if (summaryFile)
        written = summaryFromFile(p.value(QStringLiteral("summary-file")));
    auto portfolio = summaryFile ? openForWriting(file) : openForReading(file);

    if (!all) {
        const domain::Account account = requireAccount(*portfolio, p.value(QStringLiteral("account")));
        if (written) {
            // Stored with the quarter first (one transaction), so a re-export keeps it.
            written->accountId = account.id;
            written->quarter = req.options.quarter;
            services::PlanService(*portfolio).setQbrSummary(*written);
            out << QStringLiteral("Stored the %1 summary of %2 (%3 highlights, %4 lowlights)\n")
                       .arg(req.options.quarter, account.name)
                       .arg(written->highlights.size())
                       .arg(written->lowlights.size());
        }
        const services::QbrData data = services::buildQbr(*portfolio, account.id, req.options);
        if (data.parts.empty()) // a cover and an empty contents would be all
            throw UsageProblem{QStringLiteral("nothing to say: the %1 QBR of %2 for %3 has no content in the sections chosen; choose others with --sections")
                                   .arg(services::qbrAudienceKey(data.audience), account.name, data.quarter)};
        QString error;
        const QString path = p.value(QStringLiteral("out"));
        if (!report::writeQbrPdf(data, req.style, path, &error, replaceOption(p))) {
            err << QStringLiteral("keystone-cli qbr: %1\n").arg(error);
            return DataError;
        }
        out << QStringLiteral("Wrote %1 (%2, %3, %4 pages)\n")
                   .arg(path, account.name, services::qbrAudienceKey(data.audience))
                   .arg(report::qbrPageCount(data, req.style));
        return Ok;
    }

    // The whole book or a part of it: data read here, one account at a time, and the PDFs
    // rendered on every core meanwhile (report::writeQbrBatch). A failure on one account is
    // reported; the rest go on.
    const QString dir = p.value(QStringLiteral("out-dir"));
    if (!QDir().mkpath(dir))
        throw DataProblem{QStringLiteral("--out-dir: cannot create the folder %1").arg(dir)};
    const int tier = intOption(p, QStringLiteral("tier"), 0, 1, 3);
    const QString owner = p.value(QStringLiteral("owner")).trimmed();
    std::vector<services::AccountRow> chosen;
    bool ownerKnown = owner.isEmpty();
    for (services::AccountRow &row : services::loadAccountOverview(*portfolio).rows) {
        if (!owner.isEmpty() && row.ownerName.compare(owner, Qt::CaseInsensitive) == 0)
            ownerKnown = true;
        if (!owner.isEmpty() && row.ownerName.compare(owner, Qt::CaseInsensitive) != 0)
            continue;
        if (tier != 0 && int(row.tier) != tier)
            continue;
        chosen.push_back(std::move(row));
    }
    if (!ownerKnown)
        throw DataProblem{QStringLiteral("--owner: no account is owned by '%1'").arg(owner)};
    std::vector<report::QbrBatchAccount> batch;
    QHash<qint64, const services::AccountRow *> rowOf;
    for (const services::AccountRow &row : chosen) {
        batch.push_back({row.account.id, row.account.name});
        rowOf.insert(row.account.id, &row);
    }
    const report::QbrBatchResult result = report::writeQbrBatch(
        batch, [&](qint64 id) { return services::buildQbr(*portfolio, *rowOf.value(id), req.options); }, req.style, dir, {}, 0,
        replaceOption(p));
    for (const QString &f : result.failures)
        err << QStringLiteral("keystone-cli qbr: %1\n").arg(f);
    out << QStringLiteral("Wrote %1 of %2 reviews to %3\n").arg(result.written).arg(batch.size()).arg(dir);
    return result.failures.isEmpty() ? Ok : DataError;
}

} // namespace

CommandList qbrCommands()
{
    return {
        {QStringLiteral("qbr"),
         {QStringLiteral("Quarterly business review as PDF, for one account or a whole book"),
          QStringLiteral("qbr FILE (--account NAME (--out FILE.pdf [--summary-file TEXT] | --show-summary) | --all [--owner NAME] [--tier N] "
                         "--out-dir DIR) --quarter 2026Q4 [--audience internal|customer] [--sections LIST] [--today DATE] [--prepared-by NAME] "
                         "[--locale NAME] [--page-size a4|letter] [--accent COLOR] [--logo FILE] [--force]"),
          [](QCommandLineParser &p) {
              p.addOption({QStringLiteral("account"), QStringLiteral("The account (name, any case)."), QStringLiteral("NAME")});
              p.addOption({QStringLiteral("out"), QStringLiteral("The PDF to write (with --account)."), QStringLiteral("FILE")});
              p.addOption({QStringLiteral("all"), QStringLiteral("Every account, or those --owner and --tier select.")});
              p.addOption({QStringLiteral("owner"), QStringLiteral("With --all: only this owner's accounts."), QStringLiteral("NAME")});
              p.addOption({QStringLiteral("tier"), QStringLiteral("With --all: only accounts of tier N (1-3)."), QStringLiteral("N")});
              p.addOption({QStringLiteral("out-dir"), QStringLiteral("With --all: the folder for <account>-<quarter>-<audience>.pdf."), QStringLiteral("DIR")});
              p.addOption({QStringLiteral("quarter"), QStringLiteral("The quarter, e.g. 2026Q4."), QStringLiteral("Q")});
              p.addOption({QStringLiteral("audience"), QStringLiteral("internal (everything, default) or customer."), QStringLiteral("AUDIENCE")});
              p.addOption({QStringLiteral("sections"), QStringLiteral("Comma-separated: summary, success_plan, value, usage, relationships, risks, expansion, actions (default: all)."), QStringLiteral("LIST")});
              p.addOption({QStringLiteral("today"), QStringLiteral("Date of the figures (default: the quarter's last day or today, the earlier)."), QStringLiteral("DATE")});
              p.addOption({QStringLiteral("prepared-by"), QStringLiteral("Name on the cover (default: the account owner)."), QStringLiteral("NAME")});
              p.addOption({QStringLiteral("page-size"), QStringLiteral("a4 (default) or letter."), QStringLiteral("SIZE")});
              p.addOption({QStringLiteral("locale"), QStringLiteral("Dates as written in this locale (en_US: 12/29/2026, de_DE: 29.12.2026), "
                                                                    "or system for the reader's own (default: ISO, 2026-12-29)."),
                           QStringLiteral("NAME")});
              p.addOption({QStringLiteral("accent"), QStringLiteral("Accent colour, e.g. #1f5f99."), QStringLiteral("COLOR")});
              p.addOption({QStringLiteral("logo"), QStringLiteral("Company logo for the cover (PNG or JPEG)."), QStringLiteral("FILE")});
              p.addOption({QStringLiteral("summary-file"),
                           QStringLiteral("The written summary (a line Highlights, its points one a line, a line Lowlights, its points), "
                                          "stored with the quarter and used from then on."),
                           QStringLiteral("TEXT")});
              p.addOption({QStringLiteral("show-summary"), QStringLiteral("Print the quarter's written summary (as stored, or the draft) in the "
                                                                          "form --summary-file reads, and write no PDF.")});
              addForceOption(p);
          },
          runQbr}},
    };
}

} // namespace keystone::cli
