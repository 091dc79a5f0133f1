// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "plancommands.h"

#include <QObject>

namespace keystone::app {

using services::PlanService;

namespace {

// The three shapes every plan item shares, over the service's calls for that item.
template<typename T>
struct ItemCalls {
    T (PlanService::*update)(const T &);
    T (PlanService::*remove)(qint64);
    void (PlanService::*restore)(const T &);
};

template<typename T>
QUndoCommand *addCommand(PlanService &plan, const ItemCalls<T> &calls, const QString &text, T added, CommandErrorHandler onError)
{
    return new ReplayCommand(
        text, [&plan, calls, id = added.id] { (plan.*calls.remove)(id); }, [&plan, calls, added] { (plan.*calls.restore)(added); },
        std::move(onError));
}

template<typename T>
QUndoCommand *editCommand(PlanService &plan, const ItemCalls<T> &calls, const QString &text, T before, T after, CommandErrorHandler onError)
{
    return new ReplayCommand(
        text, [&plan, calls, before] { (plan.*calls.update)(before); }, [&plan, calls, after] { (plan.*calls.update)(after); },
        std::move(onError));
}

template<typename T>
QUndoCommand *removeCommand(PlanService &plan, const ItemCalls<T> &calls, const QString &text, T removed, CommandErrorHandler onError)
{
    return new ReplayCommand(
        text, [&plan, calls, removed] { (plan.*calls.restore)(removed); }, [&plan, calls, id = removed.id] { (plan.*calls.remove)(id); },
        std::move(onError));
}

const ItemCalls<domain::Priority> kPriority{&PlanService::updatePriority, &PlanService::removePriority, &PlanService::restorePriority};
const ItemCalls<domain::Risk> kRisk{&PlanService::updateRisk, &PlanService::removeRisk, &PlanService::restoreRisk};
const ItemCalls<domain::PlanAction> kAction{&PlanService::updateAction, &PlanService::removeAction, &PlanService::restoreAction};
const ItemCalls<domain::ValueDelivered> kValue{&PlanService::updateValue, &PlanService::removeValue, &PlanService::restoreValue};

QString quoted(const QString &text)
{
    return text.size() > 40 ? QStringLiteral("'%1…'").arg(text.left(39)) : QStringLiteral("'%1'").arg(text);
}

} // namespace

QUndoCommand *makeAddPriorityCommand(PlanService &plan, domain::Priority added, CommandErrorHandler onError)
{
    const QString text = QObject::tr("Add priority %1").arg(quoted(added.text));
    return addCommand(plan, kPriority, text, std::move(added), std::move(onError));
}

QUndoCommand *makeEditPriorityCommand(PlanService &plan, domain::Priority before, domain::Priority after, CommandErrorHandler onError)
{
    const QString text = QObject::tr("Edit priority %1").arg(quoted(after.text));
    return editCommand(plan, kPriority, text, std::move(before), std::move(after), std::move(onError));
}

QUndoCommand *makeRemovePriorityCommand(PlanService &plan, domain::Priority removed, CommandErrorHandler onError)
{
    const QString text = QObject::tr("Remove priority %1").arg(quoted(removed.text));
    return removeCommand(plan, kPriority, text, std::move(removed), std::move(onError));
}

QUndoCommand *makeAddRiskCommand(PlanService &plan, domain::Risk added, CommandErrorHandler onError)
{
    const QString text = QObject::tr("Add risk %1").arg(quoted(added.description));
    return addCommand(plan, kRisk, text, std::move(added), std::move(onError));
}

QUndoCommand *makeEditRiskCommand(PlanService &plan, domain::Risk before, domain::Risk after, CommandErrorHandler onError)
{
    const QString text = QObject::tr("Edit risk %1").arg(quoted(after.description));
    return editCommand(plan, kRisk, text, std::move(before), std::move(after), std::move(onError));
}

QUndoCommand *makeRemoveRiskCommand(PlanService &plan, domain::Risk removed, CommandErrorHandler onError)
{
    const QString text = QObject::tr("Remove risk %1").arg(quoted(removed.description));
    return removeCommand(plan, kRisk, text, std::move(removed), std::move(onError));
}

QUndoCommand *makeAddActionCommand(PlanService &plan, domain::PlanAction added, CommandErrorHandler onError)
{
    const QString text = QObject::tr("Add action %1").arg(quoted(added.what));
    return addCommand(plan, kAction, text, std::move(added), std::move(onError));
}

QUndoCommand *makeEditActionCommand(PlanService &plan, domain::PlanAction before, domain::PlanAction after, CommandErrorHandler onError)
{
    const QString text = QObject::tr("Edit action %1").arg(quoted(after.what));
    return editCommand(plan, kAction, text, std::move(before), std::move(after), std::move(onError));
}

QUndoCommand *makeRemoveActionCommand(PlanService &plan, domain::PlanAction removed, CommandErrorHandler onError)
{
    const QString text = QObject::tr("Remove action %1").arg(quoted(removed.what));
    return removeCommand(plan, kAction, text, std::move(removed), std::move(onError));
}

QUndoCommand *makeAddValueCommand(PlanService &plan, domain::ValueDelivered added, CommandErrorHandler onError)
{
    const QString text = QObject::tr("Add value delivered %1").arg(quoted(added.metric));
    return addCommand(plan, kValue, text, std::move(added), std::move(onError));
}

QUndoCommand *makeEditValueCommand(PlanService &plan, domain::ValueDelivered before, domain::ValueDelivered after, CommandErrorHandler onError)
{
    const QString text = QObject::tr("Edit value delivered %1").arg(quoted(after.metric));
    return editCommand(plan, kValue, text, std::move(before), std::move(after), std::move(onError));
}

QUndoCommand *makeRemoveValueCommand(PlanService &plan, domain::ValueDelivered removed, CommandErrorHandler onError)
{
    const QString text = QObject::tr("Remove value delivered %1").arg(quoted(removed.metric));
    return removeCommand(plan, kValue, text, std::move(removed), std::move(onError));
}

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

} // namespace keystone::app
