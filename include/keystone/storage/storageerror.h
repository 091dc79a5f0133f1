// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QString>

#include <stdexcept>

namespace keystone::storage {

// Thrown by the storage layer; `what()` is a full sentence for the user that names the file.
class StorageError : public std::runtime_error
{
public:
    enum class Code {
        NotFound,      // the file does not exist
        AlreadyExists, // create refused to overwrite
        NotSqlite,     // not an SQLite database at all
        NotKeystone,   // an SQLite database of another application
        Corrupt,       // truncated or damaged (header or quick_check)
        NewerSchema,   // written by a newer Keystone
        ReadOnly,      // a write was attempted on a read-only portfolio
        Io,            // the file system refused
        Sql,           // a statement failed
        Constraint,    // a UNIQUE / CHECK / FOREIGN KEY constraint refused a write
    };

    StorageError(Code code, const QString &file, const QString &message)
        : std::runtime_error(message.toStdString()), m_code(code), m_file(file), m_message(message)
    {
    }

    Code code() const { return m_code; }
    QString file() const { return m_file; }
    QString message() const { return m_message; }
    // For Constraint: what was refused, in words a user can act on ("another account already
    // has this name"), without SQL; the SQL text is in the log.
    QString constraintReason() const;

private:
    Code m_code;
    QString m_file;
    QString m_message;
};

} // namespace keystone::storage
