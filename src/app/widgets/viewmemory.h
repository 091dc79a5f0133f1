// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QString>

class QSplitter;
class QTableView;

namespace keystone::app {

// Remembers, for the user (QSettings "layout/KEY"), what they set by hand on a table's
// header: column widths they dragged, columns they moved, hid or showed, the sort they
// clicked. Only the user's own gestures are stored, so a table that sizes its columns to
// its data keeps doing so until the user sizes one. The stored state is put back after
// each reset of the table's model (after the table's own sizing: call this after
// connecting that) when the model has the same number of columns.
// An empty key stands for "tables/" and the view's object name when it is used (a view
// named after this call), and nothing is stored for a view without one.
void rememberColumns(QTableView *view, const QString &key = {});

// Puts back a splitter's stored sizes now and stores them whenever the user moves it.
void rememberSplitter(QSplitter *splitter, const QString &key);

} // namespace keystone::app
