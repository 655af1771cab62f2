#include "models/evaluation/probability_metrics.h"

#include "models/evaluation/input_checks.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace aegis::models::evaluation {

namespace {

void requireBinaryInputs(std::span<const double> probabilities, std::span<const int> labels)
{
    requireNonEmpty(probabilities.size(), "probabilities");
    requireSameLength(labels.size(), probabilities.size(), "labels");
    requireProbabilities(probabilities, "probabilities");
    requireBinaryLabels(labels, "labels");
}

void requireMulticlassInputs(const Eigen::MatrixXd& probabilities, std::span<const int> labels)
{
    requireNonEmpty(static_cast<std::size_t>(probabilities.rows()), "class probabilities");
    requireProbabilityRows(probabilities, "class probabilities");
    requireSameLength(labels.size(), static_cast<std::size_t>(probabilities.rows()), "labels");
    requireClassLabels(labels, probabilities.cols(), "labels");
}

void requireValidBinCount(int binCount)
{
    if (binCount < 1)
        throw std::invalid_argument("reliability diagram: bin count must be at least 1");
}

double clippedLog(double probability)
{
    return std::log(std::clamp(probability, kLogLossClip, 1.0 - kLogLossClip));
}

ReliabilityBin summariseBin(std::span<const double> probabilities, std::span<const int> labels,
                            std::span<const std::size_t> rows, double lower, double upper)
{
    ReliabilityBin bin;
    bin.lower = lower;
    bin.upper = upper;
    bin.count = rows.size();
    double predictedSum = 0.0;
    double outcomeSum = 0.0;
    for (std::size_t row : rows) {
        predictedSum += probabilities[row];
        outcomeSum += labels[row];
    }
    bin.meanPredicted = predictedSum / static_cast<double>(rows.size());
    bin.observedFrequency = outcomeSum / static_cast<double>(rows.size());
    return bin;
}

std::vector<ReliabilityBinRows> equalWidthRows(std::span<const double> probabilities, int binCount)
{
    std::vector<std::vector<std::size_t>> members(static_cast<std::size_t>(binCount));
    for (std::size_t row = 0; row < probabilities.size(); ++row) {
        const int bin = std::min(static_cast<int>(probabilities[row] * binCount), binCount - 1);
        members[static_cast<std::size_t>(bin)].push_back(row);
    }
    std::vector<ReliabilityBinRows> bins;
    for (int bin = 0; bin < binCount; ++bin) {
        auto& rows = members[static_cast<std::size_t>(bin)];
        if (!rows.empty())
            bins.push_back({static_cast<double>(bin) / binCount, static_cast<double>(bin + 1) / binCount, std::move(rows)});
    }
    return bins;
}

std::vector<ReliabilityBinRows> equalMassRows(std::span<const double> probabilities, int binCount)
{
    std::vector<std::size_t> order(probabilities.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return probabilities[a] < probabilities[b]; });
    std::vector<ReliabilityBinRows> bins;
    const std::size_t n = order.size();
    std::size_t begin = 0;
    for (int bin = 1; bin <= binCount && begin < n; ++bin) {
        std::size_t end = std::max(begin + 1, n * static_cast<std::size_t>(bin) / static_cast<std::size_t>(binCount));
        while (end < n && probabilities[order[end]] == probabilities[order[end - 1]])
            ++end;
        bins.push_back({probabilities[order[begin]], probabilities[order[end - 1]],
                        std::vector<std::size_t>(order.begin() + std::ptrdiff_t(begin), order.begin() + std::ptrdiff_t(end))});
        begin = end;
    }
    return bins;
}

std::vector<ReliabilityBin> binnedReliability(std::span<const double> probabilities, std::span<const int> labels,
                                              int binCount, ReliabilityBinning binning)
{
    std::vector<ReliabilityBin> bins;
    for (const ReliabilityBinRows& bin : reliabilityBinRows(probabilities, binCount, binning))
        bins.push_back(summariseBin(probabilities, labels, bin.rows, bin.lower, bin.upper));
    return bins;
}

}  // namespace

std::vector<ReliabilityBinRows> reliabilityBinRows(std::span<const double> probabilities, int binCount,
                                                   ReliabilityBinning binning)
{
    requireValidBinCount(binCount);
    return binning == ReliabilityBinning::EqualWidth ? equalWidthRows(probabilities, binCount)
                                                     : equalMassRows(probabilities, binCount);
}

std::vector<double> brierLosses(std::span<const double> probabilities, std::span<const int> labels)
{
    requireBinaryInputs(probabilities, labels);
    std::vector<double> losses(probabilities.size());
    for (std::size_t row = 0; row < probabilities.size(); ++row)
        losses[row] = (probabilities[row] - labels[row]) * (probabilities[row] - labels[row]);
    return losses;
}

double brierScore(std::span<const double> probabilities, std::span<const int> labels)
{
    const std::vector<double> losses = brierLosses(probabilities, labels);
    return std::accumulate(losses.begin(), losses.end(), 0.0) / static_cast<double>(losses.size());
}

std::optional<double> skillScore(std::span<const double> modelLosses, std::span<const double> referenceLosses)
{
    requireSameLength(referenceLosses.size(), modelLosses.size(), "reference losses");
    const double reference = std::accumulate(referenceLosses.begin(), referenceLosses.end(), 0.0);
    if (reference == 0.0)
        return std::nullopt;
    return 1.0 - std::accumulate(modelLosses.begin(), modelLosses.end(), 0.0) / reference;
}

double logLoss(std::span<const double> probabilities, std::span<const int> labels)
{
    requireBinaryInputs(probabilities, labels);
    double total = 0.0;
    for (std::size_t row = 0; row < probabilities.size(); ++row)
        total -= labels[row] == 1 ? clippedLog(probabilities[row]) : clippedLog(1.0 - probabilities[row]);
    return total / static_cast<double>(probabilities.size());
}

std::vector<ReliabilityBin> reliabilityDiagram(std::span<const double> probabilities, std::span<const int> labels,
                                               int binCount, ReliabilityBinning binning)
{
    requireBinaryInputs(probabilities, labels);
    return binnedReliability(probabilities, labels, binCount, binning);
}

double expectedCalibrationError(const std::vector<ReliabilityBin>& bins)
{
    double weightedGap = 0.0;
    std::size_t total = 0;
    for (const ReliabilityBin& bin : bins) {
        weightedGap += static_cast<double>(bin.count) * std::abs(bin.meanPredicted - bin.observedFrequency);
        total += bin.count;
    }
    if (total == 0)
        throw std::invalid_argument("expected calibration error: the reliability diagram has no rows");
    return weightedGap / static_cast<double>(total);
}

double expectedCalibrationError(std::span<const double> probabilities, std::span<const int> labels, int binCount,
                                ReliabilityBinning binning)
{
    return expectedCalibrationError(reliabilityDiagram(probabilities, labels, binCount, binning));
}

double accuracy(std::span<const double> probabilities, std::span<const int> labels)
{
    requireBinaryInputs(probabilities, labels);
    std::size_t correct = 0;
    for (std::size_t row = 0; row < probabilities.size(); ++row)
        correct += (probabilities[row] >= 0.5 ? 1 : 0) == labels[row] ? 1 : 0;
    return static_cast<double>(correct) / static_cast<double>(probabilities.size());
}

double majorityBaselineAccuracy(std::span<const int> labels, int classCount)
{
    requireNonEmpty(labels.size(), "labels");
    if (classCount < 2)
        throw std::invalid_argument("majority baseline: needs at least two classes");
    requireClassLabels(labels, classCount, "labels");
    std::vector<std::size_t> counts(static_cast<std::size_t>(classCount), 0);
    for (int label : labels)
        ++counts[static_cast<std::size_t>(label)];
    return static_cast<double>(*std::max_element(counts.begin(), counts.end())) / static_cast<double>(labels.size());
}

std::vector<double> multiclassBrierLosses(const Eigen::MatrixXd& probabilities, std::span<const int> labels)
{
    requireMulticlassInputs(probabilities, labels);
    std::vector<double> losses(static_cast<std::size_t>(probabilities.rows()), 0.0);
    for (Eigen::Index row = 0; row < probabilities.rows(); ++row) {
        for (Eigen::Index k = 0; k < probabilities.cols(); ++k) {
            const double outcome = labels[static_cast<std::size_t>(row)] == k ? 1.0 : 0.0;
            losses[static_cast<std::size_t>(row)] += (probabilities(row, k) - outcome) * (probabilities(row, k) - outcome);
        }
    }
    return losses;
}

double multiclassBrierScore(const Eigen::MatrixXd& probabilities, std::span<const int> labels)
{
    const std::vector<double> losses = multiclassBrierLosses(probabilities, labels);
    return std::accumulate(losses.begin(), losses.end(), 0.0) / static_cast<double>(losses.size());
}

double multiclassLogLoss(const Eigen::MatrixXd& probabilities, std::span<const int> labels)
{
    requireMulticlassInputs(probabilities, labels);
    double total = 0.0;
    for (Eigen::Index row = 0; row < probabilities.rows(); ++row)
        total -= clippedLog(probabilities(row, labels[static_cast<std::size_t>(row)]));
    return total / static_cast<double>(probabilities.rows());
}

double multiclassAccuracy(const Eigen::MatrixXd& probabilities, std::span<const int> labels)
{
    requireMulticlassInputs(probabilities, labels);
    std::size_t correct = 0;
    for (Eigen::Index row = 0; row < probabilities.rows(); ++row) {
        Eigen::Index predicted = 0;
        probabilities.row(row).maxCoeff(&predicted);
        correct += predicted == labels[static_cast<std::size_t>(row)] ? 1 : 0;
    }
    return static_cast<double>(correct) / static_cast<double>(probabilities.rows());
}

std::vector<ReliabilityBin> topLabelReliabilityDiagram(const Eigen::MatrixXd& probabilities,
                                                       std::span<const int> labels, int binCount,
                                                       ReliabilityBinning binning)
{
    const TopLabelForecasts top = topLabelForecasts(probabilities, labels);
    return binnedReliability(top.confidence, top.correct, binCount, binning);
}

TopLabelForecasts topLabelForecasts(const Eigen::MatrixXd& probabilities, std::span<const int> labels)
{
    requireMulticlassInputs(probabilities, labels);
    TopLabelForecasts top;
    top.confidence.resize(static_cast<std::size_t>(probabilities.rows()));
    top.correct.resize(top.confidence.size());
    for (Eigen::Index row = 0; row < probabilities.rows(); ++row) {
        Eigen::Index predicted = 0;
        top.confidence[static_cast<std::size_t>(row)] = probabilities.row(row).maxCoeff(&predicted);
        top.correct[static_cast<std::size_t>(row)] = predicted == labels[static_cast<std::size_t>(row)] ? 1 : 0;
    }
    return top;
}

}  // namespace aegis::models::evaluation
