// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/io/importspec.h"

#include <QHash>
#include <QSet>

#include <nlohmann/json.hpp>

namespace keystone::io {

QString importKindKey(ImportKind kind)
{
    switch (kind) {
    case ImportKind::Accounts: return QStringLiteral("accounts");
    case ImportKind::Contacts: return QStringLiteral("contacts");
    case ImportKind::Opportunities: return QStringLiteral("opportunities");
    case ImportKind::Activities: return QStringLiteral("activities");
    case ImportKind::ArrHistory: return QStringLiteral("arr_history");
    case ImportKind::HealthInputs: return QStringLiteral("health_inputs");
    }
    return {};
}

QString importKindName(ImportKind kind)
{
    switch (kind) {
    case ImportKind::Accounts: return QStringLiteral("Accounts");
    case ImportKind::Contacts: return QStringLiteral("Contacts");
    case ImportKind::Opportunities: return QStringLiteral("Opportunities");
    case ImportKind::Activities: return QStringLiteral("Activities");
    case ImportKind::ArrHistory: return QStringLiteral("ARR history");
    case ImportKind::HealthInputs: return QStringLiteral("Health inputs");
    }
    return {};
}

std::vector<ImportKind> importKinds()
{
    return {ImportKind::Accounts, ImportKind::Contacts, ImportKind::Opportunities,
            ImportKind::Activities, ImportKind::ArrHistory, ImportKind::HealthInputs};
}

std::optional<ImportKind> parseImportKind(const QString &key)
{
    const QString k = key.trimmed().toLower().replace(QLatin1Char('-'), QLatin1Char('_'));
    for (ImportKind kind : importKinds())
        if (k == importKindKey(kind))
            return kind;
    return std::nullopt;
}

QString headerKey(const QString &header)
{
    QString k;
    k.reserve(header.size());
    for (QChar c : header)
        if (c.isLetterOrNumber())
            k += c.toLower();
    return k;
}

namespace {

using F = FieldType;

const std::vector<ImportField> kAccountFields{
    {QStringLiteral("source_id"), QStringLiteral("Source Id"), F::Text,
     {QStringLiteral("Id"), QStringLiteral("Account ID"), QStringLiteral("Source Id"), QStringLiteral("External Id")},
     QStringLiteral("The account's id in the CRM; kept, so a later import of an updated export updates it")},
    {QStringLiteral("name"), QStringLiteral("Name"), F::Text, {QStringLiteral("Name"), QStringLiteral("Account Name"), QStringLiteral("Account")}, {}},
    {QStringLiteral("industry"), QStringLiteral("Industry"), F::Text, {QStringLiteral("Industry")}, {}},
    {QStringLiteral("region"), QStringLiteral("Region"), F::Text,
     {QStringLiteral("Region"), QStringLiteral("Sales Region"), QStringLiteral("BillingCountry"), QStringLiteral("Billing Country"), QStringLiteral("Country")}, {}},
    {QStringLiteral("owner"), QStringLiteral("Owner"), F::Text,
     {QStringLiteral("Owner"), QStringLiteral("Owner Name"), QStringLiteral("Account Owner"), QStringLiteral("OwnerId"), QStringLiteral("Owner ID")},
     QStringLiteral("A team member's name or email; new names become team members")},
    {QStringLiteral("arr"), QStringLiteral("ARR"), F::Amount,
     {QStringLiteral("ARR"), QStringLiteral("Annual Recurring Revenue"), QStringLiteral("ARR__c"), QStringLiteral("Current ARR")}, {}},
    {QStringLiteral("company_revenue"), QStringLiteral("Company revenue"), F::Amount,
     {QStringLiteral("AnnualRevenue"), QStringLiteral("Annual Revenue"), QStringLiteral("Company Revenue")},
     QStringLiteral("The customer's own yearly revenue (not ARR)")},
    {QStringLiteral("employees"), QStringLiteral("Employees"), F::WholeNumber,
     {QStringLiteral("NumberOfEmployees"), QStringLiteral("Employees"), QStringLiteral("Number of Employees")}, {}},
    {QStringLiteral("account_type"), QStringLiteral("Account type"), F::Text, {QStringLiteral("Type"), QStringLiteral("Account Type")}, {}},
    {QStringLiteral("renewal_date"), QStringLiteral("Renewal date"), F::Date,
     {QStringLiteral("Renewal Date"), QStringLiteral("Renewal_Date__c"), QStringLiteral("Contract End Date")}, {}},
    {QStringLiteral("customer_since"), QStringLiteral("Customer since"), F::Date,
     {QStringLiteral("Customer Since"), QStringLiteral("Customer_Since__c")}, {}},
    {QStringLiteral("lifecycle"), QStringLiteral("Lifecycle phase"), F::Choice,
     {QStringLiteral("Lifecycle"), QStringLiteral("Lifecycle Phase"), QStringLiteral("Phase")}, {}},
    {QStringLiteral("at_risk"), QStringLiteral("At risk"), F::Bool, {QStringLiteral("At Risk")}, {}},
    {QStringLiteral("tier"), QStringLiteral("Tier (set by hand)"), F::Choice, {QStringLiteral("Tier"), QStringLiteral("Tier Override")}, {}},
    {QStringLiteral("tier_reason"), QStringLiteral("Tier reason"), F::Text, {QStringLiteral("Tier Reason"), QStringLiteral("Tier Override Reason")}, {}},
    {QStringLiteral("potential_rating"), QStringLiteral("Growth potential (1-5)"), F::WholeNumber,
     {QStringLiteral("Potential"), QStringLiteral("Growth Potential"), QStringLiteral("Potential Rating")}, {}},
    {QStringLiteral("referenceable"), QStringLiteral("Referenceable"), F::Bool, {QStringLiteral("Referenceable")}, {}},
    {QStringLiteral("notes"), QStringLiteral("Notes"), F::Text, {QStringLiteral("Description"), QStringLiteral("Notes")}, {}},
};

const ImportField kAccountSourceId{QStringLiteral("account_source_id"), QStringLiteral("Account (source Id)"), F::Text,
                                   {QStringLiteral("AccountId"), QStringLiteral("Account ID"), QStringLiteral("WhatId")},
                                   QStringLiteral("The account's CRM id, as imported with the accounts")};
const ImportField kAccountName{QStringLiteral("account_name"), QStringLiteral("Account (name)"), F::Text,
                               {QStringLiteral("Account Name"), QStringLiteral("Account"), QStringLiteral("Company")}, {}};

const std::vector<ImportField> kContactFields{
    {QStringLiteral("source_id"), QStringLiteral("Source Id"), F::Text, {QStringLiteral("Id"), QStringLiteral("Contact ID")}, {}},
    kAccountSourceId,
    kAccountName,
    {QStringLiteral("name"), QStringLiteral("Full name"), F::Text, {QStringLiteral("Name"), QStringLiteral("Full Name"), QStringLiteral("Contact Name")}, {}},
    {QStringLiteral("first_name"), QStringLiteral("First name"), F::Text, {QStringLiteral("FirstName"), QStringLiteral("First Name")}, {}},
    {QStringLiteral("last_name"), QStringLiteral("Last name"), F::Text, {QStringLiteral("LastName"), QStringLiteral("Last Name")}, {}},
    {QStringLiteral("title"), QStringLiteral("Title"), F::Text, {QStringLiteral("Title"), QStringLiteral("Job Title")}, {}},
    {QStringLiteral("email"), QStringLiteral("Email"), F::Text, {QStringLiteral("Email"), QStringLiteral("Email Address")}, {}},
    {QStringLiteral("department"), QStringLiteral("Department"), F::Text, {QStringLiteral("Department")}, {}},
    {QStringLiteral("reports_to_source_id"), QStringLiteral("Reports to (source Id)"), F::Text,
     {QStringLiteral("ReportsToId"), QStringLiteral("Reports To ID")}, {}},
    {QStringLiteral("reports_to_name"), QStringLiteral("Reports to (name)"), F::Text, {QStringLiteral("Reports To"), QStringLiteral("Manager")}, {}},
    {QStringLiteral("role"), QStringLiteral("Buying role"), F::Choice, {QStringLiteral("Buying Role"), QStringLiteral("Role")}, {}},
    {QStringLiteral("stance"), QStringLiteral("Stance"), F::Choice, {QStringLiteral("Stance")}, {}},
    {QStringLiteral("influence"), QStringLiteral("Influence"), F::Choice, {QStringLiteral("Influence")}, {}},
    {QStringLiteral("status"), QStringLiteral("Status"), F::Choice, {QStringLiteral("Status"), QStringLiteral("Contact Status")}, {}},
    {QStringLiteral("level"), QStringLiteral("Relationship level"), F::Choice, {QStringLiteral("Level"), QStringLiteral("Relationship Level")}, {}},
    {QStringLiteral("target_level"), QStringLiteral("Target level"), F::Choice, {QStringLiteral("Target Level")}, {}},
    {QStringLiteral("notes"), QStringLiteral("Notes"), F::Text, {QStringLiteral("Description"), QStringLiteral("Notes")}, {}},
};

const std::vector<ImportField> kOpportunityFields{
    {QStringLiteral("source_id"), QStringLiteral("Source Id"), F::Text, {QStringLiteral("Id"), QStringLiteral("Opportunity ID")}, {}},
    kAccountSourceId,
    kAccountName,
    {QStringLiteral("name"), QStringLiteral("Name"), F::Text, {QStringLiteral("Name"), QStringLiteral("Opportunity Name")}, {}},
    {QStringLiteral("stage"), QStringLiteral("Stage"), F::Choice, {QStringLiteral("StageName"), QStringLiteral("Stage")},
     QStringLiteral("Salesforce stages are translated: Prospecting = Identified, Closed Won = Won, ...")},
    {QStringLiteral("amount"), QStringLiteral("Amount (ARR)"), F::Amount, {QStringLiteral("Amount"), QStringLiteral("ARR")}, {}},
    {QStringLiteral("probability"), QStringLiteral("Probability (%)"), F::Percent, {QStringLiteral("Probability"), QStringLiteral("Probability (%)")}, {}},
    {QStringLiteral("close_date"), QStringLiteral("Close date"), F::Date, {QStringLiteral("CloseDate"), QStringLiteral("Close Date")}, {}},
    {QStringLiteral("type"), QStringLiteral("Type"), F::Choice, {QStringLiteral("Type"), QStringLiteral("Opportunity Type")}, {}},
    {QStringLiteral("owner"), QStringLiteral("Owner"), F::Text,
     {QStringLiteral("Owner"), QStringLiteral("Opportunity Owner"), QStringLiteral("OwnerId"), QStringLiteral("Owner ID")}, {}},
};

const std::vector<ImportField> kActivityFields{
    {QStringLiteral("source_id"), QStringLiteral("Source Id"), F::Text, {QStringLiteral("Id"), QStringLiteral("Activity ID"), QStringLiteral("Task ID")}, {}},
    kAccountSourceId,
    kAccountName,
    {QStringLiteral("date"), QStringLiteral("Date"), F::Date,
     {QStringLiteral("ActivityDate"), QStringLiteral("Date"), QStringLiteral("Activity Date"), QStringLiteral("Due Date"), QStringLiteral("StartDateTime")}, {}},
    {QStringLiteral("type"), QStringLiteral("Type"), F::Choice,
     {QStringLiteral("Type"), QStringLiteral("TaskSubtype"), QStringLiteral("Activity Type"), QStringLiteral("EventSubtype")}, {}},
    {QStringLiteral("summary"), QStringLiteral("Summary"), F::Text, {QStringLiteral("Subject"), QStringLiteral("Summary")}, {}},
    {QStringLiteral("details"), QStringLiteral("Details (added to the summary)"), F::Text,
     {QStringLiteral("Description"), QStringLiteral("Comments"), QStringLiteral("Full Comments")}, {}},
    {QStringLiteral("next_step"), QStringLiteral("Next step"), F::Text, {QStringLiteral("Next Step"), QStringLiteral("NextStep")}, {}},
    {QStringLiteral("contact_source_id"), QStringLiteral("Contact (source Id)"), F::Text, {QStringLiteral("WhoId"), QStringLiteral("Contact ID")}, {}},
    {QStringLiteral("contact"), QStringLiteral("Contact (name or email)"), F::Text,
     {QStringLiteral("Contact"), QStringLiteral("Contact Name"), QStringLiteral("Name"), QStringLiteral("Contact Email")}, {}},
    {QStringLiteral("team_member"), QStringLiteral("Team member"), F::Text,
     {QStringLiteral("Assigned"), QStringLiteral("Assigned To"), QStringLiteral("Owner"), QStringLiteral("OwnerId")}, {}},
};

const std::vector<ImportField> kArrFields{
    kAccountSourceId,
    kAccountName,
    {QStringLiteral("date"), QStringLiteral("Date"), F::Date, {QStringLiteral("Date"), QStringLiteral("As Of"), QStringLiteral("Month"), QStringLiteral("Snapshot Date")}, {}},
    {QStringLiteral("arr"), QStringLiteral("ARR"), F::Amount, {QStringLiteral("ARR"), QStringLiteral("Annual Recurring Revenue"), QStringLiteral("Amount")}, {}},
    {QStringLiteral("change"), QStringLiteral("Change"), F::Choice, {QStringLiteral("Change"), QStringLiteral("Change Type"), QStringLiteral("Event")},
     QStringLiteral("new, expansion, contraction, churn or snapshot; worked out from the previous point when not given")},
};

const std::vector<ImportField> kHealthFields{
    kAccountSourceId,
    kAccountName,
    {QStringLiteral("date"), QStringLiteral("Date"), F::Date, {QStringLiteral("Date"), QStringLiteral("As Of"), QStringLiteral("Snapshot Date")}, {}},
    {QStringLiteral("licensed_seats"), QStringLiteral("Licensed seats"), F::WholeNumber, {QStringLiteral("Licensed Seats"), QStringLiteral("Seats")}, {}},
    {QStringLiteral("active_users"), QStringLiteral("Active users"), F::WholeNumber, {QStringLiteral("Active Users"), QStringLiteral("MAU")}, {}},
    {QStringLiteral("features_used"), QStringLiteral("Features used"), F::WholeNumber, {QStringLiteral("Features Used")}, {}},
    {QStringLiteral("features_offered"), QStringLiteral("Features offered"), F::WholeNumber, {QStringLiteral("Features Offered")}, {}},
    {QStringLiteral("sev1"), QStringLiteral("Sev 1 tickets"), F::WholeNumber, {QStringLiteral("Sev1"), QStringLiteral("Sev 1 Tickets")}, {}},
    {QStringLiteral("sev2"), QStringLiteral("Sev 2 tickets"), F::WholeNumber, {QStringLiteral("Sev2"), QStringLiteral("Sev 2 Tickets")}, {}},
    {QStringLiteral("sev3"), QStringLiteral("Sev 3 tickets"), F::WholeNumber, {QStringLiteral("Sev3"), QStringLiteral("Sev 3 Tickets")}, {}},
    {QStringLiteral("nps"), QStringLiteral("NPS"), F::WholeNumber, {QStringLiteral("NPS")}, {}},
    {QStringLiteral("csat"), QStringLiteral("CSAT (1-5)"), F::Number, {QStringLiteral("CSAT")}, {}},
    {QStringLiteral("days_late"), QStringLiteral("Days late paying"), F::Number, {QStringLiteral("Days Late"), QStringLiteral("Days Past Due")}, {}},
};

} // namespace

const std::vector<ImportField> &importFields(ImportKind kind)
{
    switch (kind) {
    case ImportKind::Accounts: return kAccountFields;
    case ImportKind::Contacts: return kContactFields;
    case ImportKind::Opportunities: return kOpportunityFields;
    case ImportKind::Activities: return kActivityFields;
    case ImportKind::ArrHistory: return kArrFields;
    case ImportKind::HealthInputs: return kHealthFields;
    }
    return kAccountFields;
}

const ImportField *findImportField(ImportKind kind, const QString &key)
{
    for (const ImportField &f : importFields(kind))
        if (f.key == key)
            return &f;
    return nullptr;
}

std::vector<QStringList> requiredFieldGroups(ImportKind kind)
{
    const QStringList account{QStringLiteral("account_source_id"), QStringLiteral("account_name")};
    switch (kind) {
    case ImportKind::Accounts: return {{QStringLiteral("name")}};
    case ImportKind::Contacts:
        return {account, {QStringLiteral("name"), QStringLiteral("last_name"), QStringLiteral("first_name")}};
    case ImportKind::Opportunities: return {account, {QStringLiteral("name")}, {QStringLiteral("amount")}};
    case ImportKind::Activities: return {account, {QStringLiteral("date")}};
    case ImportKind::ArrHistory: return {account, {QStringLiteral("date")}, {QStringLiteral("arr")}};
    case ImportKind::HealthInputs: return {account, {QStringLiteral("date")}};
    }
    return {};
}

QString ignoredHeaderReason(ImportKind kind, const QString &header)
{
    static const QHash<QString, QString> common{
        {QStringLiteral("billingstate"), QStringLiteral("the region comes from the country")},
        {QStringLiteral("billingcity"), QStringLiteral("Keystone keeps the region, not the address")},
        {QStringLiteral("billingstreet"), QStringLiteral("Keystone keeps the region, not the address")},
        {QStringLiteral("billingpostalcode"), QStringLiteral("Keystone keeps the region, not the address")},
        {QStringLiteral("phone"), QStringLiteral("Keystone keeps no phone numbers")},
        {QStringLiteral("mobilephone"), QStringLiteral("Keystone keeps no phone numbers")},
        {QStringLiteral("website"), QStringLiteral("not kept")},
        {QStringLiteral("createddate"), QStringLiteral("Keystone records its own dates")},
        {QStringLiteral("lastmodifieddate"), QStringLiteral("Keystone records its own dates")},
        {QStringLiteral("createdbyid"), QStringLiteral("Keystone records its own changes")},
        {QStringLiteral("lastmodifiedbyid"), QStringLiteral("Keystone records its own changes")},
        {QStringLiteral("isdeleted"), QStringLiteral("deleted CRM rows are not imported by this column")},
        {QStringLiteral("forecastcategory"), QStringLiteral("Keystone weighs by probability")},
        {QStringLiteral("forecastcategoryname"), QStringLiteral("Keystone weighs by probability")},
        {QStringLiteral("leadsource"), QStringLiteral("not kept")},
    };
    Q_UNUSED(kind);
    return common.value(headerKey(header));
}

int ImportMapping::columnOf(const QString &field) const
{
    return int(fields.indexOf(field));
}

ImportMapping autoMapping(ImportKind kind, const QStringList &header)
{
    ImportMapping m;
    m.kind = kind;
    m.header = header;
    m.fields = QStringList(header.size(), QString());
    // Exact header matches in the order the fields list them; a field is mapped once.
    // A header name that stands twice is mapped to neither column: which one was meant is
    // the user's to say (mappingProblems() names both).
    QHash<QString, int> byKey;
    QSet<QString> twice;
    for (int i = 0; i < header.size(); ++i) {
        const QString key = headerKey(header.at(i));
        if (byKey.contains(key))
            twice.insert(key);
        byKey.insert(key, i);
    }
    for (const QString &key : twice)
        byKey.remove(key);
    for (const ImportField &f : importFields(kind)) {
        for (const QString &h : f.headers) {
            const auto it = byKey.constFind(headerKey(h));
            if (it != byKey.constEnd() && m.fields.at(*it).isEmpty()) {
                m.fields[*it] = f.key;
                break;
            }
        }
    }
    return m;
}

QStringList mappingProblems(const ImportMapping &mapping)
{
    QStringList problems;
    for (const QStringList &group : requiredFieldGroups(mapping.kind)) {
        bool any = false;
        QStringList labels;
        for (const QString &key : group) {
            any = any || mapping.columnOf(key) >= 0;
            if (const ImportField *f = findImportField(mapping.kind, key))
                labels << QStringLiteral("%1 (e.g. \"%2\")").arg(f->label, f->headers.value(0));
        }
        if (!any)
            problems << QStringLiteral("no column is mapped to %1").arg(labels.join(QStringLiteral(" or ")));
    }
    // Two columns with one name: a saved mapping (applied by column name) and the reader
    // cannot tell them apart, so the file is refused until one is renamed.
    QHash<QString, int> firstWithName;
    for (int i = 0; i < mapping.header.size(); ++i) {
        const QString key = headerKey(mapping.header.at(i));
        if (key.isEmpty())
            continue;
        if (const auto it = firstWithName.constFind(key); it != firstWithName.constEnd())
            problems << QStringLiteral("columns %1 and %2 are both named \"%3\"; rename one of them").arg(*it + 1).arg(i + 1).arg(mapping.header.at(i));
        else
            firstWithName.insert(key, i);
    }
    QHash<QString, int> seen;
    for (int i = 0; i < mapping.fields.size(); ++i) {
        const QString &f = mapping.fields.at(i);
        if (f.isEmpty())
            continue;
        if (seen.contains(f))
            problems << QStringLiteral("columns \"%1\" and \"%2\" are both mapped to %3")
                            .arg(mapping.header.value(seen.value(f)), mapping.header.value(i), f);
        else
            seen.insert(f, i);
    }
    return problems;
}

QByteArray mappingToJson(const ImportMapping &m)
{
    nlohmann::ordered_json cols = nlohmann::ordered_json::object();
    for (int i = 0; i < m.header.size(); ++i)
        cols[m.header.at(i).toStdString()] = m.fields.value(i).toStdString();
    nlohmann::ordered_json j{{"format", "keystone-csv-mapping"},
                             {"version", 1},
                             {"kind", importKindKey(m.kind).toStdString()},
                             {"columns", cols},
                             {"date_format", dateFormatKey(m.dateFormat).toStdString()},
                             {"decimal_mark", decimalMarkKey(m.decimalMark).toStdString()}};
    if (m.delimiter)
        j["delimiter"] = QString(*m.delimiter).toStdString();
    return QByteArray::fromStdString(j.dump(2) + "\n");
}

ImportMapping applySavedMapping(const QByteArray &bytes, const QStringList &header, std::optional<ImportKind> kind)
{
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(bytes.constData(), bytes.constData() + bytes.size());
    } catch (const nlohmann::json::exception &e) {
        throw MappingError{QStringLiteral("not JSON (%1)").arg(QString::fromUtf8(e.what()))};
    }
    auto text = [&](const char *key) -> QString {
        if (!j.contains(key))
            return {};
        if (!j[key].is_string())
            throw MappingError{QStringLiteral("\"%1\" must be text").arg(QLatin1String(key))};
        return QString::fromStdString(j[key].get<std::string>());
    };
    if (!j.is_object() || text("format") != QLatin1String("keystone-csv-mapping"))
        throw MappingError{QStringLiteral("not a Keystone CSV mapping (\"format\" must be \"keystone-csv-mapping\")")};
    if (!j.contains("version") || !j["version"].is_number_integer() || j["version"].get<int>() != 1)
        throw MappingError{QStringLiteral("\"version\" must be 1 (this Keystone reads mapping version 1)")};
    const auto savedKind = parseImportKind(text("kind"));
    if (!savedKind)
        throw MappingError{QStringLiteral("\"kind\" must be one of accounts, contacts, opportunities, activities, arr_history, health_inputs, not \"%1\"")
                               .arg(text("kind"))};
    if (kind && *kind != *savedKind)
        throw MappingError{QStringLiteral("the mapping is for %1, not %2").arg(importKindKey(*savedKind), importKindKey(*kind))};
    ImportMapping m = autoMapping(*savedKind, header);
    if (j.contains("columns")) {
        if (!j["columns"].is_object())
            throw MappingError{QStringLiteral("\"columns\" must be an object of header -> field")};
        QHash<QString, int> byKey;
        for (int i = 0; i < header.size(); ++i)
            byKey.insert(headerKey(header.at(i)), i);
        for (const auto &[h, field] : j["columns"].items()) {
            if (!field.is_string())
                throw MappingError{QStringLiteral("column \"%1\": the field must be text").arg(QString::fromStdString(h))};
            const QString f = QString::fromStdString(field.get<std::string>());
            if (!f.isEmpty() && !findImportField(*savedKind, f))
                throw MappingError{QStringLiteral("column \"%1\": %2 has no field \"%3\"").arg(QString::fromStdString(h), importKindKey(*savedKind), f)};
            const auto it = byKey.constFind(headerKey(QString::fromStdString(h)));
            if (it == byKey.constEnd())
                continue; // a column this file does not have
            // The saved choice wins: take the field off any auto-mapped column first.
            if (!f.isEmpty())
                for (QString &other : m.fields)
                    if (other == f)
                        other.clear();
            m.fields[*it] = f;
        }
    }
    if (j.contains("date_format")) {
        const auto f = parseDateFormat(text("date_format"));
        if (!f)
            throw MappingError{QStringLiteral("\"date_format\" must be auto, iso, us or european, not \"%1\"").arg(text("date_format"))};
        m.dateFormat = *f;
    }
    if (j.contains("decimal_mark")) {
        const auto d = parseDecimalMark(text("decimal_mark"));
        if (!d)
            throw MappingError{QStringLiteral("\"decimal_mark\" must be auto, point or comma, not \"%1\"").arg(text("decimal_mark"))};
        m.decimalMark = *d;
    }
    if (j.contains("delimiter")) {
        const QString d = text("delimiter") == QLatin1String("\\t") ? QStringLiteral("\t") : text("delimiter");
        if (d.size() != 1)
            throw MappingError{QStringLiteral("\"delimiter\" must be one character, such as \",\" or \";\"")};
        m.delimiter = d.at(0);
    }
    return m;
}

} // namespace keystone::io
