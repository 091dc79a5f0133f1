// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "portfolio/portfolioview.h"

#include <algorithm>

#include "commands/accountcommands.h"
#include "portfolio/accountform.h"
#include "portfolio/portfoliodelegate.h"
#include "portfolio/portfoliomodel.h"
#include "portfolio/portfolioproxymodel.h"
#include "widgets/accountlist.h"

#include "keystone/domain/money.h"
#include "keystone/services/accountservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/validationerror.h"
#include "keystone/services/errors.h"
#include "keystone/services/queries.h"

#include <QAction>
#include <QComboBox>
#include <QDataStream>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSet>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

namespace keystone::app {

PortfolioView::PortfolioView(services::Portfolio &portfolio, services::AccountService &accounts, PortfolioModel &model,
                             QUndoStack &undo, QWidget *parent)
    : QWidget(parent)
    , m_portfolio(portfolio)
    , m_accounts(accounts)
    , m_model(model)
    , m_undo(undo)
{
    m_proxy = new PortfolioProxyModel(this);
    m_proxy->setSourceModel(&m_model);

    // Filter bar.
    m_filter = new QLineEdit(this);
    m_filter->setAccessibleName(tr("Filter accounts"));
    m_filter->setPlaceholderText(tr("Filter by name, owner, industry or region (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_tierFilter = new QComboBox(this);
    m_tierFilter->addItem(tr("All tiers"), 0);
    for (int t = 1; t <= 3; ++t)
        m_tierFilter->addItem(tr("Tier %1").arg(t), t);
    m_ownerFilter = new QComboBox(this);
    m_ownerFilter->setMinimumContentsLength(18);
    m_ownerFilter->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_count = new QLabel(this);
    m_count->setMinimumWidth(170);
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_tierFilter);
    bar->addWidget(m_ownerFilter);
    bar->addWidget(m_count);

    // Table. Fixed row heights and set column widths: nothing measures 10,000 rows.
    m_table = new QTableView(this);
    m_table->setAccessibleName(tr("Accounts"));
    m_table->setModel(m_proxy);
    m_table->setItemDelegate(new PortfolioDelegate([this] { return services::query::team(m_portfolio); }, m_table));
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(PortfolioModel::Arr, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    // Enter and a double-click open the account (AccountListActions); a cell is edited with
    // F2 or by typing into it, as in a spreadsheet.
    m_table->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    const QFontMetrics fm = m_table->fontMetrics();
    const int em = fm.horizontalAdvance(QLatin1Char('M'));
    // Widths from typical content, measured once: never ResizeToContents over the rows.
    const QString samples[] = {QStringLiteral("Lakeshore Precision Parts LLC"), QStringLiteral("Tomás Johansson"),
                               QStringLiteral("Tier 1 ✎"), QStringLiteral("Maintain"), QStringLiteral("Health ↓"), QStringLiteral("Signals"), QStringLiteral("Plan ▾"),
                               QStringLiteral("⚠ 9999 d"), QStringLiteral("$6,000,000"), QStringLiteral("Open whitespace"),
                               QStringLiteral("Pipeline (wtd.)"), QStringLiteral("Threads"),
                               QStringLiteral("2027-08-06"), QStringLiteral("Days left"), QStringLiteral("Expansion · at risk"),
                               QStringLiteral("Financial Services"), QStringLiteral("North America East")};
    for (int c = 0; c < PortfolioModel::ColumnCount; ++c)
        m_table->setColumnWidth(c, fm.horizontalAdvance(samples[c]) + (c == PortfolioModel::Tier ? 34 : 24));

    // Detail form.
    m_form = new AccountForm(this);
    m_form->setTeam(services::query::team(m_portfolio));
    m_form->setReadOnly(m_portfolio.isReadOnly());
    m_form->setEnabled(false);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(std::max(30 * em, m_form->minimumSizeHint().width() + scroll->verticalScrollBar()->sizeHint().width()));

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter = splitter;
    splitter->addWidget(m_table);
    // With no account selected (nothing matches the filter, the rows were deleted) the pane
    // says so instead of showing an empty form.
    m_detail = new QStackedWidget(this);
    m_detail->addWidget(scroll);
    auto *none = new QLabel(tr("No account selected.\n\nSelect a row to see and edit its details, or press Ctrl+N for a new account."), this);
    none->setObjectName(QStringLiteral("noAccount"));
    none->setAlignment(Qt::AlignCenter);
    none->setWordWrap(true);
    none->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_detail->addWidget(none);
    m_detail->setCurrentIndex(1);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({1040, 30 * em});

    m_listActions = new AccountListActions(m_table, PortfolioModel::AccountIdRole, [this](qint64 id) {
        selectAccount(id);
        Q_EMIT openRequested(id);
    });
    // The header's menu shows and hides columns (the name always stays).
    m_table->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table->horizontalHeader(), &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        auto *menu = columnsMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_table->horizontalHeader()->mapToGlobal(pos));
    });

    // Said in place of an empty table when the filter leaves nothing to show.
    m_noMatch = new QLabel(this);
    m_noMatch->setObjectName(QStringLiteral("noMatch"));
    m_noMatch->setTextFormat(Qt::RichText);
    m_noMatch->setWordWrap(true);
    m_noMatch->setContentsMargins(4, 6, 4, 6);
    m_noMatch->hide();
    connect(m_noMatch, &QLabel::linkActivated, this, [this] { clearFilters(); });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_noMatch);
    layout->addWidget(splitter, 1);

    rebuildOwnerFilter();
    updateCount();
    // Esc in the filter box clears it (a second Esc goes back to the table).
    auto *clearFilter = new QAction(m_filter);
    clearFilter->setShortcut(QKeySequence(Qt::Key_Escape));
    clearFilter->setShortcutContext(Qt::WidgetShortcut);
    connect(clearFilter, &QAction::triggered, this, [this] {
        if (m_filter->text().isEmpty())
            m_table->setFocus(Qt::ShortcutFocusReason);
        else
            m_filter->clear();
    });
    m_filter->addAction(clearFilter);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &PortfolioProxyModel::setFilterText);
    connect(m_tierFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setTierFilter(domain::tierFromNumber(m_tierFilter->currentData().toInt()));
    });
    connect(m_ownerFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setOwnerFilter(m_ownerFilter->currentData().toLongLong());
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &PortfolioView::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &PortfolioView::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &PortfolioView::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &PortfolioView::updateCount);
    // The book's own count moves with rows the filter hides too.
    connect(&m_model, &QAbstractItemModel::rowsInserted, this, &PortfolioView::updateCount);
    connect(&m_model, &QAbstractItemModel::rowsRemoved, this, &PortfolioView::updateCount);
    connect(&m_model, &PortfolioModel::totalsChanged, this, &PortfolioView::updateCount);
    // Industry and Region suggestions follow the book's values (read again when next needed).
    const auto suggestionsStale = [this] { m_suggestionsStale = true; };
    connect(&m_model, &QAbstractItemModel::rowsInserted, this, suggestionsStale);
    connect(&m_model, &QAbstractItemModel::rowsRemoved, this, suggestionsStale);
    connect(&m_model, &QAbstractItemModel::dataChanged, this, suggestionsStale);
    connect(&m_model, &QAbstractItemModel::modelReset, this, suggestionsStale);
    connect(&m_portfolio, &services::Portfolio::teamChanged, this, [this] {
        m_form->setTeam(services::query::team(m_portfolio));
        rebuildOwnerFilter();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &PortfolioView::showCurrent);
    connect(&m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &tl, const QModelIndex &br) {
        const int row = m_model.rowOfId(m_formId);
        if (row >= tl.row() && row <= br.row() && !m_form->isDirty())
            m_form->setAccount(m_model.rowAt(row).account, m_model.rowAt(row).segment);
    });
    connect(m_form, &AccountForm::applyRequested, this, &PortfolioView::applyForm);
}

void PortfolioView::rebuildOwnerFilter()
{
    const qint64 current = m_ownerFilter->currentData().isValid() ? m_ownerFilter->currentData().toLongLong()
                                                                   : PortfolioProxyModel::kAnyOwner;
    QSignalBlocker block(m_ownerFilter);
    m_ownerFilter->clear();
    m_ownerFilter->addItem(tr("All owners"), PortfolioProxyModel::kAnyOwner);
    m_ownerFilter->addItem(tr("Unassigned"), PortfolioProxyModel::kUnassigned);
    for (const domain::TeamMember &m : services::query::team(m_portfolio))
        m_ownerFilter->addItem(m.name, m.id);
    m_ownerFilter->setCurrentIndex(std::max(0, m_ownerFilter->findData(current)));
}

void PortfolioView::setOwnerFilter(qint64 ownerId)
{
    m_ownerFilter->setCurrentIndex(std::max(0, m_ownerFilter->findData(ownerId)));
}

void PortfolioView::updateCount()
{
    const int shown = m_proxy->rowCount();
    const int total = m_model.rowCount();
    const QLocale c(QLocale::English);
    m_count->setText(shown == total ? (total == 1 ? tr("1 account") : tr("%1 accounts").arg(c.toString(total)))
                                    : tr("Showing %1 of %2").arg(c.toString(shown), c.toString(total)));
    m_noMatch->setVisible(shown == 0 && total > 0);
    if (shown == 0 && total > 0)
        m_noMatch->setText(tr("<b>No accounts match the filter.</b> %1 accounts are hidden by it. <a href=\"clear\">Clear the filter</a> "
                              "(Esc in the filter box) to see them all.")
                               .arg(c.toString(total)));
    // The shown ARR once the burst of row signals is over (a deletion of many rows sends one
    // pair per run of rows): one pass over the shown rows, no reads.
    if (!m_sumQueued) {
        m_sumQueued = true;
        QTimer::singleShot(0, this, &PortfolioView::updateShownTotals);
    }
}

void PortfolioView::updateShownTotals()
{
    m_sumQueued = false;
    const int shown = m_proxy->rowCount();
    const int total = m_model.rowCount();
    qint64 arr = 0;
    if (shown == total) {
        arr = m_model.totalArrCents();
    } else {
        for (int r = 0; r < shown; ++r)
            arr += m_model.rowAt(m_proxy->mapToSource(m_proxy->index(r, 0)).row()).account.arr.cents;
    }
    const bool changed = shown != m_shownCount || total != m_totalCount || arr != m_shownArr;
    m_shownCount = shown;
    m_totalCount = total;
    m_shownArr = arr;
    if (changed)
        Q_EMIT shownChanged();
}

bool PortfolioView::showsNoAccount() const
{
    return m_detail->currentIndex() == 1;
}

std::pair<QStringList, QStringList> PortfolioView::bookValues() const
{
    // From the rows in memory: no read, one pass.
    QSet<QString> industries, regions;
    for (int r = 0; r < m_model.rowCount(); ++r) {
        const domain::Account &a = m_model.rowAt(r).account;
        if (!a.industry.isEmpty())
            industries.insert(a.industry);
        if (!a.region.isEmpty())
            regions.insert(a.region);
    }
    QStringList i(industries.cbegin(), industries.cend()), g(regions.cbegin(), regions.cend());
    const auto byName = [](const QString &x, const QString &y) { return QString::localeAwareCompare(x, y) < 0; };
    std::sort(i.begin(), i.end(), byName);
    std::sort(g.begin(), g.end(), byName);
    return {i, g};
}

QByteArray PortfolioView::saveState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << quint32(1) << m_table->horizontalHeader()->saveState() << m_splitter->saveState();
    return state;
}

bool PortfolioView::restoreState(const QByteArray &state)
{
    QDataStream in(state);
    quint32 version = 0;
    QByteArray header, splitter;
    in >> version >> header >> splitter;
    if (in.status() != QDataStream::Ok || version != 1)
        return false; // a state from another version: the defaults stay
    QHeaderView *h = m_table->horizontalHeader();
    if (!h->restoreState(header))
        return false;
    h->setSectionHidden(PortfolioModel::Name, false); // the name always shows
    // The header remembers the sort indicator; the rows are sorted again by it.
    m_table->sortByColumn(h->sortIndicatorSection(), h->sortIndicatorOrder());
    m_splitter->restoreState(splitter);
    return true;
}

void PortfolioView::clearFilters()
{
    m_filter->clear();
    m_tierFilter->setCurrentIndex(0);
    m_ownerFilter->setCurrentIndex(0);
}

bool PortfolioView::isFiltered() const
{
    return !m_filter->text().isEmpty() || m_tierFilter->currentIndex() > 0 || m_ownerFilter->currentIndex() > 0;
}

QMenu *PortfolioView::columnsMenu(QWidget *parent)
{
    auto *menu = new QMenu(tr("Columns"), parent);
    QHeaderView *header = m_table->horizontalHeader();
    for (int c = 0; c < m_model.columnCount(); ++c) {
        if (c == PortfolioModel::Name)
            continue;
        QAction *a = menu->addAction(m_model.headerData(c, Qt::Horizontal).toString());
        a->setCheckable(true);
        a->setChecked(!header->isSectionHidden(c));
        connect(a, &QAction::toggled, header, [header, c](bool on) { header->setSectionHidden(c, !on); });
    }
    menu->addSeparator();
    menu->addAction(tr("Show All Columns"), header, [header] {
        for (int c = 0; c < header->count(); ++c)
            header->setSectionHidden(c, false);
    });
    return menu;
}

void PortfolioView::setRowActions(QList<QAction *> actions)
{
    m_listActions->setExtraActions(std::move(actions));
}

void PortfolioView::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

qint64 PortfolioView::currentAccountId() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? current.data(PortfolioModel::AccountIdRole).toLongLong() : 0;
}

QList<qint64> PortfolioView::selectedAccountIds() const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<qint64> ids;
    for (const QModelIndex &i : rows)
        ids << i.data(PortfolioModel::AccountIdRole).toLongLong();
    return ids;
}

QList<qint64> PortfolioView::batchAccountIds() const
{
    QList<qint64> ids;
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.size() > 1) {
        std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
        for (const QModelIndex &i : rows)
            ids << i.data(PortfolioModel::AccountIdRole).toLongLong();
        return ids;
    }
    ids.reserve(m_proxy->rowCount());
    for (int r = 0; r < m_proxy->rowCount(); ++r)
        ids << m_proxy->index(r, 0).data(PortfolioModel::AccountIdRole).toLongLong();
    return ids;
}

bool PortfolioView::selectAccount(qint64 id)
{
    const int sourceRow = m_model.rowOfId(id);
    if (sourceRow < 0)
        return false;
    QModelIndex proxyIndex = m_proxy->mapFromSource(m_model.index(sourceRow, PortfolioModel::Name));
    if (!proxyIndex.isValid()) {
        // Hidden by the filter: clear the filters so the account can be shown.
        m_filter->clear();
        m_tierFilter->setCurrentIndex(0);
        m_ownerFilter->setCurrentIndex(0);
        proxyIndex = m_proxy->mapFromSource(m_model.index(sourceRow, PortfolioModel::Name));
    }
    m_table->selectionModel()->setCurrentIndex(proxyIndex, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(proxyIndex, QAbstractItemView::PositionAtCenter);
    return true;
}

void PortfolioView::showCurrent()
{
    const qint64 id = currentAccountId();
    if (id == m_formId)
        return;
    if (m_formId != 0 && m_form->isDirty())
        applyForm(); // moving on keeps what was typed, like a committed cell edit
    m_formId = id;
    Q_EMIT currentAccountChanged(id);
    const int row = m_model.rowOfId(id);
    m_form->setEnabled(row >= 0);
    if (row < 0) // nothing selected (the filter left no rows, or they were deleted): an empty form
        m_form->setAccount(domain::Account{}, std::nullopt);
    m_detail->setCurrentIndex(row >= 0 ? 0 : 1);
    const QString locked = row >= 0 ? m_portfolio.whyReadOnly(id) : QString();
    m_form->setReadOnly(!locked.isEmpty());
    m_form->setToolTip(locked.isEmpty() ? QString() : tr("Read-only: %1").arg(locked));
    if (row >= 0)
        m_form->setAccount(m_model.rowAt(row).account, m_model.rowAt(row).segment);
    if (row >= 0 && m_suggestionsStale) { // once after the book's values may have moved
        const auto [industries, regions] = bookValues();
        m_form->setSuggestions(industries, regions);
        m_suggestionsStale = false;
    }
}

void PortfolioView::applyForm()
{
    const int row = m_model.rowOfId(m_formId);
    if (row < 0)
        return;
    domain::FieldErrors errors;
    const domain::Account after = m_form->editedAccount(&errors);
    if (!errors.isEmpty()) {
        m_form->showErrors(errors);
        return;
    }
    const domain::Account before = m_model.rowAt(row).account;
    if (after == before) {
        m_form->setAccount(before, m_model.rowAt(row).segment);
        return;
    }
    try {
        const domain::Account stored = m_accounts.update(after);
        m_undo.push(makeEditAccountCommand(m_accounts, before, stored, tr("Edit account '%1'").arg(stored.name),
                                           [this](const QString &m) { Q_EMIT errorOccurred(m); }));
        const int newRow = m_model.rowOfId(stored.id);
        m_form->setAccount(m_model.rowAt(newRow).account, m_model.rowAt(newRow).segment);
        Q_EMIT message(tr("Saved '%1'").arg(stored.name));
    } catch (const services::ValidationError &e) {
        m_form->showErrors(e.errors());
    } catch (const services::StorageError &e) {
        Q_EMIT errorOccurred(e.message());
    }
}

void PortfolioView::addAccount()
{
    // A read-only file, or a viewer of the team book (an am may add accounts they own).
    if (const QString locked = m_portfolio.whyReadOnly(0); !locked.isEmpty()) {
        Q_EMIT errorOccurred(locked);
        return;
    }
    QDialog dialog(this);
    dialog.setWindowTitle(tr("New Account"));
    auto *form = new AccountForm(&dialog);
    form->setButtonsVisible(false);
    form->setTeam(services::query::team(m_portfolio));
    domain::Account draft;
    draft.arr.currency = m_portfolio.settings().currency;
    draft.ownerId = m_ownerFilter->currentData().toLongLong() > 0 ? m_ownerFilter->currentData().toLongLong() : 0;
    form->setAccount(draft, std::nullopt);
    const auto [industries, regions] = bookValues();
    form->setSuggestions(industries, regions);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Add Account"));
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    qint64 createdId = 0;
    auto accept = [&] {
        domain::FieldErrors errors;
        const domain::Account edited = form->editedAccount(&errors);
        if (!errors.isEmpty()) {
            form->showErrors(errors);
            return;
        }
        try {
            const domain::Account created = m_accounts.create(edited);
            createdId = created.id;
            m_undo.push(makeAddAccountCommand(m_accounts, created, [this](const QString &m) { Q_EMIT errorOccurred(m); }));
            dialog.accept();
        } catch (const services::ValidationError &e) {
            form->showErrors(e.errors());
        } catch (const services::StorageError &e) {
            form->showErrors({{QStringLiteral("file"), e.message()}});
        }
    };
    connect(buttons, &QDialogButtonBox::accepted, &dialog, accept);
    connect(form, &AccountForm::applyRequested, &dialog, accept);
    form->focusName();
    if (dialog.exec() == QDialog::Accepted && createdId > 0) {
        selectAccount(createdId);
        Q_EMIT message(tr("Added account"));
    }
}

void PortfolioView::deleteSelected()
{
    if (m_portfolio.isReadOnly()) {
        Q_EMIT errorOccurred(m_portfolio.readOnlyReason());
        return;
    }
    QList<qint64> ids;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        ids.append(index.data(PortfolioModel::AccountIdRole).toLongLong());
    if (ids.isEmpty())
        return;
    for (const qint64 id : std::as_const(ids))
        if (const QString locked = m_portfolio.whyReadOnly(id); !locked.isEmpty()) {
            const int row = m_model.rowOfId(id);
            Q_EMIT errorOccurred(tr("%1 cannot be deleted: %2").arg(row >= 0 ? m_model.rowAt(row).account.name : tr("An account"), locked));
            return;
        }
    reportFailures([this](const QString &m) { Q_EMIT errorOccurred(m); }, [&] {
        QUndoCommand *command = makeDeleteAccountsCommand(m_portfolio, m_accounts, ids, [this](const QString &m) { Q_EMIT errorOccurred(m); });
        const QString text = command->text();
        m_undo.push(command);
        Q_EMIT message(tr("%1. Undo with Ctrl+Z.").arg(text));
    });
}

} // namespace keystone::app
