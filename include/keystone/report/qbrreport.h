// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/services/outputfile.h"
#include "keystone/services/qbr.h"

#include <QByteArray>
#include <QColor>
#include <QImage>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace keystone::report {

// Lays out and paints a QBR (services::QbrData): a cover, then each part with its heading
// kept with what follows, tables that repeat their header row when they break, charts and
// figure cards never split, a header and a "page X of Y" footer on every page. Coordinates
// are points (1/72 inch); the same layout paints the PDF (vector text and charts, fonts
// embedded) and the preview images, so the preview shows exactly the pages of the file.

enum class PageSize { A4, Letter };
QString pageSizeKey(PageSize s); // "a4", "letter"
std::optional<PageSize> parsePageSize(const QString &text);

struct ReportStyle {
    PageSize pageSize = PageSize::A4;
    QColor accent{0x1f, 0x5f, 0x99};
    QImage logo; // optional; drawn on the cover, scaled to fit 150 x 60 pt
};

// Number of pages the review takes.
int qbrPageCount(const services::QbrData &data, const ReportStyle &style);

// The PDF file's bytes. The same data and style give the same bytes (the creation date is
// the review's date, not the clock; font subsets are named in order) in a process whose
// QHash seed is fixed (QHashSeed::setDeterministicGlobalSeed(), as keystone and keystone-cli
// do): Qt's PDF engine writes its fonts in hash order.
QByteArray qbrPdf(const services::QbrData &data, const ReportStyle &style);

// Writes the PDF through services::writeOutputFile() (a temporary file renamed into place,
// owner-only, never over a portfolio; an existing file only with Replace::Allow); false with
// `error` set.
bool writeQbrPdf(const services::QbrData &data, const ReportStyle &style, const QString &path, QString *error,
                 services::Replace replace = services::Replace::Allow);

// Page images for the preview, `dpi` dots per inch (first page 0).
std::vector<QImage> qbrPageImages(const services::QbrData &data, const ReportStyle &style, double dpi);

// Many reviews into one folder as `<account>-<quarter>-<audience>.pdf`: `load` builds each
// account's data (called on this thread, one account at a time, in order; it may throw) while
// the PDFs are rendered on `threads` workers (0: one per core). A failure on one account is
// recorded and the rest go on. `progress(done, total)` is called on this thread after each
// account; returning false stops before the next one (the files written so far stay).
struct QbrBatchAccount {
    qint64 id = 0;
    QString name;
};
struct QbrBatchResult {
    int written = 0;
    QStringList failures; // "Account: why", sorted
    bool cancelled = false;
};
QbrBatchResult writeQbrBatch(const std::vector<QbrBatchAccount> &accounts, const std::function<services::QbrData(qint64 accountId)> &load,
                             const ReportStyle &style, const QString &dir, const std::function<bool(int done, int total)> &progress = {},
                             int threads = 0, services::Replace replace = services::Replace::Allow);

} // namespace keystone::report
