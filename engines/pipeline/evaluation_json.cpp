#include "engines/pipeline/evaluation_json.h"

#include <nlohmann/json.hpp>

namespace aegis::engines {

namespace {

std::optional<double> optionalNumber(const nlohmann::json& value)
{
    return value.is_null() ? std::nullopt : std::optional<double>(value.get<double>());
}

// [low, high] or null.
void readInterval(const nlohmann::json& value, std::optional<double>& low, std::optional<double>& high)
{
    if (value.is_null())
        return;
    low = value.at(0).get<double>();
    high = value.at(1).get<double>();
}

QDate optionalDate(const nlohmann::json& value)
{
    return value.is_null() ? QDate() : QDate::fromString(QString::fromStdString(value.get<std::string>()), Qt::ISODate);
}

}  // namespace

report::Evaluation evaluationFromJson(const nlohmann::json& document)
{
    report::Evaluation evaluation;
    evaluation.from = optionalDate(document.at("data_range").at("from"));
    evaluation.to = optionalDate(document.at("data_range").at("to"));
    for (const nlohmann::json& entry : document.at("models")) {
        report::ModelEvaluation model;
        model.engine = QString::fromStdString(entry.at("engine").get<std::string>());
        model.target = QString::fromStdString(entry.at("target").get<std::string>());
        if (!entry.at("horizon").is_null())
            model.horizon = entry.at("horizon").get<int>();
        model.n = entry.at("n").get<std::int64_t>();
        model.auc = optionalNumber(entry.at("auc"));
        readInterval(entry.at("auc_ci"), model.aucLow, model.aucHigh);
        model.brierSkill = optionalNumber(entry.at("brier_skill"));
        // Absent in generations saved before it existed.
        readInterval(entry.value("brier_skill_ci", nlohmann::json(nullptr)), model.brierSkillLow, model.brierSkillHigh);
        model.ece = optionalNumber(entry.at("ece"));
        model.eceFloor = optionalNumber(entry.value("ece_floor", nlohmann::json(nullptr)));
        model.eceP = optionalNumber(entry.value("ece_p", nlohmann::json(nullptr)));
        model.coverage = optionalNumber(entry.at("coverage"));
        readInterval(entry.value("coverage_ci", nlohmann::json(nullptr)), model.coverageLow, model.coverageHigh);
        model.nominalCoverage = optionalNumber(entry.at("nominal_coverage"));
        model.pinballSkill = optionalNumber(entry.value("pinball_skill", nlohmann::json(nullptr)));
        readInterval(entry.value("pinball_skill_ci", nlohmann::json(nullptr)), model.pinballSkillLow, model.pinballSkillHigh);
        model.placeboP = optionalNumber(entry.value("placebo_p", nlohmann::json(nullptr)));
        model.edgeDemonstrated = entry.at("edge").get<std::string>() == "demonstrated";
        for (const nlohmann::json& point : entry.value("reliability", nlohmann::json::array())) {
            model.reliability.push_back({point.at("lower").get<double>(), point.at("upper").get<double>(),
                                         point.at("count").get<std::int64_t>(), point.at("mean_predicted").get<double>(),
                                         point.at("observed").get<double>()});
        }
        evaluation.models.push_back(model);
    }
    return evaluation;
}

}  // namespace aegis::engines
