// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "portfolio/accountform.h"
#include "widgets/colours.h"

#include <QCompleter>
#include <QLocale>
#include <QStringListModel>

#include "ui_accountform.h"

#include "keystone/domain/money.h"
#include "keystone/services/clock.h"

namespace keystone::app {

using domain::Account;

AccountForm::AccountForm(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::AccountForm>())
{
    m_ui->setupUi(this);
    for (const QString &name : domain::lifecycleNames())
        m_ui->phaseCombo->addItem(name);
    m_ui->tierCombo->addItem(tr("Suggested"), 0);
    for (int t = 1; t <= 3; ++t)
        m_ui->tierCombo->addItem(tr("Tier %1 (set by hand)").arg(t), t);
    m_ui->notesEdit->setMinimumHeight(60);
    // Fields whose label is a check box or shared with another field: named for screen readers.
    m_ui->employeesEdit->setAccessibleName(tr("Employees"));
    m_ui->revenueEdit->setAccessibleName(tr("Company revenue"));
    m_ui->renewalEdit->setAccessibleName(tr("Renewal date"));
    m_ui->sinceEdit->setAccessibleName(tr("Customer since"));
    // Industry and Region offer the values the book already uses (any part, any case), so
    // one industry is not spelt three ways.
    for (auto [edit, model] : {std::pair{m_ui->industryEdit, &m_industries}, std::pair{m_ui->regionEdit, &m_regions}}) {
        *model = new QStringListModel(this);
        auto *completer = new QCompleter(*model, this);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        completer->setFilterMode(Qt::MatchContains);
        completer->setCompletionMode(QCompleter::PopupCompletion);
        edit->setCompleter(completer);
    }

    connect(m_ui->applyButton, &QPushButton::clicked, this, &AccountForm::applyRequested);
    connect(m_ui->revertButton, &QPushButton::clicked, this, [this] { setAccount(m_shown, std::nullopt); });
    connect(m_ui->renewalCheck, &QCheckBox::toggled, this, &AccountForm::updateEnabledState);
    connect(m_ui->sinceCheck, &QCheckBox::toggled, this, &AccountForm::updateEnabledState);
    connect(m_ui->tierCombo, &QComboBox::currentIndexChanged, this, &AccountForm::updateEnabledState);

    for (QLineEdit *e : {m_ui->nameEdit, m_ui->industryEdit, m_ui->regionEdit, m_ui->typeEdit, m_ui->revenueEdit, m_ui->employeesEdit,
                         m_ui->arrEdit, m_ui->reasonEdit}) {
        connect(e, &QLineEdit::textEdited, this, &AccountForm::markDirty);
        connect(e, &QLineEdit::returnPressed, this, &AccountForm::applyRequested);
    }
    for (QComboBox *c : {m_ui->ownerCombo, m_ui->phaseCombo, m_ui->tierCombo})
        connect(c, &QComboBox::currentIndexChanged, this, &AccountForm::markDirty);
    for (QCheckBox *c : {m_ui->renewalCheck, m_ui->sinceCheck, m_ui->atRiskCheck, m_ui->referenceableCheck})
        connect(c, &QCheckBox::toggled, this, &AccountForm::markDirty);
    for (QDateEdit *d : {m_ui->renewalEdit, m_ui->sinceEdit})
        connect(d, &QDateEdit::dateChanged, this, &AccountForm::markDirty);
    connect(m_ui->potentialSpin, &QSpinBox::valueChanged, this, &AccountForm::markDirty);
    connect(m_ui->notesEdit, &QPlainTextEdit::textChanged, this, &AccountForm::markDirty);
    updateEnabledState();
}

void AccountForm::setSuggestions(const QStringList &industries, const QStringList &regions)
{
    m_industries->setStringList(industries);
    m_regions->setStringList(regions);
}

QStringList AccountForm::industrySuggestions() const
{
    return m_industries->stringList();
}

AccountForm::~AccountForm() = default;

void AccountForm::setTeam(const std::vector<domain::TeamMember> &team)
{
    const qint64 current = m_ui->ownerCombo->currentData().toLongLong();
    m_loading = true;
    m_ui->ownerCombo->clear();
    m_ui->ownerCombo->addItem(tr("Unassigned"), qint64(0));
    for (const domain::TeamMember &m : team)
        m_ui->ownerCombo->addItem(QStringLiteral("%1 (%2)").arg(m.name, domain::teamRoleName(m.role)), m.id);
    m_ui->ownerCombo->setCurrentIndex(std::max(0, m_ui->ownerCombo->findData(current)));
    m_loading = false;
}

void AccountForm::setAccount(const Account &a, std::optional<domain::Segment> segment)
{
    m_loading = true;
    m_shown = a;
    m_ui->titleLabel->setText(a.name.isEmpty() ? tr("New account") : a.name);
    if (segment) {
        m_ui->segmentLabel->setText(tr("%1 quadrant (%2 value, %3 potential): suggested %4")
                                        .arg(domain::quadrantName(segment->quadrant),
                                             segment->highValue ? tr("high") : tr("low"),
                                             segment->highPotential ? tr("high") : tr("low"),
                                             domain::tierName(segment->suggestedTier)));
    } else if (a.id == 0) {
        m_ui->segmentLabel->setText(tr("The tier is suggested from ARR and growth potential once saved."));
    }
    m_ui->nameEdit->setText(a.name);
    m_ui->ownerCombo->setCurrentIndex(std::max(0, m_ui->ownerCombo->findData(a.ownerId)));
    m_ui->industryEdit->setText(a.industry);
    m_ui->regionEdit->setText(a.region);
    m_ui->arrEdit->setText(a.arr.cents == 0 && a.id == 0 ? QString() : domain::formatMoney(a.arr.cents, a.arr.currency, true));
    m_ui->renewalCheck->setChecked(a.renewalDate.isValid());
    m_ui->renewalEdit->setDate(a.renewalDate.isValid() ? a.renewalDate : services::today().addYears(1));
    m_ui->sinceCheck->setChecked(a.customerSince.isValid());
    m_ui->sinceEdit->setDate(a.customerSince.isValid() ? a.customerSince : services::today());
    m_ui->phaseCombo->setCurrentIndex(int(a.phase));
    m_ui->atRiskCheck->setChecked(a.atRisk);
    m_ui->potentialSpin->setValue(a.potentialRating);
    m_ui->tierCombo->setCurrentIndex(a.tierOverride ? int(*a.tierOverride) : 0);
    m_ui->reasonEdit->setText(a.tierOverrideReason);
    m_ui->referenceableCheck->setChecked(a.referenceable);
    m_ui->notesEdit->setPlainText(a.notes);
    m_ui->typeEdit->setText(a.accountType);
    m_ui->revenueEdit->setText(a.companyRevenueCents ? domain::formatMoney(*a.companyRevenueCents, a.arr.currency) : QString());
    m_ui->employeesEdit->setText(a.employees ? QLocale().toString(*a.employees) : QString());
    showErrors({});
    m_loading = false;
    m_dirty = false;
    updateEnabledState();
    Q_EMIT dirtyChanged(false);
}

Account AccountForm::editedAccount(domain::FieldErrors *errors) const
{
    Account a = m_shown;
    a.name = m_ui->nameEdit->text().simplified();
    a.ownerId = m_ui->ownerCombo->currentData().toLongLong();
    a.industry = m_ui->industryEdit->text().simplified();
    a.region = m_ui->regionEdit->text().simplified();
    const QString arrText = m_ui->arrEdit->text().trimmed();
    if (arrText.isEmpty()) {
        a.arr.cents = 0;
    } else if (const auto cents = domain::parseMoney(arrText, a.arr.currency)) {
        a.arr.cents = *cents;
    } else if (errors) {
        errors->append({QStringLiteral("arr"), tr("'%1' is not an amount (try 125000, 125,000.50 or 1.2M)").arg(arrText)});
    }
    a.renewalDate = m_ui->renewalCheck->isChecked() ? m_ui->renewalEdit->date() : QDate();
    a.customerSince = m_ui->sinceCheck->isChecked() ? m_ui->sinceEdit->date() : QDate();
    a.phase = domain::LifecyclePhase(m_ui->phaseCombo->currentIndex());
    a.atRisk = m_ui->atRiskCheck->isChecked();
    a.potentialRating = m_ui->potentialSpin->value();
    const int tier = m_ui->tierCombo->currentData().toInt();
    a.tierOverride = domain::tierFromNumber(tier);
    a.tierOverrideReason = a.tierOverride ? m_ui->reasonEdit->text().simplified() : QString();
    a.referenceable = m_ui->referenceableCheck->isChecked();
    a.notes = m_ui->notesEdit->toPlainText();
    a.accountType = m_ui->typeEdit->text().simplified();
    const QString revenue = m_ui->revenueEdit->text().trimmed();
    if (revenue.isEmpty())
        a.companyRevenueCents.reset();
    else if (const auto cents = domain::parseMoney(revenue, a.arr.currency))
        a.companyRevenueCents = *cents;
    else if (errors)
        errors->append({QStringLiteral("company_revenue"), tr("'%1' is not an amount (try 12,500,000 or 12.5M)").arg(revenue)});
    const QString employees = m_ui->employeesEdit->text().trimmed();
    bool ok = false;
    const int count = QLocale().toInt(employees, &ok);
    const int plain = ok ? count : employees.toInt(&ok);
    if (employees.isEmpty())
        a.employees.reset();
    else if (ok && plain >= 0)
        a.employees = plain;
    else if (errors)
        errors->append({QStringLiteral("employees"), tr("Employees must be a whole number, not '%1'").arg(employees)});
    return a;
}

void AccountForm::showErrors(const domain::FieldErrors &errors)
{
    const std::pair<const char *, QWidget *> fields[] = {
        {"name", m_ui->nameEdit}, {"owner", m_ui->ownerCombo}, {"arr", m_ui->arrEdit}, {"currency", m_ui->arrEdit},
        {"renewal_date", m_ui->renewalEdit}, {"customer_since", m_ui->sinceEdit},
        {"potential_rating", m_ui->potentialSpin}, {"tier_override_reason", m_ui->reasonEdit},
        {"company_revenue", m_ui->revenueEdit}, {"employees", m_ui->employeesEdit},
    };
    QStringList lines;
    for (const auto &[field, widget] : fields)
        widget->setStyleSheet(QString());
    for (const domain::FieldError &e : errors) {
        lines << e.message;
        for (const auto &[field, widget] : fields) {
            if (e.field == QLatin1String(field))
                widget->setStyleSheet(QStringLiteral("border: 1px solid %1;").arg(colours::inkName(colours::Ink::Warn)));
        }
    }
    m_ui->errorLabel->setText(lines.join(QLatin1Char('\n')));
    m_ui->errorLabel->setVisible(!lines.isEmpty());
}

void AccountForm::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    updateEnabledState();
}

void AccountForm::setButtonsVisible(bool visible)
{
    m_ui->applyButton->setVisible(visible);
    m_ui->revertButton->setVisible(visible);
}

bool AccountForm::isDirty() const
{
    return m_dirty;
}

void AccountForm::focusName()
{
    m_ui->nameEdit->setFocus();
    m_ui->nameEdit->selectAll();
}

void AccountForm::updateEnabledState()
{
    const bool editable = !m_readOnly;
    for (QWidget *w : findChildren<QWidget *>()) {
        if (qobject_cast<QLineEdit *>(w) || qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractSpinBox *>(w)
            || qobject_cast<QCheckBox *>(w) || qobject_cast<QPlainTextEdit *>(w))
            w->setEnabled(editable);
    }
    m_ui->renewalEdit->setEnabled(editable && m_ui->renewalCheck->isChecked());
    m_ui->sinceEdit->setEnabled(editable && m_ui->sinceCheck->isChecked());
    m_ui->reasonEdit->setEnabled(editable && m_ui->tierCombo->currentData().toInt() > 0);
    m_ui->applyButton->setEnabled(editable && m_dirty);
    m_ui->revertButton->setEnabled(editable && m_dirty);
}

void AccountForm::markDirty()
{
    if (m_loading || m_dirty)
        return;
    m_dirty = true;
    updateEnabledState();
    Q_EMIT dirtyChanged(true);
}

} // namespace keystone::app
