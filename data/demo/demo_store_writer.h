#pragma once

// Puts a DEMO market into a MarketStore, replacing whatever DEMO data the store held before.

#include "data/demo/demo_market.h"
#include "data/store/market_store.h"

#include <cstdint>
#include <functional>

namespace aegis::data {

struct DemoWriteSummary {
    int seriesRemoved = 0;  // earlier DEMO series deleted first
    int seriesWritten = 0;
    std::int64_t barsWritten = 0;
    int chainsWritten = 0;
};

// Called after each ticker's series are written with how many tickers are done out of how many;
// it may throw (e.g. a cancelled run's exception) to abandon the write.
using DemoWriteProgress = std::function<void(int tickersWritten, int tickersTotal)>;

// The whole write is one store transaction: readers see the previous contents until it commits and
// the new DEMO market afterwards, never a mix. When anything throws midway (a bad series, a full
// disk, `progress` cancelling) the store is left exactly as it was and the exception propagates.
// Each written option chain replaces every earlier snapshot of its symbol.
// Refuses (std::runtime_error, store untouched) when the store holds non-DEMO bars of a symbol and
// interval the DEMO market would write, or a non-DEMO option chain of a symbol it would write a
// chain for: synthetic data must never overwrite or mix with real data.
DemoWriteSummary writeDemoMarket(const DemoMarket& market, MarketStore& store,
                                 const DemoWriteProgress& progress = {});

}  // namespace aegis::data
