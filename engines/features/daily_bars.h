#pragma once

// Daily bars made safe for feature and label arithmetic. Rows that are not real completed sessions
// are dropped (and listed) rather than patched, so every returned row is a real, final session:
//   - a bar whose session is not final (a session in progress) -> NotFinal
//   - a flat placeholder, O = H = L = C with volume 0 (Yahoo's filler for a lost or non-existent
//     day) -> Placeholder
//   - non-positive or non-finite prices, or H < L -> InvalidPrices
//   - a session date not after the previous kept row -> OutOfOrder
// Open/close outside [low, high] widen the range to include them. Negative or non-finite volume is
// kept as NaN (missing). Zero volume on a bar with a real range is kept as 0: volume features treat
// it as missing, price features use the bar. Prices are assumed split-adjusted by the source.

#include "engines/features/named_frame.h"

#include "data/core/market_types.h"

#include <vector>

namespace aegis::engines {

struct DailyBars {
    std::vector<QDate> dates;
    std::vector<double> open, high, low, close, volume;
    std::vector<double> logOpen, logHigh, logLow, logClose;  // natural logs, computed once
    std::vector<DroppedBar> dropped;

    std::size_t size() const { return dates.size(); }
};

DailyBars cleanDailyBars(const data::BarSeries& series);

// O = H = L = C with volume 0: a provider's filler for a session nothing traded (a suspension, a
// holiday Yahoo still lists), never a market's bar.
bool isPlaceholderBar(const data::Bar& bar);

}  // namespace aegis::engines
