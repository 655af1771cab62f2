#pragma once

// The buyer engine's rules, free of models so each can be tested on constructed inputs. Thresholds and
// their reasons: docs/engine-buyer.md.

#include "engines/report/report_model.h"

#include <QString>

#include <optional>
#include <vector>

namespace aegis::engines {

// LOW / MEDIUM / HIGH relative to the breakout base rate.
inline constexpr double kBreakoutHighRatio = 1.25;
inline constexpr double kBreakoutLowRatio = 0.80;
QString breakoutLabel(double probability, double baseRate);

// P(an ATM straddle held h sessions ends worth more than it cost, before costs).
inline constexpr double kThetaEdgeAt = 0.50;
inline constexpr double kThetaBorderlineAt = 0.40;
QString thetaEdgeLabel(double probability);

// Statistics of the last `sessions` daily log returns.
struct RegimeStatistics {
    double lag1Autocorrelation = 0.0;
    double varianceRatio5 = 0.0;   // var(overlapping 5-session sums) / (5 var(1-session)), Lo-MacKinlay unbiased
    double trendStrength = 0.0;    // |mean| / (sd / sqrt(n)): the drift's t-statistic
};
inline constexpr int kRegimeSessions = 60;
std::optional<RegimeStatistics> regimeStatistics(const std::vector<double>& closes, int sessions = kRegimeSessions);

// TREND_FOLLOWING: trend t ≥ 2, or VR5 ≥ 1.25 with positive lag-1 autocorrelation.
// MEAN_REVERT: VR5 ≤ 0.75 or lag-1 autocorrelation ≤ −0.13 (one standard error at n = 60).
// CHOPPY: neither.
inline constexpr double kTrendStrengthAt = 2.0;
inline constexpr double kTrendVarianceRatioAt = 1.25;
inline constexpr double kMeanRevertVarianceRatioAt = 0.75;
inline constexpr double kMeanRevertAutocorrelationAt = -0.13;
QString buyerRegime(const RegimeStatistics& statistics);

struct BuyerEnvironmentInputs {
    QString thetaLabel;      // "" when unknown
    QString breakoutLabel;   // today's; "" when unknown
    QString regime;          // "" when unknown
    bool premiumAtRealisedVol = false;  // the theta edge's straddle is priced at rv_20, not implied vol
};
// PREMIUM_FRIENDLY (GREEN): theta EDGE_JUSTIFIES_PREMIUM against an implied-priced straddle, today's
// breakout not LOW, regime not CHOPPY. A straddle priced at realised vol says nothing of the premium a
// buyer pays (implied, usually higher), so it can justify no premium.
// UNFAVOURABLE (RED): theta DONT_WASTE_PREMIUM and today's breakout not HIGH.
// SPECULATIVE_ONLY (AMBER): otherwise.
report::Flag buyerEnvironment(const BuyerEnvironmentInputs& inputs);

// spot ± w, w = max(ATR14, spot·σ/√252): a close beyond either is larger than both the typical true
// range and the one-session 1σ move the quoted volatility implies. Null when w is 0 or reaches spot.
report::LevelRange breakoutLevels(double spot, std::optional<double> atr, std::optional<double> sigmaAnnual);

}  // namespace aegis::engines
