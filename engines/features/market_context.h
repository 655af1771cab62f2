#pragma once

// NIFTY and India VIX series computed once per run and joined onto every ticker by session date.
// The join is as-of and never forward: a ticker session uses the market row of the same date, or,
// when NIFTY has no row that day, the latest market row on or after the ticker's previous session
// (flagged `market_carried`); anything older is missing. VIX is aligned to NIFTY's sessions: a day
// missing from the VIX file is carried forward from the previous session at most once (flagged
// `vix_carried`), a second missing day in a row is missing.

#include "engines/features/named_frame.h"
#include "engines/features/rolling.h"
#include "engines/features/stock_breadth.h"

#include "data/core/market_types.h"

#include <QDate>

#include <vector>

namespace aegis::engines {

// `vix_percentile_252` is known once this many of its last 252 VIX values are.
inline constexpr int kVixPercentileMinKnown = 240;

struct MarketContext {
    std::vector<QDate> dates;  // NIFTY's sessions after cleaning
    Column niftyReturn1, niftyReturn5, niftyReturn20, niftyReturn60, niftyRv20;
    Column vixLevel, vixChange5, vixPercentile252, ivRvRatio, vixCarried;
    Column sessionsToExpiry;   // NIFTY expiry distance for each of `dates`
    std::vector<DroppedBar> niftyDropped, vixDropped;
    StockBreadth breadth;      // empty unless set: the breadth columns are then missing

    // An empty `vix` gives VIX columns that are all missing. Uses the NSE calendar for expiries.
    static MarketContext build(const data::BarSeries& nifty, const data::BarSeries& vix);

    struct Join {
        int row = -1;        // -1: no usable market row
        bool carried = false;
    };
    Join join(QDate date, QDate previousTickerDate) const;
};

// NSE sessions in (date, nearest NIFTY expiry on or after date]; NaN when the calendar has none.
double sessionsToNiftyExpiry(QDate date);

}  // namespace aegis::engines
