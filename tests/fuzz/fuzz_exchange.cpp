// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// libFuzzer target: the JSON exchange importer, as a dry-run merge into a portfolio that
// already holds a team member and two accounts (so both the insert and the merge paths run).
// Whatever the file holds, the import either reports problems or rolls back: afterwards the
// portfolio still holds exactly what it held before.
#include "keystone/domain/account.h"
#include "keystone/services/accountservice.h"
#include "keystone/services/exchangeservice.h"
#include "keystone/services/importservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/validationerror.h"
#include "keystone/storage/storageerror.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdlib>

using namespace keystone;

namespace {
// Kept for the whole run and never destroyed: libFuzzer ends the process with exit(), and
// the Qt SQL plugin may already be gone when static destructors would run.
QCoreApplication *app = nullptr;
QTemporaryDir *dir = nullptr;
services::Portfolio *portfolio = nullptr;
} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    app = new QCoreApplication(*argc, *argv);
    dir = new QTemporaryDir;
    portfolio = services::Portfolio::create(dir->filePath(QStringLiteral("fuzz.keystone"))).release();
    for (const char *name : {"Acme", "Birch"}) {
        domain::Account a;
        a.name = QString::fromLatin1(name);
        services::AccountService(*portfolio).create(a);
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    try {
        (void)services::ExchangeService(*portfolio).importJson(bytes, /*dryRun=*/true);
    } catch (const services::ImportRefused &) {
    } catch (const services::ValidationError &) {
    } catch (const storage::StorageError &) {
    }
    if (portfolio->accounts().count() != 2)
        std::abort(); // a dry run wrote something
    return 0;
}
