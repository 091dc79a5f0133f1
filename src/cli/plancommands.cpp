// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// An account's plan: plan, history, snapshot.
#include "commands.h"
#include "jsonviews.h"

#include "keystone/domain/money.h"
#include "keystone/services/history.h"
#include "keystone/services/planservice.h"
#include "keystone/services/snapshotservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/validationerror.h"
#include "keystone/services/queries.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cmath>
#include <functional>

namespace keystone::cli {

namespace {

int runPlan(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    const QString file = requireFile(p);
    auto portfolio = openForReading(file);
    const domain::Account account = requireAccount(*portfolio, p.value(QStringLiteral("account")));
    const QDate today = todayOption(p);
    const auto plan = services::PlanService(*portfolio).load(account.id, today);
    if (!plan)
        throw DataProblem{QStringLiteral("no account %1").arg(account.name)};
    QHash<qint64, QString> team;
    for (const domain::TeamMember &m : services::query::team(*portfolio))
        team.insert(m.id, m.name);
    auto person = [&team](qint64 id) { return id > 0 ? json(s(team.value(id))) : json(nullptr); };
    const QDate lastReviewed = plan->reviews.empty() ? QDate() : plan->reviews.front().date;
    if (p.isSet(QStringLiteral("json"))) {
        json priorities = json::array();
        for (const domain::Priority &x : plan->priorities)
            priorities.push_back({{"id", x.id}, {"uuid", s(x.uuid)}, {"position", x.position}, {"text", s(x.text)},
                                  {"metric", x.metric.isEmpty() ? json(nullptr) : json(s(x.metric))}, {"baseline", realOrNull(x.baseline)},
                                  {"target", realOrNull(x.target)}, {"current", realOrNull(x.current)}, {"unit", s(x.unit)}});
        json risks = json::array();
        for (const domain::Risk &x : plan->risks)
            risks.push_back({{"id", x.id}, {"uuid", s(x.uuid)}, {"description", s(x.description)}, {"severity", s(domain::riskLevelKey(x.severity))},
                             {"likelihood", s(domain::riskLevelKey(x.likelihood))}, {"mitigation", s(x.mitigation)}, {"owner", person(x.ownerId)},
                             {"status", s(domain::riskStatusKey(x.status))}});
        json actions = json::array();
        for (const domain::PlanAction &x : plan->actions)
            actions.push_back({{"id", x.id}, {"uuid", s(x.uuid)}, {"what", s(x.what)}, {"owner", person(x.ownerId)}, {"due", dateOrNull(x.due)},
                               {"status", s(domain::actionStatusKey(x.status))}, {"done_on", dateOrNull(x.doneOn)},
                               {"days_overdue", x.daysOverdue(today)}, {"shared", x.shared}});
        json values = json::array();
        for (const domain::ValueDelivered &x : plan->values) {
            const auto change = x.change();
            values.push_back({{"id", x.id}, {"uuid", s(x.uuid)}, {"metric", s(x.metric)}, {"baseline", realOrNull(x.baseline)},
                              {"current", realOrNull(x.current)}, {"unit", s(x.unit)}, {"change", change ? json(*change) : json(nullptr)},
                              {"impact_cents", x.impactCents}, {"date", dateOrNull(x.date)}});
        }
        json requests = json::array();
        QHash<qint64, QString> contactNames;
        for (const domain::Contact &c : services::query::contacts(*portfolio, account.id))
            contactNames.insert(c.id, c.name);
        for (const domain::ReferenceRequest &x : plan->referenceRequests)
            requests.push_back({{"contact", s(contactNames.value(x.contactId))}, {"date", dateOrNull(x.date)}, {"purpose", s(x.purpose)}});
        const json advocacy{{"referenceable", account.referenceable},
                            {"case_study", s(domain::caseStudyStatusKey(plan->advocacy.caseStudy))},
                            {"advisory_board", plan->advocacy.advisoryBoard},
                            {"nps", plan->nps ? json(*plan->nps) : json(nullptr)},
                            {"nps_date", dateOrNull(plan->npsDate)},
                            {"reference_requests", requests}};
        auto milestonesJson = [&today](const std::vector<domain::Milestone> &items) {
            json list = json::array();
            for (const domain::Milestone &x : items)
                list.push_back({{"id", x.id}, {"uuid", s(x.uuid)}, {"what", s(x.what)}, {"due", dateOrNull(x.due)}, {"done_on", dateOrNull(x.doneOn)},
                                {"days_overdue", x.daysOverdue(today)}, {"shared", x.shared}});
            return list;
        };
        json objectives = json::array();
        for (const domain::Objective &x : plan->objectives) {
            const auto progress = x.progress();
            objectives.push_back({{"id", x.id}, {"uuid", s(x.uuid)}, {"position", x.position}, {"text", s(x.text)},
                                  {"metric", x.metric.isEmpty() ? json(nullptr) : json(s(x.metric))}, {"baseline", realOrNull(x.baseline)},
                                  {"target", realOrNull(x.target)}, {"current", realOrNull(x.current)}, {"unit", s(x.unit)},
                                  {"progress", progress ? json(*progress) : json(nullptr)}});
        }
        json champions = json::array();
        json deciders = json::array();
        for (const domain::SuccessContact &x : plan->successContacts)
            (x.role == domain::SuccessRole::Champion ? champions : deciders).push_back(s(contactNames.value(x.contactId)));
        const auto ttfv = domain::timeToFirstValue(plan->successPlan);
        const domain::RoadmapStatus &road = plan->roadmap;
        const json successPlan{{"starts_on", dateOrNull(plan->successPlan.startsOn)},
                               {"first_value_on", dateOrNull(plan->successPlan.firstValueOn)},
                               {"time_to_first_value_days", ttfv ? json(*ttfv) : json(nullptr)},
                               {"roadmap_day", road.day ? json(*road.day) : json(nullptr)},
                               {"milestones_done", road.done},
                               {"milestones_overdue", road.overdue},
                               {"objectives", objectives},
                               {"milestones", milestonesJson(plan->successMilestones)},
                               {"champions", champions},
                               {"decision_makers", deciders}};
        const json remediation{{"at_risk", plan->atRisk},
                               {"executive_sponsor", person(plan->remediation.sponsorId)},
                               {"root_cause", s(plan->remediation.rootCause)},
                               {"opened_on", dateOrNull(plan->remediation.openedOn)},
                               {"milestones", milestonesJson(plan->remediationMilestones)}};
        json reviews = json::array();
        for (const domain::PlanReview &x : plan->reviews)
            reviews.push_back({{"date", dateOrNull(x.date)}, {"reviewer", person(x.reviewerId)}, {"note", s(x.note)}});
        json parts = json::object();
        for (const domain::PlanPartResult &r : plan->completeness.parts) {
            json missing = json::array();
            for (const QString &m : r.missing)
                missing.push_back(s(m));
            parts[domain::planPartKey(r.part).toStdString()] = {{"name", s(domain::planPartName(r.part))}, {"met", r.met}, {"missing", missing}};
        }
        json j;
        j["account"] = s(account.name);
        j["as_of"] = s(today.toString(Qt::ISODate));
        j["tier"] = int(plan->tier);
        j["refresh_days"] = plan->refreshDays;
        j["completeness"] = plan->completeness.percent;
        j["parts"] = parts;
        j["freshness_days"] = plan->freshness.days ? json(*plan->freshness.days) : json(nullptr);
        j["stale"] = plan->freshness.stale;
        j["last_reviewed"] = dateOrNull(lastReviewed);
        j["priorities"] = priorities;
        j["risks"] = risks;
        j["no_known_risks_on"] = dateOrNull(plan->noKnownRisksOn);
        j["actions"] = actions;
        j["value_delivered"] = values;
        j["advocacy"] = advocacy;
        j["phase"] = s(domain::lifecycleKey(plan->phase));
        j["success_plan"] = successPlan;
        j["remediation"] = remediation;
        j["reviews"] = reviews;
        out << QString::fromStdString(j.dump(2)) << '\n';
        return Ok;
    }
    out << QStringLiteral("%1: plan %2% complete, %3\n")
               .arg(account.name)
               .arg(plan->completeness.percent)
               .arg(plan->freshness.days ? QStringLiteral("reviewed %1 days ago%2 (limit %3)")
                                               .arg(*plan->freshness.days)
                                               .arg(plan->freshness.stale ? QStringLiteral(", stale") : QString())
                                               .arg(plan->refreshDays)
                                         : QStringLiteral("never reviewed (stale)"));
    for (const domain::PlanPartResult &r : plan->completeness.parts)
        out << QStringLiteral("  [%1] %2%3\n").arg(r.met ? QStringLiteral("x") : QStringLiteral(" "), domain::planPartName(r.part),
                                                  r.met ? QString() : QStringLiteral(": ") + r.missing.join(QStringLiteral("; ")));
    out << "Priorities:\n";
    for (const domain::Priority &x : plan->priorities) {
        out << QStringLiteral("  %1. %2").arg(x.position + 1).arg(x.text);
        auto num = [](const std::optional<double> &v) { return v ? QString::number(*v) : QStringLiteral("?"); };
        if (!x.metric.isEmpty())
            out << QStringLiteral(" (%1: %2 -> %3, target %4%5)")
                       .arg(x.metric, num(x.baseline), num(x.current), num(x.target), x.unit.isEmpty() ? QString() : QStringLiteral(" ") + x.unit);
        out << '\n';
    }
    out << "Risks:\n";
    for (const domain::Risk &x : plan->risks)
        out << QStringLiteral("  %1 %2/%3 %4 (owner: %5)\n")
                   .arg(domain::riskStatusName(x.status), -10).arg(domain::riskLevelName(x.severity)).arg(domain::riskLevelName(x.likelihood))
                   .arg(x.description).arg(x.ownerId > 0 ? team.value(x.ownerId) : QStringLiteral("none"));
    if (plan->noKnownRisksOn.isValid())
        out << QStringLiteral("  \"No known risks\" confirmed %1\n").arg(plan->noKnownRisksOn.toString(Qt::ISODate));
    if (!plan->values.empty())
        out << "Value delivered:\n";
    for (const domain::ValueDelivered &x : plan->values) {
        auto num = [](const std::optional<double> &v) { return v ? QString::number(*v) : QStringLiteral("?"); };
        out << QStringLiteral("  %1 %2: %3 -> %4%5%6\n")
                   .arg(x.date.toString(Qt::ISODate), x.metric, num(x.baseline), num(x.current), x.unit.isEmpty() ? QString() : QStringLiteral(" ") + x.unit)
                   .arg(x.impactCents > 0 ? QStringLiteral(", worth %1 a year").arg(domain::formatMoney(x.impactCents, account.arr.currency)) : QString());
    }
    out << QStringLiteral("Advocacy: %1referenceable, case study %2, %3advisory board, NPS %4, %5 reference request(s)\n")
               .arg(account.referenceable ? QString() : QStringLiteral("not "), domain::caseStudyStatusName(plan->advocacy.caseStudy).toLower(),
                    plan->advocacy.advisoryBoard ? QStringLiteral("on the ") : QStringLiteral("not on the "),
                    plan->nps ? QString::number(*plan->nps) : QStringLiteral("none"))
               .arg(plan->referenceRequests.size());
    out << "Actions:\n";
    for (const domain::PlanAction &x : plan->actions) {
        const int late = x.daysOverdue(today);
        out << QStringLiteral("  %1 %2 %3 (owner: %4)%5\n")
                   .arg(domain::actionStatusName(x.status), -9).arg(x.due.isValid() ? x.due.toString(Qt::ISODate) : QStringLiteral("no date"), -10)
                   .arg(x.what).arg(x.ownerId > 0 ? team.value(x.ownerId) : QStringLiteral("none"))
                   .arg(late > 0 ? QStringLiteral(", %1 days overdue").arg(late) : QString());
    }
    auto printMilestones = [&out, &today](const std::vector<domain::Milestone> &items) {
        for (const domain::Milestone &x : items) {
            const int late = x.daysOverdue(today);
            out << QStringLiteral("  %1 %2%3\n")
                       .arg(x.due.toString(Qt::ISODate), x.what)
                       .arg(x.done() ? QStringLiteral(" (done %1)").arg(x.doneOn.toString(Qt::ISODate))
                            : late > 0 ? QStringLiteral(" (%1 days overdue)").arg(late)
                                       : QString());
        }
    };
    if (plan->successPlan.startsOn.isValid() || !plan->objectives.empty() || !plan->successMilestones.empty()) {
        const auto ttfv = domain::timeToFirstValue(plan->successPlan);
        out << QStringLiteral("Joint success plan: started %1%2%3\n")
                   .arg(plan->successPlan.startsOn.isValid() ? plan->successPlan.startsOn.toString(Qt::ISODate) : QStringLiteral("(not yet)"))
                   .arg(plan->roadmap.day ? QStringLiteral(", day %1 of 90").arg(*plan->roadmap.day) : QString())
                   .arg(ttfv ? QStringLiteral(", first value after %1 days").arg(*ttfv) : QStringLiteral(", no first value yet"));
        for (const domain::Objective &x : plan->objectives)
            out << QStringLiteral("  objective %1. %2\n").arg(x.position + 1).arg(x.text);
        printMilestones(plan->successMilestones);
    }
    if (plan->atRisk || !plan->remediation.isEmpty() || !plan->remediationMilestones.empty()) {
        out << QStringLiteral("Remediation plan%1: sponsor %2, root cause: %3\n")
                   .arg(plan->atRisk ? QString() : QStringLiteral(" (no longer at risk)"))
                   .arg(plan->remediation.sponsorId > 0 ? team.value(plan->remediation.sponsorId) : QStringLiteral("none"))
                   .arg(plan->remediation.rootCause.isEmpty() ? QStringLiteral("not recorded") : plan->remediation.rootCause);
        printMilestones(plan->remediationMilestones);
    }
    return Ok;
}

int runHistory(QCommandLineParser &p, QTextStream &out, QTextStream &)
{
    const QString file = requireFile(p);
    const int limit = intOption(p, QStringLiteral("limit"), 200, 1, 1000000);
    auto portfolio = openForReading(file);
    const domain::Account account = requireAccount(*portfolio, p.value(QStringLiteral("account")));
    const auto entries = services::loadHistory(*portfolio, account.id, limit);
    if (p.isSet(QStringLiteral("json"))) {
        json changes = json::array();
        for (const services::HistoryEntry &e : entries)
            changes.push_back({{"at", s(e.at.toString(Qt::ISODateWithMs))}, {"entity", s(e.entity)}, {"kind", s(e.kind)}, {"item", s(e.item)},
                               {"action", s(e.action)}, {"field", e.field.isEmpty() ? json(nullptr) : json(s(e.field))},
                               {"change", s(e.change)}, {"before", e.action == QLatin1String("changed") ? json(s(e.before)) : json(nullptr)},
                               {"after", e.action == QLatin1String("changed") ? json(s(e.after)) : json(nullptr)},
                               {"changed_by", e.changedBy.isEmpty() ? json(nullptr) : json(s(e.changedBy))}});
        json j;
        j["account"] = s(account.name);
        j["changes"] = changes;
        out << QString::fromStdString(j.dump(2)) << '\n';
        return Ok;
    }
    out << QStringLiteral("%1: %2 change(s), newest first\n").arg(account.name).arg(entries.size());
    for (const services::HistoryEntry &e : entries) {
        out << QStringLiteral("  %1  %2 %3: %4").arg(e.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), e.kind, e.item, e.change);
        if (e.action == QLatin1String("changed"))
            out << QStringLiteral(" %1 -> %2").arg(e.before, e.after);
        if (!e.changedBy.isEmpty())
            out << QStringLiteral(" (by %1)").arg(e.changedBy);
        out << '\n';
    }
    return Ok;
}

int runSnapshot(QCommandLineParser &p, QTextStream &out, QTextStream &err)
{
    if (p.positionalArguments().isEmpty())
        throw UsageProblem{QStringLiteral("missing the portfolio FILE argument")};
    const QString file = p.positionalArguments().first(); // --compare takes a second label after it
    const bool take = p.isSet(QStringLiteral("label"));
    const bool compare = p.isSet(QStringLiteral("compare"));
    const bool list = p.isSet(QStringLiteral("list"));
    if (int(take) + int(compare) + int(list) != 1)
        throw UsageProblem{QStringLiteral("give one of --label LABEL (take a snapshot), --compare A B, or --list")};
    const QStringList rest = p.positionalArguments().mid(1);
    if (compare && rest.size() != 1)
        throw UsageProblem{QStringLiteral("--compare needs two labels: --compare LABEL_A LABEL_B")};
    if (!compare && !rest.isEmpty())
        throw UsageProblem{QStringLiteral("unexpected argument '%1'").arg(rest.first())};
    const bool asJson = p.isSet(QStringLiteral("json"));
    if (take) {
        auto portfolio = services::Portfolio::open(file);
        if (portfolio->isReadOnly()) {
            err << QStringLiteral("%1: %2\n").arg(portfolio->path(), portfolio->readOnlyReason());
            return DataError;
        }
        const domain::Account account = requireAccount(*portfolio, p.value(QStringLiteral("account")));
        const domain::PlanSnapshot snap = services::SnapshotService(*portfolio).take(account.id, p.value(QStringLiteral("label")), todayOption(p));
        int items = 0;
        for (const domain::SnapshotSection &sec : snap.sections)
            items += int(sec.items.size());
        out << QStringLiteral("Snapshot '%1' of %2 taken (%3 items)\n").arg(snap.label, account.name).arg(items);
        return Ok;
    }
    auto portfolio = openForReading(file);
    const domain::Account account = requireAccount(*portfolio, p.value(QStringLiteral("account")));
    services::SnapshotService snapshots(*portfolio);
    if (list) {
        const auto all = snapshots.list(account.id);
        if (asJson) {
            json arr = json::array();
            for (const domain::PlanSnapshot &snap : all)
                arr.push_back({{"label", s(snap.label)}, {"taken_at", s(snap.takenAt.toString(Qt::ISODateWithMs))}});
            out << QString::fromStdString(json{{"account", s(account.name)}, {"snapshots", arr}}.dump(2)) << '\n';
        } else {
            out << QStringLiteral("%1: %2 snapshot(s)\n").arg(account.name).arg(all.size());
            for (const domain::PlanSnapshot &snap : all)
                out << QStringLiteral("  %1  taken %2\n").arg(snap.label, -12).arg(snap.takenAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
        }
        return Ok;
    }
    const QString labelA = p.value(QStringLiteral("compare"));
    const QString labelB = rest.first();
    const auto a = snapshots.get(account.id, labelA);
    const auto b = snapshots.get(account.id, labelB);
    for (const auto &[snap, label] : {std::pair{&a, labelA}, std::pair{&b, labelB}})
        if (!*snap)
            throw services::ValidationError(QStringLiteral("Snapshot"),
                                            {{QStringLiteral("label"), QStringLiteral("%1 has no snapshot labelled '%2'").arg(account.name, label)}});
    const auto changes = domain::compareSnapshots(*a, *b);
    if (asJson) {
        json arr = json::array();
        for (const domain::SnapshotChange &c : changes) {
            json e{{"section", s(c.section)}, {"item", s(c.item)}, {"change", s(domain::snapshotChangeKindKey(c.kind))}};
            if (c.kind == domain::SnapshotChange::Kind::Changed) {
                e["field"] = s(c.field);
                e["before"] = s(c.before);
                e["after"] = s(c.after);
            }
            arr.push_back(e);
        }
        out << QString::fromStdString(json{{"account", s(account.name)}, {"from", s(labelA)}, {"to", s(labelB)}, {"changes", arr}}.dump(2)) << '\n';
        return Ok;
    }
    out << QStringLiteral("%1: %2 -> %3, %4 change(s)\n").arg(account.name, labelA, labelB).arg(changes.size());
    QString section;
    for (const domain::SnapshotChange &c : changes) {
        if (c.section != section) {
            section = c.section;
            out << section << ":\n";
        }
        if (c.kind == domain::SnapshotChange::Kind::Changed)
            out << QStringLiteral("  ~ %1: %2 '%3' -> '%4'\n").arg(c.item, c.field, c.before, c.after);
        else
            out << QStringLiteral("  %1 %2\n").arg(c.kind == domain::SnapshotChange::Kind::Added ? QStringLiteral("+") : QStringLiteral("-"), c.item);
    }
    return Ok;
}

} // namespace

CommandList planCommands()
{
    return {
        {QStringLiteral("plan"),
         {QStringLiteral("An account's plan: priorities, risks, actions, reviews, completeness and freshness"),
          QStringLiteral("plan FILE --account NAME [--today DATE] [--json]"),
          [](QCommandLineParser &p) {
              p.addOption({QStringLiteral("account"), QStringLiteral("The account (name, any case)."), QStringLiteral("NAME")});
              p.addOption({QStringLiteral("today"), QStringLiteral("Reference date for overdue actions and freshness (default: today)."), QStringLiteral("DATE")});
              p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
          },
          runPlan}},
        {QStringLiteral("history"),
         {QStringLiteral("An account's change history, newest first"),
          QStringLiteral("history FILE --account NAME [--limit N] [--json]"),
          [](QCommandLineParser &p) {
              p.addOption({QStringLiteral("account"), QStringLiteral("The account (name, any case)."), QStringLiteral("NAME")});
              p.addOption({QStringLiteral("limit"), QStringLiteral("At most N changes (default 200)."), QStringLiteral("N")});
              p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
          },
          runHistory}},
        {QStringLiteral("snapshot"),
         {QStringLiteral("Take, list or compare quarter snapshots of an account's plan"),
          QStringLiteral("snapshot FILE --account NAME (--label LABEL [--today DATE] | --compare LABEL_A LABEL_B [--json] | --list [--json])"),
          [](QCommandLineParser &p) {
              p.addOption({QStringLiteral("account"), QStringLiteral("The account (name, any case)."), QStringLiteral("NAME")});
              p.addOption({QStringLiteral("label"), QStringLiteral("Take a snapshot under LABEL (e.g. 2026Q4)."), QStringLiteral("LABEL")});
              p.addOption({QStringLiteral("today"), QStringLiteral("Reference date for the plan figures (default: today)."), QStringLiteral("DATE")});
              p.addOption({QStringLiteral("compare"), QStringLiteral("Compare snapshot LABEL_A with LABEL_B (the next argument)."), QStringLiteral("LABEL_A")});
              p.addOption({QStringLiteral("list"), QStringLiteral("List the account's snapshots.")});
              p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
          },
          runSnapshot}},
    };
}

} // namespace keystone::cli
