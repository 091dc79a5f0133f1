// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "dialogs/settingsdialog.h"

#include "commands/commandsupport.h"
#include "portfolio/portfoliomodel.h"
#include "ui_settingsdialog.h"

#include "keystone/domain/money.h"
#include "keystone/domain/segmentation.h"
#include "keystone/services/accountoverview.h"
#include "keystone/services/portfolio.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QUndoCommand>
#include <QUndoStack>

#include <cmath>

namespace keystone::app {


SettingsDialog::SettingsDialog(services::Portfolio &portfolio, PortfolioModel &model, QUndoStack &undo,
                               CommandErrorHandler onError, QWidget *parent)
    : QDialog(parent)
    , m_portfolio(portfolio)
    , m_model(model)
    , m_undo(undo)
    , m_ui(std::make_unique<Ui::SettingsDialog>())
    , m_onError(std::move(onError))
{
    m_ui->setupUi(this);
    const domain::PortfolioSettings &s = portfolio.settings();
    m_ui->introLabel->setText(tr("These settings are stored in the portfolio file and travel with it."));
    // The currency: every amount is stored in it, so it can change only while there are none.
    m_currency = new QComboBox(this);
    m_currency->setObjectName(QStringLiteral("currencyCombo"));
    m_currency->setEditable(true);
    QStringList codes = domain::commonCurrencyCodes();
    codes.removeAll(s.currency);
    codes.prepend(s.currency);
    m_currency->addItems(codes);
    m_currency->setCurrentIndex(0);
    m_currency->setAccessibleName(tr("Currency"));
    const bool amounts = portfolio.holdsAmounts();
    m_currency->setEnabled(!amounts);
    auto *currencyLabel = new QLabel(tr("&Currency:"), this);
    currencyLabel->setBuddy(m_currency);
    auto *currencyNote = new QLabel(amounts ? tr("Fixed: the portfolio holds amounts in %1.").arg(s.currency)
                                            : tr("Can change while the portfolio holds no amounts (an ISO 4217 code)."),
                                    this);
    currencyNote->setObjectName(QStringLiteral("currencyNote"));
    currencyNote->setWordWrap(true);
    auto *currencyRow = new QHBoxLayout;
    currencyRow->addWidget(currencyLabel);
    currencyRow->addWidget(m_currency);
    currencyRow->addWidget(currencyNote, 1);
    m_ui->layout->insertLayout(1, currencyRow);
    const bool fixed = s.segmentation.mode == domain::SegmentationSettings::ThresholdMode::Fixed;
    m_ui->percentileRadio->setChecked(!fixed);
    m_ui->fixedRadio->setChecked(fixed);
    m_ui->percentileSpin->setValue(s.segmentation.percentile);
    m_ui->fixedEdit->setText(s.segmentation.fixedThresholdCents > 0 ? domain::formatMoney(s.segmentation.fixedThresholdCents, s.currency) : QString());
    m_ui->ratingSpin->setValue(s.segmentation.potentialRatingMin);
    m_ui->whitespaceSpin->setValue(int(std::lround(s.segmentation.whitespaceRatio * 100)));

    auto *grid = qobject_cast<QGridLayout *>(m_ui->cadenceGroup->layout());
    const QStringList headers{tr("Internal review"), tr("Business review"), tr("Plan refresh"), tr("Touchpoints / 90 days")};
    for (int c = 0; c < 4; ++c)
        grid->addWidget(new QLabel(headers[c], this), 0, c + 1);
    for (int t = 0; t < 3; ++t) {
        grid->addWidget(new QLabel(domain::tierName(domain::Tier(t + 1)), this), t + 1, 0);
        const domain::TierCadence &cad = s.cadences[size_t(t)];
        const int values[] = {cad.internalReviewDays, cad.businessReviewDays, cad.planRefreshDays, cad.touchpointsPer90Days};
        for (int c = 0; c < 4; ++c) {
            auto *spin = new QSpinBox(this);
            spin->setRange(0, c == 3 ? 100 : 3650);
            spin->setValue(values[c]);
            grid->addWidget(spin, t + 1, c + 1);
            m_cadence[size_t(t)][size_t(c)] = spin;
        }
    }
    m_ui->errorLabel->hide();
    const bool writable = !portfolio.isReadOnly();
    m_ui->buttons->button(QDialogButtonBox::Ok)->setEnabled(writable);
    m_ui->buttons->button(QDialogButtonBox::Ok)->setText(tr("Save"));

    connect(m_ui->percentileRadio, &QRadioButton::toggled, this, &SettingsDialog::updatePreview);
    connect(m_ui->percentileSpin, &QDoubleSpinBox::valueChanged, this, &SettingsDialog::updatePreview);
    connect(m_ui->fixedEdit, &QLineEdit::textChanged, this, &SettingsDialog::updatePreview);
    connect(m_ui->ratingSpin, &QSpinBox::valueChanged, this, &SettingsDialog::updatePreview);
    connect(m_ui->whitespaceSpin, &QSpinBox::valueChanged, this, &SettingsDialog::updatePreview);
    connect(m_currency, &QComboBox::currentTextChanged, this, &SettingsDialog::updatePreview);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    updatePreview();
}

SettingsDialog::~SettingsDialog() = default;

std::optional<domain::PortfolioSettings> SettingsDialog::edited(QString *error) const
{
    domain::PortfolioSettings s = m_portfolio.settings();
    const QString currency = m_currency->currentText().trimmed().toUpper();
    if (!domain::isKnownCurrency(currency)) {
        if (error)
            *error = tr("Currency: '%1' is not an ISO 4217 currency code (such as USD, EUR or GBP)").arg(m_currency->currentText());
        return std::nullopt;
    }
    s.currency = currency;
    auto &seg = s.segmentation;
    seg.mode = m_ui->fixedRadio->isChecked() ? domain::SegmentationSettings::ThresholdMode::Fixed
                                             : domain::SegmentationSettings::ThresholdMode::Percentile;
    seg.percentile = m_ui->percentileSpin->value();
    if (seg.mode == domain::SegmentationSettings::ThresholdMode::Fixed) {
        const auto cents = domain::parseMoney(m_ui->fixedEdit->text(), s.currency);
        if (!cents || *cents < 0) {
            if (error)
                *error = tr("Fixed amount: '%1' is not an amount (try 100000 or 1.5M)").arg(m_ui->fixedEdit->text());
            return std::nullopt;
        }
        seg.fixedThresholdCents = *cents;
    }
    seg.potentialRatingMin = m_ui->ratingSpin->value();
    seg.whitespaceRatio = m_ui->whitespaceSpin->value() / 100.0;
    for (size_t t = 0; t < 3; ++t) {
        domain::TierCadence &c = s.cadences[t];
        c.internalReviewDays = m_cadence[t][0]->value();
        c.businessReviewDays = m_cadence[t][1]->value();
        c.planRefreshDays = m_cadence[t][2]->value();
        c.touchpointsPer90Days = m_cadence[t][3]->value();
    }
    return s;
}

int SettingsDialog::tierChanges(const domain::PortfolioSettings &settings) const
{
    std::vector<domain::SegmentInput> inputs;
    inputs.reserve(size_t(m_model.rowCount()));
    for (int r = 0; r < m_model.rowCount(); ++r)
        inputs.push_back(services::segmentInputFor(m_model.rowAt(r)));
    const domain::PortfolioSegmentation seg = domain::segmentPortfolio(inputs, settings.segmentation);
    int changes = 0;
    for (int r = 0; r < m_model.rowCount(); ++r) {
        const services::AccountRow &row = m_model.rowAt(r);
        const domain::Tier tier = row.account.tierOverride.value_or(seg.segments[size_t(r)].suggestedTier);
        changes += tier != row.tier ? 1 : 0;
    }
    return changes;
}

QString SettingsDialog::previewText() const
{
    return m_ui->previewLabel->text();
}

void SettingsDialog::updatePreview()
{
    m_ui->percentileSpin->setEnabled(m_ui->percentileRadio->isChecked());
    m_ui->fixedEdit->setEnabled(m_ui->fixedRadio->isChecked());
    QString error;
    const auto s = edited(&error);
    if (!s) {
        m_ui->previewLabel->setText(error);
        return;
    }
    std::vector<qint64> arr;
    arr.reserve(size_t(m_model.rowCount()));
    for (int r = 0; r < m_model.rowCount(); ++r)
        arr.push_back(m_model.rowAt(r).account.arr.cents);
    m_ui->thresholdLabel->setText(tr("Threshold in force with these settings: %1")
                                      .arg(domain::formatMoney(domain::valueThresholdCents(arr, s->segmentation), s->currency)));
    const int n = tierChanges(*s);
    m_ui->previewLabel->setText(n == 0 ? tr("No account changes tier.")
                                       : n == 1 ? tr("1 account changes tier.") : tr("%1 accounts change tier.").arg(n));
}

bool SettingsDialog::save()
{
    QString error;
    const auto after = edited(&error);
    if (!after) {
        m_ui->errorLabel->setText(error);
        m_ui->errorLabel->show();
        return false;
    }
    const domain::PortfolioSettings before = m_portfolio.settings();
    if (*after == before)
        return true;
    try {
        m_portfolio.updateSettings(*after);
    } catch (const services::ValidationError &e) {
        m_ui->errorLabel->setText(e.message());
        m_ui->errorLabel->show();
        return false;
    } catch (const services::StorageError &e) {
        m_ui->errorLabel->setText(e.message());
        m_ui->errorLabel->show();
        return false;
    }
    services::Portfolio &portfolio = m_portfolio;
    m_undo.push(new ReplayCommand(
        tr("Change portfolio settings"), [&portfolio, before] { portfolio.updateSettings(before); },
        [&portfolio, after = *after] { portfolio.updateSettings(after); }, m_onError));
    return true;
}

} // namespace keystone::app
