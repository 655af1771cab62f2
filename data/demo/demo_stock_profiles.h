#pragma once

// The fixed, per-stock characteristics of the DEMO market (size, betas, volatility, liquidity, last
// price) and its industry groups, drawn once per seed.

#include "data/universe/universe.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace aegis::data::demo {

struct IndustryProfile {
    QString name;
    double longRunVol = 0.0;
};

struct StockProfile {
    Ticker ticker;
    int industry = 0;          // index into the industry list
    bool niftyListed = false;  // among the real NIFTY 50 names (they are the largest DEMO companies)
    double sizeScore = 0.0;    // 0 smallest .. 1 largest
    double marketCapCrore = 0.0;
    double beta = 0.0;
    double industryLoading = 0.0;
    double idioVol = 0.0;
    double idioAutoregression = 0.0;  // 0 unless the planted signal is on
    double firstClose = 0.0;  // close of the first generated session
    double tradedValue = 0.0;  // typical rupees traded a day
};

struct StockUniverseProfile {
    std::vector<IndustryProfile> industries;
    std::vector<StockProfile> stocks;  // the universe's stocks in universe order
};

StockUniverseProfile makeStockProfiles(std::uint64_t seed, const std::vector<Ticker>& stocks, bool plantedSignal);

// The idiosyncratic AR(1) coefficient that gives a stock's total daily return the target lag-1
// autocorrelation: corr = phi * idioShare, so phi = target / idioShare, capped.
double plantedIdioCoefficient(double beta, double industryLoading, double industryVol, double idioVol);

}  // namespace aegis::data::demo
