// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "dialogs/teambookdialogs.h"

#include "keystone/services/portfolio.h"
#include "keystone/services/syncstore.h"
#include "keystone/services/validationerror.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace keystone::app {

TeamConnectDialog::TeamConnectDialog(const QString &remembered, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Connect to Team Book"));
    auto *form = new QFormLayout;
    m_server = new QLineEdit(remembered);
    m_server->setPlaceholderText(QStringLiteral("postgresql://db.example.com/keystone?sslmode=verify-full"));
    m_server->setMinimumWidth(460);
    m_server->setAccessibleName(tr("Team book server"));
    m_login = new QLineEdit;
    m_login->setPlaceholderText(tr("as in the URL, or your system login"));
    m_login->setAccessibleName(tr("Login"));
    m_password = new QLineEdit;
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("kept for this session only"));
    m_password->setAccessibleName(tr("Password"));
    form->addRow(tr("&Server:"), m_server);
    form->addRow(tr("&Login:"), m_login);
    form->addRow(tr("&Password:"), m_password);
    auto *note = new QLabel(tr("A file of your own is published as the team book when the server's book is empty; a new, "
                               "empty file takes the team's book. Passwords are never saved (~/.pgpass works too)."));
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("Connect and Sync"));
    // Nothing to connect to until a server is named.
    const auto named = [this, ok] { ok->setEnabled(!m_server->text().trimmed().isEmpty()); };
    connect(m_server, &QLineEdit::textChanged, this, named);
    named();
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
}

std::optional<TeamConnection> TeamConnectDialog::connection() const
{
    if (m_server->text().trimmed().isEmpty())
        return std::nullopt;
    TeamConnection c;
    c.url = m_server->text().trimmed();
    const QString user = m_login->text().trimmed();
    if (!user.isEmpty()) {
        if (c.url.startsWith(QLatin1String("postgres://")) || c.url.startsWith(QLatin1String("postgresql://")))
            c.url += (c.url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) + QStringLiteral("user=") +
                     QString::fromLatin1(QUrl::toPercentEncoding(user));
        else if (user.contains(QLatin1Char(' ')) || user.contains(QLatin1Char('\'')) || user.contains(QLatin1Char('\\')))
            c.url += QStringLiteral(" user='%1'").arg(QString(user).replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('\''), QStringLiteral("\\'")));
        else
            c.url += QStringLiteral(" user=") + user;
    }
    c.password = m_password->text();
    return c;
}

std::optional<TeamConnection> askTeamConnection(QWidget *parent, const QString &remembered)
{
    TeamConnectDialog dialog(remembered, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.connection();
}

namespace {

// A conflict's value as a person reads it: JSON text shown plainly ("EMEA North", not
// "\"EMEA North\""), nothing as a dash.
QString plainValue(const QString &json)
{
    if (json.isEmpty() || json == QLatin1String("null"))
        return QStringLiteral("—");
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + json.toUtf8() + "]");
    if (doc.isArray() && doc.array().size() == 1) {
        const QJsonValue v = doc.array().at(0);
        if (v.isString())
            return v.toString();
        if (v.isBool())
            return v.toBool() ? QObject::tr("yes") : QObject::tr("no");
        if (v.isDouble())
            return QString::number(v.toDouble(), 'g', 15);
    }
    return json;
}

enum Column { AccountCol, WhatCol, MineCol, TheirsCol, KeptCol, ByCol, WhenCol, WhyCol, ColumnCount };

} // namespace

ConflictsDialog::ConflictsDialog(services::Portfolio &portfolio, QWidget *parent) : QDialog(parent), m_portfolio(portfolio)
{
    setWindowTitle(tr("Team Book Conflicts"));
    resize(1240, 440);
    m_summary = new QLabel;
    m_summary->setWordWrap(true);
    m_table = new QTableWidget(0, ColumnCount);
    m_table->setHorizontalHeaderLabels({tr("Account"), tr("What"), tr("Mine"), tr("Theirs"), tr("Kept"), tr("By"), tr("When"), tr("Why")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    // Widths from the text a conflict usually holds, not from every row.
    const QFontMetrics fm = m_table->fontMetrics();
    const int widths[] = {fm.horizontalAdvance(QStringLiteral("Lakeshore Precision Parts")), fm.horizontalAdvance(QStringLiteral("contact 'Maria Lopez' · ti")),
                          fm.horizontalAdvance(QStringLiteral("Agreed 12% discount with pro")), fm.horizontalAdvance(QStringLiteral("Agreed 12% discount with pro")),
                          fm.horizontalAdvance(QStringLiteral("theirs")), fm.horizontalAdvance(QStringLiteral("Tomás Johansson")),
                          fm.horizontalAdvance(QStringLiteral("2026-12-07 03:16"))};
    for (int c = 0; c < WhyCol; ++c)
        m_table->setColumnWidth(c, widths[c] + 18);
    m_mine = new QPushButton(tr("Keep &Mine"));
    m_mine->setToolTip(tr("Put your value back in the file; the next sync sends it to the team book"));
    m_theirs = new QPushButton(tr("Keep &Theirs"));
    m_theirs->setToolTip(tr("Keep the team book's value and close the conflict"));
    auto *close = new QPushButton(tr("Close"));
    close->setDefault(true);
    connect(m_mine, &QPushButton::clicked, this, [this] { resolve(m_table->currentRow(), true); });
    connect(m_theirs, &QPushButton::clicked, this, [this] { resolve(m_table->currentRow(), false); });
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    // The selected conflict in full: values and reasons are often longer than a cell.
    m_detail = new QLabel;
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setMinimumHeight(4 * fontMetrics().height());
    m_detail->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) {
        m_mine->setEnabled(row >= 0);
        m_theirs->setEnabled(row >= 0);
        if (row < 0 || !m_table->item(row, 0)) {
            m_detail->setText(tr("Select a conflict to see both values in full."));
            return;
        }
        auto cell = [this, row](int col) { return m_table->item(row, col)->text().toHtmlEscaped(); };
        m_detail->setText(tr("<b>%1</b>, %2<br><b>Mine:</b> %3<br><b>Theirs</b> (%4, %5): %6<br><b>Why:</b> %7 · <b>Kept:</b> %8")
                              .arg(cell(AccountCol), cell(WhatCol), cell(MineCol), cell(ByCol), cell(WhenCol), cell(TheirsCol), cell(WhyCol),
                                   cell(KeptCol)));
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_mine);
    buttons->addWidget(m_theirs);
    buttons->addStretch();
    buttons->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_detail);
    layout->addLayout(buttons);
    reload();
}

int ConflictsDialog::rowCount() const
{
    return m_table->rowCount();
}

void ConflictsDialog::reload()
{
    const auto all = services::SyncStore(m_portfolio).conflicts();
    m_table->setRowCount(0);
    m_table->setRowCount(int(all.size()));
    for (int r = 0; r < int(all.size()); ++r) {
        const auto &c = all[size_t(r)];
        const QDateTime at = QDateTime::fromString(c.changedAt, Qt::ISODateWithMs);
        const QStringList cells{c.account.isEmpty() ? QStringLiteral("—") : c.account,
                                c.table == QLatin1String("accounts") && !c.field.isEmpty() ? c.field
                                : c.field.isEmpty()                                        ? c.label
                                                                                           : QStringLiteral("%1 · %2").arg(c.label, c.field),
                                plainValue(c.mine), plainValue(c.theirs),
                                c.kept == QLatin1String("mine") ? tr("mine") : tr("theirs"), c.changedBy,
                                at.isValid() ? at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : c.changedAt, c.reason};
        for (int col = 0; col < cells.size(); ++col) {
            auto *item = new QTableWidgetItem(cells[col].left(200));
            item->setToolTip(cells[col]);
            if (col == 0)
                item->setData(Qt::UserRole, c.id);
            m_table->setItem(r, col, item);
        }
    }
    m_summary->setText(all.empty() ? tr("No open conflicts: every change reached the team book.")
                                   : (all.size() == 1 ? tr("1 change met") : tr("%1 changes met").arg(all.size()))
                                         + tr(" a teammate's change or the team book's rules. Kept says which value the book holds now; "
                                              "Keep Mine or Keep Theirs settles one, and the next sync sends the choice."));
    m_mine->setEnabled(false);
    m_theirs->setEnabled(false);
    m_detail->clear();
    if (m_table->rowCount() > 0)
        m_table->setCurrentCell(0, 0);
}

bool ConflictsDialog::resolve(int row, bool keepMine)
{
    if (row < 0 || row >= m_table->rowCount())
        return false;
    const qint64 id = m_table->item(row, 0)->data(Qt::UserRole).toLongLong();
    try {
        services::SyncStore(m_portfolio).resolve(id, keepMine);
    } catch (const services::ValidationError &e) {
        QMessageBox::warning(this, windowTitle(), e.message());
        return false;
    }
    reload();
    Q_EMIT resolved();
    return true;
}

} // namespace keystone::app
