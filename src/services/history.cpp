// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/history.h"

#include "keystone/domain/money.h"
#include "keystone/services/portfolio.h"

#include <QCoreApplication>
#include <QHash>

namespace keystone::services {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("keystone::services", text);
}

QString words(QString key)
{
    key.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!key.isEmpty())
        key[0] = key[0].toUpper();
    return key;
}

QString kindName(const QString &entity)
{
    static const QHash<QString, const char *> names{
        {QStringLiteral("account"), "Account"},        {QStringLiteral("contact"), "Contact"},
        {QStringLiteral("activity"), "Activity"},      {QStringLiteral("buying_center"), "Buying center"},
        {QStringLiteral("whitespace_cell"), "Whitespace"}, {QStringLiteral("opportunity"), "Opportunity"},
        {QStringLiteral("health_inputs"), "Health inputs"}, {QStringLiteral("priority"), "Priority"},
        {QStringLiteral("risk"), "Risk"},              {QStringLiteral("action"), "Action"},
        {QStringLiteral("review"), "Review"},          {QStringLiteral("snapshot"), "Snapshot"},
        {QStringLiteral("value"), "Value"},           {QStringLiteral("success_contact"), "Success plan contact"},
        {QStringLiteral("qbr_summary"), "QBR summary"}};
    const auto it = names.constFind(entity);
    return it == names.constEnd() ? words(entity) : tr(*it);
}

QString fieldName(const QString &field)
{
    static const QHash<QString, const char *> names{
        {QStringLiteral("arr_cents"), "ARR"},
        {QStringLiteral("owner_id"), "Owner"},
        {QStringLiteral("covered_by_id"), "Covered by"},
        {QStringLiteral("reports_to_id"), "Reports to"},
        {QStringLiteral("buying_center_id"), "Buying center"},
        {QStringLiteral("reviewer_id"), "Reviewer"},
        {QStringLiteral("opportunity_id"), "Linked opportunity"},
        {QStringLiteral("current_arr_cents"), "Current ARR"},
        {QStringLiteral("potential_arr_cents"), "Potential ARR"},
        {QStringLiteral("amount_cents"), "Amount"},
        {QStringLiteral("impact_cents"), "Money impact"},
        {QStringLiteral("no_known_risks_on"), "\"No known risks\" confirmed"},
        {QStringLiteral("tier_override"), "Tier (set by hand)"},
        {QStringLiteral("tier_override_reason"), "Tier reason"},
        {QStringLiteral("lifecycle"), "Lifecycle phase"},
        {QStringLiteral("potential_rating"), "Growth potential"},
        {QStringLiteral("level"), "Relationship level"},
        {QStringLiteral("target_level"), "Level wanted"},
        {QStringLiteral("sev1"), "Sev 1 tickets"},
        {QStringLiteral("sev2"), "Sev 2 tickets"},
        {QStringLiteral("sev3"), "Sev 3 tickets"},
        {QStringLiteral("nps"), "NPS"},
        {QStringLiteral("csat"), "CSAT"},
        {QStringLiteral("manual"), "Typed by hand"},
        {QStringLiteral("due"), "Due date"},
        {QStringLiteral("done_on"), "Done on"},
        {QStringLiteral("what"), "What"},
        {QStringLiteral("sponsor_id"), "Executive sponsor"},
        {QStringLiteral("contact_id"), "Contact"},
        {QStringLiteral("starts_on"), "Started on"},
        {QStringLiteral("first_value_on"), "First value on"},
        {QStringLiteral("team_member_id"), "Team member"},
        {QStringLiteral("shared"), "Shared with the customer"},
    };
    const auto it = names.constFind(field);
    return it == names.constEnd() ? words(field) : tr(*it);
}

} // namespace

std::vector<HistoryEntry> loadHistory(Portfolio &portfolio, qint64 accountId, int limit)
{
    QHash<qint64, QString> team, contacts, centers;
    for (const domain::TeamMember &m : portfolio.team().all())
        team.insert(m.id, m.name);
    for (const domain::Contact &c : portfolio.contacts().forAccount(accountId))
        contacts.insert(c.id, c.name);
    for (const domain::BuyingCenter &b : portfolio.whitespace().buyingCenters(accountId))
        centers.insert(b.id, b.name);
    const QString currency = portfolio.settings().currency;
    static const QStringList keyFields{QStringLiteral("role"),      QStringLiteral("stance"),     QStringLiteral("influence"),
                                       QStringLiteral("status"),    QStringLiteral("level"),      QStringLiteral("target_level"),
                                       QStringLiteral("type"),      QStringLiteral("stage"),      QStringLiteral("kind"),
                                       QStringLiteral("severity"),  QStringLiteral("likelihood"), QStringLiteral("lifecycle"),
                                       QStringLiteral("case_study")};
    auto value = [&](const QString &field, const std::optional<QString> &v) -> QString {
        if (!v || v->isEmpty())
            return QStringLiteral("—");
        const QString &s = *v;
        if (field.endsWith(QLatin1String("_cents")))
            return domain::formatMoney(s.toLongLong(), currency);
        if (field == QLatin1String("owner_id") || field == QLatin1String("covered_by_id") || field == QLatin1String("reviewer_id")
            || field == QLatin1String("sponsor_id"))
            return team.value(s.toLongLong(), tr("(removed member)"));
        if (field == QLatin1String("reports_to_id") || field == QLatin1String("contact_id"))
            return contacts.value(s.toLongLong(), tr("(removed contact)"));
        if (field == QLatin1String("buying_center_id"))
            return centers.value(s.toLongLong(), tr("(removed buying center)"));
        if (field == QLatin1String("at_risk") || field == QLatin1String("referenceable") || field == QLatin1String("advisory_board")
            || field == QLatin1String("shared"))
            return s == QLatin1String("0") ? tr("No") : tr("Yes");
        if (field == QLatin1String("tier_override"))
            return tr("Tier %1").arg(s);
        if (keyFields.contains(field))
            return words(s);
        if (s.endsWith(QLatin1String(".0"))) { // a whole REAL reads as SQLite prints it: "16.0"
            bool isNumber = false;
            s.toDouble(&isNumber);
            if (isNumber)
                return s.chopped(2);
        }
        return s;
    };
    std::vector<HistoryEntry> out;
    for (storage::ChangeRecord &r : portfolio.history().forAccount(accountId, limit)) {
        HistoryEntry e;
        e.id = r.id;
        e.at = r.at;
        e.entity = r.entity;
        e.kind = kindName(r.entity);
        e.item = r.label;
        e.action = r.action;
        e.field = r.field;
        e.changedBy = r.changedBy;
        if (r.action == QLatin1String("changed")) {
            e.change = fieldName(r.field);
            e.before = value(r.field, r.oldValue);
            e.after = value(r.field, r.newValue);
        } else {
            e.change = r.action == QLatin1String("added") ? tr("Added") : tr("Removed");
        }
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace keystone::services
