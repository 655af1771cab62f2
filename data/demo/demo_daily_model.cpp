#include "data/demo/demo_daily_model.h"

#include "data/demo/demo_price_grid.h"
#include "data/demo/demo_random.h"

#include <algorithm>
#include <cmath>

namespace aegis::data::demo {

namespace {

// E|Z| for a standard normal: centres the |return| / vol term of the volume model.
constexpr double kMeanAbsNormal = 0.7978845608028654;

}  // namespace

GarchPath simulateGarch(DemoRandom& random, std::size_t sessions, const GarchSpec& garch, const JumpSpec& jumps)
{
    GarchPath path;
    path.longRunVol = garch.longRunVol;
    path.shock.reserve(sessions);
    path.conditionalVol.reserve(sessions);
    const double longRunVariance = garch.longRunVol * garch.longRunVol;
    const double omega = longRunVariance * (1.0 - garch.alpha - garch.beta);
    double variance = longRunVariance;
    for (std::size_t t = 0; t < sessions; ++t) {
        const double vol = std::sqrt(variance);
        double shock = vol * random.normal();
        if (random.bernoulli(jumps.probabilityPerSession))
            shock += jumps.scale * random.studentT3UnitVariance();
        path.shock.push_back(shock);
        path.conditionalVol.push_back(vol);
        variance = omega + garch.alpha * shock * shock + garch.beta * variance;
    }
    return path;
}

StockDailyPath simulateStockReturns(std::uint64_t seed, const StockProfile& stock, const GarchPath& market,
                                    const GarchPath& industry)
{
    const std::size_t sessions = market.shock.size();
    DemoRandom random(seed, QStringLiteral("idio:") + stock.ticker.symbol);
    const GarchPath idio = simulateGarch(random, sessions, {stock.idioVol, kIdioAlpha, kIdioBeta},
                                         {kIdioJumpProbability, kIdioJumpScaleInVols * stock.idioVol});
    const double phi = stock.idioAutoregression;
    // Scaling the innovation keeps the idiosyncratic variance the same with and without the signal.
    const double innovationScale = std::sqrt(1.0 - phi * phi);

    StockDailyPath path;
    const double industryLongRunVol = industry.longRunVol;
    path.longRunVol = std::sqrt(stock.beta * stock.beta * kMarketGarch.longRunVol * kMarketGarch.longRunVol
                                + stock.industryLoading * stock.industryLoading * industryLongRunVol * industryLongRunVol
                                + stock.idioVol * stock.idioVol);
    path.logReturn.reserve(sessions);
    path.conditionalVol.reserve(sessions);
    double idioReturn = 0.0;
    for (std::size_t t = 0; t < sessions; ++t) {
        idioReturn = phi * idioReturn + innovationScale * idio.shock[t];
        path.logReturn.push_back(stock.beta * market.shock[t] + stock.industryLoading * industry.shock[t] + idioReturn);
        const double marketVol = stock.beta * market.conditionalVol[t];
        const double industryVol = stock.industryLoading * industry.conditionalVol[t];
        const double idioVol = idio.conditionalVol[t];
        path.conditionalVol.push_back(std::sqrt(marketVol * marketVol + industryVol * industryVol + idioVol * idioVol));
    }
    return path;
}

std::vector<Bar> stockDailyBars(std::uint64_t seed, const StockProfile& stock, const StockDailyPath& path,
                                const std::vector<DemoSession>& sessions)
{
    DemoRandom random(seed, QStringLiteral("daily-bars:") + stock.ticker.symbol);
    const std::size_t count = sessions.size();
    std::vector<double> logClose(count);
    logClose[0] = std::log(stock.firstClose);
    for (std::size_t t = 1; t < count; ++t)
        logClose[t] = logClose[t - 1] + path.logReturn[t];
    std::vector<Bar> bars;
    bars.reserve(count);
    for (std::size_t t = 0; t < count; ++t) {
        const double vol = path.conditionalVol[t];
        const double logReturn = path.logReturn[t];
        const double logPreviousClose = logClose[t] - logReturn;
        const double gap = kGapShareOfReturn * logReturn + kGapNoiseInVols * vol * random.normal();
        const double open = std::exp(logPreviousClose + gap);
        const double close = std::exp(logClose[t]);
        const double high = std::max(open, close) * std::exp(kWickInVols * vol * std::abs(random.normal()));
        const double low = std::min(open, close) * std::exp(-kWickInVols * vol * std::abs(random.normal()));
        const double surprise = std::abs(logReturn) / vol - kMeanAbsNormal;
        const double noise = kVolumeNoise * random.normal() - 0.5 * kVolumeNoise * kVolumeNoise;
        const double shares = stock.tradedValue / close * (vol / path.longRunVol)
                              * std::exp(kVolumeAbsReturnElasticity * surprise + noise);

        Bar bar;
        bar.utc = sessions[t].openUtc;
        bar.session = sessions[t].date;
        bar.open = roundToGrid(open, kEquityTicksPerRupee);
        bar.high = roundToGrid(high, kEquityTicksPerRupee);
        bar.low = roundToGrid(low, kEquityTicksPerRupee);
        bar.close = roundToGrid(close, kEquityTicksPerRupee);
        bar.volume = std::max(1.0, std::round(shares));
        bars.push_back(bar);
    }
    return bars;
}

}  // namespace aegis::data::demo
