#include "engines/buyer/buyer_rules.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace aegis::engines {

namespace {

constexpr int kVarianceRatioSessions = 5;

}  // namespace

QString breakoutLabel(double probability, double baseRate)
{
    if (probability >= kBreakoutHighRatio * baseRate)
        return QStringLiteral("HIGH");
    if (probability <= kBreakoutLowRatio * baseRate)
        return QStringLiteral("LOW");
    return QStringLiteral("MEDIUM");
}

QString thetaEdgeLabel(double probability)
{
    if (probability >= kThetaEdgeAt)
        return QStringLiteral("EDGE_JUSTIFIES_PREMIUM");
    if (probability >= kThetaBorderlineAt)
        return QStringLiteral("BORDERLINE");
    return QStringLiteral("DONT_WASTE_PREMIUM");
}

std::optional<RegimeStatistics> regimeStatistics(const std::vector<double>& closes, int sessions)
{
    if (sessions < 2 * kVarianceRatioSessions || int(closes.size()) < sessions + 1)
        return std::nullopt;
    std::vector<double> returns;
    for (std::size_t t = closes.size() - std::size_t(sessions); t < closes.size(); ++t)
        returns.push_back(std::log(closes[t] / closes[t - 1]));
    const double n = double(returns.size());
    const double mean = std::accumulate(returns.begin(), returns.end(), 0.0) / n;
    double variance = 0.0;
    double lagged = 0.0;
    for (std::size_t t = 0; t < returns.size(); ++t) {
        variance += (returns[t] - mean) * (returns[t] - mean);
        if (t > 0)
            lagged += (returns[t] - mean) * (returns[t - 1] - mean);
    }
    if (!(variance > 0.0))
        return std::nullopt;
    double sumVariance = 0.0;
    for (std::size_t t = kVarianceRatioSessions - 1; t < returns.size(); ++t) {
        double sum = 0.0;
        for (int j = 0; j < kVarianceRatioSessions; ++j)
            sum += returns[t - std::size_t(j)] - mean;
        sumVariance += sum * sum;
    }
    RegimeStatistics statistics;
    statistics.lag1Autocorrelation = lagged / variance;
    // Lo and MacKinlay's unbiased form: the plain ratio of the mean-centred sums averaged 0.93 on a
    // random walk of 60 returns, so MEAN_REVERT (VR5 <= 0.75) came twice as often as TREND_FOLLOWING.
    const double k = kVarianceRatioSessions;
    const double sumsDenominator = k * (n - k + 1.0) * (1.0 - k / n);
    statistics.varianceRatio5 = (sumVariance / sumsDenominator) / (variance / (n - 1.0));
    statistics.trendStrength = std::abs(mean) / (std::sqrt(variance / (n - 1.0)) / std::sqrt(n));
    return statistics;
}

QString buyerRegime(const RegimeStatistics& statistics)
{
    if (statistics.trendStrength >= kTrendStrengthAt
        || (statistics.varianceRatio5 >= kTrendVarianceRatioAt && statistics.lag1Autocorrelation > 0.0))
        return QStringLiteral("TREND_FOLLOWING");
    if (statistics.varianceRatio5 <= kMeanRevertVarianceRatioAt || statistics.lag1Autocorrelation <= kMeanRevertAutocorrelationAt)
        return QStringLiteral("MEAN_REVERT");
    return QStringLiteral("CHOPPY");
}

report::Flag buyerEnvironment(const BuyerEnvironmentInputs& inputs)
{
    QStringList reasons;
    QString theta = inputs.thetaLabel.isEmpty() ? QStringLiteral("theta edge unknown") : QStringLiteral("theta edge %1").arg(inputs.thetaLabel);
    if (inputs.premiumAtRealisedVol && !inputs.thetaLabel.isEmpty())
        theta += QStringLiteral(" against a straddle priced at realised vol (no implied-vol history; the premium paid is usually higher)");
    reasons << theta;
    reasons << (inputs.breakoutLabel.isEmpty() ? QStringLiteral("breakout probability unknown")
                                               : QStringLiteral("breakout probability %1").arg(inputs.breakoutLabel));
    reasons << (inputs.regime.isEmpty() ? QStringLiteral("regime unknown") : QStringLiteral("regime %1").arg(inputs.regime));

    report::Flag flag;
    flag.reasons = reasons;
    if (inputs.thetaLabel == QLatin1String("EDGE_JUSTIFIES_PREMIUM") && !inputs.premiumAtRealisedVol
        && inputs.breakoutLabel != QLatin1String("LOW")
        && !inputs.breakoutLabel.isEmpty() && inputs.regime != QLatin1String("CHOPPY") && !inputs.regime.isEmpty()) {
        flag.label = QStringLiteral("PREMIUM_FRIENDLY");
        flag.color = QStringLiteral("GREEN");
    } else if (inputs.thetaLabel == QLatin1String("DONT_WASTE_PREMIUM") && inputs.breakoutLabel != QLatin1String("HIGH")) {
        flag.label = QStringLiteral("UNFAVOURABLE");
        flag.color = QStringLiteral("RED");
    } else {
        flag.label = QStringLiteral("SPECULATIVE_ONLY");
        flag.color = QStringLiteral("AMBER");
    }
    return flag;
}

report::LevelRange breakoutLevels(double spot, std::optional<double> atr, std::optional<double> sigmaAnnual)
{
    double width = 0.0;
    if (atr && std::isfinite(*atr))
        width = std::max(width, *atr);
    if (sigmaAnnual && std::isfinite(*sigmaAnnual))
        width = std::max(width, spot * *sigmaAnnual / std::sqrt(252.0));
    report::LevelRange levels;
    // A one-session move of the whole price is no level: an unadjusted split or bonus inflates ATR and
    // σ that far (a ×100 jump put a lower level at −38,180).
    if (width > 0.0 && width < spot && std::isfinite(spot)) {
        levels.lower = spot - width;
        levels.upper = spot + width;
    }
    return levels;
}

}  // namespace aegis::engines
