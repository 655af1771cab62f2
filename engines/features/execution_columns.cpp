#include "engines/features/indicators.h"
#include "engines/features/ticker_columns.h"

#include <cmath>

namespace aegis::engines {

namespace {

constexpr int kWindow = 20;
constexpr int kAmihudMinSessions = 15;
constexpr double kRupeesPerCrore = 1e7;

// Abdi & Ranaldo (2017) two-session term 4 (c[i-1] - eta[i-1]) (c[i-1] - eta[i]) in log prices.
double abdiRanaldoTerm(const DailyBars& bars, std::size_t i)
{
    const double close = bars.logClose[i - 1];
    const double midBefore = 0.5 * (bars.logHigh[i - 1] + bars.logLow[i - 1]);
    const double midAfter = 0.5 * (bars.logHigh[i] + bars.logLow[i]);
    return 4.0 * (close - midBefore) * (close - midAfter);
}

}  // namespace

void addVolumeColumns(const DailyBars& bars, ColumnSink& sink)
{
    const std::size_t n = bars.size();
    Column logVolume(n, kNaN), tradedValue(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (bars.volume[i] > 0.0)
            logVolume[i] = std::log(bars.volume[i]);
        tradedValue[i] = std::log(bars.close[i] * bars.volume[i]);
    }
    const WindowSums sums(logVolume);
    Column z(n, kNaN);
    for (std::size_t i = 1; i < n; ++i)
        z[i] = (logVolume[i] - sums.mean(i - 1, kWindow, kWindow)) / sums.sampleStd(i - 1, kWindow, kWindow);
    sink.put("volume_z_20", z);
    sink.put("traded_value_ln", tradedValue);
}

void addExecutionColumns(const DailyBars& bars, ColumnSink& sink)
{
    const std::size_t n = bars.size();
    const Column ret1 = lagDifference(bars.logClose, 1);

    Column illiquidity(n, kNaN), tradedValue(n), csSpread(n, kNaN), arTerm(n, kNaN);
    for (std::size_t i = 0; i < n; ++i) {
        tradedValue[i] = bars.close[i] * bars.volume[i];
        if (i == 0)
            continue;
        if (bars.volume[i] > 0.0)
            illiquidity[i] = std::abs(ret1[i]) / tradedValue[i];
        csSpread[i] = corwinSchultzSpread(bars, i);
        arTerm[i] = abdiRanaldoTerm(bars, i);
    }
    const WindowSums illiquiditySums(illiquidity), valueSums(tradedValue), csSums(csSpread), arSums(arTerm),
        volumeSums(bars.volume);

    Column amihud(n), adv(n), cs(n), ar(n), signedVolume(n, kNaN), returnBps(n);
    for (std::size_t i = 0; i < n; ++i) {
        amihud[i] = std::log(kRupeesPerCrore * illiquiditySums.mean(i, kWindow, kAmihudMinSessions));
        adv[i] = std::log(valueSums.mean(i, kWindow, kWindow));
        cs[i] = csSums.mean(i, kWindow, kWindow);
        const double arMean = arSums.mean(i, kWindow, kWindow);
        ar[i] = std::isnan(arMean) ? kNaN : std::sqrt(std::max(0.0, arMean));
        returnBps[i] = ret1[i] * 1e4;
        if (i >= 1 && std::isfinite(ret1[i])) {
            const double relative = bars.volume[i] / volumeSums.mean(i - 1, kWindow, kWindow);
            const double sign = ret1[i] > 0.0 ? 1.0 : (ret1[i] < 0.0 ? -1.0 : 0.0);
            signedVolume[i] = sign * std::sqrt(relative);
        }
    }
    const WindowCovariance kyle(signedVolume, returnBps);
    Column lambda(n);
    for (std::size_t i = 0; i < n; ++i)
        lambda[i] = kyle.slopeOfYOnX(i, kWindow, kWindow);

    sink.put("amihud_ln_20", amihud);
    sink.put("cs_spread_20", cs);
    sink.put("ar_spread_20", ar);
    sink.put("kyle_lambda_20", lambda);
    sink.put("adv_ln_20", adv);
}

}  // namespace aegis::engines
