// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "testsupport.h"

#include "keystone/io/exchangejson.h"

#include <QBuffer>
#include <QFile>

#include <cstring>

#include <nlohmann/json.hpp>

using namespace keystone::io;

namespace {

ExchangeDocument smallDocument()
{
    ExchangeDocument doc;
    doc.application = QStringLiteral("Keystone 9.9");
    doc.exportedAt = QStringLiteral("2026-12-07T10:00:00.000Z");
    doc.portfolioUuid = QStringLiteral("p-1");
    doc.currency = QStringLiteral("EUR");
    doc.collections.push_back({QStringLiteral("accounts"),
                               {QStringLiteral("uuid"), QStringLiteral("name"), QStringLiteral("arr_cents"), QStringLiteral("score")},
                               {{QStringLiteral("u1"), QStringLiteral("Acme \"A\""), qint64(120000), 59.875},
                                {QStringLiteral("u2"), QVariant(), qint64(-5), QVariant(2.0)}}});
    doc.collections.push_back({QStringLiteral("contacts"), {QStringLiteral("uuid")}, {}});
    return doc;
}

// A buffer that counts the writes it is handed.
class CountingBuffer : public QBuffer
{
public:
    using QBuffer::QBuffer;
    int writes = 0;

protected:
    qint64 writeData(const char *data, qint64 size) override
    {
        ++writes;
        return QBuffer::writeData(data, size);
    }
};

} // namespace

TEST_CASE("The exchange writer writes the documented layout, a row per line, byte for byte", "[io][exchange]")
{
    // Worked out by hand from docs/json-format.md: the header's keys in their fixed order,
    // one entity per line, an empty collection as [].
    const QByteArray expected =
        "{\n"
        "  \"application\": \"Keystone 9.9\",\n"
        "  \"currency\": \"EUR\",\n"
        "  \"exported_at\": \"2026-12-07T10:00:00.000Z\",\n"
        "  \"format\": \"keystone-exchange\",\n"
        "  \"portfolio\": \"p-1\",\n"
        "  \"scope\": \"portfolio\",\n"
        "  \"version\": 1,\n"
        "  \"collections\": {\n"
        "    \"accounts\": [\n"
        "      {\"uuid\": \"u1\", \"name\": \"Acme \\\"A\\\"\", \"arr_cents\": 120000, \"score\": 59.875},\n"
        "      {\"uuid\": \"u2\", \"name\": null, \"arr_cents\": -5, \"score\": 2.0}\n"
        "    ],\n"
        "    \"contacts\": []\n"
        "  }\n"
        "}\n";
    CHECK(writeExchange(smallDocument()) == expected);
}

TEST_CASE("The exchange writer escapes text as JSON does, and what it writes reads back the same", "[io][exchange]")
{
    // Every control character, quotes, backslashes, and text beyond ASCII: each must be the
    // JSON string nlohmann::json writes for it (an independent writer), and read back equal.
    QString controls;
    for (char16_t c = 0; c < 0x20; ++c)
        controls += QChar(c);
    const QStringList texts{controls + QStringLiteral("\x7f"), QStringLiteral("back\\slash \"quoted\" /slash/"),
                            QStringLiteral("Søren Ærø, 東京, \U0001F600, e\u0301"), QString(), QStringLiteral("tab\there\r\nnext")};
    ExchangeDocument doc = smallDocument();
    doc.collections.resize(1);
    doc.collections[0].fields = {QStringLiteral("uuid"), QStringLiteral("name")};
    doc.collections[0].rows.clear();
    for (int i = 0; i < texts.size(); ++i)
        doc.collections[0].rows.push_back({QStringLiteral("u%1").arg(i), texts.at(i)});
    const QByteArray bytes = writeExchange(doc);
    const QList<QByteArray> lines = bytes.split('\n');
    for (int i = 0; i < texts.size(); ++i) {
        const std::string independent = nlohmann::json(texts.at(i).toStdString()).dump();
        const QByteArray line = QByteArray::fromStdString(std::string("      {\"uuid\": \"u") + std::to_string(i) + "\", \"name\": " + independent + "}");
        INFO("text " << i);
        CHECK(lines.contains(line) != lines.contains(line + ','));
    }
    const ExchangeDocument back = readExchange(bytes, {{QStringLiteral("accounts"), doc.collections[0].fields}});
    REQUIRE(back.collection(QStringLiteral("accounts")));
    CHECK(back.collection(QStringLiteral("accounts"))->rows == doc.collections[0].rows);
}

TEST_CASE("The exchange writer streams in blocks, and a device that refuses bytes stops it with its reason", "[io][exchange]")
{
    // 40,000 rows of about 80 bytes: several blocks of a megabyte, the same bytes as the
    // document written at once, and the writer never holds much more than one block.
    ExchangeDocument doc = smallDocument();
    doc.collections.resize(1);
    doc.collections[0].fields = {QStringLiteral("uuid"), QStringLiteral("name")};
    doc.collections[0].rows.clear();
    for (int i = 0; i < 40000; ++i)
        doc.collections[0].rows.push_back({QStringLiteral("uuid-%1").arg(i), QStringLiteral("An account with a name of some length %1").arg(i)});
    QByteArray streamed;
    CountingBuffer buffer(&streamed);
    REQUIRE(buffer.open(QIODevice::WriteOnly));
    qint64 largestHeld = 0;
    {
        ExchangeWriter writer(buffer, doc);
        writer.beginCollection(doc.collections[0].name, doc.collections[0].fields);
        for (const QVariantList &row : doc.collections[0].rows) {
            writer.writeRow(row);
            largestHeld = std::max(largestHeld, writer.bytesWritten() - buffer.pos());
        }
        writer.finish();
        CHECK(writer.bytesWritten() == streamed.size());
    }
    CHECK(streamed == writeExchange(doc));
    CHECK(streamed.size() > 3 * (1 << 20));
    CHECK(buffer.writes >= 3);
    CHECK(buffer.writes <= 5);
    CHECK(largestHeld <= (1 << 20) + 200);

    // /dev/full refuses every write with "No space left on device".
    QFile full(QStringLiteral("/dev/full"));
    REQUIRE(full.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
    ExchangeWriter writer(full, doc);
    writer.beginCollection(doc.collections[0].name, doc.collections[0].fields);
    QString reason;
    try {
        for (const QVariantList &row : doc.collections[0].rows)
            writer.writeRow(row);
        writer.finish();
    } catch (const ExchangeWriteError &e) {
        reason = e.message;
    }
    CHECK(reason.contains(QStringLiteral("No space left on device")));
}

namespace {

// Writes down what a read hands over.
struct Recorder : ExchangeHandler {
    QStringList events;
    void header(const ExchangeDocument &h) override { events << QStringLiteral("header ") + h.currency; }
    void collection(const KnownCollection &c) override { events << QStringLiteral("collection ") + c.name; }
    void row(const QVariantList &values) override { events << QStringLiteral("row ") + values.value(0).toString(); }
};

// A device that fails after its first bytes, as a file on a disk that went away.
class FailingDevice : public QIODevice
{
public:
    explicit FailingDevice(QByteArray start) : m_start(std::move(start)) {}

protected:
    qint64 readData(char *data, qint64 max) override
    {
        if (m_start.isEmpty()) {
            setErrorString(QStringLiteral("Input/output error"));
            return -1;
        }
        const qint64 n = std::min<qint64>(max, m_start.size());
        std::memcpy(data, m_start.constData(), size_t(n));
        m_start.remove(0, n);
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_start;
};

} // namespace

TEST_CASE("A streamed read hands rows over as they come, and asks for a whole read when the file is in another order", "[io][exchange]")
{
    const std::vector<KnownCollection> known{{QStringLiteral("accounts"), {QStringLiteral("uuid")}}, {QStringLiteral("contacts"), {QStringLiteral("uuid")}}};
    const QByteArray head = R"({"format":"keystone-exchange","version":1,"exported_at":"x","portfolio":"p","currency":"EUR",)";
    auto read = [&](const QByteArray &bytes, ExchangeReading reading) {
        QBuffer buffer;
        buffer.setData(bytes);
        buffer.open(QIODevice::ReadOnly);
        Recorder r;
        readExchange(buffer, known, r, reading);
        return r.events;
    };
    const QByteArray inOrder = head + R"("collections":{"accounts":[{"uuid":"a1"},{"uuid":"a2"}],"contacts":[{"uuid":"c1"}]}})";
    const QStringList expected{QStringLiteral("header EUR"), QStringLiteral("collection accounts"), QStringLiteral("row a1"),
                               QStringLiteral("row a2"), QStringLiteral("collection contacts"), QStringLiteral("row c1")};
    CHECK(read(inOrder, ExchangeReading::Streamed) == expected);
    CHECK(read(inOrder, ExchangeReading::Whole) == expected);

    // Contacts first, or the header last: a streamed read stops and asks for a whole one,
    // which puts the collections in order.
    const QByteArray reversed = head + R"("collections":{"contacts":[{"uuid":"c1"}],"accounts":[{"uuid":"a1"},{"uuid":"a2"}]}})";
    CHECK_THROWS_AS(read(reversed, ExchangeReading::Streamed), ExchangeNeedsBuffering);
    CHECK(read(reversed, ExchangeReading::Whole) == expected);
    const QByteArray headerLast = R"({"collections":{"accounts":[{"uuid":"a1"},{"uuid":"a2"}],"contacts":[{"uuid":"c1"}]},)"
                                  R"("format":"keystone-exchange","version":1,"exported_at":"x","portfolio":"p","currency":"EUR"})";
    CHECK_THROWS_AS(read(headerLast, ExchangeReading::Streamed), ExchangeNeedsBuffering);
    CHECK(read(headerLast, ExchangeReading::Whole) == expected);
    const QByteArray scopeLast = head + R"("collections":{"accounts":[]},"scope":"accounts"})";
    CHECK_THROWS_AS(read(scopeLast, ExchangeReading::Streamed), ExchangeNeedsBuffering);

    // Problems found after rows were handed over still refuse the file, with the same words.
    auto problem = [&](const QByteArray &bytes) {
        try {
            read(bytes, ExchangeReading::Streamed);
        } catch (const ExchangeFormatError &e) {
            return e.message;
        }
        return QString();
    };
    CHECK(problem(head + R"("collections":{"accounts":[{"uuid":"a1"}],"contacts":[{"uuid":"c1","x":2}]}})") ==
          QStringLiteral("contacts[0]: unknown field \"x\" (known: uuid)"));
    CHECK(problem(head + R"("collections":{"accounts":[{"uuid":"a1"}],"acounts":[]}})") == QStringLiteral("unknown collection \"acounts\""));
    CHECK(problem(head + R"("collections":{"accounts":[{"uuid":"a1"}]})").startsWith(QStringLiteral("not valid JSON at byte")));

    // A device that fails part way says why.
    FailingDevice failing(inOrder.left(120));
    REQUIRE(failing.open(QIODevice::ReadOnly));
    Recorder r;
    QString message;
    try {
        readExchange(failing, known, r, ExchangeReading::Streamed);
    } catch (const ExchangeFormatError &e) {
        message = e.message;
    }
    CHECK(message == QStringLiteral("cannot be read: Input/output error"));
}
