#pragma once

// The time-shift placebo (models/evaluation/shift_placebo.h) applied to a pooled model's out-of-sample
// forecasts, recorded in its metrics so that edgeDemonstrated() requires it.

#include "models/evaluation/metrics_report.h"

#include <cstdint>
#include <span>

namespace aegis::engines {

// `outcomes` 1, 0, or -1 (left out); `tickers` and `times` one per row. Forward shifts start at the
// label's horizon (5 sessions at least, as the bootstrap blocks), so a shifted outcome shares no path
// with the real one; backward (wrapped) distances at max(20, 2h), beyond the short look-backs a forecast
// is mostly built from. Alpha is 1 - confidenceLevel: the placebo is one-sided, the interval two-sided.
void scorePlacebo(std::span<const double> scores, std::span<const int> outcomes, std::span<const int> tickers,
                  std::span<const std::int64_t> times, std::int64_t horizon, double confidenceLevel,
                  models::evaluation::MetricsReport& metrics);

}  // namespace aegis::engines
