#include "engines/features/indicators.h"
#include "engines/features/ticker_columns.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace aegis::engines {

namespace {

const double kSqrtYear = std::sqrt(kSessionsPerYear);
constexpr int kBreakoutRateWindow = 250;
constexpr int kBreakoutRateMinimum = 60;
// The coming week a year (a quarter) earlier: calendar days after t's date, shifted back.
constexpr int kEchoFirstDay = 1;
constexpr int kEchoLastDay = 8;

void addReturnsAndVolatility(const DailyBars& bars, const Column& ret1, ColumnSink& sink)
{
    for (int lag : {1, 5, 10, 20, 60})
        sink.put("ret_" + std::to_string(lag), lagDifference(bars.logClose, lag));
    for (int window : {5, 10, 20, 60})
        sink.put("rv_" + std::to_string(window), realisedVolatility(ret1, window, true));

    const std::size_t n = bars.size();
    Column rangeSquared(n), garmanKlassTerm(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double hl = bars.logHigh[i] - bars.logLow[i];
        const double co = bars.logClose[i] - bars.logOpen[i];
        rangeSquared[i] = hl * hl;
        garmanKlassTerm[i] = 0.5 * hl * hl - (2.0 * std::log(2.0) - 1.0) * co * co;
    }
    const WindowSums range(rangeSquared), garmanKlass(garmanKlassTerm);
    Column parkinson(n), gk(n);
    for (std::size_t i = 0; i < n; ++i) {
        parkinson[i] = std::sqrt(range.mean(i, 20, 20) / (4.0 * std::log(2.0))) * kSqrtYear;
        const double gkMean = garmanKlass.mean(i, 20, 20);
        gk[i] = std::isnan(gkMean) ? kNaN : std::sqrt(std::max(0.0, gkMean)) * kSqrtYear;
    }
    sink.put("parkinson_vol_20", parkinson);
    sink.put("garman_klass_vol_20", gk);
}

// Results, budgets and policy meetings come round in the same weeks each year (and results each
// quarter), and daily bars carry no event calendar. The largest of a session's `surprise` among the
// sessions dated 1 to 8 days after t's date minus `lagDays`: how eventful the coming week was a year (a
// quarter) ago. Only data dated before t is read; NaN until the whole window lies inside the history.
Column eventEcho(const DailyBars& bars, const Column& surprise, int lagDays)
{
    const std::size_t n = bars.size();
    Column echo(n, kNaN);
    for (std::size_t i = 0; i < n; ++i) {
        const QDate from = bars.dates[i].addDays(kEchoFirstDay - lagDays);
        const QDate to = bars.dates[i].addDays(kEchoLastDay - lagDays);
        if (from < bars.dates.front())
            continue;
        double largest = kNaN;
        for (auto s = std::size_t(std::lower_bound(bars.dates.begin(), bars.dates.end(), from) - bars.dates.begin());
             s < n && bars.dates[s] <= to; ++s) {
            if (!std::isnan(surprise[s]))
                largest = std::isnan(largest) ? surprise[s] : std::max(largest, surprise[s]);
        }
        echo[i] = largest;
    }
    return echo;
}

void addEventEchoes(const DailyBars& bars, const Column& range, const Column& atr, ColumnSink& sink)
{
    const std::size_t n = bars.size();
    Column rangeSurprise(n, kNaN);
    for (std::size_t s = 1; s < n; ++s) {
        if (atr[s - 1] > 0.0)
            rangeSurprise[s] = range[s] / atr[s - 1];
    }
    sink.put("echo_range_atr_365", eventEcho(bars, rangeSurprise, 365));
    sink.put("echo_range_atr_91", eventEcho(bars, rangeSurprise, 91));
}

// Recent high-low ranges in units of ATR14. A breakout is a range above 1.5 x ATR14 and ATR14 is a slow
// average of true ranges, which include overnight gaps: these ratios say how far ordinary ranges sit
// from that bar today (fresh range expansion, or an ATR inflated by gaps or one old shock).
void addAtrRelativeRanges(const DailyBars& bars, const Column& atr, ColumnSink& sink)
{
    const std::size_t n = bars.size();
    Column range(n);
    for (std::size_t i = 0; i < n; ++i)
        range[i] = bars.high[i] - bars.low[i];
    const WindowSums ranges(range);
    for (int window : {1, 5, 20}) {
        Column ratio(n, kNaN);
        for (std::size_t i = 0; i < n; ++i) {
            if (atr[i] > 0.0)
                ratio[i] = ranges.mean(i, window, window) / atr[i];
        }
        sink.put("range_atr_" + std::to_string(window), ratio);
    }

    // How often this ticker's own sessions broke out lately: a pooled model cannot know which stocks
    // jump on news and which drift, and the rate is known at each close (session s against ATR14[s-1]).
    const WindowSums breakouts(breakoutSessions(bars, atr));
    Column breakoutRate(n);
    for (std::size_t i = 0; i < n; ++i)
        breakoutRate[i] = breakouts.mean(i, std::min(int(i) + 1, kBreakoutRateWindow), kBreakoutRateMinimum);
    sink.put("breakout_rate_250", breakoutRate);
    addEventEchoes(bars, range, atr, sink);
}

void addWilderColumns(const DailyBars& bars, ColumnSink& sink)
{
    const std::size_t n = bars.size();
    const Column atr = averageTrueRange(bars, 14);
    Column atrFraction(n);
    for (std::size_t i = 0; i < n; ++i)
        atrFraction[i] = atr[i] / bars.close[i];
    sink.put("atr14_frac", atrFraction);
    addAtrRelativeRanges(bars, atr, sink);

    Column gains(n, kNaN), losses(n, kNaN);
    for (std::size_t i = 1; i < n; ++i) {
        const double change = bars.close[i] - bars.close[i - 1];
        gains[i] = std::max(change, 0.0);
        losses[i] = std::max(-change, 0.0);
    }
    const Column averageGain = wilder(gains, 14), averageLoss = wilder(losses, 14);
    Column rsi(n, kNaN);
    for (std::size_t i = 0; i < n; ++i) {
        if (std::isnan(averageGain[i]))
            continue;
        if (averageLoss[i] == 0.0)
            rsi[i] = averageGain[i] == 0.0 ? 50.0 : 100.0;
        else
            rsi[i] = 100.0 - 100.0 / (1.0 + averageGain[i] / averageLoss[i]);
    }
    sink.put("rsi_14", rsi);
}

void addTrendColumns(const DailyBars& bars, ColumnSink& sink)
{
    const std::size_t n = bars.size();
    for (int period : {20, 50}) {
        const Column average = ema(bars.close, period);
        Column distance(n), slope = logRatioLag(average, 5);
        for (std::size_t i = 0; i < n; ++i) {
            distance[i] = bars.logClose[i] - std::log(average[i]);
            slope[i] /= 5.0;
        }
        const std::string prefix = "ema" + std::to_string(period);
        sink.put(prefix + "_dist", distance);
        sink.put(prefix + "_slope", slope);
    }

    const Column fast = ema(bars.close, 12), slow = ema(bars.close, 26);
    Column macd(n);
    for (std::size_t i = 0; i < n; ++i)
        macd[i] = fast[i] - slow[i];
    const Column signal = ema(macd, 9);
    Column macdFraction(n), signalFraction(n), histogramFraction(n);
    for (std::size_t i = 0; i < n; ++i) {
        macdFraction[i] = macd[i] / bars.close[i];
        signalFraction[i] = signal[i] / bars.close[i];
        histogramFraction[i] = (macd[i] - signal[i]) / bars.close[i];
    }
    sink.put("macd_frac", macdFraction);
    sink.put("macd_signal_frac", signalFraction);
    sink.put("macd_hist_frac", histogramFraction);
}

// Direct 20-term sums: prefix sums of raw prices would lose precision on a near-flat series.
void addBollingerColumns(const DailyBars& bars, ColumnSink& sink)
{
    constexpr std::size_t window = 20;
    const std::size_t n = bars.size();
    Column percentB(n, kNaN), width(n, kNaN);
    for (std::size_t i = window - 1; i < n; ++i) {
        double sum = 0.0;
        for (std::size_t j = i + 1 - window; j <= i; ++j)
            sum += bars.close[j];
        const double mean = sum / window;
        double squares = 0.0;
        for (std::size_t j = i + 1 - window; j <= i; ++j)
            squares += (bars.close[j] - mean) * (bars.close[j] - mean);
        const double sd = std::sqrt(squares / window);
        percentB[i] = (bars.close[i] - (mean - 2.0 * sd)) / (4.0 * sd);
        width[i] = 4.0 * sd / mean;
    }
    sink.put("bollinger_pctb_20", percentB);
    sink.put("bollinger_width_20", width);
}

void addRangeColumns(const DailyBars& bars, ColumnSink& sink)
{
    const std::size_t n = bars.size();
    Column logRange(n);
    for (std::size_t i = 0; i < n; ++i)
        logRange[i] = bars.logHigh[i] - bars.logLow[i];
    const WindowSums ranges(logRange);
    Column compression(n);
    for (std::size_t i = 0; i < n; ++i)
        compression[i] = ranges.mean(i, 10, 10) / ranges.mean(i, 60, 60);
    sink.put("range_compression_10_60", compression);

    const Column priorHigh = shift(rollingMax(bars.logHigh, 20), 1);  // logs: max commutes with ln
    const Column priorLow = shift(rollingMin(bars.logLow, 20), 1);
    Column highDistance(n), lowDistance(n), up(n, kNaN), down(n, kNaN);
    for (std::size_t i = 0; i < n; ++i) {
        highDistance[i] = bars.logClose[i] - priorHigh[i];
        lowDistance[i] = bars.logClose[i] - priorLow[i];
        if (!std::isnan(priorHigh[i])) {
            up[i] = highDistance[i] > 0.0 ? 1.0 : 0.0;
            down[i] = lowDistance[i] < 0.0 ? 1.0 : 0.0;
        }
    }
    sink.put("breakout_high_20", highDistance);
    sink.put("breakout_low_20", lowDistance);
    sink.put("breakout_up_20", up);
    sink.put("breakout_down_20", down);

    Column gap(n, kNaN);
    for (std::size_t i = 1; i < n; ++i)
        gap[i] = bars.logOpen[i] - bars.logClose[i - 1];
    sink.put("gap_overnight", gap);

    const Column peak = rollingMax(bars.logClose, 252);
    Column drawdown(n);
    for (std::size_t i = 0; i < n; ++i)
        drawdown[i] = bars.logClose[i] - peak[i];
    sink.put("drawdown_252", drawdown);
}

}  // namespace

void addPriceColumns(const DailyBars& bars, ColumnSink& sink)
{
    const Column ret1 = lagDifference(bars.logClose, 1);
    addReturnsAndVolatility(bars, ret1, sink);
    addWilderColumns(bars, sink);
    addTrendColumns(bars, sink);
    addBollingerColumns(bars, sink);
    addRangeColumns(bars, sink);
}

}  // namespace aegis::engines
