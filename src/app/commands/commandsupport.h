// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/services/portfolio.h"
#include "keystone/services/validationerror.h"
#include "keystone/services/errors.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QObject>
#include <QUndoCommand>

#include <functional>

namespace keystone::app {

// Reports a failure of undo or redo (the file went read-only, a name is taken meanwhile).
using CommandErrorHandler = std::function<void(const QString &)>;

// Runs a user action; a refusal (bad input) or a storage failure goes to `onError` with its
// message instead of unwinding into Qt. Returns whether the step completed.
template<typename F>
bool reportFailures(const CommandErrorHandler &onError, F &&step)
{
    try {
        step();
        return true;
    } catch (const services::ValidationError &e) {
        if (onError)
            onError(e.message());
    } catch (const services::StorageError &e) {
        if (onError)
            onError(e.message());
    }
    return false;
}

// Wires a form's OK button (from ui/: `buttons`, `errorLabel`) to `save`, which returns an
// error message or an empty string. A refusal shows its message in the form and keeps the
// dialog open; success closes it.
template<typename Ui, typename Save>
void acceptFormWith(QDialog &dialog, Ui &ui, Save save)
{
    ui.errorLabel->hide();
    QObject::connect(ui.buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    QObject::connect(ui.buttons, &QDialogButtonBox::accepted, &dialog, [&dialog, &ui, save] {
        QString error;
        reportFailures([&error](const QString &message) { error = message; }, [&] { error = save(); });
        if (error.isEmpty()) {
            dialog.accept();
        } else {
            ui.errorLabel->setText(error);
            ui.errorLabel->show();
        }
    });
}

// Runs one replay step of an undo command. A failure is reported and the command made
// obsolete, so the stack drops it instead of offering an undo that cannot work.
template<typename F>
void runGuarded(QUndoCommand *cmd, const CommandErrorHandler &onError, F &&step)
{
    reportFailures([&](const QString &message) {
        cmd->setObsolete(true);
        if (onError)
            onError(QObject::tr("Could not undo or redo “%1”: %2").arg(cmd->text(), message));
    }, std::forward<F>(step));
}

// The one undo command class. Every edit's first action has already run through its
// service when the command is pushed, so the first redo() does nothing; after that undo and
// redo replay two service calls. Steps that hand back new state (a snapshot taken by a
// removal, the ids of a re-created row) share it through a shared_ptr captured by both.
class ReplayCommand final : public QUndoCommand
{
public:
    ReplayCommand(const QString &text, std::function<void()> undoStep, std::function<void()> redoStep, CommandErrorHandler onError)
        : QUndoCommand(text)
        , m_undo(std::move(undoStep))
        , m_redo(std::move(redoStep))
        , m_onError(std::move(onError))
    {
    }
    void undo() override { runGuarded(this, m_onError, m_undo); }
    void redo() override
    {
        if (m_firstRedo) {
            m_firstRedo = false;
            return;
        }
        runGuarded(this, m_onError, m_redo);
    }

private:
    std::function<void()> m_undo;
    std::function<void()> m_redo;
    CommandErrorHandler m_onError;
    bool m_firstRedo = true;
};

// A removal, undone by reverting what the file recorded while it ran (Portfolio::record):
// every row it removed or changed comes back exactly, the rows that foreign keys cascaded
// to or set to NULL included, so no hand-written restore can forget one. `step` runs the
// removal through its service and returns the command's text; the constructor runs it (a
// refused removal throws and never reaches the stack), and redo runs it again and records
// anew.
class RecordedCommand final : public QUndoCommand
{
public:
    RecordedCommand(services::Portfolio &portfolio, std::function<QString()> step, CommandErrorHandler onError)
        : m_portfolio(portfolio)
        , m_step(std::move(step))
        , m_onError(std::move(onError))
    {
        QString text;
        m_change = m_portfolio.record([&] { text = m_step(); });
        setText(text);
    }
    void undo() override { runGuarded(this, m_onError, [this] { m_portfolio.revert(m_change); }); }
    void redo() override
    {
        if (m_firstRedo) {
            m_firstRedo = false;
            return;
        }
        runGuarded(this, m_onError, [this] { m_change = m_portfolio.record([this] { m_step(); }); });
    }

private:
    services::Portfolio &m_portfolio;
    std::function<QString()> m_step;
    CommandErrorHandler m_onError;
    services::RecordedChange m_change;
    bool m_firstRedo = true;
};

} // namespace keystone::app
