// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Reading a portfolio's 100-byte header and its write-ahead log without SQLite, so that
// Database::open() can judge a file before any connection touches it.
#include "keystone/storage/database.h"

#include <QFile>

#include <algorithm>

namespace keystone::storage {

namespace {

quint32 bigEndian32(const unsigned char *p)
{
    return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | quint32(p[3]);
}

} // namespace

FileHeader readFileHeader(const QString &path)
{
    FileHeader h;
    QFile f(path);
    h.fileSize = f.size();
    if (!f.open(QIODevice::ReadOnly))
        return h;
    const QByteArray bytes = f.read(100);
    if (bytes.size() < 100 || !bytes.startsWith(QByteArrayLiteral("SQLite format 3\0")))
        return h;
    h.isSqlite = true;
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.constData());
    const int rawPageSize = (int(p[16]) << 8) | int(p[17]);
    h.pageSize = rawPageSize == 1 ? 65536 : rawPageSize;
    const quint32 changeCounter = bigEndian32(p + 24);
    h.pageCount = bigEndian32(p + 28);
    h.pageCountValid = h.pageCount > 0 && bigEndian32(p + 92) == changeCounter;
    h.userVersion = bigEndian32(p + 60);
    h.applicationId = bigEndian32(p + 68);
    return h;
}

namespace {

// SQLite's WAL checksum over the first `bytes` bytes (pairs of 32-bit words), continuing from (s0, s1).
void walChecksum(const unsigned char *data, int bytes, bool bigEndianWords, quint32 &s0, quint32 &s1)
{
    auto word = [&](int at) {
        const unsigned char *p = data + at;
        return bigEndianWords ? bigEndian32(p) : (quint32(p[3]) << 24) | (quint32(p[2]) << 16) | (quint32(p[1]) << 8) | quint32(p[0]);
    };
    for (int i = 0; i + 8 <= bytes; i += 8) {
        s0 += word(i) + s1;
        s1 += word(i + 4) + s0;
    }
}

} // namespace

bool WalContents::holdsAll(quint32 first, quint32 last) const
{
    if (first > last)
        return true;
    const auto from = std::lower_bound(pages.begin(), pages.end(), first);
    const auto to = std::upper_bound(pages.begin(), pages.end(), last);
    return quint32(to - from) == last - first + 1;
}

WalContents readWalContents(const QString &walPath)
{
    QFile f(walPath);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return parseWal(f);
}

WalContents parseWal(QIODevice &f)
{
    WalContents wal;
    const QByteArray header = f.read(32);
    if (header.size() < 32)
        return wal;
    const auto *h = reinterpret_cast<const unsigned char *>(header.constData());
    const quint32 magic = bigEndian32(h);
    if ((magic & 0xfffffffe) != 0x377f0682)
        return wal;
    const bool bigEndianWords = (magic & 1) != 0;
    const quint32 pageSize = bigEndian32(h + 8);
    if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) != 0)
        return wal;
    quint32 s0 = 0, s1 = 0;
    walChecksum(h, 24, bigEndianWords, s0, s1);
    if (s0 != bigEndian32(h + 24) || s1 != bigEndian32(h + 28))
        return wal;
    const quint32 salt1 = bigEndian32(h + 16), salt2 = bigEndian32(h + 20);

    std::vector<quint32> seen;  // pages of frames since the start
    size_t committed = 0;       // how many of them are covered by a commit
    QByteArray frame;
    while (true) {
        frame = f.read(24 + qint64(pageSize));
        if (frame.size() < 24 + int(pageSize))
            break;
        const auto *p = reinterpret_cast<const unsigned char *>(frame.constData());
        const quint32 page = bigEndian32(p);
        if (page == 0 || bigEndian32(p + 8) != salt1 || bigEndian32(p + 12) != salt2)
            break;
        walChecksum(p, 8, bigEndianWords, s0, s1);
        walChecksum(p + 24, int(pageSize), bigEndianWords, s0, s1);
        if (s0 != bigEndian32(p + 16) || s1 != bigEndian32(p + 20))
            break;
        seen.push_back(page);
        if (const quint32 size = bigEndian32(p + 4); size != 0) {
            committed = seen.size();
            wal.committedPages = size;
        }
    }
    wal.pageSize = int(pageSize);
    seen.resize(committed);
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    wal.pages = std::move(seen);
    return wal;
}

} // namespace keystone::storage
