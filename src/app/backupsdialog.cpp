// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "backupsdialog.h"

#include "keystone/storage/backups.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace keystone::app {

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
    m_list->setHeaderLabels({tr("Taken"), tr("Size"), tr("File")});
    m_list->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    const QFontMetrics fm = m_list->fontMetrics();
    m_list->setColumnWidth(0, fm.horizontalAdvance(QStringLiteral("2026-11-23 20:02:36")) + 24);
    m_list->setColumnWidth(1, fm.horizontalAdvance(QStringLiteral("1,024.0 MB")) + 24);
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
    const QList<storage::BackupInfo> all = storage::listBackups(m_path);
    qint64 bytes = 0;
    for (const storage::BackupInfo &b : all) {
        auto *item = new QTreeWidgetItem(m_list, {b.takenAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), QLocale().formattedDataSize(b.bytes),
                                                  QFileInfo(b.path).fileName()});
        item->setData(0, Qt::UserRole, b.path);
        item->setToolTip(2, b.path);
        bytes += b.bytes;
    }
    const QString size = QLocale().formattedDataSize(bytes);
    if (all.isEmpty())
        m_summary->setText(tr("No backups yet. Keystone takes one before each upgrade of the file; Back Up Now takes one at once."));
    else if (all.size() == 1)
        m_summary->setText(tr("1 backup beside the file (%1). It was verified by reopening it.").arg(size));
    else
        m_summary->setText(tr("%1 backups beside the file, %2 in all, newest first. Each was verified by reopening it.").arg(all.size()).arg(size));
    if (m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
    m_restore->setEnabled(m_list->currentItem() != nullptr);
}

} // namespace keystone::app
