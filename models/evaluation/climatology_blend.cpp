#include "models/evaluation/climatology_blend.h"

#include "models/evaluation/input_checks.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>

namespace aegis::models::evaluation {

namespace {

Eigen::RowVectorXd rowOf(const std::vector<double>& frequencies)
{
    return Eigen::Map<const Eigen::RowVectorXd>(frequencies.data(), Eigen::Index(frequencies.size()));
}

void requireFrequencies(const std::vector<double>& frequencies)
{
    requireProbabilities(frequencies, "climatology frequencies");
    if (frequencies.size() < 2)
        throw std::invalid_argument("climatology frequencies: at least two classes needed");
    double sum = 0.0;
    for (double f : frequencies)
        sum += f;
    if (std::abs(sum - 1.0) > kProbabilityRowSumTolerance)
        throw std::invalid_argument("climatology frequencies: they sum to " + std::to_string(sum) + ", not 1");
}

}  // namespace

ClimatologyBlend::ClimatologyBlend(double weight, double fittedWeight, std::optional<double> standardError,
                                   std::vector<double> frequencies)
    : weight_(weight), fittedWeight_(fittedWeight), standardError_(standardError), frequencies_(std::move(frequencies))
{
}

ClimatologyBlend ClimatologyBlend::identity(std::vector<double> frequencies)
{
    requireFrequencies(frequencies);
    return ClimatologyBlend(1.0, 1.0, 0.0, std::move(frequencies));
}

ClimatologyBlend ClimatologyBlend::fit(const Eigen::MatrixXd& heldOutProbabilities, std::span<const int> heldOutLabels,
                                       std::vector<double> frequencies, SessionBlocks blocks)
{
    requireFrequencies(frequencies);
    requireProbabilityRows(heldOutProbabilities, "held-out probabilities");
    requireSameLength(heldOutLabels.size(), std::size_t(heldOutProbabilities.rows()), "held-out labels");
    requireSameLength(blocks.rowTimes.size(), std::size_t(heldOutProbabilities.rows()), "held-out row times");
    if (blocks.blockLength < 1)
        throw std::invalid_argument("climatology blend: block length must be at least 1");
    if (heldOutProbabilities.cols() != Eigen::Index(frequencies.size()))
        throw std::invalid_argument("held-out probabilities: " + std::to_string(heldOutProbabilities.cols())
                                    + " classes, the climatology has " + std::to_string(frequencies.size()));
    requireClassLabels(heldOutLabels, heldOutProbabilities.cols(), "held-out labels");

    // Per block: Σ (p − f)·(y − f) and Σ |p − f|².
    const Eigen::RowVectorXd climatology = rowOf(frequencies);
    std::map<std::int64_t, std::pair<double, double>> alignmentAndSpread;
    double alignment = 0.0;
    double spread = 0.0;
    for (Eigen::Index i = 0; i < heldOutProbabilities.rows(); ++i) {
        Eigen::RowVectorXd outcome = -climatology;
        outcome[heldOutLabels[std::size_t(i)]] += 1.0;
        const Eigen::RowVectorXd departure = heldOutProbabilities.row(i) - climatology;
        auto& [blockAlignment, blockSpread] = alignmentAndSpread[blocks.rowTimes[std::size_t(i)] / blocks.blockLength];
        blockAlignment += departure.dot(outcome);
        blockSpread += departure.squaredNorm();
        alignment += departure.dot(outcome);
        spread += departure.squaredNorm();
    }
    if (spread <= 0.0)
        return ClimatologyBlend(0.0, 0.0, std::nullopt, std::move(frequencies));
    const double fitted = alignment / spread;
    const double blockCount = double(alignmentAndSpread.size());
    if (blockCount < 2.0)
        return ClimatologyBlend(0.0, fitted, std::nullopt, std::move(frequencies));
    double residualSquares = 0.0;
    for (const auto& [block, sums] : alignmentAndSpread)
        residualSquares += std::pow(sums.first - fitted * sums.second, 2);
    const double standardError = std::sqrt(residualSquares * blockCount / (blockCount - 1.0)) / spread;
    return ClimatologyBlend(std::clamp(fitted - standardError, 0.0, 1.0), fitted, standardError, std::move(frequencies));
}

Eigen::MatrixXd ClimatologyBlend::apply(const Eigen::MatrixXd& probabilities) const
{
    if (probabilities.cols() != Eigen::Index(frequencies_.size()))
        throw std::invalid_argument("climatology blend: " + std::to_string(probabilities.cols())
                                    + " classes given, fitted on " + std::to_string(frequencies_.size()));
    Eigen::MatrixXd blended = (weight_ * probabilities).rowwise() + (1.0 - weight_) * rowOf(frequencies_);
    // Float32 member outputs sum to 1 only to ~1e-7; the report's classes must add up exactly.
    const Eigen::VectorXd sums = blended.rowwise().sum();
    for (Eigen::Index i = 0; i < blended.rows(); ++i) {
        if (sums[i] > 0.0)
            blended.row(i) /= sums[i];
    }
    return blended;
}

double ClimatologyBlend::applyToPositive(double positiveProbability) const
{
    if (frequencies_.size() != 2)
        throw std::invalid_argument("climatology blend: a positive-class probability needs two classes, fitted on "
                                    + std::to_string(frequencies_.size()));
    return weight_ * positiveProbability + (1.0 - weight_) * frequencies_[1];
}

nlohmann::json ClimatologyBlend::toJson() const
{
    return {{"weight", weight_},
            {"fitted_weight", fittedWeight_},
            {"standard_error", standardError_ ? nlohmann::json(*standardError_) : nlohmann::json(nullptr)},
            {"frequencies", frequencies_}};
}

ClimatologyBlend ClimatologyBlend::fromJson(const nlohmann::json& json)
{
    if (!json.is_object() || !json.contains("weight") || !json.contains("frequencies"))
        throw std::invalid_argument("climatology blend JSON: expected {\"weight\", \"frequencies\"}");
    const double weight = json.at("weight").get<double>();
    if (!std::isfinite(weight) || weight < 0.0 || weight > 1.0)
        throw std::invalid_argument("climatology blend JSON: weight must lie in [0, 1]");
    std::vector<double> frequencies = json.at("frequencies").get<std::vector<double>>();
    requireFrequencies(frequencies);
    // Blends saved before the weight carried its standard error used the fitted weight as it was.
    const double fitted = json.value("fitted_weight", weight);
    std::optional<double> standardError = 0.0;
    if (json.contains("standard_error"))
        standardError = json.at("standard_error").is_null() ? std::nullopt
                                                            : std::optional(json.at("standard_error").get<double>());
    if (!std::isfinite(fitted) || (standardError && (!std::isfinite(*standardError) || *standardError < 0.0)))
        throw std::invalid_argument("climatology blend JSON: fitted weight and standard error must be finite");
    return ClimatologyBlend(weight, fitted, standardError, std::move(frequencies));
}

}  // namespace aegis::models::evaluation
