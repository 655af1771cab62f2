#pragma once

// Puts a DEMO market into a MarketStore, replacing whatever DEMO data the store held before.

#include "data/demo/demo_market.h"
#include "data/store/market_store.h"

#include <cstdint>

namespace aegis::data {

struct DemoWriteSummary {
    int seriesRemoved = 0;  // earlier DEMO series deleted first
    int seriesWritten = 0;
    std::int64_t barsWritten = 0;
    int chainsWritten = 0;
};

// Refuses (std::runtime_error, store untouched) when the store holds non-DEMO bars of a symbol and
// interval the DEMO market would write: synthetic bars must never overwrite or mix with real ones.
DemoWriteSummary writeDemoMarket(const DemoMarket& market, MarketStore& store);

}  // namespace aegis::data
