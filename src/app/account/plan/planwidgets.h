// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "commands/commandsupport.h"
#include "commands/plancommands.h"

#include <QHash>
#include <QObject>
#include <QList>
#include <QStringList>

#include <functional>
#include <optional>

class QComboBox;
class QGroupBox;
class QPushButton;
class QStandardItemModel;
class QTableView;
class QUndoStack;
class QWidget;

namespace keystone::app {

// Pieces the plan pages (Plan, Success Plan) share.

struct TextWithMetric {
    QString text, metric, unit;
    std::optional<double> baseline, target, current;
};
void editTextWithMetric(QWidget *parent, const QString &title, const QString &label, const QString &placeholder, const TextWithMetric &value,
                        const std::function<QString(const TextWithMetric &)> &save);

// A figure of a metric, or an en dash when not given.
QString planNumber(const std::optional<double> &v);

// Fills a combo with `none` (id 0) and the team sorted by name, selecting `id`.
void fillPeople(QComboBox *combo, const QHash<qint64, QString> &team, qint64 id, const QString &none);

// A titled, read-only table with its buttons under it (and `below` between): column widths
// from `samples`, column `stretch` takes the rest (no ResizeToContents).
QGroupBox *itemSection(QWidget *parent, const QString &title, QTableView *&view, QStandardItemModel *model, const QStringList &headers,
                       const QStringList &samples, int stretch, const QList<QPushButton *> &buttons, QWidget *below = nullptr);

// Priorities and objectives: text with an optional success metric, edited in
// ui/priorityform.ui. `label` and `placeholder` name the text field (empty: the form's own).
// `save` gets the edited item (numbers parsed, text trimmed) and returns an error to show in
// the form, or an empty string when saved (validateAndSave() below is the usual `save`).
template<typename T>
void editTextWithMetric(QWidget *parent, const QString &title, const QString &label, const QString &placeholder, const T &before,
                        const std::function<QString(const T &)> &save)
{
    TextWithMetric v{before.text, before.metric, before.unit, before.baseline, before.target, before.current};
    editTextWithMetric(parent, title, label, placeholder, v, [&](const TextWithMetric &edited) -> QString {
        T after = before;
        after.text = edited.text;
        after.metric = edited.metric;
        after.unit = edited.unit;
        after.baseline = edited.baseline;
        after.target = edited.target;
        after.current = edited.current;
        return save(after);
    });
}

// The end of a plan form's OK: an existing item left unchanged closes the form; otherwise the
// first validation message stays in the form, or `save` runs (an empty result = saved).
template<typename T>
QString validateAndSave(const T &before, const T &after, domain::FieldErrors (*validate)(const T &), const std::function<bool(const T &)> &save)
{
    if (after == before && before.id != 0)
        return {};
    const domain::FieldErrors errors = validate(after);
    if (!errors.isEmpty())
        return errors.first().message;
    return save(after) ? QString() : QObject::tr("Not saved; see the message");
}

// Saves a plan item through the service (added when its id is 0, else updated) and pushes
// its undo command; false (and the message reported) when refused.
template<typename T>
bool saveItem(services::PlanService &service, QUndoStack &undo, const CommandErrorHandler &onError, const T &item)
{
    return reportFailures(onError, [&] {
        if (item.id == 0) {
            undo.push(makeAddItemCommand(service, service.add(item), onError));
        } else {
            T before = service.update(item);
            undo.push(makeEditItemCommand(service, std::move(before), item, onError));
        }
    });
}

// Removes the item at `row` of `items` (false when there is none) as one undo step.
template<typename T>
bool removeItemAt(services::Portfolio &portfolio, services::PlanService &service, QUndoStack &undo, const CommandErrorHandler &onError,
                  const std::vector<T> &items, int row)
{
    if (row < 0 || size_t(row) >= items.size())
        return false;
    const qint64 id = items[size_t(row)].id;
    return reportFailures(onError, [&] { undo.push(makeRemoveItemCommand<T>(portfolio, service, id, onError)); });
}

} // namespace keystone::app
