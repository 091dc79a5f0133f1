// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/relationship.h"
#include "keystone/domain/validation.h"
#include "keystone/domain/whitespace.h"

#include <QDate>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>
#include <vector>

namespace keystone::domain {

// The account plan (domain.md section 8): priorities, risks and actions, with the plan's
// completeness (five parts of 20%) and freshness (days since the last review).

// A strategic priority in the customer's words, with an optional success metric.
struct Priority {
    qint64 id = 0;
    QString uuid;
    qint64 accountId = 0;
    int position = 0; // order in the plan
    QString text;
    QString metric;   // e.g. "Status reporting time"; empty: no metric
    std::optional<double> baseline;
    std::optional<double> target;
    std::optional<double> current;
    QString unit;     // e.g. "hours/week"
    bool operator==(const Priority &) const = default;
};
FieldErrors validatePriority(const Priority &p);

enum class RiskLevel { Low, Medium, High };  // severity and likelihood
enum class RiskStatus { Open, Mitigating, Closed };
QString riskLevelName(RiskLevel v);          // "High"
QString riskLevelKey(RiskLevel v);           // "high"
std::optional<RiskLevel> parseRiskLevel(const QString &text);
QString riskStatusName(RiskStatus v);        // "Mitigating"
QString riskStatusKey(RiskStatus v);
std::optional<RiskStatus> parseRiskStatus(const QString &text);
QStringList riskLevelNames();
QStringList riskStatusNames();

struct Risk {
    qint64 id = 0;
    QString uuid;
    qint64 accountId = 0;
    QString description;
    RiskLevel severity = RiskLevel::Medium;
    RiskLevel likelihood = RiskLevel::Medium;
    QString mitigation;
    qint64 ownerId = 0; // team member who owns the mitigation; 0: nobody
    RiskStatus status = RiskStatus::Open;
    bool isOpen() const { return status != RiskStatus::Closed; }
    bool operator==(const Risk &) const = default;
};
FieldErrors validateRisk(const Risk &r);

enum class ActionStatus { Open, Done, Cancelled };
QString actionStatusName(ActionStatus v);
QString actionStatusKey(ActionStatus v);
std::optional<ActionStatus> parseActionStatus(const QString &text);
QStringList actionStatusNames();

struct PlanAction {
    qint64 id = 0;
    QString uuid;
    qint64 accountId = 0;
    QString what;
    qint64 ownerId = 0; // team member; 0: nobody
    QDate due;          // invalid: no due date
    ActionStatus status = ActionStatus::Open;
    QDate doneOn;       // when Done
    // Shown to the customer (the QBR's customer version lists it). Our own actions are
    // internal unless someone chooses to share one.
    bool shared = false;
    // Days past the due date of an open action on `today`; 0 when not overdue.
    int daysOverdue(const QDate &today) const
    {
        return status == ActionStatus::Open && due.isValid() && due < today ? int(due.daysTo(today)) : 0;
    }
    bool operator==(const PlanAction &) const = default;
};
FieldErrors validateAction(const PlanAction &a);

// Value delivered: a quantified outcome for the QBR ("status reporting time cut 15%").
struct ValueDelivered {
    qint64 id = 0;
    QString uuid;
    qint64 accountId = 0;
    QString metric;
    std::optional<double> baseline;
    std::optional<double> current;
    QString unit;
    qint64 impactCents = 0; // money impact per year, in the portfolio's currency; 0 = not quantified
    QDate date;             // when it was measured
    bool operator==(const ValueDelivered &) const = default;
    // Change from baseline to current as a fraction of the baseline (-0.15 = down 15%).
    std::optional<double> change() const
    {
        if (!baseline || !current || *baseline == 0)
            return std::nullopt;
        return (*current - *baseline) / *baseline;
    }
};
FieldErrors validateValueDelivered(const ValueDelivered &v);

// Advocacy (domain.md section 8): case study status and advisory board seat per account
// (referenceable is on the account), and dated reference requests per contact.
enum class CaseStudyStatus { None, Candidate, InProgress, Published, Declined };
QString caseStudyStatusName(CaseStudyStatus v); // "In progress"
QString caseStudyStatusKey(CaseStudyStatus v);  // "in_progress"
std::optional<CaseStudyStatus> parseCaseStudyStatus(const QString &text);
QStringList caseStudyStatusNames();

struct AdvocacyProfile {
    qint64 accountId = 0;
    CaseStudyStatus caseStudy = CaseStudyStatus::None;
    bool advisoryBoard = false;
    bool operator==(const AdvocacyProfile &) const = default;
};

struct ReferenceRequest {
    qint64 id = 0;
    QString uuid;
    qint64 accountId = 0;
    qint64 contactId = 0;
    QDate date;
    QString purpose; // e.g. "Call with a prospect in logistics"
    bool operator==(const ReferenceRequest &) const = default;
};
// Advocates are not over-asked: by default at most one request per contact per calendar quarter.
constexpr int kReferenceRequestsPerQuarter = 1;
// Why `next` would over-ask its contact given the requests already made (empty: fine).
QString referenceRequestProblem(const std::vector<ReferenceRequest> &existing, const ReferenceRequest &next,
                                int perQuarter = kReferenceRequestsPerQuarter);

// Joint success plan (domain.md section 8; co-created with the customer in onboarding):
// objectives with success metrics, a 90-day roadmap of milestones counted from the plan's
// start, the customer's champions and decision makers, and the date of first value.
struct Objective {
    qint64 id = 0;
    QString uuid;
    qint64 accountId = 0;
    int position = 0;
    QString text;
    QString metric; // empty: no metric
    std::optional<double> baseline;
    std::optional<double> target;
    std::optional<double> current;
    QString unit;
    bool operator==(const Objective &) const = default;
    // How far current has come from baseline toward target (0 = at baseline, 1 = reached;
    // may pass 1 or go below 0); nullopt without all three figures or when target = baseline.
    std::optional<double> progress() const
    {
        if (!baseline || !target || !current || *target == *baseline)
            return std::nullopt;
        return (*current - *baseline) / (*target - *baseline);
    }
};
FieldErrors validateObjective(const Objective &o);

// Milestones belong to the joint success plan or to the at-risk remediation plan.
enum class MilestonePlan { Success, Remediation };
QString milestonePlanKey(MilestonePlan v); // "success", "remediation"
std::optional<MilestonePlan> parseMilestonePlan(const QString &text);
// Whether a new milestone of the plan is shown to the customer unless someone says otherwise:
// the joint success plan is the customer's too; the remediation plan is ours.
constexpr bool sharedByDefault(MilestonePlan p) { return p == MilestonePlan::Success; }

struct Milestone {
    qint64 id = 0;
    QString uuid;
    qint64 accountId = 0;
    MilestonePlan plan = MilestonePlan::Success;
    QString what;
    QDate due;
    QDate doneOn; // invalid: not done
    bool shared = true; // shown to the customer; a new one starts at sharedByDefault(plan)
    bool done() const { return doneOn.isValid(); }
    int daysOverdue(const QDate &today) const { return !done() && due.isValid() && due < today ? int(due.daysTo(today)) : 0; }
    bool operator==(const Milestone &) const = default;
};
FieldErrors validateMilestone(const Milestone &m);

// The customer's people the success plan names: champions and decision makers (contacts of
// the account; one contact may be both).
enum class SuccessRole { Champion, DecisionMaker };
QString successRoleName(SuccessRole v); // "Decision maker"
QString successRoleKey(SuccessRole v);  // "decision_maker"
std::optional<SuccessRole> parseSuccessRole(const QString &text);
QStringList successRoleNames();

struct SuccessContact {
    qint64 id = 0;
    QString uuid;
    qint64 accountId = 0;
    qint64 contactId = 0;
    SuccessRole role = SuccessRole::Champion;
    bool operator==(const SuccessContact &) const = default;
};

constexpr int kRoadmapDays = 90; // the success plan's roadmap covers 90 days from its start

struct SuccessPlan {
    qint64 accountId = 0;
    QDate startsOn;     // kick-off: day 0 of the 90-day roadmap (invalid: not started)
    QDate firstValueOn; // when the customer first got value (invalid: not yet)
    bool operator==(const SuccessPlan &) const = default;
};
// Days from the start to first value; nullopt unless both dates are set.
std::optional<int> timeToFirstValue(const SuccessPlan &plan);
// Where the roadmap stands on `today`: milestones done, overdue, and due after day 90.
struct RoadmapStatus {
    int milestones = 0;
    int done = 0;
    int overdue = 0;
    int beyondRoadmap = 0; // due later than start + 90 days
    std::optional<int> day; // today's day of the roadmap (0 = start); nullopt without a start
};
RoadmapStatus roadmapStatus(const SuccessPlan &plan, const std::vector<Milestone> &milestones, const QDate &today);

// The at-risk overlay's remediation plan (domain.md section 2): executive sponsor (a team
// member), root cause, and milestones (MilestonePlan::Remediation).
struct RemediationPlan {
    qint64 accountId = 0;
    qint64 sponsorId = 0; // 0: nobody named yet
    QString rootCause;
    QDate openedOn;
    bool operator==(const RemediationPlan &) const = default;
    bool isEmpty() const { return sponsorId == 0 && rootCause.trimmed().isEmpty() && !openedOn.isValid(); }
};
FieldErrors validateRemediationPlan(const RemediationPlan &r);

// Every kind of plan item that the repository, PlanService::add/update/remove/restore and the
// undo commands serve: X(type) for each (explicit instantiations are made from this list).
#define KEYSTONE_FOR_EACH_PLAN_ITEM(X)                                                                                           \
    X(keystone::domain::Priority)                                                                                                \
    X(keystone::domain::Risk)                                                                                                    \
    X(keystone::domain::PlanAction)                                                                                              \
    X(keystone::domain::ValueDelivered)                                                                                          \
    X(keystone::domain::ReferenceRequest)                                                                                        \
    X(keystone::domain::Objective)                                                                                               \
    X(keystone::domain::Milestone)                                                                                               \
    X(keystone::domain::SuccessContact)

// "Mark reviewed": who looked at the plan, when, and what they noted.
struct PlanReview {
    qint64 id = 0;
    qint64 accountId = 0;
    QDate date;
    qint64 reviewerId = 0;
    QString note;
    bool operator==(const PlanReview &) const = default;
};

// What completeness needs to know about one account, counted from its plan, map and
// whitespace. The book's are counted in SQL; one account's by planFacts() below.
struct PlanFacts {
    int priorities = 0;
    int activeContacts = 0;
    bool activeEconomicBuyer = false;
    int buyingCenters = 0;
    int products = 0;                  // in the catalog
    int bestAssessedProducts = 0;      // the most products assessed in any one buying center
    int openRisks = 0;
    int openRisksWithoutOwner = 0;
    int openRisksWithoutMitigation = 0;
    QDate noKnownRisksOn;              // the last "no known risks" confirmation
    int readyOpenActions = 0;          // open, with an owner and a due date
    int actionsOverdueOver30 = 0;      // open and overdue by more than 30 days
    int overdueActions = 0;            // open and overdue at all
    QDate lastReviewed;
    bool operator==(const PlanFacts &) const = default;
};

// One account's facts from its lists (the Plan tab, the CLI for one account). "Assessed":
// a buying center has a cell for the product (any status, "Not a fit" included).
PlanFacts planFacts(const std::vector<Priority> &priorities, const std::vector<Contact> &contacts,
                    const std::vector<BuyingCenter> &buyingCenters, const std::vector<WhitespaceCell> &cells, int products,
                    const std::vector<Risk> &risks, const std::vector<PlanAction> &actions, const QDate &noKnownRisksOn,
                    const QDate &lastReviewed, const QDate &today);

enum class PlanPart { Priorities, RelationshipMap, Whitespace, Risks, Actions };
constexpr int kPlanPartCount = 5;
QString planPartName(PlanPart p); // "Relationship map"
QString planPartKey(PlanPart p);  // "relationship_map"

struct PlanPartResult {
    PlanPart part = PlanPart::Priorities;
    bool met = false;
    QStringList missing; // what keeps it from being met, one reason per line
};

struct PlanCompleteness {
    int percent = 0; // 0-100 in steps of 20
    std::array<PlanPartResult, kPlanPartCount> parts{};
};

// The five bars of domain.md section 8. `refreshDays` is the tier's plan-refresh limit:
// a "no known risks" confirmation counts while it is at most that old. With no open risk,
// the risk part needs that confirmation (an empty register says nothing by itself); with
// open risks, each needs an owner and a mitigation. Actions: at least one open action with
// an owner and a due date, and none overdue by more than 30 days (30 is still fine).
PlanCompleteness planCompleteness(const PlanFacts &facts, const QDate &today, int refreshDays);

// Days since the last review (nullopt: never reviewed) and whether that is past the tier's
// refresh limit (never reviewed is stale).
struct PlanFreshness {
    std::optional<int> days;
    bool stale = true;
};
PlanFreshness planFreshness(const QDate &lastReviewed, const QDate &today, int refreshDays);

// The written summary of one quarter's QBR (issue 27): highlights and lowlights, one point
// each, drafted from the data (services::draftQbrSummary) and edited by the account manager.
// Stored per account and quarter, so a re-export keeps the edits.
struct QbrSummary {
    qint64 id = 0;
    qint64 accountId = 0;
    QString quarter; // "2026Q4"
    QStringList highlights;
    QStringList lowlights;
    bool isEmpty() const { return highlights.isEmpty() && lowlights.isEmpty(); }
    bool operator==(const QbrSummary &) const = default;
};
constexpr int kQbrSummaryMaxPoints = 12;    // each list
constexpr int kQbrSummaryMaxPointChars = 400;
// Empty points dropped, white space trimmed (what is stored).
QbrSummary normalisedQbrSummary(QbrSummary s);
FieldErrors validateQbrSummary(const QbrSummary &s); // fields "highlights", "lowlights"

// The summary as text, the form `keystone-cli qbr --summary-file` reads and --show-summary
// writes: a line "Highlights", the points one a line, a line "Lowlights", its points. A
// point may start with "- ", "* " or "• "; blank lines and lines starting with '#' are
// skipped; the headings' case and a trailing ':' do not matter.
QString qbrSummaryText(const QbrSummary &s);
struct QbrSummaryParse {
    QbrSummary summary;
    QString error; // "line 3: ..." when the text is not a summary
};
QbrSummaryParse parseQbrSummaryText(const QString &text);

} // namespace keystone::domain
