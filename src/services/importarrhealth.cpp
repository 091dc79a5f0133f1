// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Importing ARR history points and health inputs: matched by account and date.
#include "csvimporter.h"

namespace keystone::services::csvimport {

void CsvImporter::importArrPoint()
{
    clearPending();
    const qint64 account = accountOfRow();
    const QDate date = m_reader.date(QStringLiteral("date"));
    if (!m_reader.has(QStringLiteral("date")))
        m_reader.fail(QStringLiteral("date"), QStringLiteral("the date is empty"));
    const auto cents = m_reader.amount(QStringLiteral("arr"));
    if (!m_reader.has(QStringLiteral("arr")))
        m_reader.fail(QStringLiteral("arr"), QStringLiteral("the ARR is empty"));
    std::optional<domain::ArrChange> change;
    if (m_reader.has(QStringLiteral("change")))
        change = m_reader.choice(QStringLiteral("change"), &domain::parseArrChange,
                                 {QStringLiteral("new"), QStringLiteral("expansion"), QStringLiteral("contraction"), QStringLiteral("churn"), QStringLiteral("snapshot")});
    if (rejected() || account <= 0 || !cents)
        return;
    auto &points = m_arr[account];
    const bool exists = points.contains(date);
    qint64 target = 0;
    if (exists) {
        m_look.nameOf.insert(account, m_look.accountName.value(account));
        target = decide(account, QStringLiteral("account and date"));
        if (m_req.onDuplicate == DuplicatePolicy::Create) {
            m_pendingDuplicate->action = QStringLiteral("updated (one ARR per account and date)");
            target = account;
        }
    }
    if (target < 0) {
        accept(-1, 0);
        return;
    }
    if (!change) {
        std::optional<qint64> before;
        for (auto it = points.begin(); it != points.end() && it->first < date; ++it)
            before = it->second;
        change = domain::arrChangeBetween(before, *cents);
    }
    if (!guarded([&] { m_p.arrHistory().record({account, date, *cents, *change}); }))
        return;
    points[date] = *cents;
    accept(exists ? 1 : 0, account);
}

void CsvImporter::importHealthInputs()
{
    clearPending();
    const qint64 account = accountOfRow();
    domain::HealthInputs in;
    in.date = m_reader.date(QStringLiteral("date"));
    if (!m_reader.has(QStringLiteral("date")))
        m_reader.fail(QStringLiteral("date"), QStringLiteral("the date is empty"));
    const QString key = QString::number(account) + QLatin1Char('|') + in.date.toString(Qt::ISODate);
    const bool exists = account > 0 && in.date.isValid() && m_healthDates.contains(key);
    qint64 target = 0;
    if (exists) {
        m_look.nameOf.insert(account, m_look.accountName.value(account));
        target = decide(account, QStringLiteral("account and date"));
        if (m_req.onDuplicate == DuplicatePolicy::Create) {
            m_pendingDuplicate->action = QStringLiteral("updated (one snapshot per account and date)");
            target = account;
        }
        if (target > 0 && m_write)
            if (const auto stored = m_p.health().inputsOn(account, in.date))
                in = *stored;
    }
    auto whole = [&](const char *field, std::optional<int> &out, int lo = 0, int hi = 100'000'000) {
        if (auto v = m_reader.whole(QLatin1String(field), lo, hi))
            out = *v;
    };
    whole("licensed_seats", in.licensedSeats);
    whole("active_users", in.activeUsers);
    whole("features_used", in.featuresUsed);
    whole("features_offered", in.featuresOffered);
    whole("sev1", in.sev1);
    whole("sev2", in.sev2);
    whole("sev3", in.sev3);
    whole("nps", in.nps, -100, 100);
    if (auto v = m_reader.number(QStringLiteral("csat"), 1, 5))
        in.csat = *v;
    if (auto v = m_reader.number(QStringLiteral("days_late"), 0, 3650))
        in.daysLate = *v;
    if (m_reader.ok())
        for (const domain::FieldError &e : domain::validateHealthInputs(in))
            m_reader.fail(m_reader.mapped(e.field) ? e.field : QString(), e.message);
    if (rejected() || account <= 0)
        return;
    if (target < 0) {
        accept(-1, 0);
        return;
    }
    if (!guarded([&] { m_p.health().saveInputs(account, in); }))
        return;
    m_healthDates.insert(key);
    accept(exists ? 1 : 0, account);
}

} // namespace keystone::services::csvimport
