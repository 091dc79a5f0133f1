// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The Keystone authors
#include "keystone/services/importservice.h"

#include "csvimporter.h"

namespace keystone::services {

using io::ImportKind;

QString duplicatePolicyKey(DuplicatePolicy p)
{
    switch (p) {
    case DuplicatePolicy::Update: return QStringLiteral("update");
    case DuplicatePolicy::Skip: return QStringLiteral("skip");
    case DuplicatePolicy::Create: return QStringLiteral("create");
    }
    return {};
}

std::optional<DuplicatePolicy> parseDuplicatePolicy(const QString &key)
{
    for (DuplicatePolicy p : {DuplicatePolicy::Update, DuplicatePolicy::Skip, DuplicatePolicy::Create})
        if (key.trimmed().toLower() == duplicatePolicyKey(p))
            return p;
    return std::nullopt;
}

using csvimport::CsvImporter;
using csvimport::importRecords;
using csvimport::StreamSource;
using csvimport::TableSource;

CsvImportReport ImportService::importCsv(const io::CsvTable &table, const CsvImportRequest &request,
                                         const std::function<bool(int, int)> &progress)
{
    TableSource source(table);
    return importRecords(m_portfolio, source, request, progress);
}

CsvImportReport ImportService::importCsv(io::CsvReader &reader, const CsvImportRequest &request,
                                         const std::function<bool(int, int)> &progress)
{
    StreamSource source(reader);
    return importRecords(m_portfolio, source, request, progress);
}

CsvPreview ImportService::preview(const io::CsvTable &table, const io::ImportMapping &mapping, int maxRows)
{
    CsvPreview p;
    p.mappingProblems = io::mappingProblems(mapping);
    CsvImportRequest request;
    request.mapping = mapping;
    TableSource source(table);
    CsvImporter importer(m_portfolio, source, request, false, maxRows);
    importer.run({}, maxRows);
    p.issues = importer.report().rejections;
    return p;
}

} // namespace keystone::services
