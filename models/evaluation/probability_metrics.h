#pragma once

#include <Eigen/Core>

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

// Scores of predicted probabilities against 0/1 (binary) or class-index (multi-class) labels. Bad input
// (NaN, inf, probabilities outside [0, 1], label values out of range, length mismatch, empty input) throws
// std::invalid_argument. A result the data cannot define (a skill score against a zero reference) comes
// back as std::nullopt instead of NaN.
namespace aegis::models::evaluation {

// Probabilities are clipped to [kLogLossClip, 1 - kLogLossClip] before the log, so one confident miss
// costs about 34.5 nats instead of infinity.
inline constexpr double kLogLossClip = 1e-15;

// Per row (p − y)²; their mean is the Brier score.
std::vector<double> brierLosses(std::span<const double> probabilities, std::span<const int> labels);
double brierScore(std::span<const double> probabilities, std::span<const int> labels);
// 1 − Σ model losses / Σ reference losses over the same rows; empty when the reference lost nothing.
std::optional<double> skillScore(std::span<const double> modelLosses, std::span<const double> referenceLosses);
double logLoss(std::span<const double> probabilities, std::span<const int> labels);

enum class ReliabilityBinning {
    EqualWidth,  // [0, 0.1), [0.1, 0.2), ..., [0.9, 1.0]
    EqualMass,   // sorted predictions cut into groups of about n / bins rows; ties never straddle a cut
};

// One bin of a reliability diagram. Bins with no rows are left out rather than reported as NaN.
struct ReliabilityBin {
    double lower = 0.0;
    double upper = 0.0;
    std::size_t count = 0;
    double meanPredicted = 0.0;
    double observedFrequency = 0.0;

    friend bool operator==(const ReliabilityBin&, const ReliabilityBin&) = default;
};

inline constexpr int kDefaultReliabilityBins = 10;

// The rows of one non-empty reliability bin and its edges.
struct ReliabilityBinRows {
    double lower = 0.0;
    double upper = 0.0;
    std::vector<std::size_t> rows;
};

// How reliabilityDiagram() bins `probabilities` (non-empty bins, in order). Throws on a bin count < 1;
// the probabilities are not validated here.
std::vector<ReliabilityBinRows> reliabilityBinRows(std::span<const double> probabilities, int binCount,
                                                   ReliabilityBinning binning);

std::vector<ReliabilityBin> reliabilityDiagram(std::span<const double> probabilities, std::span<const int> labels,
                                               int binCount = kDefaultReliabilityBins,
                                               ReliabilityBinning binning = ReliabilityBinning::EqualWidth);
// Sum over bins of (count / n) * |mean predicted - observed frequency|.
double expectedCalibrationError(const std::vector<ReliabilityBin>& bins);
double expectedCalibrationError(std::span<const double> probabilities, std::span<const int> labels,
                                int binCount = kDefaultReliabilityBins,
                                ReliabilityBinning binning = ReliabilityBinning::EqualWidth);

// Predicts 1 when probability >= 0.5.
double accuracy(std::span<const double> probabilities, std::span<const int> labels);
// Accuracy of always predicting the class that is most common IN THE EVALUATED LABELS: the best constant
// predictor with hindsight, so beating it is a strictly harder bar than beating the training majority.
double majorityBaselineAccuracy(std::span<const int> labels, int classCount = 2);

// Multi-class: `probabilities` is n × K with rows summing to 1, labels in [0, K).
// Brier = mean over rows of sum over classes of (p_k - [y = k])^2, so it lies in [0, 2].
// Per row Σ_k (p_k − [y = k])²; their mean is the multi-class Brier score.
std::vector<double> multiclassBrierLosses(const Eigen::MatrixXd& probabilities, std::span<const int> labels);
double multiclassBrierScore(const Eigen::MatrixXd& probabilities, std::span<const int> labels);
double multiclassLogLoss(const Eigen::MatrixXd& probabilities, std::span<const int> labels);
double multiclassAccuracy(const Eigen::MatrixXd& probabilities, std::span<const int> labels);
// The top-label view of multi-class forecasts: confidence = the largest class probability, correct = 1
// when that class (the first, on ties) is the label.
struct TopLabelForecasts {
    std::vector<double> confidence;
    std::vector<int> correct;
};
TopLabelForecasts topLabelForecasts(const Eigen::MatrixXd& probabilities, std::span<const int> labels);
// Top-label reliability: confidence = the largest class probability, outcome = "argmax was right".
std::vector<ReliabilityBin> topLabelReliabilityDiagram(const Eigen::MatrixXd& probabilities,
                                                       std::span<const int> labels,
                                                       int binCount = kDefaultReliabilityBins,
                                                       ReliabilityBinning binning = ReliabilityBinning::EqualWidth);

}  // namespace aegis::models::evaluation
