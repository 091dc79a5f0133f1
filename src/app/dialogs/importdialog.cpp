// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "dialogs/importdialog.h"
#include "widgets/colours.h"

#include "ui_importdialog.h"

#include "widgets/backgroundtask.h"
#include "commands/commandsupport.h"

#include "keystone/services/outputfile.h"
#include "keystone/services/portfolio.h"
#include "keystone/services/backups.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QStyledItemDelegate>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>

namespace keystone::app {

namespace {

constexpr int kPreviewRows = 50;
constexpr qint64 kPreviewBytes = 1 << 20; // the preview reads the first MiB only


// The kind whose fields the header matches best (most columns mapped, all required).
io::ImportKind guessKind(const QStringList &header)
{
    io::ImportKind best = io::ImportKind::Accounts;
    int bestScore = -1;
    for (io::ImportKind kind : io::importKinds()) {
        const io::ImportMapping m = io::autoMapping(kind, header);
        int mapped = 0;
        for (const QString &f : m.fields)
            mapped += f.isEmpty() ? 0 : 1;
        const int score = mapped * 10 - int(io::mappingProblems(m).size()) * 25;
        if (score > bestScore) {
            bestScore = score;
            best = kind;
        }
    }
    return best;
}

// The "Imports as" column: the field's name, edited with a list of the kind's fields.
class FieldDelegate final : public QStyledItemDelegate
{
public:
    FieldDelegate(std::function<io::ImportKind()> kind, std::function<QString(int)> ignored, QObject *parent)
        : QStyledItemDelegate(parent), m_kind(std::move(kind)), m_ignored(std::move(ignored))
    {
    }
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &index) const override
    {
        auto *combo = new QComboBox(parent);
        const QString reason = m_ignored(index.row());
        combo->addItem(reason.isEmpty() ? tr("(not imported)") : tr("(not imported: %1)").arg(reason), QString());
        for (const io::ImportField &f : io::importFields(m_kind())) {
            combo->addItem(f.label, f.key);
            if (!f.help.isEmpty())
                combo->setItemData(combo->count() - 1, f.help, Qt::ToolTipRole);
        }
        return combo;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        auto *combo = static_cast<QComboBox *>(editor);
        combo->setCurrentIndex(std::max(0, combo->findData(index.data(Qt::UserRole).toString())));
        combo->showPopup();
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        auto *combo = static_cast<QComboBox *>(editor);
        model->setData(index, combo->currentData().toString(), Qt::UserRole);
        model->setData(index, combo->currentText(), Qt::DisplayRole);
    }
    static QString tr(const char *s) { return QCoreApplication::translate("keystone::app::ImportDialog", s); }

private:
    std::function<io::ImportKind()> m_kind;
    std::function<QString(int)> m_ignored;
};

} // namespace

ImportDialog::ImportDialog(services::Portfolio &portfolio, QWidget *parent)
    : QDialog(parent), m_portfolio(portfolio), m_ui(std::make_unique<Ui::ImportDialog>())
{
    m_ui->setupUi(this);
    for (io::ImportKind k : io::importKinds())
        m_ui->kindCombo->addItem(io::importKindName(k), io::importKindKey(k));
    m_ui->delimiterCombo->addItem(tr("Detect"), QString());
    m_ui->delimiterCombo->addItem(tr("Comma ,"), QStringLiteral(","));
    m_ui->delimiterCombo->addItem(tr("Semicolon ;"), QStringLiteral(";"));
    m_ui->delimiterCombo->addItem(tr("Tab"), QStringLiteral("\t"));
    m_ui->delimiterCombo->addItem(tr("Bar |"), QStringLiteral("|"));
    m_ui->dateCombo->addItem(tr("Detect"), QStringLiteral("auto"));
    m_ui->dateCombo->addItem(tr("2026-01-31 (ISO)"), QStringLiteral("iso"));
    m_ui->dateCombo->addItem(tr("1/31/2026 (US)"), QStringLiteral("us"));
    m_ui->dateCombo->addItem(tr("31/01/2026 (European)"), QStringLiteral("european"));
    m_ui->decimalCombo->addItem(tr("Detect"), QStringLiteral("auto"));
    m_ui->decimalCombo->addItem(tr("1,234.56"), QStringLiteral("point"));
    m_ui->decimalCombo->addItem(tr("1.234,56"), QStringLiteral("comma"));
    m_ui->duplicateCombo->addItem(tr("Update the existing one"), QStringLiteral("update"));
    m_ui->duplicateCombo->addItem(tr("Skip the row"), QStringLiteral("skip"));
    m_ui->duplicateCombo->addItem(tr("Create another"), QStringLiteral("create"));
    m_ui->duplicateCombo->setToolTip(tr("A row matches an entity already here (or an earlier row) by its CRM id, then by name "
                                        "(email for contacts; date, type and summary for activities)"));

    m_ui->mappingTable->setColumnCount(3);
    m_ui->mappingTable->setHorizontalHeaderLabels({tr("Column"), tr("First value"), tr("Imports as")});
    m_ui->mappingTable->verticalHeader()->hide();
    m_ui->mappingTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->mappingTable->setColumnWidth(0, 150);
    m_ui->mappingTable->setColumnWidth(1, 130);
    m_ui->mappingTable->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_ui->mappingTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_ui->mappingTable->setItemDelegateForColumn(
        2, new FieldDelegate([this] { return m_mapping.kind; },
                             [this](int row) { return io::ignoredHeaderReason(m_mapping.kind, m_sample.header.value(row)); }, this));
    connect(m_ui->mappingTable, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_building || item->column() != 2 || item->row() >= m_mapping.fields.size())
            return;
        m_mapping.fields[item->row()] = item->data(Qt::UserRole).toString();
        QTimer::singleShot(0, this, &ImportDialog::rebuildMapping); // labels, colours and the preview
    });
    m_ui->mappingTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 12);
    m_ui->previewTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_ui->previewTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_ui->splitter->setStretchFactor(0, 2);
    m_ui->splitter->setStretchFactor(1, 3);
    m_ui->splitter->setSizes({420, 560});

    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(150);
    connect(&m_previewTimer, &QTimer::timeout, this, &ImportDialog::refreshPreview);
    connect(m_ui->browseButton, &QPushButton::clicked, this, &ImportDialog::chooseFile);
    connect(m_ui->kindCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (m_building)
            return;
        m_mapping = io::autoMapping(*io::parseImportKind(m_ui->kindCombo->currentData().toString()), m_sample.header);
        rebuildMapping();
    });
    connect(m_ui->delimiterCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_building && !m_path.isEmpty())
            reloadPreviewFile();
    });
    for (QComboBox *c : {m_ui->dateCombo, m_ui->decimalCombo})
        connect(c, &QComboBox::currentIndexChanged, this, [this] {
            if (m_building)
                return;
            m_mapping.dateFormat = io::parseDateFormat(m_ui->dateCombo->currentData().toString()).value_or(io::DateFormat::Auto);
            m_mapping.decimalMark = io::parseDecimalMark(m_ui->decimalCombo->currentData().toString()).value_or(io::DecimalMark::Auto);
            m_previewTimer.start();
        });
    connect(m_ui->loadMappingButton, &QPushButton::clicked, this, &ImportDialog::loadMapping);
    connect(m_ui->saveMappingButton, &QPushButton::clicked, this, &ImportDialog::saveMapping);
    connect(m_ui->dryRunButton, &QPushButton::clicked, this, [this] { runImport(true); });
    connect(m_ui->importButton, &QPushButton::clicked, this, [this] {
        if (runImport(false))
            accept();
    });
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    if (m_portfolio.isReadOnly()) {
        m_ui->importButton->setEnabled(false);
        m_ui->dryRunButton->setEnabled(false);
    }
    rebuildMapping();
}

ImportDialog::~ImportDialog() = default;

void ImportDialog::chooseFile()
{
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("import/dir")).toString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Import CSV"), dir, tr("CSV files (*.csv *.txt *.tsv);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("import/dir"), QFileInfo(path).absolutePath());
    setFile(path);
}

std::optional<QChar> ImportDialog::chosenDelimiter() const
{
    const QString d = m_ui->delimiterCombo->currentData().toString();
    return d.isEmpty() ? std::nullopt : std::optional<QChar>(d.at(0));
}

bool ImportDialog::setFile(const QString &path)
{
    m_path = path;
    m_ui->fileEdit->setText(QDir::toNativeSeparators(path));
    reloadPreviewFile();
    if (m_sample.header.isEmpty())
        return false;
    m_building = true;
    const io::ImportKind kind = guessKind(m_sample.header);
    m_ui->kindCombo->setCurrentIndex(m_ui->kindCombo->findData(io::importKindKey(kind)));
    m_building = false;
    m_mapping = io::autoMapping(kind, m_sample.header);
    rebuildMapping();
    return true;
}

void ImportDialog::reloadPreviewFile()
{
    m_sample = {};
    QFile f(m_path);
    if (!f.open(QIODevice::ReadOnly)) {
        m_ui->statusLabel->setText(colours::inks(tr("<span style='color:%W'>%1 cannot be read: %2</span>").arg(m_path.toHtmlEscaped(), f.errorString())));
        rebuildMapping();
        return;
    }
    QByteArray head = f.read(kPreviewBytes);
    if (!f.atEnd()) // do not cut a record in half
        head.truncate(head.lastIndexOf('\n') + 1);
    try {
        io::CsvOptions options;
        options.delimiter = chosenDelimiter();
        options.maxRecords = kPreviewRows;
        m_sample = io::parseCsv(head, options);
    } catch (const io::CsvError &e) {
        m_ui->statusLabel->setText(colours::inks(tr("<span style='color:%W'>%1: %2</span>").arg(QFileInfo(m_path).fileName().toHtmlEscaped(), e.message.toHtmlEscaped())));
    }
    const io::ImportKind kind = *io::parseImportKind(m_ui->kindCombo->currentData().toString());
    m_mapping = io::autoMapping(kind, m_sample.header);
    rebuildMapping();
}

void ImportDialog::setKind(io::ImportKind kind)
{
    m_ui->kindCombo->setCurrentIndex(m_ui->kindCombo->findData(io::importKindKey(kind)));
}

void ImportDialog::setPolicy(services::DuplicatePolicy policy)
{
    m_ui->duplicateCombo->setCurrentIndex(m_ui->duplicateCombo->findData(services::duplicatePolicyKey(policy)));
}

void ImportDialog::setField(int column, const QString &field)
{
    if (column < 0 || column >= m_mapping.fields.size())
        return;
    m_mapping.fields[column] = field;
    rebuildMapping();
}

void ImportDialog::rebuildMapping()
{
    m_building = true;
    const io::ImportKind kind = m_mapping.kind;
    m_mapping.dateFormat = io::parseDateFormat(m_ui->dateCombo->currentData().toString()).value_or(io::DateFormat::Auto);
    m_mapping.decimalMark = io::parseDecimalMark(m_ui->decimalCombo->currentData().toString()).value_or(io::DecimalMark::Auto);
    const QStringList &header = m_sample.header;
    m_ui->mappingTable->setRowCount(int(header.size()));
    for (int c = 0; c < header.size(); ++c) {
        QString first;
        for (const QStringList &r : m_sample.records)
            if (!r.value(c).trimmed().isEmpty()) {
                first = r.value(c).simplified();
                break;
            }
        auto *sample = new QTableWidgetItem(first);
        sample->setToolTip(first);
        m_ui->mappingTable->setItem(c, 1, sample);
        const QString reason = io::ignoredHeaderReason(kind, header.at(c));
        const io::ImportField *field = io::findImportField(kind, m_mapping.fields.value(c));
        auto *as = new QTableWidgetItem(field ? field->label : reason.isEmpty() ? tr("(not imported)") : tr("(not imported: %1)").arg(reason));
        as->setData(Qt::UserRole, field ? field->key : QString());
        as->setFlags(as->flags() | Qt::ItemIsEditable);
        as->setToolTip(field ? (field->help.isEmpty() ? tr("Click to choose another field") : field->help) : tr("Click to import this column"));
        if (!field)
            as->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
        m_ui->mappingTable->setItem(c, 2, as);
        m_ui->mappingTable->setItem(c, 0, new QTableWidgetItem(header.at(c)));
        for (int k = 0; k < 2; ++k)
            m_ui->mappingTable->item(c, k)->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    }
    m_building = false;
    refreshPreview();
}

void ImportDialog::refreshPreview()
{
    const QStringList &header = m_sample.header;
    m_preview = {};
    if (!header.isEmpty()) {
        try {
            m_preview = services::ImportService(m_portfolio).preview(m_sample, m_mapping, kPreviewRows);
        } catch (const std::exception &e) {
            m_preview.mappingProblems << QString::fromUtf8(e.what());
        }
    }
    auto *t = m_ui->previewTable;
    t->clear();
    t->setColumnCount(int(header.size()));
    t->setRowCount(int(m_sample.records.size()));
    QStringList labels;
    for (int c = 0; c < header.size(); ++c) {
        const io::ImportField *f = io::findImportField(m_mapping.kind, m_mapping.fields.value(c));
        labels << (f ? QStringLiteral("%1\n→ %2").arg(header.at(c), f->label) : QStringLiteral("%1\n(not imported)").arg(header.at(c)));
    }
    t->setHorizontalHeaderLabels(labels);
    QHash<QPair<int, QString>, QString> problems;
    QSet<int> badRows;
    for (const services::ImportIssue &i : m_preview.issues) {
        QString &p = problems[{i.row, i.column}];
        p = p.isEmpty() ? i.message : p + QLatin1Char('\n') + i.message;
        badRows.insert(i.row);
    }
    for (int r = 0; r < int(m_sample.records.size()); ++r) {
        const QStringList &rec = m_sample.records[size_t(r)];
        for (int c = 0; c < header.size(); ++c) {
            auto *item = new QTableWidgetItem(rec.value(c).simplified());
            const bool mapped = !m_mapping.fields.value(c).isEmpty();
            if (!mapped)
                item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
            const QString problem = problems.value({r + 2, header.at(c)});
            const QString rowProblem = c == 0 ? problems.value({r + 2, QString()}) : QString();
            if (!problem.isEmpty() || !rowProblem.isEmpty()) {
                item->setBackground(colours::tint(colours::Tint::Red));
                item->setToolTip(problem.isEmpty() ? rowProblem : problem);
            } else {
                item->setToolTip(rec.value(c));
            }
            t->setItem(r, c, item);
        }
    }
    // Column widths from the header and the sample, not ResizeToContents.
    const QFontMetrics fm(t->font());
    for (int c = 0; c < header.size(); ++c) {
        int w = fm.horizontalAdvance(labels.at(c).section(QLatin1Char('\n'), 0, 0));
        w = std::max(w, fm.horizontalAdvance(labels.at(c).section(QLatin1Char('\n'), 1, 1)));
        for (int r = 0; r < std::min<int>(20, int(m_sample.records.size())); ++r)
            w = std::max(w, fm.horizontalAdvance(m_sample.records[size_t(r)].value(c).simplified().left(40)));
        t->setColumnWidth(c, std::min(w + 36, 260));
    }
    t->horizontalHeader()->setMinimumHeight(fm.height() * 2 + 12);

    QString status;
    if (header.isEmpty()) {
        status = m_path.isEmpty() ? tr("Choose a CSV file. Headers of Salesforce exports are recognised; other columns can be mapped by hand.")
                                  : m_ui->statusLabel->text();
    } else if (!m_preview.mappingProblems.isEmpty()) {
        status = tr("<span style='color:%W'>Cannot import yet: %1.</span>").arg(m_preview.mappingProblems.join(QStringLiteral("; ")).toHtmlEscaped());
    } else {
        int mapped = 0;
        for (const QString &f : m_mapping.fields)
            mapped += f.isEmpty() ? 0 : 1;
        status = tr("%1 of %2 columns imported, delimiter %3. ").arg(mapped).arg(header.size())
                     .arg(m_sample.delimiter == QLatin1Char('\t') ? tr("tab") : QStringLiteral("“%1”").arg(m_sample.delimiter));
        status += badRows.isEmpty() ? tr("The first %n row(s) import cleanly.", nullptr, int(m_sample.records.size()))
                                    : tr("<span style='color:%W'>%1 of the first %2 rows would be refused</span> (red cells; the rest of each file is checked when you import).")
                                          .arg(badRows.size()).arg(m_sample.records.size());
    }
    if (const QString note = io::encodingNote(m_sample); !note.isEmpty())
        status += tr("<br><span style='color:%C'>Encoding: %1.</span>").arg(note.toHtmlEscaped());
    m_ui->statusLabel->setText(colours::inks(status));
    const bool ready = !header.isEmpty() && m_preview.mappingProblems.isEmpty() && !m_portfolio.isReadOnly();
    m_ui->importButton->setEnabled(ready);
    m_ui->dryRunButton->setEnabled(ready);
    m_ui->saveMappingButton->setEnabled(!header.isEmpty());
}

QString ImportDialog::statusText() const
{
    return m_ui->statusLabel->text();
}

QString ImportDialog::cellProblem(int row, int column) const
{
    const QTableWidgetItem *item = m_ui->previewTable->item(row, column);
    return item && item->background().color() == colours::tint(colours::Tint::Red) ? item->toolTip() : QString();
}

void ImportDialog::loadMapping()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load Mapping"), {}, tr("Mappings (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile f(path);
    try {
        if (!f.open(QIODevice::ReadOnly))
            throw io::MappingError{f.errorString()};
        m_mapping = io::applySavedMapping(f.readAll(), m_sample.header);
    } catch (const io::MappingError &e) {
        QMessageBox::warning(this, tr("Load Mapping"), tr("%1 cannot be used: %2").arg(QFileInfo(path).fileName(), e.message));
        return;
    }
    m_building = true;
    m_ui->kindCombo->setCurrentIndex(m_ui->kindCombo->findData(io::importKindKey(m_mapping.kind)));
    m_ui->dateCombo->setCurrentIndex(m_ui->dateCombo->findData(io::dateFormatKey(m_mapping.dateFormat)));
    m_ui->decimalCombo->setCurrentIndex(m_ui->decimalCombo->findData(io::decimalMarkKey(m_mapping.decimalMark)));
    m_building = false;
    rebuildMapping();
}

void ImportDialog::saveMapping()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Mapping"), QStringLiteral("mapping.json"), tr("Mappings (*.json)"));
    if (path.isEmpty())
        return;
    io::ImportMapping m = m_mapping;
    m.delimiter = m_sample.delimiter;
    reportFailures([this](const QString &message) { QMessageBox::warning(this, tr("Save Mapping"), message); },
                   [&] { services::writeOutputFile(path, io::mappingToJson(m), services::Replace::Allow); });
}

std::optional<services::CsvImportReport> ImportDialog::runImport(bool dryRun)
{
    const QStringList problems = io::mappingProblems(m_mapping);
    if (m_path.isEmpty() || !problems.isEmpty())
        return std::nullopt;
    services::CsvImportRequest request;
    request.mapping = m_mapping;
    request.dryRun = dryRun;
    request.onDuplicate = services::parseDuplicatePolicy(m_ui->duplicateCombo->currentData().toString()).value_or(services::DuplicatePolicy::Update);
    const std::optional<QChar> delimiter = chosenDelimiter().value_or(m_sample.delimiter);
    const QString path = m_path;
    std::optional<services::CsvImportReport> report;
    QString backup;
    QString failure;
    const QString label = dryRun ? tr("Checking %1…").arg(QFileInfo(path).fileName()) : tr("Importing %1…").arg(QFileInfo(path).fileName());
    const bool ran = reportFailures([&](const QString &m) { failure = m; }, [&] {
        try {
            const auto outcome = runInBackground(this, m_portfolio, label, true, [&](services::Portfolio &worker, TaskProgress &progress) {
                io::CsvOptions options;
                options.delimiter = delimiter;
                // Read as the import goes: memory does not grow with the file's size.
                QFile file(path);
                if (!file.open(QIODevice::ReadOnly))
                    throw services::ImportRefused{tr("%1 cannot be read (%2)").arg(QFileInfo(path).fileName(), file.errorString())};
                std::unique_ptr<io::CsvReader> reader;
                try {
                    reader = std::make_unique<io::CsvReader>(file, options);
                } catch (const io::CsvError &e) {
                    throw services::ImportRefused{QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), e.message)};
                }
                if (reader->header() != request.mapping.header)
                    throw services::ImportRefused{tr("%1 changed since it was previewed; choose it again").arg(QFileInfo(path).fileName())};
                // The way back from an import: File > Backups… restores this copy.
                backup = services::backupBeforeImport(worker, dryRun);
                try {
                    report = services::ImportService(worker).importCsv(*reader, request, [&](int done, int total) { return progress.report(done, total); });
                } catch (const io::CsvError &e) {
                    throw services::ImportRefused{tr("%1: %2; nothing was imported").arg(QFileInfo(path).fileName(), e.message)};
                } catch (const services::ImportRefused &) {
                    if (progress.cancelRequested())
                        return false;
                    throw;
                }
                return true;
            });
            if (outcome == TaskOutcome::Cancelled)
                report.reset();
        } catch (const services::ImportRefused &e) {
            failure = e.message;
            report.reset();
        }
    });
    if (!ran || !report) {
        if (!failure.isEmpty() && m_interactive)
            QMessageBox::warning(this, tr("Import"), failure);
        m_ui->statusLabel->setText(failure.isEmpty() ? tr("Cancelled: nothing was imported.") : failure.toHtmlEscaped());
        return std::nullopt;
    }
    m_lastBackup = backup;
    if (!dryRun)
        Q_EMIT imported(*report);
    showReport(*report);
    return report;
}

void ImportDialog::showReport(const services::CsvImportReport &r)
{
    const QLocale l;
    QString summary = tr("%1%2 rows read: %3 created, %4 updated, %5 unchanged, %6 skipped, %7 refused.")
                          .arg(r.dryRun ? tr("Dry run, nothing was written. ") : QString())
                          .arg(l.toString(r.rows), l.toString(r.created), l.toString(r.updated), l.toString(r.unchanged), l.toString(r.skipped),
                               l.toString(r.rejected));
    if (r.notListed > 0)
        summary += QLatin1Char(' ') + tr("%n more refusal(s), note(s) or duplicate(s) were counted but not listed.", nullptr, r.notListed);
    if (r.teamMembersCreated)
        summary += QLatin1Char(' ') + tr("%n new team member(s).", nullptr, r.teamMembersCreated);
    if (!r.dryRun && !m_lastBackup.isEmpty())
        summary += QLatin1Char(' ') + tr("A backup from before the import is kept (File > Backups…).");
    m_ui->statusLabel->setText(summary);
    if (!m_interactive)
        return;
    QStringList details;
    auto line = [](const services::ImportIssue &i) {
        QString where = tr("Row %1").arg(i.row);
        if (!i.column.isEmpty())
            where += tr(", %1").arg(i.column);
        if (!i.value.isEmpty())
            where += tr(" “%1”").arg(i.value.left(60));
        return QStringLiteral("%1: %2").arg(where, i.message);
    };
    for (const auto &i : r.rejections)
        details << tr("Refused — %1").arg(line(i));
    for (const auto &i : r.warnings)
        details << tr("Note — %1").arg(line(i));
    for (const auto &d : r.duplicates)
        details << tr("Duplicate — row %1 matches %2 by %3: %4").arg(d.row).arg(d.existing, d.matchedBy, d.action);
    QMessageBox box(r.rejected ? QMessageBox::Warning : QMessageBox::Information, r.dryRun ? tr("Dry Run") : tr("Import"), summary,
                    QMessageBox::Ok, this);
    if (!details.isEmpty())
        box.setDetailedText(details.mid(0, 2000).join(QLatin1Char('\n')));
    box.exec();
}

} // namespace keystone::app
