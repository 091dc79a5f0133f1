// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// What every book (team-lead) page shares: the loader hook-up, work off the UI thread, tables.
#include "book/teamleadpages.h"
#include "widgets/viewmemory.h"
#include "book/bookpagesupport.h"

#include "widgets/accountlist.h"
#include "widgets/backgroundtask.h"
#include "book/bookloader.h"

#include "keystone/services/portfolio.h"

#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace keystone::app {

using namespace bookpages; // BookData, BookAccount, Cell, Row and the helpers

BookPage::BookPage(BookLoader &loader, const QString &title, QWidget *parent)
    : LazyPage(parent)
    , m_loader(loader)
    , m_loaderAlive(&loader)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(14, 10, 14, 10);
    auto *top = new QHBoxLayout;
    auto *titleLabel = new QLabel(title, this);
    QFont f = titleLabel->font();
    f.setPointSizeF(f.pointSizeF() * 1.35);
    f.setBold(true);
    titleLabel->setFont(f);
    top->addWidget(titleLabel);
    top->addStretch(1);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("bookStatus"));
    m_status->setStyleSheet(QStringLiteral("color: palette(mid);"));
    top->addWidget(m_status);
    outer->addLayout(top);
    m_body = new QVBoxLayout;
    m_body->setContentsMargins(0, 0, 0, 0);
    outer->addLayout(m_body, 1);
    connect(&loader, &BookLoader::loaded, this, [this] { markStale(); });
}

void BookPage::rebuild()
{
    if (!m_loader.isCurrent())
        m_loader.request();
    m_book = m_loader.data();
    if (!m_book) {
        m_status->setText(tr("Reading the book…"));
        return;
    }
    m_status->setText(m_loader.isCurrent() ? tr("As of %1").arg(QLocale(QLocale::English).toString(m_book->today, QLocale::LongFormat))
                                           : tr("Updating…"));
    refill();
}

BookPage::~BookPage()
{
    for (tasks::Task &task : m_preparing)
        cancelAndWait(task); // reads only what it captured; its result is not taken in
    if (m_loaderAlive)
        for (int i = 0; i < m_inFlight; ++i)
            m_loaderAlive->endViewWork(0);
}

void BookPage::refill()
{
    if (!m_book)
        return;
    QElapsedTimer timer;
    timer.start();
    fill(*m_book);
    m_fillMs = double(timer.nsecsElapsed()) / 1e6;
}

void BookPage::prepareOffThread(std::function<std::function<void()>()> work)
{
    const int generation = ++m_prepareGeneration;
    std::erase_if(m_preparing, [](const tasks::Task &task) { return !task.isRunning(); });
    ++m_inFlight;
    m_loader.beginViewWork();
    // Takes the result in (when it is still the newest) and counts the UI-thread time.
    auto takeIn = [this, generation](const std::function<void()> &apply, const QString &failure) {
        --m_inFlight;
        QElapsedTimer applying;
        applying.start();
        if (generation == m_prepareGeneration) {
            if (!failure.isEmpty())
                m_status->setText(tr("Could not show the book: %1").arg(failure));
            else if (apply)
                apply();
        }
        const double ms = double(applying.nsecsElapsed()) / 1e6;
        if (generation == m_prepareGeneration)
            m_fillMs += ms;
        m_loader.endViewWork(ms);
    };
    m_preparing.push_back(tasks::Runner::instance().run(
        this, tasks::Priority::Background, [work = std::move(work)](TaskProgress &) { return work(); },
        [takeIn](std::function<void()> apply) { takeIn(apply, QString()); }, [takeIn](const QString &failure) { takeIn({}, failure); },
        true)); // what a shown page waits for goes before loads queued behind it
}

QTableView *BookPage::makeTable(RowsModel *model, bool sortable, int sortColumn, Qt::SortOrder order)
{
    auto *view = new QTableView(this);
    view->setModel(model); // sorts itself: see RowsModel
    if (sortable) {
        view->setSortingEnabled(true);
        view->sortByColumn(sortColumn, order);
    }
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setStretchLastSection(true);
    // Widths from the header and the first rows, measured once per reset: never
    // ResizeToContents over a 10,000-row list.
    connect(model, &QAbstractItemModel::modelReset, view, [view, model] {
        const QFontMetrics fm = view->fontMetrics();
        const int rows = std::min(model->rowCount(), 60);
        for (int c = 0; c < model->columnCount(); ++c) {
            int w = fm.horizontalAdvance(model->headerData(c, Qt::Horizontal).toString()) + 30;
            for (int r = 0; r < rows; ++r)
                w = std::max(w, fm.horizontalAdvance(model->index(r, c).data().toString()) + 18);
            view->setColumnWidth(c, std::clamp(w, 48, 280));
        }
    });
    // Widths, order, hidden columns and sort the user set, put back after each sizing.
    rememberColumns(view);
    // Enter, a double-click or the row menu opens the account; Ctrl+C copies the rows.
    new AccountListActions(view, RowsModel::AccountIdRole, [this](qint64 id) { Q_EMIT openAccount(id); });
    return view;
}

} // namespace keystone::app
