// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// libFuzzer target: the CSV reader and everything an import does with a cell. Besides "no
// crash, no sanitizer report", it checks one property: what writeCsv() writes, parseCsv()
// reads back as the same cells (neutralised), whatever the cells hold.
#include "keystone/io/csv.h"
#include "keystone/io/importspec.h"
#include "keystone/io/values.h"

#include <cstdint>
#include <cstdlib>

using namespace keystone::io;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    CsvTable table;
    try {
        table = parseCsv(bytes);
    } catch (const CsvError &) {
        return 0;
    }
    for (ImportKind kind : importKinds()) {
        const ImportMapping m = autoMapping(kind, table.header);
        (void)mappingProblems(m);
        (void)applySavedMapping(mappingToJson(m), table.header, kind);
    }
    QStringList firstColumn;
    for (const QStringList &r : table.records) {
        for (const QString &cell : r) {
            (void)parseAmount(cell);
            (void)parseAmount(cell, 3, DecimalMark::Comma);
            (void)parseNumber(cell, DecimalMark::Point);
            (void)parsePercent(cell);
            (void)parseBool(cell);
            for (DateFormat f : {DateFormat::Auto, DateFormat::Iso, DateFormat::Us, DateFormat::European})
                (void)parseDate(cell, f);
        }
        firstColumn << r.value(0);
    }
    (void)detectDateFormat(firstColumn);

    // Round trip. Line breaks written as CR alone come back as they are, CRLF inside a
    // field comes back as LF, and an all-empty one-column record is a blank line: leave
    // those out of the property.
    bool comparable = !table.header.isEmpty();
    for (const QString &h : table.header)
        comparable = comparable && !h.contains(QLatin1Char('\r'));
    for (const QStringList &r : table.records) {
        comparable = comparable && !(r.size() == 1 && r.front().trimmed().isEmpty());
        for (const QString &c : r)
            comparable = comparable && !c.contains(QLatin1Char('\r'));
    }
    if (!comparable)
        return 0;
    const QString written = writeCsv(table.header, table.records);
    CsvOptions comma;
    comma.delimiter = QLatin1Char(',');
    const CsvTable back = parseCsv(written, comma);
    if (back.records.size() != table.records.size())
        std::abort();
    for (size_t i = 0; i < table.records.size(); ++i)
        for (qsizetype c = 0; c < table.records[i].size(); ++c)
            if (back.records[i].value(c) != neutraliseCell(table.records[i].at(c)))
                std::abort();
    return 0;
}
