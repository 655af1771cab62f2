#pragma once

// How far the session a breakout forecast is for has ranged so far, from its stored bars.

#include "engines/report/report_model.h"

#include "data/core/market_types.h"

#include <cstdint>
#include <optional>

namespace aegis::engines {

// The high and low of `session` over the intraday bars complete at `nowUtc` and its not-yet-final daily bar,
// measured in `atr` (ATR14 at the forecast's close, as the breakout label measures it). Nothing when the
// session has no such bars or `atr` is not positive.
std::optional<report::RangeSoFar> rangeSoFar(const data::BarSeries& daily, const data::BarSeries& intraday, QDate session,
                                             double atr, std::int64_t nowUtc);

}  // namespace aegis::engines
