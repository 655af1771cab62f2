#pragma once

// The market regime shown in report.market.regime, measured on NIFTY's daily closes. Two measured
// quantities decide it (docs/engine-direction.md):
//   volatility percentile: India VIX's 252-session percentile when known, else NIFTY rv_20's;
//   trend: the 20-session log return (direction) and Kaufman's efficiency ratio
//          |ln(C[t] / C[t-20])| / sum of |ln(C[i] / C[i-1])| over the same 20 sessions (strength, 0..1;
//          about 0.18 for a random walk, 1 for a straight line).

#include "engines/features/market_context.h"

#include "data/core/market_types.h"

#include <QDate>
#include <QString>

#include <optional>

namespace aegis::engines {

enum class MarketRegime { LowVolBull, HighVolBear, SidewaysChop, TrendFollowing };

QString toString(MarketRegime regime);  // LOW_VOL_BULL, HIGH_VOL_BEAR, SIDEWAYS_CHOP, TREND_FOLLOWING

inline constexpr int kRegimeTrendSessions = 20;
inline constexpr double kHighVolPercentile = 0.70;   // at or above: volatility is high
inline constexpr double kLowVolPercentile = 0.50;    // at or below: volatility is low
inline constexpr double kTrendingEfficiency = 0.40;  // at or above: a persistent trend
inline constexpr int kMinimumPercentileHistory = 120;
// Sessions a realised-vol percentile needs: kMinimumPercentileHistory known 20-session vols.
inline constexpr int kRealisedPercentileSessions = kMinimumPercentileHistory + kRegimeTrendSessions;

struct RegimeInputs {
    double volatilityPercentile = 0.5;  // 0..1
    QString volatilitySource;           // "india_vix" or "nifty_rv_20"
    double trendReturn = 0.0;           // ln(C[t] / C[t-20])
    double trendEfficiency = 0.0;       // 0..1
    QDate asOf;
};

// First rule that holds: HIGH_VOL_BEAR (volatility percentile >= 0.70 and a falling 20-session
// return), TREND_FOLLOWING (efficiency >= 0.40, either direction), LOW_VOL_BULL (percentile <= 0.50 and a
// rising return), else SIDEWAYS_CHOP.
MarketRegime classifyRegime(const RegimeInputs& inputs);

// Measures the inputs on `closes` (final daily bars of the index, ascending) as of `asOf` (the last
// bar dated on or before it), taking the VIX percentile from `market` when it has one that day.
// Nothing when there are fewer than kMinimumPercentileHistory bars to measure on.
std::optional<RegimeInputs> measureRegime(const data::BarSeries& index, const MarketContext& market, QDate asOf);

// The final daily bars measureRegime() has to measure on as of `asOf`.
int regimeHistorySessions(const data::BarSeries& index, QDate asOf);

}  // namespace aegis::engines
