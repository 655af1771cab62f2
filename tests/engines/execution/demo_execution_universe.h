#pragma once

// A DEMO universe for the execution engine tests: NIFTY plus every `stride`-th stock of the built-in
// universe (alphabetical, so large and small, liquid and illiquid names alike), on the real NSE
// calendar with a fixed seed and end date. `keep` may drop tickers and cut each series at a date, to
// train on some tickers and earlier sessions only.

#include "engines/core/universe_data.h"

#include "data/demo/demo_calendar_view.h"
#include "data/demo/demo_generator.h"
#include "data/universe/universe.h"

#include <QDate>

#include <functional>

namespace aegis::engines::testing {

struct DemoExecutionMarket {
    std::vector<TickerSeries> series;
    data::BarSeries nifty;
    data::BarSeries vix;
};

inline DemoExecutionMarket demoExecutionMarket(int stride, int years, std::uint64_t seed)
{
    const data::Universe& universe = data::Universe::builtIn();
    std::vector<data::Ticker> pickable;
    int stockIndex = 0;
    for (const data::Ticker& ticker : universe.pickable()) {
        if (ticker.symbol == data::kNiftySymbol)
            pickable.push_back(ticker);
        else if (ticker.kind == data::TickerKind::Stock && stockIndex++ % stride == 0)
            pickable.push_back(ticker);
    }
    data::DemoOptions options;
    options.seed = seed;
    options.years = years;
    options.endDate = QDate(2025, 6, 30);
    const data::DemoMarket market = data::demo::generateDemoMarket(
        options, pickable, universe.vix(), data::demo::nseCalendarView(options.endDate.addYears(-years).addDays(1), options.endDate));

    DemoExecutionMarket out;
    for (const data::DemoSeries& demo : market.series) {
        if (demo.ticker.symbol == data::kVixSymbol) {
            out.vix = demo.daily;
            continue;
        }
        if (demo.ticker.symbol == data::kNiftySymbol)
            out.nifty = demo.daily;
        // Intraday bars and chains play no part in execution costs; leaving them out keeps the build fast.
        out.series.push_back({demo.ticker, demo.daily, {}, std::nullopt});
    }
    return out;
}

inline data::BarSeries barsUntil(const data::BarSeries& series, QDate last)
{
    data::BarSeries out = series;
    out.bars.clear();
    for (const data::Bar& bar : series.bars) {
        if (bar.session <= last)
            out.bars.push_back(bar);
    }
    return out;
}

// The market's tickers that `keepTicker` accepts, every series (and NIFTY, VIX) cut after `last`.
inline UniverseData demoExecutionUniverse(const DemoExecutionMarket& market, QDate last,
                                          const std::function<bool(const data::Ticker&)>& keepTicker)
{
    std::vector<TickerSeries> series;
    for (const TickerSeries& one : market.series) {
        if (keepTicker(one.ticker))
            series.push_back({one.ticker, barsUntil(one.daily, last), {}, std::nullopt});
    }
    return buildUniverseData(std::move(series), barsUntil(market.nifty, last), barsUntil(market.vix, last), {}, {});
}

}  // namespace aegis::engines::testing
