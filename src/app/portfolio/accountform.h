// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/account.h"
#include "keystone/domain/segmentation.h"
#include "keystone/domain/teammember.h"
#include "keystone/domain/validation.h"

#include <QWidget>

#include <memory>
#include <vector>

class QStringListModel;

namespace Ui {
class AccountForm;
}

namespace keystone::app {

// The account detail form (ui/accountform.ui): shows one account, collects edits, and shows
// field-level errors beside the fields. Used as the detail panel and in the New Account dialog.
class AccountForm final : public QWidget
{
    Q_OBJECT
public:
    explicit AccountForm(QWidget *parent = nullptr);
    ~AccountForm() override;

    void setTeam(const std::vector<domain::TeamMember> &team);
    // What Industry and Region offer as the user types: the values the book uses.
    void setSuggestions(const QStringList &industries, const QStringList &regions);
    QStringList industrySuggestions() const;
    // Shows `account`; `segment` explains the suggested tier (nullopt for a new account).
    void setAccount(const domain::Account &account, std::optional<domain::Segment> segment);
    const domain::Account &shownAccount() const { return m_shown; }
    // The edited account, or the field errors of what cannot be parsed (ARR text).
    domain::Account editedAccount(domain::FieldErrors *errors) const;
    void showErrors(const domain::FieldErrors &errors);
    void setReadOnly(bool readOnly);
    void setButtonsVisible(bool visible);
    bool isDirty() const;
    void focusName();

Q_SIGNALS:
    void applyRequested();
    void dirtyChanged(bool dirty);

private:
    void updateEnabledState();
    void markDirty();

    std::unique_ptr<Ui::AccountForm> m_ui;
    domain::Account m_shown;
    bool m_loading = false;
    bool m_dirty = false;
    bool m_readOnly = false;
    QStringListModel *m_industries = nullptr;
    QStringListModel *m_regions = nullptr;
};

} // namespace keystone::app
