// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/domain/plan.h"

#include "enumnames.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <algorithm>

namespace keystone::domain {

namespace {

const EnumNames<RiskLevel, 3> kRiskLevels{{"Low", "Medium", "High"}};
const EnumNames<RiskStatus, 3> kRiskStatus{{"Open", "Mitigating", "Closed"}};
const EnumNames<ActionStatus, 3> kActionStatus{{"Open", "Done", "Cancelled"}};
const EnumNames<CaseStudyStatus, 5> kCaseStudy{{"None", "Candidate", "In progress", "Published", "Declined"}};
const EnumNames<MilestonePlan, 2> kMilestonePlans{{"Success", "Remediation"}};
const EnumNames<SuccessRole, 2> kSuccessRoles{{"Champion", "Decision maker"}};
const EnumNames<PlanPart, kPlanPartCount> kParts{{"Priorities", "Relationship map", "Whitespace", "Risks", "Actions"}};

QString tr(const char *text)
{
    return QCoreApplication::translate("keystone::domain", text);
}

// "1 open risk", "2 open risks"
QString count(int n, const char *one, const char *many)
{
    return tr(n == 1 ? one : many).arg(n);
}

} // namespace

QString riskLevelName(RiskLevel v) { return kRiskLevels.name(v); }
QString riskLevelKey(RiskLevel v) { return kRiskLevels.key(v); }
std::optional<RiskLevel> parseRiskLevel(const QString &text) { return kRiskLevels.parse(text); }
QString riskStatusName(RiskStatus v) { return kRiskStatus.name(v); }
QString riskStatusKey(RiskStatus v) { return kRiskStatus.key(v); }
std::optional<RiskStatus> parseRiskStatus(const QString &text) { return kRiskStatus.parse(text); }
QStringList riskLevelNames() { return kRiskLevels.all(); }
QStringList riskStatusNames() { return kRiskStatus.all(); }
QString actionStatusName(ActionStatus v) { return kActionStatus.name(v); }
QString actionStatusKey(ActionStatus v) { return kActionStatus.key(v); }
std::optional<ActionStatus> parseActionStatus(const QString &text) { return kActionStatus.parse(text); }
QStringList actionStatusNames() { return kActionStatus.all(); }
QString caseStudyStatusName(CaseStudyStatus v) { return kCaseStudy.name(v); }
QString caseStudyStatusKey(CaseStudyStatus v) { return kCaseStudy.key(v); }
std::optional<CaseStudyStatus> parseCaseStudyStatus(const QString &text) { return kCaseStudy.parse(text); }
QStringList caseStudyStatusNames() { return kCaseStudy.all(); }
QString milestonePlanKey(MilestonePlan v) { return kMilestonePlans.key(v); }
std::optional<MilestonePlan> parseMilestonePlan(const QString &text) { return kMilestonePlans.parse(text); }
QString successRoleName(SuccessRole v) { return kSuccessRoles.name(v); }
QString successRoleKey(SuccessRole v) { return kSuccessRoles.key(v); }
std::optional<SuccessRole> parseSuccessRole(const QString &text) { return kSuccessRoles.parse(text); }
QStringList successRoleNames() { return kSuccessRoles.all(); }
QString planPartName(PlanPart p) { return kParts.name(p); }
QString planPartKey(PlanPart p) { return kParts.key(p); }

namespace {
// Priorities and objectives: text (named `what` in messages) and an optional success metric.
template<typename T>
FieldErrors textWithMetricErrors(const T &item, const QString &missingText, const QString &tooLong)
{
    FieldErrors errors;
    if (item.text.trimmed().isEmpty())
        errors.append({QStringLiteral("text"), missingText});
    if (item.text.size() > 2000)
        errors.append({QStringLiteral("text"), tooLong});
    const bool figures = item.baseline || item.target || item.current || !item.unit.trimmed().isEmpty();
    if (figures && item.metric.trimmed().isEmpty())
        errors.append({QStringLiteral("metric"), tr("Name the success metric that the baseline, target and current figures measure")});
    return errors;
}
} // namespace

FieldErrors validatePriority(const Priority &p)
{
    return textWithMetricErrors(p, tr("A priority needs its text, in the customer's words"), tr("A priority is at most 2,000 characters"));
}

FieldErrors validateObjective(const Objective &o)
{
    return textWithMetricErrors(o, tr("An objective needs its text"), tr("An objective is at most 2,000 characters"));
}

FieldErrors validateMilestone(const Milestone &m)
{
    FieldErrors errors;
    if (m.what.trimmed().isEmpty())
        errors.append({QStringLiteral("what"), tr("A milestone needs a description")});
    if (!m.due.isValid())
        errors.append({QStringLiteral("due"), tr("A milestone needs a due date")});
    return errors;
}

FieldErrors validateRemediationPlan(const RemediationPlan &r)
{
    FieldErrors errors;
    if (r.sponsorId < 0)
        errors.append({QStringLiteral("sponsor"), tr("Unknown executive sponsor")});
    if (r.rootCause.size() > 4000)
        errors.append({QStringLiteral("root_cause"), tr("The root cause is at most 4,000 characters")});
    return errors;
}

std::optional<int> timeToFirstValue(const SuccessPlan &plan)
{
    if (!plan.startsOn.isValid() || !plan.firstValueOn.isValid())
        return std::nullopt;
    return int(plan.startsOn.daysTo(plan.firstValueOn));
}

RoadmapStatus roadmapStatus(const SuccessPlan &plan, const std::vector<Milestone> &milestones, const QDate &today)
{
    RoadmapStatus s;
    if (plan.startsOn.isValid())
        s.day = int(plan.startsOn.daysTo(today));
    const QDate end = plan.startsOn.isValid() ? plan.startsOn.addDays(kRoadmapDays) : QDate();
    for (const Milestone &m : milestones) {
        if (m.plan != MilestonePlan::Success)
            continue;
        ++s.milestones;
        if (m.done())
            ++s.done;
        else if (m.daysOverdue(today) > 0)
            ++s.overdue;
        if (end.isValid() && m.due > end)
            ++s.beyondRoadmap;
    }
    return s;
}

FieldErrors validateRisk(const Risk &r)
{
    FieldErrors errors;
    if (r.description.trimmed().isEmpty())
        errors.append({QStringLiteral("description"), tr("A risk needs a description")});
    if (r.ownerId < 0)
        errors.append({QStringLiteral("owner"), tr("Unknown mitigation owner")});
    return errors;
}

FieldErrors validateAction(const PlanAction &a)
{
    FieldErrors errors;
    if (a.what.trimmed().isEmpty())
        errors.append({QStringLiteral("what"), tr("An action needs to say what is to be done")});
    if (a.ownerId < 0)
        errors.append({QStringLiteral("owner"), tr("Unknown owner")});
    if (a.doneOn.isValid() && a.status != ActionStatus::Done)
        errors.append({QStringLiteral("done_on"), tr("Only a done action has a done date")});
    return errors;
}

FieldErrors validateValueDelivered(const ValueDelivered &v)
{
    FieldErrors errors;
    if (v.metric.trimmed().isEmpty())
        errors.append({QStringLiteral("metric"), tr("Name what was measured, e.g. \"Status reporting time\"")});
    if (!v.date.isValid())
        errors.append({QStringLiteral("date"), tr("Give the date the value was measured")});
    if (v.impactCents < 0)
        errors.append({QStringLiteral("impact"), tr("The money impact must not be negative")});
    if (!v.current && v.impactCents == 0)
        errors.append({QStringLiteral("current"), tr("Give the current figure or the money impact")});
    return errors;
}

QString referenceRequestProblem(const std::vector<ReferenceRequest> &existing, const ReferenceRequest &next, int perQuarter)
{
    if (!next.date.isValid())
        return tr("A reference request needs a date");
    auto quarter = [](const QDate &d) { return d.year() * 4 + (d.month() - 1) / 3; };
    int asked = 0;
    QDate last;
    for (const ReferenceRequest &r : existing) {
        if (r.contactId != next.contactId || r.id == next.id || quarter(r.date) != quarter(next.date))
            continue;
        ++asked;
        last = std::max(last, r.date);
    }
    if (asked < perQuarter)
        return {};
    return tr("This contact was already asked for a reference on %1; at most %2 per quarter, so advocates are not over-asked")
        .arg(last.toString(Qt::ISODate))
        .arg(perQuarter);
}

PlanFacts planFacts(const std::vector<Priority> &priorities, const std::vector<Contact> &contacts,
                    const std::vector<BuyingCenter> &buyingCenters, const std::vector<WhitespaceCell> &cells, int products,
                    const std::vector<Risk> &risks, const std::vector<PlanAction> &actions, const QDate &noKnownRisksOn,
                    const QDate &lastReviewed, const QDate &today)
{
    PlanFacts f;
    f.priorities = int(priorities.size());
    for (const Contact &c : contacts) {
        if (c.status != ContactStatus::Active)
            continue;
        ++f.activeContacts;
        f.activeEconomicBuyer = f.activeEconomicBuyer || c.role == BuyingRole::EconomicBuyer;
    }
    f.buyingCenters = int(buyingCenters.size());
    f.products = products;
    QHash<qint64, QSet<qint64>> assessed; // buying center -> products with a cell
    for (const WhitespaceCell &cell : cells)
        assessed[cell.buyingCenterId].insert(cell.productId);
    for (const BuyingCenter &bc : buyingCenters)
        f.bestAssessedProducts = std::max(f.bestAssessedProducts, int(assessed.value(bc.id).size()));
    for (const Risk &r : risks) {
        if (!r.isOpen())
            continue;
        ++f.openRisks;
        f.openRisksWithoutOwner += r.ownerId == 0 ? 1 : 0;
        f.openRisksWithoutMitigation += r.mitigation.trimmed().isEmpty() ? 1 : 0;
    }
    f.noKnownRisksOn = noKnownRisksOn;
    for (const PlanAction &a : actions) {
        if (a.status != ActionStatus::Open)
            continue;
        f.readyOpenActions += a.ownerId != 0 && a.due.isValid() ? 1 : 0;
        const int late = a.daysOverdue(today);
        f.overdueActions += late > 0 ? 1 : 0;
        f.actionsOverdueOver30 += late > 30 ? 1 : 0;
    }
    f.lastReviewed = lastReviewed;
    return f;
}

PlanCompleteness planCompleteness(const PlanFacts &f, const QDate &today, int refreshDays)
{
    PlanCompleteness out;
    auto part = [&out](PlanPart p) -> PlanPartResult & {
        PlanPartResult &r = out.parts[size_t(p)];
        r.part = p;
        return r;
    };

    PlanPartResult &priorities = part(PlanPart::Priorities);
    if (f.priorities == 0)
        priorities.missing << tr("No strategic priority recorded");

    PlanPartResult &map = part(PlanPart::RelationshipMap);
    if (f.activeContacts < 3)
        map.missing << count(f.activeContacts, "%1 active contact; at least 3 are needed", "%1 active contacts; at least 3 are needed");
    if (!f.activeEconomicBuyer)
        map.missing << tr("No active economic buyer on the map");

    PlanPartResult &ws = part(PlanPart::Whitespace);
    if (f.products == 0)
        ws.missing << tr("The product catalog is empty");
    else if (f.buyingCenters == 0)
        ws.missing << tr("No buying center recorded");
    else if (f.bestAssessedProducts < f.products)
        ws.missing << tr("No buying center has all %1 products assessed (the most: %2)").arg(f.products).arg(f.bestAssessedProducts);

    PlanPartResult &risks = part(PlanPart::Risks);
    if (f.openRisks > 0) {
        if (f.openRisksWithoutOwner > 0)
            risks.missing << count(f.openRisksWithoutOwner, "%1 open risk without a mitigation owner", "%1 open risks without a mitigation owner");
        if (f.openRisksWithoutMitigation > 0)
            risks.missing << count(f.openRisksWithoutMitigation, "%1 open risk without a mitigation", "%1 open risks without a mitigation");
    } else if (!f.noKnownRisksOn.isValid()) {
        risks.missing << tr("No open risk recorded and \"no known risks\" never confirmed");
    } else if (f.noKnownRisksOn.daysTo(today) > refreshDays) {
        risks.missing << tr("\"No known risks\" was confirmed on %1, more than %2 days ago")
                             .arg(f.noKnownRisksOn.toString(Qt::ISODate))
                             .arg(refreshDays);
    }

    PlanPartResult &actions = part(PlanPart::Actions);
    if (f.readyOpenActions == 0)
        actions.missing << tr("No open action with an owner and a due date");
    if (f.actionsOverdueOver30 > 0)
        actions.missing << count(f.actionsOverdueOver30, "%1 action overdue by more than 30 days", "%1 actions overdue by more than 30 days");

    for (PlanPartResult &r : out.parts) {
        r.met = r.missing.isEmpty();
        out.percent += r.met ? 20 : 0;
    }
    return out;
}

PlanFreshness planFreshness(const QDate &lastReviewed, const QDate &today, int refreshDays)
{
    PlanFreshness out;
    if (!lastReviewed.isValid())
        return out;
    out.days = int(std::max<qint64>(0, lastReviewed.daysTo(today)));
    out.stale = *out.days > refreshDays;
    return out;
}

QbrSummary normalisedQbrSummary(QbrSummary s)
{
    const auto clean = [](const QStringList &points) {
        QStringList out;
        for (const QString &p : points)
            if (const QString t = p.simplified(); !t.isEmpty())
                out << t;
        return out;
    };
    s.highlights = clean(s.highlights);
    s.lowlights = clean(s.lowlights);
    s.quarter = s.quarter.trimmed().toUpper();
    return s;
}

FieldErrors validateQbrSummary(const QbrSummary &s)
{
    FieldErrors errors;
    const auto check = [&](const QStringList &points, const char *field, const QString &name) {
        if (points.size() > kQbrSummaryMaxPoints)
            errors.append({QString::fromLatin1(field), tr("%1: at most %2 points, not %3").arg(name).arg(kQbrSummaryMaxPoints).arg(points.size())});
        for (int i = 0; i < points.size(); ++i) {
            if (points[i].size() > kQbrSummaryMaxPointChars)
                errors.append({QString::fromLatin1(field),
                               tr("%1, point %2: at most %3 characters, not %4").arg(name).arg(i + 1).arg(kQbrSummaryMaxPointChars).arg(points[i].size())});
            if (points[i].contains(QChar(0)))
                errors.append({QString::fromLatin1(field), tr("%1, point %2: holds a NUL character").arg(name).arg(i + 1)});
        }
    };
    check(s.highlights, "highlights", tr("Highlights"));
    check(s.lowlights, "lowlights", tr("Lowlights"));
    return errors;
}

QString qbrSummaryText(const QbrSummary &s)
{
    QString out = QStringLiteral("Highlights\n");
    for (const QString &p : s.highlights)
        out += QStringLiteral("- ") + p + QLatin1Char('\n');
    out += QStringLiteral("\nLowlights\n");
    for (const QString &p : s.lowlights)
        out += QStringLiteral("- ") + p + QLatin1Char('\n');
    return out;
}

QbrSummaryParse parseQbrSummaryText(const QString &text)
{
    QbrSummaryParse r;
    QStringList *current = nullptr;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines[i].trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        QString heading = line.toLower();
        if (heading.endsWith(QLatin1Char(':')))
            heading.chop(1);
        if (heading == QLatin1String("highlights")) {
            current = &r.summary.highlights;
            continue;
        }
        if (heading == QLatin1String("lowlights")) {
            current = &r.summary.lowlights;
            continue;
        }
        if (!current) {
            r.error = tr("line %1: a summary starts with a line \"Highlights\" or \"Lowlights\", not \"%2\"").arg(i + 1).arg(line.left(40));
            return r;
        }
        for (const QString &bullet : {QStringLiteral("- "), QStringLiteral("* "), QStringLiteral("\u2022 ")})
            if (line.startsWith(bullet)) {
                line = line.mid(bullet.size()).trimmed();
                break;
            }
        if (line.contains(QChar(0))) {
            r.error = tr("line %1: holds a NUL character").arg(i + 1);
            return r;
        }
        *current << line;
    }
    r.summary = normalisedQbrSummary(r.summary);
    return r;
}

} // namespace keystone::domain
