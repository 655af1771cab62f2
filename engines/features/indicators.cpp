#include "engines/features/indicators.h"

#include <algorithm>
#include <cmath>

namespace aegis::engines {

Column logRatioLag(const Column& x, int lag)
{
    Column out(x.size(), kNaN);
    for (std::size_t i = static_cast<std::size_t>(lag); i < x.size(); ++i)
        out[i] = std::log(x[i] / x[i - static_cast<std::size_t>(lag)]);
    return out;
}

Column lagDifference(const Column& x, int lag)
{
    Column out(x.size(), kNaN);
    for (std::size_t i = static_cast<std::size_t>(lag); i < x.size(); ++i)
        out[i] = x[i] - x[i - static_cast<std::size_t>(lag)];
    return out;
}

Column trueRange(const DailyBars& bars)
{
    Column out(bars.size(), kNaN);
    for (std::size_t i = 1; i < bars.size(); ++i) {
        const double previousClose = bars.close[i - 1];
        out[i] = std::max({bars.high[i] - bars.low[i], std::abs(bars.high[i] - previousClose),
                           std::abs(bars.low[i] - previousClose)});
    }
    return out;
}

Column averageTrueRange(const DailyBars& bars, int period)
{
    return wilder(trueRange(bars), period);
}

Column breakoutSessions(const DailyBars& bars, const Column& atr)
{
    Column brokeOut(bars.size(), kNaN);
    for (std::size_t i = 1; i < bars.size(); ++i) {
        if (!std::isnan(atr[i - 1]))
            brokeOut[i] = bars.high[i] - bars.low[i] > kBreakoutAtrMultiple * atr[i - 1] ? 1.0 : 0.0;
    }
    return brokeOut;
}

Column realisedVolatility(const Column& returns, int window, bool annualised)
{
    const WindowSums sums(returns);
    const double scale = annualised ? std::sqrt(kSessionsPerYear) : 1.0;
    Column out(returns.size(), kNaN);
    for (std::size_t i = 0; i < returns.size(); ++i)
        out[i] = sums.sampleStd(i, window, window) * scale;
    return out;
}

double corwinSchultzSpread(const DailyBars& bars, std::size_t i)
{
    double high = bars.high[i], low = bars.low[i];
    const double previousClose = bars.close[i - 1];
    if (low > previousClose) {
        high -= low - previousClose;
        low = previousClose;
    } else if (high < previousClose) {
        low += previousClose - high;
        high = previousClose;
    }
    const bool adjusted = high != bars.high[i];
    const double logHigh = adjusted ? std::log(high) : bars.logHigh[i];
    const double logLow = adjusted ? std::log(low) : bars.logLow[i];
    const double first = bars.logHigh[i - 1] - bars.logLow[i - 1];
    const double second = logHigh - logLow;
    const double beta = first * first + second * second;
    const double joint = std::max(bars.logHigh[i - 1], logHigh) - std::min(bars.logLow[i - 1], logLow);
    const double gamma = joint * joint;
    const double k = 3.0 - 2.0 * std::sqrt(2.0);
    const double alpha = (std::sqrt(2.0 * beta) - std::sqrt(beta)) / k - std::sqrt(gamma / k);
    const double growth = std::exp(alpha);
    return std::max(2.0 * (growth - 1.0) / (1.0 + growth), 0.0);
}

}  // namespace aegis::engines
