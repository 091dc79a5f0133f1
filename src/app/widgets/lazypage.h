// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "keystone/services/clock.h"

#include <QColor>
#include <QDate>
#include <QEvent>
#include <QPalette>
#include <QList>
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
        m_builtOn = palette().color(QPalette::Base);
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
    // A new colour scheme: the page's coloured cells and texts were made for the old one.
    void changeEvent(QEvent *event) override
    {
        QWidget::changeEvent(event);
        if (event->type() == QEvent::PaletteChange && !m_stale && palette().color(QPalette::Base) != m_builtOn)
            markStale();
    }

private:
    bool m_stale = true;
    QColor m_builtOn;
};

// A lazy page about one account as of a reference date (the account workspace's tabs):
// changing either marks it stale, and change signals about other accounts are ignored.
class AccountPage : public LazyPage
{
public:
    using LazyPage::LazyPage;

    void setAccount(qint64 accountId)
    {
        if (accountId == m_accountId)
            return;
        m_accountId = accountId;
        markStale();
    }
    void setToday(const QDate &today)
    {
        m_today = today;
        markStale();
    }
    qint64 accountId() const { return m_accountId; }

protected:
    void markDirty(qint64 accountId)
    {
        if (accountId == m_accountId)
            markStale();
    }
    // For signals that name several accounts (an empty list means all).
    void markDirtyIfAmong(const QList<qint64> &ids)
    {
        if (ids.isEmpty() || ids.contains(m_accountId))
            markStale();
    }

    qint64 m_accountId = 0;
    QDate m_today = services::today();
};

} // namespace keystone::app
