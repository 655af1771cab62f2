#include "models/evaluation/quantile_metrics.h"

#include "models/evaluation/input_checks.h"

#include <cmath>
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

double pinballLoss(std::span<const double> realised, std::span<const double> predictedQuantile, double quantileLevel)
{
    requirePairedValues(realised, predictedQuantile, "predicted quantiles");
    requireProbabilityInOpenUnitInterval(quantileLevel, "quantile level");
    double total = 0.0;
    for (std::size_t row = 0; row < realised.size(); ++row) {
        const double residual = realised[row] - predictedQuantile[row];
        total += residual >= 0.0 ? quantileLevel * residual : (quantileLevel - 1.0) * residual;
    }
    return total / static_cast<double>(realised.size());
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
