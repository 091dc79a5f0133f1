// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/storage/clock.h"

#include <mutex>

namespace keystone::storage {

namespace {
std::mutex &clockMutex()
{
    static std::mutex m;
    return m;
}
std::function<QDateTime()> &clockSlot()
{
    static std::function<QDateTime()> clock;
    return clock;
}
} // namespace

QDateTime now()
{
    std::function<QDateTime()> clock;
    {
        std::lock_guard lock(clockMutex());
        clock = clockSlot();
    }
    return clock ? clock().toUTC() : QDateTime::currentDateTimeUtc();
}

QDate today()
{
    return now().toLocalTime().date();
}

void setClock(std::function<QDateTime()> clock)
{
    std::lock_guard lock(clockMutex());
    clockSlot() = std::move(clock);
}

std::function<QDateTime()> clock()
{
    std::lock_guard lock(clockMutex());
    return clockSlot();
}

ManualClock::ManualClock(const QDateTime &start)
    : m_at(start)
    , m_replaced(clock())
{
    setClock([this] { return m_at; });
}

ManualClock::~ManualClock()
{
    setClock(std::move(m_replaced));
}

} // namespace keystone::storage
