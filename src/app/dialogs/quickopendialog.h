// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;

namespace keystone::app {

class PortfolioModel;

// Go > Go to Account… (Ctrl+K): type part of an account's name, Enter opens the first match
// (or the one picked with the arrow keys). Reads the portfolio table's model, no file access.
class QuickOpenDialog final : public QDialog
{
    Q_OBJECT
public:
    QuickOpenDialog(PortfolioModel &model, QWidget *parent = nullptr);

    QLineEdit *searchEdit() const { return m_search; }
    QListView *list() const { return m_list; }
    // The account that Enter would open now, 0 when none matches.
    qint64 chosenId() const;

Q_SIGNALS:
    void accountChosen(qint64 id);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateMatches();
    void choose();
    QSortFilterProxyModel *m_matches = nullptr;
    QLineEdit *m_search = nullptr;
    QListView *m_list = nullptr;
    QLabel *m_count = nullptr;
};

} // namespace keystone::app
