#include "models/evaluation/quantile_metrics.h"

#include "models/evaluation/input_checks.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

namespace aegis::models::evaluation {

namespace {

void requirePairedValues(std::span<const double> realised, std::span<const double> predicted, const char* what)
{
    requireNonEmpty(realised.size(), "realised values");
    requireSameLength(predicted.size(), realised.size(), what);
    requireFinite(realised, "realised values");
    requireFinite(predicted, what);
}

}  // namespace

std::vector<double> pinballLosses(std::span<const double> realised, std::span<const double> predictedQuantile,
                                  double quantileLevel)
{
    requirePairedValues(realised, predictedQuantile, "predicted quantiles");
    requireProbabilityInOpenUnitInterval(quantileLevel, "quantile level");
    std::vector<double> losses(realised.size());
    for (std::size_t row = 0; row < realised.size(); ++row) {
        const double residual = realised[row] - predictedQuantile[row];
        losses[row] = residual >= 0.0 ? quantileLevel * residual : (quantileLevel - 1.0) * residual;
    }
    return losses;
}

double pinballLoss(std::span<const double> realised, std::span<const double> predictedQuantile, double quantileLevel)
{
    const std::vector<double> losses = pinballLosses(realised, predictedQuantile, quantileLevel);
    return std::accumulate(losses.begin(), losses.end(), 0.0) / static_cast<double>(losses.size());
}

double pinballOptimalConstant(std::vector<double> values, double quantileLevel)
{
    requireNonEmpty(values.size(), "values");
    requireFinite(values, "values");
    requireProbabilityInOpenUnitInterval(quantileLevel, "quantile level");
    // The mean loss's slope at c is (share of values <= c) - tau: it turns non-negative at the
    // ceil(tau * n)-th smallest value.
    const double rank = std::ceil(quantileLevel * static_cast<double>(values.size()));
    const std::size_t index = static_cast<std::size_t>(std::max(rank, 1.0)) - 1;
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(index), values.end());
    return values[index];
}

double empiricalQuantileCoverage(std::span<const double> realised, std::span<const double> predictedQuantile)
{
    requirePairedValues(realised, predictedQuantile, "predicted quantiles");
    std::size_t covered = 0;
    for (std::size_t row = 0; row < realised.size(); ++row)
        covered += realised[row] <= predictedQuantile[row] ? 1 : 0;
    return static_cast<double>(covered) / static_cast<double>(realised.size());
}

double intervalCoverage(std::span<const double> realised, std::span<const double> lower, std::span<const double> upper)
{
    requirePairedValues(realised, lower, "interval lower bounds");
    requirePairedValues(realised, upper, "interval upper bounds");
    std::size_t covered = 0;
    for (std::size_t row = 0; row < realised.size(); ++row) {
        if (lower[row] > upper[row])
            throw std::invalid_argument("interval bounds: row " + std::to_string(row) + " has lower > upper");
        covered += lower[row] <= realised[row] && realised[row] <= upper[row] ? 1 : 0;
    }
    return static_cast<double>(covered) / static_cast<double>(realised.size());
}

}  // namespace aegis::models::evaluation
