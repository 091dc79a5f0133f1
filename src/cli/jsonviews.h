// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// JSON views of domain objects, shared by the commands' --json output, so one object reads
// the same in every command.
#pragma once

#include <QDate>
#include <QString>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace keystone::domain {
struct Retention;
}
namespace keystone::services {
struct AccountHealth;
struct ImportIssue;
} // namespace keystone::services

namespace keystone::cli {

using nlohmann::json;

inline std::string s(const QString &text)
{
    return text.toStdString();
}

json dateOrNull(const QDate &d);                   // ISO date, or null when not set
json ratioOrNull(const std::optional<double> &v);  // rounded to 4 places, or null
json realOrNull(const std::optional<double> &v);
std::string bandKey(int column);                   // a health band column's key (services::bandColumnName)
json healthJson(const services::AccountHealth &h, const QString &name);
json retentionJson(const domain::Retention &r);
json issueJson(const services::ImportIssue &i);    // row, line, column, value, reason

} // namespace keystone::cli
