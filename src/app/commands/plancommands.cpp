// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "commands/plancommands.h"

#include <QObject>

namespace keystone::app {

using services::PlanService;

namespace {

// What the Edit menu calls each kind of item, and the item's own words.
QString noun(const domain::Priority &) { return QObject::tr("priority"); }
QString noun(const domain::Risk &) { return QObject::tr("risk"); }
QString noun(const domain::PlanAction &) { return QObject::tr("action"); }
QString noun(const domain::ValueDelivered &) { return QObject::tr("value delivered"); }
QString noun(const domain::ReferenceRequest &) { return QObject::tr("reference request"); }
QString noun(const domain::Objective &) { return QObject::tr("objective"); }
QString noun(const domain::Milestone &m)
{
    return m.plan == domain::MilestonePlan::Success ? QObject::tr("milestone") : QObject::tr("remediation milestone");
}
QString noun(const domain::SuccessContact &c) { return domain::successRoleName(c.role).toLower(); }

QString words(const domain::Priority &p) { return p.text; }
QString words(const domain::Risk &r) { return r.description; }
QString words(const domain::PlanAction &a) { return a.what; }
QString words(const domain::ValueDelivered &v) { return v.metric; }
QString words(const domain::ReferenceRequest &r) { return r.date.toString(Qt::ISODate); }
QString words(const domain::Objective &o) { return o.text; }
QString words(const domain::Milestone &m) { return m.what; }
QString words(const domain::SuccessContact &) { return {}; }

template<typename T>
QString describe(const char *verb, const T &item)
{
    QString text = words(item);
    if (text.size() > 40)
        text = text.left(39) + QStringLiteral("…");
    const QString what = QObject::tr(verb).arg(noun(item));
    return text.isEmpty() ? what : QStringLiteral("%1 '%2'").arg(what, text);
}

} // namespace

template<typename T>
QUndoCommand *makeAddItemCommand(PlanService &plan, T added, CommandErrorHandler onError)
{
    const QString text = describe("Add %1", added);
    return new ReplayCommand(
        text, [&plan, id = added.id] { plan.remove<T>(id); }, [&plan, added] { plan.restore(added); }, std::move(onError));
}

template<typename T>
QUndoCommand *makeEditItemCommand(PlanService &plan, T before, T after, CommandErrorHandler onError)
{
    const QString text = describe("Edit %1", after);
    return new ReplayCommand(
        text, [&plan, before] { plan.update(before); }, [&plan, after] { plan.update(after); }, std::move(onError));
}

template<typename T>
QUndoCommand *makeRemoveItemCommand(services::Portfolio &portfolio, PlanService &plan, qint64 id, CommandErrorHandler onError)
{
    return new RecordedCommand(
        portfolio, [&plan, id] { return describe("Remove %1", plan.remove<T>(id)); }, std::move(onError));
}

#define KEYSTONE_PLAN_ITEM(T)                                                                                                    \
    template QUndoCommand *makeAddItemCommand<T>(PlanService &, T, CommandErrorHandler);                                          \
    template QUndoCommand *makeEditItemCommand<T>(PlanService &, T, T, CommandErrorHandler);                                      \
    template QUndoCommand *makeRemoveItemCommand<T>(services::Portfolio &, PlanService &, qint64, CommandErrorHandler);
KEYSTONE_FOR_EACH_PLAN_ITEM(KEYSTONE_PLAN_ITEM)
#undef KEYSTONE_PLAN_ITEM

QUndoCommand *makeReviewCommand(PlanService &plan, domain::PlanReview added, CommandErrorHandler onError)
{
    const QString text = QObject::tr("Mark plan reviewed on %1").arg(added.date.toString(Qt::ISODate));
    return new ReplayCommand(
        text, [&plan, accountId = added.accountId, id = added.id] { plan.removeReview(accountId, id); },
        [&plan, added] { plan.restoreReview(added); }, std::move(onError));
}

QUndoCommand *makeNoKnownRisksCommand(PlanService &plan, qint64 accountId, QDate before, QDate after, CommandErrorHandler onError)
{
    const QString text = after.isValid() ? QObject::tr("Confirm no known risks") : QObject::tr("Withdraw \"no known risks\"");
    return new ReplayCommand(
        text, [&plan, accountId, before] { plan.setNoKnownRisks(accountId, before); },
        [&plan, accountId, after] { plan.setNoKnownRisks(accountId, after); }, std::move(onError));
}

// The one-per-account parts: undo sets the value before, redo the value after.
template<typename T, typename Set>
QUndoCommand *setCommand(const QString &text, T before, T after, Set set, CommandErrorHandler onError)
{
    return new ReplayCommand(
        text, [set, before] { set(before); }, [set, after] { set(after); }, std::move(onError));
}

QUndoCommand *makeAdvocacyCommand(PlanService &plan, domain::AdvocacyProfile before, domain::AdvocacyProfile after, CommandErrorHandler onError)
{
    return setCommand(QObject::tr("Edit advocacy"), std::move(before), std::move(after),
                      [&plan](const domain::AdvocacyProfile &a) { plan.setAdvocacy(a); }, std::move(onError));
}

QUndoCommand *makeSuccessPlanCommand(PlanService &plan, domain::SuccessPlan before, domain::SuccessPlan after, CommandErrorHandler onError)
{
    return setCommand(QObject::tr("Edit success plan dates"), std::move(before), std::move(after),
                      [&plan](const domain::SuccessPlan &p) { plan.setSuccessPlan(p); }, std::move(onError));
}

QUndoCommand *makeRemediationPlanCommand(PlanService &plan, domain::RemediationPlan before, domain::RemediationPlan after,
                                         CommandErrorHandler onError)
{
    return setCommand(QObject::tr("Edit remediation plan"), std::move(before), std::move(after),
                      [&plan](const domain::RemediationPlan &p) { plan.setRemediationPlan(p); }, std::move(onError));
}

} // namespace keystone::app
