#pragma once

// The column groups of the daily feature table, each computed from cleaned bars.
// Internal to engines/features: the public entry points are in daily_features.h.

#include "engines/features/column_sink.h"
#include "engines/features/daily_bars.h"
#include "engines/features/market_context.h"

namespace aegis::engines {

void addPriceColumns(const DailyBars& bars, ColumnSink& sink);
void addVolumeColumns(const DailyBars& bars, ColumnSink& sink);  // volume_z_20, traded_value_ln
void addMarketColumns(const DailyBars& bars, const MarketContext& market, ColumnSink& sink);
void addExecutionColumns(const DailyBars& bars, ColumnSink& sink);

}  // namespace aegis::engines
