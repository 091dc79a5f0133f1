// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "window/welcomepage.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

#include <algorithm>

namespace keystone::app {

namespace {
constexpr int kMaxRecent = 8;
} // namespace

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent)
{
    auto *box = new QWidget(this);
    box->setMaximumWidth(560);
    auto *v = new QVBoxLayout(box);
    auto *title = new QLabel(tr("Welcome to Keystone"), box);
    title->setStyleSheet(QStringLiteral("font-size: 22pt; font-weight: 600;"));
    auto *sub = new QLabel(tr("Account plans that stay alive: tiers, renewals and the whole book in one place. "
                              "Start with the demo portfolio to look around, or create your own."), box);
    sub->setWordWrap(true);
    auto *demo = new QPushButton(tr("Open the Demo Portfolio"), box);
    auto *create = new QPushButton(tr("New Portfolio…"), box);
    auto *open = new QPushButton(tr("Open…"), box);
    demo->setDefault(true);
    for (QPushButton *b : {demo, create, open})
        b->setMinimumHeight(34);
    m_recent = new QListWidget(box);
    m_recent->setMaximumHeight(170);
    v->addWidget(title);
    v->addWidget(sub);
    v->addSpacing(12);
    v->addWidget(demo);
    v->addWidget(create);
    v->addWidget(open);
    v->addSpacing(12);
    v->addWidget(new QLabel(tr("Recent portfolios"), box));
    v->addWidget(m_recent);
    auto *outer = new QVBoxLayout(this);
    outer->addStretch(1);
    auto *h = new QHBoxLayout;
    h->addStretch(1);
    h->addWidget(box, 2);
    h->addStretch(1);
    outer->addLayout(h);
    outer->addStretch(2);
    connect(demo, &QPushButton::clicked, this, &WelcomePage::openDemoRequested);
    connect(create, &QPushButton::clicked, this, &WelcomePage::newRequested);
    connect(open, &QPushButton::clicked, this, &WelcomePage::openRequested);
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem *it) {
        Q_EMIT openFileRequested(it->data(Qt::UserRole).toString());
    });
}

void WelcomePage::setRecentFiles(const QStringList &files)
{
    m_recent->clear();
    for (const QString &f : files) {
        auto *it = new QListWidgetItem(QStringLiteral("%1   —   %2").arg(QFileInfo(f).fileName(), QFileInfo(f).absolutePath()), m_recent);
        it->setData(Qt::UserRole, f);
    }
    if (files.isEmpty()) {
        auto *none = new QListWidgetItem(tr("None yet: portfolios you open are listed here"), m_recent);
        none->setFlags(Qt::NoItemFlags);
    }
}

QStringList recentfiles::existing()
{
    QStringList files = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    files.erase(std::remove_if(files.begin(), files.end(), [](const QString &f) { return !QFileInfo::exists(f); }), files.end());
    return files;
}

void recentfiles::add(const QString &path)
{
    QSettings settings;
    QStringList files = settings.value(QStringLiteral("recentFiles")).toStringList();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > kMaxRecent)
        files.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), files);
    settings.setValue(QStringLiteral("lastFile"), path);
}

} // namespace keystone::app
