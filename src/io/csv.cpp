// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/io/csv.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStringDecoder>

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
    switch (table.encoding) {
    case CsvTable::Encoding::Utf8:
        return {};
    case CsvTable::Encoding::Utf8WithBadBytes:
        return QStringLiteral("read as UTF-8; %1 byte(s) are not UTF-8, and the cells that hold them are refused").arg(table.badBytes);
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

CsvTable parseCsv(const QString &text, const CsvOptions &options)
{
    CsvTable table;
    table.delimiter = options.delimiter.value_or(detectDelimiter(text));
    const QChar delim = table.delimiter;

    QStringList record;
    QString field;
    bool inQuotes = false;
    bool fieldStarted = false; // anything (even "") was read for this field
    bool wasQuoted = false;
    int line = 1;
    int recordLine = 1;
    int quoteLine = 0;
    bool headerDone = false;

    auto endField = [&] {
        record.push_back(field);
        field.clear();
        fieldStarted = false;
        wasQuoted = false;
    };
    auto endRecord = [&]() -> bool {
        endField();
        const bool blank = record.size() == 1 && record.front().trimmed().isEmpty();
        if (!blank) {
            if (!headerDone) {
                for (QString &h : record)
                    h = h.trimmed();
                table.header = record;
                headerDone = true;
            } else {
                const int row = int(table.records.size()) + 2;
                if (record.size() != table.header.size())
                    table.raggedRows.push_back(row);
                while (record.size() < table.header.size())
                    record.push_back(QString());
                if (record.size() > table.header.size()) {
                    // Extra fields that are all empty are trailing delimiters; keep the rest
                    // out of the mapping but visible as ragged.
                    record.resize(table.header.size());
                }
                table.records.push_back(record);
                table.lines.push_back(recordLine);
            }
        }
        record.clear();
        return options.maxRecords > 0 && int(table.records.size()) >= options.maxRecords;
    };

    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < n && text.at(i + 1) == QLatin1Char('"')) {
                    field += QLatin1Char('"');
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                if (c == QLatin1Char('\n') || (c == QLatin1Char('\r') && !(i + 1 < n && text.at(i + 1) == QLatin1Char('\n'))))
                    ++line;
                if (c == QLatin1Char('\r') && i + 1 < n && text.at(i + 1) == QLatin1Char('\n')) {
                    field += QLatin1Char('\n'); // CRLF inside a quoted field reads as one line break
                    ++i;
                    ++line;
                } else {
                    field += c;
                }
            }
            continue;
        }
        if (c == QLatin1Char('"') && !fieldStarted) {
            inQuotes = true;
            fieldStarted = true;
            wasQuoted = true;
            quoteLine = line;
            continue;
        }
        if (c == delim) {
            endField();
            continue;
        }
        if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
            if (c == QLatin1Char('\r') && i + 1 < n && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            if (endRecord())
                return table;
            ++line;
            recordLine = line;
            continue;
        }
        // Spaces before an opening quote do not start the field (`a, "b"`).
        if (!fieldStarted && c == QLatin1Char(' ')) {
            qsizetype j = i;
            while (j < n && text.at(j) == QLatin1Char(' '))
                ++j;
            if (j < n && text.at(j) == QLatin1Char('"')) {
                i = j - 1;
                continue;
            }
        }
        // Text after a closing quote ("abc"def) and stray quotes in unquoted fields are kept.
        field += c;
        fieldStarted = true;
    }
    if (inQuotes)
        throw CsvError{QStringLiteral("line %1: a quoted field is never closed (a \" is missing)").arg(quoteLine)};
    if (fieldStarted || !field.isEmpty() || !record.isEmpty())
        endRecord();
    if (!headerDone)
        throw CsvError{QStringLiteral("the file is empty: there is no header row")};
    return table;
}

CsvTable parseCsv(const QByteArray &bytes, const CsvOptions &options)
{
    bool bom = false;
    CsvTable::Encoding encoding = CsvTable::Encoding::Utf8;
    int bad = 0;
    const QString text = decodeCsvBytes(bytes, &bom, &encoding, &bad);
    CsvTable table = parseCsv(text, options);
    table.hadBom = bom;
    table.encoding = encoding;
    table.badBytes = bad;
    table.latin1 = encoding == CsvTable::Encoding::Windows1252;
    return table;
}

CsvTable readCsvFile(const QString &path, const CsvOptions &options)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw CsvError{QStringLiteral("%1: cannot be read (%2)").arg(path, f.errorString())};
    const QByteArray bytes = f.readAll();
    try {
        return parseCsv(bytes, options);
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
