// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/services/bookservice.h"
#include "keystone/tasks/taskrunner.h"

#include "commands/commandsupport.h"
#include "widgets/lazypage.h"

#include <QPointer>

#include <functional>
#include <memory>
#include <vector>

class QChartView;
class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableView;
class QTableWidget;
class QUndoStack;
class QVBoxLayout;

namespace keystone::services {
class Portfolio;
}

namespace keystone::app {

class AccountListFilterBar;
class BookLoader;
class RowsModel;
struct TierGridContent;
class TierScatter;

// What the pages that edit need: the portfolio, the undo stack and where refusals go.
struct BookEditContext {
    services::Portfolio &portfolio;
    QUndoStack &undo;
    CommandErrorHandler onError;
};

// A team lead's view of the whole book. Reads nothing itself: it draws what the shared
// BookLoader loaded on a worker, and redraws when a newer load arrives while it is shown.
class BookPage : public LazyPage
{
    Q_OBJECT
public:
    BookPage(BookLoader &loader, const QString &title, QWidget *parent = nullptr);
    ~BookPage() override;
    // Milliseconds the last fill() took on the UI thread, with the taking in of what it
    // prepared on a worker (the benchmark's figure).
    double lastFillMs() const { return m_fillMs; }
    // True while rows for this page are being built on a worker.
    bool isPreparing() const { return m_inFlight > 0; }

Q_SIGNALS:
    void openAccount(qint64 accountId);

protected:
    void rebuild() override;
    virtual void fill(const services::BookData &book) = 0;
    // Refills from the loaded book (after a filter or period change).
    void refill();
    QTableView *makeTable(RowsModel *model, bool sortable = true, int sortColumn = 0, Qt::SortOrder order = Qt::AscendingOrder);
    const services::BookData *book() const { return m_book.get(); }
    std::shared_ptr<const services::BookData> sharedBook() const { return m_book; }
    // Runs `work` on a background thread, then the closure it returns on this one: what a
    // page shows of a 10,000-account book (rows, tooltips, sorting) is built off the UI
    // thread, which only takes the result in. A newer call supersedes one still running (its
    // result is dropped). `work` must read only what it captured by value (sharedBook(), the
    // filter settings), never the page.
    void prepareOffThread(std::function<std::function<void()>()> work);
    QVBoxLayout *body() const { return m_body; }
    BookLoader &m_loader;

private:
    QLabel *m_status = nullptr;
    QVBoxLayout *m_body = nullptr;
    std::shared_ptr<const services::BookData> m_book;
    double m_fillMs = 0;
    int m_prepareGeneration = 0;
    int m_inFlight = 0; // preparations started and not yet taken in
    std::vector<tasks::Task> m_preparing;
    QPointer<BookLoader> m_loaderAlive; // the loader may go first when the window closes
};

class TierGridPage final : public BookPage
{
    Q_OBJECT
public:
    TierGridPage(BookLoader &loader, BookEditContext edit, QWidget *parent = nullptr);
    TierScatter *scatter() const { return m_scatter; }
    QTableWidget *tierBandTable() const { return m_table; }
    RowsModel *accountsModel() const { return m_accounts; }
    void setOwnerFilter(qint64 ownerId);
    void selectCell(int tier, int band); // tier 1..3, band column (5 = all)
    // Moves the selected accounts (in the list under the table) to `tier`, one undo step.
    bool moveSelectedTo(int tier, const QString &reason);

protected:
    void fill(const services::BookData &book) override;

private:
    services::BookFilter filter() const;
    void showCellAccounts();
    void startFilling();
    void applyContent(const services::BookData &book, TierGridContent &content, int cellTier, int cellBand, int sortColumn,
                      Qt::SortOrder sortOrder);
    BookEditContext m_edit;
    QComboBox *m_owner = nullptr;
    QComboBox *m_region = nullptr;
    QComboBox *m_industry = nullptr;
    TierScatter *m_scatter = nullptr;
    QTableWidget *m_table = nullptr;
    QLabel *m_cellTitle = nullptr;
    RowsModel *m_accounts = nullptr;
    QTableView *m_accountsView = nullptr;
    QPushButton *m_move = nullptr;
    int m_cellTier = 0, m_cellBand = 5;
};

class HealthDashboardPage final : public BookPage
{
    Q_OBJECT
public:
    HealthDashboardPage(BookLoader &loader, services::Portfolio &portfolio, QWidget *parent = nullptr);
    RowsModel *decliners() const { return m_decliners; }
    RowsModel *attention() const { return m_attention; }
    QChartView *chart() const { return m_chart; }
    QString chartTitle() const;
    QStringList chartAxisTitles() const; // bottom, then left
    int chartMonths() const;
    QTableWidget *distributionTable() const { return m_now; }

protected:
    void fill(const services::BookData &book) override;

private:
    services::Portfolio &m_portfolio;
    QChartView *m_chart = nullptr;
    QTableWidget *m_now = nullptr;
    RowsModel *m_decliners = nullptr;
    RowsModel *m_attention = nullptr;
};

class RetentionPage final : public BookPage
{
    Q_OBJECT
public:
    explicit RetentionPage(BookLoader &loader, QWidget *parent = nullptr);
    void setPeriod(const QDate &from, const QDate &to);
    QString summaryText() const;
    RowsModel *byOwner() const { return m_byOwner; }
    RowsModel *byTier() const { return m_byTier; }

protected:
    void fill(const services::BookData &book) override;

private:
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QLabel *m_summary = nullptr;
    RowsModel *m_byOwner = nullptr;
    RowsModel *m_byTier = nullptr;
    bool m_periodSet = false;
};

class RenewalsPage final : public BookPage
{
    Q_OBJECT
public:
    explicit RenewalsPage(BookLoader &loader, QWidget *parent = nullptr);
    RowsModel *rows() const { return m_rows; }
    AccountListFilterBar *filterBar() const { return m_filter; }

protected:
    void fill(const services::BookData &book) override;

private:
    AccountListFilterBar *m_filter = nullptr;
    QSpinBox *m_days = nullptr;
    QLabel *m_summary = nullptr;
    RowsModel *m_rows = nullptr;
};

class HygienePage final : public BookPage
{
    Q_OBJECT
public:
    explicit HygienePage(BookLoader &loader, QWidget *parent = nullptr);
    RowsModel *owners() const { return m_owners; }
    RowsModel *singleThreaded() const { return m_single; }
    AccountListFilterBar *filterBar() const { return m_filter; }

protected:
    void fill(const services::BookData &book) override;

private:
    AccountListFilterBar *m_filter = nullptr;
    RowsModel *m_owners = nullptr;
    RowsModel *m_single = nullptr;
    QLabel *m_summary = nullptr;
};

class TeamPage final : public BookPage
{
    Q_OBJECT
public:
    TeamPage(BookLoader &loader, BookEditContext edit, QWidget *parent = nullptr);
    RowsModel *people() const { return m_people; }
    RowsModel *roles() const { return m_roles; }
    QTableWidget *effortTable() const { return m_effort; }

protected:
    void fill(const services::BookData &book) override;

private:
    void effortEdited(int row, int column);
    BookEditContext m_edit;
    RowsModel *m_people = nullptr;
    RowsModel *m_roles = nullptr;
    QTableWidget *m_effort = nullptr;
    QLabel *m_guidance = nullptr;
    bool m_filling = false;
};

class SignalsPage final : public BookPage
{
    Q_OBJECT
public:
    SignalsPage(BookLoader &loader, BookEditContext edit, QWidget *parent = nullptr);
    RowsModel *rows() const { return m_rows; }
    QTableView *view() const { return m_view; }
    AccountListFilterBar *filterBar() const { return m_filter; }
    void setShowHidden(bool show);
    // Snoozes or dismisses the selected signals (one undo step); false when refused.
    bool decideSelected(domain::SignalDecision decision, const QDate &until, const QString &reason);

protected:
    void fill(const services::BookData &book) override;

private:
    std::vector<services::BookSignal> m_signals; // parallel to the model's rows
    BookEditContext m_edit;
    QComboBox *m_severity = nullptr;
    QComboBox *m_rule = nullptr;
    QCheckBox *m_showHidden = nullptr;
    AccountListFilterBar *m_filter = nullptr;
    QLabel *m_summary = nullptr;
    RowsModel *m_rows = nullptr;
    QTableView *m_view = nullptr;
};

} // namespace keystone::app
