#pragma once

#include <nlohmann/json_fwd.hpp>

#include <span>
#include <vector>

namespace aegis::models::evaluation {

// Platt scaling on the logit of a probability: calibrated = sigmoid(a * logit(p) + b). a = 1, b = 0 is the
// identity; a < 1 shrinks over-confident scores toward 0.5. Inputs are clipped to [epsilon, 1 - epsilon]
// before the logit and outputs clamped to the same range.
class PlattCalibrator {
public:
    static constexpr double kDefaultEpsilon = 1e-6;

    // Fit on out-of-fold probabilities and their 0/1 labels by Newton's method with backtracking line
    // search, on Platt's smoothed targets (N+ + 1) / (N+ + 2) and 1 / (N- + 2) so a perfectly separable
    // fold cannot drive a or b to infinity.
    static PlattCalibrator fit(std::span<const double> outOfFoldProbabilities, std::span<const int> outOfFoldLabels,
                               double epsilon = kDefaultEpsilon);
    static PlattCalibrator fromCoefficients(double slope, double intercept, double epsilon = kDefaultEpsilon);

    double calibrate(double probability) const;
    std::vector<double> calibrate(std::span<const double> probabilities) const;

    double slope() const { return slope_; }
    double intercept() const { return intercept_; }
    double epsilon() const { return epsilon_; }

    nlohmann::json toJson() const;
    static PlattCalibrator fromJson(const nlohmann::json& json);

private:
    PlattCalibrator(double slope, double intercept, double epsilon);

    double slope_;
    double intercept_;
    double epsilon_;
};

}  // namespace aegis::models::evaluation
