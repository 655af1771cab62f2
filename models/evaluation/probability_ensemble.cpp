#include "models/evaluation/probability_ensemble.h"

#include "models/evaluation/input_checks.h"
#include "models/evaluation/probability_metrics.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <stdexcept>

namespace aegis::models::evaluation {

namespace {

constexpr std::size_t kMaxGridPoints = 2'000'000;
constexpr double kWeightSumTolerance = 1e-9;

void requireMembers(std::size_t memberCount)
{
    if (memberCount < 2)
        throw std::invalid_argument("ensemble: needs at least two probability sources");
}

// Mean negative log of the mixture's probability for the observed outcome; only that probability matters.
double mixtureLogLoss(const Eigen::MatrixXd& outcomeProbabilities, const Eigen::VectorXd& weights)
{
    const Eigen::VectorXd mixture = outcomeProbabilities * weights;
    double total = 0.0;
    for (Eigen::Index row = 0; row < mixture.size(); ++row)
        total -= std::log(std::clamp(mixture(row), kLogLossClip, 1.0));
    return total / static_cast<double>(mixture.size());
}

Eigen::VectorXd goldenSectionTwoMembers(const Eigen::MatrixXd& outcomeProbabilities, double tolerance)
{
    const auto lossAt = [&](double firstWeight) {
        return mixtureLogLoss(outcomeProbabilities, Eigen::Vector2d(firstWeight, 1.0 - firstWeight));
    };
    const double inverseGolden = (std::sqrt(5.0) - 1.0) / 2.0;
    double low = 0.0;
    double high = 1.0;
    double left = high - inverseGolden * (high - low);
    double right = low + inverseGolden * (high - low);
    double lossLeft = lossAt(left);
    double lossRight = lossAt(right);
    while (high - low > tolerance) {
        if (lossLeft <= lossRight) {
            high = right;
            right = left;
            lossRight = lossLeft;
            left = high - inverseGolden * (high - low);
            lossLeft = lossAt(left);
        } else {
            low = left;
            left = right;
            lossLeft = lossRight;
            right = low + inverseGolden * (high - low);
            lossRight = lossAt(right);
        }
    }
    // The optimum may sit exactly on a boundary (one member useless); compare against the pure members.
    double best = (low + high) / 2.0;
    double bestLoss = lossAt(best);
    for (double boundary : {0.0, 1.0}) {
        const double boundaryLoss = lossAt(boundary);
        if (boundaryLoss < bestLoss) {
            best = boundary;
            bestLoss = boundaryLoss;
        }
    }
    return Eigen::Vector2d(best, 1.0 - best);
}

// Visits every composition of `resolution` into `memberCount` non-negative parts.
void forEachSimplexPoint(Eigen::Index memberCount, int resolution, const std::function<void(const Eigen::VectorXd&)>& visit)
{
    std::vector<int> parts(static_cast<std::size_t>(memberCount), 0);
    Eigen::VectorXd weights(memberCount);
    std::function<void(std::size_t, int)> place = [&](std::size_t member, int remaining) {
        if (member + 1 == parts.size()) {
            parts[member] = remaining;
            for (std::size_t m = 0; m < parts.size(); ++m)
                weights(static_cast<Eigen::Index>(m)) = static_cast<double>(parts[m]) / resolution;
            visit(weights);
            return;
        }
        for (int share = remaining; share >= 0; --share) {
            parts[member] = share;
            place(member + 1, remaining - share);
        }
    };
    place(0, resolution);
}

double simplexPointCount(Eigen::Index memberCount, int resolution)
{
    // C(resolution + memberCount - 1, memberCount - 1), in floating point so it cannot overflow.
    double count = 1.0;
    for (Eigen::Index k = 1; k < memberCount; ++k)
        count = count * static_cast<double>(resolution + k) / static_cast<double>(k);
    return count;
}

Eigen::VectorXd gridSearch(const Eigen::MatrixXd& outcomeProbabilities, int resolution)
{
    if (resolution < 1)
        throw std::invalid_argument("ensemble: grid resolution must be at least 1");
    if (simplexPointCount(outcomeProbabilities.cols(), resolution) > static_cast<double>(kMaxGridPoints))
        throw std::invalid_argument("ensemble: weight grid too large; lower the grid resolution or the member count");
    Eigen::VectorXd best;
    double bestLoss = 0.0;
    forEachSimplexPoint(outcomeProbabilities.cols(), resolution, [&](const Eigen::VectorXd& weights) {
        const double loss = mixtureLogLoss(outcomeProbabilities, weights);
        if (best.size() == 0 || loss < bestLoss) {
            best = weights;
            bestLoss = loss;
        }
    });
    return best;
}

void requireValidWeights(const std::vector<double>& weights)
{
    requireMembers(weights.size());
    requireFinite(weights, "ensemble weights");
    for (double weight : weights) {
        if (weight < 0.0)
            throw std::invalid_argument("ensemble weights: must be non-negative");
    }
    if (std::abs(std::accumulate(weights.begin(), weights.end(), 0.0) - 1.0) > kWeightSumTolerance)
        throw std::invalid_argument("ensemble weights: must sum to 1");
}

}  // namespace

ProbabilityEnsemble::ProbabilityEnsemble(std::vector<double> weights) : weights_(std::move(weights))
{
    requireValidWeights(weights_);
}

ProbabilityEnsemble ProbabilityEnsemble::fitOnOutcomeProbabilities(const Eigen::MatrixXd& outcomeProbabilities,
                                                                   const EnsembleSearchOptions& options)
{
    const Eigen::VectorXd best = outcomeProbabilities.cols() == 2
                                     ? goldenSectionTwoMembers(outcomeProbabilities, options.goldenSectionTolerance)
                                     : gridSearch(outcomeProbabilities, options.gridResolution);
    ProbabilityEnsemble ensemble(std::vector<double>(best.data(), best.data() + best.size()));
    ensemble.validationLogLoss_ = mixtureLogLoss(outcomeProbabilities, best);
    for (Eigen::Index member = 0; member < outcomeProbabilities.cols(); ++member)
        ensemble.memberValidationLogLoss_.push_back(
            mixtureLogLoss(outcomeProbabilities, Eigen::VectorXd::Unit(outcomeProbabilities.cols(), member)));
    return ensemble;
}

ProbabilityEnsemble ProbabilityEnsemble::fitOnValidation(const std::vector<std::vector<double>>& validationProbabilities,
                                                         std::span<const int> validationLabels,
                                                         const EnsembleSearchOptions& options)
{
    requireMembers(validationProbabilities.size());
    requireNonEmpty(validationLabels.size(), "ensemble validation labels");
    requireBinaryLabels(validationLabels, "ensemble validation labels");
    const auto rows = static_cast<Eigen::Index>(validationLabels.size());
    const auto members = static_cast<Eigen::Index>(validationProbabilities.size());
    Eigen::MatrixXd outcomeProbabilities(rows, members);
    for (Eigen::Index member = 0; member < members; ++member) {
        const std::vector<double>& probabilities = validationProbabilities[static_cast<std::size_t>(member)];
        requireSameLength(probabilities.size(), validationLabels.size(), "ensemble validation probabilities");
        requireProbabilities(probabilities, "ensemble validation probabilities");
        for (Eigen::Index row = 0; row < rows; ++row) {
            const double positive = probabilities[static_cast<std::size_t>(row)];
            outcomeProbabilities(row, member) = validationLabels[static_cast<std::size_t>(row)] == 1 ? positive : 1.0 - positive;
        }
    }
    return fitOnOutcomeProbabilities(outcomeProbabilities, options);
}

ProbabilityEnsemble ProbabilityEnsemble::fitOnValidation(const std::vector<Eigen::MatrixXd>& validationProbabilities,
                                                         std::span<const int> validationLabels,
                                                         const EnsembleSearchOptions& options)
{
    requireMembers(validationProbabilities.size());
    requireNonEmpty(validationLabels.size(), "ensemble validation labels");
    const auto rows = static_cast<Eigen::Index>(validationLabels.size());
    const auto members = static_cast<Eigen::Index>(validationProbabilities.size());
    const Eigen::Index classes = validationProbabilities.front().cols();
    requireClassLabels(validationLabels, classes, "ensemble validation labels");
    Eigen::MatrixXd outcomeProbabilities(rows, members);
    for (Eigen::Index member = 0; member < members; ++member) {
        const Eigen::MatrixXd& probabilities = validationProbabilities[static_cast<std::size_t>(member)];
        requireSameLength(static_cast<std::size_t>(probabilities.rows()), validationLabels.size(),
                          "ensemble validation probabilities");
        if (probabilities.cols() != classes)
            throw std::invalid_argument("ensemble validation probabilities: members disagree on the number of classes");
        requireProbabilityRows(probabilities, "ensemble validation probabilities");
        for (Eigen::Index row = 0; row < rows; ++row)
            outcomeProbabilities(row, member) = probabilities(row, validationLabels[static_cast<std::size_t>(row)]);
    }
    return fitOnOutcomeProbabilities(outcomeProbabilities, options);
}

std::vector<double> ProbabilityEnsemble::combine(const std::vector<std::vector<double>>& memberProbabilities) const
{
    requireSameLength(memberProbabilities.size(), weights_.size(), "ensemble member probabilities");
    const std::size_t rows = memberProbabilities.front().size();
    std::vector<double> combined(rows, 0.0);
    for (std::size_t member = 0; member < weights_.size(); ++member) {
        requireSameLength(memberProbabilities[member].size(), rows, "ensemble member probabilities");
        requireProbabilities(memberProbabilities[member], "ensemble member probabilities");
        for (std::size_t row = 0; row < rows; ++row)
            combined[row] += weights_[member] * memberProbabilities[member][row];
    }
    for (double& probability : combined)
        probability = std::clamp(probability, 0.0, 1.0);
    return combined;
}

Eigen::MatrixXd ProbabilityEnsemble::combine(const std::vector<Eigen::MatrixXd>& memberProbabilities) const
{
    requireSameLength(memberProbabilities.size(), weights_.size(), "ensemble member probabilities");
    const Eigen::MatrixXd& first = memberProbabilities.front();
    Eigen::MatrixXd combined = Eigen::MatrixXd::Zero(first.rows(), first.cols());
    for (std::size_t member = 0; member < weights_.size(); ++member) {
        const Eigen::MatrixXd& probabilities = memberProbabilities[member];
        if (probabilities.rows() != first.rows() || probabilities.cols() != first.cols())
            throw std::invalid_argument("ensemble member probabilities: members have different shapes");
        requireProbabilityRows(probabilities, "ensemble member probabilities");
        combined += weights_[member] * probabilities;
    }
    return combined;
}

nlohmann::json ProbabilityEnsemble::toJson() const
{
    nlohmann::json json = {{"weights", weights_}};
    json["validation_log_loss"] = validationLogLoss_ ? nlohmann::json(*validationLogLoss_) : nlohmann::json(nullptr);
    json["member_validation_log_loss"] = memberValidationLogLoss_;
    return json;
}

ProbabilityEnsemble ProbabilityEnsemble::fromJson(const nlohmann::json& json)
{
    try {
        ProbabilityEnsemble ensemble(json.at("weights").get<std::vector<double>>());
        const nlohmann::json& loss = json.at("validation_log_loss");
        if (!loss.is_null())
            ensemble.validationLogLoss_ = loss.get<double>();
        ensemble.memberValidationLogLoss_ = json.at("member_validation_log_loss").get<std::vector<double>>();
        requireFinite(ensemble.memberValidationLogLoss_, "ensemble member validation log loss");
        return ensemble;
    } catch (const nlohmann::json::exception& error) {
        throw std::invalid_argument(std::string("ensemble JSON: ") + error.what());
    }
}

}  // namespace aegis::models::evaluation
