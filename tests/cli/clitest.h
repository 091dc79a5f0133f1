// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// What every CLI test file uses: run the built keystone-cli, read its JSON.
#pragma once

#include "testsupport.h"

#include <nlohmann/json.hpp>

namespace keystone::clitest {

using Run = test::ProgramRun;
using nlohmann::json;

// keystone-cli with `args`, waited for.
inline Run cli(const QStringList &args)
{
    return test::runCli(args);
}

// A command's --json output.
inline json parse(const QString &text)
{
    return json::parse(text.toStdString());
}

// DIR/cli.keystone: a demo of `accounts` accounts (seed 3, as of 23 November 2026) made by
// the CLI itself.
inline QString demoBook(const test::TempDir &dir, int accounts = 40)
{
    const QString path = dir.file(QStringLiteral("cli.keystone"));
    const Run r = cli({QStringLiteral("demo"), QStringLiteral("--out"), path, QStringLiteral("--accounts"), QString::number(accounts),
                       QStringLiteral("--seed"), QStringLiteral("3"), QStringLiteral("--today"), QStringLiteral("2026-11-23")});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    return path;
}

} // namespace keystone::clitest
