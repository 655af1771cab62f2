#pragma once

// NIFTY, BANKNIFTY and FINNIFTY as cap-weighted aggregates of their DEMO constituents, and India VIX
// from the NIFTY's GARCH-forecast volatility times a risk premium.

#include "data/core/market_types.h"
#include "data/demo/demo_stock_profiles.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace aegis::data::demo {

struct IndexDefinition {
    QString symbol;
    std::vector<std::size_t> members;  // indices into the stock profiles
    double firstLevel = 0.0;
};

// NIFTY: the 50 largest, real NIFTY 50 names first; BANKNIFTY: the 12 largest banks; FINNIFTY: the
// 20 largest financial-services companies. Throws std::invalid_argument for another index symbol
// or an index left without members.
IndexDefinition defineIndex(const QString& symbol, const std::vector<StockProfile>& stocks);

// level_t = sum_i shares_i * price_i,t / divisor, shares_i = market cap_i / first close_i, the divisor
// putting the first close at firstLevel. The high and low take a share of the members' aggregate wick
// because members do not all peak at the same minute.
std::vector<Bar> indexDailyBars(const IndexDefinition& index, const std::vector<StockProfile>& stocks,
                                const std::vector<std::vector<Bar>>& stockBars);

std::vector<Bar> indiaVixDailyBars(std::uint64_t seed, const std::vector<Bar>& niftyBars);

}  // namespace aegis::data::demo
