// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// libFuzzer target: merges of random values into a portfolio. The input is not the file
// itself: its bytes steer changes to a real exchange file (a small demo book's export), so
// every merge is well-formed JSON with the right collections and only the values are wild:
// text where a number belongs, amounts past any bound, fractions, impossible dates, flags of
// 7, uuids that are not uuids, names of control characters, a currency of its own. Each merge
// is real (not a dry run) into a portfolio that keeps what earlier merges left. The property:
// a merge is refused, or the file it leaves passes every check `check --full` makes of the
// values (services::ExchangeService::storedValueProblems) and SQLite's own quick_check.
#include "keystone/demo/demogenerator.h"
#include "keystone/services/exchangeservice.h"
#include "keystone/services/importservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/validationerror.h"
#include "keystone/storage/database.h"
#include "keystone/storage/storageerror.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace keystone;
using nlohmann::json;

namespace {
// Kept for the whole run and never destroyed: libFuzzer ends the process with exit(), and
// the Qt SQL plugin may already be gone when static destructors would run.
QCoreApplication *app = nullptr;
QTemporaryDir *dir = nullptr;
services::Portfolio *portfolio = nullptr;
json *base = nullptr; // the export the inputs change

// The input as a stream of choices.
class Choices
{
public:
    Choices(const uint8_t *data, size_t size) : m_data(data), m_size(size) {}
    bool more() const { return m_pos < m_size; }
    uint8_t byte() { return m_pos < m_size ? m_data[m_pos++] : 0; }
    uint32_t below(uint32_t n) { return n == 0 ? 0 : (uint32_t(byte()) << 8 | byte()) % n; }
    std::string text(size_t max)
    {
        const size_t n = below(uint32_t(max) + 1);
        std::string s;
        for (size_t i = 0; i < n && more(); ++i)
            s.push_back(char(byte()));
        return s;
    }

private:
    const uint8_t *m_data;
    size_t m_size;
    size_t m_pos = 0;
};

json wildValue(Choices &c)
{
    switch (c.below(16)) {
    case 0: return nullptr;
    case 1: return int64_t(c.below(20)) - 10;
    case 2: return int64_t(1) << (c.below(63));
    case 3: return -(int64_t(1) << (c.below(63)));
    case 4: return double(c.below(100000)) / 7.0;
    case 5: return std::string("2026-02-30");
    case 6: return std::string("9999-12-31");
    case 7: return std::string("2026-13-01T00:00:00.000Z");
    case 8: return std::string("not-a-uuid");
    case 9: return std::string(210, 'x');
    case 10: return std::string("\x01\x02 bell\x07");
    case 11: return c.text(40); // any bytes: the JSON layer turns invalid UTF-8 into an error
    case 12: return true;
    case 13: return json::array({1, 2});
    case 14: return std::string("EUR");
    default: return std::string("Caf\xc3\xa9 \xe2\x82\xac");
    }
}

// Changes a copy of the base export as the input says; nullopt when the input chose a
// change the JSON writer itself cannot express (invalid UTF-8).
std::optional<std::string> mutate(Choices &c)
{
    json doc = *base;
    const int changes = 1 + int(c.below(6));
    for (int k = 0; k < changes && c.more(); ++k) {
        json &collections = doc["collections"];
        if (!collections.is_object() || collections.empty())
            break;
        auto it = collections.begin();
        std::advance(it, c.below(uint32_t(collections.size())));
        json &rows = it.value();
        if (!rows.is_array() || rows.empty())
            continue;
        json &row = rows[c.below(uint32_t(rows.size()))];
        if (!row.is_object() || row.empty())
            continue;
        auto field = row.begin();
        std::advance(field, c.below(uint32_t(row.size())));
        field.value() = wildValue(c);
    }
    try {
        return doc.dump();
    } catch (const json::exception &) {
        return std::nullopt;
    }
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    app = new QCoreApplication(*argc, *argv);
    dir = new QTemporaryDir;
    const QString path = dir->filePath(QStringLiteral("merge.keystone"));
    demo::DemoOptions options;
    options.accounts = 3;
    options.today = QDate(2026, 6, 15);
    demo::generateDemo(path, options);
    portfolio = services::Portfolio::open(path).release();
    base = new json(json::parse(services::ExchangeService(*portfolio).exportJson().toStdString()));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Choices choices(data, size);
    const std::optional<std::string> text = mutate(choices);
    if (!text)
        return 0;
    bool merged = false;
    try {
        const services::ExchangeReport r = services::ExchangeService(*portfolio).importJson(QByteArray::fromStdString(*text), /*dryRun=*/false);
        merged = r.errors.isEmpty();
    } catch (const services::ImportRefused &) {
    } catch (const services::ValidationError &) {
    } catch (const storage::StorageError &) {
    }
    // Refused or merged, the file holds only values the checks accept.
    const QStringList problems = services::ExchangeService(*portfolio).storedValueProblems(5);
    const QStringList damage = portfolio->database().check(false);
    if (!problems.isEmpty() || !damage.isEmpty()) {
        std::fprintf(stderr, "after a %s merge: %s\n", merged ? "successful" : "refused",
                     (problems + damage).join(QStringLiteral("; ")).toStdString().c_str());
        std::abort();
    }
    return 0;
}
