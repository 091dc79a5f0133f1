// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "dialogs/catalogdialog.h"

#include "ui_productform.h"
#include "commands/whitespacecommands.h"

#include "keystone/domain/money.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/whitespaceservice.h"
#include "keystone/services/queries.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace keystone::app {

CatalogDialog::CatalogDialog(services::Portfolio &portfolio, services::WhitespaceService &service, QUndoStack &undo,
                             CommandErrorHandler onError, QWidget *parent)
    : QDialog(parent)
    , m_portfolio(portfolio)
    , m_service(service)
    , m_undo(undo)
    , m_onError(std::move(onError))
{
    setWindowTitle(tr("Product Catalog"));
    resize(640, 420);
    m_confirm = [this](const QString &question) {
        return QMessageBox::question(this, tr("Remove Product"), question, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            == QMessageBox::Yes;
    };
    m_list = new QTreeWidget(this);
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setHeaderLabels({tr("Product"), tr("Family"), tr("Pricing"), tr("List price / year")});
    const QFontMetrics fm = m_list->fontMetrics();
    m_list->setColumnWidth(0, fm.horizontalAdvance(QStringLiteral("Compliance Vault Premium")));
    m_list->setColumnWidth(1, fm.horizontalAdvance(QStringLiteral("Operations suite")));
    m_list->setColumnWidth(2, fm.horizontalAdvance(QStringLiteral("Per seat")) + 24);
    auto *add = new QPushButton(tr("&Add…"), this);
    m_edit = new QPushButton(tr("&Edit…"), this);
    m_remove = new QPushButton(tr("&Remove…"), this);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    const bool writable = !portfolio.isReadOnly();
    add->setEnabled(writable);
    m_edit->setEnabled(false);
    m_remove->setEnabled(false);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    buttons->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, &CatalogDialog::addProduct);
    connect(m_edit, &QPushButton::clicked, this, &CatalogDialog::editSelected);
    connect(m_remove, &QPushButton::clicked, this, &CatalogDialog::removeSelected);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, &CatalogDialog::editSelected);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, [this, writable] {
        m_edit->setEnabled(writable && m_list->currentItem());
        m_remove->setEnabled(writable && m_list->currentItem());
    });
    connect(&portfolio, &services::Portfolio::catalogChanged, this, &CatalogDialog::refresh);
    refresh();
}

void CatalogDialog::refresh()
{
    const QString currency = m_portfolio.settings().currency;
    m_list->clear();
    for (const domain::Product &p : services::query::products(m_portfolio)) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, p.name);
        item->setText(1, p.family);
        item->setText(2, domain::pricingBasisName(p.basis));
        item->setText(3, domain::formatMoney(p.listPriceCents, currency, true));
        item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
        item->setData(0, Qt::UserRole, p.id);
    }
}

QString CatalogDialog::removalQuestion(qint64 productId) const
{
    const auto usage = m_service.productUsage(productId);
    if (usage.cells == 0)
        return {};
    const auto product = services::query::product(m_portfolio, productId);
    const QString currency = m_portfolio.settings().currency;
    QString q = tr("Removing '%1' also removes %2 assessed whitespace cells in %3 accounts (owned ARR %4, open whitespace %5).")
                    .arg(product ? product->name : QString())
                    .arg(usage.cells)
                    .arg(usage.accounts)
                    .arg(domain::formatMoney(usage.ownedArrCents, currency), domain::formatMoney(usage.openWhitespaceCents, currency));
    if (usage.linkedOpportunities > 0)
        q += tr(" %1 opportunities stay but lose their link to a cell.").arg(usage.linkedOpportunities);
    return q + tr(" You can undo this.");
}

void CatalogDialog::editProduct(qint64 id)
{
    domain::Product before;
    if (id > 0) {
        const auto p = services::query::product(m_portfolio, id);
        if (!p)
            return;
        before = *p;
    }
    QDialog dialog(this);
    Ui::ProductForm ui;
    ui.setupUi(&dialog);
    dialog.setWindowTitle(id > 0 ? tr("Edit Product") : tr("Add Product"));
    for (domain::PricingBasis b : {domain::PricingBasis::PerSeat, domain::PricingBasis::PerSite, domain::PricingBasis::Flat})
        ui.basisCombo->addItem(domain::pricingBasisName(b));
    const QString currency = m_portfolio.settings().currency;
    ui.nameEdit->setText(before.name);
    ui.familyEdit->setText(before.family);
    ui.basisCombo->setCurrentIndex(int(id > 0 ? before.basis : domain::PricingBasis::PerSeat));
    ui.priceEdit->setText(id > 0 ? domain::formatMoney(before.listPriceCents, currency, true) : QString());
    acceptFormWith(dialog, ui, [&, before, id]() -> QString {
        domain::Product after = before;
        after.name = ui.nameEdit->text().simplified();
        after.family = ui.familyEdit->text().simplified();
        after.basis = domain::PricingBasis(ui.basisCombo->currentIndex());
        const auto cents = domain::parseMoney(ui.priceEdit->text().isEmpty() ? QStringLiteral("0") : ui.priceEdit->text(), currency);
        if (!cents || *cents < 0)
            return tr("List price: '%1' is not an amount").arg(ui.priceEdit->text());
        after.listPriceCents = *cents;
        if (id > 0) {
            m_service.updateProduct(after);
            m_undo.push(makeEditProductCommand(m_service, before, after, m_onError));
        } else {
            m_undo.push(makeAddProductCommand(m_service, m_service.createProduct(after), m_onError));
        }
        return {};
    });
    dialog.exec();
}

void CatalogDialog::addProduct()
{
    if (!m_portfolio.isReadOnly())
        editProduct(0);
}

void CatalogDialog::editSelected()
{
    if (!m_portfolio.isReadOnly() && m_list->currentItem())
        editProduct(m_list->currentItem()->data(0, Qt::UserRole).toLongLong());
}

void CatalogDialog::removeSelected()
{
    if (m_portfolio.isReadOnly() || !m_list->currentItem())
        return;
    const qint64 id = m_list->currentItem()->data(0, Qt::UserRole).toLongLong();
    const QString question = removalQuestion(id);
    if (!question.isEmpty() && !m_confirm(question))
        return;
    reportFailures(m_onError, [&] { m_undo.push(makeRemoveProductCommand(m_portfolio, m_service, id, m_onError)); });
}

} // namespace keystone::app
