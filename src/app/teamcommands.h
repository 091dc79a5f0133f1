// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "accountcommands.h"

#include "keystone/services/teamservice.h"

#include <QUndoCommand>

namespace keystone::app {

// Team edits, pushed after their first action succeeded (see accountcommands.h).
class AddTeamMemberCommand final : public QUndoCommand
{
public:
    AddTeamMemberCommand(services::TeamService &service, domain::TeamMember created, CommandErrorHandler onError);
    void undo() override;
    void redo() override;

private:
    services::TeamService &m_service;
    services::TeamService::Removed m_removed; // what undo takes away
    CommandErrorHandler m_onError;
    bool m_firstRedo = true;
};

class EditTeamMemberCommand final : public QUndoCommand
{
public:
    EditTeamMemberCommand(services::TeamService &service, domain::TeamMember before, domain::TeamMember after,
                          CommandErrorHandler onError);
    void undo() override;
    void redo() override;

private:
    services::TeamService &m_service;
    domain::TeamMember m_before;
    domain::TeamMember m_after;
    CommandErrorHandler m_onError;
    bool m_firstRedo = true;
};

class RemoveTeamMemberCommand final : public QUndoCommand
{
public:
    RemoveTeamMemberCommand(services::TeamService &service, services::TeamService::Removed removed, CommandErrorHandler onError);
    void undo() override;
    void redo() override;

private:
    services::TeamService &m_service;
    services::TeamService::Removed m_removed;
    CommandErrorHandler m_onError;
    bool m_firstRedo = true;
};

} // namespace keystone::app
