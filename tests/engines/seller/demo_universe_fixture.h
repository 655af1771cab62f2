#pragma once

// A small DEMO universe for the seller and buyer engine tests: NIFTY (with its option chain and
// 1-minute bars), India VIX and the first `stocks` stocks of the built-in universe (the ten most traded
// NIFTY names with their chains), on the real NSE calendar with a fixed seed and end date.

#include "engines/core/universe_data.h"

#include "data/demo/demo_calendar_view.h"
#include "data/demo/demo_generator.h"
#include "data/universe/universe.h"

#include <QDate>

namespace aegis::engines::testing {

inline UniverseData smallDemoUniverse(int stocks, int years, bool plantedSignal, std::uint64_t seed = 5,
                                      QDate endDate = QDate(2025, 11, 28))
{
    const data::Universe universe = data::Universe::builtIn();
    std::vector<data::Ticker> pickable;
    int stockCount = 0;
    for (const data::Ticker& ticker : universe.pickable()) {
        if (ticker.symbol == data::kNiftySymbol)
            pickable.push_back(ticker);
        else if (ticker.kind == data::TickerKind::Stock && stockCount < stocks) {
            pickable.push_back(ticker);
            ++stockCount;
        }
    }
    data::DemoOptions options;
    options.seed = seed;
    options.years = years;
    options.endDate = endDate;
    options.plantedSignal = plantedSignal;
    const data::DemoMarket market = data::demo::generateDemoMarket(
        options, pickable, universe.vix(), data::demo::nseCalendarView(options.endDate.addYears(-years).addDays(1), options.endDate));

    std::vector<TickerSeries> series;
    for (const data::DemoSeries& demo : market.series) {
        if (demo.ticker.kind == data::TickerKind::Volatility)
            continue;
        std::optional<data::OptionChain> chain;
        if (const data::OptionChain* found = market.findChain(demo.ticker.symbol))
            chain = *found;
        series.push_back({demo.ticker, demo.daily, demo.oneMinute, chain});
    }
    return buildUniverseData(std::move(series), market.find(data::kNiftySymbol)->daily, market.find(data::kVixSymbol)->daily,
                             {}, {});
}

}  // namespace aegis::engines::testing
