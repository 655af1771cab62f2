#pragma once

// The class frequencies a direction forecast falls back to, with the trend of the training years
// discounted by its sampling error.
//
// The plain frequencies of DOWN / NEUTRAL / UP over the training rows carry those years' drift: on the
// real NSE files (2020-12 to 2025) UP came 0.465 of the time at t+40 against DOWN 0.294, and that base
// rate, quoted where no model showed an edge, was a bullish call for every ticker. Five years hold
// only ~30 independent 40-session market moves, so the drift behind it is uncertain. The UP − DOWN
// asymmetry a is therefore shrunk toward 0 by one standard error, as every fitted weight here is
// (climatology_blend.h): a' = sign(a) · max(0, |a| − se(a)). NEUTRAL keeps its frequency (a property
// of volatility, which five years do measure), and UP / DOWN split the rest: (1 − f_N ± a') / 2.
// se(a) is cluster-robust over session blocks (one market day moves every ticker, and labels h
// sessions long overlap), with the G/(G−1) correction; fewer than two blocks leave a unchanged.

#include <Eigen/Core>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace aegis::engines {

// `classes` 0 DOWN, 1 NEUTRAL, 2 UP; `rows` the rows to count (not empty); `rowTimes` their session
// indices in the same order; `blockLength` sessions per block. Returns {DOWN, NEUTRAL, UP}, summing to 1.
// Throws std::invalid_argument on empty rows, mismatched sizes or a class outside 0..2.
std::vector<double> driftDiscountedClimatology(const Eigen::VectorXd& classes, const std::vector<std::size_t>& rows,
                                               std::span<const std::int64_t> rowTimes, int blockLength);

}  // namespace aegis::engines
