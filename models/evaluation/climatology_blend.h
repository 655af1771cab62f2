#pragma once

// Shrinks multi-class forecasts toward the climatology by as much as held-out rows support.
//
//     p' = w · p + (1 − w) · f,     f = the training window's class frequencies, w in [0, 1]
//
// The Brier-optimal weight on the held-out rows has a closed form, ŵ = Σ (p − f)·(y − f) / Σ |p − f|².
// Forecasts whose departures from the base rate do not line up with the outcomes get ŵ near 0 and quote
// the climatology; forecasts that earn their spread keep it (ŵ near 1). On the real NSE files the
// direction boosters at t+20 and t+40 learnt the trend of their training years and ranked the next
// years worse than chance; with identity calibration their probabilities carried that conviction
// (ECE 0.08 and 0.12).
//
// The weight used is ŵ less one standard error, clipped to [0, 1]: w = clip(ŵ − se(ŵ)). A tail of 60
// sessions holds a dozen independent blocks, and ŵ fitted on pure noise is then often 0.3–0.9 (on the
// real files ŵ ± se was 0.32 ± 0.29 and 0.55 ± 0.40 for folds that then scored below the base rate);
// clipped at 0, such noise only ever adds spread, so forecasts without skill scored below the
// climatology out of sample. se comes from the rows' session blocks (`SessionBlocks`): rows of one
// block count as one observation (cluster-robust ratio variance with the G/(G−1) correction), because
// one market day moves every ticker and overlapping labels share outcomes. Fewer than two blocks
// measure no spread at all: w = 0.
#include <Eigen/Core>
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace aegis::models::evaluation {

// The held-out rows' session indices and the number of sessions a block spans (the label horizon, at
// least 5): rows in block time / blockLength are treated as one observation.
struct SessionBlocks {
    std::span<const std::int64_t> rowTimes;
    int blockLength = 1;
};

class ClimatologyBlend {
public:
    // w = 1: the forecasts unchanged (the blend of sidecars written before it existed).
    static ClimatologyBlend identity(std::vector<double> frequencies);

    // `heldOutProbabilities` n × K (rows sum to 1), `heldOutLabels` class indices, `frequencies` the K
    // training class frequencies (summing to 1), `blocks` one time per row. Throws std::invalid_argument
    // on mismatched or invalid input. All forecasts equal to `frequencies` leave nothing to weigh: w = 0.
    static ClimatologyBlend fit(const Eigen::MatrixXd& heldOutProbabilities, std::span<const int> heldOutLabels,
                                std::vector<double> frequencies, SessionBlocks blocks);

    // Each row is divided by its sum afterwards, so rows add up to 1 to double precision.
    Eigen::MatrixXd apply(const Eigen::MatrixXd& probabilities) const;
    // Two classes, given as P(class 1): w·p + (1 − w)·f₁ (exactly p when w = 1).
    double applyToPositive(double positiveProbability) const;
    double weight() const { return weight_; }                  // w, the weight applied
    double fittedWeight() const { return fittedWeight_; }      // ŵ, unclipped (1 for identity)
    // se(ŵ): 0 for identity, empty when fewer than two blocks held the rows.
    std::optional<double> standardError() const { return standardError_; }
    const std::vector<double>& frequencies() const { return frequencies_; }

    nlohmann::json toJson() const;
    static ClimatologyBlend fromJson(const nlohmann::json& json);

private:
    ClimatologyBlend(double weight, double fittedWeight, std::optional<double> standardError,
                     std::vector<double> frequencies);
    double weight_ = 1.0;
    double fittedWeight_ = 1.0;
    std::optional<double> standardError_ = 0.0;
    std::vector<double> frequencies_;
};

}  // namespace aegis::models::evaluation
