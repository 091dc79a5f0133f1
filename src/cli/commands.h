// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// What a command is, and what every command shares. Each group of commands lives in a file of
// its own (filecommands.cpp, accountcommands.cpp, bookcommands.cpp, plancommands.cpp,
// exchangecommands.cpp, qbrcommands.cpp, teamcommands.cpp) and declares there, beside the code that runs them,
// its commands' options, synopsis and help; clicommands.cpp gathers them.
#pragma once

#include "clicommands.h"

#include "keystone/services/outputfile.h"

#include <QDate>
#include <QString>
#include <QTextStream>

#include <functional>
#include <memory>
#include <utility>
#include <vector>

class QCommandLineParser;

namespace keystone::domain {
struct Account;
}
namespace keystone::services {
class Portfolio;
struct BookFilter;
} // namespace keystone::services

namespace keystone::cli {

struct Command {
    QString summary;
    QString synopsis; // after "keystone-cli "
    std::function<void(QCommandLineParser &)> options;
    std::function<int(QCommandLineParser &, QTextStream &, QTextStream &)> run;
};
using CommandList = std::vector<std::pair<QString, Command>>;

// The groups of commands, one file each.
CommandList fileCommands();     // demo, new, info, check, backup, backups, restore
CommandList accountCommands();  // accounts, whitespace, pipeline, stakeholders, activities, health
CommandList bookCommands();     // portfolio, signals
CommandList planCommands();     // plan, history, snapshot
CommandList exchangeCommands(); // import, export
CommandList qbrCommands();      // qbr
CommandList teamCommands();     // team (init)

// A usage problem found while running a command (bad flag value, missing argument): exit 2
// with the command's synopsis.
struct UsageProblem {
    QString message;
};

// A problem with what a command was given to read or write (a file that cannot be read, a
// portfolio that cannot be written): exit 1 with the message as it is, naming the file.
struct DataProblem {
    QString message;
};

// The one positional FILE argument.
QString requireFile(QCommandLineParser &p);
// --today: a real date from 1900 to 2200 (default: today).
QDate todayOption(QCommandLineParser &p);
// --force: the one way to let a command replace an existing file (never a portfolio).
void addForceOption(QCommandLineParser &p);
services::Replace replaceOption(const QCommandLineParser &p);
// --NAME as a whole number from lo to hi, or `fallback` when not given.
int intOption(QCommandLineParser &p, const QString &name, int fallback, int lo, int hi);
// Opens read-only, without taking the writer's lock. A file of an older schema is upgraded
// first (with its backup, as the app does on open), since today's queries need today's
// tables; AsItIs leaves it as it is (info and check report the version found).
enum class ReadMode { Current, AsItIs };
std::unique_ptr<services::Portfolio> openForReading(const QString &file, ReadMode mode = ReadMode::Current);
std::unique_ptr<services::Portfolio> openForWriting(const QString &file);
// The account of that name (any case), or a ValidationError naming it.
domain::Account requireAccount(services::Portfolio &portfolio, const QString &name);
// --owner NAME as a book filter (all accounts when not given).
services::BookFilter ownerFilter(QCommandLineParser &p, services::Portfolio &portfolio);

} // namespace keystone::cli
