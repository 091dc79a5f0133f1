// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "window/windowcontext.h"

#include "keystone/services/qbr.h"

#include <QObject>

namespace keystone::app {

// File > Export QBR… (the account shown) and Export QBRs… (the table's accounts: the
// selection, or every account the filter shows, into a folder, in the background).
class QbrController final : public QObject, private WindowController
{
    Q_OBJECT
public:
    QbrController(WindowContext &window, QObject *parent) : QObject(parent), WindowController(window) {}

    void exportQbr();
    // Asks for a folder, the quarter and the audience, then runs exportQbrBatch().
    void chooseAndExportBatch();
    bool exportQbrBatch(const QString &dir, const QString &quarter, services::QbrAudience audience);
};

} // namespace keystone::app
