#include "engines/labels/labels.h"

#include "engines/features/column_sink.h"
#include "engines/features/daily_bars.h"
#include "engines/features/indicators.h"
#include "engines/labels/label_table.h"

#include "data/calendar/nse_calendar.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numbers>

namespace aegis::engines {

ImpliedVolatility::ImpliedVolatility(std::vector<QDate> dates, std::vector<double> annualised)
    : dates_(std::move(dates)), values_(std::move(annualised))
{
}

ImpliedVolatility ImpliedVolatility::fromVix(const data::BarSeries& vix)
{
    // The rows the features' market context reads VIX from: a holiday filler (flat, no volume) is no
    // more an implied vol for the labels than it is for the features.
    const DailyBars clean = cleanDailyBars(vix);
    std::vector<double> values;
    values.reserve(clean.size());
    for (double close : clean.close)
        values.push_back(close / 100.0);
    return ImpliedVolatility(clean.dates, std::move(values));
}

double ImpliedVolatility::at(QDate date) const
{
    const auto found = std::lower_bound(dates_.begin(), dates_.end(), date);
    if (found == dates_.end() || *found != date)
        return kNaN;
    return values_[static_cast<std::size_t>(found - dates_.begin())];
}

namespace {

struct LabelContext {
    const DailyBars& bars;
    Column sigmaDaily;   // trailing sd of ret_1 over 20 sessions, known at t
    Column sigmaAnnual;  // implied when known at t, else sigmaDaily x sqrt(252)
    Column isImplied;
    Column impliedOnly;  // implied vol at t, NaN when none
    std::vector<int> sessionOrdinal;  // NSE sessions from the first row's date to each row's

    std::size_t size() const { return bars.size(); }
    // Row t+h exists and lies within h sessions of t, up to kLabelMissingSessionsAllowed more.
    bool hasFuture(std::size_t t, int h) const
    {
        const std::size_t end = t + static_cast<std::size_t>(h);
        return end < bars.size() && sessionOrdinal[end] - sessionOrdinal[t] <= h + kLabelMissingSessionsAllowed;
    }
    double forwardReturn(std::size_t t, int h) const
    {
        return bars.logClose[t + static_cast<std::size_t>(h)] - bars.logClose[t];
    }
};

void addDirectionAndMove(const LabelContext& ctx, ColumnSink& sink)
{
    for (int h : kDirectionHorizons) {
        Column direction(ctx.size(), kNaN), move(ctx.size(), kNaN);
        for (std::size_t t = 0; t < ctx.size(); ++t) {
            if (!ctx.hasFuture(t, h))
                continue;
            const double r = ctx.forwardReturn(t, h);
            move[t] = std::abs(r);
            const double deadZone = kDirectionDeadZone * ctx.sigmaDaily[t] * std::sqrt(static_cast<double>(h));
            if (std::isfinite(deadZone))
                direction[t] = r > deadZone ? 1.0 : (r < -deadZone ? -1.0 : 0.0);
        }
        sink.put("direction_" + std::to_string(h), direction);
        sink.put("move_" + std::to_string(h), move);
    }
}

// 1/0 per multiple k when the path's extremes over t+1..t+H leave the +-k sigma sqrt(H/252) band
// around C[t]; `pathLogHigh`/`pathLogLow` are ln of max H and min L over those sessions.
void markBreaches(const LabelContext& ctx, std::size_t t, int horizon, double pathLogHigh, double pathLogLow,
                  std::vector<Column*>& byMultiple)
{
    const double unit = ctx.sigmaAnnual[t] * std::sqrt(horizon / kSessionsPerYear);
    if (!std::isfinite(unit))
        return;
    const double up = pathLogHigh - ctx.bars.logClose[t];
    const double down = pathLogLow - ctx.bars.logClose[t];
    for (std::size_t m = 0; m < byMultiple.size(); ++m) {
        const double band = kBreachMultiples[m] * unit;
        (*byMultiple[m])[t] = up >= band || down <= -band ? 1.0 : 0.0;
    }
}

void addBreaches(const LabelContext& ctx, const QString& underlying, ColumnSink& sink)
{
    constexpr std::size_t multiples = std::size(kBreachMultiples);
    std::vector<Column> columns(multiples, Column(ctx.size(), kNaN));
    std::vector<Column*> targets;
    for (Column& column : columns)
        targets.push_back(&column);
    auto store = [&](const std::string& horizonText) {
        for (std::size_t m = 0; m < multiples; ++m) {
            sink.put(breachName(horizonText, kBreachMultiples[m]), columns[m]);
            columns[m].assign(ctx.size(), kNaN);
        }
    };

    for (int h : kBreachHorizons) {
        // Rolling extremes ending at t+h cover exactly t+1..t+h.
        const Column highs = rollingMax(ctx.bars.logHigh, h), lows = rollingMin(ctx.bars.logLow, h);
        for (std::size_t t = 0; t < ctx.size(); ++t) {
            if (!ctx.hasFuture(t, h))
                continue;
            const std::size_t end = t + static_cast<std::size_t>(h);
            markBreaches(ctx, t, h, highs[end], lows[end], targets);
        }
        store(std::to_string(h));
    }

    // To expiry: the band uses H = NSE sessions in (t, expiry]; the path is the stored rows dated in
    // (t, expiry], known once a row dated on or after the expiry exists.
    const data::NseCalendar& calendar = data::NseCalendar::instance();
    const std::vector<QDate>& dates = ctx.bars.dates;
    for (std::size_t t = 0; t < ctx.size(); ++t) {
        const std::optional<QDate> expiry = calendar.nearestExpiry(underlying, dates[t]);
        const int h = expiry ? calendar.sessionCount(dates[t], *expiry) : 0;
        if (h <= 0 || dates.back() < *expiry)
            continue;
        const auto end = static_cast<std::size_t>(std::upper_bound(dates.begin(), dates.end(), *expiry) - dates.begin());
        if (end <= t + 1)
            continue;  // no stored session before the expiry
        // A suspension inside the span: the path would jump across it (the fixed horizons' rule).
        if (h - static_cast<int>(end - 1 - t) > kLabelMissingSessionsAllowed)
            continue;
        double pathHigh = ctx.bars.logHigh[t + 1], pathLow = ctx.bars.logLow[t + 1];
        for (std::size_t j = t + 2; j < end; ++j) {
            pathHigh = std::max(pathHigh, ctx.bars.logHigh[j]);
            pathLow = std::min(pathLow, ctx.bars.logLow[j]);
        }
        markBreaches(ctx, t, h, pathHigh, pathLow, targets);
    }
    store("exp");
}

void addBreakouts(const LabelContext& ctx, ColumnSink& sink)
{
    const Column atr = averageTrueRange(ctx.bars, 14);
    Column spike(ctx.size(), kNaN);
    for (int d = 1; d <= kBreakoutDays; ++d) {
        Column column(ctx.size(), kNaN);
        for (std::size_t t = 0; t < ctx.size(); ++t) {
            if (!ctx.hasFuture(t, d) || !std::isfinite(atr[t]))
                continue;
            const std::size_t j = t + static_cast<std::size_t>(d);
            column[t] = ctx.bars.high[j] - ctx.bars.low[j] > kBreakoutAtrMultiple * atr[t] ? 1.0 : 0.0;
            if (d == 1 && column[t] == 1.0)
                spike[t] = ctx.bars.close[j] > ctx.bars.open[j] ? 1.0 : 0.0;
        }
        sink.put("breakout_" + std::to_string(d), column);
    }
    sink.put("spike_up", spike);
}

void addVolatilityOutcomes(const LabelContext& ctx, ColumnSink& sink)
{
    const double straddleFactor = std::sqrt(2.0 / std::numbers::pi);
    for (int h : kThetaHorizons) {
        Column column(ctx.size(), kNaN);
        for (std::size_t t = 0; t < ctx.size(); ++t) {
            const double implied = straddleFactor * ctx.sigmaAnnual[t] * std::sqrt(h / kSessionsPerYear);
            if (ctx.hasFuture(t, h) && std::isfinite(implied))
                column[t] = std::abs(ctx.forwardReturn(t, h)) > implied ? 1.0 : 0.0;
        }
        sink.put("theta_edge_" + std::to_string(h), column);
    }

    const Column ret1 = lagDifference(ctx.bars.logClose, 1);
    const WindowSums returns(ret1);
    Column setup(ctx.size(), kNaN), trap(ctx.size(), kNaN);
    for (std::size_t t = 0; t < ctx.size(); ++t) {
        const double trailing = ctx.sigmaDaily[t] * std::sqrt(kSessionsPerYear);
        if (!std::isfinite(ctx.impliedOnly[t]) || !(trailing > 0.0))
            continue;
        setup[t] = ctx.impliedOnly[t] / trailing >= kTrapIvRvThreshold ? 1.0 : 0.0;
        if (!ctx.hasFuture(t, kTrapHorizon))
            continue;
        const double forward = returns.sampleStd(t + kTrapHorizon, kTrapHorizon, kTrapHorizon) * std::sqrt(kSessionsPerYear);
        if (std::isfinite(forward))
            trap[t] = setup[t] == 1.0 && forward > kTrapExpansion * trailing ? 1.0 : 0.0;
    }
    sink.put("trap_setup", setup);
    sink.put("trap", trap);
}

void addExecutionCost(const LabelContext& ctx, ColumnSink& sink)
{
    const DailyBars& bars = ctx.bars;
    for (double order : kOrderSizesInr) {
        Column cost(ctx.size(), kNaN);
        for (std::size_t t = 0; t < ctx.size(); ++t) {
            if (!ctx.hasFuture(t, 1))
                continue;
            const std::size_t j = t + 1;
            const double tradedValue = bars.close[j] * bars.volume[j];
            if (!(tradedValue > 0.0))
                continue;
            const double sessionVol = (bars.logHigh[j] - bars.logLow[j]) / std::sqrt(4.0 * std::log(2.0));
            const double impact = kImpactCoefficient * sessionVol * std::sqrt(order / tradedValue);
            cost[t] = 1e4 * (corwinSchultzSpread(bars, j) / 2.0 + impact);
        }
        sink.put(execCostName(order), cost);
    }
    sink.put("exec_regime", Column(ctx.size(), kNaN));
}

}  // namespace

LabelFrame buildLabels(const data::BarSeries& ticker, const LabelInputs& inputs)
{
    const DailyBars bars = cleanDailyBars(ticker);
    LabelFrame frame(ticker.symbol, bars.dates, labelSchema());
    frame.dropped = bars.dropped;

    LabelContext ctx{bars, realisedVolatility(lagDifference(bars.logClose, 1), 20, false), {}, {}, {}, {}};
    const data::NseCalendar& calendar = data::NseCalendar::instance();
    for (const QDate& date : bars.dates)
        ctx.sessionOrdinal.push_back(calendar.sessionCount(bars.dates.front(), date));
    ctx.sigmaAnnual.resize(bars.size());
    ctx.isImplied.resize(bars.size());
    ctx.impliedOnly.resize(bars.size());
    for (std::size_t t = 0; t < bars.size(); ++t) {
        const double implied = inputs.impliedVolatility ? inputs.impliedVolatility->at(bars.dates[t]) : kNaN;
        const bool useImplied = std::isfinite(implied) && implied > 0.0;
        ctx.impliedOnly[t] = useImplied ? implied : kNaN;
        ctx.sigmaAnnual[t] = useImplied ? implied : ctx.sigmaDaily[t] * std::sqrt(kSessionsPerYear);
        ctx.isImplied[t] = std::isfinite(ctx.sigmaAnnual[t]) ? (useImplied ? 1.0 : 0.0) : kNaN;
    }

    ColumnSink sink(frame);
    sink.put("sigma_annual", ctx.sigmaAnnual);
    sink.put("sigma_is_implied", ctx.isImplied);
    addDirectionAndMove(ctx, sink);
    addBreaches(ctx, inputs.expiryUnderlying.isEmpty() ? ticker.symbol : inputs.expiryUnderlying, sink);
    addBreakouts(ctx, sink);
    addVolatilityOutcomes(ctx, sink);
    addExecutionCost(ctx, sink);
    sink.requireComplete();
    return frame;
}

}  // namespace aegis::engines
