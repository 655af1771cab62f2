#pragma once

// Shrinks multi-class forecasts toward the climatology by as much as held-out rows support.
//
//     p' = w · p + (1 − w) · f,     f = the training window's class frequencies, w in [0, 1]
//
// w minimises the multi-class Brier score of p' on held-out rows, which has a closed form:
// w = Σ (p − f)·(y − f) / Σ |p − f|², clipped to [0, 1]. Forecasts whose departures from the base rate
// do not line up with the outcomes get w near 0 and quote the climatology; forecasts that earn their
// spread keep it (w near 1). On the real NSE files the direction boosters at t+20 and t+40 learnt
// the trend of their training years and ranked the next years worse than chance; with identity
// calibration their probabilities carried that conviction (ECE 0.08 and 0.12).

#include <Eigen/Core>
#include <nlohmann/json_fwd.hpp>

#include <span>
#include <vector>

namespace aegis::models::evaluation {

class ClimatologyBlend {
public:
    // w = 1: the forecasts unchanged (the blend of sidecars written before it existed).
    static ClimatologyBlend identity(std::vector<double> frequencies);

    // `heldOutProbabilities` n × K (rows sum to 1), `heldOutLabels` class indices, `frequencies` the K
    // training class frequencies (summing to 1). Throws std::invalid_argument on mismatched or invalid
    // input. All forecasts equal to `frequencies` leave nothing to weigh: w = 0.
    static ClimatologyBlend fit(const Eigen::MatrixXd& heldOutProbabilities, std::span<const int> heldOutLabels,
                                std::vector<double> frequencies);

    // Each row is divided by its sum afterwards, so rows add up to 1 to double precision.
    Eigen::MatrixXd apply(const Eigen::MatrixXd& probabilities) const;
    double weight() const { return weight_; }
    const std::vector<double>& frequencies() const { return frequencies_; }

    nlohmann::json toJson() const;
    static ClimatologyBlend fromJson(const nlohmann::json& json);

private:
    ClimatologyBlend(double weight, std::vector<double> frequencies);
    double weight_ = 1.0;
    std::vector<double> frequencies_;
};

}  // namespace aegis::models::evaluation
