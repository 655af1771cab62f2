#include "engines/core/placebo_scoring.h"
#include "engines/core/walk_forward_rows.h"

#include "models/evaluation/shift_placebo.h"

#include <algorithm>

namespace aegis::engines {

namespace ev = models::evaluation;

void scorePlacebo(std::span<const double> scores, std::span<const int> outcomes, std::span<const int> tickers,
                  std::span<const std::int64_t> times, std::int64_t horizon, double confidenceLevel, ev::MetricsReport& metrics)
{
    const std::optional<ev::ShiftPlacebo> placebo = ev::circularShiftPlacebo(
        scores, outcomes, tickers, times, sessionBlockLength(horizon), std::max<std::int64_t>(20, 2 * horizon));
    // No shift fits in the window: nothing could separate skill from the window's luck.
    metrics.placebo = placebo ? ev::PlaceboTest{placebo->pValue, 1.0 - confidenceLevel, placebo->shifts}
                              : ev::PlaceboTest{1.0, 1.0 - confidenceLevel, 0};
}

}  // namespace aegis::engines
