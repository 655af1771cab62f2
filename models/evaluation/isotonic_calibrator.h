#pragma once

#include <nlohmann/json_fwd.hpp>

#include <span>
#include <vector>

namespace aegis::models::evaluation {

// Monotone (non-decreasing) map from a model score to a calibrated probability, fitted by
// pool-adjacent-violators. Prediction interpolates linearly between block centres, holds the end values
// flat outside the fitted range, and clamps to [epsilon, 1 - epsilon] so log loss downstream stays finite.
class IsotonicCalibrator {
public:
    static constexpr double kDefaultEpsilon = 1e-6;

    // Fit on out-of-fold predictions only: `outOfFoldScores[i]` is the score a model that never saw row i
    // gave it, `outOfFoldLabels[i]` its 0/1 outcome. Scores may be any finite reals.
    static IsotonicCalibrator fit(std::span<const double> outOfFoldScores, std::span<const int> outOfFoldLabels,
                                  double epsilon = kDefaultEpsilon);

    double calibrate(double score) const;
    std::vector<double> calibrate(std::span<const double> scores) const;

    // Knots of the interpolant: strictly increasing centres and their non-decreasing values.
    const std::vector<double>& blockCentres() const { return blockCentres_; }
    const std::vector<double>& blockValues() const { return blockValues_; }
    double epsilon() const { return epsilon_; }

    nlohmann::json toJson() const;
    static IsotonicCalibrator fromJson(const nlohmann::json& json);

private:
    IsotonicCalibrator(std::vector<double> blockCentres, std::vector<double> blockValues, double epsilon);

    std::vector<double> blockCentres_;
    std::vector<double> blockValues_;
    double epsilon_;
};

}  // namespace aegis::models::evaluation
