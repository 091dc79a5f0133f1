// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "dialogs/teamdialog.h"
#include "widgets/colours.h"

#include "portfolio/portfoliomodel.h"
#include "commands/teamcommands.h"
#include "ui_teammemberform.h"

#include "keystone/domain/validation.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/queries.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace keystone::app {

TeamDialog::TeamDialog(services::Portfolio &portfolio, services::TeamService &team, PortfolioModel &model,
                       QUndoStack &undo, QWidget *parent)
    : QDialog(parent)
    , m_portfolio(portfolio)
    , m_team(team)
    , m_model(model)
    , m_undo(undo)
{
    setWindowTitle(tr("Team Members"));
    resize(720, 460);
    m_list = new QTreeWidget(this);
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setHeaderLabels({tr("Name"), tr("Role"), tr("E-mail"), tr("Hours / month"), tr("Accounts owned")});
    m_list->setSortingEnabled(true);
    m_list->sortByColumn(0, Qt::AscendingOrder);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(4, QHeaderView::Fixed);
    m_list->header()->setSectionResizeMode(3, QHeaderView::Fixed);
    const QFontMetrics fm = m_list->fontMetrics();
    m_list->setColumnWidth(0, fm.horizontalAdvance(QStringLiteral("Tomás Johansson-Weber")));
    m_list->setColumnWidth(1, fm.horizontalAdvance(QStringLiteral("Onboarding")) + 24);
    m_list->setColumnWidth(3, fm.horizontalAdvance(tr("Hours / month")) + 28);
    m_list->setColumnWidth(4, fm.horizontalAdvance(tr("Accounts owned")) + 28);

    auto *add = new QPushButton(tr("&Add…"), this);
    m_edit = new QPushButton(tr("&Edit…"), this);
    m_remove = new QPushButton(tr("&Remove"), this);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    const bool writable = !m_portfolio.isReadOnly();
    add->setEnabled(writable);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    buttons->addWidget(close);
    auto *hint = new QLabel(tr("Removing a member leaves their accounts unassigned; Undo gives them back."), this);
    colours::follow(hint, [hint] { hint->setStyleSheet(QStringLiteral("color: %1;").arg(colours::inkName(colours::Ink::Muted))); });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addWidget(hint);
    layout->addLayout(buttons);

    connect(add, &QPushButton::clicked, this, &TeamDialog::addMember);
    connect(m_edit, &QPushButton::clicked, this, &TeamDialog::editSelected);
    connect(m_remove, &QPushButton::clicked, this, &TeamDialog::removeSelected);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, &TeamDialog::editSelected);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, [this, writable] {
        const bool one = m_list->selectedItems().size() == 1;
        m_edit->setEnabled(writable && one);
        m_remove->setEnabled(writable && one);
    });
    connect(&m_portfolio, &services::Portfolio::teamChanged, this, &TeamDialog::refresh);
    refresh();
    m_edit->setEnabled(false);
    m_remove->setEnabled(false);
}

void TeamDialog::refresh()
{
    // Accounts per owner from the rows already loaded: no query per member.
    QHash<qint64, int> owned;
    for (int r = 0; r < m_model.rowCount(); ++r)
        ++owned[m_model.rowAt(r).account.ownerId];
    const qint64 selected = m_list->currentItem() ? m_list->currentItem()->data(0, Qt::UserRole).toLongLong() : 0;
    m_list->setSortingEnabled(false);
    m_list->clear();
    for (const domain::TeamMember &m : services::query::team(m_portfolio)) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, m.name);
        item->setText(1, domain::teamRoleName(m.role));
        item->setText(2, m.email);
        item->setData(3, Qt::DisplayRole, m.hoursPerMonth);
        item->setData(4, Qt::DisplayRole, owned.value(m.id));
        item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(4, Qt::AlignRight | Qt::AlignVCenter);
        item->setData(0, Qt::UserRole, m.id);
        if (m.id == selected)
            m_list->setCurrentItem(item);
    }
    m_list->setSortingEnabled(true);
}

bool TeamDialog::editMember(qint64 id)
{
    domain::TeamMember before;
    if (id > 0) {
        const auto m = services::query::member(m_portfolio, id);
        if (!m)
            return false;
        before = *m;
    }
    QDialog dialog(this);
    Ui::TeamMemberForm ui;
    ui.setupUi(&dialog);
    dialog.setWindowTitle(id > 0 ? tr("Edit Team Member") : tr("Add Team Member"));
    ui.roleCombo->addItems(domain::teamRoleNames());
    ui.nameEdit->setText(before.name);
    ui.roleCombo->setCurrentIndex(int(before.role));
    ui.emailEdit->setText(before.email);
    ui.hoursSpin->setValue(before.hoursPerMonth);
    ui.errorLabel->hide();
    auto reportError = [this](const QString &message) { QMessageBox::warning(this, tr("Keystone"), message); };
    QObject::connect(ui.buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    QObject::connect(ui.buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        domain::TeamMember after = before;
        after.name = ui.nameEdit->text().simplified();
        after.role = domain::TeamRole(ui.roleCombo->currentIndex());
        after.email = ui.emailEdit->text().trimmed();
        after.hoursPerMonth = ui.hoursSpin->value();
        try {
            if (id > 0) {
                if (after == before) {
                    dialog.accept();
                    return;
                }
                m_team.update(after);
                m_undo.push(makeEditTeamMemberCommand(m_team, before, after, reportError));
            } else {
                const domain::TeamMember created = m_team.create(after);
                m_undo.push(makeAddTeamMemberCommand(m_team, created, reportError));
            }
            dialog.accept();
        } catch (const services::ValidationError &e) {
            QStringList lines;
            for (const domain::FieldError &fe : e.errors())
                lines << fe.message;
            ui.errorLabel->setText(lines.join(QLatin1Char('\n')));
            ui.errorLabel->show();
        } catch (const services::StorageError &e) {
            ui.errorLabel->setText(e.message());
            ui.errorLabel->show();
        }
    });
    return dialog.exec() == QDialog::Accepted;
}

void TeamDialog::addMember()
{
    editMember(0);
}

void TeamDialog::editSelected()
{
    if (m_portfolio.isReadOnly() || !m_list->currentItem())
        return;
    editMember(m_list->currentItem()->data(0, Qt::UserRole).toLongLong());
}

void TeamDialog::removeSelected()
{
    if (m_portfolio.isReadOnly() || !m_list->currentItem())
        return;
    const qint64 id = m_list->currentItem()->data(0, Qt::UserRole).toLongLong();
    const CommandErrorHandler warn = [this](const QString &m) { QMessageBox::warning(this, tr("Keystone"), m); };
    reportFailures(warn, [&] { m_undo.push(makeRemoveTeamMemberCommand(m_portfolio, m_team, id, warn)); });
}

} // namespace keystone::app
