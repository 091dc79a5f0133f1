// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QString>

// A thin facade over spdlog so that only log.cpp pays spdlog's compile cost.
namespace keystone::log {

// Sends messages to a rotating file (2 MiB x 3) in `directory` (created if missing) and,
// when `toStderr`, to standard error. Without a call, messages go to stderr at warn level.
void init(const QString &directory, bool toStderr, bool verbose);

void debug(const QString &message);
void info(const QString &message);
void warn(const QString &message);
void error(const QString &message);

} // namespace keystone::log
