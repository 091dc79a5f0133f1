// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/domain/validation.h"

#include <stdexcept>

namespace keystone::services {

// A write refused because of what the user entered; carries one message per field.
class ValidationError : public std::runtime_error
{
public:
    ValidationError(const QString &subject, const domain::FieldErrors &errors)
        : std::runtime_error((subject + QStringLiteral(": ") + domain::describe(errors)).toStdString())
        , m_subject(subject)
        , m_errors(errors)
    {
    }
    QString subject() const { return m_subject; }
    const domain::FieldErrors &errors() const { return m_errors; }
    QString message() const { return QString::fromStdString(what()); }

private:
    QString m_subject;
    domain::FieldErrors m_errors;
};

} // namespace keystone::services
