// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
// Every entity of a kind as a CSV table whose headers the importer recognises.
#include "keystone/services/importservice.h"

#include "keystone/services/importservice.h"

#include "keystone/domain/health.h"
#include "keystone/domain/money.h"
#include "keystone/domain/opportunity.h"
#include "keystone/domain/relationship.h"
#include "keystone/domain/retention.h"
#include "keystone/domain/types.h"
#include "keystone/domain/validation.h"
#include "keystone/io/values.h"
#include "keystone/services/healthservice.h"
#include "keystone/services/portfolio.h"
#include "keystone/storage/exchangerepository.h"
#include "keystone/storage/storageerror.h"
#include "keystone/storage/transaction.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QHash>
#include <QSet>

#include <map>


namespace keystone::services {

namespace {

QString amountText(qint64 cents, int minorDigits)
{
    if (minorDigits == 0)
        return QString::number(cents);
    qint64 scale = 1;
    for (int i = 0; i < minorDigits; ++i)
        scale *= 10;
    const qint64 whole = cents / scale;
    const qint64 frac = std::abs(cents % scale);
    return QStringLiteral("%1%2.%3").arg(cents < 0 && whole == 0 ? QStringLiteral("-") : QString()).arg(whole).arg(frac, minorDigits, 10, QLatin1Char('0'));
}

QString optionalText(const QVariant &v)
{
    return v.isNull() ? QString() : v.toString();
}

} // namespace

ImportService::Table ImportService::exportCsv(io::ImportKind kind)
{
    const int minor = domain::minorUnitDigits(m_portfolio.settings().currency);
    storage::ExchangeRepository repo(m_portfolio.database());
    // Names of what rows refer to, by uuid.
    QHash<QString, QString> team, accounts, contacts;
    for (const domain::TeamMember &m : m_portfolio.team().all())
        team.insert(m.uuid, m.name);
    auto readTable = [&](const QString &collection, const std::function<void(const storage::ExchangeTable &, const storage::ExchangeValues &)> &f) {
        const storage::ExchangeTable &t = *storage::exchangeTable(collection);
        repo.read(t, std::nullopt, [&](const storage::ExchangeValues &v) { f(t, v); });
    };
    auto col = [](const storage::ExchangeTable &t, const storage::ExchangeValues &v, const char *name) {
        return v.value(t.columnIndex(QLatin1String(name)));
    };
    Table out;
    if (kind == io::ImportKind::Accounts) {
        out.header = {QStringLiteral("Source Id"), QStringLiteral("Name"), QStringLiteral("Industry"), QStringLiteral("Region"),
                      QStringLiteral("Owner"), QStringLiteral("ARR"), QStringLiteral("Company Revenue"), QStringLiteral("Employees"),
                      QStringLiteral("Account Type"), QStringLiteral("Renewal Date"), QStringLiteral("Customer Since"),
                      QStringLiteral("Lifecycle"), QStringLiteral("At Risk"), QStringLiteral("Tier Override"), QStringLiteral("Tier Reason"),
                      QStringLiteral("Potential"), QStringLiteral("Referenceable"), QStringLiteral("Notes")};
        readTable(QStringLiteral("accounts"), [&](const auto &t, const auto &v) {
            const QVariant revenue = col(t, v, "company_revenue_cents");
            const QVariant tier = col(t, v, "tier_override");
            out.rows.push_back({optionalText(col(t, v, "source_id")), col(t, v, "name").toString(), col(t, v, "industry").toString(),
                                col(t, v, "region").toString(), team.value(col(t, v, "owner_id").toString()),
                                amountText(col(t, v, "arr_cents").toLongLong(), minor),
                                revenue.isNull() ? QString() : amountText(revenue.toLongLong(), minor), optionalText(col(t, v, "employees")),
                                col(t, v, "account_type").toString(), optionalText(col(t, v, "renewal_date")),
                                optionalText(col(t, v, "customer_since")),
                                domain::lifecycleName(domain::parseLifecycle(col(t, v, "lifecycle").toString()).value_or(domain::LifecyclePhase::Nurture)),
                                col(t, v, "at_risk").toLongLong() ? QStringLiteral("yes") : QStringLiteral("no"),
                                tier.isNull() ? QString() : tier.toString(), tier.isNull() ? QString() : col(t, v, "tier_override_reason").toString(),
                                col(t, v, "potential_rating").toString(),
                                col(t, v, "referenceable").toLongLong() ? QStringLiteral("yes") : QStringLiteral("no"), col(t, v, "notes").toString()});
        });
        return out;
    }
    readTable(QStringLiteral("accounts"), [&](const auto &t, const auto &v) { accounts.insert(col(t, v, "uuid").toString(), col(t, v, "name").toString()); });
    auto enumName = [](const QString &key, auto parse, auto name) {
        const auto e = parse(key);
        return e ? name(*e) : key;
    };
    switch (kind) {
    case io::ImportKind::Contacts: {
        out.header = {QStringLiteral("Source Id"), QStringLiteral("Account Name"), QStringLiteral("Name"), QStringLiteral("Title"),
                      QStringLiteral("Email"), QStringLiteral("Department"), QStringLiteral("Reports To"), QStringLiteral("Buying Role"),
                      QStringLiteral("Stance"), QStringLiteral("Influence"), QStringLiteral("Status"), QStringLiteral("Level"),
                      QStringLiteral("Target Level"), QStringLiteral("Notes")};
        std::vector<std::pair<storage::ExchangeValues, const storage::ExchangeTable *>> rows;
        readTable(QStringLiteral("contacts"), [&](const auto &t, const auto &v) {
            contacts.insert(col(t, v, "uuid").toString(), col(t, v, "name").toString());
            rows.emplace_back(v, &t);
        });
        for (const auto &[v, tp] : rows) {
            const auto &t = *tp;
            out.rows.push_back({optionalText(col(t, v, "source_id")), accounts.value(col(t, v, "account_id").toString()),
                                col(t, v, "name").toString(), col(t, v, "title").toString(), col(t, v, "email").toString(),
                                col(t, v, "department").toString(), contacts.value(col(t, v, "reports_to_id").toString()),
                                enumName(col(t, v, "role").toString(), &domain::parseBuyingRole, &domain::buyingRoleName),
                                enumName(col(t, v, "stance").toString(), &domain::parseStance, &domain::stanceName),
                                enumName(col(t, v, "influence").toString(), &domain::parseInfluence, &domain::influenceName),
                                col(t, v, "status").toString(),
                                enumName(col(t, v, "level").toString(), &domain::parseRelationshipLevel, &domain::relationshipLevelName),
                                enumName(col(t, v, "target_level").toString(), &domain::parseRelationshipLevel, &domain::relationshipLevelName),
                                col(t, v, "notes").toString()});
        }
        break;
    }
    case io::ImportKind::Opportunities:
        out.header = {QStringLiteral("Source Id"), QStringLiteral("Account Name"), QStringLiteral("Name"), QStringLiteral("Stage"),
                      QStringLiteral("Amount"), QStringLiteral("Probability"), QStringLiteral("Close Date"), QStringLiteral("Type"),
                      QStringLiteral("Owner")};
        readTable(QStringLiteral("opportunities"), [&](const auto &t, const auto &v) {
            out.rows.push_back({optionalText(col(t, v, "source_id")), accounts.value(col(t, v, "account_id").toString()),
                                col(t, v, "name").toString(),
                                enumName(col(t, v, "stage").toString(), &domain::parseStage, &domain::stageName),
                                amountText(col(t, v, "amount_cents").toLongLong(), minor), col(t, v, "probability").toString(),
                                optionalText(col(t, v, "close_date")),
                                enumName(col(t, v, "type").toString(), &domain::parseOpportunityType, &domain::opportunityTypeName),
                                team.value(col(t, v, "owner_id").toString())});
        });
        break;
    case io::ImportKind::Activities: {
        out.header = {QStringLiteral("Source Id"), QStringLiteral("Account Name"), QStringLiteral("Date"), QStringLiteral("Type"),
                      QStringLiteral("Summary"), QStringLiteral("Next Step"), QStringLiteral("Contact"), QStringLiteral("Assigned")};
        readTable(QStringLiteral("contacts"), [&](const auto &t, const auto &v) { contacts.insert(col(t, v, "uuid").toString(), col(t, v, "name").toString()); });
        QHash<QString, QStringList> people, ours;
        readTable(QStringLiteral("activity_contacts"), [&](const auto &, const auto &v) { people[v.value(0).toString()] << contacts.value(v.value(1).toString()); });
        readTable(QStringLiteral("activity_team"), [&](const auto &, const auto &v) { ours[v.value(0).toString()] << team.value(v.value(1).toString()); });
        readTable(QStringLiteral("activities"), [&](const auto &t, const auto &v) {
            const QString uuid = col(t, v, "uuid").toString();
            out.rows.push_back({optionalText(col(t, v, "source_id")), accounts.value(col(t, v, "account_id").toString()),
                                col(t, v, "date").toString(),
                                enumName(col(t, v, "type").toString(), &domain::parseActivityType, &domain::activityTypeName),
                                col(t, v, "summary").toString(), col(t, v, "next_step").toString(),
                                people.value(uuid).join(QStringLiteral("; ")), ours.value(uuid).join(QStringLiteral("; "))});
        });
        break;
    }
    case io::ImportKind::ArrHistory:
        out.header = {QStringLiteral("Account Name"), QStringLiteral("Date"), QStringLiteral("ARR"), QStringLiteral("Change")};
        readTable(QStringLiteral("arr_history"), [&](const auto &t, const auto &v) {
            out.rows.push_back({accounts.value(col(t, v, "account_id").toString()), col(t, v, "date").toString(),
                                amountText(col(t, v, "arr_cents").toLongLong(), minor), col(t, v, "change").toString()});
        });
        break;
    case io::ImportKind::HealthInputs:
        out.header = {QStringLiteral("Account Name"), QStringLiteral("Date"), QStringLiteral("Licensed Seats"), QStringLiteral("Active Users"),
                      QStringLiteral("Features Used"), QStringLiteral("Features Offered"), QStringLiteral("Sev1"), QStringLiteral("Sev2"),
                      QStringLiteral("Sev3"), QStringLiteral("NPS"), QStringLiteral("CSAT"), QStringLiteral("Days Late")};
        readTable(QStringLiteral("health_inputs"), [&](const auto &t, const auto &v) {
            QStringList r{accounts.value(col(t, v, "account_id").toString()), col(t, v, "date").toString()};
            for (const char *f : {"licensed_seats", "active_users", "features_used", "features_offered", "sev1", "sev2", "sev3", "nps", "csat", "days_late"})
                r << optionalText(col(t, v, f));
            out.rows.push_back(r);
        });
        break;
    case io::ImportKind::Accounts: break;
    }
    return out;
}

} // namespace keystone::services
