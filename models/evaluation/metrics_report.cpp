#include "models/evaluation/metrics_report.h"

#include "models/evaluation/input_checks.h"
#include "models/evaluation/quantile_metrics.h"
#include "models/evaluation/rank_metrics.h"

#include <nlohmann/json.hpp>

#include <numeric>
#include <stdexcept>
#include <string>

namespace aegis::models::evaluation {

namespace {

nlohmann::json optionalNumber(const std::optional<double>& value)
{
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

std::optional<double> readOptionalNumber(const nlohmann::json& json, const char* key)
{
    if (!json.contains(key) || json.at(key).is_null())
        return std::nullopt;
    const nlohmann::json& value = json.at(key);
    if (!value.is_number())
        throw std::invalid_argument(std::string("metrics report JSON: \"") + key + "\" must be a number or null");
    return value.get<double>();
}

nlohmann::json binToJson(const ReliabilityBin& bin)
{
    return {{"lower", bin.lower},
            {"upper", bin.upper},
            {"count", bin.count},
            {"mean_predicted", bin.meanPredicted},
            {"observed_frequency", bin.observedFrequency}};
}

ReliabilityBin binFromJson(const nlohmann::json& json)
{
    ReliabilityBin bin;
    bin.lower = json.at("lower").get<double>();
    bin.upper = json.at("upper").get<double>();
    bin.count = json.at("count").get<std::size_t>();
    bin.meanPredicted = json.at("mean_predicted").get<double>();
    bin.observedFrequency = json.at("observed_frequency").get<double>();
    return bin;
}

void requireQuantileLevels(double lowerLevel, double upperLevel)
{
    requireProbabilityInOpenUnitInterval(lowerLevel, "lower quantile level");
    requireProbabilityInOpenUnitInterval(upperLevel, "upper quantile level");
    if (lowerLevel >= upperLevel)
        throw std::invalid_argument("quantile interval: lower level must be below upper level");
}

nlohmann::json intervalJson(const std::optional<ConfidenceInterval>& interval)
{
    return interval ? nlohmann::json::array({interval->low, interval->high}) : nlohmann::json(nullptr);
}

// [low, high], null or absent.
std::optional<ConfidenceInterval> readOptionalInterval(const nlohmann::json& json, const char* key)
{
    if (!json.contains(key) || json.at(key).is_null())
        return std::nullopt;
    const nlohmann::json& interval = json.at(key);
    if (!interval.is_array() || interval.size() != 2)
        throw std::invalid_argument(std::string("metrics report JSON: \"") + key + "\" must be [low, high] or null");
    return ConfidenceInterval{interval.at(0).get<double>(), interval.at(1).get<double>()};
}

// Brier score, Brier skill and the skill's interval, from per-row Brier losses of the forecasts and of
// the climatology.
void scoreBrier(const std::vector<double>& modelLosses, const std::vector<double>& climatologyLosses,
                const EvaluationOptions& options, std::span<const std::int64_t> rowTimes, MetricsReport& report)
{
    report.brier = std::accumulate(modelLosses.begin(), modelLosses.end(), 0.0) / double(modelLosses.size());
    report.brierSkill = skillScore(modelLosses, climatologyLosses);
    if (!report.brierSkill)
        return;
    if (const auto interval = bootstrapSkillScoreInterval(modelLosses, climatologyLosses, options.bootstrap, rowTimes))
        report.brierSkillCi = interval->interval;
}

// The ECE floor and the observed ECE's exceedance p-value, from one set of calibrated draws. With row
// times and a block length (the engines' records) the draws keep the outcomes' dependence within blocks
// of sessions; otherwise they assume independent rows.
void scoreEceNoise(std::span<const double> probabilities, std::span<const int> outcomes, const EvaluationOptions& options,
                   std::span<const std::int64_t> rowTimes, MetricsReport& report)
{
    const std::vector<double> draws =
        options.bootstrap.blockLength > 0 && rowTimes.size() == probabilities.size()
            ? clusteredEceDraws(probabilities, outcomes, rowTimes, options.bootstrap.blockLength, options.reliabilityBins,
                                options.binning)
            : eceDraws(probabilities, options.reliabilityBins, options.binning);
    report.eceFloor = eceFloor(draws);
    report.eceP = eceExceedance(*report.ece, draws);
}

}  // namespace

MetricsReport evaluateBinaryClassifier(std::span<const double> testProbabilities, std::span<const int> testLabels,
                                       double trainingBaseRate, const EvaluationOptions& options,
                                       std::span<const std::int64_t> rowTimes)
{
    const std::vector<double> climatology(testProbabilities.size(), trainingBaseRate);
    return evaluateBinaryClassifier(testProbabilities, testLabels, std::span<const double>(climatology), options, rowTimes);
}

MetricsReport evaluateBinaryClassifier(std::span<const double> testProbabilities, std::span<const int> testLabels,
                                       std::span<const double> climatologyForecasts, const EvaluationOptions& options,
                                       std::span<const std::int64_t> rowTimes)
{
    MetricsReport report;
    report.n = testProbabilities.size();
    report.skippedMissingLabels = options.skippedMissingLabels;
    const std::vector<double> modelLosses = brierLosses(testProbabilities, testLabels);  // validates the inputs first
    requireSameLength(climatologyForecasts.size(), testProbabilities.size(), "climatology forecasts");
    const std::vector<double> climatologyLosses = brierLosses(climatologyForecasts, testLabels);
    scoreBrier(modelLosses, climatologyLosses, options, rowTimes, report);
    report.logLoss = logLoss(testProbabilities, testLabels);
    report.reliability = reliabilityDiagram(testProbabilities, testLabels, options.reliabilityBins, options.binning);
    report.ece = expectedCalibrationError(report.reliability);
    scoreEceNoise(testProbabilities, testLabels, options, rowTimes, report);
    report.accuracy = accuracy(testProbabilities, testLabels);
    report.baselineAccuracy = majorityBaselineAccuracy(testLabels);
    report.auc = rocAuc(testProbabilities, testLabels);
    if (report.auc) {
        if (const auto interval = bootstrapAucInterval(testProbabilities, testLabels, options.bootstrap, rowTimes))
            report.aucCi = interval->interval;
    }
    return report;
}

MetricsReport evaluateMulticlassClassifier(const Eigen::MatrixXd& testProbabilities, std::span<const int> testLabels,
                                           std::span<const double> trainingClassFrequencies,
                                           const EvaluationOptions& options, std::span<const std::int64_t> rowTimes)
{
    const Eigen::Map<const Eigen::RowVectorXd> frequencies(trainingClassFrequencies.data(),
                                                           Eigen::Index(trainingClassFrequencies.size()));
    return evaluateMulticlassClassifier(testProbabilities, testLabels,
                                        Eigen::MatrixXd(frequencies.replicate(testProbabilities.rows(), 1)), options,
                                        rowTimes);
}

MetricsReport evaluateMulticlassClassifier(const Eigen::MatrixXd& testProbabilities, std::span<const int> testLabels,
                                           const Eigen::MatrixXd& climatologyForecasts, const EvaluationOptions& options,
                                           std::span<const std::int64_t> rowTimes)
{
    MetricsReport report;
    report.n = static_cast<std::size_t>(testProbabilities.rows());
    report.skippedMissingLabels = options.skippedMissingLabels;
    const std::vector<double> modelLosses = multiclassBrierLosses(testProbabilities, testLabels);  // validates the inputs first
    if (climatologyForecasts.rows() != testProbabilities.rows() || climatologyForecasts.cols() != testProbabilities.cols())
        throw std::invalid_argument("climatology forecasts: one row per forecast with the same classes needed");
    const std::vector<double> climatologyLosses = multiclassBrierLosses(climatologyForecasts, testLabels);
    scoreBrier(modelLosses, climatologyLosses, options, rowTimes, report);
    report.logLoss = multiclassLogLoss(testProbabilities, testLabels);
    // Top-label reliability scores "the argmax was right", which a calibrated forecaster gets with the
    // argmax's own probability: the floor uses the same forecasts and outcomes.
    const TopLabelForecasts top = topLabelForecasts(testProbabilities, testLabels);
    report.reliability = reliabilityDiagram(top.confidence, top.correct, options.reliabilityBins, options.binning);
    report.ece = expectedCalibrationError(report.reliability);
    scoreEceNoise(top.confidence, top.correct, options, rowTimes, report);
    report.accuracy = multiclassAccuracy(testProbabilities, testLabels);
    report.baselineAccuracy = majorityBaselineAccuracy(testLabels, static_cast<int>(testProbabilities.cols()));
    report.auc = macroOneVsRestAuc(testProbabilities, testLabels);
    if (report.auc) {
        if (const auto interval = bootstrapMacroAucInterval(testProbabilities, testLabels, options.bootstrap, rowTimes))
            report.aucCi = interval->interval;
    }
    return report;
}

MetricsReport evaluateQuantileInterval(std::span<const double> realised, std::span<const double> lower,
                                       std::span<const double> upper, double lowerLevel, double upperLevel)
{
    requireQuantileLevels(lowerLevel, upperLevel);
    MetricsReport report;
    report.n = realised.size();
    report.coverage = intervalCoverage(realised, lower, upper);
    report.nominalCoverage = upperLevel - lowerLevel;
    report.pinball = (pinballLoss(realised, lower, lowerLevel) + pinballLoss(realised, upper, upperLevel)) / 2.0;
    return report;
}

MetricsReport evaluateMagnitudeForecast(std::span<const double> predicted, std::span<const double> realised)
{
    MetricsReport report;
    report.spearmanIc = spearmanInformationCoefficient(predicted, realised);
    report.n = predicted.size();
    return report;
}

bool edgeDemonstrated(const MetricsReport& report)
{
    const bool ranksBetterThanChance = report.aucCi.has_value() && report.aucCi->low > 0.5;
    const bool beatsClimatology = report.brierSkill.has_value() && *report.brierSkill > 0.0;
    const bool beatsPlacebo = !report.placebo || report.placebo->pValue <= report.placebo->alpha;
    return ranksBetterThanChance && beatsClimatology && beatsPlacebo;
}

nlohmann::json toJson(const MetricsReport& report)
{
    nlohmann::json reliability = nlohmann::json::array();
    for (const ReliabilityBin& bin : report.reliability)
        reliability.push_back(binToJson(bin));
    return {{"n", report.n},
            {"skipped_missing_labels", report.skippedMissingLabels},
            {"auc", optionalNumber(report.auc)},
            {"auc_ci", intervalJson(report.aucCi)},
            {"brier", optionalNumber(report.brier)},
            {"brier_skill", optionalNumber(report.brierSkill)},
            {"brier_skill_ci", intervalJson(report.brierSkillCi)},
            {"log_loss", optionalNumber(report.logLoss)},
            {"ece", optionalNumber(report.ece)},
            {"ece_floor", optionalNumber(report.eceFloor)},
            {"ece_p", optionalNumber(report.eceP)},
            {"reliability", std::move(reliability)},
            {"accuracy", optionalNumber(report.accuracy)},
            {"baseline_accuracy", optionalNumber(report.baselineAccuracy)},
            {"coverage", optionalNumber(report.coverage)},
            {"nominal_coverage", optionalNumber(report.nominalCoverage)},
            {"pinball", optionalNumber(report.pinball)},
            {"spearman_ic", optionalNumber(report.spearmanIc)},
            {"placebo", report.placebo ? nlohmann::json{{"p_value", report.placebo->pValue},
                                                        {"alpha", report.placebo->alpha},
                                                        {"shifts", report.placebo->shifts}}
                                       : nlohmann::json(nullptr)}};
}

MetricsReport metricsReportFromJson(const nlohmann::json& json)
{
    if (!json.is_object())
        throw std::invalid_argument("metrics report JSON: expected an object");
    try {
        MetricsReport report;
        report.n = json.at("n").get<std::size_t>();
        report.skippedMissingLabels = json.value("skipped_missing_labels", std::size_t{0});
        report.auc = readOptionalNumber(json, "auc");
        report.aucCi = readOptionalInterval(json, "auc_ci");
        report.brier = readOptionalNumber(json, "brier");
        report.brierSkill = readOptionalNumber(json, "brier_skill");
        report.brierSkillCi = readOptionalInterval(json, "brier_skill_ci");  // absent in sidecars written before it existed
        report.logLoss = readOptionalNumber(json, "log_loss");
        report.ece = readOptionalNumber(json, "ece");
        report.eceFloor = readOptionalNumber(json, "ece_floor");  // absent in sidecars written before it existed
        report.eceP = readOptionalNumber(json, "ece_p");          // likewise
        if (json.contains("reliability")) {
            for (const nlohmann::json& bin : json.at("reliability"))
                report.reliability.push_back(binFromJson(bin));
        }
        report.accuracy = readOptionalNumber(json, "accuracy");
        report.baselineAccuracy = readOptionalNumber(json, "baseline_accuracy");
        report.coverage = readOptionalNumber(json, "coverage");
        report.nominalCoverage = readOptionalNumber(json, "nominal_coverage");
        report.pinball = readOptionalNumber(json, "pinball");
        report.spearmanIc = readOptionalNumber(json, "spearman_ic");
        if (json.contains("placebo") && !json.at("placebo").is_null()) {
            const nlohmann::json& placebo = json.at("placebo");
            report.placebo = PlaceboTest{placebo.at("p_value").get<double>(), placebo.at("alpha").get<double>(),
                                         placebo.at("shifts").get<int>()};
        }
        return report;
    } catch (const nlohmann::json::exception& error) {
        throw std::invalid_argument(std::string("metrics report JSON: ") + error.what());
    }
}

}  // namespace aegis::models::evaluation
