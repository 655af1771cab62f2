#pragma once

#include <Eigen/Core>

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

namespace aegis::models::evaluation {

struct ConfidenceInterval {
    double low = 0.0;
    double high = 0.0;

    friend bool operator==(const ConfidenceInterval&, const ConfidenceInterval&) = default;
};

struct BootstrapOptions {
    int resamples = 500;
    double confidenceLevel = 0.95;
    std::uint64_t seed = 0x5eed'a1e9'15ULL;
    // 0: rows are resampled independently. L > 0: moving-block bootstrap over time; the distinct time
    // indices are sorted, blocks of L consecutive distinct times are drawn with replacement until at
    // least as many times as the sample has, and every row at a drawn time comes along. That keeps rows
    // of one day (many tickers) and of neighbouring days together, so their correlation widens the CI
    // instead of being averaged away.
    int blockLength = 0;
};

struct BootstrapInterval {
    ConfidenceInterval interval;
    int usedResamples = 0;
    // Resamples on which the statistic was undefined (e.g. an AUC resample with a single class).
    int undefinedResamples = 0;
};

// Percentile interval of `statistic` over resamples; statistic(multiplicity) gets how many times each
// row was drawn. Deterministic for a given seed (std::mt19937_64, whose output the standard fixes).
// `rowTimes` is required when blockLength > 0 and ignored otherwise. nullopt when the statistic was
// undefined on more than half the resamples.
std::optional<BootstrapInterval> bootstrapPercentileInterval(
    std::size_t rowCount, const std::function<std::optional<double>(std::span<const std::uint32_t>)>& statistic,
    const BootstrapOptions& options, std::span<const std::int64_t> rowTimes = {});

std::optional<BootstrapInterval> bootstrapAucInterval(std::span<const double> scores, std::span<const int> labels,
                                                      const BootstrapOptions& options = {},
                                                      std::span<const std::int64_t> rowTimes = {});
std::optional<BootstrapInterval> bootstrapMacroAucInterval(const Eigen::MatrixXd& probabilities,
                                                           std::span<const int> labels,
                                                           const BootstrapOptions& options = {},
                                                           std::span<const std::int64_t> rowTimes = {});

// Interval of the mean of `values` (a coverage: 1 where the realised value fell inside, else 0). A
// resample that draws no row is undefined. Throws std::invalid_argument when a value is not finite.
std::optional<BootstrapInterval> bootstrapMeanInterval(std::span<const double> values, const BootstrapOptions& options = {},
                                                       std::span<const std::int64_t> rowTimes = {});

// Interval of a skill score 1 - sum(modelLosses) / sum(referenceLosses) over the same rows (Brier
// skill: per-row Brier of the forecast and of the climatology). A resample whose reference losses sum
// to zero is undefined. Throws std::invalid_argument when the lengths differ or a loss is negative or
// not finite.
std::optional<BootstrapInterval> bootstrapSkillScoreInterval(std::span<const double> modelLosses,
                                                             std::span<const double> referenceLosses,
                                                             const BootstrapOptions& options = {},
                                                             std::span<const std::int64_t> rowTimes = {});

}  // namespace aegis::models::evaluation
