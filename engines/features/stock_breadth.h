#pragma once

// How many of the universe's stocks broke out on each session: a market-wide reading of range
// expansion that NIFTY's own range smooths away. Results seasons move many stocks in the same weeks,
// and on the real NSE files a day on which more stocks broke out was followed by more breakouts over
// the next five sessions in every walk-forward window (docs/engine-buyer.md).
//
// Built from every stock's daily bars (indices and VIX excluded) and joined onto each ticker by its
// own session date, never forward: the share on date t uses bars of sessions <= t only.

#include "engines/features/rolling.h"

#include "data/core/market_types.h"

#include <QDate>
#include <QString>

#include <optional>
#include <vector>

namespace aegis::engines {

// Fewer stocks with a known breakout flag on a date and the share is not measured (missing).
inline constexpr int kMinimumBreadthStocks = 10;
inline constexpr int kBreadthAverageSessions = 10;

struct StockBreadth {
    std::vector<QDate> dates;  // ascending: the dates with at least kMinimumBreadthStocks flags known
    Column share;              // share of those stocks whose session broke out (indicators.h breakoutSessions)
    Column averageShare;       // mean of `share` over the last kBreadthAverageSessions of `dates`; NaN before

    // `stocks`: daily bars, one series per stock. Bars are cleaned as the features clean them.
    static StockBreadth build(const std::vector<const data::BarSeries*>& stocks);

    std::optional<std::size_t> rowOf(QDate date) const;

    // An exact text form (every double bit for bit) for a cache; nothing for text that is not one.
    QString serialised() const;
    static std::optional<StockBreadth> fromSerialised(const QString& text);
};

}  // namespace aegis::engines
