#include "data/demo/demo_stock_profiles.h"

#include "data/demo/demo_model_parameters.h"
#include "data/demo/demo_random.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace aegis::data::demo {

namespace {

// The NIFTY 50 names of late 2025. They get the largest DEMO market caps so the synthetic NIFTY is
// made of the companies a user expects; their DEMO prices are synthetic all the same.
const std::set<QString>& niftyFiftyNames()
{
    static const std::set<QString> names{
        "ADANIENT", "ADANIPORTS", "APOLLOHOSP", "ASIANPAINT", "AXISBANK", "BAJAJ-AUTO", "BAJFINANCE",
        "BAJAJFINSV", "BEL", "BHARTIARTL", "CIPLA", "COALINDIA", "DRREDDY", "EICHERMOT", "ETERNAL",
        "GRASIM", "HCLTECH", "HDFCBANK", "HDFCLIFE", "HEROMOTOCO", "HINDALCO", "HINDUNILVR", "ICICIBANK",
        "INDIGO", "INFY", "ITC", "JIOFIN", "JSWSTEEL", "KOTAKBANK", "LT", "M&M", "MARUTI", "MAXHEALTH",
        "NESTLEIND", "NTPC", "ONGC", "POWERGRID", "RELIANCE", "SBILIFE", "SBIN", "SHRIRAMFIN", "SUNPHARMA",
        "TATACONSUM", "TATASTEEL", "TCS", "TECHM", "TITAN", "TMPV", "TRENT", "ULTRACEMCO", "WIPRO"};
    return names;
}

double interpolate(double from, double to, double share)
{
    return from + (to - from) * share;
}

}  // namespace

double plantedIdioCoefficient(double beta, double industryLoading, double industryVol, double idioVol)
{
    const double marketVariance = beta * beta * kMarketGarch.longRunVol * kMarketGarch.longRunVol;
    const double industryVariance = industryLoading * industryLoading * industryVol * industryVol;
    const double idioVariance = idioVol * idioVol;
    const double idioShare = idioVariance / (marketVariance + industryVariance + idioVariance);
    return std::min(kPlantedReturnAutocorrelation / idioShare, kPlantedMaxIdioCoefficient);
}

StockUniverseProfile makeStockProfiles(std::uint64_t seed, const std::vector<Ticker>& stocks, bool plantedSignal)
{
    StockUniverseProfile profile;
    std::map<QString, int> industryIndex;
    for (const Ticker& ticker : stocks) {
        if (industryIndex.count(ticker.industry) != 0)
            continue;
        DemoRandom random(seed, QStringLiteral("industry-profile:") + ticker.industry);
        industryIndex[ticker.industry] = static_cast<int>(profile.industries.size());
        profile.industries.push_back({ticker.industry, random.uniform(kIndustryVolLow, kIndustryVolHigh)});
    }

    profile.stocks.reserve(stocks.size());
    for (const Ticker& ticker : stocks) {
        DemoRandom random(seed, QStringLiteral("stock-profile:") + ticker.symbol);
        StockProfile stock;
        stock.ticker = ticker;
        stock.industry = industryIndex.at(ticker.industry);
        stock.niftyListed = niftyFiftyNames().count(ticker.symbol) != 0;
        // Most of the NIFTY 500 are mid and small caps: a square skews the others towards 0.
        const double draw = random.uniform();
        stock.sizeScore = stock.niftyListed ? interpolate(0.80, 1.0, draw) : 0.85 * draw * draw;
        stock.marketCapCrore = std::pow(10.0, interpolate(kLog10MarketCapCroreSmallest,
                                                          kLog10MarketCapCroreLargest, stock.sizeScore));
        stock.beta = random.uniform(kBetaLow, kBetaHigh);
        stock.industryLoading = random.uniform(kIndustryLoadingLow, kIndustryLoadingHigh);
        stock.idioVol = interpolate(kIdioVolSmallest, kIdioVolLargest, stock.sizeScore) * random.uniform(0.9, 1.1);
        const double priceLow = stock.niftyListed ? kLargeCapPriceLevelLow : kPriceLevelLow;
        const double priceHigh = stock.niftyListed ? kLargeCapPriceLevelHigh : kPriceLevelHigh;
        stock.firstClose = std::exp(random.uniform(std::log(priceLow), std::log(priceHigh)));
        stock.tradedValue = std::pow(10.0, interpolate(kLog10TradedValueSmallest, kLog10TradedValueLargest,
                                                       stock.sizeScore)
                                               + kLog10TradedValueNoise * random.normal());
        if (plantedSignal) {
            stock.idioAutoregression = plantedIdioCoefficient(
                stock.beta, stock.industryLoading, profile.industries[stock.industry].longRunVol, stock.idioVol);
        }
        profile.stocks.push_back(stock);
    }
    return profile;
}

}  // namespace aegis::data::demo
