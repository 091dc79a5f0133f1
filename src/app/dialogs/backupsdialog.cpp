// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "dialogs/backupsdialog.h"

#include "keystone/services/backups.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace keystone::app {

namespace {
QString reasonText(services::BackupReason reason)
{
    switch (reason) {
    case services::BackupReason::Manual: return BackupsDialog::tr("Taken by you");
    case services::BackupReason::Migration: return BackupsDialog::tr("Before an upgrade");
    case services::BackupReason::Import: return BackupsDialog::tr("Before an import");
    case services::BackupReason::Automatic: return BackupsDialog::tr("Automatic");
    }
    return {};
}
} // namespace

BackupsDialog::BackupsDialog(const QString &portfolioPath, Actions actions, QWidget *parent)
    : QDialog(parent)
    , m_path(portfolioPath)
    , m_actions(std::move(actions))
{
    setWindowTitle(tr("Backups of %1").arg(QFileInfo(portfolioPath).fileName()));
    auto *v = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    v->addWidget(m_summary);
    m_list = new QTreeWidget(this);
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Taken"), tr("Why"), tr("Size"), tr("File")});
    m_list->header()->setSectionResizeMode(3, QHeaderView::Stretch);
    const QFontMetrics fm = m_list->fontMetrics();
    m_list->setColumnWidth(0, fm.horizontalAdvance(QStringLiteral("2026-11-23 20:02:36")) + 24);
    m_list->setColumnWidth(1, fm.horizontalAdvance(tr("Before an upgrade")) + 24);
    m_list->setColumnWidth(2, fm.horizontalAdvance(QStringLiteral("1,024.0 MB")) + 24);
    m_list->setMinimumSize(720, 260);
    v->addWidget(m_list, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *now = buttons->addButton(tr("Back Up &Now"), QDialogButtonBox::ActionRole);
    m_restore = buttons->addButton(tr("&Restore…"), QDialogButtonBox::ActionRole);
    v->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(now, &QPushButton::clicked, this, [this] {
        if (m_actions.backUpNow && m_actions.backUpNow())
            refresh();
    });
    connect(m_restore, &QPushButton::clicked, this, [this] {
        QTreeWidgetItem *item = m_list->currentItem();
        if (!item || !m_actions.restore)
            return;
        const QString backup = item->data(0, Qt::UserRole).toString();
        const auto answer = QMessageBox::question(
            this, tr("Restore Backup"),
            tr("Replace the portfolio with the backup taken %1?\n\nThe current file is kept beside it as %2.replaced-<date>; "
               "edits made since the backup are only in that file.")
                .arg(item->text(0), QFileInfo(m_path).fileName()));
        if (answer == QMessageBox::Yes && m_actions.restore(backup))
            accept();
    });
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this] { m_restore->setEnabled(m_list->currentItem() != nullptr); });
    refresh();
}

void BackupsDialog::refresh()
{
    m_list->clear();
    const QList<services::BackupInfo> all = services::listBackups(m_path);
    qint64 bytes = 0;
    for (const services::BackupInfo &b : all) {
        auto *item = new QTreeWidgetItem(m_list, {b.takenAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), reasonText(b.reason),
                                                  QLocale().formattedDataSize(b.bytes), QFileInfo(b.path).fileName()});
        item->setData(0, Qt::UserRole, b.path);
        item->setToolTip(3, b.path);
        bytes += b.bytes;
    }
    const QString size = QLocale().formattedDataSize(bytes);
    const QString folder = QDir::toNativeSeparators(services::backupFolder(m_path));
    const QString rules = tr("Keystone backs up a minute after you stop editing, at most once an hour, and before every import "
                             "and upgrade; it keeps the newest backup of each of the last 24 hours, 7 days and 8 weeks. "
                             "Backups you take yourself are kept until you delete them.");
    if (all.isEmpty())
        m_summary->setText(tr("No backups yet. %1").arg(rules));
    else
        m_summary->setText(tr("%n backup(s) in %1 (%2), newest first, each verified by reopening it. %3", nullptr, int(all.size()))
                               .arg(folder, size, rules));
    if (m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
    m_restore->setEnabled(m_list->currentItem() != nullptr);
}

} // namespace keystone::app
