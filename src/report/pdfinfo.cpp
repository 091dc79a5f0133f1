// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "pagestyle.h"

#include <QRegularExpression>

namespace keystone::report {

namespace {

// A PDF string as Qt writes the document's metadata: UTF-16BE with its byte-order mark, with
// the bytes the syntax reserves escaped.
QByteArray pdfTextString(const QString &text)
{
    QByteArray raw("\xFE\xFF");
    for (QChar c : text) {
        raw += char(c.unicode() >> 8);
        raw += char(c.unicode() & 0xff);
    }
    QByteArray out;
    for (char b : raw) {
        if (b == '(' || b == ')' || b == '\\')
            out += '\\';
        out += b;
    }
    return out;
}

} // namespace

// Qt 6.4's PDF writer names itself as the producer and offers no way to change that, nor to
// set the Author or Subject: put Keystone's name and version in its place and the two
// entries after it in the same information dictionary, moving what follows in the file and
// correcting the cross-reference table's offsets (fixed-width, so the table keeps its
// length) and startxref. Leaves the bytes as they are when the file is not laid out as Qt
// writes it.
QByteArray withInfo(QByteArray bytes, const QString &producer, const QString &author, const QString &subject)
{
    const QByteArray key("/Producer (");
    const qsizetype at = bytes.indexOf(key);
    const qsizetype xref = bytes.lastIndexOf("\nxref\n");
    const qsizetype startxref = bytes.lastIndexOf("startxref\n");
    if (at < 0 || xref < at || startxref < xref)
        return bytes;
    const qsizetype start = at + key.size();
    qsizetype end = start;
    while (end < bytes.size() && bytes.at(end) != ')')
        end += bytes.at(end) == '\\' ? 2 : 1;
    if (end >= bytes.size())
        return bytes;
    // "/Producer (" REPLACEMENT ")": the producer, then the entries added after it.
    const QByteArray replacement = pdfTextString(producer) + ") /Author (" + pdfTextString(author) + ") /Subject (" + pdfTextString(subject);
    const qsizetype delta = replacement.size() - (end - start);
    bytes.replace(start, end - start, replacement);
    // The table: "xref", then sections "first count" each followed by 20-byte entries.
    qsizetype pos = xref + delta + 6;
    const qsizetype trailer = bytes.indexOf("trailer", pos);
    if (trailer < 0)
        return bytes;
    while (pos < trailer) {
        const qsizetype eol = bytes.indexOf('\n', pos);
        const QList<QByteArray> head = bytes.mid(pos, eol - pos).trimmed().split(' ');
        if (head.size() != 2)
            return bytes;
        const int count = head.at(1).toInt();
        pos = eol + 1;
        for (int i = 0; i < count; ++i, pos += 20) {
            if (bytes.at(pos + 17) != 'n')
                continue;
            const qint64 offset = bytes.mid(pos, 10).toLongLong();
            if (offset > at)
                bytes.replace(pos, 10, QByteArray::number(offset + delta).rightJustified(10, '0'));
        }
    }
    const qsizetype number = bytes.lastIndexOf("startxref\n") + 10;
    const qsizetype numberEnd = bytes.indexOf('\n', number);
    const qint64 old = bytes.mid(number, numberEnd - number).trimmed().toLongLong();
    bytes.replace(number, numberEnd - number, QByteArray::number(old + delta) + ' ');
    return bytes;
}

} // namespace keystone::report
