// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "migrationsupport.h"

#include "keystone/storage/database.h"

#include <QSqlQuery>
#include <QStringList>

namespace keystone::storage::migrationsupport {

QString updatedFields(const HistorySpec &h)
{
    QStringList fields;
    for (const char *f : h.fields)
        fields << QLatin1String(f);
    return fields.join(QStringLiteral(", "));
}

QString historyTriggers(const HistorySpec &h)
{
    auto over = [](QString expr, const char *row) { return expr.replace(QStringLiteral("R."), QLatin1String(row) + QLatin1Char('.')); };
    const QString when = QStringLiteral("WHEN (SELECT recording FROM history_state)");
    const QString now = QStringLiteral("strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
    const QString cols = QStringLiteral("INSERT INTO change_log (at, account_id, entity, entity_id, label, action, field, old_value, new_value)");
    QString out;
    out += QStringLiteral("CREATE TRIGGER history_%1_insert AFTER INSERT ON %1 %2 BEGIN %3 VALUES (%4, %5, '%6', NEW.id, %7, 'added', '', NULL, NULL); END;\n")
               .arg(QLatin1String(h.table), when, cols, now, over(QLatin1String(h.accountId), "NEW"), QLatin1String(h.entity),
                    over(QLatin1String(h.label), "NEW"));
    out += QStringLiteral("CREATE TRIGGER history_%1_delete AFTER DELETE ON %1 %2 BEGIN %3 VALUES (%4, %5, '%6', OLD.id, %7, 'removed', '', NULL, NULL); END;\n")
               .arg(QLatin1String(h.table), when, cols, now, over(QLatin1String(h.accountId), "OLD"), QLatin1String(h.entity),
                    over(QLatin1String(h.label), "OLD"));
    QStringList changed;
    for (const char *f : h.fields)
        changed << QStringLiteral("SELECT '%1' AS f, OLD.%1 AS o, NEW.%1 AS n WHERE OLD.%1 IS NOT NEW.%1").arg(QLatin1String(f));
    // UPDATE OF: an UPDATE that sets none of the recorded fields (a cached total, a source
    // id, a sync mark) does not run the trigger at all.
    out += QStringLiteral("CREATE TRIGGER history_%1_update AFTER UPDATE OF %9 ON %1 %2 BEGIN %3 SELECT %4, %5, '%6', NEW.id, %7, 'changed', f, o, n FROM (%8); END;\n")
               .arg(QLatin1String(h.table), when, cols, now, over(QLatin1String(h.accountId), "NEW"), QLatin1String(h.entity),
                    over(QLatin1String(h.label), "NEW"), changed.join(QStringLiteral(" UNION ALL ")), updatedFields(h));
    return out;
}

const std::vector<HistorySpec> &historySpecs()
{
    static const std::vector<HistorySpec> specs{
        {"accounts", "account", "R.id", "R.name",
         {"name", "industry", "region", "owner_id", "arr_cents", "renewal_date", "customer_since", "lifecycle", "at_risk", "tier_override",
          "tier_override_reason", "potential_rating", "notes", "referenceable", "no_known_risks_on"}},
        {"contacts", "contact", "R.account_id", "R.name",
         {"name", "title", "email", "department", "buying_center_id", "reports_to_id", "role", "stance", "influence", "status", "departed_on",
          "covered_by_id", "level", "target_level", "notes"}},
        {"activities", "activity", "R.account_id", "R.date || ' ' || R.type", {"date", "type", "summary", "next_step"}},
        {"buying_centers", "buying_center", "R.account_id", "R.name", {"name", "kind", "size"}},
        {"whitespace_cells", "whitespace_cell", "R.account_id",
         "coalesce((SELECT name FROM products WHERE id = R.product_id), '?') || ' in ' || "
         "coalesce((SELECT name FROM buying_centers WHERE id = R.buying_center_id), '?')",
         {"status", "current_arr_cents", "potential_arr_cents", "competitor", "note", "opportunity_id"}},
        {"opportunities", "opportunity", "R.account_id", "R.name", {"name", "type", "amount_cents", "stage", "probability", "close_date", "owner_id"}},
        {"health_inputs", "health_inputs", "R.account_id", "'Health inputs of ' || R.date",
         {"licensed_seats", "active_users", "features_used", "features_offered", "sev1", "sev2", "sev3", "nps", "csat", "sentiment_date",
          "days_late", "manual"}},
        {"priorities", "priority", "R.account_id", "R.text", {"position", "text", "metric", "baseline", "target", "current", "unit"}},
        {"risks", "risk", "R.account_id", "R.description", {"description", "severity", "likelihood", "mitigation", "owner_id", "status"}},
        {"plan_actions", "action", "R.account_id", "R.what", {"what", "owner_id", "due", "status", "done_on"}},
        {"plan_reviews", "review", "R.account_id", "'Review of ' || R.date", {"date", "reviewer_id", "note"}},
        {"plan_snapshots", "snapshot", "R.account_id", "'Snapshot ' || R.label", {"label"}},
    };
    return specs;
}

void createHistoryTriggers(Database &db, const HistorySpec &spec)
{
    for (const QString &statement : historyTriggers(spec).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        db.exec(statement);
}

bool hasColumn(Database &db, const QString &table, const QString &column)
{
    QSqlQuery info(db.connection());
    bool has = false;
    if (info.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table)))
        while (info.next())
            has = has || info.value(1).toString() == column;
    return has;
}

} // namespace keystone::storage::migrationsupport
