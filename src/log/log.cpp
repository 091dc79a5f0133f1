// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/log/log.h"

#include <QDir>
#include <QRegularExpression>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <mutex>
#include <vector>

namespace keystone::log {

namespace {
std::mutex &loggerMutex()
{
    static std::mutex m;
    return m;
}

std::shared_ptr<spdlog::logger> &loggerSlot()
{
    static std::shared_ptr<spdlog::logger> instance = [] {
        auto l = std::make_shared<spdlog::logger>("keystone", std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
        l->set_level(spdlog::level::warn);
        return l;
    }();
    return instance;
}

// The logger in use; a copy, so that init() on another thread cannot pull it away mid-call.
std::shared_ptr<spdlog::logger> logger()
{
    std::lock_guard lock(loggerMutex());
    return loggerSlot();
}

void write(spdlog::level::level_enum level, const QString &message)
{
    const auto l = logger();
    if (l->should_log(level))
        l->log(level, redact(message).toStdString());
}

// Qt's messages, with their category ("qt.sql.qsqlquery", "qt.qpa.xcb"), at their level.
void qtMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    // Qt's notice that XDG_RUNTIME_DIR is unset (a cron job, ssh, a container): Qt then uses
    // a private folder of its own, and nothing is wrong that a user could act on.
    if (type == QtWarningMsg && message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set"))) {
        write(spdlog::level::debug, message);
        return;
    }
    const bool named = context.category && qstrcmp(context.category, "default") != 0;
    const QString text = named ? QStringLiteral("[%1] %2").arg(QLatin1String(context.category), message) : QStringLiteral("[qt] %1").arg(message);
    switch (type) {
    case QtDebugMsg: write(spdlog::level::debug, text); break;
    case QtInfoMsg: write(spdlog::level::info, text); break;
    case QtWarningMsg: write(spdlog::level::warn, text); break;
    case QtCriticalMsg: write(spdlog::level::err, text); break;
    case QtFatalMsg: // Qt aborts when this returns: get the line to the file first.
        write(spdlog::level::critical, text);
        logger()->flush();
        break;
    }
}
} // namespace

QString redact(const QString &message)
{
    static const QRegularExpression email(QStringLiteral("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"));
    // A quote opens after a space, a bracket or punctuation and closes before one, so that
    // apostrophes inside words ("can't", "the book's") open nothing.
    static const QRegularExpression quoted(QStringLiteral("(^|[\\s(\\[:=,])'([^\\n]{1,300}?)'(?=$|[\\s)\\].,;:!?])"));
    static const QRegularExpression curly(QStringLiteral("\u201c[^\u201d\\n]{0,300}\u201d|\u2018[^\u2019\\n]{0,300}\u2019"));
    QString out = message;
    out.replace(email, QStringLiteral("<e-mail>"));
    QString masked;
    qsizetype at = 0;
    for (auto it = quoted.globalMatch(out); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString inner = m.captured(2);
        const bool path = inner.contains(QLatin1Char('/')) || inner.contains(QLatin1Char('\\'));
        masked += out.mid(at, m.capturedStart(2) - at) + (path ? inner : QStringLiteral("…"));
        at = m.capturedEnd(2);
    }
    masked += out.mid(at);
    QString result;
    at = 0;
    for (auto it = curly.globalMatch(masked); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString all = m.captured(0);
        result += masked.mid(at, m.capturedStart(0) - at) + all.front() + QStringLiteral("…") + all.back();
        at = m.capturedEnd(0);
    }
    result += masked.mid(at);
    return result;
}

void init(const QString &directory, bool toStderr, bool verbose)
{
    std::vector<spdlog::sink_ptr> sinks;
    if (!directory.isEmpty() && QDir().mkpath(directory)) {
        const QString file = QDir(directory).filePath(QStringLiteral("keystone.log"));
        try {
            sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(file.toStdString(), 2 * 1024 * 1024, 3));
        } catch (const spdlog::spdlog_ex &) {
            // An unwritable log folder must not stop the program; stderr still works.
        }
    }
    if (toStderr || sinks.empty())
        sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    auto l = std::make_shared<spdlog::logger>("keystone", sinks.begin(), sinks.end());
    l->set_level(verbose ? spdlog::level::debug : spdlog::level::info);
    if (!verbose && toStderr)
        sinks.back()->set_level(spdlog::level::warn);
    l->flush_on(spdlog::level::warn);
    {
        std::lock_guard lock(loggerMutex());
        loggerSlot() = l;
    }
    routeQtMessages();
}

void routeQtMessages()
{
    static std::once_flag routed;
    std::call_once(routed, [] { qInstallMessageHandler(qtMessage); });
}

void debug(const QString &message) { write(spdlog::level::debug, message); }
void info(const QString &message) { write(spdlog::level::info, message); }
void warn(const QString &message) { write(spdlog::level::warn, message); }
void error(const QString &message) { write(spdlog::level::err, message); }

} // namespace keystone::log
