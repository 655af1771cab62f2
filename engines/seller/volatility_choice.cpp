#include "engines/seller/volatility_choice.h"

#include "data/calendar/nse_calendar.h"

#include <algorithm>
#include <cmath>

namespace aegis::engines {

std::optional<VolatilityChoice> chooseVolatility(const TickerData& ticker, int row, const ExpiryAnalytics* chain)
{
    const std::optional<double> implied = ticker.labels.value(row, "sigma_is_implied");
    const std::optional<double> labelSigma = ticker.labels.value(row, "sigma_annual");
    if (implied && *implied > 0.5 && labelSigma && *labelSigma > 0.0)
        return VolatilityChoice{*labelSigma, QStringLiteral("india_vix")};
    if (chain && chain->atmIv && std::isfinite(*chain->atmIv) && *chain->atmIv > 0.0)
        return VolatilityChoice{*chain->atmIv, QStringLiteral("chain_atm_iv")};
    const std::optional<double> realised = ticker.features.value(row, "rv_20");
    if (realised && *realised > 0.0)
        return VolatilityChoice{*realised, QStringLiteral("realised")};
    return std::nullopt;
}

ChainAnalysis analyseLatestChain(const TickerData& ticker, QDate asOf)
{
    if (!ticker.chain)
        return {std::nullopt, QStringLiteral("no option chain stored for %1").arg(ticker.ticker.symbol)};
    const data::OptionChain& chain = *ticker.chain;
    std::vector<QDate> expiries = chain.expiries;
    std::sort(expiries.begin(), expiries.end());
    const auto next = std::find_if(expiries.begin(), expiries.end(), [asOf](QDate expiry) { return expiry > asOf; });
    if (next == expiries.end()) {
        return {std::nullopt, QStringLiteral("the stored option chain of %1 has no expiry after %2")
                                  .arg(ticker.ticker.symbol, asOf.toString(Qt::ISODate))};
    }
    const int sessions = std::max(1, data::NseCalendar::instance().sessionCount(asOf, *next));
    auto result = analyseExpiry(chain, *next, sessions);
    if (const auto* unavailable = std::get_if<ChainUnavailable>(&result))
        return {std::nullopt, unavailable->reason};
    return {std::get<ExpiryAnalytics>(std::move(result)), QString()};
}

}  // namespace aegis::engines
