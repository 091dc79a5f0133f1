// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "commands/healthcommands.h"

#include "widgets/backgroundtask.h"

#include "keystone/services/portfolio.h"

#include <QObject>
#include <QPointer>
#include <QWidget>

#include <memory>

namespace keystone::app {

QUndoCommand *makeSaveHealthInputsCommand(services::HealthService &service, qint64 accountId, std::optional<domain::HealthInputs> before,
                                          domain::HealthInputs after, CommandErrorHandler onError)
{
    const QString text = QObject::tr("Health inputs of %1").arg(after.date.toString(Qt::ISODate));
    const QDate date = after.date;
    return new ReplayCommand(
        text, [&service, accountId, date, before = std::move(before)] { service.restoreInputs(accountId, date, before); },
        [&service, accountId, after = std::move(after)] { service.saveInputs(accountId, after); }, std::move(onError));
}

std::optional<domain::Scorecard> saveScorecardInBackground(QWidget *parent, services::Portfolio &portfolio, const domain::Scorecard &card,
                                                           bool cancellable)
{
    std::optional<domain::Scorecard> saved;
    const auto outcome = runInBackground(parent, portfolio, QObject::tr("Saving scorecard '%1' and recomputing every health score…").arg(card.name),
                                         cancellable, [&](services::Portfolio &worker, TaskProgress &progress) {
                                             services::HealthService health(worker);
                                             saved = health.saveScorecard(card, [&](int done, int total) { return progress.report(done, total); });
                                             return saved.has_value();
                                         });
    if (outcome != TaskOutcome::Done)
        return std::nullopt;
    Q_EMIT portfolio.healthChanged({});
    return saved;
}

bool removeScorecardInBackground(QWidget *parent, services::Portfolio &portfolio, qint64 id, bool cancellable, services::RecordedChange *record)
{
    const auto outcome = runInBackground(parent, portfolio, QObject::tr("Removing the scorecard and recomputing every health score…"), cancellable,
                                         [&](services::Portfolio &worker, TaskProgress &progress) {
                                             services::HealthService health(worker);
                                             bool removed = false;
                                             auto step = [&] {
                                                 removed = health.removeScorecard(id, [&](int done, int total) { return progress.report(done, total); });
                                             };
                                             if (record)
                                                 *record = worker.record(step);
                                             else
                                                 step();
                                             return removed;
                                         });
    if (outcome != TaskOutcome::Done)
        return false;
    Q_EMIT portfolio.healthChanged({});
    return true;
}

namespace {

// The id a scorecard has now: removing and re-adding one gives it a new id.
using SharedId = std::shared_ptr<qint64>;

void putBack(QWidget *parent, services::Portfolio &portfolio, domain::Scorecard card, const SharedId &id)
{
    card.id = *id;
    if (const auto saved = saveScorecardInBackground(parent, portfolio, card, false))
        *id = saved->id;
}

} // namespace

QUndoCommand *makeSaveScorecardCommand(QWidget *parent, services::Portfolio &portfolio, domain::Scorecard before, domain::Scorecard saved,
                                       CommandErrorHandler onError)
{
    const QString text = QObject::tr("Scorecard '%1'").arg(saved.name);
    auto id = std::make_shared<qint64>(saved.id);
    QPointer<QWidget> window(parent);
    const bool wasStored = before.id > 0 || (!before.tier && !before.phase); // the default always exists
    return new ReplayCommand(
        text,
        [window, &portfolio, before, id, wasStored] {
            if (wasStored) {
                putBack(window, portfolio, before, id);
            } else if (removeScorecardInBackground(window, portfolio, *id, false)) {
                *id = 0;
            }
        },
        [window, &portfolio, saved, id] { putBack(window, portfolio, saved, id); }, std::move(onError));
}

namespace {

class RemoveScorecardCommand final : public QUndoCommand
{
public:
    RemoveScorecardCommand(QWidget *parent, services::Portfolio &portfolio, const domain::Scorecard &removed, services::RecordedChange change,
                           CommandErrorHandler onError)
        : QUndoCommand(QObject::tr("Remove scorecard '%1'").arg(removed.name))
        , m_window(parent)
        , m_portfolio(portfolio)
        , m_id(removed.id)
        , m_change(std::move(change))
        , m_onError(std::move(onError))
    {
    }
    void undo() override
    {
        runGuarded(this, m_onError, [this] {
            runInBackground(m_window, m_portfolio, QObject::tr("Putting the scorecard back and every health score as it was…"), false,
                            [this](services::Portfolio &worker, TaskProgress &) {
                                worker.revert(m_change);
                                return true;
                            });
            Q_EMIT m_portfolio.healthChanged({});
        });
    }
    void redo() override
    {
        if (m_firstRedo) {
            m_firstRedo = false;
            return;
        }
        runGuarded(this, m_onError, [this] { removeScorecardInBackground(m_window, m_portfolio, m_id, false, &m_change); });
    }

private:
    QPointer<QWidget> m_window;
    services::Portfolio &m_portfolio;
    qint64 m_id;
    services::RecordedChange m_change;
    CommandErrorHandler m_onError;
    bool m_firstRedo = true;
};

} // namespace

QUndoCommand *makeRemoveScorecardCommand(QWidget *parent, services::Portfolio &portfolio, domain::Scorecard removed, services::RecordedChange change,
                                         CommandErrorHandler onError)
{
    return new RemoveScorecardCommand(parent, portfolio, removed, std::move(change), std::move(onError));
}

} // namespace keystone::app
