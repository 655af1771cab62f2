#pragma once

// The expected moves of the six horizons, made to grow with the horizon.

#include <optional>
#include <vector>

namespace aegis::engines {

// The non-decreasing sequence nearest (least squares) to `logMoves`, ordered by horizon: the isotonic
// projection, by pooling adjacent violators into their mean. Missing entries are skipped and stay missing.
//
// Why: each horizon's magnitude is its own model, so two neighbours can cross (a t+40 move below the t+20
// one). The absolute move of a martingale cannot shrink with the horizon in expectation, and projecting
// onto a convex set is non-expansive, so the projection is never farther from a non-decreasing truth
// than the six separate forecasts were.
std::vector<std::optional<double>> nonDecreasingMoves(const std::vector<std::optional<double>>& logMoves);

}  // namespace aegis::engines
