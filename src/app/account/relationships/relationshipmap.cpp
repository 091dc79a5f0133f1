// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "account/relationships/relationshipmap.h"
#include "widgets/colours.h"

#include "keystone/services/outputfile.h"
#include "keystone/services/errors.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QFileInfo>
#include <QGraphicsItem>
#include <QGraphicsPathItem>
#include <QGraphicsScene>
#include <QGraphicsSceneMouseEvent>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QBuffer>
#include <QStyleOptionGraphicsItem>
#include <QSvgGenerator>
#include <QWheelEvent>
#include <QtMath>

namespace keystone::app {

using domain::Contact;

namespace {

const MapLayoutOptions kLayout;
constexpr qreal kMinReadableZoom = 0.7;
constexpr int kLinkIdKey = 0; // QGraphicsItem::data key of an influence arrow's link id

QColor stanceColour(domain::Stance s)
{
    switch (s) {
    case domain::Stance::Champion: return QColor(0x2e, 0x9d, 0x4f);
    case domain::Stance::Supporter: return QColor(0x86, 0xc5, 0x6a);
    case domain::Stance::Neutral: return QColor(0x9a, 0xa3, 0xad);
    case domain::Stance::Skeptic: return QColor(0xf0, 0xa3, 0x40);
    case domain::Stance::Detractor: return QColor(0xd9, 0x49, 0x3b);
    }
    return Qt::gray;
}

// A card's colours, from the palette the map is drawn with (the window's, or the
// application's when exported), so that cards follow a dark scheme.
struct CardColours
{
    QColor card, departedCard, text, secondary, muted, warn, caution, good, outline;
};

CardColours cardColours(const QWidget *widget)
{
    const QPalette p = widget ? widget->palette() : QApplication::palette();
    const QColor text = p.color(QPalette::Text), base = p.color(QPalette::Base);
    return {base,
            colours::mix(text, base, 0.08),
            text,
            colours::mix(text, base, 0.78),
            colours::ink(colours::Ink::Muted),
            colours::ink(colours::Ink::Warn),
            colours::ink(colours::Ink::Caution),
            colours::ink(colours::Ink::Good),
            colours::mix(text, base, 0.55)};
}

const QColor kBadge(0x2f, 0x5d, 0x8a); // white text on it: 6.8:1
const QColor kDepartedBadge(0x6b, 0x6b, 0x6b);

int influenceDots(domain::Influence i)
{
    return i == domain::Influence::High ? 3 : i == domain::Influence::Medium ? 2 : 1;
}

} // namespace

// One contact's card. Painted by hand (no child items) so a 300-card map builds quickly.
class ContactCard final : public QGraphicsItem
{
public:
    ContactCard(RelationshipMap &map, const Contact &contact)
        : m_map(map)
        , m_contact(contact)
    {
        setFlags(ItemIsSelectable | ItemIsMovable);
        setAcceptHoverEvents(true);
        setCursor(Qt::PointingHandCursor);
        setZValue(2);
        const QString covered = contact.coveredById > 0 ? map.map().teamNames.value(contact.coveredById) : QString();
        setToolTip(QStringLiteral("<b>%1</b><br>%2<br>%3 · %4 · %5 influence<br>%6<br>Level %7, want %8%9")
                       .arg(contact.name.toHtmlEscaped(), contact.title.toHtmlEscaped(), domain::buyingRoleName(contact.role),
                            domain::stanceName(contact.stance), domain::influenceName(contact.influence),
                            covered.isEmpty() ? QStringLiteral("Not covered by our team") : QStringLiteral("Covered by %1").arg(covered.toHtmlEscaped()),
                            domain::relationshipLevelName(contact.level), domain::relationshipLevelName(contact.targetLevel),
                            contact.notes.isEmpty() ? QString() : QStringLiteral("<br><i>%1</i>").arg(contact.notes.toHtmlEscaped())));
    }
    const Contact &contact() const { return m_contact; }
    QRectF boundingRect() const override { return QRectF(-2, -2, kLayout.cardWidth + 4, kLayout.cardHeight + 4); }
    // Inside the card's bottom-right corner: compact blocks put a report right under the card.
    QRectF toggleRect() const { return QRectF(kLayout.cardWidth - 40, kLayout.cardHeight - 19, 32, 14); }
    bool hasReports() const { return m_map.m_layout.reportCount.value(m_contact.id) > 0; }

    void paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *widget) override
    {
        const CardColours ink = cardColours(widget);
        const Contact &c = m_contact;
        const bool departed = !c.isActive();
        const QRectF r(0, 0, kLayout.cardWidth, kLayout.cardHeight);
        const QColor stance = stanceColour(c.stance);
        p->setRenderHint(QPainter::Antialiasing);
        p->setPen(QPen(isSelected() ? QColor(0x1f, 0x6f, 0xd1) : stance.darker(115), isSelected() ? 3 : 1.4));
        p->setBrush(departed ? ink.departedCard : ink.card);
        p->drawRoundedRect(r, 7, 7);
        // Stance bar on the left.
        QPainterPath bar;
        bar.addRoundedRect(QRectF(0, 0, 8, r.height()), 4, 4);
        p->fillPath(bar, departed ? QColor(0xb0, 0xb0, 0xb0) : stance);

        // Role badge.
        const QRectF badge(14, 8, 28, 28);
        p->setPen(Qt::NoPen);
        p->setBrush(departed ? kDepartedBadge : kBadge);
        p->drawEllipse(badge);
        QFont f = p->font();
        f.setPointSizeF(8);
        f.setBold(true);
        p->setFont(f);
        p->setPen(Qt::white);
        p->drawText(badge, Qt::AlignCenter, domain::roleBadge(c.role));

        // Influence: three dots, filled by weight.
        const int dots = influenceDots(c.influence);
        for (int i = 0; i < 3; ++i) {
            p->setPen(QPen(ink.outline, 1));
            p->setBrush(i < dots ? ink.text : QColor(Qt::transparent));
            p->drawEllipse(QRectF(r.width() - 40 + i * 11, 10, 8, 8));
        }

        // Name and title.
        const qreal textLeft = 50;
        const qreal textWidth = r.width() - textLeft - 46;
        f.setPointSizeF(9.5);
        f.setBold(true);
        f.setStrikeOut(departed);
        p->setFont(f);
        p->setPen(departed ? ink.muted : ink.text);
        QFontMetricsF fm(f);
        p->drawText(QPointF(textLeft, 22), fm.elidedText(c.name, Qt::ElideRight, textWidth + 34));
        f.setBold(false);
        f.setStrikeOut(false);
        f.setPointSizeF(8.5);
        p->setFont(f);
        fm = QFontMetricsF(f);
        p->setPen(ink.secondary);
        p->drawText(QPointF(textLeft, 38), fm.elidedText(c.title, Qt::ElideRight, r.width() - textLeft - 8));

        // Coverage and last interaction.
        const QString covered = c.coveredById > 0 ? m_map.m_map.teamNames.value(c.coveredById) : QString();
        p->setPen(covered.isEmpty() ? ink.warn : ink.text);
        p->drawText(QPointF(14, 58), fm.elidedText(covered.isEmpty() ? QStringLiteral("Uncovered") : QStringLiteral("Ours: %1").arg(covered),
                                                   Qt::ElideRight, r.width() - 22));
        QString met;
        QColor metColour = ink.text;
        if (departed) {
            met = c.departedOn.isValid() ? QStringLiteral("Departed %1").arg(c.departedOn.toString(Qt::ISODate)) : QStringLiteral("Departed");
        } else {
            const int days = m_map.m_map.daysSinceInteraction(c.id);
            met = days < 0 ? QStringLiteral("Never met") : days == 0 ? QStringLiteral("Met today") : QStringLiteral("Met %1 d ago").arg(days);
            if (days < 0 || days > domain::kDepthWindowDays)
                metColour = ink.warn;
        }
        p->setPen(metColour);
        p->drawText(QPointF(14, 76), met);
        p->setPen(c.level < c.targetLevel ? ink.caution : ink.secondary);
        const QString level = c.level < c.targetLevel ? QStringLiteral("%1 → %2").arg(domain::relationshipLevelName(c.level),
                                                                                    domain::relationshipLevelName(c.targetLevel))
                                                      : domain::relationshipLevelName(c.level);
        const qreal levelWidth = r.width() - 22 - (hasReports() ? 40 : 0);
        p->drawText(QRectF(14, 80, levelWidth, 16), Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(level, Qt::ElideRight, levelWidth));

        // The drop target while another card is dragged over it (a green dashed outline):
        // dropping makes the dragged contact report to this one.
        if (m_map.dropTarget() == c.id) {
            QColor wash = ink.good;
            wash.setAlpha(28);
            p->setPen(QPen(ink.good, 3, Qt::DashLine));
            p->setBrush(wash);
            p->drawRoundedRect(r.adjusted(-1, -1, 1, 1), 8, 8);
        }

        // Collapse toggle under managers.
        if (hasReports()) {
            const bool collapsed = m_map.isCollapsed(c.id);
            const QRectF t = toggleRect();
            p->setPen(QPen(ink.outline, 1));
            p->setBrush(collapsed ? kBadge : ink.card);
            p->drawRoundedRect(t, 6, 6);
            p->setPen(collapsed ? QColor(Qt::white) : ink.text);
            f.setPointSizeF(7.5);
            f.setBold(true);
            p->setFont(f);
            p->drawText(t, Qt::AlignCenter,
                        collapsed ? QStringLiteral("+%1").arg(m_map.m_layout.reportCount.value(c.id)) : QStringLiteral("−"));
        }
    }

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override
    {
        if (hasReports() && toggleRect().contains(event->pos())) {
            m_map.toggleCollapsed(m_contact.id);
            event->accept();
            return;
        }
        m_pressPos = pos();
        QGraphicsItem::mousePressEvent(event);
    }
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override
    {
        QGraphicsItem::mouseMoveEvent(event);
        m_map.cardMoved(this); // the card it would report to lights up
    }
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override
    {
        QGraphicsItem::mouseReleaseEvent(event);
        if ((pos() - m_pressPos).manhattanLength() > 12)
            m_map.cardDropped(this);
        else
            m_map.setDropTarget(0);
    }
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override
    {
        event->accept();
        Q_EMIT m_map.contactActivated(m_contact.id);
    }

private:
    RelationshipMap &m_map;
    Contact m_contact;
    QPointF m_pressPos;
};

RelationshipMap::RelationshipMap(QWidget *parent)
    : QGraphicsView(parent)
{
    setAccessibleName(tr("Stakeholder map"));
    auto *scene = new QGraphicsScene(this);
    scene->setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    setScene(scene);
    setRenderHint(QPainter::Antialiasing);
    setRenderHint(QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setFocusPolicy(Qt::StrongFocus);
    connect(scene, &QGraphicsScene::selectionChanged, this, &RelationshipMap::selectionChanged);
}

RelationshipMap::~RelationshipMap()
{
    // The scene is a child and dies after this class: its last selectionChanged must not
    // reach us (or the page listening to us) half-destroyed.
    disconnect(scene(), nullptr, this, nullptr);
}

void RelationshipMap::setMap(const services::StakeholderMap &map)
{
    // In words, for a screen reader; the List tab beside the map holds the same contacts.
    int reports = 0, uncovered = 0, departed = 0;
    for (const domain::Contact &c : map.contacts) {
        reports += c.reportsToId > 0 ? 1 : 0;
        uncovered += c.isActive() && c.coveredById == 0 ? 1 : 0;
        departed += c.isActive() ? 0 : 1;
    }
    setAccessibleDescription(tr("Org chart of %1 contacts: %2 reporting lines, %3 influence links, %4 not covered by our team, %5 departed. "
                                "The List tab holds the same contacts, one per row.")
                                 .arg(map.contacts.size())
                                 .arg(reports)
                                 .arg(map.influence.size())
                                 .arg(uncovered)
                                 .arg(departed));
    const bool otherAccount = map.accountId != m_map.accountId;
    if (otherAccount) {
        m_collapsed.clear();
        m_fitOnNextBuild = true;
    }
    m_map = map;
    rebuild();
}

void RelationshipMap::rebuild()
{
    const QList<qint64> selected = selectedContacts();
    const QSignalBlocker block(scene());
    scene()->clear();
    m_cards.clear();
    std::vector<MapNode> nodes;
    nodes.reserve(m_map.contacts.size());
    // Managers first by seniority is what the stored order gives (by name); keep it stable.
    for (const Contact &c : m_map.contacts)
        nodes.push_back({c.id, c.reportsToId});
    m_layout = layoutOrgChart(nodes, m_collapsed, kLayout);

    // Reports-to lines: elbows from manager to report; stacks hang off a spine.
    QPainterPath lines;
    for (const Contact &c : m_map.contacts) {
        if (!m_layout.topLeft.contains(c.id) || !m_layout.topLeft.contains(c.reportsToId))
            continue;
        const QPointF m = m_layout.topLeft.value(c.reportsToId);
        const QPointF r = m_layout.topLeft.value(c.id);
        if (m_layout.indented.contains(c.id)) {
            // Under its manager's card: a spine down the manager's left, then into the card.
            const qreal spine = m.x() + kLayout.stackIndent / 2;
            lines.moveTo(spine, m.y() + kLayout.cardHeight);
            lines.lineTo(spine, r.y() + kLayout.cardHeight / 2);
            lines.lineTo(r.x(), r.y() + kLayout.cardHeight / 2);
            continue;
        }
        const QPointF from(m.x() + kLayout.cardWidth / 2, m.y() + kLayout.cardHeight);
        const qreal midY = m.y() + kLayout.cardHeight + kLayout.vGap / 2;
        lines.moveTo(from);
        lines.lineTo(from.x(), midY);
        if (m_layout.stacked.contains(c.id)) {
            const qreal spine = r.x() - kLayout.stackIndent / 2;
            lines.lineTo(spine, midY);
            lines.lineTo(spine, r.y() + kLayout.cardHeight / 2);
            lines.lineTo(r.x(), r.y() + kLayout.cardHeight / 2);
        } else {
            lines.lineTo(r.x() + kLayout.cardWidth / 2, midY);
            lines.lineTo(r.x() + kLayout.cardWidth / 2, r.y());
        }
    }
    auto *tree = scene()->addPath(lines, QPen(QColor(0x8a, 0x95, 0xa3), 1.4));
    tree->setZValue(0);

    // Influence: dashed arrows between card edges.
    for (const domain::InfluenceLink &l : m_map.influence) {
        if (!m_layout.topLeft.contains(l.fromContactId) || !m_layout.topLeft.contains(l.toContactId))
            continue;
        const QPointF a = m_layout.topLeft.value(l.fromContactId) + QPointF(kLayout.cardWidth / 2, kLayout.cardHeight / 2);
        const QPointF b = m_layout.topLeft.value(l.toContactId) + QPointF(kLayout.cardWidth / 2, kLayout.cardHeight / 2);
        const QLineF line(a, b);
        // Stop at the target card's border so the arrow head shows.
        const qreal dx = std::abs(line.dx()), dy = std::abs(line.dy());
        const qreal t = std::min(dx > 0 ? (kLayout.cardWidth / 2 + 4) / dx : 1e9, dy > 0 ? (kLayout.cardHeight / 2 + 4) / dy : 1e9);
        const QPointF tip = b - (b - a) * std::min(t, 1.0);
        // A gentle arc, so the link reads as distinct from the straight org-chart lines.
        const QPointF mid = (a + tip) / 2.0;
        const QPointF normal(-(tip.y() - a.y()), tip.x() - a.x());
        const qreal len = std::hypot(normal.x(), normal.y());
        const QPointF control = len > 0 ? mid + normal / len * std::min(80.0, len * 0.2) : mid;
        QPainterPath arrow;
        arrow.moveTo(a);
        arrow.quadTo(control, tip);
        const qreal angle = std::atan2(tip.y() - control.y(), tip.x() - control.x());
        arrow.moveTo(tip);
        arrow.lineTo(tip - QPointF(std::cos(angle - 0.4) * 12, std::sin(angle - 0.4) * 12));
        arrow.moveTo(tip);
        arrow.lineTo(tip - QPointF(std::cos(angle + 0.4) * 12, std::sin(angle + 0.4) * 12));
        QColor sway = swayColour();
        sway.setAlpha(200);
        QPen pen(sway, 2, Qt::DashLine);
        auto *item = scene()->addPath(arrow, pen);
        item->setZValue(1); // under the cards: text stays readable, the head sits outside
        item->setData(kLinkIdKey, l.id);

        item->setToolTip(QStringLiteral("%1 sways %2").arg(m_map.contact(l.fromContactId)->name, m_map.contact(l.toContactId)->name));
    }

    for (const Contact &c : m_map.contacts) {
        if (!m_layout.topLeft.contains(c.id))
            continue;
        auto *card = new ContactCard(*this, c);
        card->setPos(m_layout.topLeft.value(c.id));
        scene()->addItem(card);
        m_cards.insert(c.id, card);
        if (selected.contains(c.id))
            card->setSelected(true);
    }
    scene()->setSceneRect(m_layout.bounds.adjusted(-40, -40, 40, 60));
    applyHighlight();
    if (m_fitOnNextBuild && !m_map.contacts.empty() && viewport()->width() > 200) {
        m_fitOnNextBuild = false;
        fitAll();
    }
}

void RelationshipMap::setHighlight(std::function<bool(const Contact &)> matches)
{
    m_highlight = std::move(matches);
    applyHighlight();
}

void RelationshipMap::applyHighlight()
{
    for (ContactCard *card : std::as_const(m_cards))
        card->setOpacity(!m_highlight || m_highlight(card->contact()) ? 1.0 : 0.22);
}

void RelationshipMap::selectContacts(const QList<qint64> &ids)
{
    // Open collapsed branches that hide a wanted contact.
    bool reopened = false;
    for (qint64 id : ids) {
        for (const Contact *c = m_map.contact(id); c && c->reportsToId > 0; c = m_map.contact(c->reportsToId)) {
            if (m_collapsed.remove(c->reportsToId))
                reopened = true;
        }
    }
    if (reopened)
        rebuild();
    scene()->clearSelection();
    ContactCard *first = nullptr;
    for (qint64 id : ids) {
        if (ContactCard *card = m_cards.value(id)) {
            card->setSelected(true);
            first = first ? first : card;
        }
    }
    if (first)
        centerOn(first);
}

QList<qint64> RelationshipMap::selectedContacts() const
{
    QList<qint64> ids;
    for (QGraphicsItem *item : scene()->selectedItems())
        if (auto *card = dynamic_cast<ContactCard *>(item))
            ids.append(card->contact().id);
    return ids;
}

void RelationshipMap::setCollapsed(qint64 id, bool collapsed)
{
    if (collapsed == m_collapsed.contains(id))
        return;
    if (collapsed)
        m_collapsed.insert(id);
    else
        m_collapsed.remove(id);
    rebuild();
}

void RelationshipMap::toggleCollapsed(qint64 id)
{
    // After the event that asked for it: rebuilding deletes the card being clicked.
    QMetaObject::invokeMethod(this, [this, id] { setCollapsed(id, !m_collapsed.contains(id)); }, Qt::QueuedConnection);
}

qint64 RelationshipMap::cardUnder(const ContactCard *card) const
{
    const QPointF centre = card->sceneBoundingRect().center();
    for (QGraphicsItem *item : scene()->items(centre)) {
        auto *other = dynamic_cast<ContactCard *>(item);
        if (other && other != card)
            return other->contact().id;
    }
    return 0;
}

void RelationshipMap::setDropTarget(qint64 id)
{
    if (id == m_dropTarget)
        return;
    for (qint64 changed : {m_dropTarget, id})
        if (ContactCard *c = m_cards.value(changed))
            c->update();
    m_dropTarget = id;
}

void RelationshipMap::cardMoved(ContactCard *card)
{
    setDropTarget(cardUnder(card));
}

void RelationshipMap::cardDropped(ContactCard *card)
{
    const qint64 id = card->contact().id;
    const qint64 target = cardUnder(card);
    setDropTarget(0);
    // Snap back whatever happens; a successful change rebuilds the map from the file.
    QMetaObject::invokeMethod(
        this,
        [this, id, target] {
            if (ContactCard *c = m_cards.value(id))
                c->setPos(m_layout.topLeft.value(id));
            if (target > 0)
                Q_EMIT reparentRequested(id, target);
        },
        Qt::QueuedConnection);
}

void RelationshipMap::zoomIn()
{
    if (zoom() < 3.0)
        scale(1.25, 1.25);
}

void RelationshipMap::zoomOut()
{
    if (zoom() > 0.08)
        scale(0.8, 0.8);
}

void RelationshipMap::fitAll()
{
    if (scene()->sceneRect().isEmpty())
        return;
    fitInView(scene()->sceneRect(), Qt::KeepAspectRatio);
    // Never blow a small map up beyond its natural size, and never shrink a big one below
    // readable text: then show its top (the executives) and let the user pan.
    if (zoom() > 1.0) {
        resetZoom();
    } else if (zoom() < kMinReadableZoom) {
        setTransform(QTransform::fromScale(kMinReadableZoom, kMinReadableZoom));
        qreal rootX = scene()->sceneRect().center().x();
        for (const Contact &c : m_map.contacts) {
            if (m_layout.topLeft.contains(c.id) && !m_layout.topLeft.contains(c.reportsToId)) {
                rootX = m_layout.topLeft.value(c.id).x() + kLayout.cardWidth / 2;
                break;
            }
        }
        const qreal halfHeight = viewport()->height() / (2 * kMinReadableZoom);
        centerOn(QPointF(rootX, scene()->sceneRect().top() + halfHeight));
    }
}

void RelationshipMap::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_fitOnNextBuild && !m_map.contacts.empty() && viewport()->width() > 200) {
        m_fitOnNextBuild = false;
        fitAll();
    }
}

void RelationshipMap::resetZoom()
{
    setTransform(QTransform());
}

qreal RelationshipMap::zoom() const
{
    return transform().m11();
}

void RelationshipMap::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        if (event->angleDelta().y() > 0)
            zoomIn();
        else
            zoomOut();
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void RelationshipMap::contextMenuEvent(QContextMenuEvent *event)
{
    // Cards first (they are on top), then arrows within a few pixels.
    const QPointF at = mapToScene(event->pos());
    for (QGraphicsItem *item : scene()->items(at)) {
        if (auto *card = dynamic_cast<ContactCard *>(item)) {
            if (!card->isSelected()) {
                scene()->clearSelection();
                card->setSelected(true);
            }
            Q_EMIT contactMenuRequested(card->contact().id, event->globalPos());
            return;
        }
    }
    const QRectF near(at - QPointF(6, 6), QSizeF(12, 12));
    for (QGraphicsItem *item : scene()->items(near)) {
        if (item->data(kLinkIdKey).isValid()) {
            Q_EMIT influenceMenuRequested(item->data(kLinkIdKey).toLongLong(), event->globalPos());
            return;
        }
    }
    QGraphicsView::contextMenuEvent(event);
}

void RelationshipMap::drawBackground(QPainter *painter, const QRectF &rect)
{
    painter->fillRect(rect, backgroundColour());
}

QColor RelationshipMap::backgroundColour() const
{
    return colours::mix(palette().color(QPalette::Text), palette().color(QPalette::Base), 0.04);
}

QColor RelationshipMap::swayColour()
{
    return colours::isDark() ? QColor(0xb9, 0x8c, 0xf0) : QColor(0x7b, 0x3f, 0xb5);
}

QString RelationshipMap::exportTo(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QRectF source = scene()->itemsBoundingRect().adjusted(-24, -24, 24, 24);
    const QList<QGraphicsItem *> selected = scene()->selectedItems();
    scene()->clearSelection(); // no selection outline in the export
    QString error;
    // Drawn into memory, then written through the one door for output files (never over a
    // portfolio, through a temporary file, owner-only).
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    if (suffix == QLatin1String("png")) {
        // Twice the scene's resolution for crisp text, but never beyond 12,000 pixels a side.
        const qreal scale = std::min(2.0, 12000.0 / std::max(source.width(), source.height()));
        QImage image((source.size() * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
        image.fill(backgroundColour());
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        p.setRenderHint(QPainter::TextAntialiasing);
        scene()->render(&p, QRectF(QPointF(0, 0), image.size()), source);
        p.end();
        if (!image.save(&buffer, "PNG"))
            error = tr("Could not draw %1").arg(path);
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(source.size().toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
        svg.setTitle(tr("Relationship map"));
        QPainter p;
        if (!p.begin(&svg)) {
            error = tr("Could not write %1").arg(path);
        } else {
            scene()->render(&p, QRectF(QPointF(0, 0), source.size()), source);
            p.end();
        }
    } else if (suffix == QLatin1String("pdf")) {
        QPdfWriter pdf(&buffer);
        pdf.setTitle(tr("Relationship map"));
        pdf.setPageSize(QPageSize(QPageSize::A3));
        pdf.setPageOrientation(source.width() > source.height() ? QPageLayout::Landscape : QPageLayout::Portrait);
        pdf.setPageMargins(QMarginsF(10, 10, 10, 10), QPageLayout::Millimeter);
        QPainter p;
        if (!p.begin(&pdf)) {
            error = tr("Could not write %1").arg(path);
        } else {
            const QRect page = pdf.pageLayout().paintRectPixels(pdf.resolution());
            scene()->render(&p, QRectF(0, 0, page.width(), page.height()), source, Qt::KeepAspectRatio);
            p.end();
        }
    } else {
        error = tr("%1: choose a file ending in .png, .svg or .pdf").arg(QFileInfo(path).fileName());
    }
    for (QGraphicsItem *item : selected)
        item->setSelected(true);
    if (error.isEmpty()) {
        buffer.close();
        try {
            services::writeOutputFile(path, buffer.data(), services::Replace::Allow);
        } catch (const services::StorageError &e) {
            error = e.message();
        }
    }
    return error;
}

} // namespace keystone::app
