#pragma once

// A complete TickerReport and daily bars for the panel tests, shaped like the engines' output.

#include "data/core/market_types.h"
#include "engines/report/report_model.h"

namespace aegis::test {

// NIFTY on DEMO data: t1 has a demonstrated edge, the other horizons do not (convictions 0.37, 0.38,
// ... are their base rates), every optional filled.
engines::report::TickerReport sampleReport();
// `count` daily bars ending 2025-11-27, a deterministic zig-zag around 26,000.
data::BarSeries sampleDailyBars(int count);

}  // namespace aegis::test
