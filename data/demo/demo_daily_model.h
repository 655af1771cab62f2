#pragma once

// The daily return model: a GARCH(1,1) market factor with jumps, GARCH industry factors and
// GARCH idiosyncratic noise with jumps (AR(1) when the planted signal is on), turned into daily
// OHLCV bars of each stock.

#include "data/core/market_types.h"
#include "data/demo/demo_calendar_view.h"
#include "data/demo/demo_model_parameters.h"
#include "data/demo/demo_stock_profiles.h"

#include <cstdint>
#include <vector>

namespace aegis::data::demo {

class DemoRandom;

// Shocks of one GARCH(1,1) process with jumps: shock_t = vol_t * z_t + jump_t, where
// vol_t^2 = omega + alpha * shock_{t-1}^2 + beta * vol_{t-1}^2 starts at the long-run variance.
struct GarchPath {
    std::vector<double> shock;
    std::vector<double> conditionalVol;
    double longRunVol = 0.0;
};

GarchPath simulateGarch(DemoRandom& random, std::size_t sessions, const GarchSpec& garch, const JumpSpec& jumps);

struct StockDailyPath {
    std::vector<double> logReturn;       // close-to-close
    std::vector<double> conditionalVol;  // of the whole return
    double longRunVol = 0.0;             // of the whole return, jumps aside
};

// r_t = beta * market_t + loading * industry_t + idio_t, idio_t = phi * idio_{t-1} + sqrt(1 - phi^2) * noise_t.
StockDailyPath simulateStockReturns(std::uint64_t seed, const StockProfile& stock, const GarchPath& market,
                                    const GarchPath& industry);

// Daily bars starting from stock.firstClose and walking forward; open gaps, wicks and volumes scale
// with the conditional vol. The anchor is the first close on purpose: anchoring a later close (or the
// middle of the range) would make today's price level say something about future returns.
std::vector<Bar> stockDailyBars(std::uint64_t seed, const StockProfile& stock, const StockDailyPath& path,
                                const std::vector<DemoSession>& sessions);

}  // namespace aegis::data::demo
