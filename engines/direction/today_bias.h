#pragma once

// Today's intraday bias: how today's session is likely to close relative to the previous close, from
// today's bars so far. Model (docs/engine-direction.md): the session's close-to-close log return is the
// return so far r plus a zero-mean normal remainder with variance sd_20^2 x (1 - progress), sd_20 the
// trailing daily volatility at the previous close; classes use the direction labels' dead zone
// d = 0.3 x sd_20: P(UP) = 1 - Phi((d - r) / s), P(DOWN) = Phi((-d - r) / s), s = sd_20 sqrt(1 - progress).
// ORB, VWAP distance and the gap are reported in `basis` as context; no edge beyond the return so far
// has been demonstrated for them, so they do not move the probabilities.

#include "engines/core/universe_data.h"
#include "engines/report/report_model.h"

#include <array>
#include <cstdint>
#include <functional>
#include <optional>

namespace aegis::engines {

using ClassProbabilities = std::array<double, 3>;  // DOWN, NEUTRAL, UP

// Class probabilities of the remaining-variance model; `progress` in [0, 1], sd > 0.
ClassProbabilities sessionCloseProbabilities(double returnSoFar, double dailySd, double progress);

// `nextSessionCall` is the Tomorrow horizon's call made at the last close (calibrated where an edge is
// demonstrated, the base rate otherwise). It stands in, and the basis says why, when no intraday bar
// describes a session, and when the described session has already closed: its outcome is then a fact,
// not a forecast, and the session a trader faces next is the one the Tomorrow call is about.
// `expectedMoveBefore(session)` is the t+1 magnitude forecast in points made at the last close before
// `session` (an invalid date: at the last close).
report::TodayBias computeTodayBias(const TickerData& ticker, std::int64_t nowUtc, const ClassProbabilities& nextSessionCall,
                                   const std::function<std::optional<double>(QDate)>& expectedMoveBefore);

}  // namespace aegis::engines
