// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QString>
#include <QtGlobal>

#include <vector>

namespace keystone::app {

// The places a window visited, for Go > Back and Forward (Alt+Left/Right, the mouse's side
// buttons), like a browser's: visiting a new place drops what was ahead of the current one.
class NavigationHistory
{
public:
    struct Place {
        QString view;         // a --view name: "portfolio", "account", "tier-grid", …
        qint64 accountId = 0; // the account shown or selected there
        bool operator==(const Place &) const = default;
    };
    static constexpr size_t kLimit = 100;

    // Records `place` as the current one (nothing when it is the current one already).
    void visit(const Place &place)
    {
        if (m_index >= 0 && m_places[size_t(m_index)] == place)
            return;
        m_places.resize(size_t(m_index + 1));
        m_places.push_back(place);
        if (m_places.size() > kLimit)
            m_places.erase(m_places.begin());
        m_index = int(m_places.size()) - 1;
    }
    // Changes the current place in place (the account selected on the portfolio page moves
    // with the selection, which is not a visit of its own).
    void updateCurrent(const Place &place)
    {
        if (m_index >= 0)
            m_places[size_t(m_index)] = place;
        else
            visit(place);
    }
    const Place *current() const { return m_index >= 0 ? &m_places[size_t(m_index)] : nullptr; }
    bool canGoBack() const { return m_index > 0; }
    bool canGoForward() const { return m_index >= 0 && size_t(m_index) + 1 < m_places.size(); }
    Place back() { return m_places[size_t(canGoBack() ? --m_index : m_index)]; }
    Place forward() { return m_places[size_t(canGoForward() ? ++m_index : m_index)]; }
    // An account that went away (deleted) is no longer a place to go back to.
    void forgetAccount(qint64 id)
    {
        for (Place &p : m_places)
            if (p.accountId == id)
                p.accountId = 0;
    }
    void clear()
    {
        m_places.clear();
        m_index = -1;
    }
    size_t size() const { return m_places.size(); }

private:
    std::vector<Place> m_places;
    int m_index = -1;
};

} // namespace keystone::app
