// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
//
// keystone-cli: the command-line face of the same services the GUI uses.
// Exit codes: 0 success, 1 a data problem (file refused, validation), 2 a usage error.

#include "clicommands.h"

#include "keystone/log/version.h"
#include "keystone/log/log.h"
#include "keystone/services/portfolio.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QHashFunctions>
#include <QStandardPaths>
#include <QTextStream>

#include <cstdio>

#include <sys/stat.h>
#include <memory>

int main(int argc, char *argv[])
{
    // Everything Keystone writes is private, like the portfolio: exports with e-mail
    // addresses, PDFs, mappings, the log, settings and lock files are owner-only (files 0600,
    // folders 0700) whatever umask the user's session has.
    ::umask(077);
    keystone::services::tuneAllocatorForSqlite();
    // Hash order decides the order of the font objects in a PDF (Qt's PDF engine keeps its
    // fonts in a QHash): a fixed seed makes a QBR's bytes depend on its data alone.
    QHashSeed::setDeterministicGlobalSeed();
    // Painting a QBR needs fonts, so that command runs a QGuiApplication, offscreen unless a
    // platform was chosen: it never needs a display.
    const bool paints = argc > 1 && qstrcmp(argv[1], "qbr") == 0;
    if (paints && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    keystone::log::routeQtMessages();
    std::unique_ptr<QCoreApplication> app = paints ? std::make_unique<QGuiApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Keystone"));
    QCoreApplication::setApplicationName(QStringLiteral("keystone-cli"));
    QCoreApplication::setApplicationVersion(keystone::versionText());

    QStringList args = QCoreApplication::arguments();
    const bool verbose = args.removeAll(QStringLiteral("--verbose")) > 0;
    keystone::log::init(QString(), true, verbose);

    QTextStream out(stdout);
    QTextStream err(stderr);
    const int code = keystone::cli::run(args, out, err);
    out.flush();
    err.flush();
    return code;
}
