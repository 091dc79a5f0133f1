// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "dialogs/scorecarddialog.h"
#include "widgets/colours.h"

#include "widgets/backgroundtask.h"

#include "commands/healthcommands.h"
#include "ui_scorecarddialog.h"

#include "keystone/services/portfolio.h"

#include <QLocale>
#include <QPushButton>
#include <QUndoStack>

#include <cmath>
#include <numeric>

namespace keystone::app {

using domain::Measure;
using domain::Scorecard;

ScorecardDialog::ScorecardDialog(services::Portfolio &portfolio, QUndoStack &undo, CommandErrorHandler onError, const QDate &today,
                                 QWidget *parent)
    : QDialog(parent)
    , m_portfolio(portfolio)
    , m_undo(undo)
    , m_onError(std::move(onError))
    , m_today(today)
    , m_ui(std::make_unique<Ui::ScorecardDialog>())
{
    m_ui->setupUi(this);
    services::HealthService health(portfolio);
    m_cards = health.scorecards();

    auto *grid = qobject_cast<QGridLayout *>(m_ui->weightsGroup->layout());
    for (int i = 0; i < domain::kMeasureCount; ++i) {
        auto *label = new QLabel(domain::measureName(Measure(i)), this);
        auto *spin = new QDoubleSpinBox(this);
        spin->setObjectName(QStringLiteral("weight_") + domain::measureKey(Measure(i)));
        spin->setRange(0, 1000);
        spin->setDecimals(1);
        label->setBuddy(spin);
        auto *share = new QLabel(this);
        share->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("100.0%")) + 8);
        share->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        colours::follow(share, [share] { share->setStyleSheet(QStringLiteral("color: %1;").arg(colours::inkName(colours::Ink::Muted))); });
        grid->addWidget(label, i, 0);
        grid->addWidget(spin, i, 1);
        grid->addWidget(share, i, 2);
        m_weights[size_t(i)] = spin;
        m_shares[size_t(i)] = share;
        connect(spin, &QDoubleSpinBox::valueChanged, this, &ScorecardDialog::updatePreview);
    }
    grid->setRowStretch(domain::kMeasureCount, 1);

    m_scopes.push_back({tr("All accounts (default)"), std::nullopt, std::nullopt});
    for (int t = 1; t <= 3; ++t)
        m_scopes.push_back({domain::tierName(domain::Tier(t)), domain::Tier(t), std::nullopt});
    for (int ph = 0; ph < 4; ++ph)
        m_scopes.push_back({tr("%1 phase").arg(domain::lifecycleName(domain::LifecyclePhase(ph))), std::nullopt, domain::LifecyclePhase(ph)});
    for (const Scorecard &c : m_cards) // combined tier and phase cards stored by other means
        if (c.tier && c.phase)
            m_scopes.push_back({c.name, c.tier, c.phase});
    for (const Scope &s : m_scopes) {
        const bool own = storedFor(s).has_value();
        m_ui->scopeCombo->addItem(s.tier || s.phase ? (own ? tr("%1 (own scorecard)").arg(s.label) : tr("%1 (uses the default)").arg(s.label))
                                                    : s.label);
    }

    for (QSpinBox *spin : {m_ui->greenSpin, m_ui->yellowSpin, m_ui->confidenceSpin, m_ui->staleSpin, m_ui->trendDaysSpin, m_ui->usageFullSpin,
                           m_ui->supportZeroSpin, m_ui->paymentZeroSpin, m_ui->depth1Spin, m_ui->depth2Spin, m_ui->depth3Spin})
        connect(spin, &QSpinBox::valueChanged, this, &ScorecardDialog::updatePreview);
    connect(m_ui->trendThresholdSpin, &QDoubleSpinBox::valueChanged, this, &ScorecardDialog::updatePreview);
    connect(m_ui->scopeCombo, &QComboBox::currentIndexChanged, this, &ScorecardDialog::selectScope);
    connect(m_ui->removeButton, &QPushButton::clicked, this, [this] {
        if (removeCurrent())
            accept();
    });
    m_ui->errorLabel->hide();
    m_ui->buttons->button(QDialogButtonBox::Ok)->setText(tr("Save and Recompute"));
    m_ui->buttons->button(QDialogButtonBox::Ok)->setEnabled(!portfolio.isReadOnly());
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    selectScope(0);

    // The book is read once, on a worker connection; the preview re-scores it per edit.
    m_loader = runOnWorker(
        this, portfolio, tasks::Priority::Interactive,
        [asOf = today](services::Portfolio &worker, TaskProgress &) { return services::HealthService(worker).loadPreview(asOf); },
        [this](services::ScorecardPreview preview) {
            m_preview = std::move(preview);
            updatePreview();
        },
        [this](const QString &failure) {
            m_loadError = failure;
            updatePreview();
        });
}

ScorecardDialog::~ScorecardDialog()
{
    cancelAndWait(m_loader); // it holds its own connection, which must not outlive the portfolio
}

std::optional<Scorecard> ScorecardDialog::storedFor(const Scope &scope) const
{
    for (const Scorecard &c : m_cards)
        if (c.tier == scope.tier && c.phase == scope.phase && (c.id > 0 || (!c.tier && !c.phase)))
            return c;
    return std::nullopt;
}

void ScorecardDialog::selectScope(int index)
{
    if (index < 0 || size_t(index) >= m_scopes.size())
        return;
    if (m_ui->scopeCombo->currentIndex() != index)
        m_ui->scopeCombo->setCurrentIndex(index); // comes back here through the signal
    const Scope &scope = m_scopes[size_t(index)];
    const auto own = storedFor(scope);
    Scorecard card = own.value_or(m_cards.front()); // a new one starts from the default's values
    if (!own) {
        card.id = 0;
        card.name = scope.label;
        card.tier = scope.tier;
        card.phase = scope.phase;
    }
    const bool specific = scope.tier || scope.phase;
    m_ui->removeButton->setVisible(specific);
    m_ui->removeButton->setEnabled(specific && own && !m_portfolio.isReadOnly());
    m_ui->scopeNote->setText(!specific ? tr("Applies to every account without a scorecard of its own (by tier or lifecycle phase).")
                             : own     ? tr("Applies to %1 accounts; the most specific scorecard wins.").arg(scope.label)
                                       : tr("%1 accounts use the default scorecard. Saving creates one of their own, starting from the default's values.")
                                             .arg(scope.label));
    showCard(card);
}

void ScorecardDialog::showCard(const Scorecard &card)
{
    m_filling = true;
    m_shown = card;
    for (int i = 0; i < domain::kMeasureCount; ++i)
        m_weights[size_t(i)]->setValue(card.weights[size_t(i)]);
    m_ui->greenSpin->setValue(card.greenAt);
    m_ui->yellowSpin->setValue(card.yellowAt);
    m_ui->confidenceSpin->setValue(int(std::lround(card.minConfidence * 100)));
    m_ui->staleSpin->setValue(card.staleDays);
    m_ui->trendDaysSpin->setValue(card.trendDays);
    m_ui->trendThresholdSpin->setValue(card.trendThreshold);
    m_ui->usageFullSpin->setValue(int(std::lround(card.usageFullRatio * 100)));
    m_ui->supportZeroSpin->setValue(int(std::lround(card.supportZeroAt)));
    m_ui->paymentZeroSpin->setValue(int(std::lround(card.paymentZeroAt)));
    m_ui->depth1Spin->setValue(card.depthTarget[0]);
    m_ui->depth2Spin->setValue(card.depthTarget[1]);
    m_ui->depth3Spin->setValue(card.depthTarget[2]);
    m_filling = false;
    updatePreview();
}

Scorecard ScorecardDialog::edited() const
{
    Scorecard c = m_shown;
    for (int i = 0; i < domain::kMeasureCount; ++i)
        c.weights[size_t(i)] = m_weights[size_t(i)]->value();
    c.greenAt = m_ui->greenSpin->value();
    c.yellowAt = m_ui->yellowSpin->value();
    c.minConfidence = m_ui->confidenceSpin->value() / 100.0;
    c.staleDays = m_ui->staleSpin->value();
    c.trendDays = m_ui->trendDaysSpin->value();
    c.trendThreshold = m_ui->trendThresholdSpin->value();
    // Unchanged spin boxes keep the stored value exactly (they show it rounded).
    if (m_ui->usageFullSpin->value() != int(std::lround(m_shown.usageFullRatio * 100)))
        c.usageFullRatio = m_ui->usageFullSpin->value() / 100.0;
    if (m_ui->confidenceSpin->value() == int(std::lround(m_shown.minConfidence * 100)))
        c.minConfidence = m_shown.minConfidence;
    if (m_ui->supportZeroSpin->value() != int(std::lround(m_shown.supportZeroAt)))
        c.supportZeroAt = m_ui->supportZeroSpin->value();
    if (m_ui->paymentZeroSpin->value() != int(std::lround(m_shown.paymentZeroAt)))
        c.paymentZeroAt = m_ui->paymentZeroSpin->value();
    c.depthTarget = {m_ui->depth1Spin->value(), m_ui->depth2Spin->value(), m_ui->depth3Spin->value()};
    return c;
}

QString ScorecardDialog::movesText(const services::BandMoves &moves) const
{
    const QLocale locale;
    if (moves.total == 0)
        return tr("With these settings no account changes band (of %1 on %2).")
            .arg(locale.toString(m_preview->accountCount()), m_today.toString(Qt::ISODate));
    QStringList parts;
    for (int b = 0; b < 4; ++b)
        if (moves.into[size_t(b)] > 0)
            parts << tr("%1 to %2").arg(locale.toString(moves.into[size_t(b)]), domain::healthBandName(domain::HealthBand(b)));
    return tr("With these settings %1 of %2 accounts change band: %3.")
        .arg(locale.toString(moves.total), locale.toString(m_preview->accountCount()), parts.join(QStringLiteral(", ")));
}

void ScorecardDialog::updatePreview()
{
    if (m_filling)
        return;
    const Scorecard card = edited();
    const double sum = std::accumulate(card.weights.begin(), card.weights.end(), 0.0);
    for (int i = 0; i < domain::kMeasureCount; ++i)
        m_shares[size_t(i)]->setText(sum > 0 ? QStringLiteral("%1%").arg(100.0 * card.weights[size_t(i)] / sum, 0, 'f', 1) : QStringLiteral("–"));
    const domain::FieldErrors errors = domain::validateScorecard(card);
    m_ui->buttons->button(QDialogButtonBox::Ok)->setEnabled(errors.isEmpty() && !m_portfolio.isReadOnly());
    if (!errors.isEmpty()) {
        m_ui->errorLabel->setText(domain::describe(errors));
        m_ui->errorLabel->show();
    } else {
        m_ui->errorLabel->hide();
    }
    if (!m_loadError.isEmpty())
        m_ui->previewLabel->setText(tr("No preview: %1").arg(m_loadError));
    else if (!m_preview)
        m_ui->previewLabel->setText(tr("Counting the accounts whose band would change…"));
    else if (errors.isEmpty())
        m_ui->previewLabel->setText(movesText(m_preview->withCard(card)));
    if (m_preview && m_shown.id > 0 && (m_shown.tier || m_shown.phase))
        m_ui->removeButton->setToolTip(tr("Remove this scorecard (undoable); its accounts use a less specific one again. %1")
                                           .arg(movesText(m_preview->withoutCard(m_shown.id))));
}

QString ScorecardDialog::previewText() const
{
    return m_ui->previewLabel->text();
}

QString ScorecardDialog::errorText() const
{
    return m_ui->errorLabel->isHidden() ? QString() : m_ui->errorLabel->text();
}

bool ScorecardDialog::save()
{
    const Scorecard card = edited();
    if (card == m_shown && (card.id > 0 || (!card.tier && !card.phase)))
        return true; // nothing changed
    const auto errors = domain::validateScorecard(card);
    if (!errors.isEmpty()) {
        m_ui->errorLabel->setText(domain::describe(errors));
        m_ui->errorLabel->show();
        return false;
    }
    bool done = false;
    reportFailures([this](const QString &message) {
        m_ui->errorLabel->setText(message);
        m_ui->errorLabel->show();
    }, [&] {
        const auto saved = saveScorecardInBackground(this, m_portfolio, card, true);
        if (!saved) {
            m_ui->errorLabel->setText(tr("Cancelled; nothing was changed."));
            m_ui->errorLabel->show();
            return;
        }
        m_undo.push(makeSaveScorecardCommand(parentWidget(), m_portfolio, m_shown, *saved, m_onError));
        done = true;
    });
    return done;
}

bool ScorecardDialog::removeCurrent()
{
    const Scorecard card = m_shown;
    if (card.id <= 0 || (!card.tier && !card.phase))
        return false;
    bool done = false;
    reportFailures([this](const QString &message) {
        m_ui->errorLabel->setText(message);
        m_ui->errorLabel->show();
    }, [&] {
        services::RecordedChange change;
        if (!removeScorecardInBackground(this, m_portfolio, card.id, true, &change))
            return;
        m_undo.push(makeRemoveScorecardCommand(parentWidget(), m_portfolio, card, std::move(change), m_onError));
        done = true;
    });
    return done;
}

} // namespace keystone::app
