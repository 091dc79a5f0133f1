// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "account/health/healthpage.h"
#include "widgets/viewmemory.h"
#include "widgets/colours.h"

#include "widgets/formfields.h"
#include "commands/healthcommands.h"

#include "ui_healthinputsform.h"

#include "keystone/services/portfolio.h"
#include "keystone/domain/healthdisplay.h"
#include "keystone/services/queries.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QDateEdit>
#include <QDateTimeAxis>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace keystone::app {

using domain::HealthBand;
using domain::Measure;

namespace {

QColor bandColour(HealthBand band, bool strong = false)
{
    switch (band) {
    // Strong: a bar's fill, with no text on it. Otherwise a cell tint that text sits on.
    case HealthBand::Green: return strong ? QColor(0x2e, 0x9d, 0x4f) : colours::tint(colours::Tint::Green);
    case HealthBand::Yellow: return strong ? QColor(0xd9, 0x9a, 0x1e) : colours::tint(colours::Tint::Yellow);
    case HealthBand::Red: return strong ? QColor(0xd9, 0x49, 0x3b) : colours::tint(colours::Tint::Red);
    case HealthBand::InsufficientData: return strong ? QColor(0x80, 0x80, 0x80) : colours::tint(colours::Tint::Grey);
    }
    return colours::tint(colours::Tint::Grey);
}

QString trendArrow(domain::Trend t)
{
    return t == domain::Trend::Up ? QStringLiteral("↑") : t == domain::Trend::Down ? QStringLiteral("↓") : QStringLiteral("→");
}

QString optText(const std::optional<int> &v)
{
    return v ? QString::number(*v) : QString();
}

} // namespace

// One bar per measure: its normalised score (0-100) and the points it contributes.
class ContributionBars final : public QWidget
{
public:
    using QWidget::QWidget;
    void setHealth(const domain::HealthResult &r)
    {
        m_result = r;
        update();
    }
    QSize sizeHint() const override { return {420, rowHeight() * domain::kMeasureCount + 8}; }
    QSize minimumSizeHint() const override { return {320, rowHeight() * domain::kMeasureCount + 8}; }

protected:
    int rowHeight() const { return fontMetrics().height() + 10; }
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        const QFontMetrics fm = fontMetrics();
        const int label = fm.horizontalAdvance(QStringLiteral("Adoption breadth")) + 12;
        const int value = fm.horizontalAdvance(QStringLiteral("100 · 25.00 pts")) + 8;
        const int barWidth = std::max(60, width() - label - value - 8);
        for (int i = 0; i < domain::kMeasureCount; ++i) {
            const int y = 4 + i * rowHeight();
            const Measure m = Measure(i);
            p.setPen(palette().color(QPalette::WindowText));
            p.drawText(QRect(0, y, label, rowHeight()), Qt::AlignLeft | Qt::AlignVCenter, domain::measureName(m));
            const QRect track(label, y + 5, barWidth, rowHeight() - 10);
            p.setPen(Qt::NoPen);
            p.setBrush(colours::mix(palette().color(QPalette::WindowText), palette().color(QPalette::Window), 0.1));
            p.drawRoundedRect(track, 3, 3);
            const auto score = m_result.measureScores[size_t(i)];
            const bool stale = std::find(m_result.stale.begin(), m_result.stale.end(), m) != m_result.stale.end();
            QString text;
            if (score) {
                const HealthBand band = *score >= 75 ? HealthBand::Green : *score >= 60 ? HealthBand::Yellow : HealthBand::Red;
                p.setBrush(bandColour(band, true));
                p.drawRoundedRect(QRect(track.left(), track.top(), int(track.width() * *score / 100.0), track.height()), 3, 3);
                text = QStringLiteral("%1 · %2 pts").arg(*score, 0, 'f', 0).arg(m_result.contributions[size_t(i)], 0, 'f', 2);
            } else {
                text = stale ? tr("stale") : tr("no data");
            }
            p.setPen(score ? palette().color(QPalette::WindowText) : colours::ink(colours::Ink::Caution));
            p.drawText(QRect(label + barWidth + 8, y, value, rowHeight()), Qt::AlignLeft | Qt::AlignVCenter, text);
        }
    }

private:
    domain::HealthResult m_result;
};

HealthPage::HealthPage(services::Portfolio &portfolio, services::HealthService &service, QUndoStack &undo, CommandErrorHandler onError,
                       QWidget *parent)
    : AccountPage(parent)
    , m_portfolio(portfolio)
    , m_service(service)
    , m_undo(undo)
    , m_onError(std::move(onError))
{
    m_summary = new QLabel(this);
    m_summary->setStyleSheet(QStringLiteral("font-size: 13pt;"));
    m_summary->setTextFormat(Qt::RichText);
    m_notes = new QLabel(this);
    m_notes->setWordWrap(true);
    m_bars = new ContributionBars(this);
    m_changesTitle = new QLabel(this);
    m_changes = new QListWidget(this);
    m_changes->setAccessibleName(tr("What changed since the earlier score"));
    m_changes->setMaximumHeight(m_changes->fontMetrics().height() * 8);

    auto *chart = new QChart;
    chart->setTitle(tr("Score history"));
    chart->legend()->hide();
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart = new QChartView(chart, this);
    m_chart->setAccessibleName(tr("Health score over time"));
    m_chart->setAccessibleDescription(tr("The account's stored health scores by date, with the band limits at 60 and 75; the table lists the inputs."));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(240);
    m_chart->setMinimumWidth(460);

    m_inputs = new QStandardItemModel(this);
    m_table = new QTableView(this);
    m_table->setAccessibleName(tr("Health inputs and their scores"));
    m_table->setModel(m_inputs);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_add = new QPushButton(tr("Add Snapshot…"), this);
    m_edit = new QPushButton(tr("Edit…"), this);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("<b>Contribution by measure</b> (measure score · points of the total)"), left));
    leftLayout->addWidget(m_bars);
    leftLayout->addWidget(m_changesTitle);
    leftLayout->addWidget(m_changes);
    leftLayout->addStretch(1);
    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(left);
    top->addWidget(m_chart);
    top->setStretchFactor(0, 2);
    top->setStretchFactor(1, 3);
    top->setChildrenCollapsible(false);
    rememberSplitter(top, QStringLiteral("health/top"));
    left->setMaximumWidth(640);

    auto *inputsBox = new QWidget(this);
    auto *inputsLayout = new QVBoxLayout(inputsBox);
    inputsLayout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("<b>Inputs</b> by snapshot date, newest first. Amber: typed in by hand and older than the stale age."), inputsBox), 1);
    bar->addWidget(m_add);
    bar->addWidget(m_edit);
    inputsLayout->addLayout(bar);
    inputsLayout->addWidget(m_table, 1);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(inputsBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    rememberSplitter(split, QStringLiteral("health/split"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_notes);
    layout->addWidget(split, 1);

    connect(m_add, &QPushButton::clicked, this, &HealthPage::addSnapshot);
    connect(m_edit, &QPushButton::clicked, this, [this] { editSnapshot(m_table->currentIndex().row()); });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &i) { editSnapshot(i.row()); });
    connect(&portfolio, &services::Portfolio::healthChanged, this, &HealthPage::markDirtyIfAmong);
    connect(&portfolio, &services::Portfolio::bookChanged, this, [this] { markStale(); });
    connect(&portfolio, &services::Portfolio::activitiesChanged, this, [this](qint64 id) { markDirty(id); });
    connect(&portfolio, &services::Portfolio::contactsChanged, this, [this](qint64 id) { markDirty(id); });
}

HealthPage::~HealthPage() = default;




void HealthPage::rebuild()
{
    const bool writable = !m_portfolio.isReadOnly(m_accountId) && m_accountId > 0;
    m_add->setEnabled(writable);
    m_edit->setEnabled(writable);
    if (m_accountId == 0) {
        m_health = {};
        m_summary->clear();
        m_notes->clear();
        return;
    }
    m_health = m_service.healthOf(m_accountId, m_today);
    m_snapshots = services::query::healthInputs(m_portfolio, m_accountId);
    std::reverse(m_snapshots.begin(), m_snapshots.end());
    const domain::HealthResult &r = m_health.now;
    if (!m_health.inputsDate.isValid()) {
        m_summary->setText(tr("No health inputs yet"));
        m_notes->setText(tr("Add a snapshot of usage, adoption, support, sentiment and payment to score this account; "
                            "engagement and relationship come from the activity log."));
    } else {
        // The band's chip: its tint with the text's own colour (4.5:1 or more in either scheme).
        const QColor c = bandColour(r.band);
        m_summary->setText(tr("Health <b>%1</b> <span style='background:%2; color:%7; padding:2px 8px;'>&nbsp;%3&nbsp;</span> · "
                              "confidence %4% · %5 %6")
                               .arg(domain::formatHealthScore(r.score), c.name(), domain::healthBandName(r.band))
                               .arg(r.confidence * 100, 0, 'f', 0)
                               .arg(trendArrow(m_health.trend),
                                    m_health.before ? tr("since %1 (%2)").arg(m_health.comparedWith.toString(Qt::ISODate)).arg(domain::formatHealthScore(m_health.before->score))
                                                    : tr("no score %1 to compare with").arg(m_health.comparedWith.toString(Qt::ISODate)))
                               .arg(palette().color(QPalette::Text).name()));
        QStringList notes;
        notes << tr("Scorecard '%1', inputs of %2.").arg(m_health.scorecard.name, m_health.inputsDate.toString(Qt::ISODate));
        auto names = [](const std::vector<Measure> &ms) {
            QStringList l;
            for (Measure m : ms)
                l << domain::measureName(m);
            return l.join(QStringLiteral(", "));
        };
        if (!r.missing.empty())
            notes << tr("No data: %1.").arg(names(r.missing));
        if (!r.stale.empty())
            notes << tr("<span style='color:%C'>Stale (typed in more than %1 days ago, left out): %2.</span>")
                         .arg(m_health.scorecard.staleDays)
                         .arg(names(r.stale));
        if (r.capped)
            notes << tr("<span style='color:%W'>Held at Yellow: a champion has left.</span>");
        if (m_health.championLossAlert)
            notes << tr("<span style='color:%W'><b>Check in now:</b> a champion left and usage fell by 30% or more within 30 days.</span>");
        m_notes->setText(colours::inks(notes.join(QLatin1Char(' '))));
    }
    m_bars->setHealth(r);
    m_changes->clear();
    m_changesTitle->setText(tr("<b>What changed</b> since %1, largest first").arg(m_health.comparedWith.toString(Qt::ISODate)));
    for (const auto &c : m_health.whatChanged) {
        if (std::abs(c.delta()) < 0.005)
            continue;
        auto *item = new QListWidgetItem(tr("%1  %2%3 points (%4 → %5)")
                                             .arg(domain::measureName(c.measure))
                                             .arg(c.delta() > 0 ? QStringLiteral("+") : QString())
                                             .arg(c.delta(), 0, 'f', 2)
                                             .arg(c.before, 0, 'f', 2)
                                             .arg(c.now, 0, 'f', 2),
                                         m_changes);
        item->setForeground(colours::ink(c.delta() < 0 ? colours::Ink::Warn : colours::Ink::Good));
    }
    if (m_changes->count() == 0)
        new QListWidgetItem(m_health.before ? tr("Nothing changed") : tr("No earlier score to compare with"), m_changes);
    rebuildChart(services::query::healthHistory(m_portfolio, m_accountId));
    rebuildInputs();
}

void HealthPage::rebuildChart(const std::vector<services::StoredScore> &history)
{
    QChart *chart = m_chart->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis); // hands the axis back to us
        delete axis;
    }
    m_historyPoints = int(history.size());
    colours::styleChart(chart, palette());
    if (history.empty())
        return;
    const qint64 x0 = history.front().date.startOfDay().toMSecsSinceEpoch();
    qint64 x1 = history.back().date.startOfDay().toMSecsSinceEpoch();
    if (x1 == x0)
        x1 = x0 + 86400000LL * 30;
    auto *xAxis = new QDateTimeAxis;
    xAxis->setFormat(QStringLiteral("MMM yy"));
    xAxis->setTitleText(tr("Snapshot date"));
    xAxis->setRange(QDateTime::fromMSecsSinceEpoch(x0), QDateTime::fromMSecsSinceEpoch(x1));
    xAxis->setTickCount(7);
    auto *yAxis = new QValueAxis;
    yAxis->setRange(0, 100);
    yAxis->setTickCount(6);
    yAxis->setLabelFormat(QStringLiteral("%d"));
    yAxis->setTitleText(tr("Score"));
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    // Band zones, shaded behind the line.
    const std::pair<double, double> zones[] = {{0, double(m_health.scorecard.yellowAt)},
                                                {double(m_health.scorecard.yellowAt), double(m_health.scorecard.greenAt)},
                                                {double(m_health.scorecard.greenAt), 100}};
    const HealthBand bands[] = {HealthBand::Red, HealthBand::Yellow, HealthBand::Green};
    for (int z = 0; z < 3; ++z) {
        // The area series does not own its boundary lines: parent them to it.
        auto *area = new QAreaSeries;
        auto *lower = new QLineSeries(area);
        auto *upper = new QLineSeries(area);
        lower->append(double(x0), zones[z].first);
        lower->append(double(x1), zones[z].first);
        upper->append(double(x0), zones[z].second);
        upper->append(double(x1), zones[z].second);
        area->setUpperSeries(upper);
        area->setLowerSeries(lower);
        QColor fill = bandColour(bands[z]);
        fill.setAlpha(150);
        area->setBrush(fill);
        area->setPen(Qt::NoPen);
        chart->addSeries(area);
        area->attachAxis(xAxis);
        area->attachAxis(yAxis);
    }
    auto *line = new QLineSeries;
    for (const services::StoredScore &s : history)
        line->append(double(s.date.startOfDay().toMSecsSinceEpoch()), s.score);
    line->setPen(QPen(colours::isDark() ? QColor(0x7a, 0xb8, 0xff) : QColor(0x1f, 0x4e, 0x79), 2.5));
    line->setPointsVisible(true);
    chart->addSeries(line);
    line->attachAxis(xAxis);
    line->attachAxis(yAxis);
}

void HealthPage::rebuildInputs()
{
    m_inputs->clear();
    m_inputs->setHorizontalHeaderLabels({tr("Date"), tr("Seats"), tr("Active"), tr("Features"), tr("Sev 1/2/3"), tr("NPS"), tr("CSAT"),
                                         tr("Survey"), tr("Days late"), tr("Typed by hand")});
    for (const domain::HealthInputs &in : m_snapshots) {
        QList<QStandardItem *> row;
        auto cell = [&](const QString &text) {
            auto *item = new QStandardItem(text);
            row << item;
            return item;
        };
        cell(in.date.toString(Qt::ISODate));
        cell(optText(in.licensedSeats));
        cell(optText(in.activeUsers));
        cell(in.featuresUsed || in.featuresOffered ? QStringLiteral("%1 of %2").arg(optText(in.featuresUsed), optText(in.featuresOffered)) : QString());
        cell(in.sev1 || in.sev2 || in.sev3 ? QStringLiteral("%1/%2/%3").arg(in.sev1.value_or(0)).arg(in.sev2.value_or(0)).arg(in.sev3.value_or(0))
                                            : QString());
        cell(optText(in.nps));
        cell(in.csat ? QString::number(*in.csat, 'f', 1) : QString());
        cell(in.sentimentDate.isValid() ? in.sentimentDate.toString(Qt::ISODate) : QString());
        cell(in.daysLate ? QString::number(*in.daysLate, 'f', 0) : QString());
        QStringList manual;
        bool stale = false;
        for (int i = 0; i < domain::kMeasureCount; ++i) {
            if (!in.manual[size_t(i)])
                continue;
            manual << domain::measureName(Measure(i));
            const QDate taken = Measure(i) == Measure::Sentiment && in.sentimentDate.isValid() ? in.sentimentDate : in.date;
            stale = stale || taken.daysTo(m_today) > m_health.scorecard.staleDays;
        }
        cell(manual.join(QStringLiteral(", ")));
        if (stale)
            for (QStandardItem *item : row)
                item->setBackground(colours::tint(colours::Tint::Yellow));
        m_inputs->appendRow(row);
    }
    const QFontMetrics fm = m_table->fontMetrics();
    const QString samples[] = {QStringLiteral("2026-11-23"), QStringLiteral("12,000"), QStringLiteral("12,000"), QStringLiteral("10 of 10"),
                               QStringLiteral("Sev 1/2/3"), QStringLiteral("-100"), QStringLiteral("CSAT"), QStringLiteral("2026-11-23"),
                               QStringLiteral("Days late"), QStringLiteral("Sentiment")};
    for (int c = 0; c < m_inputs->columnCount(); ++c)
        m_table->setColumnWidth(c, fm.horizontalAdvance(samples[c]) + 20);
}

void HealthPage::addSnapshot()
{
    if (m_accountId == 0 || m_portfolio.isReadOnly(m_accountId))
        return;
    domain::HealthInputs in = m_snapshots.empty() ? domain::HealthInputs{} : m_snapshots.front(); // start from the latest
    in.date = m_today;
    in.manual.fill(false);
    in.manual[size_t(Measure::Sentiment)] = true;
    snapshotDialog(in);
}

void HealthPage::editSnapshot(int row)
{
    if (row >= 0 && size_t(row) < m_snapshots.size() && !m_portfolio.isReadOnly(m_accountId))
        snapshotDialog(m_snapshots[size_t(row)]);
}

bool HealthPage::saveSnapshot(const domain::HealthInputs &inputs)
{
    return reportFailures(m_onError, [&] {
        auto before = m_service.saveInputs(m_accountId, inputs);
        m_undo.push(makeSaveHealthInputsCommand(m_service, m_accountId, std::move(before), inputs, m_onError));
    });
}

void HealthPage::snapshotDialog(domain::HealthInputs before)
{
    QDialog dialog(this);
    Ui::HealthInputsForm ui;
    ui.setupUi(&dialog);
    dialog.setWindowTitle(tr("Health Inputs"));
    ui.dateEdit->setDate(before.date.isValid() ? before.date : m_today);
    ui.seatsEdit->setText(optText(before.licensedSeats));
    ui.activeEdit->setText(optText(before.activeUsers));
    ui.usedEdit->setText(optText(before.featuresUsed));
    ui.offeredEdit->setText(optText(before.featuresOffered));
    ui.sev1Edit->setText(optText(before.sev1));
    ui.sev2Edit->setText(optText(before.sev2));
    ui.sev3Edit->setText(optText(before.sev3));
    ui.npsEdit->setText(optText(before.nps));
    ui.csatEdit->setText(before.csat ? QString::number(*before.csat) : QString());
    ui.sentimentDateEdit->setDate(before.sentimentDate.isValid() ? before.sentimentDate : ui.dateEdit->date());
    ui.lateEdit->setText(before.daysLate ? QString::number(*before.daysLate) : QString());
    const std::pair<Measure, QCheckBox *> manualChecks[] = {{Measure::Usage, ui.usageManualCheck},
                                                            {Measure::Adoption, ui.adoptionManualCheck},
                                                            {Measure::Support, ui.supportManualCheck},
                                                            {Measure::Sentiment, ui.sentimentManualCheck},
                                                            {Measure::Payment, ui.paymentManualCheck}};
    for (const auto &[measure, check] : manualChecks)
        check->setChecked(before.manual[size_t(measure)]);
    acceptFormWith(dialog, ui, [&, before]() -> QString {
        domain::HealthInputs after = before;
        QString error;
        after.date = ui.dateEdit->date();
        after.licensedSeats = intField(ui.seatsEdit, tr("Licensed seats"), error);
        after.activeUsers = intField(ui.activeEdit, tr("Active users"), error);
        after.featuresUsed = intField(ui.usedEdit, tr("Core features used"), error);
        after.featuresOffered = intField(ui.offeredEdit, tr("Core features offered"), error);
        after.sev1 = intField(ui.sev1Edit, tr("Sev 1 tickets"), error);
        after.sev2 = intField(ui.sev2Edit, tr("Sev 2 tickets"), error);
        after.sev3 = intField(ui.sev3Edit, tr("Sev 3 tickets"), error);
        after.nps = intField(ui.npsEdit, tr("NPS"), error);
        after.csat = realField(ui.csatEdit, tr("CSAT"), error);
        after.daysLate = realField(ui.lateEdit, tr("Days late"), error);
        after.sentimentDate = after.nps || after.csat ? ui.sentimentDateEdit->date() : QDate();
        for (const auto &[measure, check] : manualChecks)
            after.manual[size_t(measure)] = check->isChecked();
        if (!error.isEmpty())
            return error;
        if (after == before)
            return {};
        const auto errors = domain::validateHealthInputs(after);
        if (!errors.isEmpty())
            return errors.first().message;
        return saveSnapshot(after) ? QString() : tr("Not saved; see the message");
    });
    dialog.exec();
}

} // namespace keystone::app
