// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "dialogs/helpwindow.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHBoxLayout>
#include <QHash>
#include <QImage>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QScrollBar>
#include <QSplitter>
#include <QTextBlock>
#include <QTextDocument>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace keystone::app {

namespace {
// Pictures no wider than the page (the guide's screenshots are 1440 pixels wide).
class GuideBrowser final : public QTextBrowser
{
public:
    using QTextBrowser::QTextBrowser;
    QVariant loadResource(int type, const QUrl &name) override
    {
        QVariant v = QTextBrowser::loadResource(type, name);
        if (type == QTextDocument::ImageResource && v.isValid()) {
            QImage image = v.value<QImage>();
            if (image.isNull())
                image.loadFromData(v.toByteArray());
            const int widest = 800;
            if (!image.isNull() && image.width() > widest)
                return image.scaledToWidth(widest, Qt::SmoothTransformation);
            return image.isNull() ? v : QVariant(image);
        }
        return v;
    }
};

QString guideText()
{
    QFile f(QStringLiteral(":/keystone/help/user-guide.md"));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// Where the guide's pictures are: installed (share/doc/keystone) or in the source tree.
QStringList pictureFolders()
{
    QStringList folders;
    const QString installed = QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral("../share/doc/keystone"));
    if (QDir(installed).exists(QStringLiteral("images")))
        folders << installed;
#ifdef KEYSTONE_SOURCE_DOCS
    if (QDir(QStringLiteral(KEYSTONE_SOURCE_DOCS)).exists(QStringLiteral("images")))
        folders << QStringLiteral(KEYSTONE_SOURCE_DOCS);
#endif
    return folders;
}
} // namespace

HelpWindow::HelpWindow(const QList<QAction *> &actions, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Keystone Help"));
    setAttribute(Qt::WA_DeleteOnClose, false);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search the guide (Enter: next, Shift+Enter: previous)"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search the guide"));
    m_status = new QLabel(this);
    m_contents = new QListWidget(this);
    m_contents->setAccessibleName(tr("Contents"));
    m_browser = new GuideBrowser(this);
    m_browser->setAccessibleName(tr("User guide"));
    m_browser->setOpenExternalLinks(true);
    m_browser->setSearchPaths(pictureFolders());
    m_browser->document()->setMarkdown(guideText() + QStringLiteral("\n\n") + shortcutsMarkdown(actions) + QStringLiteral("\n\n") + marksMarkdown());
    // Contents: the guide's headings, level 2 and 3.
    for (QTextBlock b = m_browser->document()->begin(); b.isValid(); b = b.next()) {
        const int level = b.blockFormat().headingLevel();
        if (level == 2 || level == 3) {
            auto *item = new QListWidgetItem((level == 3 ? QStringLiteral("    ") : QString()) + b.text(), m_contents);
            item->setData(Qt::UserRole, b.text());
        }
    }
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_contents);
    split->addWidget(m_browser);
    split->setStretchFactor(1, 1);
    split->setSizes({320, 860});
    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(m_status);
    auto *v = new QVBoxLayout(this);
    v->addLayout(top);
    v->addWidget(split, 1);
    resize(1200, 780);
    connect(m_contents, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item)
            showSection(item->data(Qt::UserRole).toString());
    });
    connect(m_search, &QLineEdit::returnPressed, this, [this] { find(m_search->text()); });
    m_search->installEventFilter(this); // Shift+Enter: the previous match
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_status->clear(); });
}

bool HelpWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && (key->modifiers() & Qt::ShiftModifier)) {
            find(m_search->text(), true);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

QString HelpWindow::sectionForView(const QString &view)
{
    static const QHash<QString, QString> sections{
        {QStringLiteral("portfolio"), QStringLiteral("The portfolio")},
        {QStringLiteral("account"), QStringLiteral("The account plan")},
        {QStringLiteral("plan"), QStringLiteral("The account plan")},
        {QStringLiteral("success"), QStringLiteral("The success plan, remediation and advocacy")},
        {QStringLiteral("health"), QStringLiteral("Health")},
        {QStringLiteral("relationships"), QStringLiteral("Relationships: the stakeholder map")},
        {QStringLiteral("activities"), QStringLiteral("Activities")},
        {QStringLiteral("whitespace"), QStringLiteral("An account's whitespace")},
        {QStringLiteral("opportunities"), QStringLiteral("Opportunities")},
        {QStringLiteral("history"), QStringLiteral("History and snapshots")},
        {QStringLiteral("snapshots"), QStringLiteral("History and snapshots")},
        {QStringLiteral("book-whitespace"), QStringLiteral("Whitespace across the book")},
        {QStringLiteral("tier-grid"), QStringLiteral("Tier grid")},
        {QStringLiteral("health-dashboard"), QStringLiteral("Health dashboard")},
        {QStringLiteral("retention"), QStringLiteral("Retention")},
        {QStringLiteral("renewals"), QStringLiteral("Renewals")},
        {QStringLiteral("hygiene"), QStringLiteral("Plan hygiene")},
        {QStringLiteral("team"), QStringLiteral("Team and coverage")},
        {QStringLiteral("signals"), QStringLiteral("Signals")},
    };
    return sections.value(view, QStringLiteral("Keystone user guide"));
}

bool HelpWindow::showSection(const QString &heading)
{
    for (QTextBlock b = m_browser->document()->begin(); b.isValid(); b = b.next()) {
        if (b.blockFormat().headingLevel() > 0 && b.text() == heading) {
            QTextCursor c(b);
            m_browser->setTextCursor(c);
            // The heading at the top of the page, not merely somewhere on it.
            m_browser->verticalScrollBar()->setValue(m_browser->verticalScrollBar()->maximum());
            m_browser->ensureCursorVisible();
            return true;
        }
    }
    return false;
}

QString HelpWindow::currentSection() const
{
    // The last heading at or above the top of the visible page.
    const QTextCursor top = m_browser->cursorForPosition(QPoint(4, 4));
    for (QTextBlock b = top.block(); b.isValid(); b = b.previous())
        if (b.blockFormat().headingLevel() > 0)
            return b.text();
    return {};
}

bool HelpWindow::find(const QString &text, bool backward)
{
    if (text.trimmed().isEmpty())
        return false;
    const QTextDocument::FindFlags flags = backward ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    if (m_browser->find(text, flags)) {
        m_status->setText(tr("Found"));
        return true;
    }
    // Round again from the other end.
    QTextCursor c(m_browser->document());
    c.movePosition(backward ? QTextCursor::End : QTextCursor::Start);
    m_browser->setTextCursor(c);
    const bool found = m_browser->find(text, flags);
    m_status->setText(found ? tr("Found (from the %1)").arg(backward ? tr("end") : tr("start")) : tr("Not found"));
    return found;
}

QString HelpWindow::shortcutsMarkdown(const QList<QAction *> &actions)
{
    QString md = tr("## Keyboard shortcuts\n\n| keys | action |\n|---|---|\n");
    QStringList rows;
    for (const QAction *a : actions) {
        if (a->shortcut().isEmpty() || a->text().isEmpty())
            continue;
        QString name = a->text();
        name.remove(QLatin1Char('&'));
        rows << QStringLiteral("| %1 | %2 |").arg(a->shortcut().toString(QKeySequence::NativeText), name);
    }
    rows.removeDuplicates();
    md += rows.join(QLatin1Char('\n'));
    md += tr("\n| Enter, double-click | open the account of a row in any list of accounts |"
             "\n| F2, or typing | edit the cell in place |"
             "\n| Esc (filter box) | clear the filter; a second Esc goes back to the table |"
             "\n| O, W, C, N, P (whitespace grid) | Owned, Whitespace, Competitor, Not a fit, make an opportunity |"
             "\n| Delete (map, lists) | remove the selected item |"
             "\n| Ctrl+C (lists of accounts) | copy the selected rows |"
             "\n| Alt+Left, Alt+Right, mouse side buttons | back and forward |\n");
    return md;
}

QString HelpWindow::marksMarkdown()
{
    return tr("## Marks in the tables\n\n| mark | where | meaning |\n|---|---|---|\n"
              "| green, yellow, red cell | Health | the health band: Green 75 or more, Yellow 60 to 74, Red under 60; the number is rounded down, so it always falls in its band |\n"
              "| ? on grey | Health | Insufficient data (confidence under 60%) or Not scored |\n"
              "| ↑ ↓ → | Health | the trend over the comparison period |\n"
              "| ● and a number | Signals | open signals of the account (Signals view) |\n"
              "| amber % | Plan | plan completeness of 40% or less |\n"
              "| ✎ | Tier | a tier set by hand; hover for the reason |\n"
              "| red ⚠ | Reviewed | past the tier's review limit, or never reviewed |\n"
              "| red ⚠ | Threads | single-threaded: one engaged contact or none |\n"
              "| amber, red | Days left | renewal within 90 days, or passed |\n"
              "| at risk (red) | Lifecycle | the account carries the at-risk overlay |\n"
              "| — | Open whitespace | not assessed yet |\n");
}

} // namespace keystone::app
