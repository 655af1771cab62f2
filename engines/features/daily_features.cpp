#include "engines/features/daily_features.h"

#include "engines/features/column_sink.h"
#include "engines/features/feature_table.h"
#include "engines/features/indicators.h"
#include "engines/features/ticker_columns.h"

namespace aegis::engines {

FeatureFrame buildDailyFeatures(const data::BarSeries& ticker, const MarketContext& market)
{
    const DailyBars bars = cleanDailyBars(ticker);
    FeatureFrame frame(ticker.symbol, bars.dates, dailyFeatureSchema());
    frame.dropped = bars.dropped;
    ColumnSink sink(frame);
    addPriceColumns(bars, sink);
    addVolumeColumns(bars, sink);
    addMarketColumns(bars, market, sink);
    addExecutionColumns(bars, sink);
    sink.requireComplete();
    return frame;
}

FeatureFrame buildExecutionFeatures(const data::BarSeries& ticker)
{
    const DailyBars bars = cleanDailyBars(ticker);
    FeatureFrame frame(ticker.symbol, bars.dates, executionFeatureSchema());
    frame.dropped = bars.dropped;
    ColumnSink sink(frame);
    sink.put("rv_20", realisedVolatility(lagDifference(bars.logClose, 1), 20, true));
    addVolumeColumns(bars, sink);
    addExecutionColumns(bars, sink);
    sink.requireComplete();
    return frame;
}

}  // namespace aegis::engines
