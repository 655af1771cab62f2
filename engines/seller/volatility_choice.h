#pragma once

// Which annualised volatility a report quotes for a ticker, and where it came from: India VIX for
// NIFTY (the labels' implied vol), else the stored chain's ATM implied vol, else realised rv_20.

#include "engines/core/universe_data.h"
#include "engines/options/option_chain_analytics.h"

#include <QDate>
#include <QString>

#include <optional>

namespace aegis::engines {

struct VolatilityChoice {
    double sigma = 0.0;   // annualised, fraction
    QString source;       // "india_vix", "chain_atm_iv", "realised"
};

std::optional<VolatilityChoice> chooseVolatility(const TickerData& ticker, int row, const ExpiryAnalytics* chain);

// The latest stored chain analysed at its first expiry after `asOf` (an expiry on `asOf` settled at
// that close). Either analytics or the reason there are none.
struct ChainAnalysis {
    std::optional<ExpiryAnalytics> analytics;
    QString reason;
};

ChainAnalysis analyseLatestChain(const TickerData& ticker, QDate asOf);

}  // namespace aegis::engines
