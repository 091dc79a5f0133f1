// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

namespace keystone::storage {

// Call once at the start of main(). SQLite opens a 64 KiB in-memory statement journal for
// every INSERT/UPDATE inside a transaction on a table with unique indexes and frees it when
// the statement ends; with glibc's default trim threshold that returns the top of the heap to
// the kernel and takes it back on every row (measured: 5,700 brk calls and 70% of the time of
// a 10,000-account import). Raising the trim threshold keeps that memory in the process.
void tuneAllocatorForSqlite();

} // namespace keystone::storage
