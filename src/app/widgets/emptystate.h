// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QString>

class QAbstractItemView;
class QLabel;

namespace keystone::app {

// Says what an empty list is for and how to start, in the list's own space: a grey,
// centred, wrapped line over the empty viewport, shown while the model has no rows and
// hidden as soon as it has one. Returns the label (for tests).
QLabel *setEmptyText(QAbstractItemView *view, const QString &text);

} // namespace keystone::app
