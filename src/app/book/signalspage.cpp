// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// The proactive inbox: signals by severity, snoozed or dismissed with a reason.
#include "book/teamleadpages.h"
#include "book/bookpagesupport.h"

#include "book/accountlistfilter.h"
#include "book/bookloader.h"

#include "keystone/services/clock.h"
#include "keystone/services/portfolio.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>

namespace keystone::app {

using namespace bookpages; // BookData, BookAccount, Cell, Row and the helpers

SignalsPage::SignalsPage(BookLoader &loader, BookEditContext edit, QWidget *parent)
    : BookPage(loader, tr("Signals"), parent)
    , m_edit(std::move(edit))
{
    auto *bar = new QHBoxLayout;
    m_severity = new QComboBox(this);
    m_severity->addItems({tr("All severities"), tr("High"), tr("Medium"), tr("Low")});
    m_rule = new QComboBox(this);
    m_rule->addItem(tr("All signals"));
    for (int r = 0; r < domain::kSignalRuleCount; ++r)
        m_rule->addItem(domain::signalRuleName(domain::SignalRule(r)));
    m_showHidden = new QCheckBox(tr("Show snoozed and dismissed"), this);
    for (QComboBox *c : {m_severity, m_rule})
        connect(c, &QComboBox::activated, this, [this] { refill(); });
    connect(m_showHidden, &QCheckBox::toggled, this, [this] { refill(); });
    bar->addWidget(m_severity);
    bar->addWidget(m_rule);
    bar->addWidget(m_showHidden);
    bar->addStretch(1);
    auto *snooze = new QPushButton(tr("Snooze…"), this);
    auto *dismiss = new QPushButton(tr("Dismiss…"), this);
    auto *reopen = new QPushButton(tr("Reopen"), this);
    snooze->setToolTip(tr("Hide the selected signals until a date; they come back on that date"));
    dismiss->setToolTip(tr("Hide the selected signals with a reason; the reason is kept"));
    reopen->setToolTip(tr("Show snoozed or dismissed signals again"));
    bar->addWidget(snooze);
    bar->addWidget(dismiss);
    bar->addWidget(reopen);
    body()->addLayout(bar);
    m_filter = new AccountListFilterBar(loader.portfolioPath(), this);
    connect(m_filter, &AccountListFilterBar::changed, this, [this] { refill(); });
    body()->addWidget(m_filter);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("signalsSummary"));
    body()->addWidget(m_summary);
    m_rows = new RowsModel({tr("Severity"), tr("Account"), tr("Owner"), tr("Tier"), tr("ARR"), tr("Signal"), tr("Reason"), tr("Next step"), tr("State")},
                           this);
    m_view = makeTable(m_rows, false); // high severity first; within one, the largest ARR first (then the name)
    m_view->setAccessibleName(tr("Signals"));
    m_view->setObjectName(QStringLiteral("signals"));
    body()->addWidget(m_view, 1);
    // The buttons act on the selected signals: with none selected there is nothing to act on.
    const auto updateButtons = [this, snooze, dismiss, reopen] {
        bool any = false, hidden = false, shown = false;
        for (const QModelIndex &i : m_view->selectionModel()->selectedRows()) {
            if (i.row() < 0 || size_t(i.row()) >= m_signals.size())
                continue;
            any = true;
            (m_signals[size_t(i.row())].visible ? shown : hidden) = true;
            const auto &d = m_signals[size_t(i.row())].decision;
            if (d && d->decision != domain::SignalDecision::Active)
                hidden = true; // back from snooze still has a decision to take back
        }
        const bool writable = !m_edit.portfolio.isReadOnly();
        snooze->setEnabled(writable && any && shown);
        dismiss->setEnabled(writable && any);
        reopen->setEnabled(writable && hidden);
        const QString none = tr("Select one or more signals first");
        snooze->setToolTip(any ? tr("Hide the selected signals until a date; they come back on that date") : none);
        dismiss->setToolTip(any ? tr("Hide the selected signals with a reason; the reason is kept") : none);
        reopen->setToolTip(hidden ? tr("Show snoozed or dismissed signals again") : tr("Select snoozed or dismissed signals to reopen them"));
    };
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, updateButtons);
    connect(m_rows, &QAbstractItemModel::modelReset, this, updateButtons);
    updateButtons();
    connect(snooze, &QPushButton::clicked, this, [this] {
        QDialog dialog(this);
        dialog.setWindowTitle(tr("Snooze Signals"));
        // Wide enough for its title on every window manager.
        dialog.setMinimumWidth(dialog.fontMetrics().horizontalAdvance(dialog.windowTitle()) * 2 + 160);
        auto *form = new QFormLayout(&dialog);
        auto *until = new QDateEdit(services::today().addDays(14), &dialog);
        until->setCalendarPopup(true);
        until->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        until->setMinimumDate(services::today().addDays(1));
        auto *note = new QLineEdit(&dialog);
        form->addRow(tr("Show again on:"), until);
        form->addRow(tr("Note (optional):"), note);
        auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
        form->addRow(box);
        connect(box, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
        connect(box, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
        if (dialog.exec() == QDialog::Accepted)
            decideSelected(domain::SignalDecision::Snoozed, until->date(), note->text());
    });
    connect(dismiss, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString reason = QInputDialog::getText(this, tr("Dismiss Signals"), tr("Why is this not worth acting on? (kept)"), QLineEdit::Normal, {}, &ok);
        if (ok)
            decideSelected(domain::SignalDecision::Dismissed, {}, reason);
    });
    connect(reopen, &QPushButton::clicked, this, [this] { decideSelected(domain::SignalDecision::Active, {}, {}); });
}

void SignalsPage::setShowHidden(bool show)
{
    m_showHidden->setChecked(show);
}

void SignalsPage::fill(const BookData &book)
{
    const bool showHidden = m_showHidden->isChecked();
    const int severity = m_severity->currentIndex() - 1;
    const int rule = m_rule->currentIndex() - 1;
    // The loader evaluated the rules with this book on its worker; another book (none here
    // today) is evaluated on this page's worker.
    const std::shared_ptr<const BookData> shared = sharedBook();
    const auto evaluated = m_loader.data().get() == &book ? m_loader.sharedSignals() : nullptr;
    m_filter->setTeam(book.team);
    const AccountListFilter filter = m_filter->filter();
    prepareOffThread([this, shared, evaluated, showHidden, severity, rule, filter]() -> std::function<void()> {
        const BookData &b = *shared;
        struct Content {
            std::vector<services::BookSignal> signalList;
            std::vector<Row> rows;
            QString summary;
        };
        auto content = std::make_shared<Content>();
        const std::vector<services::BookSignal> all = evaluated ? std::vector<services::BookSignal>() : services::bookSignals(b);
        int high = 0, medium = 0, low = 0, hidden = 0;
        for (const services::BookSignal &s : evaluated ? *evaluated : all) {
            if (!s.visible)
                ++hidden;
            if ((!s.visible && !showHidden) || (severity >= 0 && int(s.signal.severity) != severity) || (rule >= 0 && int(s.signal.rule) != rule))
                continue;
            const BookAccount &a = b.accounts[b.indexOf.value(s.signal.accountId)];
            if (!filter.accepts(a, s.signal.reason + QLatin1Char(' ') + domain::signalRuleName(s.signal.rule)))
                continue;
            (s.signal.severity == domain::Severity::High ? high : s.signal.severity == domain::Severity::Medium ? medium : low) += 1;
            Row r;
            r.accountId = s.signal.accountId;
            Cell sev = textCell(domain::severityName(s.signal.severity));
            sev.background = s.signal.severity == domain::Severity::High ? overloadTint()
                             : s.signal.severity == domain::Severity::Medium ? colours::tint(colours::Tint::Yellow) : colours::tint(colours::Tint::Blue);
            QString state = tr("Open");
            if (s.decision && s.decision->decision == domain::SignalDecision::Snoozed)
                state = s.visible ? tr("Back from snooze") : tr("Snoozed to %1").arg(s.decision->until.toString(Qt::ISODate));
            else if (s.decision && s.decision->decision == domain::SignalDecision::Dismissed)
                state = tr("Dismissed: %1").arg(s.decision->reason);
            r.cells = {sev, textCell(a.row.account.name), textCell(a.row.ownerName), textCell(domain::tierName(a.row.tier)),
                       moneyCell(b, a.row.account.arr.cents), textCell(domain::signalRuleName(s.signal.rule)), textCell(s.signal.reason), textCell(s.signal.nextStep), textCell(state)};
            r.toolTip = s.signal.reason + QLatin1Char('\n') + tr("Next: %1").arg(s.signal.nextStep);
            content->rows.push_back(std::move(r));
            content->signalList.push_back(s);
        }
        // The stated order: severity, then the largest ARR, then the account's name.
        std::vector<size_t> order(content->rows.size());
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        const auto arrOf = [&](size_t i) { return b.accounts[b.indexOf.value(content->signalList[i].signal.accountId)].row.account.arr.cents; };
        const auto nameOf = [&](size_t i) -> const QString & { return b.accounts[b.indexOf.value(content->signalList[i].signal.accountId)].row.account.name; };
        std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
            const int sx = int(content->signalList[x].signal.severity), sy = int(content->signalList[y].signal.severity);
            if (sx != sy)
                return sx < sy;
            if (arrOf(x) != arrOf(y))
                return arrOf(x) > arrOf(y);
            return QString::compare(nameOf(x), nameOf(y), Qt::CaseInsensitive) < 0;
        });
        std::vector<Row> sortedRows;
        std::vector<services::BookSignal> sortedSignals;
        sortedRows.reserve(order.size());
        sortedSignals.reserve(order.size());
        for (size_t i : order) {
            sortedRows.push_back(std::move(content->rows[i]));
            sortedSignals.push_back(std::move(content->signalList[i]));
        }
        content->rows = std::move(sortedRows);
        content->signalList = std::move(sortedSignals);
        content->summary = tr("%1 signals shown: %2 high, %3 medium, %4 low · %5 snoozed or dismissed")
                               .arg(content->rows.size())
                               .arg(high)
                               .arg(medium)
                               .arg(low)
                               .arg(hidden)
                           + tr(" · high first, then the largest ARR")
                           + (filter.isEmpty() ? QString() : tr(" · filtered"));
        return [this, content] {
            m_signals = std::move(content->signalList);
            m_summary->setText(content->summary);
            m_rows->setRows(std::move(content->rows));
        };
    });
}

bool SignalsPage::decideSelected(domain::SignalDecision decision, const QDate &until, const QString &reason)
{
    std::vector<domain::SignalState> drafts;
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows()) {
        const int row = i.row(); // the model is not sorted: rows run parallel to m_signals
        if (row < 0 || size_t(row) >= m_signals.size())
            continue;
        domain::SignalState s;
        s.accountId = m_signals[size_t(row)].signal.accountId;
        s.rule = m_signals[size_t(row)].signal.rule;
        s.decision = decision;
        s.until = until;
        s.reason = reason;
        drafts.push_back(s);
    }
    if (drafts.empty())
        return false;
    auto stored = std::make_shared<std::vector<domain::SignalState>>();
    services::Portfolio &portfolio = m_edit.portfolio;
    auto apply = [&portfolio, drafts, stored] {
        stored->clear();
        for (const auto &d : drafts)
            stored->push_back(services::decideSignal(portfolio, d));
    };
    auto revert = [&portfolio, stored] {
        for (auto it = stored->rbegin(); it != stored->rend(); ++it)
            services::removeSignalDecision(portfolio, *it);
    };
    if (!reportFailures(m_edit.onError, apply)) {
        revert();
        return false;
    }
    const QString what = decision == domain::SignalDecision::Snoozed ? tr("Snooze") : decision == domain::SignalDecision::Dismissed ? tr("Dismiss") : tr("Reopen");
    m_edit.undo.push(new ReplayCommand(drafts.size() == 1 ? tr("%1 a signal").arg(what) : tr("%1 %2 signals").arg(what).arg(drafts.size()), revert, apply, m_edit.onError));
    return true;
}

} // namespace keystone::app
