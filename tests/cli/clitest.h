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

} // namespace keystone::clitest
