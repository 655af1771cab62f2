#include "models/evaluation/rank_metrics.h"

#include "models/evaluation/input_checks.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

namespace aegis::models::evaluation {

namespace {

std::vector<std::size_t> ascendingOrder(std::span<const double> values)
{
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    return order;
}

std::vector<int> columnMembership(std::span<const int> labels, Eigen::Index classIndex)
{
    std::vector<int> membership(labels.size());
    for (std::size_t row = 0; row < labels.size(); ++row)
        membership[row] = labels[row] == classIndex ? 1 : 0;
    return membership;
}

std::vector<double> column(const Eigen::MatrixXd& matrix, Eigen::Index columnIndex)
{
    std::vector<double> values(static_cast<std::size_t>(matrix.rows()));
    for (Eigen::Index row = 0; row < matrix.rows(); ++row)
        values[static_cast<std::size_t>(row)] = matrix(row, columnIndex);
    return values;
}

void requireMulticlassRankInputs(const Eigen::MatrixXd& probabilities, std::span<const int> labels)
{
    requireNonEmpty(static_cast<std::size_t>(probabilities.rows()), "class probabilities");
    requireProbabilityRows(probabilities, "class probabilities");
    requireSameLength(labels.size(), static_cast<std::size_t>(probabilities.rows()), "labels");
    requireClassLabels(labels, probabilities.cols(), "labels");
}

std::optional<double> meanOfDefined(const std::vector<std::optional<double>>& values)
{
    double sum = 0.0;
    int defined = 0;
    for (const auto& value : values) {
        if (value) {
            sum += *value;
            ++defined;
        }
    }
    if (defined == 0)
        return std::nullopt;
    return sum / defined;
}

}  // namespace

std::vector<double> averageRanks(std::span<const double> values)
{
    requireFinite(values, "values to rank");
    const std::vector<std::size_t> order = ascendingOrder(values);
    std::vector<double> ranks(values.size());
    for (std::size_t begin = 0; begin < order.size();) {
        std::size_t end = begin + 1;
        while (end < order.size() && values[order[end]] == values[order[begin]])
            ++end;
        // Positions begin..end-1 hold ranks begin+1..end; their mean is (begin + 1 + end) / 2.
        const double sharedRank = (static_cast<double>(begin) + 1.0 + static_cast<double>(end)) / 2.0;
        for (std::size_t position = begin; position < end; ++position)
            ranks[order[position]] = sharedRank;
        begin = end;
    }
    return ranks;
}

TiedRanking::TiedRanking(std::span<const double> scores) : order_(ascendingOrder(scores))
{
    for (std::size_t position = 1; position <= order_.size(); ++position) {
        if (position == order_.size() || scores[order_[position]] != scores[order_[position - 1]])
            tieGroupEnds_.push_back(position);
    }
}

namespace {

// Validates before the ranking is built: the ranking itself does not check its scores.
std::span<const double> checkedScores(std::span<const double> scores, std::span<const int> labels)
{
    requireNonEmpty(scores.size(), "scores");
    requireSameLength(labels.size(), scores.size(), "labels");
    requireFinite(scores, "scores");
    requireBinaryLabels(labels, "labels");
    return scores;
}

}  // namespace

WeightedAuc::WeightedAuc(std::span<const double> scores, std::span<const int> labels)
    : ranking_(checkedScores(scores, labels)), labels_(labels.begin(), labels.end())
{
}

std::optional<double> WeightedAuc::evaluate(std::span<const std::uint32_t> multiplicity) const
{
    requireSameLength(multiplicity.size(), ranking_.rowCount(), "row multiplicities");
    return ranking_.auc([&](std::size_t row) {
        const double drawn = multiplicity[row];
        return labels_[row] == 1 ? std::pair{drawn, 0.0} : std::pair{0.0, drawn};
    });
}

std::optional<double> rocAuc(std::span<const double> scores, std::span<const int> labels)
{
    const WeightedAuc auc(scores, labels);
    const std::vector<std::uint32_t> everyRowOnce(scores.size(), 1);
    return auc.evaluate(everyRowOnce);
}

WeightedMacroOneVsRestAuc::WeightedMacroOneVsRestAuc(const Eigen::MatrixXd& probabilities, std::span<const int> labels)
{
    requireMulticlassRankInputs(probabilities, labels);
    for (Eigen::Index classIndex = 0; classIndex < probabilities.cols(); ++classIndex)
        perClass_.emplace_back(column(probabilities, classIndex), columnMembership(labels, classIndex));
}

std::optional<double> WeightedMacroOneVsRestAuc::evaluate(std::span<const std::uint32_t> multiplicity) const
{
    std::vector<std::optional<double>> perClassAuc;
    for (const WeightedAuc& auc : perClass_)
        perClassAuc.push_back(auc.evaluate(multiplicity));
    return meanOfDefined(perClassAuc);
}

std::optional<double> macroOneVsRestAuc(const Eigen::MatrixXd& probabilities, std::span<const int> labels)
{
    const WeightedMacroOneVsRestAuc auc(probabilities, labels);
    const std::vector<std::uint32_t> everyRowOnce(labels.size(), 1);
    return auc.evaluate(everyRowOnce);
}

std::optional<double> spearmanInformationCoefficient(std::span<const double> predicted,
                                                     std::span<const double> realised)
{
    requireNonEmpty(predicted.size(), "predicted magnitudes");
    requireSameLength(realised.size(), predicted.size(), "realised magnitudes");
    requireFinite(predicted, "predicted magnitudes");
    requireFinite(realised, "realised magnitudes");
    if (predicted.size() < 2)
        return std::nullopt;
    const std::vector<double> predictedRanks = averageRanks(predicted);
    const std::vector<double> realisedRanks = averageRanks(realised);
    // Both rank vectors have the same mean, (n + 1) / 2, whatever the ties.
    const double meanRank = (static_cast<double>(predicted.size()) + 1.0) / 2.0;
    double covariance = 0.0;
    double predictedVariance = 0.0;
    double realisedVariance = 0.0;
    for (std::size_t row = 0; row < predicted.size(); ++row) {
        const double p = predictedRanks[row] - meanRank;
        const double r = realisedRanks[row] - meanRank;
        covariance += p * r;
        predictedVariance += p * p;
        realisedVariance += r * r;
    }
    if (predictedVariance == 0.0 || realisedVariance == 0.0)
        return std::nullopt;
    return covariance / std::sqrt(predictedVariance * realisedVariance);
}

}  // namespace aegis::models::evaluation
