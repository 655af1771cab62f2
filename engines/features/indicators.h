#pragma once

// Per-ticker indicator columns shared by the feature builder and the labels (which need the
// trailing volatility and ATR known at t). All causal; NaN marks rows without enough history.

#include "engines/features/daily_bars.h"
#include "engines/features/rolling.h"

namespace aegis::engines {

inline constexpr double kSessionsPerYear = 252.0;
// A breakout session ranges beyond this many ATR14 (the buyer's label, docs/labels.md).
inline constexpr double kBreakoutAtrMultiple = 1.5;

Column logRatioLag(const Column& x, int lag);           // ln(x[i] / x[i - lag])
Column lagDifference(const Column& x, int lag);         // x[i] - x[i - lag]; on log prices, the log return
Column trueRange(const DailyBars& bars);                // NaN on the first row (no previous close)
Column averageTrueRange(const DailyBars& bars, int period);  // Wilder
// 1 when session s ranged beyond kBreakoutAtrMultiple x atr[s - 1] (known at s's close), else 0; NaN
// without the previous ATR.
Column breakoutSessions(const DailyBars& bars, const Column& atr);
// Sample std of the last `window` one-session log returns; annualised with sqrt(252) when asked.
// Corwin & Schultz (2012) high-low spread estimate for sessions (i - 1, i), i >= 1, as a fraction of
// price, with their overnight adjustment (session i's range is shifted to contain the previous close
// when it gapped away from it). Negative estimates are set to 0, as the paper does.
double corwinSchultzSpread(const DailyBars& bars, std::size_t i);
Column realisedVolatility(const Column& returns, int window, bool annualised);

}  // namespace aegis::engines
