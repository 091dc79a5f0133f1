// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QWidget>

namespace keystone::app {

// A page that reads from the file only while it is shown. A change event marks it stale:
// it reloads at once when visible, otherwise the next time it is shown, so hidden pages cost
// nothing however often the portfolio changes.
class LazyPage : public QWidget
{
public:
    using QWidget::QWidget;

    // Reads everything the page shows, now.
    void reload()
    {
        m_stale = false;
        rebuild();
    }
    bool isStale() const { return m_stale; }

protected:
    virtual void rebuild() = 0;
    void markStale()
    {
        m_stale = true;
        if (isVisible())
            reload();
    }
    void showEvent(QShowEvent *event) override
    {
        QWidget::showEvent(event);
        if (m_stale)
            reload();
    }

private:
    bool m_stale = true;
};

} // namespace keystone::app
