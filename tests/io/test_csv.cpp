// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "testsupport.h"

#include "keystone/io/csv.h"
#include "keystone/io/exchangejson.h"
#include "keystone/io/importspec.h"
#include "keystone/io/values.h"

#include <QBuffer>

using namespace keystone;
using namespace keystone::io;

TEST_CASE("CSV: quoted fields with delimiters, quotes and line breaks, CRLF, BOM", "[io][csv]")
{
    const QByteArray bytes = "\xEF\xBB\xBF"
                             "Name,Notes,Amount\r\n"
                             "\"Acme, Inc.\",\"said \"\"hi\"\"\r\nthen left\",\"1,200.50\"\r\n"
                             "\r\n"
                             "Plain,,7\r\n";
    const CsvTable t = parseCsv(bytes);
    CHECK(t.hadBom);
    CHECK(t.delimiter == QLatin1Char(','));
    CHECK(t.header == QStringList{QStringLiteral("Name"), QStringLiteral("Notes"), QStringLiteral("Amount")});
    REQUIRE(t.records.size() == 2); // the blank line is skipped
    CHECK(t.records[0][0] == QStringLiteral("Acme, Inc."));
    CHECK(t.records[0][1] == QStringLiteral("said \"hi\"\nthen left")); // CRLF inside a field reads as one line break
    CHECK(t.records[0][2] == QStringLiteral("1,200.50"));
    CHECK(t.records[1] == QStringList{QStringLiteral("Plain"), QString(), QStringLiteral("7")});
    // The second record starts on file line 5: the first spans lines 2 and 3, line 4 is blank.
    CHECK(t.lines == std::vector<int>{2, 5});
}

TEST_CASE("CSV: semicolon, tab and comma are detected from the first lines", "[io][csv]")
{
    CHECK(parseCsv(QByteArray("Name;Amount\nA;\"1,5\"\nB;2\n")).delimiter == QLatin1Char(';'));
    CHECK(parseCsv(QByteArray("Name\tAmount\nA\t1\n")).delimiter == QLatin1Char('\t'));
    // Commas inside quotes do not count: this is a semicolon file.
    const CsvTable t = parseCsv(QByteArray("Name;City\n\"Smith, J\";Paris\n\"Doe, A\";Rome\n"));
    CHECK(t.delimiter == QLatin1Char(';'));
    CHECK(t.records[0][0] == QStringLiteral("Smith, J"));
    CHECK(parseCsv(QByteArray("Name,Amount\nA,1\n")).delimiter == QLatin1Char(','));
}

TEST_CASE("CSV: an unclosed quote is refused with its line, ragged rows are padded and reported", "[io][csv]")
{
    try {
        parseCsv(QByteArray("Name,Notes\nA,ok\nB,\"never closed\nC,x\n"));
        FAIL("no error");
    } catch (const CsvError &e) {
        CHECK(e.message.contains(QStringLiteral("line 3")));
    }
    CHECK_THROWS_AS(parseCsv(QByteArray("\n\n  \n")), CsvError); // no header
    const CsvTable t = parseCsv(QByteArray("A,B,C\n1,2\n1,2,3,4\n"));
    REQUIRE(t.records.size() == 2);
    CHECK(t.records[0] == QStringList{QStringLiteral("1"), QStringLiteral("2"), QString()});
    CHECK(t.records[1].size() == 3);
    CHECK(t.raggedRows == std::vector<int>{2, 3});
}

TEST_CASE("CSV: a file with no UTF-8 at all is read as Windows-1252, says so, and keeps stray quotes", "[io][csv]")
{
    const CsvTable t = parseCsv(QByteArray("Name\nM\xfcller\nsize 5\"\n\x80 5 \x93quoted\x94\n"));
    CHECK(t.latin1);
    CHECK(t.encoding == CsvTable::Encoding::Windows1252);
    CHECK(t.records[0][0] == QString::fromUtf8("Müller"));
    CHECK(t.records[1][0] == QStringLiteral("size 5\""));
    CHECK(t.records[2][0] == QString::fromUtf8("€ 5 “quoted”")); // 0x80-0x9F are Windows-1252, not Latin-1
    CHECK(encodingNote(t).contains(QStringLiteral("Windows-1252")));
}

TEST_CASE("CSV: a UTF-8 file with one bad byte stays UTF-8, and only the cell with the bad byte is marked", "[io][csv]")
{
    const CsvTable t = parseCsv(QByteArray("Name,City\nCaf\xc3\xa9 M\xc3\xbcller,Z\xfcrich\nPlain,Bern\n"));
    CHECK(t.encoding == CsvTable::Encoding::Utf8WithBadBytes);
    CHECK(t.badBytes == 1);
    CHECK(t.records[0][0] == QString::fromUtf8("Café Müller")); // not mojibake
    CHECK(t.records[0][1].contains(QChar(0xFFFD)));
    CHECK(t.records[1][1] == QStringLiteral("Bern"));
    CHECK(encodingNote(t).contains(QStringLiteral("1 byte(s) are not UTF-8")));
    CHECK(encodingNote(parseCsv(QByteArray("Name\nCaf\xc3\xa9\n"))).isEmpty());
}

TEST_CASE("Amounts as exports write them, in minor units", "[io][values]")
{
    CHECK(parseAmount(QStringLiteral("$1,234.56")) == 123456);
    CHECK(parseAmount(QStringLiteral("1.234,56 €")) == 123456);
    CHECK(parseAmount(QStringLiteral("EUR 1200")) == 120000);
    CHECK(parseAmount(QStringLiteral("1 200")) == 120000);
    CHECK(parseAmount(QStringLiteral("1,200")) == 120000);    // one separator and three digits: thousands
    CHECK(parseAmount(QStringLiteral("1,5")) == 150);         // otherwise the decimal mark
    CHECK(parseAmount(QStringLiteral("(1,200.00)")) == -120000);
    CHECK(parseAmount(QStringLiteral("-75")) == -7500);
    CHECK(parseAmount(QStringLiteral("0.005")) == 1);         // half away from zero
    CHECK(parseAmount(QStringLiteral("12.345"), 3, DecimalMark::Point) == 12345); // BHD has three minor digits
    CHECK(parseAmount(QStringLiteral("1.234"), 2, DecimalMark::Point) == 123);
    CHECK(parseAmount(QStringLiteral("1.234"), 2, DecimalMark::Comma) == 123400);
    CHECK_FALSE(parseAmount(QStringLiteral("twelve")));
    CHECK_FALSE(parseAmount(QStringLiteral("1,2,3")));
    CHECK_FALSE(parseAmount(QStringLiteral("")));
    CHECK(parsePercent(QStringLiteral("25%")) == 25.0);
    CHECK(parseWholeNumber(QStringLiteral("1,000")) == 1000);
    CHECK_FALSE(parseWholeNumber(QStringLiteral("2.5")));
    CHECK(parseBool(QStringLiteral("Yes")) == true);
    CHECK(parseBool(QStringLiteral("0")) == false);
    CHECK_FALSE(parseBool(QStringLiteral("maybe")));
}

TEST_CASE("Dates in ISO, US and European forms, and the format of a column", "[io][values]")
{
    CHECK(parseDate(QStringLiteral("2026-01-31"), DateFormat::Us) == QDate(2026, 1, 31));
    CHECK(parseDate(QStringLiteral("2026-01-31T10:00:00.000Z"), DateFormat::Auto) == QDate(2026, 1, 31));
    CHECK(parseDate(QStringLiteral("1/31/2026"), DateFormat::Us) == QDate(2026, 1, 31));
    CHECK(parseDate(QStringLiteral("3/4/2026 10:00 AM"), DateFormat::Us) == QDate(2026, 3, 4));
    CHECK(parseDate(QStringLiteral("3/4/2026"), DateFormat::European) == QDate(2026, 4, 3));
    CHECK(parseDate(QStringLiteral("31.01.26"), DateFormat::European) == QDate(2026, 1, 31));
    CHECK_FALSE(parseDate(QStringLiteral("1/31/2026"), DateFormat::European)); // no month 31
    CHECK_FALSE(parseDate(QStringLiteral("2026-02-30"), DateFormat::Iso));
    CHECK_FALSE(parseDate(QStringLiteral("soon"), DateFormat::Auto));
    CHECK(detectDateFormat({QStringLiteral("1/5/2026"), QStringLiteral("13/5/2026")}) == DateFormat::European);
    CHECK(detectDateFormat({QStringLiteral("1/5/2026"), QStringLiteral("5/13/2026")}) == DateFormat::Us);
    CHECK(detectDateFormat({QStringLiteral("1/5/2026")}) == DateFormat::Us);        // '/' alone: US
    CHECK(detectDateFormat({QStringLiteral("1.5.2026")}) == DateFormat::European);  // '.' alone: European
    CHECK(detectDateFormat({QStringLiteral("2026-05-01"), QString()}) == DateFormat::Iso);
}

TEST_CASE("A refused date says what is impossible about it, in the order it was read", "[io][values]")
{
    // An ISO date in a day/month/year column is read as ISO: the hint is about February.
    CHECK(dateProblem(QStringLiteral("2026-02-30"), DateFormat::European) == QStringLiteral("not a date: February 2026 has 28 days (read as year-month-day)"));
    CHECK(dateProblem(QStringLiteral("2028-02-30"), DateFormat::Iso) == QStringLiteral("not a date: February 2028 has 29 days (read as year-month-day)"));
    CHECK(dateProblem(QStringLiteral("2026-13-01"), DateFormat::Us) == QStringLiteral("not a date: there is no month 13 (read as year-month-day)"));
    CHECK(dateProblem(QStringLiteral("1/31/2026"), DateFormat::European) == QStringLiteral("not a date: there is no month 31 (read as day/month/year)"));
    CHECK(dateProblem(QStringLiteral("31/04/2026"), DateFormat::European) == QStringLiteral("not a date: April 2026 has 30 days (read as day/month/year)"));
    CHECK(dateProblem(QStringLiteral("4/31/2026"), DateFormat::Us) == QStringLiteral("not a date: April 2026 has 30 days (read as month/day/year)"));
    CHECK(dateProblem(QStringLiteral("soon"), DateFormat::European) == QStringLiteral("not a date (expected day/month/year, e.g. 31/01/2026 or 31.01.2026)"));
    CHECK(dateProblem(QStringLiteral("soon"), DateFormat::Iso) == QStringLiteral("not a date (expected year-month-day, e.g. 2026-01-31)"));
}

TEST_CASE("CSV export neutralises formulas but keeps negative numbers", "[io][csv]")
{
    CHECK(neutraliseCell(QStringLiteral("=HYPERLINK(\"x\")")) == QStringLiteral("'=HYPERLINK(\"x\")"));
    CHECK(neutraliseCell(QStringLiteral("+1+2")) == QStringLiteral("'+1+2"));
    CHECK(neutraliseCell(QStringLiteral("@SUM(A1)")) == QStringLiteral("'@SUM(A1)"));
    CHECK(neutraliseCell(QStringLiteral("-2+3")) == QStringLiteral("'-2+3"));
    CHECK(neutraliseCell(QStringLiteral("\tcmd")) == QStringLiteral("'\tcmd"));
    CHECK(neutraliseCell(QStringLiteral("\rcmd")) == QStringLiteral("'\rcmd"));
    CHECK(neutraliseCell(QStringLiteral("-12.50")) == QStringLiteral("-12.50"));
    CHECK(neutraliseCell(QStringLiteral("-1,234.00")) == QStringLiteral("-1,234.00"));
    CHECK(neutraliseCell(QStringLiteral("+3")) == QStringLiteral("+3"));
    CHECK(neutraliseCell(QStringLiteral("Plain =x")) == QStringLiteral("Plain =x"));
    // Written, then read back: the same cells (after neutralising).
    const std::vector<QStringList> rows{{QStringLiteral("a,b"), QStringLiteral("say \"x\""), QStringLiteral("two\nlines")},
                                        {QStringLiteral("=1+1"), QStringLiteral("-5"), QString()}};
    const QString text = writeCsv({QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")}, rows);
    const CsvTable back = parseCsv(text);
    REQUIRE(back.records.size() == 2);
    CHECK(back.records[0] == rows[0]);
    CHECK(back.records[1] == QStringList{QStringLiteral("'=1+1"), QStringLiteral("-5"), QString()});
}

TEST_CASE("Salesforce headers map on sight and missing required fields are named", "[io][mapping]")
{
    const QStringList header{QStringLiteral("Id"), QStringLiteral("Name"), QStringLiteral("Industry"), QStringLiteral("AnnualRevenue"),
                             QStringLiteral("NumberOfEmployees"), QStringLiteral("Type"), QStringLiteral("OwnerId"),
                             QStringLiteral("BillingCountry"), QStringLiteral("BillingState"), QStringLiteral("Custom_Score__c")};
    const ImportMapping m = autoMapping(ImportKind::Accounts, header);
    CHECK(m.fields == QStringList{QStringLiteral("source_id"), QStringLiteral("name"), QStringLiteral("industry"),
                                  QStringLiteral("company_revenue"), QStringLiteral("employees"), QStringLiteral("account_type"),
                                  QStringLiteral("owner"), QStringLiteral("region"), QString(), QString()});
    CHECK(mappingProblems(m).isEmpty());
    CHECK_FALSE(ignoredHeaderReason(ImportKind::Accounts, QStringLiteral("BillingState")).isEmpty());

    const ImportMapping contacts = autoMapping(ImportKind::Contacts, {QStringLiteral("FirstName"), QStringLiteral("LastName"),
                                                                      QStringLiteral("Email"), QStringLiteral("ReportsToId")});
    const QStringList problems = mappingProblems(contacts);
    REQUIRE(problems.size() == 1); // the account is missing; the name is there (first and last)
    CHECK(problems[0].contains(QStringLiteral("AccountId")));
    CHECK(contacts.columnOf(QStringLiteral("reports_to_source_id")) == 3);
}

TEST_CASE("A saved mapping maps columns by name and round-trips", "[io][mapping]")
{
    const QStringList header{QStringLiteral("Kunde"), QStringLiteral("Umsatz"), QStringLiteral("Datum")};
    ImportMapping m = autoMapping(ImportKind::Accounts, header);
    m.fields = {QStringLiteral("name"), QStringLiteral("arr"), QStringLiteral("customer_since")};
    m.dateFormat = DateFormat::European;
    m.decimalMark = DecimalMark::Comma;
    m.delimiter = QLatin1Char(';');
    const QByteArray saved = mappingToJson(m);
    // The same columns in another order in the next file.
    const QStringList next{QStringLiteral("Datum"), QStringLiteral("Kunde"), QStringLiteral("Umsatz")};
    const ImportMapping again = applySavedMapping(saved, next, ImportKind::Accounts);
    CHECK(again.fields == QStringList{QStringLiteral("customer_since"), QStringLiteral("name"), QStringLiteral("arr")});
    CHECK(again.dateFormat == DateFormat::European);
    CHECK(again.decimalMark == DecimalMark::Comma);
    CHECK(again.delimiter == QLatin1Char(';'));
    CHECK_THROWS_AS(applySavedMapping(saved, next, ImportKind::Contacts), MappingError);
    CHECK_THROWS_AS(applySavedMapping("{\"format\":\"keystone-csv-mapping\",\"version\":1,\"kind\":\"accounts\",\"columns\":{\"Kunde\":\"nmae\"}}", next),
                    MappingError);
    CHECK_THROWS_AS(applySavedMapping("not json", next), MappingError);
}

TEST_CASE("The exchange format refuses what it does not know, naming the place", "[io][exchange]")
{
    const std::vector<KnownCollection> known{{QStringLiteral("accounts"), {QStringLiteral("uuid"), QStringLiteral("name")}}};
    ExchangeDocument doc;
    doc.exportedAt = QStringLiteral("2026-12-01T10:00:00.000Z");
    doc.portfolioUuid = QStringLiteral("p-1");
    doc.currency = QStringLiteral("EUR");
    doc.collections.push_back({QStringLiteral("accounts"), known[0].fields, {{QStringLiteral("u1"), QStringLiteral("Acme \"A\"")}, {QStringLiteral("u2"), QVariant()}}});
    const ExchangeDocument back = readExchange(writeExchange(doc), known);
    REQUIRE(back.collection(QStringLiteral("accounts")));
    CHECK(back.collection(QStringLiteral("accounts"))->rows == doc.collections[0].rows);
    CHECK(back.currency == QStringLiteral("EUR"));

    auto problem = [&](const QByteArray &json) {
        try {
            readExchange(json, known);
        } catch (const ExchangeFormatError &e) {
            return e.message;
        }
        return QString();
    };
    const QByteArray head = R"({"format":"keystone-exchange","version":1,"exported_at":"x","portfolio":"p","currency":"USD",)";
    CHECK(problem(head + R"("collections":{"accounts":[{"uuid":"a","nmae":"x"}]}})").contains(QStringLiteral("accounts[0]: unknown field \"nmae\"")));
    CHECK(problem(head + R"("collections":{"acounts":[]}})").contains(QStringLiteral("unknown collection \"acounts\"")));
    CHECK(problem(head + R"("collections":{"accounts":[{"uuid":["a"]}]}})").contains(QStringLiteral("accounts[0].uuid")));
    CHECK(problem(R"({"format":"keystone-exchange","version":2})").contains(QStringLiteral("version 2")));
    CHECK(problem("{\"format\":\"other\"}").contains(QStringLiteral("not a Keystone exchange file")));
    CHECK(problem("{nope").contains(QStringLiteral("not valid JSON")));
    CHECK(problem("9999999999999999999999E9999").contains(QStringLiteral("not valid JSON"))); // found by fuzz_exchange
}

TEST_CASE("Import takes off exactly the apostrophe export put on: every value reads back as written", "[io][csv]")
{
    for (const char *v : {"=SUM(A1)", "+1 Corp", "-2+3", "@dana", "\tindented", "'=already quoted", "''=two", "'plain apostrophe", "'", "''", "-12.5",
                          "+3", "O'Brien", "=", "'@", "plain"}) {
        const QString value = QString::fromUtf8(v);
        INFO(v);
        CHECK(restoreNeutralisedCell(neutraliseCell(value)) == value);
    }
    // Neutralised cells still never start with a formula character.
    CHECK(neutraliseCell(QStringLiteral("'=x")).startsWith(QStringLiteral("''")));
    CHECK(restoreNeutralisedCell(QStringLiteral("'hello")) == QStringLiteral("'hello")); // not one of ours
}

TEST_CASE("Two columns with the same header name are refused, naming both, and neither is mapped", "[io][import]")
{
    const ImportMapping m = autoMapping(ImportKind::Accounts, {QStringLiteral("Account Name"), QStringLiteral("ARR"), QStringLiteral("account name")});
    CHECK(m.fields.at(0).isEmpty());
    CHECK(m.fields.at(2).isEmpty());
    const QStringList problems = mappingProblems(m);
    CHECK(problems.join(QLatin1Char('\n')).contains(QStringLiteral("columns 1 and 3 are both named \"account name\"")));
}

TEST_CASE("The streaming reader reads a file of many chunks exactly as written, across every kind of boundary", "[io][csv]")
{
    // About 3 MB: the reader decodes 1 MB at a time, so two- to four-byte characters, quoted
    // fields with line breaks, doubled quotes and CRLF pairs all fall across chunk ends.
    std::vector<QStringList> expected;
    QByteArray bytes = "Name,Notes,City\r\n";
    for (int i = 0; i < 60000; ++i) {
        const QString name = QStringLiteral("Caf\u00e9 %1 \u20ac\U0001F600").arg(i);
        const QString notes = (i % 3 == 0) ? QStringLiteral("line one\nline \"two\" %1").arg(i) : QStringLiteral("plain, with comma %1").arg(QString(i % 7, QLatin1Char('x')));
        const QString city = QStringLiteral("M\u00fcnchen");
        expected.push_back({name, notes, city});
        QString n = notes;
        n.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        n.replace(QLatin1Char('\n'), QStringLiteral("\r\n")); // CRLF inside quotes reads as one line break
        bytes += (name + QStringLiteral(",\"") + n + QStringLiteral("\",") + city + QStringLiteral("\r\n")).toUtf8();
        if (i % 1000 == 0)
            bytes += "\r\n"; // blank lines are skipped
    }
    REQUIRE(bytes.size() > 3 * 1024 * 1024);
    const CsvTable t = parseCsv(bytes);
    CHECK(t.encoding == CsvTable::Encoding::Utf8);
    REQUIRE(t.records.size() == expected.size());
    int wrong = 0;
    for (size_t i = 0; i < expected.size(); ++i)
        wrong += t.records[i] == expected[i] ? 0 : 1;
    CHECK(wrong == 0);
    // Lines: record i starts after the header, the records before it (one more line each for a
    // multi-line note) and the blank lines.
    int line = 2;
    int lineErrors = 0;
    for (size_t i = 0; i < expected.size(); ++i) {
        lineErrors += t.lines[i] == line ? 0 : 1;
        line += (i % 3 == 0) ? 2 : 1;
        if (i % 1000 == 0)
            ++line;
    }
    CHECK(lineErrors == 0);

    // The same reader goes back to the first record and reads the same again.
    QBuffer buffer(&bytes);
    REQUIRE(buffer.open(QIODevice::ReadOnly));
    CsvReader reader(buffer);
    QStringList record;
    int at = 0;
    for (int i = 0; i < 40000; ++i)
        REQUIRE(reader.next(record, at));
    CHECK(reader.fraction() > 0.5);
    reader.rewind();
    REQUIRE(reader.next(record, at));
    CHECK(record == expected.front());
    CHECK(at == 2);
    CHECK(reader.recordsRead() == 1);
}

TEST_CASE("The streaming reader decides the encoding from the whole file, not its first chunk", "[io][csv]")
{
    // Windows-1252 bytes only after the first megabyte: still read as Windows-1252.
    QByteArray latin = "Name,City\n";
    while (latin.size() < 1536 * 1024)
        latin += "Plain Company,Paris\n";
    latin += "Caf\xe9 M\xfcller,K\xf6ln\n";
    CsvTable t = parseCsv(latin);
    CHECK(t.encoding == CsvTable::Encoding::Windows1252);
    CHECK(t.records.back() == QStringList{QStringLiteral("Caf\u00e9 M\u00fcller"), QStringLiteral("K\u00f6ln")});
    // UTF-8 with one bad byte far into the file: UTF-8, and only that cell holds U+FFFD.
    QByteArray utf8 = "Name,City\nCaf\xc3\xa9,Paris\n";
    while (utf8.size() < 2 * 1024 * 1024 + 7)
        utf8 += "Plain Company,Paris\n";
    utf8 += "Bad\xff Byte,Lyon\n";
    t = parseCsv(utf8);
    CHECK(t.encoding == CsvTable::Encoding::Utf8WithBadBytes);
    CHECK(t.badBytes == 1);
    CHECK(t.records.front().front() == QStringLiteral("Caf\u00e9"));
    CHECK(t.records.back().front() == QStringLiteral("Bad\ufffd Byte"));
    CHECK(t.records.back().back() == QStringLiteral("Lyon"));
    // A quote never closed is found where it opened, deep in the file.
    QByteArray open = "Name,City\n";
    for (int i = 0; i < 100000; ++i)
        open += "A,B\n";
    open += "\"never closed,C\n";
    try {
        parseCsv(open);
        FAIL("an unclosed quote was accepted");
    } catch (const CsvError &e) {
        CHECK(e.message == QStringLiteral("line 100002: a quoted field is never closed (a \" is missing)"));
    }
}
