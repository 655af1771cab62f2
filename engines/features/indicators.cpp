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
    const double first = std::log(bars.high[i - 1] / bars.low[i - 1]);
    const double second = std::log(high / low);
    const double beta = first * first + second * second;
    const double joint = std::log(std::max(bars.high[i - 1], high) / std::min(bars.low[i - 1], low));
    const double gamma = joint * joint;
    const double k = 3.0 - 2.0 * std::sqrt(2.0);
    const double alpha = (std::sqrt(2.0 * beta) - std::sqrt(beta)) / k - std::sqrt(gamma / k);
    const double spread = 2.0 * (std::exp(alpha) - 1.0) / (1.0 + std::exp(alpha));
    return std::max(spread, 0.0);
}

}  // namespace aegis::engines
