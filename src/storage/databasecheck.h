// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QString>
#include <QStringList>

namespace keystone::storage {

// A whole-file check on a connection of its own, for a worker: quick_check, or
// integrity_check and foreign_key_check when `full`. A check that cannot run is logged and
// is not a verdict of damage (an empty list).
QStringList checkFile(const QString &file, bool full);

} // namespace keystone::storage
