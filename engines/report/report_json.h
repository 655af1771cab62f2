#pragma once

// aegismatrix.json: the report in the field names and value sets the existing web dashboard reads,
// plus meta, execution and evaluation. Numbers are written locale-independently; a non-finite number
// anywhere is a bug in an engine and is refused with the field's path.

#include "engines/report/report_model.h"

#include <nlohmann/json.hpp>

#include <QByteArray>
#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace aegis::engines::report {

// First of `seller_flag.reasons` and `buyer_environment.reasons` in a report of DEMO data.
inline constexpr const char* kDemoFlagReason = "DEMO data: a synthetic market, not real prices";

nlohmann::json toJson(const TickerReport& report);
nlohmann::json toJson(const Evaluation& evaluation);
// `[{ticker, name, reason}]`: as index.json and `aegis evaluate --json` list them.
nlohmann::json toJson(const std::vector<UnreportedTicker>& unreported);

// Pretty-printed UTF-8 JSON. Throws std::domain_error naming the field when a number is NaN or inf.
QByteArray serialise(const nlohmann::json& document);

// serialise(toJson(report)), byte for byte, for many reports: the reports of one model generation carry
// the same evaluation (two thirds of each file), which is built and printed once and reused while it
// stays equal.
class ReportSerialiser {
public:
    QByteArray serialise(const TickerReport& report);

private:
    std::optional<Evaluation> evaluation_;
    std::string evaluationText_;
};

// Writes one report atomically (temporary file + rename).
void writeReportFile(const QString& path, const TickerReport& report);

// Writes every report as `<SYMBOL>.json` plus `index.json` (`reports`: ticker, name, kind, file,
// generated_at; `unreported`: ticker, name, reason) into `directory`, replacing a previous export only
// once the complete new one is on disk. Throws, touching nothing, when `directory` is empty or is not
// new, empty or an earlier export (index.json and exactly the files it lists), or its `.staging` /
// `.previous` siblings hold anything but JSON files.
void writeReportFolder(const QString& directory, const std::vector<TickerReport>& reports,
                       const std::vector<UnreportedTicker>& unreported);

}  // namespace aegis::engines::report
