#pragma once

#include <nlohmann/json_fwd.hpp>

#include <span>
#include <vector>

namespace aegis::models::evaluation {

// Keeps a model's own probabilities (clipped to [epsilon, 1 - epsilon]). For a booster fitted by log
// loss over a long window, its probabilities are already calibrated to that window; a map re-fitted
// on a short recent tail would import that tail's passing base rate instead. The walk-forward
// reliability diagram, not this class, is what shows the probabilities are calibrated.
class IdentityCalibrator {
public:
    static constexpr double kDefaultEpsilon = 1e-6;

    explicit IdentityCalibrator(double epsilon = kDefaultEpsilon);

    double calibrate(double probability) const;
    std::vector<double> calibrate(std::span<const double> probabilities) const;
    double epsilon() const { return epsilon_; }

    nlohmann::json toJson() const;
    static IdentityCalibrator fromJson(const nlohmann::json& json);

private:
    double epsilon_;
};

}  // namespace aegis::models::evaluation
