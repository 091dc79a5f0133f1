// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "dialogs/qbrdialog.h"

#include "commands/commandsupport.h"
#include "ui_qbrdialog.h"

#include "keystone/domain/snapshot.h"
#include "keystone/services/planservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/queries.h"

#include <QColorDialog>
#include <QFileDialog>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTimer>
#include <QUndoStack>

namespace keystone::app {

report::ReportStyle savedReportStyle()
{
    QSettings s;
    report::ReportStyle style;
    style.pageSize = report::parsePageSize(s.value(QStringLiteral("qbr/pageSize")).toString()).value_or(report::PageSize::A4);
    const QColor accent = QColor::fromString(s.value(QStringLiteral("qbr/accent")).toString());
    if (accent.isValid())
        style.accent = accent;
    const QString logo = savedLogoPath();
    if (!logo.isEmpty())
        style.logo.load(logo);
    return style;
}

QString savedLogoPath()
{
    return QSettings().value(QStringLiteral("qbr/logo")).toString();
}

QString savedDateLocale()
{
    const QString name = QSettings().value(QStringLiteral("qbr/locale")).toString();
    return services::qbrDateFormat(name) ? name : QString();
}

services::QbrAudience savedAudience()
{
    return services::parseQbrAudience(QSettings().value(QStringLiteral("qbr/audience")).toString()).value_or(services::QbrAudience::Internal);
}

void saveReportChoices(const report::ReportStyle &style, const QString &logoPath, services::QbrAudience audience)
{
    QSettings s;
    s.setValue(QStringLiteral("qbr/pageSize"), report::pageSizeKey(style.pageSize));
    s.setValue(QStringLiteral("qbr/accent"), style.accent.name());
    s.setValue(QStringLiteral("qbr/logo"), logoPath);
    s.setValue(QStringLiteral("qbr/audience"), services::qbrAudienceKey(audience));
}

QbrDialog::QbrDialog(services::Portfolio &portfolio, qint64 accountId, const QDate &today, QWidget *parent, QUndoStack *undo)
    : QDialog(parent)
    , m_portfolio(portfolio)
    , m_accountId(accountId)
    , m_today(today)
    , m_ui(std::make_unique<Ui::QbrDialog>())
    , m_undo(undo)
{
    m_ui->setupUi(this);
    const auto account = services::query::account(portfolio, accountId);
    setWindowTitle(tr("Export QBR — %1").arg(account ? account->name : QString()));
    // This quarter first, then the one before (the usual review) and the next.
    const QString current = domain::quarterLabel(today);
    const QString previous = domain::quarterLabel(today.addMonths(-3));
    const QString next = domain::quarterLabel(today.addMonths(3));
    m_ui->quarterCombo->addItems({current, previous, next});
    m_ui->audienceCombo->addItem(tr("Internal (everything)"), int(services::QbrAudience::Internal));
    m_ui->audienceCombo->addItem(tr("Customer"), int(services::QbrAudience::Customer));
    m_ui->audienceCombo->setCurrentIndex(savedAudience() == services::QbrAudience::Customer ? 1 : 0);
    m_ui->pageSizeCombo->addItem(tr("A4"), int(report::PageSize::A4));
    m_ui->pageSizeCombo->addItem(tr("Letter"), int(report::PageSize::Letter));
    const report::ReportStyle saved = savedReportStyle();
    m_ui->pageSizeCombo->setCurrentIndex(saved.pageSize == report::PageSize::Letter ? 1 : 0);
    m_accent = saved.accent;
    m_ui->logoEdit->setText(savedLogoPath());
    // Dates: ISO, or as this computer's language and region write them.
    const QDate sample(2026, 12, 29);
    m_ui->dateCombo->addItem(tr("ISO 8601 (%1)").arg(sample.toString(Qt::ISODate)), QString());
    const QLocale system = QLocale::system();
    if (system.language() != QLocale::C && services::qbrDateFormat(system.name()))
        m_ui->dateCombo->addItem(tr("%1 (%2)").arg(QLocale::languageToString(system.language()) + QStringLiteral(", ") +
                                                       QLocale::territoryToString(system.territory()),
                                                   sample.toString(*services::qbrDateFormat(system.name()))),
                                 system.name());
    const QString savedLocale = savedDateLocale();
    if (!savedLocale.isEmpty() && m_ui->dateCombo->findData(savedLocale) < 0 && services::qbrDateFormat(savedLocale))
        m_ui->dateCombo->addItem(tr("%1 (%2)").arg(savedLocale, sample.toString(*services::qbrDateFormat(savedLocale))), savedLocale);
    m_ui->dateCombo->setCurrentIndex(std::max(0, m_ui->dateCombo->findData(savedLocale)));
    for (int i = 0; i < services::kQbrSectionCount; ++i) {
        auto *item = new QListWidgetItem(services::qbrSectionName(services::QbrSection(i)), m_ui->sectionsList);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
    m_ui->previewList->setIconSize(QSize(300, 424));
    for (QWidget *w : {static_cast<QWidget *>(m_ui->quarterCombo), static_cast<QWidget *>(m_ui->audienceCombo),
                       static_cast<QWidget *>(m_ui->pageSizeCombo), static_cast<QWidget *>(m_ui->accentButton),
                       static_cast<QWidget *>(m_ui->dateCombo)})
        w->setMaximumWidth(240);
    m_ui->logoEdit->setMaximumWidth(160);
    m_ui->errorLabel->hide();

    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    m_timer->setInterval(150);
    connect(m_timer, &QTimer::timeout, this, &QbrDialog::refreshPreview);
    connect(m_ui->quarterCombo, &QComboBox::currentTextChanged, this, &QbrDialog::schedulePreview);
    connect(m_ui->audienceCombo, &QComboBox::currentIndexChanged, this, &QbrDialog::schedulePreview);
    connect(m_ui->pageSizeCombo, &QComboBox::currentIndexChanged, this, &QbrDialog::schedulePreview);
    connect(m_ui->dateCombo, &QComboBox::currentIndexChanged, this, &QbrDialog::schedulePreview);
    connect(m_ui->sectionsList, &QListWidget::itemChanged, this, &QbrDialog::schedulePreview);
    connect(m_ui->logoEdit, &QLineEdit::editingFinished, this, &QbrDialog::schedulePreview);
    connect(m_ui->accentButton, &QPushButton::clicked, this, &QbrDialog::chooseAccent);
    connect(m_ui->logoButton, &QPushButton::clicked, this, &QbrDialog::chooseLogo);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->buttons->button(QDialogButtonBox::Save), &QPushButton::clicked, this, &QbrDialog::save);
    m_ui->buttons->button(QDialogButtonBox::Save)->setText(tr("Save PDF…"));
    m_ui->accentButton->setText(m_accent.name());
    m_ui->accentButton->setStyleSheet(QStringLiteral("background: %1; color: white;").arg(m_accent.name()));
    connect(m_ui->quarterCombo, &QComboBox::currentTextChanged, this, &QbrDialog::loadSummary);
    for (QPlainTextEdit *edit : {m_ui->highlightsEdit, m_ui->lowlightsEdit})
        connect(edit, &QPlainTextEdit::textChanged, this, [this] {
            updateSummaryState();
            schedulePreview();
        });
    connect(m_ui->draftButton, &QPushButton::clicked, this, &QbrDialog::draftSummary);
    loadSummary();
    refreshPreview();
}

// The quarter's stored summary, or a draft from the data when none is stored.
void QbrDialog::loadSummary()
{
    const QString quarter = m_ui->quarterCombo->currentText().trimmed().toUpper();
    const bool valid = services::quarterRange(quarter).has_value();
    for (QWidget *w : {static_cast<QWidget *>(m_ui->highlightsEdit), static_cast<QWidget *>(m_ui->lowlightsEdit),
                       static_cast<QWidget *>(m_ui->draftButton)})
        w->setEnabled(valid);
    if (!valid || quarter == m_summaryQuarter)
        return;
    m_summaryQuarter = quarter;
    m_loadedStored = false;
    m_loaded = {};
    reportFailures([this](const QString &message) { m_ui->errorLabel->setText(message); m_ui->errorLabel->show(); }, [&] {
        if (auto stored = services::PlanService(m_portfolio).qbrSummary(m_accountId, quarter)) {
            m_loaded = *stored;
            m_loadedStored = true;
        } else {
            services::QbrOptions o = options();
            o.summary.reset();
            m_loaded = services::draftQbrSummary(m_portfolio, m_accountId, o);
        }
    });
    showSummary(m_loaded);
}

void QbrDialog::showSummary(const domain::QbrSummary &s)
{
    m_ui->highlightsEdit->setPlainText(s.highlights.join(QLatin1Char('\n')));
    m_ui->lowlightsEdit->setPlainText(s.lowlights.join(QLatin1Char('\n')));
    updateSummaryState();
}

void QbrDialog::draftSummary()
{
    reportFailures([this](const QString &message) { m_ui->errorLabel->setText(message); m_ui->errorLabel->show(); }, [&] {
        services::QbrOptions o = options();
        o.summary.reset();
        showSummary(services::draftQbrSummary(m_portfolio, m_accountId, o));
    });
}

domain::QbrSummary QbrDialog::editedSummary() const
{
    domain::QbrSummary s;
    s.accountId = m_accountId;
    s.quarter = m_summaryQuarter;
    s.highlights = m_ui->highlightsEdit->toPlainText().split(QLatin1Char('\n'));
    s.lowlights = m_ui->lowlightsEdit->toPlainText().split(QLatin1Char('\n'));
    return domain::normalisedQbrSummary(s);
}

bool QbrDialog::summaryEdited() const
{
    const domain::QbrSummary e = editedSummary();
    return e.highlights != m_loaded.highlights || e.lowlights != m_loaded.lowlights;
}

void QbrDialog::updateSummaryState()
{
    m_ui->summaryState->setText(summaryEdited() ? tr("Edited: kept with %1 when the PDF is saved.").arg(m_summaryQuarter)
                                : m_loadedStored ? tr("As kept with %1.").arg(m_summaryQuarter)
                                                 : tr("A draft from the data."));
}

// Keeps an edited summary with the quarter, as one undo step when the window's stack is given.
bool QbrDialog::storeSummary()
{
    if (!summaryEdited() || m_summaryQuarter.isEmpty())
        return true;
    const domain::QbrSummary s = editedSummary();
    const auto onError = [this](const QString &message) {
        m_ui->errorLabel->setText(message);
        m_ui->errorLabel->show();
    };
    const bool ok = reportFailures(onError, [&] {
        const QString text = tr("Edit the QBR summary of %1").arg(s.quarter);
        if (m_undo)
            m_undo->push(new RecordedCommand(m_portfolio, [this, s, text] {
                services::PlanService(m_portfolio).setQbrSummary(s);
                return text;
            }, onError));
        else
            services::PlanService(m_portfolio).setQbrSummary(s);
    });
    if (ok) {
        m_loaded = s;
        m_loadedStored = !s.isEmpty();
        updateSummaryState();
    }
    return ok;
}

QbrDialog::~QbrDialog() = default;

services::QbrOptions QbrDialog::options() const
{
    services::QbrOptions o;
    o.quarter = m_ui->quarterCombo->currentText().trimmed().toUpper();
    o.audience = services::QbrAudience(m_ui->audienceCombo->currentData().toInt());
    o.locale = m_ui->dateCombo->currentData().toString();
    o.today = m_today;
    if (const auto range = services::quarterRange(o.quarter))
        o.today = std::min(range->second, m_today);
    for (int i = 0; i < services::kQbrSectionCount; ++i)
        o.sections[size_t(i)] = m_ui->sectionsList->item(i)->checkState() == Qt::Checked;
    // The boxes' text, once they hold the chosen quarter's summary (an emptied pair: none).
    if (!m_summaryQuarter.isEmpty() && m_summaryQuarter == o.quarter)
        o.summary = editedSummary();
    return o;
}

report::ReportStyle QbrDialog::style() const
{
    report::ReportStyle s;
    s.pageSize = report::PageSize(m_ui->pageSizeCombo->currentData().toInt());
    s.accent = m_accent;
    const QString logo = m_ui->logoEdit->text().trimmed();
    if (!logo.isEmpty())
        s.logo.load(logo);
    return s;
}

void QbrDialog::schedulePreview()
{
    m_timer->start();
}

void QbrDialog::refreshPreview()
{
    m_timer->stop();
    m_ui->previewList->clear();
    m_data.reset();
    QString error;
    const services::QbrOptions o = options();
    const QString logo = m_ui->logoEdit->text().trimmed();
    if (!services::quarterRange(o.quarter))
        error = tr("Quarter: '%1' is not a quarter; write it like %2").arg(o.quarter, domain::quarterLabel(m_today));
    else if (!logo.isEmpty() && style().logo.isNull())
        error = tr("Logo: %1 is not a picture that can be read").arg(logo);
    else
        reportFailures([&error](const QString &message) { error = message; }, [&] { m_data = services::buildQbr(m_portfolio, m_accountId, o); });
    m_ui->errorLabel->setText(error);
    m_ui->errorLabel->setVisible(!error.isEmpty());
    m_ui->buttons->button(QDialogButtonBox::Save)->setEnabled(m_data.has_value());
    if (!m_data) {
        m_ui->pagesLabel->clear();
        return;
    }
    const std::vector<QImage> pages = report::qbrPageImages(*m_data, style(), 56);
    for (size_t i = 0; i < pages.size(); ++i) {
        auto *item = new QListWidgetItem(QIcon(QPixmap::fromImage(pages[i])), tr("Page %1").arg(i + 1), m_ui->previewList);
        item->setSizeHint(QSize(320, 460));
    }
    m_ui->pagesLabel->setText(tr("%1 pages, %2, %3.")
                                  .arg(pages.size())
                                  .arg(m_data->audience == services::QbrAudience::Internal ? tr("internal") : tr("for the customer"),
                                       m_ui->pageSizeCombo->currentText()));
}

int QbrDialog::previewPages() const
{
    return m_ui->previewList->count();
}

QString QbrDialog::errorText() const
{
    return m_ui->errorLabel->isHidden() ? QString() : m_ui->errorLabel->text();
}

bool QbrDialog::saveTo(const QString &path)
{
    if (m_timer->isActive() || !m_data)
        refreshPreview();
    if (!m_data)
        return false;
    QString error;
    const report::ReportStyle s = style();
    if (!report::writeQbrPdf(*m_data, s, path, &error)) {
        m_ui->errorLabel->setText(error);
        m_ui->errorLabel->show();
        return false;
    }
    saveReportChoices(s, m_ui->logoEdit->text().trimmed(), m_data->audience);
    QSettings().setValue(QStringLiteral("qbr/locale"), m_ui->dateCombo->currentData().toString());
    return storeSummary();
}

void QbrDialog::save()
{
    if (m_timer->isActive() || !m_data)
        refreshPreview();
    if (!m_data)
        return;
    const QString suggested = services::qbrFileName(m_data->account, m_data->quarter, m_data->audience);
    const QString path = QFileDialog::getSaveFileName(this, tr("Save QBR"), suggested, tr("PDF (*.pdf)"));
    if (!path.isEmpty() && saveTo(path))
        accept();
}

void QbrDialog::chooseAccent()
{
    const QColor c = QColorDialog::getColor(m_accent, this, tr("Accent Colour"));
    if (!c.isValid())
        return;
    m_accent = c;
    m_ui->accentButton->setText(c.name());
    m_ui->accentButton->setStyleSheet(QStringLiteral("background: %1; color: white;").arg(c.name()));
    schedulePreview();
}

void QbrDialog::chooseLogo()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Company Logo"), m_ui->logoEdit->text(), tr("Pictures (*.png *.jpg *.jpeg)"));
    if (path.isEmpty())
        return;
    m_ui->logoEdit->setText(path);
    schedulePreview();
}

} // namespace keystone::app
