#include "models/evaluation/climatology_blend.h"

#include "models/evaluation/input_checks.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

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

ClimatologyBlend::ClimatologyBlend(double weight, std::vector<double> frequencies)
    : weight_(weight), frequencies_(std::move(frequencies))
{
}

ClimatologyBlend ClimatologyBlend::identity(std::vector<double> frequencies)
{
    requireFrequencies(frequencies);
    return ClimatologyBlend(1.0, std::move(frequencies));
}

ClimatologyBlend ClimatologyBlend::fit(const Eigen::MatrixXd& heldOutProbabilities, std::span<const int> heldOutLabels,
                                       std::vector<double> frequencies)
{
    requireFrequencies(frequencies);
    requireProbabilityRows(heldOutProbabilities, "held-out probabilities");
    requireSameLength(heldOutLabels.size(), std::size_t(heldOutProbabilities.rows()), "held-out labels");
    if (heldOutProbabilities.cols() != Eigen::Index(frequencies.size()))
        throw std::invalid_argument("held-out probabilities: " + std::to_string(heldOutProbabilities.cols())
                                    + " classes, the climatology has " + std::to_string(frequencies.size()));
    requireClassLabels(heldOutLabels, heldOutProbabilities.cols(), "held-out labels");
    const Eigen::RowVectorXd climatology = rowOf(frequencies);
    double alignment = 0.0;
    double spread = 0.0;
    for (Eigen::Index i = 0; i < heldOutProbabilities.rows(); ++i) {
        Eigen::RowVectorXd outcome = -climatology;
        outcome[heldOutLabels[std::size_t(i)]] += 1.0;
        const Eigen::RowVectorXd departure = heldOutProbabilities.row(i) - climatology;
        alignment += departure.dot(outcome);
        spread += departure.squaredNorm();
    }
    const double weight = spread > 0.0 ? std::clamp(alignment / spread, 0.0, 1.0) : 0.0;
    return ClimatologyBlend(weight, std::move(frequencies));
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

nlohmann::json ClimatologyBlend::toJson() const
{
    return {{"weight", weight_}, {"frequencies", frequencies_}};
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
    return ClimatologyBlend(weight, std::move(frequencies));
}

}  // namespace aegis::models::evaluation
