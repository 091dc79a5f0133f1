// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/services/syncstore.h"
#include "keystone/team/teamserver.h"

#include <QDate>
#include <QString>

#include <functional>
#include <map>
#include <optional>
#include <vector>

namespace keystone::services {
class Portfolio;
}

// Sync between a portfolio file and its team book on the server (docs/team.md): push what
// changed here since the last sync, then pull what everyone else changed since the file's
// server position. Each step is one transaction on its side; a sync cut off anywhere leaves
// both sides whole, and the next one completes it without losing or doubling a change.
namespace keystone::team {

struct SyncOptions {
    // The server to sync with; empty: the one the file is bound to.
    QString server;
    // Called between steps ("pushing accounts", done, total); false cancels before the next
    // server transaction.
    std::function<void(const QString &)> progress;
    // The file was made just now to take the book in: an empty server is an error then,
    // not a book to publish into.
    bool firstPullOnly = false;
    // Tests: runs after the pulled accounts' health was scored (reads only) and before it is
    // stored, as the window's edits on another connection would.
    std::function<void()> betweenScoringAndStoring;
};

struct SyncReport {
    enum class Kind { Published, FirstPull, Synced };
    Kind kind = Kind::Synced;
    QString server;   // shown without a password
    QString bookUuid;
    QString login;
    QString member;
    Role role = Role::Viewer;
    std::map<QString, int> pushed; // by exchange table
    std::map<QString, int> pulled;
    std::vector<services::SyncConflict> conflicts; // found by this sync
    QStringList skipped;
    qint64 serverPosition = 0;
    double durationMs = 0;
    // Where the time went: connecting and checking, pushing (reading what changed here and
    // writing it), pulling (reading the server), applying here.
    double connectMs = 0, pushMs = 0, pullMs = 0, applyMs = 0;
    int pushedTotal() const;
    int pulledTotal() const;
};

// Syncs `portfolio` with a team book (see the contract of keystone-cli sync in docs/cli.md):
// - bound to no book, the server's book empty: publishes the file as the team book (a lead's);
// - bound to no book, the file empty: takes the server's book (first pull);
// - bound to this server's book: pushes, then pulls.
// Throws TeamError: unreachable (Unreachable), another book or a file that is not the
// server's (Refused, nothing changed), the server refused a change outright (Refused).
SyncReport syncPortfolio(services::Portfolio &portfolio, const SyncOptions &options = {});

// Who changed what, newest first (keystone-cli team log).
struct ChangeLogEntry {
    qint64 changeNo = 0;
    QString kind;        // exchange table
    QString key;
    QString accountUuid;
    QString account;     // the account's name on the server ("" when none)
    QString op;          // "upsert" or "delete"
    QString label;       // the entity, named from its data
    QString changedBy;
    QString login;
    QDateTime changedAt; // UTC
};
std::vector<ChangeLogEntry> changeLog(const QString &url, const QString &accountName = {}, const QDate &since = {}, int limit = 1000);

} // namespace keystone::team
