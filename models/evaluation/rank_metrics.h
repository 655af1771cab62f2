#pragma once

#include <Eigen/Core>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

// Rank-based metrics. Ties always get the average of the ranks they span, which makes the AUC equal to
// the Mann-Whitney U statistic / (n+ n-) exactly, with a tied positive/negative pair counting one half.
// Bad input throws std::invalid_argument; a metric the data cannot define (one class only, a constant
// series) returns std::nullopt.
namespace aegis::models::evaluation {

// 1-based ranks, ties averaged.
std::vector<double> averageRanks(std::span<const double> values);

std::optional<double> rocAuc(std::span<const double> scores, std::span<const int> labels);

// Scores sorted once, with their runs of equal values, so the Mann-Whitney AUC of any weighting of the
// rows (a bootstrap resample, outcomes shifted in time) is one O(n) pass instead of a new sort.
class TiedRanking {
public:
    explicit TiedRanking(std::span<const double> scores);

    std::size_t rowCount() const { return order_.size(); }

    // `weightsOf(row)` gives the row's {positive weight, negative weight}; ({0, 0} leaves it out). Each
    // positive beats every negative ranked strictly below it and ties half of those sharing its score.
    // nullopt when either side weighs nothing.
    template <typename WeightsOf>
    std::optional<double> auc(WeightsOf weightsOf) const
    {
        double negativesBelow = 0.0;
        double positivesTotal = 0.0;
        double wins = 0.0;
        std::size_t begin = 0;
        for (std::size_t end : tieGroupEnds_) {
            double positives = 0.0;
            double negatives = 0.0;
            for (std::size_t position = begin; position < end; ++position) {
                const auto [positive, negative] = weightsOf(order_[position]);
                positives += positive;
                negatives += negative;
            }
            wins += positives * (negativesBelow + 0.5 * negatives);
            negativesBelow += negatives;
            positivesTotal += positives;
            begin = end;
        }
        if (positivesTotal == 0.0 || negativesBelow == 0.0)
            return std::nullopt;
        return wins / (positivesTotal * negativesBelow);
    }

private:
    std::vector<std::size_t> order_;         // rows by ascending score
    std::vector<std::size_t> tieGroupEnds_;  // exclusive end of each run of equal scores in order_
};

// The AUC of any reweighting of the rows (a bootstrap resample is one: row i drawn multiplicity[i] times).
class WeightedAuc {
public:
    WeightedAuc(std::span<const double> scores, std::span<const int> labels);

    std::optional<double> evaluate(std::span<const std::uint32_t> multiplicity) const;
    std::size_t rowCount() const { return ranking_.rowCount(); }

private:
    TiedRanking ranking_;
    std::vector<int> labels_;
};

// Mean over classes of the one-vs-rest AUC ("class k" against all others, scored by column k). Classes
// absent from the labels, or present in every row, are left out of the mean; nullopt when none is left.
std::optional<double> macroOneVsRestAuc(const Eigen::MatrixXd& probabilities, std::span<const int> labels);

class WeightedMacroOneVsRestAuc {
public:
    WeightedMacroOneVsRestAuc(const Eigen::MatrixXd& probabilities, std::span<const int> labels);

    std::optional<double> evaluate(std::span<const std::uint32_t> multiplicity) const;

private:
    std::vector<WeightedAuc> perClass_;
};

// Spearman rank correlation (the information coefficient of a magnitude forecast): Pearson correlation of
// the average ranks. nullopt when fewer than two rows or either side is constant.
std::optional<double> spearmanInformationCoefficient(std::span<const double> predicted,
                                                     std::span<const double> realised);

}  // namespace aegis::models::evaluation
