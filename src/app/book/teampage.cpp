// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// The team's capacity: effort per account and member against the hours each has.
#include "book/teamleadpages.h"
#include "book/bookpagesupport.h"

#include "book/bookloader.h"

#include "keystone/services/portfolio.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace keystone::app {

using namespace bookpages; // BookData, BookAccount, Cell, Row and the helpers

TeamPage::TeamPage(BookLoader &loader, BookEditContext edit, QWidget *parent)
    : BookPage(loader, tr("Team and Coverage"), parent)
    , m_edit(std::move(edit))
{
    body()->addWidget(heading(tr("People: accounts owned or assigned, effort and utilisation")));
    m_people = new RowsModel({tr("Name"), tr("Role"), tr("Hours / month"), tr("Tier 1"), tr("Tier 2"), tr("Tier 3"), tr("Effort (h)"),
                              tr("Utilisation"), tr("Guidance")}, this);
    QTableView *pv = makeTable(m_people, true, 7, Qt::DescendingOrder); // most loaded first
    pv->setAccessibleName(tr("Utilisation per person"));
    pv->setObjectName(QStringLiteral("teamPeople"));
    body()->addWidget(pv, 3);
    auto *bottom = new QHBoxLayout;
    auto *l = new QVBoxLayout;
    l->addWidget(heading(tr("Required FTE per role")));
    m_roles = new RowsModel({tr("Role"), tr("Required hours"), tr("Required FTE"), tr("Team FTE"), tr("Gap"), tr("People")}, this);
    QTableView *rv = makeTable(m_roles, false);
    rv->setAccessibleName(tr("Required FTE per role"));
    rv->setObjectName(QStringLiteral("teamRoles"));
    rv->setFixedHeight(rv->verticalHeader()->defaultSectionSize() * domain::kTeamRoleCount + rv->horizontalHeader()->sizeHint().height() + 4);
    l->addWidget(rv);
    l->addStretch(1);
    bottom->addLayout(l, 1);
    auto *r = new QVBoxLayout;
    r->addWidget(heading(tr("Effort matrix: hours per account per month (edit a cell; undo with Ctrl+Z)")));
    m_effort = new QTableWidget(3, domain::kTeamRoleCount, this);
    m_effort->setAccessibleName(tr("Effort matrix: hours per account per month"));
    m_effort->setObjectName(QStringLiteral("effortMatrix"));
    m_effort->setHorizontalHeaderLabels(domain::teamRoleNames());
    m_effort->setVerticalHeaderLabels({tr("Tier 1"), tr("Tier 2"), tr("Tier 3")});
    m_effort->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    connect(m_effort, &QTableWidget::cellChanged, this, &TeamPage::effortEdited);
    m_effort->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_effort->setFixedHeight(m_effort->horizontalHeader()->sizeHint().height() + 3 * m_effort->verticalHeader()->defaultSectionSize() + 4);
    r->addWidget(m_effort);
    m_guidance = new QLabel(tr("Rules of thumb: 8-12 strategic (Tier 1) accounts per AM, 5 or fewer for the largest global ones; "
                               "25-40 mid-market accounts per AM. Utilisation over 100% is overload."), this);
    m_guidance->setWordWrap(true);
    r->addWidget(m_guidance);
    r->addStretch(1);
    bottom->addLayout(r, 1);
    body()->addLayout(bottom);
}

void TeamPage::fill(const BookData &book)
{
    const services::CoverageReport c = services::coverageReport(book);
    std::vector<Row> people;
    for (const auto &p : c.people) {
        Row r;
        Cell util = numberCell(QStringLiteral("%1%").arg(p.utilisation.ratio * 100, 0, 'f', 0), p.utilisation.ratio);
        if (p.utilisation.overloaded()) {
            util.background = overloadTint();
            util.foreground = warnInk();
        }
        r.cells = {textCell(p.member.name), textCell(domain::teamRoleName(p.member.role)),
                   numberCell(QString::number(p.member.hoursPerMonth), p.member.hoursPerMonth),
                   numberCell(QString::number(p.assigned[0]), p.assigned[0]), numberCell(QString::number(p.assigned[1]), p.assigned[1]),
                   numberCell(QString::number(p.assigned[2]), p.assigned[2]),
                   numberCell(QString::number(p.utilisation.effortHours, 'f', 1), p.utilisation.effortHours), util, textCell(p.guidance)};
        people.push_back(std::move(r));
    }
    m_people->setRows(std::move(people));
    std::vector<Row> roles;
    for (const auto &rc : c.roles) {
        Row r;
        const double gap = rc.availableFte - rc.requiredFte;
        Cell gapCell = numberCell(QString::number(gap, 'f', 1), gap);
        if (gap < -0.05)
            gapCell.foreground = warnInk();
        r.cells = {textCell(domain::teamRoleName(rc.role)), numberCell(QString::number(rc.requiredHours, 'f', 0), rc.requiredHours),
                   numberCell(QString::number(rc.requiredFte, 'f', 1), rc.requiredFte), numberCell(QString::number(rc.availableFte, 'f', 1), rc.availableFte),
                   gapCell, numberCell(QString::number(rc.people), rc.people)};
        roles.push_back(std::move(r));
    }
    m_roles->setRows(std::move(roles));
    m_filling = true;
    for (int t = 0; t < 3; ++t)
        for (int role = 0; role < domain::kTeamRoleCount; ++role) {
            auto *item = new QTableWidgetItem(QString::number(book.settings.effort.hours[size_t(t)][size_t(role)]));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_effort->setItem(t, role, item);
        }
    m_filling = false;
}

void TeamPage::effortEdited(int row, int column)
{
    if (m_filling)
        return;
    QTableWidgetItem *item = m_effort->item(row, column);
    if (!item)
        return;
    const domain::PortfolioSettings before = m_edit.portfolio.settings();
    domain::PortfolioSettings after = before;
    const QString typed = item->text().trimmed();
    bool ok = false;
    const double hours = QLocale().toDouble(typed, &ok);
    const double value = ok ? hours : typed.toDouble(&ok);
    auto revert = [&] {
        m_filling = true;
        item->setText(QString::number(before.effort.hours[size_t(row)][size_t(column)]));
        m_filling = false;
    };
    if (!ok) {
        revert();
        if (m_edit.onError)
            m_edit.onError(tr("Effort for %1 in Tier %2: '%3' is not a number of hours").arg(domain::teamRoleName(domain::TeamRole(column))).arg(row + 1).arg(typed));
        return;
    }
    after.effort.hours[size_t(row)][size_t(column)] = value;
    if (after == before)
        return;
    services::Portfolio &portfolio = m_edit.portfolio;
    if (!reportFailures(m_edit.onError, [&] { portfolio.updateSettings(after); })) {
        revert();
        return;
    }
    m_edit.undo.push(new ReplayCommand(tr("Change the effort of %1 in Tier %2").arg(domain::teamRoleName(domain::TeamRole(column))).arg(row + 1),
                                  [&portfolio, before] { portfolio.updateSettings(before); },
                                  [&portfolio, after] { portfolio.updateSettings(after); }, m_edit.onError));
}

} // namespace keystone::app
