// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QString>

namespace keystone {

// Which Keystone this is: the project's version (CMakeLists.txt), and in a build from a git
// checkout the commit ("0.1.0 (1a2b3c4d5e)", "-dirty" when the tree had changes). The same
// for every program of one build: --version, the About box, a PDF's producer, the version a
// portfolio records as the last to write it. (Beside the log: the bottom layer, which every
// other may use.)
QString version();       // "0.1.0"
QString buildCommit();   // "1a2b3c4d5e", or empty outside a git checkout
QString versionText();   // "0.1.0 (1a2b3c4d5e)", or "0.1.0"
QString producerName();  // "Keystone 0.1.0 (1a2b3c4d5e)"

} // namespace keystone
