#pragma once

#include <span>
#include <vector>

// Scores of quantile forecasts (e.g. the bounds of an option seller's range) against realised values,
// in the units of the values themselves. Bad input throws std::invalid_argument.
namespace aegis::models::evaluation {

// Mean pinball (quantile) loss at level tau in (0, 1): for residual u = realised - predicted,
// loss = tau * u when u >= 0 and (tau - 1) * u otherwise. Minimised in expectation by the true quantile.
double pinballLoss(std::span<const double> realised, std::span<const double> predictedQuantile, double quantileLevel);

// The per-row losses behind pinballLoss(), in row order (for skill scores and their bootstrap).
std::vector<double> pinballLosses(std::span<const double> realised, std::span<const double> predictedQuantile,
                                  double quantileLevel);

// The constant with the smallest mean pinball loss at level tau over `values`: the ceil(tau * n)-th
// smallest. What a forecaster without inputs learns from the same rows, so the reference a quantile
// model's skill is scored against. Throws on no values or a non-finite one.
double pinballOptimalConstant(std::vector<double> values, double quantileLevel);

// Fraction of rows with realised <= predicted quantile; a calibrated tau-quantile scores about tau.
double empiricalQuantileCoverage(std::span<const double> realised, std::span<const double> predictedQuantile);

// Fraction of rows with lower <= realised <= upper. Throws if any lower bound exceeds its upper bound.
double intervalCoverage(std::span<const double> realised, std::span<const double> lower,
                        std::span<const double> upper);

}  // namespace aegis::models::evaluation
