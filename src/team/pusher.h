// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

// The push half of a sync (docs/team.md, "How sync works"): what changed here since the file
// last agreed with the server, merged field by field with what the server holds, checked
// against the signed-in role, and written on a writer thread (new rows by COPY). Internal to
// keystone_team; syncPortfolio() drives it inside the book's lock.

#include "syncsupport.h"

#include "keystone/team/sync.h"

#include <memory>
#include <vector>

namespace keystone::team {

class Pusher
{
public:
    Pusher(PgConnection &db, services::SyncStore &store, const Who &who, qint64 position, SyncReport &report);
    ~Pusher(); // waits for the writer thread
    // Pushes one entity kind; `agreed` gets the rows both sides now hold (to record as the base).
    void push(const storage::ExchangeTable &t, std::vector<services::ServerRow> &agreed);
    // Waits until every statement reached the server (throws what the server refused).
    void finish();
    std::vector<services::SyncConflict> takeConflicts();

private:
    class Impl;
    std::unique_ptr<Impl> d;
};

} // namespace keystone::team
