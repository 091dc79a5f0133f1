// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// A folder of QBRs: each account's data read on the calling thread, the PDFs rendered in
// parallel (see writeQbrBatch in qbrreport.h).
#include "keystone/report/qbrreport.h"

#include <QDir>
#include <QMutex>
#include <QSemaphore>
#include <QThread>
#include <QThreadPool>

#include <algorithm>

namespace keystone::report {

QbrBatchResult writeQbrBatch(const std::vector<QbrBatchAccount> &accounts, const std::function<services::QbrData(qint64 accountId)> &load,
                             const ReportStyle &style, const QString &dir, const std::function<bool(int done, int total)> &progress, int threads,
                             services::Replace replace)
{
    QbrBatchResult result;
    QThreadPool pool;
    pool.setMaxThreadCount(threads > 0 ? threads : std::max(1, QThread::idealThreadCount()));
    QSemaphore slots(pool.maxThreadCount() * 2); // a few reviews' data in memory at a time
    QMutex lock;
    int done = 0;
    const int total = int(accounts.size());
    auto finished = [&](const QString &failure) {
        QMutexLocker locked(&lock);
        if (failure.isEmpty())
            ++result.written;
        else
            result.failures << failure;
        ++done;
    };
    for (const QbrBatchAccount &account : accounts) {
        if (progress) {
            QMutexLocker locked(&lock);
            const int d = done;
            locked.unlock();
            if (!progress(d, total)) {
                result.cancelled = true;
                break;
            }
        }
        services::QbrData data;
        try {
            data = load(account.id);
        } catch (const std::exception &e) {
            finished(QStringLiteral("'%1': %2").arg(account.name, QString::fromUtf8(e.what())));
            continue;
        }
        slots.acquire();
        const QString path = QDir(dir).filePath(services::qbrFileName(data.account, data.quarter, data.audience));
        pool.start([data = std::move(data), path, &style, &finished, &slots, replace] {
            QString error;
            finished(writeQbrPdf(data, style, path, &error, replace) ? QString() : QStringLiteral("'%1': %2").arg(data.account, error));
            slots.release();
        });
    }
    pool.waitForDone();
    if (progress && !result.cancelled)
        progress(done, total);
    result.failures.sort();
    return result;
}

} // namespace keystone::report
