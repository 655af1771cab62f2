#pragma once

// 1-minute and 5-minute bars of one session that agree exactly with its daily bar: the first open is
// the daily open, the last close the daily close, the extremes are the daily high and low, and the
// volumes add up to the daily volume with a U-shaped profile over the day.

#include "data/core/market_types.h"
#include "data/demo/demo_calendar_view.h"

#include <vector>

namespace aegis::data::demo {

class DemoRandom;

struct IntradayBars {
    std::vector<Bar> oneMinute;
    std::vector<Bar> fiveMinute;
};

// `ticksPerUnit` is the price grid of the daily bar, whose prices must already lie on it.
IntradayBars intradayBars(DemoRandom& random, const Bar& daily, const DemoSession& session, double ticksPerUnit);

// Splits a whole number into parts proportional to `weights` that add up to it exactly
// (largest-remainder rounding).
std::vector<double> splitWholeNumber(double total, const std::vector<double>& weights);

}  // namespace aegis::data::demo
