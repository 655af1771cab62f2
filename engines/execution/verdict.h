#pragma once

// The verdict: one plain-language summary built ONLY from what the engines already put in the report
// (direction horizons with their edge flags and expected moves, the seller flag, the buyer environment,
// the execution regime and slippage). No model runs here, so the verdict can never claim more than the
// evidence behind the numbers it quotes. The pipeline calls it last.
//
//   - No horizon with a demonstrated edge: NO_CALL, points and confidence null, and the explanation
//     says so and gives the nearest horizon's base rate (what the direction engine shows without an edge).
//   - Otherwise the nearest horizon with an edge: its direction, its expected move (points, unsigned:
//     the direction gives the sign), its calibrated probability, and the move set against the
//     round-trip cost (2 x one-way Q50) at the chosen order size.
//   - Either way, a scheduled market-wide event among the buyer's next five sessions (a Budget, an
//     election's exit polls or results) is named last, with that session's breakout probability.

#include "engines/report/report_model.h"

#include <QString>

#include <optional>

namespace aegis::engines {

// The order size the verdict quotes costs at unless the UI picks another of the report's four.
inline constexpr double kDefaultOrderValueInr = 5e5;

report::Verdict buildVerdict(const report::TickerReport& report, double orderValueInr = kDefaultOrderValueInr);

// The report's slippage row for `orderValueInr`, if it carries one.
std::optional<report::Slippage> slippageAt(const report::Execution& execution, double orderValueInr);

// "₹5 L", "₹2.5 L", "₹10 L" (lakh = 100,000 rupees).
QString orderValueText(double orderValueInr);

}  // namespace aegis::engines
