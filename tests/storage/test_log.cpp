// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// The log helps whoever reads it without holding customer data: Qt's own messages reach it
// with their category, and names and e-mail addresses are masked on the way in.
#include "testsupport.h"

#include "keystone/log/log.h"

#include <QFile>
#include <QLoggingCategory>

#include <atomic>
#include <thread>
#include <vector>

using namespace keystone;

namespace {
Q_LOGGING_CATEGORY(sqlTest, "qt.sql.keystonetest")

QString readLog(const test::TempDir &dir)
{
    QFile f(dir.file(QStringLiteral("logs/keystone.log")));
    REQUIRE(f.open(QIODevice::ReadOnly));
    return QString::fromUtf8(f.readAll());
}
} // namespace

TEST_CASE("The log masks quoted names and e-mail addresses but keeps paths, ids and ordinary apostrophes", "[log]")
{
    CHECK(log::redact(QStringLiteral("Account 'Acme Corp': an account named 'Acme Corp' already exists"))
          == QStringLiteral("Account '…': an account named '…' already exists"));
    CHECK(log::redact(QStringLiteral("'O'Brien Ltd' is taken")) == QStringLiteral("'…' is taken"));
    CHECK(log::redact(QStringLiteral("Could not undo or redo \u201cDelete Acme\u201d: the file is read-only"))
          == QStringLiteral("Could not undo or redo \u201c…\u201d: the file is read-only"));
    CHECK(log::redact(QStringLiteral("Contact jane.doe+qbr@example.co.uk, id 42")) == QStringLiteral("Contact <e-mail>, id 42"));
    const QString plain = QStringLiteral("/tmp/books/team.keystone: can't fold the book's log in; account 17 kept");
    CHECK(log::redact(plain) == plain);
    CHECK(log::redact(QStringLiteral("cannot open '/home/kim/Acme plan.keystone' (locked)")) == QStringLiteral("cannot open '/home/kim/Acme plan.keystone' (locked)"));
}

TEST_CASE("Qt's own warnings reach the log file with their category, masked like ours", "[log]")
{
    test::TempDir dir;
    log::init(dir.file(QStringLiteral("logs")), false, false);
    qCWarning(sqlTest, "QSqlQuery::value: not positioned on a valid record for 'Globex Corp'");
    log::warn(QStringLiteral("Shown to the user: Account 'Initech': contact ann@initech.com is a duplicate"));
    qCDebug(sqlTest, "below the level: not written");
    const QString text = readLog(dir);
    CHECK(text.contains(QStringLiteral("[qt.sql.keystonetest] QSqlQuery::value: not positioned on a valid record for '…'")));
    CHECK(text.contains(QStringLiteral("Shown to the user: Account '…': contact <e-mail> is a duplicate")));
    CHECK_FALSE(text.contains(QStringLiteral("Globex")));
    CHECK_FALSE(text.contains(QStringLiteral("Initech")));
    CHECK_FALSE(text.contains(QStringLiteral("below the level")));
}

TEST_CASE("The log can be set up again while other threads write to it", "[log]")
{
    test::TempDir dir;
    std::atomic<bool> stop{false};
    std::atomic<int> written{0};
    std::vector<std::thread> writers;
    for (int t = 0; t < 4; ++t)
        writers.emplace_back([&stop, &written, t] {
            while (!stop.load()) {
                log::info(QStringLiteral("writer %1 line %2").arg(t).arg(written.fetch_add(1)));
                qCInfo(sqlTest, "qt line from writer %d", t);
            }
        });
    // Set up again and again while the writers are under way (waited for, not assumed).
    const auto waitForLines = [&written](int atLeast) {
        while (written.load() < atLeast)
            std::this_thread::yield();
    };
    waitForLines(100);
    for (int i = 0; i < 20; ++i) {
        log::init(dir.file(QStringLiteral("logs")), false, i % 2 == 0);
        waitForLines(written.load() + 20);
    }
    stop = true;
    for (auto &w : writers)
        w.join();
    log::warn(QStringLiteral("last line"));
    CHECK(readLog(dir).contains(QStringLiteral("last line")));
}
