#pragma once

// DEMO option chains: Black–Scholes prices on an implied-volatility smile anchored at the ATM vol,
// and open interest piled on round strikes, puts below spot and calls above.

#include "data/core/market_types.h"

#include <QDate>
#include <QString>

#include <cstdint>
#include <vector>

namespace aegis::data::demo {

struct OptionUnderlying {
    QString symbol;
    bool isIndex = false;
    double spot = 0.0;
    double atmVol = 0.0;             // annualised, as a fraction (0.14 = 14 %)
    double openInterestScale = 0.0;  // contracts at the busiest strike before the round-strike boost
};

double normalCdf(double x);

// European option value; `years` > 0, `vol` > 0, rates continuously compounded.
double blackScholesPrice(bool isCall, double spot, double strike, double years, double rate, double dividendYield,
                         double vol);

// NSE strike interval: NIFTY and FINNIFTY 50, BANKNIFTY 100; for stocks it grows with the price.
double strikeStep(const QString& symbol, bool isIndex, double spot);

// Strikes are the multiples of the step within kIndexStrikesEachSide / kStockStrikesEachSide steps
// of the at-the-money strike, one row per strike and expiry. `expiries` must lie after takenAtUtc.
OptionChain demoOptionChain(std::uint64_t seed, const OptionUnderlying& underlying, const std::vector<QDate>& expiries,
                            std::int64_t takenAtUtc);

}  // namespace aegis::data::demo
