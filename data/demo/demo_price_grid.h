#pragma once

// Rounding to the exchange's price grid. Rounding is monotone, so rounding every price of a bar keeps
// low <= open, close <= high; k / ticksPerRupee is the correctly rounded double of the grid price, so
// rounding a grid price again gives the identical double.

#include <algorithm>
#include <cmath>

namespace aegis::data::demo {

inline constexpr double kEquityTicksPerRupee = 20.0;  // 0.05 tick for stocks, indices and options
inline constexpr double kVixTicksPerPoint = 400.0;    // 0.0025 tick for India VIX

inline double roundToGrid(double price, double ticksPerUnit)
{
    return std::max(std::round(price * ticksPerUnit), 1.0) / ticksPerUnit;
}

}  // namespace aegis::data::demo
