// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#if __has_include(<catch2/catch_session.hpp>) // Catch2 v3
#include <catch2/catch_session.hpp>
#else
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#endif

#include <QApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

int main(int argc, char *argv[])
{
    // QtSql drivers and widgets both need an application object; offscreen by default.
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QStandardPaths::setTestModeEnabled(true); // QSettings and app data go to a test location
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("KeystoneTests"));
    QApplication::setApplicationName(QStringLiteral("KeystoneTests"));
    // Each test process keeps its own settings: ctest runs tests side by side, and one that
    // sets a preference (the view a portfolio opens on, say) must not reach another.
    QTemporaryDir settings;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings.path());
    return Catch::Session().run(argc, argv);
}
