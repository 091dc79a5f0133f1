// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#pragma once

#include "account/relationships/maplayout.h"

#include "keystone/services/relationshipservice.h"

#include <QGraphicsView>
#include <QHash>
#include <QSet>

#include <functional>

namespace keystone::app {

class ContactCard;

// The stakeholder map: one card per contact laid out as an org chart (maplayout.h), elbow
// lines for reports-to and dashed arrows for influence. Click selects, double-click asks to
// edit, dragging a card onto another asks to change whom it reports to, the toggle under a
// manager collapses or expands the branch. Ctrl+wheel or the zoom slots zoom; dragging the
// background pans. It only draws: edits go out as signals.
class RelationshipMap final : public QGraphicsView
{
    Q_OBJECT
public:
    // The influence arrows' colour in the scheme in force (the legend shows it too).
    static QColor swayColour();
    // The map's background in the scheme in force (exports are filled with it).
    QColor backgroundColour() const;

    explicit RelationshipMap(QWidget *parent = nullptr);
    ~RelationshipMap() override;

    // Rebuilds the scene (keeps collapsed branches, selection and zoom).
    void setMap(const services::StakeholderMap &map);
    const services::StakeholderMap &map() const { return m_map; }

    // Contacts that match stay opaque, the others fade; an empty predicate shows all.
    void setHighlight(std::function<bool(const domain::Contact &)> matches);
    void selectContacts(const QList<qint64> &ids); // and scrolls to the first
    QList<qint64> selectedContacts() const;
    void setCollapsed(qint64 id, bool collapsed);
    bool isCollapsed(qint64 id) const { return m_collapsed.contains(id); }
    const MapLayout &layout() const { return m_layout; }

    void zoomIn();
    void zoomOut();
    void fitAll();
    // While a card is dragged: the card it would report to if dropped now (0: none), drawn
    // as the drop target, and its name said in the map's status.
    qint64 dropTarget() const { return m_dropTarget; }
    void resetZoom();
    qreal zoom() const;

    // Renders the whole map (not just the visible part) to a file; the format follows the
    // suffix: .png, .svg or .pdf. Returns an error message, empty on success.
    QString exportTo(const QString &path);

Q_SIGNALS:
    void contactActivated(qint64 id);
    void reparentRequested(qint64 id, qint64 managerId);
    void selectionChanged();
    // Right-click on a card (contact id) or on an influence arrow (link id).
    void contactMenuRequested(qint64 contactId, const QPoint &globalPos);
    void influenceMenuRequested(qint64 linkId, const QPoint &globalPos);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void resizeEvent(QResizeEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    friend class ContactCard;
    void rebuild();
    void applyHighlight();
    void cardDropped(ContactCard *card);
    void cardMoved(ContactCard *card);
    qint64 cardUnder(const ContactCard *card) const; // the other card under its centre
    void setDropTarget(qint64 id);
    void toggleCollapsed(qint64 id);

    services::StakeholderMap m_map;
    MapLayout m_layout;
    QSet<qint64> m_collapsed;
    QHash<qint64, ContactCard *> m_cards;
    std::function<bool(const domain::Contact &)> m_highlight;
    bool m_fitOnNextBuild = true;
    qint64 m_dropTarget = 0;
};

} // namespace keystone::app
