// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/log/log.h"

#include <QDir>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <vector>

namespace keystone::log {

namespace {
std::shared_ptr<spdlog::logger> &logger()
{
    static std::shared_ptr<spdlog::logger> instance = [] {
        auto l = std::make_shared<spdlog::logger>("keystone", std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
        l->set_level(spdlog::level::warn);
        return l;
    }();
    return instance;
}
} // namespace

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
    logger() = l;
}

void debug(const QString &message) { logger()->debug(message.toStdString()); }
void info(const QString &message) { logger()->info(message.toStdString()); }
void warn(const QString &message) { logger()->warn(message.toStdString()); }
void error(const QString &message) { logger()->error(message.toStdString()); }

} // namespace keystone::log
