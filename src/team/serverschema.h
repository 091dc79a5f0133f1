// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// The server schema's checks, shared by the parts of src/team. Internal.
#pragma once

#include <QString>

namespace keystone::team {

class PgConnection;

// The team book's schema version on the server (0: none).
int readVersion(PgConnection &db);
// TeamError(NewerSchema) when the server's schema is newer than this build knows.
void refuseNewer(int version, const QString &url);
// TeamError unless the server holds a team book schema this build can use; `current`: and
// at this build's version (a sync needs the book's tables).
void requireBook(PgConnection &db, const QString &url, bool current = false);

} // namespace keystone::team
