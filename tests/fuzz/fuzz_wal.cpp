// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// libFuzzer target: the write-ahead-log reader that decides whether a file shorter than its
// header is whole (its -wal can hold anything a crash or a stranger left). Besides "no crash,
// no sanitizer report" it checks what the result promises, and that a log cut short holds
// no page the whole log does not (frames count only up to the first bad one, as in SQLite).
#include "keystone/storage/database.h"

#include <QBuffer>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

using keystone::storage::WalContents;

namespace {

WalContents parse(const QByteArray &bytes)
{
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    return keystone::storage::parseWal(buffer);
}

void require(bool ok)
{
    if (!ok)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const WalContents wal = parse(bytes);
    if (wal.pageSize == 0) {
        require(wal.pages.empty() && wal.committedPages == 0);
        return 0;
    }
    require(wal.pageSize >= 512 && wal.pageSize <= 65536 && (wal.pageSize & (wal.pageSize - 1)) == 0);
    require(std::is_sorted(wal.pages.begin(), wal.pages.end()));
    require(std::adjacent_find(wal.pages.begin(), wal.pages.end()) == wal.pages.end());
    require(wal.pages.empty() == (wal.committedPages == 0));
    require(wal.pages.empty() || wal.pages.front() > 0);
    for (quint32 page : wal.pages)
        require(wal.holdsAll(page, page));
    if (!wal.pages.empty()) {
        require(!wal.holdsAll(0, wal.pages.back()));
        require(wal.holdsAll(wal.pages.back() + 1, wal.pages.back())); // an empty range
    }
    const WalContents prefix = parse(bytes.left(bytes.size() / 2));
    require(std::includes(wal.pages.begin(), wal.pages.end(), prefix.pages.begin(), prefix.pages.end()));
    return 0;
}
