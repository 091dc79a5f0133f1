// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

#include <exception>
#include <string>

// The team book's server: a stock PostgreSQL that Keystone talks to through libpq (no server
// program of ours). This part knows the server's schema (schema `keystone`, versioned like a
// portfolio file) and creates or upgrades it; docs/team.md describes its tables.
namespace keystone::team {

// What went wrong with the server, in words for the user. The URL in a message never holds a
// password (see displayUrl()).
class TeamError : public std::exception
{
public:
    enum class Code {
        Unreachable,  // no connection (host, port, socket, authentication)
        Refused,      // the server said no (a permission, a constraint)
        NewerSchema,  // the server's schema is newer than this Keystone knows
        Failed,       // anything else the server reported
    };
    TeamError(Code code, QString message) : m_code(code), m_message(std::move(message)), m_utf8(m_message.toStdString()) {}
    Code code() const { return m_code; }
    const QString &message() const { return m_message; }
    const char *what() const noexcept override { return m_utf8.c_str(); }

private:
    Code m_code;
    QString m_message;
    std::string m_utf8;
};

// The newest server schema this build knows (and creates).
int latestServerSchemaVersion();

// A connection URL or key=value string as it may be shown or stored: any password removed.
// Passwords come from libpq's own places (~/.pgpass, PGPASSWORD, a service file) or a prompt,
// never from the .keystone file or the settings.
QString displayUrl(const QString &url);

struct InitResult {
    int previousVersion = 0; // 0: there was no team book schema
    int schemaVersion = 0;   // after the call
    bool created() const { return previousVersion == 0; }
    bool changed() const { return previousVersion != schemaVersion; }
};

// Creates the team book's schema in the database `url` names, or upgrades an older one, in one
// transaction (concurrent calls wait for each other); a schema already at this version is
// left as it is. Needs a login that may create schemas and roles. Throws TeamError: the
// server unreachable, the login not allowed, or a schema newer than this build (NewerSchema,
// nothing changed).
// `upTo`: stop at that schema version (0: the latest; tests make older books with it).
InitResult initServer(const QString &url, int upTo = 0);

// The server's team book schema version: 0 when there is none. Throws TeamError.
int serverSchemaVersion(const QString &url);

// What a person may do in the team book: a lead changes anything, an account manager ("am")
// the accounts they own and everything under them, a viewer nothing; all read the book.
enum class Role { Lead, Am, Viewer };
QString roleName(Role role); // "lead", "am", "viewer"
std::optional<Role> parseRole(const QString &text);

// A PostgreSQL login mapped to a team member and a role.
struct MemberGrant {
    QString login;
    QString memberName;
    Role role = Role::Viewer;
    QString grantedBy;
    QDateTime grantedAt;
};

// Maps an existing PostgreSQL login to a team member and a role, replacing what it had: the
// login becomes a member of that role's group role (keystone_lead, keystone_am or
// keystone_viewer) and of no other. One transaction. Throws TeamError: no team book schema
// (run init first), a newer one, no such login, or a login that may not grant roles.
void grantMember(const QString &url, const QString &login, const QString &memberName, Role role);

// Every mapping, by login.
std::vector<MemberGrant> members(const QString &url);

} // namespace keystone::team
