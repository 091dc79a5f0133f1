// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "account/plan/planwidgets.h"

#include "widgets/formfields.h"
#include "ui_priorityform.h"

#include <QComboBox>
#include <QDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLocale>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace keystone::app {

QString planNumber(const std::optional<double> &v)
{
    return v ? QLocale().toString(*v, 'g', 10) : QStringLiteral("–");
}

void fillPeople(QComboBox *combo, const QHash<qint64, QString> &team, qint64 id, const QString &none)
{
    combo->addItem(none, qint64(0));
    QList<std::pair<QString, qint64>> people;
    for (auto it = team.begin(); it != team.end(); ++it)
        people.append({it.value(), it.key()});
    std::sort(people.begin(), people.end());
    for (const auto &[name, memberId] : people)
        combo->addItem(name, memberId);
    combo->setCurrentIndex(std::max(0, combo->findData(id)));
}

QGroupBox *itemSection(QWidget *parent, const QString &title, QTableView *&view, QStandardItemModel *model, const QStringList &headers,
                       const QStringList &samples, int stretch, const QList<QPushButton *> &buttons, QWidget *below)
{
    auto *box = new QGroupBox(title, parent);
    auto *v = new QVBoxLayout(box);
    view = new QTableView(box);
    view->setAccessibleName(title);
    view->setModel(model);
    model->setHorizontalHeaderLabels(headers);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->setMinimumHeight(view->fontMetrics().height() * 9);
    const QFontMetrics fm = view->fontMetrics();
    for (int c = 0; c < samples.size(); ++c)
        view->setColumnWidth(c, fm.horizontalAdvance(samples[c]) + 16);
    view->horizontalHeader()->setSectionResizeMode(stretch, QHeaderView::Stretch);
    view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    v->addWidget(view);
    if (below)
        v->addWidget(below);
    if (!buttons.isEmpty()) {
        auto *row = new QHBoxLayout;
        for (QPushButton *b : buttons) {
            b->setParent(box);
            row->addWidget(b);
        }
        row->addStretch();
        v->addLayout(row);
    }
    return box;
}

void editTextWithMetric(QWidget *parent, const QString &title, const QString &label, const QString &placeholder, const TextWithMetric &value,
                        const std::function<QString(const TextWithMetric &)> &save)
{
    QDialog dialog(parent);
    Ui::PriorityForm ui;
    ui.setupUi(&dialog);
    dialog.setWindowTitle(title);
    if (!label.isEmpty())
        ui.textEditLabel->setText(label);
    if (!placeholder.isEmpty())
        ui.textEdit->setPlaceholderText(placeholder);
    ui.textEdit->setPlainText(value.text);
    ui.metricEdit->setText(value.metric);
    ui.baselineEdit->setText(value.baseline ? planNumber(value.baseline) : QString());
    ui.currentEdit->setText(value.current ? planNumber(value.current) : QString());
    ui.targetEdit->setText(value.target ? planNumber(value.target) : QString());
    ui.unitEdit->setText(value.unit);
    acceptFormWith(dialog, ui, [&]() -> QString {
        TextWithMetric edited;
        QString error;
        edited.text = ui.textEdit->toPlainText().trimmed();
        edited.metric = ui.metricEdit->text().trimmed();
        edited.baseline = realField(ui.baselineEdit, QObject::tr("Baseline"), error);
        edited.current = realField(ui.currentEdit, QObject::tr("Current"), error);
        edited.target = realField(ui.targetEdit, QObject::tr("Target"), error);
        edited.unit = ui.unitEdit->text().trimmed();
        return error.isEmpty() ? save(edited) : error;
    });
    dialog.exec();
}

} // namespace keystone::app
