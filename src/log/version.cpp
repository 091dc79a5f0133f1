// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/log/version.h"

#include "keystone_build_version.h" // generated in the build folder (cmake/KeystoneVersion.cmake)

namespace keystone {

QString version()
{
    return QStringLiteral(KEYSTONE_BUILD_VERSION);
}

QString buildCommit()
{
    return QStringLiteral(KEYSTONE_BUILD_COMMIT);
}

QString versionText()
{
    const QString commit = buildCommit();
    return commit.isEmpty() ? version() : QStringLiteral("%1 (%2)").arg(version(), commit);
}

QString producerName()
{
    return QStringLiteral("Keystone ") + versionText();
}

} // namespace keystone
