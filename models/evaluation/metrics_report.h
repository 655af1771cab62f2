#pragma once

#include "models/evaluation/bootstrap.h"
#include "models/evaluation/calibration_floor.h"
#include "models/evaluation/probability_metrics.h"

#include <Eigen/Core>
#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace aegis::models::evaluation {

// The time-shift placebo (shift_placebo.h) of a forecast scored on a panel of tickers: an edge needs
// pValue <= alpha, alpha being one minus the AUC interval's confidence level.
struct PlaceboTest {
    double pValue = 1.0;
    double alpha = 0.05;
    int shifts = 0;

    friend bool operator==(const PlaceboTest&, const PlaceboTest&) = default;
};

// One evaluation of one model on one test set, with the field names the product's report uses. A field
// the evaluation does not cover (coverage for a classifier) or the data cannot define (AUC with one
// class) is empty and serialises as null: nothing is ever filled with a placeholder number.
struct MetricsReport {
    std::size_t n = 0;                     // rows evaluated
    std::size_t skippedMissingLabels = 0;  // rows left out because their label was not known yet
    std::optional<double> auc;
    std::optional<ConfidenceInterval> aucCi;
    std::optional<double> brier;
    std::optional<double> brierSkill;
    std::optional<ConfidenceInterval> brierSkillCi;  // same bootstrap (blocks, level) as aucCi
    std::optional<double> logLoss;
    std::optional<double> ece;
    std::optional<double> eceFloor;        // the ECE sampling noise alone gives these forecasts (calibration_floor.h),
                                           // with the rows' dependence when they came with times
    std::optional<double> eceP;            // share of those calibrated draws whose ECE reaches the observed one
                                           // (eceExceedance): small when miscalibration exceeds the noise
    std::vector<ReliabilityBin> reliability;
    std::optional<double> accuracy;
    std::optional<double> baselineAccuracy;
    std::optional<double> coverage;
    std::optional<double> nominalCoverage;
    std::optional<double> pinball;
    std::optional<double> spearmanIc;
    std::optional<PlaceboTest> placebo;

    friend bool operator==(const MetricsReport&, const MetricsReport&) = default;
};

struct EvaluationOptions {
    BootstrapOptions bootstrap;
    int reliabilityBins = kDefaultReliabilityBins;
    ReliabilityBinning binning = ReliabilityBinning::EqualWidth;
    std::size_t skippedMissingLabels = 0;  // copied into the report (see keepRowsWithKnownLabels)
};

// `climatologyForecasts` holds per row P(label = 1) in the training window the row's forecast came from:
// the reference for Brier skill (each walk-forward fold has its own; `trainingBaseRate` when one window
// made every forecast). It must come from training windows: the test rate would hand it hindsight. `rowTimes` (one per row) is needed only for a block bootstrap
// (options.bootstrap.blockLength > 0); with them the ECE floor and its p-value come from clustered
// draws over the same blocks, else from independent ones (calibration_floor.h).
MetricsReport evaluateBinaryClassifier(std::span<const double> testProbabilities, std::span<const int> testLabels,
                                       std::span<const double> climatologyForecasts, const EvaluationOptions& options = {},
                                       std::span<const std::int64_t> rowTimes = {});
MetricsReport evaluateBinaryClassifier(std::span<const double> testProbabilities, std::span<const int> testLabels,
                                       double trainingBaseRate, const EvaluationOptions& options = {},
                                       std::span<const std::int64_t> rowTimes = {});

// auc = macro one-vs-rest AUC, brier/brier_skill/log_loss multi-class, ece and reliability top-label,
// accuracy by argmax. `climatologyForecasts` (n × K) holds per row the class frequencies of its training
// window, `trainingClassFrequencies` (summing to 1) those of the one window that made every forecast.
MetricsReport evaluateMulticlassClassifier(const Eigen::MatrixXd& testProbabilities, std::span<const int> testLabels,
                                           const Eigen::MatrixXd& climatologyForecasts,
                                           const EvaluationOptions& options = {},
                                           std::span<const std::int64_t> rowTimes = {});
MetricsReport evaluateMulticlassClassifier(const Eigen::MatrixXd& testProbabilities, std::span<const int> testLabels,
                                           std::span<const double> trainingClassFrequencies,
                                           const EvaluationOptions& options = {},
                                           std::span<const std::int64_t> rowTimes = {});

// A central interval forecast from quantiles at `lowerLevel` < `upperLevel`: coverage = fraction of
// realised values inside [lower, upper], nominal_coverage = upperLevel - lowerLevel, pinball = mean of the
// two bounds' pinball losses (in the units of the values).
MetricsReport evaluateQuantileInterval(std::span<const double> realised, std::span<const double> lower,
                                       std::span<const double> upper, double lowerLevel, double upperLevel);

// A magnitude forecast (e.g. expected absolute move): spearman_ic only.
MetricsReport evaluateMagnitudeForecast(std::span<const double> predicted, std::span<const double> realised);

// The engines' test for whether any edge was demonstrated at all. All must hold:
//   - the AUC's bootstrap interval lies entirely above 0.5 (the model ranks outcomes better than chance);
//   - Brier skill against the training climatology is positive (its probabilities beat simply quoting
//     the base rate). A model that ranks a little but whose probabilities are worse than the base rate
//     would show conviction it has not earned;
//   - when a placebo was run, the real alignment of forecasts and outcomes beats the time-shifted ones
//     (p-value <= alpha): an interval from few independent outcomes can be too narrow.
// No interval or no skill score (undefined, or not computed) means no edge.
bool edgeDemonstrated(const MetricsReport& report);

nlohmann::json toJson(const MetricsReport& report);
MetricsReport metricsReportFromJson(const nlohmann::json& json);

}  // namespace aegis::models::evaluation
