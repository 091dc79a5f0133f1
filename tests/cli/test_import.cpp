// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// keystone-cli new, import and export as a script uses them: exit codes, the report's JSON
// fields, and files that go back and forth between portfolios.
#include "clitest.h"

#include "keystone/io/csv.h"

#include <QFileInfo>
#include <QProcess>

using namespace keystone;
using namespace keystone::clitest;

TEST_CASE("new creates an empty portfolio and never overwrites a file", "[cli][import]")
{
    test::TempDir dir;
    const QString file = dir.file(QStringLiteral("n.keystone"));
    Run r = cli({QStringLiteral("new"), file, QStringLiteral("--currency"), QStringLiteral("eur")});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    const QByteArray hash = test::fileHash(file);
    r = cli({QStringLiteral("new"), file});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("already exists")));
    CHECK(test::fileHash(file) == hash);
    CHECK(cli({QStringLiteral("new"), dir.file(QStringLiteral("x.keystone")), QStringLiteral("--currency"), QStringLiteral("EURO")}).code == 2);
    const Run info = cli({QStringLiteral("info"), file, QStringLiteral("--json")});
    CHECK(parse(info.out)["counts"]["accounts"] == 0);
}

TEST_CASE("import --kind --csv prints counts and each rejection's row, column and reason", "[cli][import]")
{
    test::TempDir dir;
    const QString file = dir.file(QStringLiteral("i.keystone"));
    REQUIRE(cli({QStringLiteral("new"), file}).code == 0);
    const QString csv = dir.file(QStringLiteral("accounts.csv"));
    // Semicolons, European amounts and dates, a quoted line break, a blank line.
    test::writeFile(csv, "Account Name;ARR;Renewal Date;Notes\n"
                         "Acme;1.200,50;31.12.2026;\"two\nlines\"\n"
                         "\n"
                         "Birch;abc;01.06.2027;\n"
                         "Cedar;300;32.01.2027;\n");
    Run r = cli({QStringLiteral("import"), file, QStringLiteral("--kind"), QStringLiteral("accounts"), QStringLiteral("--csv"), csv,
                 QStringLiteral("--json")});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    json j = parse(r.out);
    CHECK(j["rows"] == 3);
    CHECK(j["created"] == 1);
    CHECK(j["rejected"] == 2);
    CHECK(j["delimiter"] == ";");
    REQUIRE(j["rejections"].size() == 2);
    CHECK(j["rejections"][0]["row"] == 3); // Acme spans lines 2-3, the blank line is no row: Birch is row 3 on line 5
    CHECK(j["rejections"][0]["line"] == 5);
    CHECK(j["rejections"][0]["column"] == "ARR");
    CHECK(j["rejections"][0]["value"] == "abc");
    CHECK(j["rejections"][0]["reason"] == "not an amount");
    CHECK(j["rejections"][1]["column"] == "Renewal Date");
    const Run accounts = cli({QStringLiteral("accounts"), file, QStringLiteral("--json")});
    const json list = parse(accounts.out)["accounts"];
    REQUIRE(list.size() == 1);
    CHECK(list[0]["arr_cents"] == 120050);

    // The text report names the same places; a dry run writes nothing.
    r = cli({QStringLiteral("import"), file, QStringLiteral("--kind"), QStringLiteral("accounts"), QStringLiteral("--csv"), csv,
             QStringLiteral("--dry-run"), QStringLiteral("--on-duplicate"), QStringLiteral("skip")});
    REQUIRE(r.code == 0);
    CHECK(r.out.contains(QStringLiteral("Dry run, nothing written")));
    CHECK(r.out.contains(QStringLiteral("0 created, 0 updated, 1 skipped, 2 rejected")));
    CHECK(r.err.contains(QStringLiteral("rejected: row 3 (line 5), column \"ARR\", value \"abc\": not an amount")));
}

TEST_CASE("A saved mapping imports a file with foreign headers, and bad arguments exit 2", "[cli][import]")
{
    test::TempDir dir;
    const QString file = dir.file(QStringLiteral("i.keystone"));
    REQUIRE(cli({QStringLiteral("new"), file}).code == 0);
    const QString csv = dir.file(QStringLiteral("kunden.csv"));
    test::writeFile(csv, "Kunde,Jahresumsatz\nAcme,100\n");
    const QString mapping = dir.file(QStringLiteral("map.json"));
    test::writeFile(mapping, R"({"format": "keystone-csv-mapping", "version": 1, "kind": "accounts",
                                 "columns": {"Kunde": "name", "Jahresumsatz": "arr"}})");
    Run r = cli({QStringLiteral("import"), file, QStringLiteral("--kind"), QStringLiteral("accounts"), QStringLiteral("--csv"), csv});
    CHECK(r.code == 1); // without the mapping there is no name column
    CHECK(r.err.contains(QStringLiteral("no column is mapped to Name")));
    r = cli({QStringLiteral("import"), file, QStringLiteral("--kind"), QStringLiteral("accounts"), QStringLiteral("--csv"), csv,
             QStringLiteral("--mapping"), mapping, QStringLiteral("--json")});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    CHECK(parse(r.out)["created"] == 1);
    CHECK(parse(r.out)["mapping"]["Jahresumsatz"] == "arr");

    CHECK(cli({QStringLiteral("import"), file, QStringLiteral("--kind"), QStringLiteral("plants"), QStringLiteral("--csv"), csv}).code == 2);
    CHECK(cli({QStringLiteral("import"), file, QStringLiteral("--csv"), csv}).code == 2);
    CHECK(cli({QStringLiteral("import"), file, QStringLiteral("--kind"), QStringLiteral("accounts"), QStringLiteral("--csv"), csv,
               QStringLiteral("--on-duplicate"), QStringLiteral("merge")}).code == 2);
    CHECK(cli({QStringLiteral("import"), file}).code == 2);
    CHECK(cli({QStringLiteral("export"), file}).code == 2);
    r = cli({QStringLiteral("import"), file, QStringLiteral("--kind"), QStringLiteral("accounts"), QStringLiteral("--csv"), dir.file(QStringLiteral("missing.csv"))});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("missing.csv")));
}

TEST_CASE("export --json and import --json carry a portfolio over, and export --csv imports back", "[cli][import]")
{
    test::TempDir dir;
    const QString a = dir.file(QStringLiteral("a.keystone"));
    REQUIRE(cli({QStringLiteral("demo"), QStringLiteral("--out"), a, QStringLiteral("--accounts"), QStringLiteral("15"), QStringLiteral("--seed"),
                 QStringLiteral("4"), QStringLiteral("--today"), QStringLiteral("2026-11-23")}).code == 0);
    const QString out = dir.file(QStringLiteral("a.json"));
    Run r = cli({QStringLiteral("export"), a, QStringLiteral("--json"), out});
    REQUIRE(r.code == 0);
    const QString b = dir.file(QStringLiteral("b.keystone"));
    REQUIRE(cli({QStringLiteral("new"), b}).code == 0);
    r = cli({QStringLiteral("import"), b, QStringLiteral("--json"), out, QStringLiteral("--dry-run")});
    REQUIRE(r.code == 0);
    CHECK(r.out.contains(QStringLiteral("Dry run")));
    CHECK(parse(cli({QStringLiteral("info"), b, QStringLiteral("--json")}).out)["counts"]["accounts"] == 0);
    r = cli({QStringLiteral("import"), b, QStringLiteral("--json"), out, QStringLiteral("--json")});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    const json report = parse(r.out);
    CHECK(report["errors"].empty());
    CHECK(report["counts"]["accounts"]["added"] == 15);
    CHECK(report["settings_imported"] == true);
    const json infoA = parse(cli({QStringLiteral("info"), a, QStringLiteral("--json")}).out);
    const json infoB = parse(cli({QStringLiteral("info"), b, QStringLiteral("--json")}).out);
    CHECK(infoA["counts"] == infoB["counts"]);
    CHECK(infoA["total_arr_cents"] == infoB["total_arr_cents"]);
    CHECK(cli({QStringLiteral("check"), b, QStringLiteral("--full")}).code == 0);

    // One kind as CSV, headers the importer knows: into a third portfolio without a mapping.
    const QString csv = dir.file(QStringLiteral("accounts.csv"));
    REQUIRE(cli({QStringLiteral("export"), a, QStringLiteral("--kind"), QStringLiteral("accounts"), QStringLiteral("--csv"), csv}).code == 0);
    const io::CsvTable t = io::readCsvFile(csv);
    CHECK(t.records.size() == 15);
    const QString c = dir.file(QStringLiteral("c.keystone"));
    REQUIRE(cli({QStringLiteral("new"), c}).code == 0);
    r = cli({QStringLiteral("import"), c, QStringLiteral("--kind"), QStringLiteral("accounts"), QStringLiteral("--csv"), csv, QStringLiteral("--json")});
    REQUIRE(r.code == 0);
    CHECK(parse(r.out)["created"] == 15);
    CHECK(parse(r.out)["rejected"] == 0);
    CHECK(parse(cli({QStringLiteral("info"), c, QStringLiteral("--json")}).out)["total_arr_cents"] == infoA["total_arr_cents"]);

    // A damaged exchange file: refused with the place named, nothing written.
    test::writeFile(dir.file(QStringLiteral("bad.json")), R"({"format":"keystone-exchange","version":1,"exported_at":"x","portfolio":"p","currency":"USD","collections":{"accounts":[{"uuid":"u","nmae":"x"}]}})");
    r = cli({QStringLiteral("import"), c, QStringLiteral("--json"), dir.file(QStringLiteral("bad.json"))});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("accounts[0]: unknown field \"nmae\"")));
}

TEST_CASE("Keystone's own CSV export imports back into the same portfolio without creating anything, whatever the values start with", "[cli][import]")
{
    test::TempDir dir;
    const QString file = dir.file(QStringLiteral("round.keystone"));
    REQUIRE(clitest::cli({QStringLiteral("new"), file}).code == 0);
    const QString csv = dir.file(QStringLiteral("in.csv"));
    test::writeFile(csv, QByteArrayLiteral("Account Name,ARR,Owner,Industry\r\n=Acme,1000,Dana,=cmd\r\n+1 Corp,3000,Dana,-5\r\n"
                                           "@Home,2000,Dana,@x\r\nPlain,4000,@dana,Retail\r\n"));
    auto r = clitest::cli({QStringLiteral("import"), file, QStringLiteral("--kind"), QStringLiteral("accounts"), QStringLiteral("--csv"), csv});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0); // "@dana" is a name, not an SQL error
    const QString before = clitest::cli({QStringLiteral("accounts"), file, QStringLiteral("--json")}).out;
    const QString exported = dir.file(QStringLiteral("out.csv"));
    REQUIRE(clitest::cli({QStringLiteral("export"), file, QStringLiteral("--kind"), QStringLiteral("accounts"), QStringLiteral("--csv"), exported}).code == 0);
    r = clitest::cli({QStringLiteral("import"), file, QStringLiteral("--kind"), QStringLiteral("accounts"), QStringLiteral("--csv"), exported,
                      QStringLiteral("--json")});
    REQUIRE(r.code == 0);
    const auto report = clitest::parse(r.out);
    CHECK(report["created"] == 0);
    CHECK(report["updated"] == 0); // nothing differed, so nothing was written
    CHECK(report["unchanged"] == 4);
    CHECK(report["rejected"] == 0);
    CHECK(report["team_members_created"] == 0);
    CHECK(report["duplicates"][0]["action"] == "unchanged");
    // Every field as it was: names, owners and industries that start with = + @ included.
    CHECK(clitest::cli({QStringLiteral("accounts"), file, QStringLiteral("--json")}).out == before);
    CHECK(before.contains(QStringLiteral("\"=Acme\"")));
    CHECK(before.contains(QStringLiteral("\"@dana\"")));
}

TEST_CASE("A UTF-8 export with one bad byte imports its good rows as UTF-8 and refuses the bad cell by row and column", "[cli][import]")
{
    test::TempDir dir;
    const QString file = dir.file(QStringLiteral("enc.keystone"));
    REQUIRE(clitest::cli({QStringLiteral("new"), file}).code == 0);
    const QString csv = dir.file(QStringLiteral("in.csv"));
    test::writeFile(csv, QByteArray("Account Name,Industry\r\nCaf\xc3\xa9 M\xc3\xbcller,Food\r\nZ\xfcrich Bank,Banking\r\n"));
    const auto r = clitest::cli({QStringLiteral("import"), file, QStringLiteral("--kind"), QStringLiteral("accounts"), QStringLiteral("--csv"), csv});
    INFO(r.out.toStdString() << r.err.toStdString());
    CHECK(r.out.contains(QStringLiteral("1 created")));
    CHECK(r.out.contains(QStringLiteral("1 rejected")));
    CHECK(r.out.contains(QStringLiteral("Encoding: read as UTF-8; 1 byte(s) are not UTF-8")));
    CHECK(r.err.contains(QStringLiteral("row 3")));
    CHECK(r.err.contains(QStringLiteral("not UTF-8")));
    const QString accounts = clitest::cli({QStringLiteral("accounts"), file, QStringLiteral("--json")}).out;
    CHECK(accounts.contains(QString::fromUtf8("Café Müller")));
}

TEST_CASE("A row the database refuses is rejected with its row and a reason in words, never SQL text", "[cli][import]")
{
    test::TempDir dir;
    const QString file = dir.file(QStringLiteral("c.keystone"));
    REQUIRE(clitest::cli({QStringLiteral("new"), file}).code == 0);
    // A rule only the database knows (an index a team added by hand): one account per industry.
    test::execSqlite(file, "CREATE UNIQUE INDEX one_per_industry ON accounts(industry);");
    const QString csv = dir.file(QStringLiteral("in.csv"));
    test::writeFile(csv, QByteArrayLiteral("Account Name,Industry\r\nAlpha,Retail\r\nBeta,Retail\r\nGamma,Energy\r\n"));
    const auto r = clitest::cli({QStringLiteral("import"), file, QStringLiteral("--kind"), QStringLiteral("accounts"), QStringLiteral("--csv"), csv,
                                 QStringLiteral("--json")});
    INFO(r.out.toStdString() << r.err.toStdString());
    REQUIRE(r.code == 0);
    const auto report = clitest::parse(r.out);
    CHECK(report["created"] == 2);
    CHECK(report["rejected"] == 1);
    REQUIRE(report["rejections"].size() == 1);
    CHECK(report["rejections"][0]["row"] == 3);
    CHECK(report["rejections"][0]["reason"] == "another account already has this industry");
    CHECK_FALSE(r.out.contains(QStringLiteral("constraint failed")));
    CHECK_FALSE(r.err.contains(QStringLiteral("constraint failed")));
}

TEST_CASE("A CSV file given through a pipe imports like a file, with a saved mapping's delimiter too", "[cli][import]")
{
    test::TempDir dir;
    const QString file = dir.file(QStringLiteral("p.keystone"));
    REQUIRE(clitest::cli({QStringLiteral("new"), file}).code == 0);
    const QString mapping = dir.file(QStringLiteral("map.json"));
    test::writeFile(mapping, QByteArrayLiteral(R"({"format": "keystone-csv-mapping", "version": 1, "kind": "accounts", )"
                                               R"("columns": {"Kunde": "name", "Umsatz": "arr"}, "decimal_mark": "comma", "delimiter": ";"})"));
    // `--csv <(...)` as a shell passes it: a pipe the reader cannot seek, read twice.
    QProcess sh;
    sh.setProgram(QStringLiteral("bash"));
    sh.setArguments({QStringLiteral("-c"), QStringLiteral("\"$1\" import \"$2\" --kind accounts --mapping \"$3\" --json --csv <(printf 'Kunde;Umsatz\\nPipe AG;1234,50\\nRohr GmbH;99\\n')"),
                     QStringLiteral("bash"), test::programPath(QStringLiteral("keystone-cli")), file, mapping});
    sh.start();
    REQUIRE(sh.waitForFinished(60000));
    const QString out = QString::fromUtf8(sh.readAllStandardOutput());
    INFO(out.toStdString() << QString::fromUtf8(sh.readAllStandardError()).toStdString());
    REQUIRE(sh.exitCode() == 0);
    const auto report = clitest::parse(out);
    CHECK(report["created"] == 2);
    CHECK(report["delimiter"] == ";");
    const auto accounts = clitest::parse(clitest::cli({QStringLiteral("accounts"), file, QStringLiteral("--json")}).out)["accounts"];
    REQUIRE(accounts.size() == 2);
}
