// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/services/bookservice.h"
#include "keystone/services/clock.h"
#include "keystone/tasks/taskrunner.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QDate>
#include <QObject>
#include <QTimer>

#include <memory>
#include <vector>

namespace keystone::services {
class Portfolio;
}

namespace keystone::app {

// The whole book as the team lead's views read it, loaded on a worker connection (it reads
// every account) and shared by all of them. Any change to the file makes it out of date; it
// reloads a moment later (changes come in bursts), so the views and the portfolio table's
// signal badges follow edits without any reading on the UI thread.
class BookLoader final : public QObject
{
    Q_OBJECT
public:
    explicit BookLoader(services::Portfolio &portfolio, QObject *parent = nullptr);
    ~BookLoader() override;

    void setToday(const QDate &today);
    // The portfolio file, for what a view remembers per file.
    QString portfolioPath() const;
    QDate today() const { return m_today; }
    // Starts a load unless one is running; loaded() follows.
    void request();
    bool isCurrent() const { return m_data && !m_dirty; }
    // True while a load runs, or a view is still preparing what it shows from the last one
    // (the views build their rows on workers too; see BookPage).
    bool isLoading() const { return m_loading || m_viewWork > 0; }
    // The newest loaded book (nullptr before the first load).
    std::shared_ptr<const services::BookData> data() const { return m_data; }
    const std::vector<services::BandMonth> &timeline() const { return m_timeline; }
    const std::vector<services::Decliner> &decliners() const { return m_decliners; }
    // The signal rules over data(), evaluated on the worker with it, and the open ones per
    // account (the portfolio table's badges): about 17,000 signals at 10,000 accounts, too
    // many to evaluate on the UI thread after every load.
    const std::vector<services::BookSignal> &signalList() const { return *m_signals; }
    std::shared_ptr<const std::vector<services::BookSignal>> sharedSignals() const { return m_signals; }
    const QHash<qint64, int> &openSignalCounts() const { return m_openSignals; }
    double lastLoadMs() const { return m_lastLoadMs; }
    // Loads taken in so far, and the UI-thread time spent taking them in (loaded() and what
    // the visible views redraw in it), for the soak: apart from the edit that happened to be
    // running when a load finished.
    int loadsApplied() const { return m_loadsApplied; }
    double applyMsTotal() const { return m_applyMsTotal; }
    // A view's preparation on a worker: begun, and ended with the UI-thread time it took to
    // take the result in (counted in applyMsTotal()).
    void beginViewWork() { ++m_viewWork; }
    void endViewWork(double applyMs)
    {
        --m_viewWork;
        m_applyMsTotal += applyMs;
    }

Q_SIGNALS:
    void loaded();
    void failed(const QString &message);

private:
    void invalidate();

    services::Portfolio &m_portfolio;
    QDate m_today = services::today();
    std::shared_ptr<const services::BookData> m_data;
    std::vector<services::BandMonth> m_timeline;
    std::vector<services::Decliner> m_decliners;
    std::shared_ptr<const std::vector<services::BookSignal>> m_signals = std::make_shared<const std::vector<services::BookSignal>>();
    QHash<qint64, int> m_openSignals;
    bool m_dirty = true;
    int m_generation = 0;
    double m_lastLoadMs = 0;
    int m_loadsApplied = 0;
    double m_applyMsTotal = 0;
    int m_viewWork = 0;
    QTimer m_debounce;
    bool m_loading = false; // from request() until its result (or failure) is taken in
    tasks::Task m_load;
};

// A read-only table of rows computed elsewhere: display text and a sort value per cell,
// optional colours, and the account each row is about. It sorts itself (no proxy), so rows
// built on a worker can arrive sorted already: taking 10,000 of them in is a reset, not a sort
// on the UI thread.
class RowsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role { SortRole = Qt::UserRole + 1, AccountIdRole };
    struct Cell {
        QVariant display;
        QVariant sort; // display when null
        QColor background;
        QColor foreground;
        Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter;
    };
    struct Row {
        qint64 accountId = 0;
        std::vector<Cell> cells;
        QString toolTip;
    };

    explicit RowsModel(QStringList headers, QObject *parent = nullptr);
    // Replaces the rows, sorting them by the current sort column unless they are sorted by
    // it already (`sortedBy`, `sortedOrder`: what sortRows() was given).
    void setRows(std::vector<Row> rows, int sortedBy = -1, Qt::SortOrder sortedOrder = Qt::AscendingOrder);
    const Row &rowAt(int row) const { return m_rows[size_t(row)]; }
    int sortColumn() const { return m_sortColumn; } // -1: in the order given
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    // Stable sort by a column's sort values (numbers as numbers, text without regard to case).
    // Touches nothing but `rows`: safe on a worker.
    static void sortRows(std::vector<Row> &rows, int column, Qt::SortOrder order);
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QStringList m_headers;
    std::vector<Row> m_rows;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

// Cell helpers for RowsModel rows.
RowsModel::Cell textCell(const QString &text);
RowsModel::Cell numberCell(const QString &text, const QVariant &sort);
RowsModel::Cell bandCell(const std::optional<domain::HealthBand> &band);

} // namespace keystone::app
