// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QLineEdit>
#include <QLocale>
#include <QObject>
#include <QString>

#include <optional>

namespace keystone::app {

// Optional number fields of the forms: blank is "not given" (nullopt); anything that does not
// parse sets `error` (the first one wins) naming the field and the text.
inline std::optional<int> intField(const QLineEdit *edit, const QString &what, QString &error)
{
    const QString text = edit->text().trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    const int v = QLocale().toInt(QString(text).remove(QLocale().groupSeparator()), &ok);
    if (!ok && error.isEmpty())
        error = QObject::tr("%1: '%2' is not a whole number").arg(what, text);
    return ok ? std::optional<int>(v) : std::nullopt;
}

inline std::optional<double> realField(const QLineEdit *edit, const QString &what, QString &error)
{
    const QString text = edit->text().trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double v = QLocale::c().toDouble(QString(text).replace(QLatin1Char(','), QLatin1Char('.')), &ok);
    if (!ok && error.isEmpty())
        error = QObject::tr("%1: '%2' is not a number").arg(what, text);
    return ok ? std::optional<double>(v) : std::nullopt;
}

} // namespace keystone::app
