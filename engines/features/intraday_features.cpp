#include "engines/features/intraday_features.h"

#include "engines/features/column_sink.h"
#include "engines/features/feature_table.h"

#include <QTime>

#include <array>
#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <vector>

namespace aegis::engines {

namespace {

constexpr std::int64_t kIstOffsetSeconds = 5 * 3600 + 30 * 60;
constexpr int kOpenMinuteOfDay = 9 * 60 + 15;
constexpr int kSessionMinutes = 375;

struct GammaWindow {
    const char* suffix;
    int begin;  // minutes after 09:15
    int end;
};
constexpr std::array<GammaWindow, 6> kWindows = {{
    {"0915_0945", 0, 30},
    {"0945_1045", 30, 90},
    {"1045_1200", 90, 165},
    {"1200_1400", 165, 285},
    {"1400_1500", 285, 345},
    {"1500_1530", 345, 375},
}};
static_assert(kWindows.size() == std::tuple_size_v<decltype(IntradayFeatures::movementPercentile)>);

QDate istDate(std::int64_t utc)
{
    const std::int64_t istSeconds = utc + kIstOffsetSeconds;
    const std::int64_t days = istSeconds >= 0 ? istSeconds / 86400 : (istSeconds - 86399) / 86400;
    return QDate(1970, 1, 1).addDays(days);
}

int minutesAfterOpen(std::int64_t utc)
{
    const std::int64_t istSeconds = utc + kIstOffsetSeconds;
    const std::int64_t secondOfDay = ((istSeconds % 86400) + 86400) % 86400;
    return static_cast<int>(secondOfDay / 60) - kOpenMinuteOfDay;
}

bool usable(const data::Bar& bar)
{
    return std::isfinite(bar.open) && std::isfinite(bar.high) && std::isfinite(bar.low) && std::isfinite(bar.close)
        && bar.open > 0 && bar.high > 0 && bar.low > 0 && bar.close > 0;
}

// What one session did up to a cutoff (minutes after 09:15); bars are counted by their end time.
struct SessionStats {
    double firstOpen = std::nan("");
    double lastClose = std::nan("");
    double squaredReturns = 0.0;
    double volume = 0.0;
    double priceVolume = 0.0;
    int bars = 0;
    std::array<double, kWindows.size()> windowVolume{};
    std::array<double, kWindows.size()> windowSquaredReturns{};
    double orbHigh15 = -INFINITY, orbLow15 = INFINITY, orbHigh30 = -INFINITY, orbLow30 = INFINITY;
};

SessionStats summarise(const std::vector<const data::Bar*>& bars, int length, int cutoff)
{
    SessionStats stats;
    for (const data::Bar* bar : bars) {
        const int start = minutesAfterOpen(bar->utc);
        if (start + length > cutoff)
            break;
        const double reference = stats.bars == 0 ? bar->open : stats.lastClose;
        const double logReturn = std::log(bar->close / reference);
        if (stats.bars == 0)
            stats.firstOpen = bar->open;
        stats.lastClose = bar->close;
        ++stats.bars;
        const double volume = std::isfinite(bar->volume) && bar->volume > 0 ? bar->volume : 0.0;
        stats.squaredReturns += logReturn * logReturn;
        stats.volume += volume;
        stats.priceVolume += (bar->high + bar->low + bar->close) / 3.0 * volume;
        for (std::size_t w = 0; w < kWindows.size(); ++w) {
            if (start >= kWindows[w].begin && start < kWindows[w].end) {
                stats.windowVolume[w] += volume;
                stats.windowSquaredReturns[w] += logReturn * logReturn;
            }
        }
        if (start >= 0 && start + length <= 15) {
            stats.orbHigh15 = std::max(stats.orbHigh15, bar->high);
            stats.orbLow15 = std::min(stats.orbLow15, bar->low);
        }
        if (start >= 0 && start + length <= 30) {
            stats.orbHigh30 = std::max(stats.orbHigh30, bar->high);
            stats.orbLow30 = std::min(stats.orbLow30, bar->low);
        }
    }
    return stats;
}

void putScalar(ColumnSink& sink, const std::string& name, double value)
{
    sink.put(name, Column{value});
}

void putOpeningRange(ColumnSink& sink, const std::string& prefix, double high, double low, double last,
                     bool rangeComplete)
{
    double sign = kNaN, excess = kNaN;
    if (rangeComplete && std::isfinite(high) && std::isfinite(low)) {
        sign = last > high ? 1.0 : (last < low ? -1.0 : 0.0);
        excess = last > high ? std::log(last / high) : (last < low ? std::log(last / low) : 0.0);
    }
    putScalar(sink, prefix + "_sign", sign);
    putScalar(sink, prefix + "_excess", excess);
}

double ratioToBaseline(double today, double baselineSum, int baselineCount)
{
    if (baselineCount == 0 || !(baselineSum > 0.0))
        return kNaN;
    return today / (baselineSum / baselineCount);
}

std::optional<double> shareBelow(double today, const std::vector<double>& baseline)
{
    if (baseline.empty())
        return std::nullopt;
    double below = 0.0;
    for (const double value : baseline)
        below += value < today ? 1.0 : (value == today ? 0.5 : 0.0);
    return below / static_cast<double>(baseline.size());
}

}  // namespace

IntradayFeatures buildIntradayFeatures(const data::BarSeries& series, std::int64_t nowUtc,
                                       std::optional<double> previousClose)
{
    const int barMinutes = int(data::intervalSeconds(series.interval) / 60);
    std::map<QDate, std::vector<const data::Bar*>> sessions;
    for (const data::Bar& bar : series.bars) {
        if (bar.utc + 60LL * barMinutes <= nowUtc && usable(bar))
            sessions[bar.session.isValid() ? bar.session : istDate(bar.utc)].push_back(&bar);
    }

    IntradayFeatures out;
    if (sessions.empty()) {
        out.frame = NamedFrame(series.symbol, {QDate()}, intradayFeatureSchema());
        return out;
    }
    const auto described = std::prev(sessions.end());
    out.session = described->first;
    const QDate today = istDate(nowUtc);
    const int nowMinute = minutesAfterOpen(nowUtc);
    const bool runningToday = out.session == today && nowMinute < kSessionMinutes;
    out.describesLastCompletedSession = out.session < today;
    out.sessionComplete = !runningToday;
    // Compare like with like: up to where the session's bars reach, not the clock. A snapshot taken
    // mid-session and never completed (the real NIFTY file ends at 13:57 on 2025-11-28) was measured
    // against its baseline's full sessions, so its realised variance read 0.74x usual.
    int barsEnd = 0;
    for (const data::Bar* bar : described->second)
        barsEnd = std::max(barsEnd, minutesAfterOpen(bar->utc) + barMinutes);
    out.cutoffMinute = std::clamp(std::min(runningToday ? nowMinute : kSessionMinutes, barsEnd), 0, kSessionMinutes);
    out.endsBeforeClose = out.sessionComplete && out.cutoffMinute < kSessionMinutes;

    const SessionStats todayStats = summarise(described->second, barMinutes, out.cutoffMinute);
    SessionStats baselineTotals;
    std::array<std::vector<double>, kWindows.size()> baselineWindowSquaredReturns;
    double previousSessionClose = kNaN;
    for (auto it = described; it != sessions.begin() && out.baselineSessions < kIntradayBaselineSessions;) {
        --it;
        const SessionStats stats = summarise(it->second, barMinutes, out.cutoffMinute);
        if (out.baselineSessions == 0)
            previousSessionClose = it->second.back()->close;
        ++out.baselineSessions;
        baselineTotals.squaredReturns += stats.squaredReturns;
        for (std::size_t w = 0; w < kWindows.size(); ++w) {
            baselineTotals.windowVolume[w] += stats.windowVolume[w];
            baselineTotals.windowSquaredReturns[w] += stats.windowSquaredReturns[w];
            baselineWindowSquaredReturns[w].push_back(stats.windowSquaredReturns[w]);
        }
    }
    if (previousClose)
        previousSessionClose = *previousClose;

    out.frame = NamedFrame(series.symbol, {out.session}, intradayFeatureSchema());
    ColumnSink sink(out.frame);
    const int n = out.baselineSessions;
    const double last = todayStats.lastClose;
    putScalar(sink, "session_progress", static_cast<double>(out.cutoffMinute) / kSessionMinutes);
    putScalar(sink, "baseline_sessions", n);
    putScalar(sink, "gap_prev_close", std::log(todayStats.firstOpen / previousSessionClose));
    putOpeningRange(sink, "orb15", todayStats.orbHigh15, todayStats.orbLow15, last, out.cutoffMinute >= 15);
    putOpeningRange(sink, "orb30", todayStats.orbHigh30, todayStats.orbLow30, last, out.cutoffMinute >= 30);
    putScalar(sink, "rv_tod_ratio", std::sqrt(ratioToBaseline(todayStats.squaredReturns, baselineTotals.squaredReturns, n)));
    putScalar(sink, "vwap_dist",
              todayStats.volume > 0.0 ? std::log(last / (todayStats.priceVolume / todayStats.volume)) : kNaN);
    for (std::size_t w = 0; w < kWindows.size(); ++w) {
        const bool started = out.cutoffMinute > kWindows[w].begin;
        const std::string suffix = kWindows[w].suffix;
        putScalar(sink, "activity_" + suffix,
                  started ? ratioToBaseline(todayStats.windowVolume[w], baselineTotals.windowVolume[w], n) : kNaN);
        putScalar(sink, "movement_" + suffix,
                  started ? ratioToBaseline(todayStats.windowSquaredReturns[w], baselineTotals.windowSquaredReturns[w], n)
                          : kNaN);
        // Same condition as the ratio: a baseline that never moved in the window ranks nothing.
        if (started && baselineTotals.windowSquaredReturns[w] > 0.0)
            out.movementPercentile[w] = shareBelow(todayStats.windowSquaredReturns[w], baselineWindowSquaredReturns[w]);
    }
    sink.requireComplete();
    return out;
}

QString cutoffClockText(const IntradayFeatures& features)
{
    return QTime(0, 0).addSecs(60 * (kOpenMinuteOfDay + features.cutoffMinute)).toString(QStringLiteral("HH:mm"));
}

}  // namespace aegis::engines
