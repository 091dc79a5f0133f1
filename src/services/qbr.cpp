// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/qbr.h"

#include "qbrsections.h"

#include "keystone/domain/snapshot.h"
#include "keystone/services/clock.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/snapshotservice.h"
#include "keystone/services/validationerror.h"

#include <QCryptographicHash>
#include <QRegularExpression>

#include <algorithm>
#include <array>

namespace keystone::services {

namespace {

const std::array<const char *, kQbrSectionCount> kSectionNames{"Executive summary", "Success plan and priorities", "Value delivered",
                                                               "Usage and adoption", "Relationships", "Risks and mitigations",
                                                               "Expansion proposals", "Next quarter's actions"};
const std::array<const char *, kQbrSectionCount> kSectionKeys{"summary", "success_plan", "value", "usage",
                                                              "relationships", "risks", "expansion", "actions"};

} // namespace

QString qbrAudienceKey(QbrAudience a)
{
    return a == QbrAudience::Internal ? QStringLiteral("internal") : QStringLiteral("customer");
}

std::optional<QbrAudience> parseQbrAudience(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("internal"))
        return QbrAudience::Internal;
    if (t == QLatin1String("customer"))
        return QbrAudience::Customer;
    return std::nullopt;
}

QString qbrSectionName(QbrSection s)
{
    return qbrsections::tr(kSectionNames[size_t(s)]);
}

QString qbrSectionKey(QbrSection s)
{
    return QString::fromLatin1(kSectionKeys[size_t(s)]);
}

std::optional<QbrSection> parseQbrSection(const QString &key)
{
    for (int i = 0; i < kQbrSectionCount; ++i)
        if (key.trimmed().toLower() == QLatin1String(kSectionKeys[size_t(i)]))
            return QbrSection(i);
    return std::nullopt;
}

std::optional<std::pair<QDate, QDate>> quarterRange(const QString &label)
{
    static const QRegularExpression re(QStringLiteral("^(\\d{4})Q([1-4])$"));
    const auto m = re.match(label.trimmed().toUpper());
    // The years every date of Keystone lives in (domain validation: 1900 to 2200).
    if (!m.hasMatch() || m.captured(1).toInt() < 1900 || m.captured(1).toInt() > 2200)
        return std::nullopt;
    const QDate start(m.captured(1).toInt(), (m.captured(2).toInt() - 1) * 3 + 1, 1);
    return std::pair{start, start.addMonths(3).addDays(-1)};
}

QString qbrFileName(const QString &account, const QString &quarter, QbrAudience audience)
{
    QString safe = account;
    static const QRegularExpression bad(QStringLiteral("[\\\\/:*?\"<>|\\x00-\\x1f]"));
    safe.replace(bad, QStringLiteral("_"));
    safe = safe.trimmed();
    if (safe.startsWith(QLatin1Char('.')))
        safe.prepend(QLatin1Char('_'));
    // File systems allow 255 bytes a name: a long name in a script of three-byte characters
    // is shortened, whole characters at a time, and keeps a short hash of the full name so
    // two long names that start alike stay two files.
    const QString tail = QStringLiteral("-%1-%2.pdf").arg(quarter, qbrAudienceKey(audience));
    if ((safe + tail).toUtf8().size() > 255) {
        const QString hash = QString::fromLatin1(QCryptographicHash::hash(account.toUtf8(), QCryptographicHash::Sha1).toHex().left(8));
        QList<uint> chars = safe.toUcs4();
        while (!chars.isEmpty() && (QString::fromUcs4(reinterpret_cast<const char32_t *>(chars.constData()), chars.size()) + QLatin1Char('~') + hash + tail)
                                           .toUtf8().size() > 255)
            chars.removeLast();
        safe = QString::fromUcs4(reinterpret_cast<const char32_t *>(chars.constData()), chars.size()) + QLatin1Char('~') + hash;
    }
    return safe + tail;
}

QbrData buildQbr(Portfolio &portfolio, qint64 accountId, const QbrOptions &options)
{
    const auto row = loadAccountRow(portfolio, accountId);
    if (!row)
        throw ValidationError(QStringLiteral("QBR"), {{QStringLiteral("account"), QStringLiteral("account %1 does not exist").arg(accountId)}});
    return buildQbr(portfolio, *row, options);
}

namespace {

using qbrsections::Sources;

// Everything one review reads, in a few queries per account.
Sources loadSources(Portfolio &portfolio, const AccountRow &accountRow, const QbrOptions &options)
{
    const QString subject = QStringLiteral("QBR");
    const auto range = quarterRange(options.quarter);
    if (!range)
        throw ValidationError(subject, {{QStringLiteral("quarter"), QStringLiteral("'%1' is not a quarter; write it like 2026Q4").arg(options.quarter)}});
    const AccountRow *row = &accountRow;
    const qint64 accountId = row->account.id;

    Sources s;
    s.row = *row;
    s.quarterStart = range->first;
    s.quarterEnd = range->second;
    s.asOf = options.today.isValid() ? options.today : std::min(range->second, services::today());
    const auto format = qbrDateFormat(options.locale);
    if (!format)
        throw ValidationError(subject, {{QStringLiteral("locale"), QStringLiteral("'%1' is not a locale; write it like en_US or de_DE").arg(options.locale)}});
    s.dateFormat = *format;
    s.currency = row->account.arr.currency;
    for (const domain::TeamMember &m : portfolio.team().all())
        s.team.insert(m.id, m.name);
    s.plan = PlanService(portfolio).load(*row, s.asOf);
    s.health = HealthService(portfolio).healthOf(accountId, s.asOf);
    s.inputs = portfolio.health().inputs(accountId);
    s.map = loadStakeholderMap(portfolio, accountId, s.asOf);
    s.cells = portfolio.whitespace().cells(accountId);
    for (const domain::Product &p : portfolio.whitespace().products())
        s.products.insert(p.id, p.name);
    for (const domain::BuyingCenter &b : portfolio.whitespace().buyingCenters(accountId))
        s.centers.insert(b.id, b.name);
    s.opportunities = portfolio.opportunities().byAccount(accountId);
    for (domain::Activity &act : portfolio.activities().forAccount(accountId, s.quarterStart))
        if (act.date <= std::min(s.quarterEnd, s.asOf))
            s.quarterActivities.push_back(std::move(act));
    if (options.audience == QbrAudience::Internal && options.sections[size_t(QbrSection::Summary)]) {
        SnapshotService snapshots(portfolio);
        const QString label = domain::quarterLabel(s.quarterStart.addDays(-1));
        s.lastSnapshot = snapshots.get(accountId, label);
        if (s.lastSnapshot)
            s.nowSnapshot = snapshots.build(accountId, QStringLiteral("now"), s.asOf);
    }
    const QString quarter = options.quarter.trimmed().toUpper();
    if (options.summary) {
        s.summary = domain::normalisedQbrSummary(*options.summary);
        const auto stored = portfolio.plan().qbrSummary(accountId, quarter);
        s.summaryStored = stored && stored->highlights == s.summary.highlights && stored->lowlights == s.summary.lowlights;
    } else if (auto stored = portfolio.plan().qbrSummary(accountId, quarter)) {
        s.summary = std::move(*stored);
        s.summaryStored = true;
    } else {
        s.summary = qbrsections::draftSummary(s);
    }
    s.summary.accountId = accountId;
    s.summary.quarter = quarter;
    return s;
}

} // namespace

std::optional<QString> qbrDateFormat(const QString &locale)
{
    const QString name = locale.trimmed();
    if (name.isEmpty())
        return QStringLiteral("yyyy-MM-dd");
    static const QRegularExpression shape(QStringLiteral("^[a-z]{2,3}([_-][A-Za-z]{2,4})*$"));
    const QLocale l(name);
    // QLocale falls back to "C" for a name it does not know.
    if (!shape.match(name).hasMatch() || l.language() == QLocale::C)
        return std::nullopt;
    QString f = l.dateFormat(QLocale::ShortFormat);
    // Four-digit years: "yy" alone becomes "yyyy" (a review is read years later).
    static const QRegularExpression twoDigitYear(QStringLiteral("(?<!y)yy(?!y)"));
    f.replace(twoDigitYear, QStringLiteral("yyyy"));
    return f;
}

domain::QbrSummary draftQbrSummary(Portfolio &portfolio, qint64 accountId, const QbrOptions &options)
{
    const auto row = loadAccountRow(portfolio, accountId);
    if (!row)
        throw ValidationError(QStringLiteral("QBR"), {{QStringLiteral("account"), QStringLiteral("account %1 does not exist").arg(accountId)}});
    QbrOptions o = options;
    o.summary = domain::QbrSummary{}; // nothing stored is read: the draft is made below
    o.sections = {};                  // nor the snapshot comparison
    domain::QbrSummary d = qbrsections::draftSummary(loadSources(portfolio, *row, o));
    d.quarter = options.quarter.trimmed().toUpper();
    return d;
}

QbrData buildQbr(Portfolio &portfolio, const AccountRow &accountRow, const QbrOptions &options)
{
    using namespace qbrsections;
    const Sources s = loadSources(portfolio, accountRow, options);
    const AccountRow *row = &accountRow;

    QbrData d;
    d.audience = options.audience;
    d.account = row->account.name;
    d.quarter = options.quarter.trimmed().toUpper();
    d.period = QStringLiteral("%1 – %2").arg(date(s, s.quarterStart), date(s, s.quarterEnd));
    d.preparedBy = options.preparedBy.isEmpty() ? row->ownerName : options.preparedBy;
    d.preparedOn = s.asOf;
    d.summary = s.summary;
    d.summaryStored = s.summaryStored;
    d.dateFormat = s.dateFormat;
    const bool internal = options.audience == QbrAudience::Internal;
    auto wanted = [&](QbrSection sec) { return options.sections[size_t(sec)]; };
    if (wanted(QbrSection::Summary))
        d.parts.push_back(summary(s, options.audience));
    if (wanted(QbrSection::SuccessPlan))
        d.parts.push_back(successPlan(s, options.audience));
    if (wanted(QbrSection::Value))
        d.parts.push_back(value(s));
    if (wanted(QbrSection::Usage))
        d.parts.push_back(usage(s));
    if (wanted(QbrSection::Relationships))
        d.parts.push_back(relationships(s, options.audience));
    if (internal && wanted(QbrSection::Risks)) // the risk register is internal
        d.parts.push_back(risks(s));
    if (wanted(QbrSection::Expansion))
        d.parts.push_back(expansion(s, options.audience));
    if (wanted(QbrSection::Actions))
        d.parts.push_back(actions(s, options.audience));
    // A part with nothing to say is left out (and so is its line in the contents); for the
    // customer, "nothing recorded yet" is nothing to say.
    if (!internal)
        for (QbrPart &part : d.parts)
            part.blocks.erase(std::remove_if(part.blocks.begin(), part.blocks.end(), [](const QbrBlock &b) { return b.nothingYet; }), part.blocks.end());
    d.parts.erase(std::remove_if(d.parts.begin(), d.parts.end(), [](const QbrPart &part) { return part.blocks.empty(); }), d.parts.end());
    return d;
}

} // namespace keystone::services
