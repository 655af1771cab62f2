#pragma once

// How far a session has ranged so far, from its stored bars.

#include "engines/report/report_model.h"

#include "data/core/market_types.h"

#include <cstdint>
#include <optional>

namespace aegis::engines {

// The high and low of `session` over the intraday bars complete at `nowUtc` and its not-yet-final daily bar
// (Yahoo's bar of a session in progress carries the day's high and low so far, also for tickers without
// intraday bars). Nothing when the session has no such bars.
std::optional<report::SessionSoFar> sessionSoFar(const data::BarSeries& daily, const data::BarSeries& intraday, QDate session,
                                                 std::int64_t nowUtc);

}  // namespace aegis::engines
