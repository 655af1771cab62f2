#pragma once

// Per-ticker daily features with market context: one row per cleaned session (see daily_bars.h),
// one column per entry of dailyFeatureTable(). Every value at row t uses bars of sessions <= t and
// market rows dated <= t only.

#include "engines/features/market_context.h"
#include "engines/features/named_frame.h"

#include "data/core/market_types.h"

namespace aegis::engines {

using FeatureFrame = NamedFrame;

// Columns: dailyFeatureSchema(). Pass an empty MarketContext when no NIFTY/VIX data exists: the
// market-dependent columns are then missing (sessions_to_expiry and weekday still come from the
// calendar).
FeatureFrame buildDailyFeatures(const data::BarSeries& ticker, const MarketContext& market);

// Columns: executionFeatureSchema() - the scale-free execution-cost subset; needs no market data.
FeatureFrame buildExecutionFeatures(const data::BarSeries& ticker);

}  // namespace aegis::engines
