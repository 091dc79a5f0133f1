// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/storage/allocator.h"

#include <cstdlib> // defines __GLIBC__ through <features.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace keystone::storage {

void tuneAllocatorForSqlite()
{
#if defined(__GLIBC__)
    mallopt(M_TRIM_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TOP_PAD, 1024 * 1024);
#endif
}

} // namespace keystone::storage
