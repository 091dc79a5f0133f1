// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Internal to keystone_domain.
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace keystone::domain {

// One table per enum: display names in enum order. Keys are the names in lower snake case.
// Both are computed once, with a lookup for parsing: parsing runs for every stored row.
template<typename E, size_t N>
class EnumNames
{
public:
    explicit EnumNames(std::array<const char *, N> names)
    {
        for (size_t i = 0; i < N; ++i) {
            m_names[i] = QString::fromUtf8(names[i]);
            m_keys[i] = m_names[i].toLower().replace(QLatin1Char(' '), QLatin1Char('_'));
            m_lookup.insert(m_keys[i], int(i));
            m_lookup.insert(m_names[i].toLower(), int(i));
        }
    }
    QString name(E v) const { return m_names[size_t(v)]; }
    QString key(E v) const { return m_keys[size_t(v)]; }
    std::optional<E> parse(const QString &text) const
    {
        auto it = m_lookup.constFind(text);
        if (it == m_lookup.constEnd())
            it = m_lookup.constFind(text.trimmed().toLower());
        return it == m_lookup.constEnd() ? std::nullopt : std::optional<E>(E(*it));
    }
    QStringList all() const { return QStringList(m_names.begin(), m_names.end()); }

private:
    std::array<QString, N> m_names;
    std::array<QString, N> m_keys;
    QHash<QString, int> m_lookup;
};

} // namespace keystone::domain
