// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QByteArray>
#include <QChar>
#include <QIODevice>
#include <QTemporaryFile>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace keystone::io {

// A CSV file read into memory: the header and the records after it. Reads RFC 4180 and
// what real files do besides: quoted fields with delimiters, quotes ("") and line breaks;
// UTF-8 with or without a byte-order mark (Windows-1252/Latin-1 when the bytes are not
// UTF-8); CRLF, LF or CR line ends; comma, semicolon or tab detected; blank lines skipped;
// a stray quote inside an unquoted field kept as text.
struct CsvTable {
    QStringList header;
    std::vector<QStringList> records; // each padded or cut to the header's width
    std::vector<int> lines;           // the file line each record starts on (1-based)
    QChar delimiter = QLatin1Char(',');
    bool hadBom = false;
    // How the bytes were read, decided with evidence (see decodeCsvBytes):
    //   Utf8              every byte is UTF-8
    //   Utf8WithBadBytes  UTF-8, but for `badBytes` bytes that are not: the cells holding them
    //                     carry U+FFFD and an import refuses them by row and column
    //   Windows1252       no UTF-8 sequence at all and some bytes that cannot be UTF-8: an
    //                     older spreadsheet export; the report says so
    enum class Encoding { Utf8, Utf8WithBadBytes, Windows1252 };
    Encoding encoding = Encoding::Utf8;
    int badBytes = 0;
    bool latin1 = false;              // read as Windows-1252 (kept for callers of old)
    // Records whose field count differed from the header's (row numbers, header = row 1):
    // reported, not refused, because spreadsheets drop trailing empty fields.
    std::vector<int> raggedRows;
};

// A problem that makes the whole file unreadable (no header, an unclosed quote).
struct CsvError {
    QString message; // names the line
};

struct CsvOptions {
    std::optional<QChar> delimiter; // detected when not given
    // Stop after this many records (0 = all): the mapping dialog's preview.
    int maxRecords = 0;
};

// Decodes the bytes into text. A BOM or valid UTF-8 means UTF-8. Bytes that are not UTF-8
// in a file that also holds well-formed multi-byte UTF-8 sequences mean UTF-8 with a few
// bad bytes (each becomes U+FFFD, so the cell can be refused); with no multi-byte sequence
// at all the file is read as Windows-1252. Never silent: `encoding` and `badBytes` say which.
QString decodeCsvBytes(const QByteArray &bytes, bool *hadBom = nullptr, CsvTable::Encoding *encoding = nullptr, int *badBytes = nullptr);
// A sentence for the import report ("read as Windows-1252 ..."), empty for clean UTF-8.
QString encodingNote(const CsvTable &table);
QString encodingNote(CsvTable::Encoding encoding, int badBytes);

// The delimiter of the first lines: the one of ',', ';', '\t' and '|' that splits them
// into the same number of fields (more than one), outside quotes. ',' when none does.
QChar detectDelimiter(const QString &text);

// Reads CSV record by record from a device: memory stays the same whatever the file's size
// (a 1 MB window of text and the record being read). The bytes are read twice: once to
// decide the encoding with evidence (decodeCsvBytes's rules over the whole file), then
// record by record. The device must be open and readable; a sequential one (a pipe, standard
// input) is first copied to a private temporary file.
class CsvReader
{
public:
    // Decides the encoding, detects the delimiter from the first lines (unless given) and
    // reads the header. Throws CsvError when the device cannot be read, there is no header,
    // or the header's quote is never closed.
    explicit CsvReader(QIODevice &device, const CsvOptions &options = {});

    const QStringList &header() const { return m_header; }
    QChar delimiter() const { return m_delimiter; }
    bool hadBom() const { return m_bom; }
    CsvTable::Encoding encoding() const { return m_encoding; }
    int badBytes() const { return m_badBytes; }

    // The next record, padded or cut to the header's width, and the file line it starts on
    // (1-based); false at the end. Blank lines are skipped. Throws CsvError when a quote is
    // never closed (naming the line).
    bool next(QStringList &record, int &line);
    // Records returned since the header (or the last rewind); a record's spreadsheet row is
    // this count + 1 right after next() returned it.
    int recordsRead() const { return m_records; }
    // Whether the last record had another field count than the header (see raggedRows).
    bool lastWasRagged() const { return m_ragged; }
    // How far through the bytes reading is, 0 to 1, for progress bars.
    double fraction() const;
    // Back to the first record after the header.
    void rewind();
    // Reads again from the start with another delimiter (a saved mapping names one): the
    // header is read anew. Works for a pipe too (its bytes were kept).
    void setDelimiter(QChar delimiter);

private:
    bool refill();
    bool have(qsizetype ahead);
    bool readRecord(QStringList &record, int &recordLine);
    void readHeader();

    QIODevice *m_device;                    // the device given, or the spool of a pipe
    std::unique_ptr<QTemporaryFile> m_spool; // a sequential device's bytes, copied once
    qint64 m_start = 0;  // after the byte-order mark
    qint64 m_size = 0;
    QChar m_delimiter = QLatin1Char(',');
    bool m_bom = false;
    CsvTable::Encoding m_encoding = CsvTable::Encoding::Utf8;
    int m_badBytes = 0;
    QStringList m_header;
    QString m_buffer;    // decoded text not yet parsed, from m_pos
    qsizetype m_pos = 0;
    QByteArray m_carry;  // the start of a UTF-8 sequence cut by a chunk's end
    bool m_eof = false;
    int m_line = 1;
    int m_records = 0;
    bool m_ragged = false;
};

// Every record of a reader (or the first maxRecords) as a table, with its encoding facts.
CsvTable readCsvTable(CsvReader &reader, int maxRecords = 0);

// Parses the text. Throws CsvError when there is no header or a quote is never closed.
CsvTable parseCsv(const QString &text, const CsvOptions &options = {});
CsvTable parseCsv(const QByteArray &bytes, const CsvOptions &options = {});
// Reads a whole file into a table (the mapping dialog's preview and tests; an import streams
// with CsvReader). Throws CsvError naming the file when it cannot be read.
CsvTable readCsvFile(const QString &path, const CsvOptions &options = {});

// --- writing --------------------------------------------------------------------------

// Neutralises a cell against formula injection (OWASP "CSV Injection"): a cell that starts
// with '=', '+', '-', '@', a tab or a carriage return gets a leading apostrophe, unless it
// is a plain number ("-12.5", "+3", "-1,234.00"), which stays a number.
QString neutraliseCell(const QString &cell);
// The import side of neutraliseCell(): an apostrophe before a formula character (or before a
// second apostrophe) is taken off once, so Keystone's own export reads back as it was
// written: restoreNeutralisedCell(neutraliseCell(v)) == v for every v.
QString restoreNeutralisedCell(const QString &cell);
bool looksNumeric(const QString &cell);

// One CSV field: quoted when it holds the delimiter, a quote or a line break.
QString csvField(const QString &cell, QChar delimiter = QLatin1Char(','));

// Header and rows as CSV text with CRLF line ends (RFC 4180), every cell neutralised.
QString writeCsv(const QStringList &header, const std::vector<QStringList> &rows, QChar delimiter = QLatin1Char(','));

// The bytes of a CSV file: UTF-8 with a BOM (so spreadsheet programs read it as UTF-8).
// Write them with services::writeOutputFile(), which never replaces a portfolio.
QByteArray csvFileBytes(const QStringList &header, const std::vector<QStringList> &rows, QChar delimiter = QLatin1Char(','));

} // namespace keystone::io
