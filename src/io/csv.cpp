// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/io/csv.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStringDecoder>
#include <QTemporaryFile>

#include <algorithm>
#include <array>

namespace keystone::io {

namespace {

// Well-formed multi-byte UTF-8 sequences and bytes that belong to none, counted by hand
// (QStringDecoder says only that there was an error).
void scanUtf8(QByteArrayView v, int &sequences, int &bad)
{
    sequences = 0;
    bad = 0;
    const auto *p = reinterpret_cast<const unsigned char *>(v.data());
    const qsizetype n = v.size();
    for (qsizetype i = 0; i < n;) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int len = 0;
        quint32 cp = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        }
        bool ok = len > 0 && i + len <= n;
        for (int k = 1; ok && k < len; ++k) {
            ok = (p[i + k] & 0xC0) == 0x80;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        ok = ok && !(len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) && !(len == 4 && (cp < 0x10000 || cp > 0x10FFFF));
        if (ok) {
            ++sequences;
            i += len;
        } else {
            ++bad;
            ++i;
        }
    }
}

QString fromWindows1252(QByteArrayView v)
{
    // 0x80-0x9F differ from Latin-1; the five unassigned ones stay as their C1 code points.
    static const char16_t high[32] = {0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
                                      0x2039, 0x0152, 0x8D,   0x017D, 0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
                                      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};
    QString out(v.size(), Qt::Uninitialized);
    QChar *d = out.data();
    for (qsizetype i = 0; i < v.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(v[i]);
        d[i] = (c >= 0x80 && c <= 0x9F) ? QChar(high[c - 0x80]) : QChar(c);
    }
    return out;
}

} // namespace

QString decodeCsvBytes(const QByteArray &bytes, bool *hadBom, CsvTable::Encoding *encoding, int *badBytes)
{
    QByteArrayView view(bytes);
    const bool bom = view.startsWith("\xEF\xBB\xBF");
    if (bom)
        view = view.sliced(3);
    if (hadBom)
        *hadBom = bom;
    int sequences = 0, bad = 0;
    scanUtf8(view, sequences, bad);
    CsvTable::Encoding e = CsvTable::Encoding::Utf8;
    QString text;
    if (bad > 0 && sequences == 0 && !bom) {
        e = CsvTable::Encoding::Windows1252;
        text = fromWindows1252(view);
    } else {
        if (bad > 0)
            e = CsvTable::Encoding::Utf8WithBadBytes;
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        text = utf8(view); // bad bytes become U+FFFD
    }
    if (encoding)
        *encoding = e;
    if (badBytes)
        *badBytes = e == CsvTable::Encoding::Utf8WithBadBytes ? bad : 0;
    return text;
}

QString encodingNote(const CsvTable &table)
{
    return encodingNote(table.encoding, table.badBytes);
}

QString encodingNote(CsvTable::Encoding encoding, int badBytes)
{
    switch (encoding) {
    case CsvTable::Encoding::Utf8:
        return {};
    case CsvTable::Encoding::Utf8WithBadBytes:
        return QStringLiteral("read as UTF-8; %1 byte(s) are not UTF-8, and the cells that hold them are refused").arg(badBytes);
    case CsvTable::Encoding::Windows1252:
        return QStringLiteral("read as Windows-1252: the file is not UTF-8 (save it as UTF-8 to be sure of accents)");
    }
    return {};
}

namespace {

// Fields per line for the first lines, outside quotes, for one candidate delimiter.
std::vector<int> fieldCounts(const QString &text, QChar delim, int maxLines)
{
    std::vector<int> counts;
    bool quoted = false;
    int fields = 1;
    bool any = false;
    for (qsizetype i = 0; i < text.size() && int(counts.size()) < maxLines; ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('"')) {
            quoted = !quoted;
            any = true;
        } else if (!quoted && c == delim) {
            ++fields;
            any = true;
        } else if (!quoted && (c == QLatin1Char('\n') || c == QLatin1Char('\r'))) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            if (any)
                counts.push_back(fields);
            fields = 1;
            any = false;
        } else if (!c.isSpace()) {
            any = true;
        }
    }
    if (any && int(counts.size()) < maxLines)
        counts.push_back(fields);
    return counts;
}

} // namespace

QChar detectDelimiter(const QString &text)
{
    static const std::array<QChar, 4> candidates{QLatin1Char(','), QLatin1Char(';'), QLatin1Char('\t'), QLatin1Char('|')};
    QChar best = QLatin1Char(',');
    int bestScore = 0;
    for (QChar d : candidates) {
        const std::vector<int> counts = fieldCounts(text, d, 20);
        if (counts.empty() || counts.front() < 2)
            continue;
        // Lines that agree with the header's field count, weighted by the fields they give.
        int agree = 0;
        for (int n : counts)
            agree += n == counts.front() ? 1 : 0;
        const int score = agree * 1000 + counts.front();
        if (score > bestScore) {
            bestScore = score;
            best = d;
        }
    }
    return best;
}

namespace {

constexpr qint64 kChunkBytes = 1 << 20;

// Where a chunk of UTF-8 can be cut: before a lead byte whose sequence the chunk does not
// hold in full (it goes to the next chunk), else at the end.
qsizetype utf8Boundary(QByteArrayView v)
{
    const qsizetype n = v.size();
    for (qsizetype k = 1; k <= 3 && k <= n; ++k) {
        const unsigned char c = static_cast<unsigned char>(v[n - k]);
        if ((c & 0xC0) == 0x80)
            continue; // a continuation byte: its lead is further back
        if (c >= 0xC2 && c <= 0xF4) {
            const qsizetype len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            if (len > k)
                return n - k;
        }
        break;
    }
    return n;
}

} // namespace

CsvReader::CsvReader(QIODevice &device, const CsvOptions &options) : m_device(&device)
{
    if (!device.isOpen() || !device.isReadable())
        throw CsvError{QStringLiteral("cannot be read (%1)").arg(device.errorString())};
    if (device.isSequential()) {
        // A pipe (`--csv <(...)`, standard input) is read twice: spooled to a private
        // temporary file first, a chunk at a time, so memory stays bounded here too.
        m_spool = std::make_unique<QTemporaryFile>();
        if (!m_spool->open())
            throw CsvError{QStringLiteral("cannot be read: no room for a temporary copy of the stream (%1)").arg(m_spool->errorString())};
        for (;;) {
            // A file on a pipe blocks in read() until bytes come or the writer closes it.
            const QByteArray chunk = device.read(kChunkBytes);
            if (chunk.isEmpty())
                break;
            if (m_spool->write(chunk) != chunk.size())
                throw CsvError{QStringLiteral("cannot be read: the temporary copy of the stream could not be written (%1)").arg(m_spool->errorString())};
        }
        m_spool->flush();
        m_spool->seek(0);
    }
    if (m_spool)
        m_device = m_spool.get();
    m_size = m_device->size();
    // Pass 1: the encoding, decided from every byte (see decodeCsvBytes).
    if (!m_device->seek(0))
        throw CsvError{QStringLiteral("cannot be read (%1)").arg(m_device->errorString())};
    const QByteArray head = m_device->peek(3);
    m_bom = head.startsWith("\xEF\xBB\xBF");
    m_start = m_bom ? 3 : 0;
    m_device->seek(m_start);
    int sequences = 0, bad = 0;
    QByteArray carry;
    for (;;) {
        QByteArray chunk = m_device->read(kChunkBytes);
        if (chunk.isEmpty() && !m_device->atEnd() && m_device->pos() < m_size)
            throw CsvError{QStringLiteral("cannot be read (%1)").arg(m_device->errorString())};
        const bool last = chunk.isEmpty();
        chunk.prepend(carry);
        const qsizetype cut = last ? chunk.size() : utf8Boundary(chunk);
        int seq = 0, b = 0;
        scanUtf8(QByteArrayView(chunk).first(cut), seq, b);
        sequences += seq;
        bad += b;
        carry = chunk.mid(cut);
        if (last)
            break;
    }
    if (bad > 0 && sequences == 0 && !m_bom)
        m_encoding = CsvTable::Encoding::Windows1252;
    else if (bad > 0)
        m_encoding = CsvTable::Encoding::Utf8WithBadBytes;
    m_badBytes = m_encoding == CsvTable::Encoding::Utf8WithBadBytes ? bad : 0;
    // Pass 2 starts: the delimiter from the first lines, then the header.
    m_device->seek(m_start);
    if (options.delimiter) {
        m_delimiter = *options.delimiter;
    } else {
        refill();
        m_delimiter = detectDelimiter(m_pos == 0 ? m_buffer : m_buffer.mid(m_pos));
    }
    readHeader();
}

void CsvReader::readHeader()
{
    QStringList record;
    int line = 0;
    while (readRecord(record, line)) {
        if (record.size() == 1 && record.front().trimmed().isEmpty())
            continue;
        for (QString &h : record)
            h = h.trimmed();
        m_header = record;
        return;
    }
    throw CsvError{QStringLiteral("the file is empty: there is no header row")};
}

bool CsvReader::refill()
{
    if (m_eof)
        return false;
    QByteArray chunk = m_device->read(kChunkBytes);
    if (chunk.isEmpty() && m_device->pos() < m_size)
        throw CsvError{QStringLiteral("cannot be read (%1)").arg(m_device->errorString())};
    const bool last = chunk.isEmpty();
    if (m_pos > 0) { // what was parsed goes; the window stays about one chunk
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
    if (m_encoding == CsvTable::Encoding::Windows1252) {
        m_buffer += fromWindows1252(chunk);
    } else {
        chunk.prepend(m_carry);
        const qsizetype cut = last ? chunk.size() : utf8Boundary(chunk);
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        m_buffer += utf8(QByteArrayView(chunk).first(cut)); // bad bytes become U+FFFD
        m_carry = chunk.mid(cut);
    }
    if (last)
        m_eof = true;
    return m_pos < m_buffer.size();
}

bool CsvReader::have(qsizetype ahead)
{
    while (m_pos + ahead >= m_buffer.size())
        if (!refill() && m_pos + ahead >= m_buffer.size())
            return false;
    return true;
}

bool CsvReader::readRecord(QStringList &record, int &recordLine)
{
    record.clear();
    QString field;
    bool inQuotes = false;
    bool fieldStarted = false; // anything (even "") was read for this field
    bool any = false;          // anything was read for this record
    int quoteLine = 0;
    recordLine = m_line;
    const QChar quote = QLatin1Char('"'), cr = QLatin1Char('\r'), lf = QLatin1Char('\n'), space = QLatin1Char(' ');
    for (;;) {
        if (!have(0)) {
            if (inQuotes)
                throw CsvError{QStringLiteral("line %1: a quoted field is never closed (a \" is missing)").arg(quoteLine)};
            if (!any)
                return false;
            record.push_back(field);
            return true;
        }
        const QChar c = m_buffer.at(m_pos);
        any = true;
        if (inQuotes) {
            if (c == quote) {
                if (have(1) && m_buffer.at(m_pos + 1) == quote) {
                    field += quote;
                    m_pos += 2;
                } else {
                    inQuotes = false;
                    ++m_pos;
                }
            } else if (c == cr) {
                ++m_line;
                if (have(1) && m_buffer.at(m_pos + 1) == lf) {
                    field += lf; // CRLF inside a quoted field reads as one line break
                    m_pos += 2;
                } else {
                    field += c;
                    ++m_pos;
                }
            } else {
                if (c == lf)
                    ++m_line;
                field += c;
                ++m_pos;
            }
            continue;
        }
        if (c == quote && !fieldStarted) {
            inQuotes = true;
            fieldStarted = true;
            quoteLine = m_line;
            ++m_pos;
            continue;
        }
        if (c == m_delimiter) {
            record.push_back(field);
            field.clear();
            fieldStarted = false;
            ++m_pos;
            continue;
        }
        if (c == cr || c == lf) {
            ++m_pos;
            if (c == cr && have(0) && m_buffer.at(m_pos) == lf)
                ++m_pos;
            ++m_line;
            record.push_back(field);
            return true;
        }
        // Spaces before an opening quote do not start the field (`a, "b"`).
        if (!fieldStarted && c == space) {
            qsizetype j = 0;
            while (have(j) && m_buffer.at(m_pos + j) == space)
                ++j;
            if (have(j) && m_buffer.at(m_pos + j) == quote) {
                m_pos += j;
                continue;
            }
        }
        // Text after a closing quote ("abc"def) and stray quotes in unquoted fields are kept.
        field += c;
        fieldStarted = true;
        ++m_pos;
    }
}

bool CsvReader::next(QStringList &record, int &line)
{
    while (readRecord(record, line)) {
        if (record.size() == 1 && record.front().trimmed().isEmpty())
            continue; // a blank line
        m_ragged = record.size() != m_header.size();
        while (record.size() < m_header.size())
            record.push_back(QString());
        if (record.size() > m_header.size())
            record.resize(m_header.size()); // extra fields stay out of the mapping (reported as ragged)
        ++m_records;
        return true;
    }
    return false;
}

double CsvReader::fraction() const
{
    if (m_size <= 0)
        return 1.0;
    return std::clamp(double(m_device->pos()) / double(m_size), 0.0, 1.0);
}

void CsvReader::rewind()
{
    m_device->seek(m_start);
    m_buffer.clear();
    m_pos = 0;
    m_carry.clear();
    m_eof = false;
    m_line = 1;
    m_records = 0;
    m_ragged = false;
    readHeader();
}

void CsvReader::setDelimiter(QChar delimiter)
{
    m_delimiter = delimiter;
    rewind();
}

CsvTable readCsvTable(CsvReader &reader, int maxRecords)
{
    CsvTable table;
    table.header = reader.header();
    table.delimiter = reader.delimiter();
    table.hadBom = reader.hadBom();
    table.encoding = reader.encoding();
    table.badBytes = reader.badBytes();
    table.latin1 = table.encoding == CsvTable::Encoding::Windows1252;
    QStringList record;
    int line = 0;
    while ((maxRecords <= 0 || int(table.records.size()) < maxRecords) && reader.next(record, line)) {
        if (reader.lastWasRagged())
            table.raggedRows.push_back(reader.recordsRead() + 1);
        table.records.push_back(record);
        table.lines.push_back(line);
    }
    return table;
}

CsvTable parseCsv(const QString &text, const CsvOptions &options)
{
    return parseCsv(text.toUtf8(), options);
}

CsvTable parseCsv(const QByteArray &bytes, const CsvOptions &options)
{
    QByteArray copy = bytes; // QBuffer needs a non-const array; implicitly shared, not copied
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(buffer, options);
    return readCsvTable(reader, options.maxRecords);
}

CsvTable readCsvFile(const QString &path, const CsvOptions &options)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw CsvError{QStringLiteral("%1: cannot be read (%2)").arg(path, f.errorString())};
    try {
        CsvReader reader(f, options);
        return readCsvTable(reader, options.maxRecords);
    } catch (const CsvError &e) {
        throw CsvError{QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), e.message)};
    }
}

// --- writing ----------------------------------------------------------------------------

bool looksNumeric(const QString &cell)
{
    // [+-]? digits with optional thousands commas, optional decimal part; nothing else.
    qsizetype i = 0;
    const qsizetype n = cell.size();
    if (i < n && (cell.at(i) == QLatin1Char('-') || cell.at(i) == QLatin1Char('+')))
        ++i;
    int digits = 0;
    bool point = false;
    for (; i < n; ++i) {
        const QChar c = cell.at(i);
        if (c.isDigit() && c.unicode() < 128)
            ++digits;
        else if (c == QLatin1Char('.') && !point)
            point = true;
        else if (c == QLatin1Char(',') && !point && digits > 0)
            continue;
        else
            return false;
    }
    return digits > 0;
}

namespace {
bool formulaStart(QChar c)
{
    return c == QLatin1Char('=') || c == QLatin1Char('+') || c == QLatin1Char('-') || c == QLatin1Char('@') || c == QLatin1Char('\t') ||
           c == QLatin1Char('\r');
}
} // namespace

QString neutraliseCell(const QString &cell)
{
    if (cell.isEmpty())
        return cell;
    const QChar c = cell.at(0);
    // A value that already starts with the apostrophe before a formula character (or a
    // second apostrophe) gets one more, so restoreNeutralisedCell() gives it back exactly.
    if (c == QLatin1Char('\'') && cell.size() > 1 && (formulaStart(cell.at(1)) || cell.at(1) == QLatin1Char('\'')))
        return QLatin1Char('\'') + cell;
    if (!formulaStart(c))
        return cell;
    if ((c == QLatin1Char('-') || c == QLatin1Char('+')) && looksNumeric(cell))
        return cell;
    return QLatin1Char('\'') + cell;
}

QString restoreNeutralisedCell(const QString &cell)
{
    if (cell.size() > 1 && cell.at(0) == QLatin1Char('\'') && (formulaStart(cell.at(1)) || cell.at(1) == QLatin1Char('\'')))
        return cell.mid(1);
    return cell;
}

QString csvField(const QString &cell, QChar delimiter)
{
    const bool quote = cell.contains(delimiter) || cell.contains(QLatin1Char('"')) || cell.contains(QLatin1Char('\n')) ||
                       cell.contains(QLatin1Char('\r')) || cell.startsWith(QLatin1Char(' ')) || cell.endsWith(QLatin1Char(' '));
    if (!quote)
        return cell;
    QString out = cell;
    out.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + out + QLatin1Char('"');
}

QString writeCsv(const QStringList &header, const std::vector<QStringList> &rows, QChar delimiter)
{
    QString out;
    auto line = [&](const QStringList &cells) {
        for (qsizetype i = 0; i < cells.size(); ++i) {
            if (i)
                out += delimiter;
            out += csvField(neutraliseCell(cells.at(i)), delimiter);
        }
        out += QLatin1String("\r\n");
    };
    line(header);
    for (const QStringList &r : rows)
        line(r);
    return out;
}

QByteArray csvFileBytes(const QStringList &header, const std::vector<QStringList> &rows, QChar delimiter)
{
    return QByteArrayLiteral("\xEF\xBB\xBF") + writeCsv(header, rows, delimiter).toUtf8();
}

} // namespace keystone::io
