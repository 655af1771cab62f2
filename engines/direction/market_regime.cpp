#include "engines/direction/market_regime.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace aegis::engines {

namespace {

constexpr int kPercentileWindow = 252;
constexpr int kVolatilitySessions = 20;

std::vector<double> finalClosesUpTo(const data::BarSeries& index, QDate asOf, QDate& lastDate)
{
    std::vector<double> closes;
    for (const data::Bar& bar : index.bars) {
        if (!bar.final || bar.session > asOf || !(bar.close > 0.0) || !std::isfinite(bar.close))
            continue;
        closes.push_back(bar.close);
        lastDate = bar.session;
    }
    return closes;
}

// Sample standard deviation of the 20 log returns ending at each close (NaN before enough exist).
std::vector<double> trailingVolatility(const std::vector<double>& closes)
{
    std::vector<double> volatility(closes.size(), std::nan(""));
    for (std::size_t t = kVolatilitySessions; t < closes.size(); ++t) {
        double sum = 0.0, squares = 0.0;
        for (std::size_t i = t + 1 - kVolatilitySessions; i <= t; ++i) {
            const double r = std::log(closes[i] / closes[i - 1]);
            sum += r;
            squares += r * r;
        }
        const double mean = sum / kVolatilitySessions;
        volatility[t] = std::sqrt(std::max(0.0, (squares - kVolatilitySessions * mean * mean) / (kVolatilitySessions - 1)));
    }
    return volatility;
}

// Share of the last 252 known values (today included) that are <= today's.
std::optional<double> percentileOfLast(const std::vector<double>& values)
{
    const double today = values.back();
    if (!std::isfinite(today))
        return std::nullopt;
    int known = 0, atOrBelow = 0;
    const std::size_t first = values.size() > kPercentileWindow ? values.size() - kPercentileWindow : 0;
    for (std::size_t i = first; i < values.size(); ++i) {
        if (!std::isfinite(values[i]))
            continue;
        ++known;
        atOrBelow += values[i] <= today ? 1 : 0;
    }
    if (known < kMinimumPercentileHistory)
        return std::nullopt;
    return double(atOrBelow) / double(known);
}

std::optional<double> vixPercentileOn(const MarketContext& market, QDate date)
{
    const auto it = std::lower_bound(market.dates.begin(), market.dates.end(), date);
    if (it == market.dates.end() || *it != date)
        return std::nullopt;
    const std::size_t row = std::size_t(it - market.dates.begin());
    if (row >= market.vixPercentile252.size() || !std::isfinite(market.vixPercentile252[row]))
        return std::nullopt;
    return market.vixPercentile252[row];
}

}  // namespace

QString toString(MarketRegime regime)
{
    switch (regime) {
    case MarketRegime::LowVolBull: return QStringLiteral("LOW_VOL_BULL");
    case MarketRegime::HighVolBear: return QStringLiteral("HIGH_VOL_BEAR");
    case MarketRegime::SidewaysChop: return QStringLiteral("SIDEWAYS_CHOP");
    case MarketRegime::TrendFollowing: return QStringLiteral("TREND_FOLLOWING");
    }
    return {};
}

MarketRegime classifyRegime(const RegimeInputs& inputs)
{
    if (inputs.volatilityPercentile >= kHighVolPercentile && inputs.trendReturn < 0.0)
        return MarketRegime::HighVolBear;
    if (inputs.trendEfficiency >= kTrendingEfficiency)
        return MarketRegime::TrendFollowing;
    if (inputs.volatilityPercentile <= kLowVolPercentile && inputs.trendReturn > 0.0)
        return MarketRegime::LowVolBull;
    return MarketRegime::SidewaysChop;
}

int regimeHistorySessions(const data::BarSeries& index, QDate asOf)
{
    QDate lastDate;
    return int(finalClosesUpTo(index, asOf, lastDate).size());
}

std::optional<RegimeInputs> measureRegime(const data::BarSeries& index, const MarketContext& market, QDate asOf)
{
    QDate lastDate;
    const std::vector<double> closes = finalClosesUpTo(index, asOf, lastDate);
    if (int(closes.size()) < kMinimumPercentileHistory)
        return std::nullopt;

    RegimeInputs inputs;
    inputs.asOf = lastDate;
    const std::size_t t = closes.size() - 1;
    inputs.trendReturn = std::log(closes[t] / closes[t - kRegimeTrendSessions]);
    double path = 0.0;
    for (std::size_t i = t + 1 - kRegimeTrendSessions; i <= t; ++i)
        path += std::abs(std::log(closes[i] / closes[i - 1]));
    // The sum of the parts can round below the whole by an ulp.
    inputs.trendEfficiency = path > 0.0 ? std::min(1.0, std::abs(inputs.trendReturn) / path) : 0.0;

    if (const std::optional<double> vix = vixPercentileOn(market, lastDate)) {
        inputs.volatilityPercentile = *vix;
        inputs.volatilitySource = QStringLiteral("india_vix");
        return inputs;
    }
    const std::optional<double> realised = percentileOfLast(trailingVolatility(closes));
    if (!realised)
        return std::nullopt;
    inputs.volatilityPercentile = *realised;
    inputs.volatilitySource = QStringLiteral("nifty_rv_20");
    return inputs;
}

}  // namespace aegis::engines
