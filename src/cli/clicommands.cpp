// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// The command registry (each group of commands declares its own in its file; see
// commands.h), the overview, and running one command line.
#include "clicommands.h"
#include "commands.h"

#include "keystone/log/version.h"
#include "keystone/services/validationerror.h"
#include "keystone/services/errors.h"
#include "keystone/services/portfolio.h"

#include <QCommandLineParser>

#include <map>

namespace keystone::cli {

namespace {

const std::map<QString, Command> &commands()
{
    static const std::map<QString, Command> table = [] {
        std::map<QString, Command> all;
        for (const CommandList &group : {fileCommands(), accountCommands(), bookCommands(), planCommands(), exchangeCommands(), qbrCommands(), teamCommands()})
            for (const auto &[name, command] : group)
                all.emplace(name, command);
        return all;
    }();
    return table;
}

void printOverview(QTextStream &out)
{
    out << "Usage: keystone-cli COMMAND [options]\n\nCommands:\n";
    for (const auto &[name, cmd] : commands())
        out << QStringLiteral("  %1 %2\n").arg(name, -10).arg(cmd.summary);
    out << "\nRun 'keystone-cli COMMAND --help' for a command's options.\n"
           "Global options: --verbose (log details to stderr), --help, --version.\n"
           "Exit codes: 0 success, 1 data problem, 2 usage error.\n";
}

} // namespace

int run(const QStringList &args, QTextStream &out, QTextStream &err)
{
    if (args.size() < 2) {
        printOverview(err);
        return UsageError;
    }
    const QString name = args.at(1);
    if (name == QLatin1String("--help") || name == QLatin1String("-h") || name == QLatin1String("help")) {
        printOverview(out);
        return Ok;
    }
    if (name == QLatin1String("--version")) {
        out << "keystone-cli " << versionText() << '\n';
        return Ok;
    }
    const auto it = commands().find(name);
    if (it == commands().end()) {
        err << QStringLiteral("keystone-cli: unknown command '%1'\n\n").arg(name);
        printOverview(err);
        return UsageError;
    }
    const Command &cmd = it->second;
    QCommandLineParser parser;
    parser.setApplicationDescription(cmd.summary);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOption(help);
    cmd.options(parser);
    QStringList rest = args.mid(1);
    rest[0] = QStringLiteral("keystone-cli %1").arg(name);
    if (name == QLatin1String("import")) {
        // `import FILE --json IN.json` merges a file; a bare `--json` prints the CSV report as
        // JSON, as it does for every other command.
        for (qsizetype i = 1; i < rest.size(); ++i) {
            if (rest.at(i).startsWith(QLatin1String("--json="))) {
                rest[i] = QStringLiteral("--json-file=") + rest.at(i).mid(7);
            } else if (rest.at(i) == QLatin1String("--json") && i + 1 < rest.size() && !rest.at(i + 1).startsWith(QLatin1Char('-'))) {
                rest[i] = QStringLiteral("--json-file");
                ++i;
            }
        }
    }
    if (!parser.parse(rest)) {
        err << QStringLiteral("keystone-cli %1: %2\nUsage: keystone-cli %3\n").arg(name, parser.errorText(), cmd.synopsis);
        return UsageError;
    }
    if (parser.isSet(help)) {
        out << QStringLiteral("Usage: keystone-cli %1\n\n").arg(cmd.synopsis) << parser.helpText().section(QLatin1Char('\n'), 1);
        return Ok;
    }
    try {
        const int code = cmd.run(parser, out, err);
        // A portfolio that could not be completed on close (a full disk) is a failure too.
        const QStringList closeFailures = services::Portfolio::takeCloseFailures();
        for (const QString &f : closeFailures)
            err << QStringLiteral("keystone-cli %1: %2\n").arg(name, f);
        return closeFailures.isEmpty() ? code : DataError;
    } catch (const UsageProblem &e) {
        err << QStringLiteral("keystone-cli %1: %2\nUsage: keystone-cli %3\n").arg(name, e.message, cmd.synopsis);
        return UsageError;
    } catch (const DataProblem &e) {
        err << QStringLiteral("keystone-cli %1: %2\n").arg(name, e.message);
        return DataError;
    } catch (const services::StorageError &e) {
        err << QStringLiteral("keystone-cli %1: %2\n").arg(name, e.message());
        return DataError;
    } catch (const services::ValidationError &e) {
        err << QStringLiteral("keystone-cli %1: %2\n").arg(name, e.message());
        return DataError;
    }
}

} // namespace keystone::cli

