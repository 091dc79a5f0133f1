// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QString>

// A thin facade over spdlog so that only log.cpp pays spdlog's compile cost.
namespace keystone::log {

// Sends messages to a rotating file (2 MiB x 3) in `directory` (created if missing) and,
// when `toStderr`, to standard error. Without a call, messages go to stderr at warn level.
// The first call also routes Qt's own messages (qWarning, QtSql, the platform plugin) here,
// with their category. Safe to call from any thread, and again (the last call wins).
void init(const QString &directory, bool toStderr, bool verbose);
// Routes Qt's messages here already, before init() and before the application object
// exists (what the platform plugin says on start-up). Qt's notice that XDG_RUNTIME_DIR is
// unset goes to the debug level only: Qt falls back to a private folder and nothing is wrong.
void routeQtMessages();

// What reaches the log, from us or from Qt, passes through redact() first: the log holds
// ids and paths, never customer data. Text in quotes ('Acme', “Delete Acme”, ‘x’) is
// masked as '…' unless it is a path, and e-mail addresses become <e-mail>. Messages
// therefore quote every name they carry.
QString redact(const QString &message);

void debug(const QString &message);
void info(const QString &message);
void warn(const QString &message);
void error(const QString &message);

} // namespace keystone::log
