// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "window/windowcontext.h"

#include "keystone/services/exchangeservice.h"

#include <QObject>

#include <optional>

namespace keystone::app {

// File > Import CSV…, Import or Merge JSON…, Export JSON…, Export Table as CSV…: the work
// behind them, for the window that composes this controller.
class TransferController final : public QObject, private WindowController
{
    Q_OBJECT
public:
    TransferController(WindowContext &window, QObject *parent) : QObject(parent), WindowController(window) {}

    // The import dialog (on `path` when given).
    void importCsv(const QString &path = {});
    // A dry run first (what would be added, updated, kept and which fields conflict), then,
    // when confirmed, the import on a worker. Returns the report of the import (nullopt when
    // it did not run).
    std::optional<services::ExchangeReport> importJson(const QString &path);
    // The whole portfolio, or the selected accounts.
    bool exportJson(const QString &path, bool selectedOnly);
    // The table of the page shown, as it shows it (its columns in their order, its rows as
    // sorted and filtered). False when the page has none.
    bool exportTableCsv(const QString &path);
    // After an import: every view reads again (Portfolio::announceBookChanged).
    void announceImport(bool teamChanged);
};

} // namespace keystone::app
