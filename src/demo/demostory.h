// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Inside the demo generator: the random source that makes a seed mean the same book on every
// compiler, and the chapters of the story (one file each) that generateDemo() tells in order.
#pragma once

#include "demowords.h"

#include "keystone/domain/account.h"
#include "keystone/domain/health.h"
#include "keystone/domain/opportunity.h"
#include "keystone/domain/segmentation.h"
#include "keystone/domain/teammember.h"
#include "keystone/domain/whitespace.h"
#include "keystone/services/healthservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/snapshotservice.h"
#include "keystone/storage/planrepository.h"
#include "keystone/storage/transaction.h"

#include <QHash>
#include <QUuid>

#include <algorithm>
#include <array>
#include <cmath>
#include <random>

namespace keystone::demo::story {

using namespace keystone::services;
using domain::Account;
using domain::LifecyclePhase;
using domain::TeamMember;
using domain::TeamRole;
using namespace words;

// mt19937_64's output sequence is fixed by the C++ standard, but the std distributions are
// not; these helpers derive everything from raw engine output so a seed means the same
// portfolio on every compiler.
class Rng
{
public:
    explicit Rng(quint64 seed) : m_engine(seed) {}
    double uniform() { return double(m_engine() >> 11) * (1.0 / 9007199254740992.0); } // [0, 1)
    int between(int lo, int hi) { return lo + int(m_engine() % quint64(hi - lo + 1)); } // inclusive
    bool chance(double p) { return uniform() < p; }
    template<typename T, size_t N>
    const T &pick(const std::array<T, N> &items) { return items[size_t(m_engine() % N)]; }
    // Index by weights.
    template<size_t N>
    size_t weighted(const std::array<int, N> &weights)
    {
        int total = 0;
        for (int w : weights)
            total += w;
        int r = between(0, total - 1);
        for (size_t i = 0; i < N; ++i) {
            if (r < weights[i])
                return i;
            r -= weights[i];
        }
        return N - 1;
    }
    QString uuid()
    {
        const quint64 hi = m_engine();
        const quint64 lo = m_engine();
        QUuid u(uint(hi >> 32), ushort(hi >> 16), ushort((hi & 0x0fff) | 0x4000), uchar(((lo >> 56) & 0x3f) | 0x80),
                uchar(lo >> 48), uchar(lo >> 40), uchar(lo >> 32), uchar(lo >> 24), uchar(lo >> 16), uchar(lo >> 8), uchar(lo));
        return u.toString(QUuid::WithoutBraces);
    }

private:
    std::mt19937_64 m_engine;
};

inline QString personName(Rng &rng)
{
    return QStringLiteral("%1 %2").arg(QString::fromUtf8(rng.pick(kFirstNames)), QString::fromUtf8(rng.pick(kLastNames)));
}

qint64 fillRelationships(Portfolio &portfolio, Rng &rng, const std::vector<Account> &accounts,
                         const QHash<qint64, std::vector<qint64>> &centersOf, const std::vector<qint64> &coverIds, const QDate &today,
                         QHash<qint64, QDate> &championLeft);
qint64 fillHealth(Portfolio &portfolio, Rng &rng, const std::vector<Account> &accounts, const QDate &today,
                  const QHash<qint64, QDate> &championLeft);
qint64 fillPlans(Portfolio &portfolio, Rng &rng, const std::vector<Account> &accounts, const QDate &today);
qint64 fillSuccessPlans(Portfolio &portfolio, Rng &rng, const std::vector<Account> &accounts, const QDate &today);
qint64 fillSnapshots(Portfolio &portfolio, Rng &rng, const std::vector<Account> &accounts, const QDate &today);
qint64 fillArrHistory(Portfolio &portfolio, quint64 seed, std::vector<Account> &accounts, const QDate &today);
qint64 fillAssignments(Portfolio &portfolio, quint64 seed, const std::vector<Account> &accounts);

} // namespace keystone::demo::story
